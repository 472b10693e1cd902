// Tests of the PostgreSQL store only (the tests every backend passes are EveryBackendStoreTest in
// store_test.cc): schema checks, the PostGIS index, concurrent writers, reconnection.
// Skipped when TOCSIN_TEST_PG is not set.
#include "tocsin/store/pg_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <thread>

#include "pg_test_util.h"
#include "tocsin/store/store.h"

namespace tocsin::store {
namespace {

namespace fs = std::filesystem;

TEST(PgStoreTest, RecognisesLocationsAndHidesPasswords) {
  EXPECT_TRUE(IsPostgresLocation("postgresql://u@h:5432/db"));
  EXPECT_TRUE(IsPostgresLocation("postgres://h/db"));
  EXPECT_FALSE(IsPostgresLocation("tocsin.db"));
  EXPECT_FALSE(IsPostgresLocation("sqlite:postgresql.db"));
  EXPECT_EQ(RedactUrl("postgresql://u:pw@h:5/d"), "postgresql://u:***@h:5/d");
  EXPECT_EQ(RedactUrl("postgresql://u@h:5/d"), "postgresql://u@h:5/d");
}

TEST(PgStoreTest, RefusesForeignSchemasNewerVersionsAndEmptyReadOnly) {
  TOCSIN_REQUIRE_PG();
  test::PgSchema a;
  ASSERT_EQ(a.error(), "");
  OpenOptions ro;
  ro.read_only = true;
  auto empty = OpenStore(a.url(), ro);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kNotFound) << empty.status().message();
  EXPECT_NE(empty.status().message().find("tocsin ingest"), std::string::npos);

  // Another application's tables: refused, untouched.
  test::PgSchema b;
  ASSERT_EQ(test::PgExec(b.url(), "CREATE TABLE orders(id int); INSERT INTO orders VALUES (7)"),
            "");
  auto foreign = OpenStore(b.url(), {});
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().code(), StatusCode::kCorruption);
  EXPECT_NE(foreign.status().message().find("not a tocsin database"), std::string::npos)
      << foreign.status().message();
  EXPECT_EQ(test::PgValue(b.url(), "SELECT count(*) FROM orders"), "1");
  EXPECT_EQ(test::PgValue(b.url(), "SELECT to_regclass('documents') IS NULL"), "t");

  // A schema written by a newer tocsin.
  { ASSERT_TRUE(OpenStore(a.url(), {}).ok()); }
  ASSERT_EQ(test::PgExec(a.url(), "UPDATE meta SET value = '99' WHERE key = 'schema_version'"),
            "");
  auto newer = OpenStore(a.url(), {});
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(newer.status().message().find("newer tocsin"), std::string::npos);
}

// Regression: two workers started together on an empty database both tried to create the
// schema ("relation meta already exists").
TEST(PgStoreTest, WritersOpeningAnEmptyStoreTogetherCreateItOnce) {
  TOCSIN_REQUIRE_PG();
  test::PgSchema s;
  ASSERT_EQ(s.error(), "");
  std::vector<std::string> errors(6);
  std::vector<std::thread> t;
  for (int i = 0; i < 6; ++i)
    t.emplace_back([&, i] {
      auto st = OpenStore(s.url(), {});
      if (!st.ok()) errors[i] = st.status().message();
    });
  for (auto& x : t) x.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(test::PgValue(s.url(), "SELECT value FROM meta WHERE key = 'schema_version'"),
            std::to_string(kSchemaVersion));
}

extract::Event Mention(const std::string& id, const std::string& date, double lat, double lon) {
  extract::Event e;
  e.id = id;
  e.kind = "shelling";
  e.cameo = "195";
  e.violent = true;
  e.acled_event_type = "Explosions/Remote violence";
  e.date = date;
  extract::Actor a;
  a.code = "RUS";
  a.name = "Russia";
  e.actor1 = a;
  a.code = "UKR";
  a.name = "Ukraine";
  e.actor2 = a;
  extract::Place p;
  p.name = "P" + std::to_string(static_cast<int>(lat * 100));
  p.lat = lat;
  p.lon = lon;
  p.country = "UKR";
  p.geonameid = static_cast<int64_t>(lat * 100) * 1000 + static_cast<int64_t>(lon * 100);
  p.precision = 1;
  e.places.push_back(p);
  e.evidence.sentence = "sentence of " + id;
  e.confidence = 0.8;
  return e;
}

