// The Store contract for orders' after-sales life (store.h, from
// SetOrderDelivered on): after-sales requests, compensation, shipments and
// their tracking events, job marks and notifications, run against every
// backend.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "core/after_sales.h"
#include "core/compensation.h"
#include "core/logistics.h"
#include "store/conformance_fixture.h"
#include "store/store.h"

namespace kefu {
namespace {

// Runs `sql` on a second, raw connection to the file; returns SQLite's
// result code.
int RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rc;
}

// Optional instants as milliseconds (-1: none), for readable failures.
int64_t Ms(const std::optional<Timestamp>& t) { return t ? t->unix_ms : -1; }

template <typename T>
std::vector<std::string> Ids(const StatusOr<std::vector<T>>& rows) {
  std::vector<std::string> out;
  if (!rows.ok()) return {"error: " + rows.status().ToString()};
  for (const T& row : *rows) out.push_back(row.id);
  return out;
}

// A request on `t`'s order with every field set to a non-default value.
AfterSalesRequest FullRequest(int64_t seq, const Ticket& t) {
  AfterSalesRequest r;
  r.id = FormatId('A', seq);
  r.ticket_id = t.id;
  r.order_id = t.order_id;
  r.line = 1;
  r.quantity = 2;
  r.kind = AfterSalesKind::kExchange;
  r.reason = AfterSalesReason::kDamagedInTransit;
  r.status = AfterSalesStatus::kInspected;
  r.note = "外包装破损，杯盖裂开";
  PolicyDecision& d = r.decision;
  d.eligible = true;
  d.rule = "damaged_in_transit";
  d.article = "E-Commerce Law Art. 20";
  d.return_shipping = Payer::kMerchant;
  d.duties = Payer::kBuyer;
  d.return_required = true;
  d.window_ends = Timestamp{7000};
  d.max_refund_fen = 19800;
  d.explanation_zh = "运输破损由商家承担";
  d.explanation_en = "The merchant answers for transit damage";
  r.refund_fen = 15000;
  r.return_tracking = "SF1234567890";
  r.requested_by = "wangfang";
  r.decided_by = "li.na";
  r.decision_reason = "照片确认破损";
  r.created_at = Timestamp{100};
  r.updated_at = Timestamp{200};
  r.received_at = Timestamp{300};
  r.refund_due = Timestamp{400};
  r.refunded_at = Timestamp{500};
  r.version = 3;
  return r;
}

void ExpectSameRequest(const AfterSalesRequest& got, const AfterSalesRequest& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.ticket_id, want.ticket_id);
  EXPECT_EQ(got.order_id, want.order_id);
  EXPECT_EQ(got.line, want.line);
  EXPECT_EQ(got.quantity, want.quantity);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.reason, want.reason);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.note, want.note);
  EXPECT_EQ(got.decision.eligible, want.decision.eligible);
  EXPECT_EQ(got.decision.rule, want.decision.rule);
  EXPECT_EQ(got.decision.article, want.decision.article);
  EXPECT_EQ(got.decision.return_shipping, want.decision.return_shipping);
  EXPECT_EQ(got.decision.duties, want.decision.duties);
  EXPECT_EQ(got.decision.return_required, want.decision.return_required);
  EXPECT_EQ(Ms(got.decision.window_ends), Ms(want.decision.window_ends));
  EXPECT_EQ(got.decision.max_refund_fen, want.decision.max_refund_fen);
  EXPECT_EQ(got.decision.explanation_zh, want.decision.explanation_zh);
  EXPECT_EQ(got.decision.explanation_en, want.decision.explanation_en);
  EXPECT_EQ(got.refund_fen, want.refund_fen);
  EXPECT_EQ(got.return_tracking, want.return_tracking);
  EXPECT_EQ(got.requested_by, want.requested_by);
  EXPECT_EQ(got.decided_by, want.decided_by);
  EXPECT_EQ(got.decision_reason, want.decision_reason);
  EXPECT_EQ(got.created_at.unix_ms, want.created_at.unix_ms);
  EXPECT_EQ(got.updated_at.unix_ms, want.updated_at.unix_ms);
  EXPECT_EQ(Ms(got.received_at), Ms(want.received_at));
  EXPECT_EQ(Ms(got.refund_due), Ms(want.refund_due));
  EXPECT_EQ(Ms(got.refunded_at), Ms(want.refunded_at));
  EXPECT_EQ(got.version, want.version);
}

