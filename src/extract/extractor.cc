// The extractor: document frame, event frames, arguments, casualties.
#include "tocsin/extract/extractor.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "cameo.h"
#include "internal.h"
#include "resources.h"
#include "tocsin/core/data_dir.h"
#include "tocsin/codes/kinds.h"
#include "tocsin/geo/countries.h"
#include "tocsin/geo/gazetteer.h"
#include "tocsin/geo/resolve.h"
#include "tocsin/geo/territory.h"
#include "tocsin/geoparse/geoparser.h"
#include "tocsin/lang/detect.h"
#include "tocsin/lexicon/lexicon.h"
#include "tocsin/lexicon/lemmatizer.h"
#include "tocsin/text/tokenize.h"

namespace tocsin::extract {

struct Extractor::Impl {
  std::unique_ptr<ExtractResources> resources;
};

Extractor::Extractor() : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;

StatusOr<std::unique_ptr<Extractor>> Extractor::Create(const ExtractorOptions& options) {
  auto resources = ExtractResources::Load(options);
  if (!resources.ok()) return resources.status();
  std::unique_ptr<Extractor> x(new Extractor());
  x->impl_->resources = std::move(resources).value();
  return x;
}

namespace {

// The document's conflict frame: the two sides that fight, the attacking side first.
struct Frame {
  std::string aggressor, defender;
  bool known() const { return !aggressor.empty() && !defender.empty(); }
  std::string Other(const std::string& code) const {
    if (code == aggressor) return defender;
    if (code == defender) return aggressor;
    return "";
  }
};

// Parties that can fight: states (and their leaders) and armed groups with a code.
bool IsState(const ActorMention& m) {
  return !m.code.empty() && (m.type == "state" || m.type == "person" || m.type == "nsa");
}

Actor ToActor(const SentenceAnalysis& a, const ActorMention& m) {
  Actor actor;
  actor.code = m.code;
  actor.name = m.name;
  actor.text = std::string(a.span(m.first, m.end));
  actor.agent = m.agent;
  actor.type = m.type == "person" ? "state" : m.type;
  return actor;
}

Actor InferredActor(const std::string& code) {
  Actor actor;
  actor.code = code;
  actor.name = geo::CountryName(code);
  actor.type = "state";
  actor.inferred = true;
  return actor;
}

// Roles of one trigger inside its sentence.
struct Roles {
  const ActorMention* actor1 = nullptr;
  const ActorMention* actor2 = nullptr;
  const ActorMention* co_actor = nullptr;  // "Israel and Hamas agreed": the second subject
  const ActorMention* location = nullptr;  // "les régions arméniennes": the territory hit
  const ActorMention* speaker = nullptr;   // who says so (speech verb before or after)
};

bool IsDeterminerToken(std::string_view w) {
  return w == "le" || w == "la" || w == "les" || w == "l'" || w == "the";
}

// Whether a violent and a non-violent trigger sit between token x and trigger t: then the
// actor at x is the subject of that other predicate, not of t ("la Russie a affirmé avoir
// obtenu un cessez-le-feu, les combats se poursuivent").
// A noun trigger that is the object of a verb trigger right before it ("осудили удары и
// призвали ...", "condemned the attacks and called ...") is no predicate and blocks nothing.
bool BlockedBetween(const SentenceAnalysis& a, uint32_t x, const TriggerMention& t) {
  for (const auto& o : a.triggers) {
    if (o.first < x || o.end > t.first || o.violent == t.violent) continue;
    bool object = false;
    if (o.nominal)
      for (const auto& p : a.triggers)
        if (&p != &o && p.violent == t.violent && p.first >= x && p.end <= o.first &&
            p.end + 4 >= o.first) {
          // Only determiners, names and prepositions between ("the Russian strikes",
          // "обвинила Азербайджан в обстреле", "accused Baku of shelling").
          bool ok = true;
          for (uint32_t k = p.end; k < o.first; ++k) {
            bool adj = false;
            for (const auto& m : a.actors) adj |= k >= m.first && k < m.end;
            for (const auto& m : a.matches)
              adj |= m.entry->klass == lexicon::Class::kPrep && k >= m.first && k < m.end;
            const std::string& w = a.tok(k).folded;
            ok &= !a.tok(k).is_punct && (adj || IsDeterminerToken(w) || w == "des" || w == "ces" ||
                                         w == "these" || w == "those" || w == "an");
          }
          object |= ok;
        }
    if (!object) return true;
  }
  return false;
}

bool IsForce(const ActorMention& m) {
  return m.agent == "MIL" || m.agent == "REB" || m.agent == "POL";
}

bool HasMatch(const SentenceAnalysis& a, lexicon::Class cls, uint32_t from, uint32_t to) {
  for (const auto& m : a.matches)
    if (m.entry->klass == cls && m.first >= from && m.end <= to) return true;
  return false;
}

const ActorMention* SpeakerOf(const SentenceAnalysis& a, const TriggerMention& t) {
  auto usable = [](const ActorMention& m) { return !m.side && !m.attribution && !m.location; };
  const ActorMention* speaker = nullptr;
  for (const auto& c : a.cues) {
    if (c.type != "speech") continue;
    if (c.first < t.first) {  // "X a confirmé que ...", "X said ..."
      for (const auto& m : a.actors)
        if (m.end <= c.first && usable(m) && m.prep_role.empty()) speaker = &m;
      continue;
    }
    if (speaker || c.first < t.end) continue;
    // Post-posed: "..., the Israeli army said." / "..., a précisé le ministère ukrainien."
    uint32_t comma = 0;
    for (uint32_t x = t.end; x < c.first; ++x)
      if (a.tok(x).folded == ",") comma = x;
    if (comma)
      for (const auto& m : a.actors)
        if (m.first > comma && m.end <= c.first && usable(m)) speaker = &m;
    if (!speaker && c.first > 0 && a.tok(c.first - 1).folded == ",")
      for (const auto& m : a.actors)
        if (m.first >= c.end && m.first <= c.end + 3 && usable(m)) speaker = &m;
  }
  return speaker;
}

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

// Whether a trigger between tokens `from` and `to` is a verb coordinated with an earlier one
// ("... and condemned", "... et condamné", "... и осудила").
bool CoordinatedVerbBetween(const SentenceAnalysis& a, uint32_t from, uint32_t to) {
  for (const auto& o : a.triggers) {
    if (o.first < from || o.first >= to) continue;
    uint32_t k = o.first;
    while (k > from) {
      const std::string& w = a.tok(k - 1).folded;
      if (w != "a" && w != "ont" && w != "has" && w != "have" && w != "also" &&
          w != "\u0442\u0430\u043a\u0436\u0435")  // также
        break;
      --k;
    }
    if (k <= from) continue;
    auto conj = [&](uint32_t i) {
      const std::string& w = a.tok(i).folded;
      return w == "and" || w == "et" || w == "\u0438";
    };
    if (conj(k - 1)) return true;
    // A light verb before a noun trigger: "и выразил поддержку Киеву", "and expressed support".
    if (o.nominal && k - 1 > from && !a.tok(k - 1).is_punct && !a.tok(k - 1).capitalized &&
        conj(k - 2))
      return true;
  }
  return false;
}

// A trigger listed with the nouns ("attack|attacked", "bombard*") used as a participle right
// after a passive auxiliary ("Moscow was attacked", "a été bombardée"), not a progressive
// ("was shelling") nor a predicate noun ("there were attacks").
bool PassiveParticiple(const SentenceAnalysis& a, const TriggerMention& t, uint32_t x) {
  if (x != t.first) return false;
  const std::string& w = a.tok(t.first).folded;
  auto ends = [&](std::string_view e) {
    return w.size() > e.size() + 2 && w.compare(w.size() - e.size(), e.size(), e) == 0;
  };
  const std::string& aux = a.tok(x - 1).folded;
  // (Not "est"/"sont": "se sont accordés", "sont entrés" are active.)
  const bool french = aux == "ete" || aux == "etait" || aux == "etaient";
  if (aux == "est" || aux == "sont") return false;
  if (!french) return ends("ed") || w == "struck" || w == "hit" || w == "shot";
  return ends("e") || ends("ee") || ends("es") || ends("ees");
}

// How a trigger of the first clause lacks its subject: 1 a sentence-initial subject pronoun
// ("Il a appelé ...", "They condemned ...", "Она призвала ..."), 2 (Russian) no subject at all,
// the verb opening the sentence after adverbs only ("Также призвала стороны ..."); 0 otherwise.
// Either way the subject is the previous sentence's.
int SubjectlessStart(const SentenceAnalysis& a, const TriggerMention& t, std::string_view lang) {
  if (a.ClauseOf(t.first) != 0) return 0;
  for (const auto& m : a.actors)
    if (m.first < t.first) return 0;
  for (const auto& m : a.matches)
    if (m.first < t.first && (m.entry->klass == lexicon::Class::kAgent ||
                              m.entry->klass == lexicon::Class::kPerson))
      return 0;
  static const std::set<std::string_view> kPronouns = {
      "il", "elle", "ils", "elles", "it", "they", "he", "she",
      "\u043e\u043d", "\u043e\u043d\u0430", "\u043e\u043d\u0438"};  // он она они
  // Russian words that may open a sentence before its verb when the subject is left out.
  static const std::set<std::string_view> kOpeners = {
      "\u0442\u0430\u043a\u0436\u0435", "\u0437\u0430\u0442\u0435\u043c",  // также затем
      "\u043f\u043e\u0437\u0434\u043d\u0435\u0435", "\u043f\u043e\u0437\u0436\u0435",  // позднее позже
      "\u043a\u0440\u043e\u043c\u0435", "\u0442\u043e\u0433\u043e",  // кроме того
      "\u043f\u0440\u0438", "\u044d\u0442\u043e\u043c",  // при этом
      "\u0442\u0430\u043a\u0436\u0435", "\u0442\u043e\u0433\u0434\u0430",  // тогда
      "\u0430", "\u043d\u043e", "\u0438",  // а но и
      "\u0440\u0430\u043d\u0435\u0435", "\u043d\u0430\u043a\u0430\u043d\u0443\u043d\u0435",  // ранее накануне
      "\u0432\u043f\u043e\u0441\u043b\u0435\u0434\u0441\u0442\u0432\u0438\u0438",  // впоследствии
      "\u0442\u0430\u043a\u0436\u0435", "\u043a\u0440\u043e\u043c\u0435",
      "\u043e\u0434\u043d\u0430\u043a\u043e", "\u0442\u0435\u043c", "\u043d\u0435",  // однако тем не
      "\u043c\u0435\u043d\u0435\u0435", "\u0436\u0435", "\u0443\u0436\u0435",  // менее же уже
      "\u0442\u0430\u043a\u0438\u043c", "\u043e\u0431\u0440\u0430\u0437\u043e\u043c",  // таким образом
      "\u043e\u0444\u0438\u0446\u0438\u0430\u043b\u044c\u043d\u043e",  // официально
      "\u0432\u0447\u0435\u0440\u0430", "\u0441\u0435\u0433\u043e\u0434\u043d\u044f",  // вчера сегодня
      "\u0442\u0430\u043a\u0436\u0435", "\u0441\u0440\u0430\u0437\u0443", ","};  // сразу
  const uint32_t b = a.sentence.first_token;
  if (t.first > b && kPronouns.count(a.tok(b).folded) && t.first <= b + 4) return 1;
  if (lang != "ru" || t.nominal) return 0;
  for (uint32_t x = b; x < t.first; ++x)
    if (!kOpeners.count(a.tok(x).folded)) return 0;
  return 2;
}

Roles FindRoles(const SentenceAnalysis& a, const TriggerMention& t, size_t trigger_index) {
  Roles r;
  // The roles of a trigger may borrow those of a neighbouring one (coordination, threat,
  // accusation); a bound on the nesting keeps odd sentences from looping.
  static thread_local int depth = 0;
  struct DepthGuard {
    int& d;
    explicit DepthGuard(int& x) : d(x) { ++d; }
    ~DepthGuard() { --d; }
  } guard(depth);
  const bool may_borrow = depth <= 3;
  const size_t clause = a.ClauseOf(t.first);
  auto in_clause = [&](const ActorMention& m) { return a.ClauseOf(m.first) == clause; };
  auto usable = [&](const ActorMention& m) { return !m.side && !m.attribution; };
  r.speaker = SpeakerOf(a, t);

  // a) an actor qualifying the trigger: "Azerbaijani shelling", "EU mediation".
  for (const auto& m : a.actors)
    if (m.trigger_adjective == static_cast<int>(trigger_index) && usable(m)) r.actor1 = &m;
  // b) after the trigger: "les avancées de l'Azerbaïdjan", "attack by Russian forces",
  //    "the bombardment of Kharkiv" (a target), "fighting between X and Y"; not only for
  //    violence: "the ceasefire between Israel and Hezbollah", "a meeting between the foreign
  //    ministers of Russia, Azerbaijan and Armenia", "talks between X and Y".
  //    The "between" may follow a place and a date: "a meeting in Moscow on Friday between".
  bool passive = false;
  uint32_t between = t.end;
  for (uint32_t x = t.end; x < a.sentence.end_token && x < t.end + 7 && a.ClauseOf(x) == clause; ++x) {
    const std::string& w = a.tok(x).folded;
    if (w == "between" || w == "entre" || w == "\u043c\u0435\u0436\u0434\u0443") {  // Russian между
      between = x;
      break;
    }
    if (a.tok(x).is_punct || HasMatch(a, lexicon::Class::kTrigger, x, x + 1)) break;
  }
  // Beyond violence, only for what binds or gathers two parties.
  const bool bilateral = t.violent || t.kind == "ceasefire" || t.kind == "meeting" ||
                         t.kind == "agreement" || t.kind == "mediation";
  if (!r.actor1 && bilateral && between + 1 < a.sentence.end_token && between < t.end + 7 &&
      (a.tok(between).folded == "between" || a.tok(between).folded == "entre" ||
       a.tok(between).folded == "\u043c\u0435\u0436\u0434\u0443")) {
    const ActorMention* x = nullptr;
    const ActorMention* y = nullptr;
    for (const auto& m : a.actors) {
      if (m.first <= between || !usable(m) || m.location) continue;
      if (!x) {
        x = &m;
      } else if (!y && m.code != x->code) {
        y = &m;
      }
    }
    if (x && y) {
      r.actor1 = x;
      r.actor2 = y;
      if (t.kind == "ceasefire") r.co_actor = y;  // the parties it binds
    }
  }
  for (const auto& m : a.actors) {
    if (r.actor1 || !usable(m) || m.location) continue;
    if (m.first < t.end || m.first > t.end + 4) continue;
    if (HasMatch(a, lexicon::Class::kTrigger, t.end, m.first)) continue;
    bool between_ok = true;
    for (uint32_t x = t.end; x < m.first; ++x)
      if (a.tok(x).is_punct) between_ok = false;
    if (!between_ok) continue;
    if (m.prep_role == "by") {
      r.actor1 = &m;
    } else if (m.prep_role == "of" && t.nominal && t.kind != "accusation" &&
               t.kind != "ceasefire" && m.first <= t.end + 2) {
      // "удар Израиля по Газе", "l'attaque de la Russie contre l'Ukraine": with a target
      // after it, the complement is who strikes.
      bool target_follows = false;
      for (const auto& pm : a.matches) {
        if (pm.entry->klass != lexicon::Class::kPrep || pm.first != m.end ||
            (pm.entry->Get("target") != "1" && pm.entry->Get("role") != "tgt"))
          continue;
        for (const auto& o : a.actors) target_follows |= o.first >= pm.end && o.first <= pm.end + 2;
        for (const auto& p : a.places) target_follows |= p.first >= pm.end && p.first <= pm.end + 2;
      }
      if (t.of_target && !IsForce(m) && !target_follows) {
        if (!r.actor2) r.actor2 = &m;
      } else {
        r.actor1 = &m;
      }
    }
  }
  // "ont été bombardées", "was shelled": the subject undergoes the act.
  for (uint32_t x = t.first; x > a.sentence.first_token && x + 3 > t.first; --x)
    for (const auto& pm : a.matches)
      if (pm.first == x - 1 && pm.entry->klass == lexicon::Class::kPassive &&
          (!t.nominal || PassiveParticiple(a, t, x)))
        passive = true;
  // c) the subject: the nearest actor on the left that no preposition governs.
  const ActorMention* subject = nullptr;
  for (const auto& m : a.actors) {
    if (m.end > t.first || !in_clause(m) || !usable(m) || m.location) continue;
    if (!m.prep_role.empty() && m.prep_role != "attrib") continue;
    if (BlockedBetween(a, m.end, t)) continue;
    subject = &m;  // keeps the nearest
  }
  // "Turkey backed Azerbaijan and condemned ...", "Турция поддержала Азербайджан и осудила":
  // a verb right after "and" shares the subject of the verb before it, whose object the
  // nearest name is.
  if (subject && t.first > a.sentence.first_token) {
    uint32_t k = t.first;
    while (k > subject->end + 1) {  // auxiliaries and adverbs: "and has condemned", "et a"
      const std::string& w = a.tok(k - 1).folded;
      if (w != "a" && w != "ont" && w != "has" && w != "have" && w != "had" && w != "also" &&
          w != "then" && w != "later" && w != "aussi" && w != "ensuite" && w != "puis" &&
          w != "также" && w != "затем")  // также затем
        break;
      --k;
    }
    const std::string& w = k > subject->end ? a.tok(k - 1).folded : "";
    if (w == "and" || w == "et" || w == "\u0438") {  // Russian и
      bool shared = false;
      for (size_t p = 0; p < a.triggers.size(); ++p) {
        const auto& o = a.triggers[p];
        if (o.end > subject->first || o.first + 6 < subject->first || a.ClauseOf(o.first) != clause ||
            o.violent != t.violent)
          continue;
        // The earlier verb's own subject (its object is `subject`).
        if (!may_borrow) break;
        Roles first = FindRoles(a, o, p);
        if (first.actor1 && first.actor1 != subject && first.actor1->end <= o.first)
          subject = first.actor1;
        shared = true;
        break;
      }
      // The earlier verb is no trigger ("Turkey backed Azerbaijan and condemned"): a bare name
      // a few words before, with no conjunction nor punctuation between, is the subject.
      if (!shared) {
        const ActorMention* s = nullptr;
        for (const auto& m : a.actors) {
          if (m.end + 1 > subject->first || m.end + 4 < subject->first || !in_clause(m) ||
              !usable(m) || m.location || !m.prep_role.empty() || m.adjective)
            continue;
          bool ok = true;
          for (uint32_t x = m.end; x < subject->first; ++x) {
            const std::string& v = a.tok(x).folded;
            ok &= !a.tok(x).is_punct && v != "and" && v != "et" && v != "\u0438" && v != "or" &&
                  v != "ou" && v != "\u0438\u043b\u0438";
          }
          if (ok && !HasMatch(a, lexicon::Class::kPrep, m.end, subject->first) &&
              !HasMatch(a, lexicon::Class::kTrigger, m.end, subject->first))
            s = &m;
        }
        if (s && !BlockedBetween(a, s->end, t)) subject = s;
      }
    }
  }
  // "Israel and Hamas agreed": the first conjunct leads, the second is the other party (only
  // when the subject is the actor: "les progrès réalisés par l'Azerbaïdjan" has its own).
  if (subject && !r.actor1 && subject->first > a.sentence.first_token) {
    uint32_t k = subject->first;
    while (k > a.sentence.first_token && IsDeterminerToken(a.tok(k - 1).folded)) --k;
    const std::string& w = k > a.sentence.first_token ? a.tok(k - 1).folded : "";
    if (w == "and" || w == "et" || w == "\u0438")  // Russian и
      for (const auto& m : a.actors)
        if (m.end + 1 == k && usable(m) && !m.location && m.code != subject->code) {
          r.co_actor = subject;
          subject = &m;
          break;
        }
  }
  // "Nikol Pachinian, accusé de préparer des concessions": an appositive participle says
  // what is said of the subject, who is its target.
  if (subject && t.kind == "accusation" && t.first > 0 && a.tok(t.first - 1).folded == "," &&
      subject->end + 1 == t.first)
    passive = true;
  // "Four Malian soldiers killed by a roadside bomb": the subject is the victim. Not when the
  // victim verb is active ("Bandits have killed seven people in attacks"): an auxiliary before
  // it, or its object (a count or a person noun) right after it.
  bool victim_between = false;
  for (const auto& v : a.matches) {
    if (!subject || v.entry->klass != lexicon::Class::kVictim || v.first < subject->end ||
        v.end > t.first)
      continue;
    const std::string& before = v.first > 0 ? a.tok(v.first - 1).folded : "";
    bool active = before == "have" || before == "has" || before == "had" || before == "ont";
    for (const auto& n : a.numbers) active |= n.first >= v.end && n.first <= v.end + 2;
    for (const auto& p : a.matches)
      active |= p.entry->klass == lexicon::Class::kPerson && p.first >= v.end && p.first <= v.end + 2;
    if (!active) victim_between = true;
  }
  if (subject && (passive || victim_between)) {
    if (!r.actor2) r.actor2 = subject;
    if (r.co_actor && !r.actor1) r.actor1 = nullptr;
    subject = nullptr;
  }
  if (!r.actor1) r.actor1 = subject;
  // A subject pronoun ("après quoi elle a établi ...", "it said") stands for the last subject
  // of the sentence's earlier clauses.
  if (!r.actor1 && clause > 0) {
    bool pronoun = false;
    for (uint32_t x = a.clause_starts[clause]; x < t.first; ++x) {
      const std::string& w = a.tok(x).folded;
      pronoun |= w == "il" || w == "elle" || w == "ils" || w == "elles" || w == "it" ||
                 w == "they" || w == "he" || w == "she" ||
                 w == "\u043e\u043d" || w == "\u043e\u043d\u0430" || w == "\u043e\u043d\u0438";  // он она они
    }
    if (pronoun)
      for (const auto& m : a.actors)
        if (m.end <= a.clause_starts[clause] && usable(m) && !m.location && m.prep_role.empty())
          r.actor1 = &m;
  }
  // "Иран пригрозил нанести удар по Израилю", "threatened to strike": who threatens would strike.
  if (!r.actor1 && t.violent)
    for (size_t p = 0; p < a.triggers.size(); ++p) {
      const auto& o = a.triggers[p];
      if (o.kind != "threat" || o.end > t.first || o.end + 3 < t.first || a.ClauseOf(o.first) != clause)
        continue;
      if (may_borrow) r.actor1 = FindRoles(a, o, p).actor1;
      break;
    }
  // Targets: the first actor after the trigger (violent kinds need a target preposition or a
  // direct object; the addressee of a request or a statement may take any), and territories.
  for (const auto& m : a.actors) {
    // (A name inside a non-violent pattern's `..` gap is its object: "призвал Пхеньян
    // прекратить", "призвала Армению и Азербайджан к сдержанности".)
    const bool in_gap = !t.violent && m.first > t.first && m.end < t.end;
    if ((m.first < t.end && !in_gap) || !in_clause(m) || !usable(m) || &m == r.actor1) continue;
    if (m.location) {
      if (!r.location) r.location = &m;
      continue;
    }
    if (r.actor2) continue;
    if (r.actor1 && m.code == r.actor1->code) continue;
    // "condemned the strikes and asked the UN to intervene": a name after a coordinated verb
    // is that verb's.
    if (CoordinatedVerbBetween(a, t.end, m.first)) continue;
    // A violent act's target is its direct object or follows "contre"/"against"/"at"/"on".
    if (t.violent && !(m.prep_role == "tgt" || m.prep_target ||
                       (m.prep_role.empty() && m.first <= t.end + 3)))
      continue;
    if (m.prep_role == "of" || m.prep_role == "by" || m.prep_role == "attrib") continue;
    r.actor2 = &m;
  }
  for (const auto& m : a.actors)
    if (m.location && !r.location && in_clause(m) && usable(m)) r.location = &m;
  // "осудила удар Израиля по Газе", "condemned the strike by Israel": who is condemned is who
  // did the violence the accusation is about (a violent noun right after it).
  if (t.kind == "accusation" && !r.actor2 && !t.violent)
    for (size_t p = 0; p < a.triggers.size(); ++p) {
      const auto& o = a.triggers[p];
      if (!o.violent || !o.nominal || o.first < t.end || o.first > t.end + 3) continue;
      if (!may_borrow) break;
      Roles v = FindRoles(a, o, p);
      if (v.actor1 && v.actor1->end > o.first && (!r.actor1 || v.actor1->code != r.actor1->code))
        r.actor2 = v.actor1;
      break;
    }
  // Accusations: the speaker accuses the party named in what they say ("le représentant
  // arménien a confirmé que l'Azerbaïdjan tentait ..., une « violation »").
  if (t.kind == "accusation" && r.speaker &&
      (!r.actor1 || r.actor1->code != r.speaker->code)) {
    const ActorMention* accused = r.actor1;
    r.actor1 = r.speaker;
    if (!accused || accused->code == r.speaker->code) {
      accused = nullptr;
      for (const auto& m : a.actors)
        if (!accused && usable(m) && !m.location && m.code != r.speaker->code &&
            m.first > r.speaker->end && m.end <= t.first && m.prep_role != "of")
          accused = &m;
      for (const auto& m : a.actors)
        if (!accused && usable(m) && !m.location && m.code != r.speaker->code &&
            m.prep_role != "of")
          accused = &m;
    }
    r.actor2 = accused;
  }
  if (!r.actor2 && r.co_actor) r.actor2 = r.co_actor;
  // "Ответственность за теракт взяла на себя группировка «Исламское государство»": nobody
  // claims for another, so a claimer after the verb is the actor.
  if (t.kind == "claim_responsibility" && !r.actor1 && r.actor2) {
    r.actor1 = r.actor2;
    r.actor2 = nullptr;
  }
  if (r.actor2 && r.actor1 && !r.actor1->code.empty() && r.actor2->code == r.actor1->code)
    r.actor2 = nullptr;
  return r;
}

std::string Modality(const SentenceAnalysis& a, const TriggerMention& t) {
  const size_t clause = a.ClauseOf(t.first);
  std::string best = "asserted";
  auto rank = [](const std::string& m) {
    if (m == "denied") return 5;
    if (m == "hypothetical") return 4;
    if (m == "requested") return 3;
    if (m == "attempted") return 2;
    if (m == "claimed") return 1;
    return 0;
  };
  for (const auto& c : a.cues) {
    if (c.end > t.first || a.ClauseOf(c.first) != clause) continue;
    const uint32_t gap = t.first - c.end;
    std::string m;
    if (c.type == "deny" && gap <= 6) m = "denied";
    if (c.type == "neg" && gap <= 3) m = "denied";
    if (c.type == "hypo" && gap <= 4) m = "hypothetical";
    if (c.type == "attempt" && gap <= 5) m = "attempted";
    if (c.type == "claim" && gap <= 4) m = "claimed";
    // "urged both sides to agree a truce", "a appelé les deux camps à conclure une trêve":
    // what someone calls for has not happened.
    if (c.type == "request" && gap <= 8 &&
        (t.kind == "ceasefire" || t.kind == "agreement" || t.kind == "mediation" ||
         t.kind == "meeting" || t.kind == "military_deployment" || LowSalience(t)))
      m = "requested";
    if (!m.empty() && rank(m) > rank(best)) best = m;
  }
  // "Иран пригрозил нанести удар по Израилю", "threatened to strike": what is threatened has
  // not happened.
  if (t.violent && rank(best) < rank("hypothetical"))
    for (const auto& o : a.triggers)
      if (o.kind == "threat" && o.end <= t.first && o.end + 5 >= t.first && a.ClauseOf(o.first) == clause)
        best = "hypothetical";
  // "intended to take control of ...", "an attack to capture the positions": a capture in an
  // infinitive is what was sought, not what happened.
  if ((t.kind == "government_regains_territory" || t.kind == "nsa_overtakes_territory") &&
      t.first > a.sentence.first_token && rank(best) < rank("attempted") &&
      (a.tok(t.first - 1).folded == "to" || a.tok(t.first - 1).folded == "de"))
    best = "attempted";
  // "a accusé l'armée arménienne d'avoir bombardé ...", "Iran is responsible for the Aramco
  // attacks": what is alleged or attributed is only claimed.
  if (t.kind != "accusation" && t.kind != "claim_responsibility" && rank(best) < rank("claimed"))
    for (const auto& o : a.triggers)
      if ((o.kind == "accusation" || o.kind == "claim_responsibility") && o.end <= t.first &&
          o.end + 8 >= t.first &&
          a.ClauseOf(o.first) == clause &&
          // "осудил нападение и выразил поддержку Киеву": the speaker's own next act
          (t.violent || !CoordinatedVerbBetween(a, o.end, t.end)))
        best = "claimed";
  return best;
}

// True unless a violent trigger governs the base noun `t` ("attacked a military post").
bool NotViolenceTarget(const SentenceAnalysis& a, const TriggerMention& t) {
  for (const auto& o : a.triggers)
    if (o.violent && o.end <= t.first && o.end + 4 >= t.first) return false;
  return true;
}

// An earlier event the text refers to, not the one it reports: what an act answers or follows
// ("in retaliation for a poison gas attack", "fled because of Boko Haram attacks", "the scene of
// a deadly 2017 chemical weapons attack").
bool Background(const SentenceAnalysis& a, const TriggerMention& t) {
  const size_t clause = a.ClauseOf(t.first);
  for (const auto& c : a.cues)
    if (c.type == "cause" && c.end <= t.first && c.end + 5 >= t.first && a.ClauseOf(c.first) == clause)
      return true;
  for (const auto& n : a.numbers)
    if (n.end <= t.first && n.end + 3 >= t.first && n.value >= 1900 && n.value <= 2100 &&
        n.qualifier == "exact" && a.tok(n.first).is_number)
      return true;
  return false;
}

Place ToPlace(const SentenceAnalysis& a, const PlaceMention& p) {
  Place place;
  place.text = std::string(a.span(p.first, p.end));
  place.start = a.tok(p.first).start;
  place.end = a.tok(p.end - 1).end;
  place.confidence = p.confidence;
  if (p.entry) {
    const auto& e = *p.entry;
    place.name = e.name;
    place.lat = e.lat;
    place.lon = e.lon;
    place.country = e.country;
    place.admin1 = e.admin1;
    place.geonameid = e.geonameid;
    place.feature = e.feature;
    const bool region = e.feature == "country" || e.feature == "region" || e.feature == "area";
    if (region) {
      place.precision = 3;
    } else if (p.cue == "region" || p.cue == "area") {
      place.precision = 2;  // "la région de Goris", "near Goris"
    } else {
      place.precision = 1;
    }
  } else {
    place.name = place.text;
  }
  return place;
}

}  // namespace

namespace {

// Per-sentence bound (doc/input-formats.md, "Limits"): the analysis of a sentence compares its
// matches pairwise, so a "sentence" of a whole unpunctuated document would cost its length
// squared. Longer ones are analysed as consecutive pieces of kMaxSentenceTokens tokens.
constexpr uint32_t kMaxSentenceTokens = 400;

std::vector<text::Sentence> BoundedSentences(std::vector<text::Sentence> sentences,
                                             const std::vector<text::Token>& tokens) {
  bool long_one = false;
  for (const auto& s : sentences) long_one |= s.end_token - s.first_token > kMaxSentenceTokens;
  if (!long_one) return sentences;
  std::vector<text::Sentence> out;
  for (const auto& s : sentences) {
    if (s.end_token - s.first_token <= kMaxSentenceTokens) {
      out.push_back(s);
      continue;
    }
    for (uint32_t f = s.first_token; f < s.end_token; f += kMaxSentenceTokens) {
      text::Sentence piece;
      piece.first_token = f;
      piece.end_token = std::min(f + kMaxSentenceTokens, s.end_token);
      piece.start = tokens[f].start;
      piece.end = tokens[piece.end_token - 1].end;
      out.push_back(piece);
    }
  }
  return out;
}

// Events by sentence number, kept current by Move(), for the merges of Extract: an event's
// candidates are the events of its own and the neighbouring sentences, in event order (what a
// scan of every event, filtered by sentence, gives), so that the merges cost the events of a
// few sentences per event instead of the whole document's.
class SentenceBuckets {
 public:
  template <class Info>
  explicit SentenceBuckets(const std::vector<Info>& info) {
    for (size_t e = 0; e < info.size(); ++e) buckets_[info[e].sentence].push_back(e);
  }
  void Move(size_t e, int from, int to) {
    if (from == to) return;
    std::vector<size_t>& old = buckets_[from];
    old.erase(std::find(old.begin(), old.end(), e));
    std::vector<size_t>& now = buckets_[to];
    now.insert(std::lower_bound(now.begin(), now.end(), e), e);
  }
  // Events whose sentence is within `window` of `sentence`, in increasing order.
  std::vector<size_t> Near(int sentence, int window) const {
    std::vector<size_t> out;
    for (auto it = buckets_.lower_bound(sentence - window);
         it != buckets_.end() && it->first <= sentence + window; ++it)
      out.insert(out.end(), it->second.begin(), it->second.end());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::map<int, std::vector<size_t>> buckets_;
};

}  // namespace

Extraction Extractor::ExtractWhole(const Document& doc, const std::string& lang) const {
  Extraction out;
  const ExtractResources& im = *impl_->resources;
  out.lang = lang;
  auto lex_it = im.lexicons.find(lang);
  if (lex_it == im.lexicons.end()) {
    out.warnings.push_back("language \"" + lang +
                           "\" is not supported (supported: fr, en, ru); no events extracted");
    return out;
  }
  ExtractContext ctx{lex_it->second.get(), im.gazetteer.get(), im.territory.get(), im.kinds,
                     im.options.non_political};

  // Pass 1: analyse every sentence of the title and the text.
  const std::vector<text::Token> title_tokens = text::Tokenize(doc.title);
  const std::vector<text::Token> text_tokens = text::Tokenize(doc.text);
  // One place detector (issue 11): in French and English the places of the sentences are the
  // toponyms of the geoparser, with its filters for people, organisations, months, compass
  // words, common words and weak alternate names, so that `extract` and `geoparse` agree.
  geoparse::GeoparseResult geo;
  std::vector<const geoparse::Toponym*> title_toponyms, text_toponyms;
  if (im.geoparser && (lang == "fr" || lang == "en")) {
    Document d;
    d.title = doc.title;
    d.text = doc.text;
    d.date = doc.date;
    d.lang = lang;
    geo = im.geoparser->Parse(d, title_tokens, text_tokens);
    for (const auto& t : geo.toponyms)
      if (!t.demonym && t.entry) (t.field == "title" ? title_toponyms : text_toponyms).push_back(&t);
    ctx.title_toponyms = &title_toponyms;
    ctx.text_toponyms = &text_toponyms;
  }
  std::vector<SentenceAnalysis> sentences;
  for (const auto& s : BoundedSentences(text::SplitSentences(doc.title, title_tokens), title_tokens))
    sentences.push_back(AnalyzeSentence(ctx, "title", doc.title, title_tokens, s));
  for (const auto& s : BoundedSentences(text::SplitSentences(doc.text, text_tokens), text_tokens))
    sentences.push_back(AnalyzeSentence(ctx, "text", doc.text, text_tokens, s));
  for (auto& a : sentences) ResolveSentenceDate(a, doc.date);

  // The conflict frame: who attacks whom across the document. Attackers are the explicit
  // first actors of violent triggers; both sides also gain from being named in violent
  // sentences (as territory, side or actor).
  std::map<std::string, double> attack_votes, party_votes, target_votes;
  for (const auto& a : sentences) {
    bool violent_sentence = false;
    for (size_t t = 0; t < a.triggers.size(); ++t) {
      if (!a.triggers[t].violent) continue;
      violent_sentence = true;
      Roles r = FindRoles(a, a.triggers[t], t);
      if (Modality(a, a.triggers[t]) == "denied") continue;
      if (r.actor1 && IsState(*r.actor1)) attack_votes[r.actor1->code] += 1;
      if (r.actor2 && IsState(*r.actor2)) party_votes[r.actor2->code] += 1, target_votes[r.actor2->code] += 1;
      if (r.location) party_votes[r.location->code] += 1.5, target_votes[r.location->code] += 1;
    }
    if (!violent_sentence) continue;
    for (const auto& m : a.actors)
      if (IsState(m) && !m.attribution) party_votes[m.code] += m.side || m.location ? 1 : 0.5;
  }
  Frame frame;
  {
    std::map<std::string, double> total;
    for (auto& [c, v] : attack_votes) total[c] += 2 * v;
    for (auto& [c, v] : party_votes) total[c] += v;
    std::vector<std::pair<double, std::string>> ranked;
    for (auto& [c, v] : total) ranked.emplace_back(v, c);
    std::sort(ranked.rbegin(), ranked.rend());
    if (ranked.size() >= 2) {
      std::string x = ranked[0].second, y = ranked[1].second;
      // Two attackers that nobody attacks are no dyad ("Russian troops ... Wagner fighters ...
      // Ukrainian soldiers were captured"): the other side is one that is hit.
      if (!target_votes.count(x) && !target_votes.count(y))
        for (size_t k = 2; k < ranked.size(); ++k)
          if (target_votes.count(ranked[k].second)) {
            y = ranked[k].second;
            break;
          }
      if (attack_votes[y] > attack_votes[x]) std::swap(x, y);
      frame.aggressor = x;
      frame.defender = y;
      out.frame = {x, y};
    }
  }

  // Country context for place resolution: states named in the document, territories most.
  geo::PlaceContext doc_context;
  for (const auto& a : sentences)
    for (const auto& m : a.actors)
      if (IsState(m)) doc_context.country_weights[m.code] += m.location ? 1.0 : 0.5;
  for (const auto& a : sentences)
    for (const auto& p : a.places)
      if (p.country_level && p.entry) doc_context.country_weights[p.entry->country] += 1.0;

  // Resolve places in reading order, each resolved place helping its neighbours.
  for (auto& a : sentences) {
    if (!ctx.gazetteer) break;
    // Distinct points only, and a bounded number: a long list of the same town must not
    // make every later resolution scan thousands of neighbours.
    auto add_nearby = [&](const geo::GazetteerEntry& e) {
      auto& nearby = doc_context.nearby;
      const std::pair<double, double> point(e.lat, e.lon);
      if (nearby.size() < 64 && std::find(nearby.begin(), nearby.end(), point) == nearby.end())
        nearby.push_back(point);
    };
    for (auto& p : a.places) {
      // A toponym of the geoparser keeps its resolution: `extract` and `geoparse` put the
      // name at the same point.
      std::optional<geo::ResolvedPlace> resolved;
      if (p.detected) {
        resolved = geo::ResolvedPlace{*p.detected, p.detected_confidence};
      } else {
        geo::PlaceContext pc = doc_context;
        for (const auto& m : a.actors)
          if (m.location || m.side) pc.country_weights[m.code] += 2.0;
        pc.cue = p.cue == "country" || p.cue == "area" ? "" : p.cue;
        resolved = geo::ResolvePlace(*ctx.gazetteer, p.folded, pc);
      }
      if (resolved) {
        p.entry = resolved->entry;
        p.confidence = resolved->confidence;
        add_nearby(resolved->entry);
      }
    }
  }

  // Pass 2: events. `info` runs parallel to out.events: what salience needs.
  struct EventInfo {
    int sentence = 0;    // index of the sentence among the text's sentences (title: -1)
    int priority = 0;    // specificity of the kind's trigger
    bool bare = false;   // no actor and no place (kept only with keep_bare_events)
    bool lead = false;   // the first event of its sentence
    double base = 0;     // confidence from arguments and modality
    bool low = false;    // low-salience political kind: ranks below violent and ACLED events
    // For the merges below (issue 4, CASE 2021 / ACLED coding of one snippet):
    bool generic = false;     // a generic attack ("attacked", "attacks"), no weapon named
    bool governed = false;    // a noun after "the/of/over/against/for" ("over the detention of")
    bool hurt = false;        // the sentence counts people killed or wounded
    bool background = false;  // an earlier event referred to (Background())
    bool with_protest = false;  // an arrest told with a demonstration (see the protest merge)
    bool clash = false;         // its clause also speaks of clashes ("killed during clashes")
  };
  std::vector<EventInfo> info;
  // Removes the events marked in `drop`, keeping `info` aligned with `out.events`.
  auto erase_dropped = [&](const std::vector<bool>& drop) {
    size_t w = 0;
    for (size_t i = 0; i < out.events.size(); ++i) {
      if (drop[i]) continue;
      if (w != i) {
        out.events[w] = std::move(out.events[i]);
        info[w] = info[i];
      }
      ++w;
    }
    out.events.resize(w);
    info.resize(w);
  };
  int text_sentence_no = -1;
  int event_no = 0;
  auto kind_codes = [&](Event& e) {
    if (const codes::KindCodes* k = im.kinds->Find(e.kind)) {
      e.cameo = k->cameo;
      e.plover_type = k->plover_type;
      e.plover_mode = k->plover_mode;
      e.acled_event_type = k->acled_event_type;
      e.acled_sub_event_type = k->acled_sub_event_type;
      e.violent = k->violent;
    }
  };
  std::optional<Actor> prev_subject;  // the previous sentence's subject (SubjectlessStart)
  std::optional<Actor> this_subject;
  std::string prev_field;
  for (const auto& a : sentences) {
    const int sentence_no = a.field == "title" ? -1 : ++text_sentence_no;
    if (a.field != prev_field) this_subject.reset();
    prev_field = a.field;
    prev_subject = this_subject;
    // This sentence's subject, for the next one: its first coded actor that no preposition
    // governs, before its first predicate.
    this_subject.reset();
    {
      uint32_t first_pred = a.sentence.end_token;
      for (const auto& t : a.triggers) first_pred = std::min(first_pred, t.first);
      for (const auto& c : a.cues)
        if (c.type == "speech") first_pred = std::min(first_pred, c.first);
      for (const auto& m : a.actors)
        if (m.end <= first_pred && !m.code.empty() && m.prep_role.empty() && !m.side &&
            !m.attribution && !m.location && (!m.adjective || !m.agent.empty())) {
          this_subject = ToActor(a, m);
          break;
        }
      // A sentence with no subject of its own speaks of the previous one's.
      if (!this_subject && !a.triggers.empty() && SubjectlessStart(a, a.triggers[0], lang))
        this_subject = prev_subject;
    }
    // Violent triggers of one clause describe one event: the most specific kind wins.
    std::vector<std::vector<size_t>> groups;
    std::map<std::pair<size_t, std::string>, size_t> group_of;  // (clause, violent|kind)
    for (size_t t = 0; t < a.triggers.size(); ++t) {
      const auto& tr = a.triggers[t];
      // What is alleged or referred back to ("it accused of carrying out a chlorine attack",
      // "in retaliation for ...") is its own event, never the reported violence's kind.
      std::string key = !tr.violent ? tr.kind
                        : Background(a, tr) || Modality(a, tr) == "claimed" ||
                                  Modality(a, tr) == "hypothetical"
                            ? "*violent-other"
                                                                             : "*violent";
      auto k = std::make_pair(a.ClauseOf(tr.first), key);
      auto it = group_of.find(k);
      if (it == group_of.end()) {
        group_of[k] = groups.size();
        groups.push_back({t});
      } else {
        groups[it->second].push_back(t);
      }
    }
    for (const auto& g : groups) {
      size_t main = g[0];
      for (size_t t : g)
        if (a.triggers[t].priority > a.triggers[main].priority) main = t;
      const TriggerMention& tr = a.triggers[main];
      Event e;
      e.kind = tr.kind;
      kind_codes(e);
      Roles roles;
      for (size_t t : g) {  // the first trigger of the group that has actors speaks for it
        Roles r = FindRoles(a, a.triggers[t], t);
        if (!roles.actor1 && r.actor1) roles.actor1 = r.actor1;
        if (!roles.actor2 && r.actor2) roles.actor2 = r.actor2;
        if (!roles.location && r.location) roles.location = r.location;
        if (!roles.speaker && r.speaker) roles.speaker = r.speaker;
        if (!roles.co_actor && r.co_actor) roles.co_actor = r.co_actor;
      }
      // Triggers of one group may give the same mention both roles ("is scheduled to attend a
      // summit": a passive reading of one, the subject of the other).
      if (roles.actor1 && roles.actor2 == roles.actor1) roles.actor2 = nullptr;
      // Protesters protest: a state named nearby is what they protest about.
      if (e.kind == "protest") {
        if (roles.actor1 && roles.actor1->agent != "PRO" && roles.actor1->agent != "CVL")
          roles.actor1 = nullptr;
        roles.actor2 = nullptr;
      }
      if (roles.actor1) e.actor1 = ToActor(a, *roles.actor1);
      // No subject in the sentence: the previous sentence's ("Россия осудила удары. Также
      // призвала ..."; "Il a appelé ..."). Violence with a left-out subject ("Обстреляли
      // Горис", they shelled) keeps the frame's attacker, a pronoun the previous subject.
      if (!e.actor1 && prev_subject && e.kind != "protest") {
        const int how = SubjectlessStart(a, tr, lang);
        if (how == 1 || (how == 2 && !e.violent)) {
          e.actor1 = *prev_subject;
          e.actor1->inferred = true;
          if (e.actor2 && e.actor2->code == e.actor1->code) e.actor2.reset();
        }
      }
      if (roles.actor2) e.actor2 = ToActor(a, *roles.actor2);
      e.modality = Modality(a, tr);
      e.cameo = RefineCameo(a, tr, e.cameo);  // the most specific code the words support
      if (e.kind == "request_assistance" && e.modality == "claimed") e.modality = "asserted";

      // Places of the event: those of its clause, nearest trigger first; else the sentence.
      const size_t clause = a.ClauseOf(tr.first);
      for (const auto& p : a.places) {
        if (a.ClauseOf(p.first) != clause) continue;
        // Statements take only the places next to them, not those of a subordinate clause
        // ("... a appelé à une désescalade, qui survient ... en Ukraine").
        const bool statement = e.kind == "call_deescalation" || e.kind == "support_statement" ||
                               e.kind == "accusation" || e.kind == "request_assistance" ||
                               e.kind == "threat" || e.kind == "sanction";
        if (statement && (p.first + 2 < tr.first || p.first > tr.end + 5)) continue;
        // A place belongs to the nearest trigger before it in its clause (places follow
        // their predicate), else to the nearest one after it ("In Kharkiv, ... shelled").
        size_t best_group_trigger = main;
        uint32_t best_dist = UINT32_MAX;
        for (int pass = 0; pass < 2 && best_dist == UINT32_MAX; ++pass)
          for (size_t t = 0; t < a.triggers.size(); ++t) {
            const auto& o = a.triggers[t];
            if (a.ClauseOf(o.first) != clause) continue;
            const bool before = o.end <= p.first;
            if (before != (pass == 0)) continue;
            uint32_t d = before ? p.first - o.end : o.first - p.end;
            if (d < best_dist) {
              best_dist = d;
              best_group_trigger = t;
            }
          }
        if (std::find(g.begin(), g.end(), best_group_trigger) == g.end()) continue;
        if (!p.entry) continue;
        e.places.push_back(ToPlace(a, p));
      }
      // "... se poursuivaient à Khartoum, où des frappes ont visé ...": the relative clause
      // happens at its antecedent.
      if (e.places.empty() && clause > 0) {
        const uint32_t cs = a.clause_starts[clause];
        const std::string& w = a.tok(cs).folded;
        if (w == "ou" || w == "where" || w == "\u0433\u0434\u0435")  // Russian где
          for (const auto& p : a.places)
            if (p.entry && p.end <= cs && p.end + 2 >= cs) e.places.push_back(ToPlace(a, p));
      }
      // Date.
      if (!a.date.empty()) {
        e.date = a.date;
        e.date_precision = a.date_precision;
        e.date_basis = "text";
      } else if (!doc.date.empty()) {
        e.date = doc.date;
        e.date_precision = "day";
        e.date_basis = "publication";
      }
      // A state's name as a place only stands when nothing more precise is known.
      bool precise = false;
      for (const auto& p : e.places) precise |= p.feature != "country";
      if (precise)
        e.places.erase(std::remove_if(e.places.begin(), e.places.end(),
                                      [](const Place& p) { return p.feature == "country"; }),
                       e.places.end());
      for (auto& p : e.places) {
        if (p.feature == "country") {  // the whole state: its own territory by definition
          p.territory = "sovereign";
          continue;
        }
        if (!p.lat || !ctx.territory) continue;
        geo::TerritoryStatus ts = ctx.territory->Locate(*p.lat, *p.lon, e.date);
        p.territory = geo::TerritoryName(ts.territory);
        p.area = ts.area;
        p.claimed_by = ts.claimed_by;
        p.controlled_by = ts.controlled_by;
        if (p.country.empty()) p.country = ts.country;
      }
      // Targets from territory: "les régions arméniennes", or the places' country.
      if (e.violent && !e.actor2 && roles.location &&
          (!e.actor1 || e.actor1->code != roles.location->code)) {
        e.actor2 = ToActor(a, *roles.location);
      }
      if (e.violent && !e.actor2) {
        for (const auto& p : e.places) {
          std::string c = p.territory == "sovereign" || p.territory == "unknown"
                              ? p.country
                              : (p.controlled_by.empty() ? p.country : p.controlled_by);
          // An area that the attacker (or the document's attacker) occupies is struck on the
          // people it occupies: an Israeli strike on Gaza hits PSE, not ISR, its controller.
          const bool attacker_controls =
              e.actor1 ? e.actor1->code == c : frame.known() && c == frame.aggressor;
          if (attacker_controls && !p.country.empty() && p.country != c) c = p.country;
          if (!c.empty() && (!e.actor1 || e.actor1->code != c)) {
            e.actor2 = InferredActor(c);
            break;
          }
        }
      }
      // A visit, a meeting or a show of force with no other party is aimed at the country
      // where it happens ("attend a summit in Switzerland", "exercises in Alaska"; CAMEO).
      if (!e.actor2 && (e.kind == "meeting" || e.kind == "force_posture") && LowSalience(tr))
        for (const auto& p : e.places)
          if (!p.country.empty() && (!e.actor1 || e.actor1->code != p.country)) {
            e.actor2 = InferredActor(p.country);
            break;
          }
      // Implicit actors from the frame ("une série de bombardements ont frappé ...").
      if (e.violent && frame.known()) {
        if (!e.actor1) {
          std::string other = e.actor2 ? frame.Other(e.actor2->code) : "";
          if (e.actor2 && !other.empty()) {
            e.actor1 = InferredActor(other);
          } else if (!e.actor2) {
            e.actor1 = InferredActor(frame.aggressor);
            e.actor2 = InferredActor(frame.defender);
          }
        } else if (!e.actor2) {
          std::string other = frame.Other(e.actor1->code);
          if (!other.empty()) e.actor2 = InferredActor(other);
        }
      }
      if (e.kind == "ceasefire") {
        // A ceasefire binds parties, listed apart: the two that agree, or the frame's sides.
        if (roles.co_actor && e.actor1) {
          e.parties = {e.actor1->code, roles.co_actor->code};
        } else if (frame.known()) {
          e.parties = {frame.aggressor, frame.defender};
        }
        e.actor2.reset();
      }
      // A non-violent event needs the one who acts: "Lors de la réunion, l'Arménie a demandé"
      // is Armenia's request, not a meeting with an unknown host. Protests speak for themselves.
      const bool keep_bare = im.options.keep_bare_events;
      const bool bare = !e.actor1 && !e.actor2 && e.places.empty();
      if (!keep_bare) {
        // Material developments ACLED records (arrests, looting, a base set up, weapons
        // seized, a protest) stand with a place even when nobody is named.
        const bool material = !e.acled_event_type.empty() && e.kind != "ceasefire" &&
                              e.kind != "agreement";
        if (!e.violent && !e.actor1 && !material) continue;
        // (Violence against a named target stands: "Drones attacked the Kremlin".)
        if (material && !e.actor1 && e.places.empty() && !(e.violent && e.actor2 && !e.actor2->inferred && !e.actor2->code.empty()))
          continue;
        // Violence with nobody and nowhere ("Such attacks are frequent") is no event.
        if (e.violent && bare) continue;
        // Nor is violence only supposed, with no one named and nowhere: "une réponse
        // conjointe en cas d'agression contre un État membre", "if attacked".
        if (e.violent && e.modality == "hypothetical" && e.places.empty() &&
            (!e.actor1 || e.actor1->inferred) && (!e.actor2 || e.actor2->inferred))
          continue;
      }
      // Nor is a reference back to an attack ("the attack", "l'attaque") that names nothing new.
      if (!keep_bare && e.violent && e.places.empty() && tr.nominal && tr.first > a.sentence.first_token &&
          (!e.actor1 || e.actor1->inferred) && (!e.actor2 || e.actor2->inferred)) {
        const std::string& det = a.tok(tr.first - 1).folded;
        bool casualties_here = false;
        for (const auto& m : a.matches) casualties_here |= m.entry->klass == lexicon::Class::kVictim;
        if (!casualties_here && (det == "the" || det == "l'" || det == "le" || det == "la" ||
                                 det == "les" || det == "this" || det == "cette" || det == "ces"))
          continue;
      }
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
        kind_codes(e);
      }
      // "Gunmen opened fire on a bus", "bandits killed seven people": unnamed assailants
      // and no armed force anywhere in the sentence.
      if (e.kind == "armed_clash" && e.actor1 && !e.actor1->inferred && e.actor1->code.empty() &&
          e.actor1->agent == "REB" && !ForcesNamed(a, roles.actor1)) {
        e.kind = "attack_on_civilians";
        kind_codes(e);
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
        kind_codes(e);
      }
      // "attacked a military post", "shelled the observation posts": a post that violence hits is
      // its target, not a base being set up.
      if (e.kind == "base_established" && !NotViolenceTarget(a, tr)) continue;
      // Non-political kinds, when asked for: an arrest or a seizure in a sentence about crime
      // ("arrested ten persons and recovered counterfeit notes", "intercepted 20 smugglers") is
      // the crime's; an explosion nobody set off, with an industrial cause in the text ("ferocious
      // explosions tore through an industrial area"), is an accident.
      if (ctx.non_political && (e.kind == "arrest" || e.kind == "disrupted_weapons_use")) {
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
          kind_codes(e);
        }
      }
      if (ctx.non_political && e.kind == "explosion" && (!e.actor1 || e.actor1->inferred)) {
        bool accident = false;
        for (const auto& s : sentences)
          for (const auto& o : s.triggers) accident |= o.kind == "man_made_disaster";
        bool armed = false;
        for (const auto& s : sentences)
          for (const auto& m : s.actors) armed |= m.agent == "REB" || m.agent == "MIL" || m.type == "nsa";
        if (accident && !armed) {
          e.kind = "man_made_disaster";
          kind_codes(e);
        }
      }
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
        for (const auto& s : sentences)
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
        kind_codes(e);
      }
      // A withdrawal that hands nothing over ("US forces have withdrawn from a key base") is a
      // troop movement (ACLED: change to group/activity), not a transfer of territory.
      if (e.kind == "nonviolent_transfer" && tr.entry->Get("withdrawal") == "1") {
        bool taken = false;
        for (const auto& s : sentences)
          for (const auto& o : s.triggers)
            taken |= o.kind == "government_regains_territory" || o.kind == "nsa_overtakes_territory" ||
                     (o.kind == "nonviolent_transfer" && o.entry->Get("withdrawal") != "1");
        if (!taken) {
          e.kind = "military_deployment";
          kind_codes(e);
        }
      }
      // Attribution.
      if (a.attribution) {
        Attribution att = *a.attribution;
        std::vector<std::string> codes;
        for (const auto& c : att.actors) {
          if (c == "*both") {
            if (frame.known()) {
              codes.push_back(frame.aggressor);
              codes.push_back(frame.defender);
            }
          } else {
            codes.push_back(c);
          }
        }
        att.actors = codes;
        e.attribution = att;
      } else if (roles.speaker && (!e.actor1 || roles.speaker != roles.actor1)) {
        Attribution att;
        att.text = std::string(a.span(roles.speaker->first, roles.speaker->end));
        att.actors = {roles.speaker->code};
        e.attribution = att;
      }
      // Evidence.
      e.evidence.field = a.field;
      e.evidence.start = a.sentence.start;
      e.evidence.end = a.sentence.end;
      e.evidence.sentence = std::string(a.source.substr(a.sentence.start, a.sentence.end - a.sentence.start));
      e.evidence.trigger_start = a.tok(tr.first).start;
      e.evidence.trigger_end = a.tok(tr.end - 1).end;
      // Confidence from the arguments: explicit ones raise it, inference and hedging lower
      // it; salience (kind, position) is added once every event is known.
      double c = 0.3;
      if (e.actor1 && !e.actor1->inferred) c += 0.12;
      if (e.actor2 && !e.actor2->inferred) c += 0.06;
      if (!e.places.empty()) c += 0.06;
      if (e.violent) c += 0.02;
      if (e.actor1 && e.actor1->inferred) c -= 0.03;
      if (e.modality == "denied" || e.modality == "hypothetical") c -= 0.15;
      else if (e.modality == "requested") c -= 0.08;
      else if (e.modality != "asserted") c -= 0.04;
      if (bare) c -= 0.03;
      EventInfo ei{sentence_no, tr.priority, bare, false, c};
      ei.low = LowSalience(tr);
      ei.generic = tr.kind == "armed_clash" && tr.of_target;
      for (size_t t : g)
        ei.clash |= a.triggers[t].entry->Get("mutual") == "1";
      if (tr.first > a.sentence.first_token) {
        const std::string& w = a.tok(tr.first - 1).folded;
        ei.governed = w == "the" || w == "of" || w == "over" || w == "against" || w == "for" ||
                      w == "following" || w == "la" || w == "le" || w == "l'" || w == "de" ||
                      w == "contre";
      }
      for (const auto& m : a.matches)
        ei.hurt |= m.entry->klass == lexicon::Class::kVictim &&
                   (m.entry->Get("victims") == "killed" || m.entry->Get("victims") == "wounded");
      ei.background = Background(a, tr);
      // "Police arrested 180 people as supporters staged sit-ins", "arrests during a
      // demonstration": arrests of a demonstration; not "continue to detain people who
      // participate in the ongoing demonstrations" (the demonstrations are the arrests' reason).
      if (tr.kind == "arrest")
        for (const auto& o : a.triggers) {
          if (o.kind != "protest" && o.kind != "riot" && o.kind != "protest_with_intervention") continue;
          bool linked = o.first < tr.first || a.ClauseOf(o.first) != a.ClauseOf(tr.first);
          for (uint32_t x = tr.end; x < o.first && !linked; ++x)
            linked = a.tok(x).folded == "during" || a.tok(x).folded == "lors" ||
                     a.tok(x).folded == "pendant";
          ei.with_protest |= linked;
        }
      if (ei.background) ei.base -= 0.15;
      ei.lead = info.empty() || info.back().sentence != sentence_no;
      // Low-salience events neither take nor count for the lead position.
      if (!ei.low) {
        ei.lead = true;
        // `info` is in sentence order here: only the tail can be of this sentence (a scan of
        // every earlier event made extraction quadratic in the document's length).
        for (auto o = info.rbegin(); o != info.rend() && o->sentence == sentence_no; ++o)
          if (!o->low) ei.lead = false;
      } else {
        ei.lead = false;
      }
      e.id = doc.id + "#e" + std::to_string(++event_no);
      // "Bakou et Erevan s'accusaient mutuellement": one event each way.
      bool reciprocal = false;
      for (const auto& c : a.cues) reciprocal |= c.type == "reciprocal" && c.first >= tr.end;
      // "Brazil and the United States seek to deepen a partnership": joint political acts of
      // two subjects go both ways (CAMEO codes one event per direction).
      if (ei.low && roles.co_actor && e.actor2 && e.actor2->code == roles.co_actor->code &&
          (e.kind == "material_cooperation" || e.kind == "diplomatic_cooperation" ||
           e.kind == "intent_cooperate" || e.kind == "meeting"))
        reciprocal = true;
      if (reciprocal && e.actor1 && e.actor2 && e.kind != "ceasefire" &&
          (e.kind != "meeting" || ei.low)) {
        Event mirror = e;
        std::swap(mirror.actor1, mirror.actor2);
        mirror.id = doc.id + "#e" + std::to_string(++event_no);
        out.events.push_back(std::move(e));
        out.events.push_back(std::move(mirror));
        info.push_back(ei);
        info.push_back(ei);
        continue;
      }
      out.events.push_back(std::move(e));
      info.push_back(ei);
    }
  }
  // One protest, one event: a protest and what happened to it nearby (same or next sentence)
  // are coded as the most serious: police intervention (tear gas, arrests of protesters), a
  // violent demonstration, or excessive force (kept as the security forces' event).
  {
    auto family = [](const std::string& k) {
      if (k == "protest") return 0;
      if (k == "protest_with_intervention") return 1;
      if (k == "riot") return 2;
      if (k == "excessive_force") return 3;
      return -1;
    };
    std::vector<bool> drop(out.events.size(), false);
    SentenceBuckets by_sentence(info);
    for (size_t i = 0; i < out.events.size(); ++i) {
      // From each demonstration event: a protest, a riot ("rioters set fire on a street"), an
      // intervention ("security forces fired rubber bullets ... dozens were injured"), or force
      // against protesters (the protest itself may have been dropped as bare).
      if (drop[i] || family(out.events[i].kind) < 0) continue;
      std::vector<size_t> cluster;
      int best = -1;
      for (size_t j : by_sentence.Near(info[i].sentence, 1)) {
        if (drop[j] || std::abs(info[j].sentence - info[i].sentence) > 1) continue;
        const int f = family(out.events[j].kind);
        if (f >= 0) {
          cluster.push_back(j);
          best = std::max(best, f);
        }
      }
      bool protest = false;
      for (size_t j : cluster) protest |= family(out.events[j].kind) >= 0;
      // Whether event j's trigger comes after a demonstration's trigger of its sentence.
      auto after_protest = [&](size_t j) {
        for (size_t p : cluster)
          if (info[p].sentence == info[j].sentence && out.events[p].evidence.field == out.events[j].evidence.field &&
              out.events[p].evidence.trigger_start < out.events[j].evidence.trigger_start)
            return true;
        return false;
      };
      const size_t own = cluster.size();  // the demonstration's own events
      bool mutual = false;                // clashes between demonstrators and others
      // "Police arrested 180 people as supporters staged sit-ins": the arrests are the police's
      // intervention, one event with the protest. "Demonstrators protesting against the
      // detention of their leader": an arrest named after the protest is its grievance.
      if (protest)
        for (size_t j : by_sentence.Near(info[i].sentence, 0)) {
          if (out.events[j].kind != "arrest" || drop[j] || info[j].sentence != info[i].sentence) continue;
          if (info[j].governed && after_protest(j)) continue;  // left to the grievance rule
          if (!info[j].with_protest) continue;
          best = std::max(best, 1);
          cluster.push_back(j);
        }
      // "clashes between police and protesters", "protesters threw stones": a violent
      // demonstration; "security forces attacked a peaceful demonstration", "Israeli attacks
      // against peaceful protesters" (one-sided violence by the security forces, or told
      // before the demonstration it hits): excessive force.
      if (protest)
        for (size_t j : by_sentence.Near(info[i].sentence, 0)) {
          const Event& v = out.events[j];
          if (info[j].sentence != info[i].sentence || drop[j] ||
              (v.kind != "armed_clash" && v.kind != "attack_on_civilians" && v.kind != "looting"))
            continue;
          const bool security = v.actor1 && !v.actor1->inferred &&
                                (v.actor1->agent == "POL" || v.actor1->agent == "MIL");
          const bool one_sided = info[j].generic || v.kind == "attack_on_civilians";
          // Excessive force is the state's: protesters, armed groups or civilians attacking a
          // demonstration make it violent, not repressed.
          const bool by_protesters =
              v.actor1 && !v.actor1->inferred &&
              (v.actor1->agent == "PRO" || v.actor1->agent == "REB" || v.actor1->agent == "CVL" ||
               v.actor1->type == "nsa");
          bool before = false;
          for (size_t p = 0; p < own; ++p)
            before |= out.events[cluster[p]].evidence.field == v.evidence.field &&
                      v.evidence.trigger_start < out.events[cluster[p]].evidence.trigger_start;
          const int f = v.kind != "looting" && !by_protesters && one_sided && (security || before) ? 3 : 2;
          if (f > best) best = f;
          if (f == 3) out.events[j].kind = "excessive_force";
          if (f == 2 && info[j].clash) mutual = true;
          cluster.push_back(j);
        }
      // "Four protesters have been killed during demonstrations and clashes": deaths in clashes
      // that no security force is said to have caused are those of a violent demonstration.
      for (size_t j : cluster) mutual |= info[j].clash;
      if (best == 3 && mutual) {
        bool state_act = false;
        for (size_t j : cluster)
          state_act |= out.events[j].kind == "excessive_force" && out.events[j].actor1 &&
                       !out.events[j].actor1->inferred &&
                       (out.events[j].actor1->agent == "POL" || out.events[j].actor1->agent == "MIL" ||
                        out.events[j].actor1->type == "state");
        if (!state_act) {
          best = 2;
          for (size_t j : cluster)
            if (out.events[j].kind == "excessive_force") out.events[j].kind = "riot";
        }
      }
      // Protesters killed or wounded by an intervention: excessive force (ACLED: lethal force
      // or serious injuries).
      if (best == 1)
        for (size_t j : cluster)
          if (info[j].hurt) best = 3;
      if (best == family(out.events[i].kind) && cluster.size() == 1) continue;  // nothing nearby
      static const char* kFamily[] = {"protest", "protest_with_intervention", "riot",
                                      "excessive_force"};
      size_t keeper = i;
      for (size_t j : cluster)  // the protest whose date the text gives
        if (family(out.events[j].kind) == 0 && out.events[j].date_basis == "text" &&
            out.events[keeper].date_basis != "text")
          keeper = j;
      if (best == 3)
        for (size_t j : cluster)
          if (out.events[j].kind == "excessive_force") {
            keeper = j;
            break;
          }
      Event& k = out.events[keeper];
      k.kind = kFamily[best];
      kind_codes(k);
      for (size_t j : cluster) {
        if (j == keeper) continue;
        if (k.places.empty()) k.places = out.events[j].places;
        info[keeper].priority = std::max(info[keeper].priority, info[j].priority);
        info[keeper].base = std::max(info[keeper].base, info[j].base);
        const int was = info[keeper].sentence;
        info[keeper].sentence = std::min(info[keeper].sentence, info[j].sentence);
        by_sentence.Move(keeper, was, info[keeper].sentence);
        drop[j] = true;
      }
      if (protest && !k.actor2 && best == 3)
        for (size_t j : cluster)
          if (out.events[j].kind != "excessive_force" && out.events[j].actor1)
            k.actor2 = out.events[j].actor1;
    }
    // What a demonstration is about is no event of the text: "Demonstrations demanding justice
    // for two students killed in a road accident", "protesting against the detention of ...".
    // (Only the demonstrations are candidates: a scan of every event for every event was
    // quadratic in the document's length.)
    std::map<int, std::vector<size_t>> demos;  // by sentence
    for (size_t p = 0; p < out.events.size(); ++p)
      if (!drop[p] && family(out.events[p].kind) >= 0) demos[info[p].sentence].push_back(p);
    for (size_t j = 0; j < out.events.size() && !demos.empty(); ++j) {
      if (drop[j] || family(out.events[j].kind) >= 0) continue;
      auto same_sentence = demos.find(info[j].sentence);
      if (same_sentence == demos.end()) continue;
      for (size_t p : same_sentence->second)
        if (info[p].sentence == info[j].sentence &&
            out.events[p].evidence.field == out.events[j].evidence.field &&
            out.events[p].evidence.trigger_start < out.events[j].evidence.trigger_start) {
          info[j].base -= 0.25;
          break;
        }
    }
    erase_dropped(drop);
  }
  // One attack, one event: a generic attack ("militants attacked", "the attacks") and the
  // weapon that made it, told in the same or the next sentence ("... was attacked with a
  // grenade", "a roadside bomb ... detonated"), are coded by the weapon, as ACLED does; so is
  // an attack that consisted of looting or burning property ("hoodlums attacked them, looted
  // many houses"). The generic event lends its salience (position) to the specific one.
  // Talks about an agreement ("joined talks to achieve a peace agreement") stay a meeting, but
  // the agreement is the main event (ACLED: Agreement covers peace talks).
  {
    auto weapon = [](const std::string& k) {
      return k == "shelling" || k == "air_strike" || k == "drone_strike" || k == "explosion" ||
             k == "grenade" || k == "suicide_bomb" || k == "chemical_weapon";
    };
    std::vector<bool> drop(out.events.size(), false);
    SentenceBuckets by_sentence(info);
    for (size_t i = 0; i < out.events.size(); ++i) {
      const bool generic = info[i].generic && (out.events[i].kind == "armed_clash" ||
                                               out.events[i].kind == "attack_on_civilians");
      const bool talks = out.events[i].kind == "meeting";
      if (drop[i] || (!generic && !talks) || info[i].background) continue;
      for (size_t j : by_sentence.Near(info[i].sentence, 1)) {
        if (j == i || drop[j] || info[j].background || out.events[j].modality != "asserted") continue;
        const int gap = std::abs(info[j].sentence - info[i].sentence);
        const std::string& k = out.events[j].kind;
        const bool absorbs = generic ? (weapon(k) && gap <= 1) || (k == "looting" && gap == 0)
                                     : k == "agreement" && gap == 0;
        if (!absorbs) continue;
        // Not the same attack when the named sides disagree ("Russia was attacked by drones.
        // Russian forces were shelling Kharkiv.").
        auto code = [](const std::optional<Actor>& x) {
          return x && !x->inferred ? x->code : std::string();
        };
        const Event& ev_i = out.events[i];
        const Event& ev_j = out.events[j];
        auto clash = [](const std::string& x, const std::string& y) {
          return !x.empty() && !y.empty() && x != y;
        };
        auto same = [](const std::string& x, const std::string& y) { return !x.empty() && x == y; };
        if (clash(code(ev_i.actor1), code(ev_j.actor1)) || clash(code(ev_i.actor2), code(ev_j.actor2)) ||
            same(code(ev_i.actor1), code(ev_j.actor2)) || same(code(ev_i.actor2), code(ev_j.actor1)))
          continue;
        const int was = info[j].sentence;
        info[j].sentence = std::min(info[j].sentence, info[i].sentence);
        by_sentence.Move(j, was, info[j].sentence);
        info[j].base = std::max(info[j].base, info[i].base);
        info[j].lead = info[j].lead || info[i].lead;
        info[j].priority = std::max(info[j].priority, info[i].priority);
        if (talks) {
          info[i].base -= 0.1;
          break;
        }
        if (!out.events[j].actor1 && out.events[i].actor1) out.events[j].actor1 = out.events[i].actor1;
        drop[i] = true;
        break;
      }
    }
    erase_dropped(drop);
  }
  // Salience: the main event of a text is its most specific kind (trigger priority), told
  // first (title, lead sentence), with the most explicit arguments. It gets the highest
  // confidence.
  for (size_t i = 0; i < out.events.size(); ++i) {
    const EventInfo& ei = info[i];
    double c = ei.base + 0.025 * std::min(ei.priority, 8);
    if (ei.sentence == -1) c += 0.12;
    else if (ei.sentence == 0) c += 0.1;
    else if (ei.sentence == 1) c += 0.04;
    if (ei.lead && ei.sentence <= 0) c += 0.06;  // what the lead sentence says first
    out.events[i].confidence = std::round(std::clamp(c, 0.05, 0.95) * 100) / 100;
    out.events[i].id = doc.id + "#e" + std::to_string(i + 1);
  }
  // Low-salience political events (salience=low, data/lang/*/politics.tsv) rank below every
  // violent or ACLED event of the text, so general CAMEO coverage never swamps the conflict record.
  {
    double floor = 1;
    for (size_t i = 0; i < out.events.size(); ++i)
      if (!info[i].low && (out.events[i].violent || !out.events[i].acled_event_type.empty()))
        floor = std::min(floor, out.events[i].confidence);
    for (size_t i = 0; i < out.events.size(); ++i)
      if (info[i].low)
        out.events[i].confidence =
            std::round(std::clamp(std::min(out.events[i].confidence - 0.05, floor - 0.01), 0.05, 0.95) * 100) / 100;
  }

  // Casualties: a number, then (within a few words) a victim word, a person noun followed by a
  // victim verb, or an ellipsis after an earlier count ("50 victimes ... et au moins 7 ...").
  // Lookups of the events, built once (the events no longer change): by id, and each field's
  // violent events with their sentence starts (in text order, checked).
  struct ViolentIndex {
    std::vector<uint32_t> starts;
    std::vector<size_t> events;
    bool sorted = true;
  };
  std::map<std::string, ViolentIndex> violent_by_field;
  std::unordered_map<std::string, size_t> event_by_id;
  for (size_t i = 0; i < out.events.size(); ++i) {
    const Event& e = out.events[i];
    event_by_id.emplace(e.id, i);
    if (!e.violent) continue;
    ViolentIndex& vi = violent_by_field[e.evidence.field];
    if (!vi.starts.empty() && e.evidence.start < vi.starts.back()) vi.sorted = false;
    vi.starts.push_back(e.evidence.start);
    vi.events.push_back(i);
  }
  const ViolentIndex no_violent;
  auto violent_index = [&](const std::string& field) -> const ViolentIndex& {
    auto it = violent_by_field.find(field);
    return it == violent_by_field.end() ? no_violent : it->second;
  };
  int casualty_no = 0;
  for (const auto& a : sentences) {
    std::string last_victims;
    for (size_t k = 0; k < a.numbers.size(); ++k) {
      const NumberMention& n = a.numbers[k];
      const uint32_t next_number =
          k + 1 < a.numbers.size() ? a.numbers[k + 1].first : a.sentence.end_token;
      // Years and days of a date are not counts.
      if (n.value >= 1900 && n.value <= 2100 && n.qualifier == "exact") continue;
      // "a"/"un"/"one" count only right before the person or victim word ("a soldier was
      // killed"), never as an article elsewhere.
      const bool word_one = n.value == 1 && !a.tok(n.first).is_number && n.qualifier == "exact";
      if (word_one) {
        bool noun_next = false;
        for (const auto& m : a.matches)
          noun_next |= m.first == n.end && (m.entry->klass == lexicon::Class::kPerson || m.entry->klass == lexicon::Class::kVictim);
        if (!noun_next) continue;
      }
      bool date_part = false;
      for (const auto& m : a.matches)
        if (m.entry->klass == lexicon::Class::kMonth && (m.first == n.end || m.end == n.first)) date_part = true;
      if (date_part) continue;
      std::string victims;
      uint32_t phrase_end = n.end;
      bool saw_person = false;
      for (uint32_t i = n.end; i < std::min(next_number, n.end + 7); ++i) {
        if (a.tok(i).is_punct && a.tok(i).folded != "-") break;
        const lexicon::Match* victim = nullptr;
        for (const auto& m : a.matches)
          if (m.first == i && m.entry->klass == lexicon::Class::kVictim) victim = &m;
        if (victim) {
          if (!saw_person && i > n.end + 3) break;
          victims = victim->entry->Get("victims");
          phrase_end = victim->end;
          break;
        }
        for (const auto& m : a.matches)
          if (m.first == i && m.entry->klass == lexicon::Class::kPerson) saw_person = true;
      }
      // "killed 5 soldiers", "ont tué deux soldats": the victim verb comes first.
      if (victims.empty()) {
        for (const auto& m : a.matches) {
          if (m.entry->klass != lexicon::Class::kVictim || m.end > n.first || m.end + 2 < n.first) continue;
          bool punct = false;
          for (uint32_t i = m.end; i < n.first; ++i) punct |= a.tok(i).is_punct;
          if (!punct) victims = m.entry->Get("victims");
        }
      }
      // "près de 50 victimes ... et au moins 7 du côté ...": the second count shares the noun,
      // but only when nothing else follows it ("and hundreds of residents fled" is no toll).
      if (victims.empty() && !last_victims.empty() && k > 0) {
        bool coordinated = false;
        for (uint32_t i = a.numbers[k - 1].end; i < n.first; ++i)
          if (a.tok(i).folded == "et" || a.tok(i).folded == "and" || a.tok(i).folded == "\u0438")
            coordinated = true;
        bool bare = n.end >= a.sentence.end_token || a.tok(n.end).is_punct;
        for (const auto& m : a.matches)
          bare |= m.first == n.end && m.entry->klass == lexicon::Class::kCue && m.entry->Get("type") == "side";
        for (const auto& m : a.actors) bare |= m.side && m.first == n.end;
        if (coordinated && bare) victims = last_victims;
      }
      if (victims.empty()) continue;
      last_victims = victims;
      Casualty c;
      c.count = n.value;
      c.qualifier = n.qualifier;
      if (n.qualifier == "range" && n.max) {
        c.min = n.value;
        c.max = *n.max;
      } else if (n.qualifier == "at_least") {
        c.min = n.value;
      } else if (n.qualifier == "at_most") {
        c.max = n.value;
      }
      c.victims = victims;
      // Side: a side mention or a demonym right after, before the next count.
      for (const auto& m : a.actors) {
        if (m.first < n.first || m.first >= next_number) continue;
        // "33 injured in Armenian attack": the demonym qualifies the attack, its author.
        if (!m.side && m.trigger_adjective >= 0) continue;
        if (m.side || (m.adjective && m.first <= phrase_end + 1) || m.first == n.end ||
            (m.agent == "MIL" && m.first <= phrase_end + 3)) {
          c.side = m.code;
          c.side_text = std::string(a.span(m.first, m.end));
          break;
        }
      }
      if (a.attribution) {
        Attribution att = *a.attribution;
        std::vector<std::string> codes;
        for (const auto& code : att.actors)
          if (code == "*both" && frame.known()) {
            codes.push_back(frame.aggressor);
            codes.push_back(frame.defender);
          } else if (code != "*both") {
            codes.push_back(code);
          }
        att.actors = codes;
        c.attribution = att;
      }
      c.evidence.field = a.field;
      c.evidence.start = a.sentence.start;
      c.evidence.end = a.sentence.end;
      c.evidence.sentence =
          std::string(a.source.substr(a.sentence.start, a.sentence.end - a.sentence.start));
      c.evidence.trigger_start = a.tok(n.first).start;
      c.evidence.trigger_end = a.tok(phrase_end - 1).end;
      // The event it belongs to: a violent event of the same sentence, else the latest one
      // before it; a toll in the title belongs to the first violent event of the text.
      // (A binary search over the field's violent events, which are in text order: a scan of
      // every event for every toll was quadratic in the document's length.)
      if (const ViolentIndex& vi = violent_index(a.field); vi.sorted) {
        auto at = std::lower_bound(vi.starts.begin(), vi.starts.end(), a.sentence.start);
        if (at != vi.starts.end() && *at == a.sentence.start)
          c.event_id = out.events[vi.events[at - vi.starts.begin()]].id;
        else if (at != vi.starts.begin())
          c.event_id = out.events[vi.events[at - vi.starts.begin() - 1]].id;
      } else {
        for (const auto& e : out.events) {
          if (!e.violent || e.evidence.field != a.field) continue;
          if (e.evidence.start == a.sentence.start) {
            c.event_id = e.id;
            break;
          }
          if (e.evidence.start < a.sentence.start) c.event_id = e.id;
        }
      }
      if (c.event_id.empty() && a.field == "title")
        for (const auto& e : out.events)
          if (e.violent && e.evidence.field == "text") {
            c.event_id = e.id;
            break;
          }
      // Soldiers killed in an attack on a force belong to that force's side.
      if (c.side.empty() && !c.event_id.empty()) {
        bool soldiers = false;
        for (const auto& m : a.matches)
          soldiers |= m.entry->klass == lexicon::Class::kPerson && m.first >= n.end && m.first <= phrase_end &&
                      m.entry->Get("civilian") != "1";
        if (soldiers)
          if (auto it = event_by_id.find(c.event_id); it != event_by_id.end()) {
            const Event& e = out.events[it->second];
            if (e.actor2 && e.actor2->agent == "MIL") c.side = e.actor2->code;
          }
      }
      // Otherwise the dead and wounded of an attack told in the same sentence are the attacked
      // side's: its target, else the state where it struck ("a missile attack on Ganja killed
      // seven", "Russia's strike killed 20 civilians in Sumy", "les frappes ont fait 40 morts").
      // ("more than 100 soldiers killed on both sides" stays without a side.)
      const bool both_sides = std::any_of(a.cues.begin(), a.cues.end(),
                                          [](const CueMention& cue) { return cue.type == "both"; });
      if (c.side.empty() && !c.event_id.empty() && !both_sides)
        if (auto it = event_by_id.find(c.event_id); it != event_by_id.end()) {
          const Event& e = out.events[it->second];
          // The state where it struck first; a target the frame only inferred may belong to
          // another conflict of the document.
          const std::string author = e.actor1 ? e.actor1->code : "";
          const bool same_sentence =
              e.evidence.field == a.field && e.evidence.start == a.sentence.start;
          for (const auto& p : e.places)
            if (same_sentence && !p.country.empty() && p.country != author) {
              c.side = p.country;
              break;
            }
          if (same_sentence && c.side.empty() && e.actor2 && !e.actor2->inferred &&
              !e.actor2->code.empty() && e.actor2->code != author)
            c.side = e.actor2->code;
          if (!c.side.empty()) c.side_inferred = true;
        }
      c.id = doc.id + "#c" + std::to_string(++casualty_no);
      out.casualties.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace tocsin::extract
