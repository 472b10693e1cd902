// tocsin eval fusion: the fused events of a store against gold clusters of mentions
// (doc/fusion.md, "Evaluation"): pairwise and B-cubed precision/recall.
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/eval/fusion_eval.h"
#include "tocsin/store/store.h"

namespace tocsin::cli {
namespace {

struct EvalFusionArgs {
  std::string gold, db = "tocsin.db", format = "text";
};

int RunEvalFusion(const EvalFusionArgs& a) {
  auto gold = eval::ReadFusionGold(a.gold);
  if (!gold.ok()) {
    std::cerr << "tocsin: " << gold.status().message() << "\n";
    return 1;
  }
  store::OpenOptions oo;
  oo.read_only = true;
  auto st = store::OpenStore(a.db, oo);
  if (!st.ok()) {
    std::cerr << "tocsin: " << st.status().message() << "\n";
    return 1;
  }
  std::vector<eval::SystemMention> mentions;
  Status s = (*st)->ForEachMention([&](const store::StoredMention& m) {
    mentions.push_back({m.doc_id, m.mention, m.event, m.extracted.evidence.sentence});
    return true;
  });
  if (!s.ok()) {
    std::cerr << "tocsin: " << s.message() << "\n";
    return 1;
  }
  auto scores = eval::ScoreFusion(*gold, eval::AlignItems(*gold, mentions));
  if (a.format == "json") std::cout << eval::FormatFusionJson(scores) << "\n";
  else std::cout << eval::FormatFusionText(scores);
  return 0;
}

CommandRegistrar reg("40-eval-fusion", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<EvalFusionArgs>();
  CLI::App* eval = GetOrAddGroup(app, "eval", "Evaluate against gold data");
  CLI::App* cmd = eval->add_subcommand(
      "fusion", "Event fusion: pairwise and B-cubed precision/recall against gold clusters");
  cmd->add_option("--gold", args->gold,
                  "Gold clusters, JSON Lines {\"doc_id\", \"cluster\", \"quote\"} (doc/fusion.md)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--db", args->db, "The store whose events are scored (default tocsin.db)");
  cmd->add_option("--format", args->format, "Output: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  return {cmd, [args] { return RunEvalFusion(*args); }};
});

}  // namespace
}  // namespace tocsin::cli
