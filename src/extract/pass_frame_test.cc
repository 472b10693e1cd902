// Unit tests of the frame pass (pass_frame.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassFrame, WhoAttacksWhomAcrossTheDocument) {
  Analysis x("frame",
             "Les forces azerbaïdjanaises ont bombardé Goris.\n"
             "L'Azerbaïdjan a attaqué les régions arméniennes de Sotk et Jermuk.", "fr");
  EXPECT_TRUE(x->frame.ranked);
  EXPECT_EQ(x->frame.aggressor, "AZE");
  EXPECT_EQ(x->frame.defender, "ARM");
  EXPECT_EQ(x->frame.Other("ARM"), "AZE");
}

TEST(PassFrame, NoViolenceNoFrame) {
  Analysis x("frame", "L'Arménie et l'Azerbaïdjan ont tenu une réunion à Moscou.", "fr");
  EXPECT_FALSE(x->frame.known());
}

}  // namespace
}  // namespace tocsin::extract
