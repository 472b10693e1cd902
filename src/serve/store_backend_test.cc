// StoreBackend tests: the seed article ingested into a temporary store, served by a real
// tocsin::serve::Server on 127.0.0.1 (random port) as in server_test.cc, queried over HTTP.
#include <gtest/gtest.h>

#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "test_util.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/io/reader.h"
#include "tocsin/serve/server.h"
#include "tocsin/serve/store_backend.h"
#include "tocsin/store/ingest.h"
#include "tocsin/store/store.h"

namespace tocsin::serve {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kTestDir = TOCSIN_TEST_DIR;
const std::string kSeed = kTestDir + "/../samples/armenia-azerbaijan-2022-09-13.fr.txt";
const std::string kToken = "store-test-token-0123456789";

std::string Encode(const std::string& s) { return test::UrlEncode(s); }

class StoreBackendTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("tocsin-store-backend-" + std::to_string(getpid()) + "-" +
                         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count())));
    fs::create_directories(*dir_);
    db_ = new std::string((*dir_ / "seed.db").string());
    auto made = extract::Extractor::Create(extract::ExtractorOptions{});
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    extractor_ = made->release();
    {
      auto st = store::OpenStore(*db_, store::OpenOptions{});
      ASSERT_TRUE(st.ok()) << st.status().ToString();
      store::Ingester ingester(**st, *extractor_, 2);
      io::ReadOptions read;
      read.default_date = "2022-09-13";
      Status add;
      ASSERT_TRUE(io::ReadDocuments(kSeed, read, [&](io::DocumentOrError d) {
                    if (add.ok()) add = ingester.Add(std::move(d));
                  }).ok());
      ASSERT_TRUE(add.ok()) << add.ToString();
      ASSERT_TRUE(ingester.Flush().ok());
      ASSERT_EQ(ingester.stats().stored, 1);
    }
    auto b = OpenStoreBackend(*db_, extractor_);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    backend_ = b->release();
    ServerOptions o;
    o.port = 0;
    o.web_dir = kTestDir + "/data/serve/web";
    o.token = kToken;
    // 32 threads: the default connection cap of a small pool is half of it (doc/api.md,
    // "Limits"), and eight readers below keep their connections open.
    o.threads = 32;
    server_ = new Server(backend_, o);
    ASSERT_TRUE(server_->Start().ok());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete backend_;
    delete extractor_;
    server_ = nullptr;
    std::error_code ec;
    if (dir_) fs::remove_all(*dir_, ec);
    delete dir_;
    delete db_;
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_connection_timeout(5);
    c.set_read_timeout(30);
    return c;
  }
  json GetJson(const std::string& path, int expect = 200) {
    auto c = Client();
    auto r = c.Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, expect) << path << " -> " << r->body;
    return json::parse(r->body, nullptr, false);
  }

  static fs::path* dir_;
  static std::string* db_;
  static extract::Extractor* extractor_;
  static Backend* backend_;
  static Server* server_;
};
fs::path* StoreBackendTest::dir_ = nullptr;
std::string* StoreBackendTest::db_ = nullptr;
extract::Extractor* StoreBackendTest::extractor_ = nullptr;
Backend* StoreBackendTest::backend_ = nullptr;
Server* StoreBackendTest::server_ = nullptr;

bool HasPlace(const json& e, const std::string& name) {
  for (const auto& p : e["places"])
    if (p.value("name", json()).is_string() && p["name"] == name) return true;
  return false;
}

TEST_F(StoreBackendTest, ListsAShellingAtGoris) {
  json j = GetJson("/api/events?limit=500");
  ASSERT_TRUE(j.is_object());
  EXPECT_GE(j["total"].get<int>(), 5);
  EXPECT_EQ(j["count"], j["total"]);
  bool goris = false;
  for (const auto& e : j["events"]) {
    for (const char* f : {"id", "kind", "date", "evidence", "places", "fatalities", "doc",
                          "sources"})
      EXPECT_TRUE(e.contains(f)) << f << " in " << e.dump();
    if (e["kind"] == "shelling" && HasPlace(e, "Goris")) goris = true;
  }
  EXPECT_TRUE(goris) << j.dump();
  // Filters of doc/api.md work on the store's events too.
  json shelling = GetJson("/api/events?kind=shelling&country=ARM&limit=500");
  EXPECT_GE(shelling["total"].get<int>(), 1);
  for (const auto& e : shelling["events"]) EXPECT_EQ(e["kind"], "shelling");
  json none = GetJson("/api/events?from=2030-01-01");
  EXPECT_EQ(none["total"], 0);
}

