// Clauses pass: each sentence's cue mentions and the tokens where its clauses start (";", ":",
// clause cues, a relative "où").
#include <algorithm>
#include <string>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

void Clauses(SentenceAnalysis& a) {
  const std::vector<text::Token>& tokens = *a.tokens;
  const std::vector<lexicon::Match>& ms = a.matches;
  const uint32_t begin = a.sentence.first_token, end = a.sentence.end_token;
  // Clauses: ';' and clause cues split a sentence.
  a.clause_starts.push_back(begin);
  for (const auto& m : ms) {
    if (m.entry->klass == lexicon::Class::kCue) {
      CueMention c{m.first, m.end, std::string(m.entry->Get("type"))};
      a.cues.push_back(c);
      if (c.type == "clause" && m.first > begin) a.clause_starts.push_back(m.first);
    }
  }
  for (uint32_t i = begin; i < end; ++i) {
    if (tokens[i].is_punct && (tokens[i].folded == ";" || tokens[i].folded == ":"))
      a.clause_starts.push_back(i + 1);
    // ", où des frappes ont visé ...": a relative clause with its own predicate. Only the
    // accented "où" (where), not "ou" (or): both fold alike, so look at the original bytes.
    if (i > begin && tokens[i - 1].folded == "," && a.span(i, i + 1) == "o\u00f9")
      a.clause_starts.push_back(i);
  }
  std::sort(a.clause_starts.begin(), a.clause_starts.end());
  a.clause_starts.erase(std::unique(a.clause_starts.begin(), a.clause_starts.end()),
                        a.clause_starts.end());
}

}  // namespace

void PassClauses(DocumentAnalysis& da) {
  for (auto& a : da.sentences) Clauses(a);
}

}  // namespace tocsin::extract
