// Notifications people can act on: each has a read state, the list can be
// narrowed to unread ones and tells the unread count, and a user marks only
// their own read.
#include "api/after_sales_world.h"

namespace kefu::testing {
namespace {

class NotificationsApiTest : public AfterSalesApiTest {
 protected:
  int64_t Notify(const std::string& login, const std::string& body) {
    auto txn = srv_.store().Begin(TxnMode::kWrite);
    EXPECT_TRUE(txn.ok());
    Notification n{0, login, "", "approval_pending", body, clock_.Now(), std::nullopt};
    EXPECT_TRUE(srv_.store().AppendNotification(**txn, n).ok());
    EXPECT_TRUE((*txn)->Commit().ok());
    return n.seq;
  }
  HttpResult MarkRead(const std::string& token, Json ids) {
    return srv_.Post("/api/v1/notifications/read", token, Json{{"ids", std::move(ids)}});
  }
};

// An approval waits with the team's lead, or with the managers when the
// ticket has no team (or its team no lead): never unseen.
TEST_F(NotificationsApiTest, ApprovalsForATeamlessTicketGoToTheManagers) {
  auto pending = [&](const std::string& ticket) {
    Json c = Ok(srv_.Post("/api/v1/tickets/" + ticket + "/compensations", ann_,
                          Json{{"kind", "coupon"}, {"amount_fen", 9000}, {"reason", "少件补偿"}}),
                201);
    EXPECT_EQ(c["status"], "pending_approval");
  };
  auto told = [&](const std::string& token, const std::string& ticket) {
    int n = 0;
    for (const auto& x : Notifications(token, "approval_pending")) n += x["ticket"] == ticket;
    return n;
  };
  std::string teamless = NewTicket(cus_, {{"subject", "少发了一个杯盖"}});
  Take(teamless, ann_);
  ASSERT_TRUE(Ticket(teamless)["team"].is_null());
  pending(teamless);
  EXPECT_EQ(told(boss_, teamless), 1);
  EXPECT_EQ(told(lead_, teamless), 0);

  Ok(srv_.Put("/api/v1/teams/desk", boss_, {{"display_name", "售后一组"}, {"lead", "lead1"}}), 200);
  std::string teamed = NewTicket(cus_, {{"subject", "杯子碎了"}});
  Take(teamed, ann_);
  Ok(srv_.Patch("/api/v1/tickets/" + teamed, lead_, Json{{"team", "desk"}}), 200);
  pending(teamed);
  EXPECT_EQ(told(lead_, teamed), 1);
  EXPECT_EQ(told(boss_, teamed), 0);
}

TEST_F(NotificationsApiTest, UnreadUntilMarkedReadByTheirOwner) {
  int64_t first = Notify("lead1", "补偿待审批 P-000001");
  int64_t second = Notify("lead1", "售后待审批 A-000002");
  int64_t anns = Notify("ann", "包裹已签收");

  Json all = Ok(srv_.Get("/api/v1/notifications", lead_), 200);
  ASSERT_EQ(all["items"].size(), 2u);
  EXPECT_FALSE(all["items"][0]["read"].get<bool>());
  EXPECT_TRUE(all["items"][0]["read_at"].is_null());
  EXPECT_EQ(all["unread_count"], 2);

  // Someone else's id changes nothing, for them or for its owner.
  Json foreign = Ok(MarkRead(lead_, Json::array({anns})), 200);
  EXPECT_EQ(foreign["marked"], 0);
  EXPECT_EQ(Ok(srv_.Get("/api/v1/notifications?unread=true", ann_), 200)["unread_count"], 1);

  Json marked = Ok(MarkRead(lead_, Json::array({first, first})), 200);
  EXPECT_EQ(marked["marked"], 1);
  EXPECT_EQ(marked["unread_count"], 1);
  EXPECT_EQ(Ok(MarkRead(lead_, Json::array({first})), 200)["marked"], 0) << "already read";

  Json unread = Ok(srv_.Get("/api/v1/notifications?unread=true", lead_), 200);
  ASSERT_EQ(unread["items"].size(), 1u);
  EXPECT_EQ(unread["items"][0]["id"], second);
  Json again = Ok(srv_.Get("/api/v1/notifications?unread=false", lead_), 200);
  ASSERT_EQ(again["items"].size(), 2u);
  EXPECT_TRUE(again["items"][1]["read"].get<bool>());
  EXPECT_EQ(again["items"][1]["read_at"], FormatIso8601(clock_.Now()));
}

TEST_F(NotificationsApiTest, BadRequestsChangeNothing) {
  int64_t id = Notify("lead1", "补偿待审批");
  EXPECT_TRUE(IsError(srv_.Get("/api/v1/notifications?unread=yes", lead_), 422, "validation_failed"));
  for (Json bad : {Json::object(), Json{{"ids", Json::array()}}, Json{{"ids", "1"}},
                   Json{{"ids", Json::array({0})}}, Json{{"ids", Json::array({1.5})}},
                   Json{{"ids", Json::array({id})}, {"all", true}}}) {
    HttpResult r = srv_.Post("/api/v1/notifications/read", lead_, bad);
    EXPECT_EQ(r.status, 422) << bad.dump() << ": " << Describe(r);
  }
  Json many = Json::array();
  for (int i = 1; i <= 501; ++i) many.push_back(i);
  EXPECT_EQ(MarkRead(lead_, many).status, 422);
  EXPECT_EQ(srv_.Post("/api/v1/notifications/read", "", Json{{"ids", Json::array({id})}}).status, 401);
  EXPECT_EQ(Ok(srv_.Get("/api/v1/notifications?unread=true", lead_), 200)["unread_count"], 1);
}

}  // namespace
}  // namespace kefu::testing
