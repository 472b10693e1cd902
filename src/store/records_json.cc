// Reads back the JSON records the store keeps for each mention and claim.
#include <nlohmann/json.hpp>

#include "internal.h"

namespace tocsin::store::internal {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

extract::Evidence EvidenceOf(const json& j) {
  extract::Evidence ev;
  if (!j.is_object()) return ev;
  ev.field = Str(j, "field");
  ev.start = j.value("start", 0u);
  ev.end = j.value("end", 0u);
  ev.sentence = Str(j, "sentence");
  auto t = j.find("trigger");
  if (t != j.end() && t->is_array() && t->size() == 2) {
    ev.trigger_start = (*t)[0].get<uint32_t>();
    ev.trigger_end = (*t)[1].get<uint32_t>();
  }
  return ev;
}

std::optional<extract::Attribution> AttributionOf(const json& j) {
  if (!j.is_object()) return std::nullopt;
  extract::Attribution a;
  a.text = Str(j, "text");
  if (j.contains("actors") && j["actors"].is_array())
    for (const auto& x : j["actors"]) a.actors.push_back(x.get<std::string>());
  return a;
}

std::optional<extract::Actor> ActorOf(const json& j) {
  if (!j.is_object()) return std::nullopt;
  extract::Actor a;
  a.code = Str(j, "code");
  a.name = Str(j, "name");
  a.text = Str(j, "text");
  a.agent = Str(j, "agent");
  a.type = Str(j, "type");
  a.inferred = j.value("inferred", false);
  return a;
}

}  // namespace

StatusOr<extract::Event> ParseEventRecord(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::Corruption("stored event record is not valid JSON");
  extract::Event e;
  e.id = Str(j, "id");
  e.kind = Str(j, "kind");
  e.cameo = Str(j, "cameo");
  if (j.contains("plover") && j["plover"].is_object()) {
    e.plover_type = Str(j["plover"], "type");
    e.plover_mode = Str(j["plover"], "mode");
  }
  if (j.contains("acled") && j["acled"].is_object()) {
    e.acled_event_type = Str(j["acled"], "event_type");
    e.acled_sub_event_type = Str(j["acled"], "sub_event_type");
  }
  if (j.contains("actor1")) e.actor1 = ActorOf(j["actor1"]);
  if (j.contains("actor2")) e.actor2 = ActorOf(j["actor2"]);
  if (j.contains("parties") && j["parties"].is_array())
    for (const auto& x : j["parties"]) e.parties.push_back(x.get<std::string>());
  if (j.contains("places") && j["places"].is_array()) {
    for (const auto& p : j["places"]) {
      extract::Place pl;
      pl.text = Str(p, "text");
      pl.name = Str(p, "name");
      if (p.contains("lat") && p["lat"].is_number()) pl.lat = p["lat"].get<double>();
      if (p.contains("lon") && p["lon"].is_number()) pl.lon = p["lon"].get<double>();
      pl.country = Str(p, "country");
      pl.admin1 = Str(p, "admin1");
      if (p.contains("geonameid") && p["geonameid"].is_number())
        pl.geonameid = p["geonameid"].get<int64_t>();
      pl.feature = Str(p, "feature");
      pl.territory = Str(p, "territory");
      pl.area = Str(p, "area");
      if (p.contains("claimed_by") && p["claimed_by"].is_array())
        for (const auto& x : p["claimed_by"]) pl.claimed_by.push_back(x.get<std::string>());
      pl.controlled_by = Str(p, "controlled_by");
      pl.precision = p.value("precision", 1);
      if (p.contains("span") && p["span"].is_array() && p["span"].size() == 2) {
        pl.start = p["span"][0].get<uint32_t>();
        pl.end = p["span"][1].get<uint32_t>();
      }
      pl.confidence = p.value("confidence", 0.0);
      e.places.push_back(std::move(pl));
    }
  }
  e.date = Str(j, "date");
  e.date_precision = Str(j, "date_precision");
  e.date_basis = Str(j, "date_basis");
  e.modality = Str(j, "modality");
  if (j.contains("attribution")) e.attribution = AttributionOf(j["attribution"]);
  if (j.contains("evidence")) e.evidence = EvidenceOf(j["evidence"]);
  e.confidence = j.value("confidence", 0.0);
  return e;
}

StatusOr<extract::Casualty> ParseCasualtyRecord(std::string_view text) {
  json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    return Status::Corruption("stored casualty record is not valid JSON");
  extract::Casualty c;
  c.id = Str(j, "id");
  c.event_id = Str(j, "event_id");
  c.count = j.value("count", int64_t{0});
  if (j.contains("min") && j["min"].is_number()) c.min = j["min"].get<int64_t>();
  if (j.contains("max") && j["max"].is_number()) c.max = j["max"].get<int64_t>();
  c.qualifier = Str(j, "qualifier");
  c.victims = Str(j, "victims");
  c.side = Str(j, "side");
  c.side_text = Str(j, "side_text");
  c.side_inferred = j.contains("side_inferred") && j["side_inferred"].is_boolean() && j["side_inferred"].get<bool>();
  if (j.contains("attribution")) c.attribution = AttributionOf(j["attribution"]);
  if (j.contains("evidence")) c.evidence = EvidenceOf(j["evidence"]);
  return c;
}

}  // namespace tocsin::store::internal
