// Reads `tocsin extract` JSON Lines (doc/records.md) back into the assessment's input, so
// records produced earlier, or by another process, can be assessed without re-extraction.
#ifndef TOCSIN_ASSESS_RECORDS_IN_H_
#define TOCSIN_ASSESS_RECORDS_IN_H_

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "tocsin/assess/assess.h"
#include "tocsin/core/status.h"

namespace tocsin::assess {

// Appends the documents of a JSONL stream (read with output/json_reader.h): each `document`
// record starts a document, its `event` and `casualty` records follow (records of an unknown
// doc_id start one too). Blank lines are skipped. A bad line (not JSON, an unknown record type,
// a field of the wrong type) is skipped and the rest of the stream read; its error names
// `name`, the line, the record and the field. Each bad line's error goes to `on_bad_line` when
// given (then only a read error is returned); without it, the first one is returned.
Status ReadExtractRecords(std::istream& in, const std::string& name,
                          std::vector<DocumentEvents>& out,
                          const std::function<void(const Status&)>& on_bad_line = {});

// One `event` record (a JSON line) -> Event: output::ReadEventRecord, `violent` from
// data/codes/kinds.tsv unless the record gives it.
StatusOr<extract::Event> EventFromJson(const std::string& line);

}  // namespace tocsin::assess

#endif  // TOCSIN_ASSESS_RECORDS_IN_H_
