#include "tocsin/serve/store_backend.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "tocsin/codes/kinds.h"
#include "tocsin/core/parallel.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/fuse/fuse.h"
#include "tocsin/output/json.h"
#include "tocsin/output/json_writer.h"
#include "tocsin/serve/assessment_alerts.h"
#include "tocsin/store/ingest.h"
#include "event_index.h"
#include "paged_view.h"

namespace tocsin::serve {
namespace {

using Json = nlohmann::json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json EvidenceJson(const extract::Evidence& ev) {
  return {{"field", ev.field},
          {"start", ev.start},
          {"end", ev.end},
          {"sentence", ev.sentence},
          {"trigger", {ev.trigger_start, ev.trigger_end}}};
}

// The Document a mention or claim came from, as far as output::*Record needs it.
Document DocOf(const store::StoredMention& m) {
  Document d;
  d.id = m.doc_id;
  d.title = m.doc_title;
  d.date = m.doc_date;
  d.lang = m.lang;
  d.url = m.doc_url;
  d.source = m.doc_source;
  return d;
}

void AddUnique(std::vector<std::string>& v, const std::string& s) {
  if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
}

// Everything read from the store at one content version.
struct Snapshot {
  std::vector<store::StoredMention> mentions;  // ingest order
  std::vector<store::ClaimRecord> claims;      // ingest order
  std::map<int64_t, store::EventRecord> events;
  int64_t documents = 0;
};

StatusOr<Snapshot> ReadSnapshot(store::Store& s, bool with_events) {
  Snapshot snap;
  TOCSIN_RETURN_IF_ERROR(s.ForEachMention([&](const store::StoredMention& m) {
    snap.mentions.push_back(m);
    return true;
  }));
  TOCSIN_RETURN_IF_ERROR(s.ForEachClaim([&](const store::ClaimRecord& c) {
    snap.claims.push_back(c);
    return true;
  }));
  if (with_events) {
    auto page = s.QueryEvents(store::EventQuery{});
    if (!page.ok()) return page.status();
    for (auto& e : page->events) snap.events.emplace(e.id, std::move(e));
    auto stats = s.GetStats();
    if (!stats.ok()) return stats.status();
    snap.documents = stats->documents;
  }
  return snap;
}

std::vector<assess::DocumentEvents> GroupByDocument(const Snapshot& snap) {
  // The newest document (largest row id) of each doc_id.
  std::unordered_map<std::string, int64_t> newest;
  for (const auto& m : snap.mentions) newest[m.doc_id] = std::max(newest[m.doc_id], m.document);
  for (const auto& c : snap.claims) newest[c.doc_id] = std::max(newest[c.doc_id], c.document);
  std::map<int64_t, assess::DocumentEvents> docs;  // by row id: ingest order
  for (const auto& m : snap.mentions) {
    if (newest[m.doc_id] != m.document) continue;
    assess::DocumentEvents& d = docs[m.document];
    if (d.doc_id.empty()) {
      d.doc_id = m.doc_id;
      d.date = m.doc_date;
      d.frame = m.frame;
    }
    d.events.push_back(m.extracted);
  }
  for (const auto& c : snap.claims) {
    if (newest[c.doc_id] != c.document) continue;
    assess::DocumentEvents& d = docs[c.document];
    if (d.doc_id.empty()) {
      d.doc_id = c.doc_id;
      d.date = c.doc_date;
    }
    d.casualties.push_back(c.casualty);
  }
  std::vector<assess::DocumentEvents> out;
  out.reserve(docs.size());
  for (auto& [id, d] : docs) out.push_back(std::move(d));
  return out;
}

struct Index {
  int64_t version = 0;
  bool paged = false;  // paged mode: nothing below but version and documents is filled
  int64_t documents = 0;
  EventIndex index;  // rows sorted by (date, id)
  std::unordered_map<std::string, size_t> by_id;  // API id, every mention id, fused row id
  std::unordered_map<int64_t, std::vector<std::string>> doc_events;  // document row -> API ids
  std::string alerts_json, assessment_json;
  mutable std::mutex stats_mu;
  mutable std::string stats_cache;  // unfiltered /api/stats
};

std::shared_ptr<Index> BuildIndex(const Snapshot& snap, int64_t version) {
  auto idx = std::make_shared<Index>();
  idx->version = version;
  idx->documents = snap.documents;
  const auto& kinds = codes::KindTable::Default();

  // Claims by the mention they name.
  std::unordered_map<std::string, std::vector<const store::ClaimRecord*>> claims_of;
  for (const auto& c : snap.claims)
    if (!c.casualty.event_id.empty()) claims_of[c.casualty.event_id].push_back(&c);

  // Mentions of each fused event (ingest order); unfused mentions stand alone.
  std::map<int64_t, std::vector<const store::StoredMention*>> groups;
  std::vector<std::vector<const store::StoredMention*>> units;
  for (const auto& m : snap.mentions) {
    if (m.event > 0) groups[m.event].push_back(&m);
    else units.push_back({&m});
  }
  std::vector<std::pair<int64_t, std::vector<const store::StoredMention*>>> all;
  for (auto& [id, ms] : groups) all.emplace_back(id, std::move(ms));
  for (auto& ms : units) all.emplace_back(0, std::move(ms));

  for (const auto& [event_id, ms] : all) {
    const store::StoredMention& rep = *ms.front();
    const store::EventRecord* fused = nullptr;
    if (event_id > 0)
      if (auto it = snap.events.find(event_id); it != snap.events.end()) fused = &it->second;
    IndexedEvent r;
    r.id = rep.extracted.id;
    r.kind = fused ? fused->kind : rep.extracted.kind;
    const auto* kc = kinds.Find(r.kind);
    r.violent = (fused && fused->violent) || rep.extracted.violent || (kc && kc->violent);
    Json places = Json::array();
    std::set<std::pair<std::string, std::string>> seen_places;
    std::vector<std::string> mention_ids;
    Json mentions = Json::array(), casualties = Json::array();
    int64_t killed_sum = 0;
    std::map<int64_t, int64_t> hurt_by_doc;  // wounded + unspecified, per document
    std::vector<fuse::MergeReason> joins;    // why each later mention joined
    for (const store::StoredMention* m : ms) {
      const extract::Event& e = m->extracted;
      mention_ids.push_back(e.id);
      AddUnique(r.doc_ids, m->doc_id);
      if (e.actor1) AddUnique(r.actors, e.actor1->code);
      if (e.actor2) AddUnique(r.actors, e.actor2->code);
      for (const auto& p : e.parties) AddUnique(r.actors, p);
      for (const auto& p : e.places) {
        AddUnique(r.countries, p.country);
        AddUnique(r.territories, p.territory);
        if (p.lat && p.lon) r.points.emplace_back(*p.lat, *p.lon);
      }
      Document doc = DocOf(*m);
      Json rec = Json::parse(output::EventRecord(doc, e), nullptr, false);
      // Places of the other sources join the representative's, without their spans (these
      // point into another document).
      if (m != &rep && rec.is_object() && rec["places"].is_array())
        for (Json p : rec["places"]) {
          std::string name = Str(p, "name");
          if (name.empty()) name = Str(p, "text");
          std::string country = Str(p, "country");
          if (!seen_places.insert({name, country}).second) continue;
          p.erase("span");
          places.push_back(std::move(p));
        }
      if (m == &rep && rec.is_object() && rec["places"].is_array())
        for (const Json& p : rec["places"]) {
          std::string name = Str(p, "name");
          if (name.empty()) name = Str(p, "text");
          std::string country = Str(p, "country");
          seen_places.insert({name, country});
          places.push_back(p);
        }
      mentions.push_back({{"doc_id", m->doc_id},
                          {"mention_id", e.id},
                          {"title", m->doc_title},
                          {"lang", OrNull(m->lang)},
                          {"date", OrNull(m->doc_date)},
                          {"url", OrNull(m->doc_url)},
                          {"source", OrNull(m->doc_source)},
                          {"kind", e.kind},
                          {"event_date", OrNull(e.date)},
                          {"evidence", EvidenceJson(e.evidence)},
                          {"modality", e.modality},
                          {"attribution", rec.is_object() ? rec["attribution"] : Json(nullptr)},
                          {"confidence", e.confidence},
                          {"merge", m->merge ? Json::parse(fuse::MergeReasonJson(*m->merge))
                                             : Json(nullptr)}});
      if (m->merge) joins.push_back(*m->merge);
      if (auto it = claims_of.find(e.id); it != claims_of.end())
        for (const store::ClaimRecord* c : it->second) {
          const auto& k = c->casualty;
          if (k.victims == "killed") killed_sum += k.count;
          if (k.victims == "wounded" || k.victims == "unspecified")
            hurt_by_doc[c->document] += k.count;
          Json cj = Json::parse(output::CasualtyRecord(doc, k), nullptr, false);
          if (cj.is_object()) {
            cj.erase("record");
            casualties.push_back(std::move(cj));
          }
        }
    }
    int64_t hurt = 0;
    for (const auto& [d, n] : hurt_by_doc) hurt = std::max(hurt, n);
    // Fused events: the store's reconciled figure (claims of several sources are not added up).
    r.fatalities = fused ? fused->fatalities.figure : killed_sum;
    r.victims = r.fatalities + hurt;

    Json j = Json::parse(output::EventRecord(DocOf(rep), rep.extracted), nullptr, false);
    if (!j.is_object()) continue;
    j.erase("record");
    r.date = fused && !fused->date_start.empty()
                 ? fused->date_start
                 : (!rep.extracted.date.empty() ? rep.extracted.date : rep.doc_date);
    j["date"] = OrNull(r.date);
    j["date_end"] = OrNull(fused ? fused->date_end : r.date);
    j["kind"] = r.kind;
    j["violent"] = r.violent;
    j["places"] = std::move(places);
    j["fatalities"] = r.fatalities;
    j["victims"] = r.victims;
    j["sources"] = ms.size();
    j["documents"] = r.doc_ids.size();
    j["event"] = event_id > 0 ? Json(event_id) : Json(nullptr);
    {
      std::string merge;
      output::JsonWriter w(merge);
      fuse::WriteEventMerge(w, joins);
      j["merge"] = Json::parse(merge);
    }
    if (fused) {
      j["confidence"] = std::max(fused->confidence, rep.extracted.confidence);
      j["fatalities_range"] = {fused->fatalities.low, fused->fatalities.high};
    }
    Json doc_info = {{"title", rep.doc_title}, {"lang", OrNull(rep.lang)},
                     {"date", OrNull(rep.doc_date)}};
    if (!rep.doc_url.empty()) doc_info["url"] = rep.doc_url;
    if (!rep.doc_source.empty()) doc_info["source"] = rep.doc_source;
    j["doc"] = std::move(doc_info);
    r.summary = Dump(j);
    j["mentions"] = std::move(mentions);
    j["casualties"] = std::move(casualties);
    r.detail = Dump(j);

    size_t at = idx->index.rows().size();
    idx->by_id.emplace(r.id, at);
    for (const auto& mid : mention_ids) idx->by_id.emplace(mid, at);
    if (event_id > 0) idx->by_id.emplace(std::to_string(event_id), at);
    for (const store::StoredMention* m : ms) {
      auto& v = idx->doc_events[m->document];
      if (v.empty() || v.back() != r.id) v.push_back(r.id);
    }
    idx->index.mutable_rows().push_back(std::move(r));
  }
  // Sort, then renumber by_id.
  const std::vector<size_t> where = idx->index.Rebuild();
  for (auto& [k, v] : idx->by_id) v = where[v];

  // Alerts and the assessment, with event ids mapped onto the API's.
  std::string kb_error;
  if (auto kb = SharedKnowledgeBase(&kb_error)) {
    AssessmentJson rendered = RenderAssessment(*kb, GroupByDocument(snap));
    Json alerts = Json::parse(rendered.alerts, nullptr, false);
    if (alerts.is_object() && alerts["alerts"].is_array()) {
      for (Json& a : alerts["alerts"]) {
        if (!a["event_ids"].is_array()) continue;
        Json ids = Json::array();
        std::set<std::string> seen;
        for (const Json& id : a["event_ids"]) {
          if (!id.is_string()) continue;
          std::string s = id.get<std::string>();
          if (auto it = idx->by_id.find(s); it != idx->by_id.end()) s = idx->index.rows()[it->second].id;
          if (seen.insert(s).second) ids.push_back(s);
        }
        a["event_ids"] = std::move(ids);
      }
      alerts["source"] = "assess";
      idx->alerts_json = Dump(alerts);
    } else {
      idx->alerts_json = std::move(rendered.alerts);
    }
    idx->assessment_json = std::move(rendered.assessment);
  } else {
    idx->alerts_json = R"({"source":"store","alerts":[]})";
    idx->assessment_json = Dump(Json{
        {"available", false},
        {"source", "store"},
        {"message", "the assessment knowledge base could not be loaded: " + kb_error}});
  }
  return idx;
}

class StoreBackend : public Backend {
 public:
  StoreBackend(std::string location, const extract::Extractor* extractor,
               StoreBackendOptions options)
      : location_(std::move(location)), extractor_(extractor), options_(std::move(options)) {}

