// Unit tests of the places pass (pass_places.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassPlaces, PlacesAreResolvedInTheGazetteer) {
  Analysis x("places", "Les forces azerbaïdjanaises ont bombardé Goris.", "fr");
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_EQ(a.places.size(), 1u);
  ASSERT_TRUE(a.places[0].entry);
  EXPECT_EQ(a.places[0].entry->country, "ARM");
  EXPECT_GT(a.places[0].confidence, 0);
}

}  // namespace
}  // namespace tocsin::extract
