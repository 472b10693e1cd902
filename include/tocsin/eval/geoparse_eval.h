// Geoparsing evaluation against gold toponym corpora in the XML of Gritta et al.'s "Pragmatic
// Guide to Geoparsing Evaluation" (TR-News, GeoVirus, LGL-style): an <article> holds <text>
// and <toponym> (TR-News) or <location> (GeoVirus) elements with a name (<phrase> or <name>),
// <start>/<end> character offsets into the text and coordinates (<lat>/<lon>, possibly inside
// <gaztag>, or <latitude>/<longitude>). Metrics and matching: doc/geoparse.md.
#ifndef TOCSIN_EVAL_GEOPARSE_EVAL_H_
#define TOCSIN_EVAL_GEOPARSE_EVAL_H_

#include <cstddef>
#include <string>
#include <vector>

#include "tocsin/core/status.h"
#include "tocsin/geoparse/geoparser.h"

namespace tocsin::eval {

struct GoldToponym {
  std::string name;
  size_t start = 0, end = 0;  // byte offsets into GoldArticle::text (after alignment)
  double lat = 0, lon = 0;
  bool has_coords = false;
};

struct GoldArticle {
  std::string id;     // <source>/<url> or the article's index
  std::string title;  // may be empty
  std::string text;
  std::vector<GoldToponym> toponyms;
};

struct GoldCorpus {
  std::vector<GoldArticle> articles;
  size_t unaligned = 0;  // gold toponyms whose offsets did not point at their name and that
                         // could not be found nearby (dropped, counted here)
};

// Reads a gold file. Character offsets are converted to byte offsets and re-aligned on the
// name when off by a few characters (GeoVirus offsets are shifted by one).
StatusOr<GoldCorpus> ReadGeoparseGold(const std::string& path);

// Reads a CLEF HIPE-2022 TSV file (one token per line; "# hipe2022:document_id = ..." opens a
// document; MISC NoSpaceAfter joins tokens): the text is rebuilt from the tokens and every
// NE-COARSE-LIT `loc` entity is a gold toponym. HIPE links places to Wikidata, not to
// coordinates: its toponyms have no gold point (detection figures only). `lang` receives the
// documents' language ("# hipe2022:language = fr").
StatusOr<GoldCorpus> ReadHipeGold(const std::string& path, std::string* lang = nullptr);

struct GeoparseScores {
  size_t articles = 0;
  size_t gold = 0;         // gold toponyms (demonyms left out unless options.demonyms)
  size_t gold_demonyms = 0;  // gold demonyms ("Turkish", "Canadian": TR-News tags them) left
                             // out: the figures are over literal toponyms
  size_t predicted = 0;    // predicted toponym mentions (demonyms excluded unless asked)
  size_t matched = 0;      // gold toponyms matched by an overlapping predicted span
  size_t exact = 0;        // ... of which with exactly the same span
  size_t resolved = 0;     // matched gold toponyms whose prediction has coordinates
  size_t within_161km = 0; // matched gold toponyms resolved within 161 km of the gold point
  size_t with_coords = 0;  // matched gold toponyms that have gold coordinates
  double mean_error_km = 0;  // over resolved matched toponyms with gold coordinates
  double precision() const { return predicted ? double(matched) / double(predicted) : 0; }
  double recall() const { return gold ? double(matched) / double(gold) : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  // Share of matched gold toponyms (with gold coordinates) resolved within 161 km.
  double accuracy_161() const { return with_coords ? double(within_161km) / double(with_coords) : 0; }
};

struct GeoparseEvalOptions {
  std::string lang = "en";
  // Count demonym mentions as predictions and gold demonyms as gold (GeoVirus does not tag
  // them, TR-News does). Off: figures over literal toponyms only.
  bool demonyms = false;
  // Optional: called for every false positive / false negative (for error analysis).
  bool collect_errors = false;
};

struct GeoparseEvalResult {
  GeoparseScores scores;
  std::vector<std::string> errors;  // "FP\t<article>\t<text>" / "FN\t..." / "FAR\t... km"
};

// Runs `parser` on every article (title left out: gold offsets point into the text) and
// scores predicted spans against the gold ones.
GeoparseEvalResult EvaluateGeoparse(const geoparse::Geoparser& parser, const GoldCorpus& gold,
                                    const GeoparseEvalOptions& options);

// Great-circle distance in km.
double GreatCircleKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace tocsin::eval

#endif  // TOCSIN_EVAL_GEOPARSE_EVAL_H_
