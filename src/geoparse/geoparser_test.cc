#include "tocsin/geoparse/geoparser.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>

#include "tocsin/eval/geoparse_eval.h"

namespace tocsin::geoparse {
namespace {

class GeoparserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto p = Geoparser::Create();
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    parser_ = std::move(p).value().release();
  }
  static void TearDownTestSuite() {
    delete parser_;
    parser_ = nullptr;
  }
  static GeoparseResult Parse(const std::string& text, const std::string& lang,
                              const std::string& date = "2022-09-13",
                              const std::string& title = "") {
    Document d;
    d.id = "t";
    d.title = title;
    d.text = text;
    d.lang = lang;
    d.date = date;
    return parser_->Parse(d);
  }
  // The toponym whose text is `surface` (first one), or nullptr.
  static const Toponym* Find(const GeoparseResult& r, const std::string& surface) {
    for (const auto& t : r.toponyms)
      if (t.text == surface) return &t;
    return nullptr;
  }
  static Geoparser* parser_;
};
Geoparser* GeoparserTest::parser_ = nullptr;

// Regression (issue 12): "dans l'Est" became Burkina Faso's Est region on the map of a story
// about Ukraine, "le Sud" Haiti's Sud department.
TEST_F(GeoparserTest, CompassNounsAreNoPlaces) {
  auto fr = Parse("Après plusieurs mois de repli face aux forces russes dans l'Est, l'Ukraine a "
                  "lancé une attaque ; les combats continuent dans le Sud et au Sud-Kivu.", "fr");
  EXPECT_EQ(Find(fr, "Est"), nullptr);
  EXPECT_EQ(Find(fr, "Sud"), nullptr);
  const Toponym* kivu = Find(fr, "Sud-Kivu");
  ASSERT_NE(kivu, nullptr);  // a name that starts with a compass word stays
  auto en = Parse("Fighting raged in the East while Kyiv held the South.", "en");
  EXPECT_EQ(Find(en, "East"), nullptr);
  EXPECT_EQ(Find(en, "South"), nullptr);
  EXPECT_NE(Find(en, "Kyiv"), nullptr);
}

TEST_F(GeoparserTest, OffsetsPointAtTheName) {
  std::string text = "Après minuit, des bombardements ont frappé les régions arméniennes de Goris, "
                     "Sotk et Jermuk.";
  auto r = Parse(text, "fr");
  for (const char* n : {"Goris", "Sotk", "Jermuk"}) {
    const Toponym* t = Find(r, n);
    ASSERT_NE(t, nullptr) << n;
    EXPECT_EQ(text.substr(t->start, t->end - t->start), n);
    EXPECT_EQ(t->field, "text");
    ASSERT_TRUE(t->entry) << n;
    EXPECT_EQ(t->entry->country, "ARM") << n;
    EXPECT_EQ(t->territory.territory, geo::Territory::kSovereign) << n;
  }
  // "les régions arméniennes": the demonym designates Armenia's territory.
  const Toponym* adj = Find(r, "arméniennes");
  ASSERT_NE(adj, nullptr);
  EXPECT_TRUE(adj->demonym);
  ASSERT_TRUE(adj->entry);
  EXPECT_EQ(adj->entry->feature, "country");
  EXPECT_EQ(adj->entry->country, "ARM");
}

TEST_F(GeoparserTest, DemonymOnlyWhenItDesignatesForcesOrPlaces) {
  auto r = Parse("Turkish forces shelled the town. The Turkish language is old.", "en");
  ASSERT_NE(Find(r, "Turkish"), nullptr);
  int n = 0;
  for (const auto& t : r.toponyms) n += t.demonym;
  EXPECT_EQ(n, 1);  // "Turkish language" is not a place
  auto none = Parse("Turkish forces shelled the town.", "en");
  Document d;
  GeoparserOptions o;
  o.demonyms = false;
  auto p = Geoparser::Create(o);
  ASSERT_TRUE(p.ok());
  d.text = "Turkish forces shelled the town.";
  d.lang = "en";
  EXPECT_TRUE((*p)->Parse(d).toponyms.empty());
}

TEST_F(GeoparserTest, TitleOffsetsAreIntoTheTitle) {
  auto r = Parse("Nothing here.", "fr", "2022-09-13", "L'Arménie demande l'aide de la Russie");
  const Toponym* t = Find(r, "Arménie");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->field, "title");
  EXPECT_EQ(t->start, 2u);
}

