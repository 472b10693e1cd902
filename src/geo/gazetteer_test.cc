#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "tocsin/core/data_dir.h"
#include "tocsin/geo/builder.h"
#include "tocsin/geo/compiled.h"
#include "tocsin/geo/gazetteer.h"

namespace tocsin::geo {
namespace {

class GazetteerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto g = Gazetteer::OpenDefault();
    ASSERT_TRUE(g.ok()) << g.status().ToString();
    gaz_ = std::move(g).value().release();
  }
  static void TearDownTestSuite() {
    delete gaz_;
    gaz_ = nullptr;
  }
  static bool Has(const std::vector<GazetteerEntry>& v, const std::string& country,
                  const std::string& feature = "") {
    for (const auto& e : v) {
      if (e.country == country && (feature.empty() || e.feature == feature)) return true;
    }
    return false;
  }
  static const Gazetteer* gaz_;
};
const Gazetteer* GazetteerTest::gaz_ = nullptr;

TEST_F(GazetteerTest, SizeAndBasicLookup) {
  EXPECT_GT(gaz_->size(), 190000u);
  auto paris = gaz_->Lookup("paris");
  ASSERT_FALSE(paris.empty());
  EXPECT_EQ(paris[0].country, "FRA");  // postings are sorted by population
  EXPECT_EQ(paris[0].feature_code, "PPLC");
  EXPECT_TRUE(gaz_->Lookup("no such place qqq").empty());
  EXPECT_TRUE(gaz_->Lookup("").empty());
}

TEST_F(GazetteerTest, CountriesInThreeLanguages) {
  for (const char* n : {"armenia", "armenie", "армения", "azerbaijan", "azerbaidjan",
                        "азербайджан", "etats unis", "united states", "россия", "russia",
                        "russian federation", "sahara occidental"}) {
    auto v = gaz_->Lookup(FoldName(n));
    bool country = false;
    for (const auto& e : v) country |= e.feature == "country";
    EXPECT_TRUE(country) << n;
  }
  auto arm = gaz_->Lookup("armenie");
  ASSERT_FALSE(arm.empty());
  EXPECT_EQ(arm[0].country, "ARM");
  EXPECT_NEAR(arm[0].lat, 40.2, 0.6);
  EXPECT_NEAR(arm[0].lon, 45.0, 0.8);
  // alpha-3 codes are not names
  EXPECT_FALSE(Has(gaz_->Lookup("arm"), "ARM", "country"));
}

TEST_F(GazetteerTest, CuratedPlaces) {
  for (const char* n : {"Sotk", "Сотк", "Zod", "Artanish", "lac Sevan", "Lake Sevan", "озеро Севан",
                        "Haut-Karabakh", "Nagorno-Karabakh", "Нагорный Карабах", "Artsakh",
                        "Nakhitchevan", "Нахичевань", "Syunik", "Vayots Dzor", "Djermouk",
                        "Джермук", "Kafan", "Варденис", "Khankendi", "Chouchi", "Donbass",
                        "Crimée", "Крым", "Zaporijjia", "Bakhmout", "bande de Gaza",
                        "Cisjordanie", "plateau du Golan", "Cachemire", "Abkhazie",
                        "Ossétie du Sud", "Transnistrie", "Lachin corridor", "Zanguezour"}) {
    auto v = gaz_->Lookup(FoldName(n));
    bool curated = false;
    for (const auto& e : v) curated |= e.curated;
    EXPECT_TRUE(curated) << n;
  }
  auto sotk = gaz_->Lookup("sotk");
  ASSERT_EQ(sotk.size(), 1u);
  EXPECT_EQ(sotk[0].country, "ARM");
  EXPECT_EQ(sotk[0].admin1, "Gegharkunik");
  EXPECT_EQ(sotk[0].feature, "village");
  // "sevan" alone is the town, the lake is only under lake/lac/озеро names.
  EXPECT_FALSE(Has(gaz_->Lookup("sevan"), "ARM", "lake"));
  EXPECT_TRUE(Has(gaz_->Lookup("lac sevan"), "ARM", "lake"));
}

