#include <gtest/gtest.h>

#include "internal.h"

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

}  // namespace
}  // namespace tocsin::extract
