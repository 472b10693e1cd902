// Unit tests of the attack_merge pass (pass_attack_merge.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassAttackMerge, AnAttackAndItsWeaponAreOneEventCodedByTheWeapon) {
  const char* text = "Militants attacked a police checkpoint in Pattani on Wednesday night. The attackers threw "
                     "two grenades, wounding three policemen.";
  Analysis before("protest_merge", text, "en", "2019-03-14");
  EXPECT_NE(before.Find("armed_clash"), nullptr);
  Analysis x("attack_merge", text, "en", "2019-03-14");
  EXPECT_EQ(x.Find("armed_clash"), nullptr);
  const CandidateEvent* grenade = x.Find("grenade");
  ASSERT_NE(grenade, nullptr);
  EXPECT_EQ(grenade->info.sentence, 0);  // the attack's position
  EXPECT_TRUE(grenade->info.lead);
}

}  // namespace
}  // namespace tocsin::extract
