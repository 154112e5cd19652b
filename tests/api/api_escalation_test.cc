// Escalation that fits the team: by hand (an agent to the lead, a lead to
// the managers, always with a reason), and the SLA policy's
// immediate_escalation deciding what each urgent cause does.
#include <gtest/gtest.h>

#include <set>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

class EscalationApiTest : public ::testing::Test {
 protected:
  EscalationApiTest() : clock_(*ParseIso8601("2026-11-23T02:00:00Z")), srv_(&clock_) {
    for (auto [login, role] : {std::pair{"boss", Role::kManager}, {"boss2", Role::kManager},
                               {"lead1", Role::kLead}, {"ann", Role::kAgent},
                               {"cus", Role::kCustomer}, {"other", Role::kCustomer}}) {
      srv_.AddUser(login, role);
      tokens_[login] = srv_.Login(login);
    }
    Put("/api/v1/teams/desk", {{"display_name", "前台"}, {"lead", "lead1"}});
    Put("/api/v1/teams/vip", {{"display_name", "VIP专席"}, {"lead", "lead1"}, {"vip_only", true}});
    Put("/api/v1/agent-profiles/ann", {{"teams", {"desk"}}, {"skills", Json::array()}});
  }

  void Put(const std::string& path, const Json& body) {
    HttpResult r = srv_.Put(path, tokens_["boss"], body);
    ASSERT_EQ(r.status, 200) << path << " " << r.text;
  }

  // A ticket ann opened for cus in team desk (ann is its owner).
  std::string Desk(Json extra = Json::object()) {
    Json body = {{"subject", "包裹破损"}, {"customer", srv_.CustomerOf("cus")}, {"team", "desk"}};
    body.update(extra);
    HttpResult r = srv_.Post("/api/v1/tickets", tokens_["ann"], body);
    EXPECT_EQ(r.status, 201) << r.text;
    return r.body.value("id", "");
  }

  HttpResult Escalate(const std::string& who, const std::string& id, Json body) {
    return srv_.Post("/api/v1/tickets/" + id + "/escalate", tokens_[who], body);
  }

  Json Ticket(const std::string& id) {
    return srv_.Get("/api/v1/tickets/" + id, tokens_["boss"]).body;
  }

  std::vector<Json> Escalations(const std::string& id) {
    std::vector<Json> out;
    HttpResult r = srv_.Get("/api/v1/tickets/" + id + "/events?limit=200", tokens_["boss"]);
    EXPECT_EQ(r.status, 200) << r.text;
    for (const auto& e : r.body["items"]) {
      if (e["type"] == "escalated") out.push_back(e);
    }
    return out;
  }

  // The tickets `who` has an unread "escalated" notification about.
  std::set<std::string> Told(const std::string& who) {
    std::set<std::string> out;
    Json page = srv_.Get("/api/v1/notifications?unread=true", tokens_[who]).body;
    for (const auto& n : page["items"]) {
      if (n["kind"] == "escalated") out.insert(n["ticket"].get<std::string>());
    }
    return out;
  }

  FakeClock clock_;
  TestServer srv_;
  std::map<std::string, std::string> tokens_;
};

TEST_F(EscalationApiTest, AnAgentEscalatesToTheLeadAndTheLeadToTheManagers) {
  std::string id = Desk();
  HttpResult r = Escalate("ann", id, {{"to", "lead"}, {"reason", "客户要求主管回电"}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["assignee"], "lead1");
  EXPECT_EQ(r.body["owner"], "ann") << "首问负责: the owner stays";
  auto up = Escalations(id);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0]["actor"], "ann");
  EXPECT_EQ(up[0]["data"]["from"], "manual");
  EXPECT_EQ(up[0]["data"]["to"], "lead1");
  EXPECT_EQ(up[0]["data"]["reason"], "客户要求主管回电");
  EXPECT_EQ(Told("lead1"), std::set<std::string>{id});

  r = Escalate("lead1", id, {{"to", "manager"}, {"reason", "赔付超出组长权限"}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["assignee"], "lead1");
  up = Escalations(id);
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[1]["data"]["to"], "manager");
  EXPECT_EQ(Told("boss"), std::set<std::string>{id});
  EXPECT_EQ(Told("boss2"), std::set<std::string>{id});
  EXPECT_TRUE(Told("ann").empty());
}

