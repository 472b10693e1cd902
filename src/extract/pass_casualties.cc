// Casualties pass: casualty claims (a count, its qualifier and range, who died or was hurt, on
// which side, reported by whom) and the event each belongs to.
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {

namespace {

// Lookups of the events, built once (the events no longer change): by id, and each field's
// violent events with their sentence starts (in text order, checked).
class EventLookup {
 public:
  explicit EventLookup(const std::vector<CandidateEvent>& events) : events_(events) {
    for (size_t i = 0; i < events_.size(); ++i) {
      const Event& e = events_[i].event;
      event_by_id_.emplace(e.id, i);
      if (!e.violent) continue;
      ViolentIndex& vi = violent_by_field_[e.evidence.field];
      if (!vi.starts.empty() && e.evidence.start < vi.starts.back()) vi.sorted = false;
      vi.starts.push_back(e.evidence.start);
      vi.events.push_back(i);
    }
  }

  // The event with that id, or null.
  const Event* Find(const std::string& id) const {
    auto it = event_by_id_.find(id);
    return it == event_by_id_.end() ? nullptr : &events_[it->second].event;
  }

  // The id of the event a toll of sentence `a` belongs to ("" when none).
  std::string EventOf(const SentenceAnalysis& a) const {
    std::string id;
    if (const ViolentIndex& vi = Violent(a.field); vi.sorted) {
      auto at = std::lower_bound(vi.starts.begin(), vi.starts.end(), a.sentence.start);
      if (at != vi.starts.end() && *at == a.sentence.start)
        id = events_[vi.events[at - vi.starts.begin()]].event.id;
      else if (at != vi.starts.begin())
        id = events_[vi.events[at - vi.starts.begin() - 1]].event.id;
    } else {
      for (const auto& ce : events_) {
        const Event& e = ce.event;
        if (!e.violent || e.evidence.field != a.field) continue;
        if (e.evidence.start == a.sentence.start) {
          id = e.id;
          break;
        }
        if (e.evidence.start < a.sentence.start) id = e.id;
      }
    }
    if (id.empty() && a.field == "title")
      for (const auto& ce : events_)
        if (ce.event.violent && ce.event.evidence.field == "text") {
          id = ce.event.id;
          break;
        }
    return id;
  }

 private:
  struct ViolentIndex {
    std::vector<uint32_t> starts;
    std::vector<size_t> events;
    bool sorted = true;
  };
  const ViolentIndex& Violent(const std::string& field) const {
    static const ViolentIndex no_violent;
    auto it = violent_by_field_.find(field);
    return it == violent_by_field_.end() ? no_violent : it->second;
  }

  const std::vector<CandidateEvent>& events_;
  std::map<std::string, ViolentIndex> violent_by_field_;
  std::unordered_map<std::string, size_t> event_by_id_;
};

// The victims ("killed", "wounded", ...) that count k of sentence `a` counts, "" when it is no
// toll; `phrase_end` becomes the end of the toll's phrase.
std::string VictimsOf(const SentenceAnalysis& a, size_t k, uint32_t next_number,
                      const std::string& last_victims, uint32_t& phrase_end) {
  const NumberMention& n = a.numbers[k];
  // Years and days of a date are not counts.
  if (n.value >= 1900 && n.value <= 2100 && n.qualifier == "exact") return "";
  // "a"/"un"/"one" count only right before the person or victim word ("a soldier was
  // killed"), never as an article elsewhere.
  const bool word_one = n.value == 1 && !a.tok(n.first).is_number && n.qualifier == "exact";
  if (word_one) {
    bool noun_next = false;
    for (const auto& m : a.matches)
      noun_next |= m.first == n.end && (m.entry->klass == lexicon::Class::kPerson || m.entry->klass == lexicon::Class::kVictim);
    if (!noun_next) return "";
  }
  bool date_part = false;
  for (const auto& m : a.matches)
    if (m.entry->klass == lexicon::Class::kMonth && (m.first == n.end || m.end == n.first)) date_part = true;
  if (date_part) return "";
  std::string victims;
  phrase_end = n.end;
  bool saw_person = false;
  for (uint32_t i = n.end; i < std::min(next_number, n.end + 7); ++i) {
    if (a.tok(i).is_punct && a.tok(i).folded != "-") break;
    const lexicon::Match* victim = nullptr;
    for (const auto& m : a.matches)
      if (m.first == i && m.entry->klass == lexicon::Class::kVictim) victim = &m;
    if (victim) {
      if (!saw_person && i > n.end + 3) break;
      victims = victim->entry->Get("victims");
      phrase_end = victim->end;
      break;
    }
    for (const auto& m : a.matches)
      if (m.first == i && m.entry->klass == lexicon::Class::kPerson) saw_person = true;
  }
  // "killed 5 soldiers", "ont tué deux soldats": the victim verb comes first.
  if (victims.empty()) {
    for (const auto& m : a.matches) {
      if (m.entry->klass != lexicon::Class::kVictim || m.end > n.first || m.end + 2 < n.first) continue;
      bool punct = false;
      for (uint32_t i = m.end; i < n.first; ++i) punct |= a.tok(i).is_punct;
      if (!punct) victims = m.entry->Get("victims");
    }
  }
  // "près de 50 victimes ... et au moins 7 du côté ...": the second count shares the noun,
  // but only when nothing else follows it ("and hundreds of residents fled" is no toll).
  if (victims.empty() && !last_victims.empty() && k > 0) {
    bool coordinated = false;
    for (uint32_t i = a.numbers[k - 1].end; i < n.first; ++i)
      if (a.tok(i).folded == "et" || a.tok(i).folded == "and" || a.tok(i).folded == "\u0438")
        coordinated = true;
    bool bare = n.end >= a.sentence.end_token || a.tok(n.end).is_punct;
    for (const auto& m : a.matches)
      bare |= m.first == n.end && m.entry->klass == lexicon::Class::kCue && m.entry->Get("type") == "side";
    for (const auto& m : a.actors) bare |= m.side && m.first == n.end;
    if (coordinated && bare) victims = last_victims;
  }
  return victims;
}

// Side: a side mention or a demonym right after, before the next count.
void SideNamed(const SentenceAnalysis& a, const NumberMention& n, uint32_t next_number,
               uint32_t phrase_end, Casualty& c) {
  for (const auto& m : a.actors) {
    if (m.first < n.first || m.first >= next_number) continue;
    // "33 injured in Armenian attack": the demonym qualifies the attack, its author.
    if (!m.side && m.trigger_adjective >= 0) continue;
    if (m.side || (m.adjective && m.first <= phrase_end + 1) || m.first == n.end ||
        (m.agent == "MIL" && m.first <= phrase_end + 3)) {
      c.side = m.code;
      c.side_text = std::string(a.span(m.first, m.end));
      break;
    }
  }
}

// The side of a toll from the event it belongs to.
void SideFromEvent(const SentenceAnalysis& a, const NumberMention& n, uint32_t phrase_end,
                   const EventLookup& events, Casualty& c) {
  // Soldiers killed in an attack on a force belong to that force's side.
  if (c.side.empty() && !c.event_id.empty()) {
    bool soldiers = false;
    for (const auto& m : a.matches)
      soldiers |= m.entry->klass == lexicon::Class::kPerson && m.first >= n.end && m.first <= phrase_end &&
                  m.entry->Get("civilian") != "1";
    if (soldiers)
      if (const Event* found = events.Find(c.event_id)) {
        const Event& e = *found;
        if (e.actor2 && e.actor2->agent == "MIL") c.side = e.actor2->code;
      }
  }
  // Otherwise the dead and wounded of an attack told in the same sentence are the attacked
  // side's: its target, else the state where it struck ("a missile attack on Ganja killed
  // seven", "Russia's strike killed 20 civilians in Sumy", "les frappes ont fait 40 morts").
  // ("more than 100 soldiers killed on both sides" stays without a side.)
  const bool both_sides = std::any_of(a.cues.begin(), a.cues.end(),
                                      [](const CueMention& cue) { return cue.type == "both"; });
  if (c.side.empty() && !c.event_id.empty() && !both_sides)
    if (const Event* found = events.Find(c.event_id)) {
      const Event& e = *found;
      // The state where it struck first; a target the frame only inferred may belong to
      // another conflict of the document.
      const std::string author = e.actor1 ? e.actor1->code : "";
      const bool same_sentence =
          e.evidence.field == a.field && e.evidence.start == a.sentence.start;
      for (const auto& p : e.places)
        if (same_sentence && !p.country.empty() && p.country != author) {
          c.side = p.country;
          break;
        }
      if (same_sentence && c.side.empty() && e.actor2 && !e.actor2->inferred &&
          !e.actor2->code.empty() && e.actor2->code != author)
        c.side = e.actor2->code;
      if (!c.side.empty()) c.side_inferred = true;
    }
}

}  // namespace

void PassCasualties(DocumentAnalysis& da) {
  // Casualties: a number, then (within a few words) a victim word, a person noun followed by a
  // victim verb, or an ellipsis after an earlier count ("50 victimes ... et au moins 7 ...").
  const EventLookup events(da.events);
  int casualty_no = 0;
  for (const auto& a : da.sentences) {
    std::string last_victims;
    for (size_t k = 0; k < a.numbers.size(); ++k) {
      const NumberMention& n = a.numbers[k];
      const uint32_t next_number =
          k + 1 < a.numbers.size() ? a.numbers[k + 1].first : a.sentence.end_token;
      uint32_t phrase_end = n.end;
      const std::string victims = VictimsOf(a, k, next_number, last_victims, phrase_end);
      if (victims.empty()) continue;
      last_victims = victims;
      Casualty c;
      c.count = n.value;
      c.qualifier = n.qualifier;
      if (n.qualifier == "range" && n.max) {
        c.min = n.value;
        c.max = *n.max;
      } else if (n.qualifier == "at_least") {
        c.min = n.value;
      } else if (n.qualifier == "at_most") {
        c.max = n.value;
      }
      c.victims = victims;
      SideNamed(a, n, next_number, phrase_end, c);
      if (a.attribution) {
        Attribution att = *a.attribution;
        std::vector<std::string> codes;
        for (const auto& code : att.actors)
          if (code == "*both" && da.frame.known()) {
            codes.push_back(da.frame.aggressor);
            codes.push_back(da.frame.defender);
          } else if (code != "*both") {
            codes.push_back(code);
          }
        att.actors = codes;
        c.attribution = att;
      }
      c.evidence.field = a.field;
      c.evidence.start = a.sentence.start;
      c.evidence.end = a.sentence.end;
      c.evidence.sentence =
          std::string(a.source.substr(a.sentence.start, a.sentence.end - a.sentence.start));
      c.evidence.trigger_start = a.tok(n.first).start;
      c.evidence.trigger_end = a.tok(phrase_end - 1).end;
      // The event it belongs to: a violent event of the same sentence, else the latest one
      // before it; a toll in the title belongs to the first violent event of the text.
      // (A binary search over the field's violent events, which are in text order: a scan of
      // every event for every toll was quadratic in the document's length.)
      c.event_id = events.EventOf(a);
      SideFromEvent(a, n, phrase_end, events, c);
      c.id = da.doc.id + "#c" + std::to_string(++casualty_no);
      da.casualties.push_back(std::move(c));
    }
  }
}

}  // namespace tocsin::extract
