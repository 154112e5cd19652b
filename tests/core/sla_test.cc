// SLA rules and clocks: matching, states, pauses, next response, and
// business hours.
#include <gtest/gtest.h>

#include "core/sla.h"
#include "core/ticket_rules.h"
#include "ticket_story.h"

namespace kefu {
namespace {

using namespace testing;  // kefu::testing: Story, AlwaysOpen, kCustomer, kAgent, kMin


const Timestamp kT0 = *ParseIso8601("2026-11-23T02:00:00Z");

SlaTargets Targets(int first, int next, int resolution, bool pause_3p = false) {
  return SlaTargets{first, next, resolution, pause_3p};
}

TEST(SlaRuleTest, FirstMatchingRuleWinsAndUnsetConditionsMatchAll) {
  SlaPolicy p;
  p.rules.push_back({"vip-p1", Priority::kP1, Tier::kVip, std::nullopt, "", "", Targets(15, 30, 240)});
  p.rules.push_back({"chat", std::nullopt, std::nullopt, Channel::kChat, "", "", Targets(2, 5, 60)});
  p.rules.push_back({"default", std::nullopt, std::nullopt, std::nullopt, "", "", Targets(60, 120, 1440)});
  SlaSubject s{Priority::kP1, Tier::kVip, Channel::kChat, "", ""};
  EXPECT_EQ(MatchSlaRule(p, s)->name, "vip-p1");
  s.tier = Tier::kMember;
  EXPECT_EQ(MatchSlaRule(p, s)->name, "chat");
  s.channel = Channel::kEmail;
  EXPECT_EQ(MatchSlaRule(p, s)->name, "default");
  p.rules.pop_back();
  EXPECT_EQ(MatchSlaRule(p, s), nullptr);
  SlaPolicy by_category;
  by_category.rules.push_back({"lost", std::nullopt, std::nullopt, std::nullopt, "logistics_lost", "", Targets(30, 0, 0)});
  s.category = "logistics_delay";
  EXPECT_EQ(MatchSlaRule(by_category, s), nullptr);
  s.category = "logistics_lost";
  EXPECT_NE(MatchSlaRule(by_category, s), nullptr);
}

TEST(SlaClockTest, FirstResponseGoesOkWarningBreached) {
  Story s(kT0);
  auto t = Targets(60, 0, 0);
  SlaClock c = s.Get(t, SlaMetric::kFirstResponse, 30);
  EXPECT_EQ(c.state, SlaState::kOk);
  EXPECT_EQ(c.elapsed_ms, 30 * kMin);
  EXPECT_EQ(c.due, s.At(60));
  EXPECT_EQ(s.Get(t, SlaMetric::kFirstResponse, 48).state, SlaState::kWarning);  // 80 %
  EXPECT_EQ(s.Get(t, SlaMetric::kFirstResponse, 47).state, SlaState::kOk);
  c = s.Get(t, SlaMetric::kFirstResponse, 61);
  EXPECT_EQ(c.state, SlaState::kBreached);
  EXPECT_EQ(c.due, s.At(60));  // when it was breached
  EXPECT_EQ(s.Clocks(t, 10).size(), 1u);  // clocks without targets are left out
}

TEST(SlaClockTest, FirstResponseMetOrMissedStaysSo) {
  Story on_time(kT0);
  on_time.Reply(kAgent, 40);
  SlaClock c = on_time.Get(Targets(60, 0, 0), SlaMetric::kFirstResponse, 500);
  EXPECT_EQ(c.state, SlaState::kMet);
  EXPECT_EQ(c.elapsed_ms, 40 * kMin);
  EXPECT_EQ(c.met_at, on_time.At(40));
  EXPECT_FALSE(c.due.has_value());

  Story late(kT0);
  late.Reply(kAgent, 75);
  c = late.Get(Targets(60, 0, 0), SlaMetric::kFirstResponse, 500);
  EXPECT_EQ(c.state, SlaState::kBreached);
  EXPECT_EQ(c.met_at, late.At(75));
}

TEST(SlaClockTest, WaitingOnTheCustomerPausesTheClocks) {
  Story s(kT0);
  s.Reply(kAgent, 10);                              // opens the ticket
  s.Move(TicketStatus::kPendingCustomer, 20);
  auto t = Targets(0, 0, 120);
  SlaClock paused = s.Get(t, SlaMetric::kResolution, 50);
  EXPECT_TRUE(paused.paused);
  EXPECT_EQ(paused.elapsed_ms, 20 * kMin);
  EXPECT_FALSE(paused.due.has_value());
  s.Reply(kCustomer, 80);                           // reopens: clocks run again
  SlaClock running = s.Get(t, SlaMetric::kResolution, 100);
  EXPECT_FALSE(running.paused);
  EXPECT_EQ(running.elapsed_ms, 40 * kMin);         // 20 + (100 - 80)
  EXPECT_EQ(running.due, s.At(180));                // 80 more minutes from now
}

TEST(SlaClockTest, ThirdPartyWaitCountsUnlessThePolicyPausesIt) {
  Story s(kT0);
  s.Reply(kAgent, 10);
  s.Move(TicketStatus::kPendingThirdParty, 30);
  EXPECT_EQ(s.Get(Targets(0, 0, 600), SlaMetric::kResolution, 90).elapsed_ms, 90 * kMin);
  SlaClock paused = s.Get(Targets(0, 0, 600, true), SlaMetric::kResolution, 90);
  EXPECT_EQ(paused.elapsed_ms, 30 * kMin);
  EXPECT_TRUE(paused.paused);
  // The customer waited all along: the carrier's delay is the merchant's.
  EXPECT_EQ(paused.experienced_ms, 90 * kMin);
}

TEST(SlaClockTest, CustomerExperiencedTimeIsWallClockUntilMet) {
  Story s(kT0);
  s.Reply(kAgent, 10);
  s.Move(TicketStatus::kPendingCustomer, 20);
  s.Reply(kCustomer, 80);
  s.Move(TicketStatus::kResolved, 100);
  SlaClock done = s.Get(Targets(0, 0, 600), SlaMetric::kResolution, 500);
  EXPECT_EQ(done.met_at, s.At(100));
  EXPECT_EQ(done.elapsed_ms, 40 * kMin) << "the hour waiting on the customer is not the team's";
  EXPECT_EQ(done.experienced_ms, 100 * kMin) << "stops when met, not at now";
}

TEST(SlaClockTest, NextResponseRunsFromAnUnansweredCustomerReply) {
  Story s(kT0);
  s.Reply(kAgent, 5);
  s.Reply(kCustomer, 20);
  s.Reply(kCustomer, 22);  // a second message does not restart the clock
  auto t = Targets(60, 10, 0);
  SlaClock c = s.Get(t, SlaMetric::kNextResponse, 35);
  EXPECT_EQ(c.state, SlaState::kBreached);
  EXPECT_EQ(c.due, s.At(30));
  s.Reply(kAgent, 36);
  c = s.Get(t, SlaMetric::kNextResponse, 40);
  EXPECT_EQ(c.state, SlaState::kBreached);  // answered, but late
  EXPECT_EQ(c.met_at, s.At(36));
  s.Reply(kCustomer, 50);
  s.Reply(kAgent, 55);
  c = s.Get(t, SlaMetric::kNextResponse, 70);
  EXPECT_EQ(c.state, SlaState::kMet);
  EXPECT_EQ(c.elapsed_ms, 5 * kMin);
}

TEST(SlaClockTest, ResolutionIsMetOnResolveAndResumesOnReopen) {
  Story s(kT0);
  s.Reply(kAgent, 10);
  s.Move(TicketStatus::kResolved, 90);
  auto t = Targets(0, 0, 120);
  SlaClock c = s.Get(t, SlaMetric::kResolution, 200);
  EXPECT_EQ(c.state, SlaState::kMet);
  EXPECT_EQ(c.elapsed_ms, 90 * kMin);
  s.Reply(kCustomer, 300);  // reopens; the resolved time does not count
  c = s.Get(t, SlaMetric::kResolution, 320);
  EXPECT_EQ(c.state, SlaState::kWarning);   // 110 of 120 minutes
  EXPECT_EQ(c.elapsed_ms, 110 * kMin);
  EXPECT_EQ(c.due, s.At(330));
}

TEST(SlaClockTest, CountsBusinessHoursOnly) {
  CalendarSpec spec;
  for (int d = 0; d < 5; ++d) spec.weekly[d] = {{9 * 60, 18 * 60}};
  BusinessCalendar office = *BusinessCalendar::Make(spec);
  // Friday 2026-11-20 17:30 in Beijing (09:30Z); one business hour to answer.
  Story s(*ParseIso8601("2026-11-20T09:30:00Z"));
  std::vector<SlaClock> c = s.Clocks(Targets(60, 0, 0), 24 * 60, office);  // Saturday 17:30
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].elapsed_ms, 30 * kMin);
  EXPECT_EQ(c[0].state, SlaState::kOk);
  EXPECT_EQ(FormatIso8601(*c[0].due), "2026-11-23T01:30:00.000Z");  // Monday 09:30 Beijing
}

}  // namespace
}  // namespace kefu
