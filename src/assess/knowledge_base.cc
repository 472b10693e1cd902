#include "tocsin/assess/knowledge_base.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <tuple>
#include <map>
#include <set>

#include "assess_internal.h"
#include "tocsin/core/data_dir.h"
#include "tocsin/text/tokenize.h"
#include "tocsin/text/utf8.h"

namespace tocsin::assess {
namespace {

std::vector<std::string> Split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t at = s.find(sep, start);
    std::string_view part = s.substr(start, at == std::string_view::npos ? s.npos : at - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && (part.back() == ' ' || part.back() == '\r')) part.remove_suffix(1);
    out.emplace_back(part);
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::vector<std::string> Names(const std::string& field) {
  std::vector<std::string> out;
  for (std::string& n : Split(field, '|'))
    if (!n.empty()) out.push_back(std::move(n));
  return out;
}

bool IsAlpha3(const std::string& s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// One TSV file: comment lines skipped, the first other line is the header, which must list
// exactly `columns`. Calls row(fields, where) for each data row; `where` is "file:line".
Status ReadTable(const std::string& path, const std::vector<std::string>& columns,
                 const std::function<Status(const std::vector<std::string>&, const std::string&)>& row) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open the knowledge base file (data/kb/)");
  std::string line;
  int n = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line, '\t');
    std::string where = path + ":" + std::to_string(n);
    if (!header) {
      if (f != columns) {
        std::string want;
        for (const auto& c : columns) want += (want.empty() ? "" : " ") + c;
        return Status::Corruption(where + ": header must be the columns: " + want);
      }
      header = true;
      continue;
    }
    if (f.size() != columns.size())
      return Status::Corruption(where + ": expected " + std::to_string(columns.size()) +
                                " tab-separated columns, got " + std::to_string(f.size()));
    TOCSIN_RETURN_IF_ERROR(row(f, where));
  }
  if (!header) return Status::Corruption(path + ": no header row");
  return Status::Ok();
}

Status Bad(const std::string& where, int column, const std::string& name, const std::string& what,
           const std::string& got) {
  return Status::Corruption(where + ": column " + std::to_string(column) + " (" + name + "): " +
                            what + ", got '" + text::TruncateForMessage(got, 200) + "'");
}

Status CheckDate(const std::string& where, int column, const std::string& name,
                 const std::string& v, bool optional) {
  if (v.empty() && optional) return Status::Ok();
  if (!IsDate(v)) return Bad(where, column, name, "expected YYYY-MM-DD", v);
  return Status::Ok();
}

}  // namespace