  Status Init() {
    auto s = OpenReader();
    if (!s.ok()) return s.status();
    Return(std::move(*s));
    auto idx = Current();
    return idx.ok() ? Status::Ok() : idx.status();
  }

  StatusOr<EventPage> ListEvents(const EventFilter& f) const override {
    auto cur = Current();
    if (!cur.ok()) return cur.status();
    if ((*cur)->paged) return PagedList(f);
    return (*cur)->index.List(f);
  }

  StatusOr<std::string> GetEvent(const std::string& id) const override {
    auto cur = Current();
    if (!cur.ok()) return cur.status();
    if ((*cur)->paged) return PagedEvent(id);
    auto it = (*cur)->by_id.find(id);
    if (it == (*cur)->by_id.end()) return Status::NotFound("no event \"" + id + "\"");
    return (*cur)->index.rows()[it->second].detail;
  }

  StatusOr<std::string> GetDocument(const std::string& id) const override {
    std::optional<store::DocumentRecord> d;
    {
      auto s = Borrow();
      if (!s.ok()) return s.status();
      auto got = (*s)->GetDocument(id);
      if (!got.ok()) {
        return got.status();  // the connection is dropped with `s` on error paths too
      }
      d = std::move(*got);
      Return(std::move(*s));
    }
    if (!d) return Status::NotFound("no document \"" + id + "\"");
    auto cur = Current();
    if (!cur.ok()) return cur.status();
    std::vector<std::string> events;
    if ((*cur)->paged) {
      // Mentions are numbered "<doc_id>#e1".."#eN" in extraction order; GET /api/events/{id}
      // resolves each to its fused event.
      for (int k = 1; k <= d->mentions; ++k) events.push_back(d->doc_id + "#e" + std::to_string(k));
    } else if (auto it = (*cur)->doc_events.find(d->id); it != (*cur)->doc_events.end()) {
      events = it->second;
    }
    Json j = {{"doc_id", d->doc_id},
              {"title", d->title},
              {"text", d->text},
              {"lang", OrNull(d->lang)},
              {"date", OrNull(d->date)},
              {"url", OrNull(d->url)},
              {"source", OrNull(d->source)},
              {"frame", d->frame},
              {"ingested_at", OrNull(d->ingested_at)},
              {"events", events}};
    return Dump(j);
  }