TEST_F(StoreBackendTest, EventDetailHasTheFrenchSentence) {
  json list = GetJson("/api/events?kind=shelling&limit=500");
  std::string id;
  for (const auto& e : list["events"])
    if (HasPlace(e, "Goris")) id = e["id"];
  ASSERT_FALSE(id.empty()) << list.dump();
  ASSERT_NE(Encode(id).find("%23"), std::string::npos);
  json e = GetJson("/api/events/" + Encode(id));
  EXPECT_EQ(e["id"], id);
  ASSERT_GE(e["mentions"].size(), 1u);
  const json& m = e["mentions"][0];
  EXPECT_EQ(m["lang"], "fr");
  EXPECT_EQ(m["date"], "2022-09-13");
  std::string sentence = m["evidence"]["sentence"];
  EXPECT_NE(sentence.find("Goris"), std::string::npos) << sentence;
  EXPECT_TRUE(e["casualties"].is_array());
  GetJson("/api/events/nope%23e99", 404);

  json d = GetJson("/api/documents/" + Encode(m["doc_id"].get<std::string>()));
  EXPECT_EQ(d["lang"], "fr");
  EXPECT_NE(d["text"].get<std::string>().find("Jermuk"), std::string::npos);
  EXPECT_NE(std::find(d["events"].begin(), d["events"].end(), json(id)), d["events"].end());
  GetJson("/api/documents/nothing-here", 404);
}

// Paged mode (a store above --index-limit) serves the same fused events by SQL: the seed's
// store opened with index_limit 0 must agree with the index on every fused event.
std::unique_ptr<Backend> Paged(const std::string& db) {
  StoreBackendOptions o;
  o.index_limit = 0;
  o.paged_refresh_seconds = 0;
  auto b = OpenStoreBackend(db, nullptr, o);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return b.ok() ? std::move(*b) : nullptr;
}

std::set<int64_t> FusedIds(const EventPage& page) {
  std::set<int64_t> ids;
  for (const auto& s : page.events) {
    json e = json::parse(s);
    if (e["event"].is_number()) ids.insert(e["event"].get<int64_t>());
  }
  return ids;
}

TEST_F(StoreBackendTest, PagedModeListsTheIndexsFusedEventsNewestFirst) {
  auto paged = Paged(*db_);
  ASSERT_TRUE(paged);
  std::vector<EventFilter> filters(4);
  filters[1].kinds = {"shelling"};
  filters[2].countries = {"ARM"};
  filters[3].violent_only = true;
  for (EventFilter f : filters) {
    f.limit = 1000;
    auto want = backend_->ListEvents(f);
    auto got = paged->ListEvents(f);
    ASSERT_TRUE(want.ok() && got.ok()) << got.status().ToString();
    std::set<int64_t> fused = FusedIds(*want);
    // The index also lists mentions kept out of fusion (no "event"); paged mode does not.
    EXPECT_EQ(FusedIds(*got), fused);
    EXPECT_EQ(got->total, fused.size());
    std::string last = "9999";
    for (const auto& s : got->events) {
      json e = json::parse(s);
      EXPECT_EQ(e["id"], std::to_string(e["event"].get<int64_t>()));
      for (const char* k : {"kind", "date", "places", "fatalities", "sources", "actor1"})
        EXPECT_TRUE(e.contains(k)) << k << " in " << s;
      EXPECT_LE(e["date"].get<std::string>(), last);  // newest first
      last = e["date"];
    }
  }
  // Paging: two pages of 2 are the first 4 of the whole list.
  EventFilter all;
  all.limit = 4;
  auto four = paged->ListEvents(all);
  all.limit = 2;
  all.offset = 2;
  auto second = paged->ListEvents(all);
  ASSERT_TRUE(four.ok() && second.ok());
  ASSERT_GE(four->events.size(), 4u);
  EXPECT_EQ(second->events[0], four->events[2]);
  EXPECT_EQ(second->events[1], four->events[3]);
}

