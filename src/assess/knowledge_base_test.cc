#include "tocsin/assess/knowledge_base.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "tocsin/core/data_dir.h"

namespace tocsin::assess {
namespace {

const KnowledgeBase& Kb() { return KnowledgeBase::Default(); }

TEST(KnowledgeBase, CstoPartiesByDate) {
  // Today's six, and the three who left in 1999 (Uzbekistan again in 2012).
  for (const char* s : {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK"})
    EXPECT_TRUE(Kb().StandingOn("CSTO", s, "2022-09-13").bound) << s;
  for (const char* s : {"AZE", "GEO", "UZB"}) {
    EXPECT_TRUE(Kb().StandingOn("CSTO", s, "1995-01-01").bound) << s;
    EXPECT_FALSE(Kb().StandingOn("CSTO", s, "2004-01-01").bound) << s;
  }
  EXPECT_FALSE(Kb().StandingOn("CSTO", "AZE", "1999-04-20").bound);
  EXPECT_TRUE(Kb().StandingOn("CSTO", "AZE", "1999-04-19").bound);
  EXPECT_TRUE(Kb().StandingOn("CSTO", "UZB", "2010-01-01").bound);
  EXPECT_FALSE(Kb().StandingOn("CSTO", "UZB", "2020-01-01").bound);
  // Signed 1992, in force 1994-04-20.
  EXPECT_FALSE(Kb().StandingOn("CSTO", "ARM", "1993-01-01").bound);
  EXPECT_EQ(Kb().PartiesOn("CSTO", "2022-09-13").size(), 6u);
}

TEST(KnowledgeBase, ArmeniaFrozeItsParticipationButRemainsAParty) {
  Standing s = Kb().StandingOn("CSTO", "ARM", "2024-06-01");
  EXPECT_TRUE(s.bound);
  ASSERT_NE(s.period, nullptr);
  EXPECT_EQ(s.period->status, "frozen");
  EXPECT_EQ(s.period->from, "2024-02-22");
}

TEST(KnowledgeBase, NatoAccessions) {
  EXPECT_FALSE(Kb().StandingOn("NATO", "FIN", "2023-04-03").bound);
  EXPECT_TRUE(Kb().StandingOn("NATO", "FIN", "2023-04-04").bound);
  EXPECT_FALSE(Kb().StandingOn("NATO", "SWE", "2024-03-06").bound);
  EXPECT_TRUE(Kb().StandingOn("NATO", "SWE", "2024-03-07").bound);
  EXPECT_TRUE(Kb().StandingOn("NATO", "TUR", "2022-09-13").bound);
  EXPECT_FALSE(Kb().StandingOn("NATO", "ARM", "2022-09-13").bound);
  EXPECT_EQ(Kb().StandingOn("NATO", "ARM", "2022-09-13").first, nullptr);  // never a member
  EXPECT_EQ(Kb().PartiesOn("NATO", "2024-03-07").size(), 32u);
  EXPECT_EQ(Kb().PartiesOn("NATO", "2022-09-13").size(), 30u);
  EXPECT_EQ(Kb().PartiesOn("NATO", "1949-09-01").size(), 12u);
}

TEST(KnowledgeBase, BilateralPacts) {
  EXPECT_TRUE(Kb().StandingOn("RUS-ARM-1997", "ARM", "2022-09-13").bound);
  EXPECT_TRUE(Kb().StandingOn("TUR-AZE-2021", "AZE", "2022-09-13").bound);
  EXPECT_FALSE(Kb().StandingOn("TUR-AZE-2021", "AZE", "2020-10-04").bound);  // after Shusha only
  EXPECT_TRUE(Kb().StandingOn("TUR-AZE-2010", "AZE", "2020-10-04").bound);
  EXPECT_TRUE(Kb().StandingOn("USA-JPN-1960", "JPN", "2022-01-01").bound);
  EXPECT_TRUE(Kb().StandingOn("USA-KOR-1953", "KOR", "2022-01-01").bound);
}

TEST(KnowledgeBase, ClausesAreData) {
  const Clause* art5 = nullptr;
  for (const Clause* c : Kb().ClausesOf("NATO"))
    if (c->article == "5") art5 = c;
  ASSERT_NE(art5, nullptr);
  EXPECT_EQ(art5->trigger, "armed_attack");
  EXPECT_EQ(art5->scope, "members_north_of_tropic");
  EXPECT_EQ(art5->mechanism, "collective_self_defence");
  const Clause* csto4 = nullptr;
  for (const Clause* c : Kb().ClausesOf("CSTO"))
    if (c->article == "4") csto4 = c;
  ASSERT_NE(csto4, nullptr);
  EXPECT_TRUE(csto4->request_required);
  EXPECT_EQ(csto4->mechanism, "assistance_on_request");
  for (const Treaty& t : Kb().treaties()) EXPECT_FALSE(Kb().ClausesOf(t.id).empty()) << t.id;
}

TEST(KnowledgeBase, NamesAndAcronymsInThreeLanguages) {
  for (const char* n : {"NATO", "nato", "OTAN", "НАТО", "Organisation du traité de l'Atlantique nord"}) {
    const Treaty* t = Kb().ResolveTreaty(n);
    ASSERT_NE(t, nullptr) << n;
    EXPECT_EQ(t->id, "NATO") << n;
  }
  for (const char* n : {"CSTO", "OTSC", "ОДКБ", "Organisation du Traité de sécurité collective", "Tashkent Treaty"}) {
    const Treaty* t = Kb().ResolveTreaty(n);
    ASSERT_NE(t, nullptr) << n;
    EXPECT_EQ(t->id, "CSTO") << n;
  }
  ASSERT_NE(Kb().ResolveTreaty("Déclaration de Choucha"), nullptr);
  EXPECT_EQ(Kb().ResolveTreaty("Déclaration de Choucha")->id, "TUR-AZE-2021");
  EXPECT_EQ(Kb().ResolveTreaty("Warsaw Pact"), nullptr);
  const Organisation* cis = Kb().FindOrganisation("CIS");
  ASSERT_NE(cis, nullptr);
  EXPECT_EQ(cis->names_fr[1], "CEI");
  EXPECT_EQ(cis->names_ru[1], "СНГ");
}

TEST(KnowledgeBase, DisplayNamesComeFromIcu) {
  EXPECT_EQ(Kb().DisplayName("ARM"), "Armenia");
  EXPECT_EQ(Kb().DisplayName("ARM", "fr"), "Arménie");
  EXPECT_EQ(Kb().DisplayName("ARM", "ru"), "Армения");
  EXPECT_EQ(Kb().DisplayName("CSTO", "fr"), "Organisation du traité de sécurité collective");
  EXPECT_EQ(Kb().DisplayName("XYZ"), "XYZ");
}

TEST(KnowledgeBase, EveryMembershipRowHasASourceAndAKnownState) {
  for (const Membership& m : Kb().memberships()) {
    EXPECT_FALSE(m.source.empty()) << m.treaty << " " << m.member;
    EXPECT_NE(Kb().FindState(m.member), nullptr) << m.member;
  }
}

class BrokenKb : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tocsin-kb-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    for (const char* f : {"states.tsv", "organisations.tsv", "treaties.tsv", "clauses.tsv", "alliances.tsv"})
      std::filesystem::copy_file(CuratedDataDir() + "/kb/" + f, dir_ / f,
                                 std::filesystem::copy_options::overwrite_existing);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Append(const std::string& file, const std::string& line) {
    std::ofstream(dir_ / file, std::ios::app) << line << "\n";
  }
  std::filesystem::path dir_;
};

TEST_F(BrokenKb, CopyLoads) { EXPECT_TRUE(KnowledgeBase::Load(dir_.string()).ok()); }

TEST_F(BrokenKb, OverlappingMembershipIsAnError) {
  Append("alliances.tsv", "CSTO\tARM\t2000-01-01\t\tmember\ttest");
  auto kb = KnowledgeBase::Load(dir_.string());
  ASSERT_FALSE(kb.ok());
  EXPECT_NE(kb.status().message().find("alliances.tsv:"), std::string::npos) << kb.status().message();
  EXPECT_NE(kb.status().message().find("overlaps"), std::string::npos) << kb.status().message();
}

TEST_F(BrokenKb, UnknownStateBadDateAndMissingSourceAreErrors) {
  {
    Append("alliances.tsv", "NATO\tXXX\t2000-01-01\t\tmember\ttest");
    auto kb = KnowledgeBase::Load(dir_.string());
    ASSERT_FALSE(kb.ok());
    EXPECT_NE(kb.status().message().find("not in states.tsv"), std::string::npos) << kb.status().message();
  }
  SetUp();
  {
    Append("alliances.tsv", "NATO\tARM\t2000-13-01\t\tmember\ttest");
    auto kb = KnowledgeBase::Load(dir_.string());
    ASSERT_FALSE(kb.ok());
    EXPECT_NE(kb.status().message().find("YYYY-MM-DD"), std::string::npos) << kb.status().message();
  }
  SetUp();
  {
    Append("alliances.tsv", "NATO\tARM\t2030-01-01\t\tmember\t");
    auto kb = KnowledgeBase::Load(dir_.string());
    ASSERT_FALSE(kb.ok());
    EXPECT_NE(kb.status().message().find("source"), std::string::npos) << kb.status().message();
  }
}

TEST_F(BrokenKb, MissingFileNamesIt) {
  std::filesystem::remove(dir_ / "clauses.tsv");
  auto kb = KnowledgeBase::Load(dir_.string());
  ASSERT_FALSE(kb.ok());
  EXPECT_NE(kb.status().message().find("clauses.tsv"), std::string::npos);
}

}  // namespace
}  // namespace tocsin::assess
