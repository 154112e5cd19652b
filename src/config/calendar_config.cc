#include "config/calendar_config.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>

#include "config/json_fields.h"

namespace kefu {
namespace {

using nlohmann::json;

StatusOr<Date> DateField(const json& v, const std::string& where) {
  if (!v.is_string()) return ValidationError(where + " must hold dates as \"YYYY-MM-DD\" strings");
  auto d = ParseDate(v.get<std::string>());
  if (!d) return ValidationError(where + " has a bad date: " + Echo(v.get<std::string>()));
  return *d;
}

StatusOr<std::set<Date>> Dates(const json& j, const char* key, const std::string& where) {
  std::set<Date> out;
  auto it = j.find(key);
  if (it == j.end()) return out;
  if (!it->is_array()) return ValidationError(where + "." + key + " must be an array");
  for (const auto& v : *it) {
    KEFU_ASSIGN_OR_RETURN(Date d, DateField(v, where + "." + key));
    out.insert(d);
  }
  return out;
}

// "HH:MM" -> minutes; "24:00" allowed as an end.
std::optional<int> Minutes(std::string_view s) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  for (size_t i : {0, 1, 3, 4}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

StatusOr<std::vector<WorkInterval>> Hours(const json& j, const std::string& where) {
  if (!j.is_array()) return ValidationError(where + " must be an array of \"HH:MM-HH:MM\"");
  std::vector<WorkInterval> out;
  for (const auto& v : j) {
    std::string s = v.is_string() ? v.get<std::string>() : "";
    auto from = s.size() == 11 && s[5] == '-' ? Minutes(std::string_view(s).substr(0, 5)) : std::nullopt;
    auto to = s.size() == 11 && s[5] == '-' ? Minutes(std::string_view(s).substr(6, 5)) : std::nullopt;
    if (!from || !to) return ValidationError(where + " has a bad interval: " + Echo(v.dump()));
    out.push_back({*from, *to});
  }
  return out;
}

std::optional<int> Offset(std::string_view s) {
  if (s == "Z" || s == "+00:00") return 0;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  auto m = Minutes(s.substr(1));
  if (!m) return std::nullopt;
  return s[0] == '+' ? *m : -*m;
}

// The fixed offset of an IANA time zone without daylight saving time
// (Asia/Shanghai), from ICU's time zone data.
StatusOr<int> ZoneOffset(const std::string& name) {
  icu::UnicodeString id = icu::UnicodeString::fromUTF8(name);
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
  if (!tz || *tz == icu::TimeZone::getUnknown()) {
    return ValidationError("time_zone is not a known IANA time zone: " + Echo(name));
  }
  if (tz->useDaylightTime()) {
    return ValidationError("time_zone " + name +
                           " observes daylight saving time, which calendars do not support yet; "
                           "use a zone without it or utc_offset");
  }
  return tz->getRawOffset() / 60'000;
}

}  // namespace

StatusOr<HolidaySet> ParseHolidaySet(const json& j) {
  if (!j.is_object()) return ValidationError("a holiday set must be a JSON object");
  KEFU_RETURN_IF_ERROR(config::RefuseUnknown(j, {"name", "description", "years"}, "holiday set"));
  HolidaySet set;
  if (!j.contains("name") || !j["name"].is_string()) return ValidationError("holiday set needs a name");
  set.name = j["name"].get<std::string>();
  if (!j.contains("years") || !j["years"].is_object()) {
    return ValidationError("holiday set " + set.name + " needs \"years\"");
  }
  for (auto it = j["years"].begin(); it != j["years"].end(); ++it) {
    std::string where = "years." + it.key();
    auto year = ParseDate(it.key() + "-01-01");
    if (!year || !it->is_object()) return ValidationError(where + " is not a year with an object");
    KEFU_RETURN_IF_ERROR(config::RefuseUnknown(*it, {"holidays", "workdays"}, where));
    KEFU_ASSIGN_OR_RETURN(std::set<Date> h, Dates(*it, "holidays", where));
    KEFU_ASSIGN_OR_RETURN(std::set<Date> w, Dates(*it, "workdays", where));
    for (const auto& d : h) {
      if (d.year != year->year) return ValidationError(where + " lists " + FormatDate(d));
      if (w.count(d)) return ValidationError(FormatDate(d) + " is both a holiday and a workday");
    }
    set.holidays.insert(h.begin(), h.end());
    set.workdays.insert(w.begin(), w.end());
    set.years.insert(year->year);
  }
  return set;
}

StatusOr<BusinessCalendar> ParseCalendar(const json& j, const std::map<std::string, HolidaySet>& sets) {
  if (!j.is_object()) return ValidationError("a calendar must be a JSON object");
  KEFU_RETURN_IF_ERROR(config::RefuseUnknown(j, {"name", "time_zone", "utc_offset", "always_open", "weekly", "holiday_set",
                                   "workday_hours", "holidays", "special_days"},
                               "calendar"));
  CalendarSpec spec;
  spec.name = j.value("name", "");
  if (j.contains("utc_offset")) {
    auto off = j["utc_offset"].is_string() ? Offset(j["utc_offset"].get<std::string>()) : std::nullopt;
    if (!off) return ValidationError("utc_offset must look like \"+08:00\"");
    spec.utc_offset_minutes = *off;
  }
  if (j.contains("time_zone")) {
    if (j.contains("utc_offset")) return ValidationError("give time_zone or utc_offset, not both");
    if (!j["time_zone"].is_string()) return ValidationError("time_zone must be a string");
    KEFU_ASSIGN_OR_RETURN(spec.utc_offset_minutes, ZoneOffset(j["time_zone"].get<std::string>()));
  }
  if (j.contains("always_open")) {
    if (!j["always_open"].is_boolean()) return ValidationError("always_open must be true or false");
    spec.always_open = j["always_open"].get<bool>();
  }
  static constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  if (j.contains("weekly")) {
    const json& w = j["weekly"];
    if (!w.is_object()) return ValidationError("weekly must be an object keyed mon..sun");
    for (auto it = w.begin(); it != w.end(); ++it) {
      auto day = std::find(kDays.begin(), kDays.end(), it.key());
      if (day == kDays.end()) return ValidationError("weekly has an unknown day: " + Echo(it.key()));
      KEFU_ASSIGN_OR_RETURN(spec.weekly[day - kDays.begin()], Hours(*it, "weekly." + it.key()));
    }
  }
  KEFU_ASSIGN_OR_RETURN(spec.holidays, Dates(j, "holidays", "calendar"));
  if (j.contains("special_days")) {
    if (!j["special_days"].is_object()) return ValidationError("special_days must be an object");
    for (auto it = j["special_days"].begin(); it != j["special_days"].end(); ++it) {
      KEFU_ASSIGN_OR_RETURN(Date d, DateField(json(it.key()), "special_days"));
      KEFU_ASSIGN_OR_RETURN(spec.special_days[d], Hours(*it, "special_days." + it.key()));
    }
  }
  if (j.contains("holiday_set")) {
    std::string name = j["holiday_set"].is_string() ? j["holiday_set"].get<std::string>() : "";
    auto set = sets.find(name);
    if (set == sets.end()) return ValidationError("unknown holiday_set: " + Echo(name));
    std::vector<WorkInterval> workday = spec.weekly[0];
    if (j.contains("workday_hours")) {
      KEFU_ASSIGN_OR_RETURN(workday, Hours(j["workday_hours"], "workday_hours"));
    }
    for (const auto& d : set->second.holidays) {
      if (!spec.special_days.count(d)) spec.holidays.insert(d);  // explicit hours win
    }
    for (const auto& d : set->second.workdays) {
      if (!spec.special_days.count(d) && !spec.holidays.count(d)) spec.special_days[d] = workday;
    }
  } else if (j.contains("workday_hours")) {
    return ValidationError("workday_hours needs a holiday_set");
  }
  return BusinessCalendar::Make(std::move(spec));
}

}  // namespace kefu
