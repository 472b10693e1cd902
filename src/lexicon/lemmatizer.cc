#include "tocsin/lexicon/lemmatizer.h"

#include <hunspell/hunspell.hxx>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "tocsin/text/tokenize.h"

namespace tocsin::lexicon {

struct Lemmatizer::Impl {
  std::unique_ptr<Hunspell> hunspell;
  mutable std::mutex mu;  // Hunspell is not thread-safe; the cache is shared
  mutable std::unordered_map<std::string, std::vector<std::string>> cache;
};

Lemmatizer::Lemmatizer() : impl_(std::make_unique<Impl>()) {}
Lemmatizer::~Lemmatizer() = default;

namespace {

// The dictionary files of `name` ("ru_RU"), or "" when none is installed.
std::string FindDictionary(const std::string& name) {
  namespace fs = std::filesystem;
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("TOCSIN_HUNSPELL_DIR"); env && *env) dirs.push_back(env);
  dirs.push_back("/usr/share/hunspell");
  dirs.push_back("/usr/share/myspell/dicts");
  for (const auto& d : dirs) {
    std::error_code ec;
    if (fs::exists(d + "/" + name + ".aff", ec) && fs::exists(d + "/" + name + ".dic", ec))
      return d + "/" + name;
  }
  return "";
}

constexpr size_t kMaxCache = 1 << 18;  // words; the cache restarts when full

}  // namespace

const Lemmatizer* Lemmatizer::ForLanguage(std::string_view lang) {
  if (lang != "ru") return nullptr;
  static const Lemmatizer* ru = [] () -> const Lemmatizer* {
    std::string base = FindDictionary("ru_RU");
    if (base.empty()) return nullptr;
    auto* l = new Lemmatizer();
    l->impl_->hunspell = std::make_unique<Hunspell>((base + ".aff").c_str(), (base + ".dic").c_str());
    return l;
  }();
  return ru;
}

std::vector<std::string> Lemmatizer::Lemmas(std::string_view word) const {
  std::vector<std::string> out;
  if (word.empty() || word.size() > 64) return out;
  std::vector<std::string> stems;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    stems = impl_->hunspell->stem(std::string(word));
  }
  for (auto& s : stems)
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  return out;
}

bool Lemmatizer::Knows(std::string_view word) const {
  if (word.empty() || word.size() > 64) return false;
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->hunspell->spell(std::string(word));
}

std::vector<std::string> Lemmatizer::FoldedLemmas(std::string_view folded) const {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (auto it = impl_->cache.find(std::string(folded)); it != impl_->cache.end()) return it->second;
  }
  std::vector<std::string> out;
  for (const std::string& s : Lemmas(folded)) {
    std::string f = text::FoldWord(s);
    if (f != folded && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->cache.size() >= kMaxCache) impl_->cache.clear();
  impl_->cache.emplace(std::string(folded), out);
  return out;
}

