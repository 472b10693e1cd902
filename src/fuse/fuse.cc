#include "tocsin/fuse/fuse.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "tocsin/core/calendar.h"
#include <nlohmann/json.hpp>

#include "tocsin/output/json_writer.h"

namespace tocsin::fuse {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

bool ContainsId(const std::vector<int64_t>& v, int64_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Actor codes agree when either is unknown or both are equal.
bool Agree(const std::string& a, const std::string& b) { return a.empty() || b.empty() || a == b; }

// Reporters that are not belligerents: their figures about any side are taken as credible.
const std::set<std::string>& NeutralReporters() {
  static const std::set<std::string> s = {"UN", "OSCE", "EU", "ICRC", "AU", "ECOWAS", "CIS",
                                          "SCO", "HRW", "AI", "MSF", "WHO", "UNHCR", "OCHA"};
  return s;
}

}  // namespace

std::optional<int> DayNumber(const std::string& date) {
  // A timestamp's date part counts ("2022-09-13T08:00:00Z").
  auto z = calendar::DayNumber(std::string_view(date).substr(0, 10));
  if (!z) return std::nullopt;
  return static_cast<int>(*z);
}

std::string DateOfDay(int z) { return calendar::IsoDate(z); }

double DistanceKm(Point a, Point b) {
  constexpr double kRad = M_PI / 180.0;
  const double dlat = (b.lat - a.lat) * kRad, dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(h)));
}

MentionKey KeyOf(const extract::Event& e, const std::string& doc_date, int64_t document) {
  MentionKey k;
  k.kind = e.kind;
  k.acled_event_type = e.acled_event_type;
  k.violent = e.violent;
  auto day = DayNumber(!e.date.empty() ? e.date : doc_date);
  if (day) {
    k.day = *day;
    k.has_date = true;
  }
  for (const auto& p : e.places) {
    // A country's centroid locates nothing: two reports "in Ukraine" are not 0 km apart.
    if (p.lat && p.lon && p.feature != "country") k.points.push_back({*p.lat, *p.lon});
    if (!p.country.empty() && !Contains(k.countries, p.country)) k.countries.push_back(p.country);
  }
  if (e.actor1) {
    k.actor1 = e.actor1->code;
    k.actor1_inferred = e.actor1->inferred;
  }
  if (e.actor2) {
    k.actor2 = e.actor2->code;
    k.actor2_inferred = e.actor2->inferred;
  }
  k.modality = e.modality;
  k.document = document;
  return k;
}

namespace {

std::string Km(double km) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f km", km);
  return buf;
}

