// Unit tests of the event_places pass (pass_event_places.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassEventPlaces, StepanakertIn2020IsDisputed) {
  Analysis x("event_places", "Les forces azerbaïdjanaises ont bombardé Stepanakert dans la nuit.", "fr",
             "2020-10-04");
  ASSERT_EQ(x->events.size(), 1u);
  const Event& e = x->events[0].event;
  ASSERT_EQ(e.places.size(), 1u);
  EXPECT_EQ(e.places[0].text, "Stepanakert");
  EXPECT_EQ(e.places[0].territory, "disputed");
  EXPECT_EQ(e.places[0].country, "AZE");
}

TEST(PassEventPlaces, TheDocumentsDateWhenTheTextGivesNone) {
  Analysis x("event_places", "Russian forces shelled Kharkiv.", "en", "2022-09-13");
  ASSERT_EQ(x->events.size(), 1u);
  const Event& e = x->events[0].event;
  EXPECT_EQ(e.date, "2022-09-13");
  EXPECT_EQ(e.date_basis, "publication");
  ASSERT_EQ(e.places.size(), 1u);
  EXPECT_EQ(e.places[0].country, "UKR");
  EXPECT_EQ(e.places[0].territory, "sovereign");
}

}  // namespace
}  // namespace tocsin::extract
