// GET /api/events latency over 100,000 events (target p99 < 50 ms): a real server on
// 127.0.0.1 (random port) over an InMemoryBackend holding serve::SyntheticCorpus(100000),
// queried through one keep-alive cpp-httplib client. Counters: p50_ms, p99_ms, max_ms per
// query shape; BM_ListEventsDirect measures the backend without HTTP.
//
//   build-release/tocsin_bench --benchmark_filter=Serve
#include <benchmark/benchmark.h>

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "tocsin/serve/memory_backend.h"
#include "tocsin/serve/server.h"

namespace {

constexpr size_t kEvents = 100000;

struct Fixture {
  std::unique_ptr<tocsin::serve::InMemoryBackend> backend;
  std::unique_ptr<tocsin::serve::Server> server;
};

Fixture& Shared() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    fx->backend = std::make_unique<tocsin::serve::InMemoryBackend>(nullptr);
    fx->backend->AddAll(tocsin::serve::SyntheticCorpus(kEvents));
    tocsin::serve::ServerOptions o;
    o.port = 0;
    fx->server = std::make_unique<tocsin::serve::Server>(fx->backend.get(), o);
    if (!fx->server->Start().ok()) std::abort();
    return fx;
  }();
  return *f;
}

const char* kQueries[] = {
    "/api/events",                                          // newest 100
    "/api/events?kind=shelling,air_strike&country=UKR",     // filtered
    "/api/events?bbox=44,38,48,41&from=2022-09-01&to=2022-12-31",
    "/api/events?offset=50000&limit=100&order=asc",         // deep page
    "/api/events?limit=5000",                               // the dashboard's load
    "/api/stats",                                           // the timeline
    "/api/stats?actor=AZE",
};

void BM_ServeApi(benchmark::State& state) {
  Fixture& f = Shared();
  const std::string path = kQueries[state.range(0)];
  httplib::Client client("127.0.0.1", f.server->port());
  client.set_keep_alive(true);
  std::vector<double> ms;
  size_t bytes = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    auto r = client.Get(path.c_str());
    auto t1 = std::chrono::steady_clock::now();
    if (!r || r->status != 200) {
      state.SkipWithError("request failed");
      break;
    }
    bytes += r->body.size();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
  state.counters["p50_ms"] = pct(0.50);
  state.counters["p99_ms"] = pct(0.99);
  state.counters["max_ms"] = ms.back();
  state.counters["resp_kB"] = static_cast<double>(bytes) / ms.size() / 1024.0;
  state.SetLabel(path);
}
BENCHMARK(BM_ServeApi)->DenseRange(0, std::size(kQueries) - 1)->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

void BM_ServeListEventsDirect(benchmark::State& state) {
  Fixture& f = Shared();
  tocsin::serve::EventFilter filter;
  filter.kinds = {"shelling"};
  filter.countries = {"UKR"};
  for (auto _ : state) {
    auto page = f.backend->ListEvents(filter);
    benchmark::DoNotOptimize(page);
  }
}
BENCHMARK(BM_ServeListEventsDirect)->Unit(benchmark::kMillisecond);

}  // namespace
