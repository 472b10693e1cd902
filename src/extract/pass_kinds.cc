// Kinds pass: an event's kind as its arguments and context decide it (violence against civilians,
// disrupted weapons use, crime and accidents when non-political kinds are asked for, who takes
// territory, a withdrawal that hands nothing over), with the new kind's codes.
#include <algorithm>
#include <string>
#include <vector>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

// The agent class ("MIL", "REB", ...) of the nearest agent noun, actor or non-civilian person
// before token `before` in clause `clause`: who acts when no coded actor does ("the army units
// took control", "bandits attacked").
// A phrase of adjacent actors and agent nouns is non-state when any of its words is ("Houthi
// rebel fighters", "Hezbollah fighters").
std::string NearestAgentBefore(const SentenceAnalysis& a, uint32_t before, size_t clause) {
  struct Span {
    uint32_t first, end;
    std::string agent;
  };
  std::vector<Span> spans;
  for (const auto& m : a.actors)
    if (m.end <= before && a.ClauseOf(m.first) == clause && !m.side && !m.attribution &&
        (m.type == "nsa" || !m.agent.empty()))
      spans.push_back({m.first, m.end, m.type == "nsa" ? "REB" : m.agent});
  for (const auto& m : a.matches)
    if (m.entry->klass == lexicon::Class::kAgent && m.end <= before &&
        a.ClauseOf(m.first) == clause)
      spans.push_back({m.first, m.end, std::string(m.entry->Get("agent"))});
  if (spans.empty()) return "";
  std::sort(spans.begin(), spans.end(), [](const Span& x, const Span& y) { return x.end < y.end; });
  std::string agent = spans.back().agent;
  uint32_t first = spans.back().first;
  for (size_t k = spans.size() - 1; k-- > 0;) {
    if (spans[k].end + 1 < first) break;  // adjacent (or overlapping) only
    if (spans[k].agent == "REB") agent = "REB";
    first = std::min(first, spans[k].first);
  }
  return agent;
}

// Whether the agent noun ending at token `end` only says who reports: "police said", "officials say".
bool ReportingSource(const SentenceAnalysis& a, uint32_t end) {
  for (const auto& c : a.cues)
    if (c.type == "speech" && c.first >= end && c.first <= end + 1) return true;
  return false;
}

// Whether armed forces are named in the sentence (as actors, agent nouns, military places or
// victims such as soldiers or policemen); a source that reports ("police said") is not one.
bool ForcesNamed(const SentenceAnalysis& a, const ActorMention* except) {
  for (const auto& m : a.actors)
    if (&m != except && (m.agent == "MIL" || m.agent == "POL" || (m.type == "nsa" && &m != except)) &&
        !ReportingSource(a, m.end))
      return true;
  for (const auto& m : a.matches) {
    if (m.entry->klass == lexicon::Class::kAgent &&
        (m.entry->Get("agent") == "MIL" || m.entry->Get("agent") == "POL") &&
        (!except || m.first < except->first || m.first >= except->end) && !ReportingSource(a, m.end))
      return true;
    if (m.entry->klass == lexicon::Class::kPlaceNoun && m.entry->Get("agent") == "MIL") return true;
  }
  for (const auto& m : a.matches) {
    if (m.entry->klass != lexicon::Class::kPerson || m.entry->Get("civilian") == "1") continue;
    const std::string& w = a.tok(m.first).folded;
    if (w.rfind("soldat", 0) == 0 || w.rfind("soldier", 0) == 0 || w.rfind("polic", 0) == 0 ||
        w.rfind("militair", 0) == 0 || w.rfind("troop", 0) == 0 || w.rfind("servicem", 0) == 0 ||
        w.rfind("border", 0) == 0 || w.rfind("garde", 0) == 0 || w.rfind("conscri", 0) == 0 ||
        // Russian: военн(ослужащие), солдат, полиц(ейские), погранич(ники), бойц(ы)
        w.rfind("\u0432\u043e\u0435\u043d\u043d", 0) == 0 ||
        w.rfind("\u0441\u043e\u043b\u0434\u0430\u0442", 0) == 0 ||
        w.rfind("\u043f\u043e\u043b\u0438\u0446", 0) == 0 ||
        w.rfind("\u043f\u043e\u0433\u0440\u0430\u043d", 0) == 0 ||
        w.rfind("\u0431\u043e\u0439\u0446", 0) == 0)
      return true;
  }
  return false;
}

