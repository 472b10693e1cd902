// tocsin worker: consumes documents from a NATS JetStream stream (`tocsin watch --publish`),
// extracts and stores them, and acknowledges each message after its document is committed
// (doc/scale-out.md). Several workers share the work through one durable consumer.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "tocsin/core/parallel.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/queue/nats.h"
#include "tocsin/store/ingest.h"
#include "tocsin/store/store.h"

namespace tocsin::cli {
namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

void Log(const std::string& line) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char ts[32];
  std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::fprintf(stderr, "%s worker: %s\n", ts, line.c_str());
  std::fflush(stderr);
}

struct WorkerArgs {
  std::string nats, db = "tocsin.db";
  queue::ConsumerOptions consumer;
  int batch = 32;
  int idle_exit = 0;  // seconds without messages before exiting; 0: run until signalled
  unsigned threads = DefaultThreads();
};

int RunWorker(const WorkerArgs& a) {
  using Clock = std::chrono::steady_clock;
  if (!queue::IsNatsUrl(a.nats)) {
    std::cerr << "tocsin: --nats: expected nats://HOST:PORT, got \"" << a.nats << "\"\n";
    return 2;
  }
  auto st = store::OpenStore(a.db, {});
  if (!st.ok()) {
    std::cerr << "tocsin: " << st.status().message() << "\n";
    return 1;
  }
  auto made = extract::Extractor::Create({});
  if (!made.ok()) {
    std::cerr << "tocsin: " << made.status().ToString() << "\n";
    return 1;
  }
  auto consumer = queue::Consumer::Connect(a.nats, a.consumer);
  if (!consumer.ok()) {
    std::cerr << "tocsin: " << consumer.status().message() << "\n";
    return 1;
  }
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  Log("consuming " + a.consumer.stream + " as " + a.consumer.durable + " into " +
      (*st)->Location());
  int64_t docs = 0, stored = 0, dups = 0, bad = 0, mentions = 0;
  double busy_s = 0;  // from each batch's arrival to its acknowledgement
  auto idle_since = Clock::now();
  while (!g_stop) {
    auto got = (*consumer)->Fetch(a.batch, 1000);
    if (!got.ok()) {
      Log(got.status().message());
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    std::vector<queue::Message>& msgs = *got;
    if (msgs.empty()) {
      if (a.idle_exit > 0 && Clock::now() - idle_since >= std::chrono::seconds(a.idle_exit))
        break;
      continue;
    }
    const auto t0 = Clock::now();
    store::Ingester ing(**st, **made, a.threads, msgs.size() + 1);
    std::vector<queue::Message*> done;
    Status fatal;
    for (queue::Message& m : msgs) {
      auto doc = queue::DecodeDocument(m.data);
      if (!doc.ok()) {
        // Never readable: dropped from the stream, not redelivered.
        Log(m.subject + ": " + doc.status().message() + "; message dropped");
        ++bad;
        Status t = (*consumer)->Term(m);
        if (!t.ok()) Log(t.message());
        continue;
      }
      std::string origin = doc->origin.empty() ? m.subject : doc->origin;
      if (fatal.ok()) fatal = ing.Add(io::DocumentOrError{origin, std::move(*doc)});
      done.push_back(&m);
    }
    if (fatal.ok()) fatal = ing.Flush();
    if (!fatal.ok()) {
      // Nothing of the batch is acknowledged: what was committed is found again by its content
      // hash when redelivered.
      Log(fatal.message() + "; " + std::to_string(done.size()) +
          " messages returned to the stream");
      for (queue::Message* m : done) (void)(*consumer)->Nak(*m);
      std::this_thread::sleep_for(std::chrono::seconds(2));
      auto re = store::OpenStore(a.db, {});
      if (re.ok()) st = std::move(re);
      idle_since = Clock::now();
      continue;
    }
    Status acked;
    for (queue::Message* m : done) {
      Status s = (*consumer)->Ack(*m);
      if (!s.ok() && acked.ok()) acked = s;
    }
    if (!acked.ok()) Log(acked.message() + " (the messages will be redelivered and skipped)");
    const auto& is = ing.stats();
    docs += static_cast<int64_t>(done.size());
    stored += is.stored;
    dups += is.duplicates;
    mentions += is.mentions;
    busy_s += std::chrono::duration<double>(Clock::now() - t0).count();
    Log(std::to_string(done.size()) + " documents: " + std::to_string(is.stored) + " new, " +
        std::to_string(is.duplicates) + " already stored, " + std::to_string(is.mentions) +
        " mentions, " + std::to_string(is.merged) + " merged; " + std::to_string(is.failed) +
        " failed");
    for (const auto& f : is.failures) Log(f);
    idle_since = Clock::now();
  }
  std::printf("worker: %lld documents (%lld new, %lld already stored, %lld unreadable), "
              "%lld mentions in %.2f s of work (%.1f documents/s)\n",
              (long long)docs, (long long)stored, (long long)dups, (long long)bad,
              (long long)mentions, busy_s, busy_s > 0 ? docs / busy_s : 0.0);
  return 0;
}

CommandRegistrar reg("34-worker", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto a = std::make_shared<WorkerArgs>();
  CLI::App* cmd = app.add_subcommand(
      "worker", "Consume documents from NATS JetStream (watch --publish), extract and store them");
  cmd->add_option("--nats", a->nats, "NATS server (nats://HOST:4222)")->required();
  cmd->add_option("--db", a->db,
                  "Store: postgresql://USER@HOST:PORT/DB for several workers (or a SQLite file)");
  cmd->add_option("--stream", a->consumer.stream, "JetStream stream (default tocsin)");
  cmd->add_option("--durable", a->consumer.durable,
                  "Durable consumer shared by the workers (default tocsin-worker)");
  cmd->add_option("--batch", a->batch, "Messages per batch (default 32)")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--ack-wait", a->consumer.ack_wait_s,
                  "Seconds before an unacknowledged message goes to another worker (default 60; "
                  "set when the consumer is created)")
      ->check(CLI::Range(1, 3600));
  cmd->add_option("--idle-exit", a->idle_exit,
                  "Exit after this many seconds without messages (default: run until SIGTERM)")
      ->check(CLI::Range(0, 86400));
  cmd->add_option("--threads", a->threads, "Extraction threads (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  return {cmd, [a] { return RunWorker(*a); }};
});

}  // namespace
}  // namespace tocsin::cli