// Compensation on `t` with every field set.
Compensation FullCompensation(int64_t seq, const Ticket& t, const std::string& team,
                              int64_t amount_fen, CompensationStatus status,
                              std::optional<Timestamp> decided_at) {
  Compensation c;
  c.id = FormatId('P', seq);
  c.ticket_id = t.id;
  c.team = team;
  c.kind = CompensationKind::kShippingRefund;
  c.amount_fen = amount_fen;
  c.reason = "快递延误，补偿运费";
  c.status = status;
  c.pending_reason = "over_budget";
  c.requested_by = "li.na";
  c.requested_role = Role::kLead;
  c.decided_by = "boss";
  c.decision_note = "同意";
  c.created_at = Timestamp{50};
  c.decided_at = decided_at;
  c.version = 2;
  return c;
}

void ExpectSameCompensation(const Compensation& got, const Compensation& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.ticket_id, want.ticket_id);
  EXPECT_EQ(got.team, want.team);
  EXPECT_EQ(got.kind, want.kind);
  EXPECT_EQ(got.amount_fen, want.amount_fen);
  EXPECT_EQ(got.reason, want.reason);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.pending_reason, want.pending_reason);
  EXPECT_EQ(got.requested_by, want.requested_by);
  EXPECT_EQ(got.requested_role, want.requested_role);
  EXPECT_EQ(got.decided_by, want.decided_by);
  EXPECT_EQ(got.decision_note, want.decision_note);
  EXPECT_EQ(got.created_at.unix_ms, want.created_at.unix_ms);
  EXPECT_EQ(Ms(got.decided_at), Ms(want.decided_at));
  EXPECT_EQ(got.version, want.version);
}

// A shipment of `order_id` with every field set.
Shipment FullShipment(int64_t seq, const std::string& order_id, const std::string& carrier,
                      const std::string& tracking_number) {
  Shipment s;
  s.id = FormatId('S', seq);
  s.order_id = order_id;
  s.carrier = carrier;
  s.tracking_number = tracking_number;
  s.status = ShipmentStatus::kException;
  s.exception = LogisticsException::kCustomsHold;
  s.last_event_at = Timestamp{70};
  s.delivered_at = Timestamp{80};
  s.created_at = Timestamp{60};
  s.updated_at = Timestamp{75};
  s.version = 4;
  return s;
}

void ExpectSameShipment(const Shipment& got, const Shipment& want) {
  EXPECT_EQ(got.id, want.id);
  EXPECT_EQ(got.order_id, want.order_id);
  EXPECT_EQ(got.carrier, want.carrier);
  EXPECT_EQ(got.tracking_number, want.tracking_number);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.exception, want.exception);
  EXPECT_EQ(Ms(got.last_event_at), Ms(want.last_event_at));
  EXPECT_EQ(Ms(got.delivered_at), Ms(want.delivered_at));
  EXPECT_EQ(got.created_at.unix_ms, want.created_at.unix_ms);
  EXPECT_EQ(got.updated_at.unix_ms, want.updated_at.unix_ms);
  EXPECT_EQ(got.version, want.version);
}

// "event_id@at:status/exception:description:location", one per event.
std::vector<std::string> Describe(const StatusOr<std::vector<TrackingEvent>>& events) {
  if (!events.ok()) return {"error: " + events.status().ToString()};
  std::vector<std::string> out;
  for (const TrackingEvent& e : *events) {
    out.push_back(e.event_id + "@" + std::to_string(e.at.unix_ms) + ":" +
                  std::string(ToString(e.status)) + "/" + std::string(ToString(e.exception)) +
                  ":" + e.description + ":" + e.location);
  }
  return out;
}

class AfterSalesStoreTest : public StoreConformanceTest {
 protected:
  // A customer, one of their orders and a ticket about it.
  Ticket AddOrderWithTicket(const std::string& customer_name) {
    std::string c = AddCustomer(customer_name);
    return AddOrderTicket(c, AddOrder(c).id);
  }

  // Inserts in one committed transaction; each must succeed.
  void InsertRequests(const std::vector<AfterSalesRequest>& rs) {
    auto txn = Write();
    for (const auto& r : rs) ASSERT_TRUE(store_->InsertAfterSales(*txn, r).ok()) << r.id;
    ASSERT_TRUE(txn->Commit().ok());
  }
  void InsertCompensations(const std::vector<Compensation>& cs) {
    auto txn = Write();
    for (const auto& c : cs) ASSERT_TRUE(store_->InsertCompensation(*txn, c).ok()) << c.id;
    ASSERT_TRUE(txn->Commit().ok());
  }
};

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

