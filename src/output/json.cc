#include "tocsin/output/json.h"

#include "tocsin/output/json_writer.h"

namespace tocsin::output {
void WriteEvidence(JsonWriter& w, const extract::Evidence& ev) {
  w.BeginObject();
  w.Key("field").String(ev.field);
  w.Key("start").Int(ev.start);
  w.Key("end").Int(ev.end);
  w.Key("sentence").String(ev.sentence);
  w.Key("trigger").BeginArray().Int(ev.trigger_start).Int(ev.trigger_end).EndArray();
  w.EndObject();
}

void WriteAcled(JsonWriter& w, const std::string& event_type, const std::string& sub_event_type) {
  if (event_type.empty()) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("event_type").String(event_type);
  w.Key("sub_event_type").String(sub_event_type);
  w.EndObject();
}

void WriteAttribution(JsonWriter& w, const std::optional<extract::Attribution>& a) {
  if (!a) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("text").String(a->text);
  w.Key("actors").StringArray(a->actors);
  w.EndObject();
}

namespace {

void WriteActor(JsonWriter& w, const std::optional<extract::Actor>& a) {
  if (!a) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("code").StringOrNull(a->code);
  w.Key("name").String(a->name);
  w.Key("text").StringOrNull(a->text);
  w.Key("agent").StringOrNull(a->agent);
  w.Key("type").String(a->type);
  w.Key("inferred").Bool(a->inferred);
  w.EndObject();
}

void WritePlace(JsonWriter& w, const extract::Place& p) {
  w.BeginObject();
  w.Key("text").String(p.text);
  w.Key("name").String(p.name);
  w.Key("lat");
  p.lat ? w.Double(*p.lat) : w.Null();
  w.Key("lon");
  p.lon ? w.Double(*p.lon) : w.Null();
  w.Key("country").StringOrNull(p.country);
  w.Key("admin1").StringOrNull(p.admin1);
  w.Key("geonameid");
  p.geonameid > 0 ? w.Int(p.geonameid) : w.Null();
  w.Key("feature").String(p.feature);
  w.Key("territory").String(p.territory);
  if (!p.area.empty()) {
    w.Key("area").String(p.area);
    w.Key("claimed_by").StringArray(p.claimed_by);
    w.Key("controlled_by").StringOrNull(p.controlled_by);
  }
  w.Key("precision").Int(p.precision);
  w.Key("span").BeginArray().Int(p.start).Int(p.end).EndArray();
  w.Key("confidence").Double(p.confidence);
  w.EndObject();
}

}  // namespace

void AppendDocumentRecord(const Document& doc, const extract::Extraction& x, std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("record").String("document");
  w.Key("doc_id").String(doc.id);
  w.Key("lang").String(x.lang);
  w.Key("title").String(doc.title);
  w.Key("date").StringOrNull(doc.date);
  w.Key("chars").Int(static_cast<int64_t>(doc.text.size()));
  if (!doc.url.empty()) w.Key("url").String(doc.url);
  if (!doc.source.empty()) w.Key("source").String(doc.source);
  w.Key("frame").StringArray(x.frame);
  w.Key("events").Int(static_cast<int64_t>(x.events.size()));
  w.Key("casualties").Int(static_cast<int64_t>(x.casualties.size()));
  if (!x.warnings.empty()) w.Key("warnings").StringArray(x.warnings);
  w.EndObject();
}

void AppendEventRecord(const Document& doc, const extract::Event& e, std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("record").String("event");
  w.Key("id").String(e.id);
  w.Key("doc_id").String(doc.id);
  w.Key("kind").String(e.kind);
  w.Key("cameo").StringOrNull(e.cameo);
  w.Key("plover").BeginObject();
  w.Key("type").String(e.plover_type);
  w.Key("mode").StringOrNull(e.plover_mode);
  w.EndObject();
  w.Key("acled");
  WriteAcled(w, e.acled_event_type, e.acled_sub_event_type);
  w.Key("actor1");
  WriteActor(w, e.actor1);
  w.Key("actor2");
  WriteActor(w, e.actor2);
  if (!e.parties.empty()) w.Key("parties").StringArray(e.parties);
  w.Key("places").BeginArray();
  for (const auto& p : e.places) WritePlace(w, p);
  w.EndArray();
  w.Key("date").StringOrNull(e.date);
  w.Key("date_precision").StringOrNull(e.date_precision);
  w.Key("date_basis").StringOrNull(e.date_basis);
  w.Key("modality").String(e.modality);
  w.Key("attribution");
  WriteAttribution(w, e.attribution);
  w.Key("evidence");
  WriteEvidence(w, e.evidence);
  w.Key("confidence").Double(e.confidence);
  w.EndObject();
}

void AppendCasualtyRecord(const Document& doc, const extract::Casualty& c, std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("record").String("casualty");
  w.Key("id").String(c.id);
  w.Key("doc_id").String(doc.id);
  w.Key("event_id").StringOrNull(c.event_id);
  w.Key("count").Int(c.count);
  w.Key("min");
  c.min ? w.Int(*c.min) : w.Null();
  w.Key("max");
  c.max ? w.Int(*c.max) : w.Null();
  w.Key("qualifier").String(c.qualifier);
  w.Key("victims").String(c.victims);
  w.Key("side").StringOrNull(c.side);
  w.Key("side_text").StringOrNull(c.side_text);
  w.Key("side_inferred").Bool(c.side_inferred);
  w.Key("attribution");
  WriteAttribution(w, c.attribution);
  w.Key("evidence");
  WriteEvidence(w, c.evidence);
  w.EndObject();
}

std::string EventRecord(const Document& doc, const extract::Event& e) {
  std::string s;
  AppendEventRecord(doc, e, s);
  return s;
}

std::string CasualtyRecord(const Document& doc, const extract::Casualty& c) {
  std::string s;
  AppendCasualtyRecord(doc, c, s);
  return s;
}

}  // namespace tocsin::output
