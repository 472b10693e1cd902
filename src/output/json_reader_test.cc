// The records' reader against their writer: what output/json.h writes reads back equal, field
// by field; a field of the wrong type is an error naming the record and the field.
#include "tocsin/output/json_reader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tocsin/codes/kinds.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/output/json.h"

namespace tocsin::output {
namespace {

using extract::Actor;
using extract::Attribution;
using extract::Casualty;
using extract::Event;
using extract::Evidence;
using extract::Place;

// ---- field-by-field comparison ----------------------------------------------------------------

void ExpectEq(const Evidence& a, const Evidence& b, const std::string& what) {
  EXPECT_EQ(a.field, b.field) << what;
  EXPECT_EQ(a.start, b.start) << what;
  EXPECT_EQ(a.end, b.end) << what;
  EXPECT_EQ(a.sentence, b.sentence) << what;
  EXPECT_EQ(a.trigger_start, b.trigger_start) << what;
  EXPECT_EQ(a.trigger_end, b.trigger_end) << what;
}

void ExpectEq(const std::optional<Attribution>& a, const std::optional<Attribution>& b,
              const std::string& what) {
  ASSERT_EQ(a.has_value(), b.has_value()) << what;
  if (!a) return;
  EXPECT_EQ(a->text, b->text) << what;
  EXPECT_EQ(a->actors, b->actors) << what;
}

void ExpectEq(const std::optional<Actor>& a, const std::optional<Actor>& b, const std::string& what) {
  ASSERT_EQ(a.has_value(), b.has_value()) << what;
  if (!a) return;
  EXPECT_EQ(a->code, b->code) << what;
  EXPECT_EQ(a->name, b->name) << what;
  EXPECT_EQ(a->text, b->text) << what;
  EXPECT_EQ(a->agent, b->agent) << what;
  EXPECT_EQ(a->type, b->type) << what;
  EXPECT_EQ(a->inferred, b->inferred) << what;
}

void ExpectEq(const Place& a, const Place& b, const std::string& what) {
  EXPECT_EQ(a.text, b.text) << what;
  EXPECT_EQ(a.name, b.name) << what;
  EXPECT_EQ(a.lat, b.lat) << what;
  EXPECT_EQ(a.lon, b.lon) << what;
  EXPECT_EQ(a.country, b.country) << what;
  EXPECT_EQ(a.admin1, b.admin1) << what;
  EXPECT_EQ(a.geonameid, b.geonameid) << what;
  EXPECT_EQ(a.feature, b.feature) << what;
  EXPECT_EQ(a.territory, b.territory) << what;
  EXPECT_EQ(a.area, b.area) << what;
  EXPECT_EQ(a.claimed_by, b.claimed_by) << what;
  EXPECT_EQ(a.controlled_by, b.controlled_by) << what;
  EXPECT_EQ(a.precision, b.precision) << what;
  EXPECT_EQ(a.start, b.start) << what;
  EXPECT_EQ(a.end, b.end) << what;
  EXPECT_EQ(a.confidence, b.confidence) << what;
}

void ExpectEq(const Event& a, const Event& b) {
  const std::string what = "event " + a.id;
  EXPECT_EQ(a.id, b.id) << what;
  EXPECT_EQ(a.kind, b.kind) << what;
  EXPECT_EQ(a.cameo, b.cameo) << what;
  EXPECT_EQ(a.plover_type, b.plover_type) << what;
  EXPECT_EQ(a.plover_mode, b.plover_mode) << what;
  EXPECT_EQ(a.acled_event_type, b.acled_event_type) << what;
  EXPECT_EQ(a.acled_sub_event_type, b.acled_sub_event_type) << what;
  EXPECT_EQ(a.violent, b.violent) << what;
  ExpectEq(a.actor1, b.actor1, what + " actor1");
  ExpectEq(a.actor2, b.actor2, what + " actor2");
  EXPECT_EQ(a.parties, b.parties) << what;
  ASSERT_EQ(a.places.size(), b.places.size()) << what;
  for (size_t i = 0; i < a.places.size(); ++i)
    ExpectEq(a.places[i], b.places[i], what + " places[" + std::to_string(i) + "]");
  EXPECT_EQ(a.date, b.date) << what;
  EXPECT_EQ(a.date_precision, b.date_precision) << what;
  EXPECT_EQ(a.date_basis, b.date_basis) << what;
  EXPECT_EQ(a.modality, b.modality) << what;
  ExpectEq(a.attribution, b.attribution, what + " attribution");
  ExpectEq(a.evidence, b.evidence, what + " evidence");
  EXPECT_EQ(a.confidence, b.confidence) << what;
}

void ExpectEq(const Casualty& a, const Casualty& b) {
  const std::string what = "casualty " + a.id;
  EXPECT_EQ(a.id, b.id) << what;
  EXPECT_EQ(a.event_id, b.event_id) << what;
  EXPECT_EQ(a.count, b.count) << what;
  EXPECT_EQ(a.min, b.min) << what;
  EXPECT_EQ(a.max, b.max) << what;
  EXPECT_EQ(a.qualifier, b.qualifier) << what;
  EXPECT_EQ(a.victims, b.victims) << what;
  EXPECT_EQ(a.side, b.side) << what;
  EXPECT_EQ(a.side_text, b.side_text) << what;
  EXPECT_EQ(a.side_inferred, b.side_inferred) << what;
  ExpectEq(a.attribution, b.attribution, what + " attribution");
  ExpectEq(a.evidence, b.evidence, what + " evidence");
}

// ---- a varied set of records ------------------------------------------------------------------

Document Doc() {
  Document d;
  d.id = "doc-1";
  d.title = "Обстрел Белгорода";
  d.text = "…";
  d.date = "2024-01-10";
  return d;
}

// `violent` is not written: the reader takes it from data/codes/kinds.tsv.
bool ViolentKind(const std::string& kind) {
  const codes::KindCodes* k = codes::KindTable::Default().Find(kind);
  return k && k->violent;
}

std::vector<Event> Events() {
  std::vector<Event> out;

  // Every optional field set; Cyrillic text, escapes, a place in an occupied area.
  Event full;
  full.id = "doc-1#e1";
  full.kind = "shelling";
  full.cameo = "195";
  full.plover_type = "ASSAULT";
  full.plover_mode = "artillery";
  full.acled_event_type = "Explosions/Remote violence";
  full.acled_sub_event_type = "Shelling/artillery/missile attack";
  full.actor1 = Actor{"UKR", "Ukraine", "украинские военные", "MIL", "state", false};
  full.actor2 = Actor{"RUS", "Russia", "", "", "state", true};
  Place belgorod;
  belgorod.text = "Белгород";
  belgorod.name = "Belgorod";
  belgorod.lat = 50.59583;
  belgorod.lon = 36.58722;
  belgorod.country = "RUS";
  belgorod.admin1 = "Belgorod Oblast";
  belgorod.geonameid = 578072;
  belgorod.feature = "PPLA";
  belgorod.territory = "sovereign";
  belgorod.precision = 1;
  belgorod.start = 12;
  belgorod.end = 28;
  belgorod.confidence = 0.9;
  Place donetsk;
  donetsk.text = "Донецк";
  donetsk.name = "Donetsk";
  donetsk.lat = 48.023;
  donetsk.lon = 37.80224;
  donetsk.country = "UKR";
  donetsk.admin1 = "Donetsk";
  donetsk.geonameid = 709717;
  donetsk.feature = "PPLA";
  donetsk.territory = "occupied";
  donetsk.area = "Occupied Donetsk \"DPR\"";
  donetsk.claimed_by = {"RUS", "UKR"};
  donetsk.controlled_by = "RUS";
  donetsk.precision = 2;
  donetsk.start = 40;
  donetsk.end = 52;
  donetsk.confidence = 0.1 + 0.2;  // not a short decimal: the writer's shortest form round-trips
  full.places = {belgorod, donetsk};
  full.date = "2024-01-09";
  full.date_precision = "day";
  full.date_basis = "text";
  full.modality = "claimed";
  full.attribution = Attribution{"по данным Минобороны России", {"RUS"}};
  full.evidence = Evidence{"text", 3, 120, "Вчера вечером \"украинские военные\"\tобстреляли Белгород.\n",
                           30, 41};
  full.confidence = 0.8125;
  out.push_back(full);

  // Every optional field unset: no actors, places, date, attribution; the struct's defaults.
  Event bare;
  bare.id = "doc-1#e2";
  bare.kind = "meeting";
  out.push_back(bare);

  // A ceasefire with its parties, a place without coordinates, evidence in the title.
  Event cf;
  cf.id = "doc-1#e3";
  cf.kind = "ceasefire";
  cf.cameo = "0871";
  cf.plover_type = "AGREE";
  cf.actor1 = Actor{"RUS", "Russia", "Москва", "GOV", "state", false};
  cf.actor2 = std::nullopt;
  cf.parties = {"ARM", "AZE"};
  Place sea;
  sea.text = "в Чёрном море";
  sea.name = "Black Sea";
  sea.territory = "unknown";
  sea.precision = 3;
  sea.start = 0;
  sea.end = 7;
  cf.places = {sea};
  cf.date = "2022-09-13";
  cf.date_precision = "day";
  cf.date_basis = "publication";
  cf.modality = "asserted";
  cf.attribution = Attribution{"", {}};  // an attribution without words or actors is still one
  cf.evidence = Evidence{"title", 0, 24, "Обстрел Белгорода", 0, 7};
  cf.confidence = 1;
  out.push_back(cf);

  // Agent-only actor (no code), denied modality, a place with a negative longitude and
  // a disputed area with no controller.
  Event d;
  d.id = "doc-1#e4";
  d.kind = "armed_clash";
  d.actor1 = Actor{"", "gunmen", "des hommes armés", "", "nsa", false};
  d.actor2 = Actor{"MLI", "Mali", "l'armée malienne", "MIL", "state", false};
  Place kidal;
  kidal.text = "Kidal";
  kidal.name = "Kidal";
  kidal.lat = 18.44111;
  kidal.lon = -1.40778;
  kidal.country = "MLI";
  kidal.territory = "disputed";
  kidal.area = "Azawad";
  kidal.claimed_by = {"MLI"};
  kidal.precision = 1;
  kidal.start = 4294967295u;  // the largest offset
  kidal.end = 4294967295u;
  d.places = {kidal};
  d.modality = "denied";
  d.evidence = Evidence{"text", 0, 0, "", 0, 0};
  d.confidence = 0;
  out.push_back(d);

  for (Event& e : out) e.violent = ViolentKind(e.kind);
  return out;
}

std::vector<Casualty> Casualties() {
  std::vector<Casualty> out;
  Casualty full;
  full.id = "doc-1#c1";
  full.event_id = "doc-1#e1";
  full.count = 7;
  full.min = 7;
  full.max = 15;
  full.qualifier = "range";
  full.victims = "killed";
  full.side = "RUS";
  full.side_text = "мирных жителей";
  full.side_inferred = true;
  full.attribution = Attribution{"по словам губернатора", {"RUS", "UKR"}};
  full.evidence = Evidence{"text", 10, 80, "Погибли от 7 до 15 мирных жителей.", 18, 40};
  out.push_back(full);

  Casualty bare;
  bare.id = "doc-1#c2";
  out.push_back(bare);

  Casualty big;  // no event, a large figure, at least
  big.id = "doc-1#c3";
  big.count = 9007199254740993;  // above 2^53: an integer, not a double
  big.min = 9007199254740993;
  big.qualifier = "at_least";
  big.victims = "unspecified";
  out.push_back(big);
  return out;
}

// ---- round trips ------------------------------------------------------------------------------

TEST(RecordReader, EventsRoundTripFieldByField) {
  const Document doc = Doc();
  for (const Event& e : Events()) {
    const std::string json = EventRecord(doc, e);
    StatusOr<Event> back = ReadEventRecord(json);
    ASSERT_TRUE(back.ok()) << back.status().message() << "\n" << json;
    ExpectEq(e, *back);
    EXPECT_EQ(EventRecord(doc, *back), json) << "written again, the same record";

    StatusOr<Record> r = ReadRecord(json);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->type, Record::Type::kEvent);
    EXPECT_EQ(r->doc_id, "doc-1");
    ExpectEq(e, r->event);
  }
}

TEST(RecordReader, CasualtiesRoundTripFieldByField) {
  const Document doc = Doc();
  for (const Casualty& c : Casualties()) {
    const std::string json = CasualtyRecord(doc, c);
    StatusOr<Casualty> back = ReadCasualtyRecord(json);
    ASSERT_TRUE(back.ok()) << back.status().message() << "\n" << json;
    ExpectEq(c, *back);
    EXPECT_EQ(CasualtyRecord(doc, *back), json);

    StatusOr<Record> r = ReadRecord(json);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->type, Record::Type::kCasualty);
    EXPECT_EQ(r->doc_id, "doc-1");
    ExpectEq(c, r->casualty);
  }
}