TEST_F(GazetteerTest, Admin1Names) {
  auto kapan = gaz_->Lookup("kapan");
  bool found = false;
  for (const auto& e : kapan) {
    if (e.country == "ARM") {
      found = true;
      EXPECT_EQ(e.admin1, "Syunik");
      EXPECT_TRUE(e.curated);
    }
  }
  EXPECT_TRUE(found);
  auto gyumri = gaz_->Lookup("gyumri");
  ASSERT_FALSE(gyumri.empty());
  EXPECT_EQ(gyumri[0].admin1, "Shirak");
  auto donetsk = gaz_->Lookup("donetsk");
  ASSERT_FALSE(donetsk.empty());
  EXPECT_EQ(donetsk[0].country, "UKR");
  EXPECT_EQ(donetsk[0].admin1, "Donetsk");
  EXPECT_TRUE(Has(gaz_->Lookup(FoldName("oblast de Zaporijjia")), "UKR", "region"));
  EXPECT_TRUE(Has(gaz_->Lookup(FoldName("Херсонская область")), "UKR", "region"));
}

TEST_F(GazetteerTest, AlternateNamesLatinAndCyrillicOnly) {
  EXPECT_FALSE(gaz_->Lookup(FoldName("Ереван")).empty());
  EXPECT_FALSE(gaz_->Lookup(FoldName("Erevan")).empty());
  EXPECT_TRUE(gaz_->Lookup(FoldName("Երևան")).empty());  // Armenian script is not indexed
}

TEST_F(GazetteerTest, HasLongerName) {
  EXPECT_TRUE(gaz_->HasLongerName("nagorno"));
  EXPECT_TRUE(gaz_->HasLongerName("haut"));
  EXPECT_TRUE(gaz_->HasLongerName("lac"));
  EXPECT_TRUE(gaz_->HasLongerName("nagorno karabakh"));  // "... republic"
  EXPECT_FALSE(gaz_->HasLongerName("artanish"));
  EXPECT_FALSE(gaz_->HasLongerName("qqqzzz"));
  EXPECT_FALSE(gaz_->HasLongerName("sotk"));
}

TEST_F(GazetteerTest, OpenIsFastLookupIsCheap) {
  auto t0 = std::chrono::steady_clock::now();
  auto g = Gazetteer::OpenDefault();
  auto t1 = std::chrono::steady_clock::now();
  ASSERT_TRUE(g.ok());
  double open_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
  EXPECT_LT(open_ms, 50.0);
  size_t n = 0;
  auto t2 = std::chrono::steady_clock::now();
  for (int i = 0; i < 10000; ++i) n += (*g)->Lookup("kapan").size() + (*g)->HasLongerName("haut");
  auto t3 = std::chrono::steady_clock::now();
  EXPECT_GT(n, 0u);
  double us = std::chrono::duration<double, std::micro>(t3 - t2).count() / 10000;
  EXPECT_LT(us, 200.0);
  std::printf("[ timing ] open %.2f ms, Lookup+HasLongerName %.2f us\n",
              open_ms, us);
}

std::string TempPath(const char* name) {
  // Unique per process: CTest runs tests in parallel processes.
  return ::testing::TempDir() + "/tocsin_geo_" + std::to_string(::getpid()) + "_" + name;
}

TEST(GazetteerFileTest, MissingFileIsNotFound) {
  auto g = Gazetteer::Open(TempPath("does_not_exist.bin"));
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kNotFound);
  EXPECT_NE(g.status().message().find("ninja -C build"), std::string::npos);
}

TEST(GazetteerFileTest, GarbageIsCorruption) {
  std::string path = TempPath("garbage.bin");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 5000; ++i) out << "not a gazetteer ";
  }
  auto g = Gazetteer::Open(path);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kCorruption);
  EXPECT_NE(g.status().message().find(path), std::string::npos);
  EXPECT_NE(g.status().message().find("ninja -C build"), std::string::npos);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << "TOCS";  // shorter than a header
  g = Gazetteer::Open(path);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().code(), StatusCode::kCorruption);
  std::remove(path.c_str());
}

