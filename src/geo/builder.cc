// GazetteerBuilder: GeoNames / ISO / curated / TSV rows -> gazetteer records -> index file.
#include "tocsin/geo/builder.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include <nlohmann/json.hpp>

#include "tocsin/geo/countries.h"
#include "tocsin/geo/gazetteer.h"

namespace tocsin::geo {
namespace {

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

bool IsUpperCode(const std::string& s) {
  for (unsigned char c : s)
    if (c < 'A' || c > 'Z') return false;
  return !s.empty();
}

std::string FeatureForPopulated(const std::string& code, int64_t pop) {
  if (code == "PPLC" || pop >= 100000) return "city";
  if (pop >= 5000) return "town";
  return "village";
}

// tocsin feature for a GeoNames (class, code); "" = do not index the row.
std::string FeatureForGeoNames(char cls, const std::string& code, int64_t pop) {
  switch (cls) {
    case 'P':
      if (code == "PPLH" || code == "PPLQ" || code == "PPLW") return "";  // historical, gone
      return FeatureForPopulated(code, pop);
    case 'A':
      if (code == "ADM1" || code == "ADM2") return "region";
      return "";  // countries come from iso-codes; ADM3+ and historical divisions are noise
    case 'H':
      if (code.rfind("LK", 0) == 0 || code.rfind("RSV", 0) == 0) return "lake";
      if (code.rfind("STM", 0) == 0) return "river";
      return "area";
    case 'T':
      if (code == "PASS") return "pass";
      if (code == "MT" || code == "MTS" || code == "PK" || code == "PKS" || code == "HLL" ||
          code == "HLLS" || code == "RDGE" || code == "VLC")
        return "mountain";
      return "area";
    default:
      return "area";
  }
}

std::string FeatureCodeFor(const std::string& feature) {
  static const std::map<std::string, std::string> codes = {
      {"country", "PCLI"}, {"region", "RGN"}, {"city", "PPL"},     {"town", "PPL"},
      {"village", "PPL"},  {"lake", "LK"},    {"river", "STM"},    {"mountain", "MT"},
      {"pass", "PASS"},    {"area", "AREA"}};
  auto it = codes.find(feature);
  return it == codes.end() ? "" : it->second;
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

bool ParseCoord(const std::string& s, double limit, double* out) {
  if (s.empty()) return false;
  char* end = nullptr;
  *out = std::strtod(s.c_str(), &end);
  return *end == '\0' && std::isfinite(*out) && std::fabs(*out) <= limit;
}

// One-word subdivision names that are also common English words or bare directions ("Central",
// "Delta", "Unity", "Lakes"): as regions they would turn ordinary capitalised words into
// toponyms. Their multi-word forms ("Central Region") are kept.
bool GenericRegionName(const std::string& folded) {
  static const std::set<std::string> k = {
      "central", "centre", "center", "north", "south", "east", "west", "northern", "southern",
      "eastern", "western", "capital", "coast", "coastal", "lakes", "lake", "unity", "delta",
      "plateau", "plateaux", "upper", "lower", "islands", "island", "interior", "highlands",
      "midlands", "border", "mountain", "lagoons", "savanes", "littoral", "maritime", "sea",
      "river", "valley", "forest", "orange", "balkan", "north east", "north west", "south east",
      "south west", "northeast", "northwest", "southeast", "southwest", "middle", "national",
      "federal", "mountains", "plains", "bay", "gulf", "harbour", "port", "cape", "saint",
      "christ church", "mid", "liberty", "independence", "peace", "victory", "progress",
      "far north", "far west", "far east", "far south", "extreme north"};
  return k.count(folded) > 0;
}

// Calls `row` with the fields and "path:line" of every data line of a curated TSV file (blank
// lines, '#' comments and a header line starting with `header` are skipped); the first error
// `row` returns stops the read.
Status ForEachCuratedRow(
    const std::string& path, const std::string& header,
    const std::function<Status(const std::vector<std::string>&, const std::string&)>& row) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#' || line.rfind(header, 0) == 0) continue;
    Status st = row(Split(line, '\t'), path + ":" + std::to_string(n));
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace

GazetteerBuilder::GazetteerBuilder() = default;
GazetteerBuilder::~GazetteerBuilder() = default;

Status GazetteerBuilder::LoadAdmin1(const std::string& path) {
  return ForEachCuratedRow(path, "country\t", [&](const auto& f, const std::string& where) {
    if (f.size() < 5)
      return Status::InvalidArgument(
          where + ": expected 5 columns (country, code, name, region_names, source)");
    if (Trim(f[4]).empty()) return Status::InvalidArgument(where + ": missing source note");
    Admin1Row row;
    row.name = Trim(f[2]);
    for (const auto& s : Split(f[3], '|')) {
      if (!Trim(s).empty()) row.region_names.push_back(Trim(s));
    }
    if (f.size() > 5) row.point = Trim(f[5]);
    if (!row.point.empty() && row.point != "bbox") {
      auto ll = Split(row.point, ',');
      double lat, lon;
      if (ll.size() != 2 || !ParseCoord(Trim(ll[0]), 90, &lat) ||
          !ParseCoord(Trim(ll[1]), 180, &lon))
        return Status::InvalidArgument(where + ": point must be empty, \"bbox\" or \"LAT,LON\"");
    }
    admin1_[Trim(f[0]) + "." + Trim(f[1])] = row;
    return Status::Ok();
  });
}

Status GazetteerBuilder::AddGeoNames(const std::string& path, const GeoNamesOptions& options) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open GeoNames table");
  std::string line;
  size_t n = 0, well_formed = 0;
  while (std::getline(in, line)) {
    ++n;
    ++stats_.geonames_rows;
    auto f = Split(line, '\t');
    if (f.size() < 15) continue;
    ++well_formed;
    char cls = f[6].empty() ? '?' : f[6][0];
    if (options.classes.find(cls) == std::string::npos) continue;
    const std::string& fcode = f[7];
    int64_t pop = std::atoll(f[14].c_str());
    if (cls == 'P' && pop < options.min_population) continue;
    std::string feature = FeatureForGeoNames(cls, fcode, pop);
    if (feature.empty()) continue;
    GazetteerRecord r;
    GazetteerEntry& e = r.entry;
    e.geonameid = std::atoll(f[0].c_str());
    if (e.geonameid <= 0 || e.geonameid > INT32_MAX) continue;
    if (!ParseCoord(f[4], 90, &e.lat) || !ParseCoord(f[5], 180, &e.lon)) continue;
    e.name = f[1];
    e.feature_code = fcode;
    e.feature = feature;
    e.country = Alpha3FromAlpha2(f[8]);
    e.population = pop;
    std::string key = e.country + "." + f[10];
    auto a1 = admin1_.find(key);
    if (a1 != admin1_.end()) e.admin1 = a1->second.name;
    if (f[2] != f[1]) r.names.push_back(f[2]);
    for (const auto& alt : Split(f[3], ',')) {
      // Upper-case ASCII of up to 4 letters are airport and other codes ("MAD", "FOR").
      if (alt.size() <= 4 && IsUpperCode(alt)) continue;
      if (KeepAlternateName(alt)) r.names.push_back(alt);
    }
    if (cls == 'P') {
      country_pop_[e.country] += e.population;
      if (!f[10].empty()) {
        RegionStats& rs = region_stats_[key];
        double w = static_cast<double>(std::max<int64_t>(e.population, 1));
        rs.pop += e.population;
        rs.wlat += w * e.lat;
        rs.wlon += w * e.lon;
        rs.w += w;
        rs.min_lat = std::min(rs.min_lat, e.lat);
        rs.max_lat = std::max(rs.max_lat, e.lat);
        rs.min_lon = std::min(rs.min_lon, e.lon);
        rs.max_lon = std::max(rs.max_lon, e.lon);
      }
      if (fcode == "PPLC" && !capital_.count(e.country)) capital_[e.country] = {e.lat, e.lon};
    }
    if (by_geonameid_.count(e.geonameid)) continue;  // same row in two inputs
    if (fcode == "ADM1" && !e.country.empty()) geonames_adm1_[key] = records_.size();
    by_geonameid_[e.geonameid] = records_.size();
    admin1_key_.push_back(f[10].empty() ? std::string() : key);
    records_.push_back(std::move(r));
    ++stats_.geonames_kept;
  }
  if (n > 0 && well_formed == 0) {
    return Status::InvalidArgument(path + ": not a GeoNames table (expected 19 tab-separated "
                                   "columns: geonameid, name, asciiname, alternatenames, ...)");
  }
  return Status::Ok();
}

Status GazetteerBuilder::AddAlternateNames(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open GeoNames alternateNames table");
  static const std::set<std::string> kSkipLang = {"link", "post", "iata", "icao", "faac",
                                                  "tcid", "unlc", "wkdt", "phon", "piny"};
  std::string line;
  size_t n = 0, well_formed = 0;
  while (std::getline(in, line)) {
    ++n;
    auto f = Split(line, '\t');
    if (f.size() < 4) continue;
    ++well_formed;
    auto it = by_geonameid_.find(std::atoll(f[1].c_str()));
    if (it == by_geonameid_.end()) continue;
    if (kSkipLang.count(f[2])) continue;
    bool colloquial = f.size() > 6 && f[6] == "1";
    bool historic = f.size() > 7 && f[7] == "1";
    if (colloquial || historic) continue;
    // Abbreviations ("U.S.", "UK") are short: keep them when flagged as such.
    bool abbr = f[2] == "abbr";
    if (!abbr && !KeepAlternateName(f[3])) continue;
    if (abbr && (f[3].size() < 2 || f[3].size() > 8)) continue;
    records_[it->second].names.push_back(f[3]);
    ++stats_.alternate_names;
  }
  if (n > 0 && well_formed == 0) {
    return Status::InvalidArgument(path + ": not a GeoNames alternateNames table (expected "
                                   "alternateNameId, geonameid, isolanguage, name, ...)");
  }
  return Status::Ok();
}

Status GazetteerBuilder::AddTsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open TSV gazetteer");
  std::string line;
  int n = 0;
  int64_t next_id = -1000000 - static_cast<int64_t>(stats_.tsv_rows);
  while (std::getline(in, line)) {
    ++n;
    if (line.empty() || line[0] == '#' || line.rfind("name\t", 0) == 0) continue;
    std::string where = path + ":" + std::to_string(n);
    auto f = Split(line, '\t');
    for (auto& s : f) s = Trim(s);
    if (f.size() < 3) {
      return Status::InvalidArgument(where + ": expected at least 3 columns (name, lat, lon)");
    }
    f.resize(9);
    GazetteerRecord r;
    GazetteerEntry& e = r.entry;
    e.name = f[0];
    if (e.name.empty()) return Status::InvalidArgument(where + ": empty name");
    if (!ParseCoord(f[1], 90, &e.lat) || !ParseCoord(f[2], 180, &e.lon)) {
      return Status::InvalidArgument(where + ": bad lat/lon \"" + f[1] + "\", \"" + f[2] + "\"");
    }
    e.feature = f[3].empty() ? "area" : f[3];
    e.feature_code = FeatureCodeFor(e.feature);
    if (e.feature_code.empty()) {
      return Status::InvalidArgument(where + ": unknown feature \"" + f[3] +
                                     "\" (country|region|city|town|village|lake|river|"
                                     "mountain|pass|area)");
    }
    e.country = f[4].size() == 2 ? Alpha3FromAlpha2(f[4]) : f[4];
    if (!f[4].empty() && (e.country.empty() || CountryName(e.country).empty())) {
      return Status::InvalidArgument(where + ": unknown country code \"" + f[4] + "\"");
    }
    e.admin1 = f[5];
    e.population = std::atoll(f[6].c_str());
    for (const auto& s : Split(f[7], '|')) {
      if (!Trim(s).empty()) r.names.push_back(Trim(s));
    }
    e.geonameid = f[8].empty() ? next_id-- : std::atoll(f[8].c_str());
    if (e.geonameid == 0 || e.geonameid > INT32_MAX || e.geonameid < INT32_MIN) {
      return Status::InvalidArgument(where + ": bad id \"" + f[8] + "\"");
    }
    if (e.geonameid > 0) {
      if (by_geonameid_.count(e.geonameid)) {
        return Status::InvalidArgument(where + ": duplicate id " + f[8]);
      }
      by_geonameid_[e.geonameid] = records_.size();
    }
    admin1_key_.emplace_back();
    records_.push_back(std::move(r));
    ++stats_.tsv_rows;
  }
  return Status::Ok();
}

Status GazetteerBuilder::LoadCountryNames(const std::string& path) {
  return ForEachCuratedRow(path, "country\t", [&](const auto& f, const std::string& where) {
    if (f.size() < 3 || Trim(f[2]).empty())
      return Status::InvalidArgument(where + ": expected country, names, source");
    std::string code = Trim(f[0]);
    if (CountryName(code).empty())
      return Status::InvalidArgument(where + ": unknown country code " + code);
    for (const auto& s : Split(f[1], '|'))
      if (!Trim(s).empty()) country_names_[code].push_back(Trim(s));
    return Status::Ok();
  });
}

Status GazetteerBuilder::LoadCountryPoints(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open world-countries JSON");
  nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_array()) {
    return Status::InvalidArgument(path + ": not a world-countries countries.json array");
  }
  for (const auto& c : j) {
    if (!c.is_object() || !c.contains("cca3") || !c.contains("latlng")) continue;
    const auto& ll = c["latlng"];
    if (!c["cca3"].is_string() || !ll.is_array() || ll.size() != 2 || !ll[0].is_number() ||
        !ll[1].is_number())
      continue;
    SetCountryPoint(c["cca3"].get<std::string>(), ll[0].get<double>(), ll[1].get<double>());
  }
  return Status::Ok();
}

