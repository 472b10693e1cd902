// Dates pass: each sentence's time expression resolved against the publication date.
#include "document_analysis.h"
#include "internal.h"
#include "passes.h"

namespace tocsin::extract {

void PassDates(DocumentAnalysis& da) {
  for (auto& a : da.sentences) ResolveSentenceDate(a, da.doc.date);
}

}  // namespace tocsin::extract
