// Actors pass: each sentence's actor mentions (lexicon actors merged with the agent nouns, place
// nouns and side cues around them; agents with no nationality), the role of the preposition
// before each, the trigger a demonym qualifies; a capital or state named as a place becomes a
// place mention instead.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>

#include "document_analysis.h"
#include "mentions.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

// Russian nouns of legal texts whose genitive complement is a name ("статьи 5 устава НАТО",
// "договора о коллективной безопасности"): article, charter, treaty, convention, resolution.
bool IsDocumentNoun(std::string_view w) {
  static const std::set<std::string_view> kNouns = {
      "\u0441\u0442\u0430\u0442\u044c\u044f", "\u0441\u0442\u0430\u0442\u044c\u0438",
      "\u0441\u0442\u0430\u0442\u044c\u0435", "\u0441\u0442\u0430\u0442\u044c\u044e",
      "\u0441\u0442\u0430\u0442\u044c\u0435\u0439",  // статья статьи статье статью статьей
      "\u0443\u0441\u0442\u0430\u0432", "\u0443\u0441\u0442\u0430\u0432\u0430",
      "\u0443\u0441\u0442\u0430\u0432\u0443", "\u0443\u0441\u0442\u0430\u0432\u043e\u043c",
      "\u0443\u0441\u0442\u0430\u0432\u0435",  // устав устава уставу уставом уставе
      "\u0434\u043e\u0433\u043e\u0432\u043e\u0440", "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0430",
      "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0443", "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u043e\u043c",
      "\u0434\u043e\u0433\u043e\u0432\u043e\u0440\u0435",  // договор ...
      "\u0445\u0430\u0440\u0442\u0438\u044f", "\u0445\u0430\u0440\u0442\u0438\u0438",
      "\u0445\u0430\u0440\u0442\u0438\u044e",  // хартия хартии хартию
      "\u043a\u043e\u043d\u0432\u0435\u043d\u0446\u0438\u044f", "\u043a\u043e\u043d\u0432\u0435\u043d\u0446\u0438\u0438",
      "\u043a\u043e\u043d\u0432\u0435\u043d\u0446\u0438\u044e",  // конвенция конвенции конвенцию
      "\u0440\u0435\u0437\u043e\u043b\u044e\u0446\u0438\u044f", "\u0440\u0435\u0437\u043e\u043b\u044e\u0446\u0438\u0438",
      "\u0440\u0435\u0437\u043e\u043b\u044e\u0446\u0438\u044e",  // резолюция резолюции резолюцию
      "\u043c\u0430\u043d\u0434\u0430\u0442", "\u043c\u0430\u043d\u0434\u0430\u0442\u0430"};  // мандат(а)
  return kNouns.count(w) > 0;
}

// The preposition just before token `i`, skipping determiners.
const lexicon::Match* PrepMatch(const SentenceAnalysis& a, uint32_t i) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token;
  const text::SentenceFlags& covered_by_actor = a.covered_by_actor;
  uint32_t j = i;
  while (j > begin && IsDeterminer(tokens[j - 1].folded)) --j;
  // Russian: a direction adjective between ("по южному Ливану", "в восточной Украине").
  if (j > begin + 1 && IsDirectionAdjective(tokens[j - 1].folded)) --j;
  const lexicon::Match* p = FindEnding(ms, lexicon::Class::kPrep, j);
  // A first name the lexicon does not list between a preposition and a name in an oblique
  // case: "с Эмманюэлем Макроном", "к Владимиру Путину".
  if (!p && j == i && j > begin + 1 && tokens[j - 1].capitalized && !tokens[j - 1].is_punct &&
      !covered_by_actor[j - 1]) {
    bool oblique = false;
    for (const auto& m : ms)
      if (m.first == i && m.entry->klass == lexicon::Class::kActor) {
        const std::string_view c = m.entry->Get("case");
        oblique |= c == "ins" || c == "dat" || c == "gen";
      }
    if (oblique) p = FindEnding(ms, lexicon::Class::kPrep, j - 1);
  }
  return p;
}

std::string PrepBefore(const SentenceAnalysis& a, uint32_t i) {
  const auto* p = PrepMatch(a, i);
  return p ? std::string(p->entry->Get("role")) : std::string();
}

