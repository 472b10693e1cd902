// End-to-end tests of `tocsin assess --db`: the store's mentions, grouped by document, assessed
// as the documents they came from (the real binary, TOCSIN_BINARY).
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

const std::string kSeed = kSourceDir + "/samples/armenia-azerbaijan-2022-09-13.fr.txt";

TEST(AssessDbCli, StoreGivesTheSameReportAsTheDocuments) {
  TempDir dir;
  const std::string db = (dir.path() / "seed.db").string();
  Result ingest = RunTocsin(dir.path(), {"ingest", "--db", db, "--date", "2022-09-13",
                                         "--progress", "never", kSeed});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.Describe();
  Result from_docs = RunTocsin(dir.path(), {"assess", "--date", "2022-09-13", kSeed});
  Result from_db = RunTocsin(dir.path(), {"assess", "--db", db});
  ASSERT_EQ(from_docs.exit_code, 0) << from_docs.Describe();
  ASSERT_EQ(from_db.exit_code, 0) << from_db.Describe();
  ASSERT_TRUE(from_docs.parsed && from_db.parsed) << from_db.Describe();
  EXPECT_EQ(from_docs.report, from_db.report);
  bool csto = false;
  for (const auto& t : from_db.report["treaty_triggers"])
    if (t.value("treaty", "") == "CSTO" && t.value("conditions_met", false)) csto = true;
  EXPECT_TRUE(csto) << from_db.out.substr(0, 4000);

  Result text = RunTocsin(dir.path(), {"assess", "--db", db, "--format", "text"});
  ASSERT_EQ(text.exit_code, 0) << text.Describe();
  EXPECT_NE(text.out.find("[CONDITIONS MET] CSTO art. 4"), std::string::npos) << text.Describe();

  // Ingesting the same document again changes nothing.
  ASSERT_EQ(RunTocsin(dir.path(), {"ingest", "--db", db, "--date", "2022-09-13", "--progress",
                                   "never", kSeed}).exit_code, 0);
  Result again = RunTocsin(dir.path(), {"assess", "--db", db});
  EXPECT_EQ(again.report, from_db.report);
}

TEST(AssessDbCli, UsageErrors) {
  TempDir dir;
  Result missing = RunTocsin(dir.path(), {"assess", "--db", (dir.path() / "none.db").string()});
  EXPECT_EQ(missing.exit_code, 1) << missing.Describe();
  EXPECT_NE(missing.err.find("tocsin ingest"), std::string::npos) << missing.err;
  EXPECT_FALSE(missing.parsed);
  Result both = RunTocsin(dir.path(), {"assess", "--db", (dir.path() / "x.db").string(), kSeed});
  EXPECT_EQ(both.exit_code, 2) << both.Describe();
  Result records = RunTocsin(dir.path(), {"assess", "--records", "--db", (dir.path() / "x.db").string()});
  EXPECT_EQ(records.exit_code, 2) << records.Describe();
}

}  // namespace
