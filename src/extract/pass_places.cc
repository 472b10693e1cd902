// Places pass: every place mention resolved in the gazetteer, in reading order, each resolved
// place helping its neighbours; the geoparser's toponyms keep their resolution.
#include <algorithm>
#include <optional>
#include <utility>

#include "document_analysis.h"
#include "passes.h"
#include "tocsin/geo/resolve.h"

namespace tocsin::extract {

void PassPlaces(DocumentAnalysis& da) {
  // Country context for place resolution: states named in the document, territories most.
  geo::PlaceContext doc_context;
  for (const auto& a : da.sentences)
    for (const auto& m : a.actors)
      if (IsState(m)) doc_context.country_weights[m.code] += m.location ? 1.0 : 0.5;
  for (const auto& a : da.sentences)
    for (const auto& p : a.places)
      if (p.country_level && p.entry) doc_context.country_weights[p.entry->country] += 1.0;

  // Resolve places in reading order, each resolved place helping its neighbours.
  for (auto& a : da.sentences) {
    if (!da.resources.gazetteer) break;
    // Distinct points only, and a bounded number: a long list of the same town must not
    // make every later resolution scan thousands of neighbours.
    auto add_nearby = [&](const geo::GazetteerEntry& e) {
      auto& nearby = doc_context.nearby;
      const std::pair<double, double> point(e.lat, e.lon);
      if (nearby.size() < 64 && std::find(nearby.begin(), nearby.end(), point) == nearby.end())
        nearby.push_back(point);
    };
    for (auto& p : a.places) {
      // A toponym of the geoparser keeps its resolution: `extract` and `geoparse` put the
      // name at the same point.
      std::optional<geo::ResolvedPlace> resolved;
      if (p.detected) {
        resolved = geo::ResolvedPlace{*p.detected, p.detected_confidence};
      } else {
        geo::PlaceContext pc = doc_context;
        for (const auto& m : a.actors)
          if (m.location || m.side) pc.country_weights[m.code] += 2.0;
        pc.cue = p.cue == "country" || p.cue == "area" ? "" : p.cue;
        resolved = geo::ResolvePlace(*da.resources.gazetteer, p.folded, pc);
      }
      if (resolved) {
        p.entry = resolved->entry;
        p.confidence = resolved->confidence;
        add_nearby(resolved->entry);
      }
    }
  }
}

}  // namespace tocsin::extract
