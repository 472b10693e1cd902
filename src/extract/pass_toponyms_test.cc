// Unit tests of the toponyms pass (pass_toponyms.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassToponyms, EnglishPlacesAreTheGeoparsersToponyms) {
  Analysis x("toponyms", "Russian forces shelled Kharkiv on Monday.", "en");
  EXPECT_TRUE(x->has_toponyms);
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_EQ(a.places.size(), 1u);
  EXPECT_EQ(Analysis::Span(a, a.places[0].first, a.places[0].end), "Kharkiv");
  ASSERT_TRUE(a.places[0].detected);
  EXPECT_EQ(a.places[0].detected->country, "UKR");
  EXPECT_FALSE(a.places[0].entry);  // resolved by the places pass
}

TEST(PassToponyms, RussianInflectedNamesAreLookedUpByTheirNominative) {
  Analysis x("toponyms", "Обстрелы в Горисе продолжаются.", "ru");
  EXPECT_FALSE(x->has_toponyms);
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_EQ(a.places.size(), 1u);
  EXPECT_EQ(Analysis::Span(a, a.places[0].first, a.places[0].end), "Горисе");
  EXPECT_EQ(a.places[0].folded, "горис");
}

}  // namespace
}  // namespace tocsin::extract
