// TerritoryIndex: country polygons (countries.bin) + curated disputed/occupied areas, with GEOS
// prepared geometries behind a 1-degree grid prefilter.
#include "tocsin/geo/territory.h"

#include <geos_c.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <mutex>
#include <sstream>

#include "tocsin/core/data_dir.h"
#include "tocsin/geo/compiled.h"

namespace tocsin::geo {

const char* TerritoryName(Territory t) {
  switch (t) {
    case Territory::kSovereign: return "sovereign";
    case Territory::kDisputed: return "disputed";
    case Territory::kOccupied: return "occupied";
    case Territory::kUnknown: break;
  }
  return "unknown";
}

namespace {

thread_local std::string g_geos_error;

// How far off a 10m coastline a point may be and still belong to the country (~4 km).
constexpr double kCoastToleranceDeg = 0.04;

void GeosErrorHandler(const char* message, void*) { g_geos_error = message ? message : ""; }
void GeosNoticeHandler(const char*, void*) {}

GEOSContextHandle_t NewContext() {
  GEOSContextHandle_t ctx = GEOS_init_r();
  GEOSContext_setErrorMessageHandler_r(ctx, GeosErrorHandler, nullptr);
  GEOSContext_setNoticeMessageHandler_r(ctx, GeosNoticeHandler, nullptr);
  return ctx;
}

// One GEOS context per thread for queries (a context is not safe to share between threads;
// geometries are).
struct ThreadContext {
  GEOSContextHandle_t ctx = NewContext();
  ~ThreadContext() { GEOS_finish_r(ctx); }
};
GEOSContextHandle_t QueryContext() {
  thread_local ThreadContext tc;
  return tc.ctx;
}

struct Box {
  double min_lon = 1e9, min_lat = 1e9, max_lon = -1e9, max_lat = -1e9;
  void Add(double lon, double lat) {
    min_lon = std::min(min_lon, lon);
    max_lon = std::max(max_lon, lon);
    min_lat = std::min(min_lat, lat);
    max_lat = std::max(max_lat, lat);
  }
  bool Contains(double lon, double lat) const {
    return lon >= min_lon && lon <= max_lon && lat >= min_lat && lat <= max_lat;
  }
};

// A geometry prepared on first use (thread-safe), then queried with a point.
struct Shape {
  GEOSGeometry* geom = nullptr;
  Box box;
  mutable std::once_flag once;
  mutable const GEOSPreparedGeometry* prepared = nullptr;

  bool Covers(double lon, double lat) const {
    if (!box.Contains(lon, lat)) return false;
    GEOSContextHandle_t ctx = QueryContext();
    std::call_once(once, [&] {
      prepared = GEOSPrepare_r(ctx, geom);
      // Warm-up query: builds the lazy point locator now, under the once_flag, so that later
      // concurrent queries only read it.
      if (prepared) {
        GEOSGeometry* p = GEOSGeom_createPointFromXY_r(
            ctx, (box.min_lon + box.max_lon) / 2, (box.min_lat + box.max_lat) / 2);
        GEOSPreparedIntersects_r(ctx, prepared, p);
        GEOSGeom_destroy_r(ctx, p);
      }
    });
    if (!prepared) return false;
    GEOSGeometry* p = GEOSGeom_createPointFromXY_r(ctx, lon, lat);
    char r = GEOSPreparedIntersects_r(ctx, prepared, p);
    GEOSGeom_destroy_r(ctx, p);
    return r == 1;
  }

  // Distance in degrees from the point to the shape, or a large value.
  double Distance(double lon, double lat) const {
    Covers(box.min_lon, box.min_lat);  // make sure `prepared` exists
    if (!prepared) return 1e9;
    GEOSContextHandle_t ctx = QueryContext();
    GEOSGeometry* p = GEOSGeom_createPointFromXY_r(ctx, lon, lat);
    double d = 1e9;
    if (GEOSPreparedDistance_r(ctx, prepared, p, &d) != 1) d = 1e9;
    GEOSGeom_destroy_r(ctx, p);
    return d;
  }
};

struct CountryPart {
  std::string country;
  Shape shape;
};

struct Area {
  std::string id, name;
  Territory status = Territory::kDisputed;
  std::vector<std::string> claimed_by;
  std::string controlled_by;
  std::string valid_from, valid_to;  // "YYYY-MM-DD"; valid_to exclusive; empty = open
  std::string recognised;            // overrides the polygon country when set
  Shape shape;
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool IsDate(const std::string& d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (d[i] < '0' || d[i] > '9') return false;
  }
  return true;
}

std::string Today() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
  return buf;
}

class GeosTerritoryIndex final : public TerritoryIndex {
 public:
  GeosTerritoryIndex() : ctx_(NewContext()) {}
  ~GeosTerritoryIndex() override {
    for (auto* parts : {&parts_}) {
      for (auto& p : *parts) Destroy(p->shape);
    }
    for (auto& a : areas_) Destroy(a->shape);
    GEOS_finish_r(ctx_);
  }