namespace {

bool IsCyrillic(UChar32 c) { return c >= 0x0400 && c <= 0x04FF; }

// Base forms of one Cyrillic word by its case ending (lower-case endings only: an all-capitals
// word is an acronym). Most likely first.
std::vector<icu::UnicodeString> WordForms(const icu::UnicodeString& w) {
  std::vector<icu::UnicodeString> out;
  const int32_t n = w.length();
  if (n < 4) return out;
  auto ends = [&](const char16_t* s) { return w.endsWith(icu::UnicodeString(s)); };
  auto add = [&](int32_t strip, const char16_t* append) {
    icu::UnicodeString f(w, 0, n - strip);
    f.append(icu::UnicodeString(append));
    if (f.length() >= 3 && f != w && std::find(out.begin(), out.end(), f) == out.end())
      out.push_back(f);
  };
  // Adjectives first where the ending is unambiguous.
  if (ends(u"ого") || ends(u"ому")) { add(3, u"ый"); add(3, u"ий"); add(3, u"ой"); }
  if (ends(u"его") || ends(u"ему")) { add(3, u"ий"); }
  if (ends(u"ую")) { add(2, u"ая"); }
  if (ends(u"ых")) { add(2, u"ые"); }
  if (ends(u"их")) { add(2, u"ие"); }
  if (ends(u"ыми")) { add(3, u"ые"); }
  // -ия nouns: Армении, Армению, Арменией.
  if (ends(u"ии")) { add(1, u"я"); }
  if (ends(u"ию")) { add(1, u"я"); }
  if (ends(u"ией")) { add(2, u"я"); }
  // Masculine and feminine nouns, then adjectives with ambiguous endings.
  if (ends(u"ом") || ends(u"ем") || ends(u"ём")) { add(2, u""); add(2, u"ь"); add(2, u"й"); add(2, u"ый"); add(2, u"ий"); }
  if (ends(u"ой")) { add(2, u"а"); add(2, u"ая"); add(2, u"ый"); }
  if (ends(u"ей")) { add(2, u"я"); add(2, u"ь"); add(2, u"яя"); }
  if (ends(u"ым") || ends(u"им")) { add(2, u"ый"); add(2, u"ий"); }
  if (ends(u"ах") || ends(u"ях")) { add(2, u"ы"); add(2, u"и"); add(2, u""); }
  if (ends(u"ами") || ends(u"ями")) { add(3, u"ы"); add(3, u"и"); }
  if (ends(u"е")) { add(1, u""); add(1, u"а"); add(1, u"ь"); add(1, u"я"); add(1, u"о"); add(1, u"й"); }
  if (ends(u"а")) { add(1, u""); add(1, u"о"); }
  if (ends(u"я")) { add(1, u"ь"); add(1, u"й"); add(1, u"е"); }
  if (ends(u"у")) { add(1, u""); add(1, u"а"); add(1, u"о"); }
  if (ends(u"ю")) { add(1, u"ь"); add(1, u"й"); add(1, u"я"); }
  if (ends(u"ы")) { add(1, u"а"); add(1, u""); }
  if (ends(u"и")) { add(1, u"а"); add(1, u"ь"); add(1, u"я"); add(1, u"и"); }
  return out;
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

}  // namespace

std::vector<std::string> NameBaseForms(std::string_view name, bool sentence_initial) {
  std::vector<std::string> out;
  if (name.empty() || name.size() > 200) return out;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  bool cyrillic = false;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) cyrillic |= IsCyrillic(u.char32At(i));
  if (!cyrillic) return out;
  // Words and the separators between them, kept as written.
  std::vector<icu::UnicodeString> words, seps;
  icu::UnicodeString cur, sep;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (u_isalnum(c)) {
      if (cur.isEmpty() && !words.empty()) {
        seps.push_back(sep);
        sep.remove();
      }
      cur.append(c);
    } else {
      if (!cur.isEmpty()) {
        words.push_back(cur);
        cur.remove();
      }
      if (!words.empty()) sep.append(c);
    }
  }
  if (!cur.isEmpty()) words.push_back(cur);
  if (words.empty() || words.size() > 4) return out;
  const Lemmatizer* lem = Lemmatizer::ForLanguage("ru");
  if (sentence_initial && lem) {
    icu::UnicodeString first = words[0];
    first.toLower(icu::Locale("ru"));
    if (lem->Knows(ToUtf8(first))) return out;
  }
  std::vector<std::vector<icu::UnicodeString>> options;
  for (const auto& w : words) {
    std::vector<icu::UnicodeString> o{w};
    bool upper = true;
    for (int32_t i = 0; i < w.length(); ++i) upper &= !u_islower(w.charAt(i));
    if (!upper) {
      if (lem)
        for (const std::string& s : lem->Lemmas(ToUtf8(w))) {
          icu::UnicodeString l = icu::UnicodeString::fromUTF8(s);
          if (l != w && std::find(o.begin(), o.end(), l) == o.end()) o.push_back(l);
        }
      for (auto& f : WordForms(w))
        if (std::find(o.begin(), o.end(), f) == o.end()) o.push_back(f);
    }
    options.push_back(std::move(o));
  }
  // Combinations in order of the options' ranks, the name itself excluded; bounded.
  std::vector<size_t> idx(options.size(), 0);
  constexpr size_t kMaxForms = 48;
  std::vector<std::pair<size_t, std::string>> ranked;
  for (size_t guard = 0; guard < 4096; ++guard) {
    size_t rank = 0;
    bool same = true;
    for (size_t k = 0; k < idx.size(); ++k) {
      rank += idx[k];
      same &= idx[k] == 0;
    }
    if (!same) {
      icu::UnicodeString s;
      for (size_t k = 0; k < words.size(); ++k) {
        if (k > 0) s.append(k - 1 < seps.size() ? seps[k - 1] : icu::UnicodeString(u" "));
        s.append(options[k][idx[k]]);
      }
      ranked.emplace_back(rank, ToUtf8(s));
    }
    size_t k = 0;
    while (k < idx.size() && ++idx[k] == options[k].size()) idx[k++] = 0;
    if (k == idx.size()) break;
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [r, s] : ranked) {
    if (out.size() >= kMaxForms) break;
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  }
  return out;
}

