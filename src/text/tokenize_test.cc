#include "tocsin/text/tokenize.h"

#include <gtest/gtest.h>

namespace tocsin::text {
namespace {

std::vector<std::string> Folded(std::string_view s) {
  std::vector<std::string> out;
  for (const auto& t : Tokenize(s)) out.push_back(t.folded);
  return out;
}

TEST(FoldWord, RemovesAccentsAndCase) {
  EXPECT_EQ(FoldWord("Azerbaïdjan"), "azerbaidjan");
  EXPECT_EQ(FoldWord("Œuvre"), "oeuvre");
  EXPECT_EQ(FoldWord("Ёлка"), "елка");
  EXPECT_EQ(FoldWord("ÉTATS"), "etats");
}

TEST(FoldWord, CyrillicKeepsShortI) {
  EXPECT_EQ(FoldWord("Бой"), "бой");
  EXPECT_EQ(FoldWord("ЁЖ"), "еж");
  EXPECT_EQ(FoldWord("Российский"), "российский");
}

TEST(SplitSentences, RussianAbbreviationsAndInitials) {
  auto count = [](std::string_view text) {
    return SplitSentences(text, Tokenize(text)).size();
  };
  EXPECT_EQ(count("Обстрел г. Горис продолжался всю ночь. Армения обратилась к ОДКБ."), 2u);
  EXPECT_EQ(count("Президент В. В. Путин заявил об этом."), 1u);
  EXPECT_EQ(count("Армения ссылается на ст. 4 Договора. ОДКБ молчит."), 2u);
  EXPECT_EQ(count("Это случилось в 2022 г. Армения обратилась к ОДКБ."), 2u);
}

TEST(Tokenize, SplitsFrenchElisionsWithTypographicApostrophes) {
  EXPECT_EQ(Folded("l’Azerbaïdjan d'artillerie"),
            (std::vector<std::string>{"l'", "azerbaidjan", "d'", "artillerie"}));
}

TEST(Tokenize, HyphenJoinsWordsWithoutAToken) {
  auto toks = Tokenize("Haut-Karabakh cessez-le-feu");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[1].folded, "karabakh");
  EXPECT_TRUE(toks[1].hyphen_before);
  EXPECT_TRUE(toks[0].capitalized);
  EXPECT_EQ(toks[4].folded, "feu");
}

TEST(Tokenize, KeepsDigitGroupsAndEnglishClitics) {
  EXPECT_EQ(Folded("1,200 Russia's didn't"),
            (std::vector<std::string>{"1200", "russia", "'s", "didn", "'t"}));
}

TEST(Tokenize, OffsetsPointIntoTheOriginalBytes) {
  std::string s = "À Goris, « tirs ».";
  for (const auto& t : Tokenize(s)) {
    ASSERT_LE(t.end, s.size());
    EXPECT_LT(t.start, t.end);
  }
  auto toks = Tokenize(s);
  EXPECT_EQ(s.substr(toks[1].start, toks[1].end - toks[1].start), "Goris");
}

TEST(SplitSentences, BreaksOnStopsAndLineBreaks) {
  std::string s = "Bakou a tiré. Erevan dément.\nTitre sans point\nFin";
  auto toks = Tokenize(s);
  auto sents = SplitSentences(s, toks);
  ASSERT_EQ(sents.size(), 4u);
  EXPECT_EQ(s.substr(sents[1].start, sents[1].end - sents[1].start), "Erevan dément.");
  EXPECT_EQ(s.substr(sents[2].start, sents[2].end - sents[2].start), "Titre sans point");
}

// Regression: a 460 KB text without a full stop was one sentence, and its analysis took
// minutes under the sanitizers. Long runs are cut into bounded pieces.
TEST(SplitSentences, CutsRunsWithoutPunctuationIntoBoundedPieces) {
  std::string s;
  for (int i = 0; i < 1000; ++i) s += "bombardements Goris et ";
  auto toks = Tokenize(s);
  auto sents = SplitSentences(s, toks);
  ASSERT_GE(sents.size(), 10u);
  size_t covered = 0;
  for (const auto& x : sents) {
    EXPECT_LE(x.end_token - x.first_token, 256u);
    covered += x.end_token - x.first_token;
  }
  EXPECT_EQ(covered, toks.size());
}

TEST(Tokenize, SurvivesEmptyAndOddInput) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(SplitSentences("", {}).empty());
  EXPECT_EQ(Tokenize("\xE2\x80\x99").size(), 1u);  // a lone apostrophe is punctuation
}

}  // namespace
}  // namespace tocsin::text
