// Targets pass: the party an act is aimed at when the sentence names none (a territory, the
// state where violence strikes or a visit happens), the frame's sides for violence with missing
// actors, and the parties a ceasefire binds.
#include <string>

#include "cameo.h"
#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

void Target(const DocumentAnalysis& da, CandidateEvent& ce) {
  Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  const Roles& roles = ce.roles;
  // Targets from territory: "les régions arméniennes", or the places' country.
  if (e.violent && !e.actor2 && roles.location &&
      (!e.actor1 || e.actor1->code != roles.location->code)) {
    e.actor2 = ToActor(a, *roles.location);
  }
  if (e.violent && !e.actor2) {
    for (const auto& p : e.places) {
      std::string c = p.territory == "sovereign" || p.territory == "unknown"
                          ? p.country
                          : (p.controlled_by.empty() ? p.country : p.controlled_by);
      // An area that the attacker (or the document's attacker) occupies is struck on the
      // people it occupies: an Israeli strike on Gaza hits PSE, not ISR, its controller.
      const bool attacker_controls =
          e.actor1 ? e.actor1->code == c : da.frame.known() && c == da.frame.aggressor;
      if (attacker_controls && !p.country.empty() && p.country != c) c = p.country;
      if (!c.empty() && (!e.actor1 || e.actor1->code != c)) {
        e.actor2 = InferredActor(c);
        break;
      }
    }
  }
  // A visit, a meeting or a show of force with no other party is aimed at the country
  // where it happens ("attend a summit in Switzerland", "exercises in Alaska"; CAMEO).
  if (!e.actor2 && (e.kind == "meeting" || e.kind == "force_posture") && LowSalience(tr))
    for (const auto& p : e.places)
      if (!p.country.empty() && (!e.actor1 || e.actor1->code != p.country)) {
        e.actor2 = InferredActor(p.country);
        break;
      }
  // Implicit actors from the frame ("une série de bombardements ont frappé ...").
  if (e.violent && da.frame.known()) {
    if (!e.actor1) {
      std::string other = e.actor2 ? da.frame.Other(e.actor2->code) : "";
      if (e.actor2 && !other.empty()) {
        e.actor1 = InferredActor(other);
      } else if (!e.actor2) {
        e.actor1 = InferredActor(da.frame.aggressor);
        e.actor2 = InferredActor(da.frame.defender);
      }
    } else if (!e.actor2) {
      std::string other = da.frame.Other(e.actor1->code);
      if (!other.empty()) e.actor2 = InferredActor(other);
    }
  }
  if (e.kind == "ceasefire") {
    // A ceasefire binds parties, listed apart: the two that agree, or the frame's sides.
    if (roles.co_actor && e.actor1) {
      e.parties = {e.actor1->code, roles.co_actor->code};
    } else if (da.frame.known()) {
      e.parties = {da.frame.aggressor, da.frame.defender};
    }
    e.actor2.reset();
  }
}

}  // namespace

void PassTargets(DocumentAnalysis& da) {
  for (auto& ce : da.events) Target(da, ce);
}

}  // namespace tocsin::extract
