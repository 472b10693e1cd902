// Unit tests of the subjects pass (pass_subjects.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassSubjects, ASubjectPronounSpeaksOfThePreviousSentencesSubject) {
  Analysis x("subjects", "Turkey condemned the attack on Ganja. It also called on the UN to intervene.", "en",
             "2020-10-05", "Ankara reacts");
  ASSERT_EQ(x->sentences.size(), 3u);
  EXPECT_EQ(x->sentences[0].number, -1);  // the title
  EXPECT_EQ(x->sentences[1].number, 0);
  EXPECT_EQ(x->sentences[2].number, 1);
  EXPECT_FALSE(x->sentences[1].previous_subject);  // the title's subject stays in the title
  ASSERT_TRUE(x->sentences[2].previous_subject);
  EXPECT_EQ(x->sentences[2].previous_subject->code, "TUR");
}

}  // namespace
}  // namespace tocsin::extract