TEST_F(StoreBackendTest, PagedModeRefusesFiltersItCannotAnswerAndSaysWhy) {
  auto paged = Paged(*db_);
  ASSERT_TRUE(paged);
  std::vector<EventFilter> refused(4);
  refused[0].territories = {"sovereign"};
  refused[1].langs = {"fr"};
  refused[2].text = "goris";
  refused[3].countries = {"ARM", "AZE"};
  for (const EventFilter& f : refused) {
    auto got = paged->ListEvents(f);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(got.status().message().find("--index-limit"), std::string::npos)
        << got.status().message();
    EXPECT_FALSE(paged->Stats(f).ok());
  }
}

TEST_F(StoreBackendTest, PagedModeEventDetailStatsAndDocuments) {
  auto paged = Paged(*db_);
  ASSERT_TRUE(paged);
  EventFilter f;
  f.kinds = {"shelling"};
  f.limit = 1000;
  auto list = paged->ListEvents(f);
  ASSERT_TRUE(list.ok());
  std::string goris;
  for (const auto& s : list->events) {
    json e = json::parse(s);
    if (HasPlace(e, "Goris")) goris = e["id"];
  }
  ASSERT_FALSE(goris.empty()) << "no shelling whose representative place is Goris";
  auto detail = paged->GetEvent(goris);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  json d = json::parse(*detail);
  ASSERT_GE(d["mentions"].size(), 1u);
  const json& m = d["mentions"][0];
  EXPECT_EQ(m["lang"], "fr");
  EXPECT_NE(m["evidence"]["sentence"].get<std::string>().find("Goris"), std::string::npos);
  EXPECT_TRUE(d["casualties"].is_array());
  bool sovereign = false;
  for (const auto& p : d["places"]) sovereign = sovereign || p["territory"] == "sovereign";
  EXPECT_TRUE(sovereign) << d["places"].dump();
  // The mention's id names the same event; unknown ids are 404s.
  auto by_mention = paged->GetEvent(m["mention_id"].get<std::string>());
  ASSERT_TRUE(by_mention.ok());
  EXPECT_EQ(*by_mention, *detail);
  EXPECT_EQ(paged->GetEvent("nope#e99").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(paged->GetEvent("987654321").status().code(), StatusCode::kNotFound);

  // The document lists mention ids that resolve; index mode's ids are among them.
  auto doc = paged->GetDocument(m["doc_id"].get<std::string>());
  ASSERT_TRUE(doc.ok());
  json dj = json::parse(*doc);
  auto indexed = json::parse(*backend_->GetDocument(m["doc_id"].get<std::string>()));
  for (const auto& id : indexed["events"])
    EXPECT_NE(std::find(dj["events"].begin(), dj["events"].end(), id), dj["events"].end()) << id;
  EXPECT_NE(std::find(dj["events"].begin(), dj["events"].end(), m["mention_id"]), dj["events"].end());

  // Stats agree with the list; facets cover every event.
  auto stats = paged->Stats(f);
  ASSERT_TRUE(stats.ok());
  json s = json::parse(*stats);
  EXPECT_EQ(s["events"].get<size_t>(), list->total);
  EXPECT_EQ(s["mode"], "paged");
  EXPECT_EQ(s["by_kind"].size(), 1u);
  EXPECT_TRUE(s["facets"]["kind"].contains("shelling"));
  EXPECT_GE(s["documents"].get<int>(), 1);
  EXPECT_FALSE(s["by_day"].empty());
  // Alerts and the assessment say where to get them.
  json a = json::parse(*paged->Alerts());
  EXPECT_TRUE(a["alerts"].empty());
  EXPECT_NE(a["message"].get<std::string>().find("tocsin assess --db"), std::string::npos);
  EXPECT_EQ(json::parse(*paged->Assessment())["available"], false);
}

// "Why merged": every event of several mentions says which rule joined them, in index and
// paged mode alike, and each joining mention carries its own reason.
TEST_F(StoreBackendTest, FusedEventsSayWhyTheirMentionsWereMerged) {
  auto paged = Paged(*db_);
  ASSERT_TRUE(paged);
  json list = GetJson("/api/events?limit=500");
  int fused = 0;
  for (const auto& e : list["events"]) {
    if (e["sources"].get<int>() < 2) {
      EXPECT_TRUE(e["merge"].is_null()) << e.dump();
      continue;
    }
    ++fused;
    const std::string row = std::to_string(e["event"].get<int64_t>());
    for (const json& d : {GetJson("/api/events/" + Encode(e["id"].get<std::string>())),
                          json::parse(*paged->GetEvent(row))}) {
      const json& mg = d["merge"];
      ASSERT_TRUE(mg.is_object()) << d.dump();
      EXPECT_TRUE(mg["rule"] == "same_place" || mg["rule"] == "same_country_and_actor" ||
                  mg["rule"] == "same_actor")
          << mg;
      EXPECT_TRUE(mg["score"].is_number());
      EXPECT_EQ(mg["joins"].get<int>(), e["sources"].get<int>() - 1);
      ASSERT_FALSE(mg["shared"].empty());
      EXPECT_EQ(mg["shared"][0], "kind " + d["mentions"][1]["kind"].get<std::string>());
      EXPECT_TRUE(d["mentions"][0]["merge"].is_null());  // the mention that started it
      EXPECT_TRUE(d["mentions"][1]["merge"].is_object());
    }
  }
  EXPECT_GE(fused, 1) << "the seed has events reported by several of its sentences";
}

TEST_F(StoreBackendTest, AlertsHaveTheCstoArticle4Trigger) {
  json a = GetJson("/api/alerts");
  ASSERT_TRUE(a["alerts"].is_array()) << a.dump();
  EXPECT_EQ(a["source"], "assess");
  bool csto = false;
  for (const auto& al : a["alerts"]) {
    for (const char* f : {"id", "type", "severity", "title", "date", "event_ids", "evidence"})
      EXPECT_TRUE(al.contains(f)) << f;
    std::string t = al["title"];
    if (al["type"] == "treaty_trigger" && t.find("CSTO") != std::string::npos &&
        t.find("Article 4") != std::string::npos) {
      csto = true;
      // Its events resolve to API events.
      ASSERT_FALSE(al["event_ids"].empty());
      GetJson("/api/events/" + Encode(al["event_ids"][0].get<std::string>()));
    }
  }
  EXPECT_TRUE(csto) << a.dump();
  json s = GetJson("/api/assessment");
  EXPECT_EQ(s["available"], true);
}

TEST_F(StoreBackendTest, StatsAndVersion) {
  json s = GetJson("/api/stats");
  EXPECT_EQ(s["documents"], 1);
  EXPECT_GE(s["events"].get<int>(), 5);
  EXPECT_EQ(s["backend"], "store");
  EXPECT_EQ(s["version"].get<uint64_t>(), backend_->Version());
  EXPECT_TRUE(s["facets"]["kind"].contains("shelling"));
  json h = GetJson("/api/health");
  EXPECT_EQ(h["version"], s["version"]);
}

TEST_F(StoreBackendTest, PostIngestsThroughTheStoreAndBumpsTheVersion) {
  uint64_t before = backend_->Version();
  json total_before = GetJson("/api/events?limit=1")["total"];
  auto c = Client();
  httplib::Headers h = {{"Authorization", "Bearer " + kToken}};
  std::string body =
      R"({"id":"post-1","title":"Frappes","date":"2022-09-14","lang":"fr","text":"Les forces azerbaïdjanaises ont bombardé la ville de Jermuk dans la nuit du 14 septembre, selon le ministère arménien de la Défense."})";
  auto r = c.Post("/api/documents", h, body, "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  json res = json::parse(r->body);
  EXPECT_EQ(res["documents"], 1);
  EXPECT_GT(res["version"].get<uint64_t>(), before);
  EXPECT_GT(backend_->Version(), before);
  json after = GetJson("/api/stats");
  EXPECT_EQ(after["documents"], 2);
  EXPECT_GE(GetJson("/api/events?limit=1")["total"].get<int>(), total_before.get<int>());
  // The same document again is a duplicate: nothing changes.
  uint64_t v = backend_->Version();
  r = c.Post("/api/documents", h, body, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(backend_->Version(), v);
}

TEST_F(StoreBackendTest, ConcurrentReadersAllSucceed) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      for (int i = 0; i < 10; ++i) {
        const char* paths[] = {"/api/events", "/api/stats", "/api/alerts",
                               "/api/documents/armenia-azerbaijan-2022-09-13.fr.txt"};
        auto r = c.Get(paths[i % 4]);
        if (r && r->status == 200) ++ok;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 80);
}

TEST(StoreBackendOpen, MissingDatabaseIsNotFound) {
  auto b = OpenStoreBackend("/nonexistent/dir/none.db", nullptr);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("tocsin ingest"), std::string::npos)
      << b.status().ToString();
}

}  // namespace
}  // namespace tocsin::serve