TEST(RecordReader, DocumentRecordRoundTrips) {
  Document doc = Doc();
  doc.url = "https://example.org/belgorod";
  doc.source = "ТАСС";
  extract::Extraction x;
  x.lang = "ru";
  x.frame = {"UKR", "RUS"};
  x.events.resize(3);
  x.casualties.resize(1);
  x.warnings = {"a warning"};
  for (bool optional_set : {true, false}) {
    if (!optional_set) {
      doc.url.clear();
      doc.source.clear();
      doc.date.clear();
      x.warnings.clear();
      x.frame.clear();
    }
    std::string json;
    AppendDocumentRecord(doc, x, json);
    StatusOr<DocumentRecord> d = ReadDocumentRecord(json);
    ASSERT_TRUE(d.ok()) << d.status().message();
    EXPECT_EQ(d->doc_id, doc.id);
    EXPECT_EQ(d->lang, "ru");
    EXPECT_EQ(d->title, doc.title);
    EXPECT_EQ(d->date, doc.date);
    EXPECT_EQ(d->chars, static_cast<int64_t>(doc.text.size()));
    EXPECT_EQ(d->url, doc.url);
    EXPECT_EQ(d->source, doc.source);
    EXPECT_EQ(d->frame, x.frame);
    EXPECT_EQ(d->events, 3);
    EXPECT_EQ(d->casualties, 1);
    EXPECT_EQ(d->warnings, x.warnings);
    StatusOr<Record> r = ReadRecord(json);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->type, Record::Type::kDocument);
    EXPECT_EQ(r->doc_id, doc.id);
  }
}

