// GazetteerBuilder: assembles gazetteer records from GeoNames dumps, ISO countries, curated
// tables and user TSV files, then writes the compiled index (compiled.h). Shared by the
// build-time tool tools/tocsin_data (cities500) and by `tocsin gazetteer import` (the full
// GeoNames dump, or a user TSV). Formats and rules: doc/gazetteer.md, doc/geoparse.md.
//
// Order of calls: LoadAdmin1 (optional) -> AddGeoNames / AddTsv (any number) ->
// AddAlternateNames (optional, after the GeoNames rows it refers to) -> AddCountries ->
// AddAdmin1Regions -> AddCurated -> Write. Not thread-safe; one builder per index.
#ifndef TOCSIN_GEO_BUILDER_H_
#define TOCSIN_GEO_BUILDER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "tocsin/core/status.h"
#include "tocsin/geo/compiled.h"

namespace tocsin::geo {

struct GeoNamesOptions {
  // GeoNames feature classes to keep (column 7): P populated places, A administrative
  // divisions (ADM1/ADM2 only; countries come from iso-codes), H water (lakes, rivers, seas),
  // T terrain (mountains, passes, islands), L areas (regions, parks). S (spots, buildings),
  // R, U, V are skipped by default: millions of rows that are rarely news toponyms.
  std::string classes = "PAHTL";
  // Rows below this population are skipped, except classes A/H/T/L (population 0 there).
  int64_t min_population = 0;
};

struct BuildStats {
  size_t geonames_rows = 0;     // rows read from GeoNames files
  size_t geonames_kept = 0;     // rows indexed
  size_t alternate_names = 0;   // names added from alternateNames
  size_t tsv_rows = 0;          // rows from user TSV files
  size_t countries = 0, regions = 0, curated = 0;
};

class GazetteerBuilder {
 public:
  GazetteerBuilder();
  ~GazetteerBuilder();

  // data/gazetteer/admin1.tsv: GeoNames admin1 codes -> region names (see doc/gazetteer.md).
  Status LoadAdmin1(const std::string& path);
  // A GeoNames table in the dump format (19 tab-separated columns): cities500.txt,
  // allCountries.txt, or any per-country XX.txt.
  Status AddGeoNames(const std::string& path, const GeoNamesOptions& options);
  // alternateNamesV2.txt (or alternateNames.txt): extra spellings of rows already added.
  // Links, postal/airport codes, historic and colloquial names are skipped.
  Status AddAlternateNames(const std::string& path);
  // A user TSV (columns in doc/geoparse.md: name, lat, lon, feature, country, admin1,
  // population, names, id). Errors name file:line.
  Status AddTsv(const std::string& path);
  // data/gazetteer/country_names.tsv: extra names of ISO countries ("Britain", "Burma").
  Status LoadCountryNames(const std::string& path);
  // Country label points from npm world-countries (countries.json: cca3 + latlng, the CIA
  // World Factbook points most references use); they replace the polygon centroids.
  Status LoadCountryPoints(const std::string& world_countries_json);
  // npm @countrystatecity/countries (`dist/data`: one folder per country with meta.json and
  // states.json): country points (iso3 + latitude/longitude, the GeoNames/CIA points) and the
  // first-level subdivisions (those of Debian iso-codes `iso_3166_2_json` without a parent),
  // which AddStateRegions turns into region entries. Call before AddCountries.
  Status LoadCountryStateCity(const std::string& data_dir, const std::string& iso_3166_2_json);
  // data/gazetteer/country_points.tsv: curated country points (alpha3, lat, lon, source) that
  // override the package and the centroids. Call before AddCountries.
  Status LoadCountryPointsTsv(const std::string& path);
  // Sets one country's label point (the importer copies them from the installed index).
  void SetCountryPoint(const std::string& alpha3, double lat, double lon);
  // One entry per ISO 3166-1 country with iso-codes and ICU en/fr/ru names; the point is the
  // centroid of the largest polygon in `shapes` (from world-atlas or countries.bin).
  void AddCountries(const std::vector<CountryShape>& shapes);
  // Region entries for admin1.tsv rows with region_names (unless the GeoNames input already
  // had that ADM1 row: then the names are added to it).
  void AddAdmin1Regions();
  // Region entries for the first-level subdivisions read by LoadCountryStateCity, for the
  // countries that admin1.tsv does not cover with regions. Call after AddAdmin1Regions.
  void AddStateRegions();
  // data/gazetteer/places.tsv: curated entries and augmentations of GeoNames rows.
  // Augmentations of rows that are not loaded are an error when `strict`, else skipped.
  Status AddCurated(const std::string& path, bool strict = true);

  Status Write(const std::string& path) const;
  size_t size() const { return records_.size(); }
  const BuildStats& stats() const { return stats_; }

 private:
  struct RegionStats {
    int64_t pop = 0;
    double wlat = 0, wlon = 0, w = 0;
    double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  };
  struct Admin1Row {
    std::string name;
    std::vector<std::string> region_names;
    std::string point;  // "", "bbox" or "LAT,LON" (admin1.tsv column 6)
  };
  struct StateRow {
    std::string country;  // alpha-3
    std::string code;     // ISO 3166-2 ("CN-SC")
    std::vector<std::string> names;
    double lat = 0, lon = 0;
  };
  void FillAdmin1FromGeoNames();
  std::vector<StateRow> states_;

  std::vector<GazetteerRecord> records_;
  std::vector<std::string> admin1_key_;  // per record: "ARM.08" (GeoNames rows), else ""
  std::unordered_map<int64_t, size_t> by_geonameid_;
  std::map<std::string, Admin1Row> admin1_;             // "ARM.08" -> Syunik
  std::map<std::string, size_t> geonames_adm1_;         // "USA.GA" -> record index (ADM1 rows)
  std::map<std::string, RegionStats> region_stats_;
  std::map<std::string, int64_t> country_pop_;
  std::map<std::string, std::pair<double, double>> capital_;
  std::map<std::string, std::pair<double, double>> country_points_;  // alpha3 -> (lat, lon)
  std::map<std::string, std::vector<std::string>> country_names_;
  BuildStats stats_;
};

}  // namespace tocsin::geo

#endif  // TOCSIN_GEO_BUILDER_H_
