// tocsin assess: documents (or `tocsin extract` records) -> collective-security assessment
// (doc/assessment.md): treaty triggers, requests and responses, ceasefires, alerts.
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/assess/assess.h"
#include "tocsin/assess/knowledge_base.h"
#include "tocsin/assess/records_in.h"
#include "tocsin/assess/report.h"
#include "tocsin/core/parallel.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/io/reader.h"
#include "tocsin/serve/store_backend.h"
#include "tocsin/store/store.h"

namespace tocsin::cli {
namespace {

struct AssessArgs {
  std::vector<std::string> inputs;
  std::vector<std::string> treaties;
  std::string date, as_of, format = "json", db;
  int window = 7;
  bool records = false;
};

// Reads the documents and extracts them (in input order); returns the number of failures.
int ExtractAll(const AssessArgs& args, std::vector<tocsin::assess::DocumentEvents>& out) {
  auto made = tocsin::extract::Extractor::Create(tocsin::extract::ExtractorOptions{});
  if (!made.ok()) {
    std::cerr << "tocsin: " << made.status().ToString() << "\n";
    return -1;
  }
  const tocsin::extract::Extractor& extractor = **made;
  tocsin::io::ReadOptions read;
  read.default_date = args.date;
  std::vector<tocsin::Document> docs;
  int failures = 0;
  for (const std::string& path : ExpandInputs(args.inputs)) {
    tocsin::Status st = tocsin::io::ReadDocuments(path, read, [&](tocsin::io::DocumentOrError d) {
      if (!d.document.ok()) {
        std::cerr << "tocsin: " << d.document.status().message() << "\n";
        ++failures;
        return;
      }
      docs.push_back(std::move(*d.document));
    });
    if (!st.ok()) {
      std::cerr << "tocsin: " << st.message() << "\n";
      ++failures;
    }
  }
  out.resize(docs.size());
  std::vector<std::string> warnings(docs.size());
  ParallelFor(docs.size(), DefaultThreads(), [&](size_t i) {
    tocsin::extract::Extraction x = extractor.Extract(docs[i]);
    for (const auto& w : x.warnings) warnings[i] += "tocsin: " + docs[i].origin + ": " + w + "\n";
    out[i] = tocsin::assess::DocumentEvents{docs[i].id, docs[i].date, x.frame, std::move(x.events),
                                            std::move(x.casualties)};
  });
  for (const std::string& w : warnings) std::cerr << w;
  return failures;
}

// Reads `tocsin extract` JSON Lines; --date fills documents without a date.
int ReadRecords(const AssessArgs& args, std::vector<tocsin::assess::DocumentEvents>& out) {
  int failures = 0;
  // A bad line is reported and skipped; the other records are assessed (exit 1), as a bad
  // line of a JSONL batch of documents is.
  auto bad_line = [&](const tocsin::Status& st) {
    std::cerr << "tocsin: " << st.message() << "\n";
    ++failures;
  };
  for (const std::string& path : args.inputs) {
    tocsin::Status st;
    if (path == "-") {
      st = tocsin::assess::ReadExtractRecords(std::cin, "<stdin>", out, bad_line);
    } else {
      std::ifstream in(path);
      st = in ? tocsin::assess::ReadExtractRecords(in, path, out, bad_line)
              : tocsin::Status::NotFound(path + ": cannot open");
    }
    if (!st.ok()) {
      std::cerr << "tocsin: " << st.message() << "\n";
      ++failures;
    }
  }
  for (auto& d : out)
    if (d.date.empty()) d.date = args.date;
  return failures;
}

// Reads the store's mentions and casualty claims, grouped by document (ingest order).
int ReadStore(const AssessArgs& args, std::vector<tocsin::assess::DocumentEvents>& out) {
  tocsin::store::OpenOptions o;
  o.read_only = true;
  o.create = false;
  auto st = tocsin::store::OpenStore(args.db, o);
  if (!st.ok()) {
    std::cerr << "tocsin: " << st.status().message() << "\n";
    return -1;
  }
  auto input = tocsin::serve::AssessmentInput(**st);
  if (!input.ok()) {
    std::cerr << "tocsin: " << input.status().message() << "\n";
    return -1;
  }
  out = std::move(*input);
  for (auto& d : out)
    if (d.date.empty()) d.date = args.date;
  return 0;
}

int RunAssess(const AssessArgs& args) {
  if (args.db.empty() == args.inputs.empty()) {
    std::cerr << "tocsin assess: give files or --db DB (not both)\n";
    return 2;
  }
  if (!args.db.empty() && args.records) {
    std::cerr << "tocsin assess: --records reads files; --db reads the store\n";
    return 2;
  }
  const tocsin::assess::KnowledgeBase& kb = tocsin::assess::KnowledgeBase::Default();
  tocsin::assess::AssessOptions options;
  options.as_of = args.as_of;
  options.window_days = args.window;
  for (const std::string& name : args.treaties) {
    const tocsin::assess::Treaty* t = kb.ResolveTreaty(name);
    if (!t) {
      std::string known;
      for (const auto& k : kb.treaties()) known += (known.empty() ? "" : ", ") + k.id;
      std::cerr << "tocsin: --treaty: unknown treaty or organisation '" << name << "' (known: " << known
                << "; names and acronyms in en/fr/ru also work)\n";
      return 2;
    }
    options.treaties.push_back(t->id);
  }
  std::vector<tocsin::assess::DocumentEvents> input;
  int failures = !args.db.empty() ? ReadStore(args, input)
                 : args.records  ? ReadRecords(args, input)
                                 : ExtractAll(args, input);
  if (failures < 0) return 1;
  tocsin::assess::Assessment a = tocsin::assess::Assess(kb, input, options);
  std::cout << (args.format == "text" ? tocsin::assess::ReportText(a, kb) : tocsin::assess::ReportJson(a));
  std::cout.flush();
  return failures ? 1 : 0;
}

CommandRegistrar reg("20-assess", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<AssessArgs>();
  CLI::App* cmd = app.add_subcommand(
      "assess", "Assess treaty obligations, requests for help, ceasefires and escalation");
  AddDateOption(cmd, args->date, "Publication date (YYYY-MM-DD) of documents without one");
  cmd->add_option("--as-of", args->as_of, "Assess the situation on this date (later events ignored; default: latest event)")
      ->check([](const std::string& s) {
        return IsIsoDate(s) ? std::string() : "--as-of must be YYYY-MM-DD, got \"" + s + "\"";
      });
  cmd->add_option("--treaty", args->treaties,
                  "Report on this treaty (repeatable): id, or any name or acronym of the treaty or its "
                  "organisation in en/fr/ru (NATO, OTAN, CSTO, ОДКБ, RUS-ARM-1997); also says why it is not engaged")
      ->allow_extra_args(false);  // one name per --treaty: the files that follow stay files
  cmd->add_option("--format", args->format, "Output: json (report) or text (for reading)")
      ->check(CLI::IsMember({"json", "text"}));
  cmd->add_option("--window", args->window, "Days of the casualty trend window, ending at --as-of (default 7)")
      ->check(CLI::Range(2, 366));
  cmd->add_flag("--records", args->records,
                "Inputs are `tocsin extract` JSON Lines records, not documents");
  cmd->add_option("--db", args->db,
                  "Assess what a store holds (`tocsin ingest --db`) instead of files: every "
                  "stored mention and casualty claim, grouped by document");
  cmd->add_option("files", args->inputs,
                  "Files or directories (.txt .json .jsonl .html), - for stdin");
  return {cmd, [args] { return RunAssess(*args); }};
});

}  // namespace
}  // namespace tocsin::cli
