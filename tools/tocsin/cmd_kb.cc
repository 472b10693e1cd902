// tocsin kb check | kb show CODE [--date D]: the knowledge base of data/kb/
// (doc/knowledge-base.md), validated file by file, and what it knows about one state,
// organisation, armed group or treaty on a date.
#include <ctime>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "commands.h"
#include "tocsin/assess/knowledge_base.h"
#include "tocsin/core/data_dir.h"
#include "tocsin/text/tokenize.h"

namespace tocsin::cli {
namespace {

using tocsin::assess::KnowledgeBase;

struct KbArgs {
  std::string dir, code, date;
};

std::string Today() {
  std::time_t t = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
  return buf;
}

std::string Dir(const KbArgs& a) { return a.dir.empty() ? CuratedDataDir() + "/kb" : a.dir; }

std::string Period(const std::string& from, const std::string& to) {
  return (from.empty() ? std::string("...") : from) + " to " + (to.empty() ? std::string("now") : to);
}

bool Covers(const std::string& from, const std::string& to, const std::string& d) {
  return (from.empty() || from <= d) && (to.empty() || d < to);
}

std::string Join(const std::vector<std::string>& v, const std::string& sep = ", ") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

int RunCheck(const KbArgs& args) {
  const std::string dir = Dir(args);
  std::vector<std::string> problems = tocsin::assess::CheckKnowledgeBase(dir);
  for (const std::string& p : problems) std::cerr << p << "\n";
  if (!problems.empty()) {
    std::cerr << "tocsin kb check: " << problems.size() << " problem(s) in " << dir << "\n";
    return 1;
  }
  auto kb = KnowledgeBase::Load(dir);
  std::vector<std::string> none;
  size_t areas = tocsin::assess::ReadDisputedAreas(dir + "/disputed_areas.tsv", &none).size();
  std::cout << "tocsin kb check: " << dir << ": ok: " << kb->states().size() << " states, "
            << kb->organisations().size() << " organisations, " << kb->treaties().size() << " treaties, "
            << kb->clauses().size() << " clauses, " << kb->memberships().size() << " membership periods, "
            << kb->groups().size() << " armed groups, " << kb->group_links().size() << " group links, " << areas
            << " disputed or occupied area rows\n";
  return 0;
}

void ShowTreaty(const KnowledgeBase& kb, const tocsin::assess::Treaty& t, const std::string& date) {
  std::cout << "treaty " << t.id << ": " << t.names_en.front() << "\n";
  if (!t.organisation.empty()) std::cout << "  organisation: " << t.organisation << "\n";
  std::cout << "  signed " << t.signed_on << ", in force " << t.in_force
            << (t.ended.empty() ? "" : ", ended " + t.ended) << "; on " << date << ": "
            << (kb.TreatyInForce(t, date) ? "in force" : "not in force") << "\n";
  std::cout << "  source: " << t.source << "\n";
  for (const auto* c : kb.ClausesOf(t.id)) {
    std::cout << "  art. " << c->article << " (" << c->name << "): trigger " << c->trigger << ", scope " << c->scope
              << ", " << c->mechanism << (c->request_required ? ", on request" : "") << "; covers ";
    std::vector<std::string> items;
    for (const std::string& i : c->covers) items.push_back(i + (c->Contested(i) ? " (contested)" : ""));
    std::cout << Join(items) << "\n    " << c->summary << "\n";
    if (!c->contested.empty()) std::cout << "    contested: " << c->contested << "\n";
  }
  std::vector<std::string> parties = kb.PartiesOn(t.id, date);
  std::cout << "  parties bound on " << date << " (" << parties.size() << "): " << Join(parties) << "\n";
  std::set<std::string> seen;
  for (const auto& m : kb.memberships()) {
    if (m.treaty != t.id) continue;
    if (m.status != "member" || !m.to.empty())
      std::cout << "  " << m.member << " " << m.status << " " << Period(m.from, m.to) << ": " << m.source << "\n";
  }
}

void ShowState(const KnowledgeBase& kb, const tocsin::assess::State& s, const std::string& date,
               const std::string& dir) {
  std::cout << "state " << s.code << ": " << kb.DisplayName(s.code) << " (alpha2 " << s.alpha2 << ", numeric "
            << (s.numeric.empty() ? "none" : s.numeric) << ", COW " << (s.cow ? std::to_string(s.cow) : "none")
            << ", UN " << s.un << ")\n";
  std::cout << "  exists " << Period(s.from, s.to) << "; on " << date << ": "
            << (kb.StateExists(s, date) ? "exists" : "does not exist") << "\n";
  if (!s.successors.empty()) std::cout << "  successors: " << Join(s.successors) << "\n";
  for (const auto& o : kb.states())
    for (const auto& c : o.successors)
      if (c == s.code) std::cout << "  succeeds " << o.code << " (" << o.to << ")\n";
  std::cout << "  source: " << s.source << "\n";
  for (const auto& t : kb.treaties()) {
    auto st = kb.StandingOn(t.id, s.code, date);
    if (!st.first) continue;
    std::string what = st.bound ? "bound" : "not bound";
    if (st.period) what += " (" + st.period->status + " " + Period(st.period->from, st.period->to) + ")";
    else if (st.last) what += " (left " + st.last->to + ")";
    else what += " (party from " + st.first->from + ")";
    if (!st.treaty_in_force) what += ", treaty not in force";
    std::cout << "  " << t.id << ": " << what << "\n";
  }
  for (const auto& l : kb.group_links())
    if (l.state == s.code && Covers(l.from, l.to, date))
      std::cout << "  " << l.relation << " " << l.group << " (" << l.status << ", " << Period(l.from, l.to)
                << "): " << l.source << "\n";
  std::vector<std::string> none;
  for (const auto& a : tocsin::assess::ReadDisputedAreas(dir + "/disputed_areas.tsv", &none)) {
    bool claims = std::find(a.claimed_by.begin(), a.claimed_by.end(), s.code) != a.claimed_by.end();
    if (!(claims || a.controlled_by == s.code || a.recognised == s.code) || !Covers(a.valid_from, a.valid_to, date))
      continue;
    std::cout << "  area " << a.name << " (" << a.id << ", " << a.status << " " << Period(a.valid_from, a.valid_to)
              << "): claimed by " << Join(a.claimed_by) << "; controlled by "
              << (a.controlled_by.empty() ? "?" : a.controlled_by)
              << (a.recognised.empty() ? "" : "; recognised as " + a.recognised) << "\n";
  }
}

int RunShow(const KbArgs& args) {
  const std::string dir = Dir(args);
  auto loaded = KnowledgeBase::Load(dir);
  if (!loaded.ok()) {
    std::cerr << "tocsin: " << loaded.status().message() << " (run `tocsin kb check`)\n";
    return 1;
  }
  const KnowledgeBase& kb = *loaded;
  const std::string date = args.date.empty() ? Today() : args.date;
  std::string code = args.code;
  std::string upper;
  for (char c : code) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const auto* s = kb.FindState(upper)) {
    ShowState(kb, *s, date, dir);
    return 0;
  }
  if (const auto* g = kb.FindGroup(upper)) {
    std::cout << "armed group " << g->code << ": " << g->name << " (" << g->kind << ")\n";
    std::cout << "  active " << Period(g->from, g->to) << "; on " << date << ": "
              << (Covers(g->from, g->to, date) ? "active" : "not active") << "\n";
    if (!g->countries.empty()) std::cout << "  operates in: " << Join(g->countries) << "\n";
    std::cout << "  source: " << g->source << "\n";
    for (const auto* l : kb.LinksOf(g->code, date))
      std::cout << "  " << l->state << " " << l->relation << " it (" << l->status << ", " << Period(l->from, l->to)
                << "): " << l->source << "\n";
    return 0;
  }
  if (const auto* o = kb.FindOrganisation(upper)) {
    std::cout << "organisation " << o->code << ": " << o->names_en.front() << " (" << o->kind << "), founded "
              << o->founded << (o->dissolved.empty() ? "" : ", dissolved " + o->dissolved) << "\n";
    std::cout << "  names: " << Join(o->names_en, "|") << " / " << Join(o->names_fr, "|") << " / "
              << Join(o->names_ru, "|") << "\n  source: " << o->source << "\n";
    bool any = false;
    for (const auto& t : kb.treaties())
      if (t.organisation == o->code) {
        ShowTreaty(kb, t, date);
        any = true;
      }
    if (!any) std::cout << "  no defence treaty in treaties.tsv\n";
    return 0;
  }
  if (const auto* t = kb.FindTreaty(upper)) {
    ShowTreaty(kb, *t, date);
    return 0;
  }
  if (const auto* t = kb.ResolveTreaty(code)) {
    ShowTreaty(kb, *t, date);
    return 0;
  }
  std::cerr << "tocsin kb show: '" << code
            << "' is not a state (ISO alpha-3), armed group, organisation or treaty of " << dir << "\n";
  return 1;
}

CommandRegistrar reg("21-kb", [](CLI::App& app) -> std::pair<CLI::App*, Runner> {
  auto args = std::make_shared<KbArgs>();
  auto mode = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("kb", "Check the knowledge base (data/kb/) or show what it knows");
  cmd->require_subcommand(1);
  CLI::App* check = cmd->add_subcommand("check", "Validate every file of the knowledge base; exit 1 on problems");
  check->add_option("--dir", args->dir, "Knowledge base folder (default: data/kb)");
  check->callback([mode] { *mode = "check"; });
  CLI::App* show = cmd->add_subcommand("show", "What the knowledge base knows about a state, organisation, group or treaty");
  show->add_option("code", args->code, "ISO alpha-3, group code, organisation code, treaty id or name")->required();
  AddDateOption(show, args->date, "The date (YYYY-MM-DD; default today)");
  show->add_option("--dir", args->dir, "Knowledge base folder (default: data/kb)");
  show->callback([mode] { *mode = "show"; });
  return {cmd, [args, mode] { return *mode == "check" ? RunCheck(*args) : RunShow(*args); }};
});

}  // namespace
}  // namespace tocsin::cli
