// End-to-end tests of `tocsin ingest`, `events`, `export` and `watch` (the real binary,
// TOCSIN_BINARY): fusion of the multi-article fixtures in tests/data/store/, idempotence,
// export formats, refusal of foreign files, kill -9 during ingest, and feeds served from a
// local HTTP server on 127.0.0.1.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "test_util.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using tocsin::test::ReadFile;

struct ToolRun {
  int code = -1;
  std::string out, err;
};

pid_t Spawn(const std::vector<std::string>& args, const fs::path& out, const fs::path& err) {
  return tocsin::test::SpawnTocsin(args, out, err);
}

int64_t Count(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(h, 2000);
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(s, 0);
      n = t && std::string(reinterpret_cast<const char*>(t)) == "ok" ? 1 : sqlite3_column_int64(s, 0);
    }
    sqlite3_finalize(s);
  }
  sqlite3_close(h);
  return n;
}

class StoreCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = fs::temp_directory_path() /
           ("tocsin-store-cli-" + std::to_string(getpid()) + "-" + std::to_string(n++));
    fs::create_directories(dir_);
    db_ = (dir_ / "t.db").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  ToolRun Tocsin(const std::vector<std::string>& args) {
    ToolRun r;
    pid_t pid = Spawn(args, dir_ / "out", dir_ / "err");
    int status = 0;
    waitpid(pid, &status, 0);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = ReadFile(dir_ / "out");
    r.err = ReadFile(dir_ / "err");
    return r;
  }
  std::string Fixtures() const { return std::string(TOCSIN_TEST_DIR) + "/data/store"; }

  fs::path dir_;
  std::string db_;
};

