// After the FAQ bot answers, the chat waits for the customer to say whether
// it helped: "solved" resolves it, "not solved" hands it to a person, and
// silence for the policy's bot_confirm_hours resolves it as
// bot_auto_resolved, which the dashboard counts apart.
#include <gtest/gtest.h>

#include <algorithm>

#include "api/after_sales_world.h"

namespace kefu::testing {
namespace {

class BotConfirmationTest : public AfterSalesApiTest {
 protected:
  void SetUp() override {
    Ok(srv_.Post("/api/v1/articles", lead_,
                 Json{{"title", "七天无理由退货怎么申请"},
                      {"body", "签收后七天内，在订单页申请退货退款。"},
                      {"category", "return_refund_request"},
                      {"published", true}}),
       201);
  }

  // A chat the bot answered for `token`; returns its ticket.
  std::string Answered(const std::string& token) {
    Json r = Ok(srv_.Post("/api/v1/bot/ask", token, Json{{"text", "怎么申请七天无理由退货"}}), 200);
    EXPECT_EQ(r["action"], "answer") << r.dump();
    EXPECT_EQ(r["confirm_question"], "这个回答解决您的问题了吗？");
    return r.value("ticket_id", "");
  }

  HttpResult Feedback(const std::string& ticket, const std::string& token, Json body) {
    return srv_.Post("/api/v1/tickets/" + ticket + "/bot-feedback", token, body);
  }

  static bool Tagged(const Json& t, const std::string& tag) {
    return std::find(t["tags"].begin(), t["tags"].end(), tag) != t["tags"].end();
  }

  // The reasons of the ticket's status changes, in order.
  std::vector<std::string> Moves(const std::string& ticket) {
    std::vector<std::string> out;
    for (const Json& e : Events(ticket, boss_, "status_changed")) {
      out.push_back(e["data"]["to"].get<std::string>() + ":" + e["data"].value("reason", ""));
    }
    return out;
  }

