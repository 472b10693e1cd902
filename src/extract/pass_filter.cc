// Filter pass: candidates that are no usable event are dropped (nobody acting, violence with
// nobody and nowhere, a reference back to an attack that names nothing new, a post that violence
// hits); the others learn whether they are bare (no actor, no place).
#include <string>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

// True unless a violent trigger governs the base noun `t` ("attacked a military post").
bool NotViolenceTarget(const SentenceAnalysis& a, const TriggerMention& t) {
  for (const auto& o : a.triggers)
    if (o.violent && o.end <= t.first && o.end + 4 >= t.first) return false;
  return true;
}

// Whether the candidate is no event to report (sets ce.info.bare).
bool Unusable(const DocumentAnalysis& da, CandidateEvent& ce) {
  const Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  // A non-violent event needs the one who acts: "Lors de la réunion, l'Arménie a demandé"
  // is Armenia's request, not a meeting with an unknown host. Protests speak for themselves.
  const bool keep_bare = da.resources.options.keep_bare_events;
  const bool bare = !e.actor1 && !e.actor2 && e.places.empty();
  ce.info.bare = bare;
  if (!keep_bare) {
    // Material developments ACLED records (arrests, looting, a base set up, weapons
    // seized, a protest) stand with a place even when nobody is named.
    const bool material = !e.acled_event_type.empty() && e.kind != "ceasefire" &&
                          e.kind != "agreement";
    if (!e.violent && !e.actor1 && !material) return true;
    // (Violence against a named target stands: "Drones attacked the Kremlin".)
    if (material && !e.actor1 && e.places.empty() && !(e.violent && e.actor2 && !e.actor2->inferred && !e.actor2->code.empty()))
      return true;
    // Violence with nobody and nowhere ("Such attacks are frequent") is no event.
    if (e.violent && bare) return true;
    // Nor is violence only supposed, with no one named and nowhere: "une réponse
    // conjointe en cas d'agression contre un État membre", "if attacked".
    if (e.violent && e.modality == "hypothetical" && e.places.empty() &&
        (!e.actor1 || e.actor1->inferred) && (!e.actor2 || e.actor2->inferred))
      return true;
  }
  // Nor is a reference back to an attack ("the attack", "l'attaque") that names nothing new.
  if (!keep_bare && e.violent && e.places.empty() && tr.nominal && tr.first > a.sentence.first_token &&
      (!e.actor1 || e.actor1->inferred) && (!e.actor2 || e.actor2->inferred)) {
    const std::string& det = a.tok(tr.first - 1).folded;
    bool casualties_here = false;
    for (const auto& m : a.matches) casualties_here |= m.entry->klass == lexicon::Class::kVictim;
    if (!casualties_here && (det == "the" || det == "l'" || det == "le" || det == "la" ||
                             det == "les" || det == "this" || det == "cette" || det == "ces"))
      return true;
  }
  // "attacked a military post", "shelled the observation posts": a post that violence hits is
  // its target, not a base being set up.
  if (e.kind == "base_established" && !NotViolenceTarget(a, tr)) return true;
  return false;
}

}  // namespace

void PassFilter(DocumentAnalysis& da) {
  size_t w = 0;
  for (size_t i = 0; i < da.events.size(); ++i) {
    if (Unusable(da, da.events[i])) continue;
    if (w != i) da.events[w] = std::move(da.events[i]);
    ++w;
  }
  da.events.resize(w);
}

}  // namespace tocsin::extract
