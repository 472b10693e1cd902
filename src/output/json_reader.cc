#include "tocsin/output/json_reader.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>

#include "tocsin/codes/kinds.h"
#include "tocsin/text/utf8.h"

namespace tocsin::output {
namespace {

using nlohmann::json;

// A value as an error message shows it: its type, and scalars themselves (cut short).
std::string Describe(const json& v) {
  auto shown = [&] {
    return " (" + text::TruncateForMessage(v.dump(-1, ' ', false, json::error_handler_t::replace), 60) +
           ")";
  };
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "true" : "false";
    case json::value_t::string: return "a string" + shown();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number" + shown();
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    default: return "a value of another type";
  }
}

// Reads the fields of one record. Each accessor leaves its output as it is when the field is
// absent or null, sets it when the field has the expected type, and otherwise records an error
// (the first one is kept; reading goes on but its results are dropped).
class FieldReader {
 public:
  explicit FieldReader(std::string what) : what_(std::move(what)) {}

  void Name(const std::string& id) { id_ = id; }
  bool failed() const { return !error_.empty(); }
  Status status() const {
    return Status::InvalidArgument(what_ + (id_.empty() ? "" : " \"" + id_ + "\"") + ": " + error_);
  }

  void Fail(const std::string& field, const std::string& expected, const json& got) {
    if (failed()) return;
    error_ = "field \"" + field + "\": expected " + expected + ", got " + Describe(got);
  }
  void Missing(const std::string& field, const std::string& expected) {
    if (!failed()) error_ = "missing field \"" + field + "\" (" + expected + ")";
  }

  // The value of `key` in `o`, nullptr when absent or null.
  static const json* Find(const json& o, const char* key) {
    auto it = o.find(key);
    return it == o.end() || it->is_null() ? nullptr : &*it;
  }

