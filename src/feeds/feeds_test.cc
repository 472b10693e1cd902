#include "tocsin/feeds/feeds.h"

#include "tocsin/text/utf8.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace tocsin::feeds {
namespace {

const char* kRss = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Wire</title><link>https://example.org</link><language>en-us</language>
<item><title>Drones hit Belgorod</title><link>https://example.org/1</link><guid>g1</guid>
<pubDate>Wed, 10 Jan 2024 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Ukrainian drones struck an oil depot near &lt;b&gt;Belgorod&lt;/b&gt;.&lt;/p&gt;</description></item>
<item><title>Second</title><link>https://example.org/2</link><description>Plain text.</description></item>
</channel></rss>)";

const char* kAtom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Le Fil</title>
<entry><title>Frappes sur Kherson</title><id>urn:x:1</id><link rel="alternate" href="https://example.fr/a"/>
<published>2024-01-10T06:00:00Z</published><content type="html">&lt;p&gt;Des tirs ont frappé Kherson.&lt;/p&gt;</content></entry>
</feed>)";

TEST(Feeds, ParsesRss) {
  auto f = ParseFeed(kRss, "wire.xml", {});
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->title, "Wire");
  ASSERT_EQ(f->items.size(), 2u);
  const Document& d = f->items[0];
  EXPECT_EQ(d.id, "g1");
  EXPECT_EQ(d.title, "Drones hit Belgorod");
  EXPECT_EQ(d.text, "Ukrainian drones struck an oil depot near Belgorod.");
  EXPECT_EQ(d.date, "2024-01-10");
  EXPECT_EQ(d.lang, "en");
  EXPECT_EQ(d.url, "https://example.org/1");
  EXPECT_EQ(d.source, "Wire");
  EXPECT_EQ(f->items[1].id, "https://example.org/2");
  EXPECT_EQ(f->items[1].text, "Plain text.");
}

TEST(Feeds, ParsesAtom) {
  auto f = ParseFeed(kAtom, "fil.atom", {});
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].id, "urn:x:1");
  EXPECT_EQ(f->items[0].url, "https://example.fr/a");
  EXPECT_EQ(f->items[0].date, "2024-01-10");
  EXPECT_EQ(f->items[0].lang, "fr");
  EXPECT_EQ(f->items[0].text, "Des tirs ont frappé Kherson.");
}

TEST(Feeds, RefusesNonFeeds) {
  EXPECT_FALSE(ParseFeed("not xml at all", "x", {}).ok());
  EXPECT_FALSE(ParseFeed("<?xml version=\"1.0\"?><html><body/></html>", "x", {}).ok());
  EXPECT_TRUE(LooksLikeFeed(kRss));
  EXPECT_TRUE(LooksLikeFeed(kAtom));
  EXPECT_FALSE(LooksLikeFeed("<html><body>x</body></html>"));
}

TEST(Feeds, Dates) {
  EXPECT_EQ(FeedDate("Tue, 13 Sep 2022 08:00:00 GMT"), "2022-09-13");
  EXPECT_EQ(FeedDate("13 Sep 22 08:00 +0200"), "2022-09-13");
  EXPECT_EQ(FeedDate("2022-09-13T08:00:00+02:00"), "2022-09-13");
  EXPECT_EQ(FeedDate("yesterday"), "");
}

// Found by fuzz_feed: a long run of digits overflowed int (undefined behaviour).
TEST(Feeds, LongDigitRunsAreNoDates) {
  EXPECT_EQ(FeedDate("Tue, 13 Sep 20246666666666666 08:00:00 GMT"), "");
  EXPECT_EQ(FeedDate("Tue, 1300000000000000 Sep 2022 08:00:00 GMT"), "");
  EXPECT_EQ(FeedDate("Tue, 013 Sep 2022"), "");
}

TEST(Feeds, ImpossibleDatesAreNoDates) {
  EXPECT_EQ(FeedDate("Wed, 30 Feb 2022 08:00:00 GMT"), "");
  EXPECT_EQ(FeedDate("2022-02-30T08:00:00Z"), "");
}

