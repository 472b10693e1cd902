// Unit tests of the numbers pass (pass_numbers.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassNumbers, BetweenTenAndFifteenIsARange) {
  Analysis x("numbers", "Between 10 and 15 civilians were killed in the capital.", "en");
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_EQ(a.numbers.size(), 1u);
  EXPECT_EQ(a.numbers[0].value, 10);
  ASSERT_TRUE(a.numbers[0].max);
  EXPECT_EQ(*a.numbers[0].max, 15);
  EXPECT_EQ(a.numbers[0].qualifier, "range");
}

TEST(PassNumbers, NumberWordsComposeAndKeepTheirQualifier) {
  Analysis x("numbers", "Au moins vingt et un soldats ont été tués.", "fr");
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_EQ(a.numbers.size(), 1u);
  EXPECT_EQ(a.numbers[0].value, 21);
  EXPECT_EQ(a.numbers[0].qualifier, "at_least");
  EXPECT_EQ(Analysis::Span(a, a.numbers[0].first, a.numbers[0].end), "Au moins vingt et un");
}

}  // namespace
}  // namespace tocsin::extract
