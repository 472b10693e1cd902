// tocsin watch: polls RSS/Atom feeds and ingests their new items into the store.
#include <csignal>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "tocsin/core/parallel.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/feeds/feeds.h"
#include "tocsin/queue/nats.h"
#include "tocsin/store/ingest.h"
#include "tocsin/store/pg_store.h"
#include "tocsin/store/store.h"

namespace tocsin::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

// "90", "90s", "10m", "2h" -> seconds; -1 when malformed.
int64_t ParseEvery(const std::string& s) {
  if (s.empty()) return -1;
  size_t used = 0;
  int64_t n;
  try {
    n = std::stoll(s, &used);
  } catch (const std::exception&) {
    return -1;
  }
  std::string unit = s.substr(used);
  if (unit.empty() || unit == "s") return n > 0 ? n : -1;
  if (unit == "m") return n > 0 ? n * 60 : -1;
  if (unit == "h") return n > 0 ? n * 3600 : -1;
  return -1;
}

std::vector<std::string> ReadFeedList(const std::string& path, std::string& err) {
  std::ifstream in(path);
  if (!in) {
    err = path + ": cannot open the feed list";
    return {};
  }
  std::vector<std::string> urls;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos || line[a] == '#') continue;
    size_t b = line.find_first_of(" \t\r#", a);
    std::string url = line.substr(a, b == std::string::npos ? std::string::npos : b - a);
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
      std::cerr << "tocsin: " << path << ":" << n << ": not an http(s) URL, skipped: " << url
                << "\n";
      continue;
    }
    urls.push_back(url);
  }
  return urls;
}

void Log(const std::string& line) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char ts[32];
  std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::fprintf(stderr, "%s watch: %s\n", ts, line.c_str());
  std::fflush(stderr);
}

struct WatchArgs {
  std::string feeds_file, db = "tocsin.db", every = "10m", date;
  std::string publish, stream = queue::kDefaultStream;  // --publish: to NATS, not the store
  bool once = false;
  long timeout = 30;
  unsigned threads = DefaultThreads();
};

