// Helpers shared by the files of src/assess/ (not a public header).
#ifndef TOCSIN_SRC_ASSESS_ASSESS_INTERNAL_H_
#define TOCSIN_SRC_ASSESS_ASSESS_INTERNAL_H_

#include <string>
#include <string_view>

namespace tocsin::assess {

// "YYYY-MM-DD" with a valid month and day.
bool IsDate(std::string_view s);
// Days since 1970-01-01 of a valid date (proleptic Gregorian).
long DayNumber(std::string_view date);
// The date `days` after `date`.
std::string AddDays(std::string_view date, long days);

}  // namespace tocsin::assess

#endif  // TOCSIN_SRC_ASSESS_ASSESS_INTERNAL_H_
