#include "tocsin/eval/cameo_eval.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tocsin::eval {
namespace {

using ::testing::HasSubstr;

TEST(CameoEvalTest, ParsesSiblingAndNestedRecordsSkippingCommentsAndParses) {
  auto recs = ReadPetrarchXml(std::string(TOCSIN_TEST_DIR) + "/data/eval/petr_small.xml");
  ASSERT_TRUE(recs.ok()) << recs.status().ToString();
  ASSERT_EQ(recs->size(), 3u);
  EXPECT_EQ((*recs)[0].id, "T-1");
  EXPECT_EQ((*recs)[0].date, "2008-08-01");
  EXPECT_EQ((*recs)[0].text,
            "Israeli aircraft struck a building in southern Lebanon & killed two people.");
  ASSERT_EQ((*recs)[0].codings.size(), 1u);
  EXPECT_EQ((*recs)[0].codings[0].source, "ISRMIL");
  EXPECT_TRUE((*recs)[1].no_events);
  EXPECT_EQ((*recs)[2].codings[0].event, "163");  // "163_impose_sanctions"
}

TEST(CameoEvalTest, MatchesRootCodesAndActorPrefixes) {
  auto recs = ParsePetrarchXml(
      "<Sentence id=\"a\" date=\"20200101\"/><EventCoding eventcode=\"194\" sourcecode=\"AZEMIL\" "
      "targetcode=\"ARM\"/><Text>x</Text>"
      "<Sentence id=\"b\"/><EventCoding noevents=\"True\"/><Text>y</Text>",
      "inline");
  ASSERT_TRUE(recs.ok());
  extract::Extraction hit, none;
  extract::Event e;
  e.cameo = "190";
  e.actor1 = extract::Actor{};
  e.actor1->code = "AZE";
  hit.events = {e};
  CameoScores s = ScoreCameo(*recs, {hit, none});
  EXPECT_EQ(s.gold_codings, 1);
  EXPECT_EQ(s.root_tp, 1);
  EXPECT_EQ(s.code_tp, 0);
  EXPECT_EQ(s.source_tp, 1);
  EXPECT_EQ(s.target_tp, 0);
  EXPECT_EQ(s.noevent_records, 1);
  EXPECT_EQ(s.noevent_correct, 1);
  EXPECT_THAT(FormatCameoText(s), HasSubstr("root code true positives  1/1 = 100.0%"));
  EXPECT_FALSE(ParsePetrarchXml("<Validation/>", "empty").ok());
}

TEST(CameoEvalTest, ActorsAreComparedAsCameoActorCodes) {
  auto actor = [](std::string code, std::string agent) {
    extract::Actor a;
    a.code = std::move(code);
    a.agent = std::move(agent);
    return a;
  };
  EXPECT_EQ(CameoActorCode(actor("USA", "GOV")), "USAGOV");
  EXPECT_EQ(CameoActorCode(actor("UN", "")), "IGOUNO");
  EXPECT_EQ(CameoActorCode(actor("SHABAAB", "REB")), "SOMREB");
  EXPECT_EQ(CameoActorCode(actor("", "REB")), "---REB");
  EXPECT_EQ(CameoActorCode(actor("", "")), "");
  // Gold: an IGO source, an agent-only source, an armed group by its country.
  auto recs = ParsePetrarchXml(
      "<Sentence id=\"a\"/><EventCoding eventcode=\"090\" sourcecode=\"IGOUNO\" "
      "targetcode=\"IRN\"/><Text>x</Text>"
      "<Sentence id=\"b\"/><EventCoding eventcode=\"190\" sourcecode=\"---REB\" "
      "targetcode=\"SYR\"/><Text>y</Text>"
      "<Sentence id=\"c\"/><EventCoding eventcode=\"015\" sourcecode=\"SOMUAF\" "
      "targetcode=\"IGOEUREEC\"/><Text>z</Text>",
      "inline");
  ASSERT_TRUE(recs.ok());
  extract::Extraction x1, x2, x3;
  extract::Event e;
  e.cameo = "092";
  e.actor1 = actor("UN", "");
  e.actor2 = actor("IRN", "GOV");
  x1.events = {e};
  e.cameo = "194";
  e.actor1 = actor("", "REB");
  e.actor2 = actor("SYR", "");
  x2.events = {e};
  e.cameo = "015";
  e.actor1 = actor("SHABAAB", "REB");
  e.actor2 = actor("UN", "");  // another IGO: no agreement
  x3.events = {e};
  CameoScores s = ScoreCameo(*recs, {x1, x2, x3});
  EXPECT_EQ(s.root_tp, 3);
  EXPECT_EQ(s.source_tp, 3);
  EXPECT_EQ(s.target_tp, 2);
}

}  // namespace
}  // namespace tocsin::eval
