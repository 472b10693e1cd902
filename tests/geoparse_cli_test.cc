// End-to-end tests of `tocsin geoparse`, `tocsin gazetteer import` and `tocsin eval geoparse`:
// each runs the real binary (TOCSIN_BINARY) with posix_spawn, stdout/stderr captured to files
// in a fresh temporary directory, and checks exit codes and records. Fixtures: tests/data/geo/.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kFixtures = std::string(TOCSIN_TEST_DIR) + "/data/geo/";

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Result {
  int exit_code = -1;
  std::string out, err;
  std::vector<json> records;
  std::vector<json> Of(const std::string& kind) const {
    std::vector<json> v;
    for (const auto& r : records)
      if (r.value("record", "") == kind) v.push_back(r);
    return v;
  }
};

class GeoparseCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> n{0};
    dir_ = fs::temp_directory_path() /
           ("tocsin-geoparse-cli-" + std::to_string(getpid()) + "-" + std::to_string(n++) + "-" +
            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
    return (dir_ / name).string();
  }
  // Runs the binary with `args`; `env` entries ("K=V") are added to the environment.
  Result Run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
    Result r;
    const fs::path out = dir_ / ("out." + std::to_string(runs_));
    const fs::path err = dir_ / ("err." + std::to_string(runs_++));
    std::vector<std::string> argv_s = {TOCSIN_BINARY};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_s;
    for (char** e = environ; *e; ++e) {
      std::string kv = *e;
      bool overridden = false;
      for (const auto& x : env)
        if (kv.substr(0, kv.find('=') + 1) == x.substr(0, x.find('=') + 1)) overridden = true;
      if (!overridden) env_s.push_back(kv);
    }
    env_s.insert(env_s.end(), env.begin(), env.end());
    std::vector<char*> envp;
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = 0;
    int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
      ADD_FAILURE() << "posix_spawn failed: " << rc;
      return r;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    r.out = Slurp(out);
    r.err = Slurp(err);
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      json j = json::parse(line, nullptr, false);
      if (!j.is_discarded()) r.records.push_back(j);
    }
    return r;
  }
  fs::path dir_;
  int runs_ = 0;
};

