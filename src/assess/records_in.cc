#include "tocsin/assess/records_in.h"

#include <cstdint>
#include <istream>
#include <map>
#include <nlohmann/json.hpp>

#include "tocsin/codes/kinds.h"
#include "tocsin/text/utf8.h"

namespace tocsin::assess {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> Strs(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it != j.end() && it->is_array())
    for (const json& v : *it)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

// A byte offset: a non-negative integer that fits in 32 bits, else 0. (get<uint32_t>() of a
// number such as 1e52 is undefined behaviour: found by fuzz_records.)
uint32_t Offset(const json& v) {
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    return u <= UINT32_MAX ? static_cast<uint32_t>(u) : 0;
  }
  if (v.is_number_integer()) {
    const int64_t i = v.get<int64_t>();
    return i >= 0 && i <= static_cast<int64_t>(UINT32_MAX) ? static_cast<uint32_t>(i) : 0;
  }
  return 0;
}
uint32_t OffsetField(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() ? 0 : Offset(*it);
}

std::optional<extract::Actor> ActorFrom(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return std::nullopt;
  extract::Actor a;
  a.code = Str(*it, "code");
  a.name = Str(*it, "name");
  a.text = Str(*it, "text");
  a.agent = Str(*it, "agent");
  a.type = Str(*it, "type");
  a.inferred = it->value("inferred", false);
  return a;
}

std::optional<extract::Attribution> AttributionFrom(const json& j) {
  auto it = j.find("attribution");
  if (it == j.end() || !it->is_object()) return std::nullopt;
  return extract::Attribution{Str(*it, "text"), Strs(*it, "actors")};
}

extract::Evidence EvidenceFrom(const json& j) {
  extract::Evidence e;
  auto it = j.find("evidence");
  if (it == j.end() || !it->is_object()) return e;
  e.field = Str(*it, "field");
  if (e.field.empty()) e.field = "text";
  e.start = OffsetField(*it, "start");
  e.end = OffsetField(*it, "end");
  e.sentence = Str(*it, "sentence");
  auto t = it->find("trigger");
  if (t != it->end() && t->is_array() && t->size() == 2 && (*t)[0].is_number() && (*t)[1].is_number()) {
    e.trigger_start = Offset((*t)[0]);
    e.trigger_end = Offset((*t)[1]);
  }
  return e;
}

std::optional<int64_t> OptInt(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

extract::Event EventOf(const json& j) {
  extract::Event e;
  e.id = Str(j, "id");
  e.kind = Str(j, "kind");
  e.cameo = Str(j, "cameo");
  if (auto p = j.find("plover"); p != j.end() && p->is_object()) {
    e.plover_type = Str(*p, "type");
    e.plover_mode = Str(*p, "mode");
  }
  if (auto a = j.find("acled"); a != j.end() && a->is_object()) {
    e.acled_event_type = Str(*a, "event_type");
    e.acled_sub_event_type = Str(*a, "sub_event_type");
  }
  const codes::KindCodes* k = codes::KindTable::Default().Find(e.kind);
  e.violent = j.value("violent", k ? k->violent : false);
  e.actor1 = ActorFrom(j, "actor1");
  e.actor2 = ActorFrom(j, "actor2");
  e.parties = Strs(j, "parties");
  if (auto ps = j.find("places"); ps != j.end() && ps->is_array()) {
    for (const json& pj : *ps) {
      if (!pj.is_object()) continue;
      extract::Place p;
      p.text = Str(pj, "text");
      p.name = Str(pj, "name");
      if (pj.contains("lat") && pj["lat"].is_number()) p.lat = pj["lat"].get<double>();
      if (pj.contains("lon") && pj["lon"].is_number()) p.lon = pj["lon"].get<double>();
      p.country = Str(pj, "country");
      p.admin1 = Str(pj, "admin1");
      p.geonameid = OptInt(pj, "geonameid").value_or(0);
      p.feature = Str(pj, "feature");
      p.territory = Str(pj, "territory");
      if (p.territory.empty()) p.territory = "unknown";
      p.area = Str(pj, "area");
      p.claimed_by = Strs(pj, "claimed_by");
      p.controlled_by = Str(pj, "controlled_by");
      p.precision = static_cast<int>(OptInt(pj, "precision").value_or(1));
      if (auto s = pj.find("span"); s != pj.end() && s->is_array() && s->size() == 2) {
        p.start = Offset((*s)[0]);
        p.end = Offset((*s)[1]);
      }
      if (pj.contains("confidence") && pj["confidence"].is_number()) p.confidence = pj["confidence"].get<double>();
      e.places.push_back(std::move(p));
    }
  }
  e.date = Str(j, "date");
  e.date_precision = Str(j, "date_precision");
  e.date_basis = Str(j, "date_basis");
  e.modality = Str(j, "modality");
  if (e.modality.empty()) e.modality = "asserted";
  e.attribution = AttributionFrom(j);
  e.evidence = EvidenceFrom(j);
  if (j.contains("confidence") && j["confidence"].is_number()) e.confidence = j["confidence"].get<double>();
  return e;
}

extract::Casualty CasualtyOf(const json& j) {
  extract::Casualty c;
  c.id = Str(j, "id");
  c.event_id = Str(j, "event_id");
  c.count = OptInt(j, "count").value_or(0);
  c.min = OptInt(j, "min");
  c.max = OptInt(j, "max");
  c.qualifier = Str(j, "qualifier");
  c.victims = Str(j, "victims");
  c.side = Str(j, "side");
  c.side_text = Str(j, "side_text");
  c.side_inferred = j.contains("side_inferred") && j["side_inferred"].is_boolean() && j["side_inferred"].get<bool>();
  c.attribution = AttributionFrom(j);
  c.evidence = EvidenceFrom(j);
  return c;
}

}  // namespace

