// Routing: team choice, waiting-queue order, and the agent a ticket goes to
// (presence, capacity, team, skills, load, round robin, supervisors).
#include <gtest/gtest.h>

#include <algorithm>

#include "core/routing.h"

namespace kefu {
namespace {

// An online agent of team "aftersales" with room for 20 tickets and 3 chats.
RoutingAgent Agent(std::string login, std::vector<std::string> skills = {}, int open = 0) {
  RoutingAgent a;
  a.profile.login = std::move(login);
  a.profile.teams = {"aftersales"};
  a.profile.skills = std::move(skills);
  a.presence = Presence::kOnline;
  a.open = open;
  return a;
}

RoutingTicket Incoming(std::string category = "", Channel channel = Channel::kWeb) {
  RoutingTicket t;
  t.category = std::move(category);
  t.channel = channel;
  return t;
}

TeamSpec Team(std::string name, std::vector<std::string> categories = {},
              std::vector<Channel> channels = {}, std::vector<std::string> languages = {}) {
  TeamSpec t;
  t.name = std::move(name);
  t.categories = std::move(categories);
  t.channels = std::move(channels);
  t.languages = std::move(languages);
  return t;
}

TeamSpec VipTeam(std::string name, std::vector<std::string> categories = {}) {
  TeamSpec t = Team(std::move(name), std::move(categories));
  t.vip_only = true;
  return t;
}

// The login of the chosen agent, or "" if nobody.
std::string Chosen(const Router& r, const RoutingTicket& t, bool supervisors_only = false) {
  auto i = r.Choose(t, supervisors_only);
  return i ? r.agent(*i).profile.login : "";
}

TEST(PresenceTest, NamesRoundTripAndUnknownNamesAreRefused) {
  EXPECT_EQ(ToString(Presence::kOnline), "online");
  EXPECT_EQ(ToString(Presence::kBusy), "busy");
  EXPECT_EQ(ToString(Presence::kAway), "away");
  EXPECT_EQ(ToString(Presence::kOffline), "offline");
  for (auto p : {Presence::kOnline, Presence::kBusy, Presence::kAway, Presence::kOffline}) {
    EXPECT_EQ(ParsePresence(ToString(p)), p);
  }
  EXPECT_FALSE(ParsePresence("Online").has_value());
  EXPECT_FALSE(ParsePresence("").has_value());
  EXPECT_FALSE(ParsePresence("invisible").has_value());
}

TEST(ChooseTeamTest, VipTicketGoesToTheVipQueueAndOthersNever) {
  std::vector<TeamSpec> teams = {Team("general"), VipTeam("vip")};
  RoutingTicket t = Incoming("logistics_lost");
  EXPECT_EQ(ChooseTeam(t, teams), "general");
  t.vip = true;
  EXPECT_EQ(ChooseTeam(t, teams), "vip");

  // A non-VIP ticket has nowhere to go when only a VIP queue exists.
  std::vector<TeamSpec> only_vip = {VipTeam("vip")};
  t.vip = false;
  EXPECT_EQ(ChooseTeam(t, only_vip), std::nullopt);
  t.vip = true;
  EXPECT_EQ(ChooseTeam(t, only_vip), "vip");
}

TEST(ChooseTeamTest, VipQueueWinsOverAMoreSpecificOrdinaryTeam) {
  std::vector<TeamSpec> teams = {Team("lost", {"logistics_lost"}, {Channel::kWeb}, {"zh"}),
                                 VipTeam("vip")};
  RoutingTicket t = Incoming("logistics_lost");
  t.vip = true;
  EXPECT_EQ(ChooseTeam(t, teams), "vip");
}

TEST(ChooseTeamTest, VipTicketFallsBackWhenNoVipQueueAcceptsIt) {
  std::vector<TeamSpec> teams = {VipTeam("vip-refunds", {"refund_progress"}), Team("general")};
  RoutingTicket t = Incoming("logistics_lost");
  t.vip = true;
  EXPECT_EQ(ChooseTeam(t, teams), "general");
  t.category = "refund_progress";
  EXPECT_EQ(ChooseTeam(t, teams), "vip-refunds");
}

TEST(ChooseTeamTest, MostSpecificTeamWinsThenTheFirstListed) {
  std::vector<TeamSpec> teams = {
      Team("general"),
      Team("logistics", {"logistics_lost", "logistics_delay"}),
      Team("logistics-chat", {"logistics_lost"}, {Channel::kChat}),
      Team("english", {}, {}, {"en"}),
  };
  EXPECT_EQ(ChooseTeam(Incoming("logistics_lost", Channel::kChat), teams), "logistics-chat");
  EXPECT_EQ(ChooseTeam(Incoming("logistics_lost", Channel::kWeb), teams), "logistics");
  EXPECT_EQ(ChooseTeam(Incoming("logistics_delay", Channel::kChat), teams), "logistics");
  EXPECT_EQ(ChooseTeam(Incoming("invoice"), teams), "general");
  // "logistics" and "english" both set one filter: the first listed wins.
  RoutingTicket en = Incoming("logistics_delay");
  en.language = "en";
  EXPECT_EQ(ChooseTeam(en, teams), "logistics");
  std::swap(teams[1], teams[3]);
  EXPECT_EQ(ChooseTeam(en, teams), "english");
}

TEST(ChooseTeamTest, EachFilterRejectsOnItsOwn) {
  RoutingTicket t = Incoming("logistics_lost", Channel::kEmail);
  t.language = "en";
  EXPECT_EQ(ChooseTeam(t, {Team("a", {"invoice"})}), std::nullopt);
  EXPECT_EQ(ChooseTeam(t, {Team("a", {}, {Channel::kChat, Channel::kPhone})}), std::nullopt);
  EXPECT_EQ(ChooseTeam(t, {Team("a", {}, {}, {"zh"})}), std::nullopt);
  EXPECT_EQ(ChooseTeam(t, {Team("a", {"invoice", "logistics_lost"}, {Channel::kEmail}, {"en"})}),
            "a");
  EXPECT_EQ(ChooseTeam(t, {}), std::nullopt);
  // An untriaged ticket (no category) is refused by a category filter.
  EXPECT_EQ(ChooseTeam(Incoming(""), {Team("a", {"invoice"})}), std::nullopt);
}

QueuedTicket Queued(int64_t seq, bool vip, Priority p, int minute) {
  return QueuedTicket{seq, vip, p, Timestamp{1'700'000'000'000 + minute * 60'000LL}};
}

TEST(ServedBeforeTest, VipThenPriorityThenOldestThenLowestSeq) {
  QueuedTicket vip_p4_new = Queued(9, true, Priority::kP4, 50);
  QueuedTicket p1_old = Queued(1, false, Priority::kP1, 0);
  EXPECT_TRUE(ServedBefore(vip_p4_new, p1_old));
  EXPECT_FALSE(ServedBefore(p1_old, vip_p4_new));

  QueuedTicket p2_new = Queued(8, false, Priority::kP2, 40);
  QueuedTicket p3_old = Queued(2, false, Priority::kP3, 0);
  EXPECT_TRUE(ServedBefore(p2_new, p3_old));
  EXPECT_FALSE(ServedBefore(p3_old, p2_new));

  QueuedTicket p3_older = Queued(7, false, Priority::kP3, -5);
  EXPECT_TRUE(ServedBefore(p3_older, p3_old));
  EXPECT_FALSE(ServedBefore(p3_old, p3_older));

  QueuedTicket p3_same_time = Queued(3, false, Priority::kP3, 0);
  EXPECT_TRUE(ServedBefore(p3_old, p3_same_time));
  EXPECT_FALSE(ServedBefore(p3_same_time, p3_old));
  EXPECT_FALSE(ServedBefore(p3_old, p3_old));  // a strict order

  std::vector<QueuedTicket> q = {p3_same_time, p3_old, p1_old, p3_older, vip_p4_new, p2_new};
  std::sort(q.begin(), q.end(), ServedBefore);
  std::vector<int64_t> seqs;
  for (const auto& t : q) seqs.push_back(t.seq);
  EXPECT_EQ(seqs, (std::vector<int64_t>{9, 1, 8, 7, 2, 3}));
}

TEST(RouterTest, OnlyOnlineAgentsAreConsidered) {
  // The others would win on skill and load if they were online.
  std::vector<RoutingAgent> agents;
  for (auto p : {Presence::kBusy, Presence::kAway, Presence::kOffline}) {
    RoutingAgent a = Agent(std::string(ToString(p)), {"category:logistics_lost"});
    a.presence = p;
    agents.push_back(a);
  }
  agents.push_back(Agent("online", {}, 10));
  Router r(agents);
  EXPECT_EQ(Chosen(r, Incoming("logistics_lost")), "online");

  agents.pop_back();
  EXPECT_EQ(Router(agents).Choose(Incoming("logistics_lost")), std::nullopt);
  EXPECT_EQ(Router(std::vector<RoutingAgent>{}).Choose(Incoming()), std::nullopt);
}

TEST(RouterTest, FullAgentsAreSkipped) {
  RoutingAgent full = Agent("full", {"category:logistics_lost"}, 5);
  full.profile.max_open = 5;
  RoutingAgent almost = Agent("almost", {}, 4);
  almost.profile.max_open = 5;
  Router r({full, almost});
  EXPECT_EQ(Chosen(r, Incoming("logistics_lost")), "almost");

  RoutingAgent over = full;
  over.open = 7;  // over capacity after a manual assignment
  EXPECT_EQ(Router({over}).Choose(Incoming()), std::nullopt);
  RoutingAgent none = Agent("none");
  none.profile.max_open = 0;
  EXPECT_EQ(Router({none}).Choose(Incoming()), std::nullopt);
}

TEST(RouterTest, ChatCapacityLimitsChatsOnly) {
  RoutingAgent chatty = Agent("chatty", {"category:logistics_lost"}, 3);
  chatty.chats = 3;  // at max_chats
  RoutingAgent spare = Agent("spare", {}, 4);
  spare.chats = 2;
  Router r({chatty, spare});
  EXPECT_EQ(Chosen(r, Incoming("logistics_lost", Channel::kChat)), "spare");
  EXPECT_EQ(Chosen(r, Incoming("logistics_lost", Channel::kWeb)), "chatty");
  EXPECT_EQ(Chosen(r, Incoming("logistics_lost", Channel::kEmail)), "chatty");

  spare.chats = 3;
  EXPECT_EQ(Router({chatty, spare}).Choose(Incoming("", Channel::kChat)), std::nullopt);
  RoutingAgent no_chats = Agent("no_chats");
  no_chats.profile.max_chats = 0;
  EXPECT_EQ(Router({no_chats}).Choose(Incoming("", Channel::kChat)), std::nullopt);
  EXPECT_EQ(Chosen(Router({no_chats}), Incoming("", Channel::kPhone)), "no_chats");
}

TEST(RouterTest, TheTicketsTeamRestrictsThePool) {
  RoutingAgent after = Agent("after", {"category:logistics_lost"});
  RoutingAgent pre = Agent("pre", {}, 10);
  pre.profile.teams = {"presale"};
  RoutingAgent both = Agent("both", {}, 15);
  both.profile.teams = {"presale", "vip"};
  RoutingAgent loner = Agent("loner", {"category:logistics_lost", "language:zh"});
  loner.profile.teams = {};
  Router r({after, pre, both, loner});

  RoutingTicket t = Incoming("logistics_lost");
  t.team = "presale";
  EXPECT_EQ(Chosen(r, t), "pre");
  t.team = "vip";
  EXPECT_EQ(Chosen(r, t), "both");
  t.team = "aftersales";
  EXPECT_EQ(Chosen(r, t), "after");
  t.team = "billing";  // nobody is in it
  EXPECT_EQ(r.Choose(t), std::nullopt);
  t.team = "";  // unrouted: everyone, even agents of no team
  EXPECT_EQ(Chosen(r, t), "loner");
}

TEST(RouterTest, SkillMatchBeatsLoad) {
  Router r({Agent("idle", {}, 0), Agent("expert", {"category:logistics_lost"}, 15)});
  EXPECT_EQ(Chosen(r, Incoming("logistics_lost")), "expert");
  EXPECT_EQ(Chosen(r, Incoming("invoice")), "idle");  // the skill is not asked for

  // More matched skills beat fewer, whatever the load.
  Router r2({Agent("one", {"category:logistics_lost"}, 0),
             Agent("two", {"category:logistics_lost", "channel:email"}, 18),
             Agent("other", {"category:invoice", "channel:phone", "language:en"}, 0)});
  EXPECT_EQ(Chosen(r2, Incoming("logistics_lost", Channel::kEmail)), "two");
  EXPECT_EQ(Chosen(r2, Incoming("logistics_lost", Channel::kWeb)), "one");
}

TEST(RouterTest, VipSkillIsPreferredForVipTickets) {
  Router r({Agent("plain", {}, 0), Agent("vip_agent", {"vip"}, 12)});
  RoutingTicket t = Incoming("quality_issue");
  EXPECT_EQ(Chosen(r, t), "plain");
  t.vip = true;
  EXPECT_EQ(Chosen(r, t), "vip_agent");
}

TEST(RouterTest, LanguageSkillRoutesEnglishTickets) {
  Router r({Agent("zh", {"language:zh"}, 0), Agent("en", {"language:en"}, 10)});
  RoutingTicket t = Incoming("invoice");
  EXPECT_EQ(Chosen(r, t), "zh");
  t.language = "en";
  EXPECT_EQ(Chosen(r, t), "en");
}

TEST(RouterTest, LeastLoadedByShareOfCapacity) {
  // 2 of 4 (50 %) against 9 of 20 (45 %): the share decides, not the count.
  RoutingAgent small = Agent("small", {}, 2);
  small.profile.max_open = 4;
  RoutingAgent big = Agent("big", {}, 9);
  Router r({small, big});
  EXPECT_EQ(Chosen(r, Incoming()), "big");

  // 0 of 2 (0 %) against 1 of 20 (5 %): the share decides, not the room left.
  small.open = 0;
  small.profile.max_open = 2;
  big.open = 1;
  EXPECT_EQ(Chosen(Router({big, small}), Incoming()), "small");
}

TEST(RouterTest, RoundRobinAmongEqualsGoesToTheLongestWaiting) {
  RoutingAgent a = Agent("a"), b = Agent("b"), c = Agent("c");
  a.last_assigned_ms = 3'000;
  b.last_assigned_ms = 1'000;
  c.last_assigned_ms = 2'000;
  EXPECT_EQ(Chosen(Router({a, b, c}), Incoming()), "b");
  // Equal share of capacity (5/10 and 10/20) counts as equal load.
  a.open = 5;
  a.profile.max_open = 10;
  b.open = 10;
  c.open = 10;
  c.last_assigned_ms = 500;
  EXPECT_EQ(Chosen(Router({a, b, c}), Incoming()), "c");
  // With nothing to tell them apart, the first one.
  EXPECT_EQ(Chosen(Router({Agent("x"), Agent("y")}), Incoming()), "x");
}

TEST(RouterTest, RecordCountsTheAssignment) {
  Router r({Agent("a", {}, 2), Agent("b")});
  r.Record(0, Channel::kChat, 5'000);
  EXPECT_EQ(r.agent(0).open, 3);
  EXPECT_EQ(r.agent(0).chats, 1);
  EXPECT_EQ(r.agent(0).last_assigned_ms, 5'000);
  r.Record(0, Channel::kEmail, 6'000);
  EXPECT_EQ(r.agent(0).open, 4);
  EXPECT_EQ(r.agent(0).chats, 1);
  EXPECT_EQ(r.agent(0).last_assigned_ms, 6'000);
  EXPECT_EQ(r.agent(1).open, 0);
  EXPECT_EQ(r.size(), 2u);
}

TEST(RouterTest, ABatchSpreadsOverEqualAgents) {
  Router r({Agent("a"), Agent("b"), Agent("c"), Agent("d")});
  std::vector<std::string> got;
  for (int i = 0; i < 8; ++i) {
    auto pick = r.Choose(Incoming("logistics_delay"));
    ASSERT_TRUE(pick.has_value());
    got.push_back(r.agent(*pick).profile.login);
    r.Record(*pick, Channel::kWeb, 1'000 + i);
  }
  EXPECT_EQ(got, (std::vector<std::string>{"a", "b", "c", "d", "a", "b", "c", "d"}));
  for (size_t i = 0; i < r.size(); ++i) EXPECT_EQ(r.agent(i).open, 2);
}

TEST(RouterTest, RecordMovesTheRoundRobinTurn) {
  // "a" waited longest but had nothing; once it gets a ticket, both carry
  // one and it is "b"'s turn: the recorded time counts, not the old one.
  RoutingAgent a = Agent("a", {}, 0), b = Agent("b", {}, 1);
  a.last_assigned_ms = 50;
  b.last_assigned_ms = 100;
  Router r({a, b});
  ASSERT_EQ(Chosen(r, Incoming()), "a");
  r.Record(0, Channel::kWeb, 1'000);
  EXPECT_EQ(Chosen(r, Incoming()), "b");
  r.Record(1, Channel::kWeb, 1'001);
  EXPECT_EQ(Chosen(r, Incoming()), "a");
}

TEST(RouterTest, RecordedChatsFillChatCapacity) {
  RoutingAgent a = Agent("a");
  a.profile.max_chats = 2;
  Router r({a});
  for (int i = 0; i < 2; ++i) {
    ASSERT_EQ(r.Choose(Incoming("", Channel::kChat)), 0u);
    r.Record(0, Channel::kChat, 1'000 + i);
  }
  EXPECT_EQ(r.Choose(Incoming("", Channel::kChat)), std::nullopt);
  EXPECT_EQ(r.Choose(Incoming("", Channel::kWeb)), 0u);
}

TEST(RouterTest, SupervisorsOnly) {
  RoutingAgent lead = Agent("lead", {}, 15);
  lead.supervisor = true;
  Router r({Agent("agent", {"category:logistics_lost"}), lead});
  EXPECT_EQ(Chosen(r, Incoming("logistics_lost")), "agent");
  EXPECT_EQ(Chosen(r, Incoming("logistics_lost"), true), "lead");

  lead.presence = Presence::kAway;
  EXPECT_EQ(Router({Agent("agent"), lead}).Choose(Incoming(), true), std::nullopt);
}

}  // namespace
}  // namespace kefu