TEST_F(GeoparseCliTest, DocumentThenPlacesWithOffsetsAndTerritory) {
  const std::string text =
      "Après minuit, des bombardements ont frappé les régions arméniennes de Goris et Jermuk, "
      "puis Stepanakert au Haut-Karabakh.";
  std::string path = Write("a.txt", "Titre\n" + text + "\n");
  Result r = Run({"geoparse", "--lang", "fr", "--date", "2020-10-01", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_FALSE(r.records.empty());
  EXPECT_EQ(r.records[0]["record"], "document");
  auto places = r.Of("place");
  ASSERT_GE(places.size(), 4u);
  bool goris = false, stepanakert = false, demonym = false;
  for (const auto& p : places) {
    std::string f = p["field"];
    ASSERT_EQ(f, "text");
    size_t s = p["start"], e = p["end"];
    EXPECT_EQ(text.substr(s, e - s), p["text"].get<std::string>());
    for (const char* k : {"doc_id", "name", "lat", "lon", "feature", "country", "admin1",
                          "geonameid", "territory", "confidence"})
      EXPECT_TRUE(p.contains(k)) << k;
    if (p["text"] == "Goris") {
      goris = true;
      EXPECT_EQ(p["country"], "ARM");
      EXPECT_EQ(p["territory"], "sovereign");
    }
    if (p["text"] == "Stepanakert") {
      stepanakert = true;
      EXPECT_EQ(p["territory"], "disputed");
      EXPECT_EQ(p["controlled_by"], "ARM");
    }
    if (p["text"] == "arméniennes") {
      demonym = true;
      EXPECT_EQ(p["feature"], "country");
      EXPECT_EQ(p["country"], "ARM");
    }
  }
  EXPECT_TRUE(goris && stepanakert && demonym) << r.out;
}

TEST_F(GeoparseCliTest, UnresolvedMentionsHaveNullCoordinates) {
  std::string path = Write("b.txt", "T\nThe army entered the village of Qqqzzzville at dawn.\n");
  Result r = Run({"geoparse", "--lang", "en", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto places = r.Of("place");
  ASSERT_EQ(places.size(), 1u) << r.out;
  EXPECT_TRUE(places[0]["lat"].is_null());
  EXPECT_TRUE(places[0]["lon"].is_null());
  EXPECT_EQ(places[0]["text"], "Qqqzzzville");
}

TEST_F(GeoparseCliTest, ExitCodesLikeExtract) {
  std::string good = Write("ok.txt", "T\nFighting in Kherson.\n");
  std::string bad = Write("bad.json", "{not json");
  Result r = Run({"geoparse", good, bad});
  EXPECT_EQ(r.exit_code, 1);  // one document failed, the other still output
  EXPECT_EQ(r.Of("document").size(), 1u);
  EXPECT_NE(r.err.find("bad.json"), std::string::npos);
  EXPECT_EQ(Run({"geoparse", "--date", "13/09/2022", good}).exit_code, 2);
  EXPECT_EQ(Run({"geoparse"}).exit_code, 2);
}

TEST_F(GeoparseCliTest, ImportGeoNamesAndUseTheIndex) {
  std::string out = (dir_ / "world").string();
  Result imp = Run({"gazetteer", "import", "geonames", kFixtures + "geonames_sample.txt",
                    kFixtures + "alternate_names_sample.txt", "--out", out});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  EXPECT_TRUE(fs::exists(out + "/gazetteer.bin"));
  EXPECT_TRUE(fs::exists(out + "/countries.bin"));
  std::string doc = Write("c.txt", "T\nTroops moved from Alphaville-sur-Mer to Gamma City.\n");
  Result r = Run({"geoparse", "--lang", "en", doc}, {"TOCSIN_DATA_DIR=" + out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto places = r.Of("place");
  ASSERT_EQ(places.size(), 2u) << r.out;
  EXPECT_EQ(places[0]["geonameid"], 1);  // through the alternateNames spelling
  EXPECT_EQ(places[1]["name"], "Gammaburg");
  // Historical rows (PPLH) and spots (class S) are not imported by default.
  Result h = Run({"geoparse", "--lang", "en",
                  Write("d.txt", "T\nThey met in Old Delta near Epsilon Tower.\n")},
                 {"TOCSIN_DATA_DIR=" + out});
  for (const auto& p : h.Of("place")) EXPECT_TRUE(p["lat"].is_null()) << h.out;
}

TEST_F(GeoparseCliTest, ImportTsvAndRejectBadRows) {
  std::string out = (dir_ / "tsv").string();
  Result imp = Run({"gazetteer", "import", "tsv", kFixtures + "places_sample.tsv", "--out", out});
  ASSERT_EQ(imp.exit_code, 0) << imp.err;
  Result r = Run({"geoparse", "--lang", "en", Write("e.txt", "T\nFighting was reported in Zetaville.\n")},
                 {"TOCSIN_DATA_DIR=" + out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto places = r.Of("place");
  ASSERT_EQ(places.size(), 1u) << r.out;
  EXPECT_EQ(places[0]["country"], "FRA");
  std::string bad = Write("bad.tsv", "Nowhere\t95\t10\ttown\n");
  Result b = Run({"gazetteer", "import", "tsv", bad, "--out", (dir_ / "bad").string()});
  EXPECT_EQ(b.exit_code, 1);
  EXPECT_NE(b.err.find("bad.tsv:1"), std::string::npos) << b.err;
}

TEST_F(GeoparseCliTest, EvalGeoparseJson) {
  Result r = Run({"eval", "geoparse", "--gold", kFixtures + "gold_sample.xml", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(r.records.size(), 1u) << r.out;
  const json& j = r.records[0];
  EXPECT_EQ(j["gold_toponyms"], 4);
  EXPECT_EQ(j["matched"], 4);
  EXPECT_DOUBLE_EQ(j["recall"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["accuracy_161km"].get<double>(), 0.75);
  EXPECT_EQ(Run({"eval", "geoparse", "--gold", "/nonexistent.xml"}).exit_code, 2);
}

}  // namespace
