#include "tocsin/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <filesystem>
#include <fstream>

#include "internal.h"
#include "pg_test_util.h"
#include "tocsin/store/export.h"

namespace tocsin::store {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = fs::temp_directory_path() /
           ("tocsin-store-test-" + std::to_string(getpid()) + "-" + std::to_string(n++));
    fs::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static Document Doc(const std::string& id, const std::string& date, const std::string& text) {
    Document d;
    d.id = id;
    d.title = id;
    d.text = text;
    d.date = date;
    d.source = "src-" + id;
    return d;
  }
  static extract::Event Ev(const std::string& id, const std::string& kind,
                           const std::string& date, double lat, double lon,
                           const std::string& a1, const std::string& a2) {
    extract::Event e;
    e.id = id;
    e.kind = kind;
    e.cameo = "194";
    e.violent = true;
    e.acled_event_type = "Explosions/Remote violence";
    e.acled_sub_event_type = "Shelling/artillery/missile attack";
    e.date = date;
    extract::Actor x;
    x.code = a1;
    x.name = a1;
    e.actor1 = x;
    x.code = a2;
    x.name = a2;
    e.actor2 = x;
    extract::Place p;
    p.name = "Place" + std::to_string(int(lat));
    p.lat = lat;
    p.lon = lon;
    p.country = "UKR";
    p.geonameid = static_cast<int64_t>(lat * 1000);
    e.places.push_back(p);
    e.evidence.sentence = "sentence of " + id;
    e.evidence.end = 10;
    return e;
  }
  static extract::Casualty Cas(const std::string& id, const std::string& event_id, int64_t n) {
    extract::Casualty c;
    c.id = id;
    c.event_id = event_id;
    c.count = n;
    c.qualifier = "exact";
    c.victims = "killed";
    return c;
  }

  fs::path dir_;
  std::string db_;
};

