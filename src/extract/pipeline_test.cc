// Unit tests of the pipeline (pipeline.cc) and of the resources it runs with (resources.cc).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(Pipeline, ThePassesInOrder) {
  std::vector<std::string> names;
  for (const Pass& p : Pipeline()) names.emplace_back(p.name);
  const std::vector<std::string> want = {
      "tokens",  "sentences", "clauses",      "triggers",    "actors",        "sources",
      "toponyms", "numbers",  "dates",        "frame",       "places",        "subjects",
      "events",  "event_places", "targets",   "filter",      "kinds",         "attribution",
      "features", "reciprocal", "protest_merge", "attack_merge", "salience",  "casualties"};
  EXPECT_EQ(names, want);
}

TEST(Pipeline, RunsThroughTheNamedPassOnly) {
  Analysis x("dates", "L'armée azerbaïdjanaise a bombardé Goris hier.", "fr");
  EXPECT_EQ(x->sentences.at(0).date, "2022-09-12");
  EXPECT_TRUE(x->events.empty());
  Analysis all("", "L'armée azerbaïdjanaise a bombardé Goris hier.", "fr");
  ASSERT_EQ(all->events.size(), 1u);
  EXPECT_GT(all->events[0].event.confidence, 0);
}

TEST(Resources, TheKindTableTheLexiconsAndTheGazetteer) {
  const ExtractResources& r = pass_test::Resources();
  ASSERT_NE(r.kinds, nullptr);
  EXPECT_EQ(r.kinds, r.kind_table.get());
  EXPECT_NE(r.kinds->Find("shelling"), nullptr);
  for (const char* lang : {"fr", "en", "ru"}) EXPECT_NE(r.LexiconFor(lang), nullptr) << lang;
  EXPECT_EQ(r.LexiconFor("es"), nullptr);
  EXPECT_NE(r.gazetteer, nullptr);
  EXPECT_NE(r.territory, nullptr);
  EXPECT_NE(r.geoparser, nullptr);
}

}  // namespace
}  // namespace tocsin::extract
