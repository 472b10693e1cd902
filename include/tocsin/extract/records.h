// The records tocsin extracts from one document (doc/records.md documents every field).
#ifndef TOCSIN_EXTRACT_RECORDS_H_
#define TOCSIN_EXTRACT_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tocsin::extract {

// A span of the document: byte offsets into Document::text (or ::title when field == "title").
struct Evidence {
  std::string field = "text";  // "text" or "title"
  uint32_t start = 0, end = 0;  // the sentence the claim came from
  std::string sentence;
  uint32_t trigger_start = 0, trigger_end = 0;  // the words that made the claim
};

struct Actor {
  std::string code;   // ISO 3166 alpha-3, or organisation code (CSTO, NATO, ...); "" unknown
  std::string name;   // "Azerbaijan"
  std::string text;   // the words in the document ("les troupes de Bakou")
  std::string agent;  // MIL, GOV, REB, CVL, POL, MED, ... or ""
  std::string type;   // "state", "igo", "nsa", "person"
  bool inferred = false;  // not in the sentence: taken from the document's conflict frame
};

struct Place {
  std::string text;  // as written
  std::string name;  // gazetteer name
  std::optional<double> lat, lon;
  std::string country;  // alpha-3
  std::string admin1;
  int64_t geonameid = 0;
  std::string feature;
  std::string territory = "unknown";  // sovereign | disputed | occupied | unknown
  std::string area;                   // disputed/occupied area name
  std::vector<std::string> claimed_by;
  std::string controlled_by;
  int precision = 1;  // 1 town, 2 near / part of region, 3 region or larger (ACLED)
  uint32_t start = 0, end = 0;  // span in the field of the evidence
  double confidence = 0;
};

struct Attribution {
  std::string text;                 // "selon les autorités arméniennes"
  std::vector<std::string> actors;  // codes of who says so
};

struct Event {
  std::string id;
  std::string kind;
  std::string cameo, plover_type, plover_mode, acled_event_type, acled_sub_event_type;
  bool violent = false;
  std::optional<Actor> actor1, actor2;
  std::vector<std::string> parties;  // ceasefire: the sides it binds
  std::vector<Place> places;
  std::string date;            // YYYY-MM-DD or ""
  std::string date_precision;  // "day", "month", "year", "" (unknown)
  std::string date_basis;      // "text" (a time expression) or "publication"
  std::string modality = "asserted";  // asserted | attempted | claimed | denied | requested |
                                      // hypothetical
  std::optional<Attribution> attribution;
  Evidence evidence;
  double confidence = 0;
};

struct Casualty {
  std::string id;
  std::string event_id;  // "" when no event could be linked
  int64_t count = 0;     // best single figure (the conservative one for bounds)
  std::optional<int64_t> min, max;
  std::string qualifier;  // exact | approx | at_least | at_most | range
  std::string victims;    // killed | wounded | unspecified | missing | captured
  std::string side;       // actor code or ""
  std::string side_text;
  // The side is the one the event of the same sentence attacked (its target, or the state where
  // it struck), not words next to the count.
  bool side_inferred = false;
  std::optional<Attribution> attribution;
  Evidence evidence;
};

struct Extraction {
  std::string lang;
  std::vector<Event> events;
  std::vector<Casualty> casualties;
  std::vector<std::string> warnings;  // e.g. unsupported language
  std::vector<std::string> frame;     // the document's main dyad, aggressor first
};

}  // namespace tocsin::extract

#endif  // TOCSIN_EXTRACT_RECORDS_H_
