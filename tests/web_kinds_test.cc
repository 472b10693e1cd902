// Every event kind of data/codes/kinds.tsv has a label, colour and pictogram in the dashboard
// (web/js/kinds.js): a kind added to the table without one shows on the map as a grey "Event".
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>

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

}  // namespace
