// Lookups over one sentence's tokens and lexicon matches that the mention passes share.
// Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_MENTIONS_H_
#define TOCSIN_SRC_EXTRACT_MENTIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "tocsin/geo/gazetteer.h"
#include "tocsin/lexicon/lexicon.h"

namespace tocsin::extract {

// An article or possessive ("le", "the", "its", ...; not "a", which folds like French "à").
bool IsDeterminer(std::string_view w);

// Russian adjectives of direction that sit between a preposition and a name (южн-, северн-, ...).
bool IsDirectionAdjective(std::string_view w);

// The match of class `cls` that ends at token `end` / starts at token `first`, or null.
const lexicon::Match* FindEnding(const std::vector<lexicon::Match>& ms, lexicon::Class cls,
                                 uint32_t end);
const lexicon::Match* FindStarting(const std::vector<lexicon::Match>& ms, lexicon::Class cls,
                                   uint32_t first);

// Gazetteer hits for a name as written, else for its nominative ("в Горисе" -> "Горис"); sets
// `folded` to the key that hit. A guessed nominative must name a place worth the guess.
std::vector<geo::GazetteerEntry> LookupInflected(const geo::Gazetteer& gaz, std::string_view name,
                                                 std::string& folded, bool sentence_initial = false,
                                                 const std::vector<ActorMention>* actors = nullptr);

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_MENTIONS_H_
