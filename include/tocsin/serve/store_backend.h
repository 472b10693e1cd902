// StoreBackend: the Backend of `tocsin serve --db FILE`, over tocsin::store (doc/api.md,
// "Backends").
//
// API events are the store's fused events (one per events row, with every mention as a source)
// plus the mentions kept out of fusion (denied, hypothetical, undated: one API event each, as
// the in-memory backend shows them). An API event's id is the mention id of its first mention
// ("<doc_id>#eN"), so ids look like --demo's and the assessment's event ids resolve:
// GET /api/events/{id} also accepts the id of any other mention of the event, or the fused
// event's row id as a number.
//
// Reads are served from an index of event summaries and details built from the store in three
// queries (ForEachMention, ForEachClaim, QueryEvents) and rebuilt when ContentVersion() grows
// (this server's POSTs, or `tocsin ingest`/`watch` writing the same file); alerts and the
// assessment (RenderAssessment over the mentions grouped by document) are computed with it.
// Documents are read from the store on request. Writes (IngestDocuments) go through
// store::Ingester on one read-write connection, opened at the first POST.
//
// A store with more mentions than StoreBackendOptions::index_limit (a PostgreSQL store of a
// fleet, a SQLite store of years of feeds) is served without that index, by SQL ("paged
// mode", doc/api.md): each list, event and stats request is one or two indexed queries
// (store::QueryEvents, GetEvent, CountEvents), so memory and latency do not grow with the
// store. Paged mode lists the fused events only (an event's id is then its row id), filters
// by the representative place (bbox, country) and by actor1/actor2, and refuses the filters
// that need every mention (territory, lang, q, doc) with a 400 that says so; alerts and the
// assessment are left to `tocsin assess --db`.
//
// Thread-safety: every method may be called concurrently. Store objects are used by one thread
// at a time: reads borrow a read-only connection from a pool, writes hold a mutex.
#ifndef TOCSIN_SERVE_STORE_BACKEND_H_
#define TOCSIN_SERVE_STORE_BACKEND_H_

#include <memory>
#include <string>
#include <vector>

#include "tocsin/assess/assess.h"
#include "tocsin/serve/backend.h"
#include "tocsin/store/store.h"

namespace tocsin::extract {
class Extractor;
}

namespace tocsin::serve {

struct StoreBackendOptions {
  // Fusion and durability of the writes (OpenOptions::read_only and create are ignored).
  store::OpenOptions open;
  unsigned ingest_threads = 0;  // extraction threads of a POST; 0 = one per core
  // Above this many stored mentions (or fused events), paged mode (see above). 0: always.
  int64_t index_limit = 200000;
  // Paged mode re-reads the store's totals (documents, facets) at most this often.
  double paged_refresh_seconds = 10;
};

// Opens the store at `location` (it must exist: NotFound tells to run `tocsin ingest`) and
// builds the first index. `extractor` (may be null: then IngestDocuments is Unsupported) must
// outlive the backend.
StatusOr<std::unique_ptr<Backend>> OpenStoreBackend(const std::string& location,
                                                    const extract::Extractor* extractor,
                                                    const StoreBackendOptions& options = {});

// The store's mentions and casualty claims grouped by document, in ingest order, as the
// assessment reads them (`tocsin assess --db`, /api/alerts). When several stored documents
// share a doc_id (a document posted again), only the newest counts.
StatusOr<std::vector<assess::DocumentEvents>> AssessmentInput(store::Store& store);

}  // namespace tocsin::serve

#endif  // TOCSIN_SERVE_STORE_BACKEND_H_
