// tocsin eval geoparse: toponym detection + resolution against TR-News / GeoVirus gold XML
// (doc/geoparse.md): precision, recall, F1 and accuracy within 161 km.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/eval/geoparse_eval.h"
#include "tocsin/geoparse/geoparser.h"
#include "tocsin/output/json_writer.h"

namespace tocsin::cli {
namespace {

struct EvalGeoparseArgs {
  std::vector<std::string> gold;
  std::string lang, format = "text";  // lang "": en, or the HIPE file's own
  bool demonyms = false, errors = false;
};

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

int RunEvalGeoparse(const EvalGeoparseArgs& args) {
  geoparse::GeoparserOptions po;
  po.territory = false;  // not scored; saves the polygon index
  auto parser = geoparse::Geoparser::Create(po);
  if (!parser.ok()) {
    std::cerr << "tocsin: " << parser.status().ToString() << "\n";
    return 1;
  }
  int failures = 0;
  for (const std::string& path : args.gold) {
    // CLEF HIPE TSV (French press, detection only) or the XML of TR-News/GeoVirus.
    const bool hipe = path.size() > 4 && path.compare(path.size() - 4, 4, ".tsv") == 0;
    std::string file_lang = "en";
    auto gold = hipe ? eval::ReadHipeGold(path, &file_lang) : eval::ReadGeoparseGold(path);
    if (!gold.ok()) {
      std::cerr << "tocsin: " << gold.status().message() << "\n";
      ++failures;
      continue;
    }
    eval::GeoparseEvalOptions eo;
    eo.lang = !args.lang.empty() ? args.lang : file_lang;
    eo.demonyms = args.demonyms;
    eo.collect_errors = args.errors;
    eval::GeoparseEvalResult r = eval::EvaluateGeoparse(**parser, *gold, eo);
    const eval::GeoparseScores& s = r.scores;
    if (args.format == "json") {
      std::string out;
      output::JsonWriter w(out);
      w.BeginObject();
      w.Key("gold_file").String(path);
      w.Key("articles").Int(static_cast<int64_t>(s.articles));
      w.Key("gold_toponyms").Int(static_cast<int64_t>(s.gold));
      w.Key("gold_demonyms_left_out").Int(static_cast<int64_t>(s.gold_demonyms));
      w.Key("unaligned_gold").Int(static_cast<int64_t>(gold->unaligned));
      w.Key("predicted").Int(static_cast<int64_t>(s.predicted));
      w.Key("matched").Int(static_cast<int64_t>(s.matched));
      w.Key("exact_span").Int(static_cast<int64_t>(s.exact));
      w.Key("precision").Double(s.precision());
      w.Key("recall").Double(s.recall());
      w.Key("f1").Double(s.f1());
      w.Key("matched_with_coords").Int(static_cast<int64_t>(s.with_coords));
      w.Key("resolved").Int(static_cast<int64_t>(s.resolved));
      w.Key("within_161km").Int(static_cast<int64_t>(s.within_161km));
      w.Key("accuracy_161km").Double(s.accuracy_161());
      w.Key("mean_error_km").Double(s.mean_error_km);
      w.EndObject();
      std::cout << out << "\n";
    } else {
      std::cout << "== " << path << "\n"
                << "articles " << s.articles << ", gold toponyms " << s.gold << " ("
                << gold->unaligned << " unaligned, skipped; " << s.gold_demonyms
                << " demonyms left out), predicted " << s.predicted
                << ", matched " << s.matched << " (exact span " << s.exact << ")\n"
                << "precision " << Fixed(s.precision()) << "  recall " << Fixed(s.recall())
                << "  F1 " << Fixed(s.f1()) << "\n";
      if (s.with_coords == 0 && hipe)
        std::cout << "accuracy@161km n/a (the gold links places to Wikidata, without coordinates)\n";
      else
        std::cout << "accuracy@161km " << Fixed(s.accuracy_161()) << " (" << s.within_161km
                  << "/" << s.with_coords << " matched toponyms; " << s.resolved
                  << " resolved; mean error " << Fixed(s.mean_error_km) << " km)\n";
    }
    for (const std::string& e : r.errors) std::cerr << e << "\n";
  }
  return failures ? 1 : 0;
}

CommandRegistrar reg("40-eval-geoparse", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<EvalGeoparseArgs>();
  CLI::App* eval = GetOrAddGroup(app, "eval", "Evaluate against gold data");
  CLI::App* cmd = eval->add_subcommand(
      "geoparse", "Toponym precision/recall and accuracy@161km against TR-News/GeoVirus XML");
  cmd->add_option("--gold", args->gold, "Gold file(s): TR-News/GeoVirus XML, or CLEF HIPE TSV (detection only)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--lang", args->lang, "Language of the articles (default: en; a HIPE file's own)")
      ->check(CLI::IsMember({"fr", "en"}));
  cmd->add_option("--format", args->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--demonyms", args->demonyms,
                "Count demonym mentions (\"Turkish forces\") as predictions");
  cmd->add_flag("--errors", args->errors,
                "List false positives (FP), misses (FN) and far resolutions (FAR) on stderr");
  return {cmd, [args] { return RunEvalGeoparse(*args); }};
});

}  // namespace
}  // namespace tocsin::cli
