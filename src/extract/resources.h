// The read-only resources that extraction runs with, loaded once by Extractor::Create and
// shared by every document (and every thread). Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_RESOURCES_H_
#define TOCSIN_SRC_EXTRACT_RESOURCES_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "tocsin/codes/kinds.h"
#include "tocsin/core/status.h"
#include "tocsin/extract/extractor.h"
#include "tocsin/geo/gazetteer.h"
#include "tocsin/geo/territory.h"
#include "tocsin/geoparse/geoparser.h"
#include "tocsin/lexicon/lexicon.h"

namespace tocsin::extract {

struct ExtractResources {
  ExtractorOptions options;
  // The kind table, loaded first and owned (not the process default): the lexicons' trigger
  // kinds are checked against it as they load.
  std::unique_ptr<codes::KindTable> kind_table;
  const codes::KindTable* kinds = nullptr;  // kind_table.get()
  std::map<std::string, std::unique_ptr<lexicon::Lexicon>> lexicons;  // by language
  std::unique_ptr<geo::Gazetteer> gazetteer;       // null without options.geocode
  std::unique_ptr<geo::TerritoryIndex> territory;  // null without options.geocode
  // Toponym detection and resolution shared with `tocsin geoparse` (fr, en): the toponyms pass
  // keeps the names it confirms and takes their resolution. Null without options.geocode.
  std::unique_ptr<geoparse::Geoparser> geoparser;

  // Loads, in this order: the kind table, each language's lexicon (with the states' names in
  // that language), then (options.geocode) the gazetteer, the territory index and the
  // geoparser. Errors say which file is missing.
  static StatusOr<std::unique_ptr<ExtractResources>> Load(const ExtractorOptions& options);

  // The lexicon of `lang`, null when the language is not loaded.
  const lexicon::Lexicon* LexiconFor(const std::string& lang) const {
    auto it = lexicons.find(lang);
    return it == lexicons.end() ? nullptr : it->second.get();
  }
};

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_RESOURCES_H_
