// Unit tests of the protest_merge pass (pass_protest_merge.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassProtestMerge, ArrestsDuringADemonstrationAreThePolicesIntervention) {
  const char* text = "La police a arrêté une centaine de personnes lors d'une manifestation de l'opposition "
                     "mardi à Conakry.";
  Analysis before("reciprocal", text, "fr", "2020-10-22");
  EXPECT_NE(before.Find("arrest"), nullptr);
  Analysis x("protest_merge", text, "fr", "2020-10-22");
  EXPECT_EQ(x.Find("arrest"), nullptr);
  ASSERT_NE(x.Find("protest_with_intervention"), nullptr);
  EXPECT_EQ(x.Find("protest"), nullptr);
}

TEST(PassProtestMerge, WhatAProtestIsAgainstLosesSalience) {
  Analysis x("protest_merge",
             "Des milliers de personnes ont manifesté samedi à Bamako pour protester contre l'arrestation "
             "d'un imam.", "fr", "2023-03-06");
  const CandidateEvent* protest = x.Find("protest");
  ASSERT_NE(protest, nullptr);
  for (const auto& ce : x->events) {
    if (&ce != protest) {
      EXPECT_LT(ce.info.base, protest->info.base) << ce.event.kind;
    }
  }
}

}  // namespace
}  // namespace tocsin::extract
