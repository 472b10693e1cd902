#include "tocsin/text/utf8.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace tocsin::text {
namespace {

using ::testing::HasSubstr;

size_t Bad(std::string_view s) { return FindInvalidUtf8(s); }
constexpr size_t kOk = std::string_view::npos;

TEST(Utf8Test, AcceptsAsciiAndMultibyte) {
  EXPECT_EQ(Bad(""), kOk);
  EXPECT_EQ(Bad("plain ASCII text that is longer than eight bytes\n"), kOk);
  EXPECT_EQ(Bad("Arménie, Азербайджан, Հայաստան, 中文, 😀"), kOk);
  EXPECT_EQ(Bad("\xEF\xBB\xBF"
                "BOM"),
            kOk);
  EXPECT_EQ(Bad("\xF4\x8F\xBF\xBF"), kOk);  // U+10FFFF
  EXPECT_EQ(Bad("\xED\x9F\xBF"), kOk);      // U+D7FF, just below the surrogates
  EXPECT_EQ(Bad("\xEE\x80\x80"), kOk);      // U+E000, just above
  EXPECT_TRUE(ValidateUtf8("Jermuk", "x").ok());
}

TEST(Utf8Test, RejectsIllFormedSequences) {
  EXPECT_EQ(Bad("ab\x80"), 2u);            // stray continuation
  EXPECT_EQ(Bad("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(Bad("\xC1\xBF"), 0u);          // overlong
  EXPECT_EQ(Bad("\xE0\x80\xAF"), 0u);      // overlong 3-byte
  EXPECT_EQ(Bad("\xF0\x80\x80\xAF"), 0u);  // overlong 4-byte
  EXPECT_EQ(Bad("x\xED\xA0\x80"), 1u);     // U+D800 surrogate
  EXPECT_EQ(Bad("\xED\xBF\xBF"), 0u);      // U+DFFF surrogate
  EXPECT_EQ(Bad("\xF4\x90\x80\x80"), 0u);  // U+110000
  EXPECT_EQ(Bad("\xF5\x80\x80\x80"), 0u);  // lead byte F5
  EXPECT_EQ(Bad("\xFF"), 0u);
  EXPECT_EQ(Bad("ok \xC3"), 3u);             // truncated at end
  EXPECT_EQ(Bad("ok \xE2\x80"), 3u);         // truncated at end
  EXPECT_EQ(Bad("\xE2\x80z and more"), 0u);  // truncated mid-string
  EXPECT_EQ(Bad("\xF0\x9F\x98"), 0u);        // truncated 4-byte
  EXPECT_EQ(Bad("Arm\xe9nie"), 3u);          // Latin-1
}

TEST(Utf8Test, RejectsNulBytesInsideTheFastPath) {
  EXPECT_EQ(Bad(std::string("abc\0defghijk", 12)), 3u);
  EXPECT_EQ(Bad(std::string("abcdefgh\0", 9)), 8u);
  EXPECT_EQ(Bad(std::string(1, '\0')), 0u);
}

TEST(Utf8Test, FindsEveryPositionAcrossTheEightByteBlocks) {
  for (size_t pos = 0; pos < 40; ++pos) {
    std::string s(40, 'a');
    s[pos] = '\xFF';
    EXPECT_EQ(Bad(s), pos);
    s[pos] = '\0';
    EXPECT_EQ(Bad(s), pos);
  }
}

TEST(Utf8Test, MessageNamesOffsetLineAndFix) {
  Status s = ValidateUtf8("line one\nline two\n\xe9t\xe9", "article.txt");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "article.txt: invalid UTF-8 at byte 18 (line 3); re-encode the file as UTF-8 "
            "(e.g. iconv -f latin1 -t utf-8)");
}

TEST(Utf8Test, BomAndTruncation) {
  EXPECT_EQ(Utf8BomLength("\xEF\xBB\xBFx"), 3u);
  EXPECT_EQ(Utf8BomLength("x"), 0u);
  EXPECT_EQ(TruncateUtf8("abc", 10), "abc");
  EXPECT_EQ(TruncateUtf8("aé", 2), "a");  // does not split é
  EXPECT_EQ(TruncateUtf8("aé", 3), "aé");
  EXPECT_EQ(TruncateUtf8("😀😀", 5), "😀");
}

TEST(Utf8, RepairReplacesEachBadByteByTheReplacementCharacter) {
  std::string ok = "déjà vu";
  EXPECT_EQ(RepairUtf8(&ok), 0u);
  EXPECT_EQ(ok, "déjà vu");
  std::string bad = std::string("a\xFF") + "b" + std::string("\xC3", 1) + std::string(1, '\0') + "c";
  EXPECT_EQ(RepairUtf8(&bad), 3u);
  EXPECT_EQ(bad, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c");
  EXPECT_EQ(FindInvalidUtf8(bad), std::string_view::npos);
}

}  // namespace
}  // namespace tocsin::text
