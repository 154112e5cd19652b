// Calendars from configuration, with the shipped mainland holiday set.
#include <gtest/gtest.h>

#include <fstream>

#include "config/calendar_config.h"

namespace kefu {
namespace {

using nlohmann::json;

HolidaySet Mainland() {
  std::ifstream f(std::string(KEFU_SOURCE_DIR) + "/data/calendars/cn-mainland.json");
  EXPECT_TRUE(f.good());
  auto set = ParseHolidaySet(json::parse(f));
  EXPECT_TRUE(set.ok()) << set.status().ToString();
  return *set;
}

Timestamp Beijing(const char* local) { return *ParseIso8601(std::string(local) + "+08:00"); }

const json kTeam = json::parse(R"({
  "name": "售后一组",
  "utc_offset": "+08:00",
  "weekly": {"mon": ["09:00-12:00", "13:00-18:00"], "tue": ["09:00-12:00", "13:00-18:00"],
             "wed": ["09:00-12:00", "13:00-18:00"], "thu": ["09:00-12:00", "13:00-18:00"],
             "fri": ["09:00-12:00", "13:00-18:00"], "sat": ["10:00-16:00"], "sun": []},
  "holiday_set": "cn-mainland",
  "holidays": ["2026-12-31"],
  "special_days": {"2026-12-24": ["09:00-12:00"]}
})");

TEST(HolidaySetTest, The2026MainlandScheduleHas33HolidaysAnd6MakeUpDays) {
  HolidaySet s = Mainland();
  EXPECT_EQ(s.name, "cn-mainland");
  EXPECT_EQ(s.holidays.size(), 33u);  // 3 + 9 + 3 + 5 + 3 + 3 + 7
  EXPECT_EQ(s.workdays.size(), 6u);
  EXPECT_TRUE(s.holidays.count(Date{2026, 2, 17}));  // 春节 (Spring Festival)
  EXPECT_TRUE(s.workdays.count(Date{2026, 2, 28}));
  EXPECT_EQ(s.years, std::set<int>{2026});
}

TEST(HolidaySetTest, RefusesMalformedSets) {
  EXPECT_FALSE(ParseHolidaySet(json::parse(R"({"name": "x"})")).ok());
  EXPECT_FALSE(ParseHolidaySet(json::parse(R"({"name": "x", "years": {"2026": {"holidays": ["2027-01-01"]}}})")).ok());
  EXPECT_FALSE(ParseHolidaySet(json::parse(R"({"name": "x", "years": {"2026": {"holidays": ["2026-02-30"]}}})")).ok());
  EXPECT_FALSE(ParseHolidaySet(json::parse(R"({"name": "x", "years": {"2026": {"holidays": ["2026-01-01"], "workdays": ["2026-01-01"]}}})")).ok());
  EXPECT_FALSE(ParseHolidaySet(json::parse(R"({"name": "x", "years": {}, "extra": 1})")).ok());
}

TEST(CalendarConfigTest, TeamCalendarFollowsTheMainlandHolidaysAndMakeUpDays) {
  auto cal = ParseCalendar(kTeam, {{"cn-mainland", Mainland()}});
  ASSERT_TRUE(cal.ok()) << cal.status().ToString();
  EXPECT_FALSE(cal->IsOpen(Beijing("2026-10-05T10:00:00")));  // 国庆 (a Monday)
  EXPECT_TRUE(cal->IsOpen(Beijing("2026-10-10T17:00:00")));   // 调休 Saturday, weekday hours
  EXPECT_FALSE(cal->IsOpen(Beijing("2026-10-10T12:30:00")));  // ... with its lunch break
  EXPECT_TRUE(cal->IsOpen(Beijing("2026-01-04T09:30:00")));   // 调休 Sunday
  EXPECT_FALSE(cal->IsOpen(Beijing("2026-02-18T10:00:00")));  // 春节
  EXPECT_TRUE(cal->IsOpen(Beijing("2026-11-21T11:00:00")));   // an ordinary Saturday
  EXPECT_FALSE(cal->IsOpen(Beijing("2026-12-31T10:00:00")));  // the team's own closed day
  EXPECT_FALSE(cal->IsOpen(Beijing("2026-12-24T14:00:00")));  // a half day
  // Friday before the 2026 National Day: 2 business hours carry over to Oct 8.
  EXPECT_EQ(cal->AddBusinessMinutes(Beijing("2026-09-30T17:00:00"), 120), Beijing("2026-10-08T10:00:00"));
}

TEST(CalendarConfigTest, TimeZonesWithoutDaylightSavingGiveTheirOffset) {
  std::map<std::string, HolidaySet> sets;
  auto offset = [&](const char* zone) {
    json j = {{"name", "z"}, {"time_zone", zone}, {"weekly", {{"mon", {"09:00-18:00"}}}}};
    auto cal = ParseCalendar(j, sets);
    return cal.ok() ? cal->spec().utc_offset_minutes : -9999;
  };
  EXPECT_EQ(offset("Asia/Shanghai"), 8 * 60);
  EXPECT_EQ(offset("Asia/Tokyo"), 9 * 60);
  EXPECT_EQ(offset("Asia/Kolkata"), 5 * 60 + 30);
  EXPECT_EQ(offset("UTC"), 0);
  EXPECT_EQ(offset("Europe/Berlin"), -9999);  // daylight saving time: refused
  EXPECT_EQ(offset("Mars/Olympus_Mons"), -9999);
  json both = {{"name", "z"}, {"time_zone", "UTC"}, {"utc_offset", "+00:00"},
               {"weekly", {{"mon", {"09:00-18:00"}}}}};
  EXPECT_FALSE(ParseCalendar(both, sets).ok());
  // Nine in the morning in Tokyo is midnight UTC.
  json tokyo = {{"name", "z"}, {"time_zone", "Asia/Tokyo"}, {"weekly", {{"mon", {"09:00-18:00"}}}}};
  auto cal = ParseCalendar(tokyo, sets);
  ASSERT_TRUE(cal.ok());
  EXPECT_TRUE(cal->IsOpen(*ParseIso8601("2026-11-23T00:00:00Z")));
  EXPECT_FALSE(cal->IsOpen(*ParseIso8601("2026-11-22T23:59:00Z")));
}

TEST(CalendarConfigTest, RefusesMalformedCalendars) {
  std::map<std::string, HolidaySet> sets = {{"cn-mainland", Mainland()}};
  auto with = [&](const char* key, json value) {
    json j = kTeam;
    j[key] = std::move(value);
    return ParseCalendar(j, sets);
  };
  EXPECT_FALSE(with("utc_offset", "8").ok());
  EXPECT_FALSE(with("holiday_set", "cn-atlantis").ok());
  EXPECT_FALSE(with("weekly", json{{"monday", json::array({"09:00-18:00"})}}).ok());
  EXPECT_FALSE(with("weekly", json{{"mon", json::array({"9:00-18:00"})}}).ok());
  EXPECT_FALSE(with("weekly", json{{"mon", json::array({"18:00-09:00"})}}).ok());
  EXPECT_FALSE(with("holidays", json::array({"2026-13-01"})).ok());
  EXPECT_FALSE(with("timezone", "Asia/Shanghai").ok());  // unknown field
  json always = json{{"name", "24x7"}, {"always_open", true}};
  auto cal = ParseCalendar(always, sets);
  ASSERT_TRUE(cal.ok());
  EXPECT_TRUE(cal->IsOpen(Beijing("2026-10-01T03:00:00")));
}

}  // namespace
}  // namespace kefu
