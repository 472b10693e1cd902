#include "tocsin/store/export.h"

#include <ctime>
#include <set>

#include "tocsin/output/json.h"
#include "tocsin/output/json_writer.h"

namespace tocsin::store {
namespace {

using output::JsonWriter;

using output::WriteAttribution;
using output::WriteEvidence;

}  // namespace

void WriteEventActor(JsonWriter& w, const std::string& code, const std::string& name,
                     const std::string& agent) {
  if (code.empty() && name.empty()) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("code").StringOrNull(code);
  w.Key("name").StringOrNull(name);
  w.Key("agent").StringOrNull(agent);
  w.EndObject();
}

void WriteEventPlace(JsonWriter& w, const EventRecord& e) {
  if (e.place.empty() && e.country.empty() && !e.lat) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("name").StringOrNull(e.place);
  w.Key("country").StringOrNull(e.country);
  w.Key("admin1").StringOrNull(e.admin1);
  w.Key("lat");
  e.lat ? w.Double(*e.lat) : w.Null();
  w.Key("lon");
  e.lon ? w.Double(*e.lon) : w.Null();
  w.Key("precision");
  e.precision ? w.Int(e.precision) : w.Null();
  w.EndObject();
}

namespace {

void WriteFatalities(JsonWriter& w, const fuse::Reconciled& f) {
  w.BeginObject();
  w.Key("figure").Int(f.figure);
  w.Key("low").Int(f.low);
  w.Key("high").Int(f.high);
  w.Key("claims").Int(f.claims);
  w.Key("by_side").BeginArray();
  for (const auto& s : f.by_side) {
    w.BeginObject();
    w.Key("side").StringOrNull(s.side);
    w.Key("figure").Int(s.figure);
    w.Key("low").Int(s.low);
    w.Key("high").Int(s.high);
    w.Key("claims").Int(s.claims);
    w.Key("partisan_set_aside").Int(s.partisan_dropped);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// "merge": why the event's mentions are one event (doc/fusion.md).
void WriteEventMerge(JsonWriter& w, const EventDetail& d) {
  std::vector<fuse::MergeReason> joins;
  for (const SourceRef& s : d.sources)
    if (s.merge) joins.push_back(*s.merge);
  w.Key("merge");
  fuse::WriteEventMerge(w, joins);
}

// The properties shared by jsonl and GeoJSON.
void WriteEventFields(JsonWriter& w, const EventDetail& d, bool full) {
  const EventRecord& e = d.event;
  w.Key("id").Int(e.id);
  w.Key("kind").String(e.kind);
  w.Key("cameo").String(e.cameo);
  w.Key("plover_type").StringOrNull(e.plover_type);
  w.Key("acled");
  output::WriteAcled(w, e.acled_event_type, e.acled_sub_event_type);
  w.Key("date_start").String(e.date_start);
  w.Key("date_end").String(e.date_end);
  w.Key("actor1");
  WriteEventActor(w, e.actor1, e.actor1_name, e.actor1_agent);
  w.Key("actor2");
  WriteEventActor(w, e.actor2, e.actor2_name, e.actor2_agent);
  w.Key("place");
  WriteEventPlace(w, e);
  w.Key("mentions").Int(e.mentions);
  w.Key("documents").Int(e.documents);
  w.Key("confidence").Double(e.confidence);
  w.Key("fatalities");
  WriteFatalities(w, e.fatalities);
  if (!full) return;
  w.Key("places").BeginArray();
  for (const auto& p : d.places) {
    w.BeginObject();
    w.Key("name").String(p.name.empty() ? p.text : p.name);
    w.Key("country").StringOrNull(p.country);
    w.Key("lat");
    p.lat ? w.Double(*p.lat) : w.Null();
    w.Key("lon");
    p.lon ? w.Double(*p.lon) : w.Null();
    w.Key("territory").String(p.territory);
    w.EndObject();
  }
  w.EndArray();
  w.Key("sources").BeginArray();
  for (const SourceRef& s : d.sources) {
    w.BeginObject();
    w.Key("doc_id").String(s.doc_id);
    w.Key("mention_id").String(s.mention_id);
    w.Key("title").String(s.title);
    w.Key("url").StringOrNull(s.url);
    w.Key("source").StringOrNull(s.source);
    w.Key("date").StringOrNull(s.date);
    w.Key("lang").StringOrNull(s.lang);
    w.Key("kind").String(s.kind);
    w.Key("event_date").StringOrNull(s.event_date);
    w.Key("modality").String(s.modality);
    w.Key("attribution");
    WriteAttribution(w, s.attribution);
    w.Key("evidence");
    WriteEvidence(w, s.evidence);
    w.Key("merge");
    if (s.merge) fuse::WriteMergeReason(w, *s.merge);
    else w.Null();
    w.EndObject();
  }
  w.EndArray();
  WriteEventMerge(w, d);
  w.Key("casualty_claims").BeginArray();
  for (const ClaimRecord& c : d.claims) {
    const extract::Casualty& k = c.casualty;
    w.BeginObject();
    w.Key("doc_id").String(c.doc_id);
    w.Key("claim_id").String(k.id);
    w.Key("count").Int(k.count);
    w.Key("min");
    k.min ? w.Int(*k.min) : w.Null();
    w.Key("max");
    k.max ? w.Int(*k.max) : w.Null();
    w.Key("qualifier").String(k.qualifier);
    w.Key("victims").String(k.victims);
    w.Key("side").StringOrNull(k.side);
    w.Key("attribution");
    WriteAttribution(w, k.attribution);
    w.Key("evidence");
    WriteEvidence(w, k.evidence);
    w.EndObject();
  }
  w.EndArray();
}

// RFC 4180 field.
void Csv(std::string& out, const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void CsvRow(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    Csv(out, fields[i]);
  }
  out += "\r\n";
}

// TSV field: tabs and newlines become spaces (GDELT files carry none).
void TsvRow(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += '\t';
    for (char c : fields[i]) out += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  }
  out += '\n';
}

std::string Num(std::optional<double> v) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.5f", *v);
  return buf;
}

std::string JoinSet(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  std::set<std::string> seen;
  for (const auto& x : v) {
    if (x.empty() || !seen.insert(x).second) continue;
    if (!s.empty()) s += sep;
    s += x;
  }
  return s;
}

std::vector<std::string> DocIds(const EventDetail& d) {
  std::vector<std::string> v;
  for (const auto& s : d.sources) v.push_back(s.doc_id);
  return v;
}

const std::vector<std::string> kCsvHeader = {
    "event_id", "date_start", "date_end", "kind", "cameo", "acled_event_type",
    "acled_sub_event_type", "actor1", "actor1_name", "actor1_agent", "actor2", "actor2_name",
    "actor2_agent", "location", "admin1", "country", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_low", "fatalities_high", "casualty_claims", "mentions",
    "documents", "confidence", "doc_ids", "urls"};

const std::vector<std::string> kAcledHeader = {
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp"};

// ACLED interaction codes: 1 state forces, 2 rebels, 3 political militias, 4 identity
// militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
int InterCode(const std::string& code, const std::string& agent) {
  if (agent == "PRO") return 6;
  if (agent == "CVL") return 7;
  if (agent == "REB") return 2;
  if (agent == "MIL" || agent == "GOV" || agent == "POL") return 1;
  if (code.empty()) return 0;
  if (code.size() == 3) return 1;  // a state
  return 8;
}

std::string AcledActor(const std::string& code, const std::string& name,
                       const std::string& agent) {
  std::string n = name.empty() ? code : name;
  if (n.empty()) return "";
  if (code.size() == 3 && (agent == "MIL" || agent.empty())) return "Military Forces of " + n;
  if (agent == "GOV") return "Government of " + n;
  if (agent == "POL") return "Police Forces of " + n;
  if (agent == "PRO") return "Protesters (" + n + ")";
  if (agent == "CVL") return "Civilians (" + n + ")";
  return n;
}

std::string DisorderType(const std::string& acled_type) {
  if (acled_type == "Protests" || acled_type == "Riots") return "Demonstrations";
  if (acled_type == "Strategic developments") return "Strategic developments";
  if (acled_type.empty()) return "";
  return "Political violence";
}

int64_t UnixTime(const std::string& iso) {  // "YYYY-MM-DDTHH:MM:SSZ"
  std::tm tm{};
  if (iso.size() < 19 || !strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return 0;
  return static_cast<int64_t>(timegm(&tm));
}

std::string Compact(const std::string& date) {  // "2022-09-13" -> "20220913"
  std::string s;
  for (char c : date)
    if (c >= '0' && c <= '9') s += c;
  return s;
}

int DaySpan(const EventRecord& e) {
  auto a = fuse::DayNumber(e.date_start), b = fuse::DayNumber(e.date_end);
  return a && b ? *b - *a : 0;
}

void AcledRow(const EventDetail& d, std::string& out) {
  const EventRecord& e = d.event;
  int i1 = InterCode(e.actor1, e.actor1_agent), i2 = InterCode(e.actor2, e.actor2_agent);
  int lo = std::min(i1, i2), hi = std::max(i1, i2);
  std::string interaction = lo ? std::to_string(lo * 10 + hi) : (hi ? std::to_string(hi * 10) : "");
  std::vector<std::string> sources, urls;
  for (const auto& s : d.sources) {
    sources.push_back(s.source.empty() ? s.doc_id : s.source);
    urls.push_back(s.url);
  }
  int span = DaySpan(e);
  std::string notes = d.sources.empty() ? "" : d.sources.front().evidence.sentence;
  std::string tags = "tocsin; documents=" + std::to_string(e.documents) +
                     "; fatalities range " + std::to_string(e.fatalities.low) + "-" +
                     std::to_string(e.fatalities.high) + "; kind=" + e.kind;
  CsvRow(out, {(e.country.empty() ? "XXX" : e.country) + std::to_string(e.id), e.date_start,
               e.date_start.substr(0, 4), span == 0 ? "1" : span <= 7 ? "2" : "3",
               DisorderType(e.acled_event_type), e.acled_event_type, e.acled_sub_event_type,
               AcledActor(e.actor1, e.actor1_name, e.actor1_agent), "",
               i1 ? std::to_string(i1) : "", AcledActor(e.actor2, e.actor2_name, e.actor2_agent),
               "", i2 ? std::to_string(i2) : "", interaction,
               e.kind == "attack_on_civilians" ? "Civilian targeting" : "", "", "", e.country,
               e.admin1, "", "", e.place, Num(e.lat), Num(e.lon),
               e.precision ? std::to_string(e.precision) : "", JoinSet(sources, "; "), "",
               notes, std::to_string(e.fatalities.figure), tags,
               std::to_string(UnixTime(e.updated_at))});
}

int QuadClass(const std::string& cameo) {
  int root = cameo.size() >= 2 ? std::stoi(cameo.substr(0, 2)) : 0;
  if (root <= 0) return 0;
  if (root <= 5) return 1;
  if (root <= 8) return 2;
  if (root <= 13) return 3;
  return 4;
}

void GdeltActor(std::vector<std::string>& f, const std::string& code, const std::string& name,
                const std::string& agent) {
  bool state = code.size() == 3;
  f.push_back(code + agent);                       // ActorCode
  f.push_back(name);                               // ActorName
  f.push_back(state ? code : "");                  // ActorCountryCode
  f.push_back(!state && !code.empty() ? code : "");  // ActorKnownGroupCode
  f.push_back("");                                 // ActorEthnicCode
  f.push_back("");                                 // ActorReligion1Code
  f.push_back("");                                 // ActorReligion2Code
  f.push_back(agent);                              // ActorType1Code
  f.push_back("");                                 // ActorType2Code
  f.push_back("");                                 // ActorType3Code
}

void GdeltGeo(std::vector<std::string>& f, const EventRecord& e, bool located) {
  if (!located || (!e.lat && e.country.empty())) {
    for (int i = 0; i < 8; ++i) f.push_back("");
    return;
  }
  int type = e.precision >= 3 ? 5 : e.lat ? 4 : 1;
  f.push_back(std::to_string(type));
  f.push_back(e.place.empty() ? e.country
                              : e.place + (e.admin1.empty() ? "" : ", " + e.admin1) +
                                    (e.country.empty() ? "" : ", " + e.country));
  f.push_back(e.country);
  f.push_back(e.admin1);
  f.push_back("");
  f.push_back(Num(e.lat));
  f.push_back(Num(e.lon));
  f.push_back("");
}

void GdeltRow(const EventDetail& d, std::string& out) {
  const EventRecord& e = d.event;
  std::vector<std::string> f;
  std::string day = Compact(e.date_start);
  f.push_back(std::to_string(e.id));
  f.push_back(day);
  f.push_back(day.substr(0, 6));
  f.push_back(day.substr(0, 4));
  {
    auto n = fuse::DayNumber(e.date_start);
    int y = std::stoi(e.date_start.substr(0, 4));
    auto jan1 = fuse::DayNumber(e.date_start.substr(0, 4) + "-01-01");
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", y + (n && jan1 ? (*n - *jan1) / 365.0 : 0.0));
    f.push_back(buf);
  }
  GdeltActor(f, e.actor1, e.actor1_name, e.actor1_agent);
  GdeltActor(f, e.actor2, e.actor2_name, e.actor2_agent);
  f.push_back("1");  // IsRootEvent
  f.push_back(e.cameo);
  f.push_back(e.cameo.substr(0, std::min<size_t>(3, e.cameo.size())));
  f.push_back(e.cameo.substr(0, std::min<size_t>(2, e.cameo.size())));
  f.push_back(std::to_string(QuadClass(e.cameo)));
  f.push_back("");  // GoldsteinScale: not computed
  std::set<std::string> srcs;
  for (const auto& s : d.sources) srcs.insert(s.source.empty() ? s.doc_id : s.source);
  f.push_back(std::to_string(e.mentions));
  f.push_back(std::to_string(srcs.size()));
  f.push_back(std::to_string(e.documents));
  f.push_back("");  // AvgTone: not computed
  GdeltGeo(f, e, false);  // Actor1Geo_*
  GdeltGeo(f, e, false);  // Actor2Geo_*
  GdeltGeo(f, e, true);   // ActionGeo_*
  std::string added = Compact(e.updated_at);
  f.push_back(added.substr(0, 14));
  std::string url;
  for (const auto& s : d.sources)
    if (!s.url.empty()) {
      url = s.url;
      break;
    }
  if (url.empty() && !d.sources.empty()) url = d.sources.front().doc_id;
  f.push_back(url);
  TsvRow(out, f);
}

}  // namespace

const std::vector<std::string>& ExportFormats() {
  static const std::vector<std::string> f = {"jsonl", "csv", "geojson", "acled-csv",
                                             "gdelt-tsv"};
  return f;
}

void AppendEventJson(const EventDetail& d, std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("record").String("fused_event");
  WriteEventFields(w, d, true);
  w.EndObject();
}

void Exporter::Begin(std::string& out) {
  if (format_ == "csv") CsvRow(out, kCsvHeader);
  if (format_ == "acled-csv") CsvRow(out, kAcledHeader);
  if (format_ == "geojson") out += "{\"type\":\"FeatureCollection\",\"features\":[\n";
}

void Exporter::Event(const EventDetail& d, std::string& out) {
  const EventRecord& e = d.event;
  if (format_ == "jsonl") {
    AppendEventJson(d, out);
    out += '\n';
  } else if (format_ == "csv") {
    std::vector<std::string> urls;
    for (const auto& s : d.sources) urls.push_back(s.url);
    char conf[32];
    std::snprintf(conf, sizeof conf, "%.2f", e.confidence);
    CsvRow(out, {std::to_string(e.id), e.date_start, e.date_end, e.kind, e.cameo,
                 e.acled_event_type, e.acled_sub_event_type, e.actor1, e.actor1_name,
                 e.actor1_agent, e.actor2, e.actor2_name, e.actor2_agent, e.place, e.admin1,
                 e.country, Num(e.lat), Num(e.lon),
                 e.precision ? std::to_string(e.precision) : "",
                 std::to_string(e.fatalities.figure), std::to_string(e.fatalities.low),
                 std::to_string(e.fatalities.high), std::to_string(e.fatalities.claims),
                 std::to_string(e.mentions), std::to_string(e.documents), conf,
                 JoinSet(DocIds(d), ";"), JoinSet(urls, ";")});
  } else if (format_ == "acled-csv") {
    AcledRow(d, out);
  } else if (format_ == "gdelt-tsv") {
    GdeltRow(d, out);
  } else if (format_ == "geojson") {
    if (!first_) out += ",\n";
    JsonWriter w(out);
    w.BeginObject();
    w.Key("type").String("Feature");
    w.Key("id").Int(e.id);
    w.Key("geometry");
    if (e.lat && e.lon) {
      w.BeginObject();
      w.Key("type").String("Point");
      w.Key("coordinates").BeginArray().Double(*e.lon).Double(*e.lat).EndArray();
      w.EndObject();
    } else {
      w.Null();
    }
    w.Key("properties").BeginObject();
    WriteEventFields(w, d, false);
    w.Key("doc_ids").StringArray(DocIds(d));
    w.EndObject();
    w.EndObject();
  }
  first_ = false;
}

void Exporter::End(std::string& out) {
  if (format_ == "geojson") out += (first_ ? "]}\n" : "\n]}\n");
}

}  // namespace tocsin::store
