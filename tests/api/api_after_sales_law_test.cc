// The after-sales law end to end over HTTP: a unit repaired twice may be
// exchanged, nothing unpaid is refunded, missing units are refunded without
// a return or resent, a short refund needs its reason, punitive claims need
// evidence and a lead, and a policy that narrows a right is refused.
#include "api/after_sales_world.h"

namespace kefu::testing {
namespace {

class AfterSalesLawApiTest : public AfterSalesApiTest {
 protected:
  // A ticket of "cus" about a new order.
  std::string TicketAbout(Json items, Json dates) {
    order_ = NewOrder(srv_.CustomerOf("cus"), std::move(items), std::move(dates));
    std::string t = NewTicket(cus_, {{"subject", "售后"}, {"body", "商品有问题"}, {"order", order_}});
    Take(t, ann_);
    return t;
  }

  HttpResult Open(const std::string& ticket, const std::string& token, const Json& draft) {
    return srv_.Post("/api/v1/tickets/" + ticket + "/after-sales", token, draft);
  }

  // Moves request `id` through `steps` as the manager, expecting each to succeed.
  void Walk(const std::string& id, std::initializer_list<const char*> steps) {
    for (const char* to : steps) {
      Ok(MoveRequest(id, boss_, {{"to", to}, {"reason", "处理"}}), 200);
    }
  }

