// Triggers pass: each sentence's event triggers (lexicon trigger matches outside actor names that
// their `needs`, `not` and `context` attributes allow, with their kind, priority and violence),
// without the non-political kinds unless asked for, nor violence that a call wants stopped.
#include <algorithm>
#include <string>
#include <string_view>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

void Triggers(SentenceAnalysis& a, const codes::KindTable* kinds, bool non_political) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token, end = a.sentence.end_token;
  const text::SentenceFlags& covered_by_actor = a.covered_by_actor;
  // Triggers (dropped inside actor names: "Forces de soutien rapide" is not support).
  for (const auto& m : ms) {
    if (m.entry->klass != lexicon::Class::kTrigger) continue;
    // The words a `..` gap skips may name an actor ("expelled two Russian diplomats"): only the
    // pattern's own first and last words count.
    const bool inside_actor = covered_by_actor[m.first] || covered_by_actor[m.end - 1];
    if (inside_actor) continue;
    // `window` bounds how far to look (0: the rest of the sentence).
    auto rest_has = [&](std::string_view list, uint32_t window = 0) {
      size_t pos = 0;
      std::string l(list);
      const uint32_t stop = window ? std::min(end, m.end + window) : end;
      while (pos <= l.size()) {
        size_t comma = l.find(',', pos);
        std::string prefix = l.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        std::replace(prefix.begin(), prefix.end(), '_', ' ');
        for (uint32_t i = m.end; i < stop && !prefix.empty(); ++i)
          if (tokens[i].folded.compare(0, prefix.size(), prefix) == 0) return true;
        if (comma == std::string::npos) break;
        pos = comma + 1;
      }
      return false;
    };
    if (m.entry->Has("needs") && !rest_has(m.entry->attrs.at("needs"))) continue;
    // `not` words exclude the trigger's own complement ("seized weapons", "missile programme"),
    // not a later clause of the sentence ("captured five villages ... chemical weapons attack").
    if (m.entry->Has("not") && rest_has(m.entry->attrs.at("not"), 6)) continue;
    // context=protest: vandalism and road blocking are a violent demonstration only when the
    // sentence speaks of a demonstration ("farmers blocked roads ... to protest"), not when
    // thieves break into a house.
    if (m.entry->Get("context") == "protest") {
      bool protest = false;
      for (const auto& o : ms)
        protest |= (o.entry->klass == lexicon::Class::kTrigger &&
                    (o.entry->Get("kind") == "protest" || o.entry->Get("kind") == "protest_with_intervention" ||
                     (o.entry->Get("kind") == "riot" && o.entry->Get("context") != "protest"))) ||
                   (o.entry->klass == lexicon::Class::kAgent && o.entry->Get("agent") == "PRO");
      if (!protest) continue;
    }
    // A capitalised trigger word inside a name is no trigger: "Oromo Liberation Army", "Sudan
    // Liberation Movement" (unless the sentence is a headline in title case).
    if (m.first > begin && tokens[m.first].capitalized && m.end < end && tokens[m.end].capitalized &&
        !tokens[m.end].is_punct) {
      int words = 0, caps = 0;
      for (uint32_t i = begin; i < end; ++i)
        if (!tokens[i].is_punct && !tokens[i].is_number) {
          ++words;
          caps += tokens[i].capitalized;
        }
      if (2 * caps < words) continue;
    }
    // "при поддержке российской авиации", "with the support of", "avec l'appui de": who backs
    // an operation, not a statement of support.
    if (m.entry->Get("kind") == "support_statement" && m.first > begin) {
      const std::string& w1 = tokens[m.first - 1].folded;
      const std::string& w2 = m.first > begin + 1 ? tokens[m.first - 2].folded : "";
      if (w1 == "\u043f\u0440\u0438" ||  // при
          ((w1 == "the" && w2 == "with") || ((w1 == "le" || w1 == "l'") && w2 == "avec")))
        continue;
    }
    TriggerMention t;
    t.first = m.first;
    t.end = m.end;
    t.entry = m.entry;
    t.kind = m.entry->Get("kind");
    t.priority = m.entry->GetInt("priority", 0);
    t.nominal = m.entry->Get("nominal") == "1";
    t.of_target = m.entry->Get("of") == "target";
    // "called on both sides to halt hostilities", "appelé à cesser les combats": the violence
    // is what a call wants ended, not an event reported here. ("pour arrêter les avancées de
    // l'Azerbaïdjan" without a call reports real advances.)
    bool stop_cue = false, call = false;
    for (const auto& c : ms) {
      if (c.entry->klass == lexicon::Class::kCue && c.entry->Get("type") == "stop" && c.end <= m.first &&
          c.end + 3 >= m.first)
        stop_cue = true;
      if (c.entry->klass == lexicon::Class::kTrigger && c.first < m.first &&
          (c.entry->Get("kind") == "call_deescalation" || c.entry->Get("kind") == "mediation" ||
           c.entry->Get("kind") == "ceasefire"))
        call = true;
    }
    const bool stopped = stop_cue && call;
    const codes::KindCodes* codes = kinds->Find(t.kind);
    t.violent = codes && codes->violent;
    // Non-political kinds (floods, accidents, crime) only when asked for.
    if (codes && !non_political && codes->cameo.empty() && codes->plover_type.empty() &&
        codes->acled_event_type.empty())
      continue;
    if (stopped && t.violent) continue;
    a.triggers.push_back(t);
  }
}

}  // namespace

void PassTriggers(DocumentAnalysis& da) {
  for (auto& a : da.sentences) Triggers(a, da.resources.kinds, da.resources.options.non_political);
}

}  // namespace tocsin::extract
