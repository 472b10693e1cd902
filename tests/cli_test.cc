// End-to-end tests of the `tocsin` command-line tool: each test runs the real binary
// (TOCSIN_BINARY) with posix_spawn, stdout and stderr captured to files, and checks the exit
// status (0 all documents processed, 1 some failed, 2 usage error) and the JSONL records.
// Inputs are written to a fresh temporary directory that is removed after each test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using tocsin::test::ReadFile;

void WriteFile(const fs::path& path, const std::string& bytes) {
  ASSERT_TRUE(tocsin::test::WriteFile(path, bytes)) << "cannot write " << path;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

struct RunResult : tocsin::test::ProcessResult {
  std::vector<json> records;  // stdout parsed as JSON Lines (jsonl format only)
  bool parse_ok = true;

  std::vector<json> Of(const std::string& kind) const {
    std::vector<json> v;
    for (const json& r : records)
      if (r.value("record", "") == kind) v.push_back(r);
    return v;
  }
};

class CliTest : public ::testing::Test {
 protected:
  fs::path Path(const std::string& name) const { return dir_ / name; }

  std::string Write(const std::string& name, const std::string& bytes) {
    WriteFile(Path(name), bytes);
    return Path(name).string();
  }

  // Runs TOCSIN_BINARY with `args`; stdin from `stdin_path` (default /dev/null).
  RunResult Run(const std::vector<std::string>& args, const std::string& stdin_path = "") {
    RunResult r;
    static_cast<tocsin::test::ProcessResult&>(r) = tocsin::test::RunTocsin(dir_.path(), args, stdin_path);
    for (const std::string& line : Lines(r.out)) {
      try {
        r.records.push_back(json::parse(line));
      } catch (const json::parse_error&) {
        r.parse_ok = false;
      }
    }
    return r;
  }

  tocsin::test::TempDir dir_{"tocsin-cli-test"};
};

const std::string kSeed =
    std::string(TOCSIN_TEST_DIR) + "/../samples/armenia-azerbaijan-2022-09-13.fr.txt";

// A short English article the extractor finds a shelling event in.
const std::string kEnglishTitle = "Russian forces shell Kharkiv";
const std::string kEnglishBody =
    "Russian forces shelled Kharkiv on Monday, killing at least 3 civilians, according to the "
    "regional governor.\n";
const std::string kEnglishTxt = kEnglishTitle + "\n" + kEnglishBody;

std::string JsonlLine(const std::string& id, const std::string& text) {
  return json{{"id", id}, {"title", ""}, {"text", text}, {"date", "2022-05-02"}}.dump() + "\n";
}

// The .txt reader's text: everything after the first non-empty line (the title) and its
// newline.
std::string TxtBody(const std::string& bytes) {
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t nl = bytes.find('\n', pos);
    std::string line = bytes.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? bytes.size() : nl + 1;
    if (line.find_first_not_of(" \t\r") != std::string::npos) break;
  }
  return bytes.substr(pos);
}

// ---------------------------------------------------------------------------------------
// The seed article.