// What a record holds of an event: the writer leaves out a place's `controlled_by` and
// `claimed_by` unless it is in a disputed or occupied `area` (the extractor sets
// `controlled_by` to the country of every sovereign place), and writes null for geonameids
// of tocsin's own gazetteer entries (negative ones).
Event AsWritten(Event e) {
  for (Place& p : e.places) {
    if (p.area.empty()) {
      p.claimed_by.clear();
      p.controlled_by.clear();
    }
    if (p.geonameid < 0) p.geonameid = 0;
  }
  return e;
}

// What the extractor writes for the sample article reads back equal too (as written).
TEST(RecordReader, TheSampleArticlesRecordsRoundTrip) {
  auto made = extract::Extractor::Create({});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  std::ifstream in(std::string(TOCSIN_TEST_DIR) + "/../samples/armenia-azerbaijan-2022-09-13.fr.txt");
  ASSERT_TRUE(in);
  std::stringstream body;
  body << in.rdbuf();
  Document doc;
  doc.id = "seed";
  doc.text = body.str();
  doc.date = "2022-09-13";
  const extract::Extraction x = (*made)->Extract(doc);
  ASSERT_GT(x.events.size(), 5u);
  ASSERT_FALSE(x.casualties.empty());
  for (const Event& e : x.events) {
    const std::string json = EventRecord(doc, e);
    StatusOr<Event> back = ReadEventRecord(json);
    ASSERT_TRUE(back.ok()) << back.status().message();
    ExpectEq(AsWritten(e), *back);
    EXPECT_EQ(EventRecord(doc, *back), json);
  }
  for (const Casualty& c : x.casualties) {
    const std::string json = CasualtyRecord(doc, c);
    StatusOr<Casualty> back = ReadCasualtyRecord(json);
    ASSERT_TRUE(back.ok()) << back.status().message();
    ExpectEq(c, *back);
    EXPECT_EQ(CasualtyRecord(doc, *back), json);
  }
}

