// Escalation: SLA firings from real clocks (24x7 and business hours), the
// causes of immediate escalation, and what a firing does to a ticket.
#include <gtest/gtest.h>

#include <map>

#include "core/access.h"
#include "core/escalation.h"
#include "ticket_story.h"

namespace kefu {
namespace {

using namespace testing;  // kefu::testing: Story, AlwaysOpen, kCustomer, kAgent, kMin

// Monday 2026-11-23 10:00 in Beijing.
const Timestamp kT0 = *ParseIso8601("2026-11-23T02:00:00Z");
Timestamp At(int minutes) { return Timestamp{kT0.unix_ms + minutes * kMin}; }

// Monday to Friday, 09:00-18:00 Beijing time.
BusinessCalendar Weekdays() {
  CalendarSpec s;
  s.name = "office";
  for (int d = 0; d < 5; ++d) s.weekly[d] = {{9 * 60, 18 * 60}};
  return *BusinessCalendar::Make(s);
}

SlaTargets Targets(int first, int next, int resolution) {
  return SlaTargets{first, next, resolution, false};
}


// "warning first_response @2026-11-23T02:48:00.000Z #<anchor>", for readable failures.
std::string Show(const Firing& f) {
  return std::string(ToString(f.kind)) + " " + f.metric + " @" + FormatIso8601(f.at) + " #" +
         std::to_string(f.anchor_ms);
}
std::vector<std::string> Show(const std::vector<Firing>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(Show(f));
  return out;
}
std::string Expect(FiringKind k, const char* metric, Timestamp at, Timestamp anchor) {
  return Show(Firing{k, metric, anchor.unix_ms, at, at});
}

constexpr auto kWarn = FiringKind::kWarning;
constexpr auto kBreach = FiringKind::kBreach;

TEST(FiringKindTest, NamesRoundTrip) {
  for (auto k : {FiringKind::kWarning, FiringKind::kBreach, FiringKind::kImmediate}) {
    EXPECT_EQ(ParseFiringKind(ToString(k)), k);
  }
  EXPECT_EQ(ToString(FiringKind::kWarning), "warning");
  EXPECT_EQ(ToString(FiringKind::kBreach), "breach");
  EXPECT_EQ(ToString(FiringKind::kImmediate), "immediate");
  EXPECT_FALSE(ParseFiringKind("Breach").has_value());
}

TEST(FiringKindTest, IdentityIsKindMetricAndAnchor) {
  Firing f{kBreach, "next_response", 1'000, At(30), At(30)};
  Firing later = f;
  later.at = At(90);
  EXPECT_EQ(f, later);
  Firing other_run = f;
  other_run.anchor_ms = 2'000;
  EXPECT_FALSE(f == other_run);
  Firing warning = f;
  warning.kind = kWarn;
  EXPECT_FALSE(f == warning);
  Firing resolution = f;
  resolution.metric = "resolution";
  EXPECT_FALSE(f == resolution);
}

TEST(SlaFiringsTest, WarningAtTheWarningShareAndBreachAtTheTarget) {
  Story s(kT0);
  auto t = Targets(60, 0, 0);
  std::vector<std::string> want = {Expect(kWarn, "first_response", At(48), kT0),
                                   Expect(kBreach, "first_response", At(60), kT0)};
  EXPECT_EQ(Show(s.Firings(t, 10)), want);
  EXPECT_EQ(Show(s.Firings(t, 50)), want);  // due or not, the instants stay
  EXPECT_EQ(Show(s.Firings(t, 90)), want);
  // Both carry the breach instant, which the events show.
  for (const Firing& f : s.Firings(t, 10)) EXPECT_EQ(f.due, At(60)) << Show(f);
}

TEST(SlaFiringsTest, OrderedByInstantAcrossClocks) {
  Story s(kT0);
  EXPECT_EQ(Show(s.Firings(Targets(60, 0, 50), 5)),
            (std::vector<std::string>{Expect(kWarn, "resolution", At(40), kT0),
                                      Expect(kWarn, "first_response", At(48), kT0),
                                      Expect(kBreach, "resolution", At(50), kT0),
                                      Expect(kBreach, "first_response", At(60), kT0)}));
}

TEST(SlaFiringsTest, StoppedClocksHaveNone) {
  Story on_time(kT0);
  on_time.Reply(kAgent, 30);
  std::vector<std::string> resolution_only = {Expect(kWarn, "resolution", At(96), kT0),
                                              Expect(kBreach, "resolution", At(120), kT0)};
  EXPECT_EQ(Show(on_time.Firings(Targets(60, 0, 120), 35)), resolution_only);

  Story late(kT0);  // answered after its breach: stopped all the same
  late.Reply(kAgent, 75);
  EXPECT_EQ(Show(late.Firings(Targets(60, 0, 120), 80)), resolution_only);

  late.Move(TicketStatus::kResolved, 100);
  EXPECT_TRUE(late.Firings(Targets(60, 0, 120), 110).empty());
}

TEST(SlaFiringsTest, NextResponseFiringsAreAnchoredAtTheCustomerReply) {
  Story s(kT0);
  s.Reply(kAgent, 5);
  s.Reply(kCustomer, 20);
  s.Reply(kCustomer, 22);  // still the run that started at 20
  auto t = Targets(60, 10, 0);
  std::vector<Firing> first_run = s.Firings(t, 25);
  EXPECT_EQ(Show(first_run),
            (std::vector<std::string>{Expect(kWarn, "next_response", At(28), At(20)),
                                      Expect(kBreach, "next_response", At(30), At(20))}));

  s.Reply(kAgent, 26);
  EXPECT_TRUE(s.Firings(t, 27).empty());  // answered in time
  s.Reply(kCustomer, 40);
  std::vector<Firing> second_run = s.Firings(t, 41);
  EXPECT_EQ(Show(second_run),
            (std::vector<std::string>{Expect(kWarn, "next_response", At(48), At(40)),
                                      Expect(kBreach, "next_response", At(50), At(40))}));
  ASSERT_EQ(first_run.size(), 2u);
  ASSERT_EQ(second_run.size(), 2u);
  EXPECT_FALSE(first_run[1] == second_run[1]);  // each run fires on its own
}

TEST(SlaFiringsTest, PausedClocksFireOnlyWhatTheyAlreadyReached) {
  auto t = Targets(0, 0, 60);
  Story early(kT0);
  early.Reply(kAgent, 10);
  early.Move(TicketStatus::kPendingCustomer, 20);
  EXPECT_TRUE(early.Firings(t, 70).empty());

  Story after_warning(kT0);
  after_warning.Reply(kAgent, 10);
  after_warning.Move(TicketStatus::kPendingCustomer, 50);
  EXPECT_EQ(Show(after_warning.Firings(t, 70)),
            (std::vector<std::string>{Expect(kWarn, "resolution", At(48), kT0)}));
}

TEST(SlaFiringsTest, BusinessHoursCarryOverToTheNextWorkingDay) {
  // Tuesday 2026-11-24 17:30 Beijing: 30 minutes today, the rest on Wednesday.
  Timestamp tue = *ParseIso8601("2026-11-24T17:30:00+08:00");
  Story s(tue);
  std::vector<Firing> f = s.Firings(Targets(60, 0, 0), 10, Weekdays());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].kind, kWarn);
  EXPECT_EQ(FormatIso8601(f[0].at), "2026-11-25T01:18:00.000Z");  // Wednesday 09:18
  EXPECT_EQ(f[1].kind, kBreach);
  EXPECT_EQ(FormatIso8601(f[1].at), "2026-11-25T01:30:00.000Z");  // Wednesday 09:30
  EXPECT_EQ(f[1].anchor_ms, tue.unix_ms);