TEST(PgStoreTest, BboxQueriesUseTheGistIndex) {
  TOCSIN_REQUIRE_PG();
  test::PgSchema s;
  ASSERT_EQ(s.error(), "");
  auto st = OpenStore(s.url(), {});
  ASSERT_TRUE(st.ok()) << st.status().message();
  extract::Extraction x;
  x.events = {Mention("a#e1", "2024-03-01", 48.5, 35.0)};
  Document d;
  d.id = "a";
  d.text = "a";
  d.date = "2024-03-01";
  ASSERT_TRUE((*st)->Ingest(d, x).ok());
  std::string plan = test::PgValue(
      s.url(), "SET enable_seqscan = off; EXPLAIN SELECT e.id FROM events e WHERE e.span &&& "
               "ST_MakeLine(ST_MakePoint(34, 48, 19700), ST_MakePoint(36, 49, 19800))");
  EXPECT_NE(plan.find("events_space_time"), std::string::npos) << plan;
  EventQuery q;
  q.bbox = std::array<double, 4>{34, 48, 36, 49};
  EXPECT_EQ((*st)->QueryEvents(q)->total, 1);
  q.since = "2024-03-01";  // the box and the dates: one index
  q.until = "2024-03-01";
  EXPECT_EQ((*st)->QueryEvents(q)->total, 1);
  q.since = "2024-03-02";
  q.until = "";
  EXPECT_EQ((*st)->QueryEvents(q)->total, 0);
  q.since = "";
  q.bbox = std::array<double, 4>{35.5, 48, 36, 49};
  EXPECT_EQ((*st)->QueryEvents(q)->total, 0);
  // An event widened by a later mention: its index entry follows its dates.
  x.events = {Mention("b#e1", "2024-03-02", 48.5, 35.0)};
  d.id = "b";
  d.text = "b";
  d.date = "2024-03-02";
  ASSERT_TRUE((*st)->Ingest(d, x).ok());
  q.bbox = std::array<double, 4>{34, 48, 36, 49};
  q.since = "2024-03-02";
  q.until = "2024-03-05";
  auto page = (*st)->QueryEvents(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->events[0].date_start, "2024-03-01");
}

TEST(PgStoreTest, ReconnectsWhenTheServerDropsTheConnection) {
  TOCSIN_REQUIRE_PG();
  test::PgSchema s;
  ASSERT_EQ(s.error(), "");
  std::string url = s.url() + "&application_name=" + s.name();
  auto st = OpenStore(url, {});
  ASSERT_TRUE(st.ok()) << st.status().message();
  auto ingest = [&](const std::string& id) {
    Document d;
    d.id = id;
    d.text = "text " + id;
    d.date = "2024-03-01";
    extract::Extraction x;
    x.events = {Mention(id + "#e1", "2024-03-01", 48.5, 35.0)};
    return (*st)->Ingest(d, x);
  };
  ASSERT_TRUE(ingest("a").ok());
  // What a server restart does to the writer's session.
  ASSERT_EQ(test::PgValue(test::EnvOr("TOCSIN_TEST_PG"),
                          "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                          "WHERE application_name = '" + s.name() + "'"),
            "1");
  auto b = ingest("b");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->merged, 1);
  EXPECT_EQ(test::PgValue(s.url(), "SELECT count(*) FROM documents"), "2");
}

TEST(PgStoreTest, ADocumentPostgresCannotHoldIsRefusedAlone) {
  TOCSIN_REQUIRE_PG();
  test::PgSchema s;
  ASSERT_EQ(s.error(), "");
  auto st = OpenStore(s.url(), {});
  ASSERT_TRUE(st.ok()) << st.status().message();
  Document bad;
  bad.id = "bad";
  bad.origin = "in.jsonl:2";
  bad.text = std::string("before\0after", 12);
  bad.date = "2024-03-01";
  auto r = (*st)->Ingest(bad, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("in.jsonl:2: field text holds a NUL byte"),
            std::string::npos)
      << r.status().message();
  // The next document is stored as usual.
  Document good = bad;
  good.id = "good";
  good.text = "fine";
  auto g = (*st)->Ingest(good, {});
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_FALSE(g->duplicate);
  EXPECT_EQ(test::PgValue(s.url(), "SELECT count(*) FROM documents"), "1");
}

// A corpus whose fusion does not depend on the order of the documents: 30 true events (10
// places 1 degree apart on each of 3 days 5 days apart), each reported by 3 to 7 documents
// within a day and 2 km, each document with a casualty claim; some documents carry mentions of
// two events. Without locking, concurrent writers split events (two writers both start one).
struct Corpus {
  std::vector<std::pair<Document, extract::Extraction>> docs;
};