StatusOr<KnowledgeBase> KnowledgeBase::Load(const std::string& dir) {
  KnowledgeBase kb;
  TOCSIN_RETURN_IF_ERROR(ReadTable(
      dir + "/states.tsv", {"code", "alpha2", "numeric", "cow", "un", "from", "to", "successors", "source"},
      [&](const std::vector<std::string>& f, const std::string& w) -> Status {
        static const std::set<std::string> un = {"member", "observer", "former", "none"};
        if (!IsAlpha3(f[0])) return Bad(w, 1, "code", "expected an ISO alpha-3 code", f[0]);
        if (f[1].size() != 2 || !std::isupper(static_cast<unsigned char>(f[1][0])) ||
            !std::isupper(static_cast<unsigned char>(f[1][1])))
          return Bad(w, 2, "alpha2", "expected an ISO alpha-2 code", f[1]);
        if (!f[2].empty() &&
            (f[2].size() != 3 || !std::all_of(f[2].begin(), f[2].end(), [](char c) { return c >= '0' && c <= '9'; })))
          return Bad(w, 3, "numeric", "expected an ISO 3166-1 numeric code of three digits", f[2]);
        if (!f[3].empty() && !std::all_of(f[3].begin(), f[3].end(), [](char c) { return c >= '0' && c <= '9'; }))
          return Bad(w, 4, "cow", "expected a Correlates of War number or empty", f[3]);
        if (!un.count(f[4])) return Bad(w, 5, "un", "expected member, observer, former or none", f[4]);
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 6, "from", f[5], true));
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 7, "to", f[6], true));
        if (!f[5].empty() && !f[6].empty() && f[6] <= f[5]) return Bad(w, 7, "to", "not after 'from'", f[6]);
        if ((f[4] == "former") != !f[6].empty())
          return Bad(w, 7, "to", "a 'former' state needs a dissolution date, and only it", f[6]);
        std::vector<std::string> succ;
        for (std::string& c : Split(f[7], ','))
          if (!c.empty()) {
            if (!IsAlpha3(c)) return Bad(w, 8, "successors", "expected alpha-3 codes separated by commas", f[7]);
            succ.push_back(std::move(c));
          }
        if (f[8].empty()) return Bad(w, 9, "source", "every fact needs a source note", "");
        State s{f[0], f[1], f[2], std::atoi(f[3].c_str()), f[4], f[5], f[6], std::move(succ), f[8]};
        if (kb.FindState(s.code)) return Bad(w, 1, "code", "duplicate state", f[0]);
        kb.states_.push_back(std::move(s));
        return Status::Ok();
      }));
  for (const State& s : kb.states_)
    for (const std::string& c : s.successors)
      if (!kb.FindState(c))
        return Status::Corruption(dir + "/states.tsv: state " + s.code + ": column 8 (successors): " + c +
                                  " is not in states.tsv");
  TOCSIN_RETURN_IF_ERROR(ReadTable(
      dir + "/organisations.tsv", {"code", "kind", "en", "fr", "ru", "founded", "dissolved", "source"},
      [&](const std::vector<std::string>& f, const std::string& w) -> Status {
        static const std::set<std::string> kinds = {"alliance", "security", "political",
                                                    "economic", "universal"};
        if (f[0].empty()) return Bad(w, 1, "code", "empty", f[0]);
        if (!kinds.count(f[1])) return Bad(w, 2, "kind", "unknown kind", f[1]);
        for (int c : {3, 4, 5})
          if (Names(f[c - 1]).empty()) return Bad(w, c, c == 3 ? "en" : c == 4 ? "fr" : "ru", "no name", "");
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 6, "founded", f[5], false));
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 7, "dissolved", f[6], true));
        if (kb.FindOrganisation(f[0])) return Bad(w, 1, "code", "duplicate organisation", f[0]);
        kb.organisations_.push_back(
            Organisation{f[0], f[1], Names(f[2]), Names(f[3]), Names(f[4]), f[5], f[6], f[7]});
        return Status::Ok();
      }));
  TOCSIN_RETURN_IF_ERROR(ReadTable(
      dir + "/treaties.tsv",
      {"id", "organisation", "kind", "en", "fr", "ru", "signed", "in_force", "ended", "source"},
      [&](const std::vector<std::string>& f, const std::string& w) -> Status {
        if (f[0].empty()) return Bad(w, 1, "id", "empty", f[0]);
        if (kb.FindTreaty(f[0])) return Bad(w, 1, "id", "duplicate treaty", f[0]);
        if (!f[1].empty() && !kb.FindOrganisation(f[1]))
          return Bad(w, 2, "organisation", "not in organisations.tsv", f[1]);
        if (f[2] != "multilateral" && f[2] != "bilateral")
          return Bad(w, 3, "kind", "expected multilateral or bilateral", f[2]);
        for (int c : {4, 5, 6})
          if (Names(f[c - 1]).empty()) return Bad(w, c, "names", "no name", "");
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 7, "signed", f[6], false));
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 8, "in_force", f[7], false));
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 9, "ended", f[8], true));
        if (f[7] < f[6]) return Bad(w, 8, "in_force", "before the signature", f[7]);
        kb.treaties_.push_back(
            Treaty{f[0], f[1], f[2], Names(f[3]), Names(f[4]), Names(f[5]), f[6], f[7], f[8], f[9]});
        return Status::Ok();
      }));
  TOCSIN_RETURN_IF_ERROR(ReadTable(
      dir + "/clauses.tsv",
      {"treaty", "article", "name", "trigger", "scope", "mechanism", "request", "covers", "contested",
       "summary", "source"},
      [&](const std::vector<std::string>& f, const std::string& w) -> Status {
        static const std::set<std::string> mechanisms = {
            "consultation",       "assistance_on_request", "collective_self_defence",
            "act_to_meet_danger", "mutual_assistance",     "automatic_assistance"};
        static const std::set<std::string> coverage = {"territory",        "forces_in_area",
                                                       "forces_abroad",    "forces_in_pacific", "non_state_attack",
                                                       "armed_rebellion",  "external_rebellion"};
        if (!kb.FindTreaty(f[0])) return Bad(w, 1, "treaty", "not in treaties.tsv", f[0]);
        if (f[1].empty()) return Bad(w, 2, "article", "empty", f[1]);
        if (f[3] != "armed_attack" && f[3] != "threat" && f[3] != "rebellion")
          return Bad(w, 4, "trigger", "expected armed_attack, threat or rebellion", f[3]);
        if (f[4] == "members" || f[4] == "members_north_of_tropic") {
        } else if (f[4].rfind("list:", 0) == 0) {
          for (const std::string& c : Split(f[4].substr(5), ','))
            if (!kb.FindState(c)) return Bad(w, 5, "scope", "state not in states.tsv", c);
        } else {
          return Bad(w, 5, "scope", "expected members, members_north_of_tropic or list:AAA,...", f[4]);
        }
        if (!mechanisms.count(f[5])) return Bad(w, 6, "mechanism", "unknown mechanism", f[5]);
        if (f[6] != "yes" && f[6] != "no") return Bad(w, 7, "request", "expected yes or no", f[6]);
        Clause c;
        c.treaty = f[0];
        c.article = f[1];
        c.name = f[2];
        c.trigger = f[3];
        c.scope = f[4];
        c.mechanism = f[5];
        c.request_required = f[6] == "yes";
        for (std::string item : Split(f[7], '|')) {
          bool contested = !item.empty() && item.back() == '?';
          if (contested) item.pop_back();
          if (!coverage.count(item))
            return Bad(w, 8, "covers",
                       "expected |-separated items of territory, forces_in_area, forces_abroad, forces_in_pacific, "
                       "non_state_attack, armed_rebellion, external_rebellion (a trailing ? marks one contested)",
                       f[7]);
          c.covers.push_back(item);
          if (contested) c.contested_covers.push_back(item);
        }
        if (!c.contested_covers.empty() && f[8].empty())
          return Bad(w, 9, "contested", "an item of 'covers' is marked contested (?): say why", "");
        if (c.contested_covers.empty() && !f[8].empty())
          return Bad(w, 9, "contested", "no item of 'covers' is marked contested (?)", f[8]);
        c.contested = f[8];
        c.summary = f[9];
        c.source = f[10];
        if (c.source.empty()) return Bad(w, 11, "source", "every fact needs a source note", "");
        for (const Clause& o : kb.clauses_)
          if (o.treaty == f[0] && o.article == f[1]) return Bad(w, 2, "article", "duplicate article", f[1]);
        kb.clauses_.push_back(std::move(c));
        return Status::Ok();
      }));
  TOCSIN_RETURN_IF_ERROR(ReadTable(
      dir + "/alliances.tsv", {"treaty", "member", "from", "to", "status", "source"},
      [&](const std::vector<std::string>& f, const std::string& w) -> Status {
        if (!kb.FindTreaty(f[0])) return Bad(w, 1, "treaty", "not in treaties.tsv", f[0]);
        if (!kb.FindState(f[1])) return Bad(w, 2, "member", "not in states.tsv", f[1]);
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 3, "from", f[2], false));
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 4, "to", f[3], true));
        if (!f[3].empty() && f[3] <= f[2]) return Bad(w, 4, "to", "not after 'from'", f[3]);
        if (f[4] != "member" && f[4] != "frozen" && f[4] != "suspended")
          return Bad(w, 5, "status", "expected member, frozen or suspended", f[4]);
        if (f[5].empty()) return Bad(w, 6, "source", "every fact needs a source note", "");
        for (const Membership& m : kb.memberships_) {
          if (m.treaty != f[0] || m.member != f[1]) continue;
          bool before = !f[3].empty() && f[3] <= m.from;
          bool after = !m.to.empty() && m.to <= f[2];
          if (!before && !after)
            return Bad(w, 3, "from", "period overlaps another row of " + f[1] + " in " + f[0], f[2]);
        }
        kb.memberships_.push_back(Membership{f[0], f[1], f[2], f[3], f[4], f[5]});
        return Status::Ok();
      }));
  std::stable_sort(kb.memberships_.begin(), kb.memberships_.end(),
                   [](const Membership& a, const Membership& b) {
                     return std::tie(a.treaty, a.member, a.from) < std::tie(b.treaty, b.member, b.from);
                   });
  TOCSIN_RETURN_IF_ERROR(ReadTable(
      dir + "/groups.tsv", {"code", "name", "kind", "countries", "from", "to", "source"},
      [&](const std::vector<std::string>& f, const std::string& w) -> Status {
        static const std::set<std::string> kinds = {"insurgent", "jihadist", "militia", "paramilitary",
                                                    "private_military", "separatist"};
        if (f[0].empty() || !std::all_of(f[0].begin(), f[0].end(), [](char c) {
              return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            }))
          return Bad(w, 1, "code", "expected capital letters and digits (doc/records.md)", f[0]);
        if (kb.FindGroup(f[0])) return Bad(w, 1, "code", "duplicate group", f[0]);
        if (kb.FindState(f[0]) || kb.FindOrganisation(f[0]))
          return Bad(w, 1, "code", "already the code of a state or organisation", f[0]);
        if (f[1].empty()) return Bad(w, 2, "name", "empty", f[1]);
        if (!kinds.count(f[2]))
          return Bad(w, 3, "kind", "expected insurgent, jihadist, militia, paramilitary, private_military or separatist", f[2]);
        Group g;
        g.code = f[0];
        g.name = f[1];
        g.kind = f[2];
        for (std::string& c : Split(f[3], ','))
          if (!c.empty()) {
            if (!kb.FindState(c)) return Bad(w, 4, "countries", "state not in states.tsv", c);
            g.countries.push_back(std::move(c));
          }
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 5, "from", f[4], true));
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 6, "to", f[5], true));
        if (!f[4].empty() && !f[5].empty() && f[5] <= f[4]) return Bad(w, 6, "to", "not after 'from'", f[5]);
        if (f[6].empty()) return Bad(w, 7, "source", "every fact needs a source note", "");
        g.from = f[4];
        g.to = f[5];
        g.source = f[6];
        kb.groups_.push_back(std::move(g));
        return Status::Ok();
      }));
  TOCSIN_RETURN_IF_ERROR(ReadTable(
      dir + "/group_links.tsv", {"group", "state", "relation", "status", "from", "to", "source"},
      [&](const std::vector<std::string>& f, const std::string& w) -> Status {
        if (!kb.FindGroup(f[0])) return Bad(w, 1, "group", "not in groups.tsv", f[0]);
        if (!kb.FindState(f[1])) return Bad(w, 2, "state", "not in states.tsv", f[1]);
        if (f[2] != "backs" && f[2] != "fights" && f[2] != "integrates")
          return Bad(w, 3, "relation", "expected backs, fights or integrates", f[2]);
        if (f[3] != "established" && f[3] != "alleged" && f[3] != "denied")
          return Bad(w, 4, "status", "expected established, alleged or denied", f[3]);
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 5, "from", f[4], false));
        TOCSIN_RETURN_IF_ERROR(CheckDate(w, 6, "to", f[5], true));
        if (!f[5].empty() && f[5] <= f[4]) return Bad(w, 6, "to", "not after 'from'", f[5]);
        if (f[6].empty()) return Bad(w, 7, "source", "every fact needs a source note", "");
        kb.group_links_.push_back(GroupLink{f[0], f[1], f[2], f[3], f[4], f[5], f[6]});
        return Status::Ok();
      }));
  for (const Treaty& t : kb.treaties_)
    if (kb.ClausesOf(t.id).empty())
      return Status::Corruption(dir + "/clauses.tsv: treaty " + t.id + " has no clause");
  return kb;
}