// The fusion rule (doc/fusion.md). `why`, when given, receives the reason of a match; the
// strings are built only then (the hot path of ingest passes null).
std::optional<double> Score(const MentionKey& ev, const MentionKey& m, int first_day,
                            int last_day, const FusionOptions& o, MergeReason* why) {
  // Kind.
  bool same_kind = ev.kind == m.kind;
  if (!same_kind) {
    const bool same_type = !ev.acled_event_type.empty() && ev.acled_event_type == m.acled_event_type;
    if (!o.compatible_kinds || !ev.violent || !m.violent || (!same_type && !o.violent_family))
      return std::nullopt;
  }
  // Date window.
  if (!m.has_date) return std::nullopt;
  int gap = 0;
  if (m.day < first_day) gap = first_day - m.day;
  if (m.day > last_day) gap = m.day - last_day;
  if (gap > o.date_window_days) return std::nullopt;
  if (std::max(last_day, m.day) - std::min(first_day, m.day) > o.max_span_days)
    return std::nullopt;
  // Actors: in order, or swapped for battles (both sides fight).
  // An actor inferred from a document's frame never vetoes a fusion.
  auto agree = [](const std::string& a, bool ai, const std::string& b, bool bi) {
    return Agree(a, b) || ai || bi;
  };
  bool direct = agree(ev.actor1, ev.actor1_inferred, m.actor1, m.actor1_inferred) &&
                agree(ev.actor2, ev.actor2_inferred, m.actor2, m.actor2_inferred);
  bool swapped = ev.acled_event_type == "Battles" &&
                 agree(ev.actor1, ev.actor1_inferred, m.actor2, m.actor2_inferred) &&
                 agree(ev.actor2, ev.actor2_inferred, m.actor1, m.actor1_inferred);
  if (!direct && !swapped) return std::nullopt;
  auto named_equal = [](const std::string& a, const std::string& b) {
    return !a.empty() && a == b;
  };
  bool shared_actor = named_equal(ev.actor1, m.actor1) || named_equal(ev.actor2, m.actor2) ||
                      (swapped && (named_equal(ev.actor1, m.actor2) ||
                                   named_equal(ev.actor2, m.actor1)));
  // Place.
  double best_km = std::numeric_limits<double>::infinity();
  for (const Point& a : ev.points)
    for (const Point& b : m.points) best_km = std::min(best_km, DistanceKm(a, b));
  double place_penalty;
  const bool located = !ev.points.empty() && !m.points.empty();
  std::string common_country;
  if (located) {
    if (best_km > o.max_distance_km) return std::nullopt;
    place_penalty = best_km / std::max(1.0, o.max_distance_km);
  } else {
    if (!o.allow_unlocated || !shared_actor) return std::nullopt;
    if (!ev.countries.empty() && !m.countries.empty()) {
      for (const auto& c : m.countries)
        if (common_country.empty() && Contains(ev.countries, c)) common_country = c;
      if (common_country.empty()) return std::nullopt;
    }
    place_penalty = 1.5;  // weaker than any located match
  }
  double score = place_penalty + gap * 0.5 + (same_kind ? 0 : 0.25) + (shared_actor ? 0 : 0.25);
  if (why) {
    // An unlocated join compared countries only when both sides had some.
    why->rule = located                   ? "same_place"
                : !common_country.empty() ? "same_country_and_actor"
                                          : "same_actor";
    why->score = score;
    why->shared.clear();
    why->shared.push_back(same_kind ? "kind " + m.kind
                          : ev.acled_event_type == m.acled_event_type
                              ? "ACLED type " + m.acled_event_type
                              : "violent " + ev.kind + " ~ " + m.kind);
    why->shared.push_back(gap == 0 ? "date " + DateOfDay(m.day)
                                   : "date within " + std::to_string(gap) + " day" +
                                         (gap > 1 ? "s" : ""));
    if (located) why->shared.push_back("place " + Km(best_km));
    if (!common_country.empty()) why->shared.push_back("country " + common_country);
    std::set<std::string> actors;
    for (const auto& [a, b] : {std::pair{ev.actor1, m.actor1}, std::pair{ev.actor2, m.actor2},
                               std::pair{ev.actor1, m.actor2}, std::pair{ev.actor2, m.actor1}})
      if (named_equal(a, b) && actors.insert(a).second) why->shared.push_back("actor " + a);
  }
  return score;
}

}  // namespace

std::optional<double> MatchScore(const MentionKey& ev, const MentionKey& m, int first_day,
                                 int last_day, const FusionOptions& o) {
  return Score(ev, m, first_day, last_day, o, nullptr);
}

std::optional<MergeReason> ExplainMatch(const MentionKey& ev, const MentionKey& m, int first_day,
                                        int last_day, const FusionOptions& o) {
  MergeReason r;
  if (!Score(ev, m, first_day, last_day, o, &r)) return std::nullopt;
  return r;
}

void WriteMergeReason(output::JsonWriter& w, const MergeReason& r) {
  w.BeginObject();
  w.Key("rule").String(r.rule);
  // Three decimals: the score's scale is km / 25 plus steps of 0.25 (doc/fusion.md).
  w.Key("score").Double(std::round(r.score * 1000) / 1000);
  w.Key("shared").StringArray(r.shared);
  w.EndObject();
}

