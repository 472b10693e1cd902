// Rules over one analysed sentence that several passes share (rules.h).
#include "rules.h"

#include <algorithm>
#include <set>
#include <vector>

#include "cameo.h"
#include "tocsin/geo/countries.h"

namespace tocsin::extract {
namespace {

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

}  // namespace
// Parties that can fight: states (and their leaders) and armed groups with a code.
bool IsState(const ActorMention& m) {
  return !m.code.empty() && (m.type == "state" || m.type == "person" || m.type == "nsa");
}

bool IsForce(const ActorMention& m) {
  return m.agent == "MIL" || m.agent == "REB" || m.agent == "POL";
}

bool HasMatch(const SentenceAnalysis& a, lexicon::Class cls, uint32_t from, uint32_t to) {
  for (const auto& m : a.matches)
    if (m.entry->klass == cls && m.first >= from && m.end <= to) return true;
  return false;
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

namespace {

// b) after the trigger: its complements by "by", "of" or "between".
void ActorsAfter(const SentenceAnalysis& a, const TriggerMention& t, size_t clause, Roles& r) {
  auto usable = [&](const ActorMention& m) { return !m.side && !m.attribution; };
  // b) after the trigger: "les avancées de l'Azerbaïdjan", "attack by Russian forces",
  //    "the bombardment of Kharkiv" (a target), "fighting between X and Y"; not only for
  //    violence: "the ceasefire between Israel and Hezbollah", "a meeting between the foreign
  //    ministers of Russia, Azerbaijan and Armenia", "talks between X and Y".
  //    The "between" may follow a place and a date: "a meeting in Moscow on Friday between".
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
}

// "ont été bombardées", "was shelled": the subject undergoes the act.
bool PassiveReading(const SentenceAnalysis& a, const TriggerMention& t) {
  bool passive = false;
  for (uint32_t x = t.first; x > a.sentence.first_token && x + 3 > t.first; --x)
    for (const auto& pm : a.matches)
      if (pm.first == x - 1 && pm.entry->klass == lexicon::Class::kPassive &&
          (!t.nominal || PassiveParticiple(a, t, x)))
        passive = true;
  return passive;
}

// c) the subject: the nearest actor on the left that no preposition governs, or the subject of
// the verb a coordinated verb follows.
const ActorMention* Subject(const SentenceAnalysis& a, const TriggerMention& t, size_t clause,
                            bool may_borrow) {
  auto in_clause = [&](const ActorMention& m) { return a.ClauseOf(m.first) == clause; };
  auto usable = [&](const ActorMention& m) { return !m.side && !m.attribution; };
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
  return subject;
}

// No subject: a pronoun's antecedent in an earlier clause, or who threatens the violence.
void BorrowedSubject(const SentenceAnalysis& a, const TriggerMention& t, size_t clause,
                     bool may_borrow, Roles& r) {
  auto usable = [&](const ActorMention& m) { return !m.side && !m.attribution; };
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
}

// Targets, territories, and who an accusation is about.
void TargetsOf(const SentenceAnalysis& a, const TriggerMention& t, size_t clause, bool may_borrow,
               Roles& r) {
  auto in_clause = [&](const ActorMention& m) { return a.ClauseOf(m.first) == clause; };
  auto usable = [&](const ActorMention& m) { return !m.side && !m.attribution; };
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
}

}  // namespace

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
  auto usable = [&](const ActorMention& m) { return !m.side && !m.attribution; };
  r.speaker = SpeakerOf(a, t);

  // a) an actor qualifying the trigger: "Azerbaijani shelling", "EU mediation".
  for (const auto& m : a.actors)
    if (m.trigger_adjective == static_cast<int>(trigger_index) && usable(m)) r.actor1 = &m;
  ActorsAfter(a, t, clause, r);
  bool passive = PassiveReading(a, t);
  const ActorMention* subject = Subject(a, t, clause, may_borrow);
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
  BorrowedSubject(a, t, clause, may_borrow, r);
  TargetsOf(a, t, clause, may_borrow, r);
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

void SetKindCodes(const codes::KindTable& kinds, Event& e) {
  if (const codes::KindCodes* k = kinds.Find(e.kind)) {
    e.cameo = k->cameo;
    e.plover_type = k->plover_type;
    e.plover_mode = k->plover_mode;
    e.acled_event_type = k->acled_event_type;
    e.acled_sub_event_type = k->acled_sub_event_type;
    e.violent = k->violent;
  }
}

}  // namespace tocsin::extract
