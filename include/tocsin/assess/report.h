// The assessment report: JSON (the format of doc/assessment.md) or readable text.
#ifndef TOCSIN_ASSESS_REPORT_H_
#define TOCSIN_ASSESS_REPORT_H_

#include <string>

#include "tocsin/assess/assess.h"

namespace tocsin::assess {

// One JSON object, pretty-printed with two-space indentation, ending in a newline.
std::string ReportJson(const Assessment& a);
// For reading: sections, one item per paragraph, evidence sentences quoted.
std::string ReportText(const Assessment& a, const KnowledgeBase& kb);

}  // namespace tocsin::assess

#endif  // TOCSIN_ASSESS_REPORT_H_