TEST(GazetteerFileTest, RoundTripAndTruncation) {
  std::vector<GazetteerRecord> recs(2);
  recs[0].entry = {-1, "Sotk", 40.2, 45.92, "village", "PPL", "ARM", "Gegharkunik", 2000, true};
  recs[0].names = {"Сотк", "Zod"};
  recs[1].entry = {42, "Zod Pass", 40.21, 45.9, "pass", "PASS", "ARM", "", 0, false};
  std::string path = TempPath("small.bin");
  ASSERT_TRUE(WriteGazetteerIndex(recs, path).ok());
  auto g = Gazetteer::Open(path);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ((*g)->size(), 2u);
  auto v = (*g)->Lookup("сотк");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].name, "Sotk");
  EXPECT_EQ(v[0].geonameid, -1);
  EXPECT_DOUBLE_EQ(v[0].lat, 40.2);
  EXPECT_EQ(v[0].admin1, "Gegharkunik");
  EXPECT_TRUE(v[0].curated);
  EXPECT_TRUE((*g)->HasLongerName("zod"));
  EXPECT_EQ((*g)->Lookup("zod pass").size(), 1u);

  // Damaged body behind a valid header: lookups stay in bounds.
  {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (size_t i = 104; i < bytes.size(); ++i) bytes[i] = static_cast<char>(0xFF);
    std::string bad = TempPath("damaged.bin");
    std::ofstream(bad, std::ios::binary | std::ios::trunc) << bytes;
    auto d = Gazetteer::Open(bad);
    if (d.ok()) {
      (*d)->Lookup("sotk");
      (*d)->Lookup("\xff\xff");
      (*d)->HasLongerName("zod");
    }
    std::remove(bad.c_str());
  }
  // Truncate: must be reported, not crash.
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() - 7);
  auto t = Gazetteer::Open(path);
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kCorruption);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace tocsin::geo

namespace tocsin::geo {
namespace {

// First-level subdivisions and country points from an @countrystatecity/countries-style
// folder; second-level rows (iso-codes parent) and generic names are left out.
TEST(GazetteerBuilderTest, StatesBecomeRegionsAndCountryPoints) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(::testing::TempDir()) / ("tocsin_states_" + std::to_string(::getpid()));
  fs::create_directories(dir / "data" / "China-CN");
  {
    std::ofstream(dir / "data" / "China-CN" / "meta.json")
        << R"({"iso3":"CHN","latitude":"35.00000000","longitude":"105.00000000"})";
    std::ofstream(dir / "data" / "China-CN" / "states.json")
        << R"([{"name":"Sichuan","iso3166_2":"CN-SC","latitude":"30.5","longitude":"102.5"},
               {"name":"Central","iso3166_2":"CN-ZZ","latitude":"30.0","longitude":"110.0"},
               {"name":"Chengdu District","iso3166_2":"CN-XX","latitude":"30.6","longitude":"104.0"}])";
    std::ofstream(dir / "iso.json")
        << R"({"3166-2":[{"code":"CN-SC","name":"Sichuan Sheng","type":"Province"},
                         {"code":"CN-ZZ","name":"Central","type":"Province"},
                         {"code":"CN-XX","name":"Chengdu District","parent":"SC","type":"District"}]})";
  }
  GazetteerBuilder b;
  ASSERT_TRUE(b.LoadCountryStateCity((dir / "data").string(), (dir / "iso.json").string()).ok());
  b.AddCountries({});
  b.AddAdmin1Regions();
  b.AddStateRegions();
  std::string out = (dir / "g.bin").string();
  ASSERT_TRUE(b.Write(out).ok());
  auto g = Gazetteer::Open(out);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  auto hits = (*g)->Lookup("sichuan");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].feature, "region");
  EXPECT_EQ(hits[0].country, "CHN");
  EXPECT_NEAR(hits[0].lat, 30.5, 1e-6);
  EXPECT_FALSE((*g)->Lookup("sichuan sheng").empty());
  EXPECT_TRUE((*g)->Lookup("central").empty());           // generic word
  EXPECT_TRUE((*g)->Lookup("chengdu district").empty());  // second level
  bool china = false;
  for (const auto& e : (*g)->Lookup("china")) {
    if (e.feature != "country") continue;
    china = true;
    EXPECT_NEAR(e.lat, 35.0, 1e-6);
    EXPECT_NEAR(e.lon, 105.0, 1e-6);
  }
  EXPECT_TRUE(china);
  EXPECT_TRUE((*g)->Contains("sichuan"));
  EXPECT_FALSE((*g)->Contains("sichua"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace tocsin::geo