  Json Bot() { return Ok(srv_.Get("/api/v1/reports/dashboard", boss_), 200)["bot"]; }
};

using V = std::vector<std::string>;

TEST_F(BotConfirmationTest, SolvedResolvesTheChat) {
  std::string t = Answered(cus_);
  Json waiting = Ticket(t);
  EXPECT_EQ(waiting["status"], "pending_customer");
  EXPECT_TRUE(Tagged(waiting, "bot_answered"));
  HttpResult r = Feedback(t, cus_, {{"solved", true}});
  ASSERT_EQ(r.status, 200) << Describe(r);
  EXPECT_EQ(r.body["status"], "resolved");
  Json done = Ticket(t);
  EXPECT_TRUE(Tagged(done, "bot_solved"));
  EXPECT_FALSE(Tagged(done, "bot_answered"));
  EXPECT_EQ(Moves(t), (V{"open:bot", "pending_customer:bot_answered", "resolved:bot_solved"}));
  // Said once: the question is no longer open.
  EXPECT_TRUE(IsError(Feedback(t, cus_, {{"solved", true}}), 409, "not_awaiting_confirmation"));
  EXPECT_EQ(Bot()["bot_solved"], 1);
}

TEST_F(BotConfirmationTest, NotSolvedHandsTheChatToAPerson) {
  std::string t = Answered(cus_);
  HttpResult r = Feedback(t, cus_, {{"solved", false}});
  ASSERT_EQ(r.status, 200) << Describe(r);
  Json open = Ticket(t);
  EXPECT_EQ(open["status"], "open");
  EXPECT_TRUE(Tagged(open, "bot_handoff"));
  EXPECT_FALSE(Tagged(open, "bot_answered"));
  auto said = Events(t, cus_, "bot_reply");
  ASSERT_EQ(said.size(), 3u);
  EXPECT_EQ(said[2]["data"]["reason"], "handoff");
  EXPECT_EQ(Moves(t).back(), "open:bot_not_solved");
  // It waits in the queue like any handoff, and the job leaves it alone.
  Advance(48 * kHour);
  RunJobs();
  EXPECT_EQ(Ticket(t)["status"], "open");
  EXPECT_EQ(Bot()["bot_handoff"], 1);
}

TEST_F(BotConfirmationTest, SilenceResolvesTheChatAfterTheConfiguredTime) {
  std::string t = Answered(cus_);
  Advance(23 * kHour);
  RunJobs();
  EXPECT_EQ(Ticket(t)["status"], "pending_customer") << "not yet 24 hours";
  Advance(kHour);
  RunJobs();
  Json done = Ticket(t);
  EXPECT_EQ(done["status"], "resolved");
  EXPECT_TRUE(Tagged(done, "bot_auto_resolved"));
  EXPECT_FALSE(Tagged(done, "bot_answered"));
  EXPECT_EQ(Moves(t).back(), "resolved:bot_auto_resolved");
  Json bot = Bot();
  EXPECT_EQ(bot["bot_auto_resolved"], 1);
  EXPECT_EQ(bot["bot_solved"], 0) << "reports tell the silent ones apart";
  EXPECT_TRUE(IsError(Feedback(t, cus_, {{"solved", false}}), 409, "not_awaiting_confirmation"));

  // The wait is the SLA policy's bot_confirm_hours.
  Json policy = Ok(srv_.Get("/api/v1/sla-policy", boss_), 200);
  EXPECT_EQ(policy["bot_confirm_hours"], 24);
  policy["bot_confirm_hours"] = 2;
  Ok(srv_.Put("/api/v1/sla-policy", boss_, policy), 200);
  std::string quick = Answered(cus_);
  Advance(2 * kHour);
  RunJobs();
  EXPECT_EQ(Ticket(quick)["status"], "resolved");
  policy["bot_confirm_hours"] = 0;
  EXPECT_EQ(srv_.Put("/api/v1/sla-policy", boss_, policy).status, 422);
}

TEST_F(BotConfirmationTest, AFollowUpMeansTheQuestionWasNotAnswered) {
  std::string t = Answered(cus_);
  // The customer writes instead of pressing a button: a person takes it.
  Ok(srv_.Post("/api/v1/tickets/" + t + "/messages", cus_, Json{{"body", "还是不明白"}}), 201);
  EXPECT_EQ(Ticket(t)["status"], "open");
  EXPECT_TRUE(IsError(Feedback(t, cus_, {{"solved", true}}), 409, "not_awaiting_confirmation"));
  // An agent later waits on the customer for other reasons: the bot's
  // deadline does not apply, and the stale tag goes.
  Take(t, ann_);
  MoveTicket(t, "pending_customer", ann_);
  Advance(48 * kHour);
  RunJobs();
  Json still = Ticket(t);
  EXPECT_EQ(still["status"], "pending_customer");
  EXPECT_FALSE(Tagged(still, "bot_answered"));
}

TEST_F(BotConfirmationTest, OnlyTheCustomerAnswersAndBadAnswersChangeNothing) {
  std::string t = Answered(cus_);
  Json before = Ticket(t);
  EXPECT_TRUE(IsError(Feedback(t, ann_, {{"solved", true}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(Feedback(t, boss_, {{"solved", true}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(Feedback(t, cus2_, {{"solved", true}}), 404, "not_found"));
  EXPECT_TRUE(IsError(Feedback(t, "", {{"solved", true}}), 401, "unauthenticated"));
  EXPECT_TRUE(IsError(Feedback(t, cus_, Json::object()), 422, "validation_failed"));
  EXPECT_TRUE(IsError(Feedback(t, cus_, {{"solved", "yes"}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(Feedback(t, cus_, {{"solved", true}, {"stars", 5}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(Feedback("T-999999", cus_, {{"solved", true}}), 404, "not_found"));
  EXPECT_EQ(Ticket(t), before);
  // A ticket the bot never answered is not waiting for this.
  std::string plain = NewTicket(cus_, {{"subject", "发票抬头"}});
  EXPECT_TRUE(IsError(Feedback(plain, cus_, {{"solved", true}}), 409, "not_awaiting_confirmation"));
}

}  // namespace
}  // namespace kefu::testing
