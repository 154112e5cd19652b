// After-sales requests, compensation approvals, the carrier webhook and the
// after-sales jobs through the real API, with time moved by a FakeClock (no
// test sleeps). Refused requests are checked to change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "api/api_world.h"
#include "auth/hmac.h"
#include "testing/test_server.h"

namespace kefu::testing {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

// 2026-11-23 10:00 in Beijing (a Monday).
Timestamp Start() { return *ParseIso8601("2026-11-23T02:00:00Z"); }

Json Item(const std::string& sku, const std::string& name, int quantity, int64_t price_fen,
          const std::string& category) {
  return {{"sku", sku}, {"name", name}, {"quantity", quantity}, {"price_fen", price_fen},
          {"category", category}};
}

// Dates of an order delivered on `delivered` (signed for), shipped and paid
// the days before.
Json DeliveredOn(const std::string& day) {
  return {{"paid_at", day + "T00:00:00Z"}, {"shipped_at", day + "T01:00:00Z"},
          {"delivered_at", day + "T06:00:00Z"}};
}
Json ShippedOnly() {
  return {{"paid_at", "2026-11-20T02:00:00Z"}, {"shipped_at", "2026-11-21T02:00:00Z"}};
}

class AfterSalesApiTest : public ::testing::Test {
 protected:
  AfterSalesApiTest() : clock_(Start()), srv_(&clock_) {
    srv_.AddUser("boss", Role::kManager);
    srv_.AddUser("lead1", Role::kLead);
    srv_.AddUser("ann", Role::kAgent);
    srv_.AddUser("bob", Role::kAgent);
    srv_.AddUser("cus", Role::kCustomer);
    srv_.AddUser("cus2", Role::kCustomer);
    SignIn();
  }

  // Signs everyone in again (tokens expire as the clock moves on).
  void SignIn() {
    boss_ = srv_.Login("boss");
    lead_ = srv_.Login("lead1");
    ann_ = srv_.Login("ann");
    bob_ = srv_.Login("bob");
    cus_ = srv_.Login("cus");
    cus2_ = srv_.Login("cus2");
  }

  // The body of `r`, expecting `status`.
  static Json Ok(const HttpResult& r, int status) {
    EXPECT_EQ(r.status, status) << Describe(r);
    return r.body;
  }

  std::string NewOrder(const std::string& customer, Json items, Json dates) {
    Json body = {{"customer", customer}, {"items", std::move(items)}};
    body.update(dates);
    return Ok(srv_.Post("/api/v1/orders", lead_, body), 201).value("id", "");
  }

  std::string NewTicket(const std::string& token, Json body) {
    return Ok(srv_.Post("/api/v1/tickets", token, body), 201).value("id", "");
  }

  // `agent` replies (and so owns and is assigned the ticket).
  void Take(const std::string& ticket, const std::string& agent) {
    Ok(srv_.Post("/api/v1/tickets/" + ticket + "/messages", agent, Json{{"body", "您好，马上为您处理"}}),
       201);
  }

  void MoveTicket(const std::string& ticket, const std::string& to, const std::string& token) {
    Ok(srv_.Post("/api/v1/tickets/" + ticket + "/transitions", token,
                 Json{{"to", to}, {"reason", "等待承运商回复"}}),
       200);
  }

  Json Ticket(const std::string& id) { return Ok(srv_.Get("/api/v1/tickets/" + id, boss_), 200); }

  HttpResult MoveRequest(const std::string& id, const std::string& token, Json body) {
    return srv_.Post("/api/v1/after-sales/" + id + "/transitions", token, body);
  }

  // The events of ticket `id` that `token` may see, of `type` ("" = all).
  std::vector<Json> Events(const std::string& id, const std::string& token,
                           const std::string& type = "") {
    Json page = Ok(srv_.Get("/api/v1/tickets/" + id + "/events?limit=200", token), 200);
    std::vector<Json> out;
    for (const auto& e : page["items"]) {
      if (type.empty() || e["type"] == type) out.push_back(e);
    }
    return out;
  }

  std::vector<Json> Notifications(const std::string& token, const std::string& kind) {
    Json page = Ok(srv_.Get("/api/v1/notifications?limit=200", token), 200);
    std::vector<Json> out;
    for (const auto& n : page["items"]) {
      if (n["kind"] == kind) out.push_back(n);
    }
    return out;
  }

  std::vector<AuditEntry> Audit(const std::string& action) {
    auto txn = srv_.store().Begin(TxnMode::kRead);
    EXPECT_TRUE(txn.ok());
    auto rows = srv_.store().ListAudit(**txn, 0, 100000);
    EXPECT_TRUE(rows.ok());
    std::vector<AuditEntry> out;
    for (auto& e : *rows) {
      if (e.action == action) out.push_back(std::move(e));
    }
    return out;
  }

  // The carrier webhook, signed with `secret` unless `signature` is given.
  HttpResult Webhook(const Json& body, const std::string& secret = kCarrierSecret) {
    std::string raw = body.dump();
    return srv_.Post("/api/v1/webhooks/carrier", "", raw,
                     {{"X-Kefu-Signature", "sha256=" + HmacSha256Hex(secret, raw)}});
  }

  void RunJobs() { ASSERT_TRUE(srv_.scheduler().RunOnce().ok()); }

  void Advance(int64_t ms) {
    clock_.Advance(ms);
    SignIn();
  }

  FakeClock clock_;
  TestServer srv_;
  std::string boss_, lead_, ann_, bob_, cus_, cus2_;
};

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

  HttpResult late = srv_.Post(
      base, cus_, Json{{"order", old_order}, {"line", 1}, {"kind", "return_refund"}, {"reason", "no_reason"}});
  EXPECT_TRUE(IsError(late, 422, "not_eligible"));
  EXPECT_NE(late.text.find("no_reason_window_passed"), std::string::npos) << late.text;
  HttpResult fresh =
      srv_.Post(base, cus_, Json{{"line", 2}, {"kind", "return_refund"}, {"reason", "no_reason"}});
  EXPECT_TRUE(IsError(fresh, 422, "not_eligible"));
  EXPECT_NE(fresh.text.find("excluded_perishable"), std::string::npos) << fresh.text;
  // The preview explains the same refusals without an error.
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
    Ok(MoveRequest(id, ann_, {{"to", to}}), 200);
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
  EXPECT_FALSE(Ok(MoveRequest(id, ann_, {{"to", "refunded"}}), 200)["refund_overdue"].get<bool>());
  EXPECT_TRUE(overdue_ids().empty());
  RunJobs();
  EXPECT_EQ(Events(ticket, boss_, "reminder").size(), 1u);
}

}  // namespace
}  // namespace kefu::testing