const KnowledgeBase& KnowledgeBase::Default() {
  static const KnowledgeBase* kb = [] {
    auto loaded = Load(CuratedDataDir() + "/kb");
    if (!loaded.ok()) {
      std::fprintf(stderr, "tocsin: %s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return new KnowledgeBase(std::move(*loaded));
  }();
  return *kb;
}

const State* KnowledgeBase::FindState(std::string_view code) const {
  for (const State& s : states_)
    if (s.code == code) return &s;
  return nullptr;
}
const Group* KnowledgeBase::FindGroup(std::string_view code) const {
  for (const Group& g : groups_)
    if (g.code == code) return &g;
  return nullptr;
}

std::vector<const GroupLink*> KnowledgeBase::LinksOf(std::string_view group, std::string_view date) const {
  std::vector<const GroupLink*> out;
  for (const GroupLink& l : group_links_)
    if (l.group == group && (date.empty() || (l.from <= date && (l.to.empty() || date < l.to))))
      out.push_back(&l);
  return out;
}

bool KnowledgeBase::StateExists(const State& s, std::string_view date) const {
  return (s.from.empty() || s.from <= date) && (s.to.empty() || date < s.to);
}

bool Clause::Covers(std::string_view what) const {
  return std::find(covers.begin(), covers.end(), what) != covers.end();
}
bool Clause::Contested(std::string_view what) const {
  return std::find(contested_covers.begin(), contested_covers.end(), what) != contested_covers.end();
}

const Organisation* KnowledgeBase::FindOrganisation(std::string_view code) const {
  for (const Organisation& o : organisations_)
    if (o.code == code) return &o;
  return nullptr;
}
const Treaty* KnowledgeBase::FindTreaty(std::string_view id) const {
  for (const Treaty& t : treaties_)
    if (t.id == id) return &t;
  return nullptr;
}

const Treaty* KnowledgeBase::ResolveTreaty(std::string_view name) const {
  const std::string want = text::FoldWord(name);
  if (want.empty()) return nullptr;
  auto any = [&](const std::vector<std::string>& names) {
    for (const std::string& n : names)
      if (text::FoldWord(n) == want) return true;
    return false;
  };
  for (const Treaty& t : treaties_)
    if (text::FoldWord(t.id) == want) return &t;
  for (const Treaty& t : treaties_)
    if (any(t.names_en) || any(t.names_fr) || any(t.names_ru)) return &t;
  for (const Treaty& t : treaties_) {
    const Organisation* o = t.organisation.empty() ? nullptr : FindOrganisation(t.organisation);
    if (o && (text::FoldWord(o->code) == want || any(o->names_en) || any(o->names_fr) ||
              any(o->names_ru)))
      return &t;
  }
  return nullptr;
}

std::vector<const Clause*> KnowledgeBase::ClausesOf(std::string_view treaty) const {
  std::vector<const Clause*> out;
  for (const Clause& c : clauses_)
    if (c.treaty == treaty) out.push_back(&c);
  return out;
}

bool KnowledgeBase::TreatyInForce(const Treaty& t, std::string_view date) const {
  return t.in_force <= date && (t.ended.empty() || date < t.ended);
}

Standing KnowledgeBase::StandingOn(std::string_view treaty, std::string_view state,
                                   std::string_view date) const {
  Standing s;
  const Treaty* t = FindTreaty(treaty);
  if (!t) return s;
  s.treaty_in_force = TreatyInForce(*t, date);
  for (const Membership& m : memberships_) {  // sorted by treaty, member, from
    if (m.treaty != treaty || m.member != state) continue;
    if (!s.first) s.first = &m;
    if (m.from <= date && (m.to.empty() || date < m.to)) s.period = &m;
    if (!m.to.empty() && m.to <= date) s.last = &m;
  }
  s.bound = s.treaty_in_force && s.period && s.period->status != "suspended";
  return s;
}

std::vector<std::string> KnowledgeBase::PartiesOn(std::string_view treaty,
                                                  std::string_view date) const {
  std::vector<std::string> out;
  for (const Membership& m : memberships_)
    if (m.treaty == treaty && StandingOn(treaty, m.member, date).bound &&
        std::find(out.begin(), out.end(), m.member) == out.end())
      out.push_back(m.member);
  return out;
}

std::string KnowledgeBase::DisplayName(std::string_view code, std::string_view lang) const {
  if (const Organisation* o = FindOrganisation(code)) {
    const auto& names = lang == "fr" ? o->names_fr : lang == "ru" ? o->names_ru : o->names_en;
    return names.empty() ? std::string(code) : names.front();
  }
  if (const State* s = FindState(code)) {
    icu::UnicodeString name;
    icu::Locale("", s->alpha2.c_str()).getDisplayCountry(icu::Locale(std::string(lang).c_str()), name);
    std::string out;
    name.toUTF8String(out);
    if (!out.empty() && out != s->alpha2) return out;
  }
  return std::string(code);
}

}  // namespace tocsin::assess