void SetPrep(const SentenceAnalysis& a, ActorMention& am) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token;
  const auto* p = PrepMatch(a, am.first);
  // "Des policiers ont frappé ...": a sentence-initial "des"/"du" is the article of the
  // subject, not the preposition "de".
  if (p && p->first == begin && (tokens[p->first].folded == "des" || tokens[p->first].folded == "du"))
    p = nullptr;
  am.prep_role = p ? p->entry->Get("role") : "";
  am.prep_word = p ? std::string(tokens[p->first].folded) : "";
  am.prep_target = p && p->entry->Get("target") == "1";
  // Russian: no preposition, but a case (doc/lexicon.md `case`): the genitive is the "of"
  // role, the dative the addressee, the instrumental the agent; a bare noun right after a
  // noun trigger or agent marked gen=1 is its genitive ("сессия ОДКБ", "войска Баку").
  if (!p) {
    std::string_view c;
    for (const auto& m : ms)
      if (m.first == am.first && m.entry->Has("case") &&
          (m.entry->klass == lexicon::Class::kActor || m.entry->klass == lexicon::Class::kAgent))
        c = m.entry->Get("case");
    if (c.empty() && am.first > begin)
      for (const auto& m : ms)
        if (m.end == am.first && m.entry->Get("gen") == "1" &&
            (m.entry->klass == lexicon::Class::kTrigger || m.entry->klass == lexicon::Class::kAgent))
          c = "gen";
    am.prep_role = c == "gen" ? "of" : c == "dat" ? "to" : c == "ins" ? "by" : "";
    // A name right after a document noun is its genitive, never an addressee: "статьи 5
    // устава НАТО", "договора ОДКБ" (indeclinable names carry no case of their own).
    if (am.prep_role.empty() && am.first > begin && IsDocumentNoun(tokens[am.first - 1].folded))
      am.prep_role = "of";
  }
}

// A capital or a state's name after a place preposition, or a capital that violence hits: a
// place mention. True when the name is only a place (no actor).
bool StateOrCapitalPlace(SentenceAnalysis& a, const lexicon::Match& m, ActorMention& am,
                         const geo::Gazetteer* gazetteer) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token;
  const text::SentenceFlags& covered_by_actor = a.covered_by_actor;
  const bool capital = m.entry->Get("capital") == "1";
  // A capital or a state's name after a place preposition is a place, not an actor:
  // "à Erevan", "in Kyiv", "en Ukraine". ("à la Russie" addresses a state: not a place.)
  if (!am.adjective && (capital || am.type == "state")) {
    uint32_t j = m.first;
    std::string prep_word;
    while (j > begin && IsDeterminer(tokens[j - 1].folded)) --j;
    if (j > begin + 1 && IsDirectionAdjective(tokens[j - 1].folded)) --j;  // "в восточной Украине"
    bool prep_place = false;  // a preposition marked place=1 ("в", "на юге"): a state there is a place
    if (const auto* p = FindEnding(ms, lexicon::Class::kPrep, j)) {
      prep_word = a.span(p->first, p->end);
      prep_place = p->entry->Get("place") == "1";
    }
    std::string pw = text::FoldWord(prep_word);
    const bool country_loc = pw == "en" || pw == "au" || pw == "aux" || pw == "dans" || prep_place ||
                             pw == "in" || pw == "inside" || pw == "into" || pw == "across" ||
                             pw == "throughout";
    const bool city_loc = am.prep_role == "loc" || pw == "a" || pw == "to";
    bool destination = false;  // "deploying paratroopers to Kazakhstan": a place too
    if (!capital && (pw == "to" || pw == "vers"))
      for (const auto& t : a.triggers)
        if (t.kind == "military_deployment" && t.end <= m.first && t.end + 5 >= m.first)
          destination = true;
    if (destination) {
      PlaceMention pm;
      pm.first = m.first;
      pm.end = m.end;
      pm.folded = geo::FoldName(a.span(m.first, m.end));
      pm.country_level = true;
      pm.cue = "country";
      a.places.push_back(pm);
    }
    if ((capital && city_loc && pw != "to") || (!capital && country_loc)) {
      PlaceMention pm;
      pm.first = m.first;
      pm.end = m.end;
      pm.folded = geo::FoldName(a.span(m.first, m.end));
      if (gazetteer) LookupInflected(*gazetteer, a.span(m.first, m.end), pm.folded);
      pm.country_level = !capital;
      if (pm.country_level) pm.cue = "country";
      a.places.push_back(pm);
      return true;
    }
    // A capital that violence hits is where it happens, and its state the target (a
    // territory, like "les régions arméniennes"), not an actor: "Drones attacked Moscow",
    // "Беспилотники атаковали Москву", "ont attaqué Moscou", "the shelling of Kyiv".
    const std::string_view mcase = m.entry->Get("case");
    if (capital && (pw.empty() || am.prep_role == "of" || am.prep_role == "tgt") &&
        mcase != "dat" && mcase != "ins") {
      const bool of = am.prep_role == "of" || mcase == "gen";
      bool hit = false;
      for (const auto& t : a.triggers) {
        if (!t.violent || t.end > m.first || t.end + 3 < m.first) continue;
        if (of && !(t.of_target && t.nominal)) continue;
        bool clean = true;  // no punctuation nor other name between
        for (uint32_t x = t.end; x < m.first; ++x)
          clean &= !tokens[x].is_punct && !covered_by_actor[x];
        hit |= clean;
      }
      if (hit) {
        PlaceMention pm;
        pm.first = m.first;
        pm.end = m.end;
        pm.folded = geo::FoldName(a.span(m.first, m.end));
        if (gazetteer) LookupInflected(*gazetteer, a.span(m.first, m.end), pm.folded);
        a.places.push_back(pm);
        am.location = true;
      }
    }
  }
  return false;
}

