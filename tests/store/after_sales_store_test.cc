// The Store contract for orders' after-sales requests and compensation
// (store.h, from SetOrderDelivered on), run against every backend.
// Shipments, tracking events, job marks and notifications are in
// logistics_store_test.cc; the fixture is in after_sales_fixture.h.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "core/after_sales.h"
#include "core/compensation.h"
#include "store/after_sales_fixture.h"
#include "store/store.h"

namespace kefu {
namespace {

TEST_P(AfterSalesStoreTest, SetOrderDeliveredSetsTheDatesOnlyOnce) {
  std::string c = AddCustomer("王芳");
  Order unshipped = AddOrder(c, Timestamp{10});
  Order shipped = AddOrder(c, Timestamp{10}, Timestamp{50});
  auto txn = Write();
  ASSERT_TRUE(store_->SetOrderDelivered(*txn, unshipped.id, Timestamp{100}).ok());
  ASSERT_TRUE(store_->SetOrderDelivered(*txn, shipped.id, Timestamp{100}).ok());
  // A second delivery (a late or repeated carrier event) changes nothing.
  ASSERT_TRUE(store_->SetOrderDelivered(*txn, unshipped.id, Timestamp{200}).ok());
  EXPECT_EQ(store_->SetOrderDelivered(*txn, "O-000999", Timestamp{100}).code(),
            StatusCode::kNotFound);
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  Order a = *store_->GetOrder(*r, unshipped.id);
  EXPECT_EQ(Ms(a.delivered_at), 100);
  EXPECT_TRUE(a.shipped_at.has_value());
  EXPECT_EQ(Ms(a.paid_at), 10);
  Order b = *store_->GetOrder(*r, shipped.id);
  EXPECT_EQ(Ms(b.delivered_at), 100);
  EXPECT_EQ(Ms(b.shipped_at), 50);
  EXPECT_EQ(StatusOf(a), OrderStatus::kDelivered);
}

// Filled-in dates keep every stored order's paid_at <= shipped_at <=
// delivered_at (core/validation.cc: "shipped_at needs paid_at and must not
// be before it"), also for an order paid after it was created.
TEST_P(AfterSalesStoreTest, SetOrderDeliveredKeepsTheOrderDatesInOrder) {
  std::string c = AddCustomer("王芳");
  Order o = AddOrder(c, Timestamp{10});  // created at 5, paid at 10
  auto txn = Write();
  ASSERT_TRUE(store_->SetOrderDelivered(*txn, o.id, Timestamp{100}).ok());
  Order got = *store_->GetOrder(*txn, o.id);
  ASSERT_TRUE(got.shipped_at.has_value());
  EXPECT_GE(Ms(got.shipped_at), Ms(got.paid_at)) << "shipped before it was paid";
  EXPECT_LE(Ms(got.shipped_at), Ms(got.delivered_at));
}

TEST_P(AfterSalesStoreTest, AfterSalesRoundTripsEveryField) {
  Ticket t = AddOrderWithTicket("王芳");
  AfterSalesRequest r = FullRequest(1, t);
  InsertRequests({r});
  {
    auto rd = Read();
    auto got = store_->GetAfterSales(*rd, r.id);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ExpectSameRequest(*got, r);
  }
  // Every field changes, and the optional instants go back to unset.
  AfterSalesRequest u = r;
  u.line = 2;
  u.quantity = 1;
  u.kind = AfterSalesKind::kRefundOnly;
  u.reason = AfterSalesReason::kNotDelivered;
  u.status = AfterSalesStatus::kCancelled;
  u.note = "不要了";
  u.decision = PolicyDecision{};
  u.decision.rule = "excluded_perishable";
  u.decision.article = "CRPL Art. 25";
  u.decision.return_shipping = Payer::kBuyer;
  u.decision.duties = Payer::kMerchant;
  u.decision.max_refund_fen = 500;
  u.decision.explanation_zh = "生鲜不适用";
  u.decision.explanation_en = "Perishable goods";
  u.refund_fen = 0;
  u.return_tracking = "";
  u.requested_by = "li.na";
  u.decided_by = "zhao.lei";
  u.decision_reason = "客户撤回";
  u.created_at = Timestamp{101};
  u.updated_at = Timestamp{201};
  u.received_at = std::nullopt;
  u.refund_due = std::nullopt;
  u.refunded_at = std::nullopt;
  u.version = r.version + 1;
  auto txn = Write();
  ASSERT_TRUE(store_->UpdateAfterSales(*txn, u, r.version).ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto rd = Read();
  ExpectSameRequest(*store_->GetAfterSales(*rd, r.id), u);
}

TEST_P(AfterSalesStoreTest, StaleAfterSalesUpdatesAreRefusedAndChangeNothing) {
  Ticket t = AddOrderWithTicket("王芳");
  AfterSalesRequest r = FullRequest(1, t);
  InsertRequests({r});
  auto txn = Write();
  AfterSalesRequest u = r;
  u.status = AfterSalesStatus::kRefunded;
  u.note = "改过";
  u.version = r.version + 1;
  for (int64_t stale : {r.version - 1, r.version + 1}) {
    Status st = store_->UpdateAfterSales(*txn, u, stale);
    EXPECT_EQ(st.code(), StatusCode::kAborted);
    EXPECT_EQ(st.reason(), "stale_version");
  }
  ExpectSameRequest(*store_->GetAfterSales(*txn, r.id), r);
  ASSERT_TRUE(store_->UpdateAfterSales(*txn, u, r.version).ok());
  // The first writer wins: the same expected version is now stale.
  EXPECT_EQ(store_->UpdateAfterSales(*txn, u, r.version).reason(), "stale_version");
  ExpectSameRequest(*store_->GetAfterSales(*txn, r.id), u);
}

TEST_P(AfterSalesStoreTest, RefundAboveTheMaximumIsRefusedBySchema) {
  Ticket t = AddOrderWithTicket("王芳");
  auto txn = Write();
  AfterSalesRequest over = FullRequest(1, t);
  over.refund_fen = over.decision.max_refund_fen + 1;
  EXPECT_FALSE(store_->InsertAfterSales(*txn, over).ok());
  EXPECT_EQ(store_->GetAfterSales(*txn, over.id).status().code(), StatusCode::kNotFound);
  AfterSalesRequest r = FullRequest(2, t);
  r.refund_fen = r.decision.max_refund_fen;  // the maximum itself is fine
  ASSERT_TRUE(store_->InsertAfterSales(*txn, r).ok());
  AfterSalesRequest u = r;
  u.refund_fen = r.decision.max_refund_fen + 1;
  u.version = r.version + 1;
  EXPECT_FALSE(store_->UpdateAfterSales(*txn, u, r.version).ok());
  ExpectSameRequest(*store_->GetAfterSales(*txn, r.id), r);
  ASSERT_TRUE(txn->Commit().ok());
}

TEST_P(AfterSalesStoreTest, MissingRecordsAreNotFound) {
  auto r = Read();
  EXPECT_EQ(store_->GetAfterSales(*r, "A-000404").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetCompensation(*r, "P-000404").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetShipment(*r, "S-000404").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->FindShipment(*r, "SF", "404").status().code(), StatusCode::kNotFound);
}

TEST_P(AfterSalesStoreTest, ListAfterSalesFiltersAndPagesNewestFirst) {
  Ticket ta = AddOrderWithTicket("王芳"), tb = AddOrderWithTicket("李雷");
  auto make = [](int64_t seq, const Ticket& t, AfterSalesStatus s, std::optional<int64_t> due) {
    AfterSalesRequest r = FullRequest(seq, t);
    r.status = s;
    r.refund_due = due ? std::optional<Timestamp>(Timestamp{*due}) : std::nullopt;
    return r;
  };
  using S = AfterSalesStatus;
  InsertRequests({make(1, ta, S::kRequested, std::nullopt), make(2, tb, S::kReceived, 100),
                  make(3, ta, S::kInspected, 50), make(4, tb, S::kRefunded, 10),
                  make(5, ta, S::kReceived, 300), make(6, ta, S::kRejected, 40)});
  auto r = Read();
  auto list = [&](auto set) {
    AfterSalesFilter f;
    set(f);
    return Ids(store_->ListAfterSales(*r, f));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(list([](auto&) {}),
            (V{"A-000006", "A-000005", "A-000004", "A-000003", "A-000002", "A-000001"}));
  EXPECT_EQ(list([&](auto& f) { f.ticket_id = ta.id; }),
            (V{"A-000006", "A-000005", "A-000003", "A-000001"}));
  EXPECT_EQ(list([&](auto& f) { f.order_id = tb.order_id; }), (V{"A-000004", "A-000002"}));
  EXPECT_EQ(list([&](auto& f) { f.customer_id = tb.customer_id; }), (V{"A-000004", "A-000002"}));
  EXPECT_EQ(list([](auto& f) { f.status = S::kReceived; }), (V{"A-000005", "A-000002"}));
  EXPECT_EQ(list([&](auto& f) {
              f.status = S::kReceived;
              f.ticket_id = ta.id;
            }),
            (V{"A-000005"}));
  // Overdue: received or inspected (not refunded, not rejected) and due before.
  EXPECT_EQ(list([](auto& f) { f.refund_overdue_at = Timestamp{200}; }),
            (V{"A-000003", "A-000002"}));
  EXPECT_EQ(list([](auto& f) { f.refund_overdue_at = Timestamp{50}; }), V{});
  EXPECT_EQ(list([](auto& f) { f.refund_overdue_at = Timestamp{51}; }), (V{"A-000003"}));
  EXPECT_EQ(list([](auto& f) {
              f.before_seq = 5;
              f.limit = 2;
            }),
            (V{"A-000004", "A-000003"}));
  EXPECT_EQ(list([&](auto& f) {
              f.ticket_id = ta.id;
              f.before_seq = 5;
            }),
            (V{"A-000003", "A-000001"}));
  EXPECT_EQ(list([](auto& f) { f.ticket_id = "T-000999"; }), V{});
  EXPECT_EQ(list([](auto& f) { f.customer_id = "not-an-id"; }), V{});
}

TEST_P(AfterSalesStoreTest, CompensationRoundTripsAndRefusesStaleVersions) {
  Ticket t = AddOrderWithTicket("王芳");
  Compensation c =
      FullCompensation(1, t, "after-sales", 3000, CompensationStatus::kPendingApproval, std::nullopt);
  InsertCompensations({c});
  auto txn = Write();
  ExpectSameCompensation(*store_->GetCompensation(*txn, c.id), c);
  Compensation u = c;
  u.team = "vip";
  u.kind = CompensationKind::kPartialRefund;
  u.amount_fen = 2500;
  u.reason = "部分退款";
  u.status = CompensationStatus::kApproved;
  u.pending_reason = "";
  u.requested_by = "zhao.lei";
  u.requested_role = Role::kManager;
  u.decided_by = "wang.qiang";
  u.decision_note = "批准";
  u.created_at = Timestamp{51};
  u.decided_at = Timestamp{90};
  u.version = c.version + 1;
  Status st = store_->UpdateCompensation(*txn, u, c.version - 1);
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(st.reason(), "stale_version");
  ExpectSameCompensation(*store_->GetCompensation(*txn, c.id), c);
  ASSERT_TRUE(store_->UpdateCompensation(*txn, u, c.version).ok());
  EXPECT_EQ(store_->UpdateCompensation(*txn, u, c.version).reason(), "stale_version");
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  ExpectSameCompensation(*store_->GetCompensation(*r, c.id), u);
}

TEST_P(AfterSalesStoreTest, ListCompensationsFiltersNewestFirst) {
  std::string a = AddCustomer("王芳");
  Ticket ta = AddOrderTicket(a, AddOrder(a).id);
  Ticket tc = AddTicket(a);  // not about an order
  Ticket tb = AddOrderWithTicket("李雷");
  using S = CompensationStatus;
  InsertCompensations({FullCompensation(1, ta, "after-sales", 100, S::kApproved, Timestamp{1}),
                       FullCompensation(2, tb, "vip", 100, S::kPendingApproval, std::nullopt),
                       FullCompensation(3, tc, "after-sales", 100, S::kRejected, Timestamp{1}),
                       FullCompensation(4, ta, "vip", 100, S::kApproved, Timestamp{1}),
                       FullCompensation(5, tb, "after-sales", 100, S::kApproved, Timestamp{1})});
  auto r = Read();
  auto list = [&](auto set) {
    CompensationFilter f;
    set(f);
    return Ids(store_->ListCompensations(*r, f));
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(list([](auto&) {}), (V{"P-000005", "P-000004", "P-000003", "P-000002", "P-000001"}));
  EXPECT_EQ(list([&](auto& f) { f.ticket_id = ta.id; }), (V{"P-000004", "P-000001"}));
  EXPECT_EQ(list([&](auto& f) { f.order_id = ta.order_id; }), (V{"P-000004", "P-000001"}));
  EXPECT_EQ(list([&](auto& f) { f.order_id = tb.order_id; }), (V{"P-000005", "P-000002"}));
  EXPECT_EQ(list([](auto& f) { f.team = "after-sales"; }), (V{"P-000005", "P-000003", "P-000001"}));
  EXPECT_EQ(list([&](auto& f) { f.customer_id = a; }), (V{"P-000004", "P-000003", "P-000001"}));
  EXPECT_EQ(list([](auto& f) { f.status = S::kApproved; }), (V{"P-000005", "P-000004", "P-000001"}));
  EXPECT_EQ(list([](auto& f) {
              f.team = "after-sales";
              f.status = S::kApproved;
            }),
            (V{"P-000005", "P-000001"}));
  EXPECT_EQ(list([](auto& f) {
              f.before_seq = 4;
              f.limit = 2;
            }),
            (V{"P-000003", "P-000002"}));
  EXPECT_EQ(list([](auto& f) { f.ticket_id = "T-000999"; }), V{});
}

TEST_P(AfterSalesStoreTest, SumApprovedCountsATeamsWindowOrATicket) {
  std::string c = AddCustomer("王芳");
  Ticket t1 = AddTicket(c), t2 = AddTicket(c);
  using S = CompensationStatus;
  InsertCompensations({FullCompensation(1, t1, "after-sales", 1000, S::kApproved, Timestamp{100}),
                       FullCompensation(2, t1, "after-sales", 2000, S::kApproved, Timestamp{199}),
                       FullCompensation(3, t2, "after-sales", 4000, S::kApproved, Timestamp{200}),
                       FullCompensation(4, t2, "after-sales", 8000, S::kApproved, Timestamp{99}),
                       FullCompensation(5, t1, "after-sales", 16000, S::kPendingApproval,
                                        std::nullopt),
                       FullCompensation(6, t2, "after-sales", 32000, S::kRejected, Timestamp{150}),
                       FullCompensation(7, t2, "vip", 64000, S::kApproved, Timestamp{150})});
  auto r = Read();
  auto sum = [&](const std::string& team, int64_t from, int64_t to, const std::string& ticket) {
    auto s = store_->SumApprovedCompensation(*r, team, Timestamp{from}, Timestamp{to}, ticket);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : -1;
  };
  EXPECT_EQ(sum("after-sales", 100, 200, ""), 1000 + 2000);  // [from, to)
  EXPECT_EQ(sum("after-sales", 0, 1000, ""), 1000 + 2000 + 4000 + 8000);
  EXPECT_EQ(sum("vip", 100, 200, ""), 64000);
  EXPECT_EQ(sum("nobody", 0, 1000, ""), 0);
  // By ticket: team and window are ignored; only approved amounts count.
  EXPECT_EQ(sum("vip", 0, 1, t1.id), 1000 + 2000);
  EXPECT_EQ(sum("", 0, 0, t2.id), 4000 + 8000 + 64000);
  EXPECT_EQ(sum("", 0, 0, "T-000999"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AfterSalesStoreTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory),
                         [](const auto& info) {
                           return info.param == Backend::kSqliteFile ? "SqliteFile" : "SqliteMemory";
                         });

}  // namespace
}  // namespace kefu
