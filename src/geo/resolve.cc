// ResolvePlace: score the gazetteer candidates of one mention against its context.
#include "tocsin/geo/resolve.h"

#include <algorithm>
#include <cmath>

namespace tocsin::geo {
namespace {

constexpr double kNearbyKm = 300;

double DistanceKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * kRad) * std::cos(lat2 * kRad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 6371.0 * 2 * std::atan2(std::sqrt(a), std::sqrt(1 - a));
}

bool IsPopulated(const std::string& f) { return f == "city" || f == "town" || f == "village"; }

// `folded` is the usual short form of the main name `name`: the name minus a "upon X",
// "am X", "-on-X" qualifier ("Newcastle" for Newcastle upon Tyne, "Frankfurt" for Frankfurt
// am Main, "Stoke" for Stoke-on-Trent), not a nickname or an old name.
bool IsShortForm(std::string_view name, std::string_view folded) {
  if (name.size() <= folded.size() + 1 || name.substr(0, folded.size()) != folded) return false;
  char sep = name[folded.size()];
  if (sep != ' ' && sep != '-') return false;
  std::string_view rest = name.substr(folded.size() + 1);
  for (std::string_view q : {"upon", "on", "am", "an", "im", "in", "sur", "under", "by"}) {
    if (rest.size() > q.size() + 1 && rest.substr(0, q.size()) == q &&
        (rest[q.size()] == ' ' || rest[q.size()] == '-'))
      return true;
  }
  return false;
}

// Is (lat2, lon2) within `km` of (lat1, lon1)? Equirectangular approximation (short range).
bool WithinKm(double lat1, double lon1, double lat2, double lon2, double km) {
  double dlat = std::fabs(lat2 - lat1) * 111.2;
  if (dlat > km) return false;
  double dlon = std::fabs(lon2 - lon1);
  if (dlon > 180) dlon = 360 - dlon;
  double x = dlon * 111.2 * std::cos((lat1 + lat2) * (M_PI / 360));
  return dlat * dlat + x * x <= km * km;
}

// Does the entry's feature match an explicit cue word ("lake", "town", ...)?
bool CueMatches(const std::string& cue, const GazetteerEntry& e) {
  if (cue.empty()) return false;
  if (cue == "town" || cue == "village" || cue == "city") return IsPopulated(e.feature);
  if (cue == "region") return e.feature == "region" || e.feature == "area";
  return cue == e.feature;  // lake, river, mountain, pass, country
}

double FeaturePrior(const GazetteerEntry& e) {
  if (e.feature == "country") return 3.0;
  if (e.feature == "region") return 2.0;
  const std::string& fc = e.feature_code;
  if (fc == "PPLC") return 2.0;
  if (fc == "PPLA") return 1.0;
  if (fc == "PPLA2") return 0.5;
  if (e.feature == "lake" || e.feature == "area") return 0.5;
  return 0;
}

// Names a cue word adds in front of or after the bare name: "sevan" + lake -> "lake sevan".
std::vector<std::string> CueVariants(const std::string& cue, std::string_view folded) {
  std::vector<std::string> out;
  std::string n(folded);
  if (cue == "lake") {
    out = {"lake " + n, "lac " + n, n + " lake", "озеро " + n, "lac de " + n};
  } else if (cue == "river") {
    out = {n + " river", "river " + n, "riviere " + n, "fleuve " + n, "река " + n};
  } else if (cue == "mountain") {
    out = {"mount " + n, "mont " + n, n + " mountain", "гора " + n};
  }
  return out;
}

}  // namespace

