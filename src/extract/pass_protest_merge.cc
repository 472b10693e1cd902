// Protest merge pass: one protest, one event.
#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "document_analysis.h"
#include "merge_util.h"
#include "passes.h"

namespace tocsin::extract {

namespace {

// The demonstration events, from the least to the most serious; -1 for any other kind.
int Family(const std::string& k) {
  if (k == "protest") return 0;
  if (k == "protest_with_intervention") return 1;
  if (k == "riot") return 2;
  if (k == "excessive_force") return 3;
  return -1;
}

// The cluster of demonstration event i becomes one event of family `best`: the protest whose
// date the text gives, or the excessive force, takes the others' places and salience.
void MergeCluster(DocumentAnalysis& da, size_t i, const std::vector<size_t>& cluster, int best,
                  bool protest, std::vector<bool>& drop, SentenceBuckets& by_sentence) {
  auto ev = [&](size_t k) -> Event& { return da.events[k].event; };
  auto info = [&](size_t k) -> EventInfo& { return da.events[k].info; };
  auto family = Family;
  if (best == family(ev(i).kind) && cluster.size() == 1) return;  // nothing nearby
  static const char* kFamily[] = {"protest", "protest_with_intervention", "riot",
                                  "excessive_force"};
  size_t keeper = i;
  for (size_t j : cluster)  // the protest whose date the text gives
    if (family(ev(j).kind) == 0 && ev(j).date_basis == "text" &&
        ev(keeper).date_basis != "text")
      keeper = j;
  if (best == 3)
    for (size_t j : cluster)
      if (ev(j).kind == "excessive_force") {
        keeper = j;
        break;
      }
  Event& k = ev(keeper);
  k.kind = kFamily[best];
  SetKindCodes(*da.resources.kinds, k);
  for (size_t j : cluster) {
    if (j == keeper) continue;
    if (k.places.empty()) k.places = ev(j).places;
    info(keeper).priority = std::max(info(keeper).priority, info(j).priority);
    info(keeper).base = std::max(info(keeper).base, info(j).base);
    const int was = info(keeper).sentence;
    info(keeper).sentence = std::min(info(keeper).sentence, info(j).sentence);
    by_sentence.Move(keeper, was, info(keeper).sentence);
    drop[j] = true;
  }
  if (protest && !k.actor2 && best == 3)
    for (size_t j : cluster)
      if (ev(j).kind != "excessive_force" && ev(j).actor1)
        k.actor2 = ev(j).actor1;
}

