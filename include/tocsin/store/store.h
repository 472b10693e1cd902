// The event store: documents, mentions (each event extracted from each document, with its
// evidence), fused events, casualty claims, places, sources and feed state
// (doc/schema.md describes the SQLite schema, doc/fusion.md the fusion rule).
//
// Store is an abstract interface so that a PostgreSQL implementation can sit beside the SQLite
// one (OpenStore dispatches on the location). Writes go through Ingest(), one transaction per
// document; fusion happens inside that transaction, so the store is always consistent after a
// crash. Reads serve the CLI (`events`, `export`), the HTTP server (paged, filtered queries;
// one event with all its sources, evidence and casualty claims; one document; stats) and the
// assessment module (every mention as an extract::Event with its document's date).
//
// Thread-safety: a Store object is used by one thread at a time. Several processes may read a
// SQLite store while one writes (WAL); a second writer waits up to 5 s, then gets an error.
#ifndef TOCSIN_STORE_STORE_H_
#define TOCSIN_STORE_STORE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tocsin/core/document.h"
#include "tocsin/core/status.h"
#include "tocsin/extract/records.h"
#include "tocsin/fuse/fuse.h"

namespace tocsin::store {

inline constexpr int kSchemaVersion = 2;  // 2: mentions.merge

struct OpenOptions {
  bool create = true;     // create the database when the file does not exist
  bool read_only = false; // queries only (no migration, no writes)
  // PRAGMA quick_check when opening for writing: a damaged file is refused before any write.
  bool check_integrity = true;
  // "normal": committed documents survive a crash of the process (kill -9) but the last ones
  // may be lost on power failure; "full": they survive power failure too (fsync per document).
  std::string synchronous = "normal";
  fuse::FusionOptions fusion;
};

// SHA-256 (hex) of the document's content: title, text, date, url and source, each followed
// by a NUL byte. The id and origin are not part of it: the same article read from another
// file is the same document.
std::string ContentHash(const Document& doc);

struct IngestOutcome {
  bool duplicate = false;   // already stored (same content hash): nothing was written
  int64_t document = 0;     // row id of the document (the existing one when duplicate)
  int mentions = 0;
  int new_events = 0;       // mentions that started an event
  int merged = 0;           // mentions that joined an event from another document
  int unfused = 0;          // mentions kept out of fusion (denied, hypothetical, no date)
  int claims = 0;
};

struct DocumentRecord {
  int64_t id = 0;  // row id
  std::string doc_id, content_hash, title, text, date, lang, url, source, origin, ingested_at;
  std::vector<std::string> frame, warnings;
  int mentions = 0, claims = 0;
};

// One mention of an event: where a document reports it, with its evidence.
struct SourceRef {
  int64_t mention = 0;      // row id of the mention
  std::string mention_id;   // "<doc_id>#e<N>" as extracted
  int64_t document = 0;
  std::string doc_id, title, url, source, date, lang;
  std::string kind, modality, event_date;
  std::optional<extract::Attribution> attribution;
  double confidence = 0;
  extract::Evidence evidence;
  // Why this mention joined its event; none for the mention that started it (or one stored
  // before schema version 2).
  std::optional<fuse::MergeReason> merge;
};

struct ClaimRecord {
  int64_t id = 0;
  int64_t document = 0;
  std::string doc_id, doc_date;
  int64_t event = 0;  // fused event, 0 when the claim is linked to no event
  extract::Casualty casualty;  // casualty.id is "<doc_id>#c<N>", event_id the mention id
};

struct EventRecord {
  int64_t id = 0;
  std::string kind, cameo, plover_type, acled_event_type, acled_sub_event_type;
  bool violent = false;
  std::string date_start, date_end;  // range of its mentions' dates
  std::string actor1, actor1_name, actor1_agent, actor2, actor2_name, actor2_agent;
  // Representative place: the located place mentioned most often (ties: first seen).
  std::string place, country, admin1;
  std::optional<double> lat, lon;
  int precision = 0;  // ACLED geo precision of that place (0: no place)
  int mentions = 0, documents = 0;
  double confidence = 0;  // highest of its mentions
  fuse::Reconciled fatalities;  // killed: figure, range, by side
  std::string created_at, updated_at;
};

struct EventDetail {
  EventRecord event;
  std::vector<SourceRef> sources;    // every mention, in ingest order
  std::vector<ClaimRecord> claims;   // every casualty claim linked to it
  std::vector<extract::Place> places;  // distinct places of its mentions
};

struct EventQuery {
  std::string since, until;        // YYYY-MM-DD, inclusive; events whose range overlaps
  std::vector<std::string> kinds;  // any of these kinds; empty: all
  std::string country;             // alpha-3 of the representative place; "" all
  std::optional<std::array<double, 4>> bbox;  // min_lon, min_lat, max_lon, max_lat
  int min_documents = 0;           // only events reported by at least this many documents
  std::vector<std::string> actors;  // actor1 or actor2 is one of these codes; empty: all
  bool violent_only = false;        // only violent kinds (kinds.tsv)
  // Paging: ordered by (date_start, id), newest first when descending. after_* is keyset
  // paging (stable under inserts; the events after that one in the chosen order); offset is
  // plain paging. limit 0: no limit.
  bool descending = false;
  int64_t limit = 0, offset = 0;
  bool count_total = true;  // false: EventPage::total is not computed (a count of a large store)
  std::string after_date;
  int64_t after_id = 0;
};

// Aggregates over the events an EventQuery matches (its paging fields ignored): what
// GET /api/stats needs without reading every event into memory.
struct EventCounts {
  struct Day {
    std::string date;  // date_start
    int64_t events = 0, fatalities = 0;
  };
  int64_t events = 0, fatalities = 0;
  std::vector<Day> by_day;  // in date order
  std::map<std::string, int64_t> by_kind, by_actor, by_country;  // by_actor: actor1 and actor2
};

struct EventPage {
  std::vector<EventRecord> events;
  int64_t total = 0;  // events matching the filter, ignoring paging
  bool more = false;  // more events after this page (continue from the last one's date/id)
};

// A mention as the assessment module wants it: the extracted event, as in `tocsin extract`,
// with its document's date and the fused event it belongs to.
struct StoredMention {
  int64_t mention = 0;
  int64_t event = 0;  // fused event, 0 when kept out of fusion
  int64_t document = 0;
  std::string doc_id, doc_date, lang;
  std::string doc_title, doc_url, doc_source;  // of its document ("" when unknown)
  std::vector<std::string> frame;              // its document's conflict dyad
  std::optional<fuse::MergeReason> merge;  // why it joined its event (SourceRef::merge)
  extract::Event extracted;  // extracted.violent and every field of doc/records.md
};

struct Stats {
  int schema_version = 0;
  int64_t documents = 0, mentions = 0, events = 0, multi_source_events = 0, claims = 0,
          places = 0, sources = 0, feeds = 0;
  std::string first_date, last_date;  // event dates
  std::map<std::string, int64_t> events_by_kind, events_by_country;
};

// State of a polled feed (`tocsin watch`).
struct FeedState {
  std::string url;
  std::string etag, last_modified;  // validators for conditional GET
  int64_t next_poll = 0;            // unix seconds; 0 = now
  int failures = 0;                 // consecutive
  std::string last_status;          // "200", "304", "error: ..."
  int64_t last_poll = 0;
  int64_t items = 0;                // items ingested so far
};

class Store {
 public:
  virtual ~Store() = default;
  virtual std::string Location() const = 0;

