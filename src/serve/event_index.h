// The events a backend serves, held in memory for GET /api/events and /api/stats: rows sorted
// by (date, id) with their JSON already rendered, and compact integer columns for the filters.
//
// Why columns: a filtered request scans every row of its date range. Comparing strings held in
// 200-byte rows cost ~60 ns per row (14 ms for 100,000 events, more under load); the filters
// compare interned symbol ids in a packed array instead, and stats count into arrays.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tocsin/serve/backend.h"

namespace tocsin::serve {

struct IndexedEvent {
  std::string id, date, kind;  // date "YYYY-MM-DD" or ""
  bool violent = false;
  std::vector<std::string> actors, countries, territories, doc_ids;
  std::vector<std::pair<double, double>> points;  // lat, lon
  int64_t fatalities = 0, victims = 0;
  std::string summary, detail;  // JSON objects: list item, and GET /api/events/{id}
  // Languages of the sources and the lower-cased actor codes and names and place names that the
  // `lang` and `q` filters search. Rebuild() fills both from `detail` when `search` is empty.
  std::vector<std::string> langs;
  std::string search;
};

class EventIndex {
 public:
  // Edit the rows, then call Rebuild() before any query.
  std::vector<IndexedEvent>& mutable_rows() { return rows_; }
  const std::vector<IndexedEvent>& rows() const { return rows_; }

  // Sorts rows by (date, id), interns the filter columns and renders the facets. Returns, for
  // each row position before the call, its position after (callers remap their id maps).
  std::vector<size_t> Rebuild();

  EventPage List(const EventFilter& f) const;

  // The body of GET /api/stats for `f`, up to and including "by_territory"; the caller appends
  // its own members (facets, documents, version, backend) and the closing brace.
  std::string StatsPrefix(const EventFilter& f) const;

  // {"kind":{..},"actor":{..},"country":{..},"territory":{..},"first_date":..,"last_date":..}
  const std::string& facets_json() const { return facets_json_; }

  static bool Unfiltered(const EventFilter& f);

 private:
  struct Columns {
    uint32_t kind = 0;
    uint32_t actors = 0, countries = 0, territories = 0, docs = 0, langs = 0, end = 0;  // in pool_
    bool violent = false;
  };
  struct Compiled;
  struct Tally;  // counts per kind, actor, country, territory, language
  Tally NewTally() const;
  void CountRow(const Columns& c, Tally& t) const;
  bool Compile(const EventFilter& f, Compiled* c) const;
  bool Matches(size_t row, const Compiled& c, const EventFilter& f) const;
  std::pair<size_t, size_t> DateRange(const EventFilter& f) const;
  static void FillSearchFields(IndexedEvent& r);
  // One table per column, so that stats count into small dense arrays.
  struct Symbols {
    std::vector<std::string> names;
    std::unordered_map<std::string, uint32_t> ids;
    uint32_t Intern(const std::string& s);
    // Ids of the wanted values that exist (values never seen cannot match).
    std::vector<uint32_t> Find(const std::vector<std::string>& wanted) const;
  };

  std::vector<IndexedEvent> rows_;
  std::vector<Columns> columns_;
  std::vector<uint32_t> pool_;  // per row: actors, countries, territories, docs (deduplicated)
  Symbols kinds_, actors_, countries_, territories_, docs_, langs_;
  std::string facets_json_ = "{}";
};

}  // namespace tocsin::serve
