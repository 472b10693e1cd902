// Reads `tocsin extract` JSON Lines (doc/records.md) back into the assessment's input, so
// records produced earlier, or by another process, can be assessed without re-extraction.
#ifndef TOCSIN_ASSESS_RECORDS_IN_H_
#define TOCSIN_ASSESS_RECORDS_IN_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "tocsin/assess/assess.h"
#include "tocsin/core/status.h"

namespace tocsin::assess {

// Appends the documents of a JSONL stream: each `document` record starts a document, its
// `event` and `casualty` records follow (records of an unknown doc_id start one too).
// Blank lines are skipped; a malformed line is an error naming `name` and the line.
Status ReadExtractRecords(std::istream& in, const std::string& name,
                          std::vector<DocumentEvents>& out);

// One `event` record (a parsed JSON line) -> Event; `violent` from data/codes/kinds.tsv.
StatusOr<extract::Event> EventFromJson(const std::string& line);

}  // namespace tocsin::assess

#endif  // TOCSIN_ASSESS_RECORDS_IN_H_
