// Geoparser: toponym detection in running text + resolution against the gazetteer +
// territorial status on the document's date. Rules: doc/geoparse.md.
//
// Detection is dictionary-driven: runs of capitalised words (with hyphens and name connectors,
// "Rostov-sur-le-Don", "Bosnia and Herzegovina") are looked up in the gazetteer, longest
// first; place nouns before or after a name ("lac Sevan", "the village of X", "X province")
// are cues; demonyms of the lexicon ("Turkish forces", "les régions arméniennes") designate
// their country when followed (en) or preceded (fr) by a force, authority or place noun.
// Person titles, stop words and sentence-initial common words are filtered.
// Resolution is per document, in two passes: countries named in the document (weighted by
// title/lead/sentence position) and the points of unambiguous places are the context of every
// mention ("Paris ... Texas", "Tripoli ... Lebanon"); "X, Y" makes Y the region or country of X.
//
// Thread-safety: immutable after Create(); Parse() is const and may run on many threads.
#ifndef TOCSIN_GEOPARSE_GEOPARSER_H_
#define TOCSIN_GEOPARSE_GEOPARSER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/document.h"
#include "tocsin/core/status.h"
#include "tocsin/geo/gazetteer.h"
#include "tocsin/geo/territory.h"
#include "tocsin/text/tokenize.h"

namespace tocsin::geoparse {

// One toponym mention.
struct Toponym {
  std::string field;            // "title" or "text"
  uint32_t start = 0, end = 0;  // byte span in that field
  std::string text;             // the bytes of the span
  bool demonym = false;         // "Turkish forces": the country through its adjective
  std::string cue;              // place noun next to it: lake, river, town, village, region, ...
  // The resolved place; nullopt when the name is unknown or no candidate is plausible.
  std::optional<geo::GazetteerEntry> entry;
  double confidence = 0;        // 0..1 (resolution confidence; 0 when unresolved)
  geo::TerritoryStatus territory;  // for entry's point on the document date (kUnknown if none)
};

struct GeoparseResult {
  std::string lang;               // "fr", "en", or what detection found
  std::vector<Toponym> toponyms;  // title first, then text, by start offset
  std::vector<std::string> warnings;
};

struct GeoparserOptions {
  bool demonyms = true;   // report demonyms designating a state or its forces
  bool territory = true;  // compute territorial status (needs the territory index)
  // Gazetteer and territory index to use; null = open the defaults (CompiledDataDir()).
  const geo::Gazetteer* gazetteer = nullptr;
  const geo::TerritoryIndex* territory_index = nullptr;
};

class Geoparser {
 public:
  // Loads the fr and en lexicons and opens the gazetteer / territory index unless given.
  static StatusOr<std::unique_ptr<Geoparser>> Create(const GeoparserOptions& options = {});
  virtual ~Geoparser() = default;

  // Every toponym of `doc` (title and text). The language is doc.lang if set, else detected
  // (CLD2); other languages than fr/en are parsed with the English rules and a warning.
  // Territory is computed for doc.date (empty: today).
  virtual GeoparseResult Parse(const Document& doc) const = 0;
  // Same, on the tokens of doc.title and doc.text that the caller already has
  // (text::Tokenize of each): the extractor's places pass shares its tokens this way.
  virtual GeoparseResult Parse(const Document& doc, const std::vector<text::Token>& title_tokens,
                               const std::vector<text::Token>& text_tokens) const = 0;

  // Detection only, on one field's text: spans with cue/demonym flags and no resolution.
  // `lang` is "fr" or "en".
  virtual std::vector<Toponym> Detect(std::string_view text, std::string_view lang,
                                      std::string_view field) const = 0;

  virtual const geo::Gazetteer& gazetteer() const = 0;
};

}  // namespace tocsin::geoparse

#endif  // TOCSIN_GEOPARSE_GEOPARSER_H_
