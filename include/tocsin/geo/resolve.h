// Place resolution: one mention + its context -> the most likely gazetteer entry.
#ifndef TOCSIN_GEO_RESOLVE_H_
#define TOCSIN_GEO_RESOLVE_H_

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
