#include "core/calendar.h"

#include <chrono>
#include <cstdio>

namespace kefu {
namespace {

using namespace std::chrono;

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kDayMs = 86'400'000;
// A calendar with hours never goes this long without them (holidays are
// days); the bound only stops a loop on nonsense input.
constexpr int kMaxDaysScanned = 3 * 366;


const std::vector<WorkInterval> kAllDay = {{0, 1440}};
const std::vector<WorkInterval> kClosed = {};

Status CheckIntervals(const std::vector<WorkInterval>& v, const std::string& where) {
  int prev_end = -1;
  for (const auto& i : v) {
    if (i.start < 0 || i.end > 1440 || i.start >= i.end) {
      return ValidationError("opening hours of " + where + " are out of range");
    }
    if (i.start < prev_end) {
      return ValidationError("opening hours of " + where + " overlap or are not in order");
    }
    prev_end = i.end;
  }
  return OkStatus();
}

}  // namespace

int64_t DaysFromDate(const Date& d) {
  return sys_days{year{d.year} / month{static_cast<unsigned>(d.month)} /
                  day{static_cast<unsigned>(d.day)}}
      .time_since_epoch()
      .count();
}

Date DateFromDays(int64_t days) {
  year_month_day ymd{sys_days{std::chrono::days{days}}};
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Date LocalDate(Timestamp t, int utc_offset_minutes) {
  return DateFromDays(FloorDiv(t.unix_ms + int64_t{utc_offset_minutes} * kMinuteMs, kDayMs));
}

std::string FormatLocalDate(Timestamp t, int utc_offset_minutes) {
  return FormatDate(LocalDate(t, utc_offset_minutes));
}

std::string FormatLocalTime(Timestamp t, int utc_offset_minutes) {
  int64_t local_ms = t.unix_ms + int64_t{utc_offset_minutes} * kMinuteMs;
  int64_t minute_of_day = (local_ms - FloorDiv(local_ms, kDayMs) * kDayMs) / kMinuteMs;
  char buf[8];
  std::snprintf(buf, sizeof buf, " %02d:%02d", static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return FormatLocalDate(t, utc_offset_minutes) + buf;
}

Timestamp LocalMidnight(const Date& d, int utc_offset_minutes) {
  return Timestamp{DaysFromDate(d) * kDayMs - int64_t{utc_offset_minutes} * kMinuteMs};
}

std::optional<Date> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  y = std::stoi(std::string(s.substr(0, 4)));
  m = std::stoi(std::string(s.substr(5, 2)));
  d = std::stoi(std::string(s.substr(8, 2)));
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{y, m, d};
}

std::string FormatDate(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

StatusOr<BusinessCalendar> BusinessCalendar::Make(CalendarSpec spec) {
  if (spec.utc_offset_minutes < -14 * 60 || spec.utc_offset_minutes > 14 * 60) {
    return ValidationError("utc offset must be within ±14 hours");
  }
  bool any = false;
  static const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                "Friday", "Saturday", "Sunday"};
  for (int i = 0; i < 7; ++i) {
    KEFU_RETURN_IF_ERROR(CheckIntervals(spec.weekly[i], kDays[i]));
    any = any || !spec.weekly[i].empty();
  }
  for (const auto& [d, hours] : spec.special_days) {
    KEFU_RETURN_IF_ERROR(CheckIntervals(hours, FormatDate(d)));
    if (spec.holidays.count(d)) {
      return ValidationError(FormatDate(d) + " is both a holiday and a special day");
    }
  }
  if (!spec.always_open && !any) return ValidationError("a calendar needs weekly opening hours");
  return BusinessCalendar(std::move(spec));
}

int Weekday(const Date& d) {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  return static_cast<int>(((DaysFromDate(d) % 7) + 7 + 3) % 7);
}

const std::vector<WorkInterval>& BusinessCalendar::HoursOn(const Date& d) const {
  if (spec_.always_open) return kAllDay;
  if (spec_.holidays.count(d)) return kClosed;
  auto special = spec_.special_days.find(d);
  if (special != spec_.special_days.end()) return special->second;
  return spec_.weekly[Weekday(d)];
}

bool BusinessCalendar::IsOpen(Timestamp t) const {
  int64_t local = t.unix_ms + spec_.utc_offset_minutes * kMinuteMs;
  int64_t day = FloorDiv(local, kDayMs);
  int64_t in_day = local - day * kDayMs;
  for (const auto& i : HoursOn(DateFromDays(day))) {
    if (in_day >= i.start * kMinuteMs && in_day < i.end * kMinuteMs) return true;
  }
  return false;
}

Timestamp BusinessCalendar::AddBusinessMillis(Timestamp start, int64_t millis) const {
  int64_t remaining = std::max<int64_t>(0, millis);
  const int64_t offset = spec_.utc_offset_minutes * kMinuteMs;
  int64_t local = start.unix_ms + offset;
  int64_t day = FloorDiv(local, kDayMs);
  for (int scanned = 0; scanned < kMaxDaysScanned; ++scanned, ++day) {
    int64_t day_start = day * kDayMs;
    for (const auto& i : HoursOn(DateFromDays(day))) {
      int64_t from = std::max(local, day_start + i.start * kMinuteMs);
      int64_t to = day_start + i.end * kMinuteMs;
      if (from >= to) continue;
      if (remaining <= to - from) {
        // Landing exactly on the close of an interval with time left over is
        // impossible; landing with remaining == 0 is the first open instant.
        return Timestamp{from + remaining - offset};
      }
      remaining -= to - from;
    }
  }
  return Timestamp{local + remaining - offset};  // unreachable for a valid calendar
}

int64_t BusinessCalendar::BusinessMillisBetween(Timestamp a, Timestamp b) const {
  if (b <= a) return 0;
  const int64_t offset = spec_.utc_offset_minutes * kMinuteMs;
  int64_t from_local = a.unix_ms + offset, to_local = b.unix_ms + offset;
  int64_t total = 0;
  for (int64_t day = FloorDiv(from_local, kDayMs); day * kDayMs < to_local; ++day) {
    int64_t day_start = day * kDayMs;
    for (const auto& i : HoursOn(DateFromDays(day))) {
      int64_t lo = std::max(from_local, day_start + i.start * kMinuteMs);
      int64_t hi = std::min(to_local, day_start + i.end * kMinuteMs);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

}  // namespace kefu
