#include "event_index.h"

#include <algorithm>
#include <map>
#include <numeric>

#include <nlohmann/json.hpp>

#include "tocsin/text/tokenize.h"

namespace tocsin::serve {

namespace {

using Json = nlohmann::json;

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool RowLess(const IndexedEvent& a, const IndexedEvent& b) {
  return a.date != b.date ? a.date < b.date : a.id < b.id;
}

bool Has(const uint32_t* begin, const uint32_t* end, const std::vector<uint32_t>& wanted) {
  for (const uint32_t* p = begin; p != end; ++p)
    for (uint32_t w : wanted)
      if (*p == w) return true;
  return false;
}

// {name: count} of the values counted at least once, sorted by name.
std::map<std::string, int64_t> Named(const std::vector<std::string>& names,
                                     const std::vector<int64_t>& counts) {
  std::map<std::string, int64_t> m;
  for (size_t i = 0; i < counts.size(); ++i)
    if (counts[i]) m[names[i]] = counts[i];
  return m;
}

}  // namespace

struct EventIndex::Tally {
  std::vector<int64_t> kinds, actors, countries, territories, langs;
};

EventIndex::Tally EventIndex::NewTally() const {
  return {std::vector<int64_t>(kinds_.names.size()), std::vector<int64_t>(actors_.names.size()),
          std::vector<int64_t>(countries_.names.size()),
          std::vector<int64_t>(territories_.names.size()), std::vector<int64_t>(langs_.names.size())};
}

void EventIndex::CountRow(const Columns& c, Tally& t) const {
  ++t.kinds[c.kind];
  for (uint32_t p = c.actors; p < c.countries; ++p) ++t.actors[pool_[p]];
  for (uint32_t p = c.countries; p < c.territories; ++p) ++t.countries[pool_[p]];
  for (uint32_t p = c.territories; p < c.docs; ++p) ++t.territories[pool_[p]];
  for (uint32_t p = c.langs; p < c.end; ++p) ++t.langs[pool_[p]];
}

uint32_t EventIndex::Symbols::Intern(const std::string& s) {
  auto [it, added] = ids.emplace(s, static_cast<uint32_t>(names.size()));
  if (added) names.push_back(s);
  return it->second;
}

std::vector<uint32_t> EventIndex::Symbols::Find(const std::vector<std::string>& wanted) const {
  std::vector<uint32_t> out;
  for (const auto& w : wanted)
    if (auto it = ids.find(w); it != ids.end()) out.push_back(it->second);
  return out;
}

struct EventIndex::Compiled {
  std::vector<uint32_t> kinds, actors, countries, territories, docs, langs;
  std::string text;  // folded
};

bool EventIndex::Unfiltered(const EventFilter& f) {
  return f.from.empty() && f.to.empty() && f.kinds.empty() && f.actors.empty() &&
         f.countries.empty() && f.territories.empty() && !f.bbox && f.doc_id.empty() &&
         !f.violent_only && f.langs.empty() && f.text.empty();
}

// The languages of the sources and the searchable names (actor codes and names, place names as
// written and as resolved, countries), from the event's detail JSON.
void EventIndex::FillSearchFields(IndexedEvent& r) {
  Json j = Json::parse(r.detail.empty() ? r.summary : r.detail, nullptr, false);
  std::string text = " ";
  auto add = [&](const Json& v) {
    if (v.is_string() && !v.get_ref<const std::string&>().empty())
      text += text::FoldWord(v.get_ref<const std::string&>()) + " |";
  };
  auto str = [](const Json& o, const char* k) -> const Json& {
    static const Json null;
    if (!o.is_object()) return null;
    auto it = o.find(k);
    return it == o.end() ? null : *it;
  };
  if (j.is_object()) {
    for (const char* a : {"actor1", "actor2"}) {
      const Json& actor = str(j, a);
      for (const char* k : {"code", "name", "text"}) add(str(actor, k));
    }
    if (const Json& parties = str(j, "parties"); parties.is_array())
      for (const Json& p : parties) add(p);
    if (const Json& places = str(j, "places"); places.is_array())
      for (const Json& p : places)
        for (const char* k : {"name", "text", "admin1", "country"}) add(str(p, k));
    auto lang = [&](const Json& v) {
      if (v.is_string() && !v.get_ref<const std::string&>().empty() &&
          std::find(r.langs.begin(), r.langs.end(), v.get<std::string>()) == r.langs.end())
        r.langs.push_back(v.get<std::string>());
    };
    if (r.langs.empty()) {
      if (const Json& ms = str(j, "mentions"); ms.is_array())
        for (const Json& m : ms) lang(str(m, "lang"));
      if (r.langs.empty()) lang(str(str(j, "doc"), "lang"));
    }
  }
  r.search = text;
}

std::vector<size_t> EventIndex::Rebuild() {
  std::vector<size_t> order(rows_.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return RowLess(rows_[a], rows_[b]); });
  std::vector<size_t> where(order.size());
  std::vector<IndexedEvent> sorted;
  sorted.reserve(rows_.size());
  for (size_t i = 0; i < order.size(); ++i) {
    where[order[i]] = i;
    sorted.push_back(std::move(rows_[order[i]]));
  }
  rows_ = std::move(sorted);

