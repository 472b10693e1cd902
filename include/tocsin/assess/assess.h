// Collective-security assessment: from extracted events, which treaty obligations are engaged,
// who asked for help and who answered, which ceasefires hold, and what is new and escalating.
// The rules are in doc/assessment.md, the knowledge base in doc/knowledge-base.md.
//
// The input is events and casualty claims grouped by document, however they were obtained:
// the extractor (`tocsin assess FILE...`), `tocsin extract` JSON Lines (records_in.h), or the
// store. Assess() is a pure function of its input, the knowledge base and the options.
#ifndef TOCSIN_ASSESS_ASSESS_H_
#define TOCSIN_ASSESS_ASSESS_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "tocsin/assess/knowledge_base.h"
#include "tocsin/extract/records.h"

namespace tocsin::assess {

// The records of one document. Event and casualty ids must be unique across the input.
struct DocumentEvents {
  std::string doc_id;
  std::string date;                // publication date, "" unknown
  std::vector<std::string> frame;  // the document's conflict dyad, aggressor first (may be empty)
  std::vector<extract::Event> events;
  std::vector<extract::Casualty> casualties;
};

struct AssessOptions {
  std::string as_of;                 // YYYY-MM-DD: later events are ignored; "" = latest date seen
  std::vector<std::string> treaties;  // treaty ids to report on (also when the state is not a
                                      // party: "NATO Article 5 not engaged, ARM not a member");
                                      // empty = every treaty a state concerned is or was party to
  int window_days = 7;               // casualty trend window, ending at as_of
};

struct Request {
  bool made = false;
  std::string date;      // earliest linked request
  std::string event_id;  // earliest linked request addressed to the treaty's organisation or
                         // parties (else an unaddressed one: "ses partenaires")
  std::vector<std::string> events;      // every linked request
  std::vector<std::string> addressees;  // codes, "" for an unnamed addressee
};

struct Response {
  std::string actor;     // code of the party or organisation
  std::string kind;      // event kind
  std::string event_id;
  std::string type;      // assistance | consultation | statement
};

struct NotCounted {
  std::string event_id;
  std::string reason;
};

struct TreatyTrigger {
  std::string treaty, treaty_name, article, article_name, mechanism;
  std::string member, aggressor;
  std::string date;  // first counted event (or first considered event when not met)
  bool conditions_met = false;  // verdict == "engaged"
  // engaged (conditions met) | not_engaged | contested (the events count only under a coverage
  // of the clause that is disputed, clauses.tsv `covers` with ?, or through a backing that is
  // only alleged): the report says so instead of deciding.
  std::string verdict = "not_engaged";
  std::string covered_by;  // what made the events count: territory, forces_in_area,
                           // forces_abroad, non_state_attack, armed_rebellion, external_rebellion
  std::string reason;
  std::string contested;   // why the verdict is contested ("" otherwise)
  std::vector<std::string> events;        // events that meet the conditions (or, when not
                                          // met, the events considered)
  std::vector<NotCounted> not_counted;    // events of the dyad that do not count, and why
  Request request;
  std::vector<Response> responses;        // answers of the kind the clause calls for
  std::vector<Response> reactions;        // other acts of the parties about the conflict
  std::vector<std::string> notes;         // e.g. inferred aggressor, frozen participation
};

inline constexpr size_t kMaxListedViolations = 50;

struct Ceasefire {
  std::string announced_by;            // code, "" unknown
  std::vector<std::string> parties;    // the sides it binds
  std::string date, event_id;
  std::string modality;                // of the announcement (claimed: announced by its actor)
  std::vector<std::string> events;     // every mention of the same ceasefire
  bool violated = false;
  // Later violent events between the parties: the earliest kMaxListedViolations of each list
  // (a long war would otherwise list every later event under every ceasefire), and the totals.
  std::vector<std::string> violations;
  std::vector<std::string> alleged_violations;  // later violence only claimed or alleged
  int64_t violation_count = 0, alleged_violation_count = 0;
  std::string reason;
};

struct Alert {
  std::string type;      // first_strike_on_sovereign_territory | spread_new_region |
                         // casualties_rising | request_without_response
  std::string severity;  // high | medium | low
  std::string message;
  std::vector<std::string> events;      // event ids
  std::vector<std::string> casualties;  // casualty ids (casualties_rising)
};

// What an item rests on: one event or casualty claim and its sentence.
struct EvidenceRef {
  std::string id, doc_id, kind, date, actor1, actor2, modality;
  std::vector<std::string> places;  // "Goris [ARM sovereign, Syunik]"
  std::string field, sentence;
  uint32_t start = 0, end = 0;
};

struct Assessment {
  std::string as_of;
  int documents = 0, events = 0;     // input
  int events_after_as_of = 0, events_undated = 0;
  std::vector<std::string> treaties_asked;
  std::vector<TreatyTrigger> treaty_triggers;
  std::vector<Ceasefire> ceasefires;
  std::vector<Alert> alerts;
  std::map<std::string, EvidenceRef> evidence;  // every event or casualty an item names
  std::vector<std::string> warnings;
};

Assessment Assess(const KnowledgeBase& kb, const std::vector<DocumentEvents>& input,
                  const AssessOptions& options);

}  // namespace tocsin::assess

#endif  // TOCSIN_ASSESS_ASSESS_H_
