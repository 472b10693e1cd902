// Dates: calendar helpers (dates.cc) and the resolution of a sentence's time expression
// (pass_dates.cc). Internal to the extract module.
#ifndef TOCSIN_SRC_EXTRACT_DATES_H_
#define TOCSIN_SRC_EXTRACT_DATES_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis.h"
#include "tocsin/core/calendar.h"

namespace tocsin::extract {

// Calendar helpers on "YYYY-MM-DD" strings (proleptic Gregorian).
bool ParseDate(std::string_view date, int& y, int& m, int& d);
std::string FormatDate(int y, int m, int d);
inline std::string AddDays(std::string_view date, int days) { return calendar::AddDays(date, days); }
// 1 = Monday ... 7 = Sunday; 0 when invalid.
inline int Weekday(std::string_view date) { return calendar::IsoWeekday(date); }
// "13.09.2022" -> 2022, 9, 13; false for anything else.
bool NumericDate(std::string_view s, int& y, int& m, int& d);

// Resolves the time expressions of a sentence against the publication date (sets a.date).
void ResolveSentenceDate(SentenceAnalysis& a, std::string_view publication_date);

}  // namespace tocsin::extract

#endif  // TOCSIN_SRC_EXTRACT_DATES_H_
