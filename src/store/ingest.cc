#include "tocsin/store/ingest.h"

#include <unordered_set>

#include "tocsin/core/parallel.h"

namespace tocsin::store {

void Ingester::Fail(const std::string& message) {
  ++stats_.failed;
  if (stats_.failures.size() < stats_.max_failures_kept) stats_.failures.push_back(message);
}

Status Ingester::Add(io::DocumentOrError d) {
  batch_.push_back(std::move(d));
  if (batch_.size() >= batch_size_) return Flush();
  return Status::Ok();
}

Status Ingester::Flush() {
  if (batch_.empty()) return Status::Ok();
  const size_t n = batch_.size();
  std::vector<std::string> hashes(n);
  ParallelFor(n, threads_, [&](size_t i) {
    if (batch_[i].document.ok()) hashes[i] = ContentHash(*batch_[i].document);
  });
  // Which documents are new: not in the store, and not earlier in this batch.
  std::vector<char> fresh(n, 0);
  std::unordered_set<std::string> in_batch;
  for (size_t i = 0; i < n; ++i) {
    ++stats_.read;
    if (!batch_[i].document.ok()) {
      Fail(batch_[i].document.status().message());
      continue;
    }
    const Document& doc = *batch_[i].document;
    stats_.bytes += doc.title.size() + doc.text.size();
    auto has = store_.HasContent(hashes[i]);
    if (!has.ok()) {
      batch_.clear();
      return has.status();
    }
    if (*has || !in_batch.insert(hashes[i]).second) {
      ++stats_.duplicates;
      continue;
    }
    fresh[i] = 1;
  }
  std::vector<extract::Extraction> out(n);
  ParallelFor(n, threads_, [&](size_t i) {
    if (fresh[i]) out[i] = extractor_.Extract(*batch_[i].document);
  });
  for (size_t i = 0; i < n; ++i) {
    if (!fresh[i]) continue;
    auto r = store_.Ingest(*batch_[i].document, out[i]);
    if (!r.ok() && r.status().code() == StatusCode::kInvalidArgument) {
      // This document cannot be stored (e.g. a NUL byte for PostgreSQL): it fails alone.
      Fail(r.status().message());
      continue;
    }
    if (!r.ok()) {
      batch_.clear();
      return r.status();
    }
    if (r->duplicate) {
      ++stats_.duplicates;
      continue;
    }
    ++stats_.stored;
    stats_.mentions += r->mentions;
    stats_.new_events += r->new_events;
    stats_.merged += r->merged;
    stats_.unfused += r->unfused;
    stats_.claims += r->claims;
  }
  batch_.clear();
  if (on_batch) on_batch(stats_);
  return Status::Ok();
}

}  // namespace tocsin::store
