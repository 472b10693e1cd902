// Tokens and sentences with byte offsets into the original text.
//
// tocsin never rewrites a document's text: every span (token, sentence, evidence) is a pair of
// byte offsets into the original UTF-8 bytes, and matching works on a folded copy of each token
// (lower case, accents removed, apostrophes unified), as sentencepiece's normalizer keeps its
// offset map. Hyphens split words ("cessez-le-feu" -> cessez le feu) so that lexicon entries
// and gazetteer names written with spaces or hyphens match alike.
// Thread-safety: free functions, no shared mutable state.
#ifndef TOCSIN_TEXT_TOKENIZE_H_
#define TOCSIN_TEXT_TOKENIZE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tocsin::text {

struct Token {
  uint32_t start = 0, end = 0;  // byte span in the original text
  std::string folded;           // lower case, no accents; "l'" for French elisions
  bool capitalized = false;     // first letter is upper case
  bool is_number = false;       // digits ("50", "1,200", "2022")
  bool is_punct = false;        // one punctuation sign (, ; : . « » " ( ) ...)
  bool hyphen_before = false;   // joined to the previous token by a hyphen ("Haut-|Karabakh")
};

struct Sentence {
  uint32_t start = 0, end = 0;       // byte span, trailing whitespace excluded
  uint32_t first_token = 0, end_token = 0;  // [first_token, end_token) in the token vector
};

// One flag per token of a sentence, indexed by the token's index in the document: sized by the
// sentence, so that per-sentence work stays linear in the sentence (a vector sized by the
// sentence's last token index made every sentence cost the whole document before it).
class SentenceFlags {
 public:
  SentenceFlags(uint32_t first_token, uint32_t end_token)
      : first_(first_token), bits_(end_token > first_token ? end_token - first_token : 0, false) {}
  std::vector<bool>::reference operator[](uint32_t token) { return bits_[token - first_]; }
  bool operator[](uint32_t token) const { return bits_[token - first_]; }

 private:
  uint32_t first_;
  std::vector<bool> bits_;
};

// Lower-cases and strips accents of one UTF-8 word: "Azerbaïdjan" -> "azerbaidjan",
// "Œuvre" -> "oeuvre", "Ёлка" -> "елка" (Cyrillic й is kept: "Бой" -> "бой"). Apostrophes
// ’ ‘ ʼ become '.
std::string FoldWord(std::string_view word);

// Splits `text` into tokens (words, numbers, punctuation). French and English elisions are
// split off: "l’Azerbaïdjan" -> "l'" + "azerbaidjan", "d'artillerie" -> "d'" + "artillerie";
// English "'s" and "n't" likewise.
std::vector<Token> Tokenize(std::string_view text);

// Sentence spans (ICU sentence rules; every line break also ends a sentence), with their token
// ranges; a run of more than 256 tokens without a sentence end is cut into pieces. `tokens`
// must come from Tokenize(text).
std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens);

}  // namespace tocsin::text

#endif  // TOCSIN_TEXT_TOKENIZE_H_
