// tocsin eval events: ACLED sub-event typing against CASE 2021 task 2 gold (TSV).
// tocsin eval cameo:  CAMEO root code and actor agreement against PETRARCH validation XML.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/core/document.h"
#include "tocsin/core/parallel.h"
#include "tocsin/eval/cameo_eval.h"
#include "tocsin/eval/events_eval.h"
#include "tocsin/extract/extractor.h"

namespace tocsin::cli {
namespace {

struct EventsArgs {
  std::string gold, format = "text", fallback = "ARMED_CLASH", errors;
  bool political_only = false;
};

int RunEvalEvents(const EventsArgs& args) {
  auto items = tocsin::eval::ReadCaseTsv(args.gold);
  if (!items.ok()) {
    std::cerr << "tocsin: " << items.status().ToString() << "\n";
    return 1;
  }
  tocsin::extract::ExtractorOptions options;
  options.keep_bare_events = true;  // a snippet's event counts even with no actor or place
  options.non_political = !args.political_only;
  auto made = tocsin::extract::Extractor::Create(options);
  if (!made.ok()) {
    std::cerr << "tocsin: " << made.status().ToString() << "\n";
    return 1;
  }
  const auto& extractor = **made;
  const size_t n = items->size();
  std::vector<std::string> predicted(n), gold(n);
  std::vector<int> no_event(n, 0);
  ParallelFor(n, DefaultThreads(), [&](size_t i) {
    const auto& item = (*items)[i];
    tocsin::Document doc;
    doc.id = item.id;
    doc.text = item.text;
    doc.lang = "en";
    doc.origin = args.gold + ":" + item.id;
    tocsin::extract::Extraction x = extractor.Extract(doc);
    predicted[i] = tocsin::eval::PredictLabel(x, "");
    if (predicted[i].empty()) {
      no_event[i] = 1;
      predicted[i] = args.fallback;
    }
    gold[i] = item.label;
  });
  int no_events = 0;
  for (int v : no_event) no_events += v;
  std::vector<std::string> gold_acled, pred_acled;
  const auto& acled = tocsin::eval::AcledCaseLabels();
  for (size_t i = 0; i < n; ++i)
    if (std::find(acled.begin(), acled.end(), gold[i]) != acled.end()) {
      gold_acled.push_back(gold[i]);
      pred_acled.push_back(predicted[i]);
    }
  auto all = tocsin::eval::Score(gold, predicted);
  auto acled_only = tocsin::eval::Score(gold_acled, pred_acled);
  if (args.format == "json") {
    std::cout << tocsin::eval::FormatReportJson(all, acled_only, no_events, args.fallback) << "\n";
  } else {
    std::cout << tocsin::eval::FormatReportText(all, acled_only, no_events);
  }
  if (!args.errors.empty()) {  // every misclassified snippet, for error analysis
    FILE* f = std::fopen(args.errors.c_str(), "w");
    if (!f) {
      std::cerr << "tocsin: cannot write " << args.errors << "\n";
      return 1;
    }
    for (size_t i = 0; i < n; ++i)
      if (gold[i] != predicted[i])
        std::fprintf(f, "%s\t%s\t%s\t%s\n", (*items)[i].id.c_str(), gold[i].c_str(),
                     predicted[i].c_str(), (*items)[i].text.c_str());
    std::fclose(f);
  }
  return 0;
}

struct CameoArgs {
  std::vector<std::string> gold;
  std::string format = "text", records;
};

int RunEvalCameo(const CameoArgs& args) {
  tocsin::extract::ExtractorOptions options;
  options.keep_bare_events = true;
  auto made = tocsin::extract::Extractor::Create(options);
  if (!made.ok()) {
    std::cerr << "tocsin: " << made.status().ToString() << "\n";
    return 1;
  }
  const auto& extractor = **made;
  int status = 0;
  for (const std::string& path : args.gold) {
    auto records = tocsin::eval::ReadPetrarchXml(path);
    if (!records.ok()) {
      std::cerr << "tocsin: " << records.status().ToString() << "\n";
      status = 1;
      continue;
    }
    std::vector<tocsin::extract::Extraction> xs(records->size());
    ParallelFor(records->size(), DefaultThreads(), [&](size_t i) {
      tocsin::Document doc;
      doc.id = (*records)[i].id;
      doc.text = (*records)[i].text;
      doc.date = (*records)[i].date;
      doc.lang = "en";
      xs[i] = extractor.Extract(doc);
    });
    auto scores = tocsin::eval::ScoreCameo(*records, xs);
    if (!args.records.empty()) {  // gold and coded events side by side, for error analysis
      FILE* f = std::fopen(args.records.c_str(), path == args.gold.front() ? "w" : "a");
      if (!f) {
        std::cerr << "tocsin: cannot write " << args.records << "\n";
        return 1;
      }
      for (size_t i = 0; i < records->size(); ++i) {
        const auto& r = (*records)[i];
        std::string gold = r.no_events ? "none" : "", coded;
        for (const auto& g : r.codings)
          gold += (gold.empty() ? "" : " ") + g.event + ":" + g.source + ">" + g.target;
        for (const auto& e : xs[i].events) {
          if (e.cameo.empty()) continue;
          coded += (coded.empty() ? "" : " ") + e.cameo + ":" +
                   (e.actor1 ? tocsin::eval::CameoActorCode(*e.actor1) : "") + ">" +
                   (e.actor2 ? tocsin::eval::CameoActorCode(*e.actor2) : "") + "(" + e.kind + ")";
        }
        std::fprintf(f, "%s\t%s\t%s\t%s\n", r.id.c_str(), gold.c_str(), coded.c_str(),
                     r.text.c_str());
      }
      std::fclose(f);
    }
    if (args.format == "json") {
      std::string j = tocsin::eval::FormatCameoJson(scores);
      std::cout << "{\"gold\":\"" << path << "\"," << j.substr(1) << "\n";
    } else {
      std::cout << "== " << path << "\n" << tocsin::eval::FormatCameoText(scores);
    }
  }
  return status;
}

CommandRegistrar reg_events("30-eval-events", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<EventsArgs>();
  CLI::App* eval = GetOrAddGroup(app, "eval", "Evaluate against gold data");
  CLI::App* cmd = eval->add_subcommand(
      "events", "ACLED sub-event typing of news snippets (CASE 2021 task 2 TSV)");
  cmd->add_option("--gold", args->gold, "TSV with columns id, EventSnippet, SubType")
      ->required();
  cmd->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--fallback", args->fallback,
                  "Class predicted for a snippet with no event (default ARMED_CLASH, the "
                  "commonest ACLED class)");
  cmd->add_option("--errors", args->errors, "Write misclassified snippets to this TSV file");
  cmd->add_flag("--political-only", args->political_only,
                "Do not report the non-political kinds (disasters, crime)");
  return {cmd, [args] { return RunEvalEvents(*args); }};
});

CommandRegistrar reg_cameo("31-eval-cameo", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<CameoArgs>();
  CLI::App* eval = GetOrAddGroup(app, "eval", "Evaluate against gold data");
  CLI::App* cmd = eval->add_subcommand(
      "cameo", "CAMEO root code and actor agreement on PETRARCH validation records (XML)");
  cmd->add_option("--gold", args->gold, "PETRARCH-style XML file(s)")->required();
  cmd->add_option("--records", args->records,
                  "Write each record's gold codings and coded events to this TSV file");
  cmd->add_option("--format", args->format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  return {cmd, [args] { return RunEvalCameo(*args); }};
});

}  // namespace
}  // namespace tocsin::cli
