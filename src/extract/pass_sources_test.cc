// Unit tests of the sources pass (pass_sources.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassSources, SelonNamesTheSentencesSource) {
  Analysis x("sources", "Selon les autorités arméniennes, l'Azerbaïdjan a bombardé Goris.", "fr");
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_TRUE(a.attribution);
  EXPECT_EQ(a.attribution->text, "Selon les autorités arméniennes");
  EXPECT_EQ(a.attribution->actors, std::vector<std::string>{"ARM"});
  for (const auto& m : a.actors) EXPECT_EQ(m.attribution, m.code == "ARM") << m.code;
}

TEST(PassSources, NoSourceNoAttribution) {
  Analysis x("sources", "L'Azerbaïdjan a bombardé Goris.", "fr");
  EXPECT_FALSE(x->sentences.at(0).attribution);
}

}  // namespace
}  // namespace tocsin::extract