Corpus MakeCorpus() {
  Corpus c;
  std::mt19937 rng(18);
  std::uniform_real_distribution<double> jitter(-0.01, 0.01);
  std::uniform_int_distribution<int> reports(3, 7), extra(0, 3), killed(1, 12);
  int n = 0;
  for (int day = 0; day < 3; ++day) {
    for (int place = 0; place < 10; ++place) {
      int k = reports(rng);
      for (int r = 0; r < k; ++r) {
        std::string id = "d" + std::to_string(n++);
        std::string date = "2024-03-" + std::string(day * 5 + 1 + r % 2 < 10 ? "0" : "") +
                           std::to_string(day * 5 + 1 + r % 2);
        Document d;
        d.id = id;
        d.title = id;
        d.text = "report " + id;
        d.date = date;
        d.source = "wire" + std::to_string(n % 4);
        extract::Extraction x;
        x.events.push_back(
            Mention(id + "#e1", date, 46.0 + place + jitter(rng), 33.0 + jitter(rng)));
        if (extra(rng) == 0) {  // also mentions the event of the next place
          int other = (place + 1) % 10;
          x.events.push_back(
              Mention(id + "#e2", date, 46.0 + other + jitter(rng), 33.0 + jitter(rng)));
        }
        extract::Casualty cas;
        cas.id = id + "#c1";
        cas.event_id = id + "#e1";
        cas.count = killed(rng);
        cas.qualifier = "exact";
        cas.victims = "killed";
        x.casualties.push_back(cas);
        c.docs.emplace_back(std::move(d), std::move(x));
      }
    }
  }
  return c;
}

// Each event as the sorted list of its mentions, with its date range and fatality figures.
std::multiset<std::string> Partition(Store& s) {
  std::multiset<std::string> out;
  Status st = s.ForEachEvent({}, [&](const EventDetail& d) {
    std::vector<std::string> ids;
    for (const auto& r : d.sources) ids.push_back(r.mention_id);
    std::sort(ids.begin(), ids.end());
    std::string key = d.event.date_start + ".." + d.event.date_end + " docs " +
                      std::to_string(d.event.documents) + " killed " +
                      std::to_string(d.event.fatalities.figure) + "/" +
                      std::to_string(d.event.fatalities.low) + "-" +
                      std::to_string(d.event.fatalities.high) + ":";
    for (const auto& id : ids) key += " " + id;
    out.insert(key);
    return true;
  });
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

TEST(PgStoreTest, FourConcurrentWritersGiveTheSerialResult) {
  TOCSIN_REQUIRE_PG();
  Corpus corpus = MakeCorpus();
  // Serial reference: SQLite, in corpus order.
  fs::path dir = fs::temp_directory_path() / ("tocsin-pg-serial-" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::multiset<std::string> serial;
  {
    auto ref = OpenStore((dir / "serial.db").string(), {});
    ASSERT_TRUE(ref.ok());
    for (const auto& [d, x] : corpus.docs) ASSERT_TRUE((*ref)->Ingest(d, x).ok());
    serial = Partition(**ref);
  }
  fs::remove_all(dir);
  ASSERT_EQ(serial.size(), 30u);

  test::PgSchema s;
  ASSERT_EQ(s.error(), "");
  { ASSERT_TRUE(OpenStore(s.url(), {}).ok()); }  // the schema, created once
  // Shuffled, split round-robin over four writers; every 7th document is also given to the
  // next writer (at-least-once delivery: it must be stored once).
  std::vector<size_t> order(corpus.docs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(4));
  std::vector<std::vector<size_t>> work(4);
  for (size_t i = 0; i < order.size(); ++i) {
    work[i % 4].push_back(order[i]);
    if (i % 7 == 0) work[(i + 1) % 4].push_back(order[i]);
  }
  std::vector<std::string> errors(4);
  std::vector<int> stored(4, 0), duplicates(4, 0);
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      auto st = OpenStore(s.url(), {});
      if (!st.ok()) {
        errors[w] = st.status().message();
        return;
      }
      for (size_t i : work[w]) {
        auto r = (*st)->Ingest(corpus.docs[i].first, corpus.docs[i].second);
        if (!r.ok()) {
          errors[w] = r.status().message();
          return;
        }
        (r->duplicate ? duplicates : stored)[w]++;
      }
    });
  }
  for (auto& t : writers) t.join();
  for (const auto& e : errors) ASSERT_EQ(e, "");
  int total_stored = 0, total_dup = 0;
  for (int w = 0; w < 4; ++w) {
    total_stored += stored[w];
    total_dup += duplicates[w];
  }
  EXPECT_EQ(total_stored, static_cast<int>(corpus.docs.size()));
  EXPECT_EQ(total_dup, static_cast<int>((order.size() + 6) / 7));
  auto st = OpenStore(s.url(), {});
  ASSERT_TRUE(st.ok());
  auto stats = (*st)->GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, static_cast<int64_t>(corpus.docs.size()));
  EXPECT_EQ(stats->events, 30);
  EXPECT_EQ(test::PgValue(s.url(), "SELECT sum(documents) FROM sources"),
            std::to_string(corpus.docs.size()));
  std::multiset<std::string> concurrent = Partition(**st);
  EXPECT_EQ(concurrent, serial);
}

}  // namespace
}  // namespace tocsin::store
