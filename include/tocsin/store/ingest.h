// Bulk ingest: documents -> extraction on every core -> one writer thread that stores each
// document in its own transaction (Store::Ingest). Used by `tocsin ingest` and `tocsin watch`.
#ifndef TOCSIN_STORE_INGEST_H_
#define TOCSIN_STORE_INGEST_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "tocsin/core/status.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/io/reader.h"
#include "tocsin/store/store.h"

namespace tocsin::store {

struct IngestStats {
  int64_t read = 0;        // documents and document errors seen
  int64_t stored = 0;      // new documents written
  int64_t duplicates = 0;  // already in the store (same content hash), skipped
  int64_t failed = 0;      // unreadable documents (their reasons below)
  int64_t mentions = 0, new_events = 0, merged = 0, unfused = 0, claims = 0;
  uint64_t bytes = 0;      // title + text bytes of the documents read
  std::vector<std::string> failures;  // "origin: reason", the first max_failures_kept
  size_t max_failures_kept = 50;
};

class Ingester {
 public:
  Ingester(Store& store, const extract::Extractor& extractor, unsigned threads,
           size_t batch = 256)
      : store_(store), extractor_(extractor), threads_(threads), batch_size_(batch) {}

  // Queues one document (or the error that replaced it); a full batch is processed at once.
  // Returns non-OK only when the store failed (stop: nothing after it is written).
  Status Add(io::DocumentOrError d);
  Status Flush();
  // Records a failure that is not a document (e.g. a file that cannot be opened).
  void Fail(const std::string& message);
  const IngestStats& stats() const { return stats_; }
  // Called after each batch is committed.
  std::function<void(const IngestStats&)> on_batch;

 private:
  Store& store_;
  const extract::Extractor& extractor_;
  unsigned threads_;
  size_t batch_size_;
  std::vector<io::DocumentOrError> batch_;
  IngestStats stats_;
};

}  // namespace tocsin::store

#endif  // TOCSIN_STORE_INGEST_H_
