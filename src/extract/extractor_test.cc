// Unit tests of extractor behaviours that golden files do not pin down on their own.
#include "tocsin/extract/extractor.h"

#include <gtest/gtest.h>

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

Document Doc(std::string text, std::string lang = "", std::string date = "2022-09-13") {
  Document d;
  d.id = "t";
  d.title = "";
  d.text = std::move(text);
  d.lang = std::move(lang);
  d.date = std::move(date);
  return d;
}

TEST(Extractor, UnsupportedLanguageGivesAWarningAndNoEvents) {
  Extraction x = Shared().Extract(
      Doc("El ejército bombardeó la ciudad durante la noche y hubo muchos muertos en la zona."));
  EXPECT_EQ(x.lang, "es");
  EXPECT_TRUE(x.events.empty());
  ASSERT_EQ(x.warnings.size(), 1u);
  EXPECT_NE(x.warnings[0].find("not supported"), std::string::npos);
}

TEST(Extractor, EvidenceOffsetsPointAtTheSentence) {
  Document d = Doc("Premier paragraphe sans rien.\nL'armée russe a bombardé Kharkiv hier.", "fr");
  Extraction x = Shared().Extract(d);
  ASSERT_FALSE(x.events.empty());
  const Event& e = x.events[0];
  EXPECT_EQ(d.text.substr(e.evidence.start, e.evidence.end - e.evidence.start),
            e.evidence.sentence);
  EXPECT_EQ(d.text.substr(e.evidence.trigger_start, e.evidence.trigger_end - e.evidence.trigger_start),
            "bombardé");
  EXPECT_EQ(e.date, "2022-09-12");
  EXPECT_EQ(e.date_basis, "text");
}

TEST(Extractor, EmptyAndWhitespaceDocumentsGiveNothing) {
  EXPECT_TRUE(Shared().Extract(Doc("", "fr")).events.empty());
  EXPECT_TRUE(Shared().Extract(Doc(" \n\n \t", "en")).events.empty());
}

TEST(Extractor, DeniedShellingIsNotAsserted) {
  Extraction x = Shared().Extract(Doc("Baku denied shelling Armenian villages near Sotk.", "en"));
  ASSERT_FALSE(x.events.empty());
  EXPECT_EQ(x.events[0].kind, "shelling");
  EXPECT_EQ(x.events[0].modality, "denied");
}

TEST(Extractor, NagornoKarabakhIn2020IsDisputed) {
  Extraction x = Shared().Extract(
      Doc("Les forces azerbaïdjanaises ont bombardé Stepanakert dans la nuit.", "fr", "2020-10-04"));
  ASSERT_FALSE(x.events.empty());
  ASSERT_FALSE(x.events[0].places.empty());
  EXPECT_EQ(x.events[0].places[0].territory, "disputed");
  EXPECT_EQ(x.events[0].places[0].country, "AZE");
}

TEST(Extractor, LongTextWithoutPunctuationDoesNotBlowUp) {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "bombardements Goris et ";
  Extraction x = Shared().Extract(Doc(text, "fr"));
  // Cut into pieces of at most 256 tokens: one event per piece at most, each with a bounded
  // evidence sentence.
  EXPECT_LE(x.events.size(), 80000u / 128);
  for (const auto& e : x.events) EXPECT_LT(e.evidence.sentence.size(), 4096u);
}

}  // namespace
}  // namespace tocsin::extract