  // Friday 17:30: the weekend does not count.
  Story fri(*ParseIso8601("2026-11-20T17:30:00+08:00"));
  f = fri.Firings(Targets(60, 0, 0), 10, Weekdays());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(FormatIso8601(f[0].at), "2026-11-23T01:18:00.000Z");  // Monday 09:18
  EXPECT_EQ(FormatIso8601(f[1].at), "2026-11-23T01:30:00.000Z");  // Monday 09:30

  // Created at night: the clock starts when the office opens.
  Story night(*ParseIso8601("2026-11-24T22:00:00+08:00"));
  f = night.Firings(Targets(60, 0, 0), 30, Weekdays());
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(FormatIso8601(f[0].at), "2026-11-25T01:48:00.000Z");  // Wednesday 09:48
  EXPECT_EQ(FormatIso8601(f[1].at), "2026-11-25T02:00:00.000Z");  // Wednesday 10:00
}

TEST(SlaFiringsTest, ReadsOnlyUnstoppedClocksWithKnownInstants) {
  SlaClock stopped;
  stopped.metric = SlaMetric::kFirstResponse;
  stopped.warning_at = At(48);
  stopped.due = At(60);
  stopped.met_at = At(75);
  SlaClock paused;
  paused.metric = SlaMetric::kResolution;
  paused.paused = true;
  SlaClock same_instant;  // warning_percent 100: both at the target
  same_instant.metric = SlaMetric::kNextResponse;
  same_instant.start = At(20);
  same_instant.warning_at = At(30);
  same_instant.due = At(30);
  EXPECT_TRUE(SlaFirings({}).empty());
  EXPECT_TRUE(SlaFirings({stopped, paused}).empty());
  EXPECT_EQ(Show(SlaFirings({stopped, same_instant, paused})),
            (std::vector<std::string>{Expect(kWarn, "next_response", At(30), At(20)),
                                      Expect(kBreach, "next_response", At(30), At(20))}));
}

Ticket Complaint(Priority p = Priority::kP3) {
  Ticket t;
  t.id = "T-000007";
  t.subject = "快递丢了";
  t.customer_id = "C-000001";
  t.category = "logistics_lost";
  t.priority = p;
  t.status = TicketStatus::kOpen;
  t.team = "aftersales";
  t.assignee = "li.na";
  t.owner = "li.na";
  t.tags = {"催件"};
  t.created_at = kT0;
  t.updated_at = At(5);
  t.first_response_at = At(5);
  t.version = 4;
  return t;
}

// Which causes hold: (threat level, priority, tier, tone) -> causes, in
// the order of ImmediateCauses().
struct CauseCase {
  ThreatLevel threat;
  Priority priority;
  Tier tier;
  const char* sentiment;
  std::vector<std::string> want;
};

class ImmediateCausesTest : public ::testing::TestWithParam<CauseCase> {};

TEST_P(ImmediateCausesTest, HoldFor) {
  const CauseCase& k = GetParam();
  Ticket t = Complaint(k.priority);
  t.threat_level = k.threat;
  t.threat = k.threat != ThreatLevel::kNone;
  t.sentiment = k.sentiment;
  EXPECT_EQ(ImmediateEscalationCauses(t, k.tier), k.want);
}

using TL = ThreatLevel;
INSTANTIATE_TEST_SUITE_P(
    Table, ImmediateCausesTest,
    ::testing::Values(
        CauseCase{TL::kNone, Priority::kP3, Tier::kNormal, "negative", {}},
        CauseCase{TL::kNone, Priority::kP3, Tier::kMember, "", {}},
        CauseCase{TL::kNone, Priority::kP2, Tier::kNormal, "", {}},
        CauseCase{TL::kNone, Priority::kP1, Tier::kNormal, "", {"priority:P1"}},
        CauseCase{TL::kNone, Priority::kP3, Tier::kVip, "neutral", {"tier:vip"}},
        CauseCase{TL::kNone, Priority::kP3, Tier::kVip, "negative", {"tier:vip", "negative_vip"}},
        CauseCase{TL::kReview, Priority::kP3, Tier::kNormal, "", {"threat:review"}},
        CauseCase{TL::kPublic, Priority::kP3, Tier::kNormal, "", {"threat:public"}},
        CauseCase{TL::kLegal, Priority::kP4, Tier::kNormal, "", {"threat:legal"}},
        CauseCase{TL::kLegal, Priority::kP1, Tier::kVip, "negative",
                  {"threat:legal", "priority:P1", "tier:vip", "negative_vip"}}));

TEST(ImmediateEscalationTest, EveryUnresolvedStateEscalatesButResolvedAndClosedNever) {
  Ticket t = Complaint(Priority::kP1);
  t.threat = true;
  t.threat_level = ThreatLevel::kLegal;
  for (auto s : {TicketStatus::kNew, TicketStatus::kOpen, TicketStatus::kPendingCustomer,
                 TicketStatus::kPendingThirdParty}) {
    t.status = s;
    EXPECT_EQ(ImmediateEscalationCauses(t, Tier::kNormal),
              (std::vector<std::string>{"threat:legal", "priority:P1"}))
        << ToString(s);
  }
  for (auto s : {TicketStatus::kResolved, TicketStatus::kClosed}) {
    t.status = s;
    EXPECT_TRUE(ImmediateEscalationCauses(t, Tier::kVip).empty()) << ToString(s);
  }
}

TEST(ImmediateEscalationTest, CausesAndActionsHaveStableNames) {
  for (std::string_view c : ImmediateCauses()) EXPECT_TRUE(IsImmediateCause(c)) << c;
  EXPECT_FALSE(IsImmediateCause("threat"));
  EXPECT_FALSE(IsImmediateCause("priority:P2"));
  for (const char* a : {"notify_lead", "assign_lead", "raise_priority", "route_team:vip"}) {
    auto parsed = ParseImmediateAction(a);
    ASSERT_TRUE(parsed) << a;
    EXPECT_EQ(ToString(*parsed), a);
  }
  EXPECT_EQ(ParseImmediateAction("route_team:vip")->team, "vip");
  for (const char* bad : {"", "notify", "route_team:", "route_team:no spaces", "assign_lead "}) {
    EXPECT_FALSE(ParseImmediateAction(bad)) << bad;
  }
  EXPECT_EQ(ParseEscalateTo("lead"), EscalateTo::kLead);
  EXPECT_EQ(ParseEscalateTo("manager"), EscalateTo::kManager);
  EXPECT_EQ(ParseEscalateTo("admin"), std::nullopt);
}

// Good practice, not "everything to the lead": what a new install does.
TEST(ImmediateEscalationTest, DefaultsSendOnlyLegalAndPublicThreatsToTheLead) {
  std::map<std::string, std::vector<std::string>> got;
  for (const auto& e : DefaultImmediateEscalations()) {
    for (const auto& a : e.actions) got[e.cause].push_back(ToString(a));
  }
  using V = std::vector<std::string>;
  EXPECT_EQ(got["threat:legal"], V{"assign_lead"});
  EXPECT_EQ(got["threat:public"], V{"assign_lead"});
  EXPECT_EQ(got["threat:review"], V{"raise_priority"});
  EXPECT_EQ(got["tier:vip"], V{"route_team:vip"});
  EXPECT_EQ(got["priority:P1"], V{"notify_lead"});
  EXPECT_EQ(got["negative_vip"], V{"raise_priority"});
  EXPECT_EQ(got.size(), ImmediateCauses().size());
}

const Firing kFrWarning{kWarn, "first_response", kT0.unix_ms, At(48), At(60)};
const Firing kFrBreach{kBreach, "first_response", kT0.unix_ms, At(60), At(60)};
const Firing kImmediate{FiringKind::kImmediate, "threat:legal", 0, At(1), At(1)};
const EscalationContext kCtx{Tier::kNormal, "chen.jie", false, {}};

EscalationContext Doing(std::vector<std::string> actions, EscalationContext ctx = kCtx) {
  ctx.actions.clear();
  for (const auto& a : actions) ctx.actions.push_back(*ParseImmediateAction(a));
  return ctx;
}

EscalationRule OnBreach(std::string name) {
  EscalationRule r;
  r.name = std::move(name);
  r.on = kBreach;
  return r;
}

std::vector<EventType> Types(const Change& c) {
  std::vector<EventType> out;
  for (const auto& e : c.events) out.push_back(e.type);
  return out;
}

// Applies `f` at minute 61 and checks that it succeeded.
Change Fire(const Ticket& t, const Firing& f, std::vector<EscalationRule> rules = {},
            const EscalationContext& ctx = kCtx) {
  auto c = ApplyFiring(t, f, rules, ctx, At(61));
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? *c : Change{t, {}};
}

TEST(ApplyFiringTest, SystemActorIsAnAdminNamedSystem) {
  EXPECT_EQ(SystemActor().login, "system");
  EXPECT_EQ(SystemActor().role, Role::kAdmin);
  EXPECT_EQ(SystemActor().customer_id, "");
}

TEST(ApplyFiringTest, WarningRecordsOneEventWithTheMetricAndTheDueTime) {
  Change c = Fire(Complaint(), kFrWarning);
  ASSERT_EQ(c.events.size(), 1u);
  const TicketEvent& e = c.events[0];
  EXPECT_EQ(e.type, EventType::kSlaWarning);
  EXPECT_EQ(e.ticket_id, "T-000007");
  EXPECT_EQ(e.from, "first_response");
  EXPECT_EQ(e.to, "2026-11-23T03:00:00.000Z");  // the breach it warns of, not the warning instant
  EXPECT_EQ(e.actor, "system");
  EXPECT_EQ(e.actor_role, Role::kAdmin);
  EXPECT_EQ(e.at, At(61));
  EXPECT_EQ(c.ticket.version, 5);
  EXPECT_EQ(c.ticket.updated_at, At(61));
  EXPECT_EQ(c.ticket.priority, Priority::kP3);
  EXPECT_EQ(c.ticket.team, "aftersales");
  EXPECT_EQ(c.ticket.assignee, "li.na");
  EXPECT_EQ(c.ticket.tags, std::vector<std::string>{"催件"});
}

TEST(ApplyFiringTest, BreachRecordsSlaBreached) {
  Change c = Fire(Complaint(), kFrBreach);
  ASSERT_EQ(c.events.size(), 1u);
  EXPECT_EQ(c.events[0].type, EventType::kSlaBreached);
  EXPECT_EQ(c.events[0].from, "first_response");
  EXPECT_EQ(c.events[0].to, "2026-11-23T03:00:00.000Z");
  EXPECT_EQ(c.ticket.version, 5);
}

TEST(ApplyFiringTest, ManyActionsStillMakeOneVersion) {
  EscalationRule everything = OnBreach("all-in");
  everything.notify_lead = true;
  everything.raise_priority = true;
  everything.queue = "complaints";
  everything.add_tag = "超时";
  EscalationRule more = OnBreach("tag-more");
  more.add_tag = "升级";
  Change c = Fire(Complaint(), kFrBreach, {everything, more});
  ASSERT_GE(c.events.size(), 7u);
  EXPECT_EQ(c.events.size(), 7u);
  EXPECT_EQ(c.events[0].type, EventType::kSlaBreached);
  EXPECT_EQ(c.events[1].type, EventType::kEscalated);
  EXPECT_EQ(c.ticket.version, 5);
  EXPECT_EQ(c.ticket.updated_at, At(61));
  EXPECT_EQ(c.ticket.priority, Priority::kP2);
  EXPECT_EQ(c.ticket.team, "complaints");
  EXPECT_EQ(c.ticket.assignee, "");
  EXPECT_EQ(c.ticket.tags, (std::vector<std::string>{"催件", "升级", "超时"}));
  for (const auto& e : c.events) {
    SCOPED_TRACE(ToString(e.type));
    EXPECT_EQ(e.actor, "system");
    EXPECT_EQ(e.actor_role, Role::kAdmin);
    EXPECT_EQ(e.at, At(61));
    EXPECT_EQ(e.ticket_id, "T-000007");
  }
}

TEST(ApplyFiringTest, RulesMatchTheTicketAsItWasWhenTheFiringCameDue) {
  // Rule 1 raises a P3 ticket to P2 and moves it; rules 2 and 3 would only
  // apply to a P2 ticket or one in the complaints team: they must not.
  EscalationRule p3 = OnBreach("p3-up");
  p3.priority = Priority::kP3;
  p3.raise_priority = true;
  p3.queue = "complaints";
  EscalationRule p2 = OnBreach("p2-up");
  p2.priority = Priority::kP2;
  p2.raise_priority = true;
  EscalationRule in_complaints = OnBreach("tag-complaints");
  in_complaints.team = "complaints";
  in_complaints.add_tag = "x";
  Change c = Fire(Complaint(), kFrBreach, {p3, p2, in_complaints});
  EXPECT_EQ(c.ticket.priority, Priority::kP2);
  EXPECT_EQ(c.ticket.team, "complaints");
  EXPECT_EQ(c.ticket.tags, std::vector<std::string>{"催件"});
}

TEST(ApplyFiringTest, AQueueActionNamingTheTicketsOwnTeamChangesNothing) {
  EscalationRule same = OnBreach("stay");
  same.queue = "aftersales";
  Change c = Fire(Complaint(), kFrBreach, {same});
  ASSERT_EQ(c.events.size(), 1u);  // only the breach itself
  EXPECT_EQ(c.ticket.assignee, "li.na");
}

TEST(ApplyFiringTest, RulesApplyOnlyWhenEveryConditionMatches) {
  EscalationRule base = OnBreach("tag-lost");
  base.metric = SlaMetric::kFirstResponse;
  base.priority = Priority::kP3;
  base.tier = Tier::kMember;
  base.team = "aftersales";
  base.add_tag = "超时";
  EscalationContext member = kCtx;
  member.tier = Tier::kMember;
  auto applies = [&](const EscalationRule& r, const Firing& f) {
    Change c = Fire(Complaint(), f, {r}, member);
    return c.events.size() > 1;
  };
  EXPECT_TRUE(applies(base, kFrBreach));
  EscalationRule bare = OnBreach("unset conditions match all");
  bare.add_tag = "超时";
  EXPECT_TRUE(applies(bare, kFrBreach));

  EscalationRule r = base;
  r.on = kWarn;
  EXPECT_FALSE(applies(r, kFrBreach)) << "kind";
  EXPECT_TRUE(applies(r, kFrWarning)) << "a warning rule on a warning";
  EXPECT_FALSE(applies(base, kFrWarning)) << "a breach rule on a warning";
  r = base;
  r.metric = SlaMetric::kResolution;
  EXPECT_FALSE(applies(r, kFrBreach)) << "metric";
  EXPECT_TRUE(applies(r, Firing{kBreach, "resolution", kT0.unix_ms, At(60), At(60)}));
  r = base;
  r.priority = Priority::kP2;
  EXPECT_FALSE(applies(r, kFrBreach)) << "priority";
  r = base;
  r.tier = Tier::kVip;
  EXPECT_FALSE(applies(r, kFrBreach)) << "tier";
  r = base;
  r.team = "presale";
  EXPECT_FALSE(applies(r, kFrBreach)) << "team";
}

TEST(ApplyFiringTest, NotifyLeadNamesTheRuleAndTheLead) {
  EscalationRule r = OnBreach("fr-breach-lead");
  r.notify_lead = true;
  Change c = Fire(Complaint(), kFrBreach, {r});
  ASSERT_EQ(Types(c), (std::vector<EventType>{EventType::kSlaBreached, EventType::kEscalated}));
  EXPECT_EQ(c.events[1].from, "breach:first_response");
  EXPECT_EQ(c.events[1].to, "chen.jie");
  EXPECT_EQ(c.events[1].reason, "fr-breach-lead");
  EXPECT_EQ(c.events[1].actor, "system");
  EXPECT_EQ(c.ticket.assignee, "li.na");  // notifying does not reassign

  r.on = kWarn;
  c = Fire(Complaint(), kFrWarning, {r});
  ASSERT_EQ(c.events.size(), 2u);
  EXPECT_EQ(c.events[1].from, "warning:first_response");
}

TEST(ApplyFiringTest, RaisePriorityOneStepAndP1StaysP1) {
  EscalationRule r = OnBreach("raise");
  r.raise_priority = true;
  Change c = Fire(Complaint(Priority::kP3), kFrBreach, {r});
  ASSERT_EQ(Types(c),
            (std::vector<EventType>{EventType::kSlaBreached, EventType::kPriorityChanged}));
  EXPECT_EQ(c.events[1].from, "P3");
  EXPECT_EQ(c.events[1].to, "P2");
  EXPECT_EQ(c.ticket.priority, Priority::kP2);

  c = Fire(Complaint(Priority::kP2), kFrBreach, {r});
  EXPECT_EQ(c.ticket.priority, Priority::kP1);

  c = Fire(Complaint(Priority::kP1), kFrBreach, {r});
  EXPECT_EQ(Types(c), std::vector<EventType>{EventType::kSlaBreached});
  EXPECT_EQ(c.ticket.priority, Priority::kP1);
  EXPECT_EQ(c.ticket.version, 5);
}

TEST(ApplyFiringTest, AddTagAddsItOnce) {
  EscalationRule r = OnBreach("tag");
  r.add_tag = "超时";
  Change c = Fire(Complaint(), kFrBreach, {r});
  ASSERT_EQ(Types(c), (std::vector<EventType>{EventType::kSlaBreached, EventType::kTagsChanged}));
  EXPECT_EQ(c.events[1].added, std::vector<std::string>{"超时"});
  EXPECT_TRUE(c.events[1].removed.empty());
  EXPECT_EQ(c.ticket.tags, (std::vector<std::string>{"催件", "超时"}));

  r.add_tag = "催件";  // already there
  c = Fire(Complaint(), kFrBreach, {r});
  EXPECT_EQ(Types(c), std::vector<EventType>{EventType::kSlaBreached});
  EXPECT_EQ(c.ticket.tags, std::vector<std::string>{"催件"});
}

TEST(ApplyFiringTest, QueueMovesTheTicketAndUnassignsButKeepsTheOwner) {
  EscalationRule r = OnBreach("to-complaints");
  r.queue = "complaints";
  Change c = Fire(Complaint(), kFrBreach, {r});
  ASSERT_EQ(Types(c), (std::vector<EventType>{EventType::kSlaBreached, EventType::kTeamChanged,
                                              EventType::kTransferred}));
  EXPECT_EQ(c.events[1].from, "aftersales");
  EXPECT_EQ(c.events[1].to, "complaints");
  EXPECT_EQ(c.events[2].from, "li.na");
  EXPECT_EQ(c.events[2].to, "");
  EXPECT_EQ(c.events[2].reason, "escalation: to-complaints");
  EXPECT_EQ(c.ticket.team, "complaints");
  EXPECT_EQ(c.ticket.assignee, "");
  EXPECT_EQ(c.ticket.owner, "li.na");
  EXPECT_EQ(c.ticket.version, 5);

  Ticket queued = Complaint();
  queued.assignee = "";
  c = Fire(queued, kFrBreach, {r});
  EXPECT_EQ(Types(c), (std::vector<EventType>{EventType::kSlaBreached, EventType::kTeamChanged}));
  EXPECT_EQ(c.ticket.team, "complaints");
}

TEST(ApplyFiringTest, EveryMatchingRuleAppliesInOrder) {
  EscalationRule notify = OnBreach("notify");
  notify.notify_lead = true;
  EscalationRule other_metric = OnBreach("resolution-only");
  other_metric.metric = SlaMetric::kResolution;
  other_metric.add_tag = "不该有";
  EscalationRule tag = OnBreach("tag");
  tag.add_tag = "超时";
  Change c = Fire(Complaint(), kFrBreach, {notify, other_metric, tag});
  EXPECT_EQ(Types(c), (std::vector<EventType>{EventType::kSlaBreached, EventType::kEscalated,
                                              EventType::kTagsChanged}));
  EXPECT_EQ(c.ticket.tags, (std::vector<std::string>{"催件", "超时"}));
  EXPECT_EQ(c.ticket.version, 5);
}

// Each immediate action on a P3 ticket that li.na has, in team aftersales.
struct ActionCase {
  std::vector<std::string> actions;
  std::vector<EventType> want;
  const char* assignee;
  Priority priority;
  const char* team;
};

class ImmediateActionTest : public ::testing::TestWithParam<ActionCase> {};

TEST_P(ImmediateActionTest, Does) {
  const ActionCase& k = GetParam();
  Change c = Fire(Complaint(), kImmediate, {}, Doing(k.actions));
  EXPECT_EQ(Types(c), k.want);
  EXPECT_EQ(c.ticket.assignee, k.assignee);
  EXPECT_EQ(c.ticket.priority, k.priority);
  EXPECT_EQ(c.ticket.team, k.team);
  EXPECT_EQ(c.ticket.owner, "li.na") << "the first-contact owner never changes";
  EXPECT_EQ(c.ticket.version, k.want.empty() ? 4 : 5);
  for (const auto& e : c.events) {
    EXPECT_EQ(e.actor, "system");
    if (e.type == EventType::kEscalated) {
      EXPECT_EQ(e.from, "immediate");
      EXPECT_EQ(e.to, "chen.jie");
    }
    if (e.type != EventType::kTransferred) {
      EXPECT_EQ(e.reason, "threat:legal") << ToString(e.type);
    }
  }
}

using ET = EventType;
INSTANTIATE_TEST_SUITE_P(
    Table, ImmediateActionTest,
    ::testing::Values(
        ActionCase{{}, {}, "li.na", Priority::kP3, "aftersales"},
        ActionCase{{"notify_lead"}, {ET::kEscalated}, "li.na", Priority::kP3, "aftersales"},
        ActionCase{{"assign_lead"}, {ET::kEscalated, ET::kTransferred}, "chen.jie",
                   Priority::kP3, "aftersales"},
        ActionCase{{"raise_priority"}, {ET::kPriorityChanged}, "li.na", Priority::kP2,
                   "aftersales"},
        ActionCase{{"route_team:vip"}, {ET::kTeamChanged, ET::kTransferred}, "", Priority::kP3,
                   "vip"},
        ActionCase{{"route_team:aftersales"}, {}, "li.na", Priority::kP3, "aftersales"},
        ActionCase{{"notify_lead", "assign_lead", "raise_priority"},
                   {ET::kEscalated, ET::kTransferred, ET::kPriorityChanged}, "chen.jie",
                   Priority::kP2, "aftersales"}));

TEST(ApplyFiringTest, ImmediateAssignReachesAQueuedTicketButLeavesASupervisorsOne) {
  Ticket queued = Complaint();
  queued.assignee = "";
  queued.owner = "";
  Change c = Fire(queued, kImmediate, {}, Doing({"assign_lead"}));
  ASSERT_EQ(Types(c), (std::vector<EventType>{EventType::kEscalated, EventType::kAssigned}));
  EXPECT_EQ(c.ticket.assignee, "chen.jie");
  EXPECT_EQ(c.ticket.owner, "");

  EscalationContext supervised = Doing({"assign_lead"});
  supervised.assignee_is_supervisor = true;
  c = Fire(Complaint(), kImmediate, {}, supervised);
  EXPECT_EQ(Types(c), std::vector<EventType>{EventType::kEscalated});
  EXPECT_EQ(c.ticket.assignee, "li.na");

  Ticket with_lead = Complaint();
  with_lead.assignee = "chen.jie";
  c = Fire(with_lead, kImmediate, {}, Doing({"assign_lead"}));
  EXPECT_EQ(Types(c), std::vector<EventType>{EventType::kEscalated});

  EscalationContext no_lead = Doing({"assign_lead"});
  no_lead.lead = "";
  c = Fire(Complaint(), kImmediate, {}, no_lead);
  ASSERT_EQ(Types(c), std::vector<EventType>{EventType::kEscalated});
  EXPECT_EQ(c.events[0].to, "");
  EXPECT_EQ(c.ticket.assignee, "li.na");

  // A P1 stays P1.
  c = Fire(Complaint(Priority::kP1), kImmediate, {}, Doing({"raise_priority"}));
  EXPECT_TRUE(c.events.empty());
}

// Escalation by hand: who may escalate to whom.
struct ByHandCase {
  Role role;
  EscalateTo to;
  bool allowed;
};

class EscalateByHandTest : public ::testing::TestWithParam<ByHandCase> {};

TEST_P(EscalateByHandTest, FollowsTheLine) {
  const ByHandCase& k = GetParam();
  Actor a{"someone", k.role, k.role == Role::kCustomer ? "C-000001" : ""};
  auto c = EscalateByHand(Complaint(), a, k.to, "chen.jie", "客户要求主管处理", At(70));
  if (!k.allowed) {
    EXPECT_EQ(c.status().code(), StatusCode::kPermissionDenied);
    return;
  }
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_FALSE(c->events.empty());
  const TicketEvent& e = c->events[0];
  EXPECT_EQ(e.type, EventType::kEscalated);
  EXPECT_EQ(e.actor, "someone");
  EXPECT_EQ(e.from, "manual");
  EXPECT_EQ(e.reason, "客户要求主管处理");
  EXPECT_EQ(c->ticket.owner, "li.na");
  EXPECT_EQ(c->ticket.version, 5);
  if (k.to == EscalateTo::kLead) {
    EXPECT_EQ(e.to, "chen.jie");
    EXPECT_EQ(c->ticket.assignee, "chen.jie");
    // The agent handing it up is not its owner: they watch it from now on.
    EXPECT_EQ(c->ticket.watchers, std::vector<std::string>{"someone"});
    EXPECT_TRUE(CanSee(a, c->ticket));
  } else {
    EXPECT_EQ(e.to, "manager");
    EXPECT_EQ(c->ticket.assignee, "li.na");
    EXPECT_TRUE(c->ticket.watchers.empty());
  }
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, EscalateByHandTest,
    ::testing::Values(ByHandCase{Role::kCustomer, EscalateTo::kLead, false},
                      ByHandCase{Role::kCustomer, EscalateTo::kManager, false},
                      ByHandCase{Role::kAgent, EscalateTo::kLead, true},
                      ByHandCase{Role::kAgent, EscalateTo::kManager, false},
                      ByHandCase{Role::kLead, EscalateTo::kLead, false},
                      ByHandCase{Role::kLead, EscalateTo::kManager, true},
                      ByHandCase{Role::kManager, EscalateTo::kLead, false},
                      ByHandCase{Role::kManager, EscalateTo::kManager, false},
                      ByHandCase{Role::kAdmin, EscalateTo::kManager, false}));

TEST(EscalateByHandTest, RefusesBlankReasonsClosedTicketsAndTeamsWithoutALead) {
  Actor agent{"li.na", Role::kAgent, ""};
  for (const char* blank : {"", "   ", "\u3000\u00a0"}) {
    auto c = EscalateByHand(Complaint(), agent, EscalateTo::kLead, "chen.jie", blank, At(70));
    EXPECT_EQ(c.status().reason(), "reason_required") << blank;
  }
  Ticket done = Complaint();
  done.status = TicketStatus::kResolved;
  EXPECT_EQ(EscalateByHand(done, agent, EscalateTo::kLead, "chen.jie", "x", At(70)).status().reason(),
            "invalid_state");
  EXPECT_EQ(EscalateByHand(Complaint(), agent, EscalateTo::kLead, "", "x", At(70)).status().reason(),
            "no_lead");
  // Already with the lead: the escalation is recorded, nothing is reassigned.
  Ticket with_lead = Complaint();
  with_lead.assignee = "chen.jie";
  auto c = EscalateByHand(with_lead, agent, EscalateTo::kLead, "chen.jie", " 需要组长 ", At(70));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(Types(*c), std::vector<EventType>{EventType::kEscalated});
  EXPECT_EQ(c->events[0].reason, "需要组长");
}

TEST(ApplyFiringTest, ClosedTicketsTakeNoAction) {
  Ticket closed = Complaint(Priority::kP1);
  closed.status = TicketStatus::kClosed;
  closed.threat = true;
  closed.threat_level = ThreatLevel::kLegal;
  EscalationRule r = OnBreach("everything");
  r.notify_lead = true;
  r.raise_priority = true;
  r.queue = "complaints";
  r.add_tag = "超时";
  EscalationRule w = r;
  w.on = kWarn;
  for (const Firing& f : {kFrWarning, kFrBreach, kImmediate}) {
    SCOPED_TRACE(ToString(f.kind));
    Change c = Fire(closed, f, {r, w}, Doing({"assign_lead", "raise_priority", "route_team:vip"}));
    EXPECT_TRUE(c.events.empty());
    EXPECT_EQ(c.ticket.version, 4);
    EXPECT_EQ(c.ticket.updated_at, At(5));
    EXPECT_EQ(c.ticket.assignee, "li.na");
    EXPECT_EQ(c.ticket.team, "aftersales");
  }
}

}  // namespace
}  // namespace kefu
