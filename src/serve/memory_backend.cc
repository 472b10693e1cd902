#include "tocsin/serve/memory_backend.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <shared_mutex>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "tocsin/codes/kinds.h"
#include "tocsin/core/calendar.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/output/json.h"
#include "tocsin/serve/assessment_alerts.h"
#include "event_index.h"

namespace tocsin::serve {

bool BBox::Contains(double lat, double lon) const {
  if (lat < min_lat || lat > max_lat) return false;
  if (min_lon <= max_lon) return lon >= min_lon && lon <= max_lon;
  return lon >= min_lon || lon <= max_lon;  // across the antimeridian
}

namespace {

using Json = nlohmann::json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

struct DocRow {
  Document doc;
  std::string lang;
  std::vector<std::string> event_ids;
};

std::string ActorName(const std::optional<extract::Actor>& a) {
  if (!a) return "?";
  if (!a->name.empty()) return a->name;
  return a->code.empty() ? "?" : a->code;
}

Json EvidenceJson(const extract::Evidence& ev) {
  return {{"field", ev.field},
          {"start", ev.start},
          {"end", ev.end},
          {"sentence", ev.sentence},
          {"trigger", {ev.trigger_start, ev.trigger_end}}};
}

}  // namespace

struct InMemoryBackend::Impl {
  const extract::Extractor* extractor = nullptr;
  mutable std::shared_mutex mu;
  EventIndex index;  // rows sorted by (date, id) after Reindex()
  std::unordered_map<std::string, size_t> by_id;
  std::map<std::string, DocRow> docs;
  // Kept to recompute alerts: the extracted records of every document.
  std::vector<std::pair<Document, extract::Extraction>> extracted;
  std::string alerts_json = R"({"source":"demo","alerts":[]})";
  std::string assessment_json;  // "" = no knowledge base: demo alerts only
  uint64_t version = 0;
  // GET /api/stats without filters (the dashboard's first call), cached per version.
  mutable std::mutex stats_mu;
  mutable std::string stats_cache;
  mutable uint64_t stats_version = ~0ull;

  void AddLocked(const Document& doc, const extract::Extraction& x);
  void Reindex();
  void ComputeAlerts();
};

void InMemoryBackend::Impl::AddLocked(const Document& doc, const extract::Extraction& x) {
  // A document ingested again replaces the earlier version.
  if (auto it = docs.find(doc.id); it != docs.end()) {
    std::set<std::string> old(it->second.event_ids.begin(), it->second.event_ids.end());
    auto& rows = index.mutable_rows();
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [&](const IndexedEvent& r) { return old.count(r.id) > 0; }),
               rows.end());
    extracted.erase(std::remove_if(extracted.begin(), extracted.end(),
                                   [&](const auto& p) { return p.first.id == doc.id; }),
                    extracted.end());
  }
  DocRow& d = docs[doc.id];
  d.doc = doc;
  d.lang = x.lang.empty() ? doc.lang : x.lang;
  d.event_ids.clear();

  std::map<std::string, std::vector<const extract::Casualty*>> cas_by_event;
  for (const auto& c : x.casualties)
    if (!c.event_id.empty()) cas_by_event[c.event_id].push_back(&c);

  Json doc_info = {{"title", doc.title}, {"lang", d.lang}, {"date", doc.date}};
  if (!doc.url.empty()) doc_info["url"] = doc.url;
  if (!doc.source.empty()) doc_info["source"] = doc.source;

  for (const auto& e : x.events) {
    IndexedEvent r;
    r.id = e.id;
    r.date = e.date.empty() ? doc.date : e.date;
    r.kind = e.kind;
    r.doc_ids = {doc.id};
    const auto* kc = codes::KindTable::Default().Find(e.kind);
    r.violent = e.violent || (kc && kc->violent);
    if (e.actor1 && !e.actor1->code.empty()) r.actors.push_back(e.actor1->code);
    if (e.actor2 && !e.actor2->code.empty()) r.actors.push_back(e.actor2->code);
    for (const auto& p : e.parties) r.actors.push_back(p);
    for (const auto& p : e.places) {
      if (!p.country.empty()) r.countries.push_back(p.country);
      r.territories.push_back(p.territory);
      if (p.lat && p.lon) r.points.emplace_back(*p.lat, *p.lon);
    }
    Json cas = Json::array();
    for (const extract::Casualty* c : cas_by_event[e.id]) {
      if (c->victims == "killed") r.fatalities += c->count;
      if (c->victims == "killed" || c->victims == "wounded" || c->victims == "unspecified")
        r.victims += c->count;
      Json cj = Json::parse(output::CasualtyRecord(doc, *c));
      cj.erase("record");
      cas.push_back(std::move(cj));
    }
    Json j = Json::parse(output::EventRecord(doc, e));
    j.erase("record");
    if (j["date"].is_null() && !doc.date.empty()) j["date"] = doc.date;
    j["violent"] = r.violent;
    j["fatalities"] = r.fatalities;
    j["victims"] = r.victims;
    j["sources"] = 1;
    j["doc"] = doc_info;
    r.summary = Dump(j);
    Json mention = {{"doc_id", doc.id},
                    {"title", doc.title},
                    {"lang", d.lang},
                    {"date", doc.date.empty() ? Json(nullptr) : Json(doc.date)},
                    {"url", doc.url.empty() ? Json(nullptr) : Json(doc.url)},
                    {"source", doc.source.empty() ? Json(nullptr) : Json(doc.source)},
                    {"evidence", EvidenceJson(e.evidence)},
                    {"modality", e.modality},
                    {"attribution", j["attribution"]},
                    {"confidence", e.confidence}};
    j["mentions"] = Json::array({std::move(mention)});
    j["casualties"] = std::move(cas);
    r.detail = Dump(j);
    d.event_ids.push_back(r.id);
    index.mutable_rows().push_back(std::move(r));
  }
  extracted.emplace_back(doc, x);
}

