// Unit tests of the filter pass (pass_filter.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassFilter, ViolenceWithNobodyAndNowhereIsNoEvent) {
  const char* text = "Such attacks are frequent in the region.";
  Analysis before("targets", text, "en");
  EXPECT_EQ(before->events.size(), 1u);
  Analysis x("filter", text, "en");
  EXPECT_TRUE(x->events.empty());
}

TEST(PassFilter, AnEventWithAnActorStaysAndIsNotBare) {
  Analysis x("filter", "Les forces azerbaïdjanaises ont bombardé Goris.", "fr");
  ASSERT_EQ(x->events.size(), 1u);
  EXPECT_FALSE(x->events[0].info.bare);
}

}  // namespace
}  // namespace tocsin::extract
