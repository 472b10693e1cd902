// Lemmas for inflected languages (Russian) with libhunspell, and base forms of inflected
// proper names ("в Горисе" -> "Горис", "Нагорного Карабаха" -> "Нагорный Карабах").
//
// French and English inflection is covered by prefix patterns in the lexicon (`bombard*`);
// Russian declines nouns, adjectives and names in six cases and its verbs change stems
// ("нанести" / "нанесли" / "наносят"), so the Russian lexicon may also be written in lemmas:
// a token matches a lexicon word when its folded form or one of its hunspell lemmas equals it.
// The ru_RU dictionary (Debian hunspell-ru, /usr/share/hunspell) is loaded once, lazily, on
// the first Russian sentence; other languages never load it.
// Thread-safety: the shared instances are immutable apart from an internal, locked cache.
#ifndef TOCSIN_LEXICON_LEMMATIZER_H_
#define TOCSIN_LEXICON_LEMMATIZER_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tocsin::lexicon {

class Lemmatizer {
 public:
  // The shared lemmatizer of `lang` ("ru"), loaded on first call; nullptr when the language
  // has none or its dictionary is not installed ($TOCSIN_HUNSPELL_DIR, else
  // /usr/share/hunspell, /usr/share/myspell/dicts).
  static const Lemmatizer* ForLanguage(std::string_view lang);

  // Lemmas of `word` as the dictionary writes them ("обстреляли" -> "обстрелять"; "Харькове"
  // -> "Харьков"), without duplicates; empty when the word is unknown.
  std::vector<std::string> Lemmas(std::string_view word) const;

  // Whether the dictionary knows `word` as written.
  bool Knows(std::string_view word) const;

  // Folded lemmas (text::FoldWord) of a folded token, other than the token itself. Cached.
  std::vector<std::string> FoldedLemmas(std::string_view folded) const;

  Lemmatizer(const Lemmatizer&) = delete;
  Lemmatizer& operator=(const Lemmatizer&) = delete;
  ~Lemmatizer();

 private:
  Lemmatizer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Candidate nominative forms of a proper name written in Cyrillic in an oblique case, most
// likely first, the name itself excluded: the dictionary's lemmas ("Москве" -> "Москва"), then
// case-ending rules, word by word ("Горисе" -> "Горис", "Армении" -> "Армения", "Нагорном
// Карабахе" -> "Нагорный Карабах"). Empty for names without Cyrillic letters. The caller keeps
// the first form its gazetteer knows. `sentence_initial`: the name opens its sentence, so a
// capitalised common word ("Удары", "Армии") is more likely than a name: no forms for it.
std::vector<std::string> NameBaseForms(std::string_view name, bool sentence_initial = false);

// The oblique forms of a Russian name given in the nominative (a state's name from ICU:
// "Кения", "Южная Корея", "Судан"), each with its case for the lexicon's `case` attribute
// ("gen", "dat", "ins"; "nom" for an accusative that differs from the nominative): "Кения" ->
// Кении gen, Кению nom, Кенией ins. Indeclinable names (Того, Перу) give nothing.
std::vector<std::pair<std::string, std::string>> RussianNameCases(std::string_view nominative);

}  // namespace tocsin::lexicon

#endif  // TOCSIN_LEXICON_LEMMATIZER_H_
