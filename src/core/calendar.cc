#include "tocsin/core/calendar.h"

#include <chrono>
#include <cstdio>

namespace tocsin::calendar {

namespace chr = std::chrono;

std::optional<long> DayNumber(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const size_t from[3] = {0, 5, 8}, to[3] = {4, 7, 10};
  for (int k = 0; k < 3; ++k)
    for (size_t i = from[k]; i < to[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      parts[k] = parts[k] * 10 + (s[i] - '0');
    }
  const chr::year_month_day ymd{chr::year{parts[0]}, chr::month{static_cast<unsigned>(parts[1])},
                               chr::day{static_cast<unsigned>(parts[2])}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<long>(chr::sys_days{ymd}.time_since_epoch().count());
}

bool IsIsoDate(std::string_view s) { return DayNumber(s).has_value(); }

std::string IsoDate(long day_number) {
  const chr::year_month_day ymd{chr::sys_days{chr::days{day_number}}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::string AddDays(std::string_view iso_date, long days) {
  auto z = DayNumber(iso_date);
  return z ? IsoDate(*z + days) : std::string();
}

int IsoWeekday(std::string_view iso_date) {
  auto z = DayNumber(iso_date);
  if (!z) return 0;
  return static_cast<int>(chr::weekday{chr::sys_days{chr::days{*z}}}.iso_encoding());
}

}  // namespace tocsin::calendar
