// Export formats of fused events (doc/exports.md lists every column):
//   jsonl      one JSON object per event, with "sources" [{doc_id, evidence, ...}] and every
//              casualty claim
//   csv        flat columns of tocsin's own
//   geojson    RFC 7946 FeatureCollection (Point [lon, lat]; geometry null when unlocated)
//   acled-csv  ACLED's export column set
//   gdelt-tsv  GDELT 2.0 event table's 61 columns, tab-separated, no header (as GDELT)
#ifndef TOCSIN_STORE_EXPORT_H_
#define TOCSIN_STORE_EXPORT_H_

#include <string>
#include <vector>

#include "tocsin/store/store.h"

namespace tocsin::store {

const std::vector<std::string>& ExportFormats();

// Streams events to a string sink in one format: Begin once, Event per event, End once.
class Exporter {
 public:
  explicit Exporter(std::string format) : format_(std::move(format)) {}
  void Begin(std::string& out);
  void Event(const EventDetail& d, std::string& out);
  void End(std::string& out);

 private:
  std::string format_;
  bool first_ = true;
};

// The JSON object of one event (the jsonl format), without a newline.
void AppendEventJson(const EventDetail& d, std::string& out);

// Parts of a fused event as the exports write them (and the API's paged mode):
// {"code","name","agent"} or null; the representative place {"name","country","admin1","lat",
// "lon","precision"} or null.
void WriteEventActor(output::JsonWriter& w, const std::string& code, const std::string& name,
                     const std::string& agent);
void WriteEventPlace(output::JsonWriter& w, const EventRecord& e);

}  // namespace tocsin::store

#endif  // TOCSIN_STORE_EXPORT_H_
