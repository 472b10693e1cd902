// tocsin geoparse: documents -> a `document` record then one `place` record per toponym
// mention (doc/geoparse.md). Input handling and exit codes are those of `tocsin extract`.
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/core/document.h"
#include "tocsin/core/parallel.h"
#include "tocsin/geoparse/geoparser.h"
#include "tocsin/io/reader.h"
#include "tocsin/output/json_writer.h"

namespace tocsin::cli {
namespace {

void AppendGeoDocument(const Document& doc, const geoparse::GeoparseResult& r, std::string& out) {
  output::JsonWriter w(out);
  w.BeginObject();
  w.Key("record").String("document");
  w.Key("doc_id").String(doc.id);
  w.Key("lang").String(r.lang);
  w.Key("title").String(doc.title);
  w.Key("date").StringOrNull(doc.date);
  w.Key("chars").Int(static_cast<int64_t>(doc.text.size()));
  if (!doc.url.empty()) w.Key("url").String(doc.url);
  w.Key("places").Int(static_cast<int64_t>(r.toponyms.size()));
  w.EndObject();
  out += '\n';
}

void AppendPlace(const Document& doc, const geoparse::Toponym& t, std::string& out) {
  output::JsonWriter w(out);
  w.BeginObject();
  w.Key("record").String("place");
  w.Key("doc_id").String(doc.id);
  w.Key("field").String(t.field);
  w.Key("start").Int(t.start);
  w.Key("end").Int(t.end);
  w.Key("text").String(t.text);
  if (t.entry) {
    const geo::GazetteerEntry& e = *t.entry;
    w.Key("name").String(e.name);
    w.Key("lat").Double(e.lat);
    w.Key("lon").Double(e.lon);
    w.Key("feature").String(e.feature);
    w.Key("country").StringOrNull(e.country);
    w.Key("admin1").StringOrNull(e.admin1);
    w.Key("geonameid");
    e.geonameid > 0 ? w.Int(e.geonameid) : w.Null();
    w.Key("territory").String(geo::TerritoryName(t.territory.territory));
    if (!t.territory.area.empty()) {
      w.Key("area").String(t.territory.area);
      w.Key("claimed_by").StringArray(t.territory.claimed_by);
      w.Key("controlled_by").StringOrNull(t.territory.controlled_by);
    }
  } else {
    w.Key("name").Null();
    w.Key("lat").Null();
    w.Key("lon").Null();
    w.Key("feature").StringOrNull(t.cue);
    w.Key("country").Null();
    w.Key("admin1").Null();
    w.Key("geonameid").Null();
    w.Key("territory").String("unknown");
  }
  if (t.demonym) w.Key("demonym").Bool(true);
  w.Key("confidence").Double(std::round(t.confidence * 1000) / 1000);
  w.EndObject();
  out += '\n';
}

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
    AppendGeoDocument(doc, r, o.out);
    for (const auto& t : r.toponyms) AppendPlace(doc, t, o.out);
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
