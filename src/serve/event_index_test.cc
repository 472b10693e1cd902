#include "event_index.h"

#include <gtest/gtest.h>

namespace tocsin::serve {
namespace {

IndexedEvent Row(std::string id, std::string date, std::string kind, std::vector<std::string> actors,
                 std::vector<std::string> countries, std::string doc) {
  IndexedEvent r;
  r.id = std::move(id);
  r.date = std::move(date);
  r.kind = std::move(kind);
  r.actors = std::move(actors);
  r.countries = std::move(countries);
  r.territories = {"sovereign"};
  r.doc_ids = {std::move(doc)};
  r.summary = "{\"id\":\"" + r.id + "\"}";
  return r;
}

EventIndex Sample() {
  EventIndex idx;
  auto& rows = idx.mutable_rows();
  rows.push_back(Row("c", "2022-09-14", "armed_clash", {"ARM", "AZE"}, {"ARM"}, "d2"));
  rows.push_back(Row("a", "2022-09-13", "shelling", {"AZE", "ARM", "AZE"}, {"ARM", "ARM"}, "d1"));
  rows.push_back(Row("u", "", "shelling", {"AZE"}, {"ARM"}, "d3"));  // undated
  rows.push_back(Row("b", "2022-09-13", "ceasefire", {"RUS"}, {}, "d1"));
  idx.Rebuild();
  return idx;
}

std::vector<std::string> Ids(const EventPage& p) {
  std::vector<std::string> out;
  for (const auto& s : p.events) out.push_back(s.substr(7, s.size() - 9));
  return out;
}

TEST(EventIndex, RebuildSortsByDateThenIdAndReportsNewPositions) {
  EventIndex idx;
  auto& rows = idx.mutable_rows();
  rows.push_back(Row("z", "2022-09-14", "shelling", {}, {}, "d"));
  rows.push_back(Row("y", "2022-09-13", "shelling", {}, {}, "d"));
  std::vector<size_t> where = idx.Rebuild();
  EXPECT_EQ(idx.rows()[0].id, "y");
  EXPECT_EQ(where, (std::vector<size_t>{1, 0}));
}

TEST(EventIndex, FiltersByKindActorCountryAndDocument) {
  EventIndex idx = Sample();
  EventFilter f;
  f.kinds = {"shelling", "armed_clash"};
  f.countries = {"ARM"};
  f.ascending = true;
  EXPECT_EQ(Ids(idx.List(f)), (std::vector<std::string>{"u", "a", "c"}));
  f.actors = {"RUS", "ARM"};
  EXPECT_EQ(Ids(idx.List(f)), (std::vector<std::string>{"a", "c"}));
  EventFilter by_doc;
  by_doc.doc_id = "d1";
  EXPECT_EQ(idx.List(by_doc).total, 2u);
}

TEST(EventIndex, UnknownValuesMatchNothingAndUndatedRowsStayOutOfDateRanges) {
  EventIndex idx = Sample();
  EventFilter unknown;
  unknown.kinds = {"no_such_kind"};
  EXPECT_EQ(idx.List(unknown).total, 0u);
  EventFilter to;
  to.to = "2022-09-13";
  EXPECT_EQ(Ids(idx.List(to)), (std::vector<std::string>{"b", "a"}));  // newest first, no "u"
  EventFilter from;
  from.from = "2022-09-14";
  EXPECT_EQ(Ids(idx.List(from)), (std::vector<std::string>{"c"}));
}

TEST(EventIndex, StatsCountEachEventOncePerValue) {
  EventIndex idx = Sample();
  EventFilter f;
  f.kinds = {"shelling"};
  std::string s = idx.StatsPrefix(f) + "}";
  // "a" lists AZE twice and ARM twice: counted once each.
  EXPECT_NE(s.find("\"events\":2"), std::string::npos) << s;
  EXPECT_NE(s.find("\"by_actor\":{\"ARM\":1,\"AZE\":2}"), std::string::npos) << s;
  EXPECT_NE(s.find("\"by_country\":{\"ARM\":2}"), std::string::npos) << s;
  EXPECT_NE(s.find("\"by_day\":[{\"date\":\"2022-09-13\",\"events\":1"), std::string::npos) << s;
  EXPECT_NE(idx.facets_json().find("\"first_date\":\"2022-09-13\""), std::string::npos);
}

TEST(EventIndex, FiltersBySourceLanguageAndByActorOrPlaceName) {
  EventIndex idx;
  auto& rows = idx.mutable_rows();
  IndexedEvent a = Row("a", "2024-01-10", "drone_strike", {"UKR"}, {"RUS"}, "lemonde");
  // Two sources (French and English) of one fused event; Belgorod as written in French.
  a.detail = R"({"id":"a","actor1":{"code":"UKR","name":"Ukraine"},"places":[{"name":"Belgorod",)"
             R"("text":"Belgorod","country":"RUS"}],"mentions":[{"lang":"fr"},{"lang":"en"}]})";
  IndexedEvent b = Row("b", "2022-09-13", "shelling", {"AZE"}, {"ARM"}, "seed-ru");
  b.detail = R"({"id":"b","actor1":{"code":"AZE","name":"Azerbaijan"},"places":[{"name":"Goris",)"
             R"("text":"Горисе","country":"ARM"}],"mentions":[{"lang":"ru"}]})";
  rows.push_back(a);
  rows.push_back(b);
  idx.Rebuild();
  EventFilter en;
  en.langs = {"en"};
  EXPECT_EQ(Ids(idx.List(en)), (std::vector<std::string>{"a"}));
  en.langs = {"ru", "en"};
  EXPECT_EQ(idx.List(en).total, 2u);
  en.langs = {"de"};
  EXPECT_EQ(idx.List(en).total, 0u);
  EventFilter q;
  q.text = "BELGO";  // case-insensitive, part of a name
  EXPECT_EQ(Ids(idx.List(q)), (std::vector<std::string>{"a"}));
  q.text = "Azerbaijan";
  EXPECT_EQ(Ids(idx.List(q)), (std::vector<std::string>{"b"}));
  q.text = "ГОРИС";  // the Russian spelling of the place
  EXPECT_EQ(Ids(idx.List(q)), (std::vector<std::string>{"b"}));
  q.text = "Kyiv";
  EXPECT_EQ(idx.List(q).total, 0u);
  // Stats and facets count languages.
  EXPECT_NE(idx.StatsPrefix(EventFilter{}).find("\"by_lang\":{\"en\":1,\"fr\":1,\"ru\":1}"),
            std::string::npos);
  EXPECT_NE(idx.facets_json().find("\"lang\":{\"en\":1,\"fr\":1,\"ru\":1}"), std::string::npos);
}

}  // namespace
}  // namespace tocsin::serve
