// Unit tests of the features pass (pass_features.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassFeatures, AGenericAttackWithWoundedLeadsTheText) {
  Analysis x("features",
             "Militants attacked a police checkpoint in Pattani on Wednesday night. The attackers threw "
             "two grenades, wounding three policemen.", "en", "2019-03-14");
  const CandidateEvent* attack = x.Find("armed_clash");
  ASSERT_NE(attack, nullptr);
  EXPECT_EQ(attack->info.sentence, 0);
  EXPECT_TRUE(attack->info.lead);
  EXPECT_TRUE(attack->info.generic);
  const CandidateEvent* grenade = x.Find("grenade");
  ASSERT_NE(grenade, nullptr);
  EXPECT_EQ(grenade->info.sentence, 1);
  EXPECT_TRUE(grenade->info.hurt);
  EXPECT_FALSE(grenade->info.generic);
}

TEST(PassFeatures, WhatAnActAnswersIsBackgroundAndLessConfident) {
  Analysis x("features",
             "Israel struck targets in Syria in retaliation for a rocket attack on the Golan Heights.", "en");
  bool background = false;
  for (const auto& ce : x->events)
    if (ce.info.background) {
      background = true;
      EXPECT_LT(ce.info.base, 0.5);
    }
  EXPECT_TRUE(background);
}

}  // namespace
}  // namespace tocsin::extract