TEST_F(CliTest, SeedArticleRecordsAndEvidenceOffsets) {
  RunResult r = Run({"extract", "--date", "2022-09-13", kSeed});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  ASSERT_TRUE(r.parse_ok) << r.Describe();
  ASSERT_FALSE(r.records.empty()) << r.Describe();

  const json& doc = r.records.front();
  EXPECT_EQ(doc["record"], "document");
  EXPECT_EQ(doc["lang"], "fr");
  EXPECT_EQ(doc["date"], "2022-09-13");
  EXPECT_EQ(r.Of("document").size(), 1u);

  const std::string bytes = ReadFile(kSeed);
  const std::string text = TxtBody(bytes);
  const std::string title = doc["title"].get<std::string>();
  EXPECT_EQ(doc["chars"].get<size_t>(), text.size());

  const std::vector<json> events = r.Of("event");
  ASSERT_GE(events.size(), 5u) << r.Describe();
  // Every claim's evidence sentence is exactly the bytes its offsets name.
  auto check_evidence = [&](const json& rec) {
    const json& ev = rec["evidence"];
    const std::string& field_text = ev["field"] == "title" ? title : text;
    const size_t start = ev["start"].get<size_t>(), end = ev["end"].get<size_t>();
    ASSERT_LE(start, end) << rec.dump();
    ASSERT_LE(end, field_text.size()) << rec.dump();
    EXPECT_EQ(field_text.substr(start, end - start), ev["sentence"].get<std::string>())
        << rec.dump();
    const size_t ts = ev["trigger"][0].get<size_t>(), te = ev["trigger"][1].get<size_t>();
    EXPECT_LE(start, ts) << rec.dump();
    EXPECT_LE(ts, te) << rec.dump();
    EXPECT_LE(te, end) << rec.dump();
  };
  size_t text_evidence = 0;
  for (const json& e : events) {
    check_evidence(e);
    if (e["evidence"]["field"] == "text") ++text_evidence;
  }
  EXPECT_GT(text_evidence, 0u);

  bool goris = false;
  for (const json& e : events) {
    if (e["kind"] != "shelling") continue;
    for (const json& p : e["places"]) {
      if (p["name"] == "Goris" && p["territory"] == "sovereign" && p["country"] == "ARM")
        goris = true;
    }
  }
  EXPECT_TRUE(goris) << "no shelling event at Goris [ARM sovereign]\n" << r.out;

  const std::vector<json> casualties = r.Of("casualty");
  ASSERT_GE(casualties.size(), 2u) << r.Describe();
  bool approx50 = false, at_least7 = false;
  for (const json& c : casualties) {
    check_evidence(c);
    if (c["qualifier"] == "approx" && c["count"] == 50) approx50 = true;
    if (c["qualifier"] == "at_least" && c["count"] == 7) at_least7 = true;
  }
  EXPECT_TRUE(approx50) << r.out;
  EXPECT_TRUE(at_least7) << r.out;
  EXPECT_EQ(doc["events"].get<size_t>(), events.size());
  EXPECT_EQ(doc["casualties"].get<size_t>(), casualties.size());
}

