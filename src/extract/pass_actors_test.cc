// Unit tests of the actors pass (pass_actors.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassActors, AnAgentNounMergesWithTheNameAfterIt) {
  Analysis x("actors", "Les troupes de Bakou ont bombardé Goris.", "fr");
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_FALSE(a.actors.empty());
  const ActorMention& m = a.actors[0];
  EXPECT_EQ(m.code, "AZE");
  EXPECT_EQ(m.agent, "MIL");
  EXPECT_EQ(Analysis::Span(a, m.first, m.end), "troupes de Bakou");
}

TEST(PassActors, AStateAfterAPlacePrepositionIsAPlaceNotAnActor) {
  Analysis x("actors", "De violents combats ont eu lieu en Ukraine.", "fr");
  const SentenceAnalysis& a = x->sentences.at(0);
  for (const auto& m : a.actors) EXPECT_NE(m.code, "UKR");
  ASSERT_EQ(a.places.size(), 1u);
  EXPECT_TRUE(a.places[0].country_level);
  EXPECT_EQ(Analysis::Span(a, a.places[0].first, a.places[0].end), "Ukraine");
}

TEST(PassActors, ADemonymBeforeANounTriggerQualifiesIt) {
  Analysis x("actors", "Azerbaijani shelling hit the town of Goris.", "en");
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_FALSE(a.actors.empty());
  EXPECT_EQ(a.actors[0].code, "AZE");
  ASSERT_GE(a.actors[0].trigger_adjective, 0);
  EXPECT_EQ(a.triggers.at(a.actors[0].trigger_adjective).kind, "shelling");
}

}  // namespace
}  // namespace tocsin::extract
