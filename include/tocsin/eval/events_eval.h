// Evaluation of event typing against CASE 2021 task 2 data (tocsin eval events).
//
// The gold file is TSV with a header row naming the columns `id`, `EventSnippet` and `SubType`
// (one English news snippet per row, labelled with one of 30 CASE 2021 classes: the 25 ACLED
// sub-event types plus DIPLO, ATTRIB, ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER). Each
// snippet is extracted; the most confident event's ACLED sub-event type, or for kinds ACLED
// does not record the CASE class of the kind, is the prediction; a snippet with no event is
// predicted as the fallback class.
#ifndef TOCSIN_EVAL_EVENTS_EVAL_H_
#define TOCSIN_EVAL_EVENTS_EVAL_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tocsin/core/status.h"
#include "tocsin/extract/records.h"

namespace tocsin::eval {

struct CaseItem {
  std::string id, text, label;
};

// Reads the TSV (columns found by name in the header; extra columns ignored). Errors name the
// file and line.
StatusOr<std::vector<CaseItem>> ReadCaseTsv(const std::string& path);

// CASE 2021 class of an ACLED sub-event type ("Air/drone strike" -> "AIR_STRIKE"), "" if none.
std::string CaseLabelForAcled(std::string_view sub_event_type);
// The CASE 2021 class of one event: its ACLED sub-event type, else by kind (accusation and
// claim_responsibility -> ATTRIB, diplomatic kinds -> DIPLO, disasters, organized_crime).
std::string CaseLabelForEvent(const extract::Event& e);
// The 25 CASE classes that are ACLED sub-event types.
const std::vector<std::string>& AcledCaseLabels();

// The label of the most confident event (earliest on ties), or `fallback` when no event has a
// CASE class.
std::string PredictLabel(const extract::Extraction& x, const std::string& fallback);

struct ClassScore {
  std::string label;
  int support = 0;    // gold items of the class
  int predicted = 0;  // items predicted as the class
  int correct = 0;
  double precision = 0, recall = 0, f1 = 0;
};

struct ClassificationReport {
  std::vector<ClassScore> classes;  // every class in gold or predictions, sorted by name
  int total = 0, correct = 0;
  double accuracy = 0;
  double macro_f1 = 0;     // unweighted mean over `classes`
  double weighted_f1 = 0;  // mean weighted by support
  std::map<std::pair<std::string, std::string>, int> confusion;  // (gold, predicted) -> count
};

// Scores predictions; gold.size() must equal predicted.size().
ClassificationReport Score(const std::vector<std::string>& gold,
                           const std::vector<std::string>& predicted);

// Human-readable table, then the most frequent confusions (up to `top_confusions`).
std::string FormatReportText(const ClassificationReport& all, const ClassificationReport& acled,
                             int no_event, int top_confusions = 15);
std::string FormatReportJson(const ClassificationReport& all, const ClassificationReport& acled,
                             int no_event, const std::string& fallback);

}  // namespace tocsin::eval

#endif  // TOCSIN_EVAL_EVENTS_EVAL_H_
