#include "cameo.h"

#include <gtest/gtest.h>

namespace tocsin::extract {
namespace {

TEST(CameoRefineTest, RejectionOfCooperativeCodes) {
  EXPECT_EQ(RejectionOf("040"), "125");
  EXPECT_EQ(RejectionOf("046"), "125");
  EXPECT_EQ(RejectionOf("045"), "126");
  EXPECT_EQ(RejectionOf("051"), "120");
  EXPECT_EQ(RejectionOf("057"), "127");
  EXPECT_EQ(RejectionOf("060"), "121");
  EXPECT_EQ(RejectionOf("062"), "1212");
  EXPECT_EQ(RejectionOf("072"), "1222");
  EXPECT_EQ(RejectionOf("075"), "122");
  EXPECT_EQ(RejectionOf("0841"), "1243");
  EXPECT_EQ(RejectionOf("085"), "1244");
  EXPECT_EQ(RejectionOf("0871"), "1246");
  EXPECT_EQ(RejectionOf("080"), "124");
  EXPECT_EQ(RejectionOf("112"), "");  // not cooperative
  EXPECT_EQ(RejectionOf("190"), "");
}

TEST(CameoRefineTest, IntentOfCooperativeCodes) {
  EXPECT_EQ(IntentOf("042"), "036");
  EXPECT_EQ(IntentOf("045"), "039");
  EXPECT_EQ(IntentOf("051"), "032");
  EXPECT_EQ(IntentOf("057"), "030");
  EXPECT_EQ(IntentOf("061"), "0311");
  EXPECT_EQ(IntentOf("070"), "033");
  EXPECT_EQ(IntentOf("073"), "0333");
  EXPECT_EQ(IntentOf("0841"), "0353");
  EXPECT_EQ(IntentOf("085"), "0354");
  EXPECT_EQ(IntentOf("0831"), "034");
  EXPECT_EQ(IntentOf("0871"), "0356");
  EXPECT_EQ(IntentOf("010"), "");
  EXPECT_EQ(IntentOf("173"), "");
}

}  // namespace
}  // namespace tocsin::extract
