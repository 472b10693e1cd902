// API tests: a real tocsin::serve::Server on 127.0.0.1 (random port) over an InMemoryBackend
// holding the seed article, queried with cpp-httplib's client and, for path traversal, with raw
// requests on a socket. One test per rule of doc/api.md.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <httplib.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <set>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "test_util.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/io/reader.h"
#include "tocsin/serve/memory_backend.h"
#include "tocsin/serve/query.h"
#include "tocsin/serve/server.h"
#include "tocsin/serve/territories.h"

namespace tocsin::serve {
namespace {

using nlohmann::json;

const std::string kTestDir = TOCSIN_TEST_DIR;
const std::string kSeed = kTestDir + "/../samples/armenia-azerbaijan-2022-09-13.fr.txt";
const std::string kToken = "test-token-0123456789abcdef";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::string Encode(const std::string& s) { return test::UrlEncode(s); }

// A request written byte for byte (no client normalisation of the path).
std::string RawRequest(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return "";
  }
  ::send(fd, request.data(), request.size(), 0);
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

int RawStatus(int port, const std::string& path) {
  std::string r = RawRequest(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  if (r.size() < 12) return -1;
  return std::stoi(r.substr(9, 3));
}

class ServeApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto made = extract::Extractor::Create(extract::ExtractorOptions{});
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    extractor_ = made->release();
    backend_ = new InMemoryBackend(extractor_);
    io::ReadOptions read;
    read.default_date = "2022-09-13";
    std::vector<std::pair<Document, extract::Extraction>> items;
    ASSERT_TRUE(io::ReadDocuments(kSeed, read, [&](io::DocumentOrError d) {
                  ASSERT_TRUE(d.document.ok());
                  items.emplace_back(*d.document, extractor_->Extract(*d.document));
                }).ok());
    backend_->AddAll(items);
    ServerOptions o;
    o.port = 0;
    o.web_dir = kTestDir + "/data/serve/web";
    o.token = kToken;
    o.max_body_bytes = 64 * 1024;
    o.threads = 32;  // the default connection cap of a small pool is half of it (doc/api.md)
    server_ = new Server(backend_, o);
    ASSERT_TRUE(server_->Start().ok());
  }
  static void TearDownTestSuite() {
    delete server_;
    delete backend_;
    delete extractor_;
    server_ = nullptr;
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }
  json GetJson(const std::string& path, int expect = 200) {
    auto c = Client();
    auto r = c.Get(path.c_str());
    EXPECT_TRUE(r) << path;
    if (!r) return json();
    EXPECT_EQ(r->status, expect) << path << " -> " << r->body;
    EXPECT_NE(r->get_header_value("Content-Type").find("json"), std::string::npos) << path;
    return json::parse(r->body, nullptr, false);
  }
  // A 400 that names `param`.
  void ExpectBadParam(const std::string& path, const std::string& param) {
    json j = GetJson(path, 400);
    EXPECT_EQ(j.value("parameter", std::string("<none>")), param) << path << " " << j.dump();
    EXPECT_FALSE(j.value("error", std::string()).empty()) << path;
  }

