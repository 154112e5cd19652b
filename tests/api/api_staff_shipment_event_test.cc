// Staff record what the carrier has not: a delivery with no 签收 record, a
// refusal (拒收), an exception. The event counts as a carrier's would (the
// order's delivery date, the ticket, the after-sales window), says who
// recorded it and why, and is audited; only staff may record one.
#include "api/after_sales_world.h"

namespace kefu::testing {
namespace {

class StaffShipmentEventTest : public AfterSalesApiTest {
 protected:
  void SetUp() override {
    order_ = NewOrder(srv_.CustomerOf("cus"), Json::array({Item("TS-1", "T恤", 1, 9900, "apparel")}),
                      ShippedOnly());
    ticket_ = NewTicket(cus_, {{"subject", "物流显示未签收，我已经拿到了"}, {"order", order_}});
    Take(ticket_, ann_);
    shipment_ = Ok(srv_.Post("/api/v1/shipments", ann_,
                             Json{{"order", order_}, {"carrier", "ZTO"}, {"tracking_number", "ZT700800900"}}),
                   201)
                    .value("id", "");
  }

  HttpResult Record(const std::string& token, const Json& body) {
    return srv_.Post("/api/v1/shipments/" + shipment_ + "/events", token, body);
  }

  std::string order_, ticket_, shipment_;
};

TEST_F(StaffShipmentEventTest, ADeliveryRecordedByHandOpensTheReturnWindow) {
  Json draft = {{"line", 1}, {"kind", "return_refund"}, {"reason", "no_reason"}};
  std::string preview = "/api/v1/tickets/" + ticket_ + "/after-sales/preview";
  EXPECT_EQ(Ok(srv_.Post(preview, ann_, draft), 200)["rule"], "not_delivered_yet");

  Json delivered = {{"status", "delivered"},
                    {"at", "2026-11-22T10:00:00+08:00"},
                    {"reason", "快递员电话确认已放驿站，顾客已取件"},
                    {"evidence", "驿站取件截图"}};
  HttpResult r = Record(ann_, delivered);
  ASSERT_EQ(r.status, 201) << Describe(r);
  EXPECT_EQ(r.body["shipment"]["status"], "delivered");
  EXPECT_EQ(r.body["tickets"], Json::array({ticket_}));

  // The order counts as delivered then: the no-reason window runs from it.
  Json order = Ok(srv_.Get("/api/v1/orders/" + order_, ann_), 200);
  EXPECT_EQ(order["delivered_at"], "2026-11-22T02:00:00.000Z");
  Json decision = Ok(srv_.Post(preview, ann_, draft), 200);
  EXPECT_EQ(decision["rule"], "no_reason_return") << decision.dump();
  EXPECT_FALSE(decision["needs_confirmation"].get<bool>());

  // The history says who recorded it and why; the customer sees the why only.
  Json staff_view = Ok(srv_.Get("/api/v1/shipments/" + shipment_, boss_), 200);
  ASSERT_EQ(staff_view["events"].size(), 1u);
  const Json& e = staff_view["events"][0];
  EXPECT_EQ(e["source"], "staff");
  EXPECT_EQ(e["recorded_by"], "ann");
  EXPECT_EQ(e["evidence"], "驿站取件截图");
  EXPECT_EQ(e["description"], "快递员电话确认已放驿站，顾客已取件");
  Json customer_view = Ok(srv_.Get("/api/v1/shipments/" + shipment_, cus_), 200);
  EXPECT_TRUE(customer_view["events"][0]["recorded_by"].is_null());
  EXPECT_TRUE(customer_view["events"][0]["evidence"].is_null());
  EXPECT_EQ(customer_view["events"][0]["source"], "staff");

  auto audit = Audit("shipment.staff_event");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "ann");
  EXPECT_NE(audit[0].detail.find("驿站取件截图"), std::string::npos) << audit[0].detail;
  std::vector<Json> news = Events(ticket_, boss_, "shipment");
  ASSERT_EQ(news.size(), 1u);
  EXPECT_EQ(news[0]["actor"], "ann");
}

TEST_F(StaffShipmentEventTest, ARefusalIsAnException) {
  HttpResult r = Record(lead_, {{"status", "exception"}, {"exception", "refused"}, {"reason", "顾客拒收"}});
  ASSERT_EQ(r.status, 201) << Describe(r);
  EXPECT_EQ(r.body["shipment"]["exception"], "refused");
  EXPECT_EQ(r.body["shipment"]["exception_label"], "拒收");
}

// Only staff record events; a bad event changes nothing.
TEST_F(StaffShipmentEventTest, RefusedWithoutSideEffects) {
  Json ok = {{"status", "delivered"}, {"reason", "电话确认"}};
  EXPECT_TRUE(IsError(Record(cus_, ok), 403, "forbidden"));
  EXPECT_EQ(srv_.Post("/api/v1/shipments/S-999999/events", ann_, ok).status, 404);
  struct Bad {
    const char* what;
    Json body;
  };
  const Bad bad[] = {
      {"no reason", {{"status", "delivered"}}},
      {"blank reason", {{"status", "delivered"}, {"reason", " \t"}}},
      {"exception without its kind", {{"status", "exception"}, {"reason", "x"}}},
      {"kind without exception", {{"status", "delivered"}, {"exception", "lost"}, {"reason", "x"}}},
      {"in the future", {{"status", "delivered"}, {"reason", "x"}, {"at", "2099-01-01T00:00:00Z"}}},
      {"a carrier's source", {{"status", "delivered"}, {"reason", "x"}, {"source", "carrier"}}},
      {"an unknown field", {{"status", "delivered"}, {"reason", "x"}, {"event_id", "mine"}}},
      {"an unknown status", {{"status", "teleported"}, {"reason", "x"}}},
  };
  for (const Bad& b : bad) {
    HttpResult r = Record(ann_, b.body);
    EXPECT_EQ(r.status, 422) << b.what << ": " << Describe(r);
  }
  Json view = Ok(srv_.Get("/api/v1/shipments/" + shipment_, boss_), 200);
  EXPECT_TRUE(view["events"].empty());
  EXPECT_EQ(view["status"], "created");
  EXPECT_TRUE(Audit("shipment.staff_event").empty());
  EXPECT_TRUE(Ok(srv_.Get("/api/v1/orders/" + order_, ann_), 200)["delivered_at"].is_null());
}

}  // namespace
}  // namespace kefu::testing
