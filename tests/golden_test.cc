// Data-driven extraction tests: every tests/golden/*.test file is one case (format in
// tests/golden/README.md). A failing case prints the expectation that failed and every record
// the extractor produced, so the diff is readable without a debugger.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "tocsin/extract/extractor.h"
#include "tocsin/output/json.h"

namespace tocsin {
namespace {

namespace fs = std::filesystem;

struct GoldenCase {
  std::string name, path;
  Document doc;
  std::vector<std::string> expectations;
};

GoldenCase ParseCase(const std::string& path) {
  GoldenCase c;
  c.path = path;
  c.name = fs::path(path).stem().string();
  std::ifstream in(path);
  std::string line;
  enum { kHeader, kText, kExpect } state = kHeader;
  std::string text;
  while (std::getline(in, line)) {
    if (state == kHeader) {
      if (line == "---") {
        state = kText;
      } else if (line.rfind("date:", 0) == 0) {
        std::istringstream(line.substr(5)) >> c.doc.date;
      } else if (line.rfind("lang:", 0) == 0) {
        std::istringstream(line.substr(5)) >> c.doc.lang;
      }
    } else if (state == kText) {
      if (line == "===") {
        state = kExpect;
      } else {
        text += line + "\n";
      }
    } else if (!line.empty() && line[0] != '#') {
      c.expectations.push_back(line);
    }
  }
  // As a .txt document: the first non-empty line is the title.
  size_t start = text.find_first_not_of("\n");
  size_t eol = text.find('\n', start);
  c.doc.title = text.substr(start, eol - start);
  c.doc.text = text.substr(eol + 1);
  c.doc.id = c.name;
  return c;
}

std::vector<std::string> CasePaths() {
  std::vector<std::string> paths;
  for (const auto& f : fs::directory_iterator(std::string(TOCSIN_TEST_DIR) + "/golden"))
    if (f.path().extension() == ".test") paths.push_back(f.path().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

const extract::Extractor& SharedExtractor() {
  static const extract::Extractor* x = [] {
    auto made = extract::Extractor::Create({});
    if (!made.ok()) {
      ADD_FAILURE() << made.status().ToString();
      std::abort();
    }
    return std::move(made).value().release();
  }();
  return *x;
}

std::map<std::string, std::string> Pairs(std::istringstream& in) {
  std::map<std::string, std::string> kv;
  std::string word;
  while (in >> word) {
    size_t eq = word.find('=');
    if (eq == std::string::npos) continue;
    std::string key = word.substr(0, eq), v = word.substr(eq + 1);
    // '_' stands for a space in free-text values only (kinds contain underscores).
    if (key == "place" || key == "name" || key == "evidence") std::replace(v.begin(), v.end(), '_', ' ');
    kv[key] = v;
  }
  return kv;
}

bool ActorIs(const std::optional<extract::Actor>& a, const std::string& want) {
  if (want == "-") return !a.has_value();
  return a && a->code == want;
}

bool EventMatches(const extract::Event& e, const std::map<std::string, std::string>& want) {
  for (const auto& [k, v] : want) {
    bool ok = true;
    if (k == "kind") ok = e.kind == v;
    else if (k == "actor1") ok = ActorIs(e.actor1, v);
    else if (k == "actor2") ok = ActorIs(e.actor2, v);
    else if (k == "agent1") ok = e.actor1 && e.actor1->agent == v;
    else if (k == "agent2") ok = e.actor2 && e.actor2->agent == v;
    else if (k == "inferred1") ok = e.actor1 && e.actor1->inferred == (v == "true");
    else if (k == "inferred2") ok = e.actor2 && e.actor2->inferred == (v == "true");
    else if (k == "modality") ok = e.modality == v;
    else if (k == "cameo") ok = e.cameo == v;
    else if (k == "date") ok = e.date == v;
    else if (k == "evidence") ok = e.evidence.sentence.find(v) != std::string::npos;
    else if (k == "attribution")
      ok = e.attribution && std::find(e.attribution->actors.begin(), e.attribution->actors.end(),
                                      v) != e.attribution->actors.end();
    else if (k == "place" || k == "country" || k == "territory") {
      ok = false;
      for (const auto& p : e.places) {
        if (k == "place" && (p.name == v || p.text == v)) ok = true;
        if (k == "country" && p.country == v) ok = true;
        if (k == "territory" && p.territory == v) ok = true;
      }
    } else {
      ADD_FAILURE() << "unknown event key " << k;
    }
    if (!ok) return false;
  }
  // place + territory together must hold for the same place.
  if (want.count("place") && want.count("territory")) {
    for (const auto& p : e.places)
      if ((p.name == want.at("place") || p.text == want.at("place")) &&
          p.territory == want.at("territory"))
        return true;
    return false;
  }
  return true;
}

bool CasualtyMatches(const extract::Casualty& c, const std::map<std::string, std::string>& want) {
  for (const auto& [k, v] : want) {
    bool ok = true;
    if (k == "count") ok = std::to_string(c.count) == v;
    else if (k == "min") ok = c.min && std::to_string(*c.min) == v;
    else if (k == "max") ok = c.max && std::to_string(*c.max) == v;
    else if (k == "qualifier") ok = c.qualifier == v;
    else if (k == "victims") ok = c.victims == v;
    else if (k == "side") ok = c.side == v;
    else if (k == "attribution")
      ok = c.attribution && std::find(c.attribution->actors.begin(), c.attribution->actors.end(),
                                      v) != c.attribution->actors.end();
    else ADD_FAILURE() << "unknown casualty key " << k;
    if (!ok) return false;
  }
  return true;
}

class GoldenTest : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, ExtractsExpectedRecords) {
  GoldenCase c = ParseCase(GetParam());
  ASSERT_FALSE(c.expectations.empty()) << c.path << ": no expectations";
  extract::Extraction x = SharedExtractor().Extract(c.doc);
  std::string dump;
  for (const auto& e : x.events) dump += output::EventRecord(c.doc, e) + "\n";
  for (const auto& k : x.casualties) dump += output::CasualtyRecord(c.doc, k) + "\n";
  for (const std::string& line : c.expectations) {
    std::istringstream in(line);
    std::string verb;
    in >> verb;
    if (verb == "events") {
      std::string op;
      size_t n = 0;
      in >> op >> n;
      if (op == "<=") EXPECT_LE(x.events.size(), n) << line;
      else EXPECT_GE(x.events.size(), n) << line;
      continue;
    }
    auto want = Pairs(in);
    bool found = false;
    if (verb == "event" || verb == "no-event") {
      for (const auto& e : x.events) found |= EventMatches(e, want);
      if (verb == "event") {
        EXPECT_TRUE(found) << c.path << ": missing " << line;
      } else {
        EXPECT_FALSE(found) << c.path << ": unexpected " << line;
      }
    } else if (verb == "main") {  // the most confident event (the text's main event)
      const extract::Event* top = nullptr;
      for (const auto& e : x.events)
        if (!top || e.confidence > top->confidence) top = &e;
      EXPECT_TRUE(top && EventMatches(*top, want)) << c.path << ": main event is not " << line;
    } else if (verb == "casualty") {
      for (const auto& k : x.casualties) found |= CasualtyMatches(k, want);
      EXPECT_TRUE(found) << c.path << ": missing " << line;
    } else if (verb == "no-place") {
      for (const auto& e : x.events)
        for (const auto& p : e.places)
          if ((!want.count("country") || p.country == want["country"]) &&
              (!want.count("name") || p.name == want["name"]))
            found = true;
      EXPECT_FALSE(found) << c.path << ": unexpected " << line;
    } else {
      ADD_FAILURE() << c.path << ": unknown expectation " << line;
    }
  }
  if (HasFailure()) ADD_FAILURE() << "extracted:\n" << dump;
}

INSTANTIATE_TEST_SUITE_P(Golden, GoldenTest, ::testing::ValuesIn(CasePaths()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = fs::path(info.param).stem().string();
                           for (char& ch : n)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

}  // namespace
}  // namespace tocsin
