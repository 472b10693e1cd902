#include "export_view.h"

#include <nlohmann/json.hpp>

namespace tocsin::serve {
namespace {

using Json = nlohmann::json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

const Json& At(const Json& o, const char* key) {
  static const Json null;
  if (!o.is_object()) return null;
  auto it = o.find(key);
  return it == o.end() ? null : *it;
}

std::string Text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return Dump(v);
}

// RFC 4180 field; text that a spreadsheet would run as a formula (= + - @ first) gets a quote.
std::string CsvField(std::string s, bool text) {
  if (text && !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@'))
    s.insert(0, "'");
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

struct Flat {
  std::string places, countries, territories;
  const Json* located = nullptr;  // first place with coordinates
};

Flat Places(const Json& e) {
  Flat f;
  auto join = [](std::string& list, const std::string& v) {
    if (v.empty()) return;
    if (("; " + list + ";").find("; " + v + ";") != std::string::npos) return;
    list += (list.empty() ? "" : "; ") + v;
  };
  if (const Json& ps = At(e, "places"); ps.is_array())
    for (const Json& p : ps) {
      std::string name = Text(At(p, "name"));
      join(f.places, name.empty() ? Text(At(p, "text")) : name);
      join(f.countries, Text(At(p, "country")));
      join(f.territories, Text(At(p, "territory")));
      if (!f.located && At(p, "lat").is_number() && At(p, "lon").is_number()) f.located = &p;
    }
  return f;
}

}  // namespace

bool ParseViewFormat(const std::string& name, ViewFormat* out) {
  if (name == "csv") *out = ViewFormat::kCsv;
  else if (name == "geojson") *out = ViewFormat::kGeoJson;
  else if (name == "jsonl" || name == "ndjson") *out = ViewFormat::kJsonl;
  else return false;
  return true;
}

const char* ViewContentType(ViewFormat format) {
  switch (format) {
    case ViewFormat::kCsv: return "text/csv; charset=utf-8";
    case ViewFormat::kGeoJson: return "application/geo+json";
    case ViewFormat::kJsonl: return "application/x-ndjson";
  }
  return "application/octet-stream";
}

const char* ViewExtension(ViewFormat format) {
  switch (format) {
    case ViewFormat::kCsv: return "csv";
    case ViewFormat::kGeoJson: return "geojson";
    case ViewFormat::kJsonl: return "jsonl";
  }
  return "txt";
}

std::string RenderView(const std::vector<std::string>& summaries, ViewFormat format) {
  std::string out;
  if (format == ViewFormat::kJsonl) {
    for (const auto& s : summaries) out += s + "\n";
    return out;
  }
  if (format == ViewFormat::kCsv)
    out = "event_id,date,date_end,kind,cameo,violent,actor1,actor1_name,actor2,actor2_name,"
          "places,countries,territories,latitude,longitude,fatalities,victims,sources,lang,"
          "doc_id,url,sentence\r\n";
  else
    out = "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  for (const auto& s : summaries) {
    Json e = Json::parse(s, nullptr, false);
    if (!e.is_object()) continue;
    Flat f = Places(e);
    const Json& doc = At(e, "doc");
    const Json& a1 = At(e, "actor1");
    const Json& a2 = At(e, "actor2");
    std::string sentence = Text(At(At(e, "evidence"), "sentence"));
    if (format == ViewFormat::kCsv) {
      std::vector<std::pair<std::string, bool>> row = {
          {Text(At(e, "id")), true},
          {Text(At(e, "date")), false},
          {Text(At(e, "date_end")), false},
          {Text(At(e, "kind")), true},
          {Text(At(e, "cameo")), true},
          {At(e, "violent").is_boolean() && At(e, "violent").get<bool>() ? "1" : "0", false},
          {Text(At(a1, "code")), true},
          {Text(At(a1, "name")), true},
          {Text(At(a2, "code")), true},
          {Text(At(a2, "name")), true},
          {f.places, true},
          {f.countries, true},
          {f.territories, true},
          {f.located ? Dump(At(*f.located, "lat")) : "", false},
          {f.located ? Dump(At(*f.located, "lon")) : "", false},
          {Text(At(e, "fatalities")), false},
          {Text(At(e, "victims")), false},
          {Text(At(e, "sources")), false},
          {Text(At(doc, "lang")), true},
          {Text(At(e, "doc_id")), true},
          {Text(At(doc, "url")), true},
          {sentence, true}};
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) out += ',';
        out += CsvField(row[i].first, row[i].second);
      }
      out += "\r\n";
      continue;
    }
    Json props = {{"date", At(e, "date")},
                  {"date_end", At(e, "date_end")},
                  {"kind", At(e, "kind")},
                  {"cameo", At(e, "cameo")},
                  {"violent", At(e, "violent")},
                  {"actor1", At(a1, "code")},
                  {"actor2", At(a2, "code")},
                  {"places", f.places},
                  {"countries", f.countries},
                  {"territories", f.territories},
                  {"fatalities", At(e, "fatalities")},
                  {"victims", At(e, "victims")},
                  {"sources", At(e, "sources")},
                  {"lang", At(doc, "lang")},
                  {"doc_id", At(e, "doc_id")},
                  {"url", At(doc, "url")},
                  {"sentence", sentence}};
    Json geometry = nullptr;  // RFC 7946 §3.2: a feature without a location
    if (f.located)
      geometry = {{"type", "Point"},
                  {"coordinates", {At(*f.located, "lon"), At(*f.located, "lat")}}};
    Json feature = {{"type", "Feature"}, {"id", At(e, "id")}, {"geometry", geometry},
                    {"properties", props}};
    if (!first) out += ',';
    first = false;
    out += Dump(feature);
  }
  if (format == ViewFormat::kGeoJson) out += "]}";
  return out;
}

}  // namespace tocsin::serve
