// Frame pass: the document's conflict frame, who attacks whom across the document.
#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {

void PassFrame(DocumentAnalysis& da) {
  // The conflict frame: who attacks whom across the document. Attackers are the explicit
  // first actors of violent triggers; both sides also gain from being named in violent
  // sentences (as territory, side or actor).
  std::map<std::string, double> attack_votes, party_votes, target_votes;
  for (const auto& a : da.sentences) {
    bool violent_sentence = false;
    for (size_t t = 0; t < a.triggers.size(); ++t) {
      if (!a.triggers[t].violent) continue;
      violent_sentence = true;
      Roles r = FindRoles(a, a.triggers[t], t);
      if (Modality(a, a.triggers[t]) == "denied") continue;
      if (r.actor1 && IsState(*r.actor1)) attack_votes[r.actor1->code] += 1;
      if (r.actor2 && IsState(*r.actor2)) party_votes[r.actor2->code] += 1, target_votes[r.actor2->code] += 1;
      if (r.location) party_votes[r.location->code] += 1.5, target_votes[r.location->code] += 1;
    }
    if (!violent_sentence) continue;
    for (const auto& m : a.actors)
      if (IsState(m) && !m.attribution) party_votes[m.code] += m.side || m.location ? 1 : 0.5;
  }
  {
    std::map<std::string, double> total;
    for (auto& [c, v] : attack_votes) total[c] += 2 * v;
    for (auto& [c, v] : party_votes) total[c] += v;
    std::vector<std::pair<double, std::string>> ranked;
    for (auto& [c, v] : total) ranked.emplace_back(v, c);
    std::sort(ranked.rbegin(), ranked.rend());
    if (ranked.size() >= 2) {
      std::string x = ranked[0].second, y = ranked[1].second;
      // Two attackers that nobody attacks are no dyad ("Russian troops ... Wagner fighters ...
      // Ukrainian soldiers were captured"): the other side is one that is hit.
      if (!target_votes.count(x) && !target_votes.count(y))
        for (size_t k = 2; k < ranked.size(); ++k)
          if (target_votes.count(ranked[k].second)) {
            y = ranked[k].second;
            break;
          }
      if (attack_votes[y] > attack_votes[x]) std::swap(x, y);
      da.frame.aggressor = x;
      da.frame.defender = y;
      da.frame.ranked = true;
    }
  }
}

}  // namespace tocsin::extract
