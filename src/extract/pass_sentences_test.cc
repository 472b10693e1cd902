// Unit tests of the sentences pass (pass_sentences.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassSentences, TitleFirstThenTheTextsSentences) {
  Analysis x("sentences", "Premier paragraphe.\nL'armée russe a bombardé Kharkiv.", "fr", "2022-09-13",
             "Frappes sur Kharkiv");
  ASSERT_EQ(x->sentences.size(), 3u);
  EXPECT_EQ(x->sentences[0].field, "title");
  EXPECT_EQ(x->sentences[1].field, "text");
  EXPECT_EQ(x->sentences[2].field, "text");
  const SentenceAnalysis& a = x->sentences[2];
  EXPECT_EQ(x->doc.text.substr(a.sentence.start, a.sentence.end - a.sentence.start),
            "L'armée russe a bombardé Kharkiv.");
}

TEST(PassSentences, LexiconMatchesAndTheTokensActorsCover) {
  Analysis x("sentences", "Les forces azerbaïdjanaises ont bombardé Goris.", "fr");
  ASSERT_EQ(x->sentences.size(), 1u);
  const SentenceAnalysis& a = x->sentences[0];
  bool actor = false, trigger = false;
  for (const auto& m : a.matches) {
    actor |= m.entry->klass == lexicon::Class::kActor && a.tok(m.first).folded == "azerbaidjanaises";
    trigger |= m.entry->klass == lexicon::Class::kTrigger && a.tok(m.first).folded == "bombarde";
  }
  EXPECT_TRUE(actor);
  EXPECT_TRUE(trigger);
  EXPECT_TRUE(a.covered_by_actor[2]);   // azerbaïdjanaises
  EXPECT_FALSE(a.covered_by_actor[4]);  // bombardé
}

TEST(PassSentences, AnUnpunctuatedRunIsCutIntoBoundedPieces) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "bombardements Goris et ";
  Analysis x("sentences", text, "fr");
  ASSERT_GE(x->sentences.size(), 4u);
  for (const auto& a : x->sentences) EXPECT_LE(a.sentence.end_token - a.sentence.first_token, 400u);
}

}  // namespace
}  // namespace tocsin::extract
