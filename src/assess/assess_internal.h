// Helpers shared by the files of src/assess/ (not a public header).
#ifndef TOCSIN_SRC_ASSESS_ASSESS_INTERNAL_H_
#define TOCSIN_SRC_ASSESS_ASSESS_INTERNAL_H_

#include <string>
#include <string_view>

#include "tocsin/core/calendar.h"

namespace tocsin::assess {

// "YYYY-MM-DD", a real calendar day.
inline bool IsDate(std::string_view s) { return calendar::IsIsoDate(s); }
// The date `days` after `date` ("" if `date` is not one).
using calendar::AddDays;

}  // namespace tocsin::assess

#endif  // TOCSIN_SRC_ASSESS_ASSESS_INTERNAL_H_