TEST_F(GeoparserTest, KapanInArmenianContext) {
  auto r = Parse("Azerbaijani troops shelled Kapan and Goris in southern Armenia.", "en");
  const Toponym* t = Find(r, "Kapan");
  ASSERT_NE(t, nullptr);
  ASSERT_TRUE(t->entry);
  EXPECT_EQ(t->entry->country, "ARM");
  EXPECT_EQ(t->entry->admin1, "Syunik");
}

TEST_F(GeoparserTest, LakeSevanWithCue) {
  auto r = Parse("Les troupes avancent vers le lac Sevan.", "fr");
  const Toponym* t = Find(r, "Sevan");
  ASSERT_NE(t, nullptr);
  ASSERT_TRUE(t->entry);
  EXPECT_EQ(t->entry->feature, "lake");
  auto town = Parse("Protesters gathered in Sevan, a town in Armenia.", "en");
  const Toponym* s = Find(town, "Sevan");
  ASSERT_NE(s, nullptr);
  ASSERT_TRUE(s->entry);
  EXPECT_NE(s->entry->feature, "lake");
}

TEST_F(GeoparserTest, GeorgiaByContext) {
  auto us = Parse("Health officials in Georgia confirmed two cases in Atlanta. The United States "
                  "reported more in Texas.", "en");
  const Toponym* g = Find(us, "Georgia");
  ASSERT_NE(g, nullptr);
  ASSERT_TRUE(g->entry);
  EXPECT_EQ(g->entry->country, "USA");
  EXPECT_EQ(g->entry->feature, "region");
  auto caucasus = Parse("Russian troops remain in Georgia, in South Ossetia, near Tbilisi.", "en");
  const Toponym* c = Find(caucasus, "Georgia");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->entry);
  EXPECT_EQ(c->entry->country, "GEO");
  EXPECT_EQ(c->entry->feature, "country");
}

TEST_F(GeoparserTest, ParisTexasApposition) {
  auto r = Parse("A tornado hit Paris, Texas, on Monday.", "en");
  const Toponym* p = Find(r, "Paris");
  ASSERT_NE(p, nullptr);
  ASSERT_TRUE(p->entry);
  EXPECT_EQ(p->entry->country, "USA");
  EXPECT_NEAR(p->entry->lat, 33.66, 0.1);
  auto fr = Parse("Une manifestation a eu lieu à Paris.", "fr");
  const Toponym* f = Find(fr, "Paris");
  ASSERT_NE(f, nullptr);
  ASSERT_TRUE(f->entry);
  EXPECT_EQ(f->entry->country, "FRA");
}

TEST_F(GeoparserTest, TripoliByContext) {
  auto lb = Parse("Clashes in Tripoli, in northern Lebanon, killed two.", "en");
  const Toponym* t = Find(lb, "Tripoli");
  ASSERT_NE(t, nullptr);
  ASSERT_TRUE(t->entry);
  EXPECT_EQ(t->entry->country, "LBN");
  auto ly = Parse("Militias fought in Tripoli, the Libyan capital, as Libya's government fled.",
                  "en");
  const Toponym* l = Find(ly, "Tripoli");
  ASSERT_NE(l, nullptr);
  ASSERT_TRUE(l->entry);
  EXPECT_EQ(l->entry->country, "LBY");
}

TEST_F(GeoparserTest, TerritoryByDate) {
  auto before = Parse("Shelling hit Stepanakert.", "en", "2020-10-01");
  const Toponym* s = Find(before, "Stepanakert");
  ASSERT_NE(s, nullptr);
  ASSERT_TRUE(s->entry);
  EXPECT_EQ(s->territory.territory, geo::Territory::kDisputed);
  EXPECT_EQ(s->territory.controlled_by, "ARM");
  auto after = Parse("Shelling hit Stepanakert.", "en", "2024-01-10");
  const Toponym* a = Find(after, "Stepanakert");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->territory.territory, geo::Territory::kSovereign);
  EXPECT_EQ(a->territory.country, "AZE");
}

TEST_F(GeoparserTest, PeopleMonthsAndCurrenciesAreNotPlaces) {
  auto r = Parse("President Aliyev met Vladimir Putin in August. The fine was US$1,800. "
                 "Mr. Kerry said the University would help.", "en");
  for (const char* n : {"Aliyev", "Vladimir", "August", "US", "Kerry", "University"})
    EXPECT_EQ(Find(r, n), nullptr) << n;
}

