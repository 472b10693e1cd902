// tocsin_data: compiles the run-time geo data at build time.
//
//   tocsin_data --cities cities500.txt --atlas countries-10m.json --curated <src>/data
//               --out <build>/data [--country-points world-countries/countries.json]
//               [--states @countrystatecity/countries/dist/data]
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
#include "tocsin/geo/builder.h"
#include "tocsin/geo/compiled.h"
#include "tocsin/geo/countries.h"
#include "tocsin/geo/gazetteer.h"

namespace {

using tocsin::Status;
using tocsin::StatusOr;
using namespace tocsin::geo;

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

// Builds both files with the shared GazetteerBuilder (include/tocsin/geo/builder.h).
Status Run(const std::string& cities, const std::string& atlas, const std::string& curated,
           const std::string& out_dir, const std::string& country_points,
           const std::string& states) {
  GazetteerBuilder builder;
  TOCSIN_RETURN_IF_ERROR(builder.LoadAdmin1(curated + "/gazetteer/admin1.tsv"));
  TOCSIN_RETURN_IF_ERROR(builder.LoadCountryNames(curated + "/gazetteer/country_names.tsv"));
  if (!states.empty()) {
    TOCSIN_RETURN_IF_ERROR(
        builder.LoadCountryStateCity(states, "/usr/share/iso-codes/json/iso_3166-2.json"));
  }
  if (!country_points.empty()) TOCSIN_RETURN_IF_ERROR(builder.LoadCountryPoints(country_points));
  TOCSIN_RETURN_IF_ERROR(builder.LoadCountryPointsTsv(curated + "/gazetteer/country_points.tsv"));
  TOCSIN_RETURN_IF_ERROR(builder.AddGeoNames(cities, GeoNamesOptions{}));
  auto shapes = DecodeAtlas(atlas);
  if (!shapes.ok()) return shapes.status();
  builder.AddCountries(*shapes);
  builder.AddAdmin1Regions();
  builder.AddStateRegions();
  TOCSIN_RETURN_IF_ERROR(builder.AddCurated(curated + "/gazetteer/places.tsv"));
  TOCSIN_RETURN_IF_ERROR(builder.Write(out_dir + "/gazetteer.bin"));
  TOCSIN_RETURN_IF_ERROR(WriteCountries(*shapes, out_dir + "/countries.bin"));
  std::cerr << "tocsin_data: " << builder.size() << " gazetteer entries, " << shapes->size()
            << " country shapes\n";
  return Status::Ok();
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  for (const char* k : {"--cities", "--atlas", "--curated", "--out"}) {
    if (!args.count(k)) {
      std::cerr << "usage: tocsin_data --cities cities500.txt --atlas countries-10m.json "
                   "--curated <source>/data --out <build>/data [--country-points countries.json] "
                   "[--states countrystatecity/dist/data]\n";
      return 2;
    }
  }
  // Optional: npm world-countries countries.json (country label points).
  std::string points = args.count("--country-points") ? args["--country-points"] : "";
  // Optional: npm @countrystatecity/countries dist/data (country points, first-level regions).
  std::string states = args.count("--states") ? args["--states"] : "";
  Status st =
      Run(args["--cities"], args["--atlas"], args["--curated"], args["--out"], points, states);
  if (!st.ok()) {
    std::cerr << "tocsin_data: " << st.ToString() << "\n";
    return 1;
  }
  return 0;
}
