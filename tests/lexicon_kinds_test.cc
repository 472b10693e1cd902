// Every trigger kind of every shipped lexicon is an event kind of data/codes/kinds.tsv: a
// misspelt kind= would give events with no CAMEO, PLOVER or ACLED code.
#include <gtest/gtest.h>

#include "tocsin/codes/kinds.h"
#include "tocsin/core/data_dir.h"
#include "tocsin/lexicon/lexicon.h"

namespace tocsin {
namespace {

TEST(LexiconKinds, EveryShippedTriggerKindIsInTheKindTable) {
  auto kinds = codes::KindTable::Load(CuratedDataDir() + "/codes/kinds.tsv");
  ASSERT_TRUE(kinds.ok()) << kinds.status().ToString();
  for (const char* lang : {"fr", "en", "ru"}) {
    auto lex = lexicon::Lexicon::LoadLanguage(
        lang, {}, [&](std::string_view k) { return kinds->Find(k) != nullptr; });
    EXPECT_TRUE(lex.ok()) << lang << ": " << lex.status().ToString();
  }
  // And the check bites: a kind outside the table fails the load at its line.
  auto bad = lexicon::Lexicon::LoadLanguage(
      "en", "trigger\tzzz test\tkind=shellling\n",
      [&](std::string_view k) { return kinds->Find(k) != nullptr; });
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("<generated>:1: kind=shellling is not an event kind"),
            std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace tocsin
