// JSON Lines records of `tocsin geoparse` (doc/geoparse.md): a `document` record, then one
// `place` record per toponym mention. Each function appends one record and its newline to `out`.
// Shared by the CLI and the Python module.
#ifndef TOCSIN_OUTPUT_GEOPARSE_JSON_H_
#define TOCSIN_OUTPUT_GEOPARSE_JSON_H_

#include <string>

#include "tocsin/core/document.h"
#include "tocsin/geoparse/geoparser.h"

namespace tocsin::output {

void AppendGeoDocumentRecord(const Document& doc, const geoparse::GeoparseResult& r,
                             std::string& out);
void AppendPlaceRecord(const Document& doc, const geoparse::Toponym& t, std::string& out);

}  // namespace tocsin::output

#endif  // TOCSIN_OUTPUT_GEOPARSE_JSON_H_