// The tests every backend must pass: SQLite (a file) and PostgreSQL (a fresh schema of the
// TOCSIN_TEST_PG database; skipped when it is not set).
class EveryBackendStoreTest : public StoreTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (GetParam() == "postgresql") {
      TOCSIN_REQUIRE_PG();
      pg_ = std::make_unique<test::PgSchema>();
      ASSERT_EQ(pg_->error(), "");
    }
  }
  // Where the test's store lives.
  std::string Location() const { return pg_ ? pg_->url() : db_; }
  std::unique_ptr<test::PgSchema> pg_;
};
INSTANTIATE_TEST_SUITE_P(Backends, EveryBackendStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST_F(StoreTest, Sha256KnownVector) {
  internal::Sha256 h;
  h.Update("abc");
  EXPECT_EQ(h.HexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  internal::Sha256 h2;
  h2.Update(std::string(1000, 'a'));
  EXPECT_EQ(h2.HexDigest().size(), 64u);
}

TEST_P(EveryBackendStoreTest, FusesAcrossDocumentsKeepsSourcesAndClaims) {
  auto st = OpenStore(Location(), {});
  ASSERT_TRUE(st.ok()) << st.status().message();
  Store& s = **st;
  extract::Extraction x1, x2, x3;
  x1.events = {Ev("a#e1", "shelling", "2024-01-09", 46.63, 32.61, "RUS", "UKR")};
  x1.casualties = {Cas("a#c1", "a#e1", 3)};
  x2.events = {Ev("b#e1", "shelling", "2024-01-10", 46.64, 32.62, "RUS", "")};
  x2.casualties = {Cas("b#c1", "b#e1", 5)};
  x3.events = {Ev("c#e1", "shelling", "2024-01-10", 50.0, 36.2, "RUS", "UKR")};  // Kharkiv
  auto o1 = s.Ingest(Doc("a", "2024-01-09", "text a"), x1);
  auto o2 = s.Ingest(Doc("b", "2024-01-10", "text b"), x2);
  auto o3 = s.Ingest(Doc("c", "2024-01-10", "text c"), x3);
  ASSERT_TRUE(o1.ok() && o2.ok() && o3.ok());
  EXPECT_EQ(o1->new_events, 1);
  EXPECT_EQ(o2->merged, 1);
  EXPECT_EQ(o3->new_events, 1);
  // Idempotent.
  auto again = s.Ingest(Doc("a", "2024-01-09", "text a"), x1);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->duplicate);

  auto page = s.QueryEvents({});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 2);
  const EventRecord& e = page->events[0];
  EXPECT_EQ(e.documents, 2);
  EXPECT_EQ(e.date_start, "2024-01-09");
  EXPECT_EQ(e.date_end, "2024-01-10");
  EXPECT_EQ(e.fatalities.figure, 3);
  EXPECT_EQ(e.fatalities.high, 5);

  auto d = s.GetEvent(e.id);
  ASSERT_TRUE(d.ok() && d->has_value());
  ASSERT_EQ((*d)->sources.size(), 2u);
  EXPECT_EQ((*d)->sources[1].doc_id, "b");
  EXPECT_EQ((*d)->sources[1].evidence.sentence, "sentence of b#e1");
  EXPECT_EQ((*d)->claims.size(), 2u);
  std::string json;
  AppendEventJson(**d, json);
  EXPECT_NE(json.find("\"sources\":[{\"doc_id\":\"a\""), std::string::npos) << json;
  // Why b joined a's event: both located 1.3 km apart, a day later, the same attacker.
  EXPECT_FALSE((*d)->sources[0].merge);
  ASSERT_TRUE((*d)->sources[1].merge);
  const fuse::MergeReason& why = *(*d)->sources[1].merge;
  EXPECT_EQ(why.rule, "same_place");
  EXPECT_GT(why.score, 0.5);  // a day apart: 0.5 plus the distance
  EXPECT_LT(why.score, 0.6);
  EXPECT_EQ(why.shared, (std::vector<std::string>{"kind shelling", "date within 1 day",
                                                  "place 1.3 km", "actor RUS"}));
  EXPECT_NE(json.find("\"merge\":{\"rule\":\"same_place\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"joins\":1"), std::string::npos) << json;

  auto doc = s.GetDocument("b");
  ASSERT_TRUE(doc.ok() && doc->has_value());
  EXPECT_EQ((*doc)->text, "text b");
  EXPECT_EQ((*doc)->source, "src-b");

  int mentions = 0;
  ASSERT_TRUE(s.ForEachMention([&](const StoredMention& m) {
                 ++mentions;
                 EXPECT_FALSE(m.doc_date.empty());
                 EXPECT_TRUE(m.extracted.violent);
                 EXPECT_EQ(m.extracted.places.size(), 1u);
                 return true;
               }).ok());
  EXPECT_EQ(mentions, 3);
  auto stats = s.GetStats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->documents, 3);
  EXPECT_EQ(stats->events, 2);
  EXPECT_EQ(stats->multi_source_events, 1);
}

TEST_P(EveryBackendStoreTest, ADocumentsMentionsOfOneEventWidenItOnce) {
  // Three reports of one strike in one document, the first without its author, then a later
  // document: the event counts every mention and each document once, spans their days, and
  // takes the first author named and the first place told.
  auto st = OpenStore(Location(), {});
  ASSERT_TRUE(st.ok()) << st.status().message();
  Store& s = **st;
  extract::Extraction x;
  x.events = {Ev("a#e1", "shelling", "2024-01-10", 46.63, 32.61, "", "UKR"),
              Ev("a#e2", "shelling", "2024-01-09", 46.64, 32.62, "RUS", "UKR"),
              Ev("a#e3", "shelling", "2024-01-10", 46.65, 32.63, "", "UKR")};
  x.events[1].confidence = 0.7;
  auto o = s.Ingest(Doc("a", "2024-01-10", "text a"), x);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->new_events + o->merged, 3);
  extract::Extraction y;
  y.events = {Ev("b#e1", "shelling", "2024-01-11", 46.63, 32.61, "RUS", "UKR")};
  ASSERT_TRUE(s.Ingest(Doc("b", "2024-01-11", "text b"), y).ok());
  auto page = s.QueryEvents({});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  const EventRecord& e = page->events[0];
  EXPECT_EQ(e.mentions, 4);
  EXPECT_EQ(e.documents, 2);
  EXPECT_EQ(e.date_start, "2024-01-09");
  EXPECT_EQ(e.date_end, "2024-01-11");
  EXPECT_EQ(e.actor1, "RUS");
  EXPECT_EQ(e.actor2, "UKR");
  ASSERT_TRUE(e.lat.has_value());
  EXPECT_DOUBLE_EQ(*e.lat, 46.63);
  EXPECT_DOUBLE_EQ(e.confidence, 0.7);
}

