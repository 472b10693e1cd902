// End-to-end tests of `tocsin kb check` and `tocsin kb show` (doc/knowledge-base.md): the
// shipped knowledge base passes; broken copies fail with exit 1 and a message naming the file,
// line and column; show answers for a state, a group, an organisation and a treaty on a date.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>

#include "test_util.h"

namespace tocsin::test {
namespace {

fs::path ShippedKb() { return SourceDir() / "data" / "kb"; }

// A copy of data/kb/ in `dir` / kb.
fs::path CopyKb(const TempDir& dir) {
  fs::path kb = dir / "kb";
  fs::create_directories(kb);
  for (const auto& e : fs::directory_iterator(ShippedKb()))
    if (e.path().extension() == ".tsv") fs::copy_file(e.path(), kb / e.path().filename());
  return kb;
}

// Replaces the first occurrence of `from` in the file (the test fails if there is none).
void Edit(const fs::path& file, const std::string& from, const std::string& to) {
  std::string s = ReadFile(file);
  size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << file;
  s.replace(at, from.size(), to);
  ASSERT_TRUE(WriteFile(file, s));
}

// The 1-based line of the first occurrence of `text` in the file.
int LineOf(const fs::path& file, const std::string& text) {
  std::ifstream in(file);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(text) != std::string::npos) return n;
  return 0;
}

TEST(KbCli, ShippedDataPasses) {
  TempDir dir("tocsin-kb-cli");
  ProcessResult r = RunTocsin(dir.path(), {"kb", "check"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.out.find(": ok: "), std::string::npos) << r.out;
  EXPECT_TRUE(std::regex_search(r.out, std::regex("2[0-9]{2} states"))) << r.out;
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(KbCli, MembershipBeforeTheStateExistedNamesFileLineAndColumn) {
  TempDir dir("tocsin-kb-cli");
  fs::path kb = CopyKb(dir);
  // South Sudan (independent 2011-07-09) as a party to the AES charter from 2010.
  {
    std::ofstream(kb / "alliances.tsv", std::ios::app) << "AES-2023\tSSD\t2010-01-01\t\tmember\ttest\n";
  }
  const int line = LineOf(kb / "alliances.tsv", "AES-2023\tSSD");
  ProcessResult r = RunTocsin(dir.path(), {"kb", "check", "--dir", kb.string()});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("alliances.tsv:" + std::to_string(line) +
                       ": column 3 (from): SSD did not exist before 2011-07-09 (states.tsv), got '2010-01-01'"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("1 problem(s)"), std::string::npos) << r.err;
}

TEST(KbCli, InvalidPolygonAndUnorderedDatesOfADisputedArea) {
  TempDir dir("tocsin-kb-cli");
  fs::path kb = CopyKb(dir);
  const fs::path areas = kb / "disputed_areas.tsv";
  // Kurils: a bow-tie polygon (self-intersecting) and valid_to before valid_from.
  const int line = LineOf(areas, "kurils\t");
  ASSERT_GT(line, 0);
  Edit(areas, "POLYGON((145.25 43.55, 145.90 43.25,", "POLYGON((145.25 43.55, 148.80 45.65, 145.90 43.25,");
  Edit(areas, "kurils\tSouthern Kuril Islands (Northern Territories)\tdisputed\tRUS,JPN\tRUS\t1945-09-05\t",
       "kurils\tSouthern Kuril Islands (Northern Territories)\tdisputed\tRUS,JPN\tRUS\t1945-09-05\t1945-01-01");
  ProcessResult r = RunTocsin(dir.path(), {"kb", "check", "--dir", kb.string()});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  const std::string at = "disputed_areas.tsv:" + std::to_string(line) + ": ";
  EXPECT_NE(r.err.find(at + "column 8 (polygon): not a valid polygon (GEOS: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(at + "column 7 (valid_to): not after valid_from 1945-09-05, got '1945-01-01'"),
            std::string::npos)
      << r.err;
}

TEST(KbCli, UnknownTreatyInClausesStopsTheLoaderWithItsLine) {
  TempDir dir("tocsin-kb-cli");
  fs::path kb = CopyKb(dir);
  {
    std::ofstream(kb / "clauses.tsv", std::ios::app)
        << "SEATO\t4\tCommon danger\tarmed_attack\tmembers\tact_to_meet_danger\tno\tterritory\t\tx\ttest\n";
  }
  const int line = LineOf(kb / "clauses.tsv", "SEATO\t");
  ProcessResult r = RunTocsin(dir.path(), {"kb", "check", "--dir", kb.string()});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("clauses.tsv:" + std::to_string(line) + ": column 1 (treaty): not in treaties.tsv, got 'SEATO'"),
            std::string::npos)
      << r.err;
}

TEST(KbCli, UnknownClaimantOfADisputedArea) {
  TempDir dir("tocsin-kb-cli");
  fs::path kb = CopyKb(dir);
  const fs::path areas = kb / "disputed_areas.tsv";
  const int line = LineOf(areas, "essequibo\t");
  Edit(areas, "essequibo\tGuayana Esequiba (west of the Essequibo)\tdisputed\tGUY,VEN",
       "essequibo\tGuayana Esequiba (west of the Essequibo)\tdisputed\tGUY,VNZ");
  ProcessResult r = RunTocsin(dir.path(), {"kb", "check", "--dir", kb.string()});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("disputed_areas.tsv:" + std::to_string(line) +
                       ": column 4 (claimed_by): state not in states.tsv, got 'VNZ'"),
            std::string::npos)
      << r.err;
}

TEST(KbCli, ShowAStateOnADate) {
  TempDir dir("tocsin-kb-cli");
  ProcessResult r = RunTocsin(dir.path(), {"kb", "show", "BFA", "--date", "2025-06-01"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.out.find("state BFA: Burkina Faso"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("AES-2023: bound"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ECOWAS-PMAD-1981: not bound (left 2025-01-29)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fights JNIM"), std::string::npos) << r.out;
  r = RunTocsin(dir.path(), {"kb", "show", "BFA", "--date", "2024-06-01"});
  EXPECT_NE(r.out.find("ECOWAS-PMAD-1981: bound"), std::string::npos) << r.out;
}

TEST(KbCli, ShowAGroupATreatyAndAnOrganisation) {
  TempDir dir("tocsin-kb-cli");
  ProcessResult r = RunTocsin(dir.path(), {"kb", "show", "M23", "--date", "2025-01-26"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.out.find("armed group M23"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("RWA backs it (alleged"), std::string::npos) << r.out;
  r = RunTocsin(dir.path(), {"kb", "show", "SADC-MDP-2003", "--date", "2025-01-26"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.out.find("non_state_attack (contested)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("parties bound on 2025-01-26 (13)"), std::string::npos) << r.out;
  r = RunTocsin(dir.path(), {"kb", "show", "ASEAN"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.out.find("no defence treaty"), std::string::npos) << r.out;
  r = RunTocsin(dir.path(), {"kb", "show", "OTAN", "--date", "2023-04-03"});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.out.find("parties bound on 2023-04-03 (30)"), std::string::npos) << r.out;
  r = RunTocsin(dir.path(), {"kb", "show", "ATLANTIS"});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("'ATLANTIS' is not a state"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace tocsin::test
