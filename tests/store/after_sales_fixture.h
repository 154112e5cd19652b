// The fixture and helpers of the after-sales Store tests
// (after_sales_store_test.cc, logistics_store_test.cc): records with every
// field set, field-by-field comparisons, and a fixture that adds orders with
// tickets and inserts requests and compensation. The fixture is defined here
// once, in namespace kefu, so both files add cases to the one suite that
// after_sales_store_test.cc instantiates.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/after_sales.h"
#include "core/compensation.h"
#include "core/logistics.h"
#include "store/conformance_fixture.h"
#include "store/store.h"

namespace kefu {

// Optional instants as milliseconds (-1: none), for readable failures.
inline int64_t Ms(const std::optional<Timestamp>& t) { return t ? t->unix_ms : -1; }

template <typename T>
inline std::vector<std::string> Ids(const StatusOr<std::vector<T>>& rows) {
  std::vector<std::string> out;
  if (!rows.ok()) return {"error: " + rows.status().ToString()};
  for (const T& row : *rows) out.push_back(row.id);
  return out;
}

// A request on `t`'s order with every field set to a non-default value.
inline AfterSalesRequest FullRequest(int64_t seq, const Ticket& t) {
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
  d.deductions = {Deduction{"gift_not_returned", 990, "Interim Measures Art. 13"}};
  d.gifts_to_return = {GiftReturn{2, 1, 990}};
  r.unit = 1;
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

inline void ExpectSameRequest(const AfterSalesRequest& got, const AfterSalesRequest& want) {
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
  EXPECT_EQ(got.unit, want.unit);
  ASSERT_EQ(got.decision.deductions.size(), want.decision.deductions.size());
  for (size_t i = 0; i < got.decision.deductions.size(); ++i) {
    EXPECT_EQ(got.decision.deductions[i].code, want.decision.deductions[i].code);
    EXPECT_EQ(got.decision.deductions[i].amount_fen, want.decision.deductions[i].amount_fen);
    EXPECT_EQ(got.decision.deductions[i].article, want.decision.deductions[i].article);
  }
  ASSERT_EQ(got.decision.gifts_to_return.size(), want.decision.gifts_to_return.size());
  for (size_t i = 0; i < got.decision.gifts_to_return.size(); ++i) {
    EXPECT_EQ(got.decision.gifts_to_return[i].line, want.decision.gifts_to_return[i].line);
    EXPECT_EQ(got.decision.gifts_to_return[i].quantity, want.decision.gifts_to_return[i].quantity);
    EXPECT_EQ(got.decision.gifts_to_return[i].value_fen, want.decision.gifts_to_return[i].value_fen);
  }
}

// Compensation on `t` with every field set.
inline Compensation FullCompensation(int64_t seq, const Ticket& t, const std::string& team,
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

inline void ExpectSameCompensation(const Compensation& got, const Compensation& want) {
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
inline Shipment FullShipment(int64_t seq, const std::string& order_id,
                             const std::string& carrier, const std::string& tracking_number) {
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
  s.after_sales_id = "A-000007";
  return s;
}

inline void ExpectSameShipment(const Shipment& got, const Shipment& want) {
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
  EXPECT_EQ(got.after_sales_id, want.after_sales_id);
}

// "event_id@at:status/exception:description:location", one per event.
inline std::vector<std::string> Describe(const StatusOr<std::vector<TrackingEvent>>& events) {
  if (!events.ok()) return {"error: " + events.status().ToString()};
  std::vector<std::string> out;
  for (const TrackingEvent& e : *events) {
    out.push_back(e.event_id + "@" + std::to_string(e.at.unix_ms) + ":" +
                  std::string(ToString(e.status)) + "/" + std::string(ToString(e.exception)) +
                  ":" + e.description + ":" + e.location);
  }
  return out;
}

// The after-sales suite, on every backend. Its cases live in both test files;
// after_sales_store_test.cc instantiates it.
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

}  // namespace kefu
