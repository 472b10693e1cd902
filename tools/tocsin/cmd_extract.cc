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

// Documents are read in order, extracted in batches on several threads, and written in input
// order: output is the same whatever the number of threads.
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

  struct Item {
    tocsin::io::DocumentOrError input;
    std::string out, err;
  };
  constexpr size_t kBatch = 256;
  std::vector<Item> batch;
  int failures = 0;
  auto flush = [&] {
    ParallelFor(batch.size(), threads, [&](size_t i) {
      Item& item = batch[i];
      if (!item.input.document.ok()) {
        item.err = "tocsin: " + item.input.document.status().message() + "\n";
        return;
      }
      const tocsin::Document& doc = *item.input.document;
      tocsin::extract::Extraction x = extractor.Extract(doc);
      for (const auto& w : x.warnings) item.err += "tocsin: " + doc.origin + ": " + w + "\n";
      item.out = format == "pretty" ? Pretty(doc, x) : JsonLines(doc, x);
    });
    for (const Item& item : batch) {
      if (!item.input.document.ok()) ++failures;
      if (!item.err.empty()) std::cerr << item.err;
      std::cout.write(item.out.data(), static_cast<std::streamsize>(item.out.size()));
    }
    batch.clear();
  };
  for (const std::string& path : ExpandInputs(inputs)) {
    tocsin::Status st = tocsin::io::ReadDocuments(path, read, [&](tocsin::io::DocumentOrError d) {
      batch.push_back(Item{std::move(d), {}, {}});
      if (batch.size() == kBatch) flush();
    });
    flush();  // before the file's own error, so messages stay in order
    if (!st.ok()) {
      std::cerr << "tocsin: " << st.message() << "\n";
      ++failures;
    }
  }
  std::cout.flush();
  return failures ? 1 : 0;
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
  cmd->add_option("--lang", args->lang, "Document language: auto (CLD2), fr or en")
      ->check(CLI::IsMember({"auto", "fr", "en"}));
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