// A device found, seized or made harmless ("grenades were discovered", "defused a bomb",
// "intercepted two missiles") is no attack: the clause has a `disrupt` cue near the trigger and
// the sentence counts no victims.
bool Disrupted(const SentenceAnalysis& a, const TriggerMention& t) {
  const size_t clause = a.ClauseOf(t.first);
  bool cue = false;
  for (const auto& c : a.cues)
    if (c.type == "disrupt" && a.ClauseOf(c.first) == clause &&
        ((c.end <= t.first && c.end + 12 >= t.first) || (c.first >= t.end && c.first <= t.end + 8)))
      cue = true;
  if (!cue) return false;
  for (const auto& m : a.matches)
    if (m.entry->klass == lexicon::Class::kVictim) return false;
  return true;
}

// Crime and accidents, when the non-political kinds are asked for.
void NonPoliticalKind(const DocumentAnalysis& da, CandidateEvent& ce) {
  Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  // Non-political kinds, when asked for: an arrest or a seizure in a sentence about crime
  // ("arrested ten persons and recovered counterfeit notes", "intercepted 20 smugglers") is
  // the crime's; an explosion nobody set off, with an industrial cause in the text ("ferocious
  // explosions tore through an industrial area"), is an accident.
  if (da.resources.options.non_political && (e.kind == "arrest" || e.kind == "disrupted_weapons_use")) {
    bool crime = false;
    for (const auto& o : a.triggers)  // a named crime, not "crimes" in general
      crime |= o.kind == "organized_crime" && a.tok(o.first).folded.rfind("crim", 0) != 0;
    // Weapons seized stay disrupted weapons use, whatever the group's other crimes.
    for (uint32_t x = tr.first; x < std::min(tr.end + 8, a.sentence.end_token) && crime; ++x) {
      const std::string& w = a.tok(x).folded;
      for (const char* p : {"weapon", "firearm", "arms", "ammunition", "ammo", "explosive", "gun",
                            "rifle", "pistol", "grenade", "bomb", "rocket", "missile", "arme",
                            "munition", "fusil"})
        if (w.rfind(p, 0) == 0) crime = false;
    }
    if (crime) {
      e.kind = "organized_crime";
      SetKindCodes(*da.resources.kinds, e);
    }
  }
  if (da.resources.options.non_political && e.kind == "explosion" && (!e.actor1 || e.actor1->inferred)) {
    bool accident = false;
    for (const auto& s : da.sentences)
      for (const auto& o : s.triggers) accident |= o.kind == "man_made_disaster";
    bool armed = false;
    for (const auto& s : da.sentences)
      for (const auto& m : s.actors) armed |= m.agent == "REB" || m.agent == "MIL" || m.type == "nsa";
    if (accident && !armed) {
      e.kind = "man_made_disaster";
      SetKindCodes(*da.resources.kinds, e);
    }
  }
}

