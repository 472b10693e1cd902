#include "paged_view.h"

#include <map>

#include "tocsin/fuse/fuse.h"
#include "tocsin/output/json.h"
#include "tocsin/output/json_writer.h"
#include "tocsin/store/export.h"

namespace tocsin::serve {
namespace {

using output::JsonWriter;

void OptionalDouble(JsonWriter& w, const std::optional<double>& v) {
  v ? w.Double(*v) : w.Null();
}

// The fields every paged event has, list and detail alike.
void SummaryFields(JsonWriter& w, const store::EventRecord& e) {
  w.Key("id").String(std::to_string(e.id));
  w.Key("event").Int(e.id);
  w.Key("kind").String(e.kind);
  w.Key("cameo").StringOrNull(e.cameo);
  w.Key("plover").BeginObject();
  w.Key("type").String(e.plover_type);
  w.Key("mode").Null();
  w.EndObject();
  w.Key("acled");
  output::WriteAcled(w, e.acled_event_type, e.acled_sub_event_type);
  w.Key("violent").Bool(e.violent);
  w.Key("actor1");
  store::WriteEventActor(w, e.actor1, e.actor1_name, e.actor1_agent);
  w.Key("actor2");
  store::WriteEventActor(w, e.actor2, e.actor2_name, e.actor2_agent);
  w.Key("date").StringOrNull(e.date_start);
  w.Key("date_end").StringOrNull(e.date_end);
  w.Key("fatalities").Int(e.fatalities.figure);
  // Index mode adds the largest wounded figure; the events row keeps the killed only.
  w.Key("victims").Int(e.fatalities.figure);
  w.Key("fatalities_range").BeginArray().Int(e.fatalities.low).Int(e.fatalities.high).EndArray();
  w.Key("sources").Int(e.mentions);
  w.Key("documents").Int(e.documents);
  w.Key("confidence").Double(e.confidence);
}

void RepresentativePlace(JsonWriter& w, const store::EventRecord& e) {
  w.Key("places").BeginArray();
  if (!e.place.empty() || e.lat) store::WriteEventPlace(w, e);
  w.EndArray();
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void Counts(JsonWriter& w, const std::map<std::string, int64_t>& m) {
  w.BeginObject();
  for (const auto& [k, n] : m) w.Key(k).Int(n);
  w.EndObject();
}

}  // namespace

StatusOr<store::EventQuery> PagedQuery(const EventFilter& f) {
  std::vector<std::string> refused;
  if (!f.territories.empty()) refused.push_back("territory");
  if (!f.langs.empty()) refused.push_back("lang");
  if (!f.text.empty()) refused.push_back("q");
  if (!f.doc_id.empty()) refused.push_back("doc");
  if (f.countries.size() > 1) refused.push_back("country (more than one)");
  if (f.bbox && f.bbox->min_lon > f.bbox->max_lon) refused.push_back("bbox (across the antimeridian)");
  if (!refused.empty())
    return Status::InvalidArgument(
        "this store is served in paged mode (more mentions than serve --index-limit), where "
        "the filter " + Join(refused) +
        " cannot be answered; drop it, export with `tocsin export --db`, or restart serve with "
        "a larger --index-limit");
  store::EventQuery q;
  q.since = f.from;
  q.until = f.to;
  q.kinds = f.kinds;
  q.actors = f.actors;
  if (!f.countries.empty()) q.country = f.countries.front();
  if (f.bbox) q.bbox = std::array<double, 4>{f.bbox->min_lon, f.bbox->min_lat, f.bbox->max_lon,
                                             f.bbox->max_lat};
  q.violent_only = f.violent_only;
  q.descending = !f.ascending;
  q.offset = static_cast<int64_t>(f.offset);
  q.limit = static_cast<int64_t>(f.limit);
  return q;
}

std::string PagedSummary(const store::EventRecord& e) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  SummaryFields(w, e);
  RepresentativePlace(w, e);
  w.EndObject();
  return out;
}

std::string PagedDetail(const store::EventDetail& d) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  SummaryFields(w, d.event);
  // Every distinct place of its mentions, the representative first when it is among them.
  w.Key("places").BeginArray();
  for (const extract::Place& p : d.places) {
    w.BeginObject();
    w.Key("text").String(p.text);
    w.Key("name").String(p.name.empty() ? p.text : p.name);
    w.Key("country").StringOrNull(p.country);
    w.Key("admin1").StringOrNull(p.admin1);
    w.Key("lat");
    OptionalDouble(w, p.lat);
    w.Key("lon");
    OptionalDouble(w, p.lon);
    w.Key("territory").String(p.territory);
    if (!p.area.empty()) w.Key("area").String(p.area);
    w.Key("precision").Int(p.precision);
    w.EndObject();
  }
  w.EndArray();
  w.Key("mentions").BeginArray();
  for (const store::SourceRef& s : d.sources) {
    w.BeginObject();
    w.Key("doc_id").String(s.doc_id);
    w.Key("mention_id").String(s.mention_id);
    w.Key("title").String(s.title);
    w.Key("lang").StringOrNull(s.lang);
    w.Key("date").StringOrNull(s.date);
    w.Key("url").StringOrNull(s.url);
    w.Key("source").StringOrNull(s.source);
    w.Key("kind").String(s.kind);
    w.Key("event_date").StringOrNull(s.event_date);
    w.Key("evidence");
    output::WriteEvidence(w, s.evidence);
    w.Key("modality").String(s.modality);
    w.Key("attribution");
    output::WriteAttribution(w, s.attribution);
    w.Key("confidence").Double(s.confidence);
    w.Key("merge");
    if (s.merge) fuse::WriteMergeReason(w, *s.merge);
    else w.Null();
    w.EndObject();
  }
  w.EndArray();
  std::vector<fuse::MergeReason> joins;
  for (const store::SourceRef& s : d.sources)
    if (s.merge) joins.push_back(*s.merge);
  w.Key("merge");
  fuse::WriteEventMerge(w, joins);
  if (!d.sources.empty()) {
    const store::SourceRef& first = d.sources.front();
    w.Key("evidence");
    output::WriteEvidence(w, first.evidence);
    w.Key("modality").String(first.modality);
    w.Key("doc").BeginObject();
    w.Key("title").String(first.title);
    w.Key("lang").StringOrNull(first.lang);
    w.Key("date").StringOrNull(first.date);
    if (!first.url.empty()) w.Key("url").String(first.url);
    if (!first.source.empty()) w.Key("source").String(first.source);
    w.EndObject();
  }
  w.EndObject();
  // The casualty records as `tocsin extract` writes them, without "record".
  std::string casualties = ",\"casualties\":[";
  for (size_t i = 0; i < d.claims.size(); ++i) {
    Document doc;
    doc.id = d.claims[i].doc_id;
    doc.date = d.claims[i].doc_date;
    std::string rec = output::CasualtyRecord(doc, d.claims[i].casualty);
    const std::string tag = "\"record\":\"casualty\",";
    if (auto at = rec.find(tag); at != std::string::npos) rec.erase(at, tag.size());
    casualties += (i ? "," : "") + rec;
  }
  casualties += "]}";
  out.pop_back();  // the closing brace
  return out + casualties;
}

