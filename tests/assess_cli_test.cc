// End-to-end tests of `tocsin assess`: golden-style cases (tests/data/assess/*.case, format in
// tests/data/assess/README.md) run through the real binary (TOCSIN_BINARY), plus the command's
// own behaviour: text format, --records input, --treaty names, usage errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSourceDir = std::string(TOCSIN_TEST_DIR) + "/..";

struct Result : tocsin::test::ProcessResult {
  json report;
  bool parsed = false;
};

using tocsin::test::TempDir;

Result RunTocsin(const fs::path& dir, const std::vector<std::string>& args) {
  Result r;
  static_cast<tocsin::test::ProcessResult&>(r) = tocsin::test::RunTocsin(dir, args);
  r.report = json::parse(r.out, nullptr, false);
  r.parsed = !r.report.is_discarded() && r.report.is_object();
  return r;
}

// ---- golden-style cases ----------------------------------------------------------------------

struct Case {
  std::string name, path;
  std::vector<std::string> args, files;
  struct Doc {
    std::string name, date, body;
  };
  std::vector<Doc> docs;
  std::vector<std::string> expectations;
  int exit_code = 0;
};

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> w;
  for (std::string x; in >> x;) w.push_back(x);
  return w;
}

Case ParseCase(const std::string& path) {
  Case c;
  c.path = path;
  c.name = fs::path(path).stem().string();
  std::ifstream in(path);
  enum { kHeader, kDocs, kExpect } state = kHeader;
  for (std::string line; std::getline(in, line);) {
    if (line == "===") {
      state = kExpect;
    } else if (line.rfind("--- doc ", 0) == 0) {
      state = kDocs;
      std::vector<std::string> w = Words(line.substr(8));
      Case::Doc d;
      d.name = w.empty() ? "doc.txt" : w[0];
      for (size_t i = 1; i < w.size(); ++i)
        if (w[i].rfind("date=", 0) == 0) d.date = w[i].substr(5);
      c.docs.push_back(d);
    } else if (state == kDocs) {
      c.docs.back().body += line + "\n";
    } else if (state == kHeader) {
      if (line.rfind("args:", 0) == 0) c.args = Words(line.substr(5));
      if (line.rfind("file:", 0) == 0) c.files.push_back(kSourceDir + "/" + Words(line.substr(5)).at(0));
    } else if (!line.empty() && line[0] != '#') {
      if (line.rfind("exit=", 0) == 0)
        c.exit_code = std::stoi(line.substr(5));
      else
        c.expectations.push_back(line);
    }
  }
  return c;
}

std::string Scalar(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "null";
  return v.dump();
}

const json* At(const json& item, const std::string& dotted) {
  const json* cur = &item;
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    std::string key = dotted.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object() || !cur->contains(key)) return nullptr;
    cur = &(*cur)[key];
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

bool Contains(const json& v, const std::string& text) {
  if (v.is_string()) return v.get<std::string>().find(text) != std::string::npos;
  if (v.is_array()) {
    for (const json& e : v)
      if (Contains(e, text)) return true;
    return false;
  }
  if (v.is_object()) {
    for (const auto& [k, e] : v.items())
      if (Contains(e, text)) return true;
  }
  return v.dump().find(text) != std::string::npos;
}

bool Matches(const json& item, const std::vector<std::string>& pairs) {
  for (const std::string& p : pairs) {
    size_t op = p.find("~=");
    std::string kind = "~=";
    if (op == std::string::npos) {
      op = p.find("#=");
      kind = "#=";
    }
    if (op == std::string::npos) {
      op = p.find('=');
      kind = "=";
    }
    if (op == std::string::npos) return false;
    const std::string key = p.substr(0, op);
    std::string value = p.substr(op + kind.size());
    const json* v = At(item, key);
    if (!v) return false;
    if (kind == "=") {
      if (Scalar(*v) != value) return false;
    } else if (kind == "#=") {
      if (!v->is_array() || v->size() != std::stoul(value)) return false;
    } else {
      std::replace(value.begin(), value.end(), '_', ' ');
      if (!Contains(*v, value)) return false;
    }
  }
  return true;
}

std::vector<std::string> AllCases() {
  std::vector<std::string> v;
  for (const auto& e : fs::directory_iterator(std::string(TOCSIN_TEST_DIR) + "/data/assess"))
    if (e.path().extension() == ".case") v.push_back(e.path().string());
  std::sort(v.begin(), v.end());
  return v;
}

class AssessCase : public ::testing::TestWithParam<std::string> {};

