// Lookups over one sentence's tokens and lexicon matches that the mention passes share.
#include "mentions.h"

#include <algorithm>
#include <set>

#include "tocsin/lexicon/lemmatizer.h"

namespace tocsin::extract {

size_t SentenceAnalysis::ClauseOf(uint32_t i) const {
  size_t c = 0;
  while (c + 1 < clause_starts.size() && clause_starts[c + 1] <= i) ++c;
  return c;
}

bool IsDeterminer(std::string_view w) {
  // "a" is left out: in French it is also the preposition "à" once accents are folded.
  static const std::set<std::string_view> kDets = {
      "le", "la", "les", "l'", "un", "une", "ses", "son", "sa", "leur", "leurs", "ce", "cette",
      "ces", "the", "an", "its", "their", "his", "her", "this", "these", "those"};
  return kDets.count(w) > 0;
}

// Russian adjectives of direction that sit between a preposition and a name: южн-, северн-,
// восточн-, западн-, центральн-.
bool IsDirectionAdjective(std::string_view w) {
  for (std::string_view p : {"\u044e\u0436\u043d", "\u0441\u0435\u0432\u0435\u0440\u043d",
                             "\u0432\u043e\u0441\u0442\u043e\u0447\u043d",
                             "\u0437\u0430\u043f\u0430\u0434\u043d",
                             "\u0446\u0435\u043d\u0442\u0440\u0430\u043b\u044c\u043d"})
    if (w.size() > p.size() && w.compare(0, p.size(), p) == 0) return true;
  return false;
}

const lexicon::Match* FindEnding(const std::vector<lexicon::Match>& ms, lexicon::Class cls,
                                 uint32_t end) {
  for (const auto& m : ms)
    if (m.end == end && m.entry->klass == cls) return &m;
  return nullptr;
}

const lexicon::Match* FindStarting(const std::vector<lexicon::Match>& ms, lexicon::Class cls,
                                   uint32_t first) {
  for (const auto& m : ms)
    if (m.first == first && m.entry->klass == cls) return &m;
  return nullptr;
}

// Gazetteer hits for a name as written, else for its nominative ("в Горисе" -> "Горис"; Russian
// case endings, lexicon::NameBaseForms); sets `folded` to the key that hit.
// A guessed nominative must name a place worth the guess: curated, a city or region, a town of
// some size, or a place in a state the sentence names ("у села Кут" is not Al-Kut in Iraq).
std::vector<geo::GazetteerEntry> LookupInflected(const geo::Gazetteer& gaz, std::string_view name,
                                                 std::string& folded, bool sentence_initial,
                                                 const std::vector<ActorMention>* actors) {
  folded = geo::FoldName(name);
  std::vector<geo::GazetteerEntry> hits = gaz.Lookup(folded);
  if (!hits.empty()) return hits;
  auto plausible = [&](const geo::GazetteerEntry& e) {
    if (e.curated || e.population >= 5000 || (e.feature != "village" && e.feature != "town"))
      return true;
    if (actors)
      for (const auto& m : *actors)
        if (m.code == e.country) return true;
    return false;
  };
  for (const std::string& form : lexicon::NameBaseForms(name, sentence_initial)) {
    std::string f = geo::FoldName(form);
    hits = gaz.Lookup(f);
    if (std::any_of(hits.begin(), hits.end(), plausible)) {
      folded = f;
      return hits;
    }
  }
  return {};
}

}  // namespace tocsin::extract
