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
    for (const char* f : {"states.tsv", "organisations.tsv", "treaties.tsv", "clauses.tsv", "alliances.tsv",
                          "groups.tsv", "group_links.tsv", "disputed_areas.tsv"})
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

TEST(KnowledgeBase, EveryUnMemberAndObserverState) {
  int members = 0, observers = 0;
  for (const State& s : Kb().states()) {
    members += s.un == "member";
    observers += s.un == "observer";
  }
  EXPECT_EQ(members, 193);
  EXPECT_EQ(observers, 2);  // Holy See, Palestine
  const State* ssd = Kb().FindState("SSD");
  ASSERT_NE(ssd, nullptr);
  EXPECT_EQ(ssd->from, "2011-07-09");
  EXPECT_FALSE(Kb().StateExists(*ssd, "2011-07-08"));
  EXPECT_EQ(Kb().FindState("MNE")->from, "2006-06-03");
  const State* csk = Kb().FindState("CSK");
  ASSERT_NE(csk, nullptr);
  EXPECT_EQ(csk->to, "1993-01-01");
  EXPECT_EQ(csk->successors, (std::vector<std::string>{"CZE", "SVK"}));
  EXPECT_EQ(Kb().FindState("SUN")->successors.size(), 15u);
  EXPECT_EQ(Kb().FindState("SCG")->successors, (std::vector<std::string>{"SRB", "MNE"}));
  EXPECT_EQ(Kb().FindState("COD")->cow, 490);
  EXPECT_EQ(Kb().FindState("COD")->numeric, "180");
}

TEST(KnowledgeBase, SahelWithdrawalsAndTheAesCharter) {
  for (const char* s : {"BFA", "NER"}) {
    EXPECT_TRUE(Kb().StandingOn("ECOWAS-PMAD-1981", s, "2025-01-28").bound) << s;
    EXPECT_FALSE(Kb().StandingOn("ECOWAS-PMAD-1981", s, "2025-01-29").bound) << s;
  }
  EXPECT_TRUE(Kb().StandingOn("ECOWAS-PMAD-1981", "NGA", "2025-06-01").bound);
  for (const char* s : {"MLI", "BFA", "NER"}) {
    EXPECT_FALSE(Kb().StandingOn("AES-2023", s, "2023-09-15").bound) << s;
    EXPECT_TRUE(Kb().StandingOn("AES-2023", s, "2024-01-01").bound) << s;
  }
  const Clause* rebellion = nullptr;
  for (const Clause* c : Kb().ClausesOf("AES-2023"))
    if (c->article == "5") rebellion = c;
  ASSERT_NE(rebellion, nullptr);
  EXPECT_EQ(rebellion->trigger, "rebellion");
  EXPECT_TRUE(rebellion->Covers("armed_rebellion"));
}

TEST(KnowledgeBase, PactsBeyondTheCaucasus) {
  // SADC: DRC a party, Rwanda not; the pact in force from 2008-08-17.
  EXPECT_TRUE(Kb().StandingOn("SADC-MDP-2003", "COD", "2025-01-26").bound);
  EXPECT_FALSE(Kb().StandingOn("SADC-MDP-2003", "RWA", "2025-01-26").bound);
  EXPECT_FALSE(Kb().StandingOn("SADC-MDP-2003", "COD", "2005-01-01").bound);
  // Pakistan-Saudi Arabia: signed 2025-09-17, after the Indian strikes of May 2025.
  EXPECT_FALSE(Kb().StandingOn("PAK-SAU-2025", "PAK", "2025-05-07").bound);
  EXPECT_TRUE(Kb().StandingOn("PAK-SAU-2025", "PAK", "2025-09-17").bound);
  // EU art. 42(7): from the Lisbon Treaty; the UK until Brexit.
  EXPECT_FALSE(Kb().StandingOn("EU-TEU-42-7", "FRA", "2009-11-30").bound);
  EXPECT_TRUE(Kb().StandingOn("EU-TEU-42-7", "FRA", "2015-11-17").bound);
  EXPECT_TRUE(Kb().StandingOn("EU-TEU-42-7", "GBR", "2020-01-31").bound);
  EXPECT_FALSE(Kb().StandingOn("EU-TEU-42-7", "GBR", "2020-02-01").bound);
  EXPECT_EQ(Kb().PartiesOn("EU-TEU-42-7", "2024-01-01").size(), 27u);
  // Rio: Mexico, Bolivia, Nicaragua, Venezuela, Ecuador left; ANZUS: New Zealand suspended.
  EXPECT_FALSE(Kb().StandingOn("TIAR", "MEX", "2010-01-01").bound);
  EXPECT_TRUE(Kb().StandingOn("TIAR", "ARG", "1982-04-02").bound);
  EXPECT_FALSE(Kb().StandingOn("ANZUS", "NZL", "2000-01-01").bound);
  EXPECT_TRUE(Kb().StandingOn("ANZUS", "AUS", "2001-09-14").bound);
  // Arab League: Syria suspended 2011-2023.
  EXPECT_FALSE(Kb().StandingOn("LAS-JDEC-1950", "SYR", "2015-01-01").bound);
  EXPECT_TRUE(Kb().StandingOn("LAS-JDEC-1950", "SYR", "2024-01-01").bound);
  EXPECT_EQ(Kb().PartiesOn("GCC-JDA-2000", "2024-01-01").size(), 6u);
  EXPECT_NE(Kb().ResolveTreaty("Traité de Rio"), nullptr);
  EXPECT_EQ(Kb().ResolveTreaty("CEDEAO")->id, "ECOWAS-PMAD-1981");
  EXPECT_EQ(Kb().ResolveTreaty("Alliance des États du Sahel")->id, "AES-2023");
  EXPECT_EQ(Kb().ResolveTreaty("ASEAN"), nullptr);  // no defence clause
}