TEST_F(GeoparserTest, AbbreviationsAndUnknownCuedPlaces) {
  auto r = Parse("The U.S. and the UK sent aid to the village of Qqqzzzville.", "en");
  const Toponym* us = Find(r, "U.S.");
  ASSERT_NE(us, nullptr);
  ASSERT_TRUE(us->entry);
  EXPECT_EQ(us->entry->country, "USA");
  const Toponym* uk = Find(r, "UK");
  ASSERT_NE(uk, nullptr);
  ASSERT_TRUE(uk->entry);
  EXPECT_EQ(uk->entry->country, "GBR");
  const Toponym* q = Find(r, "Qqqzzzville");
  ASSERT_NE(q, nullptr);  // reported, unresolved
  EXPECT_FALSE(q->entry);
  EXPECT_EQ(q->cue, "village");
}

TEST_F(GeoparserTest, DatelinesAndStateAbbreviations) {
  // AP dateline with a dotted state abbreviation: the apposition places Glasgow in Kentucky.
  auto r = Parse("GLASGOW, Ky. (AP) - A woman died after being struck by a car in Glasgow.",
                 "en");
  const Toponym* d = Find(r, "GLASGOW");
  ASSERT_NE(d, nullptr);
  ASSERT_TRUE(d->entry);
  EXPECT_EQ(d->entry->country, "USA");
  EXPECT_EQ(d->entry->admin1, "Kentucky");
  const Toponym* ky = Find(r, "Ky.");
  ASSERT_NE(ky, nullptr);
  ASSERT_TRUE(ky->entry);
  EXPECT_EQ(ky->entry->feature, "region");
  const Toponym* g = Find(r, "Glasgow");  // the later mention follows the document region
  ASSERT_NE(g, nullptr);
  ASSERT_TRUE(g->entry);
  EXPECT_EQ(g->entry->country, "USA");
  // Mixed-case abbreviations only after a comma: "Man." is not Manitoba here.
  auto m = Parse("The old Man. He said nothing.", "en");
  EXPECT_EQ(Find(m, "Man."), nullptr);
  // Dotted-only abbreviations need their dots.
  auto bc = Parse("She moved to Surrey, B.C. last year. The BC era ended.", "en");
  const Toponym* b = Find(bc, "B.C.");
  ASSERT_NE(b, nullptr);
  ASSERT_TRUE(b->entry);
  EXPECT_EQ(b->entry->admin1, "British Columbia");
  EXPECT_EQ(Find(bc, "BC"), nullptr);
  // ALL-CAPS dateline before a Title-case word: "WASHINGTON Barack Obama".
  auto w = Parse("WASHINGTON Barack Obama pardoned a turkey.", "en");
  EXPECT_NE(Find(w, "WASHINGTON"), nullptr);
}

TEST_F(GeoparserTest, CommonWordsBeforeAndAfterNames) {
  auto r = Parse("Overall Toronto received a B grade. Snow fell on Toronto Saturday. "
                 "The Conference Board of Canada said so. Calgary MLA Sandra Jansen spoke.",
                 "en");
  int toronto = 0;
  for (const auto& t : r.toponyms) toronto += t.text == "Toronto";
  EXPECT_EQ(toronto, 2);
  EXPECT_NE(Find(r, "Canada"), nullptr);
  EXPECT_NE(Find(r, "Calgary"), nullptr);
  // Holidays, lone organisation words and places inside organisation names are not toponyms.
  auto h = Parse("Markets open at Christmas. University officials met the Kentucky State "
                 "Police.", "en");
  EXPECT_EQ(Find(h, "Christmas"), nullptr);
  EXPECT_EQ(Find(h, "University"), nullptr);
  EXPECT_EQ(Find(h, "Kentucky"), nullptr);
}

TEST_F(GeoparserTest, StrongReadingWhenTheSmallPlaceIsUnsupported) {
  // New Jersey context favours a small US Paris, which nothing supports: Paris, France.
  auto r = Parse("A woman flying from Newark, New Jersey, ended up in San Francisco instead "
                 "of Paris.", "en");
  const Toponym* p = Find(r, "Paris");
  ASSERT_NE(p, nullptr);
  ASSERT_TRUE(p->entry);
  EXPECT_EQ(p->entry->country, "FRA");
}

TEST_F(GeoparserTest, CountryPointsAreGazetteerPoints) {
  // Country entries carry the GeoNames-style country point (data/gazetteer/country_points.tsv
  // or the package), not a polygon centroid: Canada 60.1N 113.6W.
  auto r = Parse("Snow fell across Canada.", "en");
  const Toponym* c = Find(r, "Canada");
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->entry);
  EXPECT_NEAR(c->entry->lat, 60.1, 0.5);
  EXPECT_NEAR(c->entry->lon, -113.6, 0.5);
}