void InMemoryBackend::Impl::Reindex() {
  index.Rebuild();
  by_id.clear();
  const auto& rows = index.rows();
  for (size_t i = 0; i < rows.size(); ++i) by_id[rows[i].id] = i;
  ComputeAlerts();
  ++version;
}

// Demo alerts: simple rules over the extracted records. The assessment module (treaty
// triggers, ceasefire tracking) replaces them once wired; doc/api.md lists the fields.
void InMemoryBackend::Impl::ComputeAlerts() {
  // The assessment module when its knowledge base loads; the demo rules below otherwise.
  std::string kb_error;
  if (auto kb = SharedKnowledgeBase(&kb_error)) {
    std::vector<assess::DocumentEvents> input;
    for (const auto& [doc, x] : extracted)
      input.push_back({doc.id, doc.date, x.frame, x.events, x.casualties});
    AssessmentJson rendered = RenderAssessment(*kb, input);
    alerts_json = std::move(rendered.alerts);
    assessment_json = std::move(rendered.assessment);
    return;
  }
  struct Ref {
    const Document* doc;
    const extract::Extraction* x;
    const extract::Event* e;
    std::string lang, date;
  };
  std::vector<Ref> events;
  for (const auto& [doc, x] : extracted)
    for (const auto& e : x.events)
      events.push_back({&doc, &x, &e, x.lang, e.date.empty() ? doc.date : e.date});
  auto asserted = [](const extract::Event& e) {
    return e.modality != "denied" && e.modality != "hypothetical";
  };
  auto is_violent = [](const extract::Event& e) {
    const auto* kc = codes::KindTable::Default().Find(e.kind);
    return e.violent || (kc && kc->violent);
  };
  auto evidence = [](const Ref& r) {
    Json ev = EvidenceJson(r.e->evidence);
    ev["doc_id"] = r.doc->id;
    ev["lang"] = r.lang;
    ev["date"] = r.date;
    return ev;
  };
  Json alerts = Json::array();

  // 1. Cross-border attacks on a state's sovereign territory, grouped by attacker, target and
  //    date: escalation beyond a disputed area.
  struct Group {
    std::vector<const Ref*> refs;
    std::set<std::string> places, kinds;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Group> attacks;
  for (const Ref& r : events) {
    const auto& e = *r.e;
    if (!is_violent(e) || !asserted(e) || !e.actor1 || e.actor1->type != "state" ||
        e.actor1->code.empty())
      continue;
    for (const auto& p : e.places) {
      if (p.territory != "sovereign" || p.country.empty() || p.country == e.actor1->code) continue;
      Group& g = attacks[{e.actor1->code, p.country, r.date}];
      if (g.refs.empty() || g.refs.back() != &r) g.refs.push_back(&r);
      g.places.insert(p.name.empty() ? p.text : p.name);
      std::string label = e.kind;
      std::replace(label.begin(), label.end(), '_', ' ');
      g.kinds.insert(label);
    }
  }
  std::map<std::string, std::string> names;  // code -> name, from the actors seen
  for (const Ref& r : events) {
    for (const auto* a : {&r.e->actor1, &r.e->actor2})
      if (*a && !(*a)->code.empty() && !(*a)->name.empty()) names[(*a)->code] = (*a)->name;
  }
  auto name = [&](const std::string& code) {
    auto it = names.find(code);
    return it == names.end() ? code : it->second;
  };
  auto join = [](const std::set<std::string>& s) {
    std::string out;
    for (const auto& v : s) out += (out.empty() ? "" : ", ") + v;
    return out;
  };
  for (const auto& [key, g] : attacks) {
    const auto& [attacker, target, date] = key;
    Json ids = Json::array();
    for (const Ref* r : g.refs) ids.push_back(r->e->id);
    alerts.push_back({{"id", "demo:attack:" + attacker + ":" + target + ":" + date},
                      {"type", "escalation"},
                      {"severity", "high"},
                      {"title", name(attacker) + " strikes " + name(target) +
                                    "'s sovereign territory"},
                      {"summary", join(g.kinds) + " at " + join(g.places) +
                                      ", inside " + name(target) +
                                      "'s internationally recognised borders (not a disputed area)"},
                      {"date", date},
                      {"actors", {attacker, target}},
                      {"event_ids", ids},
                      {"evidence", evidence(*g.refs.front())},
                      {"source", "demo"}});
  }

  std::set<std::string> attacked_states;
  for (const auto& [key, g] : attacks) attacked_states.insert(std::get<1>(key));
  // 2. Requests for assistance to an alliance or organisation, "high" after an attack on the
  //    requester's own territory.
  for (const Ref& r : events) {
    const auto& e = *r.e;
    if (e.kind != "request_assistance" || !e.actor1 || !e.actor2 || e.actor2->type != "igo" ||
        !asserted(e))
      continue;
    bool attacked = attacked_states.count(e.actor1->code) > 0;
    alerts.push_back(
        {{"id", "demo:request:" + e.id},
         {"type", "assistance_request"},
         {"severity", attacked ? "high" : "medium"},
         {"title", ActorName(e.actor1) + " asks " + e.actor2->code + " for assistance"},
         {"summary", attacked ? "request made after attacks on " + ActorName(e.actor1) +
                                    "'s sovereign territory; treaty obligations of " +
                                    e.actor2->code + " members may apply"
                              : "request for assistance to " + e.actor2->code},
         {"date", r.date},
         {"actors", {e.actor1->code, e.actor2->code}},
         {"event_ids", {e.id}},
         {"evidence", evidence(r)},
         {"source", "demo"}});
  }

  // 3. Ceasefires, and violent events between their parties after them.
  std::map<std::pair<std::string, std::string>, std::vector<const Ref*>> by_dyad;
  for (const Ref& v : events)
    if (is_violent(*v.e) && asserted(*v.e) && v.e->actor1 && v.e->actor2)
      by_dyad[{v.e->actor1->code, v.e->actor2->code}].push_back(&v);
  for (const Ref& c : events) {
    const auto& e = *c.e;
    if (e.kind != "ceasefire" || e.modality == "denied") continue;
    std::set<std::string> parties(e.parties.begin(), e.parties.end());
    if (parties.empty() && c.x->frame.size() == 2) parties.insert(c.x->frame.begin(), c.x->frame.end());
    Json violations = Json::array();
    const Ref* first = nullptr;
    for (const auto& a : parties)
      for (const auto& b : parties) {
        if (a == b || c.date.empty()) continue;
        auto it = by_dyad.find({a, b});
        if (it == by_dyad.end()) continue;
        for (const Ref* v : it->second) {
          if (v->date <= c.date) continue;
          violations.push_back(v->e->id);
          if (!first || v->date < first->date) first = v;
        }
      }
    std::string who = e.actor1 ? ActorName(e.actor1) : std::string("?");
    if (violations.empty()) {
      alerts.push_back({{"id", "demo:ceasefire:" + e.id},
                        {"type", "ceasefire"},
                        {"severity", "low"},
                        {"title", "Ceasefire " + e.modality + " by " + who},
                        {"summary", "parties: " + (parties.empty() ? std::string("unknown")
                                                                   : join(parties))},
                        {"date", c.date},
                        {"actors", Json(std::vector<std::string>(parties.begin(), parties.end()))},
                        {"event_ids", {e.id}},
                        {"evidence", evidence(c)},
                        {"source", "demo"}});
    } else {
      Json ids = Json::array({e.id});
      for (const auto& v : violations) ids.push_back(v);
      alerts.push_back({{"id", "demo:violation:" + e.id},
                        {"type", "ceasefire_violation"},
                        {"severity", "high"},
                        {"title", "Ceasefire of " + c.date + " violated"},
                        {"summary", std::to_string(violations.size()) +
                                        " violent event(s) between " + join(parties) + " after it"},
                        {"date", first->date},
                        {"actors", Json(std::vector<std::string>(parties.begin(), parties.end()))},
                        {"event_ids", ids},
                        {"evidence", evidence(*first)},
                        {"source", "demo"}});
    }
  }
  auto rank = [](const Json& a) {
    std::string s = a["severity"];
    return s == "high" ? 0 : s == "medium" ? 1 : 2;
  };
  std::stable_sort(alerts.begin(), alerts.end(), [&](const Json& a, const Json& b) {
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return a["date"].get<std::string>() > b["date"].get<std::string>();
  });
  constexpr size_t kMaxAlerts = 200;
  if (alerts.size() > kMaxAlerts) alerts.erase(alerts.begin() + kMaxAlerts, alerts.end());
  alerts_json = Dump(Json{{"source", "demo"}, {"alerts", alerts}});
}

InMemoryBackend::InMemoryBackend(const extract::Extractor* extractor)
    : impl_(std::make_unique<Impl>()) {
  impl_->extractor = extractor;
}
InMemoryBackend::~InMemoryBackend() = default;

void InMemoryBackend::Add(const Document& doc, const extract::Extraction& x) {
  std::unique_lock lock(impl_->mu);
  impl_->AddLocked(doc, x);
  impl_->Reindex();
}

void InMemoryBackend::AddAll(const std::vector<std::pair<Document, extract::Extraction>>& items) {
  std::unique_lock lock(impl_->mu);
  for (const auto& [doc, x] : items) impl_->AddLocked(doc, x);
  impl_->Reindex();
}

StatusOr<EventPage> InMemoryBackend::ListEvents(const EventFilter& f) const {
  std::shared_lock lock(impl_->mu);
  return impl_->index.List(f);
}

StatusOr<std::string> InMemoryBackend::GetEvent(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->by_id.find(id);
  if (it == impl_->by_id.end()) return Status::NotFound("no event \"" + id + "\"");
  return impl_->index.rows()[it->second].detail;
}

StatusOr<std::string> InMemoryBackend::GetDocument(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->docs.find(id);
  if (it == impl_->docs.end()) return Status::NotFound("no document \"" + id + "\"");
  const DocRow& d = it->second;
  Json j = {{"doc_id", d.doc.id},
            {"title", d.doc.title},
            {"text", d.doc.text},
            {"lang", d.lang},
            {"date", d.doc.date.empty() ? Json(nullptr) : Json(d.doc.date)},
            {"url", d.doc.url.empty() ? Json(nullptr) : Json(d.doc.url)},
            {"source", d.doc.source.empty() ? Json(nullptr) : Json(d.doc.source)},
            {"events", d.event_ids}};
  return Dump(j);
}

StatusOr<std::string> InMemoryBackend::Stats(const EventFilter& f) const {
  std::shared_lock lock(impl_->mu);
  const bool unfiltered = EventIndex::Unfiltered(f);
  {
    std::lock_guard cache_lock(impl_->stats_mu);
    if (unfiltered && impl_->stats_version == impl_->version && !impl_->stats_cache.empty())
      return impl_->stats_cache;
  }
  std::string out = impl_->index.StatsPrefix(f) + ",\"facets\":" + impl_->index.facets_json() +
                    ",\"documents\":" + std::to_string(impl_->docs.size()) +
                    ",\"version\":" + std::to_string(impl_->version) + ",\"backend\":\"memory\"}";
  if (unfiltered) {
    std::lock_guard cache_lock(impl_->stats_mu);
    impl_->stats_cache = out;
    impl_->stats_version = impl_->version;
  }
  return out;
}

StatusOr<std::string> InMemoryBackend::Alerts() const {
  std::shared_lock lock(impl_->mu);
  return impl_->alerts_json;
}

StatusOr<std::string> InMemoryBackend::Assessment() const {
  {
    std::shared_lock lock(impl_->mu);
    if (!impl_->assessment_json.empty()) return impl_->assessment_json;
  }
  return std::string(
      R"j({"available":false,"source":"demo","message":"no assessment module is wired to this backend: alerts are demo rules over the extracted events (cross-border attacks, requests for assistance, ceasefires)"})j");
}

StatusOr<IngestResult> InMemoryBackend::IngestDocuments(const std::vector<Document>& docs) {
  if (!impl_->extractor) return Status::Unsupported("this backend was started without an extractor");
  std::vector<std::pair<Document, extract::Extraction>> items;
  Json ids = Json::array();
  int64_t events = 0, casualties = 0;
  for (const Document& d : docs) {  // extraction outside the lock
    extract::Extraction x = impl_->extractor->Extract(d);
    events += static_cast<int64_t>(x.events.size());
    casualties += static_cast<int64_t>(x.casualties.size());
    ids.push_back(d.id);
    items.emplace_back(d, std::move(x));
  }
  AddAll(items);
  IngestResult r;
  r.json = Dump(Json{{"documents", docs.size()},
                     {"events", events},
                     {"casualties", casualties},
                     {"ids", ids},
                     {"version", Version()}});
  return r;
}

uint64_t InMemoryBackend::Version() const {
  std::shared_lock lock(impl_->mu);
  return impl_->version;
}

// ---------------------------------------------------------------------------------------
// Synthetic corpus for the benchmarks.

std::vector<std::pair<Document, extract::Extraction>> SyntheticCorpus(size_t n, uint32_t seed) {
  struct Area {
    const char* place;
    const char* country;
    double lat, lon;
    const char* territory;
    const char* a1;
    const char* a1name;
    const char* a2;
    const char* a2name;
  };
  static const Area kAreas[] = {
      {"Goris", "ARM", 39.51, 46.34, "sovereign", "AZE", "Azerbaijan", "ARM", "Armenia"},
      {"Jermuk", "ARM", 39.84, 45.67, "sovereign", "AZE", "Azerbaijan", "ARM", "Armenia"},
      {"Stepanakert", "AZE", 39.82, 46.75, "disputed", "AZE", "Azerbaijan", "NKR", "Artsakh"},
      {"Kharkiv", "UKR", 49.99, 36.23, "sovereign", "RUS", "Russia", "UKR", "Ukraine"},
      {"Bakhmut", "UKR", 48.59, 38.00, "sovereign", "RUS", "Russia", "UKR", "Ukraine"},
      {"Melitopol", "UKR", 46.85, 35.37, "occupied", "UKR", "Ukraine", "RUS", "Russia"},
      {"Belgorod", "RUS", 50.60, 36.59, "sovereign", "UKR", "Ukraine", "RUS", "Russia"},
      {"Khartoum", "SDN", 15.50, 32.56, "sovereign", "RSF", "Rapid Support Forces", "SDN", "Sudan"},
      {"Gao", "MLI", 16.27, -0.04, "sovereign", "JNIM", "JNIM", "MLI", "Mali"},
      {"Goma", "COD", -1.68, 29.22, "sovereign", "M23", "M23", "COD", "DR Congo"},
      {"Rafah", "PSE", 31.30, 34.25, "occupied", "ISR", "Israel", "HAMAS", "Hamas"},
      {"Tyre", "LBN", 33.27, 35.20, "sovereign", "ISR", "Israel", "HEZBOLLAH", "Hezbollah"},
  };
  static const char* kKinds[] = {"shelling", "air_strike", "drone_strike", "armed_clash",
                                 "ground_advance", "attack_on_civilians", "explosion",
                                 "ceasefire", "accusation", "military_deployment"};
  std::mt19937 rng(seed);
  std::vector<std::pair<Document, extract::Extraction>> out;
  const auto& table = codes::KindTable::Default();
  size_t made = 0, doc_no = 0;
  while (made < n) {
    Document doc;
    doc.id = "synthetic-" + std::to_string(++doc_no);
    int day = static_cast<int>(rng() % 1096);  // 2022-01-01 + day
    doc.date = calendar::IsoDate(18993 + day);  // 2022-01-01 is day 18993
    doc.lang = rng() % 2 ? "fr" : "en";
    doc.title = "Synthetic report " + std::to_string(doc_no);
    extract::Extraction x;
    x.lang = doc.lang;
    size_t k = std::min<size_t>(n - made, 1 + rng() % 7);
    for (size_t i = 0; i < k; ++i) {
      const Area& a = kAreas[rng() % std::size(kAreas)];
      const char* kind = kKinds[rng() % std::size(kKinds)];
      std::string sentence = std::string("Report of ") + kind + " at " + a.place + ".";
      uint32_t start = static_cast<uint32_t>(doc.text.size());
      doc.text += sentence + " ";
      extract::Event e;
      e.id = doc.id + "#e" + std::to_string(i + 1);
      e.kind = kind;
      if (const auto* kc = table.Find(kind)) {
        e.cameo = kc->cameo;
        e.plover_type = kc->plover_type;
        e.plover_mode = kc->plover_mode;
        e.acled_event_type = kc->acled_event_type;
        e.acled_sub_event_type = kc->acled_sub_event_type;
        e.violent = kc->violent;
      }
      e.actor1 = extract::Actor{a.a1, a.a1name, a.a1name, "MIL", "state", false};
      e.actor2 = extract::Actor{a.a2, a.a2name, "", "", "state", true};
      extract::Place p;
      p.text = p.name = a.place;
      p.lat = a.lat + (static_cast<int>(rng() % 2001) - 1000) / 5000.0;
      p.lon = a.lon + (static_cast<int>(rng() % 2001) - 1000) / 5000.0;
      p.country = a.country;
      p.territory = a.territory;
      p.confidence = 0.8;
      e.places.push_back(p);
      e.date = doc.date;
      e.date_precision = "day";
      e.date_basis = "publication";
      e.evidence = {"text", start, static_cast<uint32_t>(start + sentence.size()), sentence,
                    start + 10, static_cast<uint32_t>(start + 10 + std::strlen(kind))};
      e.confidence = 0.6;
      if (e.violent && rng() % 3 == 0) {
        extract::Casualty c;
        c.id = doc.id + "#c" + std::to_string(x.casualties.size() + 1);
        c.event_id = e.id;
        c.count = 1 + rng() % 20;
        c.qualifier = "exact";
        c.victims = rng() % 2 ? "killed" : "wounded";
        c.side = a.a2;
        c.evidence = e.evidence;
        x.casualties.push_back(c);
      }
      x.events.push_back(std::move(e));
      ++made;
    }
    out.emplace_back(std::move(doc), std::move(x));
  }
  return out;
}

}  // namespace tocsin::serve
