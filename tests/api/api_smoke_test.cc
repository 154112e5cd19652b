#include <gtest/gtest.h>

#include "testing/test_server.h"

namespace kefu::testing {
namespace {

TEST(ApiSmokeTest, AgentOpensRepliesAndResolvesATicket) {
  TestServer s;
  s.AddUser("li.na", Role::kAgent);
  s.AddUser("wangfang", Role::kCustomer);
  std::string customer = s.Login("wangfang");
  std::string agent = s.Login("li.na");

  HttpResult created = s.Post("/api/v1/tickets", customer, Json{{"subject", "快递三天没动了"}, {"body", "单号 SF123"}});
  ASSERT_EQ(created.status, 201) << created.text;
  std::string id = created.body["id"];
  EXPECT_EQ(created.body["status"], "new");
  EXPECT_EQ(created.body["customer"], s.CustomerOf("wangfang"));

  HttpResult reply = s.Post("/api/v1/tickets/" + id + "/messages", agent, Json{{"body", "亲，已帮您催件"}});
  ASSERT_EQ(reply.status, 201) << reply.text;
  EXPECT_EQ(reply.body["owner"], "li.na");
  EXPECT_EQ(reply.body["status"], "open");

  HttpResult resolved = s.Post("/api/v1/tickets/" + id + "/transitions", agent, Json{{"to", "resolved"}});
  ASSERT_EQ(resolved.status, 200) << resolved.text;
  EXPECT_EQ(resolved.body["status"], "resolved");

  HttpResult events = s.Get("/api/v1/tickets/" + id + "/events", customer);
  ASSERT_EQ(events.status, 200);
  for (const auto& e : events.body["items"]) EXPECT_FALSE(e["internal"].get<bool>()) << e.dump();
}

}  // namespace
}  // namespace kefu::testing
