// The assessment (tocsin::assess) as the dashboard's alerts: every backend that has documents'
// events feeds them here, so /api/alerts and /api/assessment say the same as `tocsin assess`.
#ifndef TOCSIN_SERVE_ASSESSMENT_ALERTS_H_
#define TOCSIN_SERVE_ASSESSMENT_ALERTS_H_

#include <memory>
#include <string>
#include <vector>

#include "tocsin/assess/assess.h"

namespace tocsin::serve {

struct AssessmentJson {
  std::string alerts;      // {"source":"assess","alerts":[...]} (doc/api.md)
  std::string assessment;  // {"available":true,"source":"assess","report":{...}}
};

// Loads the knowledge base once (CuratedDataDir()/kb); nullptr with a message when it cannot
// be loaded (then backends fall back to their own rules).
std::shared_ptr<const assess::KnowledgeBase> SharedKnowledgeBase(std::string* error);

// Runs the assessment on `input` and renders both documents. Alerts: a treaty trigger whose
// conditions are met ("CSTO Article 4 ..."), a violated ceasefire, and each assessment alert;
// each with its events and the evidence sentence of the first one.
AssessmentJson RenderAssessment(const assess::KnowledgeBase& kb,
                                const std::vector<assess::DocumentEvents>& input);

}  // namespace tocsin::serve

#endif  // TOCSIN_SERVE_ASSESSMENT_ALERTS_H_
