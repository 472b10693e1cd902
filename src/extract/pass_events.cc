// Events pass: the triggers of each clause grouped into candidate events (one per kind, one for
// its violence), each with its kind's codes, its roles and actors, modality, CAMEO code and date.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cameo.h"
#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {
namespace {

// Violent triggers of one clause describe one event: the most specific kind wins.
std::vector<std::vector<size_t>> Groups(const SentenceAnalysis& a) {
  std::vector<std::vector<size_t>> groups;
  std::map<std::pair<size_t, std::string>, size_t> group_of;  // (clause, violent|kind)
  for (size_t t = 0; t < a.triggers.size(); ++t) {
    const auto& tr = a.triggers[t];
    // What is alleged or referred back to ("it accused of carrying out a chlorine attack",
    // "in retaliation for ...") is its own event, never the reported violence's kind.
    std::string key = !tr.violent ? tr.kind
                      : Background(a, tr) || Modality(a, tr) == "claimed" ||
                                Modality(a, tr) == "hypothetical"
                          ? "*violent-other"
                                                                           : "*violent";
    auto k = std::make_pair(a.ClauseOf(tr.first), key);
    auto it = group_of.find(k);
    if (it == group_of.end()) {
      group_of[k] = groups.size();
      groups.push_back({t});
    } else {
      groups[it->second].push_back(t);
    }
  }
  return groups;
}

CandidateEvent Candidate(const DocumentAnalysis& da, const SentenceAnalysis& a,
                         const std::vector<size_t>& g) {
  const std::optional<Actor>& prev_subject = a.previous_subject;
  size_t main = g[0];
  for (size_t t : g)
    if (a.triggers[t].priority > a.triggers[main].priority) main = t;
  const TriggerMention& tr = a.triggers[main];
  Event e;
  e.kind = tr.kind;
  SetKindCodes(*da.resources.kinds, e);
  Roles roles;
  for (size_t t : g) {  // the first trigger of the group that has actors speaks for it
    Roles r = FindRoles(a, a.triggers[t], t);
    if (!roles.actor1 && r.actor1) roles.actor1 = r.actor1;
    if (!roles.actor2 && r.actor2) roles.actor2 = r.actor2;
    if (!roles.location && r.location) roles.location = r.location;
    if (!roles.speaker && r.speaker) roles.speaker = r.speaker;
    if (!roles.co_actor && r.co_actor) roles.co_actor = r.co_actor;
  }
  // Triggers of one group may give the same mention both roles ("is scheduled to attend a
  // summit": a passive reading of one, the subject of the other).
  if (roles.actor1 && roles.actor2 == roles.actor1) roles.actor2 = nullptr;
  // Protesters protest: a state named nearby is what they protest about.
  if (e.kind == "protest") {
    if (roles.actor1 && roles.actor1->agent != "PRO" && roles.actor1->agent != "CVL")
      roles.actor1 = nullptr;
    roles.actor2 = nullptr;
  }
  if (roles.actor1) e.actor1 = ToActor(a, *roles.actor1);
  // No subject in the sentence: the previous sentence's ("Россия осудила удары. Также
  // призвала ..."; "Il a appelé ..."). Violence with a left-out subject ("Обстреляли
  // Горис", they shelled) keeps the frame's attacker, a pronoun the previous subject.
  if (!e.actor1 && prev_subject && e.kind != "protest") {
    const int how = SubjectlessStart(a, tr, da.lang);
    if (how == 1 || (how == 2 && !e.violent)) {
      e.actor1 = *prev_subject;
      e.actor1->inferred = true;
      if (e.actor2 && e.actor2->code == e.actor1->code) e.actor2.reset();
    }
  }
  if (roles.actor2) e.actor2 = ToActor(a, *roles.actor2);
  e.modality = Modality(a, tr);
  e.cameo = RefineCameo(a, tr, e.cameo);  // the most specific code the words support
  if (e.kind == "request_assistance" && e.modality == "claimed") e.modality = "asserted";
  // Date.
  if (!a.date.empty()) {
    e.date = a.date;
    e.date_precision = a.date_precision;
    e.date_basis = "text";
  } else if (!da.doc.date.empty()) {
    e.date = da.doc.date;
    e.date_precision = "day";
    e.date_basis = "publication";
  }
  CandidateEvent ce;
  ce.event = std::move(e);
  ce.sentence = &a;
  ce.group = g;
  ce.main = main;
  ce.roles = roles;
  return ce;
}

}  // namespace

void PassEvents(DocumentAnalysis& da) {
  for (const auto& a : da.sentences)
    for (const auto& g : Groups(a)) da.events.push_back(Candidate(da, a, g));
}

}  // namespace tocsin::extract