  StatusOr<std::string> Stats(const EventFilter& f) const override {
    auto cur = Current();
    if (!cur.ok()) return cur.status();
    const Index& idx = **cur;
    if (idx.paged) return PagedStatsOf(f, idx);
    const bool unfiltered = EventIndex::Unfiltered(f);
    if (unfiltered) {
      std::lock_guard lock(idx.stats_mu);
      if (!idx.stats_cache.empty()) return idx.stats_cache;
    }
    std::string out = idx.index.StatsPrefix(f) + ",\"facets\":" + idx.index.facets_json() +
                      ",\"documents\":" + std::to_string(idx.documents) +
                      ",\"version\":" + std::to_string(idx.version) + ",\"backend\":\"store\"}";
    if (unfiltered) {
      std::lock_guard lock(idx.stats_mu);
      idx.stats_cache = out;
    }
    return out;
  }

  StatusOr<std::string> Alerts() const override {
    auto cur = Current();
    if (!cur.ok()) return cur.status();
    if ((*cur)->paged)
      return Dump(Json{{"source", "store"}, {"alerts", Json::array()}, {"message", kPagedAssessment}});
    return (*cur)->alerts_json;
  }

  StatusOr<std::string> Assessment() const override {
    auto cur = Current();
    if (!cur.ok()) return cur.status();
    if ((*cur)->paged)
      return Dump(Json{{"available", false}, {"source", "store"}, {"message", kPagedAssessment}});
    return (*cur)->assessment_json;
  }

