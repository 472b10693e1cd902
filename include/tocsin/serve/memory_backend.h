// InMemoryBackend: a Backend over documents extracted in memory, without a database.
//
// Used by `tocsin serve --demo FILE...`, by the API and browser tests and by the benchmarks.
// Each extracted event is one API event with one mention (no fusion across documents: that is
// the store's job). Alerts are simple heuristics over the extracted records, marked
// "source": "demo" (doc/api.md); the assessment module replaces them once wired.
// Thread-safety: all methods may be called concurrently (a shared mutex guards the index).
#ifndef TOCSIN_SERVE_MEMORY_BACKEND_H_
#define TOCSIN_SERVE_MEMORY_BACKEND_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tocsin/extract/records.h"
#include "tocsin/serve/backend.h"

namespace tocsin::extract {
class Extractor;
}

namespace tocsin::serve {

class InMemoryBackend : public Backend {
 public:
  // `extractor` (may be null: then IngestDocuments is Unsupported) must outlive the backend.
  explicit InMemoryBackend(const extract::Extractor* extractor);
  ~InMemoryBackend() override;

  // Adds one document and what was extracted from it (no extractor needed).
  void Add(const Document& doc, const extract::Extraction& x);
  // Adds many at once (one index rebuild).
  void AddAll(const std::vector<std::pair<Document, extract::Extraction>>& items);

  StatusOr<EventPage> ListEvents(const EventFilter& filter) const override;
  StatusOr<std::string> GetEvent(const std::string& id) const override;
  StatusOr<std::string> GetDocument(const std::string& id) const override;
  StatusOr<std::string> Stats(const EventFilter& filter) const override;
  StatusOr<std::string> Alerts() const override;
  StatusOr<std::string> Assessment() const override;
  StatusOr<IngestResult> IngestDocuments(const std::vector<Document>& docs) override;
  uint64_t Version() const override;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `n` synthetic events (in about n/4 documents) spread over 2022-2024 and a dozen conflict
// areas, with casualties: the data of the benchmarks. Deterministic for a given seed.
std::vector<std::pair<Document, extract::Extraction>> SyntheticCorpus(size_t n, uint32_t seed = 1);

}  // namespace tocsin::serve

#endif  // TOCSIN_SERVE_MEMORY_BACKEND_H_
