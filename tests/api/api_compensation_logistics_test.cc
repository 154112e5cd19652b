// Compensation approvals, the carrier webhook and the chasing of tickets that
// wait on a carrier, through the real API, with time moved by a FakeClock (no
// test sleeps). Refused requests are checked to change nothing. The fixture
// is in after_sales_world.h.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "api/after_sales_world.h"
#include "api/api_world.h"
#include "auth/hmac.h"
#include "testing/test_server.h"

namespace kefu::testing {
namespace {

TEST_F(AfterSalesApiTest, CompensationNeedsApprovalAboveLimitsAndBudgets) {
  Ok(srv_.Put("/api/v1/teams/desk", boss_, {{"display_name", "售后一组"}, {"lead", "lead1"}}), 200);
  std::string ticket = NewTicket(cus_, {{"subject", "快递晚了五天"}});
  EXPECT_EQ(Ok(srv_.Patch("/api/v1/tickets/" + ticket, lead_, Json{{"team", "desk"}}), 200)["team"],
            "desk");
  std::string base = "/api/v1/tickets/" + ticket + "/compensations";
  auto request = [&](const std::string& token, int64_t fen) {
    return Ok(srv_.Post(base, token, Json{{"kind", "coupon"}, {"amount_fen", fen}, {"reason", "物流延误安抚"}}),
              201);
  };
  auto approve = [&](const std::string& id, const std::string& token, const std::string& note = "同意") {
    return srv_.Post("/api/v1/compensations/" + id + "/approve", token, Json{{"note", note}});
  };

  Json c1 = request(ann_, 3000);
  EXPECT_EQ(c1["status"], "approved");
  EXPECT_EQ(c1["decided_by"], "ann");
  EXPECT_EQ(c1["team"], "desk");
  EXPECT_TRUE(c1["pending_reason"].is_null());

  Json c2 = request(ann_, 3000);
  EXPECT_EQ(c2["status"], "pending_approval");
  EXPECT_EQ(c2["pending_reason"], "over_limit");
  std::string id2 = c2["id"];
  Json queue = Ok(srv_.Get("/api/v1/compensations?status=pending_approval", lead_), 200);
  EXPECT_EQ(ItemIds(queue), std::vector<std::string>{id2});
  std::vector<Json> told = Notifications(lead_, "approval_pending");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]["ticket"], ticket);
  EXPECT_NE(told[0]["body"].get<std::string>().find(id2), std::string::npos);

  EXPECT_TRUE(IsError(approve(id2, ann_), 403, "self_approval"));
  EXPECT_TRUE(IsError(approve(id2, bob_), 403, "approval_limit"));
  EXPECT_TRUE(IsError(approve(id2, cus_), 403, "forbidden"));
  EXPECT_EQ(Ok(srv_.Get("/api/v1/compensations/" + id2, lead_), 200)["status"], "pending_approval");
  Json a2 = Ok(approve(id2, lead_), 200);
  EXPECT_EQ(a2["status"], "approved");
  EXPECT_EQ(a2["decided_by"], "lead1");
  EXPECT_EQ(Notifications(ann_, "compensation_approved").size(), 1u);
  EXPECT_TRUE(IsError(approve(id2, boss_), 409, "not_pending"));

  std::string id3 = request(ann_, 60000)["id"];
  EXPECT_TRUE(IsError(approve(id3, lead_), 403, "approval_limit"));
  EXPECT_EQ(Ok(approve(id3, boss_), 200)["decided_by"], "boss");

  std::string id4 = request(ann_, 1000)["id"];
  auto reject = [&](const std::string& token, const std::string& note) {
    return srv_.Post("/api/v1/compensations/" + id4 + "/reject", token, Json{{"note", note}});
  };
  EXPECT_TRUE(IsError(reject(lead_, ""), 422, "reason_required"));
  EXPECT_TRUE(IsError(reject(lead_, "   "), 422, "reason_required"));
  EXPECT_TRUE(IsError(reject(bob_, "不行"), 403, "forbidden"));
  EXPECT_EQ(Ok(reject(lead_, "本单已补偿过"), 200)["status"], "rejected");
  EXPECT_TRUE(Ok(srv_.Get("/api/v1/compensations?status=pending_approval", lead_), 200)["items"].empty());

