// The extractor: its resources (resources.h) and, per document, the passes of pipeline.cc over
// one DocumentAnalysis; long documents are cut into parts by long_document.cc.
#include "tocsin/extract/extractor.h"

#include <memory>
#include <string>
#include <utility>

#include "document_analysis.h"
#include "passes.h"
#include "resources.h"

namespace tocsin::extract {

struct Extractor::Impl {
  std::unique_ptr<ExtractResources> resources;
};

Extractor::Extractor() : impl_(std::make_unique<Impl>()) {}
Extractor::~Extractor() = default;

StatusOr<std::unique_ptr<Extractor>> Extractor::Create(const ExtractorOptions& options) {
  auto resources = ExtractResources::Load(options);
  if (!resources.ok()) return resources.status();
  std::unique_ptr<Extractor> x(new Extractor());
  x->impl_->resources = std::move(resources).value();
  return x;
}

Extraction Extractor::ExtractWhole(const Document& doc, const std::string& lang) const {
  Extraction out;
  const ExtractResources& resources = *impl_->resources;
  out.lang = lang;
  const lexicon::Lexicon* lexicon = resources.LexiconFor(lang);
  if (!lexicon) {
    out.warnings.push_back("language \"" + lang +
                           "\" is not supported (supported: fr, en, ru); no events extracted");
    return out;
  }
  DocumentAnalysis da(doc, lang, resources, *lexicon);
  RunPipeline(da);
  if (da.frame.ranked) out.frame = {da.frame.aggressor, da.frame.defender};
  out.events.reserve(da.events.size());
  for (CandidateEvent& ce : da.events) out.events.push_back(std::move(ce.event));
  out.casualties = std::move(da.casualties);
  return out;
}

}  // namespace tocsin::extract