namespace {

// Case forms of one word: {gen, dat, acc, ins} (empty strings where the word does not decline).
// `adjective`: an adjective agreeing with a feminine or masculine noun ("Южная", "Центральный").
std::array<icu::UnicodeString, 4> DeclineWord(const icu::UnicodeString& w) {
  std::array<icu::UnicodeString, 4> f;
  const int32_t n = w.length();
  if (n < 3) return f;
  auto ends = [&](const char16_t* e) { return w.endsWith(icu::UnicodeString(e)); };
  auto stem = [&](int32_t strip) { return icu::UnicodeString(w, 0, n - strip); };
  auto cat = [](icu::UnicodeString a, const char16_t* b) { return a.append(icu::UnicodeString(b)); };
  const UChar last2 = w.charAt(n - 2);
  const bool velar = last2 == u'к' || last2 == u'г' || last2 == u'х';
  const bool sibilant = last2 == u'ж' || last2 == u'ш' || last2 == u'ч' || last2 == u'щ' || last2 == u'ц';
  if (ends(u"ая")) {  // adjective, feminine
    f = {cat(stem(2), u"ой"), cat(stem(2), u"ой"), cat(stem(2), u"ую"), cat(stem(2), u"ой")};
  } else if (ends(u"ый") || ends(u"ой")) {
    f = {cat(stem(2), u"ого"), cat(stem(2), u"ому"), w, cat(stem(2), u"ым")};
  } else if (ends(u"ий")) {
    f = {cat(stem(2), u"ого"), cat(stem(2), u"ому"), w, cat(stem(2), u"им")};
  } else if (ends(u"ое")) {
    f = {cat(stem(2), u"ого"), cat(stem(2), u"ому"), w, cat(stem(2), u"ым")};
  } else if (ends(u"ия")) {
    f = {cat(stem(1), u"и"), cat(stem(1), u"и"), cat(stem(1), u"ю"), cat(stem(1), u"ей")};
  } else if (ends(u"я")) {
    f = {cat(stem(1), u"и"), cat(stem(1), u"е"), cat(stem(1), u"ю"), cat(stem(1), u"ей")};
  } else if (ends(u"а")) {
    f = {cat(stem(1), velar || sibilant ? u"и" : u"ы"), cat(stem(1), u"е"), cat(stem(1), u"у"),
         cat(stem(1), sibilant ? u"ей" : u"ой")};
  } else if (ends(u"й")) {
    f = {cat(stem(1), u"я"), cat(stem(1), u"ю"), w, cat(stem(1), u"ем")};
  } else {
    UChar32 c = w.char32At(n - 1);
    if (c >= 0x0431 && c <= 0x0449 && c != 0x0435 && c != 0x0438 && c != 0x043E && c != 0x0443 &&
        c != 0x044B) {  // a consonant (б..щ without е и о у ы)
      const bool soft = c == u'ж' || c == u'ш' || c == u'ч' || c == u'щ' || c == u'ц';
      f = {cat(icu::UnicodeString(w), u"а"), cat(icu::UnicodeString(w), u"у"), w,
           cat(icu::UnicodeString(w), soft ? u"ем" : u"ом")};
    }
  }
  return f;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> RussianNameCases(std::string_view nominative) {
  std::vector<std::pair<std::string, std::string>> out;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(nominative.data(), static_cast<int32_t>(nominative.size())));
  // Words separated by single spaces; hyphenated or punctuated names are left alone.
  std::vector<icu::UnicodeString> words;
  icu::UnicodeString cur;
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    if (c == u' ') {
      if (cur.isEmpty()) return out;
      words.push_back(cur);
      cur.remove();
    } else if (IsCyrillic(c)) {
      cur.append(c);
    } else {
      return out;
    }
  }
  if (cur.isEmpty() || words.size() >= 3) return out;
  words.push_back(cur);
  // One noun, or an adjective + a noun ("Южная Корея"); the adjective agrees.
  std::vector<std::array<icu::UnicodeString, 4>> declined;
  for (const auto& w : words) {
    declined.push_back(DeclineWord(w));
    if (declined.back()[0].isEmpty()) return out;
  }
  static const char* kCase[4] = {"gen", "dat", "nom", "ins"};
  for (int c = 0; c < 4; ++c) {
    icu::UnicodeString form;
    for (size_t k = 0; k < words.size(); ++k) {
      if (k > 0) form.append(u' ');
      form.append(declined[k][c]);
    }
    if (form == u) continue;
    std::string s = ToUtf8(form);
    bool dup = false;
    for (const auto& [f, cs] : out) dup |= f == s;
    if (!dup) out.emplace_back(std::move(s), kCase[c]);
  }
  return out;
}

}  // namespace tocsin::lexicon