  void Str(const json& o, const std::string& path, const char* key, std::string& out) {
    const json* v = Find(o, key);
    if (!v) return;
    if (!v->is_string()) return Fail(path + key, "a string", *v);
    out = v->get<std::string>();
  }
  // A required string: missing or "" is an error.
  void RequiredStr(const json& o, const char* key, std::string& out) {
    Str(o, "", key, out);
    if (!failed() && out.empty()) Missing(key, "a non-empty string");
  }
  void Bool(const json& o, const std::string& path, const char* key, bool& out) {
    const json* v = Find(o, key);
    if (!v) return;
    if (!v->is_boolean()) return Fail(path + key, "true or false", *v);
    out = v->get<bool>();
  }
  void Int(const json& o, const std::string& path, const char* key, int64_t& out) {
    const json* v = Find(o, key);
    if (!v) return;
    if (v->is_number_integer() && !(v->is_number_unsigned() &&
                                    v->get<uint64_t>() > uint64_t{std::numeric_limits<int64_t>::max()})) {
      out = v->get<int64_t>();
      return;
    }
    Fail(path + key, "an integer", *v);
  }
  void OptInt(const json& o, const std::string& path, const char* key, std::optional<int64_t>& out) {
    if (!Find(o, key)) return;
    int64_t x = 0;
    Int(o, path, key, x);
    if (!failed()) out = x;
  }
  void SmallInt(const json& o, const std::string& path, const char* key, int& out) {
    const json* v = Find(o, key);
    if (!v) return;
    if (v->is_number_integer()) {
      const bool fits = v->is_number_unsigned()
                            ? v->get<uint64_t>() <= uint64_t{std::numeric_limits<int>::max()}
                            : v->get<int64_t>() >= std::numeric_limits<int>::min() &&
                                  v->get<int64_t>() <= std::numeric_limits<int>::max();
      if (fits) {
        out = static_cast<int>(v->get<int64_t>());
        return;
      }
    }
    Fail(path + key, "a small integer", *v);
  }
  void Double(const json& o, const std::string& path, const char* key, double& out) {
    const json* v = Find(o, key);
    if (!v) return;
    if (!v->is_number()) return Fail(path + key, "a number", *v);
    out = v->get<double>();
  }
  void OptDouble(const json& o, const std::string& path, const char* key, std::optional<double>& out) {
    if (!Find(o, key)) return;
    double x = 0;
    Double(o, path, key, x);
    if (!failed()) out = x;
  }
  void Strings(const json& o, const std::string& path, const char* key, std::vector<std::string>& out) {
    const json* v = Find(o, key);
    if (!v) return;
    if (!v->is_array()) return Fail(path + key, "an array of strings", *v);
    std::vector<std::string> r;
    r.reserve(v->size());
    for (size_t i = 0; i < v->size(); ++i) {
      const json& x = (*v)[i];
      if (!x.is_string())
        return Fail(path + key + "[" + std::to_string(i) + "]", "a string", x);
      r.push_back(x.get<std::string>());
    }
    out = std::move(r);
  }
  // A byte offset: an integer from 0 to 2^32-1 (a larger one would not fit the records'
  // uint32_t offsets; reading 1e52 as one was undefined behaviour, found by fuzz_records).
  bool Offset(const json& v, const std::string& field, uint32_t& out) {
    if (v.is_number_integer() && (v.is_number_unsigned() || v.get<int64_t>() >= 0) &&
        v.get<uint64_t>() <= std::numeric_limits<uint32_t>::max()) {
      out = static_cast<uint32_t>(v.get<uint64_t>());
      return true;
    }
    Fail(field, "a byte offset (an integer from 0 to 4294967295)", v);
    return false;
  }
  void OffsetField(const json& o, const std::string& path, const char* key, uint32_t& out) {
    if (const json* v = Find(o, key)) Offset(*v, path + key, out);
  }
  // [start, end]: two byte offsets.
  void Span(const json& o, const std::string& path, const char* key, uint32_t& start, uint32_t& end) {
    const json* v = Find(o, key);
    if (!v) return;
    if (!v->is_array() || v->size() != 2)
      return Fail(path + key, "[start, end] (two byte offsets)", *v);
    uint32_t a = 0, b = 0;
    if (Offset((*v)[0], path + key + "[0]", a) && Offset((*v)[1], path + key + "[1]", b)) {
      start = a;
      end = b;
    }
  }
  // The object under `key`, nullptr when absent, null, or of another type (an error then).
  const json* Object(const json& o, const std::string& path, const char* key) {
    const json* v = Find(o, key);
    if (v && !v->is_object()) {
      Fail(path + key, "an object", *v);
      return nullptr;
    }
    return v;
  }

