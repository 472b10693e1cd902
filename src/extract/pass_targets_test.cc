// Unit tests of the targets pass (pass_targets.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassTargets, TheStateWhereViolenceStrikesIsItsTarget) {
  Analysis before("event_places", "Les forces azerbaïdjanaises ont bombardé Goris.", "fr");
  ASSERT_EQ(before->events.size(), 1u);
  EXPECT_FALSE(before->events[0].event.actor2);
  Analysis x("targets", "Les forces azerbaïdjanaises ont bombardé Goris.", "fr");
  const Event& e = x->events.at(0).event;
  ASSERT_TRUE(e.actor2);
  EXPECT_EQ(e.actor2->code, "ARM");
  EXPECT_TRUE(e.actor2->inferred);
}

TEST(PassTargets, ViolenceWithNoActorTakesTheFramesSides) {
  Analysis x("targets",
             "Les forces azerbaïdjanaises ont bombardé les régions arméniennes.\n"
             "Une série de bombardements a eu lieu dans la nuit.", "fr");
  ASSERT_EQ(x->events.size(), 2u);
  const Event& e = x->events[1].event;
  ASSERT_TRUE(e.actor1);
  ASSERT_TRUE(e.actor2);
  EXPECT_EQ(e.actor1->code, "AZE");
  EXPECT_EQ(e.actor2->code, "ARM");
  EXPECT_TRUE(e.actor1->inferred);
}

}  // namespace
}  // namespace tocsin::extract
