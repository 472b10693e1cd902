// tocsin ingest: documents -> the event store (doc/schema.md), with fusion (doc/fusion.md).
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/core/parallel.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/feeds/feeds.h"
#include "tocsin/io/reader.h"
#include "tocsin/store/ingest.h"
#include "tocsin/store/store.h"

namespace tocsin::cli {
namespace {

namespace fs = std::filesystem;

bool IsFeedExtension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".rss" || ext == ".atom" || ext == ".xml";
}

// Files, directories (recursive, sorted; the readers' extensions plus .rss .atom .xml).
std::vector<std::string> ExpandIngestInputs(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    std::error_code ec;
    if (in != "-" && fs::is_directory(in, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(in, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        // The error_code overload: a symlink loop (ELOOP) must not throw out of the batch.
        // Such an entry is kept so that its reader reports it, and the rest goes on.
        std::error_code entry_ec;
        if (!it->is_regular_file(entry_ec)) {
          if (entry_ec && entry_ec != std::errc::no_such_file_or_directory)
            found.push_back(it->path().string());
          continue;
        }
        std::string p = it->path().string();
        std::string ext = it->path().extension().string();
        for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (ext == ".txt" || ext == ".json" || ext == ".jsonl" || ext == ".ndjson" ||
            ext == ".html" || ext == ".htm" || IsFeedExtension(p))
          found.push_back(p);
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(in);
    }
  }
  return files;
}

bool IsFeedFile(const std::string& path) {
  if (path == "-") return false;
  if (IsFeedExtension(path)) return true;
  if (io::FormatFromExtension(path) != io::InputFormat::kUnknown) return false;
  std::ifstream in(path, std::ios::binary);
  char buf[4096];
  in.read(buf, sizeof buf);
  return feeds::LooksLikeFeed(std::string_view(buf, static_cast<size_t>(in.gcount())));
}

std::string Duration(double s) {
  char buf[32];
  if (s < 60) std::snprintf(buf, sizeof buf, "%.0fs", s);
  else if (s < 3600) std::snprintf(buf, sizeof buf, "%dm%02ds", int(s) / 60, int(s) % 60);
  else std::snprintf(buf, sizeof buf, "%dh%02dm", int(s) / 3600, (int(s) % 3600) / 60);
  return buf;
}

struct IngestArgs {
  std::vector<std::string> inputs;
  std::string date, lang = "auto", db = "tocsin.db", sync = "normal", progress = "auto";
  unsigned threads = DefaultThreads();
  int window_days = 1;
  double max_km = 25;
  bool strict_kinds = false, no_unlocated = false, no_within_document = false;
  bool violent_family = false;
};

int RunIngest(const IngestArgs& a) {
  using Clock = std::chrono::steady_clock;
  const auto t0 = Clock::now();
  store::OpenOptions oo;
  oo.synchronous = a.sync;
  oo.fusion.date_window_days = a.window_days;
  oo.fusion.max_distance_km = a.max_km;
  oo.fusion.compatible_kinds = !a.strict_kinds;
  oo.fusion.violent_family = a.violent_family;
  oo.fusion.allow_unlocated = !a.no_unlocated;
  oo.fusion.within_document = !a.no_within_document;
  auto st = store::OpenStore(a.db, oo);
  if (!st.ok()) {
    std::cerr << "tocsin: " << st.status().message() << "\n";
    return 1;
  }
  auto made = extract::Extractor::Create({});
  if (!made.ok()) {
    std::cerr << "tocsin: " << made.status().ToString() << "\n";
    return 1;
  }
  io::ReadOptions read;
  read.default_date = a.date;
  if (a.lang != "auto") read.forced_lang = a.lang;

  const std::vector<std::string> files = ExpandIngestInputs(a.inputs);
  uint64_t total_bytes = 0;
  for (const auto& f : files) {
    std::error_code ec;
    if (f != "-") total_bytes += fs::file_size(f, ec) * !ec;
  }
  const bool tty = a.progress == "always" || (a.progress == "auto" && isatty(STDERR_FILENO));
  const bool quiet = a.progress == "never";
  store::Ingester ingester(**st, **made, a.threads);
  uint64_t done_file_bytes = 0, bytes_at_file_start = 0, current_file_bytes = 0;
  auto last_report = Clock::now();
  ingester.on_batch = [&](const store::IngestStats& s) {
    if (quiet) return;
    auto now = Clock::now();
    double el = std::chrono::duration<double>(now - t0).count();
    double rate = el > 0 ? s.read / el : 0;
    if (tty) {
      uint64_t in_file = std::min<uint64_t>(s.bytes - bytes_at_file_start, current_file_bytes);
      double frac = total_bytes ? double(done_file_bytes + in_file) / double(total_bytes) : 0;
      frac = std::min(frac, 0.999);
      std::string eta = frac > 0.001 ? Duration(el * (1 - frac) / frac) : "?";
      std::fprintf(stderr,
                   "\r\033[Kingest: %lld docs (%lld new, %lld dup, %lld failed) %3.0f%% "
                   "%.0f docs/s ETA %s",
                   (long long)s.read, (long long)s.stored, (long long)s.duplicates,
                   (long long)s.failed, frac * 100, rate, eta.c_str());
      std::fflush(stderr);
    } else if (now - last_report >= std::chrono::seconds(5)) {
      last_report = now;
      std::fprintf(stderr, "ingest: %lld documents read, %lld new, %.0f docs/s\n",
                   (long long)s.read, (long long)s.stored, rate);
    }
  };
  Status fatal;
  for (const std::string& path : files) {
    std::error_code ec;
    current_file_bytes = path == "-" ? 0 : fs::file_size(path, ec);
    if (ec) current_file_bytes = 0;
    bytes_at_file_start = ingester.stats().bytes;
    auto sink = [&](io::DocumentOrError d) {
      if (!fatal.ok()) return;
      Status s = ingester.Add(std::move(d));
      if (!s.ok()) fatal = s;
    };
    Status rs = IsFeedFile(path) ? feeds::ReadFeedFile(path, read, sink)
                                 : io::ReadDocuments(path, read, sink);
    if (fatal.ok()) {
      Status s = ingester.Flush();
      if (!s.ok()) fatal = s;
    }
    if (!fatal.ok()) break;
    if (!rs.ok()) ingester.Fail(rs.message());
    done_file_bytes += current_file_bytes;
  }
  if (tty && !quiet) std::fprintf(stderr, "\n");
  const store::IngestStats& s = ingester.stats();
  double el = std::chrono::duration<double>(Clock::now() - t0).count();
  auto stats = (*st)->GetStats();
  std::printf("ingest: %lld documents read in %.2f s (%.0f docs/s): %lld new, %lld already "
              "stored, %lld failed\n",
              (long long)s.read, el, el > 0 ? s.read / el : 0.0, (long long)s.stored,
              (long long)s.duplicates, (long long)s.failed);
  std::printf("ingest: %lld mentions: %lld started an event, %lld merged into one, %lld kept "
              "out of fusion; %lld casualty claims\n",
              (long long)s.mentions, (long long)s.new_events, (long long)s.merged,
              (long long)s.unfused, (long long)s.claims);
  if (stats.ok())
    std::printf("store: %s: %lld documents, %lld events (%lld with several documents), %lld "
                "mentions, %lld claims\n",
                (*st)->Location().c_str(), (long long)stats->documents, (long long)stats->events,
                (long long)stats->multi_source_events, (long long)stats->mentions,
                (long long)stats->claims);
  if (s.failed) {
    std::printf("failures (%lld):\n", (long long)s.failed);
    for (const auto& f : s.failures) std::printf("  %s\n", f.c_str());
    if (static_cast<size_t>(s.failed) > s.failures.size())
      std::printf("  ... and %lld more\n", (long long)(s.failed - (int64_t)s.failures.size()));
  }
  std::fflush(stdout);
  if (!fatal.ok()) {
    std::cerr << "tocsin: " << fatal.message()
              << "\ntocsin: stopped; every document before this one is committed, run the "
                 "same command again to resume\n";
    return 1;
  }
  return s.failed ? 1 : 0;
}

CommandRegistrar reg("30-ingest", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto a = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest", "Store documents, their events (fused across sources) and casualty claims");
  AddDateOption(cmd, a->date, "Publication date (YYYY-MM-DD) of documents without one");
  cmd->add_option("--db", a->db,
                  "Database: a SQLite file (default tocsin.db) or postgresql://USER@HOST:PORT/DB");
  AddLangOption(cmd, a->lang, "Document language");
  cmd->add_option("--threads", a->threads, "Extraction threads (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  cmd->add_option("--window-days", a->window_days,
                  "Fusion: days between a mention and an event's date range (default 1)")
      ->check(CLI::Range(0, 365));
  cmd->add_option("--max-km", a->max_km,
                  "Fusion: greatest distance between located places (default 25 km)")
      ->check(CLI::Range(0.0, 20000.0));
  cmd->add_flag("--violent-family", a->violent_family,
                "Any two violent kinds may fuse, not only those of one ACLED type (doc/fusion.md)");
  cmd->add_flag("--strict-kinds", a->strict_kinds,
                "Fusion: only equal kinds fuse (default: violent kinds of one ACLED type too)");
  cmd->add_flag("--no-unlocated", a->no_unlocated,
                "Fusion: never fuse a mention or event without coordinates");
  cmd->add_flag("--no-within-document", a->no_within_document,
                "Fusion: two mentions of one document never form one event");
  cmd->add_option("--sync", a->sync,
                  "normal: committed documents survive a crash of tocsin; full: also a power "
                  "failure (slower)")
      ->check(CLI::IsMember({"normal", "full"}));
  cmd->add_option("--progress", a->progress,
                  "auto (a progress line on a terminal, plain lines otherwise), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("inputs", a->inputs,
                  "Files or directories (.txt .json .jsonl .html .rss .atom .xml), - for stdin")
      ->required();
  return {cmd, [a] { return RunIngest(*a); }};
});

}  // namespace
}  // namespace tocsin::cli
