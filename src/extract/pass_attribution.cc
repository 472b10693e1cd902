// Attribution pass: who an event is reported by (the sentence's "according to ...", "*both"
// standing for the frame's sides, else the speaker of its trigger), and its evidence: the
// sentence and the trigger's offsets.
#include <string>
#include <vector>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

void Attribute(const DocumentAnalysis& da, CandidateEvent& ce) {
  Event& e = ce.event;
  const SentenceAnalysis& a = *ce.sentence;
  const TriggerMention& tr = ce.trigger();
  const Roles& roles = ce.roles;
  // Attribution.
  if (a.attribution) {
    Attribution att = *a.attribution;
    std::vector<std::string> codes;
    for (const auto& c : att.actors) {
      if (c == "*both") {
        if (da.frame.known()) {
          codes.push_back(da.frame.aggressor);
          codes.push_back(da.frame.defender);
        }
      } else {
        codes.push_back(c);
      }
    }
    att.actors = codes;
    e.attribution = att;
  } else if (roles.speaker && (!e.actor1 || roles.speaker != roles.actor1)) {
    Attribution att;
    att.text = std::string(a.span(roles.speaker->first, roles.speaker->end));
    att.actors = {roles.speaker->code};
    e.attribution = att;
  }
  // Evidence.
  e.evidence.field = a.field;
  e.evidence.start = a.sentence.start;
  e.evidence.end = a.sentence.end;
  e.evidence.sentence = std::string(a.source.substr(a.sentence.start, a.sentence.end - a.sentence.start));
  e.evidence.trigger_start = a.tok(tr.first).start;
  e.evidence.trigger_end = a.tok(tr.end - 1).end;
}

}  // namespace

void PassAttribution(DocumentAnalysis& da) {
  for (auto& ce : da.events) Attribute(da, ce);
}

}  // namespace tocsin::extract
