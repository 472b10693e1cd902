#include <cstdio>
#include "tocsin/assess/assess.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <unistd.h>

#include "tocsin/assess/records_in.h"
#include "tocsin/assess/report.h"
#include "tocsin/extract/extractor.h"

namespace tocsin::assess {
namespace {

const KnowledgeBase& Kb() { return KnowledgeBase::Default(); }

extract::Actor State(const std::string& code, bool inferred = false) {
  extract::Actor a;
  a.code = code;
  a.type = "state";
  a.inferred = inferred;
  return a;
}

extract::Place At(const std::string& name, const std::string& country, const std::string& territory,
                  double lat, const std::string& admin1 = "") {
  extract::Place p;
  p.name = p.text = name;
  p.country = country;
  p.territory = territory;
  p.lat = lat;
  p.lon = 45.0;
  p.admin1 = admin1;
  return p;
}

extract::Event Ev(const std::string& id, const std::string& kind, const std::string& a1, const std::string& a2,
                  std::vector<extract::Place> places, uint32_t pos = 0, const std::string& modality = "asserted") {
  extract::Event e;
  e.id = id;
  e.kind = kind;
  if (!a1.empty()) e.actor1 = State(a1);
  if (!a2.empty()) e.actor2 = State(a2);
  e.places = std::move(places);
  e.modality = modality;
  e.evidence.start = pos;
  e.evidence.sentence = "sentence of " + id;
  return e;
}

const TreatyTrigger* Find(const Assessment& a, const std::string& treaty, const std::string& article,
                          const std::string& member) {
  for (const TreatyTrigger& t : a.treaty_triggers)
    if (t.treaty == treaty && t.article == article && t.member == member) return &t;
  return nullptr;
}

TEST(Assess, SeedArticle) {
  auto made = extract::Extractor::Create(extract::ExtractorOptions{});
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  std::ifstream in(std::string(TOCSIN_TEST_DIR) + "/../samples/armenia-azerbaijan-2022-09-13.fr.txt");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Document doc;
  doc.id = "seed";
  doc.date = "2022-09-13";
  size_t eol = bytes.find('\n');
  doc.title = bytes.substr(0, eol);
  doc.text = bytes.substr(eol + 1);
  extract::Extraction x = (*made)->Extract(doc);
  AssessOptions opt;
  opt.treaties = {"CSTO", "NATO"};
  Assessment a = Assess(Kb(), {DocumentEvents{doc.id, doc.date, x.frame, x.events, x.casualties}}, opt);

  const TreatyTrigger* csto = Find(a, "CSTO", "4", "ARM");
  ASSERT_NE(csto, nullptr) << ReportJson(a);
  EXPECT_TRUE(csto->conditions_met);
  EXPECT_EQ(csto->aggressor, "AZE");
  EXPECT_TRUE(csto->request.made);
  EXPECT_EQ(csto->request.date, "2022-09-13");
  EXPECT_TRUE(csto->responses.empty()) << "no collective response reported";
  const TreatyTrigger* nato = Find(a, "NATO", "5", "ARM");
  ASSERT_NE(nato, nullptr);
  EXPECT_FALSE(nato->conditions_met);
  EXPECT_NE(nato->reason.find("never a member"), std::string::npos) << nato->reason;
  ASSERT_EQ(a.ceasefires.size(), 1u);
  EXPECT_EQ(a.ceasefires[0].announced_by, "RUS");
  EXPECT_TRUE(a.ceasefires[0].violated);
  bool escalation = false;
  for (const Alert& al : a.alerts) escalation |= al.type == "first_strike_on_sovereign_territory";
  EXPECT_TRUE(escalation);
  // Every event named has its sentence.
  for (const auto& id : csto->events) {
    ASSERT_TRUE(a.evidence.count(id)) << id;
    EXPECT_FALSE(a.evidence.at(id).sentence.empty());
  }
}

TEST(Assess, AllegedViolenceDoesNotMeetTheConditions) {
  DocumentEvents d{"d", "2022-09-13", {"AZE", "ARM"},
                   {Ev("d#e1", "shelling", "AZE", "ARM", {At("Goris", "ARM", "sovereign", 39.5)}, 0, "claimed")}, {}};
  Assessment a = Assess(Kb(), {d}, {});
  const TreatyTrigger* t = Find(a, "CSTO", "4", "ARM");
  ASSERT_NE(t, nullptr);
  EXPECT_FALSE(t->conditions_met);
  ASSERT_EQ(t->not_counted.size(), 1u);
  EXPECT_NE(t->not_counted[0].reason.find("claimed"), std::string::npos);
}

TEST(Assess, FrozenParticipationIsNoted) {
  DocumentEvents d{"d", "2024-06-01", {},
                   {Ev("d#e1", "shelling", "AZE", "ARM", {At("Goris", "ARM", "sovereign", 39.5)})}, {}};
  Assessment a = Assess(Kb(), {d}, {});
  const TreatyTrigger* t = Find(a, "CSTO", "4", "ARM");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->conditions_met);
  ASSERT_FALSE(t->notes.empty());
  EXPECT_NE(t->notes.back().find("frozen"), std::string::npos);
}

TEST(Assess, ResponsesByPartiesCount) {
  DocumentEvents d{"d", "2022-09-13", {},
                   {Ev("d#e1", "shelling", "AZE", "ARM", {At("Goris", "ARM", "sovereign", 39.5)}, 0),
                    Ev("d#e2", "request_assistance", "ARM", "CSTO", {}, 10),
                    Ev("d#e3", "military_deployment", "RUS", "ARM", {}, 20)},
                   {}};
  d.events[1].actor2->type = "igo";
  Assessment a = Assess(Kb(), {d}, {});
  const TreatyTrigger* t = Find(a, "CSTO", "4", "ARM");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->request.event_id, "d#e2");
  ASSERT_EQ(t->responses.size(), 1u);
  EXPECT_EQ(t->responses[0].actor, "RUS");
  EXPECT_EQ(t->responses[0].type, "assistance");
  for (const Alert& al : a.alerts) EXPECT_NE(al.type, "request_without_response") << al.message;
}

