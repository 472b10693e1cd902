#include "tocsin/output/json.h"

namespace tocsin::output {

using nlohmann::ordered_json;

namespace {

ordered_json EvidenceJson(const extract::Evidence& ev) {
  ordered_json j;
  j["field"] = ev.field;
  j["start"] = ev.start;
  j["end"] = ev.end;
  j["sentence"] = ev.sentence;
  j["trigger"] = {ev.trigger_start, ev.trigger_end};
  return j;
}

ordered_json AttributionJson(const std::optional<extract::Attribution>& a) {
  if (!a) return nullptr;
  return ordered_json{{"text", a->text}, {"actors", a->actors}};
}

ordered_json OrNull(const std::string& s) { return s.empty() ? ordered_json(nullptr) : ordered_json(s); }

}  // namespace

ordered_json DocumentRecord(const Document& doc, const extract::Extraction& x) {
  ordered_json j;
  j["record"] = "document";
  j["doc_id"] = doc.id;
  j["lang"] = x.lang;
  j["title"] = doc.title;
  j["date"] = OrNull(doc.date);
  j["chars"] = doc.text.size();
  if (!doc.url.empty()) j["url"] = doc.url;
  if (!doc.source.empty()) j["source"] = doc.source;
  j["frame"] = x.frame;
  j["events"] = x.events.size();
  j["casualties"] = x.casualties.size();
  if (!x.warnings.empty()) j["warnings"] = x.warnings;
  return j;
}

ordered_json ActorJson(const extract::Actor& a) {
  ordered_json j;
  j["code"] = OrNull(a.code);
  j["name"] = a.name;
  j["text"] = OrNull(a.text);
  j["agent"] = OrNull(a.agent);
  j["type"] = a.type;
  j["inferred"] = a.inferred;
  return j;
}

ordered_json PlaceJson(const extract::Place& p) {
  ordered_json j;
  j["text"] = p.text;
  j["name"] = p.name;
  j["lat"] = p.lat ? ordered_json(*p.lat) : ordered_json(nullptr);
  j["lon"] = p.lon ? ordered_json(*p.lon) : ordered_json(nullptr);
  j["country"] = OrNull(p.country);
  j["admin1"] = OrNull(p.admin1);
  j["geonameid"] = p.geonameid > 0 ? ordered_json(p.geonameid) : ordered_json(nullptr);
  j["feature"] = p.feature;
  j["territory"] = p.territory;
  if (!p.area.empty()) {
    j["area"] = p.area;
    j["claimed_by"] = p.claimed_by;
    j["controlled_by"] = OrNull(p.controlled_by);
  }
  j["precision"] = p.precision;
  j["span"] = {p.start, p.end};
  j["confidence"] = p.confidence;
  return j;
}

ordered_json EventRecord(const Document& doc, const extract::Event& e) {
  ordered_json j;
  j["record"] = "event";
  j["id"] = e.id;
  j["doc_id"] = doc.id;
  j["kind"] = e.kind;
  j["cameo"] = e.cameo;
  j["plover"] = {{"type", e.plover_type}, {"mode", OrNull(e.plover_mode)}};
  if (e.acled_event_type.empty()) {
    j["acled"] = nullptr;
  } else {
    j["acled"] = {{"event_type", e.acled_event_type}, {"sub_event_type", e.acled_sub_event_type}};
  }
  j["actor1"] = e.actor1 ? ActorJson(*e.actor1) : ordered_json(nullptr);
  j["actor2"] = e.actor2 ? ActorJson(*e.actor2) : ordered_json(nullptr);
  if (!e.parties.empty()) j["parties"] = e.parties;
  j["places"] = ordered_json::array();
  for (const auto& p : e.places) j["places"].push_back(PlaceJson(p));
  j["date"] = OrNull(e.date);
  j["date_precision"] = OrNull(e.date_precision);
  j["date_basis"] = OrNull(e.date_basis);
  j["modality"] = e.modality;
  j["attribution"] = AttributionJson(e.attribution);
  j["evidence"] = EvidenceJson(e.evidence);
  j["confidence"] = e.confidence;
  return j;
}

ordered_json CasualtyRecord(const Document& doc, const extract::Casualty& c) {
  ordered_json j;
  j["record"] = "casualty";
  j["id"] = c.id;
  j["doc_id"] = doc.id;
  j["event_id"] = OrNull(c.event_id);
  j["count"] = c.count;
  j["min"] = c.min ? ordered_json(*c.min) : ordered_json(nullptr);
  j["max"] = c.max ? ordered_json(*c.max) : ordered_json(nullptr);
  j["qualifier"] = c.qualifier;
  j["victims"] = c.victims;
  j["side"] = OrNull(c.side);
  j["side_text"] = OrNull(c.side_text);
  j["attribution"] = AttributionJson(c.attribution);
  j["evidence"] = EvidenceJson(c.evidence);
  return j;
}

}  // namespace tocsin::output
