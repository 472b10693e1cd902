// Unit tests of the events pass (pass_events.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassEvents, AClausesViolenceIsOneEventWithItsActorsAndDate) {
  Analysis x("events", "Les forces azerbaïdjanaises ont bombardé Goris hier.", "fr", "2022-09-13");
  ASSERT_EQ(x->events.size(), 1u);
  const Event& e = x->events[0].event;
  EXPECT_EQ(e.kind, "shelling");
  EXPECT_TRUE(e.violent);
  ASSERT_TRUE(e.actor1);
  EXPECT_EQ(e.actor1->code, "AZE");
  EXPECT_EQ(e.modality, "asserted");
  EXPECT_EQ(e.date, "2022-09-12");
  EXPECT_EQ(e.date_basis, "text");
  EXPECT_TRUE(e.places.empty());  // the event places pass adds them
}

TEST(PassEvents, DeniedShellingIsNotAsserted) {
  Analysis x("events", "Baku denied shelling Armenian villages near Sotk.", "en");
  const CandidateEvent* ce = x.Find("shelling");
  ASSERT_NE(ce, nullptr);
  EXPECT_EQ(ce->event.modality, "denied");
}

TEST(PassEvents, ASubjectPronounTakesThePreviousSubjectAsInferred) {
  Analysis x("events", "Turkey condemned the attack on Ganja. It also called on the UN to intervene.", "en",
             "2020-10-05");
  const CandidateEvent* ce = x.Find("request_assistance");
  ASSERT_NE(ce, nullptr);
  ASSERT_TRUE(ce->event.actor1);
  EXPECT_EQ(ce->event.actor1->code, "TUR");
  EXPECT_TRUE(ce->event.actor1->inferred);
}

}  // namespace
}  // namespace tocsin::extract
