// Extractor: a Document -> coded, placed, evidenced events and casualty claims.
//
// Per document, a sequence of named passes over one DocumentAnalysis (src/extract/README.md
// lists them with what each reads and writes): tokens and sentences (text/), lexicon matches
// (lexicon/), the document's conflict frame (who fights whom: the dyad and the side that
// attacks), then every trigger as a candidate event with its arguments: actors (explicit, or
// inferred from the frame and marked so), places (geo/, with territorial status on the event's
// date), date (relative expressions against the publication date), modality, attribution;
// then the merges, salience and casualty claims.
// Extraction is stateless per document. Thread-safety: Extract() is const and may be called
// from several threads at once.
#ifndef TOCSIN_EXTRACT_EXTRACTOR_H_
#define TOCSIN_EXTRACT_EXTRACTOR_H_

#include <map>
#include <memory>
#include <string>

#include "tocsin/core/document.h"
#include "tocsin/core/status.h"
#include "tocsin/extract/records.h"

namespace tocsin::geo {
class Gazetteer;
class TerritoryIndex;
}  // namespace tocsin::geo
namespace tocsin::lexicon {
class Lexicon;
}

namespace tocsin::extract {

struct ExtractorOptions {
  // Languages with resources under data/lang/. Documents in another language get no events.
  std::vector<std::string> languages = {"fr", "en", "ru"};
  bool geocode = true;  // resolve places and territory (needs the compiled data)
  // Snippet classification (tocsin eval events): keep events that name no actor and no place
  // (at a lower confidence) instead of dropping them as unusable for an analyst.
  bool keep_bare_events = false;
  // Also report the non-political kinds (natural_disaster, man_made_disaster, organized_crime:
  // no CAMEO, PLOVER or ACLED code), which CASE 2021 labels; off for conflict monitoring.
  bool non_political = false;
};

class Extractor {
 public:
  // Loads lexicons, the gazetteer and the territory index. Errors say which file is missing
  // and how to build it.
  static StatusOr<std::unique_ptr<Extractor>> Create(const ExtractorOptions& options);
  ~Extractor();

  // Never fails on text content: an unsupported language yields a warning and no events.
  Extraction Extract(const Document& doc) const;

 private:
  Extractor();
  // One document, or one part of a long one (src/extract/long_document.cc), its language known.
  Extraction ExtractWhole(const Document& doc, const std::string& lang) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tocsin::extract

#endif  // TOCSIN_EXTRACT_EXTRACTOR_H_
