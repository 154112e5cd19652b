// SLA, escalation, routing and the reply library through the real API and
// the real scheduler, with time moved by a FakeClock (no test sleeps).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/escalation.h"
#include "testing/test_server.h"

namespace kefu::testing {
namespace {

constexpr int64_t kMinute = 60'000;

// 2026-11-23 10:00 in Beijing (a Monday).
Timestamp Start() { return *ParseIso8601("2026-11-23T02:00:00Z"); }

class SlaApiTest : public ::testing::Test {
 protected:
  SlaApiTest() : clock_(Start()), srv_(&clock_) {
    srv_.AddUser("boss", Role::kManager);
    srv_.AddUser("lead1", Role::kLead);
    srv_.AddUser("ann", Role::kAgent);
    srv_.AddUser("bob", Role::kAgent);
    srv_.AddUser("cus", Role::kCustomer);
    manager_ = srv_.Login("boss");
    lead_ = srv_.Login("lead1");
    ann_ = srv_.Login("ann");
    bob_ = srv_.Login("bob");
    cus_ = srv_.Login("cus");
  }

  // One 24x7 team led by lead1, a default policy, ann and bob in the team.
  void Configure(int first_response = 60, int resolution = 600) {
    Put("/api/v1/teams/desk", {{"display_name", "前台"}, {"lead", "lead1"}});
    Put("/api/v1/sla-policy",
        {{"rules", Json::array({{{"name", "default"},
                                 {"first_response_minutes", first_response},
                                 {"next_response_minutes", 30},
                                 {"resolution_minutes", resolution}}})},
         {"escalations",
          Json::array({{{"name", "warn-lead"}, {"on", "warning"}, {"notify_lead", true}},
                       {{"name", "breach-up"},
                        {"on", "breach"},
                        {"metric", "first_response"},
                        {"raise_priority", true},
                        {"add_tag", "sla_breached"}}})}});
    for (const char* a : {"ann", "bob"}) {
      Put(std::string("/api/v1/agent-profiles/") + a,
          {{"teams", {"desk"}}, {"skills", Json::array()}, {"max_open", 2}});
    }
  }

  HttpResult Put(const std::string& path, const Json& body) {
    HttpResult r = srv_.Put(path, manager_, body);
    EXPECT_EQ(r.status, 200) << path << " " << r.text;
    return r;
  }

  std::string NewTicket(const std::string& token, Json extra = Json::object()) {
    Json body = {{"subject", "包裹没收到"}, {"body", "三天了还没到"}};
    body.update(extra);
    HttpResult r = srv_.Post("/api/v1/tickets", token, body);
    EXPECT_EQ(r.status, 201) << r.text;
    return r.body.value("id", "");
  }

  Json Ticket(const std::string& id) { return srv_.Get("/api/v1/tickets/" + id, manager_).body; }

  std::vector<std::string> EventTypes(const std::string& id) {
    std::vector<std::string> out;
    Json items = srv_.Get("/api/v1/tickets/" + id + "/events?limit=200", manager_).body["items"];
    for (const auto& e : items) out.push_back(e["type"]);
    return out;
  }

  long Count(const std::vector<std::string>& v, const std::string& s) {
    return std::count(v.begin(), v.end(), s);
  }

  void Online(const std::string& login, const std::string& token) {
    HttpResult r = srv_.Put("/api/v1/agents/" + login + "/presence", token, {{"presence", "online"}});
    ASSERT_EQ(r.status, 200) << r.text;
  }

  void RunJobs() { ASSERT_TRUE(srv_.scheduler().RunOnce().ok()); }

