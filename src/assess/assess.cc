// The assessment rules (doc/assessment.md): treaty triggers, requests and responses,
// ceasefires, alerts. Every item keeps the ids of the events it rests on.
#include "tocsin/assess/assess.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "assess_internal.h"
#include "tocsin/codes/kinds.h"

namespace tocsin::assess {

namespace {

using extract::Event;
using extract::Place;

// One dated event of the input, in assessment order.
struct Ev {
  const Event* e = nullptr;
  const DocumentEvents* doc = nullptr;
  int doc_index = 0;
  std::string date;
  bool violent = false;
  bool counts = false;   // asserted or attempted
  bool alleged = false;  // claimed (by its actor, or in an accusation)
  std::tuple<std::string, int, int, uint32_t> key() const {
    return {date, doc_index, e->evidence.field == "title" ? 0 : 1, e->evidence.start};
  }
};

std::string Code(const std::optional<extract::Actor>& a) { return a ? a->code : std::string(); }

bool IsStateActor(const std::optional<extract::Actor>& a) {
  if (!a || a->code.size() != 3) return false;
  for (char c : a->code)
    if (c < 'A' || c > 'Z') return false;
  return a->type == "state" || a->type.empty();
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
void AddUnique(std::vector<std::string>& v, const std::string& s) {
  if (!Contains(v, s)) v.push_back(s);
}

std::string Join(const std::vector<std::string>& v, const std::string& sep = ", ") {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string PlaceName(const Place& p) { return p.name.empty() ? p.text : p.name; }

bool IsAssistanceMechanism(const std::string& m) { return m != "consultation"; }

std::string ArticleLabel(const Clause& c) {
  bool digits = !c.article.empty() &&
                std::all_of(c.article.begin(), c.article.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  bool roman = !c.article.empty() && std::all_of(c.article.begin(), c.article.end(), [](char ch) {
    return ch == 'I' || ch == 'V' || ch == 'X';
  });
  bool numbered = !c.article.empty() && c.article[0] >= '0' && c.article[0] <= '9';  // "42(7)"
  return digits || roman || numbered ? "Article " + c.article : c.name;
}

// Whether a place lies in the territory `clause.scope` covers for attacked state `y`.
bool InScope(const Place& p, const std::string& y, const std::string& scope) {
  if (p.territory != "sovereign" || p.country != y) return false;
  if (scope == "members") return true;
  if (scope == "members_north_of_tropic") return p.lat && *p.lat >= 23.44;
  if (scope.rfind("list:", 0) == 0) {
    std::string list = "," + scope.substr(5) + ",";
    return list.find("," + y + ",") != std::string::npos;
  }
  return false;
}

std::string ScopeName(const std::string& scope) {
  if (scope == "members_north_of_tropic")
    return "the North Atlantic area of Article 6 (parties' territory north of the Tropic of Cancer)";
  if (scope.rfind("list:", 0) == 0) return "the territory of " + scope.substr(5);
  return "the parties' sovereign territory";
}

// Why an event does not put a place of `y`'s covered territory under attack: one reason per
// place (none when the event has no place).
std::vector<std::string> PlaceReasons(const Ev& ev, const std::string& y, const std::string& scope) {
  const Event& e = *ev.e;
  std::vector<std::string> parts;
  for (const Place& p : e.places) {
    std::string n = PlaceName(p);
    if (p.territory == "disputed" || p.territory == "occupied") {
      std::string s = (p.area == n ? n + " is " : n + " is in " + (p.area.empty() ? "an area" : p.area) + ", ") +
                      p.territory + " on " + ev.date + " (recognised as " + p.country;
      if (!p.claimed_by.empty()) s += ", claimed by " + Join(p.claimed_by, "/");
      if (!p.controlled_by.empty()) s += ", controlled by " + p.controlled_by;
      s += "): not " + y + "'s sovereign territory";
      parts.push_back(s);
    } else if (p.territory == "sovereign" && p.country != y) {
      parts.push_back(n + " is " + p.country + "'s territory, not " + y + "'s");
    } else if (p.territory == "sovereign") {
      parts.push_back(n + " lies outside " + ScopeName(scope));
    } else {
      parts.push_back(n + ": territory unknown (no coordinates, or at sea)");
    }
  }
  std::vector<std::string> unique;
  for (const std::string& p : parts) AddUnique(unique, p);
  return unique;
}

std::string TerritoryReason(const Ev& ev, const std::string& y, const std::string& scope) {
  if (ev.e->places.empty()) return "no place located: cannot tell whose territory was hit";
  return Join(PlaceReasons(ev, y, scope), "; ");
}

std::string CoveredTerritory(const std::string& y, const std::string& scope) {
  if (scope == "members") return y + "'s sovereign territory";
  return y + "'s sovereign territory within " + ScopeName(scope);
}

std::string MembershipSince(const KnowledgeBase& kb, const std::string& treaty,
                            const std::string& state, const std::string& date) {
  Standing s = kb.StandingOn(treaty, state, date);
  const Treaty* t = kb.FindTreaty(treaty);
  std::string from;
  for (const Membership& m : kb.memberships())
    if (m.treaty == treaty && m.member == state && m.from <= date &&
        (from.empty() || m.from < from) && m.status != "suspended")
      from = m.from;
  // The earliest row of an unbroken run up to the date.
  std::string since = s.period ? s.period->from : from;
  for (const Membership& m : kb.memberships())
    if (m.treaty == treaty && m.member == state && m.to == since && m.status != "suspended")
      since = m.from;
  std::string out = "a party since " + since;
  if (t && t->in_force > since) out += " (treaty in force " + t->in_force + ")";
  return out;
}

std::string NotPartyReason(const KnowledgeBase& kb, const std::string& treaty,
                           const std::string& state, const std::string& date) {
  Standing s = kb.StandingOn(treaty, state, date);
  const Treaty* t = kb.FindTreaty(treaty);
  std::string tn = t && !t->names_en.empty() ? t->names_en.front() : treaty;
  if (!s.treaty_in_force && t)
    return "the " + tn + " was not in force on " + date + " (in force " + t->in_force +
           (t->ended.empty() ? "" : " to " + t->ended) + ")";
  if (s.period && s.period->status == "suspended")
    return state + " had suspended its membership of the " + tn + " on " + s.period->from +
           " (" + s.period->source + ")";
  if (s.last)
    return state + " was no longer a party to the " + tn + " on " + date +
           ": its membership ended on " + s.last->to + " (" + s.last->source + ")";
  if (s.first)
    return state + " was not yet a party to the " + tn + " on " + date + " (party from " +
           s.first->from + ")";
  return state + " is not a party to the " + tn + " on " + date + " (never a member)";
}

std::string PlacesOf(const Ev& ev, const std::string& y, const std::string& scope,
                     std::set<std::string>* regions) {
  std::vector<std::string> names;
  for (const Place& p : ev.e->places)
    if (InScope(p, y, scope)) {
      AddUnique(names, PlaceName(p));
      if (regions && !p.admin1.empty()) regions->insert(p.admin1);
    }
  return Join(names);
}

struct Assessor {
  Assessor(const KnowledgeBase& k, const AssessOptions& o) : kb(k), opt(o) {}
  const KnowledgeBase& kb;
  const AssessOptions& opt;
  Assessment out;
  std::vector<Ev> evs;                              // dated, up to as_of, sorted
  std::map<std::string, const Ev*> by_id;
  std::map<std::string, const extract::Casualty*> casualty_by_id;
  std::map<std::string, std::string> casualty_date;
  std::set<std::string> linked_requests;           // request ids linked to a met trigger
  std::set<std::string> alerted_requests;

  void Cite(const std::string& id) {
    if (out.evidence.count(id)) return;
    EvidenceRef r;
    r.id = id;
    if (auto it = by_id.find(id); it != by_id.end()) {
      const Event& e = *it->second->e;
      r.doc_id = it->second->doc->doc_id;
      r.kind = e.kind;
      r.date = it->second->date;
      r.actor1 = Code(e.actor1);
      r.actor2 = Code(e.actor2);
      if (e.actor1 && e.actor1->inferred) r.actor1 += "(inferred)";
      if (e.actor2 && e.actor2->inferred) r.actor2 += "(inferred)";
      r.modality = e.modality;
      for (const Place& p : e.places) {
        std::string s = PlaceName(p) + " [" + (p.country.empty() ? "?" : p.country) + " " + p.territory;
        if (!p.area.empty()) s += ", " + p.area;
        if (!p.admin1.empty() && p.territory == "sovereign") s += ", " + p.admin1;
        r.places.push_back(s + "]");
      }
      r.field = e.evidence.field;
      r.sentence = e.evidence.sentence;
      r.start = e.evidence.start;
      r.end = e.evidence.end;
    } else if (auto c = casualty_by_id.find(id); c != casualty_by_id.end()) {
      const extract::Casualty& k = *c->second;
      r.kind = "casualty";
      r.date = casualty_date[id];
      r.actor1 = k.side;
      r.modality = k.qualifier + " " + std::to_string(k.count) + " " + k.victims;
      r.field = k.evidence.field;
      r.sentence = k.evidence.sentence;
      r.start = k.evidence.start;
      r.end = k.evidence.end;
      for (const DocumentEvents* d : docs)
        for (const auto& x : d->casualties)
          if (x.id == id) r.doc_id = d->doc_id;
    }
    out.evidence[id] = std::move(r);
  }
  std::vector<const DocumentEvents*> docs;

  void Collect(const std::vector<DocumentEvents>& input) {
    const codes::KindTable& kinds = codes::KindTable::Default();
    std::string latest;
    for (size_t i = 0; i < input.size(); ++i) {
      const DocumentEvents& d = input[i];
      docs.push_back(&d);
      for (const Event& e : d.events) {
        ++out.events;
        Ev ev;
        ev.e = &e;
        ev.doc = &d;
        ev.doc_index = static_cast<int>(i);
        ev.date = IsDate(e.date) ? e.date : IsDate(d.date) ? d.date : "";
        if (ev.date.empty()) {
          ++out.events_undated;
          continue;
        }
        const codes::KindCodes* k = kinds.Find(e.kind);
        ev.violent = e.violent || (k && k->violent);
        ev.counts = e.modality == "asserted" || e.modality == "attempted";
        ev.alleged = e.modality == "claimed";
        evs.push_back(ev);
        latest = std::max(latest, ev.date);
      }
    }
    out.documents = static_cast<int>(input.size());
    out.as_of = opt.as_of.empty() ? latest : opt.as_of;
    if (!out.as_of.empty()) {
      auto late = std::remove_if(evs.begin(), evs.end(), [&](const Ev& ev) { return ev.date > out.as_of; });
      out.events_after_as_of = static_cast<int>(evs.end() - late);
      evs.erase(late, evs.end());
    }
    std::stable_sort(evs.begin(), evs.end(), [](const Ev& a, const Ev& b) { return a.key() < b.key(); });
    for (const Ev& ev : evs) by_id[ev.e->id] = &ev;
    for (const DocumentEvents& d : input)
      for (const auto& c : d.casualties) {
        casualty_by_id[c.id] = &c;
        auto it = by_id.find(c.event_id);
        casualty_date[c.id] = it != by_id.end() ? it->second->date : d.date;
      }
    if (out.events_undated)
      out.warnings.push_back(std::to_string(out.events_undated) +
                             " event(s) without a date (no date in the text, no publication date: use --date) were not assessed");
    if (out.events_after_as_of)
      out.warnings.push_back(std::to_string(out.events_after_as_of) + " event(s) dated after " +
                             out.as_of + " (--as-of) were not assessed");
  }

  // ---- treaty triggers ----------------------------------------------------------------------

  struct Pair {
    std::string x, y;
    bool group = false;             // x is a non-state armed group
    std::vector<const Ev*> events;  // violent events by x that may concern y
  };

  // A non-state armed group as aggressor: an `nsa` actor with a code, or a code of groups.tsv.
  bool IsGroupActor(const std::optional<extract::Actor>& a) const {
    if (!a || a->code.empty()) return false;
    return a->type == "nsa" || kb.FindGroup(a->code) != nullptr;
  }

  std::vector<Pair> Pairs() {
    std::map<std::pair<std::string, std::string>, Pair> pairs;
    std::vector<std::pair<std::string, std::string>> order;
    for (const Ev& ev : evs) {
      if (!ev.violent || !(ev.counts || ev.alleged)) continue;
      // A three-letter group code (ADF, FLA, PIJ) read from records without a type is a group.
      const bool state = IsStateActor(ev.e->actor1) && !kb.FindGroup(ev.e->actor1->code);
      const bool group = !state && IsGroupActor(ev.e->actor1);
      if (!state && !group) continue;
      const std::string x = ev.e->actor1->code;
      std::vector<std::string> ys;
      for (const Place& p : ev.e->places) {
        if (p.territory == "sovereign" && !p.country.empty()) AddUnique(ys, p.country);
        if ((p.territory == "disputed" || p.territory == "occupied") && !p.controlled_by.empty())
          AddUnique(ys, p.controlled_by);
      }
      if (IsStateActor(ev.e->actor2)) AddUnique(ys, ev.e->actor2->code);
      for (const std::string& y : ys) {
        if (y == x) continue;
        auto key = std::make_pair(x, y);
        if (!pairs.count(key)) order.push_back(key);
        Pair& p = pairs[key];
        p.x = x;
        p.y = y;
        p.group = group;
        p.events.push_back(&ev);
      }
    }
    std::vector<Pair> v;
    for (const auto& k : order) v.push_back(pairs[k]);
    return v;
  }

  // How one event of a pair stands against one clause.
  struct Hit {
    bool counts = false;      // it meets the clause's conditions
    bool contested = false;   // only under a contested coverage or an alleged backing
    std::string covered_by;   // territory, forces_abroad, ...
    std::string contested_why;
    std::vector<std::string> places;  // where (in scope)
    std::string why;          // why it does not count
  };

  // The states that back group `g` on `date` (groups.tsv links "backs"), as "RWA (alleged)".
  std::vector<const GroupLink*> Backers(const std::string& g, const std::string& date) const {
    std::vector<const GroupLink*> out;
    for (const GroupLink* l : kb.LinksOf(g, date))
      if (l->relation == "backs" && l->status != "denied") out.push_back(l);
    return out;
  }

  std::string BackersText(const std::string& g, const std::string& date) const {
    std::vector<std::string> parts;
    for (const GroupLink* l : Backers(g, date))
      parts.push_back(l->state + (l->status == "alleged" ? " (alleged: " + l->source + ")" : " (" + l->source + ")"));
    return Join(parts, "; ");
  }

  Hit Classify(const Ev& ev, const Pair& pair, const Treaty& t, const Clause& c) const {
    Hit h;
    const Event& e = *ev.e;
    const std::string& x = pair.x;
    const std::string& y = pair.y;
    // Territory: y's sovereign places in the clause's scope.
    std::vector<std::string> in_scope;
    for (const Place& p : e.places)
      if (InScope(p, y, c.scope)) AddUnique(in_scope, PlaceName(p));
    // Forces: y's armed forces (actor2 = y, agent MIL) hit on a third state's territory.
    std::vector<std::string> forces_any, forces_area, forces_pacific;
    std::string forces_where;
    const bool on_forces = e.actor2 && e.actor2->code == y && e.actor2->agent == "MIL";
    if (on_forces)
      for (const Place& p : e.places) {
        // Also on the attacker's own territory: Turkish troops in Idlib hit by Syria (2020).
        if (p.territory != "sovereign" || p.country.empty() || p.country == y) continue;
        AddUnique(forces_any, PlaceName(p) + " (" + p.country + ")");
        if (kb.StandingOn(t.id, p.country, ev.date).bound && InScope(p, p.country, c.scope))
          AddUnique(forces_area, PlaceName(p) + " (" + p.country + ")");
        // The Pacific area of ANZUS art. V and US-Philippines art. V, approximated by longitude.
        if (p.lon && (*p.lon >= 100.0 || *p.lon <= -70.0))
          AddUnique(forces_pacific, PlaceName(p) + " (" + p.country + ")");
        forces_where = PlaceName(p) + " (" + p.country + "'s territory)";
      }
    if (c.trigger == "rebellion") {
      if (!pair.group) {
        h.why = ArticleLabel(c) + " is about armed rebellion inside a party, not attacks by a state";
        return h;
      }
      if (in_scope.empty()) {
        h.why = TerritoryReason(ev, y, c.scope);
        return h;
      }
      h.counts = c.Covers("armed_rebellion");
      h.contested = c.Contested("armed_rebellion");
      if (h.contested) h.contested_why = c.contested;
      h.covered_by = "armed_rebellion";
      h.places = in_scope;
      if (!h.counts) h.why = ArticleLabel(c) + " does not cover armed rebellion";
      return h;
    }
    // Where: territory first, then forces.
    if (!in_scope.empty() && c.Covers("territory")) {
      h.covered_by = "territory";
      h.places = in_scope;
    } else if (!forces_area.empty() && c.Covers("forces_in_area")) {
      h.covered_by = "forces_in_area";
      h.places = forces_area;
    } else if (!forces_any.empty() && c.Covers("forces_abroad")) {
      h.covered_by = "forces_abroad";
      h.places = forces_any;
      if (c.Contested("forces_abroad")) {
        h.contested = true;
        h.contested_why = c.contested;
      }
    } else if (!forces_pacific.empty() && c.Covers("forces_in_pacific")) {
      h.covered_by = "forces_in_pacific";
      h.places = forces_pacific;
    } else if (!forces_any.empty()) {
      h.why = "attack on " + y + "'s forces at " + forces_where + ": " + ArticleLabel(c) +
              (c.Covers("forces_in_area")      ? " covers a party's forces only when they are within " + ScopeName(c.scope)
               : c.Covers("forces_in_pacific") ? " covers a party's forces only in the Pacific area"
                                               : " does not cover a party's forces abroad");
      return h;
    } else {
      h.why = TerritoryReason(ev, y, c.scope);
      return h;
    }
    if (!pair.group) {
      h.counts = true;
      return h;
    }
    // A non-state attacker.
    if (c.Covers("non_state_attack")) {
      h.counts = true;
      if (c.Contested("non_state_attack")) {
        h.contested = true;
        h.contested_why = c.contested;
      }
      if (h.covered_by == "territory") h.covered_by = "non_state_attack";
      return h;
    }
    if (c.Covers("external_rebellion")) {
      const GroupLink* established = nullptr;
      const GroupLink* alleged = nullptr;
      for (const GroupLink* l : Backers(x, ev.date)) {
        if (kb.StandingOn(t.id, l->state, ev.date).bound) continue;  // support from outside
        if (l->status == "established" && !established) established = l;
        if (l->status == "alleged" && !alleged) alleged = l;
      }
      if (established || alleged) {
        h.counts = true;
        h.covered_by = "external_rebellion";
        if (!established) {
          h.contested = true;
          h.contested_why = "the outside support for " + x + " that the clause requires is only alleged: " +
                            alleged->state + " (" + alleged->source + ")";
        }
        return h;
      }
      h.why = x + " is a non-state armed group: " + ArticleLabel(c) +
              " covers an internal rebellion only when it is actively supported from outside, and the knowledge base records no outside backer of " +
              x + " on " + ev.date;
      return h;
    }
    h.why = x + " is a non-state armed group: " + ArticleLabel(c) + " of the " + t.names_en.front() +
            " covers armed attacks by states only";
    return h;
  }

  bool IsPartyOrOrg(const Treaty& t, const std::string& code, const std::string& date) {
    return (!t.organisation.empty() && code == t.organisation) || kb.StandingOn(t.id, code, date).bound;
  }

  void LinkRequests(const Treaty& t, const std::string& y, const std::string& from, TreatyTrigger& tr) {
    std::string first_org, first_addressed, first_any;
    for (const Ev& ev : evs) {
      const Event& e = *ev.e;
      if (e.kind != "request_assistance" || Code(e.actor1) != y) continue;
      if (e.modality == "denied" || e.modality == "hypothetical") continue;
      if (ev.date < AddDays(from, -1)) continue;
      std::string to = Code(e.actor2);
      bool addressed = !to.empty() && to != y && IsPartyOrOrg(t, to, ev.date);
      if (!addressed && !to.empty()) continue;
      tr.request.made = true;
      tr.request.events.push_back(e.id);
      AddUnique(tr.request.addressees, to);
      if (tr.request.date.empty() || ev.date < tr.request.date) tr.request.date = ev.date;
      if (addressed && to == t.organisation && first_org.empty()) first_org = e.id;
      if (addressed && first_addressed.empty()) first_addressed = e.id;
      if (first_any.empty()) first_any = e.id;
    }
    tr.request.event_id = !first_org.empty() ? first_org : !first_addressed.empty() ? first_addressed : first_any;
    if (tr.request.made && first_addressed.empty())
      tr.notes.push_back("the request names no addressee in the text (e.g. 'its partners')");
  }

  void FindResponses(const Treaty& t, const Clause& c, const std::string& x, const std::string& y,
                     const std::string& from, TreatyTrigger& tr) {
    const bool assistance = IsAssistanceMechanism(c.mechanism);
    for (const Ev& ev : evs) {
      const Event& e = *ev.e;
      if (ev.date < from) continue;
      if (e.modality == "denied" || e.modality == "hypothetical") continue;
      const std::string a1 = Code(e.actor1), a2 = Code(e.actor2);
      if (a1.empty() || a1 == y || a1 == x || !IsPartyOrOrg(t, a1, ev.date)) {
        // The attacked party meeting the organisation is a consultation too.
        if (a1 == y && (e.kind == "meeting") && !a2.empty() && IsPartyOrOrg(t, a2, ev.date) && a2 != x) {
          Response r{a2, e.kind, e.id, "consultation"};
          (assistance ? tr.reactions : tr.responses).push_back(r);
        }
        continue;
      }
      std::string type;
      if ((e.kind == "aid" || e.kind == "military_deployment") && a2 == y) type = "assistance";
      else if (ev.violent && ev.counts && a2 == x) type = "assistance";
      else if ((e.kind == "meeting" || e.kind == "mediation") && (a2.empty() || a2 == y || IsPartyOrOrg(t, a2, ev.date)))
        type = "consultation";
      else if ((e.kind == "support_statement" && a2 == y) || e.kind == "call_deescalation" ||
               e.kind == "ceasefire" || (e.kind == "threat" && a2 == x))
        type = "diplomacy";
      else if ((e.kind == "aid" || e.kind == "military_deployment") && a2.empty())
        type = "unaddressed";
      if (type.empty()) continue;
      Response r{a1, e.kind, e.id, type};
      bool answers = assistance ? type == "assistance" : type == "consultation";
      (answers ? tr.responses : tr.reactions).push_back(r);
    }
  }

  void Triggers() {
    std::vector<const Treaty*> treaties;
    if (!opt.treaties.empty()) {
      for (const std::string& id : opt.treaties)
        if (const Treaty* t = kb.FindTreaty(id)) treaties.push_back(t);
    } else {
      for (const Treaty& t : kb.treaties()) treaties.push_back(&t);
    }
    for (const Pair& pair : Pairs()) {
      const std::string& x = pair.x;
      const std::string& y = pair.y;
      bool located = false;
      for (const Ev* ev : pair.events) located |= !ev->e->places.empty();
      if (!located) continue;
      for (const Treaty* t : treaties) {
        const bool asked = Contains(opt.treaties, t->id);
        bool any_row = false;
        for (const Membership& m : kb.memberships()) any_row |= m.treaty == t->id && m.member == y;
        for (const Clause* c : kb.ClausesOf(t->id)) {
          TreatyTrigger tr;
          tr.treaty = t->id;
          tr.treaty_name = t->names_en.front();
          tr.article = c->article;
          tr.article_name = c->name;
          tr.mechanism = c->mechanism;
          tr.member = y;
          tr.aggressor = x;
          bool y_bound_somewhere = false, x_bound_everywhere = true, territory_ok_somewhere = false;
          std::vector<std::string> territory_reasons, clause_reasons;
          std::set<std::string> regions;
          std::vector<std::string> place_names, contested_places;
          std::vector<std::string> contested_events;
          std::string contested_why, covered_by, contested_covered_by, contested_date;
          bool inferred = false;
          for (const Ev* ev : pair.events) {
            const Hit hit = Classify(*ev, pair, *t, *c);
            const bool territory_ok = hit.counts && ev->counts;
            const bool y_bound = kb.StandingOn(t->id, y, ev->date).bound;
            const bool x_bound = !pair.group && kb.StandingOn(t->id, x, ev->date).bound;
            y_bound_somewhere |= y_bound;
            territory_ok_somewhere |= territory_ok;
            if (y_bound) x_bound_everywhere &= x_bound;
            if (territory_ok && y_bound && !x_bound) {
              if (hit.contested) {
                contested_events.push_back(ev->e->id);
                if (contested_date.empty()) contested_date = ev->date;
                if (contested_why.empty()) contested_why = hit.contested_why;
                if (contested_covered_by.empty()) contested_covered_by = hit.covered_by;
                for (const std::string& n : hit.places) AddUnique(contested_places, n);
                tr.not_counted.push_back({ev->e->id, "counts only if " + hit.covered_by + " is covered, which is contested"});
                continue;
              }
              tr.events.push_back(ev->e->id);
              if (tr.date.empty()) tr.date = ev->date;
              if (covered_by.empty()) covered_by = hit.covered_by;
              PlacesOf(*ev, y, c->scope, &regions);
              for (const std::string& n : hit.places) AddUnique(place_names, n);
              inferred |= ev->e->actor1->inferred;
              continue;
            }
            std::string why;
            if (hit.counts && !ev->counts)
              why = "violence only alleged or claimed (modality " + ev->e->modality + ")";
            else if (!hit.counts)
              why = hit.why;
            else if (!y_bound)
              why = NotPartyReason(kb, t->id, y, ev->date);
            else
              why = x + " is also a party to the " + tr.treaty_name + " on " + ev->date;
            if (!hit.counts) {
              bool place_reason = hit.why == TerritoryReason(*ev, y, c->scope);
              if (place_reason)
                for (const std::string& r : PlaceReasons(*ev, y, c->scope)) AddUnique(territory_reasons, r);
              else
                AddUnique(clause_reasons, hit.why);
            }
            // A membership reason is the entry's own reason: not repeated per event.
            if (!hit.counts || ev->counts == false || y_bound) tr.not_counted.push_back({ev->e->id, why});
          }
          tr.conditions_met = !tr.events.empty();
          const std::string& first_date = pair.events.front()->date;
          const std::string backers = pair.group ? BackersText(x, first_date) : "";
          const std::string who = pair.group ? x + " (a non-state armed group)" : x;
          if (tr.conditions_met) {
            tr.verdict = "engaged";
            tr.covered_by = covered_by;
            std::string what = covered_by == "forces_in_area" || covered_by == "forces_abroad" ||
                                       covered_by == "forces_in_pacific"
                                   ? y + "'s armed forces at "
                                   : y + "'s sovereign territory";
            std::string r = y + " is " + MembershipSince(kb, t->id, y, tr.date) + " and " + who +
                            " is not; " + std::to_string(tr.events.size()) + " violent event(s) by " +
                            x + " hit " + what + (what.back() == ' ' ? "" : " from " + tr.date + ": ") +
                            Join(place_names) + (what.back() == ' ' ? " from " + tr.date : "");
            if (!regions.empty())
              r += " (" + Join(std::vector<std::string>(regions.begin(), regions.end())) + ")";
            if (c->scope != "members") r += ", within " + ScopeName(c->scope);
            if (covered_by == "armed_rebellion") r += "; an armed group's violence inside a party is the armed rebellion the clause covers";
            if (covered_by == "non_state_attack") r += "; the clause covers attacks by non-state groups";
            if (covered_by == "external_rebellion") r += "; the rebellion is supported from outside";
            r += ". " + ArticleLabel(*c) + " (" + c->name + "): " + c->summary;
            if (c->request_required) r += ". It acts at the request of the attacked party";
            tr.reason = r;
            if (!contested_events.empty())
              tr.notes.push_back(std::to_string(contested_events.size()) +
                                 " other event(s) count only under a contested reading: " + contested_why);
            if (inferred)
              tr.notes.push_back("the aggressor is inferred from the document's conflict frame in some events (the sentence does not name it)");
            Standing st = kb.StandingOn(t->id, y, tr.date);
            if (st.period && st.period->status == "frozen")
              tr.notes.push_back(y + " declared its participation frozen on " + st.period->from +
                                 " but remains a party: " + st.period->source);
          } else if (!contested_events.empty()) {
            tr.verdict = "contested";
            tr.covered_by = contested_covered_by;
            tr.date = contested_date;
            tr.events = contested_events;
            tr.contested = contested_why;
            std::erase_if(tr.not_counted, [&](const NotCounted& n) { return Contains(contested_events, n.event_id); });
            tr.reason = ArticleLabel(*c) + " of the " + tr.treaty_name + " is contested: " + y + " is " +
                        MembershipSince(kb, t->id, y, tr.date) + " and " + std::to_string(contested_events.size()) +
                        " violent event(s) by " + who + " hit " + Join(contested_places) + " from " + tr.date +
                        ", but they count only if the clause covers " + contested_covered_by + ": " + contested_why +
                        ". " + ArticleLabel(*c) + " (" + c->name + "): " + c->summary;
          } else {
            if (!asked && !y_bound_somewhere && !any_row) continue;  // never concerned
            tr.date = first_date;
            for (const Ev* ev : pair.events) tr.events.push_back(ev->e->id);
            std::string what = ArticleLabel(*c) + " of the " + tr.treaty_name + " is not engaged: ";
            if (!y_bound_somewhere) {
              tr.reason = what + NotPartyReason(kb, t->id, y, first_date);
              if (territory_ok_somewhere)
                tr.reason += ", although " + x + "'s attack hit " + y + "'s sovereign territory";
            } else if (x_bound_everywhere && territory_ok_somewhere) {
              tr.reason = what + "both " + y + " and " + x + " are parties: the clause is about attacks by outside states";
            } else if (!clause_reasons.empty()) {
              tr.reason = what + Join(clause_reasons, "; ");
              if (!territory_reasons.empty()) tr.reason += "; " + Join(territory_reasons, "; ");
            } else if (!territory_reasons.empty()) {
              tr.reason = what + "no violent event by " + x + " on " + CoveredTerritory(y, c->scope) +
                          ": " + Join(territory_reasons, "; ");
            } else {
              tr.reason = what + "no asserted violent event by " + x + " located on " + y + "'s sovereign territory";
            }
          }
          if (!backers.empty())
            tr.notes.push_back(x + " is backed by " + backers + "; a backer is not the attacker unless its own forces are reported");
          LinkRequests(*t, y, tr.date, tr);
          FindResponses(*t, *c, x, y, tr.date, tr);
          // A request for help is answered by an assistance clause: one linked only to a
          // consultation clause (or to a contested item) still gets its own alert.
          if (tr.conditions_met && IsAssistanceMechanism(c->mechanism))
            for (const std::string& id : tr.request.events) linked_requests.insert(id);
          out.treaty_triggers.push_back(std::move(tr));
        }
      }
    }
    std::stable_sort(out.treaty_triggers.begin(), out.treaty_triggers.end(),
                     [](const TreatyTrigger& a, const TreatyTrigger& b) {
                       return std::make_tuple(!a.conditions_met, a.date, a.member, a.treaty, a.article) <
                              std::make_tuple(!b.conditions_met, b.date, b.member, b.treaty, b.article);
                     });
  }

  // ---- ceasefires ---------------------------------------------------------------------------

  void Ceasefires() {
    std::map<std::string, size_t> index;
    std::vector<const Ev*> first_mention;
    for (const Ev& ev : evs) {
      const Event& e = *ev.e;
      if (e.kind != "ceasefire" || e.modality == "denied" || e.modality == "hypothetical") continue;
      std::vector<std::string> parties = e.parties;
      if (parties.size() < 2 && !Code(e.actor1).empty() && !Code(e.actor2).empty() &&
          Code(e.actor1) != Code(e.actor2))
        parties = {Code(e.actor1), Code(e.actor2)};
      if (parties.size() < 2 && ev.doc->frame.size() == 2) parties = ev.doc->frame;
      std::vector<std::string> sorted = parties;
      std::sort(sorted.begin(), sorted.end());
      const std::string key = Code(e.actor1) + "|" + Join(sorted, ",") + "|" + ev.date;
      if (auto it = index.find(key); it != index.end()) {
        out.ceasefires[it->second].events.push_back(e.id);
        continue;
      }
      Ceasefire cf;
      cf.announced_by = Code(e.actor1);
      cf.parties = parties;
      cf.date = ev.date;
      cf.event_id = e.id;
      cf.modality = e.modality;
      cf.events.push_back(e.id);
      index[key] = out.ceasefires.size();
      out.ceasefires.push_back(cf);
      first_mention.push_back(&ev);
    }
    // Violent events by unordered dyad, in evidence order (evs is sorted by key): a ceasefire
    // looks only at its parties' dyads and binary-searches its date, so a store with thousands
    // of ceasefires and a long war between the same parties stays linear, not C x N.
    std::map<std::pair<std::string, std::string>, std::vector<const Ev*>> by_dyad;
    for (const Ev& ev : evs) {
      if (!ev.violent || !(ev.counts || ev.alleged)) continue;
      std::string a1 = Code(ev.e->actor1), a2 = Code(ev.e->actor2);
      if (a1.empty() || a2.empty() || a1 == a2) continue;
      if (a2 < a1) std::swap(a1, a2);
      by_dyad[{std::move(a1), std::move(a2)}].push_back(&ev);
    }
    for (size_t i = 0; i < out.ceasefires.size(); ++i) {
      Ceasefire& cf = out.ceasefires[i];
      const Ev& at = *first_mention[i];
      if (cf.parties.size() < 2) {
        cf.reason = "the parties it binds are not known: violations cannot be assessed";
        continue;
      }
      int same_day_elsewhere = 0;
      std::vector<const Ev*> listed, listed_alleged;  // the earliest of each dyad, merged below
      for (size_t p = 0; p < cf.parties.size(); ++p)
        for (size_t q = p + 1; q < cf.parties.size(); ++q) {
          std::string a = cf.parties[p], b = cf.parties[q];
          if (a == b) continue;
          if (b < a) std::swap(a, b);
          auto it = by_dyad.find({a, b});
          if (it == by_dyad.end()) continue;
          const std::vector<const Ev*>& list = it->second;
          auto from = std::lower_bound(list.begin(), list.end(), cf.date,
                                       [](const Ev* ev, const std::string& d) { return ev->date < d; });
          size_t kept = 0, kept_alleged = 0;
          for (auto e = from; e != list.end(); ++e) {
            const Ev& ev = **e;
            bool after = ev.date > cf.date;
            if (ev.date == cf.date) {
              if (ev.doc_index == at.doc_index) after = at.key() < ev.key();
              else ++same_day_elsewhere;
            }
            if (!after) continue;
            if (ev.counts) {
              ++cf.violation_count;
              if (kept++ < kMaxListedViolations) listed.push_back(&ev);
            } else {
              ++cf.alleged_violation_count;
              if (kept_alleged++ < kMaxListedViolations) listed_alleged.push_back(&ev);
            }
          }
        }
      auto earliest = [](std::vector<const Ev*>& v, std::vector<std::string>& ids) {
        std::stable_sort(v.begin(), v.end(), [](const Ev* a, const Ev* b) { return a->key() < b->key(); });
        v.erase(std::unique(v.begin(), v.end()), v.end());
        if (v.size() > kMaxListedViolations) v.resize(kMaxListedViolations);
        for (const Ev* ev : v) ids.push_back(ev->e->id);
      };
      earliest(listed, cf.violations);
      earliest(listed_alleged, cf.alleged_violations);
      cf.violated = cf.violation_count > 0;
      const std::string dyad = Join(cf.parties, " and ");
      if (cf.violated) {
        cf.reason = std::to_string(cf.violation_count) + " violent event(s) between " + dyad +
                    " after the ceasefire of " + cf.date +
                    (cf.announced_by.empty() ? "" : " announced by " + cf.announced_by) +
                    " (later dates, or reported after the announcement in the same document)";
      } else if (!cf.alleged_violations.empty()) {
        cf.reason = "only alleged violations (" + std::to_string(cf.alleged_violation_count) +
                    "): no asserted violent event between " + dyad + " after " + cf.date;
      } else {
        cf.reason = "holding: no violent event between " + dyad + " recorded after " + cf.date +
                    " as of " + out.as_of;
      }
      if (same_day_elsewhere)
        cf.reason += "; " + std::to_string(same_day_elsewhere) +
                     " same-day event(s) in other documents not counted (their order is unknown)";
    }
  }

  // ---- alerts -------------------------------------------------------------------------------

  static std::string Dyad(std::string a, std::string b) {
    if (b < a) std::swap(a, b);
    return a + "–" + b;
  }

  void FirstSovereign() {
    std::set<std::pair<std::string, std::string>> done;
    for (size_t i = 0; i < evs.size(); ++i) {
      const Ev& ev = evs[i];
      if (!ev.violent || !ev.counts || !IsStateActor(ev.e->actor1)) continue;
      const std::string x = ev.e->actor1->code;
      for (const Place& p : ev.e->places) {
        const std::string y = p.country;
        if (p.territory != "sovereign" || y.empty() || y == x || done.count({x, y})) continue;
        done.insert({x, y});
        Alert a;
        a.type = "first_strike_on_sovereign_territory";
        a.severity = "high";
        std::vector<std::string> names;
        for (const Ev& same : evs) {
          if (same.date != ev.date || !same.violent || !same.counts || Code(same.e->actor1) != x) continue;
          bool hit = false;
          for (const Place& q : same.e->places)
            if (q.territory == "sovereign" && q.country == y) {
              hit = true;
              AddUnique(names, PlaceName(q));
            }
          if (hit) a.events.push_back(same.e->id);
        }
        int earlier = 0;
        std::vector<std::string> where;
        for (size_t j = 0; j < i; ++j) {
          const Ev& h = evs[j];
          if (!h.violent || !h.counts || h.date >= ev.date) continue;  // history: earlier days
          const std::string a1 = Code(h.e->actor1), a2 = Code(h.e->actor2);
          if (!((a1 == x && a2 == y) || (a1 == y && a2 == x))) continue;
          ++earlier;
          for (const Place& q : h.e->places)
            AddUnique(where, q.territory == "sovereign" ? q.country + " territory"
                                                        : (q.area.empty() ? PlaceName(q) : q.area) + " (" + q.territory + ")");
        }
        a.message = "First violent event by " + x + " on " + y + "'s own sovereign territory in the recorded " +
                    Dyad(x, y) + " history: " + Join(names) + " on " + ev.date + "; ";
        if (earlier == 0)
          a.message += "no earlier violent event of the dyad recorded";
        else
          a.message += std::to_string(earlier) + " earlier violent event(s) of the dyad, " +
                       (where.empty() ? "none located" : "in " + Join(where));
        out.alerts.push_back(a);
      }
    }
  }

  void SpreadRegions() {
    // (x, y) -> regions of y hit before, by date
    std::map<std::pair<std::string, std::string>, std::map<std::string, std::vector<std::pair<std::string, std::string>>>> hits;
    for (const Ev& ev : evs) {
      if (!ev.violent || !ev.counts || !IsStateActor(ev.e->actor1)) continue;
      for (const Place& p : ev.e->places)
        if (p.territory == "sovereign" && !p.admin1.empty() && p.country != ev.e->actor1->code)
          hits[{ev.e->actor1->code, p.country}][ev.date].push_back({p.admin1, ev.e->id});
    }
    for (const auto& [pair, days] : hits) {
      std::set<std::string> seen;
      bool first = true;
      for (const auto& [date, list] : days) {
        std::vector<std::string> fresh, ids;
        for (const auto& [region, id] : list)
          if (!seen.count(region)) {
            AddUnique(fresh, region);
            AddUnique(ids, id);
          }
        if (!first && !fresh.empty()) {
          Alert a;
          a.type = "spread_new_region";
          a.severity = "medium";
          a.message = "Violence by " + pair.first + " spreads to new region(s) of " + pair.second + " on " +
                      date + ": " + Join(fresh) + " (earlier: " +
                      Join(std::vector<std::string>(seen.begin(), seen.end())) + ")";
          a.events = ids;
          out.alerts.push_back(a);
        }
        for (const auto& [region, id] : list) seen.insert(region);
        first = false;
      }
    }
  }

  void CasualtiesRising() {
    if (out.as_of.empty()) return;
    const std::string from = AddDays(out.as_of, -(opt.window_days - 1));
    // dyad -> date -> (side|victims) -> max count, with the ids
    struct Day {
      std::map<std::string, int64_t> best;
      std::vector<std::string> casualties, events;
    };
    std::map<std::string, std::map<std::string, Day>> dyads;
    for (const auto& [id, c] : casualty_by_id) {
      auto it = by_id.find(c->event_id);
      if (it == by_id.end()) continue;
      const Ev& ev = *it->second;
      const std::string a1 = Code(ev.e->actor1), a2 = Code(ev.e->actor2);
      if (!ev.violent || a1.empty() || a2.empty() || a1 == a2) continue;
      if (ev.date < from || ev.date > out.as_of) continue;
      Day& day = dyads[Dyad(a1, a2)][ev.date];
      int64_t& b = day.best[c->side + "|" + c->victims];
      b = std::max(b, c->count);
      day.casualties.push_back(id);
      AddUnique(day.events, ev.e->id);
    }
    for (const auto& [dyad, days] : dyads) {
      if (days.size() < 2) continue;
      std::vector<std::pair<std::string, int64_t>> totals;
      for (const auto& [date, day] : days) {
        int64_t t = 0;
        for (const auto& [k, v] : day.best) t += v;
        totals.push_back({date, t});
      }
      int64_t before = 0;
      for (size_t i = 0; i + 1 < totals.size(); ++i) before = std::max(before, totals[i].second);
      const auto& last = totals.back();
      if (last.second <= before) continue;
      Alert a;
      a.type = "casualties_rising";
      a.severity = last.second >= 2 * std::max<int64_t>(before, 1) ? "high" : "medium";
      std::vector<std::string> series;
      for (const auto& [d, t] : totals) series.push_back(std::to_string(t) + " on " + d);
      a.message = "Casualties reported in the " + dyad + " conflict rise over the " +
                  std::to_string(opt.window_days) + "-day window to " + out.as_of + ": " + Join(series) +
                  " (per day, the highest claim per side and victim type)";
      for (const auto& [date, day] : days) {
        for (const auto& id : day.casualties) a.casualties.push_back(id);
        for (const auto& id : day.events) AddUnique(a.events, id);
      }
      out.alerts.push_back(a);
    }
  }

  void RequestsWithoutResponse() {
    for (const TreatyTrigger& tr : out.treaty_triggers) {
      if (!tr.conditions_met || !tr.request.made || !IsAssistanceMechanism(tr.mechanism) || !tr.responses.empty())
        continue;
      Alert a;
      a.type = "request_without_response";
      a.severity = "high";
      a.message = tr.member + " asked for assistance on " + tr.request.date + " after attacks by " + tr.aggressor +
                  " that meet the conditions of " + tr.treaty + " " + ArticleLabel(*FindClause(tr)) +
                  "; no assistance by the " + tr.treaty + " parties" +
                  (kb.FindTreaty(tr.treaty)->organisation.empty() ? "" : " or organisation") +
                  " reported as of " + out.as_of;
      a.events = tr.request.events;
      out.alerts.push_back(a);
    }
    // Requests linked to no met trigger.
    std::map<std::pair<std::string, std::string>, std::vector<const Ev*>> groups;
    for (const Ev& ev : evs) {
      const Event& e = *ev.e;
      if (e.kind != "request_assistance" || linked_requests.count(e.id)) continue;
      if (e.modality == "denied" || e.modality == "hypothetical" || Code(e.actor1).empty()) continue;
      groups[{Code(e.actor1), Code(e.actor2)}].push_back(&ev);
    }
    for (const auto& [key, reqs] : groups) {
      const auto& [from, to] = key;
      const std::string date = reqs.front()->date;
      const Treaty* t = to.empty() ? nullptr : kb.ResolveTreaty(to);
      bool answered = false;
      for (const Ev& ev : evs) {
        if (ev.date < date) continue;
        const std::string a1 = Code(ev.e->actor1), a2 = Code(ev.e->actor2);
        if (a2 != from || !(ev.e->kind == "aid" || ev.e->kind == "military_deployment")) continue;
        if (ev.e->modality == "denied" || ev.e->modality == "hypothetical") continue;
        if (a1 == to || (t && IsPartyOrOrg(*t, a1, ev.date))) answered = true;
      }
      if (answered) continue;
      Alert a;
      a.type = "request_without_response";
      a.severity = "medium";
      a.message = from + " asked " + (to.empty() ? "unnamed partners" : to) + " for assistance on " + date +
                  "; no assistance reported as of " + out.as_of;
      if (t && !t->organisation.empty() && t->organisation == to && !kb.StandingOn(t->id, from, date).bound)
        a.message += " (" + NotPartyReason(kb, t->id, from, date) + ")";
      for (const Ev* r : reqs) a.events.push_back(r->e->id);
      out.alerts.push_back(a);
    }
  }

  const Clause* FindClause(const TreatyTrigger& tr) const {
    for (const Clause* c : kb.ClausesOf(tr.treaty))
      if (c->article == tr.article) return c;
    return nullptr;
  }

  void CiteAll() {
    for (const TreatyTrigger& t : out.treaty_triggers) {
      for (const auto& id : t.events) Cite(id);
      for (const auto& n : t.not_counted) Cite(n.event_id);
      for (const auto& id : t.request.events) Cite(id);
      for (const auto& r : t.responses) Cite(r.event_id);
      for (const auto& r : t.reactions) Cite(r.event_id);
    }
    for (const Ceasefire& c : out.ceasefires) {
      for (const auto& id : c.events) Cite(id);
      for (const auto& id : c.violations) Cite(id);
      for (const auto& id : c.alleged_violations) Cite(id);
    }
    for (const Alert& a : out.alerts) {
      for (const auto& id : a.events) Cite(id);
      for (const auto& id : a.casualties) Cite(id);
    }
  }
};

}  // namespace

Assessment Assess(const KnowledgeBase& kb, const std::vector<DocumentEvents>& input,
                  const AssessOptions& options) {
  Assessor a(kb, options);
  a.out.treaties_asked = options.treaties;
  a.Collect(input);
  a.Triggers();
  a.Ceasefires();
  a.FirstSovereign();
  a.SpreadRegions();
  a.CasualtiesRising();
  a.RequestsWithoutResponse();
  a.CiteAll();
  return std::move(a.out);
}

}  // namespace tocsin::assess
