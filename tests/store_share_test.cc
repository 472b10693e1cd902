// One store shared by processes on one machine (issue 15): `tocsin serve --db` answering reads
// and POSTs while two `tocsin ingest` processes write the same database. Checks that every
// answer is a success, that PRAGMA integrity_check is "ok" at the end, and that no document is
// lost or stored twice (each writer also ingests documents the other one ingests).
//
// Runs TOCSIN_SHARE_SECONDS seconds (default 20; scripts/soak.sh-style runs set 300).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace {

namespace fs = std::filesystem;
using tocsin::test::TempDir;
using Clock = std::chrono::steady_clock;

int Seconds() {
  const char* env = std::getenv("TOCSIN_SHARE_SECONDS");
  const int s = env ? std::atoi(env) : 20;
  return s > 0 ? s : 20;
}

std::string Doc(const std::string& id, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"title\":\"" + id + "\",\"date\":\"2022-09-13\",\"lang\":\"en\"," +
         "\"text\":\"" + text + "\"}\n";
}

std::string Text(const std::string& who, int n) {
  static const char* kPlaces[] = {"Goris", "Sotk", "Jermuk", "Kharkiv", "Kherson", "Belgorod"};
  return "Artillery shelled " + std::string(kPlaces[n % 6]) + " on Tuesday, killing " +
         std::to_string(2 + n % 9) + " civilians, officials said (" + who + " " +
         std::to_string(n) + ").";
}

int64_t QueryInt(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    v = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  return v;
}

std::string QueryText(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  std::string v;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    v = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  return v;
}

TEST(StoreShare, ServePlusTwoIngestWritersLoseAndDuplicateNothing) {
  TempDir dir;
  const std::string db = (dir / "shared.db").string();
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "seed.jsonl", Doc("seed", Text("seed", 0))));
  auto first = tocsin::test::RunTocsin(dir.path(), {"ingest", "--progress", "never", "--db", db,
                                                    (dir / "seed.jsonl").string()});
  ASSERT_EQ(first.exit_code, 0) << first.Describe();
  const std::string token = "share-test-token-0123456789";
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "token", token + "\n"));
  fs::permissions(dir / "token", fs::perms::owner_read | fs::perms::owner_write);

  // The server on a free port: it prints the port it got.
  const fs::path serve_out = dir / "serve.out", serve_err = dir / "serve.err";
  const pid_t serve = tocsin::test::SpawnTocsin(
      {"serve", "--db", db, "--port", "0", "--token-file", (dir / "token").string()}, serve_out,
      serve_err);
  ASSERT_GT(serve, 0);
  int port = 0;
  for (int i = 0; i < 600 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const std::string out = tocsin::test::ReadFile(serve_out);
    const size_t at = out.find("127.0.0.1:");
    if (at != std::string::npos) port = std::atoi(out.c_str() + at + 10);
  }
  ASSERT_GT(port, 0) << tocsin::test::ReadFile(serve_err);

  const auto deadline = Clock::now() + std::chrono::seconds(Seconds());
  std::set<std::string> expected = {"seed"};  // every id that must end up stored, once
  std::mutex mu;
  std::atomic<int> failures{0};
  std::vector<std::string> failure_text;
  auto fail = [&](const std::string& what) {
    std::lock_guard lock(mu);
    ++failures;
    if (failure_text.size() < 10) failure_text.push_back(what);
  };

  // Two writers: batches of their own documents plus documents both of them ingest.
  auto writer = [&](const std::string& who) {
    for (int batch = 0; Clock::now() < deadline; ++batch) {
      std::string jsonl;
      std::vector<std::string> ids;
      for (int k = 0; k < 20; ++k) {
        const int n = batch * 20 + k;
        const std::string id = who + "-" + std::to_string(n);
        jsonl += Doc(id, Text(who, n));
        ids.push_back(id);
      }
      for (int k = 0; k < 3; ++k) {  // the same ids and texts in both writers
        const std::string id = "both-" + std::to_string(batch) + "-" + std::to_string(k);
        jsonl += Doc(id, Text("both", batch * 3 + k));
        ids.push_back(id);
      }
      const fs::path file = dir / (who + "-" + std::to_string(batch) + ".jsonl");
      if (!tocsin::test::WriteFile(file, jsonl)) return fail("cannot write " + file.string());
      auto r = tocsin::test::RunTocsin(
          dir.path(), {"ingest", "--progress", "never", "--threads", "1", "--db", db, file.string()});
      if (r.exit_code != 0) return fail(who + " batch " + std::to_string(batch) + ": " + r.Describe());
      std::lock_guard lock(mu);
      expected.insert(ids.begin(), ids.end());
    }
  };
  std::thread w1(writer, "w1"), w2(writer, "w2");

  // The server's clients: reads, and a POST now and then (a third writer).
  int reads = 0, posts = 0;
  for (int n = 0; Clock::now() < deadline; ++n) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60);
    auto h = c.Get("/api/health");
    if (!h || h->status != 200) fail("GET /api/health: " + (h ? h->body : std::string("no answer")));
    auto e = c.Get("/api/events?limit=50");
    if (!e || e->status != 200) fail("GET /api/events: " + (e ? e->body : std::string("no answer")));
    reads += 2;
    if (n % 5 == 0) {
      const std::string id = "post-" + std::to_string(n);
      httplib::Headers headers = {{"Authorization", "Bearer " + token}};
      auto p = c.Post("/api/documents", headers, Doc(id, Text("post", n)), "application/json");
      if (!p || p->status != 201) {
        fail("POST: " + (p ? std::to_string(p->status) + " " + p->body : std::string("no answer")));
      } else {
        std::lock_guard lock(mu);
        expected.insert(id);
        ++posts;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  w1.join();
  w2.join();
  kill(serve, SIGTERM);
  auto served = tocsin::test::WaitFor(serve, serve_out, serve_err);
  EXPECT_EQ(served.exit_code, 0) << served.Describe();
  EXPECT_EQ(failures.load(), 0) << [&] {
    std::string all;
    for (const auto& f : failure_text) all += f + "\n";
    return all;
  }();

  sqlite3* h = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  EXPECT_EQ(QueryText(h, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(QueryInt(h, "SELECT count(*) FROM documents"), static_cast<int64_t>(expected.size()))
      << reads << " reads, " << posts << " posts";
  EXPECT_EQ(QueryInt(h, "SELECT count(*) FROM (SELECT doc_id FROM documents GROUP BY doc_id "
                        "HAVING count(*) > 1)"),
            0)
      << "documents stored twice";
  std::set<std::string> stored;
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(h, "SELECT doc_id FROM documents", -1, &s, nullptr), SQLITE_OK);
  while (sqlite3_step(s) == SQLITE_ROW) stored.insert(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  sqlite3_close(h);
  std::vector<std::string> lost;
  for (const auto& id : expected)
    if (!stored.count(id)) lost.push_back(id);
  EXPECT_TRUE(lost.empty()) << lost.size() << " documents lost, first " << lost.front();
  std::printf("store share: %d s, %zu documents, %d reads, %d posts\n", Seconds(), expected.size(),
              reads, posts);
}

}  // namespace