  kinds_ = {};
  actors_ = {};
  countries_ = {};
  territories_ = {};
  docs_ = {};
  langs_ = {};
  columns_.assign(rows_.size(), Columns{});
  pool_.clear();
  pool_.reserve(rows_.size() * 5);
  auto add_all = [&](Symbols& table, const std::vector<std::string>& values) {
    const size_t start = pool_.size();
    for (const auto& v : values) {
      if (v.empty()) continue;
      uint32_t id = table.Intern(v);
      if (std::find(pool_.begin() + static_cast<std::ptrdiff_t>(start), pool_.end(), id) == pool_.end())
        pool_.push_back(id);
    }
  };
  for (size_t i = 0; i < rows_.size(); ++i) {
    if (rows_[i].search.empty()) FillSearchFields(rows_[i]);
    const IndexedEvent& r = rows_[i];
    Columns& c = columns_[i];
    c.kind = kinds_.Intern(r.kind);
    c.violent = r.violent;
    c.actors = static_cast<uint32_t>(pool_.size());
    add_all(actors_, r.actors);
    c.countries = static_cast<uint32_t>(pool_.size());
    add_all(countries_, r.countries);
    c.territories = static_cast<uint32_t>(pool_.size());
    add_all(territories_, r.territories);
    c.docs = static_cast<uint32_t>(pool_.size());
    add_all(docs_, r.doc_ids);
    c.langs = static_cast<uint32_t>(pool_.size());
    add_all(langs_, r.langs);
    c.end = static_cast<uint32_t>(pool_.size());
  }

  // Facets over every event, for the dashboard's filter menus.
  Tally all = NewTally();
  for (const Columns& c : columns_) CountRow(c, all);
  std::string first, last;
  for (const auto& r : rows_)
    if (!r.date.empty()) {
      if (first.empty()) first = r.date;
      last = r.date;
    }
  Json f = {{"kind", Named(kinds_.names, all.kinds)},
            {"actor", Named(actors_.names, all.actors)},
            {"country", Named(countries_.names, all.countries)},
            {"territory", Named(territories_.names, all.territories)},
            {"lang", Named(langs_.names, all.langs)},
            {"first_date", first.empty() ? Json(nullptr) : Json(first)},
            {"last_date", last.empty() ? Json(nullptr) : Json(last)}};
  facets_json_ = Dump(f);
  return where;
}

bool EventIndex::Compile(const EventFilter& f, Compiled* c) const {
  // A non-empty filter none of whose values exists matches nothing.
  auto one = [](const Symbols& t, const std::vector<std::string>& want, std::vector<uint32_t>* out) {
    if (want.empty()) return true;
    *out = t.Find(want);
    return !out->empty();
  };
  bool ok = one(kinds_, f.kinds, &c->kinds) && one(actors_, f.actors, &c->actors) &&
            one(countries_, f.countries, &c->countries) &&
            one(territories_, f.territories, &c->territories);
  if (ok && !f.doc_id.empty()) ok = one(docs_, {f.doc_id}, &c->docs);
  if (ok) ok = one(langs_, f.langs, &c->langs);
  if (!f.text.empty()) c->text = text::FoldWord(f.text);
  return ok;
}

