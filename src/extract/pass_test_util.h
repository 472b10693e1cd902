// What the passes' unit tests share: the resources, loaded once per process, and one document
// analysed through a named pass. Internal to the extract module's tests.
#ifndef TOCSIN_SRC_EXTRACT_PASS_TEST_UTIL_H_
#define TOCSIN_SRC_EXTRACT_PASS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract::pass_test {

// fr, en and ru, with the gazetteer (TOCSIN_DATA_DIR, as ctest sets it).
inline const ExtractResources& Resources() {
  static const ExtractResources* resources = [] {
    auto loaded = ExtractResources::Load(ExtractorOptions{});
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().ToString();
      std::abort();
    }
    return std::move(loaded).value().release();
  }();
  return *resources;
}

// One document (text, language, publication date, title) analysed through the pass `through`
// ("" runs them all).
class Analysis {
 public:
  Analysis(std::string_view through, std::string text, std::string lang,
           std::string date = "2022-09-13", std::string title = "") {
    doc_.id = std::string(1, 't');  // (not = "t": a GCC 12 -Wrestrict false positive)
    doc_.title = std::move(title);
    doc_.text = std::move(text);
    doc_.lang = lang;
    doc_.date = std::move(date);
    const lexicon::Lexicon* lexicon = Resources().LexiconFor(doc_.lang);
    EXPECT_NE(lexicon, nullptr) << doc_.lang;
    da_ = std::make_unique<DocumentAnalysis>(doc_, doc_.lang, Resources(), *lexicon);
    RunPipeline(*da_, through);
  }
  Analysis(const Analysis&) = delete;  // the analysis refers to doc_
  Analysis& operator=(const Analysis&) = delete;
  DocumentAnalysis& operator*() { return *da_; }
  DocumentAnalysis* operator->() { return da_.get(); }

  // The text of tokens [first, end) of sentence `a`.
  static std::string Span(const SentenceAnalysis& a, uint32_t first, uint32_t end) {
    return std::string(a.span(first, end));
  }
  // The events' kinds, in order.
  std::vector<std::string> Kinds() const {
    std::vector<std::string> out;
    for (const auto& ce : da_->events) out.push_back(ce.event.kind);
    return out;
  }
  // The first event of that kind, or null.
  const CandidateEvent* Find(std::string_view kind) const {
    for (const auto& ce : da_->events)
      if (ce.event.kind == kind) return &ce;
    return nullptr;
  }

 private:
  Document doc_;
  std::unique_ptr<DocumentAnalysis> da_;
};

}  // namespace tocsin::extract::pass_test

#endif  // TOCSIN_SRC_EXTRACT_PASS_TEST_UTIL_H_
