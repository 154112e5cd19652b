// Refusals are kept and can be overridden: a request the policy refuses is
// stored as refused (rule, article, explanation) and counted; an agent asks
// for an exception with a reason; a lead or above, not the one who asked,
// overrides it with a reason, which opens it as if allowed.
#include "api/after_sales_world.h"

namespace kefu::testing {
namespace {

class OverrideApiTest : public AfterSalesApiTest {
 protected:
  void SetUp() override {
    std::string customer = srv_.CustomerOf("cus");
    // Delivered 16 days ago: the 7-day no-reason window has passed.
    order_ = NewOrder(customer, Json::array({Item("TEE-01", "T恤", 2, 9900, "apparel")}),
                      DeliveredOn("2026-11-07"));
    ticket_ = NewTicket(cus_, {{"subject", "想退货"}, {"order", order_}});
    Take(ticket_, ann_);
  }

  // Opens the late no-reason return as `token`; expects it refused.
  Json Refused(const std::string& token, int64_t quantity = 1) {
    Json r = Ok(srv_.Post("/api/v1/tickets/" + ticket_ + "/after-sales", token,
                          Json{{"line", 1}, {"quantity", quantity}, {"kind", "return_refund"},
                               {"reason", "no_reason"}}),
                201);
    EXPECT_EQ(r["status"], "refused");
    return r;
  }

  HttpResult Ask(const std::string& id, const std::string& token, Json body) {
    return srv_.Post("/api/v1/after-sales/" + id + "/exception", token, body);
  }
  HttpResult Override(const std::string& id, const std::string& token, Json body) {
    return srv_.Post("/api/v1/after-sales/" + id + "/override", token, body);
  }
  Json Request(const std::string& id) { return Ok(srv_.Get("/api/v1/after-sales/" + id, boss_), 200); }

  std::string order_, ticket_;
};

TEST_F(OverrideApiTest, ARefusalIsKeptWithItsRuleArticleAndExplanation) {
  Json r = Refused(cus_);
  EXPECT_EQ(r["decision"]["eligible"], false);
  EXPECT_EQ(r["decision"]["rule"], "no_reason_window_passed");
  EXPECT_FALSE(r["decision"]["article"].get<std::string>().empty());
  EXPECT_FALSE(r["decision"]["explanation_zh"].get<std::string>().empty());
  EXPECT_EQ(r["refund_fen"], 0) << "no money is promised";
  EXPECT_EQ(r["override"], false);
  // It is on the ticket's timeline and counted by the report.
  auto moves = Events(ticket_, boss_, "after_sales");
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0]["data"]["to"], "refused");
  Json report = Ok(srv_.Get("/api/v1/reports/dashboard", boss_), 200);
  EXPECT_EQ(report["after_sales"]["refused"]["count"], 1);
  EXPECT_EQ(report["after_sales"]["refused"]["by_rule"]["no_reason_window_passed"], 1);
  EXPECT_EQ(report["after_sales"]["requests"], 0) << "a refusal is not an opened request";
  // A refusal holds no units: the other unit can still be asked for.
  Refused(ann_);
  Json listed = Ok(srv_.Get("/api/v1/after-sales?status=refused", boss_), 200);
  EXPECT_EQ(listed["items"].size(), 2u);
  // A refused request does not move through the usual machine.
  EXPECT_TRUE(IsError(MoveRequest(r["id"], lead_, {{"to", "approved"}, {"reason", "同意"}}), 409,
                      "invalid_transition"));
}

TEST_F(OverrideApiTest, AnAgentAsksALeadOverridesAndTheRequestRunsAsIfAllowed) {
  std::string id = Refused(cus_)["id"];
  HttpResult asked = Ask(id, ann_, {{"reason", "  老客户，衣服未拆吊牌，建议特批  "}});
  ASSERT_EQ(asked.status, 200) << Describe(asked);
  EXPECT_EQ(asked.body["exception_by"], "ann");
  EXPECT_EQ(asked.body["exception_reason"], "老客户，衣服未拆吊牌，建议特批");
  EXPECT_EQ(asked.body["status"], "refused") << "asking decides nothing";
  EXPECT_EQ(Notifications(lead_, "exception_requested").size(), 0u) << "the ticket has no team";
  EXPECT_EQ(Notifications(boss_, "exception_requested").size(), 1u) << "so the managers hear of it";
  EXPECT_TRUE(IsError(Ask(id, ann_, {{"reason", "再催一下"}}), 409, "exception_pending"));
  // The customer does not see the team's internal plea.
  Json seen = Ok(srv_.Get("/api/v1/after-sales/" + id, cus_), 200);
  EXPECT_TRUE(seen["exception_reason"].is_null());

  HttpResult done = Override(id, lead_, {{"reason", "老客户，吊牌完好，同意退货"}});
  ASSERT_EQ(done.status, 200) << Describe(done);
  Json r = done.body;
  EXPECT_EQ(r["status"], "requested") << "opened as if allowed; the usual approval follows";
  EXPECT_EQ(r["override"], true);
  EXPECT_EQ(r["overridden_by"], "lead1");
  EXPECT_EQ(r["override_reason"], "老客户，吊牌完好，同意退货");
  EXPECT_EQ(r["decision"]["eligible"], true);
  EXPECT_EQ(r["decision"]["rule"], "no_reason_window_passed") << "what was overridden stays on record";
  EXPECT_EQ(r["decision"]["max_refund_fen"], 9900);
  EXPECT_EQ(r["refund_fen"], 9900);
  EXPECT_EQ(r["decision"]["return_required"], true);
  EXPECT_EQ(r["decision"]["return_shipping_paid_by"], "buyer") << "no fault: the buyer sends it back";
  // Audited, on the timeline, and ann is told.
  auto audit = Audit("after_sales.override");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "lead1");
  Json detail = Json::parse(audit[0].detail);
  EXPECT_EQ(detail["reason"], "老客户，吊牌完好，同意退货");
  EXPECT_EQ(detail["rule"], "no_reason_window_passed");
  EXPECT_EQ(Audit("after_sales.exception_requested").size(), 1u);
  auto moves = Events(ticket_, boss_, "after_sales");
  ASSERT_EQ(moves.size(), 3u);
  EXPECT_EQ(moves[2]["data"]["from"], "refused");
  EXPECT_EQ(moves[2]["data"]["to"], "requested");
  EXPECT_EQ(Notifications(ann_, "exception_granted").size(), 1u);
  // From here it is an ordinary request.
  Json approved = Ok(MoveRequest(id, ann_, {{"to", "approved"}, {"reason", "按主管特批处理"}}), 200);
  EXPECT_EQ(approved["status"], "approved");
  Json report = Ok(srv_.Get("/api/v1/reports/dashboard", boss_), 200);
  EXPECT_EQ(report["after_sales"]["overridden"], 1);
  EXPECT_EQ(report["after_sales"]["refused"]["count"], 0);
  EXPECT_EQ(report["after_sales"]["requests"], 1);
}

