// `tocsin kb check`: every file of data/kb/ checked, every problem reported with its file, line
// and column (doc/knowledge-base.md). The loader stops at the first error; this goes on.
#include <geos_c.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "assess_internal.h"
#include "tocsin/assess/knowledge_base.h"

namespace tocsin::assess {
namespace {

std::vector<std::string> SplitTabs(const std::string& line, char sep = '\t') {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = line.find(sep, start);
    std::string part = line.substr(start, at == std::string::npos ? std::string::npos : at - start);
    while (!part.empty() && (part.back() == '\r' || part.back() == ' ')) part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    out.push_back(part);
    if (at == std::string::npos) return out;
    start = at + 1;
  }
}

// Data rows of a TSV file with their line numbers (comments and the header skipped).
std::vector<std::pair<int, std::vector<std::string>>> Rows(const std::string& path) {
  std::vector<std::pair<int, std::vector<std::string>>> out;
  std::ifstream in(path);
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      header = true;
      continue;
    }
    out.push_back({n, SplitTabs(line)});
  }
  return out;
}

std::string At(const std::string& path, int line, int column, const std::string& name) {
  return path + ":" + std::to_string(line) + ": column " + std::to_string(column) + " (" + name + "): ";
}

void GeosQuiet(const char*, void*) {}

}  // namespace

