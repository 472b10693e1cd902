#include "tocsin/lexicon/lexicon.h"

#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace tocsin::lexicon {
namespace {

std::vector<std::string> Classes(const Lexicon& lex, std::string_view text) {
  auto toks = text::Tokenize(text);
  std::vector<std::string> out;
  for (const auto& m : lex.Scan(toks, 0, static_cast<uint32_t>(toks.size())))
    out.push_back(m.entry->cls + ":" + std::string(m.entry->Get("kind", m.entry->Get("code"))));
  return out;
}

TEST(Lexicon, MatchesFoldedWordsPrefixesAndGaps) {
  auto lex = Lexicon::Load({}, "trigger\tbombard*|tirs d'artillerie\tkind=shelling\n"
                               "trigger\tappel* .. desescalade\tkind=call_deescalation\n"
                               "actor\tazerbaidjan\tcode=AZE name=Azerbaijan\n");
  ASSERT_TRUE(lex.ok()) << lex.status().ToString();
  EXPECT_EQ(Classes(**lex, "L'Azerbaïdjan a bombardé"),
            (std::vector<std::string>{"actor:AZE", "trigger:shelling"}));
  EXPECT_EQ(Classes(**lex, "des tirs d’artillerie"), (std::vector<std::string>{"trigger:shelling"}));
  EXPECT_EQ(Classes(**lex, "a appelé à une désescalade"),
            (std::vector<std::string>{"trigger:call_deescalation"}));
  EXPECT_TRUE(Classes(**lex, "a appelé , désescalade").empty());  // gaps never cross punctuation
}

TEST(Lexicon, LongestMatchWinsWithinAClass) {
  auto lex = Lexicon::Load({}, "trigger\tbombard*\tkind=shelling\n"
                               "trigger\tbombardements aeriens\tkind=air_strike\n");
  ASSERT_TRUE(lex.ok());
  EXPECT_EQ(Classes(**lex, "des bombardements aériens"),
            (std::vector<std::string>{"trigger:air_strike"}));
}

TEST(Lexicon, ErrorsNameTheFileAndLine) {
  std::string dir = ::testing::TempDir() + "/tocsin_lexicon_" + std::to_string(::getpid());
  std::filesystem::create_directories(dir);
  std::string path = dir + "/bad_lexicon.tsv";
  std::ofstream(path) << "# comment\nactor\n";
  auto lex = Lexicon::Load({path});
  ASSERT_FALSE(lex.ok());
  EXPECT_NE(lex.status().message().find("bad_lexicon.tsv:2"), std::string::npos);
  auto missing = Lexicon::Load({"/nonexistent/x.tsv"});
  EXPECT_FALSE(missing.ok());
  auto bad_attr = Lexicon::Load({}, "actor\tx\tnot-a-pair\n");
  EXPECT_FALSE(bad_attr.ok());
  std::remove(path.c_str());
}

// Found by fuzz_lexicon: messages quoted a whole pattern or attribute (34 KB of input).
TEST(Lexicon, ErrorsQuoteAtMostAFewHundredBytes) {
  const std::string long_attr = std::string(20000, 'k');
  auto bad_attr = Lexicon::Load({}, "trigger\tbombard*\t" + long_attr + "\n");
  ASSERT_FALSE(bad_attr.ok());
  EXPECT_NE(bad_attr.status().message().find("is not key=value"), std::string::npos);
  EXPECT_LT(bad_attr.status().message().size(), 600u);
  auto bad_pattern = Lexicon::Load({}, "trigger\t" + std::string(20000, ' ') + "|" +
                                           std::string(20000, '.') + "\tkind=x\n");
  if (!bad_pattern.ok()) EXPECT_LT(bad_pattern.status().message().size(), 600u);
}

// The schema of data/lang/schema.tsv, in small: what a misspelt lexicon line gets.
const char kSchema[] =
    "# comment\n"
    "trigger\tkind\tkind\n"
    "trigger\tpriority\tint\n"
    "trigger\tneeds\twords\n"
    "trigger\tthen\tthen\n"
    "victim\tvictims\tkilled|wounded\n"
    "stop\t-\n";

TEST(LexiconSchema, AcceptsWhatTheClassesTake) {
  auto schema = LexiconSchema::Parse(kSchema, "schema.tsv");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  auto lex = Lexicon::Load({}, "trigger\tbombard*\tkind=shelling priority=3 needs=a,b then=release:0253,free:0253\n"
                               "victim\ttues\tvictims=killed\nstop\tle|la\n", &*schema);
  EXPECT_TRUE(lex.ok()) << lex.status().ToString();
}

TEST(LexiconSchema, AMisspeltClassAttributeOrValueIsAnErrorAtItsLine) {
  auto schema = LexiconSchema::Parse(kSchema, "schema.tsv");
  ASSERT_TRUE(schema.ok());
  schema->known_kind = [](std::string_view k) { return k == "shelling"; };
  auto error = [&](const std::string& tsv) {
    auto lex = Lexicon::Load({}, "stop\tle\n" + tsv, &*schema);
    return lex.ok() ? std::string() : lex.status().message();
  };
  EXPECT_EQ(error("trigerr\tbombard*\tkind=shelling\n"),
            "<generated>:2: unknown class \"trigerr\" (schema.tsv lists: stop, trigger, victim)");
  EXPECT_EQ(error("trigger\tbombard*\tknd=shelling\n"),
            "<generated>:2: class \"trigger\" takes no attribute \"knd\" (schema.tsv: kind, needs, "
            "priority, then)");
  EXPECT_EQ(error("victim\ttues\tvictims=kiled\n"),
            "<generated>:2: victims=kiled is not one of killed|wounded (schema.tsv)");
  // A kind the kind table does not know: an event with no CAMEO code, before the schema.
  EXPECT_EQ(error("trigger\tbombard*\tkind=shellling\n"),
            "<generated>:2: kind=shellling is not an event kind of data/codes/kinds.tsv (schema.tsv)");
  EXPECT_NE(error("trigger\tbombard*\tkind=shelling priority=high\n").find("priority=high is not of the form int"),
            std::string::npos);
  // An empty value ("priority=") is no integer (it used to read past the end).
  EXPECT_NE(error("trigger\tbombard*\tkind=shelling priority=\n").find("priority= is not of the form int"),
            std::string::npos);
  EXPECT_NE(error("trigger\tbombard*\tkind=shelling then=release\n").find("then=release is not of the form then"),
            std::string::npos);
  EXPECT_NE(error("stop\tla\tkind=stop\n").find("class \"stop\" takes no attribute \"kind\" (schema.tsv: none)"),
            std::string::npos);
}

TEST(LexiconSchema, ABrokenSchemaLineIsAnError) {
  auto bad = LexiconSchema::Parse("trigger\tkind\n", "schema.tsv");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "schema.tsv:1: expected CLASS<TAB>ATTRIBUTE<TAB>VALUES, or CLASS<TAB>-");
  EXPECT_FALSE(LexiconSchema::Parse("# nothing\n", "schema.tsv").ok());
}

TEST(Lexicon, ShippedLanguagesLoad) {
  // Every shipped language passes data/lang/schema.tsv (the trigger kinds are checked against
  // data/codes/kinds.tsv where the extractor loads them: tests/lexicon_kinds_test.cc).
  for (const char* lang : {"fr", "en", "ru"}) {
    auto lex = Lexicon::LoadLanguage(lang);
    ASSERT_TRUE(lex.ok()) << lang << ": " << lex.status().ToString();
    EXPECT_GT((*lex)->entry_count(), 200u);
  }
  EXPECT_FALSE(Lexicon::LoadLanguage("xx").ok());
}

}  // namespace
}  // namespace tocsin::lexicon