  StatusOr<IngestResult> IngestDocuments(const std::vector<Document>& docs) override {
    if (!extractor_) return Status::Unsupported("this backend was started without an extractor");
    store::IngestStats stats;
    {
      std::lock_guard lock(write_mu_);
      if (!writer_) {
        store::OpenOptions o = options_.open;
        o.read_only = false;
        o.create = false;
        auto w = store::OpenStore(location_, o);
        if (!w.ok()) return w.status();
        writer_ = std::move(*w);
      }
      unsigned threads = options_.ingest_threads ? options_.ingest_threads : DefaultThreads();
      store::Ingester ingester(*writer_, *extractor_, threads);
      for (const Document& d : docs) {
        Status s = ingester.Add(io::DocumentOrError{d.origin.empty() ? d.id : d.origin, d});
        if (!s.ok()) {
          writer_.reset();  // reopened (and its fusion index reloaded) at the next write
          return s;
        }
      }
      Status s = ingester.Flush();
      if (!s.ok()) {
        writer_.reset();
        return s;
      }
      stats = ingester.stats();
    }
    Json ids = Json::array();
    for (const Document& d : docs) ids.push_back(d.id);
    IngestResult r;
    r.json = Dump(Json{{"documents", docs.size()},
                       {"stored", stats.stored},
                       {"duplicates", stats.duplicates},
                       {"events", stats.mentions},
                       {"casualties", stats.claims},
                       {"ids", ids},
                       {"version", Version()}});
    return r;
  }

