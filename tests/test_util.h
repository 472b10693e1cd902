// What the end-to-end tests share: temporary directories, files, and running the real
// `tocsin` binary (TOCSIN_BINARY) with its output captured. Header-only; for tests only.
#pragma once

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern char** environ;

namespace tocsin::test {

namespace fs = std::filesystem;

// The repository's root (samples/, tests/data/).
inline fs::path SourceDir() { return fs::path(TOCSIN_TEST_DIR) / ".."; }

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Creates the parent directories; false if the file could not be written.
inline bool WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return out.good();
}

// A fresh directory, removed with its content. Names carry the process id and a counter:
// `ctest -j` runs test processes side by side.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "tocsin-test") {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            (prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

struct ProcessResult {
  int exit_code = -1;  // -1: did not exit normally
  int signal = 0;      // the signal that ended it, if any
  std::string out, err;
  std::string Describe() const {
    return "exit " + std::to_string(exit_code) + " signal " + std::to_string(signal) +
           "\n--- stderr ---\n" + err + "--- stdout (first 2000 bytes) ---\n" + out.substr(0, 2000);
  }
};

// Starts TOCSIN_BINARY with `args`, stdout and stderr to files, stdin from `in`. -1 on failure.
inline pid_t SpawnTocsin(const std::vector<std::string>& args, const fs::path& out,
                         const fs::path& err, const std::string& in = "/dev/null") {
  std::vector<std::string> argv_s = {TOCSIN_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// Waits for `pid` and reads what it wrote.
inline ProcessResult WaitFor(pid_t pid, const fs::path& out, const fs::path& err) {
  ProcessResult r;
  if (pid <= 0) {
    r.err = "could not start " + std::string(TOCSIN_BINARY);
    return r;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

// Runs TOCSIN_BINARY to completion; its output files go to `dir` (numbered per run).
inline ProcessResult RunTocsin(const fs::path& dir, const std::vector<std::string>& args,
                               const std::string& stdin_path = "") {
  static std::atomic<int> runs{0};
  const std::string n = std::to_string(runs++);
  const fs::path out = dir / ("stdout." + n), err = dir / ("stderr." + n);
  return WaitFor(SpawnTocsin(args, out, err, stdin_path.empty() ? "/dev/null" : stdin_path), out, err);
}

// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
inline std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace tocsin::test