Status GazetteerBuilder::LoadCountryStateCity(const std::string& data_dir,
                                              const std::string& iso_3166_2_json) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(data_dir, ec)) {
    return Status::NotFound(data_dir + ": not a directory (npm @countrystatecity/countries dist/data)");
  }
  // First-level subdivisions: iso-codes entries without a parent.
  std::map<std::string, std::string> first_level;  // "CN-SC" -> iso-codes name
  {
    std::ifstream in(iso_3166_2_json);
    if (!in) return Status::NotFound(iso_3166_2_json + ": cannot open (Debian iso-codes)");
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.contains("3166-2")) {
      return Status::InvalidArgument(iso_3166_2_json + ": not an iso-codes 3166-2 table");
    }
    for (const auto& e : j["3166-2"]) {
      if (!e.is_object() || e.contains("parent") || !e.contains("code")) continue;
      first_level[e["code"].get<std::string>()] = e.value("name", "");
    }
  }
  std::vector<fs::path> dirs;
  for (const auto& d : fs::directory_iterator(data_dir, ec))
    if (d.is_directory()) dirs.push_back(d.path());
  std::sort(dirs.begin(), dirs.end());  // stable ids whatever the file system order
  auto number = [](const nlohmann::json& v, double* out) {
    if (v.is_number()) {
      *out = v.get<double>();
      return true;
    }
    if (!v.is_string()) return false;
    return ParseCoord(v.get<std::string>(), 180, out);
  };
  for (const auto& dir : dirs) {
    std::ifstream meta_in(dir / "meta.json");
    if (!meta_in) continue;
    nlohmann::json meta = nlohmann::json::parse(meta_in, nullptr, false);
    if (meta.is_discarded() || !meta.is_object() || !meta.contains("iso3")) continue;
    std::string alpha3 = meta["iso3"].is_string() ? meta["iso3"].get<std::string>() : "";
    if (CountryName(alpha3).empty()) continue;
    double lat, lon;
    if (meta.contains("latitude") && meta.contains("longitude") &&
        number(meta["latitude"], &lat) && number(meta["longitude"], &lon))
      SetCountryPoint(alpha3, lat, lon);
    std::ifstream st_in(dir / "states.json");
    if (!st_in) continue;
    nlohmann::json states = nlohmann::json::parse(st_in, nullptr, false);
    if (states.is_discarded() || !states.is_array()) continue;
    for (const auto& st : states) {
      if (!st.is_object() || !st.contains("iso3166_2") || !st["iso3166_2"].is_string()) continue;
      auto fl = first_level.find(st["iso3166_2"].get<std::string>());
      if (fl == first_level.end()) continue;
      StateRow row;
      row.country = alpha3;
      row.code = fl->first;
      if (!st.contains("latitude") || !st.contains("longitude") ||
          !number(st["latitude"], &row.lat) || !number(st["longitude"], &row.lon) ||
          std::fabs(row.lat) > 90)
        continue;
      std::string name = st.value("name", "");
      for (const std::string& n : {name, fl->second}) {
        if (n.empty() || std::find(row.names.begin(), row.names.end(), n) != row.names.end())
          continue;
        row.names.push_back(n);
      }
      if (!row.names.empty()) states_.push_back(std::move(row));
    }
  }
  return Status::Ok();
}