TEST(Assess, CeasefireOrderWithinAndAcrossDocuments) {
  extract::Event cf = Ev("a#e2", "ceasefire", "RUS", "", {}, 50);
  cf.parties = {"AZE", "ARM"};
  DocumentEvents a{"a", "2022-09-13", {},
                   {Ev("a#e1", "shelling", "AZE", "ARM", {}, 0), cf, Ev("a#e3", "armed_clash", "ARM", "AZE", {}, 90)},
                   {}};
  DocumentEvents b{"b", "2022-09-13", {}, {Ev("b#e1", "shelling", "AZE", "ARM", {}, 0)}, {}};
  Assessment r = Assess(Kb(), {a, b}, {});
  ASSERT_EQ(r.ceasefires.size(), 1u);
  EXPECT_EQ(r.ceasefires[0].violations, std::vector<std::string>{"a#e3"});  // not a#e1 (before), not b#e1
  EXPECT_NE(r.ceasefires[0].reason.find("1 same-day event(s) in other documents"), std::string::npos);
}

// Regression: a store with a long war between the same parties (100,000 synthetic events in
// the serve benchmark) hung in the ceasefire pass, every ceasefire listing every later event.
// Each ceasefire now counts all its violations and lists the earliest kMaxListedViolations.
TEST(Assess, LongWarCeasefiresCountEveryViolationAndListTheEarliest) {
  std::vector<DocumentEvents> docs;
  for (int day = 1; day <= 28; ++day) {
    char date[16];
    std::snprintf(date, sizeof date, "2023-02-%02d", day);
    DocumentEvents d{"d" + std::to_string(day), date, {}, {}, {}};
    extract::Event cf = Ev(d.doc_id + "#cf", "ceasefire", "TUR", "", {}, 0);
    cf.parties = {"RUS", "UKR"};
    d.events.push_back(cf);
    for (int i = 1; i <= 100; ++i)
      d.events.push_back(Ev(d.doc_id + "#e" + std::to_string(i), "shelling", i % 2 ? "RUS" : "UKR",
                            i % 2 ? "UKR" : "RUS", {}, static_cast<uint32_t>(10 * i)));
    docs.push_back(std::move(d));
  }
  Assessment r = Assess(Kb(), docs, {});
  ASSERT_EQ(r.ceasefires.size(), 28u);
  const Ceasefire& first = r.ceasefires.front();
  EXPECT_TRUE(first.violated);
  EXPECT_EQ(first.violation_count, 2800);  // its own day's 100 follow it in the same document
  ASSERT_EQ(first.violations.size(), kMaxListedViolations);
  EXPECT_EQ(first.violations.front(), "d1#e1");  // the earliest first
  EXPECT_NE(first.reason.find("2800 violent event(s)"), std::string::npos);
  EXPECT_EQ(r.ceasefires.back().violation_count, 100);
}