TEST_F(EscalationApiTest, RefusalsChangeNothing) {
  std::string id = Desk();
  std::string cus_own = srv_.Post("/api/v1/tickets", tokens_["cus"], Json{{"subject", "退款"}})
                            .body.value("id", "");
  Json before = Ticket(id);
  Json good = {{"to", "lead"}, {"reason", "需要组长"}};
  EXPECT_TRUE(IsError(Escalate("cus", cus_own, good), 403, "forbidden"));
  EXPECT_TRUE(IsError(Escalate("other", cus_own, good), 404, "not_found"));
  EXPECT_TRUE(IsError(Escalate("ann", "T-999999", good), 404, "not_found"));
  EXPECT_TRUE(IsError(Escalate("ann", id, {{"to", "manager"}, {"reason", "x"}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(Escalate("lead1", id, good), 403, "forbidden"));
  EXPECT_TRUE(IsError(Escalate("boss", id, {{"to", "manager"}, {"reason", "x"}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(Escalate("ann", id, {{"to", "lead"}, {"reason", " \u3000 "}}), 422,
                      "reason_required"));
  EXPECT_TRUE(IsError(Escalate("ann", id, {{"to", "lead"}}), 422, "reason_required"));
  EXPECT_EQ(Escalate("ann", id, {{"reason", "x"}}).status, 422);
  EXPECT_EQ(Escalate("ann", id, {{"to", "ceo"}, {"reason", "x"}}).status, 422);
  EXPECT_EQ(Escalate("ann", id, {{"to", "lead"}, {"reason", "x"}, {"urgent", true}}).status, 422);
  EXPECT_EQ(Escalate("ann", id, {{"to", "lead"}, {"reason", std::string(501, 'x')}}).status, 422);
  Json after = Ticket(id);
  EXPECT_EQ(after["version"], before["version"]);
  EXPECT_EQ(after["assignee"], before["assignee"]);
  EXPECT_TRUE(Escalations(id).empty());
  EXPECT_TRUE(Told("lead1").empty());

  // A ticket without a team has no lead; a resolved one is not escalated.
  std::string teamless = srv_.Post("/api/v1/tickets", tokens_["ann"],
                                   Json{{"subject", "发票"}, {"customer", srv_.CustomerOf("cus")}})
                             .body.value("id", "");
  if (Ticket(teamless)["team"].is_null()) {
    EXPECT_TRUE(IsError(Escalate("ann", teamless, good), 409, "no_lead"));
  }
  for (const char* to : {"open", "resolved"}) {
    ASSERT_EQ(srv_.Post("/api/v1/tickets/" + id + "/transitions", tokens_["ann"],
                        Json{{"to", to}}).status, 200) << to;
  }
  EXPECT_TRUE(IsError(Escalate("ann", id, good), 409, "invalid_state"));
}

TEST_F(EscalationApiTest, ThePolicyDecidesWhatEachCauseDoes) {
  // Left out, the defaults apply and are shown.
  Json policy = srv_.Get("/api/v1/sla-policy", tokens_["boss"]).body;
  ASSERT_TRUE(policy["immediate_escalation"].is_array()) << policy.dump();
  EXPECT_EQ(policy["immediate_escalation"].size(), 6u);

  // Unknown causes and actions are refused naming the field; nothing changes.
  auto put = [&](Json list) {
    return srv_.Put("/api/v1/sla-policy", tokens_["boss"],
                    Json{{"rules", Json::array()}, {"immediate_escalation", std::move(list)}});
  };
  HttpResult r = put(Json::array({{{"cause", "threat"}, {"actions", {"assign_lead"}}}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.text.find("immediate_escalation[0].cause"), std::string::npos) << r.text;
  r = put(Json::array({{{"cause", "priority:P1"}, {"actions", {"notify_lead", "call_ceo"}}}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.text.find("actions[1]"), std::string::npos) << r.text;
  r = put(Json::array({{{"cause", "tier:vip"}, {"actions", {"route_team:"}}}}));
  EXPECT_EQ(r.status, 422);
  r = put(Json::array({{{"cause", "priority:P1"}, {"actions", Json::array()}},
                       {{"cause", "priority:P1"}, {"actions", {"notify_lead"}}}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.text.find("twice"), std::string::npos) << r.text;
  r = put(Json::array({{{"cause", "priority:P1"}, {"actions", {"notify_lead"}}, {"when", 1}}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(srv_.Get("/api/v1/sla-policy", tokens_["boss"]).body, policy);

  // This team wants every P1 with the lead, and review threats left alone.
  r = put(Json::array({{{"cause", "priority:P1"}, {"actions", {"assign_lead"}}},
                       {{"cause", "threat:review"}, {"actions", Json::array()}}}));
  ASSERT_EQ(r.status, 200) << r.text;
  std::string p1 = Desk({{"priority", "P1"}});
  std::string review = Desk({{"threat_level", "review"}});
  std::string legal = Desk({{"threat_level", "legal"}});
  ASSERT_TRUE(srv_.scheduler().RunOnce().ok());
  EXPECT_EQ(Ticket(p1)["assignee"], "lead1");
  EXPECT_EQ(Ticket(review)["priority"], "P3");
  EXPECT_TRUE(Ticket(legal)["assignee"].is_null()) << "causes not listed do nothing";
  EXPECT_TRUE(Escalations(legal).empty());
}

TEST_F(EscalationApiTest, VipCustomersGoToTheVipDeskNotToTheLead) {
  std::string cus = srv_.CustomerOf("cus");
  ASSERT_EQ(srv_.Patch("/api/v1/customers/" + cus, tokens_["lead1"],
                       Json{{"tier", "vip"}, {"reason", "年消费超5万"}}).status, 200);
  std::string id = Desk();
  ASSERT_TRUE(srv_.scheduler().RunOnce().ok());
  Json t = Ticket(id);
  EXPECT_EQ(t["team"], "vip");
  EXPECT_NE(t["assignee"], "lead1");
  EXPECT_TRUE(Escalations(id).empty());
  EXPECT_TRUE(Told("lead1").empty());
}

// Notifications reach the person they name: a breach reaches the assignee.
TEST_F(EscalationApiTest, ABreachReachesTheAssignee) {
  HttpResult r = srv_.Put("/api/v1/sla-policy", tokens_["boss"],
                          Json{{"rules", Json::array({{{"name", "default"},
                                                       {"first_response_minutes", 10}}})}});
  ASSERT_EQ(r.status, 200) << r.text;
  // The customer writes in: the first-response clock runs.
  std::string id = srv_.Post("/api/v1/tickets", tokens_["cus"], Json{{"subject", "还没发货"}})
                       .body.value("id", "");
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + id + "/assign", tokens_["lead1"], Json{{"agent", "ann"}})
                .status, 200);
  ASSERT_TRUE(srv_.scheduler().RunOnce().ok());
  auto breaches = [&] {
    int n = 0;
    Json page = srv_.Get("/api/v1/notifications", tokens_["ann"]).body;
    for (const auto& x : page["items"]) {
      if (x["kind"] == "sla_breached" && x["ticket"] == id) ++n;
    }
    return n;
  };
  EXPECT_EQ(breaches(), 0);
  clock_.Advance(11 * 60'000);
  ASSERT_TRUE(srv_.scheduler().RunOnce().ok());
  EXPECT_EQ(breaches(), 1);
  ASSERT_TRUE(srv_.scheduler().RunOnce().ok());
  EXPECT_EQ(breaches(), 1) << "once per breach";
}

}  // namespace
}  // namespace kefu::testing
