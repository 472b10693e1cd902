// Unit tests of the dates pass (pass_dates.cc).
#include <gtest/gtest.h>

#include <string>

#include "pass_test_util.h"

namespace tocsin::extract {
namespace {

using pass_test::Analysis;

TEST(PassDates, HierIsTheDayBeforeTheDocumentsDate) {
  Analysis x("dates", "L'armée a bombardé Goris hier.", "fr", "2022-09-13");
  EXPECT_EQ(x->sentences.at(0).date, "2022-09-12");
  EXPECT_EQ(x->sentences.at(0).date_precision, "day");
}

TEST(PassDates, AWeekdayIsTheMostRecentOne) {
  Analysis x("dates", "Russian forces shelled Kharkiv on Sunday.", "en", "2022-09-13");  // a Tuesday
  EXPECT_EQ(x->sentences.at(0).date, "2022-09-11");
}

TEST(PassDates, AMonthAfterThePublicationsIsOfTheYearBefore) {
  Analysis x("dates", "Le 20 décembre, l'armée a bombardé Goris.", "fr", "2023-01-05");
  EXPECT_EQ(x->sentences.at(0).date, "2022-12-20");
}

TEST(PassDates, NumericDatesAndNoDate) {
  Analysis x("dates", "Обстрел Гориса 13.09.2022 продолжался.\nL'armée a bombardé Goris.", "ru", "2023-01-05");
  EXPECT_EQ(x->sentences.at(0).date, "2022-09-13");
  EXPECT_EQ(x->sentences.at(1).date, "");
}

}  // namespace
}  // namespace tocsin::extract
