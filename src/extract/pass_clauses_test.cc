// Unit tests of the clauses pass (pass_clauses.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassClauses, ASemicolonStartsAClause) {
  Analysis x("clauses", "Les combats ont cessé ; l'Arménie a accusé l'Azerbaïdjan.", "fr");
  const SentenceAnalysis& a = x->sentences.at(0);
  ASSERT_EQ(a.clause_starts.size(), 2u);
  EXPECT_EQ(a.ClauseOf(a.sentence.first_token), 0u);
  EXPECT_EQ(a.ClauseOf(a.sentence.end_token - 1), 1u);
}

TEST(PassClauses, TheAccentedOuStartsARelativeClauseTheOtherDoesNot) {
  Analysis where("clauses", "Les combats se poursuivaient à Khartoum, où des frappes ont visé un marché.", "fr");
  EXPECT_EQ(where->sentences.at(0).clause_starts.size(), 2u);
  Analysis either("clauses", "Les combats, ou des frappes, ont visé un marché.", "fr");
  EXPECT_EQ(either->sentences.at(0).clause_starts.size(), 1u);
}

}  // namespace
}  // namespace tocsin::extract
