#include "tocsin/core/calendar.h"

#include <gtest/gtest.h>

namespace tocsin::calendar {
namespace {

TEST(Calendar, DayNumbersOfIsoDates) {
  EXPECT_EQ(DayNumber("1970-01-01"), 0);
  EXPECT_EQ(DayNumber("2022-09-13"), 19248);
  EXPECT_EQ(DayNumber("1969-12-31"), -1);
  EXPECT_EQ(DayNumber("2024-02-29"), 19782);       // leap day
  EXPECT_FALSE(DayNumber("2023-02-29").has_value());  // not a day
  EXPECT_FALSE(DayNumber("2022-13-01").has_value());
  EXPECT_FALSE(DayNumber("2022-9-13").has_value());
  EXPECT_FALSE(DayNumber("2022-09-13T10:00").has_value());
  EXPECT_FALSE(DayNumber("").has_value());
}

TEST(Calendar, AddDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(AddDays("2022-09-13", -1), "2022-09-12");
  EXPECT_EQ(AddDays("2022-12-31", 1), "2023-01-01");
  EXPECT_EQ(AddDays("2024-02-28", 1), "2024-02-29");
  EXPECT_EQ(AddDays("2024-03-01", -1), "2024-02-29");
  EXPECT_EQ(AddDays("not a date", 1), "");
  EXPECT_EQ(IsoDate(19248), "2022-09-13");
}

TEST(Calendar, IsoWeekdays) {
  EXPECT_EQ(IsoWeekday("2022-09-13"), 2);  // a Tuesday
  EXPECT_EQ(IsoWeekday("2022-09-18"), 7);  // a Sunday
  EXPECT_EQ(IsoWeekday("x"), 0);
}

}  // namespace
}  // namespace tocsin::calendar
