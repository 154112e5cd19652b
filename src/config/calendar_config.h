// Business calendars from configuration (JSON).
//
// A holiday set (data/calendars/cn-mainland.json) lists, per year, the
// public holidays and the make-up working days (调休):
//   {"name": "cn-mainland", "years": {"2026": {"holidays": ["2026-10-01", ...],
//                                              "workdays": ["2026-09-20", ...]}}}
// A calendar names its hours and, optionally, a holiday set. Its clock is
// a time zone without daylight saving time ("time_zone": "Asia/Shanghai",
// read from ICU's zone data; zones with DST are refused) or a fixed offset
// ("utc_offset": "+08:00"); the default is +08:00, Asia/Shanghai's:
//   {"name": "售后一组", "time_zone": "Asia/Shanghai", "always_open": false,
//    "weekly": {"mon": ["09:00-12:00", "13:00-18:00"], ..., "sun": []},
//    "holiday_set": "cn-mainland",
//    "workday_hours": ["09:00-18:00"],        // 调休 days; default: Monday's hours
//    "holidays": ["2026-12-31"],               // extra closed days
//    "special_days": {"2026-12-24": ["09:00-12:00"]}}
// Unknown fields are refused, like everywhere else in Kefu.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "common/status.h"
#include "core/calendar.h"

namespace kefu {

struct HolidaySet {
  std::string name;
  std::set<Date> holidays;
  std::set<Date> workdays;
  std::set<int> years;  // the years the set covers
};

// kValidation naming the field for anything malformed.
StatusOr<HolidaySet> ParseHolidaySet(const nlohmann::json& j);

// `sets` are the holiday sets a calendar may name. kValidation for a
// malformed field or an unknown set.
StatusOr<BusinessCalendar> ParseCalendar(const nlohmann::json& j,
                                         const std::map<std::string, HolidaySet>& sets);

}  // namespace kefu