TEST_F(OverrideApiTest, WhoMayAskAndOverride) {
  std::string id = Refused(cus_)["id"];
  Json reason = {{"reason", "特批"}};
  EXPECT_TRUE(IsError(Ask(id, cus_, reason), 403, "forbidden")) << "customers do not ask exceptions";
  EXPECT_TRUE(IsError(Ask(id, cus2_, reason), 404, "not_found"));
  EXPECT_TRUE(IsError(Override(id, cus_, reason), 403, "forbidden"));
  EXPECT_TRUE(IsError(Override(id, cus2_, reason), 404, "not_found"));
  EXPECT_TRUE(IsError(Override(id, ann_, reason), 403, "forbidden")) << "agents ask; they do not override";
  EXPECT_TRUE(IsError(Override(id, "", reason), 401, "unauthenticated"));
  // Four eyes: whoever asked the exception (or opened the request) does not grant it.
  ASSERT_EQ(Ask(id, lead_, reason).status, 200);
  EXPECT_TRUE(IsError(Override(id, lead_, {{"reason", "我自己批"}}), 403, "self_override"));
  EXPECT_EQ(Request(id)["status"], "refused");
  std::string own = Refused(boss_)["id"];
  EXPECT_TRUE(IsError(Override(own, boss_, reason), 403, "self_override"));
  EXPECT_EQ(Override(id, boss_, {{"reason", "经理同意"}}).status, 200);
  EXPECT_EQ(Override(own, lead_, {{"reason", "组长同意"}}).status, 200);
}

TEST_F(OverrideApiTest, BadRequestsChangeNothing) {
  std::string id = Refused(cus_)["id"];
  Json before = Request(id);
  size_t events = Events(ticket_, boss_).size();
  for (const char* blank : {"", "   ", "\u3000"}) {
    EXPECT_TRUE(IsError(Ask(id, ann_, {{"reason", blank}}), 422, "reason_required")) << blank;
    EXPECT_TRUE(IsError(Override(id, lead_, {{"reason", blank}}), 422, "reason_required")) << blank;
  }
  EXPECT_TRUE(IsError(Ask(id, ann_, Json::object()), 422, "reason_required"));
  EXPECT_TRUE(IsError(Override(id, lead_, {{"reason", "x"}, {"approve", true}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(Override(id, lead_, {{"reason", "x"}, {"refund_fen", 9901}}), 422,
                      "refund_exceeds_paid"));
  EXPECT_TRUE(IsError(Override(id, lead_, {{"reason", "x"}, {"refund_fen", -1}}), 422,
                      "refund_exceeds_paid"));
  EXPECT_TRUE(IsError(Override(id, lead_, {{"reason", "x"}, {"refund_fen", 1.5}}), 422,
                      "validation_failed"));
  EXPECT_TRUE(IsError(Override("A-999999", lead_, {{"reason", "x"}}), 404, "not_found"));
  EXPECT_EQ(Request(id), before);
  EXPECT_EQ(Events(ticket_, boss_).size(), events);
  EXPECT_TRUE(Audit("after_sales.override").empty());
  // A granted request is not overridden again.
  ASSERT_EQ(Override(id, lead_, {{"reason", "同意"}, {"refund_fen", 5000}}).status, 200);
  EXPECT_EQ(Request(id)["refund_fen"], 5000);
  EXPECT_TRUE(IsError(Override(id, boss_, {{"reason", "再批"}}), 409, "invalid_transition"));
  EXPECT_TRUE(IsError(Ask(id, ann_, {{"reason", "再问"}}), 409, "invalid_transition"));
}

TEST_F(OverrideApiTest, AnOverrideNeedsTheUnitsStillFree) {
  std::string both = Refused(cus_, 2)["id"];
  std::string one = Refused(cus_, 1)["id"];
  ASSERT_EQ(Override(both, lead_, {{"reason", "同意两件"}}).status, 200);
  // Both units are now held by the first: the second cannot have one.
  EXPECT_TRUE(IsError(Override(one, lead_, {{"reason", "同意"}}), 409, "already_requested"));
  EXPECT_EQ(Request(one)["status"], "refused");
}

}  // namespace
}  // namespace kefu::testing
