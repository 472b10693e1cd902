#include <gtest/gtest.h>

#include "dates.h"

namespace tocsin::extract {
namespace {

TEST(Dates, CalendarArithmetic) {
  EXPECT_EQ(AddDays("2022-09-13", -1), "2022-09-12");
  EXPECT_EQ(AddDays("2024-03-01", -1), "2024-02-29");
  EXPECT_EQ(AddDays("2023-01-01", -1), "2022-12-31");
  EXPECT_EQ(Weekday("2022-09-13"), 2);  // a Tuesday
  EXPECT_EQ(Weekday("2024-01-07"), 7);  // a Sunday
  EXPECT_EQ(AddDays("not a date", 1), "");
  EXPECT_EQ(Weekday(""), 0);
}

TEST(Dates, NumericDates) {
  int y = 0, m = 0, d = 0;
  EXPECT_TRUE(NumericDate("13.09.2022", y, m, d));
  EXPECT_EQ(FormatDate(y, m, d), "2022-09-13");
  EXPECT_TRUE(NumericDate("1.10.2023", y, m, d));
  EXPECT_EQ(FormatDate(y, m, d), "2023-10-01");
  EXPECT_FALSE(NumericDate("13.13.2022", y, m, d));
  EXPECT_FALSE(NumericDate("1.200", y, m, d));
  EXPECT_FALSE(NumericDate("13.09.22", y, m, d));
}

}  // namespace
}  // namespace tocsin::extract
