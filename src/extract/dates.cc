// Dates: relative time expressions ("hier", "last night", "on Monday") and explicit dates
// ("13 septembre 2022", "September 13", "13 сентября 2022 г.", "13.09.2022") resolved against the
// publication date.
#include <cstdio>

#include "internal.h"

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
  // Numeric dates: "13.09.2022" (Russian and European usage; one number token) and ISO
  // "2022-09-13" (three hyphen-joined number tokens).
  for (uint32_t i = a.sentence.first_token; i < a.sentence.end_token; ++i) {
    if (!toks[i].is_number) continue;
    int y = 0, mo = 0, d = 0;
    if (NumericDate(a.span(i, i + 1), y, mo, d) ||
        (i + 2 < a.sentence.end_token && toks[i + 1].is_number && toks[i + 2].is_number &&
         toks[i + 1].hyphen_before && toks[i + 2].hyphen_before && toks[i].folded.size() == 4 &&
         toks[i + 1].folded.size() == 2 && toks[i + 2].folded.size() == 2 &&
         ParseDate(toks[i].folded + "-" + toks[i + 1].folded + "-" + toks[i + 2].folded, y, mo, d))) {
      if (y < 1900 || y > 2100) continue;
      a.date = FormatDate(y, mo, d);
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
