// Event places pass: the places of each event (those of its clause that its triggers are nearest
// to, or a relative clause's antecedent), a state's name only when nothing more precise is known,
// and each place's territorial status on the event's date.
#include <algorithm>
#include <cstdint>
#include <string>

#include "document_analysis.h"
#include "passes.h"
#include "tocsin/geo/territory.h"

namespace tocsin::extract {
namespace {

Place ToPlace(const SentenceAnalysis& a, const PlaceMention& p) {
  Place place;
  place.text = std::string(a.span(p.first, p.end));
  place.start = a.tok(p.first).start;
  place.end = a.tok(p.end - 1).end;
  place.confidence = p.confidence;
  if (p.entry) {
    const auto& e = *p.entry;
    place.name = e.name;
    place.lat = e.lat;
    place.lon = e.lon;
    place.country = e.country;
    place.admin1 = e.admin1;
    place.geonameid = e.geonameid;
    place.feature = e.feature;
    const bool region = e.feature == "country" || e.feature == "region" || e.feature == "area";
    if (region) {
      place.precision = 3;
    } else if (p.cue == "region" || p.cue == "area") {
      place.precision = 2;  // "la région de Goris", "near Goris"
    } else {
      place.precision = 1;
    }
  } else {
    place.name = place.text;
  }
  return place;
}

void PlaceEvent(const DocumentAnalysis& da, CandidateEvent& ce) {
  Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  const std::vector<size_t>& g = ce.group;
  const size_t main = ce.main;
  // Places of the event: those of its clause, nearest trigger first; else the sentence.
  const size_t clause = a.ClauseOf(tr.first);
  for (const auto& p : a.places) {
    if (a.ClauseOf(p.first) != clause) continue;
    // Statements take only the places next to them, not those of a subordinate clause
    // ("... a appelé à une désescalade, qui survient ... en Ukraine").
    const bool statement = e.kind == "call_deescalation" || e.kind == "support_statement" ||
                           e.kind == "accusation" || e.kind == "request_assistance" ||
                           e.kind == "threat" || e.kind == "sanction";
    if (statement && (p.first + 2 < tr.first || p.first > tr.end + 5)) continue;
    // A place belongs to the nearest trigger before it in its clause (places follow
    // their predicate), else to the nearest one after it ("In Kharkiv, ... shelled").
    size_t best_group_trigger = main;
    uint32_t best_dist = UINT32_MAX;
    for (int pass = 0; pass < 2 && best_dist == UINT32_MAX; ++pass)
      for (size_t t = 0; t < a.triggers.size(); ++t) {
        const auto& o = a.triggers[t];
        if (a.ClauseOf(o.first) != clause) continue;
        const bool before = o.end <= p.first;
        if (before != (pass == 0)) continue;
        uint32_t d = before ? p.first - o.end : o.first - p.end;
        if (d < best_dist) {
          best_dist = d;
          best_group_trigger = t;
        }
      }
    if (std::find(g.begin(), g.end(), best_group_trigger) == g.end()) continue;
    if (!p.entry) continue;
    e.places.push_back(ToPlace(a, p));
  }
  // "... se poursuivaient à Khartoum, où des frappes ont visé ...": the relative clause
  // happens at its antecedent.
  if (e.places.empty() && clause > 0) {
    const uint32_t cs = a.clause_starts[clause];
    const std::string& w = a.tok(cs).folded;
    if (w == "ou" || w == "where" || w == "\u0433\u0434\u0435")  // Russian где
      for (const auto& p : a.places)
        if (p.entry && p.end <= cs && p.end + 2 >= cs) e.places.push_back(ToPlace(a, p));
  }
  // A state's name as a place only stands when nothing more precise is known.
  bool precise = false;
  for (const auto& p : e.places) precise |= p.feature != "country";
  if (precise)
    e.places.erase(std::remove_if(e.places.begin(), e.places.end(),
                                  [](const Place& p) { return p.feature == "country"; }),
                   e.places.end());
  for (auto& p : e.places) {
    if (p.feature == "country") {  // the whole state: its own territory by definition
      p.territory = "sovereign";
      continue;
    }
    if (!p.lat || !da.resources.territory) continue;
    geo::TerritoryStatus ts = da.resources.territory->Locate(*p.lat, *p.lon, e.date);
    p.territory = geo::TerritoryName(ts.territory);
    p.area = ts.area;
    p.claimed_by = ts.claimed_by;
    p.controlled_by = ts.controlled_by;
    if (p.country.empty()) p.country = ts.country;
  }
}

}  // namespace

void PassEventPlaces(DocumentAnalysis& da) {
  for (auto& ce : da.events) PlaceEvent(da, ce);
}

}  // namespace tocsin::extract