  uint64_t Version() const override {
    auto v = ReadVersion();
    if (v.ok()) return static_cast<uint64_t>(*v);
    std::lock_guard lock(index_mu_);
    return index_ ? static_cast<uint64_t>(index_->version) : 0;
  }

 private:
  // A read-only connection from the pool, opened when the pool is empty.
  StatusOr<std::unique_ptr<store::Store>> OpenReader() const {
    store::OpenOptions o = options_.open;
    o.read_only = true;
    o.create = false;
    return store::OpenStore(location_, o);
  }
  StatusOr<std::unique_ptr<store::Store>> Borrow() const {
    {
      std::lock_guard lock(pool_mu_);
      if (!pool_.empty()) {
        auto s = std::move(pool_.back());
        pool_.pop_back();
        return s;
      }
    }
    return OpenReader();
  }
  void Return(std::unique_ptr<store::Store> s) const {
    constexpr size_t kMaxIdle = 16;
    std::lock_guard lock(pool_mu_);
    if (pool_.size() < kMaxIdle) pool_.push_back(std::move(s));
  }

  StatusOr<int64_t> ReadVersion() const {
    auto s = Borrow();
    if (!s.ok()) return s.status();
    auto v = (*s)->ContentVersion();
    if (v.ok()) Return(std::move(*s));
    return v;
  }

