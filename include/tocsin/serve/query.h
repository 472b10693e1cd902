// Validation of API requests: query parameters -> EventFilter, static paths, JSON bodies.
// Every error names the parameter at fault (doc/api.md, "Errors").
#ifndef TOCSIN_SERVE_QUERY_H_
#define TOCSIN_SERVE_QUERY_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/document.h"
#include "tocsin/serve/backend.h"

namespace tocsin::serve {

// A request error: HTTP status, the parameter at fault ("" for none) and a message.
struct ApiError {
  int status = 400;
  std::string parameter;
  std::string message;
  std::string Json() const;  // {"error": message, "parameter": parameter, "status": status}
};

using Params = std::multimap<std::string, std::string>;

constexpr size_t kMaxLimit = 5000;
constexpr size_t kMaxExport = 100000;  // events in one GET /api/export

// GET /api/events and /api/stats parameters: from, to, kind, actor, country, territory, bbox,
// doc, violent, lang, q, offset, limit, order. Lists are comma-separated or repeated. Unknown
// parameters are errors too (a typo must not silently widen the result).
std::optional<ApiError> ParseEventFilter(const Params& params, EventFilter& out);

// The file under `root` that the URL path names, or an error (404 for anything outside the
// root: "..", ".", encoded separators, NUL, hidden files). "/" is index.html.
std::optional<ApiError> ResolveStaticPath(const std::string& root, std::string_view url_path,
                                          std::string& file);

// The documents of a POST /api/documents body: one JSON object, a JSON array of objects, or
// JSON Lines (content type application/x-ndjson). Document fields as in doc/input-formats.md.
std::optional<ApiError> ParseDocumentsBody(std::string_view body, std::string_view content_type,
                                           std::vector<Document>& out);

// Content type of a static file from its extension.
std::string ContentTypeOf(std::string_view path);

// "YYYY-MM-DD" with a real month and day.
bool IsDate(std::string_view s);

}  // namespace tocsin::serve

#endif  // TOCSIN_SERVE_QUERY_H_
