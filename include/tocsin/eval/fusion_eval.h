// Fusion (event coreference) evaluation: the events of a store against gold clusters of
// mentions (doc/fusion.md, "Evaluation"). Gold: JSON Lines, one item per line,
//   {"doc_id": "...", "cluster": "...", "quote": "..."}
// An item with a quote is the mention of that document whose evidence sentence matches the
// quote best (containment or word overlap >= 0.5); an item without a quote is the document's
// first fused mention (documents of one event each, such as UCDP's source headlines). An item
// no mention matches stays alone (a miss for recall). Scores: pairwise precision/recall over
// pairs of items of different documents, and B-cubed over all items.
#ifndef TOCSIN_EVAL_FUSION_EVAL_H_
#define TOCSIN_EVAL_FUSION_EVAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tocsin/core/status.h"

namespace tocsin::eval {

struct FusionGoldItem {
  std::string doc_id, cluster, quote;
  int line = 0;
};

// Errors name the file and line ("gold.jsonl:12: missing \"cluster\"").
StatusOr<std::vector<FusionGoldItem>> ReadFusionGold(const std::string& path);

// A stored mention as the evaluation sees it.
struct SystemMention {
  std::string doc_id;
  int64_t mention = 0;  // row id (ingest order within a document)
  int64_t event = 0;    // 0: not fused
  std::string sentence;  // evidence
};

// The event of each gold item (0: no mention matched, or it is not fused).
std::vector<int64_t> AlignItems(const std::vector<FusionGoldItem>& gold,
                                const std::vector<SystemMention>& mentions);

struct FusionScores {
  size_t items = 0, aligned = 0, gold_clusters = 0, system_clusters = 0;
  size_t gold_pairs = 0, system_pairs = 0, common_pairs = 0;  // cross-document
  double pair_precision = 0, pair_recall = 0, pair_f1 = 0;
  double b3_precision = 0, b3_recall = 0, b3_f1 = 0;
};

// `system[i]` is item i's event (0: alone).
FusionScores ScoreFusion(const std::vector<FusionGoldItem>& gold,
                         const std::vector<int64_t>& system);

std::string FormatFusionText(const FusionScores& s);
std::string FormatFusionJson(const FusionScores& s);

}  // namespace tocsin::eval

#endif  // TOCSIN_EVAL_FUSION_EVAL_H_
