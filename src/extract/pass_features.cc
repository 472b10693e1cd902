// Features pass: what salience and the merges know of each event: its confidence from its
// arguments and modality, its trigger's priority and salience, whether it is a generic attack,
// a governed noun, told with casualties, a background event, an arrest with a demonstration,
// told with clashes, and whether it leads its sentence.
#include <string>

#include "cameo.h"
#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

EventInfo Describe(const CandidateEvent& ce) {
  const Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  const std::vector<size_t>& g = ce.group;
  // Confidence from the arguments: explicit ones raise it, inference and hedging lower
  // it; salience (kind, position) is added once every event is known.
  double c = 0.3;
  if (e.actor1 && !e.actor1->inferred) c += 0.12;
  if (e.actor2 && !e.actor2->inferred) c += 0.06;
  if (!e.places.empty()) c += 0.06;
  if (e.violent) c += 0.02;
  if (e.actor1 && e.actor1->inferred) c -= 0.03;
  if (e.modality == "denied" || e.modality == "hypothetical") c -= 0.15;
  else if (e.modality == "requested") c -= 0.08;
  else if (e.modality != "asserted") c -= 0.04;
  if (ce.info.bare) c -= 0.03;
  EventInfo ei{a.number, tr.priority, ce.info.bare, false, c};
  ei.low = LowSalience(tr);
  ei.generic = tr.kind == "armed_clash" && tr.of_target;
  for (size_t t : g)
    ei.clash |= a.triggers[t].entry->Get("mutual") == "1";
  if (tr.first > a.sentence.first_token) {
    const std::string& w = a.tok(tr.first - 1).folded;
    ei.governed = w == "the" || w == "of" || w == "over" || w == "against" || w == "for" ||
                  w == "following" || w == "la" || w == "le" || w == "l'" || w == "de" ||
                  w == "contre";
  }
  for (const auto& m : a.matches)
    ei.hurt |= m.entry->klass == lexicon::Class::kVictim &&
               (m.entry->Get("victims") == "killed" || m.entry->Get("victims") == "wounded");
  ei.background = Background(a, tr);
  // "Police arrested 180 people as supporters staged sit-ins", "arrests during a
  // demonstration": arrests of a demonstration; not "continue to detain people who
  // participate in the ongoing demonstrations" (the demonstrations are the arrests' reason).
  if (tr.kind == "arrest")
    for (const auto& o : a.triggers) {
      if (o.kind != "protest" && o.kind != "riot" && o.kind != "protest_with_intervention") continue;
      bool linked = o.first < tr.first || a.ClauseOf(o.first) != a.ClauseOf(tr.first);
      for (uint32_t x = tr.end; x < o.first && !linked; ++x)
        linked = a.tok(x).folded == "during" || a.tok(x).folded == "lors" ||
                 a.tok(x).folded == "pendant";
      ei.with_protest |= linked;
    }
  if (ei.background) ei.base -= 0.15;
  return ei;
}

}  // namespace

void PassFeatures(DocumentAnalysis& da) {
  for (size_t i = 0; i < da.events.size(); ++i) {
    EventInfo ei = Describe(da.events[i]);
    // Low-salience events neither take nor count for the lead position.
    if (!ei.low) {
      ei.lead = true;
      // The events are in sentence order here: only the tail can be of this sentence (a scan
      // of every earlier event made extraction quadratic in the document's length).
      for (size_t o = i; o-- > 0 && da.events[o].info.sentence == ei.sentence;)
        if (!da.events[o].info.low) ei.lead = false;
    } else {
      ei.lead = false;
    }
    da.events[i].info = ei;
  }
}

}  // namespace tocsin::extract
