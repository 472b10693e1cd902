// `tocsin geoparse` records (doc/geoparse.md).
#include "tocsin/output/geoparse_json.h"

#include <cmath>

#include "tocsin/output/json_writer.h"

namespace tocsin::output {

void AppendGeoDocumentRecord(const Document& doc, const geoparse::GeoparseResult& r,
                             std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("record").String("document");
  w.Key("doc_id").String(doc.id);
  w.Key("lang").String(r.lang);
  w.Key("title").String(doc.title);
  w.Key("date").StringOrNull(doc.date);
  w.Key("chars").Int(static_cast<int64_t>(doc.text.size()));
  if (!doc.url.empty()) w.Key("url").String(doc.url);
  w.Key("places").Int(static_cast<int64_t>(r.toponyms.size()));
  w.EndObject();
  out += '\n';
}

void AppendPlaceRecord(const Document& doc, const geoparse::Toponym& t, std::string& out) {
  JsonWriter w(out);
  w.BeginObject();
  w.Key("record").String("place");
  w.Key("doc_id").String(doc.id);
  w.Key("field").String(t.field);
  w.Key("start").Int(t.start);
  w.Key("end").Int(t.end);
  w.Key("text").String(t.text);
  if (t.entry) {
    const geo::GazetteerEntry& e = *t.entry;
    w.Key("name").String(e.name);
    w.Key("lat").Double(e.lat);
    w.Key("lon").Double(e.lon);
    w.Key("feature").String(e.feature);
    w.Key("country").StringOrNull(e.country);
    w.Key("admin1").StringOrNull(e.admin1);
    w.Key("geonameid");
    e.geonameid > 0 ? w.Int(e.geonameid) : w.Null();
    w.Key("territory").String(geo::TerritoryName(t.territory.territory));
    if (!t.territory.area.empty()) {
      w.Key("area").String(t.territory.area);
      w.Key("claimed_by").StringArray(t.territory.claimed_by);
      w.Key("controlled_by").StringOrNull(t.territory.controlled_by);
    }
  } else {
    w.Key("name").Null();
    w.Key("lat").Null();
    w.Key("lon").Null();
    w.Key("feature").StringOrNull(t.cue);
    w.Key("country").Null();
    w.Key("admin1").Null();
    w.Key("geonameid").Null();
    w.Key("territory").String("unknown");
  }
  if (t.demonym) w.Key("demonym").Bool(true);
  w.Key("confidence").Double(std::round(t.confidence * 1000) / 1000);
  w.EndObject();
  out += '\n';
}

}  // namespace tocsin::output
