// Every event kind of data/codes/kinds.tsv has a label, colour and pictogram in the dashboard
// (web/js/kinds.js): a kind added to the table without one shows on the map as a grey "Event".
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace {

TEST(WebKinds, EveryKindOfTheTableHasAMarkerInTheDashboard) {
  const std::string table = tocsin::test::ReadFile(tocsin::test::SourceDir() / "data/codes/kinds.tsv");
  const std::string js = tocsin::test::ReadFile(tocsin::test::SourceDir() / "web/js/kinds.js");
  ASSERT_FALSE(table.empty());
  ASSERT_FALSE(js.empty());
  std::istringstream in(table);
  int kinds = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const std::string kind = line.substr(0, line.find('\t'));
    ++kinds;
    const std::regex entry("\\n\\s+" + kind + ":\\s+\\['");
    EXPECT_TRUE(std::regex_search(js, entry)) << "web/js/kinds.js has no entry for kind \"" << kind << "\"";
  }
  EXPECT_GE(kinds, 45);
}

// The family (and so the colour) of a kind follows its row of kinds.tsv: ACLED protests and riots
// are "protest"; ACLED battles, explosions/remote violence, violence against civilians and any
// violent kind are "violence"; ACLED strategic developments (and the non-ACLED deployments,
// disasters and crime) are "strategic"; the rest (verbal and diplomatic CAMEO kinds) "diplomatic".
TEST(WebKinds, EveryKindIsInTheFamilyItsTableRowGives) {
  const std::string table = tocsin::test::ReadFile(tocsin::test::SourceDir() / "data/codes/kinds.tsv");
  const std::string js = tocsin::test::ReadFile(tocsin::test::SourceDir() / "web/js/kinds.js");
  std::istringstream in(table);
  std::map<std::string, int> per_family;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream row(line);
    for (std::string c; std::getline(row, c, '\t');) cols.push_back(c);
    ASSERT_GE(cols.size(), 8u) << line;
    const std::string& kind = cols[0];
    const std::string& acled = cols[5];
    const bool violent = cols[7] == "1";
    std::string family = "diplomatic";
    if (acled == "Protests" || acled == "Riots") family = "protest";
    else if (acled == "Battles" || acled == "Explosions/Remote violence" ||
             acled == "Violence against civilians" || violent)
      family = "violence";
    else if (acled == "Strategic developments" || kind == "natural_disaster" ||
             kind == "man_made_disaster" || kind == "organized_crime" || kind == "force_posture")
      family = "strategic";
    ++per_family[family];
    const std::regex entry("\\n\\s+" + kind + ":\\s+\\['[^']*', '([a-z]+)'");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(js, m, entry)) << "web/js/kinds.js has no entry for \"" << kind << "\"";
    EXPECT_EQ(m[1].str(), family) << "kind \"" << kind << "\" (ACLED \"" << acled << "\")";
  }
  for (const char* f : {"violence", "protest", "strategic", "diplomatic"}) {
    EXPECT_GE(per_family[f], 3) << f;
    EXPECT_NE(js.find(std::string(f) + ":"), std::string::npos) << "no colour for family " << f;
  }
}

}  // namespace
