// Salience pass: each event's confidence and final id.
#include <algorithm>
#include <cmath>
#include <string>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {

void PassSalience(DocumentAnalysis& da) {
  auto ev = [&](size_t k) -> Event& { return da.events[k].event; };
  auto info = [&](size_t k) -> EventInfo& { return da.events[k].info; };
  // Salience: the main event of a text is its most specific kind (trigger priority), told
  // first (title, lead sentence), with the most explicit arguments. It gets the highest
  // confidence.
  for (size_t i = 0; i < da.events.size(); ++i) {
    const EventInfo& ei = info(i);
    double c = ei.base + 0.025 * std::min(ei.priority, 8);
    if (ei.sentence == -1) c += 0.12;
    else if (ei.sentence == 0) c += 0.1;
    else if (ei.sentence == 1) c += 0.04;
    if (ei.lead && ei.sentence <= 0) c += 0.06;  // what the lead sentence says first
    ev(i).confidence = std::round(std::clamp(c, 0.05, 0.95) * 100) / 100;
    ev(i).id = da.doc.id + "#e" + std::to_string(i + 1);
  }
  // Low-salience political events (salience=low, data/lang/*/politics.tsv) rank below every
  // violent or ACLED event of the text, so general CAMEO coverage never swamps the conflict record.
  {
    double floor = 1;
    for (size_t i = 0; i < da.events.size(); ++i)
      if (!info(i).low && (ev(i).violent || !ev(i).acled_event_type.empty()))
        floor = std::min(floor, ev(i).confidence);
    for (size_t i = 0; i < da.events.size(); ++i)
      if (info(i).low)
        ev(i).confidence =
            std::round(std::clamp(std::min(ev(i).confidence - 0.05, floor - 0.01), 0.05, 0.95) * 100) / 100;
  }
}

}  // namespace tocsin::extract
