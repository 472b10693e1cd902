// The collective-security knowledge base: states, organisations, defence treaties, their
// clauses and their parties by date, loaded from data/kb/ (doc/knowledge-base.md).
// Thread-safety: immutable once loaded; Default() is loaded once and safe to share.
#ifndef TOCSIN_ASSESS_KNOWLEDGE_BASE_H_
#define TOCSIN_ASSESS_KNOWLEDGE_BASE_H_

#include <string>
#include <string_view>
#include <vector>

#include "tocsin/core/status.h"

namespace tocsin::assess {

struct State {
  std::string code;     // ISO alpha-3 (ISO 3166-3 for former states: SUN, YUG, CSK, SCG, DDR)
  std::string alpha2;   // ISO alpha-2 (ICU display names)
  std::string numeric;  // ISO 3166-1 numeric, three digits
  int cow = 0;          // Correlates of War code
  std::string un;       // member | observer | former (dissolved or merged) | none
  std::string from, to;  // [from, to): independence or creation, dissolution; "" = before
                         // 1945 / still exists
  std::vector<std::string> successors;  // alpha-3 of the successor states (when `to` is set)
  std::string source;
};

// A non-state armed group (groups.tsv): the code of event records (actor.code, type nsa).
struct Group {
  std::string code;     // "M23", "JNIM"
  std::string name;     // English name
  std::string kind;     // insurgent | jihadist | militia | paramilitary | private_military |
                        // separatist
  std::vector<std::string> countries;  // states where it mainly fights (alpha-3)
  std::string from, to;  // active period, [from, to); "" = open
  std::string source;
};

// A state that backs or fights a group, over a period (group_links.tsv).
struct GroupLink {
  std::string group, state;
  std::string relation;  // backs | fights | integrates (the group is a state's own force)
  std::string status;    // established | alleged (reported, denied by the state) | denied
  std::string from, to;
  std::string source;
};

struct Organisation {
  std::string code;  // "CSTO"
  std::string kind;  // alliance | security | political | economic | universal
  std::vector<std::string> names_en, names_fr, names_ru;  // full name first, then acronyms
  std::string founded, dissolved;
  std::string source;
};

struct Clause {
  std::string treaty;     // treaty id
  std::string article;    // "4", "V", or a label
  std::string name;       // "Collective defence"
  std::string trigger;    // armed_attack | threat
  std::string scope;      // members | members_north_of_tropic | list:AAA,BBB
  std::string mechanism;  // consultation | assistance_on_request | collective_self_defence |
                          // act_to_meet_danger | mutual_assistance | automatic_assistance
  bool request_required = false;
  // What the clause covers (clauses.tsv `covers`): territory, forces_in_area, forces_abroad,
  // forces_in_pacific,
  // non_state_attack, armed_rebellion, external_rebellion (a rebellion actively supported from
  // outside). An item listed in `contested_covers` is disputed: the assessment reports the
  // verdict "contested" instead of deciding.
  std::vector<std::string> covers;
  std::vector<std::string> contested_covers;
  std::string contested;  // why (empty when nothing is contested)
  std::string summary, source;
  bool Covers(std::string_view what) const;
  bool Contested(std::string_view what) const;
};

struct Treaty {
  std::string id;            // "CSTO", "NATO", "RUS-ARM-1997"
  std::string organisation;  // organisation code or ""
  std::string kind;          // multilateral | bilateral
  std::vector<std::string> names_en, names_fr, names_ru;
  std::string signed_on, in_force, ended;  // YYYY-MM-DD; ended "" = in force
  std::string source;
};

struct Membership {
  std::string treaty, member;
  std::string from, to;  // [from, to), to "" = open
  std::string status;    // member | frozen | suspended
  std::string source;
};

// What the knowledge base says about one state and one treaty on one date.
struct Standing {
  bool bound = false;  // a party on that date (member or frozen) and the treaty in force
  const Membership* period = nullptr;  // the row covering the date, if any
  const Membership* last = nullptr;    // the latest row that ended before the date, if any
  const Membership* first = nullptr;   // the earliest row of the state, if any
  bool treaty_in_force = false;
};

class KnowledgeBase {
 public:
  // Loads states.tsv, organisations.tsv, treaties.tsv, clauses.tsv and alliances.tsv of `dir`
  // and checks them (dates, references between files, overlapping periods). Errors name the
  // file, line and column.
  static StatusOr<KnowledgeBase> Load(const std::string& dir);
  // CuratedDataDir()/kb, loaded once. Aborts with the error if the installed data is broken.
  static const KnowledgeBase& Default();

