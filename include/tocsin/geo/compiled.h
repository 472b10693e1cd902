// Writers (and the countries reader) for the compiled geo data files, shared by the
// build-time tool tools/tocsin_data and by the run-time readers. Layouts: doc/gazetteer.md.
#ifndef TOCSIN_GEO_COMPILED_H_
#define TOCSIN_GEO_COMPILED_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tocsin/core/status.h"
#include "tocsin/geo/gazetteer.h"

namespace tocsin::geo {

inline constexpr uint32_t kGazetteerVersion = 1;
inline constexpr uint32_t kCountriesVersion = 1;

// One place to index, with every spelling it should be found under (unfolded or folded:
// the writer folds them; `entry.name` is always indexed too).
struct GazetteerRecord {
  GazetteerEntry entry;
  std::vector<std::string> names;
};

// Writes a gazetteer index to `path` (atomically: a temporary file renamed into place).
Status WriteGazetteerIndex(const std::vector<GazetteerRecord>& records, const std::string& path);

// Outer ring first, then holes; points are (lon, lat) in degrees.
using Ring = std::vector<std::pair<double, double>>;
using Polygon = std::vector<Ring>;
struct CountryShape {
  std::string alpha3;
  std::vector<Polygon> polygons;
};

Status WriteCountries(const std::vector<CountryShape>& countries, const std::string& path);
StatusOr<std::vector<CountryShape>> ReadCountries(const std::string& path);

// "... rebuild it with `ninja -C build`" message used by every compiled-data error.
std::string RebuildHint(const std::string& path);

}  // namespace tocsin::geo

#endif  // TOCSIN_GEO_COMPILED_H_