TEST_P(EveryBackendStoreTest, QueriesFilterAndPage) {
  auto st = OpenStore(Location(), {});
  ASSERT_TRUE(st.ok());
  for (int i = 0; i < 10; ++i) {
    extract::Extraction x;
    std::string date = "2024-01-" + std::string(i + 1 < 10 ? "0" : "") + std::to_string(i + 1);
    x.events = {Ev("d" + std::to_string(i) + "#e1", "shelling", date, 40 + i, 30, "RUS", "UKR")};
    ASSERT_TRUE((*st)->Ingest(Doc("d" + std::to_string(i), date, "t" + std::to_string(i)), x).ok());
  }
  EventQuery q;
  q.since = "2024-01-03";
  q.until = "2024-01-05";
  auto p = (*st)->QueryEvents(q);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->total, 3);
  EventQuery b;
  b.bbox = std::array<double, 4>{29, 39.5, 31, 42.5};
  EXPECT_EQ((*st)->QueryEvents(b)->total, 3);
  EventQuery k;
  k.kinds = {"air_strike"};
  EXPECT_EQ((*st)->QueryEvents(k)->total, 0);
  EventQuery c;
  c.country = "ukr";
  EXPECT_EQ((*st)->QueryEvents(c)->total, 10);
  // Keyset paging covers every event once.
  EventQuery pg;
  pg.limit = 4;
  int seen = 0;
  for (;;) {
    auto page = (*st)->QueryEvents(pg);
    ASSERT_TRUE(page.ok());
    seen += static_cast<int>(page->events.size());
    if (!page->more) break;
    pg.after_date = page->events.back().date_start;
    pg.after_id = page->events.back().id;
  }
  EXPECT_EQ(seen, 10);
}