TEST_F(GeoparserTest, RegionPointsAreGeoNamesPoints) {
  // First-level regions of the federal states carry the GeoNames ADM1 point
  // (data/gazetteer/admin1.tsv), not the middle of their cities' bounding box.
  auto r = Parse("Wildfires burned in Alberta while floods hit Queensland.", "en");
  const Toponym* a = Find(r, "Alberta");
  const Toponym* q = Find(r, "Queensland");
  ASSERT_TRUE(a && a->entry && q && q->entry);
  EXPECT_NEAR(a->entry->lat, 52.28, 0.1);
  EXPECT_NEAR(a->entry->lon, -117.47, 0.1);
  EXPECT_NEAR(q->entry->lat, -20.0, 0.1);
  EXPECT_NEAR(q->entry->lon, 145.0, 0.1);
}

TEST_F(GeoparserTest, CountiesFromTheDocumentsPlaces) {
  // A county the index lacks is one mention ("Metcalfe County", not "Metcalfe") placed at
  // the story's main place of the region (the dateline town), an area without GeoNames id.
  std::string text = "EDMONTON, Ky. — A man died after a hunting accident in Metcalfe County. "
                     "The Metcalfe County coroner said the man lived in Edmonton.";
  auto r = Parse(text, "en");
  const Toponym* c = Find(r, "Metcalfe County");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(text.substr(c->start, c->end - c->start), "Metcalfe County");
  ASSERT_TRUE(c->entry);
  EXPECT_EQ(c->entry->feature, "area");
  EXPECT_EQ(c->entry->country, "USA");
  EXPECT_EQ(c->entry->admin1, "Kentucky");
  EXPECT_EQ(c->entry->geonameid, 0);
  EXPECT_NEAR(c->entry->lat, 36.98, 0.2);
  EXPECT_NEAR(c->entry->lon, -85.61, 0.2);
  EXPECT_EQ(Find(r, "Metcalfe"), nullptr);
  // A namesake big city is in its county.
  auto la = Parse("Health officials in Los Angeles County reported new cases.", "en");
  const Toponym* l = Find(la, "Los Angeles County");
  ASSERT_TRUE(l && l->entry);
  EXPECT_NEAR(l->entry->lat, 34.05, 0.3);
  EXPECT_NEAR(l->entry->lon, -118.24, 0.3);
}

TEST_F(GeoparserTest, DirectionWordBeforeAPlace) {
  // "Far North Queensland", "Western Queensland": the place after the direction words is
  // found even when the run is no name and "Western" is also a village.
  auto r = Parse("Youth crime is rising in Far North Queensland and in Western Queensland.", "en");
  int n = 0;
  for (const auto& t : r.toponyms) {
    if (t.text != "Queensland") continue;
    ++n;
    ASSERT_TRUE(t.entry);
    EXPECT_EQ(t.entry->feature, "region");
    EXPECT_EQ(t.entry->country, "AUS");
  }
  EXPECT_EQ(n, 2);
  EXPECT_EQ(Find(r, "Western"), nullptr);
}

TEST_F(GeoparserTest, BritishCountiesAndAirports) {
  // Curated (data/gazetteer/places.tsv): the British county, unless the text says otherwise.
  auto r = Parse("Floods hit Cumbria and Surrey after flights from Heathrow were cancelled.", "en");
  for (const char* n : {"Cumbria", "Surrey", "Heathrow"}) {
    const Toponym* t = Find(r, n);
    ASSERT_TRUE(t && t->entry) << n;
    EXPECT_EQ(t->entry->country, "GBR") << n;
  }
  auto bc = Parse("A man was shot in Surrey, British Columbia, on Monday.", "en");
  const Toponym* s = Find(bc, "Surrey");
  ASSERT_TRUE(s && s->entry);
  EXPECT_EQ(s->entry->country, "CAN");
}

TEST_F(GeoparserTest, DetectOnlyGivesSpans) {
  auto spans = parser_->Detect("Fighting near Bakhmut and Kherson.", "en", "text");
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].text, "Bakhmut");
  EXPECT_EQ(spans[1].text, "Kherson");
  EXPECT_FALSE(spans[0].entry);
}