  // What a demonstration is about is no event of the text: "Demonstrations demanding justice
  // for two students killed in a road accident", "protesting against the detention of ...".
  // (Only the demonstrations are candidates: a scan of every event for every event was
  // quadratic in the document's length.)
void DemoteGrievances(DocumentAnalysis& da, const std::vector<bool>& drop) {
  auto ev = [&](size_t k) -> Event& { return da.events[k].event; };
  auto info = [&](size_t k) -> EventInfo& { return da.events[k].info; };
  auto family = Family;
  std::map<int, std::vector<size_t>> demos;  // by sentence
  for (size_t p = 0; p < da.events.size(); ++p)
    if (!drop[p] && family(ev(p).kind) >= 0) demos[info(p).sentence].push_back(p);
  for (size_t j = 0; j < da.events.size() && !demos.empty(); ++j) {
    if (drop[j] || family(ev(j).kind) >= 0) continue;
    auto same_sentence = demos.find(info(j).sentence);
    if (same_sentence == demos.end()) continue;
    for (size_t p : same_sentence->second)
      if (info(p).sentence == info(j).sentence &&
          ev(p).evidence.field == ev(j).evidence.field &&
          ev(p).evidence.trigger_start < ev(j).evidence.trigger_start) {
        info(j).base -= 0.25;
        break;
      }
  }
}

}  // namespace

// One protest, one event: a protest and what happened to it nearby (same or next sentence)
// are coded as the most serious: police intervention (tear gas, arrests of protesters), a
// violent demonstration, or excessive force (kept as the security forces' event).
void PassProtestMerge(DocumentAnalysis& da) {
  auto ev = [&](size_t k) -> Event& { return da.events[k].event; };
  auto info = [&](size_t k) -> EventInfo& { return da.events[k].info; };
  auto family = Family;
  std::vector<bool> drop(da.events.size(), false);
  SentenceBuckets by_sentence(da.events);
  for (size_t i = 0; i < da.events.size(); ++i) {
    // From each demonstration event: a protest, a riot ("rioters set fire on a street"), an
    // intervention ("security forces fired rubber bullets ... dozens were injured"), or force
    // against protesters (the protest itself may have been dropped as bare).
    if (drop[i] || family(ev(i).kind) < 0) continue;
    std::vector<size_t> cluster;
    int best = -1;
    for (size_t j : by_sentence.Near(info(i).sentence, 1)) {
      if (drop[j] || std::abs(info(j).sentence - info(i).sentence) > 1) continue;
      const int f = family(ev(j).kind);
      if (f >= 0) {
        cluster.push_back(j);
        best = std::max(best, f);
      }
    }
    bool protest = false;
    for (size_t j : cluster) protest |= family(ev(j).kind) >= 0;
    // Whether event j's trigger comes after a demonstration's trigger of its sentence.
    auto after_protest = [&](size_t j) {
      for (size_t p : cluster)
        if (info(p).sentence == info(j).sentence && ev(p).evidence.field == ev(j).evidence.field &&
            ev(p).evidence.trigger_start < ev(j).evidence.trigger_start)
          return true;
      return false;
    };
    const size_t own = cluster.size();  // the demonstration's own events
    bool mutual = false;                // clashes between demonstrators and others
    // "Police arrested 180 people as supporters staged sit-ins": the arrests are the police's
    // intervention, one event with the protest. "Demonstrators protesting against the
    // detention of their leader": an arrest named after the protest is its grievance.
    if (protest)
      for (size_t j : by_sentence.Near(info(i).sentence, 0)) {
        if (ev(j).kind != "arrest" || drop[j] || info(j).sentence != info(i).sentence) continue;
        if (info(j).governed && after_protest(j)) continue;  // left to the grievance rule
        if (!info(j).with_protest) continue;
        best = std::max(best, 1);
        cluster.push_back(j);
      }
    // "clashes between police and protesters", "protesters threw stones": a violent
    // demonstration; "security forces attacked a peaceful demonstration", "Israeli attacks
    // against peaceful protesters" (one-sided violence by the security forces, or told
    // before the demonstration it hits): excessive force.
    if (protest)
      for (size_t j : by_sentence.Near(info(i).sentence, 0)) {
        const Event& v = ev(j);
        if (info(j).sentence != info(i).sentence || drop[j] ||
            (v.kind != "armed_clash" && v.kind != "attack_on_civilians" && v.kind != "looting"))
          continue;
        const bool security = v.actor1 && !v.actor1->inferred &&
                              (v.actor1->agent == "POL" || v.actor1->agent == "MIL");
        const bool one_sided = info(j).generic || v.kind == "attack_on_civilians";
        // Excessive force is the state's: protesters, armed groups or civilians attacking a
        // demonstration make it violent, not repressed.
        const bool by_protesters =
            v.actor1 && !v.actor1->inferred &&
            (v.actor1->agent == "PRO" || v.actor1->agent == "REB" || v.actor1->agent == "CVL" ||
             v.actor1->type == "nsa");
        bool before = false;
        for (size_t p = 0; p < own; ++p)
          before |= ev(cluster[p]).evidence.field == v.evidence.field &&
                    v.evidence.trigger_start < ev(cluster[p]).evidence.trigger_start;
        const int f = v.kind != "looting" && !by_protesters && one_sided && (security || before) ? 3 : 2;
        if (f > best) best = f;
        if (f == 3) ev(j).kind = "excessive_force";
        if (f == 2 && info(j).clash) mutual = true;
        cluster.push_back(j);
      }
    // "Four protesters have been killed during demonstrations and clashes": deaths in clashes
    // that no security force is said to have caused are those of a violent demonstration.
    for (size_t j : cluster) mutual |= info(j).clash;
    if (best == 3 && mutual) {
      bool state_act = false;
      for (size_t j : cluster)
        state_act |= ev(j).kind == "excessive_force" && ev(j).actor1 &&
                     !ev(j).actor1->inferred &&
                     (ev(j).actor1->agent == "POL" || ev(j).actor1->agent == "MIL" ||
                      ev(j).actor1->type == "state");
      if (!state_act) {
        best = 2;
        for (size_t j : cluster)
          if (ev(j).kind == "excessive_force") ev(j).kind = "riot";
      }
    }
    // Protesters killed or wounded by an intervention: excessive force (ACLED: lethal force
    // or serious injuries).
    if (best == 1)
      for (size_t j : cluster)
        if (info(j).hurt) best = 3;
    MergeCluster(da, i, cluster, best, protest, drop, by_sentence);
  }
  DemoteGrievances(da, drop);
  EraseDropped(da.events, drop);
}

}  // namespace tocsin::extract
