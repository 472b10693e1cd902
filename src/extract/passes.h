// The passes of extraction, in the order pipeline.cc runs them (src/extract/README.md says what
// each reads and writes). Each reads what earlier passes wrote into the DocumentAnalysis and
// adds its layer. Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_PASSES_H_
#define TOCSIN_SRC_EXTRACT_PASSES_H_

#include <string_view>
#include <vector>

#include "document_analysis.h"

namespace tocsin::extract {

void PassTokens(DocumentAnalysis& da);
void PassSentences(DocumentAnalysis& da);
void PassClauses(DocumentAnalysis& da);
void PassTriggers(DocumentAnalysis& da);
void PassActors(DocumentAnalysis& da);
void PassSources(DocumentAnalysis& da);
void PassToponyms(DocumentAnalysis& da);
void PassNumbers(DocumentAnalysis& da);
void PassDates(DocumentAnalysis& da);
void PassFrame(DocumentAnalysis& da);
void PassPlaces(DocumentAnalysis& da);
void PassSubjects(DocumentAnalysis& da);
void PassEvents(DocumentAnalysis& da);
void PassEventPlaces(DocumentAnalysis& da);
void PassTargets(DocumentAnalysis& da);
void PassFilter(DocumentAnalysis& da);
void PassKinds(DocumentAnalysis& da);
void PassAttribution(DocumentAnalysis& da);
void PassFeatures(DocumentAnalysis& da);
void PassReciprocal(DocumentAnalysis& da);
void PassProtestMerge(DocumentAnalysis& da);
void PassAttackMerge(DocumentAnalysis& da);
void PassSalience(DocumentAnalysis& da);
void PassCasualties(DocumentAnalysis& da);

struct Pass {
  std::string_view name;  // "tokens", "sentences", ... (the file pass_<name>.cc)
  void (*run)(DocumentAnalysis&);
};

// Every pass, in order.
const std::vector<Pass>& Pipeline();

// Runs the passes in order on `da`, through the one named `last` (every pass when empty; an
// unknown name runs every pass).
void RunPipeline(DocumentAnalysis& da, std::string_view last = {});

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_PASSES_H_