 private:
  std::string what_, id_, error_;
};

std::optional<extract::Attribution> AttributionOf(FieldReader& r, const json& o) {
  const json* a = r.Object(o, "", "attribution");
  if (!a) return std::nullopt;
  extract::Attribution out;
  r.Str(*a, "attribution.", "text", out.text);
  r.Strings(*a, "attribution.", "actors", out.actors);
  return out;
}

extract::Evidence EvidenceOf(FieldReader& r, const json& o) {
  extract::Evidence ev;
  const json* e = r.Object(o, "", "evidence");
  if (!e) return ev;
  r.Str(*e, "evidence.", "field", ev.field);
  r.OffsetField(*e, "evidence.", "start", ev.start);
  r.OffsetField(*e, "evidence.", "end", ev.end);
  r.Str(*e, "evidence.", "sentence", ev.sentence);
  r.Span(*e, "evidence.", "trigger", ev.trigger_start, ev.trigger_end);
  return ev;
}

std::optional<extract::Actor> ActorOf(FieldReader& r, const json& o, const char* key) {
  const json* a = r.Object(o, "", key);
  if (!a) return std::nullopt;
  const std::string path = std::string(key) + ".";
  extract::Actor out;
  r.Str(*a, path, "code", out.code);
  r.Str(*a, path, "name", out.name);
  r.Str(*a, path, "text", out.text);
  r.Str(*a, path, "agent", out.agent);
  r.Str(*a, path, "type", out.type);
  r.Bool(*a, path, "inferred", out.inferred);
  return out;
}

extract::Place PlaceOf(FieldReader& r, const json& p, const std::string& path) {
  extract::Place out;
  r.Str(p, path, "text", out.text);
  r.Str(p, path, "name", out.name);
  r.OptDouble(p, path, "lat", out.lat);
  r.OptDouble(p, path, "lon", out.lon);
  r.Str(p, path, "country", out.country);
  r.Str(p, path, "admin1", out.admin1);
  r.Int(p, path, "geonameid", out.geonameid);
  r.Str(p, path, "feature", out.feature);
  r.Str(p, path, "territory", out.territory);
  r.Str(p, path, "area", out.area);
  r.Strings(p, path, "claimed_by", out.claimed_by);
  r.Str(p, path, "controlled_by", out.controlled_by);
  r.SmallInt(p, path, "precision", out.precision);
  r.Span(p, path, "span", out.start, out.end);
  r.Double(p, path, "confidence", out.confidence);
  return out;
}

// The record's `record` field, when present, must be `type`.
void CheckType(FieldReader& r, const json& j, const char* type) {
  std::string record;
  r.Str(j, "", "record", record);
  if (!r.failed() && !record.empty() && record != type)
    r.Fail("record", std::string("\"") + type + "\"", *FieldReader::Find(j, "record"));
}

DocumentRecord DocumentOf(FieldReader& r, const json& j) {
  DocumentRecord d;
  r.Str(j, "", "doc_id", d.doc_id);
  if (!r.failed()) r.Name(d.doc_id);
  r.Str(j, "", "lang", d.lang);
  r.Str(j, "", "title", d.title);
  r.Str(j, "", "date", d.date);
  r.Int(j, "", "chars", d.chars);
  r.Str(j, "", "url", d.url);
  r.Str(j, "", "source", d.source);
  r.Strings(j, "", "frame", d.frame);
  r.Int(j, "", "events", d.events);
  r.Int(j, "", "casualties", d.casualties);
  r.Strings(j, "", "warnings", d.warnings);
  return d;
}

extract::Event EventOf(FieldReader& r, const json& j, const RecordReadOptions& options) {
  extract::Event e;
  r.RequiredStr(j, "id", e.id);
  if (r.failed()) return e;  // the errors that follow name the record by its id
  r.Name(e.id);
  r.RequiredStr(j, "kind", e.kind);
  r.Str(j, "", "cameo", e.cameo);
  if (const json* p = r.Object(j, "", "plover")) {
    r.Str(*p, "plover.", "type", e.plover_type);
    r.Str(*p, "plover.", "mode", e.plover_mode);
  }
  if (const json* a = r.Object(j, "", "acled")) {
    r.Str(*a, "acled.", "event_type", e.acled_event_type);
    r.Str(*a, "acled.", "sub_event_type", e.acled_sub_event_type);
  }
  if (!r.failed()) {
    const codes::KindTable& kinds = options.kinds ? *options.kinds : codes::KindTable::Default();
    const codes::KindCodes* k = kinds.Find(e.kind);
    e.violent = k && k->violent;
  }
  r.Bool(j, "", "violent", e.violent);
  e.actor1 = ActorOf(r, j, "actor1");
  e.actor2 = ActorOf(r, j, "actor2");
  r.Strings(j, "", "parties", e.parties);
  if (const json* ps = FieldReader::Find(j, "places")) {
    if (!ps->is_array()) {
      r.Fail("places", "an array of places (objects)", *ps);
    } else {
      for (size_t i = 0; i < ps->size() && !r.failed(); ++i) {
        const std::string path = "places[" + std::to_string(i) + "]";
        const json& p = (*ps)[i];
        if (!p.is_object()) {
          r.Fail(path, "a place (an object)", p);
          break;
        }
        e.places.push_back(PlaceOf(r, p, path + "."));
      }
    }
  }
  r.Str(j, "", "date", e.date);
  r.Str(j, "", "date_precision", e.date_precision);
  r.Str(j, "", "date_basis", e.date_basis);
  r.Str(j, "", "modality", e.modality);
  e.attribution = AttributionOf(r, j);
  e.evidence = EvidenceOf(r, j);
  r.Double(j, "", "confidence", e.confidence);
  return e;
}

extract::Casualty CasualtyOf(FieldReader& r, const json& j) {
  extract::Casualty c;
  r.RequiredStr(j, "id", c.id);
  if (r.failed()) return c;
  r.Name(c.id);
  r.Str(j, "", "event_id", c.event_id);
  r.Int(j, "", "count", c.count);
  r.OptInt(j, "", "min", c.min);
  r.OptInt(j, "", "max", c.max);
  r.Str(j, "", "qualifier", c.qualifier);
  r.Str(j, "", "victims", c.victims);
  r.Str(j, "", "side", c.side);
  r.Str(j, "", "side_text", c.side_text);
  r.Bool(j, "", "side_inferred", c.side_inferred);
  c.attribution = AttributionOf(r, j);
  c.evidence = EvidenceOf(r, j);
  return c;
}

StatusOr<json> ParseObject(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    return Status::InvalidArgument("not a JSON object (expected a record of doc/records.md)");
  return j;
}

// Reads one record of a parsed object with `read(FieldReader&, const json&)`. The accessors
// check every type before they read, so nothing should throw; a json::exception all the same
// is a bug, reported as a value rather than let out.
template <typename T, typename F>
StatusOr<T> ReadWith(const json& j, const char* what, F read) {
  FieldReader r(what);
  try {
    T value = read(r, j);
    if (r.failed()) return r.status();
    return value;
  } catch (const json::exception& e) {
    return Status::Internal(std::string(what) + ": unexpected JSON error (" + e.what() + ")");
  }
}

template <typename T, typename F>
StatusOr<T> ParseAndRead(std::string_view text, const char* what, const char* type, F read) {
  StatusOr<json> j = ParseObject(text);
  if (!j.ok()) return j.status();
  return ReadWith<T>(*j, what, [&](FieldReader& r, const json& o) {
    CheckType(r, o, type);
    return read(r, o);
  });
}

}  // namespace

