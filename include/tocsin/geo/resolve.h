// Place resolution: one mention + its context -> the most likely gazetteer entry.
#ifndef TOCSIN_GEO_RESOLVE_H_
#define TOCSIN_GEO_RESOLVE_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tocsin/geo/gazetteer.h"

namespace tocsin::geo {

struct PlaceContext {
  // Countries (alpha-3) the document and sentence talk about, with weights (higher = more
  // salient, e.g. sentence mention 2.0, document mention 1.0). "les régions arméniennes" -> ARM.
  std::map<std::string, double> country_weights;
  // Explicit cue in the text before the name: "lake", "river", "town", "village", "region",
  // "mountain", "" when none.
  std::string cue;
  // Places already resolved in the same document (lat, lon): proximity prior.
  std::vector<std::pair<double, double>> nearby;
  // First-level region the text puts the name in ("Paris, Texas" -> "Texas"), "" when none.
  // Compared with GazetteerEntry::admin1.
  std::string admin1;
  // First-level regions the document names, as "<alpha-3>|<admin1>" ("USA|Kentucky") with
  // weights: places in them are preferred ("Glasgow" in a Kentucky story).
  std::map<std::string, double> admin1_weights;
  // Candidate points of the document's other place names, one list per name: a populated
  // place within 80 km of candidates of other names is preferred (the places of one story
  // cluster: "Edmonton", "Enfield" and "Tottenham" in north London).
  const std::vector<std::vector<std::pair<double, double>>>* other_names = nullptr;
  // When set, only the candidates it accepts are considered.
  std::function<bool(const GazetteerEntry&)> accept;
  // The entries of `folded` when the caller already looked them up (saves the lookup).
  const std::vector<GazetteerEntry>* candidates = nullptr;
};

struct ResolvedPlace {
  GazetteerEntry entry;
  double confidence = 0;  // 0..1
};

// Best candidate for `folded` (FoldName output), or nullopt when no candidate is plausible
// (e.g. an unknown name, or only tiny foreign villages with no context supporting them).
std::optional<ResolvedPlace> ResolvePlace(const Gazetteer& gazetteer, std::string_view folded,
                                          const PlaceContext& context);

}  // namespace tocsin::geo

#endif  // TOCSIN_GEO_RESOLVE_H_