  FakeClock clock_;
  TestServer srv_;
  std::string manager_, lead_, ann_, bob_, cus_;
};

TEST_F(SlaApiTest, TicketShowsItsClocksAndTheyPauseWhileWaitingOnTheCustomer) {
  Configure(60, 600);
  std::string id = NewTicket(cus_);
  Json sla = srv_.Get("/api/v1/tickets/" + id + "/sla", manager_).body;
  EXPECT_EQ(sla["rule"], "default");
  ASSERT_EQ(sla["clocks"].size(), 2u);
  EXPECT_EQ(sla["clocks"][0]["metric"], "first_response");
  EXPECT_EQ(sla["clocks"][0]["state"], "ok");
  EXPECT_EQ(sla["clocks"][0]["due_at"], "2026-11-23T03:00:00.000Z");
  EXPECT_EQ(sla["clocks"][0]["warning_at"], "2026-11-23T02:48:00.000Z");

  clock_.Advance(50 * kMinute);
  sla = srv_.Get("/api/v1/tickets/" + id + "/sla", manager_).body;
  EXPECT_EQ(sla["clocks"][0]["state"], "warning");
  // The agent answers and waits on the customer: resolution pauses.
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + id + "/messages", ann_, Json{{"body", "请提供单号"}}).status, 201);
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + id + "/transitions", ann_,
                      Json{{"to", "pending_customer"}}).status, 200);
  sla = srv_.Get("/api/v1/tickets/" + id + "/sla", manager_).body;
  EXPECT_EQ(sla["clocks"][0]["state"], "met");
  EXPECT_EQ(sla["clocks"][1]["metric"], "resolution");
  EXPECT_TRUE(sla["clocks"][1]["paused"].get<bool>());
  EXPECT_TRUE(sla["clocks"][1]["due_at"].is_null());
  clock_.Advance(300 * kMinute);  // five hours waiting do not count
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + id + "/messages", cus_, Json{{"body", "单号 SF123"}}).status, 201);
  sla = srv_.Get("/api/v1/tickets/" + id + "/sla", manager_).body;
  ASSERT_EQ(sla["clocks"].size(), 3u);  // the customer's reply starts a next-response clock
  EXPECT_EQ(sla["clocks"][1]["metric"], "next_response");
  EXPECT_EQ(sla["clocks"][1]["state"], "ok");
  EXPECT_EQ(sla["clocks"][2]["metric"], "resolution");
  EXPECT_FALSE(sla["clocks"][2]["paused"].get<bool>());
  EXPECT_EQ(sla["clocks"][2]["elapsed_minutes"], 50);
  // Customers do not see SLA clocks.
  EXPECT_EQ(srv_.Get("/api/v1/tickets/" + id + "/sla", cus_).status, 403);
}

