#include "tocsin/eval/events_eval.h"

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

namespace tocsin::eval {
namespace {

using ::testing::HasSubstr;

std::string Fixture(const std::string& name) { return std::string(TOCSIN_TEST_DIR) + "/data/eval/" + name; }

TEST(EventsEvalTest, ReadsCaseTsvByHeaderNames) {
  auto items = ReadCaseTsv(Fixture("case_small.tsv"));
  ASSERT_TRUE(items.ok()) << items.status().ToString();
  ASSERT_EQ(items->size(), 4u);
  EXPECT_EQ((*items)[0].id, "1");
  EXPECT_EQ((*items)[0].label, "SUIC_BOMB");
  EXPECT_THAT((*items)[1].text, HasSubstr("Dhaka"));
}

TEST(EventsEvalTest, RejectsFilesWithoutTheColumns) {
  std::string path = ::testing::TempDir() + "/bad_case_" + std::to_string(::getpid()) + ".tsv";
  std::ofstream(path) << "a\tb\n1\t2\n";
  auto items = ReadCaseTsv(path);
  ASSERT_FALSE(items.ok());
  EXPECT_THAT(items.status().message(), HasSubstr("EventSnippet"));
  EXPECT_FALSE(ReadCaseTsv(::testing::TempDir() + "/missing.tsv").ok());
}

TEST(EventsEvalTest, MapsAcledSubTypesAndKinds) {
  EXPECT_EQ(CaseLabelForAcled("Air/drone strike"), "AIR_STRIKE");
  EXPECT_EQ(CaseLabelForAcled("Non-violent transfer of territory"), "NON_VIOL_TERRIT_TRANSFER");
  EXPECT_EQ(CaseLabelForAcled("nothing"), "");
  EXPECT_EQ(AcledCaseLabels().size(), 25u);
  extract::Event e;
  e.kind = "meeting";
  EXPECT_EQ(CaseLabelForEvent(e), "DIPLO");
  e.kind = "claim_responsibility";
  EXPECT_EQ(CaseLabelForEvent(e), "ATTRIB");
  e.kind = "grenade";
  e.acled_sub_event_type = "Grenade";
  EXPECT_EQ(CaseLabelForEvent(e), "GRENADE");
}

TEST(EventsEvalTest, PredictsTheMostConfidentEvent) {
  extract::Extraction x;
  EXPECT_EQ(PredictLabel(x, "FALLBACK"), "FALLBACK");
  extract::Event a, b;
  a.kind = "armed_clash";
  a.acled_sub_event_type = "Armed clash";
  a.confidence = 0.5;
  b.kind = "suicide_bomb";
  b.acled_sub_event_type = "Suicide bomb";
  b.confidence = 0.8;
  x.events = {a, b};
  EXPECT_EQ(PredictLabel(x, "FALLBACK"), "SUIC_BOMB");
}

TEST(EventsEvalTest, ScoresLikeSklearn) {
  // gold: A A B C; predicted: A B B A
  auto r = Score({"A", "A", "B", "C"}, {"A", "B", "B", "A"});
  EXPECT_EQ(r.total, 4);
  EXPECT_EQ(r.correct, 2);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.5);
  // A: p=1/2 r=1/2 f=0.5; B: p=1/2 r=1 f=2/3; C: 0.
  EXPECT_NEAR(r.macro_f1, (0.5 + 2.0 / 3) / 3, 1e-9);
  EXPECT_NEAR(r.weighted_f1, (0.5 * 2 + 2.0 / 3) / 4, 1e-9);
  EXPECT_EQ((r.confusion[{"C", "A"}]), 1);
  std::string text = FormatReportText(r, r, 1);
  EXPECT_THAT(text, HasSubstr("weighted F1 0.4167"));
  std::string json = FormatReportJson(r, r, 1, "A");
  EXPECT_THAT(json, HasSubstr("\"weighted_f1\":0.4167"));
}

}  // namespace
}  // namespace tocsin::eval
