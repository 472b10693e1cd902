// Unit tests of the triggers pass (pass_triggers.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassTriggers, AVerbOfViolenceIsAViolentTrigger) {
  Analysis x("triggers", "L'armée azerbaïdjanaise a bombardé Goris.", "fr");
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_EQ(a.triggers.size(), 1u);
  EXPECT_EQ(a.triggers[0].kind, "shelling");
  EXPECT_TRUE(a.triggers[0].violent);
  EXPECT_EQ(Analysis::Span(a, a.triggers[0].first, a.triggers[0].end), "bombardé");
}

TEST(PassTriggers, ViolenceThatACallWantsStoppedIsNoTrigger) {
  Analysis x("triggers", "The UN Security Council called on both sides to stop the fighting immediately.", "en");
  const SentenceAnalysis& a = x->sentences.at(0);
  for (const auto& t : a.triggers) EXPECT_FALSE(t.violent) << t.kind;
  ASSERT_FALSE(a.triggers.empty());
  EXPECT_EQ(a.triggers[0].kind, "call_deescalation");
}

}  // namespace
}  // namespace tocsin::extract
