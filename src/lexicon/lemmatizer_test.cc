#include "tocsin/lexicon/lemmatizer.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tocsin/lexicon/lexicon.h"

namespace tocsin::lexicon {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Lemmatizer, OnlyRussianHasOne) {
  EXPECT_EQ(Lemmatizer::ForLanguage("fr"), nullptr);
  EXPECT_EQ(Lemmatizer::ForLanguage("en"), nullptr);
}

TEST(Lemmatizer, RussianLemmasFromHunspell) {
  const Lemmatizer* ru = Lemmatizer::ForLanguage("ru");
  if (!ru) GTEST_SKIP() << "hunspell ru_RU dictionary not installed";
  EXPECT_TRUE(Has(ru->FoldedLemmas("обстреляли"), "обстрелять"));
  EXPECT_TRUE(Has(ru->FoldedLemmas("удары"), "удар"));
  EXPECT_TRUE(Has(ru->Lemmas("Харькове"), "Харьков"));
  EXPECT_TRUE(ru->FoldedLemmas("zzzz").empty());
  EXPECT_EQ(Lemmatizer::ForLanguage("ru"), ru);  // loaded once
}

TEST(NameBaseForms, RussianCaseEndings) {
  EXPECT_TRUE(Has(NameBaseForms("Горисе"), "Горис"));
  EXPECT_TRUE(Has(NameBaseForms("Гориса"), "Горис"));
  EXPECT_TRUE(Has(NameBaseForms("Сотка"), "Сотк"));
  EXPECT_TRUE(Has(NameBaseForms("Армении"), "Армения"));
  EXPECT_TRUE(Has(NameBaseForms("Москве"), "Москва"));
  EXPECT_TRUE(Has(NameBaseForms("Нагорном Карабахе"), "Нагорный Карабах"));
  EXPECT_TRUE(Has(NameBaseForms("Нагорного Карабаха"), "Нагорный Карабах"));
  EXPECT_TRUE(Has(NameBaseForms("Израиля"), "Израиль"));
  EXPECT_FALSE(Has(NameBaseForms("Горис"), "Горис"));  // the name itself is not repeated
  EXPECT_TRUE(NameBaseForms("Goris").empty());          // Latin names are left alone
  EXPECT_TRUE(NameBaseForms("ОДКБ").empty());           // acronyms do not decline
}

TEST(NameBaseForms, SentenceInitialCommonWordsAreNotNames) {
  if (!Lemmatizer::ForLanguage("ru")) GTEST_SKIP() << "hunspell ru_RU dictionary not installed";
  EXPECT_TRUE(NameBaseForms("Удары", /*sentence_initial=*/true).empty());
  EXPECT_FALSE(NameBaseForms("Удары").empty());
}

std::vector<std::string> Kinds(const Lexicon& lex, std::string_view text) {
  auto toks = text::Tokenize(text);
  std::vector<std::string> out;
  for (const auto& m : lex.Scan(toks, 0, static_cast<uint32_t>(toks.size())))
    if (m.entry->cls == "trigger") out.push_back(std::string(m.entry->Get("kind")));
  return out;
}

TEST(Lexicon, RussianWordsMatchThroughTheirLemmas) {
  if (!Lemmatizer::ForLanguage("ru")) GTEST_SKIP() << "hunspell ru_RU dictionary not installed";
  auto lex = Lexicon::LoadLanguage("ru", "trigger\tвзорвать мост\tkind=bridge_test\n");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_TRUE(Has(Kinds(**lex, "Диверсанты взорвали мосты"), "bridge_test"));
  EXPECT_TRUE(Has(Kinds(**lex, "ВСУ обстреляли Донецк"), "shelling"));
  EXPECT_TRUE(Has(Kinds(**lex, "ракетный удар по Харькову"), "shelling"));
  // Without a language (Load), no lemmas: only the written forms match.
  auto plain = Lexicon::Load({}, "trigger\tвзорвать мост\tkind=bridge_test\n");
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(Kinds(**plain, "Диверсанты взорвали мосты").empty());
}

}  // namespace
}  // namespace tocsin::lexicon

namespace tocsin::lexicon {
namespace {

TEST(RussianNameCases, NounsAndAdjectiveNounPairs) {
  auto has = [](const std::vector<std::pair<std::string, std::string>>& v, const std::string& f,
                const std::string& c) {
    for (const auto& [form, gram_case] : v)
      if (form == f && gram_case == c) return true;
    return false;
  };
  auto kenya = RussianNameCases("Кения");
  EXPECT_TRUE(has(kenya, "Кении", "gen"));
  EXPECT_TRUE(has(kenya, "Кению", "nom"));
  EXPECT_TRUE(has(kenya, "Кенией", "ins"));
  auto sudan = RussianNameCases("Судан");
  EXPECT_TRUE(has(sudan, "Судана", "gen"));
  EXPECT_TRUE(has(sudan, "Судану", "dat"));
  EXPECT_TRUE(has(sudan, "Суданом", "ins"));
  auto korea = RussianNameCases("Южная Корея");
  EXPECT_TRUE(has(korea, "Южной Кореи", "gen"));
  auto cuba = RussianNameCases("Куба");
  EXPECT_TRUE(has(cuba, "Кубы", "gen"));
  EXPECT_TRUE(has(cuba, "Кубе", "dat"));
  EXPECT_TRUE(RussianNameCases("Перу").empty());
  EXPECT_TRUE(RussianNameCases("Кот-д’Ивуар").empty());
  EXPECT_TRUE(RussianNameCases("Kenya").empty());
}

}  // namespace
}  // namespace tocsin::lexicon
