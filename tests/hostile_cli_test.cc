// Hostile but fair inputs to the real binary (issue 15): each input is generated here, in a
// temporary directory, never committed. Every case checks that the bad input gets an error
// naming it and that the good inputs beside it are still processed.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace {

namespace fs = std::filesystem;
using tocsin::test::ProcessResult;
using tocsin::test::RunTocsin;
using tocsin::test::TempDir;

const char kGood[] =
    "Shelling in Goris\n"
    "Azerbaijani forces shelled the Armenian town of Goris on Tuesday, killing two civilians.\n";

// Runs the binary with a wall-clock limit; a run over it is killed and reported as a hang.
ProcessResult RunWithLimit(const fs::path& dir, const std::vector<std::string>& args,
                           std::chrono::seconds limit, bool* timed_out,
                           const std::string& stdin_path = "/dev/null") {
  static int runs = 0;
  const std::string n = std::to_string(runs++);
  const fs::path out = dir / ("lim.out." + n), err = dir / ("lim.err." + n);
  const pid_t pid = tocsin::test::SpawnTocsin(args, out, err, stdin_path);
  *timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      ProcessResult r;
      if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
      if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
      r.out = tocsin::test::ReadFile(out);
      r.err = tocsin::test::ReadFile(err);
      return r;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      *timed_out = true;
      kill(pid, SIGKILL);
      return tocsin::test::WaitFor(pid, out, err);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// mkdir d; ln -s y d/x; ln -s x d/y: used to abort the whole run (uncaught filesystem_error).
TEST(HostileCli, SymlinkLoopInExtractFolderIsAnErrorForThatPathOnly) {
  TempDir dir;
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "good.txt", kGood));
  fs::create_directories(dir / "d");
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "d" / "also-good.txt", kGood));
  fs::create_symlink("y", dir / "d" / "x");
  fs::create_symlink("x", dir / "d" / "y");
  const ProcessResult r = RunTocsin(
      dir.path(), {"extract", "--date", "2022-09-13", (dir / "good.txt").string(),
                   (dir / "d").string()});
  ASSERT_EQ(r.signal, 0) << r.Describe();
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("symbolic links"), std::string::npos) << r.Describe();
  EXPECT_NE(r.err.find((dir / "d" / "x").string()), std::string::npos) << r.Describe();
  // Both good documents still give their records.
  EXPECT_NE(r.out.find("good.txt"), std::string::npos) << r.Describe();
  EXPECT_NE(r.out.find("also-good.txt"), std::string::npos) << r.Describe();
}

TEST(HostileCli, SymlinkLoopInIngestFolderIsAnErrorForThatPathOnly) {
  TempDir dir;
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "good.txt", kGood));
  fs::create_directories(dir / "d");
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "d" / "also-good.txt",
                                      std::string(kGood) + "A second sentence.\n"));
  fs::create_symlink("y", dir / "d" / "x");
  fs::create_symlink("x", dir / "d" / "y");
  const std::string db = (dir / "t.db").string();
  const ProcessResult r =
      RunTocsin(dir.path(), {"ingest", "--progress", "never", "--date", "2022-09-13", "--db", db,
                             (dir / "good.txt").string(), (dir / "d").string()});
  ASSERT_EQ(r.signal, 0) << r.Describe();
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.out.find("symbolic links"), std::string::npos) << r.Describe();
  EXPECT_NE(r.out.find("2 new"), std::string::npos) << r.Describe();
}

// `tocsin extract /dev/zero` waited forever; `cat /dev/zero | tocsin extract -` too.
TEST(HostileCli, EndlessInputsAreRefusedOrBounded) {
  TempDir dir;
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "good.txt", kGood));
  bool timed_out = false;
  ProcessResult r = RunWithLimit(dir.path(), {"extract", "/dev/zero", (dir / "good.txt").string()},
                                 std::chrono::seconds(60), &timed_out);
  ASSERT_FALSE(timed_out) << "extract /dev/zero hung";
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("/dev/zero: is a device"), std::string::npos) << r.Describe();
  EXPECT_NE(r.out.find("good.txt"), std::string::npos) << r.Describe();
  // Standard input from /dev/zero: read up to the limit and a bounded amount more.
  r = RunWithLimit(dir.path(), {"extract", "-"}, std::chrono::seconds(60), &timed_out, "/dev/zero");
  ASSERT_FALSE(timed_out) << "extract - < /dev/zero hung";
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("more than"), std::string::npos) << r.Describe();
  EXPECT_LT(r.err.size(), 1000u) << r.Describe();
}

// A feed with one 50 KB entity referenced 50,000 times ran 34 s, took 4.9 GB, failed with
// "NOT NULL constraint failed: documents.text" and stopped the batch (issue 15).
TEST(HostileCli, HostileFeedDoesNotStopTheIngestBatch) {
  TempDir dir;
  std::string refs;
  for (int i = 0; i < 50000; ++i) refs += "&big;";
  const std::string feed = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"" +
                           std::string(50000, 'a') + "\">]><rss><channel><title>W</title>" +
                           "<item><title>Big</title><description>" + refs +
                           "</description></item><item><title>Normal</title><description>"
                           "Drones struck an oil depot near Belgorod.</description></item>"
                           "</channel></rss>";
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "a-hostile.xml", feed));
  ASSERT_TRUE(tocsin::test::WriteFile(dir / "b-good.txt", kGood));
  const std::string db = (dir / "t.db").string();
  bool timed_out = false;
  const ProcessResult r = RunWithLimit(
      dir.path(), {"ingest", "--progress", "never", "--date", "2022-09-13", "--db", db,
                   (dir / "a-hostile.xml").string(), (dir / "b-good.txt").string()},
      std::chrono::seconds(60), &timed_out);
  ASSERT_FALSE(timed_out);
  ASSERT_EQ(r.signal, 0) << r.Describe();
  EXPECT_EQ(r.exit_code, 1) << r.Describe();  // the warning about the entities
  EXPECT_EQ(r.err.find("NOT NULL"), std::string::npos) << r.Describe();
  EXPECT_NE(r.out.find("not expanded"), std::string::npos) << r.Describe();
  // Both items of the feed and the text file after it.
  EXPECT_NE(r.out.find("3 new"), std::string::npos) << r.Describe();
}

}  // namespace
