// Attack merge pass: one attack, one event.
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "document_analysis.h"
#include "merge_util.h"
#include "passes.h"

namespace tocsin::extract {

// One attack, one event: a generic attack ("militants attacked", "the attacks") and the
// weapon that made it, told in the same or the next sentence ("... was attacked with a
// grenade", "a roadside bomb ... detonated"), are coded by the weapon, as ACLED does; so is
// an attack that consisted of looting or burning property ("hoodlums attacked them, looted
// many houses"). The generic event lends its salience (position) to the specific one.
// Talks about an agreement ("joined talks to achieve a peace agreement") stay a meeting, but
// the agreement is the main event (ACLED: Agreement covers peace talks).
void PassAttackMerge(DocumentAnalysis& da) {
  auto ev = [&](size_t k) -> Event& { return da.events[k].event; };
  auto info = [&](size_t k) -> EventInfo& { return da.events[k].info; };
  auto weapon = [](const std::string& k) {
    return k == "shelling" || k == "air_strike" || k == "drone_strike" || k == "explosion" ||
           k == "grenade" || k == "suicide_bomb" || k == "chemical_weapon";
  };
  std::vector<bool> drop(da.events.size(), false);
  SentenceBuckets by_sentence(da.events);
  for (size_t i = 0; i < da.events.size(); ++i) {
    const bool generic = info(i).generic && (ev(i).kind == "armed_clash" ||
                                             ev(i).kind == "attack_on_civilians");
    const bool talks = ev(i).kind == "meeting";
    if (drop[i] || (!generic && !talks) || info(i).background) continue;
    for (size_t j : by_sentence.Near(info(i).sentence, 1)) {
      if (j == i || drop[j] || info(j).background || ev(j).modality != "asserted") continue;
      const int gap = std::abs(info(j).sentence - info(i).sentence);
      const std::string& k = ev(j).kind;
      const bool absorbs = generic ? (weapon(k) && gap <= 1) || (k == "looting" && gap == 0)
                                   : k == "agreement" && gap == 0;
      if (!absorbs) continue;
      // Not the same attack when the named sides disagree ("Russia was attacked by drones.
      // Russian forces were shelling Kharkiv.").
      auto code = [](const std::optional<Actor>& x) {
        return x && !x->inferred ? x->code : std::string();
      };
      const Event& ev_i = ev(i);
      const Event& ev_j = ev(j);
      auto clash = [](const std::string& x, const std::string& y) {
        return !x.empty() && !y.empty() && x != y;
      };
      auto same = [](const std::string& x, const std::string& y) { return !x.empty() && x == y; };
      if (clash(code(ev_i.actor1), code(ev_j.actor1)) || clash(code(ev_i.actor2), code(ev_j.actor2)) ||
          same(code(ev_i.actor1), code(ev_j.actor2)) || same(code(ev_i.actor2), code(ev_j.actor1)))
        continue;
      const int was = info(j).sentence;
      info(j).sentence = std::min(info(j).sentence, info(i).sentence);
      by_sentence.Move(j, was, info(j).sentence);
      info(j).base = std::max(info(j).base, info(i).base);
      info(j).lead = info(j).lead || info(i).lead;
      info(j).priority = std::max(info(j).priority, info(i).priority);
      if (talks) {
        info(i).base -= 0.1;
        break;
      }
      if (!ev(j).actor1 && ev(i).actor1) ev(j).actor1 = ev(i).actor1;
      drop[i] = true;
      break;
    }
  }
  EraseDropped(da.events, drop);
}

}  // namespace tocsin::extract