TEST(GeoparseEvalTest, ReadsBothGoldFormatsAndScores) {
  auto gold = eval::ReadGeoparseGold(std::string(TOCSIN_TEST_DIR) + "/data/geo/gold_sample.xml");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  ASSERT_EQ(gold->articles.size(), 2u);
  // TR-News style (exact offsets, coordinates in <gaztag>) and GeoVirus style (offsets off by
  // one, re-aligned on the name).
  const auto& a = gold->articles[0];
  ASSERT_EQ(a.toponyms.size(), 2u);
  EXPECT_EQ(a.text.substr(a.toponyms[0].start, a.toponyms[0].end - a.toponyms[0].start), "Goris");
  EXPECT_TRUE(a.toponyms[0].has_coords);
  const auto& b = gold->articles[1];
  ASSERT_EQ(b.toponyms.size(), 2u);
  EXPECT_EQ(b.text.substr(b.toponyms[1].start, b.toponyms[1].end - b.toponyms[1].start), "Lyon");
  EXPECT_EQ(gold->unaligned, 1u);  // the toponym whose name is nowhere near its offsets

  auto p = Geoparser::Create();
  ASSERT_TRUE(p.ok());
  eval::GeoparseEvalOptions o;
  auto r = eval::EvaluateGeoparse(**p, *gold, o);
  EXPECT_EQ(r.scores.gold, 4u);
  EXPECT_EQ(r.scores.matched, 4u);
  EXPECT_EQ(r.scores.within_161km, 3u);  // "Lyon" gold point is deliberately in Spain
  EXPECT_NEAR(r.scores.accuracy_161(), 0.75, 1e-9);
  EXPECT_GT(r.scores.precision(), 0.0);
  EXPECT_LE(r.scores.precision(), 1.0);
}

TEST(GeoparseEvalTest, DemonymsLeftOutAndDriftingOffsetsRealigned) {
  // Gold demonyms ("Turkish") are left out of literal-toponym figures; offsets that drift by
  // dozens of characters (TR-News) are re-aligned on the nearest untaken occurrence.
  std::string text =
      "Turkish troops entered Syria on Monday. Officials in Ankara said the operation in Syria "
      "would last weeks, and Ankara would inform Damascus.";
  auto at = [&](const std::string& name, size_t nth) {
    size_t p = 0;
    for (size_t k = 0; k <= nth; ++k) p = text.find(name, k ? p + 1 : 0);
    return p;
  };
  struct G { std::string name; size_t start; };
  std::vector<G> gs = {{"Turkish", 0},
                       {"Syria", at("Syria", 0)},
                       {"Ankara", at("Ankara", 0) - 30},   // drifted
                       {"Syria", at("Syria", 1) - 45},
                       {"Ankara", at("Ankara", 1) - 50},
                       {"Damascus", at("Damascus", 0) - 60}};
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?><articles><article docid=\"a\">"
                    "<text>" + text + "</text><toponyms>";
  for (const auto& g : gs)
    xml += "<toponym><phrase>" + g.name + "</phrase><start>" + std::to_string(g.start) +
           "</start><end>" + std::to_string(g.start + g.name.size()) + "</end></toponym>";
  xml += "</toponyms></article></articles>";
  std::string path = ::testing::TempDir() + "/tocsin_gold_drift_" + std::to_string(::getpid()) + ".xml";
  { std::ofstream(path) << xml; }
  auto gold = eval::ReadGeoparseGold(path);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  EXPECT_EQ(gold->unaligned, 0u);
  const auto& t = gold->articles[0].toponyms;
  ASSERT_EQ(t.size(), 6u);
  std::set<size_t> starts;
  for (const auto& g : t) starts.insert(g.start);
  EXPECT_EQ(starts.size(), 6u);  // no two gold toponyms on the same occurrence
  auto p = Geoparser::Create();
  ASSERT_TRUE(p.ok());
  auto r = eval::EvaluateGeoparse(**p, *gold, eval::GeoparseEvalOptions{});
  EXPECT_EQ(r.scores.gold_demonyms, 1u);
  EXPECT_EQ(r.scores.gold, 5u);
  EXPECT_EQ(r.scores.matched, 5u);
  std::remove(path.c_str());
}

TEST(GeoparseEvalTest, BadGoldIsAnError) {
  auto gold = eval::ReadGeoparseGold(std::string(TOCSIN_TEST_DIR) + "/data/geo/no_such.xml");
  EXPECT_FALSE(gold.ok());
}

}  // namespace
}  // namespace tocsin::geoparse
