// tocsin events: query fused events in the store (table or JSON Lines).
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/store/export.h"
#include "tocsin/store/store.h"

namespace tocsin::cli {

// Shared with `tocsin export`: --since --until --kind --country --bbox --min-documents.
struct EventFilterArgs {
  std::string since, until, kinds, country, bbox;
  int min_documents = 0;
};

void AddEventFilterOptions(CLI::App* cmd, EventFilterArgs& f) {
  auto date_check = [](const std::string& s) {
    return IsIsoDate(s) ? std::string() : "dates must be YYYY-MM-DD, got \"" + s + "\"";
  };
  cmd->add_option("--since", f.since, "Events ending on or after this date (YYYY-MM-DD)")
      ->check(date_check);
  cmd->add_option("--until", f.until, "Events starting on or before this date (YYYY-MM-DD)")
      ->check(date_check);
  cmd->add_option("--kind", f.kinds, "Kinds, comma-separated (shelling,air_strike)");
  cmd->add_option("--country", f.country, "ISO 3166 alpha-3 of the event's place (UKR)");
  cmd->add_option("--bbox", f.bbox, "min_lon,min_lat,max_lon,max_lat (WGS 84 degrees)");
  cmd->add_option("--min-documents", f.min_documents,
                  "Only events reported by at least this many documents");
}

// Fills a query; returns "" or a usage error.
std::string MakeEventQuery(const EventFilterArgs& f, store::EventQuery& q) {
  q.since = f.since;
  q.until = f.until;
  q.country = f.country;
  q.min_documents = f.min_documents;
  std::stringstream ks(f.kinds);
  for (std::string k; std::getline(ks, k, ',');)
    if (!k.empty()) q.kinds.push_back(k);
  if (!f.bbox.empty()) {
    std::array<double, 4> b{};
    std::stringstream bs(f.bbox);
    std::string part;
    int n = 0;
    try {
      while (std::getline(bs, part, ',')) {
        if (n >= 4) return "--bbox takes 4 numbers: min_lon,min_lat,max_lon,max_lat";
        size_t used = 0;
        b[static_cast<size_t>(n++)] = std::stod(part, &used);
        if (used != part.size()) throw std::invalid_argument(part);
      }
    } catch (const std::exception&) {
      return "--bbox: \"" + f.bbox + "\" is not 4 numbers min_lon,min_lat,max_lon,max_lat";
    }
    if (n != 4) return "--bbox takes 4 numbers: min_lon,min_lat,max_lon,max_lat";
    if (b[0] > b[2] || b[1] > b[3] || b[1] < -90 || b[3] > 90 || b[0] < -180 || b[2] > 180)
      return "--bbox: need -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat "
             "<= 90";
    q.bbox = b;
  }
  return "";
}

namespace {

struct EventsArgs {
  EventFilterArgs filter;
  std::string db = "tocsin.db", format = "table";
  int64_t limit = 0, id = 0;
};

std::string Fit(std::string s, size_t w) {
  // Cuts on a UTF-8 boundary.
  if (s.size() <= w) return s + std::string(w - s.size(), ' ');
  size_t cut = w - 1;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  s.resize(cut);
  return s + "~" + std::string(w - cut - 1, ' ');
}

int RunEvents(const EventsArgs& a) {
  store::OpenOptions oo;
  oo.read_only = true;
  auto st = store::OpenStore(a.db, oo);
  if (!st.ok()) {
    std::cerr << "tocsin: " << st.status().message() << "\n";
    return 1;
  }
  store::Store& s = **st;
  std::string out;
  if (a.id > 0) {
    auto e = s.GetEvent(a.id);
    if (!e.ok()) {
      std::cerr << "tocsin: " << e.status().message() << "\n";
      return 1;
    }
    if (!*e) {
      std::cerr << "tocsin: no event " << a.id << " in " << a.db << "\n";
      return 1;
    }
    store::AppendEventJson(**e, out);
    std::cout << out << "\n";
    return 0;
  }
  store::EventQuery q;
  std::string err = MakeEventQuery(a.filter, q);
  if (!err.empty()) {
    std::cerr << "tocsin: " << err << "\n";
    return 2;
  }
  q.limit = a.limit;
  int64_t n = 0;
  if (a.format == "table") {
    auto page = s.QueryEvents(q);
    if (!page.ok()) {
      std::cerr << "tocsin: " << page.status().message() << "\n";
      return 1;
    }
    std::printf("%-7s %-10s %-3s %-19s %-15s %-22s %-4s %5s %5s\n", "id", "date", "+d", "kind",
                "actors", "place", "cty", "dead", "docs");
    for (const auto& e : page->events) {
      int span = 0;
      if (auto x = fuse::DayNumber(e.date_start), y = fuse::DayNumber(e.date_end); x && y)
        span = *y - *x;
      std::string actors = (e.actor1.empty() ? "?" : e.actor1) + ">" +
                           (e.actor2.empty() ? "?" : e.actor2);
      std::string dead = e.fatalities.claims
                             ? std::to_string(e.fatalities.figure) +
                                   (e.fatalities.high > e.fatalities.figure ? "+" : "")
                             : "-";
      std::printf("%-7lld %-10s %-3s %s %s %s %-4s %5s %5d\n", (long long)e.id,
                  e.date_start.c_str(), span ? ("+" + std::to_string(span)).c_str() : "",
                  Fit(e.kind, 19).c_str(), Fit(actors, 15).c_str(),
                  Fit(e.place.empty() ? "-" : e.place, 22).c_str(),
                  e.country.empty() ? "-" : e.country.c_str(), dead.c_str(), e.documents);
    }
    std::printf("%zu of %lld events\n", page->events.size(), (long long)page->total);
    return 0;
  }
  Status status = s.ForEachEvent(q, [&](const store::EventDetail& d) {
    out.clear();
    store::AppendEventJson(d, out);
    out += '\n';
    std::fwrite(out.data(), 1, out.size(), stdout);
    return a.limit <= 0 || ++n < a.limit;
  });
  std::fflush(stdout);
  if (!status.ok()) {
    std::cerr << "tocsin: " << status.message() << "\n";
    return 1;
  }
  return 0;
}

CommandRegistrar reg("31-events", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto a = std::make_shared<EventsArgs>();
  CLI::App* cmd = app.add_subcommand("events", "Query fused events in the store");
  cmd->add_option("--db", a->db, "Database (default tocsin.db)");
  AddEventFilterOptions(cmd, a->filter);
  cmd->add_option("--format", a->format, "table (default) or jsonl (with sources, evidence, "
                                         "casualty claims)")
      ->check(CLI::IsMember({"table", "jsonl"}));
  cmd->add_option("--limit", a->limit, "At most this many events (0: all)");
  cmd->add_option("--id", a->id, "One event, as JSON with all its sources and claims");
  return {cmd, [a] { return RunEvents(*a); }};
});

}  // namespace
}  // namespace tocsin::cli
