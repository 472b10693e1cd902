// FoldName: the normalisation shared by the gazetteer index and its queries.
#include <string>
#include <string_view>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include "tocsin/geo/gazetteer.h"

namespace tocsin::geo {
namespace {

// Appends `c` (a byte or code point already lower-cased), turning separators into one space.
inline bool IsAsciiSeparator(unsigned char c) {
  return c == ' ' || c == '\'' || c == '-' || c == '.' || c == '\t' || c == '\n' ||
         c == '\r' || c == '\f' || c == '\v' || c == '`';
}

bool IsSeparator(UChar32 c) {
  switch (c) {
    case 0x0027: case 0x2019: case 0x2018: case 0x02BC: case 0x02BB: case 0x0060:
    case 0x00B4: case 0x2032: case 0x002D: case 0x2010: case 0x2011: case 0x2012:
    case 0x2013: case 0x2014: case 0x2015: case 0x2212: case 0x00AD: case 0x002E:
    case 0x00B7: case 0x2027:
      return true;
    default:
      return u_isUWhiteSpace(c);
  }
}

std::string FoldAscii(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (unsigned char c : name) {
    if (IsAsciiSeparator(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
  }
  return out;
}

std::string FoldUnicode(std::string_view name) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) {
    nfkd->normalize(in, decomposed, status);
  }
  if (U_FAILURE(status)) decomposed = in;

  icu::UnicodeString folded;
  bool pending_space = false;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;
    if (IsSeparator(c)) {
      pending_space = !folded.isEmpty();
      continue;
    }
    if (pending_space) {
      folded.append(static_cast<UChar>(' '));
      pending_space = false;
    }
    folded.append(u_tolower(c));
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

}  // namespace

std::string FoldName(std::string_view name) {
  for (unsigned char c : name) {
    if (c >= 0x80) return FoldUnicode(name);
  }
  return FoldAscii(name);
}

}  // namespace tocsin::geo
