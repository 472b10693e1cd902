// Micro-benchmarks of the extraction pipeline (google/benchmark; target tocsin_bench).
//
//   build-release/tocsin_bench                       # all
//   build-release/tocsin_bench --benchmark_filter=Extract
//
// Texts: the French seed article (samples/armenia-azerbaijan-2022-09-13.fr.txt) and its English
// rendering (tests/golden/en-seed.test, the text between the `---` and `===` lines). The source
// tree is found from this file's path, or from $TOCSIN_SOURCE_DIR. Throughput is reported in
// bytes/s (document bytes: title + text) and, for whole documents, items/s (documents/s).
// Compiled data (gazetteer.bin, countries.bin) comes from $TOCSIN_DATA_DIR or <build>/data.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <string>

#include "tocsin/core/document.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/io/reader.h"
#include "tocsin/text/tokenize.h"

namespace {

namespace fs = std::filesystem;

fs::path SourceDir() {
  if (const char* env = std::getenv("TOCSIN_SOURCE_DIR"); env && *env) return env;
  return fs::path(__FILE__).parent_path().parent_path();
}

std::string ReadFileOrDie(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "tocsin_bench: cannot read " << path
              << " (set TOCSIN_SOURCE_DIR to the source tree)\n";
    std::exit(1);
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The seed article as the .txt reader gives it.
const tocsin::Document& FrenchSeed() {
  static const tocsin::Document doc = [] {
    const fs::path path = SourceDir() / "samples" / "armenia-azerbaijan-2022-09-13.fr.txt";
    tocsin::io::ReadOptions options;
    options.default_date = "2022-09-13";
    auto parsed = tocsin::io::ParseTextDocument(ReadFileOrDie(path), path.string(), options);
    if (!parsed.ok()) {
      std::cerr << "tocsin_bench: " << parsed.status().message() << "\n";
      std::exit(1);
    }
    return *parsed;
  }();
  return doc;
}

// The English rendering of the seed: the text of a golden case file.
const tocsin::Document& EnglishSeed() {
  static const tocsin::Document doc = [] {
    const std::string test = ReadFileOrDie(SourceDir() / "tests" / "golden" / "en-seed.test");
    const size_t begin = test.find("\n---\n");
    const size_t end = test.find("\n===\n");
    if (begin == std::string::npos || end == std::string::npos || end < begin) {
      std::cerr << "tocsin_bench: en-seed.test has no --- ... === text\n";
      std::exit(1);
    }
    tocsin::io::ReadOptions options;
    options.default_date = "2022-09-13";
    auto parsed = tocsin::io::ParseTextDocument(test.substr(begin + 5, end + 1 - (begin + 5)),
                                                "en-seed", options);
    if (!parsed.ok()) {
      std::cerr << "tocsin_bench: " << parsed.status().message() << "\n";
      std::exit(1);
    }
    return *parsed;
  }();
  return doc;
}

const tocsin::Document& Text(int which) { return which == 0 ? FrenchSeed() : EnglishSeed(); }
const char* Label(int which) { return which == 0 ? "fr-seed" : "en-seed"; }

const tocsin::extract::Extractor& SharedExtractor() {
  static const std::unique_ptr<tocsin::extract::Extractor> extractor = [] {
    auto x = tocsin::extract::Extractor::Create(tocsin::extract::ExtractorOptions{});
    if (!x.ok()) {
      std::cerr << "tocsin_bench: " << x.status().ToString() << "\n";
      std::exit(1);
    }
    return std::move(x).value();
  }();
  return *extractor;
}

// ---------------------------------------------------------------------------------------

void BM_Tokenize(benchmark::State& state) {
  const std::string& text = Text(static_cast<int>(state.range(0))).text;
  size_t tokens = 0;
  for (auto _ : state) {
    auto t = tocsin::text::Tokenize(text);
    tokens = t.size();
    benchmark::DoNotOptimize(t.data());
  }
  state.SetLabel(Label(static_cast<int>(state.range(0))));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(tokens) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tokenize)->Arg(0)->Arg(1);

void BM_SplitSentences(benchmark::State& state) {
  const std::string& text = Text(static_cast<int>(state.range(0))).text;
  const auto tokens = tocsin::text::Tokenize(text);
  size_t sentences = 0;
  for (auto _ : state) {
    auto s = tocsin::text::SplitSentences(text, tokens);
    sentences = s.size();
    benchmark::DoNotOptimize(s.data());
  }
  state.SetLabel(Label(static_cast<int>(state.range(0))));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.counters["sentences"] = static_cast<double>(sentences);
}
BENCHMARK(BM_SplitSentences)->Arg(0)->Arg(1);

// Tokens and sentences together, as the extractor needs them.
void BM_TokenizeAndSplit(benchmark::State& state) {
  const std::string& text = Text(static_cast<int>(state.range(0))).text;
  for (auto _ : state) {
    auto t = tocsin::text::Tokenize(text);
    auto s = tocsin::text::SplitSentences(text, t);
    benchmark::DoNotOptimize(s.data());
  }
  state.SetLabel(Label(static_cast<int>(state.range(0))));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_TokenizeAndSplit)->Arg(0)->Arg(1);

void BM_FoldWord(benchmark::State& state) {
  const std::string words[] = {"Azerbaïdjan", "l’Arménie", "bombardements", "Œuvre",
                               "Nagorno-Karabakh", "the", "artillery", "Erevan"};
  size_t bytes = 0;
  for (const auto& w : words) bytes += w.size();
  for (auto _ : state) {
    for (const auto& w : words) {
      auto f = tocsin::text::FoldWord(w);
      benchmark::DoNotOptimize(f.data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(std::size(words)));
}
BENCHMARK(BM_FoldWord);

// Whole-document extraction (language detection included unless forced). items/s = documents/s.
void BM_Extract(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  tocsin::Document doc = Text(which);
  doc.lang = state.range(1) == 0 ? "" : (which == 0 ? "fr" : "en");  // "" = detect (CLD2)
  const auto& extractor = SharedExtractor();
  size_t events = 0;
  for (auto _ : state) {
    auto x = extractor.Extract(doc);
    events = x.events.size();
    benchmark::DoNotOptimize(x.events.data());
  }
  state.SetLabel(std::string(Label(which)) + (state.range(1) ? " lang forced" : " lang detected"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(doc.title.size() + doc.text.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_Extract)
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Args({1, 1})
    ->Unit(benchmark::kMicrosecond);

// Long documents (issue 15): one English sentence repeated to 0.25, 1 and 4 MiB. Cost must
// grow linearly: bytes/s stays about the same across the three rows (doc/input-formats.md,
// "Limits").
void BM_ExtractLong(benchmark::State& state) {
  const std::string sentence = "Russian forces shelled Kharkiv on Monday, killing three civilians. ";
  tocsin::Document doc;
  doc.id = "long";
  doc.title = "Shelling of Kharkiv";
  doc.date = "2022-09-13";
  doc.lang = "en";
  const size_t bytes = static_cast<size_t>(state.range(0)) << 10;
  doc.text.reserve(bytes + sentence.size());
  while (doc.text.size() < bytes) doc.text += sentence;
  const auto& extractor = SharedExtractor();
  size_t events = 0, casualties = 0;
  for (auto _ : state) {
    auto x = extractor.Extract(doc);
    events = x.events.size();
    casualties = x.casualties.size();
    benchmark::DoNotOptimize(x.events.data());
  }
  state.SetLabel(std::to_string(state.range(0)) + " KiB repeated sentence");
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(doc.title.size() + doc.text.size()));
  state.counters["events"] = static_cast<double>(events);
  state.counters["casualties"] = static_cast<double>(casualties);
}
BENCHMARK(BM_ExtractLong)->Arg(256)->Arg(1024)->Arg(4096)->Unit(benchmark::kMillisecond)->Iterations(1);

// Reading one JSONL line into a Document (JSON parse, UTF-8 validation).
void BM_ParseJsonDocument(benchmark::State& state) {
  const tocsin::Document& src = FrenchSeed();
  std::string line = "{\"id\":\"x\",\"date\":\"2022-09-13\",\"title\":\"";
  auto escape = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '"' || c == '\\') out.push_back('\\');
      if (c == '\n') {
        out += "\\n";
        continue;
      }
      out.push_back(c);
    }
    return out;
  };
  line += escape(src.title) + "\",\"text\":\"" + escape(src.text) + "\"}";
  tocsin::io::ReadOptions options;
  for (auto _ : state) {
    auto doc = tocsin::io::ParseJsonDocument(line, "bench.json", options);
    benchmark::DoNotOptimize(doc.ok());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(line.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_ParseJsonDocument);

// Start-up: loading lexicons, the gazetteer and the territory index (paid once per process).
void BM_ExtractorCreate(benchmark::State& state) {
  for (auto _ : state) {
    auto x = tocsin::extract::Extractor::Create(tocsin::extract::ExtractorOptions{});
    if (!x.ok()) {
      state.SkipWithError(x.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(x->get());
  }
}
BENCHMARK(BM_ExtractorCreate)->Unit(benchmark::kMillisecond);

}  // namespace