TEST_P(AssessCase, Expectations) {
  const Case c = ParseCase(GetParam());
  TempDir dir;
  std::vector<std::string> args = {"assess", "--format", "json"};
  args.insert(args.end(), c.args.begin(), c.args.end());
  args.insert(args.end(), c.files.begin(), c.files.end());
  for (const Case::Doc& d : c.docs) {
    fs::path p = dir.path() / d.name;
    if (d.date.empty()) {
      tocsin::test::WriteFile(p, d.body);
    } else {
      size_t eol = d.body.find('\n');
      p.replace_extension(".json");
      tocsin::test::WriteFile(p, json{{"id", d.name}, {"title", d.body.substr(0, eol)}, {"text", d.body.substr(eol + 1)},
                   {"date", d.date}}
                  .dump());
    }
    args.push_back(p.string());
  }
  Result r = RunTocsin(dir.path(), args);
  ASSERT_EQ(r.exit_code, c.exit_code) << c.path << "\n" << r.Describe();
  ASSERT_TRUE(r.parsed) << c.path << "\n" << r.Describe();
  const json& rep = r.report;
  for (const std::string& line : c.expectations) {
    std::vector<std::string> w = Words(line);
    ASSERT_FALSE(w.empty());
    std::string what = w[0];
    bool negate = what.rfind("no-", 0) == 0;
    if (negate) what = what.substr(3);
    const std::string section = what == "trigger" ? "treaty_triggers" : what == "ceasefire" ? "ceasefires" : "alerts";
    ASSERT_TRUE(what == "trigger" || what == "ceasefire" || what == "alert") << c.path << ": bad line " << line;
    std::vector<std::string> pairs(w.begin() + 1, w.end());
    bool found = false;
    for (const json& item : rep[section]) found |= Matches(item, pairs);
    EXPECT_EQ(found, !negate) << c.path << ": expectation failed: " << line << "\n" << rep[section].dump(2);
  }
  // Every event an item names has its sentence in the evidence map.
  auto check = [&](const json& ids) {
    for (const json& id : ids) {
      const std::string s = id.get<std::string>();
      ASSERT_TRUE(rep["evidence"].contains(s)) << c.path << ": no evidence for " << s;
      EXPECT_FALSE(rep["evidence"][s]["sentence"].get<std::string>().empty()) << s;
    }
  };
  for (const json& t : rep["treaty_triggers"]) {
    check(t["events"]);
    check(t["request"]["events"]);
    for (const json& n : t["not_counted"]) check(json::array({n["event_id"]}));
    for (const json& x : t["responses"]) check(json::array({x["event_id"]}));
  }
  for (const json& cf : rep["ceasefires"]) {
    check(cf["events"]);
    check(cf["violations"]);
  }
  for (const json& a : rep["alerts"]) {
    check(a["events"]);
    if (a.contains("casualties")) check(a["casualties"]);
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, AssessCase, ::testing::ValuesIn(AllCases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = fs::path(info.param).stem().string();
                           for (char& ch : n)
                             if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

// ---- the command itself ----------------------------------------------------------------------

const std::string kSeed = kSourceDir + "/samples/armenia-azerbaijan-2022-09-13.fr.txt";

TEST(AssessCli, TextFormatNamesTheFindingsAndQuotesTheirSentences) {
  TempDir dir;
  Result r = RunTocsin(dir.path(), {"assess", "--date", "2022-09-13", "--treaty", "NATO", "--treaty", "CSTO",
                                    "--format", "text", kSeed});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.out.find("[CONDITIONS MET] CSTO art. 4"), std::string::npos) << r.Describe();
  EXPECT_NE(r.out.find("[NOT ENGAGED] NATO art. 5"), std::string::npos) << r.Describe();
  EXPECT_NE(r.out.find("never a member"), std::string::npos) << r.Describe();
  EXPECT_NE(r.out.find("[VIOLATED] ceasefire of 2022-09-13 announced by RUS"), std::string::npos);
  EXPECT_NE(r.out.find("\u00ab Apr\u00e8s minuit"), std::string::npos) << "evidence sentence quoted";
}

TEST(AssessCli, RecordsInputGivesTheSameReportAsDocuments) {
  TempDir dir;
  Result x = RunTocsin(dir.path(), {"extract", "--date", "2022-09-13", kSeed});
  ASSERT_EQ(x.exit_code, 0) << x.Describe();
  const fs::path records = dir.path() / "seed.jsonl";
  tocsin::test::WriteFile(records, x.out);
  Result from_docs = RunTocsin(dir.path(), {"assess", "--date", "2022-09-13", kSeed});
  Result from_records = RunTocsin(dir.path(), {"assess", "--records", records.string()});
  ASSERT_EQ(from_docs.exit_code, 0) << from_docs.Describe();
  ASSERT_EQ(from_records.exit_code, 0) << from_records.Describe();
  ASSERT_TRUE(from_docs.parsed && from_records.parsed);
  EXPECT_EQ(from_docs.report, from_records.report);
}

// A record with a field of the wrong type ("violent": "yes") is an error naming the file, the
// line, the record and the field; the line is skipped and the other records assessed (exit 1),
// as a bad line of a JSONL batch of documents is. Before, nlohmann's value() threw on it.
TEST(AssessCli, RecordWithViolentYesIsAnErrorNamingFileLineAndField) {
  TempDir dir;
  Result x = RunTocsin(dir.path(), {"extract", "--date", "2022-09-13", kSeed});
  ASSERT_EQ(x.exit_code, 0) << x.Describe();
  const fs::path good = dir.path() / "good.jsonl";
  tocsin::test::WriteFile(good, x.out);
  // The same records with two bad lines, the third and the last.
  std::istringstream lines(x.out);
  std::string with_bad;
  int n = 0;
  for (std::string line; std::getline(lines, line);) {
    if (++n == 3)
      with_bad += R"({"record":"event","doc_id":"armenia-azerbaijan-2022-09-13.fr.txt","id":"extra#e1",)"
                  R"("kind":"shelling","violent":"yes"})" "\n";
    with_bad += line + "\n";
  }
  with_bad += R"({"record":"casualty","doc_id":"armenia-azerbaijan-2022-09-13.fr.txt","id":"extra#c1",)"
              R"("count":"seven"})" "\n";
  const fs::path bad = dir.path() / "bad.jsonl";
  tocsin::test::WriteFile(bad, with_bad);

  Result from_good = RunTocsin(dir.path(), {"assess", "--records", good.string()});
  Result r = RunTocsin(dir.path(), {"assess", "--records", bad.string()});
  ASSERT_EQ(from_good.exit_code, 0) << from_good.Describe();
  EXPECT_EQ(r.signal, 0) << r.Describe();
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find(bad.string() + ":3: event record \"extra#e1\": field \"violent\": expected true "
                                      "or false, got a string (\"yes\")"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(bad.string() + ":" + std::to_string(n + 2) +
                       ": casualty record \"extra#c1\": field \"count\": expected an integer"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 2) << "one line per bad record\n" << r.err;
  ASSERT_TRUE(r.parsed && from_good.parsed) << r.Describe();
  EXPECT_EQ(r.report, from_good.report) << "the good records are all assessed";
}

TEST(AssessCli, TreatyNamesInOtherLanguagesResolve) {
  TempDir dir;
  for (const std::string name : {"OTAN", "НАТО", "North Atlantic Treaty Organization"}) {
    Result r = RunTocsin(dir.path(), {"assess", "--date", "2022-09-13", "--treaty", name, kSeed});
    ASSERT_EQ(r.exit_code, 0) << name << r.Describe();
    ASSERT_TRUE(r.parsed);
    EXPECT_EQ(r.report["treaties_asked"], json::array({"NATO"})) << name;
  }
  Result ru = RunTocsin(dir.path(), {"assess", "--date", "2022-09-13", "--treaty", "ОДКБ", kSeed});
  ASSERT_TRUE(ru.parsed) << ru.Describe();
  EXPECT_EQ(ru.report["treaties_asked"], json::array({"CSTO"}));
}

TEST(AssessCli, UsageErrors) {
  TempDir dir;
  Result unknown = RunTocsin(dir.path(), {"assess", "--treaty", "WARSAW", kSeed});
  EXPECT_EQ(unknown.exit_code, 2) << unknown.Describe();
  EXPECT_NE(unknown.err.find("unknown treaty"), std::string::npos) << unknown.err;
  Result bad_date = RunTocsin(dir.path(), {"assess", "--as-of", "13/09/2022", kSeed});
  EXPECT_EQ(bad_date.exit_code, 2) << bad_date.Describe();
  Result no_files = RunTocsin(dir.path(), {"assess"});
  EXPECT_EQ(no_files.exit_code, 2) << no_files.Describe();
}

TEST(AssessCli, MissingFileIsReportedAndTheRestAssessed) {
  TempDir dir;
  Result r = RunTocsin(dir.path(), {"assess", "--date", "2022-09-13", kSeed, (dir.path() / "missing.txt").string()});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  ASSERT_TRUE(r.parsed) << r.Describe();
  EXPECT_FALSE(r.report["treaty_triggers"].empty());
  Result bad = RunTocsin(dir.path(), {"assess", "--records", kSeed});  // not JSONL
  EXPECT_EQ(bad.exit_code, 1) << bad.Describe();
  EXPECT_NE(bad.err.find(":1: not a JSON object"), std::string::npos) << bad.err;
}

}  // namespace