int RunWatch(const WatchArgs& a) {
  int64_t every = ParseEvery(a.every);
  if (every <= 0) {
    std::cerr << "tocsin: --every: expected a duration such as 90s, 10m or 1h, got \""
              << a.every << "\"\n";
    return 2;
  }
  std::string err;
  std::vector<std::string> urls = ReadFeedList(a.feeds_file, err);
  if (!err.empty()) {
    std::cerr << "tocsin: " << err << "\n";
    return 1;
  }
  if (urls.empty()) {
    std::cerr << "tocsin: " << a.feeds_file << ": no feed URLs (one http(s) URL per line)\n";
    return 1;
  }
  auto st = store::OpenStore(a.db, {});
  if (!st.ok()) {
    std::cerr << "tocsin: " << st.status().message() << "\n";
    return 1;
  }
  // --publish: items go to a NATS JetStream stream for `tocsin worker` (doc/scale-out.md);
  // the store keeps only the feeds' state.
  std::unique_ptr<queue::Publisher> publisher;
  if (!a.publish.empty()) {
    if (!queue::IsNatsUrl(a.publish)) {
      std::cerr << "tocsin: --publish: expected nats://HOST:PORT, got \"" << a.publish << "\"\n";
      return 2;
    }
    auto p = queue::Publisher::Connect(a.publish, a.stream);
    if (!p.ok()) {
      std::cerr << "tocsin: " << p.status().message() << "\n";
      return 1;
    }
    publisher = std::move(*p);
  }
  auto made = publisher ? StatusOr<std::unique_ptr<extract::Extractor>>(
                              std::unique_ptr<extract::Extractor>())
                        : extract::Extractor::Create({});
  if (!made.ok()) {
    std::cerr << "tocsin: " << made.status().ToString() << "\n";
    return 1;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  feeds::GlobalInit();
  feeds::FetchOptions fo;
  fo.timeout_s = a.timeout;
  fo.connect_timeout_s = std::min<long>(a.timeout, 10);
  store::Store& s = **st;
  int failed_polls = 0;
  while (!g_stop) {
    int64_t now = std::time(nullptr);
    int64_t next_wake = now + every;
    for (const std::string& url : urls) {
      if (g_stop) break;
      auto got = s.GetFeed(url);
      if (!got.ok()) {
        Log(url + ": " + got.status().message());
        return 1;  // the store itself fails: stop
      }
      store::FeedState f = got->value_or(store::FeedState{});
      f.url = url;
      if (!a.once && f.next_poll > now) {
        next_wake = std::min(next_wake, f.next_poll);
        continue;
      }
      feeds::FetchResult r = feeds::Fetch(url, f.etag, f.last_modified, fo);
      f.last_poll = std::time(nullptr);
      std::string line;
      if (!r.ok()) {
        ++f.failures;
        ++failed_polls;
        f.last_status = "error: " + r.error;
        line = url + ": " + r.error;
      } else if (r.status == 304) {
        f.failures = 0;
        f.last_status = "304";
        line = url + ": not modified";
      } else {
        io::ReadOptions ro;
        ro.default_date = a.date;
        auto feed = feeds::ParseFeed(r.body, url, ro);
        if (!feed.ok()) {
          ++f.failures;
          ++failed_polls;
          f.last_status = "error: " + feed.status().message();
          line = feed.status().message();
        } else if (publisher) {
          int64_t sent = 0, dup_before = publisher->duplicates();
          Status ps;
          for (const Document& d : feed->items) {
            ps = publisher->Publish(d);
            if (!ps.ok()) break;
            ++sent;
          }
          if (!ps.ok()) {
            // Not advancing the validators: the next poll fetches the items again.
            ++f.failures;
            ++failed_polls;
            f.last_status = "error: " + ps.message();
            line = url + ": " + ps.message();
          } else {
            f.failures = 0;
            f.last_status = "200";
            f.etag = r.etag;
            f.last_modified = r.last_modified;
            f.items += sent;
            const int64_t dups = publisher->duplicates() - dup_before;
            line = url + ": " + std::to_string(feed->items.size()) + " items, " +
                   std::to_string(sent - dups) + " published to " +
                   store::RedactUrl(a.publish) + " (" +
                   std::to_string(dups) + " already in the stream)";
          }
          for (const auto& w : feed->warnings) Log(w);
        } else {
          store::Ingester ing(s, **made, a.threads);
          Status fatal;
          for (Document& d : feed->items) {
            std::string origin = d.origin;
            if (fatal.ok()) fatal = ing.Add(io::DocumentOrError{origin, std::move(d)});
          }
          if (fatal.ok()) fatal = ing.Flush();
          if (!fatal.ok()) {
            Log(url + ": " + fatal.message());
            return 1;
          }
          const auto& is = ing.stats();
          f.failures = 0;
          f.last_status = "200";
          f.etag = r.etag;
          f.last_modified = r.last_modified;
          f.items += is.stored;
          line = url + ": " + std::to_string(feed->items.size()) + " items, " +
                 std::to_string(is.stored) + " new, " + std::to_string(is.duplicates) +
                 " already stored, " + std::to_string(is.mentions) + " mentions, " +
                 std::to_string(is.merged) + " merged into existing events";
          for (const auto& w : feed->warnings) Log(w);
        }
      }
      f.next_poll = f.last_poll + feeds::BackoffSeconds(f.failures, every);
      if (f.failures) line += " (failure " + std::to_string(f.failures) + ", retry in " +
                              std::to_string(f.next_poll - f.last_poll) + " s)";
      Log(line);
      Status ps = s.PutFeed(f);
      if (!ps.ok()) {
        Log(url + ": " + ps.message());
        return 1;
      }
      next_wake = std::min(next_wake, f.next_poll);
    }
    if (a.once) break;
    while (!g_stop && std::time(nullptr) < next_wake)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return a.once && failed_polls ? 1 : 0;
}

CommandRegistrar reg("33-watch", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto a = std::make_shared<WatchArgs>();
  CLI::App* cmd =
      app.add_subcommand("watch", "Poll RSS/Atom feeds and ingest their new items");
  cmd->add_option("feeds", a->feeds_file, "File with one feed URL per line (# comments)")
      ->required();
  cmd->add_option("--db", a->db, "Database (default tocsin.db)");
  cmd->add_option("--every", a->every, "Poll interval: 90s, 10m (default), 1h");
  cmd->add_flag("--once", a->once, "Poll every feed once and exit (1 if a feed failed)");
  cmd->add_option("--timeout", a->timeout, "Seconds allowed per request (default 30)")
      ->check(CLI::Range(1L, 600L));
  AddDateOption(cmd, a->date, "Publication date of items without one (YYYY-MM-DD)");
  cmd->add_option("--threads", a->threads, "Extraction threads")->check(CLI::Range(1u, 256u));
  cmd->add_option("--publish", a->publish,
                  "Put each item on a NATS JetStream stream (nats://HOST:4222) for `tocsin "
                  "worker` instead of ingesting it");
  cmd->add_option("--stream", a->stream, "JetStream stream of --publish (default tocsin)");
  return {cmd, [a] { return RunWatch(*a); }};
});

}  // namespace
}  // namespace tocsin::cli
