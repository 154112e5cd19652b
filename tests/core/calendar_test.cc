// Business-calendar arithmetic across nights, weekends, holidays and 调休
// days, in Beijing time and in UTC, and the 24x7 calendar.
#include <gtest/gtest.h>

#include "core/calendar.h"

namespace kefu {
namespace {

// 2026-09-28 (Monday) 00:00 in Beijing time is 2026-09-27T16:00:00Z.
Timestamp Beijing(const char* local) {
  std::string iso = std::string(local) + "+08:00";
  auto t = ParseIso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return *t;
}

std::string ShowBeijing(Timestamp t) {
  return FormatIso8601(Timestamp{t.unix_ms + 8 * 3600 * 1000}).substr(0, 16);
}

// Mon-Fri 09:00-12:00 and 13:00-18:00 (an hour for lunch), Sat 10:00-16:00.
CalendarSpec OfficeHours() {
  CalendarSpec s;
  s.name = "office";
  for (int d = 0; d < 5; ++d) s.weekly[d] = {{9 * 60, 12 * 60}, {13 * 60, 18 * 60}};
  s.weekly[5] = {{10 * 60, 16 * 60}};
  // National Day 2026: Oct 1-7 off; Sunday Sep 20 and Saturday Oct 10 are worked (调休).
  for (int d = 1; d <= 7; ++d) s.holidays.insert(Date{2026, 10, d});
  s.special_days[Date{2026, 9, 20}] = s.weekly[0];
  s.special_days[Date{2026, 10, 10}] = s.weekly[0];
  return s;
}

BusinessCalendar Office() { return *BusinessCalendar::Make(OfficeHours()); }

TEST(CalendarTest, AddsMinutesWithinADayAndAcrossLunch) {
  auto c = Office();
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-28T09:00:00"), 60)), "2026-09-28T10:00");
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-28T11:30:00"), 60)), "2026-09-28T13:30");
  // Exactly the rest of the day ends at closing time, not the next morning.
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-28T17:00:00"), 60)), "2026-09-28T18:00");
}

TEST(CalendarTest, CarriesOverNightsAndStartsAtOpeningWhenClosed) {
  auto c = Office();
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-28T17:30:00"), 60)), "2026-09-29T09:30");
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-28T22:00:00"), 0)), "2026-09-29T09:00");
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-29T03:00:00"), 30)), "2026-09-29T09:30");
}

TEST(CalendarTest, SkipsSundayAndUsesSaturdayHours) {
  auto c = Office();
  // Friday 2026-09-25 17:00 + 2 h: 1 h Friday, then Saturday 10:00 + 1 h.
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-25T17:00:00"), 120)), "2026-09-26T11:00");
  // Saturday 15:00 + 2 h: 1 h Saturday, Sunday closed, Monday 09:00 + 1 h.
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-26T15:00:00"), 120)), "2026-09-28T10:00");
}

TEST(CalendarTest, HolidaysAreClosedAndMakeUpDaysAreWorked) {
  auto c = Office();
  // Wednesday Sep 30 17:00 + 2 h: 1 h, then Oct 1-7 closed (Oct 3 and 4 a
  // weekend inside the holiday), Thursday Oct 8 09:00 + 1 h.
  EXPECT_EQ(ShowBeijing(c.AddBusinessMinutes(Beijing("2026-09-30T17:00:00"), 120)), "2026-10-08T10:00");
  // Sunday Sep 20 is a make-up working day with weekday hours.
  EXPECT_TRUE(c.IsOpen(Beijing("2026-09-20T09:30:00")));
  EXPECT_FALSE(c.IsOpen(Beijing("2026-09-27T09:30:00")));  // an ordinary Sunday
  // Saturday Oct 10 is worked 09:00-18:00, not the usual Saturday hours.
  EXPECT_TRUE(c.IsOpen(Beijing("2026-10-10T17:00:00")));
  EXPECT_FALSE(c.IsOpen(Beijing("2026-10-02T10:00:00")));  // a Friday in the holiday
}

TEST(CalendarTest, BusinessTimeBetweenInstants) {
  auto c = Office();
  auto minutes = [&](const char* a, const char* b) {
    return c.BusinessMillisBetween(Beijing(a), Beijing(b)) / 60000;
  };
  EXPECT_EQ(minutes("2026-09-28T09:00:00", "2026-09-28T18:00:00"), 8 * 60);
  EXPECT_EQ(minutes("2026-09-28T11:00:00", "2026-09-28T14:00:00"), 120);
  EXPECT_EQ(minutes("2026-09-28T20:00:00", "2026-09-29T08:00:00"), 0);
  EXPECT_EQ(minutes("2026-09-30T17:00:00", "2026-10-08T10:00:00"), 120);
  EXPECT_EQ(minutes("2026-09-28T12:00:00", "2026-09-28T09:00:00"), 0);  // reversed
  // Between and Add agree: adding the minutes between a and b lands at b
  // (for b at a working instant).
  Timestamp a = Beijing("2026-09-25T16:10:00");
  Timestamp b = Beijing("2026-10-09T11:20:00");
  EXPECT_EQ(c.AddBusinessMinutes(a, c.BusinessMillisBetween(a, b) / 60000), b);
}

TEST(CalendarTest, UtcCalendarHasNoOffset) {
  CalendarSpec s;
  s.utc_offset_minutes = 0;
  for (int d = 0; d < 5; ++d) s.weekly[d] = {{9 * 60, 17 * 60}};
  auto c = *BusinessCalendar::Make(s);
  auto t = *ParseIso8601("2026-11-20T16:30:00Z");  // a Friday
  EXPECT_EQ(FormatIso8601(c.AddBusinessMinutes(t, 60)), "2026-11-23T09:30:00.000Z");
}

TEST(CalendarTest, AlwaysOpenCalendarCountsWallClockTime) {
  CalendarSpec s;
  s.always_open = true;
  for (int d = 1; d <= 7; ++d) s.holidays.insert(Date{2026, 10, d});  // ignored when 24x7
  auto c = *BusinessCalendar::Make(s);
  Timestamp t = Beijing("2026-10-01T23:30:00");
  EXPECT_EQ(c.AddBusinessMinutes(t, 90).unix_ms - t.unix_ms, 90 * 60000);
  EXPECT_EQ(c.BusinessMillisBetween(t, Timestamp{t.unix_ms + 123456}), 123456);
  EXPECT_TRUE(c.IsOpen(t));
}

TEST(CalendarTest, RefusesMalformedSpecs) {
  CalendarSpec empty;
  EXPECT_FALSE(BusinessCalendar::Make(empty).ok());
  CalendarSpec s = OfficeHours();
  s.weekly[0] = {{13 * 60, 18 * 60}, {9 * 60, 12 * 60}};  // out of order
  EXPECT_FALSE(BusinessCalendar::Make(s).ok());
  s = OfficeHours();
  s.weekly[1] = {{9 * 60, 9 * 60}};  // empty interval
  EXPECT_FALSE(BusinessCalendar::Make(s).ok());
  s = OfficeHours();
  s.special_days[Date{2026, 10, 1}] = s.weekly[0];  // also a holiday
  EXPECT_FALSE(BusinessCalendar::Make(s).ok());
  s = OfficeHours();
  s.utc_offset_minutes = 15 * 60;
  EXPECT_FALSE(BusinessCalendar::Make(s).ok());
}

TEST(DateTest, ParsesAndFormatsRealDaysOnly) {
  EXPECT_EQ(ParseDate("2026-02-28"), (Date{2026, 2, 28}));
  EXPECT_FALSE(ParseDate("2026-02-29").has_value());
  EXPECT_TRUE(ParseDate("2028-02-29").has_value());
  EXPECT_FALSE(ParseDate("2026-1-01").has_value());
  EXPECT_EQ(FormatDate(Date{2026, 1, 4}), "2026-01-04");
}

}  // namespace
}  // namespace kefu
