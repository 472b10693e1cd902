// Unit tests of the kinds pass (pass_kinds.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassKinds, GunmenKillingCiviliansIsViolenceAgainstCivilians) {
  const char* text = "Gunmen killed at least 40 civilians in an attack on a village near Djibo on Saturday.";
  Analysis before("filter", text, "en", "2023-06-12");
  ASSERT_NE(before.Find("armed_clash"), nullptr);
  Analysis x("kinds", text, "en", "2023-06-12");
  EXPECT_EQ(x.Find("armed_clash"), nullptr);
  const CandidateEvent* ce = x.Find("attack_on_civilians");
  ASSERT_NE(ce, nullptr);
  EXPECT_EQ(ce->event.acled_sub_event_type, "Attack");
}

TEST(PassKinds, GrenadesFoundAreDisruptedWeaponsUse) {
  Analysis x("kinds", "Police discovered grenades and ammunition hidden in a house in Kirkuk.", "en");
  EXPECT_EQ(x.Find("grenade"), nullptr);
  EXPECT_NE(x.Find("disrupted_weapons_use"), nullptr);
}

}  // namespace
}  // namespace tocsin::extract