// Hostile feeds (issue 15), generated here. Each must keep its normal items, say what it
// dropped or cut, and stay cheap.
std::string Item(const std::string& title, const std::string& body) {
  return "<item><title>" + title + "</title><description>" + body + "</description></item>\n";
}

std::string WithWarning(const Feed& f, const std::string& needle) {
  for (const auto& w : f.warnings)
    if (w.find(needle) != std::string::npos) return w;
  return "";
}

TEST(FeedsHostile, BillionLaughsIsNotExpandedAndTheNextItemSurvives) {
  std::string dtd = "<!DOCTYPE rss [<!ENTITY lol0 \"lol\">";
  for (int i = 1; i <= 9; ++i)
    dtd += "<!ENTITY lol" + std::to_string(i) + " \"" +
           [&] { std::string r; for (int k = 0; k < 10; ++k) r += "&lol" + std::to_string(i - 1) + ";"; return r; }() +
           "\">";
  dtd += "]>";
  const std::string xml = "<?xml version=\"1.0\"?>" + dtd + "<rss><channel><title>W</title>" +
                          Item("Laughs", "&lol9;") +
                          Item("Normal", "Shelling hit Goris on Tuesday.") + "</channel></rss>";
  const auto t0 = std::chrono::steady_clock::now();
  auto f = ParseFeed(xml, "laughs.xml", {});
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(2));
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[1].title, "Normal");
  EXPECT_EQ(f->items[1].text, "Shelling hit Goris on Tuesday.");
  EXPECT_EQ(f->items[0].text.find("lol"), std::string::npos);
  EXPECT_NE(WithWarning(*f, "entities"), "") << testing::PrintToString(f->warnings);
}

TEST(FeedsHostile, OneBigEntityReferencedManyTimesIsBounded) {
  const std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"" +
                          std::string(50000, 'a') + "\">]><rss><channel><title>W</title>" +
                          Item("Big", [] { std::string r; for (int i = 0; i < 50000; ++i) r += "&big;"; return r; }()) +
                          Item("Normal", "Drones struck Belgorod.") + "</channel></rss>";
  const auto t0 = std::chrono::steady_clock::now();
  auto f = ParseFeed(xml, "big.xml", {});
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_LT(f->items[0].text.size(), 1000u);
  EXPECT_EQ(f->items[1].text, "Drones struck Belgorod.");
}

TEST(FeedsHostile, DeepNestingIsReportedNotSilent) {
  std::string deep;
  for (int i = 0; i < 400; ++i) deep += "<x>";
  deep += "deep text";
  for (int i = 0; i < 400; ++i) deep += "</x>";
  const std::string xml = "<rss><channel><title>W</title>" + Item("First", "Kept text.") +
                          "<item><title>Deep</title><description>" + deep +
                          "</description></item></channel></rss>";
  auto f = ParseFeed(xml, "deep.xml", {});
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_GE(f->items.size(), 1u);
  EXPECT_EQ(f->items[0].text, "Kept text.");
  const std::string w = WithWarning(*f, "not well-formed");
  EXPECT_NE(w, "") << testing::PrintToString(f->warnings);
  EXPECT_NE(w.find("line"), std::string::npos) << w;
}

TEST(FeedsHostile, InvalidUtf8IsRepairedWithAWarning) {
  const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss><channel><title>W</title>" +
                          Item("Bad \xFF title", "Text with \xC3 a bad byte.") +
                          Item("Caf\xC3\xA9", "Second item, valid: d\xC3\xA9j\xC3\xA0.") +
                          "</channel></rss>";
  auto f = ParseFeed(xml, "bad-utf8.xml", {});
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->items.size(), 2u);
  for (const auto& d : f->items) {
    EXPECT_EQ(text::FindInvalidUtf8(d.title), std::string_view::npos) << d.title;
    EXPECT_EQ(text::FindInvalidUtf8(d.text), std::string_view::npos) << d.text;
  }
  EXPECT_EQ(f->items[0].title, "Bad \xEF\xBF\xBD title");
  EXPECT_EQ(f->items[1].title, "Caf\xC3\xA9");  // the rest is not read as Latin-1
  EXPECT_EQ(f->items[1].text, "Second item, valid: d\xC3\xA9j\xC3\xA0.");
  EXPECT_NE(WithWarning(*f, "invalid UTF-8"), "") << testing::PrintToString(f->warnings);
}

