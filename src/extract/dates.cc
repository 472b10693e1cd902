// Dates: relative time expressions ("hier", "last night", "on Monday") and explicit dates
// ("13 septembre 2022", "September 13") resolved against the publication date.
#include <cstdio>

#include "internal.h"

namespace tocsin::extract {
namespace {

// Days since 1970-01-01 (Howard Hinnant's civil calendar algorithm).
long DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

void CivilFromDays(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe) + static_cast<int>(era * 400) + (m <= 2);
}

}  // namespace

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

std::string AddDays(std::string_view date, int days) {
  int y, m, d;
  if (!ParseDate(date, y, m, d)) return "";
  CivilFromDays(DaysFromCivil(y, m, d) + days, y, m, d);
  return FormatDate(y, m, d);
}

int Weekday(std::string_view date) {
  int y, m, d;
  if (!ParseDate(date, y, m, d)) return 0;
  long z = DaysFromCivil(y, m, d);  // 1970-01-01 was a Thursday (4)
  long w = (z + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

void ResolveSentenceDate(SentenceAnalysis& a, std::string_view pub) {
  const auto& toks = *a.tokens;
  int py = 0, pm = 0, pd = 0;
  const bool have_pub = ParseDate(pub, py, pm, pd);
  for (const auto& m : a.matches) {
    if (m.entry->klass == lexicon::Class::kMonth) {
      // "13 septembre 2022", "le 12 septembre", "September 13, 2022", "on 13 September".
      int month = m.entry->GetInt("value", 0);
      int day = 0, year = 0;
      auto number_at = [&](uint32_t i) -> int {
        if (i < a.sentence.first_token || i >= a.sentence.end_token || !toks[i].is_number) return 0;
        if (toks[i].folded.size() > 4) return 0;
        return std::atoi(toks[i].folded.c_str());
      };
      if (int v = number_at(m.first - 1); v >= 1 && v <= 31 && m.first > 0) day = v;
      uint32_t after = m.end;
      if (int v = number_at(after); v >= 1 && v <= 31 && day == 0) {
        day = v;
        ++after;
        if (after < a.sentence.end_token && toks[after].folded == ",") ++after;
      }
      if (int v = number_at(after); v >= 1900 && v <= 2100) year = v;
      if (day == 0) continue;  // "mai" the month alone, or the English modal "may"
      if (year == 0) {
        if (!have_pub) continue;
        year = py;
        // A month after the publication month belongs to the previous year.
        if (month > pm) year = py - 1;
      }
      a.date = FormatDate(year, month, day);
      a.date_precision = "day";
      return;
    }
  }
  if (!have_pub) return;
  for (const auto& m : a.matches) {
    if (m.entry->klass != lexicon::Class::kTime) continue;
    if (m.entry->Has("offset")) {
      a.date = AddDays(pub, m.entry->GetInt("offset", 0));
      a.date_precision = "day";
      return;
    }
    if (m.entry->Has("weekday")) {
      int want = m.entry->GetInt("weekday", 0);
      int have = Weekday(pub);
      int back = (have - want + 7) % 7;  // the same day, or the most recent one before
      a.date = AddDays(pub, -back);
      a.date_precision = "day";
      return;
    }
  }
}

}  // namespace tocsin::extract