TEST(Assess, AsOfAndUndatedEventsAreLeftOutWithWarnings) {
  DocumentEvents d{"d", "", {},
                   {Ev("d#e1", "shelling", "AZE", "ARM", {At("Goris", "ARM", "sovereign", 39.5)})}, {}};
  d.events[0].date = "2022-09-14";
  DocumentEvents u{"u", "", {}, {Ev("u#e1", "shelling", "AZE", "ARM", {})}, {}};
  AssessOptions opt;
  opt.as_of = "2022-09-13";
  Assessment a = Assess(Kb(), {d, u}, opt);
  EXPECT_EQ(a.events_after_as_of, 1);
  EXPECT_EQ(a.events_undated, 1);
  EXPECT_EQ(a.warnings.size(), 2u);
  EXPECT_TRUE(a.treaty_triggers.empty());
}

TEST(Assess, CasualtiesRisingOverTheWindow) {
  DocumentEvents d1{"d1", "2022-09-10", {},
                    {Ev("d1#e1", "shelling", "AZE", "ARM", {At("Goris", "ARM", "sovereign", 39.5, "Syunik")})}, {}};
  DocumentEvents d2{"d2", "2022-09-12", {},
                    {Ev("d2#e1", "shelling", "AZE", "ARM", {At("Jermuk", "ARM", "sovereign", 39.8, "Vayots Dzor")})}, {}};
  extract::Casualty c1;
  c1.id = "d1#c1";
  c1.event_id = "d1#e1";
  c1.count = 4;
  c1.side = "ARM";
  c1.victims = "killed";
  extract::Casualty c2 = c1, c3 = c1;
  c2.id = "d2#c1";
  c2.event_id = "d2#e1";
  c2.count = 6;
  c3.id = "d2#c2";  // the same figure reported twice is counted once (highest claim)
  c3.event_id = "d2#e1";
  c3.count = 5;
  d1.casualties = {c1};
  d2.casualties = {c2, c3};
  AssessOptions opt;
  opt.window_days = 7;
  Assessment a = Assess(Kb(), {d1, d2}, opt);
  const Alert* rising = nullptr;
  const Alert* spread = nullptr;
  for (const Alert& al : a.alerts) {
    if (al.type == "casualties_rising") rising = &al;
    if (al.type == "spread_new_region") spread = &al;
  }
  ASSERT_NE(rising, nullptr) << ReportJson(a);
  EXPECT_EQ(rising->severity, "medium");
  EXPECT_NE(rising->message.find("4 on 2022-09-10, 6 on 2022-09-12"), std::string::npos) << rising->message;
  ASSERT_NE(spread, nullptr);
  EXPECT_NE(spread->message.find("Vayots Dzor"), std::string::npos);
  // A window that leaves the first day out: no trend.
  opt.window_days = 2;
  Assessment b = Assess(Kb(), {d1, d2}, opt);
  for (const Alert& al : b.alerts) EXPECT_NE(al.type, "casualties_rising");
}