  const std::vector<State>& states() const { return states_; }
  const std::vector<Organisation>& organisations() const { return organisations_; }
  const std::vector<Treaty>& treaties() const { return treaties_; }
  const std::vector<Clause>& clauses() const { return clauses_; }
  const std::vector<Membership>& memberships() const { return memberships_; }
  const std::vector<Group>& groups() const { return groups_; }
  const std::vector<GroupLink>& group_links() const { return group_links_; }
  const Group* FindGroup(std::string_view code) const;
  // Links of a group (or of a state, when `group` is empty) that cover `date` ("" = any date).
  std::vector<const GroupLink*> LinksOf(std::string_view group, std::string_view date) const;
  // Whether the state existed on `date` (states.tsv from/to).
  bool StateExists(const State& s, std::string_view date) const;

  const State* FindState(std::string_view code) const;
  const Organisation* FindOrganisation(std::string_view code) const;
  const Treaty* FindTreaty(std::string_view id) const;
  // A treaty by its id, any of its names, or any name or acronym of its organisation, in any
  // language, case- and accent-insensitively: "nato", "OTAN", "НАТО", "OTSC", "ОДКБ",
  // "Shusha Declaration". nullptr when unknown.
  const Treaty* ResolveTreaty(std::string_view name) const;
  std::vector<const Clause*> ClausesOf(std::string_view treaty) const;

  bool TreatyInForce(const Treaty& t, std::string_view date) const;
  Standing StandingOn(std::string_view treaty, std::string_view state,
                      std::string_view date) const;
  // Parties bound by the treaty on `date`.
  std::vector<std::string> PartiesOn(std::string_view treaty, std::string_view date) const;

  // Display name of a state (ICU, any locale: "en", "fr", "ru") or of an organisation
  // (first name in that language); the code itself when unknown.
  std::string DisplayName(std::string_view code, std::string_view lang = "en") const;

 private:
  std::vector<State> states_;
  std::vector<Organisation> organisations_;
  std::vector<Treaty> treaties_;
  std::vector<Clause> clauses_;
  std::vector<Membership> memberships_;
  std::vector<Group> groups_;
  std::vector<GroupLink> group_links_;
};

// One row of disputed_areas.tsv (the file belongs to geo/TerritoryIndex; read here by
// `tocsin kb check` and `tocsin kb show`).
struct DisputedAreaRow {
  int line = 0;
  std::string id, name, status;            // status: disputed | occupied
  std::vector<std::string> claimed_by;
  std::string controlled_by, valid_from, valid_to, polygon, source, recognised;
};
// Reads the rows; a row that cannot be split into its columns is a problem, not a row.
std::vector<DisputedAreaRow> ReadDisputedAreas(const std::string& path, std::vector<std::string>* problems);

// `tocsin kb check`: loads the knowledge base of `dir` and checks every file, including
// disputed_areas.tsv (dates ordered, claimants known, polygons valid with GEOS) and facts
// across files (a state party to a treaty before it existed). Each problem is one line
// "file:line: column N (name): what". Empty = no problem. (kb_check.cc)
std::vector<std::string> CheckKnowledgeBase(const std::string& dir);

}  // namespace tocsin::assess

#endif  // TOCSIN_ASSESS_KNOWLEDGE_BASE_H_
