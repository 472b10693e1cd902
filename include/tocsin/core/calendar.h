// Calendar dates as the records write them ("YYYY-MM-DD"), on std::chrono's civil calendar:
// one place for the day arithmetic that extraction (relative dates), fusion (date windows),
// the assessment (alert windows) and the serve benchmarks' synthetic corpus all need.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tocsin::calendar {

// Days since 1970-01-01 of an ISO date "YYYY-MM-DD" (exactly ten characters, a real calendar
// day: 2023-02-29 is not one); nullopt otherwise.
std::optional<long> DayNumber(std::string_view iso_date);

bool IsIsoDate(std::string_view s);

// "YYYY-MM-DD" of a day number.
std::string IsoDate(long day_number);

// The date `days` after (or before, when negative) `iso_date`; "" if it is not a date.
std::string AddDays(std::string_view iso_date, long days);

// ISO weekday of a date: 1 = Monday ... 7 = Sunday; 0 if it is not a date.
int IsoWeekday(std::string_view iso_date);

}  // namespace tocsin::calendar