// Agent noun before: "les troupes de Bakou", "le représentant arménien", "forces of ...".
void MergeAgentBefore(const SentenceAnalysis& a, const lexicon::Match& m, ActorMention& am) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token;
    if (m.first > begin) {
    uint32_t j = m.first;
    if (am.adjective) {
      if (const auto* ag = FindEnding(ms, lexicon::Class::kAgent, j)) {
        am.first = ag->first;
        if (am.agent.empty()) am.agent = ag->entry->Get("agent");
        // "du côté des troupes azéries": a side, not an actor.
        uint32_t k = ag->first;
        while (k > begin && (IsDeterminer(tokens[k - 1].folded) || tokens[k - 1].folded == "des" ||
                             tokens[k - 1].folded == "de" || tokens[k - 1].folded == "of"))
          --k;
        if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, k); cue && cue->entry->Get("type") == "side") {
          am.first = cue->first;
          am.side = true;
        }
        am.prep_role = PrepBefore(a, am.first);
      } else if (const auto* pn = FindEnding(ms, lexicon::Class::kPlaceNoun, j)) {
        am.first = pn->first;
        am.location = true;
        if (pn->entry->Has("agent")) am.agent = pn->entry->Get("agent");
      } else if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, j);
                 cue && cue->entry->Get("type") == "side") {
        am.first = cue->first;
        am.side = true;
      }
    } else {
      // agent + of-preposition (+ determiner) + actor
      while (j > begin && IsDeterminer(tokens[j - 1].folded)) --j;
      if (const auto* p = FindEnding(ms, lexicon::Class::kPrep, j); p && p->entry->Get("role") == "of") {
        if (const auto* ag = FindEnding(ms, lexicon::Class::kAgent, p->first)) {
          am.first = ag->first;
          if (am.agent.empty()) am.agent = ag->entry->Get("agent");
          am.prep_role = PrepBefore(a, ag->first);
        } else if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, p->first);
                   cue && cue->entry->Get("type") == "side") {
          am.first = cue->first;
          am.side = true;
        }
      }
      // Russian genitive: "войска Баку", "Министерство обороны России", "боевики «Хамас»" (an
      // agent marked gen=1 right before the actor, no preposition between, maybe a quote).
      const uint32_t q = m.first > begin && (tokens[m.first - 1].folded == "\u00ab" ||
                                             tokens[m.first - 1].folded == "\"")
                             ? m.first - 1
                             : m.first;
      if (am.first == m.first && j == m.first)
        if (const auto* ag = FindEnding(ms, lexicon::Class::kAgent, q);
            ag && ag->entry->Get("gen") == "1") {
          am.first = ag->first;
          if (am.agent.empty()) am.agent = ag->entry->Get("agent");
        }
      if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, j);
          !am.side && cue && cue->entry->Get("type") == "side") {
        am.first = cue->first;
        am.side = true;
      }
    }
  }
}

