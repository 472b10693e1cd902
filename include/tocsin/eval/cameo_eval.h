// Evaluation of CAMEO coding against PETRARCH-style validation records (tocsin eval cameo).
//
// Records: <Sentence id=".." date="YYYYMMDD" ...> followed (inside it, or as siblings when the
// Sentence element is empty) by <EventCoding eventcode=".." sourcecode=".." targetcode=".."/>
// (or noevents="True") and <Text>...</Text>; <Parse> blocks and XML comments are skipped.
// Agreement is measured per gold coding: an extracted event with the same CAMEO root code (the
// first two digits) is a true positive; source and target agree when the event's actor, coded
// the CAMEO way (CameoActorCode), names the same country as the gold actor code (its first
// three letters), the same organisation for IGO/IMG codes (six letters: IGOUNO), or, for a gold
// code without a country ("---REB"), is itself without a country and has the same agent.
#ifndef TOCSIN_EVAL_CAMEO_EVAL_H_
#define TOCSIN_EVAL_CAMEO_EVAL_H_

#include <string>
#include <vector>

#include "tocsin/core/status.h"
#include "tocsin/extract/records.h"

namespace tocsin::eval {

struct CameoCoding {
  std::string event, source, target;
};

struct CameoRecord {
  std::string id, date, category;  // date as YYYY-MM-DD ("" if none)
  std::string text;
  std::vector<CameoCoding> codings;
  bool no_events = false;  // <EventCoding noevents="True"/>
};

// The CAMEO actor code of an extracted actor: ISO3 + agent for states ("USAGOV"), the
// organisation's code for IGOs ("IGOUNO"), country + REB for armed groups ("SOMREB"),
// "---" + agent when only the agent is known ("---REB"), "" when nothing is.
std::string CameoActorCode(const extract::Actor& a);

StatusOr<std::vector<CameoRecord>> ReadPetrarchXml(const std::string& path);
// The same from a string (for tests); `name` is used in messages.
StatusOr<std::vector<CameoRecord>> ParsePetrarchXml(const std::string& xml,
                                                    const std::string& name);

struct CameoScores {
  int records = 0;         // records with a text
  int gold_codings = 0;    // event codings (noevents records excluded)
  int root_tp = 0;         // codings matched by an event with the same CAMEO root
  int code_tp = 0;         // ... with the same full code
  int source_tp = 0;       // root match whose actor1 agrees with the gold source
  int target_tp = 0;       // root match whose actor2 agrees with the gold target
  int both_tp = 0;         // root, source and target all agree
  int with_source = 0;     // root matches whose gold source is coded (non-empty)
  int with_target = 0;
  int noevent_records = 0;  // gold says no event
  int noevent_correct = 0;  // ... and tocsin extracted no coded event
  int predicted = 0;        // extracted events with a CAMEO code (on records with codings)
  int predicted_matched = 0;
};

// `extractions[i]` is the extraction of `records[i]`.
CameoScores ScoreCameo(const std::vector<CameoRecord>& records,
                       const std::vector<extract::Extraction>& extractions);

std::string FormatCameoText(const CameoScores& s);
std::string FormatCameoJson(const CameoScores& s);

}  // namespace tocsin::eval

#endif  // TOCSIN_EVAL_CAMEO_EVAL_H_
