// What goes back to a buyer never exceeds what they paid: after-sales
// refunds and money-back compensation are counted together, whichever comes
// first, and a refused payout changes nothing.
#include <gtest/gtest.h>

#include "api/app.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

const Actor kManager{"boss", Role::kManager, ""};

class MoneyBackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(OpenSqliteStore({dir_.File("kefu.db"), 2, &DefaultSearchAnalyzer()})).value();
    app_ = std::make_unique<api::App>(*store_, clock_, api::AppOptions{});
    s_ = std::make_unique<api::Services>(app_->services());
    ASSERT_TRUE(app_->auth().AddUser({"boss", "password123", Role::kManager, "", ""}, kManager).ok());
    Customer c = *s_->customers.Create(kManager, Customer{"", "王芳", "", "", Tier::kNormal, {}});
    Order o;
    o.customer_id = c.id;
    o.items = {{"SKU-1", "保温杯", 1, 10000, "", false}};  // ¥100 paid
    o.paid_at = Timestamp{clock_.Now().unix_ms - 3 * kDay};
    o.shipped_at = Timestamp{clock_.Now().unix_ms - 2 * kDay};
    o.delivered_at = Timestamp{clock_.Now().unix_ms - kDay};
    order_ = s_->customers.CreateOrder(kManager, o)->id;
    NewTicket n;
    n.subject = "杯子漏水";
    n.customer_id = c.id;
    n.order_id = order_;
    ticket_ = s_->tickets.Create(kManager, n, "", "")->ticket.id;
  }

  StatusOr<Compensation> PartialRefund(int64_t fen) {
    return s_->compensations.Request(kManager, ticket_,
                                     {CompensationKind::kPartialRefund, fen, "漏水补偿"});
  }
  // A quality-fault return taken to `received`.
  AfterSalesRequest Received() {
    AfterSalesDraft d;
    d.line = 1;
    d.reason = AfterSalesReason::kQualityFault;
    AfterSalesRequest r = *s_->after_sales.Open(kManager, ticket_, d);
    for (auto to : {AfterSalesStatus::kApproved, AfterSalesStatus::kAwaitingReturnShipment,
                    AfterSalesStatus::kReceived, AfterSalesStatus::kInspected}) {
      r = *s_->after_sales.Move(kManager, r.id, AfterSalesMove{to, "已核实", "", std::nullopt}, {});
    }
    return r;
  }
  int64_t Refunded() {
    return s_->customers.Overview(kManager, s_->tickets.Get(kManager, ticket_)->customer_id)
        ->refunded_fen;
  }

  static constexpr int64_t kDay = 86'400'000;
  testing::TempDir dir_;
  FakeClock clock_{*ParseIso8601("2026-11-20T02:00:00Z")};
  std::unique_ptr<Store> store_;
  std::unique_ptr<api::App> app_;
  std::unique_ptr<api::Services> s_;
  std::string order_, ticket_;
};

TEST_F(MoneyBackTest, ARefundAfterAPartialRefundIsCappedAtWhatIsLeft) {
  ASSERT_EQ(PartialRefund(8000)->status, CompensationStatus::kApproved);
  AfterSalesRequest r = Received();
  EXPECT_EQ(r.refund_fen, 10000);  // the line's price: the policy does not know of payouts
  auto full = s_->after_sales.Move(kManager, r.id,
                                   AfterSalesMove{AfterSalesStatus::kRefunded, "退款", "", std::nullopt},
                                   {});
  ASSERT_FALSE(full.ok());
  EXPECT_EQ(full.status().reason(), "refund_exceeds_paid");
  EXPECT_EQ(s_->after_sales.Get(kManager, r.id)->status, AfterSalesStatus::kInspected);
  EXPECT_EQ(Refunded(), 0);
  auto rest = s_->after_sales.Move(kManager, r.id,
                                   AfterSalesMove{AfterSalesStatus::kRefunded, "退款", "", 2000}, {});
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ(Refunded(), 2000);
}

TEST_F(MoneyBackTest, APartialRefundAfterARefundIsCappedToo) {
  AfterSalesRequest r = Received();
  ASSERT_TRUE(s_->after_sales
                  .Move(kManager, r.id,
                        AfterSalesMove{AfterSalesStatus::kRefunded, "退款", "", 9000}, {})
                  .ok());
  auto over = PartialRefund(1001);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().reason(), "refund_exceeds_paid");
  EXPECT_TRUE(s_->compensations.List(kManager, {})->items.empty());
  EXPECT_EQ(PartialRefund(1000)->status, CompensationStatus::kApproved);
  // A coupon is not money back: it does not count.
  EXPECT_TRUE(s_->compensations
                  .Request(kManager, ticket_, {CompensationKind::kCoupon, 5000, "致歉券"})
                  .ok());
}

}  // namespace
}  // namespace kefu