  // --- writing (one thread) ---
  virtual StatusOr<bool> HasContent(const std::string& content_hash) = 0;
  // Stores the document, its mentions and claims, fuses the mentions and reconciles the
  // casualties of the events they touch, in one transaction. Idempotent by content hash.
  // kInvalidArgument: this document cannot be stored (nothing written; the others can).
  virtual StatusOr<IngestOutcome> Ingest(const Document& doc, const extract::Extraction& x) = 0;

  // --- reading ---
  virtual StatusOr<EventPage> QueryEvents(const EventQuery& q) = 0;
  // Every matching event with its sources and claims (paging fields ignored); the callback
  // returns false to stop.
  virtual Status ForEachEvent(const EventQuery& q,
                              const std::function<bool(const EventDetail&)>& f) = 0;
  virtual StatusOr<std::optional<EventDetail>> GetEvent(int64_t id) = 0;
  virtual StatusOr<EventCounts> CountEvents(const EventQuery& q) = 0;
  // The fused event of a mention named as extracted ("<doc_id>#e<N>", of the newest document
  // with that doc_id): 0 when the mention is unknown or kept out of fusion.
  virtual StatusOr<int64_t> EventOfMention(const std::string& mention_id) = 0;
  // By doc_id (the newest when several documents share it) or by "#<row id>".
  virtual StatusOr<std::optional<DocumentRecord>> GetDocument(const std::string& key) = 0;
  virtual Status ForEachMention(const std::function<bool(const StoredMention&)>& f) = 0;
  // Every casualty claim, linked to an event or not, in ingest order (casualty.event_id is the
  // mention id as extracted, "" when the claim names no event).
  virtual Status ForEachClaim(const std::function<bool(const ClaimRecord&)>& f) = 0;
  virtual StatusOr<Stats> GetStats() = 0;
  // Grows whenever a document is stored, by this process or another one (the largest document
  // row id; 0 for an empty store). One index lookup: the HTTP server polls it.
  virtual StatusOr<int64_t> ContentVersion() = 0;

  // --- feeds ---
  virtual StatusOr<std::optional<FeedState>> GetFeed(const std::string& url) = 0;
  virtual Status PutFeed(const FeedState& state) = 0;
};

// "tocsin.db", "sqlite:tocsin.db": SQLite. "postgresql://..." or "postgres://...": PostgreSQL
// + PostGIS (tocsin/store/pg_store.h, doc/scale-out.md). Errors: a file that is not SQLite, a
// SQLite file of another application, a newer schema, a damaged file (kCorruption, with what to
// do).
StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& location, const OpenOptions& o);
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, const OpenOptions& o);

}  // namespace tocsin::store

#endif  // TOCSIN_STORE_STORE_H_