std::vector<DisputedAreaRow> ReadDisputedAreas(const std::string& path, std::vector<std::string>* problems) {
  std::vector<DisputedAreaRow> out;
  std::ifstream in(path);
  if (!in) {
    if (problems) problems->push_back(path + ": cannot open the disputed areas table");
    return out;
  }
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line.rfind("id\t", 0) == 0) continue;
    std::vector<std::string> f = SplitTabs(line);
    if (f.size() < 9 || f.size() > 10) {
      if (problems)
        problems->push_back(path + ":" + std::to_string(n) + ": expected 9 or 10 tab-separated columns (id, name, status, "
                            "claimed_by, controlled_by, valid_from, valid_to, polygon, source, recognised), got " +
                            std::to_string(f.size()));
      continue;
    }
    DisputedAreaRow r;
    r.line = n;
    r.id = f[0];
    r.name = f[1];
    r.status = f[2];
    for (const std::string& c : SplitTabs(f[3], ','))
      if (!c.empty()) r.claimed_by.push_back(c);
    r.controlled_by = f[4];
    r.valid_from = f[5];
    r.valid_to = f[6];
    r.polygon = f[7];
    r.source = f[8];
    if (f.size() > 9) r.recognised = f[9];
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> CheckKnowledgeBase(const std::string& dir) {
  std::vector<std::string> problems;
  auto loaded = KnowledgeBase::Load(dir);
  if (!loaded.ok()) {
    problems.push_back(loaded.status().message());
    // The loader stops at its first error; the disputed areas are independent of it.
  }
  const KnowledgeBase* kb = loaded.ok() ? &*loaded : nullptr;
  auto known_state = [&](const std::string& c) { return !kb || kb->FindState(c) != nullptr; };

  if (kb) {
    // A party must exist when its membership starts and must not outlive its state.
    const std::string alliances = dir + "/alliances.tsv";
    for (const auto& [line, f] : Rows(alliances)) {
      if (f.size() < 5) continue;
      const State* s = kb->FindState(f[1]);
      if (!s) continue;
      if (!s->from.empty() && f[2] < s->from)
        problems.push_back(At(alliances, line, 3, "from") + f[1] + " did not exist before " + s->from +
                           " (states.tsv), got '" + f[2] + "'");
      if (!s->to.empty() && (f[3].empty() || f[3] > s->to))
        problems.push_back(At(alliances, line, 4, "to") + f[1] + " ceased to exist on " + s->to +
                           " (states.tsv): the period must end by then, got '" + f[3] + "'");
    }
    for (const Treaty& t : kb->treaties()) {
      bool any = false;
      for (const Membership& m : kb->memberships()) any |= m.treaty == t.id;
      if (!any) problems.push_back(dir + "/alliances.tsv: treaty " + t.id + " has no party");
      if (!t.ended.empty() && t.ended <= t.in_force)
        problems.push_back(dir + "/treaties.tsv: treaty " + t.id + ": column 9 (ended): not after in_force, got '" +
                           t.ended + "'");
    }
    const std::string links = dir + "/group_links.tsv";
    for (const auto& [line, f] : Rows(links)) {
      if (f.size() < 6) continue;
      const State* s = kb->FindState(f[1]);
      if (s && !s->to.empty() && f[4] >= s->to)
        problems.push_back(At(links, line, 5, "from") + f[1] + " ceased to exist on " + s->to + ", got '" + f[4] + "'");
    }
    // States: two states alive at the same time must not share an alpha-2 code (ICU names).
    for (size_t i = 0; i < kb->states().size(); ++i)
      for (size_t j = i + 1; j < kb->states().size(); ++j) {
        const State& a = kb->states()[i];
        const State& b = kb->states()[j];
        if (a.alpha2 != b.alpha2) continue;
        const std::string a_from = a.from.empty() ? "0000" : a.from, a_to = a.to.empty() ? "9999" : a.to;
        const std::string b_from = b.from.empty() ? "0000" : b.from, b_to = b.to.empty() ? "9999" : b.to;
        const bool overlap = a_from < b_to && b_from < a_to;
        // ISO 3166-3 reused alpha-2 codes of former states (CS): only living states must differ.
        if (overlap && !(a.un == "former" || b.un == "former"))
          problems.push_back(dir + "/states.tsv: states " + a.code + " and " + b.code + " share alpha2 " + a.alpha2 +
                             " while both exist");
      }
  }

  // Disputed areas: columns, codes, dates, polygons (GEOS).
  const std::string areas = dir + "/disputed_areas.tsv";
  std::vector<DisputedAreaRow> rows = ReadDisputedAreas(areas, &problems);
  GEOSContextHandle_t ctx = GEOS_init_r();
  GEOSContext_setErrorMessageHandler_r(ctx, GeosQuiet, nullptr);
  GEOSContext_setNoticeMessageHandler_r(ctx, GeosQuiet, nullptr);
  GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx);
  std::set<std::string> ids;
  for (const DisputedAreaRow& r : rows) {
    const int n = r.line;
    if (r.id.empty()) problems.push_back(At(areas, n, 1, "id") + "empty");
    if (r.name.empty()) problems.push_back(At(areas, n, 2, "name") + "empty");
    if (r.status != "disputed" && r.status != "occupied")
      problems.push_back(At(areas, n, 3, "status") + "expected disputed or occupied, got '" + r.status + "'");
    if (r.claimed_by.empty()) problems.push_back(At(areas, n, 4, "claimed_by") + "no claimant");
    for (const std::string& c : r.claimed_by)
      if (!known_state(c)) problems.push_back(At(areas, n, 4, "claimed_by") + "state not in states.tsv, got '" + c + "'");
    if (!r.controlled_by.empty() && !known_state(r.controlled_by))
      problems.push_back(At(areas, n, 5, "controlled_by") + "state not in states.tsv, got '" + r.controlled_by + "'");
    if (!r.recognised.empty() && !known_state(r.recognised))
      problems.push_back(At(areas, n, 10, "recognised") + "state not in states.tsv, got '" + r.recognised + "'");
    if (!r.valid_from.empty() && !IsDate(r.valid_from))
      problems.push_back(At(areas, n, 6, "valid_from") + "expected YYYY-MM-DD or empty, got '" + r.valid_from + "'");
    if (!r.valid_to.empty() && !IsDate(r.valid_to))
      problems.push_back(At(areas, n, 7, "valid_to") + "expected YYYY-MM-DD or empty, got '" + r.valid_to + "'");
    if (IsDate(r.valid_from) && IsDate(r.valid_to) && r.valid_to <= r.valid_from)
      problems.push_back(At(areas, n, 7, "valid_to") + "not after valid_from " + r.valid_from + ", got '" + r.valid_to + "'");
    if (r.source.empty()) problems.push_back(At(areas, n, 9, "source") + "every row needs a source note");
    GEOSGeometry* g = GEOSWKTReader_read_r(ctx, reader, r.polygon.c_str());
    if (!g) {
      problems.push_back(At(areas, n, 8, "polygon") + "not readable WKT");
    } else {
      int type = GEOSGeomTypeId_r(ctx, g);
      if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
        problems.push_back(At(areas, n, 8, "polygon") + "expected a POLYGON or MULTIPOLYGON");
      } else if (GEOSisValid_r(ctx, g) != 1) {
        char* why = GEOSisValidReason_r(ctx, g);
        problems.push_back(At(areas, n, 8, "polygon") + "not a valid polygon (GEOS: " + (why ? why : "?") + ")");
        if (why) GEOSFree_r(ctx, why);
      } else {
        double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        GEOSGeom_getXMin_r(ctx, g, &x0);
        GEOSGeom_getYMin_r(ctx, g, &y0);
        GEOSGeom_getXMax_r(ctx, g, &x1);
        GEOSGeom_getYMax_r(ctx, g, &y1);
        if (x0 < -180 || x1 > 180 || y0 < -90 || y1 > 90)
          problems.push_back(At(areas, n, 8, "polygon") + "coordinates outside lon -180..180, lat -90..90 (\"lon lat\" order)");
      }
      GEOSGeom_destroy_r(ctx, g);
    }
    // Rows of one area may share an id only for successive periods: the same id twice is an error.
    if (!r.id.empty() && !ids.insert(r.id).second)
      problems.push_back(At(areas, n, 1, "id") + "duplicate id '" + r.id + "'");
  }
  GEOSWKTReader_destroy_r(ctx, reader);
  GEOS_finish_r(ctx);
  return problems;
}

}  // namespace tocsin::assess
