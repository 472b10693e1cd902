// Unit tests of the salience pass (pass_salience.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassSalience, TheMainEventIsTheMostConfidentAndIdsFollowTheOrder) {
  Analysis x("salience",
             "Les forces azerbaïdjanaises ont bombardé Goris.\n"
             "L'Arménie a demandé l'aide de l'OTSC.", "fr", "2022-09-13", "Frappes sur Goris");
  ASSERT_GE(x->events.size(), 2u);
  double best = 0;
  std::string main;
  for (size_t i = 0; i < x->events.size(); ++i) {
    const Event& e = x->events[i].event;
    EXPECT_EQ(e.id, "t#e" + std::to_string(i + 1));
    EXPECT_GE(e.confidence, 0.05);
    EXPECT_LE(e.confidence, 0.95);
    if (e.confidence > best) best = e.confidence, main = e.kind;
  }
  EXPECT_EQ(main, "shelling");
}

TEST(PassSalience, LowSalienceEventsRankBelowViolence) {
  Analysis x("salience", "The EU expressed concern about the fighting. Russian forces shelled Kharkiv.", "en");
  double violent = 1, low = 0;
  for (const auto& ce : x->events) {
    if (ce.info.low) low = std::max(low, ce.event.confidence);
    if (ce.event.violent) violent = std::min(violent, ce.event.confidence);
  }
  ASSERT_GT(low, 0);
  EXPECT_LT(low, violent);
}

}  // namespace
}  // namespace tocsin::extract