TEST_P(AfterSalesStoreTest, ShipmentsRoundTripAndAreUniqueByCarrierAndTrackingNumber) {
  Ticket t = AddOrderWithTicket("王芳");
  Shipment s = FullShipment(1, t.order_id, "SF", "SF1001");
  Shipment bare;  // optional instants unset
  bare.id = "S-000002";
  bare.order_id = t.order_id;
  bare.carrier = "ZTO";
  bare.tracking_number = "SF1001";  // same number, another carrier: fine
  bare.created_at = bare.updated_at = Timestamp{61};
  bare.version = 1;
  auto txn = Write();
  ASSERT_TRUE(store_->InsertShipment(*txn, s).ok());
  ASSERT_TRUE(store_->InsertShipment(*txn, bare).ok());
  Shipment dup = FullShipment(3, t.order_id, "SF", "SF1001");
  Status st = store_->InsertShipment(*txn, dup);
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(st.reason(), "duplicate_shipment");
  EXPECT_EQ(store_->GetShipment(*txn, dup.id).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  ExpectSameShipment(*store_->GetShipment(*r, s.id), s);
  ExpectSameShipment(*store_->GetShipment(*r, bare.id), bare);
  auto found = store_->FindShipment(*r, "SF", "SF1001");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ExpectSameShipment(*found, s);
  EXPECT_EQ(store_->FindShipment(*r, "ZTO", "SF1001")->id, bare.id);
  EXPECT_EQ(store_->FindShipment(*r, "YTO", "SF1001").status().code(), StatusCode::kNotFound);
}

TEST_P(AfterSalesStoreTest, StaleShipmentUpdatesAreRefusedAndChangeNothing) {
  Ticket t = AddOrderWithTicket("王芳");
  Shipment s = FullShipment(1, t.order_id, "SF", "SF1001");
  s.delivered_at = std::nullopt;
  auto txn = Write();
  ASSERT_TRUE(store_->InsertShipment(*txn, s).ok());
  Shipment u = s;
  u.status = ShipmentStatus::kDelivered;
  u.exception = LogisticsException::kNone;
  u.last_event_at = Timestamp{90};
  u.delivered_at = Timestamp{90};
  u.updated_at = Timestamp{91};
  u.version = s.version + 1;
  Status st = store_->UpdateShipment(*txn, u, s.version - 1);
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(st.reason(), "stale_version");
  ExpectSameShipment(*store_->GetShipment(*txn, s.id), s);
  ASSERT_TRUE(store_->UpdateShipment(*txn, u, s.version).ok());
  EXPECT_EQ(store_->UpdateShipment(*txn, u, s.version).reason(), "stale_version");
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  ExpectSameShipment(*store_->GetShipment(*r, s.id), u);
}

TEST_P(AfterSalesStoreTest, ListShipmentsByOrderOrByCustomerOldestFirst) {
  std::string a = AddCustomer("王芳"), b = AddCustomer("李雷");
  Order a1 = AddOrder(a), bo = AddOrder(b), a2 = AddOrder(a);
  auto txn = Write();
  int n = 0;
  for (const Order* o : {&a1, &bo, &a2, &a1}) {
    ++n;
    ASSERT_TRUE(
        store_->InsertShipment(*txn, FullShipment(n, o->id, "SF", "SF" + std::to_string(n))).ok());
  }
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  using V = std::vector<std::string>;
  EXPECT_EQ(Ids(store_->ListShipments(*r, a1.id)), (V{"S-000001", "S-000004"}));
  EXPECT_EQ(Ids(store_->ListShipments(*r, bo.id)), (V{"S-000002"}));
  EXPECT_EQ(Ids(store_->ListShipments(*r, "", a)), (V{"S-000001", "S-000003", "S-000004"}));
  EXPECT_EQ(Ids(store_->ListShipments(*r, "", b)), (V{"S-000002"}));
  EXPECT_EQ(Ids(store_->ListShipments(*r, "O-000999")), V{});
}

TEST_P(AfterSalesStoreTest, TrackingEventsAreAppendedOnceAndListedByEventTime) {
  Ticket t = AddOrderWithTicket("王芳");
  Shipment s1 = FullShipment(1, t.order_id, "SF", "SF1");
  Shipment s2 = FullShipment(2, t.order_id, "SF", "SF2");
  TrackingEvent e1{"e-1", Timestamp{100}, ShipmentStatus::kInTransit, LogisticsException::kNone,
                   "已揽收", "深圳"};
  TrackingEvent e2{"e-2", Timestamp{200}, ShipmentStatus::kException,
                   LogisticsException::kDelayed, "天气原因延误", "武汉"};
  TrackingEvent e3{"e-3", Timestamp{300}, ShipmentStatus::kDelivered, LogisticsException::kNone,
                   "已签收", "北京"};
  {
    auto txn = Write();
    ASSERT_TRUE(store_->InsertShipment(*txn, s1).ok());
    ASSERT_TRUE(store_->InsertShipment(*txn, s2).ok());
    for (const TrackingEvent* e : {&e3, &e1, &e2}) {  // not in event-time order
      auto fresh = store_->AppendTrackingEvent(*txn, s1, *e, Timestamp{400});
      ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
      EXPECT_TRUE(*fresh) << e->event_id;
    }
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto txn = Write();
  TrackingEvent again = e1;  // the carrier resends e-1 with other data
  again.at = Timestamp{50};
  again.description = "重复推送";
  auto fresh = store_->AppendTrackingEvent(*txn, s1, again, Timestamp{500});
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(*fresh);
  // The same event id on another shipment is another event.
  EXPECT_TRUE(*store_->AppendTrackingEvent(*txn, s2, e1, Timestamp{500}));
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  EXPECT_EQ(Describe(store_->ListTrackingEvents(*r, s1.id)),
            (std::vector<std::string>{"e-1@100:in_transit/none:已揽收:深圳",
                                      "e-2@200:exception/delayed:天气原因延误:武汉",
                                      "e-3@300:delivered/none:已签收:北京"}));
  EXPECT_EQ(Describe(store_->ListTrackingEvents(*r, s2.id)),
            (std::vector<std::string>{"e-1@100:in_transit/none:已揽收:深圳"}));
}

// Like ticket events and the audit log (sqlite_store_test.cc), tracking
// events cannot be rewritten even through another connection to the file.
// Needs a database file that a second connection can open: file backend only.
class AfterSalesFileStoreTest : public AfterSalesStoreTest {};
INSTANTIATE_TEST_SUITE_P(FileBackend, AfterSalesFileStoreTest,
                         ::testing::Values(Backend::kSqliteFile));

TEST_P(AfterSalesFileStoreTest, TrackingEventsAreAppendOnly) {
  Ticket t = AddOrderWithTicket("王芳");
  Shipment s = FullShipment(1, t.order_id, "SF", "SF1");
  TrackingEvent e{"e-1", Timestamp{100}, ShipmentStatus::kInTransit, LogisticsException::kNone,
                  "已揽收", "深圳"};
  {
    auto txn = Write();
    ASSERT_TRUE(store_->InsertShipment(*txn, s).ok());
    ASSERT_TRUE(*store_->AppendTrackingEvent(*txn, s, e, Timestamp{101}));
    ASSERT_TRUE(txn->Commit().ok());
  }
  std::string path = dir_.File("kefu.db");
  // The second connection works; only rewriting history is refused (by the
  // schema's triggers, a constraint error).
  ASSERT_EQ(RawExec(path, "SELECT COUNT(*) FROM tracking_events"), SQLITE_OK);
  EXPECT_EQ(RawExec(path, "UPDATE tracking_events SET description = 'x'"), SQLITE_CONSTRAINT);
  EXPECT_EQ(RawExec(path, "UPDATE tracking_events SET status = 'delivered', at = 1"),
            SQLITE_CONSTRAINT);
  EXPECT_EQ(RawExec(path, "DELETE FROM tracking_events"), SQLITE_CONSTRAINT);
  EXPECT_EQ(RawExec(path, "DELETE FROM tracking_events WHERE event_id = 'e-1'"),
            SQLITE_CONSTRAINT);
  auto r = Read();
  EXPECT_EQ(Describe(store_->ListTrackingEvents(*r, s.id)),
            (std::vector<std::string>{"e-1@100:in_transit/none:已揽收:深圳"}));
}

TEST_P(AfterSalesStoreTest, OpenTicketsForAnOrderExcludeResolvedAndClosedOldestFirst) {
  std::string c = AddCustomer("王芳");
  Order o = AddOrder(c), other = AddOrder(c);
  using S = TicketStatus;
  Ticket t1 = AddOrderTicket(c, o.id, S::kNew);
  AddOrderTicket(c, o.id, S::kResolved);
  Ticket t3 = AddOrderTicket(c, o.id, S::kOpen);
  AddOrderTicket(c, o.id, S::kClosed);
  Ticket t5 = AddOrderTicket(c, o.id, S::kPendingCustomer);
  Ticket t6 = AddOrderTicket(c, o.id, S::kPendingThirdParty);
  AddOrderTicket(c, other.id, S::kOpen);
  AddTicket(c);  // about no order
  auto r = Read();
  using V = std::vector<std::string>;
  EXPECT_EQ(Ids(store_->ListOpenTicketsForOrder(*r, o.id)), (V{t1.id, t3.id, t5.id, t6.id}));
  EXPECT_EQ(Ids(store_->ListOpenTicketsForOrder(*r, "O-000999")), V{});
}

TEST_P(AfterSalesStoreTest, MarksAreSetOnce) {
  {
    auto txn = Write();
    EXPECT_TRUE(*store_->MarkOnce(*txn, "carrier_followup:S-000001:1", Timestamp{1}));
    EXPECT_FALSE(*store_->MarkOnce(*txn, "carrier_followup:S-000001:1", Timestamp{2}));
    EXPECT_TRUE(*store_->MarkOnce(*txn, "refund_overdue:A-000001", Timestamp{2}));
    ASSERT_TRUE(txn->Commit().ok());
  }
  {
    auto txn = Write();  // rolled back: not marked
    EXPECT_FALSE(*store_->MarkOnce(*txn, "refund_overdue:A-000001", Timestamp{3}));
    EXPECT_TRUE(*store_->MarkOnce(*txn, "refund_overdue:A-000002", Timestamp{3}));
  }
  auto txn = Write();
  EXPECT_FALSE(*store_->MarkOnce(*txn, "carrier_followup:S-000001:1", Timestamp{4}));
  EXPECT_TRUE(*store_->MarkOnce(*txn, "refund_overdue:A-000002", Timestamp{4}));
}

TEST_P(AfterSalesStoreTest, NotificationsAreListedPerLoginNewestFirst) {
  Ticket t = AddOrderWithTicket("王芳");
  std::vector<Notification> ns = {
      {0, "li.na", t.id, "shipment_delivered", "包裹已签收", Timestamp{10}},
      {0, "zhao.lei", t.id, "approval_pending", "待审批", Timestamp{11}},
      {0, "li.na", "", "carrier_followup", "请催促承运商", Timestamp{12}},
      {0, "li.na", t.id, "shipment_lost", "包裹丢失", Timestamp{13}},
  };
  {
    auto txn = Write();
    for (auto& n : ns) ASSERT_TRUE(store_->AppendNotification(*txn, n).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_GT(ns[0].seq, 0);
  for (size_t i = 1; i < ns.size(); ++i) EXPECT_GT(ns[i].seq, ns[i - 1].seq);
  auto r = Read();
  auto seqs = [&](const std::string& login, int64_t before, int limit) {
    std::vector<int64_t> out;
    auto listed = store_->ListNotifications(*r, login, before, limit);
    if (!listed.ok()) return std::vector<int64_t>{-1};
    for (const auto& n : *listed) out.push_back(n.seq);
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(seqs("li.na", 0, 10), (V{ns[3].seq, ns[2].seq, ns[0].seq}));
  EXPECT_EQ(seqs("li.na", 0, 2), (V{ns[3].seq, ns[2].seq}));
  EXPECT_EQ(seqs("li.na", ns[2].seq, 10), (V{ns[0].seq}));
  EXPECT_EQ(seqs("zhao.lei", 0, 10), (V{ns[1].seq}));
  EXPECT_EQ(seqs("wang.qiang", 0, 10), V{});
  auto got = *store_->ListNotifications(*r, "li.na", 0, 10);
  ASSERT_EQ(got.size(), 3u);
  for (size_t i = 0; i < got.size(); ++i) {
    const Notification& want = ns[i == 0 ? 3 : i == 1 ? 2 : 0];
    EXPECT_EQ(got[i].login, want.login);
    EXPECT_EQ(got[i].ticket_id, want.ticket_id);
    EXPECT_EQ(got[i].kind, want.kind);
    EXPECT_EQ(got[i].body, want.body);
    EXPECT_EQ(got[i].at.unix_ms, want.at.unix_ms);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AfterSalesStoreTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory),
                         [](const auto& info) {
                           return info.param == Backend::kSqliteFile ? "SqliteFile" : "SqliteMemory";
                         });

}  // namespace
}  // namespace kefu