bool EventIndex::Matches(size_t row, const Compiled& c, const EventFilter& f) const {
  const Columns& col = columns_[row];
  if (f.violent_only && !col.violent) return false;
  if (!c.kinds.empty() && std::find(c.kinds.begin(), c.kinds.end(), col.kind) == c.kinds.end())
    return false;
  const uint32_t* pool = pool_.data();
  if (!c.actors.empty() && !Has(pool + col.actors, pool + col.countries, c.actors)) return false;
  if (!c.countries.empty() && !Has(pool + col.countries, pool + col.territories, c.countries))
    return false;
  if (!c.territories.empty() && !Has(pool + col.territories, pool + col.docs, c.territories))
    return false;
  if (!c.docs.empty() && !Has(pool + col.docs, pool + col.langs, c.docs)) return false;
  if (!c.langs.empty() && !Has(pool + col.langs, pool + col.end, c.langs)) return false;
  if (!c.text.empty() && rows_[row].search.find(c.text) == std::string::npos) return false;
  if (f.bbox) {
    for (auto [lat, lon] : rows_[row].points)
      if (f.bbox->Contains(lat, lon)) return true;
    return false;
  }
  return true;
}

// Rows are sorted by date: a date range is a contiguous slice (undated rows come first and are
// left out of any range).
std::pair<size_t, size_t> EventIndex::DateRange(const EventFilter& f) const {
  auto date_less = [](const IndexedEvent& r, const std::string& d) { return r.date < d; };
  auto less_date = [](const std::string& d, const IndexedEvent& r) { return d < r.date; };
  auto lo = rows_.begin(), hi = rows_.end();
  if (!f.from.empty()) lo = std::lower_bound(rows_.begin(), rows_.end(), f.from, date_less);
  else if (!f.to.empty()) lo = std::upper_bound(rows_.begin(), rows_.end(), std::string(), less_date);
  if (!f.to.empty()) hi = std::upper_bound(lo, rows_.end(), f.to, less_date);
  if (hi < lo) hi = lo;
  return {static_cast<size_t>(lo - rows_.begin()), static_cast<size_t>(hi - rows_.begin())};
}

EventPage EventIndex::List(const EventFilter& f) const {
  EventPage page;
  Compiled c;
  if (!Compile(f, &c)) return page;
  auto [lo, hi] = DateRange(f);
  auto take = [&](size_t i) {
    if (!Matches(i, c, f)) return;
    if (page.total >= f.offset && page.events.size() < f.limit) page.events.push_back(rows_[i].summary);
    ++page.total;
  };
  if (f.ascending) {
    for (size_t i = lo; i < hi; ++i) take(i);
  } else {
    for (size_t i = hi; i > lo;) take(--i);
  }
  return page;
}

std::string EventIndex::StatsPrefix(const EventFilter& f) const {
  struct Day {
    int64_t events = 0, fatalities = 0, victims = 0;
  };
  std::vector<std::pair<const std::string*, Day>> days;  // in date order
  Tally tally = NewTally();
  int64_t n = 0, fatalities = 0;
  Compiled c;
  if (Compile(f, &c)) {
    auto [lo, hi] = DateRange(f);
    for (size_t i = lo; i < hi; ++i) {
      if (!Matches(i, c, f)) continue;
      const IndexedEvent& r = rows_[i];
      const Columns& col = columns_[i];
      ++n;
      fatalities += r.fatalities;
      if (!r.date.empty()) {
        if (days.empty() || *days.back().first != r.date) days.emplace_back(&r.date, Day{});
        Day& d = days.back().second;
        ++d.events;
        d.fatalities += r.fatalities;
        d.victims += r.victims;
      }
      CountRow(col, tally);
    }
  }
  auto named = [](const Symbols& t, const std::vector<int64_t>& counts) {
    return Dump(Json(Named(t.names, counts)));
  };
  std::string out = "{\"events\":" + std::to_string(n) +
                    ",\"fatalities\":" + std::to_string(fatalities) + ",\"by_day\":[";
  out.reserve(days.size() * 64 + 4096);
  bool first = true;
  for (const auto& [date, d] : days) {
    if (!first) out += ',';
    first = false;
    out += "{\"date\":" + Dump(Json(*date)) + ",\"events\":" + std::to_string(d.events) +
           ",\"fatalities\":" + std::to_string(d.fatalities) +
           ",\"victims\":" + std::to_string(d.victims) + "}";
  }
  out += "],\"by_kind\":" + named(kinds_, tally.kinds) +
         ",\"by_actor\":" + named(actors_, tally.actors) +
         ",\"by_country\":" + named(countries_, tally.countries) +
         ",\"by_territory\":" + named(territories_, tally.territories) +
         ",\"by_lang\":" + named(langs_, tally.langs);
  return out;
}

}  // namespace tocsin::serve
