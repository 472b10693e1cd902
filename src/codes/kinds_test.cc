#include "tocsin/codes/kinds.h"

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace tocsin::codes {
namespace {

using ::testing::HasSubstr;

constexpr const char* kAllKinds[] = {"shelling",
                                     "air_strike",
                                     "drone_strike",
                                     "armed_clash",
                                     "ground_advance",
                                     "attack_on_civilians",
                                     "explosion",
                                     "ceasefire",
                                     "request_assistance",
                                     "call_deescalation",
                                     "support_statement",
                                     "accusation",
                                     "territorial_claim",
                                     "meeting",
                                     "mediation",
                                     "military_deployment",
                                     "sanction",
                                     "aid",
                                     "threat",
                                     "protest",
                                     // issue 4: the rest of the ACLED taxonomy
                                     "government_regains_territory",
                                     "nsa_overtakes_territory",
                                     "nonviolent_transfer",
                                     "chemical_weapon",
                                     "suicide_bomb",
                                     "grenade",
                                     "sexual_violence",
                                     "abduction",
                                     "protest_with_intervention",
                                     "excessive_force",
                                     "riot",
                                     "mob_violence",
                                     "agreement",
                                     "arrest",
                                     "change_to_group",
                                     "disrupted_weapons_use",
                                     "base_established",
                                     "looting",
                                     "other_development",
                                     "claim_responsibility",
                                     "reduce_relations",
                                     "natural_disaster",
                                     "man_made_disaster",
                                     "organized_crime",
                                     // issue 4, part 2: general political interaction (CAMEO)
                                     "statement",
                                     "appeal",
                                     "intent_cooperate",
                                     "diplomatic_cooperation",
                                     "material_cooperation",
                                     "yield",
                                     "investigate",
                                     "demand",
                                     "disapprove",
                                     "reject",
                                     "threaten",
                                     "force_posture",
                                     "reduce_cooperation",
                                     "coerce"};

// Kinds CAMEO does not code (empty code), and those PLOVER does not cover.
bool Uncoded(const std::string& k) {
  return k == "change_to_group" || k == "other_development" || k == "natural_disaster" ||
         k == "man_made_disaster" || k == "organized_crime";
}
bool NoPlover(const std::string& k) {
  return k == "other_development" || k == "claim_responsibility" || k == "natural_disaster" ||
         k == "man_made_disaster" || k == "organized_crime" || k == "statement";
}

std::string WriteTemp(const std::string& name, const std::string& content) {
  // Unique per process and test: CTest runs tests in parallel processes.
  std::string path = ::testing::TempDir() + "/tocsin_kinds_" + std::to_string(::getpid()) + "_" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" + name;
  std::ofstream out(path, std::ios::binary);
  out << content;
  return path;
}

const char kGoodRow[] =
    "shelling\t194\tFight with artillery and tanks\tASSAULT\theavy-weapons\t"
    "Explosions/Remote violence\tShelling/artillery/missile attack\t1\tArtillery fire\n";

TEST(KindTableTest, DefaultHasEveryKindExactlyOnce) {
  const KindTable& table = KindTable::Default();
  EXPECT_EQ(table.all().size(), std::size(kAllKinds));
  for (const char* kind : kAllKinds) {
    const KindCodes* k = table.Find(kind);
    ASSERT_NE(k, nullptr) << kind;
    EXPECT_EQ(k->kind, kind);
    EXPECT_EQ(k->cameo.empty(), Uncoded(kind)) << kind;
    EXPECT_EQ(k->cameo_label.empty(), Uncoded(kind)) << kind;
    EXPECT_EQ(k->plover_type.empty(), NoPlover(kind)) << kind;
    EXPECT_FALSE(k->description.empty()) << kind;
  }
  EXPECT_EQ(table.Find("no_such_kind"), nullptr);
  EXPECT_EQ(&KindTable::Default(), &table);  // loaded once
}

TEST(KindTableTest, DefaultCodes) {
  const KindTable& t = KindTable::Default();
  EXPECT_EQ(t.Find("shelling")->cameo, "194");
  EXPECT_EQ(t.Find("shelling")->cameo_label, "Fight with artillery and tanks");
  EXPECT_EQ(t.Find("shelling")->acled_sub_event_type, "Shelling/artillery/missile attack");
  EXPECT_TRUE(t.Find("shelling")->violent);
  EXPECT_EQ(t.Find("air_strike")->cameo, "195");
  EXPECT_EQ(t.Find("air_strike")->plover_mode, "aerial");
  EXPECT_EQ(t.Find("drone_strike")->plover_mode, "drone");
  EXPECT_EQ(t.Find("armed_clash")->acled_event_type, "Battles");
  EXPECT_EQ(t.Find("ceasefire")->cameo, "0871");  // leading zero kept
  EXPECT_EQ(t.Find("ceasefire")->plover_type, "RETREAT");
  EXPECT_EQ(t.Find("ceasefire")->acled_sub_event_type, "Agreement");
  EXPECT_FALSE(t.Find("ceasefire")->violent);
  EXPECT_EQ(t.Find("request_assistance")->cameo, "0232");
  EXPECT_EQ(t.Find("request_assistance")->plover_type, "REQUEST");
  EXPECT_EQ(t.Find("request_assistance")->acled_event_type, "");
  EXPECT_EQ(t.Find("accusation")->cameo, "112");
  EXPECT_EQ(t.Find("meeting")->acled_event_type, "");
  EXPECT_EQ(t.Find("sanction")->cameo, "163");
  EXPECT_EQ(t.Find("protest")->acled_event_type, "Protests");
}

TEST(KindTableTest, PoliticalKindsCoverCameoRoots) {
  // Every CAMEO root 01-17 has at least one kind, none of them violent or in ACLED.
  const KindTable& t = KindTable::Default();
  for (const char* k : {"statement", "appeal", "intent_cooperate", "diplomatic_cooperation",
                        "material_cooperation", "yield", "investigate", "demand", "disapprove",
                        "reject", "threaten", "force_posture", "reduce_cooperation", "coerce"}) {
    const KindCodes* c = t.Find(k);
    ASSERT_NE(c, nullptr) << k;
    EXPECT_FALSE(c->violent) << k;
    EXPECT_TRUE(c->acled_event_type.empty()) << k;
    EXPECT_EQ(c->cameo.size(), 3u) << k;
    EXPECT_EQ(c->cameo[2], '0') << k << ": a root code";
  }
  for (int root = 1; root <= 17; ++root) {
    char want[3];
    std::snprintf(want, sizeof want, "%02d", root);
    bool found = false;
    for (const KindCodes& k : t.all()) found |= k.cameo.rfind(want, 0) == 0;
    EXPECT_TRUE(found) << "no kind for CAMEO root " << want;
  }
  EXPECT_EQ(t.Find("yield")->plover_type, "CONCEDE");
  EXPECT_EQ(t.Find("investigate")->plover_mode, "investigate");
}

TEST(KindTableTest, ViolentKindsHaveViolentCodes) {
  for (const KindCodes& k : KindTable::Default().all()) {
    if (k.violent) {
      // assaults and fights (18, 19, 20), violent repression (175) and riots (145)
      EXPECT_TRUE(k.cameo.rfind("18", 0) == 0 || k.cameo.rfind("19", 0) == 0 ||
                  k.cameo.rfind("20", 0) == 0 || k.cameo == "175" || k.cameo == "145")
          << k.kind;
    }
    // ACLED sub-event type is set exactly when the event type is.
    EXPECT_EQ(k.acled_event_type.empty(), k.acled_sub_event_type.empty()) << k.kind;
  }
}

TEST(KindTableTest, LoadsCommentsBlankLinesAndCrlf) {
  std::string path =
      WriteTemp("kinds_ok.tsv", "\xEF\xBB\xBF# comment\n\n" + std::string(kGoodRow) +
                                    "meeting\t040\tConsult\tCONSULT\t\t\t\t0\tTalks\r\n");
  StatusOr<KindTable> t = KindTable::Load(path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->all().size(), 2u);
  const KindCodes* m = t->Find("meeting");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->plover_mode, "");
  EXPECT_EQ(m->acled_event_type, "");
  EXPECT_FALSE(m->violent);
  EXPECT_EQ(m->description, "Talks");
}

TEST(KindTableTest, EveryAcledSubEventTypeIsCovered) {
  const char* kSubTypes[] = {
      "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
      "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
      "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
      "Abduction/forced disappearance", "Peaceful protest", "Protest with intervention",
      "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
      "Arrests", "Change to group/activity", "Disrupted weapons use",
      "Headquarters or base established", "Looting/property destruction",
      "Non-violent transfer of territory", "Other"};
  for (const char* sub : kSubTypes) {
    bool found = false;
    for (const KindCodes& k : KindTable::Default().all()) found |= k.acled_sub_event_type == sub;
    EXPECT_TRUE(found) << sub;
  }
}

TEST(KindTableTest, UncodedKindsLeaveLabelAndModeEmpty) {
  std::string path = WriteTemp("kinds_uncoded.tsv",
                               "flood\t\t\t\t\t\t\t0\tFloods\n"
                               "defection\t\t\tMOBILIZE\t\tStrategic developments\tChange to "
                               "group/activity\t0\tDefections\n");
  StatusOr<KindTable> t = KindTable::Load(path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->Find("flood")->cameo, "");
  EXPECT_EQ(t->Find("defection")->plover_type, "MOBILIZE");
  t = KindTable::Load(WriteTemp("kinds_bad.tsv", "flood\t\tLabel\t\t\t\t\t0\td\n"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("column 3 (cameo_label)"));
  t = KindTable::Load(WriteTemp("kinds_bad.tsv", "flood\t\t\t\tmode\t\t\t0\td\n"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("column 5 (plover_mode)"));
}

TEST(KindTableTest, WrongColumnCountNamesFileAndLine) {
  std::string path =
      WriteTemp("kinds.tsv", std::string("# header\n") + kGoodRow + "meeting\t040\tConsult\n");
  StatusOr<KindTable> t = KindTable::Load(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("kinds.tsv:3: expected 9 columns, got 3"));

  path = WriteTemp("kinds.tsv", std::string(kGoodRow).insert(8, "\textra"));
  t = KindTable::Load(path);
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("kinds.tsv:1: expected 9 columns, got 10"));
}

TEST(KindTableTest, BadFieldsAreRejected) {
  struct Case {
    std::string row;
    std::string message;
  } cases[] = {
      {"shelling\t194\tx\tASSAULT\t\t\t\tyes\td\n",
       "column 8 (violent): expected 0 or 1, got 'yes'"},
      {"shelling\t19a\tx\tASSAULT\t\t\t\t1\td\n", "column 2 (cameo)"},
      {"Shelling\t194\tx\tASSAULT\t\t\t\t1\td\n", "column 1 (kind)"},
      {"shelling\t194\tx\tassault\t\t\t\t1\td\n", "column 4 (plover_type)"},
      {"shelling\t194\tx\tASSAULT\t\tBattles\t\t1\td\n", "column 7 (acled_sub_event_type)"},
      {std::string(kGoodRow) + kGoodRow, "kinds.tsv:2: duplicate kind 'shelling'"},
  };
  for (const Case& c : cases) {
    StatusOr<KindTable> t = KindTable::Load(WriteTemp("kinds.tsv", c.row));
    ASSERT_FALSE(t.ok()) << c.row;
    EXPECT_EQ(t.status().code(), StatusCode::kCorruption);
    EXPECT_THAT(t.status().message(), HasSubstr(c.message)) << c.row;
  }
}

TEST(KindTableTest, MissingAndEmptyFiles) {
  StatusOr<KindTable> t = KindTable::Load(::testing::TempDir() + "/does-not-exist.tsv");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);

  t = KindTable::Load(WriteTemp("kinds_empty.tsv", "# only comments\n\n"));
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("no kinds"));
}

}  // namespace
}  // namespace tocsin::codes
