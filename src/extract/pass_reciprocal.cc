// Reciprocal pass: an act told as mutual ("s'accusaient mutuellement") or a joint political act of
// two subjects becomes one event each way; the events are numbered.
#include <string>
#include <utility>
#include <vector>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

bool Reciprocal(const CandidateEvent& ce) {
  const Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  const Roles& roles = ce.roles;
  const EventInfo& ei = ce.info;
  // "Bakou et Erevan s'accusaient mutuellement": one event each way.
  bool reciprocal = false;
  for (const auto& c : a.cues) reciprocal |= c.type == "reciprocal" && c.first >= tr.end;
  // "Brazil and the United States seek to deepen a partnership": joint political acts of
  // two subjects go both ways (CAMEO codes one event per direction).
  if (ei.low && roles.co_actor && e.actor2 && e.actor2->code == roles.co_actor->code &&
      (e.kind == "material_cooperation" || e.kind == "diplomatic_cooperation" ||
       e.kind == "intent_cooperate" || e.kind == "meeting"))
    reciprocal = true;
  return reciprocal && e.actor1 && e.actor2 && e.kind != "ceasefire" &&
         (e.kind != "meeting" || ei.low);
}

}  // namespace

void PassReciprocal(DocumentAnalysis& da) {
  std::vector<CandidateEvent> out;
  out.reserve(da.events.size());
  for (CandidateEvent& ce : da.events) {
    const bool mirrored = Reciprocal(ce);
    out.push_back(std::move(ce));
    if (!mirrored) continue;
    CandidateEvent mirror = out.back();
    std::swap(mirror.event.actor1, mirror.event.actor2);
    out.push_back(std::move(mirror));
  }
  for (size_t i = 0; i < out.size(); ++i) out[i].event.id = da.doc.id + "#e" + std::to_string(i + 1);
  da.events = std::move(out);
}

}  // namespace tocsin::extract
