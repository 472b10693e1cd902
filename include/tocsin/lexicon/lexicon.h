// Lexicon: one compiled matcher per language over folded token sequences.
//
// Language resources are data (data/lang/common/*.tsv + data/lang/<xx>/*.tsv, syntax in
// doc/lexicon.md). Each line names a class (actor, agent, trigger, cue, prep, number, ...), one
// or more patterns separated by '|', and key=value attributes:
//
//   trigger  bombard*|tirs d'artillerie   kind=shelling priority=3 nominal=1
//   actor    azerbaidjan|bakou            code=AZE name=Azerbaijan
//
// A pattern is a sequence of folded words (accents and case do not matter; hyphens are spaces);
// "word*" matches any word starting with "word"; ".." skips zero to three words (never across
// punctuation). Matching is by trie, longest match first.
// Thread-safety: immutable after Load(); share as const.
#ifndef TOCSIN_LEXICON_LEXICON_H_
#define TOCSIN_LEXICON_LEXICON_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/status.h"
#include "tocsin/text/tokenize.h"

namespace tocsin::lexicon {

struct Entry {
  std::string cls;       // "actor", "trigger", ...
  std::string patterns;  // as written, for messages
  std::map<std::string, std::string, std::less<>> attrs;
  std::string origin;    // "file.tsv:LINE"

  // Attribute value or `fallback`, as written.
  std::string Get(std::string_view key, std::string_view fallback = "") const;
  // The same for human-readable values, where '_' stands for a space (name=United_Nations).
  std::string GetText(std::string_view key, std::string_view fallback = "") const;
  bool Has(std::string_view key) const { return attrs.find(key) != attrs.end(); }
  int GetInt(std::string_view key, int fallback) const;
};

struct Match {
  uint32_t first = 0, end = 0;  // token range [first, end)
  const Entry* entry = nullptr;
};

class Lexicon {
 public:
  // Loads and compiles every file in `paths` (later files add to earlier ones). Errors name the
  // file and line.
  static StatusOr<std::unique_ptr<Lexicon>> Load(const std::vector<std::string>& paths);
  // data/lang/common/*.tsv then data/lang/<lang>/*.tsv under CuratedDataDir().
  static StatusOr<std::unique_ptr<Lexicon>> LoadLanguage(const std::string& lang);

  Lexicon(const Lexicon&) = delete;  // large and immutable: share by pointer
  Lexicon& operator=(const Lexicon&) = delete;
  ~Lexicon();

  // Appends every match starting at token `at` and ending at or before `limit`.
  void MatchAt(const std::vector<text::Token>& tokens, uint32_t at, uint32_t limit,
               std::vector<Match>& out) const;

  // Scans [begin, end) and returns, for each class, leftmost-longest non-overlapping matches
  // (matches of different classes may overlap), sorted by start.
  std::vector<Match> Scan(const std::vector<text::Token>& tokens, uint32_t begin,
                          uint32_t end) const;

  size_t entry_count() const;

 private:
  Lexicon();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tocsin::lexicon

#endif  // TOCSIN_LEXICON_LEXICON_H_
