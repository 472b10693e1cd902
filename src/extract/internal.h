// Shared declarations of the extract module's translation units.
#ifndef TOCSIN_SRC_EXTRACT_INTERNAL_H_
#define TOCSIN_SRC_EXTRACT_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "tocsin/codes/kinds.h"
#include "tocsin/core/calendar.h"
#include "tocsin/geo/gazetteer.h"
#include "tocsin/geo/territory.h"
#include "tocsin/geoparse/geoparser.h"
#include "tocsin/lexicon/lexicon.h"

namespace tocsin::extract {

// The resources one document is processed with (all owned by the Extractor, read-only).
struct ExtractContext {
  const lexicon::Lexicon* lexicon = nullptr;
  const geo::Gazetteer* gazetteer = nullptr;        // may be null: no geocoding
  const geo::TerritoryIndex* territory = nullptr;   // may be null
  const codes::KindTable* kinds = nullptr;
  bool non_political = false;  // keep triggers of kinds with no CAMEO, PLOVER nor ACLED code
  // The geoparser's resolved toponyms of the title and of the text, by start offset (fr, en:
  // one place detector for extract and geoparse). Null: AnalyzeSentence scans capitalised runs
  // itself (Russian, whose inflected names the geoparser does not read yet).
  const std::vector<const geoparse::Toponym*>* title_toponyms = nullptr;
  const std::vector<const geoparse::Toponym*>* text_toponyms = nullptr;
};

SentenceAnalysis AnalyzeSentence(const ExtractContext& ctx, std::string_view field,
                                 std::string_view source, const std::vector<text::Token>& tokens,
                                 const text::Sentence& sentence);

// Calendar helpers on "YYYY-MM-DD" strings (proleptic Gregorian).
bool ParseDate(std::string_view date, int& y, int& m, int& d);
std::string FormatDate(int y, int m, int d);
inline std::string AddDays(std::string_view date, int days) { return calendar::AddDays(date, days); }
// 1 = Monday ... 7 = Sunday; 0 when invalid.
inline int Weekday(std::string_view date) { return calendar::IsoWeekday(date); }
// "13.09.2022" -> 2022, 9, 13; false for anything else.
bool NumericDate(std::string_view s, int& y, int& m, int& d);

// Resolves the time expressions of a sentence against the publication date (sets a.date).
void ResolveSentenceDate(SentenceAnalysis& a, std::string_view publication_date);

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_INTERNAL_H_
