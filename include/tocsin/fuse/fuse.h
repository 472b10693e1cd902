// Fusion: mentions (one extracted event in one document) -> events seen in many documents,
// and casualty reconciliation (doc/fusion.md explains the rule and its thresholds).
//
// The rule is pure logic over small keys, so it has no storage dependency: the store keeps a
// FusionIndex of the events it holds, asks it for the event a new mention belongs to, and
// records the answer. Casualty figures of an event are recomputed from all its claims with
// ReconcileCasualties (ACLED's rule: the most conservative credible figure, plus the range).
// Thread-safety: FusionIndex is not thread-safe (the store writes from one thread).
#ifndef TOCSIN_FUSE_FUSE_H_
#define TOCSIN_FUSE_FUSE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tocsin/extract/records.h"
#include "tocsin/output/json_writer.h"

namespace tocsin::fuse {

struct FusionOptions {
  int date_window_days = 1;    // |mention date - event date range| <= this many days
  double max_distance_km = 25; // some pair of located places at most this far apart
  // An event never spans more than this many days from its first to its last mention's date
  // (stops daily reports of a front from chaining into one event).
  int max_span_days = 2;
  // Kinds fuse when equal, or when both are violent and share their ACLED event type
  // (shelling ~ air_strike ~ drone_strike ~ explosion; armed_clash ~ ground_advance).
  bool compatible_kinds = true;
  // With compatible_kinds: any two violent kinds fuse (ACLED and UCDP code one event per
  // violent incident: "shelling" and "clashes" in one town on one day are one event).
  bool violent_family = false;
  // When either side has no coordinates, fuse only if the countries agree (or one is unknown)
  // and at least one actor code is named on both sides and equal.
  bool allow_unlocated = true;
  // Mentions of one document may fuse (a headline and the body's sentence about one strike);
  // false: one document never contributes two mentions to one event.
  bool within_document = true;
  // Modalities that never create nor join an event (the mention is still stored).
  std::vector<std::string> excluded_modalities = {"denied", "hypothetical"};
};

// What fusion looks at in a mention (or in an event built from mentions).
struct Point {
  double lat = 0, lon = 0;
};
struct MentionKey {
  std::string kind;
  std::string acled_event_type;  // "" when ACLED does not cover the kind
  bool violent = false;
  int day = 0;  // days since 1970-01-01 (the event's date, else the document's); see HasDate
  bool has_date = false;
  std::vector<Point> points;          // located places
  std::vector<std::string> countries; // alpha-3 of its places (located or not)
  std::string actor1, actor2;         // codes; "" unknown
  bool actor1_inferred = false, actor2_inferred = false;
  std::string modality;
  int64_t document = 0;  // the document it came from (mentions of one document never fuse)
};

// Whether two keys are equal in every field: adding the second to an event after the first
// changes nothing that Match reads.
bool SameKey(const MentionKey& a, const MentionKey& b);

// Builds the key of an extracted event; `doc_date` is used when the event has no date.
MentionKey KeyOf(const extract::Event& e, const std::string& doc_date, int64_t document);

// Days since 1970-01-01 of "YYYY-MM-DD"; nullopt when malformed.
std::optional<int> DayNumber(const std::string& date);
std::string DateOfDay(int day);  // inverse of DayNumber
double DistanceKm(Point a, Point b);  // great-circle (haversine, R = 6371 km)

// Whether the mention may join the event, and how well (lower is better); nullopt: no.
std::optional<double> MatchScore(const MentionKey& event, const MentionKey& mention,
                                 int event_first_day, int event_last_day,
                                 const FusionOptions& options);

// Why a mention joined an event, for an analyst (doc/fusion.md, "Why merged"): the rule that
// let it join, its score (MatchScore: lower is closer) and the evidence both sides share.
struct MergeReason {
  // "same_place" (both located, within max_distance_km), "same_country_and_actor" (one side
  // unlocated: a country in common and a named actor in common), "same_actor" (one side
  // unlocated and one without any country: a named actor in common only).
  std::string rule;
  double score = 0;
  std::vector<std::string> shared;  // "kind shelling", "date 2022-09-13", "place 3.2 km", ...
};
// The same decision as MatchScore, with its reason; nullopt when the mention may not join.
std::optional<MergeReason> ExplainMatch(const MentionKey& event, const MentionKey& mention,
                                        int event_first_day, int event_last_day,
                                        const FusionOptions& options);
// {"rule": ..., "score": ..., "shared": [...]} (doc/fusion.md), as the store keeps it.
std::string MergeReasonJson(const MergeReason& r);
void WriteMergeReason(output::JsonWriter& w, const MergeReason& r);
// The inverse of MergeReasonJson; nullopt for anything else (a damaged or foreign value).
std::optional<MergeReason> ParseMergeReason(std::string_view json);
// What an event made of several mentions says about why it is one: the join with the highest
// (weakest) score among `joins`; nullopt when there is none.
std::optional<MergeReason> WeakestJoin(const std::vector<MergeReason>& joins);
// An event's "merge" (doc/fusion.md): the weakest join plus "joins" (how many mentions joined),
// or null when none did.
void WriteEventMerge(output::JsonWriter& w, const std::vector<MergeReason>& joins);

// In-memory index of fused events by day, for the store's writer.
class FusionIndex {
 public:
  explicit FusionIndex(FusionOptions options = {}) : options_(std::move(options)) {}
  const FusionOptions& options() const { return options_; }

  // Whether the mention can be part of any event (modality, date).
  bool Fusable(const MentionKey& m) const;
  // The best event for the mention, or nullopt: make a new one. With `why`, also the reason
  // it joins that event.
  std::optional<int64_t> Match(const MentionKey& m, MergeReason* why = nullptr) const;
  // Records that `m` belongs to event `id` (new or matched): widens its date range, adds its
  // places, actors, countries and document.
  void Add(int64_t id, const MentionKey& m);
  size_t size() const { return events_.size(); }

 private:
  struct Entry {
    MentionKey key;  // merged: union of points/countries, first known actors
    int first_day = 0, last_day = 0;
    std::vector<int64_t> documents;
  };
  FusionOptions options_;
  std::unordered_map<int64_t, Entry> events_;
  std::unordered_map<int, std::vector<int64_t>> by_day_;  // every day an event spans
};

// One casualty claim as fusion sees it.
struct Claim {
  int64_t count = 0;
  std::optional<int64_t> min, max;
  std::string qualifier;  // exact | approx | at_least | at_most | range
  std::string victims;    // killed | wounded | unspecified | missing | captured
  std::string side;       // whose losses, "" unspecified
  std::vector<std::string> attribution_actors;  // who reports it
  int64_t document = 0;
};

struct SideFigure {
  std::string side;       // "" = unspecified (a total)
  int64_t figure = 0;     // most conservative credible claim
  int64_t low = 0, high = 0;  // range over every claim for this side
  int claims = 0;
  int partisan_dropped = 0;  // claims set aside as a belligerent's word about enemy losses
};

struct Reconciled {
  std::string victims;     // the victims type this is about ("killed")
  int64_t figure = 0;      // event figure (see doc/fusion.md)
  int64_t low = 0, high = 0;  // range of the claims
  int claims = 0;
  std::vector<SideFigure> by_side;
};

// Reconciles the claims of one event for one victims type (default "killed"); claims of other
// types are ignored. Returns figure 0 and claims 0 when there is none.
Reconciled ReconcileCasualties(const std::vector<Claim>& claims,
                               const std::string& victims = "killed");

}  // namespace tocsin::fuse

#endif  // TOCSIN_FUSE_FUSE_H_
