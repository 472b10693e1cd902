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
  std::string code;    // ISO alpha-3
  std::string alpha2;  // ISO alpha-2 (ICU display names)
  int cow = 0;         // Correlates of War code
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
  std::string summary, source;
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
};

}  // namespace tocsin::assess

#endif  // TOCSIN_ASSESS_KNOWLEDGE_BASE_H_
