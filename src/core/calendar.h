// Business calendars: when a service team works, for SLA arithmetic.
//
// A calendar has weekly opening hours in local time, a fixed UTC offset
// (mainland China has no daylight saving time; Asia/Shanghai is +08:00),
// public holidays (closed all day) and special days with their own hours:
// the make-up working days of the Chinese calendar (调休), when a Saturday
// or Sunday is worked, or shortened days. A 24x7 calendar is always open.
// Pure: no clock, no files; loading from configuration is the caller's.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"

namespace kefu {

// A day of the civil (Gregorian) calendar.
struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend auto operator<=>(const Date&, const Date&) = default;
};

// Days since 1970-01-01 of a civil date, and back.
int64_t DaysFromDate(const Date& d);
Date DateFromDays(int64_t days);
// The day of the week of a date: 0 = Monday ... 6 = Sunday.
int Weekday(const Date& d);
// Floor division (for instants before 1970).
int64_t FloorDiv(int64_t a, int64_t b);
// The local date of an instant, and the instant a local date begins, at a
// fixed UTC offset.
Date LocalDate(Timestamp t, int utc_offset_minutes);
Timestamp LocalMidnight(const Date& d, int utc_offset_minutes);
// "2026-03-08" and "2026-03-08 14:05": an instant as a local date / time.
std::string FormatLocalDate(Timestamp t, int utc_offset_minutes);
std::string FormatLocalTime(Timestamp t, int utc_offset_minutes);

// "2026-10-01" -> Date; nullopt if malformed or not a real day.
std::optional<Date> ParseDate(std::string_view s);
std::string FormatDate(const Date& d);

// Working time within one day, in minutes after local midnight: [start, end).
struct WorkInterval {
  int start = 0;  // 0..1439
  int end = 0;    // start < end <= 1440
  friend auto operator<=>(const WorkInterval&, const WorkInterval&) = default;
};

struct CalendarSpec {
  std::string name;
  int utc_offset_minutes = 8 * 60;
  bool always_open = false;
  // Opening hours per weekday, index 0 = Monday ... 6 = Sunday.
  std::array<std::vector<WorkInterval>, 7> weekly;
  std::set<Date> holidays;
  // Days whose hours replace the weekly ones (调休 make-up days, short days).
  std::map<Date, std::vector<WorkInterval>> special_days;
};

class BusinessCalendar {
 public:
  // kValidation if an interval is out of range, unsorted or overlapping, a
  // day is both a holiday and a special day, the offset is beyond ±14 h, or
  // a calendar that is not 24x7 has no weekly hours at all.
  static StatusOr<BusinessCalendar> Make(CalendarSpec spec);

  const CalendarSpec& spec() const { return spec_; }

  // True if `t` falls within working time.
  bool IsOpen(Timestamp t) const;

  // The instant at which `minutes` (>= 0) of working time have passed
  // since `start`. With minutes == 0 it is the first working instant at or
  // after `start`.
  Timestamp AddBusinessMinutes(Timestamp start, int64_t minutes) const {
    return AddBusinessMillis(start, minutes * 60'000);
  }
  Timestamp AddBusinessMillis(Timestamp start, int64_t millis) const;

  // Working milliseconds in [a, b); 0 if b <= a.
  int64_t BusinessMillisBetween(Timestamp a, Timestamp b) const;

  // The hours that apply on local date `d`.
  const std::vector<WorkInterval>& HoursOn(const Date& d) const;

 private:
  explicit BusinessCalendar(CalendarSpec spec) : spec_(std::move(spec)) {}
  CalendarSpec spec_;
};

}  // namespace kefu
