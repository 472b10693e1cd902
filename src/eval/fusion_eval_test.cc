#include "tocsin/eval/fusion_eval.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace tocsin::eval {
namespace {

FusionGoldItem G(const std::string& doc, const std::string& cluster, const std::string& quote = "") {
  FusionGoldItem g;
  g.doc_id = doc;
  g.cluster = cluster;
  g.quote = quote;
  return g;
}

TEST(FusionEval, PairwiseAndBCubed) {
  // Gold: {a,b,c} one event, {d} another. System: {a,b} fused, c and d alone.
  std::vector<FusionGoldItem> gold = {G("a", "1"), G("b", "1"), G("c", "1"), G("d", "2")};
  FusionScores s = ScoreFusion(gold, {7, 7, 0, 0});
  EXPECT_EQ(s.gold_pairs, 3u);
  EXPECT_EQ(s.system_pairs, 1u);
  EXPECT_EQ(s.common_pairs, 1u);
  EXPECT_DOUBLE_EQ(s.pair_precision, 1.0);
  EXPECT_NEAR(s.pair_recall, 1.0 / 3, 1e-9);
  EXPECT_DOUBLE_EQ(s.b3_precision, 1.0);
  // recall: a 2/3, b 2/3, c 1/3, d 1.
  EXPECT_NEAR(s.b3_recall, (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1) / 4, 1e-9);
  // Everything in one event: all pairs predicted.
  FusionScores all = ScoreFusion(gold, {1, 1, 1, 1});
  EXPECT_NEAR(all.pair_precision, 0.5, 1e-9);
  EXPECT_DOUBLE_EQ(all.pair_recall, 1.0);
}

TEST(FusionEval, SameDocumentPairsAreNotCounted) {
  std::vector<FusionGoldItem> gold = {G("a", "1", "x"), G("a", "2", "y")};
  FusionScores s = ScoreFusion(gold, {5, 5});
  EXPECT_EQ(s.system_pairs, 0u);
  EXPECT_LT(s.b3_precision, 1.0);  // B-cubed still sees the wrong merge
}

TEST(FusionEval, QuotesAlignToTheMentionOfTheirSentence) {
  std::vector<SystemMention> ms = {
      {"a", 1, 10, "Azerbaijani forces shelled Jermuk on Tuesday."},
      {"a", 2, 11, "The ministry said seven people were killed in Ganja."},
      {"b", 3, 0, "Unfused sentence."}};
  std::vector<FusionGoldItem> gold = {G("a", "1", "seven people were killed in Ganja"),
                                      G("a", "2", "shelled Jermuk"), G("a", "3"),
                                      G("b", "4", "Unfused sentence"), G("c", "5", "nothing")};
  auto al = AlignItems(gold, ms);
  EXPECT_EQ(al, (std::vector<int64_t>{11, 10, 10, 0, 0}));
}

TEST(FusionEval, GoldFileErrorsNameTheLine) {
  auto path = std::filesystem::temp_directory_path() /
              ("tocsin-fusion-gold-" + std::to_string(getpid()) + ".jsonl");
  {
    std::ofstream(path) << "{\"doc_id\": \"a\", \"cluster\": \"1\"}\n{\"doc_id\": \"b\"}\n";
  }
  auto r = ReadFusionGold(path.string());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(":2: missing \"cluster\""), std::string::npos)
      << r.status().message();
  std::filesystem::remove(path);
  EXPECT_FALSE(ReadFusionGold("/nonexistent/gold.jsonl").ok());
}

}  // namespace
}  // namespace tocsin::eval
