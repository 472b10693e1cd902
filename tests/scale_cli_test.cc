// End-to-end tests of the ingest fleet (doc/scale-out.md): `tocsin watch --publish` to NATS
// JetStream, `tocsin worker` into PostgreSQL, a worker killed with SIGKILL mid-batch, and the
// HTTP backend seeing another process's writes. Skipped unless TOCSIN_TEST_PG and
// TOCSIN_TEST_NATS are set (scripts/services.sh).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>

#include <chrono>
#include <functional>
#include <map>
#include <thread>

#include "pg_test_util.h"
#include "test_util.h"
#include "tocsin/queue/nats.h"
#include "tocsin/serve/store_backend.h"
#include "tocsin/store/store.h"

namespace tocsin {
namespace {

namespace fs = std::filesystem;
using test::PgValue;

// A tiny HTTP/1.0 server on 127.0.0.1 serving one body (ephemeral port).
class FeedServer {
 public:
  explicit FeedServer(std::string body) : body_(std::move(body)) {
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
        std::string resp = "HTTP/1.0 200 OK\r\nContent-Length: " + std::to_string(body_.size()) +
                           "\r\n\r\n" + body_;
        (void)!write(c, resp.data(), resp.size());
        close(c);
      }
    });
  }
  ~FeedServer() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/feed.rss"; }

 private:
  std::string body_;
  int fd_ = -1, port_ = 0;
  std::thread thread_;
};

// `n` short English wire items: shelling of 10 cities on 4 days, two reports of each.
std::string WireFeed(int n) {
  const char* cities[] = {"Kharkiv", "Kherson", "Zaporizhzhia", "Donetsk", "Bakhmut",
                          "Avdiivka", "Odesa", "Mykolaiv", "Sumy", "Dnipro"};
  const char* days[] = {"Mon, 08 Jan 2024", "Wed, 10 Jan 2024", "Fri, 12 Jan 2024",
                        "Sun, 14 Jan 2024", "Tue, 16 Jan 2024", "Thu, 18 Jan 2024"};
  std::string rss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
                    "<title>Wire</title><language>en</language>";
  for (int i = 0; i < n; ++i) {
    std::string city = cities[(i / 2) % 10], day = days[(i / 20) % 6];
    std::string killed = std::to_string(1 + i % 7);
    std::string text = i % 2 ? "Russian artillery struck " + city + ". At least " + killed +
                                   " people were killed, officials said (report " +
                                   std::to_string(i) + ")."
                             : "Russian forces shelled " + city + ", killing " + killed +
                                   " civilians, the regional governor said (report " +
                                   std::to_string(i) + ").";
    rss += "<item><title>Shelling in " + city + "</title><link>https://example.org/w/" +
           std::to_string(i) + "</link><guid>w-" + std::to_string(i) + "</guid><pubDate>" +
           day + " 09:00:00 GMT</pubDate><description>" + text + "</description></item>";
  }
  return rss + "</channel></rss>";
}

class FleetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TOCSIN_REQUIRE_NATS();
    pg_ = std::make_unique<test::PgSchema>();
    ASSERT_EQ(pg_->error(), "");
    stream_ = "s" + pg_->name();  // one stream per test: tests run side by side
    nats_ = test::EnvOr("TOCSIN_TEST_NATS");
  }
  test::ProcessResult Run(const std::vector<std::string>& args) {
    return test::RunTocsin(dir_.path(), args);
  }
  int64_t Documents() {
    std::string v = PgValue(pg_->url(), "SELECT count(*) FROM documents");
    return v.empty() ? 0 : std::stoll(v);  // "" before the schema exists
  }
  std::vector<std::string> WorkerArgs(const std::string& idle) {
    return {"worker", "--nats", nats_, "--stream", stream_, "--db", pg_->url(), "--batch", "6",
            "--threads", "1", "--ack-wait", "2", "--idle-exit", idle};
  }

  test::TempDir dir_{"tocsin-fleet"};
  std::unique_ptr<test::PgSchema> pg_;
  std::string stream_, nats_;
};

