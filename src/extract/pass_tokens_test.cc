// Unit tests of the tokens pass (pass_tokens.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassTokens, TitleAndTextTokensKeepTheirOffsets) {
  Analysis x("tokens", "L'armée a bombardé Goris.", "fr", "2022-09-13", "Frappes sur Goris");
  ASSERT_GE(x->title_tokens.size(), 3u);
  EXPECT_EQ(x->title_tokens[0].folded, "frappes");
  ASSERT_GE(x->text_tokens.size(), 2u);
  // The elision is its own token; folding drops the accent, the offsets keep the original.
  EXPECT_EQ(x->text_tokens[0].folded, "l'");
  EXPECT_EQ(x->text_tokens[1].folded, "armee");
  const text::Token& t = x->text_tokens[1];
  EXPECT_EQ(x->doc.text.substr(t.start, t.end - t.start), "armée");
  EXPECT_TRUE(x->sentences.empty());  // later passes have not run
}

}  // namespace
}  // namespace tocsin::extract