StatusOr<DocumentRecord> ReadDocumentRecord(std::string_view text) {
  return ParseAndRead<DocumentRecord>(text, "document record", "document", DocumentOf);
}

StatusOr<extract::Event> ReadEventRecord(std::string_view text, const RecordReadOptions& options) {
  return ParseAndRead<extract::Event>(text, "event record", "event", [&](FieldReader& r, const json& j) {
    return EventOf(r, j, options);
  });
}

StatusOr<extract::Casualty> ReadCasualtyRecord(std::string_view text) {
  return ParseAndRead<extract::Casualty>(text, "casualty record", "casualty", CasualtyOf);
}

StatusOr<Record> ReadRecord(std::string_view text, const RecordReadOptions& options) {
  StatusOr<json> parsed = ParseObject(text);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  const json* type = FieldReader::Find(j, "record");
  if (!type)
    return Status::InvalidArgument(
        "record without a \"record\" field (expected \"document\", \"event\" or \"casualty\"; "
        "doc/records.md)");
  const std::string name = type->is_string() ? type->get<std::string>() : std::string();
  Record rec;
  const char* what = nullptr;
  if (name == "document") {
    rec.type = Record::Type::kDocument;
    what = "document record";
  } else if (name == "event") {
    rec.type = Record::Type::kEvent;
    what = "event record";
  } else if (name == "casualty") {
    rec.type = Record::Type::kCasualty;
    what = "casualty record";
  } else {
    return Status::InvalidArgument(
        "unknown record type " + (type->is_string() ? "\"" + text::TruncateForMessage(name, 100) + "\""
                                                    : Describe(*type)) +
        " (expected \"document\", \"event\" or \"casualty\"; doc/records.md)");
  }
  return ReadWith<Record>(j, what, [&](FieldReader& r, const json& o) {
    switch (rec.type) {
      case Record::Type::kDocument:
        rec.document = DocumentOf(r, o);
        rec.doc_id = rec.document.doc_id;
        return std::move(rec);
      case Record::Type::kEvent: rec.event = EventOf(r, o, options); break;
      case Record::Type::kCasualty: rec.casualty = CasualtyOf(r, o); break;
    }
    r.Str(o, "", "doc_id", rec.doc_id);
    return std::move(rec);
  });
}

}  // namespace tocsin::output
