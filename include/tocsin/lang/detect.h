// Language identification with CLD2 (Debian libcld2).
#ifndef TOCSIN_LANG_DETECT_H_
#define TOCSIN_LANG_DETECT_H_

#include <string>
#include <string_view>

namespace tocsin::lang {

struct LanguageGuess {
  std::string code;     // ISO 639-1 ("fr", "en", "ru", ...) or "und" when CLD2 cannot tell
  bool reliable = false;
  int percent = 0;      // share of the text in that language, 0..100
};

// Identifies the main language of title + text (valid UTF-8).
LanguageGuess DetectLanguage(std::string_view title, std::string_view text);

}  // namespace tocsin::lang

#endif  // TOCSIN_LANG_DETECT_H_
