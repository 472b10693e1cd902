// ExtractResources::Load: the kind table, the lexicons, the gazetteer, the territory index and
// the geoparser.
#include "resources.h"

#include <unicode/locid.h>

#include <algorithm>

#include "tocsin/core/data_dir.h"
#include "tocsin/geo/countries.h"
#include "tocsin/lexicon/lemmatizer.h"

namespace tocsin::extract {
namespace {

// Every state's name in `lang` (ICU display names), as lexicon lines: the curated files name
// the states that matter most with their demonyms and capitals; this covers the rest.
// cap=1: a country name starts with a capital letter ("Chad", not "chad").
std::string CountryNameLexicon(const std::string& lang) {
  std::string out;
  const icu::Locale display(lang.c_str());
  for (const auto& c : geo::AllCountries()) {
    icu::UnicodeString name;
    icu::Locale(("und_" + c.alpha2).c_str()).getDisplayCountry(display, name);
    std::string utf8;
    name.toUTF8String(utf8);
    if (utf8.empty() || utf8 == c.alpha2 || utf8.find_first_of("|\t*") != std::string::npos)
      continue;
    std::string english = c.common_name.empty() ? c.name : c.common_name;
    std::replace(english.begin(), english.end(), ' ', '_');
    out += "actor\t" + utf8 + "\tcode=" + c.alpha3 + " name=" + english + " type=state cap=1\n";
    // Russian: the name's oblique cases too ("Кении", "Кенией"), with their case (doc/lexicon.md).
    if (lang == "ru")
      for (const auto& [form, gram_case] : lexicon::RussianNameCases(utf8))
        out += "actor\t" + form + "\tcode=" + c.alpha3 + " name=" + english +
               " type=state cap=1 case=" + gram_case + "\n";
  }
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<ExtractResources>> ExtractResources::Load(const ExtractorOptions& options) {
  auto r = std::make_unique<ExtractResources>();
  r->options = options;
  // The kind table first: the lexicons' trigger kinds are checked against it as they load.
  auto kinds = codes::KindTable::Load(CuratedDataDir() + "/codes/kinds.tsv");
  if (!kinds.ok()) return kinds.status();
  r->kind_table = std::make_unique<codes::KindTable>(std::move(kinds).value());
  r->kinds = r->kind_table.get();
  const codes::KindTable* table = r->kinds;
  for (const std::string& lang : options.languages) {
    auto lex = lexicon::Lexicon::LoadLanguage(
        lang, CountryNameLexicon(lang),
        [table](std::string_view kind) { return table->Find(kind) != nullptr; });
    if (!lex.ok()) return lex.status();
    r->lexicons[lang] = std::move(lex).value();
  }
  if (options.geocode) {
    auto gaz = geo::Gazetteer::OpenDefault();
    if (!gaz.ok()) return gaz.status();
    r->gazetteer = std::move(gaz).value();
    auto ter = geo::TerritoryIndex::OpenDefault();
    if (!ter.ok()) return ter.status();
    r->territory = std::move(ter).value();
    geoparse::GeoparserOptions go;
    go.gazetteer = r->gazetteer.get();
    go.territory = false;  // the extractor computes territory on each event's date
    auto gp = geoparse::Geoparser::Create(go);
    if (!gp.ok()) return gp.status();
    r->geoparser = std::move(gp).value();
  }
  return r;
}

}  // namespace tocsin::extract