  std::string order_;
};

// Three-Guarantees Rules: a unit repaired twice that fails again may be
// exchanged; a finished repair no longer holds the line (it held it for
// ever before: "already_requested ... 1 of 1").
TEST_F(AfterSalesLawApiTest, TwoFailedRepairsGiveAnExchange) {
  std::string t = TicketAbout(Json::array({Item("PH-1", "手机", 1, 399900, "phones")}),
                              DeliveredOn("2026-09-01"));
  Json repair = {{"line", 1}, {"kind", "repair"}, {"reason", "quality_fault"}};
  for (int i = 0; i < 2; ++i) {
    HttpResult r = Open(t, ann_, repair);
    ASSERT_EQ(r.status, 201) << "repair " << i + 1 << ": " << Describe(r);
    EXPECT_EQ(r.body["decision"]["rule"], "warranty_repair");
    Walk(r.body["id"], {"approved", "awaiting_return_shipment", "received", "inspected", "repaired"});
  }
  Json exchange = {{"line", 1}, {"kind", "exchange"}, {"reason", "quality_fault"}};
  HttpResult ex = Open(t, ann_, exchange);
  ASSERT_EQ(ex.status, 201) << Describe(ex);
  EXPECT_EQ(ex.body["decision"]["rule"], "repeated_repair_exchange");
  EXPECT_EQ(ex.body["decision"]["article"], "Three-Guarantees Rules");
  // While the exchange is live, it holds the unit.
  HttpResult again = Open(t, ann_, repair);
  EXPECT_EQ(again.status, 409) << Describe(again);
  EXPECT_EQ(again.body["error"]["code"], "already_requested");
}

// The history is the unit's: two phones on one line, the first repaired
// twice; the second has had no repair and is not exchanged on the first's
// account, while the first may be.
TEST_F(AfterSalesLawApiTest, RepairHistoryIsPerUnit) {
  std::string t = TicketAbout(Json::array({Item("PH-2", "手机", 2, 399900, "phones")}),
                              DeliveredOn("2026-09-01"));
  for (int i = 0; i < 2; ++i) {
    HttpResult r = Open(t, ann_, {{"line", 1}, {"unit", 1}, {"kind", "repair"}, {"reason", "quality_fault"}});
    ASSERT_EQ(r.status, 201) << Describe(r);
    EXPECT_EQ(r.body["unit"], 1);
    Walk(r.body["id"], {"approved", "awaiting_return_shipment", "received", "inspected", "repaired"});
  }
  Json second = {{"line", 1}, {"unit", 2}, {"kind", "exchange"}, {"reason", "quality_fault"}};
  Json preview = Ok(srv_.Post("/api/v1/tickets/" + t + "/after-sales/preview", ann_, second), 200);
  EXPECT_FALSE(preview["eligible"].get<bool>()) << preview.dump();
  second["unit"] = 1;
  preview = Ok(srv_.Post("/api/v1/tickets/" + t + "/after-sales/preview", ann_, second), 200);
  EXPECT_EQ(preview["rule"], "repeated_repair_exchange") << preview.dump();
  // A unit names one unit of the line.
  second["unit"] = 3;
  EXPECT_EQ(srv_.Post("/api/v1/tickets/" + t + "/after-sales/preview", ann_, second).status, 422);
  second["unit"] = 1;
  second["quantity"] = 2;
  EXPECT_EQ(srv_.Post("/api/v1/tickets/" + t + "/after-sales/preview", ann_, second).status, 422);
}

// Nothing that was not paid can be refunded (it paid out ¥399 before).
TEST_F(AfterSalesLawApiTest, AnUnpaidOrderIsNotRefunded) {
  std::string t = TicketAbout(Json::array({Item("SH-1", "跑鞋", 1, 39900, "shoes")}), Json::object());
  Json draft = {{"line", 1}, {"kind", "refund_only"}, {"reason", "not_delivered"}};
  Json preview = Ok(srv_.Post("/api/v1/tickets/" + t + "/after-sales/preview", cus_, draft), 200);
  EXPECT_FALSE(preview["eligible"].get<bool>());
  EXPECT_EQ(preview["rule"], "not_paid");
  EXPECT_EQ(preview["max_refund_fen"], 0);
  // Opened all the same, the refusal is kept, with no money promised; it
  // states a fact, so not even a lead can override it.
  Json opened = Ok(Open(t, ann_, draft), 201);
  EXPECT_EQ(opened["status"], "refused");
  EXPECT_EQ(opened["refund_fen"], 0);
  EXPECT_EQ(opened["decision"]["rule"], "not_paid");
  EXPECT_TRUE(IsError(srv_.Post("/api/v1/after-sales/" + opened["id"].get<std::string>() + "/override",
                                lead_, Json{{"reason", "客户很急"}}),
                      409, "not_overridable"));
  EXPECT_EQ(Ok(srv_.Get("/api/v1/tickets/" + t + "/after-sales", ann_), 200)["items"].size(), 1u);
}

// 漏发: two of three units missing are refunded with nothing to send back;
// the third may be resent, which needs the new parcel's tracking number.
TEST_F(AfterSalesLawApiTest, MissingUnitsAreRefundedOrResent) {
  std::string t = TicketAbout(Json::array({Item("SK-1", "袜子", 3, 1500, "apparel")}),
                              DeliveredOn("2026-11-22"));
  HttpResult refund = Open(t, ann_, {{"line", 1}, {"quantity", 2}, {"kind", "refund_only"},
                                     {"reason", "missing_item"}});
  ASSERT_EQ(refund.status, 201) << Describe(refund);
  EXPECT_EQ(refund.body["decision"]["rule"], "missing_item_refund");
  EXPECT_FALSE(refund.body["decision"]["return_required"].get<bool>());
  EXPECT_EQ(refund.body["refund_fen"], 3000);
  Walk(refund.body["id"], {"approved", "refunded"});

  HttpResult resend = Open(t, ann_, {{"line", 1}, {"kind", "resend"}, {"reason", "missing_item"}});
  ASSERT_EQ(resend.status, 201) << Describe(resend);
  std::string id = resend.body["id"];
  Ok(MoveRequest(id, boss_, {{"to", "approved"}, {"reason", "补发"}}), 200);
  HttpResult bare = MoveRequest(id, boss_, {{"to", "resent"}});
  EXPECT_EQ(bare.status, 422) << Describe(bare);
  EXPECT_EQ(bare.body["error"]["code"], "tracking_required");
  // The order names no carrier: the resend must.
  HttpResult no_carrier = MoveRequest(id, boss_, {{"to", "resent"}, {"resend_tracking", "SF9000001"}});
  EXPECT_EQ(no_carrier.status, 422) << Describe(no_carrier);
  Json done = Ok(MoveRequest(id, boss_, {{"to", "resent"}, {"resend_tracking", "SF9000001"},
                                         {"resend_carrier", "顺丰速运"}}),
                 200);
  EXPECT_EQ(done["status"], "resent");
  EXPECT_EQ(done["resend_tracking"], "SF9000001");
  // The new parcel is a shipment of the order, tracked like any other.
  Json shipments = Ok(srv_.Get("/api/v1/orders/" + order_ + "/shipments", ann_), 200);
  ASSERT_EQ(shipments["items"].size(), 1u) << shipments.dump();
  EXPECT_EQ(shipments["items"][0]["after_sales"], id);
  EXPECT_EQ(shipments["items"][0]["tracking_number"], "SF9000001");
  EXPECT_EQ(shipments["items"][0]["carrier"], "顺丰速运");
  EXPECT_EQ(shipments["items"][0]["status"], "created");
  EXPECT_EQ(Audit("shipment.create").size(), 1u);
}

// Interim Measures Arts. 13 and 18: ¥20 off spread over the dress and the
// shoes, a gift with the dress, free shipping from ¥299. Returning the
// dress alone brings the gift back (or deducts its ¥9.90) and leaves ¥186.87
// of goods, below the threshold: the waived ¥10 shipping is deducted, once.
TEST_F(AfterSalesLawApiTest, GiftsDiscountsAndFreeShipping) {
  Json gift = Item("GIFT-SOCK", "赠品：袜子", 1, 0, "apparel");
  gift["gift_of"] = 1;
  gift["gift_value_fen"] = 990;
  Json dates = DeliveredOn("2026-11-22");
  dates["discount_fen"] = 2000;
  dates["free_shipping_threshold_fen"] = 29900;
  dates["shipping_waived_fen"] = 1000;
  std::string t = TicketAbout(Json::array({Item("DR-1", "连衣裙", 1, 12900, "apparel"),
                                           Item("SH-1", "小白鞋", 1, 19900, "apparel"), gift}),
                              dates);
  Json order = Ok(srv_.Get("/api/v1/orders/" + order_, ann_), 200);
  EXPECT_EQ(order["items"][0]["discount_fen"], 787);
  EXPECT_EQ(order["items"][0]["paid_fen"], 12113);
  EXPECT_EQ(order["items"][1]["paid_fen"], 18687);
  EXPECT_EQ(order["items"][2]["gift_of"], 1);
  EXPECT_EQ(order["total_fen"], 30800);

  Json dress = {{"line", 1}, {"kind", "return_refund"}, {"reason", "no_reason"}};
  Json preview = Ok(srv_.Post("/api/v1/tickets/" + t + "/after-sales/preview", cus_, dress), 200);
  EXPECT_EQ(preview["max_refund_fen"], 12113 - 1000);
  ASSERT_EQ(preview["deductions"].size(), 1u) << preview.dump();
  EXPECT_EQ(preview["deductions"][0]["code"], "free_shipping_threshold");
  EXPECT_EQ(preview["deductions"][0]["article"], "Interim Measures Art. 18");
  ASSERT_EQ(preview["gifts_to_return"].size(), 1u);
  EXPECT_EQ(preview["gifts_to_return"][0]["line"], 3);

  dress["keep_gifts"] = true;
  HttpResult opened = Open(t, ann_, dress);  // no deduction reason needed: the policy deducts
  ASSERT_EQ(opened.status, 201) << Describe(opened);
  EXPECT_EQ(opened.body["refund_fen"], 12113 - 1000 - 990);
  EXPECT_EQ(opened.body["decision"]["deductions"].size(), 2u);
  EXPECT_TRUE(opened.body["decision"]["gifts_to_return"].empty());
  Walk(opened.body["id"], {"approved", "awaiting_return_shipment", "received", "inspected", "refunded"});
  Json stored = Ok(srv_.Get("/api/v1/after-sales/" + opened.body["id"].get<std::string>(), ann_), 200);
  EXPECT_EQ(stored["decision"]["deductions"], opened.body["decision"]["deductions"]);

  // The shoes next: the whole order is back, and the shipping was deducted already.
  Json shoes = {{"line", 2}, {"kind", "return_refund"}, {"reason", "no_reason"}};
  Json second = Ok(srv_.Post("/api/v1/tickets/" + t + "/after-sales/preview", cus_, shoes), 200);
  EXPECT_EQ(second["max_refund_fen"], 18687);
  EXPECT_TRUE(second["deductions"].empty());
}

// A gift has no price of its own and names a line that is not a gift.
TEST_F(AfterSalesLawApiTest, AGiftLineIsChecked) {
  Json gift = Item("GIFT-1", "赠品", 1, 500, "apparel");
  gift["gift_of"] = 1;
  Json body = {{"customer", srv_.CustomerOf("cus")},
               {"items", Json::array({Item("A-1", "外套", 1, 29900, "apparel"), gift})}};
  HttpResult priced = srv_.Post("/api/v1/orders", lead_, body);
  EXPECT_EQ(priced.status, 422) << Describe(priced);
  EXPECT_NE(priced.body["error"]["message"].get<std::string>().find("items[1].price_fen"),
            std::string::npos);
  body["items"][1]["price_fen"] = 0;
  body["items"][1]["gift_of"] = 2;
  EXPECT_EQ(srv_.Post("/api/v1/orders", lead_, body).status, 422);
  body["items"][1]["gift_of"] = 1;
  EXPECT_EQ(srv_.Post("/api/v1/orders", lead_, body).status, 201);
}

// A refund below what the policy allows names its basis and reason.
TEST_F(AfterSalesLawApiTest, AShortRefundNeedsItsReason) {
  std::string t = TicketAbout(Json::array({Item("TS-1", "T恤", 1, 19900, "apparel")}),
                              DeliveredOn("2026-11-22"));
  Json draft = {{"line", 1}, {"kind", "return_refund"}, {"reason", "no_reason"}, {"refund_fen", 18000}};
  HttpResult bare = Open(t, ann_, draft);
  EXPECT_EQ(bare.status, 422) << Describe(bare);
  EXPECT_EQ(bare.body["error"]["code"], "deduction_reason_required");
  draft["deduction_basis"] = "bogus";
  EXPECT_EQ(Open(t, ann_, draft).status, 422);
  draft["deduction_basis"] = "free_shipping_threshold";
  draft["deduction_reason"] = "退货后订单不满99元包邮，扣除首单运费19元";
  HttpResult ok = Open(t, ann_, draft);
  ASSERT_EQ(ok.status, 201) << Describe(ok);
  EXPECT_EQ(ok.body["refund_fen"], 18000);
  EXPECT_EQ(ok.body["deduction_basis"], "free_shipping_threshold");
  EXPECT_EQ(ok.body["deduction_reason"], "退货后订单不满99元包邮，扣除首单运费19元");
}

// CRPL Art. 55: three times the price, at least ¥500; evidence first, a
// lead decides, the claim is audited and may pay above the price.
TEST_F(AfterSalesLawApiTest, AFraudClaimGoesToALeadWithEvidence) {
  std::string t = TicketAbout(Json::array({Item("BG-1", "真皮包（实为仿品）", 1, 39900, "accessories")}),
                              DeliveredOn("2026-11-22"));
  Json draft = {{"line", 1}, {"kind", "refund_only"}, {"reason", "fraud"}};
  HttpResult bare = Open(t, ann_, draft);
  EXPECT_EQ(bare.status, 422) << Describe(bare);
  EXPECT_EQ(bare.body["error"]["code"], "evidence_required");
  EXPECT_TRUE(Audit("after_sales.punitive_claim").empty());

  draft["evidence"] = "鉴定报告：非真皮，商品页标注“头层牛皮”";
  HttpResult opened = Open(t, ann_, draft);
  ASSERT_EQ(opened.status, 201) << Describe(opened);
  EXPECT_EQ(opened.body["decision"]["rule"], "fraud_punitive");
  EXPECT_EQ(opened.body["decision"]["punitive_fen"], 119700);
  EXPECT_EQ(opened.body["refund_fen"], 39900 + 119700);
  EXPECT_TRUE(opened.body["decision"]["lead_required"].get<bool>());
  EXPECT_EQ(Audit("after_sales.punitive_claim").size(), 1u);
  std::string id = opened.body["id"];

  HttpResult by_agent = MoveRequest(id, ann_, {{"to", "approved"}, {"reason", "同意"}});
  EXPECT_EQ(by_agent.status, 403) << Describe(by_agent);
  Ok(MoveRequest(id, lead_, {{"to", "approved"}, {"reason", "证据充分，退一赔三"}}), 200);
  Json refunded = Ok(MoveRequest(id, lead_, {{"to", "refunded"}, {"reason", "原路退回并赔偿"}}), 200);
  EXPECT_EQ(refunded["refund_fen"], 159600);
  auto issued = Audit("refund.issued");
  ASSERT_EQ(issued.size(), 1u);
  EXPECT_NE(issued[0].detail.find("\"punitive_fen\":119700"), std::string::npos) << issued[0].detail;
  // The dashboard counts the claim apart, with what it claimed and paid.
  Json dash = Ok(srv_.Get("/api/v1/reports/dashboard?days=7", boss_), 200);
  const Json& p = dash["after_sales"]["punitive"];
  EXPECT_EQ(p["claims"], 1) << dash["after_sales"].dump();
  EXPECT_EQ(p["refunded"], 1);
  EXPECT_EQ(p["open"], 0);
  EXPECT_EQ(p["claimed_fen"], 119700);
  EXPECT_EQ(p["paid_fen"], 119700);
  EXPECT_EQ(dash["after_sales"]["by_reason"]["fraud"], 1);
  EXPECT_EQ(dash["after_sales"]["refunded"]["amount_fen"], 159600);
}

// A merchant's policy that narrows a right is refused, naming the field, and
// the policy in force is unchanged.
TEST_F(AfterSalesLawApiTest, APolicyThatNarrowsARightIsRefused) {
  HttpResult before = srv_.Get("/api/v1/after-sales-policy", boss_);
  for (const char* doc : {R"({"categories": {"apparel": {"nature": "perishable"}}})",
                          R"({"categories": {"phones": {"warranty_days": 0}}})",
                          R"({"markets": {"cn": {"utc_offset_minutes": 840}}})",
                          R"({"markets": {"cn": {"cross_border": true, "no_reason_days": 0}}})"}) {
    HttpResult r = srv_.Put("/api/v1/after-sales-policy", boss_, Json::parse(doc));
    EXPECT_EQ(r.status, 422) << doc << ": " << Describe(r);
  }
  HttpResult after = srv_.Get("/api/v1/after-sales-policy", boss_);
  EXPECT_EQ(after.status, before.status);
  EXPECT_EQ(after.body, before.body);
}

}  // namespace
}  // namespace kefu::testing
