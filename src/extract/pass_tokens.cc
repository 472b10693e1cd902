// Tokens pass: the title's and the text's tokens (text/), shared by every later pass.
#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {

void PassTokens(DocumentAnalysis& da) {
  da.title_tokens = text::Tokenize(da.doc.title);
  da.text_tokens = text::Tokenize(da.doc.text);
}

}  // namespace tocsin::extract