TEST_F(CliTest, PrettyFormatPrintsFrenchEvidence) {
  RunResult r = Run({"extract", "--date", "2022-09-13", "--format", "pretty", kSeed});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  EXPECT_NE(r.out.find("== armenia-azerbaijan-2022-09-13.fr.txt [fr] 2022-09-13"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Goris [ARM sovereign]"), std::string::npos) << r.out;
  // A sentence of the article, accents intact, in the evidence lines.
  EXPECT_NE(r.out.find("une série de bombardements et d’attaques d’artillerie ont frappé les "
                       "régions arméniennes de Goris, Sotk et Jermuk."),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\u00ab "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("{\"record\""), std::string::npos) << "pretty output is not JSONL";
}

// ---------------------------------------------------------------------------------------
// Bad documents in a batch: exit 1, the good documents still output, each error names its file.

TEST_F(CliTest, BadFilesInBatchExitOneOthersStillOutput) {
  const std::string good1 = Write("a-good.txt", kEnglishTxt);
  const std::string bad_utf8 = Write("b-bad-utf8.txt", "Title\nShelling in \xff\xfe Kharkiv.\n");
  const std::string empty = Write("c-empty.txt", "");
  const std::string binary =
      Write("d-binary.txt", std::string("\x7f" "ELF\0\0\0\x01\x02\0\0 shelled", 17));
  const std::string bad_json = Write("e-bad.json", "{\"id\": \"x\", \"text\": \"unterminated");
  const std::string mixed = Write("f-mixed.jsonl", JsonlLine("j1", kEnglishBody) +
                                                       "{\"id\": \"j2\", text: oops}\n" +
                                                       JsonlLine("j3", kEnglishBody));
  const std::string missing = Path("g-missing.txt").string();
  const std::string good2 = Write("h-good.txt", kEnglishTxt);

  RunResult r = Run({"extract", "--date", "2022-05-02", good1, bad_utf8, empty, binary, bad_json,
                     mixed, missing, good2});
  ASSERT_EQ(r.exit_code, 1) << r.Describe();
  ASSERT_TRUE(r.parse_ok) << r.Describe();

  std::vector<std::string> ids;
  for (const json& d : r.Of("document")) ids.push_back(d["doc_id"].get<std::string>());
  EXPECT_EQ(ids, (std::vector<std::string>{"a-good.txt", "j1", "j3", "h-good.txt"}))
      << r.Describe();
  EXPECT_GE(r.Of("event").size(), 4u) << "the good documents' events are output\n"
                                       << r.Describe();

  const std::vector<std::string> errors = Lines(r.err);
  auto error_naming = [&](const std::string& what) {
    size_t n = 0;
    for (const std::string& e : errors)
      if (e.find(what) != std::string::npos) ++n;
    return n;
  };
  EXPECT_EQ(error_naming(bad_utf8), 1u) << r.err;
  EXPECT_GE(error_naming("UTF-8"), 1u) << r.err;
  EXPECT_EQ(error_naming(empty), 1u) << r.err;
  EXPECT_EQ(error_naming(binary), 1u) << r.err;
  EXPECT_EQ(error_naming(bad_json), 1u) << r.err;
  EXPECT_EQ(error_naming(mixed + ":2"), 1u) << r.err;
  EXPECT_EQ(error_naming(mixed), 1u) << "only line 2 is bad\n" << r.err;
  EXPECT_EQ(error_naming(missing), 1u) << r.err;
  EXPECT_EQ(error_naming(good1), 0u) << r.err;
  EXPECT_EQ(error_naming(good2), 0u) << r.err;
  EXPECT_EQ(errors.size(), 6u) << r.err;
}

TEST_F(CliTest, JsonlWithOneMalformedLine) {
  const std::string mixed = Write("mixed.jsonl", JsonlLine("first", kEnglishBody) +
                                                     "{\"id\": \"second\", \"text\": }\n" +
                                                     JsonlLine("third", kEnglishBody));
  RunResult r = Run({"extract", mixed});
  ASSERT_EQ(r.exit_code, 1) << r.Describe();
  const std::vector<json> docs = r.Of("document");
  ASSERT_EQ(docs.size(), 2u) << r.Describe();
  EXPECT_EQ(docs[0]["doc_id"], "first");
  EXPECT_EQ(docs[1]["doc_id"], "third");
  const std::vector<std::string> errors = Lines(r.err);
  ASSERT_EQ(errors.size(), 1u) << r.err;
  EXPECT_NE(errors[0].find(mixed + ":2"), std::string::npos) << r.err;
}

// ---------------------------------------------------------------------------------------
// Usage errors: exit 2, nothing on stdout.

TEST_F(CliTest, UsageErrorsExitTwo) {
  const std::string good = Write("good.txt", kEnglishTxt);
  const std::vector<std::vector<std::string>> cases = {
      {},
      {"extract", "--date", "13/09/2022", good},
      {"extract", "--date", "2022-13-01", good},
      {"extract", "--lang", "xx", good},
      {"extract", "--format", "xml", good},
      {"extract"},
      {"frobnicate", good},
  };
  for (const auto& args : cases) {
    std::string joined;
    for (const auto& a : args) joined += " " + a;
    RunResult r = Run(args);
    EXPECT_EQ(r.exit_code, 2) << "tocsin" << joined << "\n" << r.Describe();
    EXPECT_TRUE(r.records.empty()) << "tocsin" << joined << "\n" << r.out;
    EXPECT_FALSE(r.err.empty()) << "tocsin" << joined << ": usage errors are explained on stderr";
  }
}

// ---------------------------------------------------------------------------------------
// Languages.

TEST_F(CliTest, UnsupportedLanguageWarnsAndYieldsNoEvents) {
  const std::string es = Write(
      "es.txt",
      "Bombardeos en la frontera\n"
      "Las fuerzas armadas bombardearon ayer varias ciudades de la región fronteriza, según el "
      "gobierno. Los ministros se reunieron en Madrid durante toda la mañana para discutir la "
      "situación y pidieron un alto el fuego inmediato entre los dos países vecinos.\n");
  const std::string de = Write(
      "de.txt",
      "Angriffe an der Grenze\n"
      "Die Streitkräfte haben gestern mehrere Städte in der Grenzregion beschossen, teilte die "
      "Regierung mit. Die Minister trafen sich den ganzen Vormittag in Berlin, um über die Lage "
      "zu beraten, und forderten eine sofortige Waffenruhe zwischen den beiden Nachbarländern.\n");
  RunResult r = Run({"extract", "--lang", "auto", "--date", "2022-09-13", es, de});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  const std::vector<json> docs = r.Of("document");
  ASSERT_EQ(docs.size(), 2u) << r.Describe();
  EXPECT_EQ(docs[0]["lang"], "es") << r.out;
  EXPECT_EQ(docs[1]["lang"], "de") << r.out;
  EXPECT_TRUE(r.Of("event").empty()) << r.out;
  EXPECT_TRUE(r.Of("casualty").empty()) << r.out;
  for (const json& d : docs) {
    EXPECT_EQ(d["events"], 0);
    EXPECT_TRUE(d.contains("warnings")) << d.dump();
  }
  EXPECT_NE(r.err.find(es), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(de), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("\"es\""), std::string::npos) << r.err;
}

TEST_F(CliTest, ForcedLanguageOverridesDetection) {
  const std::string en = Write("en.txt", kEnglishTxt);
  RunResult r = Run({"extract", "--lang", "en", en});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  ASSERT_EQ(r.Of("document").size(), 1u) << r.Describe();
  EXPECT_EQ(r.Of("document")[0]["lang"], "en");
}

// ---------------------------------------------------------------------------------------
// Input kinds.

TEST_F(CliTest, HtmlDropsScriptAndNavigation) {
  const std::string html = Write(
      "page.html",
      "<!DOCTYPE html><html lang=\"en\"><head><title>Russian forces shell Kharkiv</title>"
      "<meta property=\"article:published_time\" content=\"2022-05-02T08:00:00Z\">"
      "<script>var shelling = 'Russian forces shelled Kyiv scriptword killing 99 people';"
      "</script><style>p { color: red }</style></head><body>"
      "<nav><a href=\"/\">Home</a> Navword: troops shelled Odesa menu</nav>"
      "<article><h1>Russian forces shell Kharkiv</h1>"
      "<p>Russian forces shelled Kharkiv on Monday, killing at least 3 civilians, according to "
      "the regional governor.</p>"
      "<script>document.write('Ukrainian troops attacked Belgorod scriptword');</script>"
      "<p>The city has been under fire for weeks.</p></article>"
      "<footer>Footword copyright</footer></body></html>");
  RunResult r = Run({"extract", html});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  const std::vector<json> docs = r.Of("document");
  ASSERT_EQ(docs.size(), 1u) << r.Describe();
  EXPECT_EQ(docs[0]["lang"], "en");
  EXPECT_EQ(docs[0]["date"], "2022-05-02");
  const std::vector<json> events = r.Of("event");
  ASSERT_FALSE(events.empty()) << r.Describe();
  bool kharkiv = false;
  for (const json& e : events) {
    const std::string s = e["evidence"]["sentence"].get<std::string>();
    EXPECT_EQ(s.find("scriptword"), std::string::npos) << s;
    EXPECT_EQ(s.find("Navword"), std::string::npos) << s;
    EXPECT_EQ(s.find("document.write"), std::string::npos) << s;
    EXPECT_EQ(s.find("Footword"), std::string::npos) << s;
    if (e["kind"] == "shelling" && s.find("Kharkiv") != std::string::npos) kharkiv = true;
    for (const json& p : e["places"]) {
      EXPECT_NE(p["name"], "Odesa") << e.dump();
      EXPECT_NE(p["name"], "Belgorod") << e.dump();
    }
  }
  EXPECT_TRUE(kharkiv) << r.out;
  EXPECT_EQ(r.out.find("scriptword"), std::string::npos);
  EXPECT_EQ(r.out.find("Navword"), std::string::npos);
}

TEST_F(CliTest, DirectoryIsReadRecursivelyKnownExtensionsOnly) {
  Write("corpus/a.txt", kEnglishTxt);
  Write("corpus/sub/b.json",
        json{{"id", "b-json"}, {"title", kEnglishTitle}, {"text", kEnglishBody}}.dump());
  Write("corpus/sub/deeper/c.jsonl", JsonlLine("c1", kEnglishBody) + JsonlLine("c2", kEnglishBody));
  Write("corpus/sub/d.html",
        "<html><head><title>T</title></head><body><p>" + kEnglishBody + "</p></body></html>");
  // Not read: unknown extensions, even with readable or broken content.
  Write("corpus/notes.md", kEnglishTxt);
  Write("corpus/sub/data.csv", "a,b\n1,2\n");
  Write("corpus/sub/deeper/blob.bin", std::string("\0\xff\xfe\0", 4));
  Write("corpus/README", kEnglishTxt);
  RunResult r = Run({"extract", "--date", "2022-05-02", Path("corpus").string()});
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  std::vector<std::string> ids;
  for (const json& d : r.Of("document")) ids.push_back(d["doc_id"].get<std::string>());
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"a.txt", "b-json", "c1", "c2", "d.html"}))
      << r.Describe();
  EXPECT_GE(r.Of("event").size(), 5u) << r.Describe();
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST_F(CliTest, StdinInput) {
  const std::string input = Write("stdin.input", kEnglishTxt);
  RunResult r = Run({"extract", "--date", "2022-05-02", "-"}, input);
  ASSERT_EQ(r.exit_code, 0) << r.Describe();
  const std::vector<json> docs = r.Of("document");
  ASSERT_EQ(docs.size(), 1u) << r.Describe();
  EXPECT_EQ(docs[0]["lang"], "en");
  EXPECT_EQ(docs[0]["title"], kEnglishTitle);
  EXPECT_EQ(docs[0]["date"], "2022-05-02");
  EXPECT_FALSE(r.Of("event").empty()) << r.Describe();

  // JSON Lines on stdin are sniffed from the content.
  const std::string jsonl = Write("stdin2.input", JsonlLine("s1", kEnglishBody) +
                                                      JsonlLine("s2", kEnglishBody));
  RunResult r2 = Run({"extract", "-"}, jsonl);
  ASSERT_EQ(r2.exit_code, 0) << r2.Describe();
  std::vector<std::string> ids;
  for (const json& d : r2.Of("document")) ids.push_back(d["doc_id"].get<std::string>());
  EXPECT_EQ(ids, (std::vector<std::string>{"s1", "s2"})) << r2.Describe();
}

