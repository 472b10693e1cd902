// Geoparse benchmarks: throughput of Geoparser::Parse (detection + resolution + territory) on
// the project's own texts (samples/ and tests/golden/*.test, read as plain text), and the cost
// of opening the gazetteer index. Run: build/tocsin_bench --benchmark_filter=Geoparse
// (bytes_per_second = MB/s on one core; the parser is shared read-only across threads).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "tocsin/core/data_dir.h"
#include "tocsin/core/document.h"
#include "tocsin/geo/gazetteer.h"
#include "tocsin/geoparse/geoparser.h"

namespace {

namespace fs = std::filesystem;

// The corpus: every sample and golden-case text (golden headers and expectations included;
// they are short and only add realistic noise).
const std::vector<tocsin::Document>& Corpus() {
  static const std::vector<tocsin::Document> docs = [] {
    std::vector<tocsin::Document> out;
    const fs::path root = fs::path(tocsin::CuratedDataDir()).parent_path();
    for (const char* dir : {"samples", "tests/golden"}) {
      std::error_code ec;
      for (const auto& e : fs::directory_iterator(root / dir, ec)) {
        std::string ext = e.path().extension().string();
        if (ext != ".txt" && ext != ".test") continue;
        std::ifstream in(e.path(), std::ios::binary);
        tocsin::Document d;
        d.id = e.path().filename().string();
        d.text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        d.date = "2022-09-13";
        d.lang = d.id.find(".fr.") != std::string::npos || d.id.rfind("fr-", 0) == 0 ? "fr" : "en";
        out.push_back(std::move(d));
      }
    }
    return out;
  }();
  return docs;
}

void BM_GeoparseThroughput(benchmark::State& state) {
  static auto parser = tocsin::geoparse::Geoparser::Create();
  if (!parser.ok()) {
    state.SkipWithError(parser.status().ToString().c_str());
    return;
  }
  const auto& docs = Corpus();
  size_t bytes = 0, places = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      auto r = (*parser)->Parse(d);
      places += r.toponyms.size();
      bytes += d.text.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["docs"] = static_cast<double>(docs.size());
  state.counters["places/iter"] =
      benchmark::Counter(static_cast<double>(places) / static_cast<double>(state.iterations()));
}
BENCHMARK(BM_GeoparseThroughput)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_GazetteerOpen(benchmark::State& state) {
  for (auto _ : state) {
    auto g = tocsin::geo::Gazetteer::OpenDefault();
    if (!g.ok()) {
      state.SkipWithError(g.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(g);
  }
}
BENCHMARK(BM_GazetteerOpen)->Unit(benchmark::kMicrosecond);

void BM_GeoparserCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto p = tocsin::geoparse::Geoparser::Create();
    if (!p.ok()) {
      state.SkipWithError(p.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_GeoparserCreate)->Unit(benchmark::kMillisecond);

}  // namespace
