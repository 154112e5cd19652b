// POST /api/v1/text/analyze through the real server: staff only, strict
// input, and the normalised text with its tokens.
#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace kefu::testing {
namespace {

class TextApiTest : public ::testing::Test {
 protected:
  TextApiTest() {
    srv_.AddUser("ann", Role::kAgent);
    srv_.AddUser("cus", Role::kCustomer);
    agent_ = srv_.Login("ann");
    customer_ = srv_.Login("cus");
  }
  TestServer srv_;
  std::string agent_, customer_;
};

TEST_F(TextApiTest, AnalyzesTraditionalTextWithIdentifiers) {
  HttpResult r = srv_.Post("/api/v1/text/analyze", agent_,
                           Json{{"text", "我的包裹怎麼還沒到？訂單Ｏ－０００１２３，退我￥１２．５０"}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["normalized"], "我的包裹怎么还没到?订单o-000123,退我¥12.50");
  std::map<std::string, std::string> kinds;
  for (const auto& t : r.body["tokens"]) {
    kinds[t["text"].get<std::string>()] = t["kind"].get<std::string>();
    std::string norm = r.body["normalized"];
    size_t b = t["begin"], e = t["end"];
    ASSERT_LE(e, norm.size());
    EXPECT_EQ(norm.substr(b, e - b), t["text"].get<std::string>());
  }
  EXPECT_EQ(kinds["o-000123"], "order");
  EXPECT_EQ(kinds["12.50"], "amount");
  EXPECT_EQ(kinds["包裹"], "word");
  EXPECT_EQ(kinds["订单"], "word");
  for (const auto& [text, kind] : kinds) EXPECT_NE(kind, "bigram") << "no bigrams for people";
}

TEST_F(TextApiTest, RefusesCustomersAndBadInput) {
  HttpResult cust = srv_.Post("/api/v1/text/analyze", customer_, Json{{"text", "你好"}});
  EXPECT_EQ(cust.status, 403);
  EXPECT_EQ(cust.ErrorCode(), "forbidden");
  EXPECT_EQ(srv_.Post("/api/v1/text/analyze", "", Json{{"text", "你好"}}).status, 401);
  HttpResult empty = srv_.Post("/api/v1/text/analyze", agent_, Json{{"text", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(empty.ErrorCode(), "validation_failed");
  EXPECT_EQ(srv_.Post("/api/v1/text/analyze", agent_, Json::object()).status, 422);
  HttpResult extra =
      srv_.Post("/api/v1/text/analyze", agent_, Json{{"text", "你好"}, {"lang", "zh"}});
  EXPECT_EQ(extra.status, 422);
  EXPECT_NE(extra.body["error"]["message"].get<std::string>().find("lang"), std::string::npos);
  HttpResult bad = srv_.Post("/api/v1/text/analyze", agent_,
                             std::string("{\"text\":\"\xFF\"}"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.ErrorCode(), "invalid_utf8");
  HttpResult big =
      srv_.Post("/api/v1/text/analyze", agent_, Json{{"text", std::string(20001, 'a')}});
  EXPECT_EQ(big.status, 422);
}

// A customer's threat in traditional characters flags the ticket, which
// the scheduler sends to a lead at once (the SLA's immediate escalation);
// staff writing the same words flag nothing.
TEST_F(TextApiTest, ACustomersThreatFlagsTheTicketAndEscalatesIt) {
  srv_.AddUser("boss", Role::kManager);
  srv_.AddUser("lead1", Role::kLead);
  std::string boss = srv_.Login("boss"), lead = srv_.Login("lead1");
  ASSERT_EQ(srv_.Put("/api/v1/teams/desk", boss, Json{{"lead", "lead1"}}).status, 200);

  HttpResult made = srv_.Post("/api/v1/tickets", customer_,
                              Json{{"subject", "再不處理我就打１２３１５"}, {"body", "還要曝光你們"}});
  ASSERT_EQ(made.status, 201) << made.text;
  std::string id = made.body["id"];
  EXPECT_FALSE(made.body["threat"].get<bool>()) << "customers never see the flag";
  Json t = srv_.Get("/api/v1/tickets/" + id, lead).body;
  EXPECT_TRUE(t["threat"].get<bool>()) << t.dump();
  auto events = [&] { return srv_.Get("/api/v1/tickets/" + id + "/events", lead).body["items"]; };
  bool flagged = false;
  for (const auto& e : events()) {
    if (e["type"] == "threat_changed") {
      flagged = true;
      EXPECT_EQ(e["actor"], "system");
      EXPECT_EQ(e["data"]["reason"], "text: 12315 曝光");
    }
  }
  EXPECT_TRUE(flagged);
  ASSERT_TRUE(srv_.scheduler().RunOnce().ok());
  int escalated = 0;
  for (const auto& e : events()) {
    if (e["type"] == "escalated") {
      ++escalated;
      EXPECT_EQ(e["data"]["to"], "lead1") << e.dump();
      EXPECT_EQ(e["data"]["reason"], "threat:legal") << e.dump();
    }
  }
  EXPECT_EQ(escalated, 1);

  // A calm ticket: staff quoting the words flag nothing; the customer's
  // own message does.
  std::string calm = srv_.Post("/api/v1/tickets", customer_, Json{{"subject", "发票"}}).body["id"];
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + calm + "/messages", agent_,
                      Json{{"body", "不用打12315，我们马上处理"}}).status, 201);
  EXPECT_FALSE(srv_.Get("/api/v1/tickets/" + calm, lead).body["threat"].get<bool>());
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + calm + "/messages", customer_,
                      Json{{"body", "我已经找了律 师"}}).status, 201);
  EXPECT_TRUE(srv_.Get("/api/v1/tickets/" + calm, lead).body["threat"].get<bool>());
}

}  // namespace
}  // namespace kefu::testing