std::string MergeReasonJson(const MergeReason& r) {
  std::string out;
  output::JsonWriter w(out);
  WriteMergeReason(w, r);
  return out;
}

std::optional<MergeReason> ParseMergeReason(std::string_view json) {
  if (json.empty()) return std::nullopt;
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  auto rule = j.find("rule"), score = j.find("score"), shared = j.find("shared");
  if (rule == j.end() || !rule->is_string() || score == j.end() || !score->is_number() ||
      shared == j.end() || !shared->is_array())
    return std::nullopt;
  MergeReason r;
  r.rule = rule->get<std::string>();
  r.score = score->get<double>();
  for (const auto& s : *shared)
    if (s.is_string()) r.shared.push_back(s.get<std::string>());
  return r;
}

void WriteEventMerge(output::JsonWriter& w, const std::vector<MergeReason>& joins) {
  auto weakest = WeakestJoin(joins);
  if (!weakest) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("rule").String(weakest->rule);
  w.Key("score").Double(std::round(weakest->score * 1000) / 1000);
  w.Key("shared").StringArray(weakest->shared);
  w.Key("joins").Int(static_cast<int64_t>(joins.size()));
  w.EndObject();
}

std::optional<MergeReason> WeakestJoin(const std::vector<MergeReason>& joins) {
  const MergeReason* weakest = nullptr;
  for (const auto& j : joins)
    if (!weakest || j.score > weakest->score) weakest = &j;
  if (!weakest) return std::nullopt;
  return *weakest;
}

bool FusionIndex::Fusable(const MentionKey& m) const {
  return m.has_date && !m.kind.empty() && !Contains(options_.excluded_modalities, m.modality);
}

std::optional<int64_t> FusionIndex::Match(const MentionKey& m, MergeReason* why) const {
  if (!Fusable(m)) return std::nullopt;
  std::optional<int64_t> best;
  double best_score = std::numeric_limits<double>::infinity();
  std::set<int64_t> seen;
  for (int d = m.day - options_.date_window_days; d <= m.day + options_.date_window_days; ++d) {
    auto it = by_day_.find(d);
    if (it == by_day_.end()) continue;
    for (int64_t id : it->second) {
      if (!seen.insert(id).second) continue;
      const Entry& e = events_.at(id);
      if (!options_.within_document && m.document != 0 && ContainsId(e.documents, m.document))
        continue;
      auto s = MatchScore(e.key, m, e.first_day, e.last_day, options_);
      if (s && (*s < best_score || (*s == best_score && id < *best))) {
        best_score = *s;
        best = id;
      }
    }
  }
  if (best && why) {
    const Entry& e = events_.at(*best);
    Score(e.key, m, e.first_day, e.last_day, options_, why);
  }
  return best;
}

bool SameKey(const MentionKey& a, const MentionKey& b) {
  auto same_points = [](const std::vector<Point>& x, const std::vector<Point>& y) {
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (x[i].lat != y[i].lat || x[i].lon != y[i].lon) return false;
    return true;
  };
  return a.kind == b.kind && a.acled_event_type == b.acled_event_type && a.violent == b.violent &&
         a.day == b.day && a.has_date == b.has_date && same_points(a.points, b.points) &&
         a.countries == b.countries && a.actor1 == b.actor1 && a.actor2 == b.actor2 &&
         a.actor1_inferred == b.actor1_inferred && a.actor2_inferred == b.actor2_inferred &&
         a.modality == b.modality && a.document == b.document;
}