// What `tocsin serve` asks of a store too large for its in-memory index (paged mode).
TEST_P(EveryBackendStoreTest, ActorsViolenceNewestFirstCountsAndMentionLookup) {
  auto st = OpenStore(Location(), {});
  ASSERT_TRUE(st.ok());
  for (int i = 0; i < 6; ++i) {
    extract::Extraction x;
    std::string date = "2024-02-0" + std::to_string(i + 1);
    extract::Event e = Ev("p" + std::to_string(i) + "#e1", i % 3 == 2 ? "protest" : "shelling",
                          date, 40 + i, 30, i % 2 ? "AZE" : "RUS", "UKR");
    e.violent = i % 3 != 2;
    x.events = {e};
    x.casualties = {Cas("p" + std::to_string(i) + "#c1", e.id, i + 1)};
    ASSERT_TRUE((*st)->Ingest(Doc("p" + std::to_string(i), date, "u" + std::to_string(i)), x).ok());
  }
  EventQuery a;
  a.actors = {"AZE"};
  EXPECT_EQ((*st)->QueryEvents(a)->total, 3);  // days 2, 4, 6
  a.actors = {"UKR"};                          // as actor2
  EXPECT_EQ((*st)->QueryEvents(a)->total, 6);
  EventQuery v;
  v.violent_only = true;
  EXPECT_EQ((*st)->QueryEvents(v)->total, 4);  // not the protests of days 3 and 6

  // Newest first, with keyset paging in that order.
  EventQuery d;
  d.descending = true;
  d.limit = 4;
  auto first = (*st)->QueryEvents(d);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->events.size(), 4u);
  EXPECT_EQ(first->events[0].date_start, "2024-02-06");
  EXPECT_EQ(first->events[3].date_start, "2024-02-03");
  EXPECT_TRUE(first->more);
  d.after_date = first->events.back().date_start;
  d.after_id = first->events.back().id;
  auto second = (*st)->QueryEvents(d);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->events.size(), 2u);
  EXPECT_EQ(second->events[0].date_start, "2024-02-02");
  EXPECT_FALSE(second->more);

  // Counts over a filter: days, fatalities, facets (both actors of each event).
  EventQuery c;
  c.since = "2024-02-02";
  c.until = "2024-02-04";
  auto counts = (*st)->CountEvents(c);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->events, 3);
  EXPECT_EQ(counts->fatalities, 2 + 3 + 4);
  ASSERT_EQ(counts->by_day.size(), 3u);
  EXPECT_EQ(counts->by_day[1].date, "2024-02-03");
  EXPECT_EQ(counts->by_day[1].fatalities, 3);
  EXPECT_EQ(counts->by_kind["shelling"], 2);
  EXPECT_EQ(counts->by_kind["protest"], 1);
  EXPECT_EQ(counts->by_actor["UKR"], 3);
  EXPECT_EQ(counts->by_actor["AZE"], 2);
  EXPECT_EQ(counts->by_country["UKR"], 3);

  // A mention id names its fused event; unknown ids name none.
  auto e3 = (*st)->EventOfMention("p3#e1");
  ASSERT_TRUE(e3.ok());
  auto detail = (*st)->GetEvent(*e3);
  ASSERT_TRUE(detail.ok() && detail->has_value());
  EXPECT_EQ((*detail)->event.date_start, "2024-02-04");
  EXPECT_EQ(*(*st)->EventOfMention("p3#e9"), 0);
  EXPECT_EQ(*(*st)->EventOfMention("nowhere#e1"), 0);
  EXPECT_EQ(*(*st)->EventOfMention("no-hash"), 0);
}

TEST_P(EveryBackendStoreTest, ReopenReloadsTheFusionIndex) {
  {
    auto st = OpenStore(Location(), {});
    ASSERT_TRUE(st.ok());
    extract::Extraction x;
    x.events = {Ev("a#e1", "shelling", "2024-01-09", 46.63, 32.61, "RUS", "UKR")};
    ASSERT_TRUE((*st)->Ingest(Doc("a", "2024-01-09", "a"), x).ok());
  }
  auto st = OpenStore(Location(), {});
  ASSERT_TRUE(st.ok());
  extract::Extraction x;
  x.events = {Ev("b#e1", "shelling", "2024-01-09", 46.63, 32.61, "RUS", "UKR")};
  auto o = (*st)->Ingest(Doc("b", "2024-01-09", "b"), x);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->merged, 1);
}

// A store of schema version 1 (before mentions.merge) is migrated when opened for writing:
// its old mentions have no reason, new ones do.
TEST_F(StoreTest, SchemaVersion1IsMigratedAndKeepsItsEvents) {
  {
    auto st = OpenStore(db_, {});
    ASSERT_TRUE(st.ok());
    extract::Extraction x;
    x.events = {Ev("a#e1", "shelling", "2024-01-09", 46.63, 32.61, "RUS", "UKR")};
    ASSERT_TRUE((*st)->Ingest(Doc("a", "2024-01-09", "text a"), x).ok());
  }
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "ALTER TABLE mentions DROP COLUMN merge; PRAGMA user_version=1",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  OpenOptions ro;
  ro.read_only = true;
  auto old = OpenStore(db_, ro);
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.status().message().find("open it once for writing"), std::string::npos)
      << old.status().message();
  auto st = OpenStore(db_, {});
  ASSERT_TRUE(st.ok()) << st.status().message();
  extract::Extraction x;
  x.events = {Ev("b#e1", "shelling", "2024-01-09", 46.64, 32.62, "RUS", "UKR")};
  auto o = (*st)->Ingest(Doc("b", "2024-01-09", "text b"), x);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->merged, 1);
  auto d = (*st)->GetEvent((*st)->QueryEvents({})->events[0].id);
  ASSERT_TRUE(d.ok() && d->has_value());
  ASSERT_EQ((*d)->sources.size(), 2u);
  EXPECT_FALSE((*d)->sources[0].merge);
  ASSERT_TRUE((*d)->sources[1].merge);
  EXPECT_EQ((*d)->sources[1].merge->rule, "same_place");
  EXPECT_EQ((*st)->GetStats()->schema_version, kSchemaVersion);
}

