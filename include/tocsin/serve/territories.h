// Disputed and occupied areas (data/kb/disputed_areas.tsv) as GeoJSON, for the dashboard's
// territorial-status layer (GET /api/territories).
#ifndef TOCSIN_SERVE_TERRITORIES_H_
#define TOCSIN_SERVE_TERRITORIES_H_

#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/status.h"

namespace tocsin::serve {

struct AreaRow {
  std::string id, name, status;  // status: disputed | occupied
  std::vector<std::string> claimed_by;
  std::string controlled_by, valid_from, valid_to, wkt, source, recognised;
};

class Territories {
 public:
  static StatusOr<Territories> Load(const std::string& tsv_path);
  // A GeoJSON FeatureCollection of the areas valid on `date` ("YYYY-MM-DD"; "" = every row),
  // one Feature per row with properties id, name, status, claimed_by, controlled_by,
  // valid_from, valid_to, source, recognised.
  std::string GeoJson(std::string_view date) const;
  const std::vector<AreaRow>& rows() const { return rows_; }

 private:
  std::vector<AreaRow> rows_;
  std::vector<std::string> geometries_;  // GeoJSON geometry per row
};

// WKT POLYGON / MULTIPOLYGON ("lon lat") -> GeoJSON geometry object.
StatusOr<std::string> WktToGeoJson(std::string_view wkt);

}  // namespace tocsin::serve

#endif  // TOCSIN_SERVE_TERRITORIES_H_