  // A monthly budget: 66000 are spent, 4000 remain.
  Ok(srv_.Put("/api/v1/after-sales-policy", boss_, {{"team_budgets_fen", {{"desk", 70000}}}}), 200);
  std::string second = NewTicket(cus_, {{"subject", "赠品没收到"}});
  Ok(srv_.Patch("/api/v1/tickets/" + second, lead_, Json{{"team", "desk"}}), 200);
  Json budget = Ok(srv_.Get("/api/v1/teams/desk/budget", lead_), 200);
  EXPECT_EQ(budget["month"], "2026-11");
  EXPECT_EQ(budget["budget_fen"], 70000);
  EXPECT_EQ(budget["spent_fen"], 66000);
  EXPECT_EQ(budget["pending_fen"], 0);
  EXPECT_EQ(budget["remaining_fen"], 4000);
  Json c5 = Ok(srv_.Post("/api/v1/tickets/" + second + "/compensations", ann_,
                         Json{{"kind", "gift"}, {"amount_fen", 4500}, {"reason", "补发赠品"}}),
               201);
  EXPECT_EQ(c5["status"], "pending_approval");
  EXPECT_EQ(c5["pending_reason"], "over_budget");
  budget = Ok(srv_.Get("/api/v1/teams/desk/budget", lead_), 200);
  EXPECT_EQ(budget["spent_fen"], 66000);
  EXPECT_EQ(budget["pending_fen"], 4500);
  EXPECT_EQ(budget["remaining_fen"], 4000);
  std::string id5 = c5["id"];
  EXPECT_TRUE(IsError(approve(id5, lead_), 409, "budget_exceeded"));
  Ok(approve(id5, boss_), 200);
  budget = Ok(srv_.Get("/api/v1/teams/desk/budget", lead_), 200);
  EXPECT_EQ(budget["spent_fen"], 70500);
  EXPECT_EQ(budget["pending_fen"], 0);
  EXPECT_EQ(budget["remaining_fen"], -500);
  EXPECT_TRUE(IsError(srv_.Get("/api/v1/teams/nowhere/budget", lead_), 404, "not_found"));
  EXPECT_TRUE(IsError(srv_.Get("/api/v1/teams/desk/budget", cus_), 403, "forbidden"));

  // Every approval is audited, with its amount; the rejection is not.
  std::vector<AuditEntry> approvals = Audit("compensation.approved");
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& e : approvals) {
    got.emplace_back(e.object, e.actor);
    Json d = Json::parse(e.detail);
    EXPECT_GT(d["amount_fen"].get<int64_t>(), 0);
  }
  std::vector<std::pair<std::string, std::string>> want = {
      {c1.value("id", ""), "ann"}, {id2, "lead1"}, {id3, "boss"}, {id5, "boss"}};
  EXPECT_EQ(got, want);
  // Compensation stays internal: the customer sees no compensation events.
  EXPECT_TRUE(Events(ticket, cus_, "compensation").empty());
  EXPECT_EQ(Events(ticket, boss_, "compensation").size(), 7u);  // 4 requests, 3 decisions
}