TEST_F(StoreTest, RefusesForeignAndDamagedFiles) {
  {
    std::ofstream(db_) << "this is a text file, not a database\n";
  }
  auto a = OpenStore(db_, {});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kCorruption);
  EXPECT_NE(a.status().message().find("not a tocsin database"), std::string::npos);
  EXPECT_EQ(std::ifstream(db_).get(), 't');  // untouched

  fs::remove(db_);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  auto b = OpenStore(db_, {});
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("another application"), std::string::npos);

  fs::remove(db_);
  {
    auto st = OpenStore(db_, {});
    ASSERT_TRUE(st.ok());
    for (int i = 0; i < 50; ++i) {
      extract::Extraction x;
      x.events = {Ev("d#e1", "shelling", "2024-01-09", 46.6, 32.6, "RUS", "UKR")};
      ASSERT_TRUE((*st)->Ingest(Doc("d" + std::to_string(i), "2024-01-09",
                                    std::string(2000, 'x') + std::to_string(i)), x).ok());
    }
  }
  // Damage pages in the middle of the file.
  {
    std::fstream f(db_, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 3);
    std::string junk(4096 * 4, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto c = OpenStore(db_, {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kCorruption) << c.status().message();
  EXPECT_NE(c.status().message().find("damaged"), std::string::npos) << c.status().message();
}

TEST_F(StoreTest, ReadOnlyNeedsAnExistingStore) {
  OpenOptions ro;
  ro.read_only = true;
  auto st = OpenStore(db_, ro);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.status().code(), StatusCode::kNotFound);
  // Nothing listens on port 1: a clear error naming the server, not a crash.
  auto pg = OpenStore("postgresql://tocsin:secret@127.0.0.1:1/x", {});
  ASSERT_FALSE(pg.ok());
  EXPECT_EQ(pg.status().code(), StatusCode::kIoError);
  EXPECT_NE(pg.status().message().find("cannot connect to PostgreSQL"), std::string::npos)
      << pg.status().message();
  EXPECT_EQ(pg.status().message().find("secret"), std::string::npos) << pg.status().message();
}

TEST_P(EveryBackendStoreTest, ExportFormats) {
  auto st = OpenStore(Location(), {});
  ASSERT_TRUE(st.ok());
  extract::Extraction x;
  x.events = {Ev("a#e1", "shelling", "2024-01-09", 46.63, 32.61, "RUS", "UKR")};
  ASSERT_TRUE((*st)->Ingest(Doc("a", "2024-01-09", "a, \"quoted\""), x).ok());
  for (const std::string& f : ExportFormats()) {
    Exporter ex(f);
    std::string out;
    ex.Begin(out);
    ASSERT_TRUE((*st)->ForEachEvent({}, [&](const EventDetail& d) {
                       ex.Event(d, out);
                       return true;
                     }).ok());
    ex.End(out);
    EXPECT_FALSE(out.empty()) << f;
    if (f == "gdelt-tsv") {
      EXPECT_EQ(std::count(out.begin(), out.end(), '\t'), 60) << out;
    }
    if (f == "geojson") {
      EXPECT_NE(out.find("\"coordinates\":[32.61,46.63]"), std::string::npos) << out;
    }
  }
}

// Whether another process could take a write lock on SQLite's shared-lock bytes of `path`:
// false while some process (this one) holds its WAL-mode SHARED lock.
bool OtherProcessCouldLockExclusively(const std::string& path) {
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    struct flock lk = {};
    lk.l_type = F_WRLCK;
    lk.l_whence = SEEK_SET;
    lk.l_start = 0x40000002;  // SQLite's SHARED_FIRST
    lk.l_len = 510;           // SHARED_SIZE
    const int rc = fd >= 0 ? fcntl(fd, F_GETLK, &lk) : -1;
    _exit(rc != 0 ? 2 : lk.l_type == F_UNLCK ? 0 : 1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// Issue 15: Open read the file header with an ifstream; closing it dropped every POSIX lock of
// the process on the database, so another process could delete the WAL under a running server.
TEST_F(StoreTest, OpeningASecondStoreKeepsTheLocksOfTheFirst) {
  auto first = OpenStore(db_, {});
  ASSERT_TRUE(first.ok()) << first.status().message();
  extract::Extraction x;
  ASSERT_TRUE((*first)->Ingest(Doc("a", "2024-01-09", "text a"), x).ok());
  ASSERT_FALSE(OtherProcessCouldLockExclusively(db_)) << "WAL mode holds a shared lock";
  OpenOptions ro;
  ro.read_only = true;
  auto second = OpenStore(db_, ro);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_FALSE(OtherProcessCouldLockExclusively(db_))
      << "opening a second store dropped the first one's lock on " << db_;
  auto third = OpenStore(db_, {});
  ASSERT_TRUE(third.ok()) << third.status().message();
  EXPECT_FALSE(OtherProcessCouldLockExclusively(db_));
}

TEST_F(StoreTest, AFileThatIsNotSqliteIsRefusedAndUntouched) {
  const std::string junk = "this is a text file, not a database\n" + std::string(5000, 'x');
  { std::ofstream(db_, std::ios::binary) << junk; }
  auto st = OpenStore(db_, {});
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.status().message().find("not an SQLite database"), std::string::npos)
      << st.status().message();
  std::ifstream in(db_, std::ios::binary);
  std::string after((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(after, junk);
  EXPECT_FALSE(fs::exists(db_ + "-wal"));
}

// Two stores (as two processes would) ingesting the same document: stored once, the second
// a duplicate, never a constraint failure.
TEST_F(StoreTest, SameDocumentFromTwoConnectionsIsStoredOnce) {
  auto a = OpenStore(db_, {});
  ASSERT_TRUE(a.ok());
  auto b = OpenStore(db_, {});
  ASSERT_TRUE(b.ok());
  extract::Extraction x;
  auto oa = (*a)->Ingest(Doc("same", "2024-01-09", "same text"), x);
  auto ob = (*b)->Ingest(Doc("same", "2024-01-09", "same text"), x);
  ASSERT_TRUE(oa.ok()) << oa.status().message();
  ASSERT_TRUE(ob.ok()) << ob.status().message();
  EXPECT_FALSE(oa->duplicate);
  EXPECT_TRUE(ob->duplicate);
  EXPECT_EQ((*a)->GetStats()->documents, 1);
}

// A second writer waits for the first one's transaction (busy timeout) instead of failing at
// once with "database is locked" (issue 15).
TEST_F(StoreTest, ASecondWriterWaitsForTheFirstOnesTransaction) {
  auto st = OpenStore(db_, {});
  ASSERT_TRUE(st.ok()) << st.status().message();
  extract::Extraction x;
  ASSERT_TRUE((*st)->Ingest(Doc("a", "2024-01-09", "text a"), x).ok());
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  std::thread release([other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  });
  const auto t0 = std::chrono::steady_clock::now();
  auto o = (*st)->Ingest(Doc("b", "2024-01-10", "text b"), x);
  const auto waited = std::chrono::steady_clock::now() - t0;
  release.join();
  sqlite3_close(other);
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_FALSE(o->duplicate);
  EXPECT_GE(waited, std::chrono::milliseconds(1000));
  EXPECT_EQ((*st)->GetStats()->documents, 2);
}

}  // namespace
}  // namespace tocsin::store
