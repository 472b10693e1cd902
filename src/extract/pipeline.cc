// The pipeline: extraction's passes in order over one DocumentAnalysis.
#include "passes.h"

namespace tocsin::extract {

const std::vector<Pass>& Pipeline() {
  static const std::vector<Pass> kPasses = {
      {"tokens", PassTokens},
      {"sentences", PassSentences},
      {"clauses", PassClauses},
      {"triggers", PassTriggers},
      {"actors", PassActors},
      {"sources", PassSources},
      {"toponyms", PassToponyms},
      {"numbers", PassNumbers},
      {"dates", PassDates},
      {"frame", PassFrame},
      {"places", PassPlaces},
      {"subjects", PassSubjects},
      {"events", PassEvents},
      {"event_places", PassEventPlaces},
      {"targets", PassTargets},
      {"filter", PassFilter},
      {"kinds", PassKinds},
      {"attribution", PassAttribution},
      {"features", PassFeatures},
      {"reciprocal", PassReciprocal},
      {"protest_merge", PassProtestMerge},
      {"attack_merge", PassAttackMerge},
      {"salience", PassSalience},
      {"casualties", PassCasualties},
  };
  return kPasses;
}

void RunPipeline(DocumentAnalysis& da, std::string_view last) {
  for (const Pass& pass : Pipeline()) {
    pass.run(da);
    if (pass.name == last) break;
  }
}

}  // namespace tocsin::extract