  static extract::Extractor* extractor_;
  static InMemoryBackend* backend_;
  static Server* server_;
};
extract::Extractor* ServeApiTest::extractor_ = nullptr;
InMemoryBackend* ServeApiTest::backend_ = nullptr;
Server* ServeApiTest::server_ = nullptr;

std::set<std::string> PlaceNames(const json& events) {
  std::set<std::string> names;
  for (const auto& e : events)
    for (const auto& p : e["places"]) names.insert(p["name"].get<std::string>());
  return names;
}

TEST_F(ServeApiTest, ListsSeedEventsWithPlacesAndPagingFields) {
  json j = GetJson("/api/events?limit=500");
  ASSERT_TRUE(j.is_object());
  EXPECT_GE(j["total"].get<int>(), 10);
  EXPECT_EQ(j["count"], j["total"]);
  EXPECT_TRUE(j["next_offset"].is_null());
  auto names = PlaceNames(j["events"]);
  for (const char* p : {"Goris", "Sotk", "Jermuk"}) EXPECT_TRUE(names.count(p)) << p;
  const json& e = j["events"][0];
  for (const char* f : {"id", "kind", "date", "evidence", "places", "fatalities", "doc", "sources"})
    EXPECT_TRUE(e.contains(f)) << f;
  EXPECT_EQ(e["doc"]["lang"], "fr");
}

TEST_F(ServeApiTest, FiltersByKindActorCountryTerritoryBboxAndDates) {
  json all = GetJson("/api/events?limit=500");
  json shelling = GetJson("/api/events?kind=shelling&limit=500");
  ASSERT_GE(shelling["total"].get<int>(), 1);
  EXPECT_LT(shelling["total"].get<int>(), all["total"].get<int>());
  for (const auto& e : shelling["events"]) EXPECT_EQ(e["kind"], "shelling");

  json csto = GetJson("/api/events?actor=csto");  // codes are case-insensitive
  ASSERT_GE(csto["total"].get<int>(), 1);
  bool request = false;
  for (const auto& e : csto["events"]) {
    bool named = (e["actor1"].is_object() && e["actor1"]["code"] == "CSTO") ||
                 (e["actor2"].is_object() && e["actor2"]["code"] == "CSTO");
    for (const auto& p : e.value("parties", json::array())) named = named || p == "CSTO";
    EXPECT_TRUE(named) << e["id"];
    request = request || e["kind"] == "request_assistance";
  }
  EXPECT_TRUE(request);

  json arm = GetJson("/api/events?country=ARM&territory=sovereign&limit=500");
  ASSERT_GE(arm["total"].get<int>(), 1);
  for (const auto& e : arm["events"]) {
    bool found = false;
    for (const auto& p : e["places"]) found = found || (p["country"] == "ARM" && p["territory"] == "sovereign");
    EXPECT_TRUE(found) << e["id"];
  }
  // Goris is at 39.51N 46.34E.
  json box = GetJson("/api/events?bbox=46.2,39.4,46.5,39.6&limit=500");
  EXPECT_TRUE(PlaceNames(box["events"]).count("Goris"));
  json none = GetJson("/api/events?bbox=0,0,1,1");
  EXPECT_EQ(none["total"], 0);

  EXPECT_EQ(GetJson("/api/events?from=2022-09-13&to=2022-09-13&limit=500")["total"],
            all["total"]);
  EXPECT_EQ(GetJson("/api/events?from=2022-09-14")["total"], 0);
  EXPECT_EQ(GetJson("/api/events?to=2022-09-12")["total"], 0);
  json multi = GetJson("/api/events?kind=shelling,ceasefire&kind=ground_advance&limit=500");
  for (const auto& e : multi["events"])
    EXPECT_TRUE(e["kind"] == "shelling" || e["kind"] == "ceasefire" || e["kind"] == "ground_advance");
}

TEST_F(ServeApiTest, PaginatesWithoutOverlap) {
  json all = GetJson("/api/events?limit=500&order=asc");
  int total = all["total"];
  ASSERT_GE(total, 4);
  std::vector<std::string> seen;
  size_t offset = 0;
  while (true) {
    json page = GetJson("/api/events?order=asc&limit=3&offset=" + std::to_string(offset));
    EXPECT_EQ(page["total"], total);
    for (const auto& e : page["events"]) seen.push_back(e["id"]);
    if (page["next_offset"].is_null()) break;
    offset = page["next_offset"];
  }
  ASSERT_EQ(seen.size(), static_cast<size_t>(total));
  for (int i = 0; i < total; ++i) EXPECT_EQ(seen[i], all["events"][i]["id"]);
  EXPECT_EQ(GetJson("/api/events?offset=100000")["count"], 0);
}

TEST_F(ServeApiTest, BadParametersGet400NamingTheParameter) {
  ExpectBadParam("/api/events?from=2022-13-01", "from");
  // Impossible days were accepted although the JSON reader refuses them (issue 15).
  ExpectBadParam("/api/events?from=2022-02-30", "from");
  ExpectBadParam("/api/events?to=2023-02-29", "to");
  ExpectBadParam("/api/territories?date=2022-04-31", "date");
  ExpectBadParam("/api/events?to=yesterday", "to");
  ExpectBadParam("/api/events?from=2022-09-14&to=2022-09-13", "from");
  ExpectBadParam("/api/events?kind=bombing", "kind");
  ExpectBadParam("/api/events?actor=a%20b", "actor");
  ExpectBadParam("/api/events?country=Armenia", "country");
  ExpectBadParam("/api/events?territory=annexed", "territory");
  ExpectBadParam("/api/events?bbox=1,2,3", "bbox");
  ExpectBadParam("/api/events?bbox=0,80,10,70", "bbox");
  ExpectBadParam("/api/events?bbox=0,0,200,10", "bbox");
  ExpectBadParam("/api/events?limit=0", "limit");
  ExpectBadParam("/api/events?limit=5001", "limit");
  ExpectBadParam("/api/events?limit=-1", "limit");
  ExpectBadParam("/api/events?offset=abc", "offset");
  ExpectBadParam("/api/events?order=random", "order");
  ExpectBadParam("/api/events?violent=maybe", "violent");
  ExpectBadParam("/api/events?limit=1&limit=2", "limit");
  ExpectBadParam("/api/events?fro=2022-09-13", "fro");  // typos are not ignored
  ExpectBadParam("/api/stats?kind=nope", "kind");
  ExpectBadParam("/api/territories?date=13/09/2022", "date");
  ExpectBadParam("/api/alerts?x=1", "x");
}

TEST_F(ServeApiTest, FiltersBySourceLanguageAndSearchText) {
  json all = GetJson("/api/events?limit=500");
  EXPECT_EQ(GetJson("/api/events?lang=fr&limit=500")["total"], all["total"]);  // the seed is French
  EXPECT_EQ(GetJson("/api/events?lang=EN")["total"], 0);
  json goris = GetJson("/api/events?q=goris&limit=500");
  ASSERT_GE(goris["total"].get<int>(), 1);
  EXPECT_LT(goris["total"].get<int>(), all["total"].get<int>());
  for (const auto& e : goris["events"]) EXPECT_TRUE(PlaceNames(json::array({e})).count("Goris")) << e["id"];
  json csto = GetJson("/api/events?q=" + Encode("Collective Security"));  // an actor's name
  EXPECT_GE(csto["total"].get<int>(), 1) << csto.dump().substr(0, 300);
  json stats = GetJson("/api/stats?lang=fr");
  EXPECT_EQ(stats["by_lang"]["fr"], all["total"]);
  EXPECT_EQ(stats["facets"]["lang"]["fr"], all["total"]);
  ExpectBadParam("/api/events?lang=french", "lang");
  ExpectBadParam("/api/events?q=a&q=b", "q");
}

TEST_F(ServeApiTest, ExportsTheFilteredViewAsCsvGeoJsonAndJsonLines) {
  auto c = Client();
  json shelling = GetJson("/api/events?kind=shelling&limit=500");
  const size_t n = shelling["total"].get<size_t>();
  ASSERT_GE(n, 1u);

  auto csv = c.Get("/api/export?format=csv&kind=shelling");
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv->get_header_value("Content-Disposition").find("tocsin-events.csv"), std::string::npos);
  EXPECT_EQ(csv->body.rfind("event_id,date,date_end,kind,", 0), 0u) << csv->body.substr(0, 100);
  size_t lines = 0;
  for (size_t p = 0; (p = csv->body.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
  EXPECT_EQ(lines, n + 1);  // header + one row per event (sentences hold no line break)
  EXPECT_NE(csv->body.find(",shelling,"), std::string::npos);
  EXPECT_NE(csv->body.find("Goris"), std::string::npos);

  auto geo = c.Get("/api/export?format=geojson&kind=shelling");
  ASSERT_TRUE(geo);
  ASSERT_EQ(geo->status, 200);
  json fc = json::parse(geo->body, nullptr, false);
  ASSERT_TRUE(fc.is_object());
  EXPECT_EQ(fc["type"], "FeatureCollection");
  ASSERT_EQ(fc["features"].size(), n);
  const json& f0 = fc["features"][0];
  EXPECT_EQ(f0["type"], "Feature");
  EXPECT_EQ(f0["properties"]["kind"], "shelling");
  ASSERT_TRUE(f0["geometry"].is_object());
  double lon = f0["geometry"]["coordinates"][0], lat = f0["geometry"]["coordinates"][1];
  EXPECT_GT(lon, 43);  // [longitude, latitude], Armenia
  EXPECT_LT(lat, 42);

  auto jl = c.Get("/api/export?format=jsonl&lang=fr");
  ASSERT_TRUE(jl);
  ASSERT_EQ(jl->status, 200);
  std::istringstream in(jl->body);
  size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    json e = json::parse(line, nullptr, false);
    EXPECT_TRUE(e.is_object() && e.contains("id")) << line;
    ++rows;
  }
  EXPECT_EQ(rows, GetJson("/api/events?limit=500")["total"].get<size_t>());

  // Not compressed per request (brotli at quality 11 took seconds for a large view).
  auto raw = RawRequest(server_->port(), "GET /api/export?format=csv HTTP/1.1\r\nHost: x\r\n"
                                         "Accept-Encoding: br, gzip\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(raw.find("Content-Encoding"), std::string::npos) << raw.substr(0, 300);
  EXPECT_NE(raw.find("\r\n\r\nevent_id,date,"), std::string::npos) << raw.substr(0, 300);

  ExpectBadParam("/api/export", "format");
  ExpectBadParam("/api/export?format=xlsx", "format");
  ExpectBadParam("/api/export?format=csv&limit=10", "limit");
  ExpectBadParam("/api/export?format=csv&kind=nope", "kind");
}

TEST_F(ServeApiTest, GetsOneEventWithMentionsAndCasualties) {
  json list = GetJson("/api/events?kind=shelling&limit=1");
  ASSERT_EQ(list["count"], 1);
  std::string id = list["events"][0]["id"];
  // Ids hold '#': it is percent-encoded in the path.
  std::string enc = Encode(id);
  ASSERT_NE(enc.find("%23"), std::string::npos);
  json e = GetJson("/api/events/" + enc);
  EXPECT_EQ(e["id"], id);
  ASSERT_EQ(e["mentions"].size(), 1u);
  const json& m = e["mentions"][0];
  EXPECT_EQ(m["lang"], "fr");
  EXPECT_EQ(m["date"], "2022-09-13");
  std::string sentence = m["evidence"]["sentence"];
  EXPECT_NE(sentence.find("Goris"), std::string::npos);
  EXPECT_TRUE(e["casualties"].is_array());

  json missing = GetJson("/api/events/nope%23e99", 404);
  EXPECT_NE(missing["error"].get<std::string>().find("nope#e99"), std::string::npos);
}

TEST_F(ServeApiTest, CasualtiesAreLinkedToTheirEvent) {
  json all = GetJson("/api/events?limit=500");
  int linked = 0;
  for (const auto& s : all["events"]) {
    json e = GetJson("/api/events/" + Encode(s["id"].get<std::string>()));
    for (const auto& c : e["casualties"]) {
      EXPECT_EQ(c["event_id"], s["id"]);
      ++linked;
    }
  }
  EXPECT_GE(linked, 2);  // ~50 Armenian and at least 7 Azerbaijani victims
}

TEST_F(ServeApiTest, GetsDocumentsAnd404ForUnknownOnes) {
  json d = GetJson("/api/documents/armenia-azerbaijan-2022-09-13.fr.txt");
  EXPECT_EQ(d["lang"], "fr");
  EXPECT_NE(d["text"].get<std::string>().find("Jermuk"), std::string::npos);
  EXPECT_GE(d["events"].size(), 10u);
  GetJson("/api/documents/nothing-here", 404);
}

TEST_F(ServeApiTest, AlertsAndAssessment) {
  json a = GetJson("/api/alerts");
  ASSERT_TRUE(a["alerts"].is_array());
  // The seed: the assessment module's CSTO Article 4 trigger, the first strike on Armenia's
  // own territory, and the ceasefire Russia announced, violated.
  bool article4 = false, first_strike = false, ceasefire = false;
  for (const auto& al : a["alerts"]) {
    for (const char* f : {"id", "type", "severity", "title", "date", "event_ids", "evidence"})
      EXPECT_TRUE(al.contains(f)) << f;
    std::string t = al["title"];
    if (al["type"] == "treaty_trigger" && t.find("CSTO Article 4") != std::string::npos)
      article4 = true;
    if (al["type"] == "first_strike_on_sovereign_territory") first_strike = true;
    if (al["type"] == "ceasefire_violation") ceasefire = true;
  }
  EXPECT_TRUE(article4) << a.dump();
  EXPECT_TRUE(first_strike);
  EXPECT_TRUE(ceasefire);
  json s = GetJson("/api/assessment");
  EXPECT_EQ(s["available"], true);
  EXPECT_TRUE(s["report"]["treaty_triggers"].is_array());
}

TEST_F(ServeApiTest, StatsFollowTheFilter) {
  json all = GetJson("/api/events?limit=1");
  json s = GetJson("/api/stats");
  EXPECT_EQ(s["events"], all["total"]);
  ASSERT_EQ(s["by_day"].size(), 1u);
  EXPECT_EQ(s["by_day"][0]["date"], "2022-09-13");
  EXPECT_GE(s["by_day"][0]["victims"].get<int>(), 57);
  EXPECT_GE(s["facets"]["kind"]["shelling"].get<int>(), 1);
  json sh = GetJson("/api/stats?kind=shelling");
  EXPECT_EQ(sh["events"], sh["by_kind"]["shelling"]);
  EXPECT_EQ(sh["facets"], s["facets"]);  // facets ignore the filter
}

TEST_F(ServeApiTest, TerritoriesAsGeoJsonByDate) {
  json t = GetJson("/api/territories?date=2022-09-13");
  EXPECT_EQ(t["type"], "FeatureCollection");
  std::set<std::string> ids;
  for (const auto& f : t["features"]) ids.insert(f["id"].get<std::string>());
  EXPECT_TRUE(ids.count("nk_2020"));
  EXPECT_FALSE(ids.count("nk_1994"));
  EXPECT_TRUE(ids.count("crimea"));
  json later = GetJson("/api/territories?date=2024-01-01");
  for (const auto& f : later["features"]) EXPECT_NE(f["properties"]["name"], "Nagorno-Karabakh");
}

TEST_F(ServeApiTest, WritesNeedTheBearerToken) {
  auto c = Client();
  std::string body = ReadFile(kTestDir + "/data/serve/post_document.json");
  auto none = c.Post("/api/documents", body, "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(json::parse(none->body)["parameter"], "Authorization");
  httplib::Headers wrong = {{"Authorization", "Bearer not-the-token-at-all"}};
  auto bad = c.Post("/api/documents", wrong, body, "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
}

TEST_F(ServeApiTest, PostIngestsDocumentsAndBumpsTheVersion) {
  auto c = Client();
  httplib::Headers auth = {{"Authorization", "Bearer " + kToken}};
  uint64_t before = GetJson("/api/stats")["version"];
  std::string body = ReadFile(kTestDir + "/data/serve/post_document.json");
  auto r = c.Post("/api/documents", auth, body, "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  json j = json::parse(r->body);
  EXPECT_EQ(j["documents"], 1);
  EXPECT_GE(j["events"].get<int>(), 1);
  EXPECT_GT(GetJson("/api/stats")["version"].get<uint64_t>(), before);
  json d = GetJson("/api/documents/post-kharkiv-1");
  EXPECT_EQ(d["lang"], "en");
  json k = GetJson("/api/events?doc=post-kharkiv-1");
  EXPECT_GE(k["total"].get<int>(), 1);
  EXPECT_TRUE(PlaceNames(k["events"]).count("Kharkiv"));
}

TEST_F(ServeApiTest, PostRejectsBadBodies) {
  auto c = Client();
  httplib::Headers auth = {{"Authorization", "Bearer " + kToken}};
  auto type = c.Post("/api/documents", auth, "text", "text/plain");
  ASSERT_TRUE(type);
  EXPECT_EQ(type->status, 415);
  EXPECT_EQ(json::parse(type->body)["parameter"], "Content-Type");
  auto broken = c.Post("/api/documents", auth, "{\"text\": ", "application/json");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
  EXPECT_EQ(json::parse(broken->body)["parameter"], "body");
  auto notext = c.Post("/api/documents", auth, "[{\"title\": \"x\"}]", "application/json");
  ASSERT_TRUE(notext);
  EXPECT_EQ(notext->status, 400);
  EXPECT_EQ(json::parse(notext->body)["parameter"], "body[0]");
  std::string big = "{\"text\": \"" + std::string(100 * 1024, 'a') + "\"}";
  auto large = c.Post("/api/documents", auth, big, "application/json");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->status, 413);
}

TEST_F(ServeApiTest, WritesDisabledWithoutATokenFile) {
  ServerOptions o;
  o.port = 0;
  o.threads = 2;
  Server ro(backend_, o);
  ASSERT_TRUE(ro.Start().ok());
  httplib::Client c("127.0.0.1", ro.port());
  auto r = c.Post("/api/documents", {{"Authorization", "Bearer " + kToken}}, "{}", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_NE(r->body.find("writes are disabled"), std::string::npos);
  ro.Stop();
}

// Regression: httplib's default socket options set SO_REUSEPORT, so a second server of the same
// user bound the same port and took part of its connections. The listening socket is exclusive.
TEST_F(ServeApiTest, APortInUseIsAnErrorNotASharedListener) {
  ServerOptions o;
  o.port = server_->port();
  o.threads = 2;
  Server second(backend_, o);
  Status st = second.Start();
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("in use"), std::string::npos) << st.message();
}

TEST_F(ServeApiTest, UnknownPathsAndMethods) {
  GetJson("/api/nothing", 404);
  auto c = Client();
  auto del = c.Delete("/api/events");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  EXPECT_EQ(del->get_header_value("Allow"), "GET");
  auto put = c.Put("/api/documents/x", "{}", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
}

TEST_F(ServeApiTest, ServesStaticFilesAndRefusesTraversal) {
  int port = server_->port();
  EXPECT_EQ(RawStatus(port, "/"), 200);
  EXPECT_EQ(RawStatus(port, "/index.html"), 200);
  EXPECT_EQ(RawStatus(port, "/sub/style.css"), 200);
  std::string page = RawRequest(port, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(page.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(page.find("X-Content-Type-Options: nosniff"), std::string::npos);
  for (const char* evil :
       {"/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/sub/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/.%2e/secret.txt",
        "//etc/passwd", "/%00index.html", "/sub\\..\\..\\secret.txt", "/.hidden",
        "/../../../../../../etc/passwd"}) {
    std::string r = RawRequest(port, std::string("GET ") + evil +
                                         " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(r.find("outside the web root"), std::string::npos) << evil;
    EXPECT_EQ(r.find("root:"), std::string::npos) << evil;
    int status = r.size() >= 12 ? std::stoi(r.substr(9, 3)) : -1;
    EXPECT_TRUE(status == 400 || status == 404) << evil << " -> " << status;
  }
}

TEST_F(ServeApiTest, BoundToLoopbackByDefault) {
  EXPECT_EQ(ServerOptions{}.bind, "127.0.0.1");
  // Not reachable on another local address than loopback when bound to it: the listening
  // socket's address is 127.0.0.1 (checked through /proc/net/tcp would be Linux-only; the
  // default suffices here).
}

TEST_F(ServeApiTest, ConcurrentReadersAllSucceed) {
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      httplib::Client c("127.0.0.1", server_->port());
      for (int i = 0; i < 25; ++i) {
        auto r = c.Get(i % 2 ? "/api/events?kind=shelling" : "/api/stats");
        (r && r->status == 200 ? ok : failed)++;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 200);
  EXPECT_EQ(failed, 0);
}

// ---- Unit tests of the request validation and helpers ----------------------------------

TEST(ServeQueryTest, ResolveStaticPath) {
  std::string root = kTestDir + "/data/serve/web", file;
  EXPECT_FALSE(ResolveStaticPath(root, "/", file));
  EXPECT_NE(file.find("index.html"), std::string::npos);
  EXPECT_FALSE(ResolveStaticPath(root, "/sub/style.css", file));
  for (const char* bad : {"/../secret.txt", "/sub/../../secret.txt", "/./index.html", "/a//b",
                          "/.git/config", "/sub/", "relative", ""})
    EXPECT_TRUE(ResolveStaticPath(root, bad, file)) << bad;
  EXPECT_TRUE(ResolveStaticPath("", "/index.html", file));
}

// Regression: the dashboard's scripts and the 750 KB borders file were brotli-compressed (quality
// 11) on every request, seconds of CPU each on a loaded machine; they now go as they are.
TEST_F(ServeApiTest, LargeStaticScriptsAndJsonAreNotRecompressedPerRequest) {
  EXPECT_EQ(ContentTypeOf("vendor/d3.min.js"), "application/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeOf("vendor/countries-50m.json"), "application/json; charset=utf-8");
  std::string r = RawRequest(server_->port(), "GET /sub/app.js HTTP/1.1\r\nHost: x\r\n"
                                              "Accept-Encoding: br, gzip\r\nConnection: close\r\n\r\n");
  ASSERT_GE(r.size(), 12u);
  EXPECT_EQ(r.substr(9, 3), "200");
  EXPECT_EQ(r.find("Content-Encoding"), std::string::npos) << r.substr(0, 400);
  EXPECT_NE(r.find("tocsin test script"), std::string::npos);
}

TEST(ServeQueryTest, BBoxAcrossTheAntimeridian) {
  BBox b{170, -20, -170, 20};
  EXPECT_TRUE(b.Contains(0, 175));
  EXPECT_TRUE(b.Contains(0, -175));
  EXPECT_FALSE(b.Contains(0, 0));
}

TEST(ServeQueryTest, WktToGeoJson) {
  auto p = WktToGeoJson("POLYGON((0 0, 1 0, 1 1, 0 0))");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(json::parse(*p)["type"], "Polygon");
  auto m = WktToGeoJson("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(json::parse(*m)["coordinates"].size(), 2u);
  EXPECT_FALSE(WktToGeoJson("POINT(1 2)").ok());
  EXPECT_FALSE(WktToGeoJson("POLYGON((0 0, 1 0))").ok());
}

TEST(ServeQueryTest, DocumentsBodyFormats) {
  std::vector<Document> docs;
  EXPECT_FALSE(ParseDocumentsBody("{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"y\"}\n",
                                  "application/x-ndjson", docs));
  EXPECT_EQ(docs.size(), 2u);
  docs.clear();
  EXPECT_FALSE(ParseDocumentsBody("[{\"text\":\"x\"}]", "application/json; charset=utf-8", docs));
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].id.rfind("post-", 0), 0u);  // an id from the content
  docs.clear();
  auto e = ParseDocumentsBody("[]", "application/json", docs);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->parameter, "body");
}

TEST(ServeBackendTest, SyntheticCorpusListsNewestFirst) {
  InMemoryBackend b(nullptr);
  b.AddAll(SyntheticCorpus(2000));
  EventFilter f;
  f.limit = 50;
  auto page = b.ListEvents(f);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2000u);
  std::string prev = "9999";
  for (const auto& s : page->events) {
    std::string d = json::parse(s)["date"];
    EXPECT_LE(d, prev);
    prev = d;
  }
  EXPECT_FALSE(b.IngestDocuments({Document{}}).ok());  // no extractor: read-only
}

}  // namespace
}  // namespace tocsin::serve