TEST_F(AfterSalesApiTest, CarrierWebhookUpdatesShipmentsAndTickets) {
  std::string customer = srv_.CustomerOf("cus");
  std::string order = NewOrder(customer, Json::array({Item("PHONE-1", "手机", 1, 399900, "phones")}),
                               ShippedOnly());
  std::string waiting = NewTicket(cus_, {{"subject", "快递到哪了"}, {"order", order}});
  std::string chasing = NewTicket(cus_, {{"subject", "物流三天没更新"}, {"order", order}});
  Take(chasing, ann_);
  MoveTicket(chasing, "pending_third_party", ann_);
  Json created = Ok(srv_.Post("/api/v1/shipments", ann_,
                              Json{{"order", order}, {"carrier", "SF"}, {"tracking_number", "SF100200300"}}),
                    201);
  std::string shipment = created["id"];
  EXPECT_EQ(created["status"], "created");

  Json moving = {{"event_id", "ev-1"}, {"carrier", "SF"}, {"tracking_number", "SF100200300"},
                 {"status", "in_transit"}, {"at", "2026-11-23T01:00:00Z"},
                 {"description", "快件已到达杭州转运中心"}, {"location", "杭州"}};
  Json res = Ok(Webhook(moving), 200);
  EXPECT_FALSE(res["duplicate"].get<bool>());
  EXPECT_EQ(res["shipment"]["status"], "in_transit");
  EXPECT_EQ(res["tickets"], Json::array({waiting, chasing}));
  for (const std::string& t : {waiting, chasing}) {
    std::vector<Json> news = Events(t, cus_, "shipment");
    ASSERT_EQ(news.size(), 1u) << t;
    EXPECT_EQ(news[0]["data"]["body"], shipment);
    EXPECT_EQ(news[0]["data"]["to"], "in_transit");
  }
  EXPECT_EQ(Ticket(chasing)["status"], "pending_third_party") << "in transit is no news";

  auto state = [&] {
    return Json{{"shipment", Ok(srv_.Get("/api/v1/shipments/" + shipment, boss_), 200)},
                {"waiting", Events(waiting, boss_)},
                {"chasing", Events(chasing, boss_)},
                {"order", Ok(srv_.Get("/api/v1/orders/" + order, boss_), 200)},
                {"owner_told", Notifications(ann_, "shipment_delivered").size()}};
  };
  Json before = state();
  EXPECT_EQ(before["shipment"]["version"], 2);
  EXPECT_EQ(before["shipment"]["events"].size(), 1u);

  Json again = Ok(Webhook(moving), 200);
  EXPECT_TRUE(again["duplicate"].get<bool>());
  EXPECT_TRUE(again["tickets"].empty());
  Json delivered = moving;
  delivered["event_id"] = "ev-2";
  delivered["status"] = "delivered";
  delivered["at"] = "2026-11-23T01:30:00Z";
  delivered["description"] = "已签收，本人签收";
  EXPECT_TRUE(IsError(Webhook(delivered, "not-the-secret"), 401, "bad_signature"));
  EXPECT_TRUE(IsError(srv_.Post("/api/v1/webhooks/carrier", "", delivered.dump()), 401, "bad_signature"));
  EXPECT_TRUE(IsError(srv_.Post("/api/v1/webhooks/carrier", "", delivered.dump(),
                                {{"X-Kefu-Signature", "sha256=" + HmacSha256Hex(kCarrierSecret, moving.dump())}}),
                      401, "bad_signature"))
      << "a signature of another body";
  Json stranger = delivered;
  stranger["tracking_number"] = "SF999999999";
  EXPECT_TRUE(IsError(Webhook(stranger), 404, "unknown_shipment"));
  Json odd = delivered;
  odd["exception"] = "lost";  // an exception without status exception
  EXPECT_TRUE(IsError(Webhook(odd), 422, "bad_event"));
  EXPECT_EQ(state(), before);

  res = Ok(Webhook(delivered), 200);
  EXPECT_FALSE(res["duplicate"].get<bool>());
  EXPECT_EQ(res["shipment"]["status"], "delivered");
  EXPECT_EQ(Ok(srv_.Get("/api/v1/orders/" + order, boss_), 200)["delivered_at"],
            "2026-11-23T01:30:00.000Z");
  Json t = Ticket(chasing);
  EXPECT_EQ(t["status"], "open") << "delivered: the ticket waits on the carrier no more";
  std::vector<Json> moves = Events(chasing, boss_, "status_changed");
  ASSERT_FALSE(moves.empty());
  EXPECT_EQ(moves.back()["data"]["from"], "pending_third_party");
  EXPECT_EQ(moves.back()["data"]["to"], "open");
  EXPECT_EQ(moves.back()["data"]["reason"], "carrier: delivered");
  EXPECT_EQ(moves.back()["actor"], "system");
  EXPECT_EQ(Ticket(waiting)["status"], "new");
  std::vector<Json> told = Notifications(ann_, "shipment_delivered");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]["ticket"], chasing);
  EXPECT_EQ(Events(chasing, boss_, "shipment").size(), 2u);

  // A parcel reported lost: its pending ticket reopens and its owner is told.
  std::string order2 = NewOrder(customer, Json::array({Item("CASE-1", "手机壳", 1, 2900, "phones")}),
                                ShippedOnly());
  std::string lost_ticket = NewTicket(cus_, {{"subject", "手机壳还没到"}, {"order", order2}});
  Take(lost_ticket, ann_);
  MoveTicket(lost_ticket, "pending_third_party", ann_);
  Ok(srv_.Post("/api/v1/shipments", ann_,
               Json{{"order", order2}, {"carrier", "YTO"}, {"tracking_number", "YT555"}}),
     201);
  res = Ok(Webhook({{"event_id", "yt-1"}, {"carrier", "YTO"}, {"tracking_number", "YT555"},
                    {"status", "exception"}, {"exception", "lost"}, {"at", "2026-11-23T01:45:00Z"}}),
           200);
  EXPECT_EQ(res["shipment"]["exception"], "lost");
  EXPECT_EQ(res["tickets"], Json::array({lost_ticket}));
  EXPECT_EQ(Ticket(lost_ticket)["status"], "open");
  told = Notifications(ann_, "shipment_lost");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]["ticket"], lost_ticket);
  std::vector<Json> news = Events(lost_ticket, cus_, "shipment");
  ASSERT_EQ(news.size(), 1u);
  EXPECT_EQ(news[0]["data"]["to"], "lost");
}

TEST_F(AfterSalesApiTest, TicketWaitingOnACarrierIsChasedOnce) {
  std::string ticket = NewTicket(cus_, {{"subject", "包裹卡在中转站"}});
  Take(ticket, ann_);
  MoveTicket(ticket, "pending_third_party", ann_);

  Advance(23 * kHour);
  RunJobs();
  EXPECT_TRUE(Events(ticket, boss_, "reminder").empty()) << "not quiet for 24 h yet";
  Advance(kHour);
  RunJobs();
  RunJobs();
  std::vector<Json> reminders = Events(ticket, boss_, "reminder");
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0]["data"]["from"], "carrier_follow_up");
  EXPECT_EQ(reminders[0]["data"]["to"], "ann");
  EXPECT_TRUE(reminders[0]["internal"].get<bool>());
  EXPECT_TRUE(Events(ticket, cus_, "reminder").empty());
  std::vector<Json> told = Notifications(ann_, "carrier_follow_up");
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0]["ticket"], ticket);
}

}  // namespace
}  // namespace kefu::testing
