// The narrow interface `tocsin serve` reads and writes through (doc/api.md).
//
// The HTTP server (server.h) knows nothing of storage: every endpoint is one call here. Two
// implementations: InMemoryBackend (memory_backend.h: documents extracted at start, for
// `tocsin serve --demo`, the tests and the benchmarks) and, once the store lands, an adapter
// over tocsin::store. Results are serialized JSON objects (UTF-8 text), so an implementation
// may cache them or build them with any JSON library; doc/api.md lists their fields.
//
// Thread-safety: the server calls every method from many threads at once; implementations
// must be safe for concurrent calls (readers concurrent with IngestDocuments too).
#ifndef TOCSIN_SERVE_BACKEND_H_
#define TOCSIN_SERVE_BACKEND_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tocsin/core/document.h"
#include "tocsin/core/status.h"

namespace tocsin::serve {

struct BBox {
  double min_lon = -180, min_lat = -90, max_lon = 180, max_lat = 90;
  // True when (lat, lon) is inside; a box with min_lon > max_lon crosses the antimeridian.
  bool Contains(double lat, double lon) const;
};

// Filters of GET /api/events and GET /api/stats. Empty fields do not filter. An event matches
// when it matches every non-empty field (and any of the values of a list field).
struct EventFilter {
  std::string from, to;            // event date "YYYY-MM-DD", both inclusive
  std::vector<std::string> kinds;  // kinds of data/codes/kinds.tsv
  std::vector<std::string> actors;     // codes: actor1, actor2 or a party of a ceasefire
  std::vector<std::string> countries;  // alpha-3 of one of the event's places
  std::vector<std::string> territories;  // sovereign | disputed | occupied | unknown (a place)
  std::optional<BBox> bbox;              // one of the event's located places inside
  std::string doc_id;                    // events with a source in this document
  bool violent_only = false;
  std::vector<std::string> langs;  // a source in one of these languages ("fr", "en", "ru")
  std::string text;  // lower-case words that an actor (code or name) or a place name contains
  size_t offset = 0;
  size_t limit = 100;
  bool ascending = false;  // order by date (then id); newest first by default
};

struct EventPage {
  size_t total = 0;                 // events matching the filter, all pages
  std::vector<std::string> events;  // event summaries (JSON objects), in order
};

// What POST /api/documents returns after ingestion (JSON object).
struct IngestResult {
  std::string json;  // {"documents": N, "events": N, "casualties": N, "ids": [...]}
};

class Backend {
 public:
  virtual ~Backend() = default;

  // One page of event summaries: the event record of doc/records.md plus "fatalities",
  // "sources" (count) and "doc" ({"title","lang","date"} of the first source).
  virtual StatusOr<EventPage> ListEvents(const EventFilter& filter) const = 0;

  // One event with everything known of it: the summary fields plus "mentions" (every source
  // document with its evidence sentence, language, date, modality, attribution) and
  // "casualties" (the casualty records linked to it). NotFound when unknown.
  virtual StatusOr<std::string> GetEvent(const std::string& id) const = 0;

  // One document: {"doc_id","title","text","lang","date","url","source","events":[ids]}.
  // NotFound when unknown.
  virtual StatusOr<std::string> GetDocument(const std::string& id) const = 0;

  // Counts over the events that match `filter` (offset/limit ignored): "events",
  // "fatalities", "by_day" [{date, events, fatalities, victims}], "by_kind", "by_actor",
  // "by_country", "by_territory" ({value: count}); "facets" (the same counts over all
  // events, for filter menus); "documents"; "version".
  virtual StatusOr<std::string> Stats(const EventFilter& filter) const = 0;

  // {"alerts": [alert...], "source": "..."}; alert fields in doc/api.md (id, type,
  // severity, title, summary, date, actors, event_ids, evidence).
  virtual StatusOr<std::string> Alerts() const = 0;

  // The assessment of the situation as the assessment module reports it, or
  // {"available": false, "message": "..."} when there is none.
  virtual StatusOr<std::string> Assessment() const = 0;

  // Extracts and stores documents (POST /api/documents). Unsupported when the backend is
  // read-only.
  virtual StatusOr<IngestResult> IngestDocuments(const std::vector<Document>& docs) = 0;

  // Grows whenever the content changes (ingestion): the dashboard's live mode polls it.
  virtual uint64_t Version() const = 0;
};

}  // namespace tocsin::serve

#endif  // TOCSIN_SERVE_BACKEND_H_