  // The index at the store's current content version (rebuilt when it grew).
  StatusOr<std::shared_ptr<const Index>> Current() const {
    auto v = ReadVersion();
    if (!v.ok()) return v.status();
    {
      std::shared_ptr<const Index> same;
      {
        std::lock_guard lock(index_mu_);
        if (index_ && index_->version == *v) same = index_;
      }
      if (same) {
        // Paged totals skipped by the refresh interval at the last version change.
        if (same->paged && PagedSnapshot()->version != *v) {
          auto s = Borrow();
          if (!s.ok()) return s.status();
          TOCSIN_RETURN_IF_ERROR(RefreshPaged(**s, *v));
          Return(std::move(*s));
        }
        return same;
      }
    }
    std::lock_guard build(build_mu_);
    {
      std::lock_guard lock(index_mu_);
      if (index_ && index_->version >= *v) return std::shared_ptr<const Index>(index_);
    }
    auto s = Borrow();
    if (!s.ok()) return s.status();
    // The version is read again with the snapshot's connection: a document stored between
    // the two reads is then in the snapshot or makes the next call rebuild.
    auto at = (*s)->ContentVersion();
    if (!at.ok()) return at.status();
    if (!paged_) {
      // Stores do not shrink: once paged, always paged (no count on later versions).
      auto stats = (*s)->GetStats();
      if (!stats.ok()) return stats.status();
      if (std::max(stats->mentions, stats->events) > options_.index_limit) paged_ = true;
    }
    if (paged_) {
      auto idx = std::make_shared<Index>();
      idx->version = *at;
      idx->paged = true;
      auto fresh = RefreshPaged(**s, *at);
      if (!fresh.ok()) return fresh;
      Return(std::move(*s));
      idx->documents = PagedSnapshot()->documents;
      std::lock_guard lock(index_mu_);
      index_ = idx;
      return std::shared_ptr<const Index>(idx);
    }
    auto snap = ReadSnapshot(**s, true);
    if (!snap.ok()) return snap.status();
    Return(std::move(*s));
    std::shared_ptr<const Index> idx = BuildIndex(*snap, *at);
    std::lock_guard lock(index_mu_);
    index_ = idx;
    return idx;
  }

  // --- paged mode ---
  static constexpr const char* kPagedAssessment =
      "this store is served in paged mode (more mentions than serve --index-limit): alerts and "
      "the assessment are not computed per request; run `tocsin assess --db` on it";

  // What paged mode reads over the whole store (document count, dates, facets), refreshed
  // when the content grew and the last refresh is older than paged_refresh_seconds: these
  // are full scans of a large store, not worth repeating for each document a fleet adds.
  struct PagedTotals {
    int64_t version = -1, documents = 0;
    store::EventCounts all;  // over every event
    std::string facets;
    std::chrono::steady_clock::time_point at{};
  };
  // Shared, not copied: every request reads it, and it holds a count per day of the store.
  std::shared_ptr<const PagedTotals> PagedSnapshot() const {
    std::lock_guard lock(paged_mu_);
    return paged_totals_;
  }
  Status RefreshPaged(store::Store& s, int64_t version) const {
    {
      std::lock_guard lock(paged_mu_);
      const auto age = std::chrono::steady_clock::now() - paged_totals_->at;
      if (paged_totals_->version == version ||
          (paged_totals_->version >= 0 &&
           age < std::chrono::duration<double>(options_.paged_refresh_seconds)))
        return Status::Ok();
    }
    auto stats = s.GetStats();
    if (!stats.ok()) return stats.status();
    auto all = s.CountEvents(store::EventQuery{});
    if (!all.ok()) return all.status();
    auto t = std::make_shared<PagedTotals>();
    t->version = version;
    t->documents = stats->documents;
    t->facets = PagedFacets(*all, stats->first_date, stats->last_date);
    t->all = std::move(*all);
    t->at = std::chrono::steady_clock::now();
    std::lock_guard lock(paged_mu_);
    paged_totals_ = std::move(t);
    return Status::Ok();
  }

