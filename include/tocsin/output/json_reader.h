// Reads the JSON Lines records of doc/records.md back: the inverse of output/json.h, and the
// one reader of records for every module that reads them.
//
// A field that is absent or null takes its default: the value the writer writes for the default
// of extract::Event / Casualty (territory "unknown", modality "asserted", precision 1, evidence
// field "text", "" / 0 / false / none otherwise); an event's `violent`, which the writer leaves
// out, comes from data/codes/kinds.tsv unless the record gives it. Unknown fields are ignored.
// A field of the wrong type, or a required field missing (`id` of every event and casualty,
// `kind` of an event), is an InvalidArgument error naming the record, the field and what was
// expected:
//   event record "d#e1": field "actor1.inferred": expected true or false, got a string ("yes")
// Never an exception: types are checked before they are read.
#ifndef TOCSIN_OUTPUT_JSON_READER_H_
#define TOCSIN_OUTPUT_JSON_READER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/status.h"
#include "tocsin/extract/records.h"

namespace tocsin::codes {
class KindTable;
}

namespace tocsin::output {

// What a `document` record holds (AppendDocumentRecord writes it from a Document and its
// Extraction; the text itself is not in the record).
struct DocumentRecord {
  std::string doc_id, lang, title, date, url, source;
  int64_t chars = 0;
  std::vector<std::string> frame;
  int64_t events = 0, casualties = 0;
  std::vector<std::string> warnings;
};

struct RecordReadOptions {
  // The kinds an event's `violent` comes from when the record does not give it;
  // nullptr: codes::KindTable::Default().
  const codes::KindTable* kinds = nullptr;
};

// One record of any type.
struct Record {
  enum class Type { kDocument, kEvent, kCasualty };
  Type type = Type::kDocument;
  std::string doc_id;          // the record's `doc_id`, "" when absent
  DocumentRecord document;     // kDocument
  extract::Event event;        // kEvent
  extract::Casualty casualty;  // kCasualty
};

// One JSON object each. A record with a `record` field of another type is an error.
StatusOr<DocumentRecord> ReadDocumentRecord(std::string_view json);
StatusOr<extract::Event> ReadEventRecord(std::string_view json, const RecordReadOptions& options = {});
StatusOr<extract::Casualty> ReadCasualtyRecord(std::string_view json);

// A record of the type its `record` field names (document, event or casualty; required).
StatusOr<Record> ReadRecord(std::string_view json, const RecordReadOptions& options = {});

}  // namespace tocsin::output

#endif  // TOCSIN_OUTPUT_JSON_READER_H_