TEST_F(CliTest, HugeDocumentIsAnErrorNotACrash) {
  // 17 MiB of plausible text, above the 16 MiB per-document limit.
  std::string sentence = "Russian forces shelled Kharkiv on Monday. ";
  std::string big = "A very long article\n";
  big.reserve((17u << 20) + sentence.size());
  while (big.size() < (17u << 20)) big += sentence;
  const std::string huge = Write("huge.txt", big);
  const std::string after = Write("after.txt", kEnglishTxt);
  RunResult r = Run({"extract", "--date", "2022-05-02", huge, after});
  EXPECT_EQ(r.signal, 0) << r.Describe();
  ASSERT_EQ(r.exit_code, 1) << r.Describe();
  const std::vector<json> docs = r.Of("document");
  ASSERT_EQ(docs.size(), 1u) << r.Describe();
  EXPECT_EQ(docs[0]["doc_id"], "after.txt");
  const std::vector<std::string> errors = Lines(r.err);
  ASSERT_EQ(errors.size(), 1u) << r.err;
  EXPECT_NE(errors[0].find(huge), std::string::npos) << r.err;

  // The same document on stdin (size unknown in advance).
  RunResult r2 = Run({"extract", "-"}, huge);
  EXPECT_EQ(r2.signal, 0) << r2.Describe();
  EXPECT_EQ(r2.exit_code, 1) << r2.Describe();
  EXPECT_TRUE(r2.Of("document").empty()) << r2.Describe();
  EXPECT_NE(r2.err.find("<stdin>"), std::string::npos) << r2.err;
}

}  // namespace
