// tocsin geoparse: documents -> a `document` record then one `place` record per toponym
// mention (doc/geoparse.md). Input handling and exit codes are those of `tocsin extract`.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/core/document.h"
#include "tocsin/core/parallel.h"
#include "tocsin/geoparse/geoparser.h"
#include "tocsin/io/reader.h"
#include "tocsin/output/geoparse_json.h"

namespace tocsin::cli {
namespace {

int RunGeoparse(const std::vector<std::string>& inputs, const std::string& date,
                const std::string& lang, bool demonyms, unsigned threads) {
  geoparse::GeoparserOptions options;
  options.demonyms = demonyms;
  auto made = geoparse::Geoparser::Create(options);
  if (!made.ok()) {
    std::cerr << "tocsin: " << made.status().ToString() << "\n";
    return 1;
  }
  const geoparse::Geoparser& parser = **made;
  io::ReadOptions read;
  read.default_date = date;
  if (lang != "auto") read.forced_lang = lang;

  return ProcessDocumentsInOrder(inputs, read, threads, [&](const Document& doc, DocumentOutput& o) {
    geoparse::GeoparseResult r = parser.Parse(doc);
    for (const auto& w : r.warnings) o.err += "tocsin: " + doc.origin + ": " + w + "\n";
    output::AppendGeoDocumentRecord(doc, r, o.out);
    for (const auto& t : r.toponyms) output::AppendPlaceRecord(doc, t, o.out);
  });
}

struct GeoparseArgs {
  std::vector<std::string> inputs;
  std::string date, lang = "auto";
  bool no_demonyms = false;
  unsigned threads = DefaultThreads();
};

CommandRegistrar reg("15-geoparse", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<GeoparseArgs>();
  CLI::App* cmd = app.add_subcommand(
      "geoparse", "Find and resolve place names, with territorial status (doc/geoparse.md)");
  AddDateOption(cmd, args->date,
                "Publication date (YYYY-MM-DD) of documents without one; territory is computed "
                "for it");
  AddLangOption(cmd, args->lang, "Document language");
  cmd->add_flag("--no-demonyms", args->no_demonyms,
                "Do not report demonyms (\"Turkish forces\") as country mentions");
  cmd->add_option("--threads", args->threads,
                  "Worker threads (default: one per core); output order is fixed")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("files", args->inputs,
                  "Files or directories (.txt .json .jsonl .html), - for stdin")
      ->required();
  return {cmd, [args] {
            return RunGeoparse(args->inputs, args->date, args->lang, !args->no_demonyms,
                               args->threads);
          }};
});

}  // namespace
}  // namespace tocsin::cli
