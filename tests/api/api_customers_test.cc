// Customers and orders: creation, the customer view with its tickets and
// orders, order totals in integer fen and the validation of orders.
#include <gtest/gtest.h>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

Json Item(const std::string& sku, Json quantity, Json price_fen) {
  return Json{
      {"sku", sku}, {"name", "商品" + sku}, {"quantity", quantity}, {"price_fen", price_fen}};
}

TEST(ApiCustomersTest, CreateAndReadACustomer) {
  ApiWorld w;
  HttpResult r = w.Post("/api/v1/customers", w.Token(Who::kLead),
                        Json{{"name", "  王芳 "},
                             {"phone", "13812345678"},
                             {"email", "wang@example.com"},
                             {"tier", "vip"}});
  ASSERT_EQ(r.status, 201) << Describe(r);
  std::string id = r.body["id"];
  EXPECT_EQ(id.rfind("C-", 0), 0u) << id;
  EXPECT_EQ(r.Header("Location"), "/api/v1/customers/" + id);
  EXPECT_EQ(r.body["name"], "王芳") << "the name is trimmed";
  EXPECT_EQ(r.body["tier"], "vip");
  EXPECT_TRUE(r.body["created_at"].is_string());

  HttpResult got = w.Get("/api/v1/customers/" + id, w.Token(Who::kManager));
  ASSERT_EQ(got.status, 200) << Describe(got);
  for (const char* key : {"id", "name", "phone", "email", "tier", "created_at"}) {
    EXPECT_EQ(got.body[key], r.body[key]) << key;
  }
  EXPECT_EQ(got.body["tickets"], Json::array());
  EXPECT_EQ(got.body["orders"], Json::array());

  // Optional fields are null when absent; the tier defaults to normal.
  HttpResult bare = w.Post("/api/v1/customers", w.Token(Who::kAgentA), Json{{"name", "李雷"}});
  ASSERT_EQ(bare.status, 201) << Describe(bare);
  EXPECT_TRUE(bare.body["phone"].is_null());
  EXPECT_TRUE(bare.body["email"].is_null());
  EXPECT_EQ(bare.body["tier"], "normal");
}

TEST(ApiCustomersTest, CustomerViewHoldsItsTicketsAndOrdersNewestFirst) {
  ApiWorld w;
  std::string me = w.CustomerId(Who::kCust1);
  std::string other = w.CustomerId(Who::kCust2);
  Json o1 = w.NewOrder({{"customer", me}, {"items", Json::array({Item("A", 1, 100)})}});
  Json o2 = w.NewOrder({{"customer", me}, {"items", Json::array({Item("B", 2, 250)})}});
  w.NewOrder({{"customer", other}, {"items", Json::array({Item("C", 1, 1)})}});
  std::string t1 = w.NewTicket(Who::kCust1, "第一单");
  std::string t2 = w.CreateTicket(
      Who::kAgentA, {{"subject", "关于订单"}, {"customer", me}, {"order", o2["id"]}})["id"];
  w.NewTicket(Who::kCust2, "别人的");

  for (Who who : {Who::kCust1, Who::kLead}) {
    SCOPED_TRACE(w.Login(who));
    HttpResult r = w.Get("/api/v1/customers/" + me, w.Token(who));
    ASSERT_EQ(r.status, 200) << Describe(r);
    ASSERT_EQ(r.body["tickets"].size(), 2u);
    EXPECT_EQ(r.body["tickets"][0]["id"], t2);
    EXPECT_EQ(r.body["tickets"][1]["id"], t1);
    EXPECT_EQ(r.body["tickets"][0]["order"], o2["id"]);
    ASSERT_EQ(r.body["orders"].size(), 2u);
    EXPECT_EQ(r.body["orders"][0]["id"], o2["id"]);
    EXPECT_EQ(r.body["orders"][1]["id"], o1["id"]);
    EXPECT_EQ(r.body["orders"][0]["total_fen"], 500);
  }
}