void AddActor(SentenceAnalysis& a, const lexicon::Match& m, const geo::Gazetteer* gazetteer) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token, end = a.sentence.end_token;
  ActorMention am;
  am.first = am.head = m.first;
  am.end = m.end;
  am.code = m.entry->Get("code");
  am.name = m.entry->GetText("name");
  am.type = m.entry->Get("type");
  am.agent = m.entry->Get("agent");
  am.adjective = m.entry->Get("adj") == "1";
  am.prep_role = PrepBefore(a, m.first);
  if (StateOrCapitalPlace(a, m, am, gazetteer)) return;
  MergeAgentBefore(a, m, am);
  // Agent or place noun after: "Azerbaijani troops", "Armenian territory", "Russia's army".
  uint32_t after = m.end;
  if (after < end && tokens[after].folded == "'s") ++after;
  if (after < end) {
    if (const auto* ag = FindStarting(ms, lexicon::Class::kAgent, after)) {
      am.end = ag->end;
      if (am.agent.empty()) am.agent = ag->entry->Get("agent");
    } else if (am.adjective) {
      if (const auto* pn = FindStarting(ms, lexicon::Class::kPlaceNoun, after)) {
        am.end = pn->end;
        am.location = true;
        if (pn->entry->Has("agent")) am.agent = pn->entry->Get("agent");
      } else if (const auto* cue = FindStarting(ms, lexicon::Class::kCue, after);
                 cue && cue->entry->Get("type") == "side" && cue->end == after + 1) {
        am.end = cue->end;
        am.side = true;
      }
    }
  }
  // "du côté des troupes azéries", "on the side of the Azerbaijani troops".
  for (uint32_t k = am.first; !am.side && k > begin; --k) {
    if (const auto* cue = FindEnding(ms, lexicon::Class::kCue, k); cue && cue->entry->Get("type") == "side") {
      am.first = cue->first;
      am.side = true;
    }
    const std::string& w = tokens[k - 1].folded;
    if (!IsDeterminer(w) && w != "des" && w != "de" && w != "of" && w != "du") break;
  }
  SetPrep(a, am);
  // "on the Armenian side": the adjective sits inside the side cue.
  for (const auto& c : ms)
    if (c.entry->klass == lexicon::Class::kCue && c.entry->Get("type") == "side" && c.first < m.first &&
        c.end > m.end) {
      am.side = true;
      am.first = c.first;
      am.end = c.end;
    }
  // A demonym next to a nominal trigger qualifies it: "Azerbaijani shelling",
  // "les bombardements azerbaïdjanais".
  if (!am.location && !am.side) {
    for (size_t t = 0; t < a.triggers.size(); ++t) {
      const auto& tr = a.triggers[t];
      // "EU mediation", "Russian shelling", "les bombardements azerbaïdjanais".
      if (tr.nominal && (tr.first == am.end || (am.adjective && tr.end == am.first)))
        am.trigger_adjective = static_cast<int>(t);
    }
  }
  a.actors.push_back(am);
}

void Actors(SentenceAnalysis& a, const geo::Gazetteer* gazetteer) {
  const std::vector<lexicon::Match>& ms = a.matches;
  // Actor mentions, merged with agent nouns, place nouns and side cues around them.
  for (const auto& m : ms)
    if (m.entry->klass == lexicon::Class::kActor) AddActor(a, m, gazetteer);
  // Agents with no nationality still act: "Gunmen killed ...", "des manifestants".
  for (const auto& m : ms) {
    if (m.entry->klass != lexicon::Class::kAgent) continue;
    const std::string agent(m.entry->Get("agent"));
    // (and the police: "police arrested ...", "la police a dispersé ...")
    if (agent != "REB" && agent != "PRO" && agent != "CVL" && agent != "POL") continue;
    bool merged = false;
    for (const auto& am : a.actors) merged |= m.first >= am.first && m.first < am.end;
    if (merged) continue;
    ActorMention am;
    am.first = am.head = m.first;
    am.end = m.end;
    am.agent = agent;
    am.type = agent == "REB" ? "nsa" : agent == "POL" ? "state" : "civilian";
    am.name = std::string(a.span(m.first, m.end));
    SetPrep(a, am);
    for (size_t t = 0; t < a.triggers.size(); ++t)
      if (a.triggers[t].nominal && a.triggers[t].first == am.end)
        am.trigger_adjective = static_cast<int>(t);
    a.actors.push_back(am);
  }
  std::sort(a.actors.begin(), a.actors.end(),
            [](const ActorMention& x, const ActorMention& y) { return x.first < y.first; });
}

}  // namespace

void PassActors(DocumentAnalysis& da) {
  for (auto& a : da.sentences) Actors(a, da.resources.gazetteer.get());
}

}  // namespace tocsin::extract