void FusionIndex::Add(int64_t id, const MentionKey& m) {
  if (!Fusable(m)) return;
  auto [it, fresh] = events_.try_emplace(id);
  Entry& e = it->second;
  int old_first = e.first_day, old_last = e.last_day;
  if (fresh) {
    e.key = m;
    e.first_day = e.last_day = m.day;
  } else {
    e.first_day = std::min(e.first_day, m.day);
    e.last_day = std::max(e.last_day, m.day);
    constexpr size_t kMaxPoints = 16;
    for (const Point& p : m.points)
      if (e.key.points.size() < kMaxPoints) e.key.points.push_back(p);
    for (const auto& c : m.countries)
      if (!Contains(e.key.countries, c)) e.key.countries.push_back(c);
    if (!m.actor1.empty() && (e.key.actor1.empty() || (e.key.actor1_inferred && !m.actor1_inferred))) {
      e.key.actor1 = m.actor1;
      e.key.actor1_inferred = m.actor1_inferred;
    }
    if (!m.actor2.empty() && (e.key.actor2.empty() || (e.key.actor2_inferred && !m.actor2_inferred))) {
      e.key.actor2 = m.actor2;
      e.key.actor2_inferred = m.actor2_inferred;
    }
  }
  if (m.document != 0 && !ContainsId(e.documents, m.document)) e.documents.push_back(m.document);
  for (int d = e.first_day; d <= e.last_day; ++d) {
    if (!fresh && d >= old_first && d <= old_last) continue;
    by_day_[d].push_back(id);
  }
}

Reconciled ReconcileCasualties(const std::vector<Claim>& claims, const std::string& victims) {
  Reconciled r;
  r.victims = victims;
  std::vector<std::string> sides;
  for (const Claim& c : claims)
    if (c.victims == victims && !Contains(sides, c.side)) sides.push_back(c.side);
  std::sort(sides.begin(), sides.end());
  int64_t named_fig = 0, named_low = 0, named_high = 0;
  bool has_named = false;
  SideFigure unspecified;
  bool has_unspecified = false;
  for (const std::string& side : sides) {
    SideFigure f;
    f.side = side;
    std::vector<const Claim*> all, credible;
    for (const Claim& c : claims) {
      if (c.victims != victims || c.side != side) continue;
      all.push_back(&c);
      bool partisan = false;
      if (!side.empty() && !c.attribution_actors.empty()) {
        partisan = true;
        for (const auto& a : c.attribution_actors)
          if (a == side || NeutralReporters().count(a)) partisan = false;
      }
      if (partisan)
        ++f.partisan_dropped;
      else
        credible.push_back(&c);
    }
    if (credible.empty()) {  // only belligerents' word: keep it, conservatively
      credible = all;
      f.partisan_dropped = 0;
    }
    f.claims = static_cast<int>(all.size());
    f.figure = std::numeric_limits<int64_t>::max();
    for (const Claim* c : credible) f.figure = std::min(f.figure, c->count);
    f.low = std::numeric_limits<int64_t>::max();
    f.high = 0;
    for (const Claim* c : all) {
      f.low = std::min(f.low, c->min.value_or(c->count));
      f.high = std::max(f.high, c->max.value_or(c->count));
    }
    f.high = std::max(f.high, f.low);
    r.claims += f.claims;
    if (side.empty()) {
      unspecified = f;
      has_unspecified = true;
    } else {
      has_named = true;
      named_fig += f.figure;
      named_low += f.low;
      named_high += f.high;
    }
    r.by_side.push_back(f);
  }
  if (r.claims == 0) return r;
  // Totals: an unspecified-side figure is a total; named sides add up to another. The most
  // conservative total is the event's figure.
  if (has_named && has_unspecified)
    r.figure = std::min(named_fig, unspecified.figure);
  else
    r.figure = has_named ? named_fig : unspecified.figure;
  // The range spans every claim (and the sum of named sides).
  r.low = std::numeric_limits<int64_t>::max();
  r.high = 0;
  for (const Claim& c : claims) {
    if (c.victims != victims) continue;
    r.low = std::min(r.low, c.min.value_or(c.count));
    r.high = std::max(r.high, c.max.value_or(c.count));
  }
  if (has_named) r.high = std::max(r.high, named_high);
  r.low = std::min(r.low, r.figure);
  r.high = std::max(r.high, r.figure);
  (void)named_low;
  return r;
}

}  // namespace tocsin::fuse