std::optional<ResolvedPlace> ResolvePlace(const Gazetteer& gazetteer, std::string_view folded,
                                          const PlaceContext& context) {
  // The caller's candidates are used in place unless cue variants or a filter change them
  // (copying entries costs allocations: this runs twice per mention).
  std::vector<GazetteerEntry> owned;
  const std::vector<GazetteerEntry>* cands = context.candidates;
  if (!cands) {
    owned = gazetteer.Lookup(folded);
    cands = &owned;
  }
  std::vector<std::string> variants = CueVariants(context.cue, folded);
  if (!variants.empty() || context.accept) {
    if (cands != &owned) owned = *cands;
    cands = &owned;
    for (const std::string& v : variants) {
      for (GazetteerEntry& e : gazetteer.Lookup(v)) {
        bool dup = std::any_of(owned.begin(), owned.end(), [&](const GazetteerEntry& c) {
          return c.geonameid == e.geonameid;
        });
        if (!dup) owned.push_back(std::move(e));
      }
    }
    if (context.accept) {
      std::erase_if(owned, [&](const GazetteerEntry& e) { return !context.accept(e); });
    }
  }
  const std::vector<GazetteerEntry>& candidates = *cands;
  if (candidates.empty()) return std::nullopt;

  // Names that designate a country or first-level region ("Mexico", "Texas") keep that
  // reading: spatial coherence only separates places of the same kind.
  const bool admin_name = std::any_of(candidates.begin(), candidates.end(), [](const auto& c) {
    return c.feature == "country" || c.feature == "region";
  });
  double best = -1e9, second = -1e9;
  size_t best_i = 0;
  std::vector<bool> supported(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    const GazetteerEntry& e = candidates[i];
    double s = 0.35 * std::log10(static_cast<double>(e.population) + 1) + FeaturePrior(e);
    // A country's own name means the country ("Mexico" is not Mexico City, whose GeoNames
    // alternate names include "Mexico").
    if (e.feature == "country" && FoldName(e.name) == folded) s += 2.0;
    // GeoNames alternate names include nicknames, old names and counties ("Franklin" for
    // Columbus): a populated place found only through one of them is a weaker reading.
    if (!e.curated && IsPopulated(e.feature) && e.population < 1000000 &&
        FoldName(e.name) != folded && !IsShortForm(FoldName(e.name), folded))
      s -= 1.0;
    if (auto it = context.country_weights.find(e.country);
        !e.country.empty() && it != context.country_weights.end() && it->second > 0) {
      s += 3.0 + std::min(it->second, 3.0);
      supported[i] = true;
    }
    if (!context.admin1.empty() && e.admin1 == context.admin1 && e.feature != "region") {
      s += 3.0;
      supported[i] = true;
    }
    // (Not for the region's own name: "Quebec" named as a region does not vote for Quebec City.)
    if (!context.admin1_weights.empty() && !e.admin1.empty() && e.feature != "region" &&
        FoldName(e.admin1) != folded) {
      if (auto it = context.admin1_weights.find(e.country + "|" + e.admin1);
          it != context.admin1_weights.end() && it->second > 0) {
        s += 1.5 + std::min(it->second, 1.5);
        supported[i] = true;
      }
    }
    if (CueMatches(context.cue, e)) {
      s += 4.0;
    } else if (!context.cue.empty() && context.cue != "region") {
      s -= 1.0;
    }
    double prox = 0;
    for (const auto& [lat, lon] : context.nearby) {
      if (!WithinKm(e.lat, e.lon, lat, lon, kNearbyKm * 1.05)) continue;
      double d = DistanceKm(e.lat, e.lon, lat, lon);
      if (d < kNearbyKm) prox = std::max(prox, 3.0 * (1 - d / kNearbyKm));
    }
    if (prox > 0) supported[i] = true;
    s += prox;
    // Spatial coherence with the document's other names (populated places only; the first
    // candidates by population and the curated ones, to bound the cost).
    if (context.other_names && !context.other_names->empty() && !admin_name &&
        e.feature != "area" && (i < 16 || e.curated)) {
      int close = 0;
      for (const auto& pts : *context.other_names) {
        for (const auto& [lat, lon] : pts) {
          if (WithinKm(e.lat, e.lon, lat, lon, 80)) {
            ++close;
            break;
          }
        }
      }
      if (close > 0) {
        s += std::min(2.25, 0.75 * close);
        supported[i] = true;
      }
    }
    // Hand-checked entries win ties; for regions less so (a curated US state must not beat
    // the country Georgia without context).
    if (e.curated) s += e.feature == "region" ? 0.5 : 1.5;
    if (s > best) {
      second = best;
      best = s;
      best_i = i;
    } else if (s > second) {
      second = s;
    }
  }
  const GazetteerEntry& e = candidates[best_i];
  bool big_feature = e.feature == "country" || e.feature == "region" || e.feature == "lake";
  if (e.population < 1000 && !supported[best_i] && !e.curated && !big_feature) {
    return std::nullopt;  // a tiny place nothing in the text points to
  }
  ResolvedPlace out;
  out.entry = e;
  double margin = candidates.size() == 1 ? 3.0 : best - second;
  double absolute = 1 / (1 + std::exp(-(best - 3.0)));        // how plausible on its own
  double relative = 1 / (1 + std::exp(-1.5 * margin));        // how clearly ahead of the rest
  out.confidence = std::clamp(absolute * relative * 1.1, 0.0, 1.0);
  return out;
}

}  // namespace tocsin::geo
