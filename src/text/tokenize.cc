#include "tocsin/text/tokenize.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>

namespace tocsin::text {
namespace {

// Decodes one code point at `i` (input is valid UTF-8: readers validate it first). Returns the
// code point and advances `i`; a malformed byte yields U+FFFD and advances by one.
char32_t Decode(std::string_view s, size_t& i) {
  unsigned char c = s[i];
  if (c < 0x80) { ++i; return c; }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > s.size()) { ++i; return 0xFFFD; }
  char32_t cp = c & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Folding table for U+0000..U+052F (Latin, Greek, Cyrillic), built once with ICU: lower case,
// then the first code point of the canonical decomposition (the base letter). Outside the table,
// only u_tolower applies. Ligatures fold to two letters.
constexpr char32_t kTableSize = 0x530;
struct FoldTable {
  std::array<char32_t, kTableSize> base{};
  FoldTable() {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
    for (char32_t c = 0; c < kTableSize; ++c) {
      char32_t lower = u_tolower(c);
      base[c] = lower;
      if (U_SUCCESS(err) && lower >= 0x80) {
        icu::UnicodeString decomposed;
        if (nfd->getDecomposition(lower, decomposed) && decomposed.length() > 0) {
          base[c] = decomposed.char32At(0);
        }
      }
    }
    base[0x0451] = 0x0435;  // ё -> е: Russian texts write both
    base[0x0401] = 0x0435;
    base[0x0439] = 0x0439;  // й stays a letter of its own: "бой" is not "бои", "-ый" endings
    base[0x0419] = 0x0439;
  }
};

const FoldTable& Table() {
  static const FoldTable* table = new FoldTable();
  return *table;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }
bool IsWordChar(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK;
}

void AppendFolded(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return;
  }
  if (IsApostrophe(c)) { out += '\''; return; }
  switch (c) {
    case 0x0152: case 0x0153: out += "oe"; return;
    case 0x00C6: case 0x00E6: out += "ae"; return;
    case 0x00DF: out += "ss"; return;
  }
  char32_t f = c < kTableSize ? Table().base[c] : static_cast<char32_t>(u_tolower(c));
  Encode(f, out);
}

// French/Italian elided articles and pronouns split before a vowel-initial word.
bool IsElision(std::string_view folded) {
  static constexpr std::string_view kElisions[] = {"l", "d", "j", "n", "s", "c", "m", "t", "qu",
                                                   "jusqu", "lorsqu", "puisqu", "quoiqu"};
  for (auto e : kElisions)
    if (folded == e) return true;
  return false;
}

// Whether the sentence break at byte `b` (after the whitespace that follows a '.') comes after a
// Russian abbreviation or initial that ICU's root rules take for a sentence end before a
// capital or a digit: "г. Горис", "ст. 4 Договора", "т. е.", "В. В. Путин". "2022 г." stays a
// possible sentence end (the year before it), and so does a line break.
bool RussianAbbreviationBefore(std::string_view text, size_t b) {
  static constexpr std::string_view kAbbrev[] = {
      "г", "гг", "ст", "им", "ул", "пос", "обл", "ген", "св", "проф", "т.е", "т.к", "т.н", "т.ч",
      "см", "напр", "тыс", "млн", "млрд", "чел", "руб", "долл", "пр", "пл", "д", "с", "корр",
      "зам", "нач", "ок", "р", "пгт", "п", "к", "м", "ч", "кв", "окр", "р-н", "рис", "гл"};
  size_t i = b;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\r' ||
                   static_cast<unsigned char>(text[i - 1]) == 0xA0 ||
                   static_cast<unsigned char>(text[i - 1]) == 0xC2))
    --i;
  if (i == b || i == 0 || text[i - 1] != '.') return false;
  const size_t dot = i - 1;
  size_t start = dot;
  // The word before the dot: letters (multi-byte), inner dots and hyphens ("т.е", "р-н").
  while (start > 0) {
    unsigned char c = static_cast<unsigned char>(text[start - 1]);
    if (c >= 0x80 || c == '.' || c == '-' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
      --start;
      continue;
    }
    break;
  }
  if (start == dot) return false;
  std::string_view word = text.substr(start, dot - start);
  size_t k = 0;
  const char32_t first = Decode(word, k);
  if (first < 0x0400 || first > 0x04FF) return false;  // Cyrillic only
  if (k == word.size() && (u_isupper(first) || first == 0x0451)) return true;  // an initial
  std::string folded = FoldWord(word);
  bool known = false;
  for (auto a : kAbbrev) known |= folded == a;
  if (!known) return false;
  if (folded == "г" || folded == "гг") {  // "2022 г." may end a sentence; "г. Горис" does not
    size_t j = start;
    while (j > 0 && text[j - 1] == ' ') --j;
    if (j > 0 && text[j - 1] >= '0' && text[j - 1] <= '9') return false;
  }
  return true;
}

}  // namespace