// Territory taken: by whom, or handed over.
void TerritoryKind(const DocumentAnalysis& da, CandidateEvent& ce) {
  Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  const size_t clause = ce.clause();
  // Who takes a place decides the ACLED sub-event type: a state force regains territory,
  // a non-state group overtakes it ("Al-Shabaab recaptured ...", "the army seized ...").
  if (e.kind == "government_regains_territory" || e.kind == "nsa_overtakes_territory") {
    std::string agent = NearestAgentBefore(a, tr.first, clause);
    // "The terrorists were pushed back from the areas": the subject lost them (the one who
    // took them follows "by", as actor1).
    bool passive = false;
    for (const auto& m : a.matches)
      passive |= m.entry->klass == lexicon::Class::kPassive && m.end <= tr.first && m.end + 1 >= tr.first;
    if (passive) agent = agent == "REB" ? "MIL" : agent == "MIL" || agent == "POL" ? "REB" : "";
    if (e.actor1 && !e.actor1->inferred && agent.empty())
      agent = e.actor1->type == "nsa" ? "REB" : e.actor1->type == "state" ? "MIL" : e.actor1->agent;
    if (agent == "REB") e.kind = "nsa_overtakes_territory";
    if (agent == "MIL" || agent == "POL" || agent == "GOV") e.kind = "government_regains_territory";
    // "seized it without resistance", "after the army pulled out of the city" (a withdrawal
    // anywhere in the text: "The militants seized the area following the withdrawal of
    // Puntland forces").
    for (const auto& s : da.sentences)
      for (const auto& o : s.triggers)
        if (o.kind == "nonviolent_transfer" && (&s == &a || o.entry->Get("withdrawal") == "1"))
          e.kind = "nonviolent_transfer";
    // A capture that was only sought, or of military positions rather than territory, is
    // fighting (ACLED: a failed attempt to take territory is an armed clash).
    bool positions = false;
    for (const auto& m : a.matches)
      positions |= m.entry->klass == lexicon::Class::kPlaceNoun && m.entry->Get("agent") == "MIL" &&
                   m.first >= tr.end && m.first <= tr.end + 4;
    if (e.kind != "nonviolent_transfer" &&
        (positions || e.modality == "attempted" || e.modality == "denied" ||
         e.modality == "hypothetical"))
      e.kind = "armed_clash";
    SetKindCodes(*da.resources.kinds, e);
  }
  // A withdrawal that hands nothing over ("US forces have withdrawn from a key base") is a
  // troop movement (ACLED: change to group/activity), not a transfer of territory.
  if (e.kind == "nonviolent_transfer" && tr.entry->Get("withdrawal") == "1") {
    bool taken = false;
    for (const auto& s : da.sentences)
      for (const auto& o : s.triggers)
        taken |= o.kind == "government_regains_territory" || o.kind == "nsa_overtakes_territory" ||
                 (o.kind == "nonviolent_transfer" && o.entry->Get("withdrawal") != "1");
    if (!taken) {
      e.kind = "military_deployment";
      SetKindCodes(*da.resources.kinds, e);
    }
  }
}

void Reclassify(const DocumentAnalysis& da, CandidateEvent& ce) {
  Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  const size_t clause = ce.clause();
  const Roles& roles = ce.roles;
  // Violence against civilians: an armed clash whose target or victims are civilians.
  // Civilians as victims: a civilian noun in a casualty phrase ("tuant une vingtaine de
  // civils", "killed at least 40 civilians"), not a civilian source ("residents said").
  bool civilian_victims = false;
  for (const auto& m : a.matches) {
    if (m.entry->klass != lexicon::Class::kPerson || m.entry->Get("civilian") != "1" ||
        a.ClauseOf(m.first) != clause)
      continue;
    for (const auto& n : a.numbers) civilian_victims |= n.end == m.first || n.end + 1 == m.first;
    for (const auto& v : a.matches)
      civilian_victims |= v.entry->klass == lexicon::Class::kVictim &&
                          ((v.first >= m.end && v.first <= m.end + 3) ||
                           (v.end <= m.first && v.end + 4 >= m.first));
  }
  if (e.kind == "armed_clash" &&
      ((e.actor2 && e.actor2->agent == "CVL") || civilian_victims)) {
    e.kind = "attack_on_civilians";
    SetKindCodes(*da.resources.kinds, e);
  }
  // "Gunmen opened fire on a bus", "bandits killed seven people": unnamed assailants
  // and no armed force anywhere in the sentence.
  if (e.kind == "armed_clash" && e.actor1 && !e.actor1->inferred && e.actor1->code.empty() &&
      e.actor1->agent == "REB" && !ForcesNamed(a, roles.actor1)) {
    e.kind = "attack_on_civilians";
    SetKindCodes(*da.resources.kinds, e);
  }
  // Weapons found or defused, missiles intercepted: disrupted weapons use.
  // (Projectiles, live rounds or tear gas found are no protest event either.)
  bool protest_words = false;
  for (const auto& o : a.triggers) protest_words |= o.kind == "protest";
  if ((e.kind == "grenade" || e.kind == "explosion" || e.kind == "shelling" ||
       e.kind == "suicide_bomb" || e.kind == "chemical_weapon" ||
       (!protest_words && (e.kind == "riot" || e.kind == "excessive_force" ||
                           e.kind == "protest_with_intervention"))) &&
      Disrupted(a, tr)) {
    e.kind = "disrupted_weapons_use";
    SetKindCodes(*da.resources.kinds, e);
  }
  NonPoliticalKind(da, ce);
  TerritoryKind(da, ce);
}

}  // namespace

void PassKinds(DocumentAnalysis& da) {
  for (auto& ce : da.events) Reclassify(da, ce);
}

}  // namespace tocsin::extract
