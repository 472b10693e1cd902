// tocsin gazetteer import geonames|tsv: builds a gazetteer index from the full GeoNames dump
// or a user TSV (doc/geoparse.md), plus the ISO countries, admin1 regions and the curated
// supplement, into --out DIR (gazetteer.bin, with countries.bin copied from the installed
// data). Use it with TOCSIN_DATA_DIR=DIR.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/core/data_dir.h"
#include "tocsin/geo/builder.h"
#include "tocsin/geo/compiled.h"
#include "tocsin/geo/countries.h"
#include "tocsin/geo/gazetteer.h"

namespace tocsin::cli {
namespace {

namespace fs = std::filesystem;

struct ImportArgs {
  std::string kind;  // "geonames" or "tsv"
  std::vector<std::string> files;
  std::string out;
  std::string classes = "PAHTL";
  int64_t min_population = 0;
  std::string base;  // tsv: a GeoNames table to start from (default: none)
};

// Country label points of the installed index, so that an imported index places countries
// where the default one does.
void CopyCountryPoints(geo::GazetteerBuilder& b) {
  auto installed = geo::Gazetteer::OpenDefault();
  if (!installed.ok()) return;
  for (const geo::CountryInfo& c : geo::AllCountries()) {
    for (const auto& e : (*installed)->Lookup(geo::FoldName(c.name)))
      if (e.feature == "country" && e.country == c.alpha3) b.SetCountryPoint(c.alpha3, e.lat, e.lon);
  }
}

int RunImport(const ImportArgs& a) {
  auto t0 = std::chrono::steady_clock::now();
  std::error_code ec;
  fs::create_directories(a.out, ec);
  if (ec) {
    std::cerr << "tocsin: " << a.out << ": cannot create directory: " << ec.message() << "\n";
    return 1;
  }
  const std::string curated = CuratedDataDir() + "/gazetteer";
  geo::GazetteerBuilder b;
  auto fail = [](const Status& st) {
    std::cerr << "tocsin: " << st.ToString() << "\n";
    return 1;
  };
  Status st = b.LoadAdmin1(curated + "/admin1.tsv");
  if (st.ok()) st = b.LoadCountryNames(curated + "/country_names.tsv");
  if (!st.ok()) return fail(st);
  CopyCountryPoints(b);
  geo::GeoNamesOptions go;
  go.classes = a.classes;
  go.min_population = a.min_population;
  if (a.kind == "geonames") {
    if (a.files.empty() || a.files.size() > 2) {
      std::cerr << "tocsin: gazetteer import geonames takes allCountries.txt "
                   "[alternateNamesV2.txt]\n";
      return 2;
    }
    if (!(st = b.AddGeoNames(a.files[0], go)).ok()) return fail(st);
    if (a.files.size() == 2 && !(st = b.AddAlternateNames(a.files[1])).ok()) return fail(st);
  } else {
    if (!a.base.empty() && !(st = b.AddGeoNames(a.base, go)).ok()) return fail(st);
    for (const std::string& f : a.files)
      if (!(st = b.AddTsv(f)).ok()) return fail(st);
  }
  // Countries: label points from the installed index (or polygon centroids when absent).
  std::vector<geo::CountryShape> shapes;
  const std::string installed_countries = CompiledDataDir() + "/countries.bin";
  if (auto cs = geo::ReadCountries(installed_countries); cs.ok()) shapes = std::move(*cs);
  b.AddCountries(shapes);
  b.AddAdmin1Regions();
  if (!(st = b.AddCurated(curated + "/places.tsv", /*strict=*/false)).ok()) return fail(st);
  const std::string out_file = a.out + "/gazetteer.bin";
  if (!(st = b.Write(out_file)).ok()) return fail(st);
  // The territory index lives beside the gazetteer: copy it so TOCSIN_DATA_DIR=DIR works.
  const std::string out_countries = a.out + "/countries.bin";
  if (fs::exists(installed_countries) &&
      !fs::equivalent(installed_countries, out_countries, ec)) {
    fs::copy_file(installed_countries, out_countries, fs::copy_options::overwrite_existing, ec);
    if (ec) std::cerr << "tocsin: warning: cannot copy " << installed_countries << ": " << ec.message() << "\n";
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const geo::BuildStats& s = b.stats();
  std::cerr << "tocsin: wrote " << out_file << ": " << b.size() << " entries ("
            << s.geonames_kept << " of " << s.geonames_rows << " GeoNames rows, "
            << s.alternate_names << " alternate names, " << s.tsv_rows << " TSV rows, "
            << s.countries << " countries, " << s.regions << " regions, " << s.curated
            << " curated) in " << secs << " s\n"
            << "tocsin: use it with TOCSIN_DATA_DIR=" << a.out << "\n";
  return 0;
}

CommandRegistrar reg("50-gazetteer", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<ImportArgs>();
  CLI::App* gaz = GetOrAddGroup(app, "gazetteer", "Build gazetteer indexes");
  CLI::App* imp = gaz->add_subcommand("import", "Import a place table into a new index");
  imp->require_subcommand(1);
  auto common = [args](CLI::App* c) {
    c->add_option("--out", args->out, "Output directory (then run with TOCSIN_DATA_DIR=DIR)")
        ->required();
    c->add_option("--classes", args->classes,
                  "GeoNames feature classes to keep (default PAHTL; add S for spots)");
    c->add_option("--min-population", args->min_population,
                  "Skip populated places below this population");
  };
  CLI::App* geonames = imp->add_subcommand(
      "geonames", "GeoNames dump: allCountries.txt (or cities*.txt, XX.txt) [alternateNamesV2.txt]");
  geonames->add_option("files", args->files, "allCountries.txt [alternateNamesV2.txt]")
      ->required()
      ->check(CLI::ExistingFile);
  common(geonames);
  geonames->callback([args] { args->kind = "geonames"; });
  CLI::App* tsv = imp->add_subcommand("tsv", "TSV places: name, lat, lon, feature, country, "
                                             "admin1, population, names, id (doc/geoparse.md)");
  tsv->add_option("files", args->files, "TSV file(s)")->required()->check(CLI::ExistingFile);
  tsv->add_option("--base", args->base, "A GeoNames table to include too (e.g. cities500.txt)")
      ->check(CLI::ExistingFile);
  common(tsv);
  tsv->callback([args] { args->kind = "tsv"; });
  return {gaz, [args] { return RunImport(*args); }};
});

}  // namespace
}  // namespace tocsin::cli