TEST(RecordsIn, ReadsExtractRecords) {
  std::istringstream in(
      "{\"record\":\"document\",\"doc_id\":\"x\",\"date\":\"2022-09-13\",\"frame\":[\"AZE\",\"ARM\"]}\n"
      "\n"
      "{\"record\":\"event\",\"id\":\"x#e1\",\"doc_id\":\"x\",\"kind\":\"shelling\",\"actor1\":{\"code\":\"AZE\","
      "\"type\":\"state\",\"inferred\":true},\"actor2\":null,\"places\":[{\"name\":\"Goris\",\"lat\":39.5,\"lon\":46.3,"
      "\"country\":\"ARM\",\"admin1\":\"Syunik\",\"territory\":\"sovereign\",\"span\":[1,6]}],\"date\":\"2022-09-13\","
      "\"modality\":\"asserted\",\"evidence\":{\"field\":\"text\",\"start\":0,\"end\":10,\"sentence\":\"s\",\"trigger\":[0,3]}}\n"
      "{\"record\":\"casualty\",\"id\":\"x#c1\",\"doc_id\":\"x\",\"event_id\":\"x#e1\",\"count\":7,\"min\":7,\"max\":null}\n");
  std::vector<DocumentEvents> docs;
  ASSERT_TRUE(ReadExtractRecords(in, "t.jsonl", docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].frame, (std::vector<std::string>{"AZE", "ARM"}));
  ASSERT_EQ(docs[0].events.size(), 1u);
  const extract::Event& e = docs[0].events[0];
  EXPECT_TRUE(e.violent) << "from data/codes/kinds.tsv";
  EXPECT_TRUE(e.actor1->inferred);
  EXPECT_FALSE(e.actor2.has_value());
  EXPECT_EQ(e.places.at(0).admin1, "Syunik");
  EXPECT_EQ(docs[0].casualties.at(0).min, 7);
  EXPECT_FALSE(docs[0].casualties.at(0).max.has_value());

  std::istringstream bad("{\"record\":\"document\",\"doc_id\":\"x\"}\n{oops\n");
  Status st = ReadExtractRecords(bad, "t.jsonl", docs);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("t.jsonl:2"), std::string::npos) << st.message();
}

// Found by fuzz_records: a field of the wrong type ("inferred": "yes") threw out of
// ReadExtractRecords and aborted `tocsin assess`. It is an error naming the line, the record and
// the field; the line is skipped and the others read.
TEST(AssessRecords, AFieldOfTheWrongTypeIsAnErrorNamingTheLine) {
  std::vector<DocumentEvents> docs;
  std::istringstream in(
      "{\"record\":\"document\",\"doc_id\":\"x\",\"date\":\"2022-09-13\"}\n"
      "{\"record\":\"event\",\"doc_id\":\"x\",\"id\":\"x#e1\",\"kind\":\"shelling\","
      "\"actor1\":{\"code\":\"AZE\",\"inferred\":\"yes\"}}\n"
      "{\"record\":\"event\",\"doc_id\":\"x\",\"id\":\"x#e2\",\"kind\":\"shelling\",\"violent\":\"yes\"}\n"
      "{\"record\":\"event\",\"doc_id\":\"x\",\"id\":\"x#e3\",\"kind\":\"shelling\"}\n");
  Status st = ReadExtractRecords(in, "t.jsonl", docs);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "t.jsonl:2: event record \"x#e1\": field \"actor1.inferred\": expected true or false, "
            "got a string (\"yes\")");
  ASSERT_EQ(docs.size(), 1u);
  ASSERT_EQ(docs[0].events.size(), 1u) << "the good line after the bad ones is read";
  EXPECT_EQ(docs[0].events[0].id, "x#e3");

  // With a sink, every bad line is reported.
  std::istringstream again(in.str());
  std::vector<DocumentEvents> docs2;
  std::vector<std::string> errors;
  st = ReadExtractRecords(again, "t.jsonl", docs2, [&](const Status& e) { errors.push_back(e.message()); });
  EXPECT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[1],
            "t.jsonl:3: event record \"x#e2\": field \"violent\": expected true or false, got a "
            "string (\"yes\")");

  auto e = EventFromJson(
      "{\"record\":\"event\",\"id\":\"x#e1\",\"kind\":\"shelling\",\"violent\":\"no\"}");
  EXPECT_FALSE(e.ok());
  // Offsets out of range (1e52, -5) are errors, never undefined behaviour (before: read as 0).
  auto far = EventFromJson(
      "{\"record\":\"event\",\"id\":\"x#e2\",\"kind\":\"shelling\",\"evidence\":{\"start\":-5,"
      "\"end\":1e52,\"trigger\":[1.6e52,7]}}");
  ASSERT_FALSE(far.ok());
  EXPECT_NE(far.status().message().find("field \"evidence.start\": expected a byte offset"),
            std::string::npos)
      << far.status().message();
}

}  // namespace
}  // namespace tocsin::assess