TEST_F(SlaApiTest, WarningAndBreachFireOnceAndEscalate) {
  Configure(60, 600);
  std::string id = NewTicket(cus_);
  clock_.Advance(49 * kMinute);
  RunJobs();
  auto types = EventTypes(id);
  EXPECT_EQ(Count(types, "sla_warning"), 1);
  EXPECT_EQ(Count(types, "escalated"), 1);  // warn-lead notifies the lead
  RunJobs();
  RunJobs();
  EXPECT_EQ(Count(EventTypes(id), "sla_warning"), 1) << "a warning fires once";

  clock_.Advance(20 * kMinute);
  RunJobs();
  types = EventTypes(id);
  EXPECT_EQ(Count(types, "sla_breached"), 1);
  Json t = Ticket(id);
  EXPECT_EQ(t["priority"], "P2");  // raised from P3
  EXPECT_NE(std::find(t["tags"].begin(), t["tags"].end(), "sla_breached"), t["tags"].end());
  RunJobs();
  EXPECT_EQ(Count(EventTypes(id), "sla_breached"), 1) << "a breach fires once";
  EXPECT_EQ(Ticket(id)["priority"], "P2");

  // Breached tickets are listed; breaching-soon ones are not breached yet.
  Json breached = srv_.Get("/api/v1/tickets?sla=breached", manager_).body["items"];
  ASSERT_EQ(breached.size(), 1u);
  EXPECT_EQ(breached[0]["id"], id);
  std::string fresh = NewTicket(cus_);
  clock_.Advance(10 * kMinute);
  Json soon = srv_.Get("/api/v1/tickets?sla=breaching_soon", manager_).body["items"];
  ASSERT_EQ(soon.size(), 1u);
  EXPECT_EQ(soon[0]["id"], fresh);
  EXPECT_EQ(srv_.Get("/api/v1/tickets?sla=later", manager_).status, 422);
  std::string metrics = srv_.Get("/metrics", manager_).text;
  EXPECT_NE(metrics.find("kefu_sla_firings_total{kind=\"warning\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("kefu_sla_firings_total{kind=\"breach\"} 1\n"), std::string::npos);
  EXPECT_NE(metrics.find("kefu_scheduler_passes_total 5\n"), std::string::npos);
}

// The default immediate escalation: a legal threat goes to the lead, a P1
// only tells the lead, a bad-review threat raises the priority.
TEST_F(SlaApiTest, UrgentTicketsEscalateAsThePolicySays) {
  Configure();
  Online("lead1", lead_);
  std::string p1 = NewTicket(manager_, {{"customer", srv_.CustomerOf("cus")}, {"priority", "P1"}});
  std::string threat = NewTicket(manager_, {{"customer", srv_.CustomerOf("cus")}, {"threat", true}});
  std::string review =
      NewTicket(manager_, {{"customer", srv_.CustomerOf("cus")}, {"threat_level", "review"}});
  std::string normal = NewTicket(cus_);
  EXPECT_EQ(Ticket(threat)["threat_level"], "legal");
  EXPECT_EQ(Ticket(review)["threat_level"], "review");
  EXPECT_EQ(Ticket(review)["threat"], true);
  RunJobs();
  EXPECT_EQ(Ticket(threat)["assignee"], "lead1");
  EXPECT_NE(Ticket(p1)["assignee"], "lead1") << "a P1 notifies the lead; the assignee stays";
  EXPECT_EQ(Count(EventTypes(p1), "escalated"), 1);
  EXPECT_EQ(Ticket(review)["priority"], "P2");
  EXPECT_NE(Ticket(review)["assignee"], "lead1");
  EXPECT_EQ(Count(EventTypes(review), "escalated"), 0);
  EXPECT_NE(Ticket(normal)["assignee"], "lead1");
  EXPECT_EQ(Count(EventTypes(threat), "escalated"), 1);
  // The lead hears of both escalations.
  Json bell = srv_.Get("/api/v1/notifications?unread=true", lead_).body;
  std::set<std::string> about;
  for (const auto& n : bell["items"]) {
    if (n["kind"] == "escalated") about.insert(n["ticket"].get<std::string>());
  }
  EXPECT_EQ(about, (std::set<std::string>{p1, threat})) << bell.dump();
  RunJobs();
  EXPECT_EQ(Count(EventTypes(threat), "escalated"), 1);
  EXPECT_EQ(Ticket(review)["priority"], "P2") << "each cause fires once";
  // Customers cannot flag their own ticket as a threat.
  HttpResult r = srv_.Post("/api/v1/tickets", cus_, Json{{"subject", "x"}, {"threat", true}});
  EXPECT_EQ(r.status, 403);
  r = srv_.Post("/api/v1/tickets", cus_, Json{{"subject", "x"}, {"threat_level", "review"}});
  EXPECT_EQ(r.status, 403);
  r = srv_.Post("/api/v1/tickets", manager_,
                Json{{"subject", "x"}, {"customer", srv_.CustomerOf("cus")}, {"threat", false},
                     {"threat_level", "legal"}});
  EXPECT_EQ(r.status, 422) << r.text;
}

// Clocks from the first day: a Kefu never configured gets the default
// calendar (the mainland work week) and SLA policy; a configured one is left
// alone.
TEST_F(SlaApiTest, ANewInstallHasBusinessHourClocks) {
  auto seeded = srv_.config().SeedDefaults(SystemActor());
  ASSERT_TRUE(seeded.ok()) << seeded.status().ToString();
  EXPECT_TRUE(*seeded);
  Json policy = srv_.Get("/api/v1/sla-policy", manager_).body;
  ASSERT_EQ(policy["rules"].size(), 3u) << policy.dump();
  EXPECT_EQ(policy["rules"][2]["first_response_minutes"], 120);
  EXPECT_EQ(srv_.Get("/api/v1/calendars/default", manager_).status, 200);

  // Monday 10:00 in Beijing: two business hours is noon. Friday 17:00: the
  // weekend does not count, so Monday 10:00 (09:00-12:00, 13:00-18:00).
  std::string monday = NewTicket(cus_);
  Json sla = srv_.Get("/api/v1/tickets/" + monday + "/sla", manager_).body;
  EXPECT_EQ(sla["rule"], "默认");
  EXPECT_EQ(sla["calendar"], "default");
  ASSERT_FALSE(sla["clocks"].empty()) << sla.dump();
  EXPECT_EQ(sla["clocks"][0]["due_at"], "2026-11-23T04:00:00.000Z");
  clock_.Advance(4 * 24 * 60 * kMinute + 7 * 60 * kMinute);  // Friday 17:00
  cus_ = srv_.Login("cus");  // the week outlived the tokens
  manager_ = srv_.Login("boss");
  std::string friday = NewTicket(cus_);
  sla = srv_.Get("/api/v1/tickets/" + friday + "/sla", manager_).body;
  EXPECT_EQ(sla["clocks"][0]["due_at"], "2026-11-30T02:00:00.000Z") << sla.dump();

  // Once configured, never again: a manager's policy stays.
  Configure();
  seeded = srv_.config().SeedDefaults(SystemActor());
  ASSERT_TRUE(seeded.ok());
  EXPECT_FALSE(*seeded);
  EXPECT_EQ(srv_.Get("/api/v1/sla-policy", manager_).body["rules"].size(), 1u);
}

TEST_F(SlaApiTest, RoutingAssignsOnlineAgentsWithinCapacityAndQueuesTheRest) {
  Configure();
  Online("ann", ann_);
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(NewTicket(cus_));
  RunJobs();
  // ann is the only one online and holds at most 2.
  EXPECT_EQ(Ticket(ids[0])["assignee"], "ann");
  EXPECT_EQ(Ticket(ids[1])["assignee"], "ann");
  EXPECT_TRUE(Ticket(ids[2])["assignee"].is_null());
  EXPECT_EQ(Ticket(ids[2])["team"], "desk");
  Json queue = srv_.Get("/api/v1/teams/desk/queue", lead_).body;
  ASSERT_EQ(queue["waiting"].size(), 1u);
  EXPECT_EQ(queue["waiting"][0]["id"], ids[2]);
  // ann resolves one: the waiting ticket goes to her on the next pass.
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + ids[0] + "/messages", ann_, Json{{"body", "已处理"}}).status, 201);
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + ids[0] + "/transitions", ann_, Json{{"to", "resolved"}}).status, 200);
  RunJobs();
  EXPECT_EQ(Ticket(ids[2])["assignee"], "ann");
  Json agents = srv_.Get("/api/v1/agents", lead_).body["items"];
  ASSERT_EQ(agents.size(), 2u);
  EXPECT_EQ(agents[0]["login"], "ann");
  EXPECT_EQ(agents[0]["open"], 2);
  EXPECT_EQ(agents[0]["presence"], "online");
  // With every agent full, a new ticket still joins its team's queue.
  std::string late = NewTicket(cus_);
  RunJobs();
  EXPECT_EQ(Ticket(late)["team"], "desk");
  EXPECT_TRUE(Ticket(late)["assignee"].is_null());
  // An agent may not set another agent's presence.
  EXPECT_EQ(srv_.Put("/api/v1/agents/ann/presence", bob_, {{"presence", "away"}}).status, 403);
}

