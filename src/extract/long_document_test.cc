// Long documents are extracted as parts (long_document.cc): the records must read as those of
// one document: ids in order, evidence and place offsets into the whole text, tolls linked to
// their events, nothing lost at the cuts.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tocsin/extract/extractor.h"

namespace tocsin::extract {
namespace {

const Extractor& Shared() {
  static const Extractor* x = [] {
    auto made = Extractor::Create({});
    EXPECT_TRUE(made.ok()) << made.status().ToString();
    return made.ok() ? std::move(made).value().release() : nullptr;
  }();
  return *x;
}

// `n` numbered sentences, one event and one toll each, on lines of ten sentences.
Document Repeated(size_t n) {
  Document d;
  d.id = "long";
  d.title = "Shelling of Kharkiv";
  d.date = "2022-09-13";
  d.lang = "en";
  for (size_t i = 0; i < n; ++i) {
    d.text += "Russian forces shelled Kharkiv on Monday, killing three civilians.";
    d.text += i % 10 == 9 ? "\n" : " ";
  }
  return d;
}

TEST(LongDocument, RecordsOfThePartsReadAsOneDocument) {
  // 2.9 MB: cut into parts of about 1 MiB.
  const Document d = Repeated(44000);
  ASSERT_GT(d.text.size(), size_t{2} << 20);
  const Extraction x = Shared().Extract(d);
  // One shelling per sentence plus the title's: no sentence lost or read twice at a cut.
  ASSERT_EQ(x.events.size(), 44001u);
  ASSERT_EQ(x.casualties.size(), 44000u);
  EXPECT_EQ(x.lang, "en");
  EXPECT_EQ(x.frame, Shared().Extract(Repeated(20)).frame);  // the first part's
  std::set<std::string> ids;
  for (size_t i = 0; i < x.events.size(); ++i) {
    const Event& e = x.events[i];
    ASSERT_EQ(e.id, "long#e" + std::to_string(i + 1));
    ids.insert(e.id);
    const std::string& field = e.evidence.field == "title" ? d.title : d.text;
    ASSERT_LE(e.evidence.end, field.size());
    ASSERT_EQ(field.substr(e.evidence.start, e.evidence.end - e.evidence.start), e.evidence.sentence)
        << e.id;
    ASSERT_EQ(field.substr(e.evidence.trigger_start, e.evidence.trigger_end - e.evidence.trigger_start),
              e.evidence.field == "title" ? "Shelling" : "shelled")
        << e.id;
    ASSERT_FALSE(e.places.empty()) << e.id;
    for (const Place& p : e.places) ASSERT_EQ(field.substr(p.start, p.end - p.start), "Kharkiv") << e.id;
  }
  for (size_t i = 0; i < x.casualties.size(); ++i) {
    const Casualty& c = x.casualties[i];
    ASSERT_EQ(c.id, "long#c" + std::to_string(i + 1));
    ASSERT_EQ(c.count, 3);
    ASSERT_TRUE(ids.count(c.event_id)) << c.id << " -> " << c.event_id;
    ASSERT_EQ(d.text.substr(c.evidence.start, c.evidence.end - c.evidence.start), c.evidence.sentence);
  }
  // Each toll belongs to the event of its own sentence.
  EXPECT_EQ(x.casualties.back().event_id, x.events.back().id);
}

TEST(LongDocument, ADocumentUnderTheBoundIsOnePart) {
  // 1.4 MB: one part, whatever the cores; the same records as always.
  const Document d = Repeated(21000);
  const Extraction x = Shared().Extract(d);
  ASSERT_EQ(x.events.size(), 21001u);
  EXPECT_EQ(x.casualties.back().event_id, x.events.back().id);
}

}  // namespace
// Regression: a megabyte title (a JSON field, one long line) was read whole, as one position
// for salience, and extraction turned quadratic. Only its first 4 KiB are read, with a warning.
TEST(LongDocument, AHugeTitleIsReadOnlyForItsFirstKilobytes) {
  Document d;
  d.id = "t";
  d.date = "2022-09-13";
  d.lang = "en";
  for (int i = 0; i < 20000; ++i) d.title += "Russian forces shelled Kharkiv on Monday. ";
  d.text = "Azerbaijani forces shelled Jermuk.";
  const Extraction x = Shared().Extract(d);
  size_t title_events = 0;
  for (const Event& e : x.events) {
    if (e.evidence.field != "title") continue;
    ++title_events;
    EXPECT_LE(e.evidence.end, 4096u);
  }
  EXPECT_GE(title_events, 1u);
  EXPECT_LE(title_events, 4096u / 40);
  bool warned = false;
  for (const auto& w : x.warnings) warned |= w.find("only its first") != std::string::npos;
  EXPECT_TRUE(warned);
  bool jermuk = false;
  for (const Event& e : x.events) jermuk |= e.evidence.field == "text";
  EXPECT_TRUE(jermuk);
}

}  // namespace tocsin::extract