std::string PagedFacets(const store::EventCounts& all, const std::string& first_date,
                        const std::string& last_date) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("kind");
  Counts(w, all.by_kind);
  w.Key("actor");
  Counts(w, all.by_actor);
  w.Key("country");
  Counts(w, all.by_country);
  w.Key("territory").BeginObject().EndObject();
  w.Key("lang").BeginObject().EndObject();
  w.Key("first_date").StringOrNull(first_date);
  w.Key("last_date").StringOrNull(last_date);
  w.EndObject();
  return out;
}

std::string PagedStats(const store::EventCounts& m, const std::string& facets, int64_t documents,
                       int64_t version) {
  std::string out;
  JsonWriter w(out);
  w.BeginObject();
  w.Key("events").Int(m.events);
  w.Key("fatalities").Int(m.fatalities);
  w.Key("by_day").BeginArray();
  for (const auto& d : m.by_day) {
    w.BeginObject();
    w.Key("date").String(d.date);
    w.Key("events").Int(d.events);
    w.Key("fatalities").Int(d.fatalities);
    w.Key("victims").Int(d.fatalities);
    w.EndObject();
  }
  w.EndArray();
  w.Key("by_kind");
  Counts(w, m.by_kind);
  w.Key("by_actor");
  Counts(w, m.by_actor);
  w.Key("by_country");
  Counts(w, m.by_country);
  w.Key("by_territory").BeginObject().EndObject();
  w.Key("by_lang").BeginObject().EndObject();
  w.EndObject();
  out.pop_back();
  out += ",\"facets\":" + facets + ",\"documents\":" + std::to_string(documents) +
         ",\"version\":" + std::to_string(version) + ",\"backend\":\"store\",\"mode\":\"paged\"}";
  return out;
}

}  // namespace tocsin::serve
