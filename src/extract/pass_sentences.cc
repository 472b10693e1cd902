// Sentences pass: the sentences of the title and the text, each analysed (analyze.cc).
#include <algorithm>
#include <vector>

#include "document_analysis.h"
#include "internal.h"
#include "passes.h"

namespace tocsin::extract {
namespace {
// Per-sentence bound (doc/input-formats.md, "Limits"): the analysis of a sentence compares its
// matches pairwise, so a "sentence" of a whole unpunctuated document would cost its length
// squared. Longer ones are analysed as consecutive pieces of kMaxSentenceTokens tokens.
constexpr uint32_t kMaxSentenceTokens = 400;

std::vector<text::Sentence> BoundedSentences(std::vector<text::Sentence> sentences,
                                             const std::vector<text::Token>& tokens) {
  bool long_one = false;
  for (const auto& s : sentences) long_one |= s.end_token - s.first_token > kMaxSentenceTokens;
  if (!long_one) return sentences;
  std::vector<text::Sentence> out;
  for (const auto& s : sentences) {
    if (s.end_token - s.first_token <= kMaxSentenceTokens) {
      out.push_back(s);
      continue;
    }
    for (uint32_t f = s.first_token; f < s.end_token; f += kMaxSentenceTokens) {
      text::Sentence piece;
      piece.first_token = f;
      piece.end_token = std::min(f + kMaxSentenceTokens, s.end_token);
      piece.start = tokens[f].start;
      piece.end = tokens[piece.end_token - 1].end;
      out.push_back(piece);
    }
  }
  return out;
}

}  // namespace

void PassSentences(DocumentAnalysis& da) {
  const ExtractResources& res = da.resources;
  ExtractContext ctx{&da.lexicon, res.gazetteer.get(), res.territory.get(), res.kinds,
                     res.options.non_political};
  if (da.has_toponyms) {
    ctx.title_toponyms = &da.title_toponyms;
    ctx.text_toponyms = &da.text_toponyms;
  }
  const Document& doc = da.doc;
  for (const auto& s : BoundedSentences(text::SplitSentences(doc.title, da.title_tokens), da.title_tokens))
    da.sentences.push_back(AnalyzeSentence(ctx, "title", doc.title, da.title_tokens, s));
  for (const auto& s : BoundedSentences(text::SplitSentences(doc.text, da.text_tokens), da.text_tokens))
    da.sentences.push_back(AnalyzeSentence(ctx, "text", doc.text, da.text_tokens, s));
}

}  // namespace tocsin::extract
