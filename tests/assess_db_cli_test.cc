// End-to-end tests of `tocsin assess --db`: the store's mentions, grouped by document, assessed
// as the documents they came from (the real binary, TOCSIN_BINARY).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
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

const std::string kSourceDir = std::string(TOCSIN_TEST_DIR) + "/..";

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void Spit(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

struct Result {
  int exit_code = -1;
  std::string out, err;
  json report;
  bool parsed = false;
  std::string Describe() const {
    return "exit " + std::to_string(exit_code) + "\n--- stderr ---\n" + err + "--- stdout ---\n" +
           out.substr(0, 20000);
  }
};

class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("tocsin-assess-db-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

Result RunTocsin(const fs::path& dir, const std::vector<std::string>& args) {
  static std::atomic<int> runs{0};
  const int n = runs++;
  Result r;
  const fs::path out_path = dir / ("stdout." + std::to_string(n));
  const fs::path err_path = dir / ("stderr." + std::to_string(n));
  std::vector<std::string> argv_s = {TOCSIN_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ADD_FAILURE() << "posix_spawn " << TOCSIN_BINARY << " failed: " << rc;
    return r;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  r.out = Slurp(out_path);
  r.err = Slurp(err_path);
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