  StatusOr<EventPage> PagedList(const EventFilter& f) const {
    auto q = PagedQuery(f);
    if (!q.ok()) return q.status();
    // Unfiltered: the total of the last refresh rather than a count of the whole store.
    const bool unfiltered = EventIndex::Unfiltered(f);
    q->count_total = !unfiltered;
    auto s = Borrow();
    if (!s.ok()) return s.status();
    auto page = (*s)->QueryEvents(*q);
    if (!page.ok()) return page.status();
    Return(std::move(*s));
    EventPage out;
    out.total = static_cast<size_t>(unfiltered ? PagedSnapshot()->all.events : page->total);
    out.events.reserve(page->events.size());
    for (const auto& e : page->events) out.events.push_back(PagedSummary(e));
    return out;
  }

  StatusOr<std::string> PagedEvent(const std::string& id) const {
    auto s = Borrow();
    if (!s.ok()) return s.status();
    int64_t row = 0;
    if (!id.empty() && id.size() < 19 && id.find_first_not_of("0123456789") == std::string::npos) {
      row = std::stoll(id);
    } else {
      auto e = (*s)->EventOfMention(id);
      if (!e.ok()) return e.status();
      row = *e;
    }
    std::optional<store::EventDetail> d;
    if (row > 0) {
      auto got = (*s)->GetEvent(row);
      if (!got.ok()) return got.status();
      d = std::move(*got);
    }
    Return(std::move(*s));
    if (!d)
      return Status::NotFound("no event \"" + id +
                              "\" (paged mode lists fused events only: a mention kept out of "
                              "fusion has no event)");
    return PagedDetail(*d);
  }

  StatusOr<std::string> PagedStatsOf(const EventFilter& f, const Index& idx) const {
    const std::shared_ptr<const PagedTotals> totals = PagedSnapshot();
    if (EventIndex::Unfiltered(f))
      return PagedStats(totals->all, totals->facets, totals->documents, idx.version);
    auto q = PagedQuery(f);
    if (!q.ok()) return q.status();
    auto s = Borrow();
    if (!s.ok()) return s.status();
    auto counts = (*s)->CountEvents(*q);
    if (!counts.ok()) return counts.status();
    Return(std::move(*s));
    return PagedStats(*counts, totals->facets, totals->documents, idx.version);
  }

  std::string location_;
  const extract::Extractor* extractor_;
  StoreBackendOptions options_;
  mutable std::mutex pool_mu_;
  mutable std::vector<std::unique_ptr<store::Store>> pool_;
  mutable std::mutex build_mu_;  // one index build at a time
  mutable std::mutex index_mu_;  // guards index_ (the pointer, not the index)
  mutable std::shared_ptr<const Index> index_;
  mutable std::atomic<bool> paged_{false};
  mutable std::mutex paged_mu_;
  mutable std::shared_ptr<const PagedTotals> paged_totals_ = std::make_shared<PagedTotals>();
  std::mutex write_mu_;
  std::unique_ptr<store::Store> writer_;
};

}  // namespace

StatusOr<std::vector<assess::DocumentEvents>> AssessmentInput(store::Store& store) {
  auto snap = ReadSnapshot(store, false);
  if (!snap.ok()) return snap.status();
  return GroupByDocument(*snap);
}

StatusOr<std::unique_ptr<Backend>> OpenStoreBackend(const std::string& location,
                                                    const extract::Extractor* extractor,
                                                    const StoreBackendOptions& options) {
  auto b = std::make_unique<StoreBackend>(location, extractor, options);
  TOCSIN_RETURN_IF_ERROR(b->Init());
  return std::unique_ptr<Backend>(std::move(b));
}

}  // namespace tocsin::serve