TEST(FeedsHostile, OversizedItemIsTruncatedWithAWarning) {
  io::ReadOptions ro;
  ro.max_document_bytes = 1000;
  const std::string xml = "<rss><channel><title>W</title>" + Item("Long", std::string(3000, 'b')) +
                          Item("Short", "ok") + "</channel></rss>";
  auto f = ParseFeed(xml, "long.xml", ro);
  ASSERT_TRUE(f.ok()) << f.status().message();
  ASSERT_EQ(f->items.size(), 2u);
  EXPECT_EQ(f->items[0].text.size(), 1000u);
  EXPECT_NE(WithWarning(*f, "long.xml#1: description truncated"), "")
      << testing::PrintToString(f->warnings);
}

TEST(Feeds, Backoff) {
  EXPECT_EQ(BackoffSeconds(0, 600), 600);
  EXPECT_EQ(BackoffSeconds(1, 600), 1200);
  EXPECT_EQ(BackoffSeconds(3, 600), 4800);
  EXPECT_EQ(BackoffSeconds(30, 600), 6 * 3600);
}

// A tiny HTTP/1.0 server on 127.0.0.1 (an ephemeral port): one handler per path.
class LocalServer {
 public:
  using Handler = std::function<std::string(const std::string& request)>;
  explicit LocalServer(std::map<std::string, Handler> routes) : routes_(std::move(routes)) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    listen(fd_, 16);
    thread_ = std::thread([this] { Loop(); });
  }
  ~LocalServer() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

 private:
  void Loop() {
    while (!stop_) {
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
      std::string resp = it != routes_.end()
                             ? it->second(req)
                             : "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n";
      (void)!write(c, resp.data(), resp.size());
      close(c);
    }
  }
  std::map<std::string, Handler> routes_;
  int fd_ = -1, port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(Feeds, FetchConditionalGetAndErrors) {
  std::atomic<int> full{0}, not_modified{0};
  LocalServer server({{"/rss", [&](const std::string& req) -> std::string {
                         if (req.find("If-None-Match: \"v1\"") != std::string::npos) {
                           ++not_modified;
                           return "HTTP/1.0 304 Not Modified\r\n\r\n";
                         }
                         ++full;
                         std::string body = kRss;
                         return "HTTP/1.0 200 OK\r\nETag: \"v1\"\r\nContent-Type: "
                                "application/rss+xml\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body;
                       }}});
  FetchResult a = Fetch(server.Url("/rss"), "", "", {});
  ASSERT_TRUE(a.ok()) << a.error;
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.etag, "\"v1\"");
  EXPECT_TRUE(ParseFeed(a.body, "x", {}).ok());
  FetchResult b = Fetch(server.Url("/rss"), a.etag, "", {});
  EXPECT_TRUE(b.ok());
  EXPECT_EQ(b.status, 304);
  EXPECT_EQ(full.load(), 1);
  EXPECT_EQ(not_modified.load(), 1);
  FetchResult c = Fetch(server.Url("/missing"), "", "", {});
  EXPECT_FALSE(c.ok());
  EXPECT_EQ(c.error, "HTTP 404");
  FetchOptions small;
  small.max_bytes = 100;
  FetchResult d = Fetch(server.Url("/rss"), "", "", small);
  EXPECT_FALSE(d.ok());
  EXPECT_NE(d.error.find("over 100 bytes"), std::string::npos) << d.error;
  FetchResult e = Fetch("file:///etc/passwd", "", "", {});
  EXPECT_FALSE(e.ok());
}

}  // namespace
}  // namespace tocsin::feeds