TEST_F(SlaApiTest, ConfigurationIsValidatedAndGuarded) {
  Configure();
  // Agents read, but do not write, teams and the policy.
  EXPECT_EQ(srv_.Get("/api/v1/teams", ann_).status, 200);
  EXPECT_EQ(srv_.Put("/api/v1/teams/desk", ann_, {{"display_name", "x"}}).status, 403);
  EXPECT_EQ(srv_.Put("/api/v1/teams/desk", lead_, {{"display_name", "x"}}).status, 403);
  EXPECT_EQ(srv_.Get("/api/v1/teams", cus_).status, 403);
  // Unknown fields, unknown calendars and non-lead leads are refused.
  HttpResult r = srv_.Put("/api/v1/teams/desk", manager_, {{"display_name", "x"}, {"colour", "red"}});
  EXPECT_EQ(r.status, 422);
  r = srv_.Put("/api/v1/teams/desk", manager_, {{"calendar", "nope"}});
  EXPECT_EQ(r.status, 422);
  r = srv_.Put("/api/v1/teams/desk", manager_, {{"lead", "ann"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(srv_.Get("/api/v1/teams/desk", manager_).body["display_name"], "前台");
  r = srv_.Put("/api/v1/sla-policy", manager_,
               {{"escalations", Json::array({{{"name", "x"}, {"on", "breach"}, {"queue", "ghost"}}})}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(srv_.Get("/api/v1/sla-policy", ann_).body["rules"][0]["name"], "default");
  // A calendar with the built-in holiday set, and a team using it.
  r = srv_.Put("/api/v1/calendars/office", manager_,
               {{"weekly", {{"mon", {"09:00-18:00"}}, {"tue", {"09:00-18:00"}}}},
                {"holiday_set", "cn-mainland"}});
  EXPECT_EQ(r.status, 200) << r.text;
  Put("/api/v1/teams/desk", {{"display_name", "前台"}, {"lead", "lead1"}, {"calendar", "office"}});
  // A new ticket joins the team at once; its clocks count in the team's calendar.
  std::string id = NewTicket(cus_);
  EXPECT_EQ(Ticket(id)["team"], "desk");
  Json sla = srv_.Get("/api/v1/tickets/" + id + "/sla", manager_).body;
  EXPECT_EQ(sla["calendar"], "office");
  Put("/api/v1/teams/night", {{"display_name", "夜班"}});
  ASSERT_EQ(srv_.Patch("/api/v1/tickets/" + id, manager_, Json{{"team", "night"}}).status, 200);
  sla = srv_.Get("/api/v1/tickets/" + id + "/sla", manager_).body;
  EXPECT_EQ(sla["calendar"], "24x7");
  EXPECT_EQ(srv_.Patch("/api/v1/tickets/" + id, manager_, Json{{"team", "ghost"}}).status, 422);
}

TEST_F(SlaApiTest, MacrosRenderVariablesAndFailLoudly) {
  Configure();
  HttpResult bad = srv_.Post("/api/v1/macros", lead_,
                             Json{{"name", "坏模板"}, {"body", "{{customer.nmae}}您好"}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(bad.ErrorCode(), "unknown_variable");
  EXPECT_EQ(srv_.Post("/api/v1/macros", ann_, Json{{"name", "x"}, {"body", "hi"}}).status, 403);
  HttpResult m = srv_.Post(
      "/api/v1/macros", lead_,
      Json{{"name", "补充照片"},
           {"body", "{{customer.name}}您好，工单{{ticket.id}}请补充照片，{{sla.resolution_due}}前答复"},
           {"actions", {{"status", "pending_customer"}, {"add_tags", {"待补充"}}}}});
  ASSERT_EQ(m.status, 201) << m.text;
  std::string mid = m.body["id"];
  HttpResult o = srv_.Post("/api/v1/macros", lead_,
                           Json{{"name", "订单"}, {"body", "订单{{order.id}}已加急"}});
  ASSERT_EQ(o.status, 201);

  HttpResult en = srv_.Post("/api/v1/macros", lead_,
                            Json{{"name", "VIP"}, {"team", "desk"}, {"locale", "en"}, {"body", "Hi"}});
  ASSERT_EQ(en.status, 201) << en.text;
  EXPECT_EQ(srv_.Get("/api/v1/macros", ann_).body["items"].size(), 3u);
  EXPECT_EQ(srv_.Get("/api/v1/macros?locale=en", ann_).body["items"].size(), 1u);
  EXPECT_EQ(srv_.Get("/api/v1/macros?team=other", ann_).body["items"].size(), 2u);
  EXPECT_EQ(srv_.Get("/api/v1/macros?team=desk", ann_).body["items"].size(), 3u);
  EXPECT_EQ(srv_.Get("/api/v1/macros?colour=red", ann_).status, 422);

  std::string id = NewTicket(cus_);
  HttpResult p = srv_.Get("/api/v1/tickets/" + id + "/macros/" + mid, ann_);
  ASSERT_EQ(p.status, 200) << p.text;
  std::string body = p.body["body"];
  EXPECT_NE(body.find("cus您好，工单" + id), std::string::npos) << body;
  EXPECT_NE(body.find("2026-11-23 20:00前答复"), std::string::npos) << body;  // 10:00 + 600 min, Beijing
  // No order on the ticket: the order macro refuses instead of a half reply.
  HttpResult u = srv_.Post("/api/v1/tickets/" + id + "/macros/" + std::string(o.body["id"]), ann_, Json::object());
  EXPECT_EQ(u.status, 422);
  EXPECT_EQ(u.ErrorCode(), "variable_unavailable");
  EXPECT_EQ(Ticket(id)["version"], 1);

  HttpResult a = srv_.Post("/api/v1/tickets/" + id + "/macros/" + mid, ann_, Json::object());
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["status"], "pending_customer");
  EXPECT_EQ(a.body["version"], 2);
  EXPECT_NE(std::find(a.body["tags"].begin(), a.body["tags"].end(), "待补充"), a.body["tags"].end());
  Json events = srv_.Get("/api/v1/tickets/" + id + "/events", cus_).body["items"];
  EXPECT_EQ(events.back()["type"], "status_changed");
  EXPECT_EQ(events.back()["data"]["to"], "pending_customer");
  int replies = 0;
  for (const auto& e : events) {
    if (e["type"] == "reply") {
      ++replies;
      EXPECT_EQ(e["data"]["body"], body);
    }
  }
  EXPECT_EQ(replies, 1);
}

TEST_F(SlaApiTest, ForbiddenPhrasesHoldOrBlockReplies) {
  Configure();
  ASSERT_EQ(srv_.Post("/api/v1/forbidden-phrases", lead_,
                      Json{{"phrase", "不归我们管"}, {"reason", "推卸责任"}}).status, 201);
  ASSERT_EQ(srv_.Post("/api/v1/forbidden-phrases", lead_,
                      Json{{"phrase", "保证全额赔偿"}, {"blocking", true}}).status, 201);
  EXPECT_EQ(srv_.Post("/api/v1/forbidden-phrases", ann_, Json{{"phrase", "x"}}).status, 403);
  std::string id = NewTicket(cus_);

  HttpResult held = srv_.Post("/api/v1/tickets/" + id + "/messages", ann_,
                              Json{{"body", "这个 不 归 我 们 管 哦"}});
  EXPECT_EQ(held.status, 409);
  EXPECT_EQ(held.ErrorCode(), "reply_held");
  EXPECT_NE(held.body["error"]["message"].get<std::string>().find("推卸责任"), std::string::npos);
  EXPECT_EQ(Ticket(id)["version"], 1) << "a held reply changes nothing";

  HttpResult sent = srv_.Post("/api/v1/tickets/" + id + "/messages", ann_,
                              Json{{"body", "这个 不 归 我 们 管 哦"}, {"confirm", true}});
  EXPECT_EQ(sent.status, 201) << sent.text;
  Json events = srv_.Get("/api/v1/tickets/" + id + "/events", manager_).body["items"];
  bool noted = false;
  for (const auto& e : events) {
    if (e["type"] == "reply") noted = e["data"].value("reason", "").find("不归我们管") != std::string::npos;
  }
  EXPECT_TRUE(noted) << "the confirmation is recorded on the reply";

  HttpResult blocked = srv_.Post("/api/v1/tickets/" + id + "/messages", ann_,
                                 Json{{"body", "我们保证全额赔偿"}, {"confirm", true}});
  EXPECT_EQ(blocked.status, 422);
  EXPECT_EQ(blocked.ErrorCode(), "reply_blocked");
  // Internal notes and customers' messages are not checked.
  EXPECT_EQ(srv_.Post("/api/v1/tickets/" + id + "/messages", ann_,
                      Json{{"body", "客户说不归我们管"}, {"internal", true}}).status, 201);
  EXPECT_EQ(srv_.Post("/api/v1/tickets/" + id + "/messages", cus_,
                      Json{{"body", "你们说不归我们管？"}}).status, 201);
}

}  // namespace
}  // namespace kefu::testing
