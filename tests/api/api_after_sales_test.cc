// After-sales requests through the real API: a request's whole story, bad
// input that changes nothing, and the overdue-refund job, with time moved by
// a FakeClock (no test sleeps). Compensation, the carrier webhook and carrier
// follow-ups are in api_compensation_logistics_test.cc; the fixture is in
// after_sales_world.h.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/after_sales_world.h"
#include "api/api_world.h"

namespace kefu::testing {
namespace {

TEST_F(AfterSalesApiTest, BrokenOnArrivalIsReturnedAndRefunded) {
  std::string customer = srv_.CustomerOf("cus");
  std::string order = NewOrder(customer, Json::array({Item("VASE-01", "青瓷花瓶", 1, 19900, "home")}),
                               DeliveredOn("2026-11-22"));
  std::string ticket = NewTicket(
      cus_, {{"subject", "收到就碎了"}, {"body", "快递送到时花瓶已经碎了"}, {"order", order}});
  Take(ticket, ann_);

  Json draft = {{"line", 1}, {"kind", "return_refund"}, {"reason", "damaged_in_transit"},
                {"note", "外包装破损，瓶身碎裂"}};
  Json preview =
      Ok(srv_.Post("/api/v1/tickets/" + ticket + "/after-sales/preview", ann_, draft), 200);
  EXPECT_TRUE(preview["eligible"].get<bool>());
  EXPECT_EQ(preview["rule"], "transit_damage_return");
  EXPECT_EQ(preview["article"], "E-Commerce Law Art. 20");
  EXPECT_EQ(preview["return_shipping_paid_by"], "merchant");
  EXPECT_TRUE(preview["return_required"].get<bool>());
  EXPECT_EQ(preview["max_refund_fen"], 19900);
  EXPECT_FALSE(preview["explanation_zh"].get<std::string>().empty());
  EXPECT_FALSE(preview["explanation_en"].get<std::string>().empty());
  EXPECT_TRUE(Ok(srv_.Get("/api/v1/tickets/" + ticket + "/after-sales", ann_), 200)["items"].empty())
      << "a preview opens nothing";

  HttpResult opened = srv_.Post("/api/v1/tickets/" + ticket + "/after-sales", ann_, draft);
  ASSERT_EQ(opened.status, 201) << Describe(opened);
  std::string id = opened.body["id"];
  EXPECT_EQ(opened.Header("Location"), "/api/v1/after-sales/" + id);
  EXPECT_EQ(opened.body["status"], "requested");
  EXPECT_EQ(opened.body["decision"], preview);
  EXPECT_EQ(opened.body["refund_fen"], 19900);
  EXPECT_EQ(opened.body["order"], order);
  EXPECT_EQ(opened.body["requested_by"], "ann");

  struct Step {
    const char* to;
    Json extra;
  };
  const std::vector<Step> steps = {
      {"approved", {{"reason", "运输破损，卖家承担运费"}}},
      {"awaiting_return_shipment", {{"reason", "请寄回"}, {"return_tracking", "SF7000001"}}},
      {"received", {{"reason", "退货已签收"}}},
      {"inspected", {{"reason", "确认运输破损"}}},
      {"refunded", {{"reason", "原路退回"}}},
  };
  Json last;
  for (const Step& s : steps) {
    clock_.Advance(kHour);
    Json body = s.extra;
    body["to"] = s.to;
    last = Ok(MoveRequest(id, ann_, body), 200);
    ASSERT_EQ(last["status"], s.to) << last;
    if (std::string(s.to) == "approved") {
      EXPECT_EQ(last["decided_by"], "ann");
    }
    if (std::string(s.to) == "received") {
      EXPECT_EQ(last["received_at"], FormatIso8601(clock_.Now()));
      EXPECT_EQ(last["refund_due"], FormatIso8601(Timestamp{clock_.Now().unix_ms + 7 * kDay}));
    }
  }
  EXPECT_EQ(last["return_tracking"], "SF7000001");
  EXPECT_EQ(last["refund_fen"], 19900);
  EXPECT_EQ(last["refunded_at"], FormatIso8601(clock_.Now()));
  EXPECT_FALSE(last["refund_overdue"].get<bool>());
  EXPECT_EQ(last["version"], 6);

  // Every move is on the ticket with who and why, and the customer sees it.
  const std::vector<std::string> tos = {"requested", "approved", "awaiting_return_shipment",
                                        "received", "inspected", "refunded"};
  for (const std::string& token : {ann_, cus_}) {
    std::vector<Json> moves = Events(ticket, token, "after_sales");
    ASSERT_EQ(moves.size(), tos.size()) << "viewer " << token;
    for (size_t i = 0; i < moves.size(); ++i) {
      const Json& d = moves[i]["data"];
      EXPECT_EQ(moves[i]["actor"], "ann");
      EXPECT_FALSE(moves[i]["internal"].get<bool>());
      EXPECT_EQ(d["body"], id);
      EXPECT_EQ(d["to"], tos[i]);
      if (i > 0) {
        EXPECT_EQ(d["from"], tos[i - 1]);
      }
      EXPECT_FALSE(d.value("reason", "").empty()) << moves[i];
    }
    EXPECT_NE(moves.back()["data"]["reason"].get<std::string>().find("19900"), std::string::npos);
  }

  std::vector<AuditEntry> refunds = Audit("refund.issued");
  ASSERT_EQ(refunds.size(), 1u);
  EXPECT_EQ(refunds[0].object, id);
  EXPECT_EQ(refunds[0].actor, "ann");
  Json detail = Json::parse(refunds[0].detail);
  EXPECT_EQ(detail["amount_fen"], 19900);
  EXPECT_EQ(detail["ticket"], ticket);

  Json overview = Ok(srv_.Get("/api/v1/customers/" + customer + "/overview", lead_), 200);
  EXPECT_EQ(overview["totals"]["refunded_fen"], 19900);
  ASSERT_EQ(overview["after_sales"].size(), 1u);
  EXPECT_EQ(overview["after_sales"][0]["status"], "refunded");
}

TEST_F(AfterSalesApiTest, BadInputChangesNothing) {
  Ok(srv_.Put("/api/v1/after-sales-policy", boss_,
              {{"categories", {{"fresh_food", {{"nature", "perishable"}}}}}}),
     200);
  std::string customer = srv_.CustomerOf("cus");
  std::string order = NewOrder(customer,
                               Json::array({Item("VASE-01", "青瓷花瓶", 1, 19900, "home"),
                                            Item("LYCHEE-5", "妃子笑荔枝", 1, 8800, "fresh_food")}),
                               DeliveredOn("2026-11-22"));
  std::string old_order = NewOrder(customer, Json::array({Item("TEE-01", "T恤", 1, 9900, "apparel")}),
                                   DeliveredOn("2026-11-08"));
  std::string ticket = NewTicket(cus_, {{"subject", "花瓶有裂纹"}, {"order", order}});
  std::string other = NewTicket(cus2_, {{"subject", "别人的工单"}});
  std::string base = "/api/v1/tickets/" + ticket + "/after-sales";
  Json fault = {{"line", 1}, {"kind", "return_refund"}, {"reason", "quality_fault"}};
  std::string id = Ok(srv_.Post(base, ann_, fault), 201).value("id", "");

  auto state = [&] {
    Json s;
    for (const std::string& t : {ticket, other}) {
      s[t]["ticket"] = Ticket(t);
      s[t]["events"] = Events(t, boss_);
      s[t]["after_sales"] = Ok(srv_.Get("/api/v1/tickets/" + t + "/after-sales", boss_), 200);
    }
    s["refunds"] = Audit("refund.issued").size();
    return s;
  };
  Json before = state();

  Json too_much = {{"line", 2}, {"kind", "return_refund"}, {"reason", "quality_fault"},
                   {"refund_fen", 8801}};
  EXPECT_TRUE(IsError(srv_.Post(base, ann_, too_much), 422, "refund_exceeds_paid"));
  too_much["refund_fen"] = -1;
  EXPECT_TRUE(IsError(srv_.Post(base, ann_, too_much), 422, "refund_exceeds_paid"));
  EXPECT_TRUE(IsError(srv_.Post(base, ann_, fault), 409, "already_requested"));
  EXPECT_TRUE(IsError(srv_.Post(base, cus_, fault), 409, "already_requested"));

  // The preview explains refusals without storing anything (opening a
  // refused request keeps it: api_after_sales_override_test.cc).
  Json late = Ok(srv_.Post(base + "/preview", cus_,
                           Json{{"order", old_order}, {"line", 1}, {"kind", "return_refund"},
                                {"reason", "no_reason"}}),
                 200);
  EXPECT_EQ(late["rule"], "no_reason_window_passed");
  Json p = Ok(srv_.Post(base + "/preview", cus_,
                        Json{{"line", 2}, {"kind", "return_refund"}, {"reason", "no_reason"}}),
              200);
  EXPECT_FALSE(p["eligible"].get<bool>());
  EXPECT_EQ(p["rule"], "excluded_perishable");

  for (const Json& bad : {Json{{"line", 1}, {"kind", "return_refund"}, {"reason", "quality_fault"}, {"colour", "red"}},
                          Json{{"line", 1}, {"kind", "teleport"}, {"reason", "quality_fault"}},
                          Json{{"line", 1}, {"kind", "return_refund"}, {"reason", "changed_my_mind"}},
                          Json{{"line", 0}, {"kind", "return_refund"}, {"reason", "quality_fault"}},
                          Json{{"kind", "return_refund"}, {"reason", "quality_fault"}},
                          Json{{"line", 1}, {"kind", "return_refund"}}}) {
    EXPECT_TRUE(IsError(srv_.Post(base, ann_, bad), 422, "validation_failed")) << bad;
    EXPECT_TRUE(IsError(srv_.Post(base + "/preview", ann_, bad), 422, "validation_failed")) << bad;
  }
  EXPECT_TRUE(IsError(srv_.Post(base, ann_, Json{{"line", 3}, {"kind", "exchange"}, {"reason", "quality_fault"}}),
                      422, "bad_line"));
  EXPECT_TRUE(IsError(srv_.Post(base, ann_, std::string("{\"line\": 1,")), 400, "malformed_json"))
      << "malformed JSON";

  EXPECT_TRUE(IsError(MoveRequest(id, ann_, {{"to", "refunded"}}), 409, "invalid_transition"));
  EXPECT_TRUE(IsError(MoveRequest(id, ann_, {{"to", "inspected"}}), 409, "invalid_transition"));
  EXPECT_TRUE(IsError(MoveRequest(id, ann_, {{"to", "rejected"}}), 422, "reason_required"));
  EXPECT_TRUE(IsError(MoveRequest(id, ann_, {{"to", "teleported"}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(MoveRequest(id, ann_, {{"to", "approved"}, {"why", "x"}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(MoveRequest(id, ann_, {{"to", "approved"}, {"version", 7}}), 409, "stale_version"));
  EXPECT_TRUE(IsError(MoveRequest(id, cus_, {{"to", "approved"}, {"reason", "我自己批准"}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(MoveRequest(id, cus_, {{"to", "cancelled"}}), 422, "reason_required"));

  // Another customer's ticket and request do not exist for this customer.
  EXPECT_TRUE(IsError(srv_.Post(base, cus2_, fault), 404, "not_found"));
  EXPECT_TRUE(IsError(srv_.Post(base + "/preview", cus2_, fault), 404, "not_found"));
  EXPECT_TRUE(IsError(srv_.Get(base, cus2_), 404, "not_found"));
  EXPECT_TRUE(IsError(srv_.Get("/api/v1/after-sales/" + id, cus2_), 404, "not_found"));
  EXPECT_TRUE(IsError(MoveRequest(id, cus2_, {{"to", "cancelled"}, {"reason", "不要了"}}), 404, "not_found"));
  EXPECT_TRUE(Ok(srv_.Get("/api/v1/after-sales", cus2_), 200)["items"].empty());
  EXPECT_TRUE(IsError(srv_.Post("/api/v1/tickets/" + other + "/after-sales", cus_,
                                Json{{"order", order}, {"line", 2}, {"kind", "return_refund"}, {"reason", "quality_fault"}}),
                      404, "not_found"));
  // An order that is not the ticket's customer's.
  EXPECT_TRUE(IsError(srv_.Post("/api/v1/tickets/" + other + "/after-sales", boss_,
                                Json{{"order", order}, {"line", 2}, {"kind", "return_refund"}, {"reason", "quality_fault"}}),
                      422, "validation_failed"));

  EXPECT_EQ(state(), before);

  // The customer may still cancel their own request, with a reason.
  Json cancelled = Ok(MoveRequest(id, cus_, {{"to", "cancelled"}, {"reason", "不想退了"}}), 200);
  EXPECT_EQ(cancelled["status"], "cancelled");
  // A cancelled request no longer holds the line.
  Ok(srv_.Post(base, ann_, fault), 201);
}

TEST_F(AfterSalesApiTest, OverdueRefundIsFlaggedOnce) {
  std::string order = NewOrder(srv_.CustomerOf("cus"),
                               Json::array({Item("LAMP-1", "台灯", 1, 15900, "home")}),
                               DeliveredOn("2026-11-22"));
  std::string ticket = NewTicket(cus_, {{"subject", "台灯灯罩裂了"}, {"order", order}});
  Take(ticket, ann_);
  std::string id = Ok(srv_.Post("/api/v1/tickets/" + ticket + "/after-sales", ann_,
                                Json{{"line", 1}, {"kind", "return_refund"}, {"reason", "damaged_in_transit"}}),
                      201)
                       .value("id", "");
  for (const char* to : {"approved", "awaiting_return_shipment", "received", "inspected"}) {
    Ok(MoveRequest(id, ann_, {{"to", to}, {"reason", "处理"}}), 200);
  }
  auto overdue_ids = [&] {
    return ItemIds(Ok(srv_.Get("/api/v1/after-sales?overdue=true", boss_), 200));
  };

  Advance(7 * kDay);  // due now: not overdue yet
  RunJobs();
  EXPECT_FALSE(Ok(srv_.Get("/api/v1/after-sales/" + id, boss_), 200)["refund_overdue"].get<bool>());
  EXPECT_TRUE(overdue_ids().empty());
  EXPECT_TRUE(Events(ticket, boss_, "reminder").empty());

  Advance(kMinute);
  RunJobs();
  RunJobs();
  EXPECT_TRUE(Ok(srv_.Get("/api/v1/after-sales/" + id, boss_), 200)["refund_overdue"].get<bool>());
  EXPECT_EQ(overdue_ids(), std::vector<std::string>{id});
  std::vector<Json> reminders = Events(ticket, boss_, "reminder");
  ASSERT_EQ(reminders.size(), 1u);
  EXPECT_EQ(reminders[0]["data"]["from"], "refund_overdue");
  EXPECT_EQ(reminders[0]["data"]["to"], "ann");
  EXPECT_NE(reminders[0]["data"]["reason"].get<std::string>().find(id), std::string::npos);
  EXPECT_EQ(Notifications(ann_, "refund_overdue").size(), 1u);
  EXPECT_TRUE(IsError(srv_.Get("/api/v1/after-sales?overdue=maybe", boss_), 422, "validation_failed"));

  // Refunding clears it.
  EXPECT_FALSE(Ok(MoveRequest(id, ann_, {{"to", "refunded"}, {"reason", "原路退回"}}), 200)["refund_overdue"]
                   .get<bool>());
  EXPECT_TRUE(overdue_ids().empty());
  RunJobs();
  EXPECT_EQ(Events(ticket, boss_, "reminder").size(), 1u);
}

}  // namespace
}  // namespace kefu::testing