Status GazetteerBuilder::LoadCountryPointsTsv(const std::string& path) {
  return ForEachCuratedRow(path, "country\t", [&](const auto& f, const std::string& where) {
    double lat, lon;
    if (f.size() < 4 || Trim(f[3]).empty() || !ParseCoord(Trim(f[1]), 90, &lat) ||
        !ParseCoord(Trim(f[2]), 180, &lon))
      return Status::InvalidArgument(where + ": expected country, lat, lon, source");
    if (CountryName(Trim(f[0])).empty())
      return Status::InvalidArgument(where + ": unknown country code " + Trim(f[0]));
    SetCountryPoint(Trim(f[0]), lat, lon);
    return Status::Ok();
  });
}

void GazetteerBuilder::SetCountryPoint(const std::string& alpha3, double lat, double lon) {
  if (std::fabs(lat) <= 90 && std::fabs(lon) <= 180) country_points_[alpha3] = {lat, lon};
}

void GazetteerBuilder::AddCountries(const std::vector<CountryShape>& shapes) {
  std::map<std::string, std::pair<double, double>> label;  // alpha3 -> (lat, lon)
  for (const auto& s : shapes) {
    double best = 0;
    for (const auto& p : s.polygons) {
      if (p.empty()) continue;
      double a, cx = 0, cy = 0;
      double min_lon = 180, max_lon = -180;
      for (const auto& pt : p[0]) {
        min_lon = std::min(min_lon, pt.first);
        max_lon = std::max(max_lon, pt.first);
      }
      if (max_lon - min_lon > 300) {
        // The ring crosses the antimeridian (Russia, Fiji): unwrap it to 0..360 first.
        Ring shifted = p[0];
        for (auto& pt : shifted)
          if (pt.first < 0) pt.first += 360;
        RingCentroid(shifted, &a, &cx, &cy);
      } else {
        RingCentroid(p[0], &a, &cx, &cy);
      }
      if (cx > 180) cx -= 360;
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
    if (auto pt = country_points_.find(c.alpha3); pt != country_points_.end()) {
      std::tie(e.lat, e.lon) = pt->second;
    } else if (auto it = label.find(c.alpha3); it != label.end()) {
      std::tie(e.lat, e.lon) = it->second;
    } else if (auto cap = capital_.find(c.alpha3); cap != capital_.end()) {
      std::tie(e.lat, e.lon) = cap->second;
    }
    for (const std::string* n : {&c.name, &c.official_name, &c.common_name}) {
      if (!n->empty()) r.names.push_back(*n);
    }
    if (auto cn = country_names_.find(c.alpha3); cn != country_names_.end())
      r.names.insert(r.names.end(), cn->second.begin(), cn->second.end());
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
    admin1_key_.emplace_back();
    records_.push_back(std::move(r));
    ++stats_.countries;
  }
}

void GazetteerBuilder::FillAdmin1FromGeoNames() {
  for (size_t i = 0; i < records_.size(); ++i) {
    GazetteerEntry& e = records_[i].entry;
    if (!e.admin1.empty() || admin1_key_[i].empty()) continue;
    auto it = geonames_adm1_.find(admin1_key_[i]);
    if (it != geonames_adm1_.end()) e.admin1 = records_[it->second].entry.name;
  }
}

void GazetteerBuilder::AddAdmin1Regions() {
  FillAdmin1FromGeoNames();
  int next = -200000;
  for (const auto& [key, row] : admin1_) {
    if (row.region_names.empty()) continue;
    int id = next--;  // stable ids whatever the GeoNames input
    if (auto g = geonames_adm1_.find(key); g != geonames_adm1_.end()) {
      GazetteerRecord& r = records_[g->second];
      r.entry.admin1 = row.name;
      r.entry.curated = true;
      r.names.insert(r.names.end(), row.region_names.begin(), row.region_names.end());
      continue;
    }
    GazetteerRecord r;
    GazetteerEntry& e = r.entry;
    e.geonameid = id;
    e.name = row.region_names[0];
    e.feature = "region";
    e.feature_code = "ADM1";
    e.country = key.substr(0, 3);
    e.admin1 = row.name;
    e.curated = true;
    if (auto it = region_stats_.find(key); it != region_stats_.end() && it->second.w > 0) {
      const RegionStats& rs = it->second;
      e.lat = rs.wlat / rs.w;
      e.lon = rs.wlon / rs.w;
      if (row.point == "bbox") {
        e.lat = (rs.min_lat + rs.max_lat) / 2;
        e.lon = (rs.min_lon + rs.max_lon) / 2;
      }
      e.population = rs.pop;
    }
    // The package's point of the same subdivision (npm @countrystatecity/countries), when
    // loaded, replaces the cities500 estimate; an explicit LAT,LON still wins.
    for (const auto& st : states_) {
      if (st.country != e.country) continue;
      bool same = false;
      for (const auto& n : st.names) same |= FoldName(n) == FoldName(row.name);
      if (same) {
        e.lat = st.lat;
        e.lon = st.lon;
        break;
      }
    }
    if (!row.point.empty() && row.point != "bbox") {
      auto ll = Split(row.point, ',');
      e.lat = std::atof(ll[0].c_str());
      e.lon = std::atof(ll[1].c_str());
    }
    r.names = row.region_names;
    admin1_key_.push_back(key);
    records_.push_back(std::move(r));
    ++stats_.regions;
  }
}

void GazetteerBuilder::AddStateRegions() {
  // Countries whose first-level units admin1.tsv already makes regions.
  std::set<std::string> covered;
  for (const auto& [key, row] : admin1_)
    if (!row.region_names.empty()) covered.insert(key.substr(0, 3));
  // Names of the populated places of a country with 10,000+ inhabitants and of the countries
  // themselves: a subdivision named after its seat ("Aleppo", "Beijing") gets no population
  // prior, so the city stays the default reading.
  std::set<std::string> city_names;     // "SYR|aleppo"
  std::set<std::string> country_names;  // any country's name: "Niger" (the Nigerian state)
  for (const auto& r : records_) {
    const GazetteerEntry& e = r.entry;
    if (e.feature == "country") {
      for (const auto& n : r.names) country_names.insert(FoldName(n));
      country_names.insert(FoldName(e.name));
    }
    if ((e.feature == "city" || e.feature == "town") && e.population >= 10000) {
      city_names.insert(e.country + "|" + FoldName(e.name));
    }
  }
  std::map<std::string, int> per_country;
  for (const auto& s : states_)
    if (!covered.count(s.country)) ++per_country[s.country];
  int next = -300000;
  for (const auto& s : states_) {
    int id = next--;
    if (covered.count(s.country)) continue;
    GazetteerRecord r;
    GazetteerEntry& e = r.entry;
    bool seat_named = false;
    for (const auto& n : s.names) {
      std::string f = FoldName(n);
      if (GenericRegionName(f) || country_names.count(f)) continue;
      if (city_names.count(s.country + "|" + f)) seat_named = true;
      r.names.push_back(n);
    }
    if (r.names.empty()) continue;
    e.geonameid = id;
    e.name = r.names[0];
    e.feature = "region";
    e.feature_code = "ADM1";
    e.country = s.country;
    e.admin1 = r.names[0];
    e.lat = s.lat;
    e.lon = s.lon;
    // No per-region population without a GeoNames admin1 mapping: an equal share of the
    // country's cities500 population serves as the prior.
    int k = std::max(1, per_country[s.country]);
    e.population = seat_named ? 0 : country_pop_[s.country] / k;
    admin1_key_.emplace_back();
    records_.push_back(std::move(r));
    ++stats_.regions;
  }
}

Status GazetteerBuilder::AddCurated(const std::string& path, bool strict) {
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
        if (!strict) continue;
        return Status::InvalidArgument(where + ": GeoNames id " + f[0] + " not in the input");
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
    if (!ParseCoord(f[3], 90, &e.lat) || !ParseCoord(f[4], 180, &e.lon)) {
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
    admin1_key_.emplace_back();
    records_.push_back(std::move(r));
    ++stats_.curated;
  }
  return Status::Ok();
}

Status GazetteerBuilder::Write(const std::string& path) const {
  return WriteGazetteerIndex(records_, path);
}

}  // namespace tocsin::geo