TEST(ApiCustomersTest, OrderTotalsAreExactIntegerFen) {
  ApiWorld w;
  std::string c = w.CustomerId(Who::kCust1);
  // 2 x ¥19.99 + 3 x ¥0.50 + a free gift = ¥41.48.
  Json o = w.NewOrder(
      {{"customer", c},
       {"items", Json::array({Item("MUG", 2, 1999), Item("BAG", 3, 50), Item("GIFT", 1, 0)})},
       {"carrier", "顺丰"},
       {"tracking_number", "SF1234567890"}});
  EXPECT_TRUE(o["total_fen"].is_number_integer());
  EXPECT_EQ(o["total_fen"], 4148);
  EXPECT_EQ(o["items"].size(), 3u);
  EXPECT_EQ(o["items"][0]["price_fen"], 1999);
  EXPECT_EQ(o["carrier"], "顺丰");
  // The largest allowed line: 100000 x ¥100,000,000 = 10^15 fen, exactly.
  Json big = w.NewOrder(
      {{"customer", c},
       {"items", Json::array({Item("GOLD", 100000, int64_t{10'000'000'000}), Item("PIN", 1, 1)})}});
  EXPECT_TRUE(big["total_fen"].is_number_integer());
  EXPECT_EQ(big["total_fen"].get<int64_t>(), int64_t{1'000'000'000'000'001});
  HttpResult raw = w.Get("/api/v1/orders/" + big["id"].get<std::string>(), w.Token(Who::kCust1));
  ASSERT_EQ(raw.status, 200) << Describe(raw);
  EXPECT_NE(raw.text.find("\"total_fen\":1000000000000001"), std::string::npos) << raw.text;
}

TEST(ApiCustomersTest, OrderTimesRoundTripInUtc) {
  ApiWorld w;
  Json o = w.NewOrder({{"customer", w.CustomerId(Who::kCust1)},
                       {"items", Json::array({Item("A", 1, 100)})},
                       {"paid_at", "2026-11-20T08:00:00+08:00"},
                       {"shipped_at", "2026-11-21T09:30:00Z"},
                       {"delivered_at", "2026-11-23T10:00:00.250Z"}});
  EXPECT_EQ(o["paid_at"], "2026-11-20T00:00:00.000Z");
  EXPECT_EQ(o["shipped_at"], "2026-11-21T09:30:00.000Z");
  EXPECT_EQ(o["delivered_at"], "2026-11-23T10:00:00.250Z");
  HttpResult got = w.Get("/api/v1/orders/" + o["id"].get<std::string>(), w.Token(Who::kLead));
  EXPECT_EQ(got.body, o);
}

TEST(ApiCustomersTest, InvalidOrdersAre422AndStoreNothing) {
  ApiWorld w;
  std::string c = w.CustomerId(Who::kCust1);
  const Json ok = Item("A", 1, 100);
  struct Case {
    std::string name;
    Json body;
  };
  auto with = [&](Json extra) {
    Json b = {{"customer", c}, {"items", Json::array({ok})}};
    for (auto& [k, v] : extra.items()) b[k] = v;
    return b;
  };
  const std::vector<Case> cases = {
      {"quantity 0", with({{"items", Json::array({Item("A", 0, 100)})}})},
      {"negative quantity", with({{"items", Json::array({Item("A", -1, 100)})}})},
      {"quantity over 100000", with({{"items", Json::array({Item("A", 100001, 100)})}})},
      {"negative price", with({{"items", Json::array({Item("A", 1, -1)})}})},
      {"price over the maximum",
       with({{"items", Json::array({Item("A", 1, int64_t{10'000'000'001})})}})},
      {"price in yuan as a fraction", with({{"items", Json::array({Item("A", 1, 19.99)})}})},
      {"quantity as a string", with({{"items", Json::array({Item("A", "2", 100)})}})},
      {"empty sku", with({{"items", Json::array({Item("", 1, 100)})}})},
      {"missing sku", with({{"items", Json::array({{{"quantity", 1}, {"price_fen", 1}}})}})},
      {"missing price", with({{"items", Json::array({{{"sku", "A"}, {"quantity", 1}}})}})},
      {"unknown item field",
       with({{"items",
              Json::array({{{"sku", "A"}, {"quantity", 1}, {"price_fen", 1}, {"discount", 5}}})}})},
      {"no items", with({{"items", Json::array()}})},
      {"items not an array", with({{"items", "A"}})},
      {"missing items", Json{{"customer", c}}},
      {"missing customer", Json{{"items", Json::array({ok})}}},
      {"unknown customer", with({{"customer", "C-999999"}})},
      {"delivered before shipped", with({{"paid_at", "2026-11-20T08:00:00Z"},
                                         {"shipped_at", "2026-11-21T08:00:00Z"},
                                         {"delivered_at", "2026-11-20T09:00:00Z"}})},
      {"shipped before paid",
       with({{"paid_at", "2026-11-20T08:00:00Z"}, {"shipped_at", "2026-11-19T08:00:00Z"}})},
      {"shipped without paid", with({{"shipped_at", "2026-11-21T08:00:00Z"}})},
      {"delivered without shipped",
       with({{"paid_at", "2026-11-20T08:00:00Z"}, {"delivered_at", "2026-11-21T08:00:00Z"}})},
      {"month 13", with({{"paid_at", "2026-13-01T00:00:00Z"}})},
      {"not a time", with({{"paid_at", "yesterday"}})},
      {"time without zone", with({{"paid_at", "2026-11-20T08:00:00"}})},
      {"unknown field", with({{"coupon", "X"}})},
      {"101 items", with({{"items", Json(std::vector<Json>(101, ok))}})},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.name + ": " + k.body.dump());
    Json before = w.Snapshot();
    EXPECT_TRUE(
        IsError(w.Post("/api/v1/orders", w.Token(Who::kLead), k.body), 422, "validation_failed"));
    EXPECT_EQ(w.Snapshot(), before);
  }
  // The control: the valid base order is accepted.
  HttpResult good = w.Post("/api/v1/orders", w.Token(Who::kLead), with(Json::object()));
  EXPECT_EQ(good.status, 201) << Describe(good);
  HttpResult hundred = w.Post("/api/v1/orders", w.Token(Who::kLead),
                              with({{"items", Json(std::vector<Json>(100, ok))}}));
  EXPECT_EQ(hundred.status, 201) << Describe(hundred);
}

TEST(ApiCustomersTest, OrderListsAndFilters) {
  ApiWorld w;
  std::string c1 = w.CustomerId(Who::kCust1), c2 = w.CustomerId(Who::kCust2);
  std::vector<std::string> mine, theirs;
  for (int i = 0; i < 3; ++i) {
    mine.push_back(w.NewOrder({{"customer", c1}, {"items", Json::array({Item("A", 1, 1)})}})["id"]);
    theirs.push_back(
        w.NewOrder({{"customer", c2}, {"items", Json::array({Item("B", 1, 1)})}})["id"]);
  }
  auto ids = [&](Who who, const std::string& q) {
    HttpResult r = w.Get("/api/v1/orders" + q, w.Token(who));
    EXPECT_EQ(r.status, 200) << Describe(r);
    return ItemIds(r.body);
  };
  std::vector<std::string> mine_desc(mine.rbegin(), mine.rend());
  std::vector<std::string> theirs_desc(theirs.rbegin(), theirs.rend());
  EXPECT_EQ(ids(Who::kCust1, ""), mine_desc);
  EXPECT_EQ(ids(Who::kCust1, "?customer=" + c2), std::vector<std::string>{});
  EXPECT_EQ(ids(Who::kAgentA, "?customer=" + c2), theirs_desc);
  EXPECT_EQ(ids(Who::kAgentA, "").size(), 6u);
  // Pages of two walk the customer's three orders.
  HttpResult p1 = w.Get("/api/v1/orders?limit=2", w.Token(Who::kCust1));
  ASSERT_TRUE(p1.body["next_cursor"].is_string()) << p1.text;
  HttpResult p2 =
      w.Get("/api/v1/orders?limit=2&cursor=" + p1.body["next_cursor"].get<std::string>(),
            w.Token(Who::kCust1));
  EXPECT_EQ(ItemIds(p2.body), std::vector<std::string>{mine.front()});
  EXPECT_TRUE(p2.body["next_cursor"].is_null());
}

}  // namespace
}  // namespace kefu::testing