std::string FoldWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  for (size_t i = 0; i < word.size();) AppendFolded(Decode(word, i), out);
  return out;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5);
  size_t i = 0;
  bool pending_hyphen = false;
  while (i < text.size()) {
    size_t start = i;
    char32_t c = Decode(text, i);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x202F ||
        u_isUWhiteSpace(c)) {
      pending_hyphen = false;
      continue;
    }
    if (IsWordChar(c)) {
      Token t;
      t.start = static_cast<uint32_t>(start);
      t.capitalized = u_isupper(c) || u_istitle(c);
      bool digits = u_isdigit(c);
      AppendFolded(c, t.folded);
      // A word runs over letters, digits and marks; an apostrophe ends it (elision) or, in
      // English, starts a clitic; digits may contain "," "." or a thin space between groups.
      while (i < text.size()) {
        size_t j = i;
        char32_t d = Decode(text, j);
        if (IsWordChar(d)) {
          AppendFolded(d, t.folded);
          digits = digits && u_isdigit(d);
          i = j;
          continue;
        }
        if (digits && (d == ',' || d == '.' || d == 0x202F || d == 0xA0) && j < text.size()) {
          size_t k = j;
          char32_t e = Decode(text, k);
          if (u_isdigit(e)) {  // "1,200" / "1 200": keep the digits, drop the separator
            i = j;
            continue;
          }
        }
        if (IsApostrophe(d) && !digits) {
          if (IsElision(t.folded)) {  // l' d' qu' ...: the apostrophe belongs to this token
            t.folded += '\'';
            i = j;
          }
        }
        break;
      }
      t.end = static_cast<uint32_t>(i);
      t.is_number = digits;
      t.hyphen_before = pending_hyphen;
      pending_hyphen = false;
      tokens.push_back(std::move(t));
      continue;
    }
    if (IsHyphen(c) && !tokens.empty() && tokens.back().end == start && i < text.size()) {
      size_t j = i;
      if (IsWordChar(Decode(text, j))) {  // word-internal hyphen: not a token
        pending_hyphen = true;
        continue;
      }
    }
    if (IsApostrophe(c) && !tokens.empty() && tokens.back().end == start) {
      // English clitics: "Russia's", "didn't" -> "'s", "n't" tokens.
      size_t j = i;
      std::string clitic = "'";
      while (j < text.size()) {
        size_t k = j;
        char32_t d = Decode(text, k);
        if (!IsWordChar(d)) break;
        AppendFolded(d, clitic);
        j = k;
      }
      if (clitic == "'s" || clitic == "'t" || clitic == "'re" || clitic == "'ve" ||
          clitic == "'ll" || clitic == "'d") {
        Token t;
        t.start = static_cast<uint32_t>(start);
        t.end = static_cast<uint32_t>(j);
        t.folded = clitic;
        tokens.push_back(std::move(t));
        i = j;
        continue;
      }
    }
    Token t;
    t.start = static_cast<uint32_t>(start);
    t.end = static_cast<uint32_t>(i);
    t.is_punct = true;
    AppendFolded(c, t.folded);
    tokens.push_back(std::move(t));
    pending_hyphen = false;
  }
  return tokens;
}

std::vector<Sentence> SplitSentences(std::string_view text, const std::vector<Token>& tokens) {
  constexpr uint32_t kMaxSentenceTokens = 256;
  std::vector<uint32_t> breaks;  // sentence end offsets
  {
    UErrorCode err = U_ZERO_ERROR;
    // ICU's sentence rules in the root locale; the iterator reads the UTF-8 bytes in place, so
    // its boundaries are byte offsets. One iterator per thread: creation is costly and an
    // iterator is not thread-safe.
    thread_local std::unique_ptr<icu::BreakIterator> iterator = [] {
      UErrorCode e = U_ZERO_ERROR;
      return std::unique_ptr<icu::BreakIterator>(
          icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), e));
    }();
    icu::BreakIterator* it = iterator.get();
    UText* ut = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &err);
    if (it && U_SUCCESS(err)) {
      it->setText(ut, err);
      for (int32_t b = it->next(); b != icu::BreakIterator::DONE && U_SUCCESS(err); b = it->next())
        breaks.push_back(static_cast<uint32_t>(b));
    }
    utext_close(ut);
  }
  breaks.erase(std::remove_if(breaks.begin(), breaks.end(),
                              [&](uint32_t b) {
                                return b < text.size() && RussianAbbreviationBefore(text, b);
                              }),
               breaks.end());
  if (breaks.empty() || breaks.back() != text.size()) breaks.push_back(text.size());
  // Every newline also ends a sentence (titles, list items, paragraphs without a final stop).
  std::vector<uint32_t> all;
  size_t b = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    while (b < breaks.size() && breaks[b] <= i) all.push_back(breaks[b++]);
    if (text[i] == '\n') all.push_back(static_cast<uint32_t>(i + 1));
  }
  while (b < breaks.size()) all.push_back(breaks[b++]);

  std::vector<Sentence> sentences;
  uint32_t start = 0;
  size_t tk = 0;
  for (uint32_t end : all) {
    if (end <= start) continue;
    Sentence s;
    s.first_token = static_cast<uint32_t>(tk);
    while (tk < tokens.size() && tokens[tk].end <= end) ++tk;
    s.end_token = static_cast<uint32_t>(tk);
    // A "sentence" of more than kMaxSentenceTokens tokens is a list, a table or text without
    // punctuation: it is cut into pieces (at a comma when one is near the limit), which keeps
    // the per-sentence analysis, quadratic in places, bounded.
    while (s.end_token > s.first_token) {
      Sentence piece = s;
      if (piece.end_token - piece.first_token > kMaxSentenceTokens) {
        uint32_t cut = piece.first_token + kMaxSentenceTokens;
        for (uint32_t k = cut; k > piece.first_token + kMaxSentenceTokens / 2; --k)
          if (tokens[k - 1].is_punct) {
            cut = k;
            break;
          }
        piece.end_token = cut;
      }
      piece.start = tokens[piece.first_token].start;
      piece.end = tokens[piece.end_token - 1].end;
      sentences.push_back(piece);
      s.first_token = piece.end_token;
    }
    start = end;
  }
  return sentences;
}

}  // namespace tocsin::text
