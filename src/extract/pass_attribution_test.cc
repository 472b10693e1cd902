// Unit tests of the attribution pass (pass_attribution.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassAttribution, TheSentencesSourceAndTheEvidence) {
  Analysis x("attribution", "Selon les autorités arméniennes, l'Azerbaïdjan a bombardé Goris.", "fr");
  ASSERT_EQ(x->events.size(), 1u);
  const Event& e = x->events[0].event;
  ASSERT_TRUE(e.attribution);
  EXPECT_EQ(e.attribution->actors, std::vector<std::string>{"ARM"});
  EXPECT_EQ(e.evidence.field, "text");
  EXPECT_EQ(e.evidence.sentence, x->doc.text);
  EXPECT_EQ(x->doc.text.substr(e.evidence.trigger_start, e.evidence.trigger_end - e.evidence.trigger_start),
            "bombardé");
}

TEST(PassAttribution, ASpeakerAfterTheReportIsItsSource) {
  Analysis x("attribution", "Russian forces shelled Kharkiv overnight, the Ukrainian army said.", "en");
  const CandidateEvent* ce = x.Find("shelling");
  ASSERT_NE(ce, nullptr);
  ASSERT_TRUE(ce->event.attribution);
  EXPECT_EQ(ce->event.attribution->actors, std::vector<std::string>{"UKR"});
}

}  // namespace
}  // namespace tocsin::extract