TEST(KnowledgeBase, ContestedCoverageIsData) {
  const Clause* sadc = nullptr;
  for (const Clause* c : Kb().ClausesOf("SADC-MDP-2003"))
    if (c->article == "6") sadc = c;
  ASSERT_NE(sadc, nullptr);
  EXPECT_TRUE(sadc->Covers("non_state_attack"));
  EXPECT_TRUE(sadc->Contested("non_state_attack"));
  EXPECT_NE(sadc->contested.find("M23"), std::string::npos);
  // Art. 5: forces only inside the art. 6 area; art. 4 (consultation) has no area.
  for (const Clause* c : Kb().ClausesOf("NATO")) {
    EXPECT_TRUE(c->Covers("forces_in_area")) << c->article;
    EXPECT_EQ(c->Covers("forces_abroad"), c->article == "4") << c->article;
  }
}

TEST(KnowledgeBase, ArmedGroupsAndTheirBackers) {
  const Group* m23 = Kb().FindGroup("M23");
  ASSERT_NE(m23, nullptr);
  EXPECT_EQ(m23->countries, (std::vector<std::string>{"COD"}));
  bool rwanda = false;
  for (const GroupLink* l : Kb().LinksOf("M23", "2025-01-26"))
    rwanda |= l->state == "RWA" && l->relation == "backs" && l->status == "alleged";
  EXPECT_TRUE(rwanda);
  for (const char* g : {"RSF", "JNIM", "ISSP", "WAGNER", "AFRICACORPS", "HTS", "HOUTHI", "SHABAAB", "FANO",
                        "ARAKANARMY", "HAMAS", "HEZBOLLAH"})
    EXPECT_NE(Kb().FindGroup(g), nullptr) << g;
}

TEST(KnowledgeBaseCheck, ShippedDataHasNoProblem) {
  std::vector<std::string> problems = CheckKnowledgeBase(CuratedDataDir() + "/kb");
  for (const std::string& p : problems) ADD_FAILURE() << p;
}

TEST_F(BrokenKb, CheckNamesFileLineAndColumn) {
  Append("alliances.tsv", "AES-2023\tSSD\t2010-01-01\t\tmember\ttest");
  Append("disputed_areas.tsv",
         "bowtie\tBow tie\tdisputed\tIND,PAK\tIND\t2000-01-01\t1999-01-01\tPOLYGON((0 0, 1 1, 1 0, 0 1, 0 0))\ttest\t");
  Append("disputed_areas.tsv", "nowhere\tNowhere\tdisputed\tQQQ\t\t\t\tPOLYGON((0 0, 1 0, 1 1, 0 0))\ttest\t");
  std::vector<std::string> problems = CheckKnowledgeBase(dir_.string());
  auto has = [&](const std::string& a, const std::string& b) {
    for (const std::string& p : problems)
      if (p.find(a) != std::string::npos && p.find(b) != std::string::npos) return true;
    return false;
  };
  EXPECT_TRUE(has("alliances.tsv:", "column 3 (from): SSD did not exist before 2011-07-09"));
  EXPECT_TRUE(has("disputed_areas.tsv:", "column 8 (polygon): not a valid polygon (GEOS: Self-intersection"));
  EXPECT_TRUE(has("disputed_areas.tsv:", "column 7 (valid_to): not after valid_from"));
  EXPECT_TRUE(has("disputed_areas.tsv:", "column 4 (claimed_by): state not in states.tsv, got 'QQQ'"));
  EXPECT_EQ(problems.size(), 4u) << testing::PrintToString(problems);
}

TEST_F(BrokenKb, ContestedCoverNeedsAReason) {
  Append("clauses.tsv", "NATO\t9\tTest\tarmed_attack\tmembers\tconsultation\tno\tterritory|non_state_attack?\t\tx\ttest");
  auto kb = KnowledgeBase::Load(dir_.string());
  ASSERT_FALSE(kb.ok());
  EXPECT_NE(kb.status().message().find("column 9 (contested)"), std::string::npos) << kb.status().message();
}

}  // namespace
}  // namespace tocsin::assess
