// ParallelFor: runs work(i) for i in [0, n) on up to `threads` threads (the caller's included)
// and returns when all are done. Work items must be independent; results are written by index,
// so callers keep input order without locks.
#ifndef TOCSIN_CORE_PARALLEL_H_
#define TOCSIN_CORE_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace tocsin {

template <typename Work>
void ParallelFor(size_t n, unsigned threads, Work&& work) {
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n)));
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < n; i = next++) work(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (auto& t : pool) t.join();
}

// The number of hardware threads, at least 1.
inline unsigned DefaultThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace tocsin

#endif  // TOCSIN_CORE_PARALLEL_H_