StatusOr<extract::Event> EventFromJson(const std::string& line) {
  json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::InvalidArgument("not a JSON object");
  if (Str(j, "id").empty() || Str(j, "kind").empty())
    return Status::InvalidArgument("event record without \"id\" or \"kind\"");
  try {
    return EventOf(j);
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("a field has the wrong type (") + e.what() + ")");
  }
}

Status ReadExtractRecords(std::istream& in, const std::string& name,
                          std::vector<DocumentEvents>& out) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < out.size(); ++i) index[out[i].doc_id] = i;
  auto doc = [&](const std::string& id) -> DocumentEvents& {
    auto it = index.find(id);
    if (it != index.end()) return out[it->second];
    index[id] = out.size();
    out.push_back(DocumentEvents{id, "", {}, {}, {}});
    return out.back();
  };
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = name + ":" + std::to_string(n);
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      return Status::InvalidArgument(where + ": not a JSON object (expected `tocsin extract` records)");
    const std::string record = Str(j, "record");
    const std::string doc_id = Str(j, "doc_id");
    // A field of the wrong type ("inferred": "yes") makes nlohmann's value() throw: an error
    // for that line, never an abort (found by fuzz_records).
    try {
    if (record == "document") {
      DocumentEvents& d = doc(doc_id);
      d.date = Str(j, "date");
      d.frame = Strs(j, "frame");
    } else if (record == "event") {
      if (Str(j, "id").empty() || Str(j, "kind").empty())
        return Status::InvalidArgument(where + ": event record without \"id\" or \"kind\"");
      doc(doc_id).events.push_back(EventOf(j));
    } else if (record == "casualty") {
      if (Str(j, "id").empty()) return Status::InvalidArgument(where + ": casualty record without \"id\"");
      doc(doc_id).casualties.push_back(CasualtyOf(j));
    } else {
      return Status::InvalidArgument(where + ": unknown record type '" +
                                     text::TruncateForMessage(record, 100) +
                                     "' (expected document, event or casualty)");
    }
    } catch (const json::exception& e) {
      return Status::InvalidArgument(where + ": a field has the wrong type (" + e.what() +
                                     "); expected `tocsin extract` records (doc/records.md)");
    }
  }
  if (in.bad()) return Status::IoError(name + ": read error");
  return Status::Ok();
}

}  // namespace tocsin::assess
