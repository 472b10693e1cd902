// GET /api/export: the events of a filtered view (the dashboard's "export this view") as CSV,
// GeoJSON or JSON Lines, rendered from the API's event summaries (doc/api.md, "Export").
#pragma once

#include <string>
#include <vector>

namespace tocsin::serve {

enum class ViewFormat { kCsv, kGeoJson, kJsonl };

// "csv", "geojson", "jsonl" (also "ndjson"); false for anything else.
bool ParseViewFormat(const std::string& name, ViewFormat* out);

// The body for `summaries` (JSON objects of GET /api/events), in order.
std::string RenderView(const std::vector<std::string>& summaries, ViewFormat format);

// Content-Type and file name extension of a format.
const char* ViewContentType(ViewFormat format);
const char* ViewExtension(ViewFormat format);

}  // namespace tocsin::serve
