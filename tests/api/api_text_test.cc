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

}  // namespace
}  // namespace kefu::testing