  Status LoadCountries(const std::string& path) {
    auto countries = ReadCountries(path);
    if (!countries.ok()) return countries.status();
    for (const CountryShape& c : *countries) {
      for (const Polygon& poly : c.polygons) {
        auto part = std::make_unique<CountryPart>();
        part->country = c.alpha3;
        part->shape.geom = MakePolygon(poly, &part->shape.box);
        if (part->shape.geom == nullptr) continue;  // degenerate ring: skip it
        parts_.push_back(std::move(part));
      }
    }
    if (parts_.empty()) return Status::Corruption(RebuildHint(path) + " (no polygons)");
    for (size_t i = 0; i < parts_.size(); ++i) {
      const Box& b = parts_[i]->shape.box;
      for (int x = Cell(b.min_lon, 180, 360); x <= Cell(b.max_lon, 180, 360); ++x) {
        for (int y = Cell(b.min_lat, 90, 180); y <= Cell(b.max_lat, 90, 180); ++y) {
          grid_[y * 360 + x].push_back(static_cast<uint32_t>(i));
        }
      }
    }
    return Status::Ok();
  }

  Status LoadAreas(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
      return Status::NotFound(path + ": cannot open the disputed areas table (data/kb)");
    }
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx_);
    std::string line;
    int line_no = 0;
    Status status;
    while (status.ok() && std::getline(in, line)) {
      ++line_no;
      if (line.empty() || line[0] == '#' || line.rfind("id\t", 0) == 0) continue;
      status = ParseArea(reader, path + ":" + std::to_string(line_no), line);
    }
    GEOSWKTReader_destroy_r(ctx_, reader);
    return status;
  }

  TerritoryStatus Locate(double lat, double lon, std::string_view date) const override {
    TerritoryStatus st;
    if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) return st;
    std::string day = date.empty() ? Today() : std::string(date);
    std::string country = CountryAt(lat, lon);
    if (country.empty()) return st;  // at sea or outside every polygon
    st.country = country;
    st.territory = Territory::kSovereign;
    bool override_done = false, status_done = false;
    for (const auto& a : areas_) {
      if (override_done && status_done) break;
      bool valid = (a->valid_from.empty() || day >= a->valid_from) &&
                   (a->valid_to.empty() || day < a->valid_to);
      if (status_done && (override_done || a->recognised.empty())) continue;
      if (!valid && (override_done || a->recognised.empty())) continue;
      // Only where the polygon country is one of the claimants: coarse area outlines may
      // spill over an undisputed border without effect.
      if (std::find(a->claimed_by.begin(), a->claimed_by.end(), country) == a->claimed_by.end()) {
        continue;
      }
      if (!a->shape.Covers(lon, lat)) continue;
      // The recognised state does not depend on the date (Crimea is UKR in 2013 too).
      if (!override_done && !a->recognised.empty()) {
        st.country = a->recognised;
        override_done = true;
      }
      if (valid && !status_done) {
        st.territory = a->status;
        st.area = a->name;
        st.claimed_by = a->claimed_by;
        st.controlled_by = a->controlled_by;
        status_done = true;
      }
    }
    if (!status_done) st.controlled_by = st.country;
    return st;
  }

 private:
  // Country polygon containing the point; failing that, the nearest one within
  // kCoastToleranceDeg (10m coastlines cut off harbour and river-bank city centres).
  std::string CountryAt(double lat, double lon) const {
    for (uint32_t i : grid_[Cell(lat, 90, 180) * 360 + Cell(lon, 180, 360)]) {
      if (parts_[i]->shape.Covers(lon, lat)) return parts_[i]->country;
    }
    constexpr double kTol = kCoastToleranceDeg;
    double best = kTol;
    std::string country;
    std::vector<uint32_t> seen;
    for (double dy : {-kTol, kTol}) {
      for (double dx : {-kTol, kTol}) {
        for (uint32_t i : grid_[Cell(lat + dy, 90, 180) * 360 + Cell(lon + dx, 180, 360)]) {
          if (std::find(seen.begin(), seen.end(), i) != seen.end()) continue;
          seen.push_back(i);
          const Box& b = parts_[i]->shape.box;
          if (lon < b.min_lon - kTol || lon > b.max_lon + kTol || lat < b.min_lat - kTol ||
              lat > b.max_lat + kTol) {
            continue;
          }
          double d = parts_[i]->shape.Distance(lon, lat);
          if (d <= best) {
            best = d;
            country = parts_[i]->country;
          }
        }
      }
    }
    return country;
  }

  static int Cell(double v, double offset, int n) {
    int c = static_cast<int>(std::floor(v + offset));
    return std::clamp(c, 0, n - 1);
  }

  void Destroy(Shape& s) {
    if (s.prepared) GEOSPreparedGeom_destroy_r(ctx_, s.prepared);
    if (s.geom) GEOSGeom_destroy_r(ctx_, s.geom);
  }

  GEOSGeometry* MakeRing(const Ring& ring, Box* box) {
    Ring r = ring;
    if (r.size() >= 3 && r.front() != r.back()) r.push_back(r.front());
    if (r.size() < 4) return nullptr;
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx_, static_cast<unsigned>(r.size()), 2);
    for (size_t i = 0; i < r.size(); ++i) {
      GEOSCoordSeq_setXY_r(ctx_, seq, static_cast<unsigned>(i), r[i].first, r[i].second);
      if (box) box->Add(r[i].first, r[i].second);
    }
    return GEOSGeom_createLinearRing_r(ctx_, seq);
  }

  GEOSGeometry* MakePolygon(const Polygon& poly, Box* box) {
    if (poly.empty()) return nullptr;
    GEOSGeometry* shell = MakeRing(poly[0], box);
    if (!shell) return nullptr;
    std::vector<GEOSGeometry*> holes;
    for (size_t i = 1; i < poly.size(); ++i) {
      if (GEOSGeometry* h = MakeRing(poly[i], nullptr)) holes.push_back(h);
    }
    return GEOSGeom_createPolygon_r(ctx_, shell, holes.data(),
                                    static_cast<unsigned>(holes.size()));
  }

  Status ParseArea(GEOSWKTReader* reader, const std::string& where, const std::string& line) {
    std::vector<std::string> f = Split(line, '\t');
    if (f.size() < 9) {
      return Status::InvalidArgument(where + ": expected at least 9 tab-separated columns "
                                     "(id, name, status, claimed_by, controlled_by, valid_from, "
                                     "valid_to, polygon_wkt, source), got " +
                                     std::to_string(f.size()));
    }
    for (auto& s : f) s = Trim(s);
    auto a = std::make_unique<Area>();
    a->id = f[0];
    a->name = f[1];
    if (f[2] == "disputed") {
      a->status = Territory::kDisputed;
    } else if (f[2] == "occupied") {
      a->status = Territory::kOccupied;
    } else {
      return Status::InvalidArgument(where + ": status must be disputed or occupied, not \"" +
                                     f[2] + "\"");
    }
    for (std::string c : Split(f[3], ',')) {
      c = Trim(c);
      if (!c.empty()) a->claimed_by.push_back(c);
    }
    if (a->claimed_by.empty()) return Status::InvalidArgument(where + ": empty claimed_by");
    a->controlled_by = f[4];
    a->valid_from = f[5];
    a->valid_to = f[6];
    for (const std::string* d : {&a->valid_from, &a->valid_to}) {
      if (!d->empty() && !IsDate(*d)) {
        return Status::InvalidArgument(where + ": dates are YYYY-MM-DD or empty, not \"" + *d +
                                       "\"");
      }
    }
    if (f.size() > 9) a->recognised = f[9];
    g_geos_error.clear();
    a->shape.geom = GEOSWKTReader_read_r(ctx_, reader, f[7].c_str());
    if (a->shape.geom == nullptr) {
      return Status::InvalidArgument(where + ": bad polygon WKT: " + g_geos_error);
    }
    if (GEOSisValid_r(ctx_, a->shape.geom) != 1) {
      return Status::InvalidArgument(where + ": polygon of " + a->id +
                                     " is not valid (self-intersecting?)");
    }
    double x0, y0, x1, y1;
    if (GEOSGeom_getXMin_r(ctx_, a->shape.geom, &x0) && GEOSGeom_getYMin_r(ctx_, a->shape.geom, &y0) &&
        GEOSGeom_getXMax_r(ctx_, a->shape.geom, &x1) && GEOSGeom_getYMax_r(ctx_, a->shape.geom, &y1)) {
      a->shape.box.Add(x0, y0);
      a->shape.box.Add(x1, y1);
    }
    areas_.push_back(std::move(a));
    return Status::Ok();
  }

  GEOSContextHandle_t ctx_;
  std::vector<std::unique_ptr<CountryPart>> parts_;
  std::vector<std::unique_ptr<Area>> areas_;
  std::array<std::vector<uint32_t>, 360 * 180> grid_;
};

}  // namespace

StatusOr<std::unique_ptr<TerritoryIndex>> TerritoryIndex::Open(
    const std::string& countries_path, const std::string& disputed_tsv_path) {
  auto index = std::make_unique<GeosTerritoryIndex>();
  TOCSIN_RETURN_IF_ERROR(index->LoadCountries(countries_path));
  TOCSIN_RETURN_IF_ERROR(index->LoadAreas(disputed_tsv_path));
  return std::unique_ptr<TerritoryIndex>(std::move(index));
}

StatusOr<std::unique_ptr<TerritoryIndex>> TerritoryIndex::OpenDefault() {
  return Open(CompiledDataDir() + "/countries.bin", CuratedDataDir() + "/kb/disputed_areas.tsv");
}

}  // namespace tocsin::geo