TEST_F(StoreCliTest, IngestFusesArticlesFromSeveralSourcesAndIsIdempotent) {
  ToolRun a = Tocsin({"ingest", "--db", db_, Fixtures()});
  ASSERT_EQ(a.code, 0) << a.err << a.out;
  EXPECT_NE(a.out.find("7 new"), std::string::npos) << a.out;
  EXPECT_EQ(a.err.find("\r"), std::string::npos);  // no progress bar when not a terminal
  ToolRun b = Tocsin({"ingest", "--db", db_, Fixtures()});
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_NE(b.out.find("0 new, 7 already stored"), std::string::npos) << b.out;

  ToolRun e = Tocsin({"export", "--db", db_, "--format", "jsonl"});
  ASSERT_EQ(e.code, 0) << e.err;
  bool found = false;
  std::istringstream lines(e.out);
  for (std::string line; std::getline(lines, line);) {
    json j = json::parse(line);
    std::set<std::string> docs;
    for (const auto& s : j["sources"]) {
      docs.insert(s["doc_id"].get<std::string>());
      EXPECT_FALSE(s["evidence"]["sentence"].get<std::string>().empty());
    }
    if (docs.count("belgorod-reuters") && docs.count("belgorod-lemonde")) {
      found = true;
      EXPECT_EQ(j["kind"], "drone_strike");
      EXPECT_GE(j["documents"].get<int>(), 2);
      EXPECT_FALSE(docs.count("kherson-afp"));
      EXPECT_GE(j["casualty_claims"].size(), 2u);
      EXPECT_LE(j["fatalities"]["low"].get<int>(), j["fatalities"]["figure"].get<int>());
      EXPECT_GE(j["fatalities"]["high"].get<int>(), j["fatalities"]["figure"].get<int>());
    }
  }
  EXPECT_TRUE(found) << e.out;

  ToolRun g = Tocsin({"export", "--db", db_, "--format", "geojson"});
  ASSERT_EQ(g.code, 0) << g.err;
  json gj = json::parse(g.out);
  EXPECT_EQ(gj["type"], "FeatureCollection");
  for (const auto& f : gj["features"]) {
    EXPECT_EQ(f["type"], "Feature");
    if (!f["geometry"].is_null()) {
      EXPECT_EQ(f["geometry"]["type"], "Point");
      double lon = f["geometry"]["coordinates"][0], lat = f["geometry"]["coordinates"][1];
      EXPECT_TRUE(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
    }
  }
  for (const char* fmt : {"csv", "acled-csv", "gdelt-tsv"}) {
    ToolRun c = Tocsin({"export", "--db", db_, "--format", fmt});
    EXPECT_EQ(c.code, 0) << fmt << c.err;
    EXPECT_FALSE(c.out.empty());
  }
  ToolRun t = Tocsin({"events", "--db", db_, "--kind", "shelling", "--country", "UKR"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("Kherson"), std::string::npos) << t.out;
  EXPECT_EQ(t.out.find("Belgorod"), std::string::npos) << t.out;
  ToolRun bb = Tocsin({"events", "--db", db_, "--bbox", "36,50,37.5,51", "--format", "jsonl"});
  ASSERT_EQ(bb.code, 0);
  EXPECT_NE(bb.out.find("Belgorod"), std::string::npos);
  EXPECT_EQ(bb.out.find("Kherson"), std::string::npos);
  EXPECT_EQ(Tocsin({"events", "--db", db_, "--bbox", "1,2,3"}).code, 2);
}

TEST_F(StoreCliTest, RefusesForeignOrDamagedDatabases) {
  {
    std::ofstream(db_) << "{\"not\": \"a database\"}\n";
  }
  ToolRun a = Tocsin({"ingest", "--db", db_, Fixtures()});
  EXPECT_EQ(a.code, 1);
  EXPECT_NE(a.err.find("not a tocsin database"), std::string::npos) << a.err;
  EXPECT_EQ(ReadFile(db_), "{\"not\": \"a database\"}\n");
  ToolRun b = Tocsin({"events", "--db", (dir_ / "missing.db").string()});
  EXPECT_EQ(b.code, 1);
  EXPECT_NE(b.err.find("no such database"), std::string::npos) << b.err;
}

TEST_F(StoreCliTest, KillDuringIngestLosesNothingAndResumes) {
  // A corpus of distinct documents from the fixtures' texts.
  std::vector<json> base;
  for (const auto& f : fs::directory_iterator(Fixtures()))
    if (f.path().extension() == ".json") base.push_back(json::parse(ReadFile(f.path())));
  fs::path corpus = dir_ / "corpus.jsonl";
  const int kDocs = 4000;
  {
    std::ofstream out(corpus);
    for (int i = 0; i < kDocs; ++i) {
      json d = base[static_cast<size_t>(i) % base.size()];
      d["id"] = d["id"].get<std::string>() + "#" + std::to_string(i);
      d["title"] = d["title"].get<std::string>() + " (" + std::to_string(i) + ")";
      out << d.dump() << "\n";
    }
  }
  pid_t pid = Spawn({"ingest", "--db", db_, corpus.string()}, dir_ / "o1", dir_ / "e1");
  int64_t seen = 0;
  for (int i = 0; i < 600 && seen < 300; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (fs::exists(db_)) seen = std::max<int64_t>(seen, Count(db_, "SELECT count(*) FROM documents"));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "ingest finished before it could be killed";
  EXPECT_EQ(Count(db_, "PRAGMA integrity_check"), 1);
  int64_t committed = Count(db_, "SELECT count(*) FROM documents");
  EXPECT_GE(committed, seen);
  EXPECT_LT(committed, kDocs);
  // Every committed document has all its mentions.
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM documents d WHERE d.mentions != (SELECT count(*) "
                       "FROM mentions m WHERE m.document_id = d.id)"), 0);
  ToolRun r = Tocsin({"ingest", "--db", db_, corpus.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(std::to_string(committed) + " already stored"), std::string::npos) << r.out;
  EXPECT_EQ(Count(db_, "SELECT count(*) FROM documents"), kDocs);
  // Same store as one uninterrupted run.
  std::string clean = (dir_ / "clean.db").string();
  ASSERT_EQ(Tocsin({"ingest", "--db", clean, corpus.string()}).code, 0);
  for (const char* q : {"SELECT count(*) FROM mentions", "SELECT count(*) FROM events",
                        "SELECT count(*) FROM casualty_claims", "SELECT sum(documents) FROM events"})
    EXPECT_EQ(Count(db_, q), Count(clean, q)) << q;
}

// A tiny HTTP/1.0 server on 127.0.0.1 (ephemeral port).
class LocalServer {
 public:
  using Handler = std::function<std::string(const std::string&)>;
  explicit LocalServer(std::map<std::string, Handler> routes) : routes_(std::move(routes)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    listen(fd_, 16);
    thread_ = std::thread([this] {
      for (;;) {
        int c = accept(fd_, nullptr, nullptr);
        if (c < 0) return;
        std::string req;
        char buf[4096];
        while (req.find("\r\n\r\n") == std::string::npos) {
          ssize_t n = read(c, buf, sizeof buf);
          if (n <= 0) break;
          req.append(buf, static_cast<size_t>(n));
        }
        size_t sp = req.find(' '), sp2 = req.find(' ', sp + 1);
        std::string path = sp2 != std::string::npos ? req.substr(sp + 1, sp2 - sp - 1) : "";
        auto it = routes_.find(path);
        std::string resp = it != routes_.end() ? it->second(req)
                                               : "HTTP/1.0 404 Not Found\r\n\r\n";
        (void)!write(c, resp.data(), resp.size());
        close(c);
      }
    });
  }
  ~LocalServer() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string Url(const std::string& p) const {
    return "http://127.0.0.1:" + std::to_string(port_) + p;
  }

 private:
  std::map<std::string, Handler> routes_;
  int fd_ = -1, port_ = 0;
  std::thread thread_;
};

TEST_F(StoreCliTest, WatchPollsFeedsWithConditionalGetAndSurvivesBadFeeds) {
  std::string rss = ReadFile(Fixtures() + "/wire.rss");
  std::atomic<int> full{0}, conditional{0};
  LocalServer server(
      {{"/wire.rss",
        [&](const std::string& req) -> std::string {
          if (req.find("If-None-Match: \"w1\"") != std::string::npos) {
            ++conditional;
            return "HTTP/1.0 304 Not Modified\r\n\r\n";
          }
          ++full;
          return "HTTP/1.0 200 OK\r\nETag: \"w1\"\r\nContent-Length: " +
                 std::to_string(rss.size()) + "\r\n\r\n" + rss;
        }},
       {"/broken.rss", [](const std::string&) -> std::string {
          return "HTTP/1.0 200 OK\r\n\r\n<rss><channel><item><title>cut";
        }},
       {"/html", [](const std::string&) -> std::string {
          return "HTTP/1.0 200 OK\r\n\r\n<html><body>not a feed</body></html>";
        }}});
  {
    std::ofstream f(dir_ / "feeds.txt");
    f << "# test feeds\n" << server.Url("/wire.rss") << "\n" << server.Url("/missing") << "\n"
      << server.Url("/html") << "\n" << server.Url("/broken.rss") << "\n";
  }
  ToolRun a = Tocsin({"watch", (dir_ / "feeds.txt").string(), "--db", db_, "--once"});
  EXPECT_EQ(a.code, 1) << a.err;  // some feeds failed, none crashed it
  EXPECT_NE(a.err.find("HTTP 404"), std::string::npos) << a.err;
  EXPECT_NE(a.err.find("neither RSS nor Atom"), std::string::npos) << a.err;
  EXPECT_NE(a.err.find("3 new"), std::string::npos) << a.err;
  EXPECT_GE(Count(db_, "SELECT count(*) FROM documents"), 3);
  ToolRun b = Tocsin({"watch", (dir_ / "feeds.txt").string(), "--db", db_, "--once"});
  EXPECT_NE(b.err.find("not modified"), std::string::npos) << b.err;
  EXPECT_EQ(full.load(), 1);
  EXPECT_EQ(conditional.load(), 1);
  EXPECT_EQ(Count(db_, "SELECT failures FROM feeds WHERE url LIKE '%missing'"), 2);
  // The same feed as a file.
  std::string db2 = (dir_ / "file.db").string();
  ToolRun c = Tocsin({"ingest", "--db", db2, Fixtures() + "/wire.rss"});
  EXPECT_EQ(c.code, 0) << c.err;
  EXPECT_NE(c.out.find("3 new"), std::string::npos) << c.out;
}

}  // namespace
