// Unit tests of the casualties pass (pass_casualties.cc).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassCasualties, TheDeadOfAnAttackAreTheAttackedSides) {
  Analysis x("casualties",
             "At least seven civilians have been killed and 33 injured in an Armenian missile attack on "
             "Azerbaijan's Ganja city.", "en", "2020-10-11");
  ASSERT_EQ(x->casualties.size(), 2u);
  const Casualty& dead = x->casualties[0];
  EXPECT_EQ(dead.count, 7);
  EXPECT_EQ(dead.qualifier, "at_least");
  EXPECT_EQ(dead.victims, "killed");
  EXPECT_EQ(dead.side, "AZE");
  EXPECT_EQ(x->casualties[1].count, 33);
  EXPECT_EQ(x->casualties[1].victims, "wounded");
  EXPECT_EQ(x->casualties[1].side, "AZE");
  ASSERT_FALSE(x->events.empty());
  EXPECT_EQ(dead.event_id, x->events[0].event.id);
  EXPECT_EQ(dead.id, "t#c1");
}

TEST(PassCasualties, SoldiersKilledInAnAttackOnTheArmyAreItsSide) {
  Analysis x("casualties",
             "An improvised explosive device exploded under a Malian army vehicle near Gao on Monday, "
             "killing four soldiers and wounding two others, the army said in a statement.",
             "en", "2022-04-26", "Four Malian soldiers killed by roadside bomb near Gao");
  bool killed = false, wounded = false;
  for (const Casualty& c : x->casualties) {
    killed |= c.count == 4 && c.victims == "killed" && c.side == "MLI";
    wounded |= c.count == 2 && c.victims == "wounded" && c.side == "MLI";
  }
  EXPECT_TRUE(killed);
  EXPECT_TRUE(wounded);
}

TEST(PassCasualties, NOfItsSoldiersAreTheAttackedSides) {
  for (const auto& [text, lang] : std::vector<std::pair<std::string, std::string>>{
           {"The Armenian defence ministry said 15 of its soldiers were killed when Azerbaijani forces "
            "shelled positions near Jermuk.", "en"},
           {"Le ministère arménien de la Défense a annoncé que 15 de ses soldats avaient été tués dans "
            "des bombardements azerbaïdjanais.", "fr"}}) {
    Analysis x("casualties", text, lang);
    ASSERT_EQ(x->casualties.size(), 1u) << text;
    const Casualty& c = x->casualties[0];
    EXPECT_EQ(c.count, 15);
    EXPECT_EQ(c.victims, "killed");
    EXPECT_EQ(c.side, "ARM") << text;
    EXPECT_TRUE(c.side_inferred);
  }
}

TEST(PassCasualties, AYearIsNoCount) {
  Analysis x("casualties", "In 2020, Azerbaijani forces shelled Goris.", "en");
  EXPECT_TRUE(x->casualties.empty());
}

}  // namespace
}  // namespace tocsin::extract