// ---- defaults -----------------------------------------------------------------------------------

TEST(RecordReader, AbsentAndNullFieldsTakeTheWritersDefaults) {
  for (const char* json :
       {R"({"id":"x#e1","kind":"shelling","places":[{"name":"Goris"}],"evidence":{}})",
        R"({"id":"x#e1","kind":"shelling","places":[{"name":"Goris","territory":null,
            "precision":null,"lat":null}],"modality":null,"evidence":{"field":null},
            "violent":null,"actor1":null,"confidence":null})"}) {
    StatusOr<Event> e = ReadEventRecord(json);
    ASSERT_TRUE(e.ok()) << e.status().message();
    EXPECT_EQ(e->modality, "asserted");
    EXPECT_TRUE(e->violent) << "shelling is violent in data/codes/kinds.tsv";
    EXPECT_FALSE(e->actor1.has_value());
    ASSERT_EQ(e->places.size(), 1u);
    EXPECT_EQ(e->places[0].territory, "unknown");
    EXPECT_EQ(e->places[0].precision, 1);
    EXPECT_FALSE(e->places[0].lat.has_value());
    EXPECT_EQ(e->evidence.field, "text");
    EXPECT_EQ(e->confidence, 0);
  }
  // A record may say whether it is violent (the writer does not: kinds.tsv does).
  StatusOr<Event> calm = ReadEventRecord(R"({"id":"x#e1","kind":"shelling","violent":false})");
  ASSERT_TRUE(calm.ok()) << calm.status().message();
  EXPECT_FALSE(calm->violent);
  StatusOr<Event> meeting = ReadEventRecord(R"({"id":"x#e2","kind":"meeting"})");
  ASSERT_TRUE(meeting.ok());
  EXPECT_FALSE(meeting->violent);
  // Unknown fields are ignored.
  EXPECT_TRUE(ReadCasualtyRecord(R"({"id":"x#c1","count":3,"future_field":[1,{}]})").ok());
}

// ---- bad types --------------------------------------------------------------------------------

std::string ErrorOf(const Status& st) {
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  return st.message();
}

TEST(RecordReader, ViolentYesIsAnErrorNamingTheRecordAndTheField) {
  StatusOr<Event> e = ReadEventRecord(R"({"id":"d#e1","kind":"shelling","violent":"yes"})");
  EXPECT_EQ(ErrorOf(e.status()),
            R"(event record "d#e1": field "violent": expected true or false, got a string ("yes"))");
  StatusOr<Record> r = ReadRecord(R"({"record":"event","id":"d#e1","kind":"shelling","violent":1})");
  EXPECT_EQ(ErrorOf(r.status()),
            R"(event record "d#e1": field "violent": expected true or false, got a number (1))");
  StatusOr<Event> inferred =
      ReadEventRecord(R"({"id":"d#e1","kind":"shelling","actor1":{"code":"AZE","inferred":"yes"}})");
  EXPECT_EQ(ErrorOf(inferred.status()),
            R"(event record "d#e1": field "actor1.inferred": expected true or false, got a string ("yes"))");
}

TEST(RecordReader, ANumberWhereAStringIsExpected) {
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":5})").status()),
            R"(event record "d#e1": field "kind": expected a string, got a number (5))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","places":[{"name":"Goris"},
                                        {"name":"Jermuk","country":51}]})")
                        .status()),
            R"(event record "d#e1": field "places[1].country": expected a string, got a number (51))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","parties":["ARM",31]})").status()),
            R"(event record "d#e1": field "parties[1]": expected a string, got a number (31))");
  EXPECT_EQ(ErrorOf(ReadCasualtyRecord(R"({"id":"d#c1","side":643})").status()),
            R"(casualty record "d#c1": field "side": expected a string, got a number (643))");
  EXPECT_EQ(ErrorOf(ReadDocumentRecord(R"({"doc_id":"d","date":20220913})").status()),
            R"(document record "d": field "date": expected a string, got a number (20220913))");
  // A string where a number is expected, and numbers that are not what is expected.
  EXPECT_EQ(ErrorOf(ReadCasualtyRecord(R"({"id":"d#c1","count":"7"})").status()),
            R"(casualty record "d#c1": field "count": expected an integer, got a string ("7"))");
  EXPECT_EQ(ErrorOf(ReadCasualtyRecord(R"({"id":"d#c1","count":7.5})").status()),
            R"(casualty record "d#c1": field "count": expected an integer, got a number (7.5))");
  EXPECT_EQ(ErrorOf(ReadCasualtyRecord(R"({"id":"d#c1","max":18446744073709551615})").status()),
            R"(casualty record "d#c1": field "max": expected an integer, got a number (18446744073709551615))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","places":[{"lat":"39.5"}]})").status()),
            R"(event record "d#e1": field "places[0].lat": expected a number, got a string ("39.5"))");
  // Offsets that do not fit (found by fuzz_records: 1e52 was undefined behaviour).
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","evidence":{"start":-5}})").status()),
            R"(event record "d#e1": field "evidence.start": expected a byte offset (an integer from 0 to 4294967295), got a number (-5))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","evidence":{"trigger":[1.6e52,7]}})").status()),
            R"(event record "d#e1": field "evidence.trigger[0]": expected a byte offset (an integer from 0 to 4294967295), got a number (1.6e+52))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","places":[{"span":[1,2,3]}]})").status()),
            R"(event record "d#e1": field "places[0].span": expected [start, end] (two byte offsets), got an array)");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","places":[{"precision":4294967296}]})").status()),
            R"(event record "d#e1": field "places[0].precision": expected a small integer, got a number (4294967296))");
}

TEST(RecordReader, AnArrayWhereAnObjectIsExpected) {
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","actor1":["AZE"]})").status()),
            R"(event record "d#e1": field "actor1": expected an object, got an array)");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","evidence":[0,10]})").status()),
            R"(event record "d#e1": field "evidence": expected an object, got an array)");
  EXPECT_EQ(ErrorOf(ReadCasualtyRecord(R"({"id":"d#c1","attribution":[]})").status()),
            R"(casualty record "d#c1": field "attribution": expected an object, got an array)");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","places":[["Goris"]]})").status()),
            R"(event record "d#e1": field "places[0]": expected a place (an object), got an array)");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","places":{"name":"Goris"}})").status()),
            R"(event record "d#e1": field "places": expected an array of places (objects), got an object)");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":"shelling","plover":"ASSAULT"})").status()),
            R"(event record "d#e1": field "plover": expected an object, got a string ("ASSAULT"))");
}

TEST(RecordReader, MissingRequiredFields) {
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"kind":"shelling"})").status()),
            R"(event record: missing field "id" (a non-empty string))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1"})").status()),
            R"(event record "d#e1": missing field "kind" (a non-empty string))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"d#e1","kind":null})").status()),
            R"(event record "d#e1": missing field "kind" (a non-empty string))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":"","kind":"shelling"})").status()),
            R"(event record: missing field "id" (a non-empty string))");
  EXPECT_EQ(ErrorOf(ReadCasualtyRecord(R"({"count":7})").status()),
            R"(casualty record: missing field "id" (a non-empty string))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"id":["d#e1"],"kind":"shelling"})").status()),
            R"(event record: field "id": expected a string, got an array)");
  EXPECT_EQ(ErrorOf(ReadRecord(R"({"id":"d#e1","kind":"shelling"})").status()),
            R"(record without a "record" field (expected "document", "event" or "casualty"; doc/records.md))");
}

TEST(RecordReader, NotARecordOfTheExpectedType) {
  EXPECT_EQ(ErrorOf(ReadRecord(R"({"record":"mention","id":"d#m1"})").status()),
            R"(unknown record type "mention" (expected "document", "event" or "casualty"; doc/records.md))");
  EXPECT_EQ(ErrorOf(ReadRecord(R"({"record":3})").status()),
            R"(unknown record type a number (3) (expected "document", "event" or "casualty"; doc/records.md))");
  EXPECT_EQ(ErrorOf(ReadEventRecord(R"({"record":"casualty","id":"d#c1","count":1})").status()),
            R"(event record: field "record": expected "event", got a string ("casualty"))");
  for (const char* bad : {"", "{oops", "[1,2]", "\"event\"", "{\"id\":\"x\"} trailing"})
    EXPECT_EQ(ErrorOf(ReadEventRecord(bad).status()),
              "not a JSON object (expected a record of doc/records.md)")
        << bad;
  // A long value is cut short in the message.
  const std::string long_kind(5000, 'k');
  const std::string msg = ErrorOf(ReadRecord(R"({"record":")" + long_kind + R"("})").status());
  EXPECT_LT(msg.size(), 300u) << msg;
}

}  // namespace
}  // namespace tocsin::output
