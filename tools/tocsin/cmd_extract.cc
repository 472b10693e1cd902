// tocsin extract: documents -> JSON Lines records (doc/records.md).
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/core/document.h"
#include "tocsin/core/parallel.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/io/reader.h"
#include "tocsin/output/json.h"

namespace tocsin::cli {
namespace {

std::string ActorLine(const std::optional<tocsin::extract::Actor>& a) {
  if (!a) return "?";
  std::string s = a->code.empty() ? "?" : a->code;
  if (!a->agent.empty()) s += "/" + a->agent;
  if (a->inferred) s += "(inferred)";
  return s;
}

std::string Pretty(const tocsin::Document& doc, const tocsin::extract::Extraction& x) {
  std::ostringstream out;
  out << "== " << doc.id << " [" << x.lang << "] " << (doc.date.empty() ? "no date" : doc.date)
      << "\n   " << doc.title << "\n";
  for (const auto& w : x.warnings) out << "   warning: " << w << "\n";
  for (const auto& e : x.events) {
    out << "  * " << e.kind << " (CAMEO " << e.cameo << ") " << ActorLine(e.actor1) << " -> "
        << ActorLine(e.actor2);
    if (!e.places.empty()) {
      out << " at ";
      for (size_t i = 0; i < e.places.size(); ++i) {
        const auto& p = e.places[i];
        out << (i ? ", " : "") << p.name << " [" << p.country << " " << p.territory << "]";
      }
    }
    out << " | " << (e.date.empty() ? "no date" : e.date) << " | " << e.modality << " | conf "
        << e.confidence << "\n    \u00ab " << e.evidence.sentence << " \u00bb\n";
  }
  for (const auto& c : x.casualties) {
    out << "  + casualties: " << c.qualifier << " " << c.count << " " << c.victims
        << (c.side.empty() ? "" : " side " + c.side);
    if (c.attribution) out << " (" << c.attribution->text << ")";
    out << "\n";
  }
  return out.str();
}

std::string JsonLines(const tocsin::Document& doc, const tocsin::extract::Extraction& x) {
  std::string out;
  tocsin::output::AppendDocumentRecord(doc, x, out);
  out += '\n';
  for (const auto& e : x.events) {
    tocsin::output::AppendEventRecord(doc, e, out);
    out += '\n';
  }
  for (const auto& c : x.casualties) {
    tocsin::output::AppendCasualtyRecord(doc, c, out);
    out += '\n';
  }
  return out;
}

// Documents are extracted on several threads and written in input order.
int RunExtract(const std::vector<std::string>& inputs, const std::string& date,
               const std::string& lang, const std::string& format, unsigned threads) {
  tocsin::extract::ExtractorOptions options;
  auto made = tocsin::extract::Extractor::Create(options);
  if (!made.ok()) {
    std::cerr << "tocsin: " << made.status().ToString() << "\n";
    return 1;
  }
  const tocsin::extract::Extractor& extractor = **made;
  tocsin::io::ReadOptions read;
  read.default_date = date;
  if (lang != "auto") read.forced_lang = lang;

  return ProcessDocumentsInOrder(inputs, read, threads, [&](const Document& doc, DocumentOutput& o) {
    tocsin::extract::Extraction x = extractor.Extract(doc);
    for (const auto& w : x.warnings) o.err += "tocsin: " + doc.origin + ": " + w + "\n";
    o.out = format == "pretty" ? Pretty(doc, x) : JsonLines(doc, x);
  });
}

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string date, lang = "auto", format = "jsonl";
  unsigned threads = DefaultThreads();
};

CommandRegistrar reg("10-extract", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand("extract", "Extract coded, placed, evidenced events");
  AddDateOption(cmd, args->date, "Publication date (YYYY-MM-DD) of documents without one");
  AddLangOption(cmd, args->lang, "Document language");
  cmd->add_option("--format", args->format, "Output: jsonl (records) or pretty (for reading)")
      ->check(CLI::IsMember({"jsonl", "pretty"}));
  cmd->add_option("--threads", args->threads,
                  "Worker threads (default: one per core); output order is fixed")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("files", args->inputs,
                  "Files or directories (.txt .json .jsonl .html), - for stdin")
      ->required();
  return {cmd, [args] {
            return RunExtract(args->inputs, args->date, args->lang, args->format, args->threads);
          }};
});

}  // namespace
}  // namespace tocsin::cli
