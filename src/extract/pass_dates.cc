// Dates pass: each sentence's time expression resolved against the publication date: a day and
// month (the year given, else the publication's, else the year before for a later month), a
// numeric date ("13.09.2022", "2022-09-13"), else a relative day ("hier", "вчера") or weekday.
#include <cstdlib>
#include <string>

#include "dates.h"
#include "document_analysis.h"
#include "passes.h"

namespace tocsin::extract {

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

void PassDates(DocumentAnalysis& da) {
  for (auto& a : da.sentences) ResolveSentenceDate(a, da.doc.date);
}

}  // namespace tocsin::extract
