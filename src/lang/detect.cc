// Language identification with CLD2 (Debian libcld2: code and tables in libcld2.so).
#include "tocsin/lang/detect.h"

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include <algorithm>
#include <cstdio>  // compact_lang_det.h uses FILE without including <cstdio>
#include <string>

#include "tocsin/text/utf8.h"

namespace tocsin::lang {
namespace {

// CLD2 reaches a stable answer long before this; capping keeps huge documents cheap.
constexpr size_t kMaxDetectBytes = 256u << 10;

// CLD2 codes -> ISO 639-1. CLD2 keeps a few withdrawn codes (Hebrew "iw", Javanese "jw") and
// script/region suffixes ("zh-Hant", "sr-ME") that the rest of tocsin does not expect.
std::string ToIso6391(CLD2::Language language) {
  if (language == CLD2::UNKNOWN_LANGUAGE || language == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  const char* raw = CLD2::LanguageCode(language);
  if (raw == nullptr || raw[0] == '\0') return "und";
  std::string code(raw);
  if (size_t dash = code.find('-'); dash != std::string::npos) code.resize(dash);
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  if (code == "un" || code == "xxx") return "und";
  return code;
}

}  // namespace

LanguageGuess DetectLanguage(std::string_view title, std::string_view text) {
  LanguageGuess guess;
  guess.code = "und";

  std::string buffer;
  buffer.reserve(std::min(title.size() + 1 + text.size(), kMaxDetectBytes));
  buffer.append(title);
  buffer.push_back('\n');
  buffer.append(text::TruncateUtf8(
      text, kMaxDetectBytes > buffer.size() ? kMaxDetectBytes - buffer.size() : 0));
  bool has_letters = false;
  for (unsigned char c : buffer) {
    if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
      has_letters = true;
      break;
    }
  }
  if (!has_letters) return guess;

  CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language language3[3];
  int percent3[3] = {0, 0, 0};
  double normalized_score3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool is_reliable = false;
  int valid_prefix_bytes = 0;
  // The CheckUTF8 variant stops at the first invalid byte instead of reading garbage, in case
  // a caller passes unvalidated text.
  CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      buffer.data(), static_cast<int>(buffer.size()), /*is_plain_text=*/true, &hints,
      /*flags=*/0, language3, percent3, normalized_score3, /*resultchunkvector=*/nullptr,
      &text_bytes, &is_reliable, &valid_prefix_bytes);

  guess.code = ToIso6391(language);
  if (guess.code == "und") return guess;
  guess.reliable = is_reliable;
  for (int i = 0; i < 3; ++i) {
    if (language3[i] == language) {
      guess.percent = percent3[i];
      break;
    }
  }
  return guess;
}

}  // namespace tocsin::lang