TEST_F(FleetTest, WorkerKilledMidBatchLosesAndDoublesNothing) {
  const int n = 120;
  FeedServer feed(WireFeed(n));
  ASSERT_TRUE(test::WriteFile(dir_ / "feeds.txt", feed.Url() + "\n"));
  std::string state = (dir_ / "watch.db").string();
  auto pub = Run({"watch", (dir_ / "feeds.txt").string(), "--db", state, "--once", "--publish",
                  nats_, "--stream", stream_});
  ASSERT_EQ(pub.exit_code, 0) << pub.Describe();
  EXPECT_NE(pub.err.find(std::to_string(n) + " published"), std::string::npos) << pub.err;
  // Published twice (the feed changed, say): the stream drops the copies by message id.
  auto again = Run({"watch", (dir_ / "feeds.txt").string(), "--db", (dir_ / "w2.db").string(),
                    "--once", "--publish", nats_, "--stream", stream_});
  EXPECT_NE(again.err.find("(" + std::to_string(n) + " already in the stream)"),
            std::string::npos)
      << again.err;

  // Worker A, killed once a batch is partly committed (committed, not acknowledged).
  fs::path out = dir_ / "a.out", err = dir_ / "a.err";
  pid_t a = test::SpawnTocsin(WorkerArgs("60"), out, err);
  ASSERT_GT(a, 0);
  int64_t at_kill = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    at_kill = Documents();
    if (at_kill > 0 && at_kill % 6 != 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill(a, SIGKILL);
  auto ra = test::WaitFor(a, out, err);
  EXPECT_EQ(ra.signal, SIGKILL) << ra.Describe();
  ASSERT_GT(at_kill, 0) << ra.Describe();
  ASSERT_LT(at_kill, n) << "worker A finished before it could be killed";

  // Worker B gets the rest, and A's unacknowledged messages after the ack wait.
  auto rb = Run(WorkerArgs("5"));
  std::cerr << "worker A killed at " << at_kill << " stored documents; worker B: " << rb.out;
  ASSERT_EQ(rb.exit_code, 0) << rb.Describe();
  EXPECT_EQ(Documents(), n) << rb.Describe();
  EXPECT_EQ(PgValue(pg_->url(), "SELECT count(DISTINCT doc_id) FROM documents"),
            std::to_string(n));
  // No document half-written: every mention and claim a document announced is there.
  EXPECT_EQ(PgValue(pg_->url(), "SELECT sum(mentions) FROM documents"),
            PgValue(pg_->url(), "SELECT count(*) FROM mentions"));
  EXPECT_EQ(PgValue(pg_->url(), "SELECT sum(claims) FROM documents"),
            PgValue(pg_->url(), "SELECT count(*) FROM casualty_claims"));
  EXPECT_EQ(PgValue(pg_->url(), "SELECT count(*) FROM mentions WHERE event_id IS NOT NULL"),
            PgValue(pg_->url(), "SELECT sum(mentions) FROM events"));
  EXPECT_NE(rb.out.find("worker: "), std::string::npos) << rb.Describe();

  // The same feed ingested serially gives the same events.
  std::string serial = (dir_ / "serial.db").string();
  ASSERT_TRUE(test::WriteFile(dir_ / "feed.rss", WireFeed(n)));
  ASSERT_EQ(Run({"ingest", "--db", serial, (dir_ / "feed.rss").string()}).exit_code, 0);
  auto s1 = store::OpenStore(serial, {});
  auto s2 = store::OpenStore(pg_->url(), {});
  ASSERT_TRUE(s1.ok() && s2.ok());
  auto a1 = (*s1)->GetStats(), a2 = (*s2)->GetStats();
  ASSERT_TRUE(a1.ok() && a2.ok());
  EXPECT_EQ(a1->documents, a2->documents);
  EXPECT_EQ(a1->mentions, a2->mentions);
  EXPECT_EQ(a1->events, a2->events);
  EXPECT_EQ(a1->claims, a2->claims);
}

TEST_F(FleetTest, ServerSeesAnotherProcesssWritesWithoutRestart) {
  FeedServer feed(WireFeed(20));
  ASSERT_TRUE(test::WriteFile(dir_ / "first.rss", WireFeed(4)));
  ASSERT_EQ(Run({"ingest", "--db", pg_->url(), (dir_ / "first.rss").string()}).exit_code, 0);
  auto b = serve::OpenStoreBackend(pg_->url(), nullptr);
  ASSERT_TRUE(b.ok()) << b.status().message();
  auto before = (*b)->ListEvents({});
  ASSERT_TRUE(before.ok());
  uint64_t v0 = (*b)->Version();
  // Another process (a worker, here `tocsin ingest`) writes the same store.
  ASSERT_TRUE(test::WriteFile(dir_ / "more.rss", WireFeed(20)));
  ASSERT_EQ(Run({"ingest", "--db", pg_->url(), (dir_ / "more.rss").string()}).exit_code, 0);
  auto after = (*b)->ListEvents({});
  ASSERT_TRUE(after.ok());
  EXPECT_GT((*b)->Version(), v0);
  EXPECT_GT(after->total, before->total);
}

TEST_F(FleetTest, IngestIntoPostgresSkipsADocumentItCannotHoldAndGoesOn) {
  // Line 2 has a NUL character, which PostgreSQL text cannot hold (the JSON reader refuses it
  // already; the store refuses it too for other paths, e.g. NATS messages).
  ASSERT_TRUE(test::WriteFile(
      dir_ / "in.jsonl",
      "{\"id\":\"a\",\"date\":\"2024-01-12\",\"text\":\"Russian forces shelled Kharkiv.\"}\n"
      "{\"id\":\"b\",\"date\":\"2024-01-12\",\"text\":\"bad \\u0000 byte\"}\n"
      "{\"id\":\"c\",\"date\":\"2024-01-12\",\"text\":\"Russian artillery struck Kherson.\"}\n"));
  auto r = Run({"ingest", "--db", pg_->url(), (dir_ / "in.jsonl").string()});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();  // a failure, reported, not a stop
  EXPECT_NE(r.out.find("NUL"), std::string::npos) << r.Describe();
  EXPECT_EQ(PgValue(pg_->url(), "SELECT string_agg(doc_id, ',' ORDER BY doc_id) FROM documents"),
            "a,c");
}

TEST_F(FleetTest, WorkerSkipsADocumentTheStoreCannotHoldAndStoresTheRest) {
  auto pub = queue::Publisher::Connect(nats_, stream_);
  ASSERT_TRUE(pub.ok()) << pub.status().message();
  Document d;
  d.date = "2024-01-12";
  d.source = "Wire";
  for (const char* id : {"a", "bad", "c"}) {
    d.id = id;
    d.text = std::string(id) == "bad" ? std::string("NUL \0 inside", 13)
                                      : "Russian forces shelled Kharkiv, report " + d.id + ".";
    ASSERT_TRUE((*pub)->Publish(d).ok());
  }
  auto r = Run({"worker", "--nats", nats_, "--stream", stream_, "--db", pg_->url(),
                "--idle-exit", "2", "--threads", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.err.find("NUL byte"), std::string::npos) << r.Describe();
  EXPECT_NE(r.err.find("1 failed"), std::string::npos) << r.Describe();
  EXPECT_EQ(PgValue(pg_->url(), "SELECT string_agg(doc_id, ',' ORDER BY doc_id) FROM documents"),
            "a,c");
  EXPECT_EQ(queue::SubjectFor(stream_, "Wire"), stream_ + ".wire");
}

// Runs without any server: what a user sees when PostgreSQL or NATS is not there.
TEST(FleetErrorsTest, MissingServersAreClearErrorsNotHangsOrCrashes) {
  test::TempDir dir("tocsin-fleet-errors");
  auto events = test::RunTocsin(dir.path(), {"events", "--db", "postgresql://u:pw@127.0.0.1:1/x"});
  EXPECT_EQ(events.exit_code, 1) << events.Describe();
  EXPECT_NE(events.err.find("cannot connect to PostgreSQL"), std::string::npos) << events.err;
  EXPECT_EQ(events.err.find("pw"), std::string::npos) << events.err;  // password hidden
  ASSERT_TRUE(test::WriteFile(dir / "feeds.txt", "http://127.0.0.1:1/feed.rss\n"));
  auto watch = test::RunTocsin(dir.path(), {"watch", (dir / "feeds.txt").string(), "--db",
                                            (dir / "w.db").string(), "--once", "--publish",
                                            "nats://127.0.0.1:1"});
  EXPECT_EQ(watch.exit_code, 1) << watch.Describe();
  EXPECT_NE(watch.err.find("cannot connect to NATS"), std::string::npos) << watch.err;
  auto bad = test::RunTocsin(dir.path(), {"worker", "--nats", "http://127.0.0.1:4222", "--db",
                                          (dir / "x.db").string()});
  EXPECT_EQ(bad.exit_code, 2) << bad.Describe();
  EXPECT_NE(bad.err.find("expected nats://"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace tocsin
