// Calendar helpers on "YYYY-MM-DD" strings and numeric dates, for the dates pass
// (pass_dates.cc), which resolves the time expressions of the sentences.
#include <cstdio>

#include "dates.h"

namespace tocsin::extract {

bool ParseDate(std::string_view date, int& y, int& m, int& d) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return false;
  auto num = [&](size_t pos, size_t len, int& out) {
    out = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (date[i] < '0' || date[i] > '9') return false;
      out = out * 10 + (date[i] - '0');
    }
    return true;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return false;
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

std::string FormatDate(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

bool NumericDate(std::string_view s, int& y, int& m, int& d) {
  // D.MM.YYYY or DD.MM.YYYY
  size_t dot1 = s.find('.');
  if (dot1 == std::string_view::npos || dot1 < 1 || dot1 > 2) return false;
  size_t dot2 = s.find('.', dot1 + 1);
  if (dot2 != dot1 + 3 || s.size() != dot2 + 5) return false;
  int parts[3] = {0, 0, 0};
  size_t from[3] = {0, dot1 + 1, dot2 + 1}, to[3] = {dot1, dot2, s.size()};
  for (int k = 0; k < 3; ++k)
    for (size_t i = from[k]; i < to[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      parts[k] = parts[k] * 10 + (s[i] - '0');
    }
  d = parts[0];
  m = parts[1];
  y = parts[2];
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

}  // namespace tocsin::extract
