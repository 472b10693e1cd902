// Territorial status of a point on a date: whose internationally recognised territory it is,
// and whether it lies in a disputed or occupied area at that date.
//
// Country polygons come from npm world-atlas (Natural Earth 10m), compiled at build time into
// CompiledDataDir()/countries.bin; disputed and occupied areas, with validity periods, from the
// curated data/kb/disputed_areas.tsv. Point-in-polygon uses GEOS prepared geometries.
// Thread-safety: immutable after Open(); Locate() is const and safe to call concurrently.
#ifndef TOCSIN_GEO_TERRITORY_H_
#define TOCSIN_GEO_TERRITORY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/status.h"

namespace tocsin::geo {

enum class Territory { kSovereign, kDisputed, kOccupied, kUnknown };
const char* TerritoryName(Territory t);  // "sovereign", "disputed", "occupied", "unknown"

struct TerritoryStatus {
  std::string country;  // alpha-3 of the recognised state containing the point; "" at sea
  Territory territory = Territory::kUnknown;
  std::string area;                     // "Nagorno-Karabakh", "Crimea", ... when disputed/occupied
  std::vector<std::string> claimed_by;  // alpha-3 codes
  std::string controlled_by;            // alpha-3 of the de facto controller on that date, or ""
};

class TerritoryIndex {
 public:
  static StatusOr<std::unique_ptr<TerritoryIndex>> Open(const std::string& countries_path,
                                                        const std::string& disputed_tsv_path);
  // CompiledDataDir()/countries.bin and CuratedDataDir()/kb/disputed_areas.tsv.
  static StatusOr<std::unique_ptr<TerritoryIndex>> OpenDefault();

  virtual ~TerritoryIndex() = default;
  // `date` is "YYYY-MM-DD"; empty means today.
  virtual TerritoryStatus Locate(double lat, double lon, std::string_view date) const = 0;
};

}  // namespace tocsin::geo

#endif  // TOCSIN_GEO_TERRITORY_H_
