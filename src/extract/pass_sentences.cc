// Sentences pass: the sentences of the title and the text (cut into pieces when too long), each
// with its lexicon matches (an acronym that is also a common word only in capitals) and the
// tokens that actor names cover.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

// True when every letter of the span is upper case ("UN", "EU", "U.S.").
bool AllUpper(std::string_view s) {
  bool any = false;
  for (unsigned char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') any = true;
  }
  return any;
}

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

SentenceAnalysis Sentence(const DocumentAnalysis& da, std::string_view field, std::string_view source,
                          const std::vector<text::Token>& tokens, const text::Sentence& sentence) {
  SentenceAnalysis a;
  a.field = std::string(field);
  a.source = source;
  a.tokens = &tokens;
  a.sentence = sentence;
  const uint32_t begin = sentence.first_token, end = sentence.end_token;
  a.matches = da.lexicon.Scan(tokens, begin, end);
  // Acronyms that are also common words must be written in capitals.
  a.matches.erase(std::remove_if(a.matches.begin(), a.matches.end(),
                                 [&](const lexicon::Match& m) {
                                   if (m.entry->Get("cap") == "1" && !tokens[m.first].capitalized)
                                     return true;
                                   return m.entry->Get("upper") == "1" &&
                                          !AllUpper(a.span(m.first, m.end));
                                 }),
                  a.matches.end());
  const auto& ms = a.matches;

  a.covered_by_actor = text::SentenceFlags(begin, end);
  text::SentenceFlags& covered_by_actor = a.covered_by_actor;
  for (const auto& m : ms)
    if (m.entry->klass == lexicon::Class::kActor)
      for (uint32_t i = m.first; i < m.end; ++i) covered_by_actor[i] = true;
  return a;
}

}  // namespace

void PassSentences(DocumentAnalysis& da) {
  const Document& doc = da.doc;
  for (const auto& s : BoundedSentences(text::SplitSentences(doc.title, da.title_tokens), da.title_tokens))
    da.sentences.push_back(Sentence(da, "title", doc.title, da.title_tokens, s));
  for (const auto& s : BoundedSentences(text::SplitSentences(doc.text, da.text_tokens), da.text_tokens))
    da.sentences.push_back(Sentence(da, "text", doc.text, da.text_tokens, s));
}

}  // namespace tocsin::extract
