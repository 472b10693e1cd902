#include "tocsin/serve/query.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "tocsin/core/calendar.h"
#include "tocsin/text/utf8.h"

#include "tocsin/codes/kinds.h"
#include "tocsin/io/reader.h"

namespace tocsin::serve {
namespace {

ApiError Bad(std::string param, std::string message) {
  return ApiError{400, std::move(param), std::move(message)};
}

std::vector<std::string> Values(const Params& params, const std::string& key) {
  std::vector<std::string> out;
  auto [lo, hi] = params.equal_range(key);
  for (auto it = lo; it != hi; ++it) {
    size_t start = 0;
    const std::string& v = it->second;
    while (start <= v.size()) {
      size_t comma = v.find(',', start);
      std::string item = v.substr(start, comma == std::string::npos ? std::string::npos
                                                                      : comma - start);
      if (!item.empty()) out.push_back(item);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

// The single value of `key`, or an error when repeated.
std::optional<ApiError> Single(const Params& params, const std::string& key, std::string& out) {
  auto n = params.count(key);
  if (n == 0) return std::nullopt;
  if (n > 1) return Bad(key, "parameter '" + key + "' given more than once");
  out = params.find(key)->second;
  return std::nullopt;
}

bool IsCode(const std::string& s) {  // CSTO, AZE, HEZBOLLAH, M23
  if (s.empty() || s.size() > 24) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

std::optional<ApiError> ParseSize(const Params& params, const std::string& key, size_t max,
                                  size_t& out) {
  std::string v;
  if (auto e = Single(params, key, v)) return e;
  if (!params.count(key)) return std::nullopt;
  size_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size())
    return Bad(key, "parameter '" + key + "' must be a non-negative integer, got \"" + v + "\"");
  if (n > max)
    return Bad(key, "parameter '" + key + "' must be at most " + std::to_string(max));
  out = n;
  return std::nullopt;
}

const std::set<std::string>& KnownParams() {
  static const std::set<std::string> k = {"from",   "to",     "kind",  "actor",
                                          "country", "territory", "bbox", "doc",
                                          "violent", "offset", "limit", "order",
                                          "lang", "q"};
  return k;
}

}  // namespace

std::string ApiError::Json() const {
  // Messages quote what the client sent: never more than a few hundred bytes of it.
  nlohmann::json j = {{"error", text::TruncateForMessage(message, 400)}, {"status", status}};
  j["parameter"] = parameter.empty() ? nlohmann::json(nullptr)
                                     : nlohmann::json(text::TruncateForMessage(parameter, 100));
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  // A real day of the calendar (2022-02-30 is refused), as the document readers require.
  return calendar::IsIsoDate(s);
}

std::optional<ApiError> ParseEventFilter(const Params& params, EventFilter& f) {
  for (const auto& [k, v] : params)
    if (!KnownParams().count(k))
      return Bad(k, "unknown parameter '" + k +
                        "' (known: from, to, kind, actor, country, territory, bbox, doc, "
                        "violent, lang, q, offset, limit, order)");
  for (const char* key : {"from", "to"}) {
    std::string v;
    if (auto e = Single(params, key, v)) return e;
    if (!params.count(key)) continue;
    if (!IsDate(v))
      return Bad(key, std::string("parameter '") + key + "' must be a date YYYY-MM-DD, got \"" +
                          v + "\"");
    (std::string_view(key) == "from" ? f.from : f.to) = v;
  }
  if (!f.from.empty() && !f.to.empty() && f.from > f.to)
    return Bad("from", "parameter 'from' (" + f.from + ") is after 'to' (" + f.to + ")");

  const auto& kinds = codes::KindTable::Default();
  for (const std::string& k : Values(params, "kind")) {
    if (!kinds.Find(k)) {
      std::string known;
      for (const auto& kc : kinds.all()) known += (known.empty() ? "" : ", ") + kc.kind;
      return Bad("kind", "unknown kind \"" + k + "\" (known: " + known + ")");
    }
    f.kinds.push_back(k);
  }
  for (std::string a : Values(params, "actor")) {
    std::transform(a.begin(), a.end(), a.begin(), [](unsigned char c) { return std::toupper(c); });
    if (!IsCode(a))
      return Bad("actor", "parameter 'actor' must be actor codes such as AZE or CSTO, got \"" +
                              a + "\"");
    f.actors.push_back(a);
  }
  for (std::string c : Values(params, "country")) {
    std::transform(c.begin(), c.end(), c.begin(), [](unsigned char ch) { return std::toupper(ch); });
    if (c.size() != 3 || !std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; }))
      return Bad("country", "parameter 'country' must be ISO 3166 alpha-3 codes, got \"" + c + "\"");
    f.countries.push_back(c);
  }
  for (const std::string& t : Values(params, "territory")) {
    if (t != "sovereign" && t != "disputed" && t != "occupied" && t != "unknown")
      return Bad("territory",
                 "parameter 'territory' must be sovereign, disputed, occupied or unknown, got \"" +
                     t + "\"");
    f.territories.push_back(t);
  }
  std::string bbox;
  if (auto e = Single(params, "bbox", bbox)) return e;
  if (params.count("bbox")) {
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
      size_t comma = bbox.find(',', start);
      parts.push_back(bbox.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    double v[4];
    bool ok = parts.size() == 4;
    for (size_t i = 0; ok && i < 4; ++i) {
      char* end = nullptr;
      v[i] = std::strtod(parts[i].c_str(), &end);
      ok = !parts[i].empty() && end == parts[i].c_str() + parts[i].size() && std::isfinite(v[i]);
    }
    if (!ok)
      return Bad("bbox", "parameter 'bbox' must be min_lon,min_lat,max_lon,max_lat, got \"" + bbox + "\"");
    if (v[0] < -180 || v[2] > 180 || v[0] > 180 || v[2] < -180 || v[1] < -90 || v[3] > 90 ||
        v[1] > v[3])
      return Bad("bbox", "parameter 'bbox' is out of range: longitudes in [-180, 180], latitudes "
                         "in [-90, 90], min_lat <= max_lat");
    f.bbox = BBox{v[0], v[1], v[2], v[3]};
  }
  if (auto e = Single(params, "doc", f.doc_id)) return e;
  std::string violent;
  if (auto e = Single(params, "violent", violent)) return e;
  if (params.count("violent")) {
    if (violent != "true" && violent != "false" && violent != "1" && violent != "0")
      return Bad("violent", "parameter 'violent' must be true or false, got \"" + violent + "\"");
    f.violent_only = violent == "true" || violent == "1";
  }
  for (std::string l : Values(params, "lang")) {
    std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
    if (l.size() < 2 || l.size() > 3 ||
        !std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
      return Bad("lang", "parameter 'lang' must be language codes such as fr, en or ru, got \"" +
                             l + "\"");
    f.langs.push_back(l);
  }
  if (auto e = Single(params, "q", f.text)) return e;
  while (!f.text.empty() && std::isspace(static_cast<unsigned char>(f.text.back()))) f.text.pop_back();
  while (!f.text.empty() && std::isspace(static_cast<unsigned char>(f.text.front()))) f.text.erase(0, 1);
  if (f.text.size() > 200)
    return Bad("q", "parameter 'q' must be at most 200 bytes (words of an actor or place name)");
  if (auto e = ParseSize(params, "offset", 100000000, f.offset)) return e;
  if (auto e = ParseSize(params, "limit", kMaxLimit, f.limit)) return e;
  if (params.count("limit") && f.limit == 0)
    return Bad("limit", "parameter 'limit' must be between 1 and " + std::to_string(kMaxLimit));
  std::string order;
  if (auto e = Single(params, "order", order)) return e;
  if (params.count("order")) {
    if (order != "asc" && order != "desc")
      return Bad("order", "parameter 'order' must be asc or desc, got \"" + order + "\"");
    f.ascending = order == "asc";
  }
  return std::nullopt;
}

std::optional<ApiError> ResolveStaticPath(const std::string& root, std::string_view url_path,
                                          std::string& file) {
  namespace fs = std::filesystem;
  const ApiError not_found{404, "", "not found"};
  if (root.empty() || url_path.empty() || url_path[0] != '/') return not_found;
  std::string rel(url_path.substr(1));
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  if (rel.size() > 512) return not_found;
  // Segment by segment: no "..", ".", empty, hidden or odd segments.
  size_t start = 0;
  while (start <= rel.size()) {
    size_t slash = rel.find('/', start);
    std::string_view seg(rel.data() + start,
                         (slash == std::string::npos ? rel.size() : slash) - start);
    if (seg.empty() || seg[0] == '.') return not_found;
    for (char c : seg) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 || c == '\\' || c == ':' || u == 0x7f) return not_found;
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  std::error_code ec;
  fs::path base = fs::weakly_canonical(fs::path(root), ec);
  if (ec) return not_found;
  fs::path full = fs::weakly_canonical(base / rel, ec);
  if (ec) return not_found;
  // Symbolic links out of the root are refused too.
  auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (b != base.end()) return not_found;
  if (!fs::is_regular_file(full, ec)) return not_found;
  file = full.string();
  return std::nullopt;
}

std::optional<ApiError> ParseDocumentsBody(std::string_view body, std::string_view content_type,
                                           std::vector<Document>& out) {
  std::string ct(content_type.substr(0, content_type.find(';')));
  while (!ct.empty() && ct.back() == ' ') ct.pop_back();
  std::transform(ct.begin(), ct.end(), ct.begin(), [](unsigned char c) { return std::tolower(c); });
  bool jsonl = ct == "application/x-ndjson" || ct == "application/jsonl" ||
               ct == "application/x-jsonlines";
  if (!jsonl && ct != "application/json")
    return ApiError{415, "Content-Type",
                    "Content-Type must be application/json (one document or an array) or "
                    "application/x-ndjson (one document per line), got \"" +
                        std::string(content_type) + "\""};
  io::ReadOptions read;
  std::vector<std::pair<std::string, std::string>> items;  // origin, bytes
  if (jsonl) {
    size_t start = 0, line = 0;
    while (start < body.size()) {
      size_t nl = body.find('\n', start);
      std::string_view l = body.substr(start, nl == std::string_view::npos ? std::string_view::npos
                                                                         : nl - start);
      ++line;
      if (l.find_first_not_of(" \t\r") != std::string_view::npos)
        items.emplace_back("body:" + std::to_string(line), std::string(l));
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  } else {
    nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) return Bad("body", "the body is not valid JSON");
    if (j.is_object()) {
      items.emplace_back("body", std::string(body));
    } else if (j.is_array()) {
      for (size_t i = 0; i < j.size(); ++i) {
        if (!j[i].is_object())
          return Bad("body[" + std::to_string(i) + "]", "each document must be a JSON object");
        items.emplace_back("body[" + std::to_string(i) + "]", j[i].dump());
      }
    } else {
      return Bad("body", "the body must be a document object or an array of them");
    }
  }
  if (items.empty()) return Bad("body", "no document in the body");
  if (items.size() > 1000) return ApiError{413, "body", "at most 1000 documents per request"};
  for (const auto& [origin, bytes] : items) {
    auto doc = io::ParseJsonDocument(bytes, origin, read);
    if (!doc.ok()) return Bad(origin, doc.status().message());
    if (doc->id == origin) {  // no "id": a stable one from the content
      uint64_t h = 1469598103934665603ull;
      for (unsigned char c : doc->title + "\n" + doc->text) h = (h ^ c) * 1099511628211ull;
      char buf[24];
      std::snprintf(buf, sizeof buf, "post-%016llx", static_cast<unsigned long long>(h));
      doc->id = buf;
    }
    out.push_back(std::move(*doc));
  }
  return std::nullopt;
}

std::string ContentTypeOf(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  // Scripts and JSON go uncompressed: cpp-httplib 0.11 compresses "text/*" and a bare
  // "application/json" with brotli at quality 11 on every request, 3.5 s of CPU for the 750 KB
  // country borders and 1.2 s for d3 on a loaded 2-core machine (the dashboard's first render
  // waited for it). With a charset parameter these types are sent as they are.
  if (ends(".js") || ends(".mjs")) return "application/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".map")) return "application/json; charset=utf-8";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace tocsin::serve