namespace tocsin::assess {
namespace {

// Coverage rules on a copy of the knowledge base with facts added for the test.
class CoverageRules : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("tocsin-coverage-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    for (const auto& e : std::filesystem::directory_iterator(std::string(TOCSIN_TEST_DIR) + "/../data/kb"))
      std::filesystem::copy_file(e.path(), dir_ / e.path().filename(),
                                 std::filesystem::copy_options::overwrite_existing);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void Append(const std::string& file, const std::string& line) {
    std::ofstream(dir_ / file, std::ios::app) << line << "\n";
  }
  KnowledgeBase Load() {
    auto kb = KnowledgeBase::Load(dir_.string());
    EXPECT_TRUE(kb.ok()) << kb.status().ToString();
    return kb.ok() ? std::move(*kb) : KnowledgeBase();
  }
  // ISWAP (a group) attacks Maiduguri, Nigeria, a party to the ECOWAS protocol of 1981.
  static std::vector<DocumentEvents> IswapInNigeria() {
    extract::Event e = Ev("d#e1", "armed_clash", "", "NGA", {At("Maiduguri", "NGA", "sovereign", 11.85)});
    extract::Actor g;
    g.code = "ISWAP";
    g.type = "nsa";
    g.agent = "REB";
    e.actor1 = g;
    return {DocumentEvents{"d", "2024-03-01", {}, {e}, {}}};
  }
  std::filesystem::path dir_;
};

TEST_F(CoverageRules, ExternallySupportedRebellionNeedsAnOutsideBacker) {
  {
    KnowledgeBase kb = Load();
    Assessment a = Assess(kb, IswapInNigeria(), AssessOptions{});
    const TreatyTrigger* t = Find(a, "ECOWAS-PMAD-1981", "4", "NGA");
    ASSERT_NE(t, nullptr) << ReportJson(a);
    EXPECT_EQ(t->verdict, "not_engaged");
    EXPECT_NE(t->reason.find("records no outside backer of ISWAP"), std::string::npos) << t->reason;
  }
  Append("group_links.tsv", "ISWAP\tLBY\tbacks\talleged\t2020-01-01\t\ttest fact");
  {
    KnowledgeBase kb = Load();
    Assessment a = Assess(kb, IswapInNigeria(), AssessOptions{});
    const TreatyTrigger* t = Find(a, "ECOWAS-PMAD-1981", "4", "NGA");
    ASSERT_NE(t, nullptr) << ReportJson(a);
    EXPECT_EQ(t->verdict, "contested");
    EXPECT_FALSE(t->conditions_met);
    EXPECT_EQ(t->covered_by, "external_rebellion");
    EXPECT_NE(t->contested.find("only alleged: LBY"), std::string::npos) << t->contested;
  }
  SetUp();
  Append("group_links.tsv", "ISWAP\tLBY\tbacks\testablished\t2020-01-01\t\ttest fact");
  {
    KnowledgeBase kb = Load();
    Assessment a = Assess(kb, IswapInNigeria(), AssessOptions{});
    const TreatyTrigger* t = Find(a, "ECOWAS-PMAD-1981", "4", "NGA");
    ASSERT_NE(t, nullptr) << ReportJson(a);
    EXPECT_EQ(t->verdict, "engaged");
    EXPECT_TRUE(t->conditions_met);
  }
  SetUp();
  // A backer that is itself a party is not support "from outside".
  Append("group_links.tsv", "ISWAP\tNER\tbacks\testablished\t2020-01-01\t\ttest fact");
  {
    KnowledgeBase kb = Load();
    Assessment a = Assess(kb, IswapInNigeria(), AssessOptions{});
    const TreatyTrigger* t = Find(a, "ECOWAS-PMAD-1981", "4", "NGA");
    ASSERT_NE(t, nullptr) << ReportJson(a);
    EXPECT_EQ(t->verdict, "not_engaged");
  }
}

TEST(Assess, AGroupCodeWithoutATypeIsAGroupNotAState) {
  // Records read back without `type` (an older JSONL): FLA has three capital letters like a
  // state code, but groups.tsv knows it, so the AES rebellion clause applies.
  extract::Event e = Ev("d#e1", "armed_clash", "FLA", "MLI", {At("Kidal", "MLI", "sovereign", 18.44)});
  e.actor1->type.clear();
  Assessment a = Assess(Kb(), {DocumentEvents{"d", "2025-02-01", {}, {e}, {}}}, AssessOptions{});
  const TreatyTrigger* t = Find(a, "AES-2023", "5", "MLI");
  ASSERT_NE(t, nullptr) << ReportJson(a);
  EXPECT_EQ(t->verdict, "engaged");
  EXPECT_NE(t->reason.find("FLA (a non-state armed group)"), std::string::npos) << t->reason;
}

TEST_F(CoverageRules, RemovingTheContestedMarkDecides) {
  // The verdict follows the data: with `non_state_attack` no longer marked contested, SADC
  // art. 6 is engaged for an M23 attack near Goma.
  extract::Event e = Ev("d#e1", "armed_clash", "", "COD", {At("Goma", "COD", "sovereign", -1.68)});
  extract::Actor g;
  g.code = "M23";
  g.type = "nsa";
  e.actor1 = g;
  std::vector<DocumentEvents> docs = {DocumentEvents{"d", "2025-01-26", {}, {e}, {}}};
  {
    Assessment a = Assess(Kb(), docs, AssessOptions{});
    const TreatyTrigger* t = Find(a, "SADC-MDP-2003", "6", "COD");
    ASSERT_NE(t, nullptr) << ReportJson(a);
    EXPECT_EQ(t->verdict, "contested");
    EXPECT_EQ(t->events, std::vector<std::string>{"d#e1"});
    EXPECT_TRUE(t->not_counted.empty());
  }
  std::string clauses;
  {
    std::ifstream in(dir_ / "clauses.tsv");
    clauses.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  size_t row = clauses.find("SADC-MDP-2003\t6\t");
  ASSERT_NE(row, std::string::npos);
  size_t mark = clauses.find("territory|non_state_attack?\t", row);
  ASSERT_NE(mark, std::string::npos);
  size_t end = clauses.find('\t', mark + 28);  // the end of the `contested` column
  clauses.replace(mark, end - mark, "territory|non_state_attack\t");
  std::ofstream(dir_ / "clauses.tsv") << clauses;
  KnowledgeBase kb = Load();
  Assessment a = Assess(kb, docs, AssessOptions{});
  const TreatyTrigger* t = Find(a, "SADC-MDP-2003", "6", "COD");
  ASSERT_NE(t, nullptr) << ReportJson(a);
  EXPECT_EQ(t->verdict, "engaged");
  EXPECT_TRUE(t->contested.empty());
}

}  // namespace
}  // namespace tocsin::assess
