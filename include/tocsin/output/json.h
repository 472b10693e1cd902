// JSON Lines records (doc/records.md): document, event, casualty. Each function appends one
// record, without the final newline, to `out`.
#ifndef TOCSIN_OUTPUT_JSON_H_
#define TOCSIN_OUTPUT_JSON_H_

#include <optional>
#include <string>

#include "tocsin/core/document.h"
#include "tocsin/extract/records.h"

namespace tocsin::output {

void AppendDocumentRecord(const Document& doc, const extract::Extraction& x, std::string& out);
void AppendEventRecord(const Document& doc, const extract::Event& e, std::string& out);
void AppendCasualtyRecord(const Document& doc, const extract::Casualty& c, std::string& out);

class JsonWriter;
// Fields shared with other writers of the same objects (the store's exports): an `evidence`
// object and an `attribution` object or null.
void WriteEvidence(JsonWriter& w, const extract::Evidence& ev);
void WriteAttribution(JsonWriter& w, const std::optional<extract::Attribution>& a);
// "acled" of doc/records.md: {"event_type","sub_event_type"}, null when ACLED has no type.
void WriteAcled(JsonWriter& w, const std::string& event_type, const std::string& sub_event_type);

// Convenience for tests and small outputs.
std::string EventRecord(const Document& doc, const extract::Event& e);
std::string CasualtyRecord(const Document& doc, const extract::Casualty& c);

}  // namespace tocsin::output

#endif  // TOCSIN_OUTPUT_JSON_H_
