// What order lines cost: discounts spread over the lines, units paid in
// proportion, gifts following their main line, and the order's money checks.
#include <gtest/gtest.h>

#include "core/money.h"
#include "core/order_money.h"
#include "core/validation.h"

namespace kefu {
namespace {

OrderItem Line(int64_t qty, int64_t price, int gift_of = 0, int64_t gift_value = 0) {
  OrderItem it;
  it.sku = "SKU";
  it.quantity = qty;
  it.price_fen = price;
  it.gift_of = gift_of;
  it.gift_value_fen = gift_value;
  return it;
}

// The demo's order: a dress (¥129), shoes (¥199) and a gift, ¥20 off.
Order DressShoesGift() {
  Order o;
  o.customer_id = "C-000001";
  o.items = {Line(1, 12900), Line(1, 19900), Line(1, 0, 1, 990)};
  o.discount_fen = 2000;
  return o;
}

TEST(SpreadDiscount, ProportionalWithLargestRemainders) {
  Order o = DressShoesGift();
  SpreadDiscount(o);
  // 2000 * 12900 / 32800 = 786.59, 2000 * 19900 / 32800 = 1213.41: the
  // left-over fen goes to the larger remainder (the dress).
  EXPECT_EQ(o.items[0].discount_fen, 787);
  EXPECT_EQ(o.items[1].discount_fen, 1213);
  EXPECT_EQ(o.items[2].discount_fen, 0);  // gifts carry no share
  EXPECT_TRUE(ValidateOrder(o).ok());
  EXPECT_EQ(o.TotalFen(), 32800 - 2000);
  EXPECT_EQ(GoodsPaidFen(o), 30800);
}

TEST(SpreadDiscount, EqualRemaindersGoToTheEarlierLine) {
  Order o;
  o.items = {Line(1, 100), Line(1, 100), Line(1, 100)};
  o.discount_fen = 100;  // 33.33 each: one fen left over
  SpreadDiscount(o);
  EXPECT_EQ(o.items[0].discount_fen, 34);
  EXPECT_EQ(o.items[1].discount_fen, 33);
  EXPECT_EQ(o.items[2].discount_fen, 33);
}

TEST(SpreadDiscount, LeavesSharesTheOrderAlreadyCarries) {
  Order o = DressShoesGift();
  o.items[1].discount_fen = 2000;  // the whole discount was the shoes' coupon
  SpreadDiscount(o);
  EXPECT_EQ(o.items[0].discount_fen, 0);
  EXPECT_EQ(o.items[1].discount_fen, 2000);
  EXPECT_TRUE(ValidateOrderMoney(o).ok());
}

TEST(PaidForUnits, UnitsCountedOneRequestAtATimeAddUpToTheLine) {
  OrderItem it = Line(3, 10000);
  it.discount_fen = 1000;  // 29000 for three
  int64_t first = PaidForUnits(it, 0, 1);
  int64_t second = PaidForUnits(it, 1, 1);
  int64_t third = PaidForUnits(it, 2, 1);
  EXPECT_EQ(first, 9666);
  EXPECT_EQ(second, 9667);
  EXPECT_EQ(third, 9667);
  EXPECT_EQ(first + second + third, LinePaidFen(it));
  EXPECT_EQ(PaidForUnits(it, 0, 3), 29000);
  EXPECT_EQ(PaidForUnits(it, 2, 5), 9667);  // more than is left: what is left
  EXPECT_EQ(PaidForUnits(it, 0, 0), 0);
}

TEST(PaidForUnits, LargestLinesDoNotOverflow) {
  OrderItem it = Line(kMaxQuantity, kMaxPriceFen);
  it.discount_fen = 1;
  EXPECT_EQ(PaidForUnits(it, 0, kMaxQuantity), kMaxQuantity * kMaxPriceFen - 1);
  // The running total rounds down: the first unit carries the fen off.
  EXPECT_EQ(PaidForUnits(it, 0, 1), kMaxPriceFen - 1);
  EXPECT_EQ(PaidForUnits(it, kMaxQuantity - 1, 1), kMaxPriceFen);
}

TEST(GiftUnitsDue, GiftsFollowTheMainUnitsInProportion) {
  // One gift with two units: it comes back with the second unit returned.
  EXPECT_EQ(GiftUnitsDue(1, 2, 0, 1), 0);
  EXPECT_EQ(GiftUnitsDue(1, 2, 1, 1), 1);
  EXPECT_EQ(GiftUnitsDue(1, 2, 0, 2), 1);
  // A gift per unit.
  EXPECT_EQ(GiftUnitsDue(3, 3, 0, 2), 2);
  EXPECT_EQ(GiftUnitsDue(3, 3, 2, 1), 1);
  EXPECT_EQ(GiftUnitsDue(0, 3, 0, 1), 0);
}

struct BadOrder {
  const char* name;
  void (*change)(Order&);
  const char* field;  // named in the message
};

const BadOrder kBadOrders[] = {
    {"GiftOfItself", [](Order& o) { o.items[2].gift_of = 3; }, "items[2].gift_of"},
    {"GiftOfNoLine", [](Order& o) { o.items[2].gift_of = 9; }, "items[2].gift_of"},
    {"GiftOfAGift",
     [](Order& o) {
       o.items.push_back(Line(1, 0, 3, 100));
     },
     "items[3].gift_of"},
    {"GiftWithAPrice", [](Order& o) { o.items[2].price_fen = 100; }, "items[2].price_fen"},
    {"GiftValueOnAnOrdinaryLine", [](Order& o) { o.items[0].gift_value_fen = 100; },
     "items[0].gift_value_fen"},
    {"DiscountAboveTheLine", [](Order& o) { o.items[0].discount_fen = 12901; },
     "items[0].discount_fen"},
    {"SharesDoNotAddUp", [](Order& o) { o.items[0].discount_fen = 100; }, "items[].discount_fen"},
    {"DiscountAboveTheGoods", [](Order& o) { o.discount_fen = 32801; }, "discount_fen"},
    {"NegativeShipping", [](Order& o) { o.shipping_fee_fen = -1; }, "shipping_fee_fen"},
    {"WaivedWithoutThreshold", [](Order& o) { o.shipping_waived_fen = 1000; },
     "shipping_waived_fen"},
    {"WaivedBelowThreshold",
     [](Order& o) {
       o.free_shipping_threshold_fen = 40000;
       o.shipping_waived_fen = 1000;
     },
     "shipping_waived_fen"},
    {"WaivedAndCharged",
     [](Order& o) {
       o.free_shipping_threshold_fen = 29900;
       o.shipping_waived_fen = 1000;
       o.shipping_fee_fen = 1000;
     },
     "shipping_fee_fen"},
};

class OrderMoneyRefusal : public ::testing::TestWithParam<BadOrder> {};

TEST_P(OrderMoneyRefusal, NamesTheField) {
  Order o = DressShoesGift();
  o.discount_fen = 0;
  GetParam().change(o);
  Status st = ValidateOrder(o);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kValidation);
  EXPECT_NE(st.message().find(GetParam().field), std::string::npos) << st.message();
}

INSTANTIATE_TEST_SUITE_P(Orders, OrderMoneyRefusal, ::testing::ValuesIn(kBadOrders),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(OrderMoney, TheDemoOrderWithFreeShippingIsValid) {
  Order o = DressShoesGift();
  o.free_shipping_threshold_fen = 29900;
  o.shipping_waived_fen = 1000;
  SpreadDiscount(o);
  EXPECT_TRUE(ValidateOrder(o).ok()) << ValidateOrder(o).message();
}

}  // namespace
}  // namespace kefu
