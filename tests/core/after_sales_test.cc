// After-sales requests: the state machine for every kind and every ordered
// pair of states, and what each move records.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/after_sales.h"

namespace kefu {
namespace {

using K = AfterSalesKind;
using S = AfterSalesStatus;
constexpr K kKinds[] = {K::kReturnRefund, K::kRefundOnly, K::kExchange, K::kRepair};
constexpr S kAll[] = {S::kRequested, S::kApproved,  S::kRejected,  S::kAwaitingReturnShipment,
                      S::kReceived,  S::kInspected, S::kRefunded,  S::kExchanged,
                      S::kRepaired,  S::kCancelled, S::kResent};
constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
const Timestamp kCreated{1'790'000'000'000};
const Timestamp kNow{1'795'000'000'000};

// Written out by hand from the header's state machine.
const std::set<std::tuple<K, S, S>> kLegal = [] {
  std::set<std::tuple<K, S, S>> legal;
  for (K k : kKinds) {
    legal.insert({k, S::kRequested, S::kApproved});
    legal.insert({k, S::kRequested, S::kRejected});
    legal.insert({k, S::kRequested, S::kCancelled});
    legal.insert({k, S::kApproved, S::kCancelled});
    legal.insert({k, S::kAwaitingReturnShipment, S::kReceived});
    legal.insert({k, S::kAwaitingReturnShipment, S::kCancelled});
    legal.insert({k, S::kReceived, S::kInspected});
    legal.insert({k, S::kInspected, S::kRejected});
  }
  legal.insert({K::kReturnRefund, S::kApproved, S::kAwaitingReturnShipment});
  legal.insert({K::kExchange, S::kApproved, S::kAwaitingReturnShipment});
  legal.insert({K::kRepair, S::kApproved, S::kAwaitingReturnShipment});
  legal.insert({K::kRefundOnly, S::kApproved, S::kRefunded});
  legal.insert({K::kReturnRefund, S::kInspected, S::kRefunded});
  legal.insert({K::kExchange, S::kInspected, S::kExchanged});
  legal.insert({K::kRepair, S::kInspected, S::kRepaired});
  return legal;
}();

std::string Trace(K k, S from, S to) {
  return std::string(ToString(k)) + ": " + std::string(ToString(from)) + " -> " +
         std::string(ToString(to));
}

AfterSalesRequest Request(K kind, S status) {
  AfterSalesRequest r;
  r.id = "A-000001";
  r.ticket_id = "T-000001";
  r.order_id = "O-000001";
  r.line = 1;
  r.kind = kind;
  r.status = status;
  r.decision.eligible = true;
  r.decision.max_refund_fen = 19900;
  r.refund_fen = 15000;
  r.requested_by = "wang.fang";
  r.created_at = kCreated;
  r.updated_at = kCreated;
  r.version = 4;
  return r;
}

AfterSalesMove To(S to, std::string reason = "checked") {
  AfterSalesMove m;
  m.to = to;
  m.reason = std::move(reason);
  return m;
}

// Every field that a failed move must leave alone.
void ExpectSame(const AfterSalesRequest& a, const AfterSalesRequest& b) {
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.refund_fen, b.refund_fen);
  EXPECT_EQ(a.return_tracking, b.return_tracking);
  EXPECT_EQ(a.decided_by, b.decided_by);
  EXPECT_EQ(a.decision_reason, b.decision_reason);
  EXPECT_EQ(a.updated_at, b.updated_at);
  EXPECT_EQ(a.received_at, b.received_at);
  EXPECT_EQ(a.refund_due, b.refund_due);
  EXPECT_EQ(a.refunded_at, b.refunded_at);
  EXPECT_EQ(a.version, b.version);
}

TEST(AfterSalesTest, NamesRoundTrip) {
  for (K k : kKinds) EXPECT_EQ(ParseAfterSalesKind(ToString(k)), k);
  for (S s : kAll) EXPECT_EQ(ParseAfterSalesStatus(ToString(s)), s);
  for (Payer p : {Payer::kNone, Payer::kBuyer, Payer::kMerchant}) EXPECT_EQ(ParsePayer(ToString(p)), p);
  EXPECT_EQ(ToString(S::kAwaitingReturnShipment), "awaiting_return_shipment");
  EXPECT_FALSE(ParseAfterSalesStatus("Requested").has_value());
  EXPECT_FALSE(ParseAfterSalesKind("").has_value());
}

TEST(AfterSalesTest, FinalFaultAndQuantityPredicates) {
  const std::set<S> final = {S::kRejected, S::kRefunded, S::kExchanged, S::kRepaired,
                             S::kCancelled, S::kResent};
  // Finished repairs, exchanges and resends free the unit for a new request.
  const std::set<S> frees = {S::kRejected, S::kCancelled, S::kExchanged, S::kRepaired, S::kResent};
  for (S s : kAll) {
    SCOPED_TRACE(std::string(ToString(s)));
    EXPECT_EQ(IsFinal(s), final.count(s) == 1);
    EXPECT_EQ(HoldsQuantity(s), frees.count(s) == 0);
  }
  EXPECT_FALSE(IsFaultReason(AfterSalesReason::kNoReason));
  for (AfterSalesReason r : {AfterSalesReason::kQualityFault, AfterSalesReason::kNotAsDescribed,
                             AfterSalesReason::kDamagedInTransit, AfterSalesReason::kWrongItem,
                             AfterSalesReason::kNotDelivered}) {
    EXPECT_TRUE(IsFaultReason(r)) << ToString(r);
  }
}

TEST(AfterSalesTest, CanMoveMatchesTheSpecificationForEveryKindAndPair) {
  EXPECT_EQ(kLegal.size(), 4u * 8 + 7);
  for (K k : kKinds) {
    for (S from : kAll) {
      for (S to : kAll) {
        SCOPED_TRACE(Trace(k, from, to));
        EXPECT_EQ(CanMove(k, from, to), kLegal.count({k, from, to}) == 1);
      }
    }
  }
}

TEST(AfterSalesTest, FinalStatesHaveNoWayOut) {
  for (K k : kKinds) {
    for (S from : kAll) {
      if (!IsFinal(from)) continue;
      for (S to : kAll) EXPECT_FALSE(CanMove(k, from, to)) << Trace(k, from, to);
    }
  }
}

TEST(AfterSalesTest, MoveAfterSalesAppliesLegalMovesAndRefusesTheRest) {
  for (K k : kKinds) {
    for (S from : kAll) {
      for (S to : kAll) {
        SCOPED_TRACE(Trace(k, from, to));
        AfterSalesRequest r = Request(k, from);
        auto got = MoveAfterSales(r, To(to), "li.lei", Role::kAgent, kNow, 7);
        if (kLegal.count({k, from, to})) {
          ASSERT_TRUE(got.ok()) << got.status().ToString();
          EXPECT_EQ(got->status, to);
          EXPECT_EQ(got->version, 5);
          EXPECT_EQ(got->updated_at, kNow);
        } else {
          ASSERT_FALSE(got.ok());
          EXPECT_EQ(got.status().code(), StatusCode::kFailedPrecondition);
          EXPECT_EQ(got.status().reason(), "invalid_transition");
        }
      }
    }
  }
}

TEST(AfterSalesTest, ApprovalAndRejectionRecordWhoAndWhy) {
  auto approved = MoveAfterSales(Request(K::kReturnRefund, S::kRequested),
                                 To(S::kApproved, "within the 7-day window"), "li.lei",
                                 Role::kAgent, kNow, 7);
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->decided_by, "li.lei");
  EXPECT_EQ(approved->decision_reason, "within the 7-day window");

  auto rejected = MoveAfterSales(Request(K::kRepair, S::kInspected),
                                 To(S::kRejected, "water damage, not covered"), "chen.jie",
                                 Role::kLead, kNow, 7);
  ASSERT_TRUE(rejected.ok());
  EXPECT_EQ(rejected->decided_by, "chen.jie");
  EXPECT_EQ(rejected->decision_reason, "water damage, not covered");

  // Other moves leave the decision alone.
  AfterSalesRequest r = Request(K::kReturnRefund, S::kReceived);
  r.decided_by = "li.lei";
  r.decision_reason = "ok";
  auto inspected = MoveAfterSales(r, To(S::kInspected, "looks new"), "zhao.min", Role::kAgent, kNow, 7);
  ASSERT_TRUE(inspected.ok());
  EXPECT_EQ(inspected->decided_by, "li.lei");
  EXPECT_EQ(inspected->decision_reason, "ok");
}

TEST(AfterSalesTest, DecisionsNeedAReasonAndChangeNothingWithout) {
  for (S to : {S::kRejected, S::kCancelled, S::kApproved}) {
    for (std::string reason : {"", "  \t"}) {
      AfterSalesRequest r = Request(K::kReturnRefund, S::kRequested);
      auto got = MoveAfterSales(r, To(to, reason), "li.lei", Role::kAgent, kNow, 7);
      ASSERT_FALSE(got.ok());
      EXPECT_EQ(got.status().code(), StatusCode::kValidation);
      EXPECT_EQ(got.status().reason(), "reason_required");
    }
  }
  // Moves that decide nothing need none.
  auto shipped = MoveAfterSales(Request(K::kExchange, S::kApproved),
                                To(S::kAwaitingReturnShipment, ""), "li.lei", Role::kAgent, kNow, 7);
  EXPECT_TRUE(shipped.ok()) << shipped.status().ToString();
}

TEST(AfterSalesTest, ReceivingSetsRefundDueFromThePolicyDays) {
  AfterSalesMove m = To(S::kReceived);
  auto got = MoveAfterSales(Request(K::kReturnRefund, S::kAwaitingReturnShipment), m, "li.lei",
                            Role::kAgent, kNow, 7);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->received_at, kNow);
  EXPECT_EQ(got->refund_due, Timestamp{kNow.unix_ms + 7 * kDayMs});

  auto fifteen = MoveAfterSales(Request(K::kReturnRefund, S::kAwaitingReturnShipment), m, "li.lei",
                                Role::kAgent, kNow, 15);
  ASSERT_TRUE(fifteen.ok());
  EXPECT_EQ(fifteen->refund_due, Timestamp{kNow.unix_ms + 15 * kDayMs});
}

TEST(AfterSalesTest, ReturnTrackingIsKeptWhenGiven) {
  AfterSalesMove ship = To(S::kAwaitingReturnShipment);
  ship.return_tracking = "SF1234567890";
  auto shipped = MoveAfterSales(Request(K::kReturnRefund, S::kApproved), ship, "li.lei",
                                Role::kAgent, kNow, 7);
  ASSERT_TRUE(shipped.ok());
  EXPECT_EQ(shipped->return_tracking, "SF1234567890");

  // A later move without tracking keeps it; one with tracking replaces it.
  auto received = MoveAfterSales(*shipped, To(S::kReceived), "li.lei", Role::kAgent, kNow, 7);
  ASSERT_TRUE(received.ok());
  EXPECT_EQ(received->return_tracking, "SF1234567890");
  AfterSalesMove fix = To(S::kReceived);
  fix.return_tracking = "YT0000000001";
  auto fixed = MoveAfterSales(*shipped, fix, "li.lei", Role::kAgent, kNow, 7);
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->return_tracking, "YT0000000001");
}

TEST(AfterSalesTest, RefundDefaultsToTheAgreedAmount) {
  auto got = MoveAfterSales(Request(K::kRefundOnly, S::kApproved), To(S::kRefunded), "li.lei",
                            Role::kAgent, kNow, 7);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->refund_fen, 15000);
  EXPECT_EQ(got->refunded_at, kNow);
}

TEST(AfterSalesTest, RefundMayBeSetUpToTheMaximumAndNoFurther) {
  AfterSalesMove m = To(S::kRefunded);
  m.refund_fen = 19900;  // exactly the maximum
  auto max = MoveAfterSales(Request(K::kReturnRefund, S::kInspected), m, "li.lei", Role::kAgent,
                            kNow, 7);
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->refund_fen, 19900);

  m.refund_fen = 1;
  auto one = MoveAfterSales(Request(K::kReturnRefund, S::kInspected), m, "li.lei", Role::kAgent,
                            kNow, 7);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->refund_fen, 1);

  for (int64_t bad : {int64_t{19901}, int64_t{0}, int64_t{-100}}) {
    SCOPED_TRACE(bad);
    AfterSalesRequest r = Request(K::kReturnRefund, S::kInspected);
    m.refund_fen = bad;
    auto got = MoveAfterSales(r, m, "li.lei", Role::kAgent, kNow, 7);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), StatusCode::kValidation);
    EXPECT_EQ(got.status().reason(), "refund_exceeds_paid");
  }

  // An agreed refund above the maximum is refused too.
  AfterSalesRequest r = Request(K::kRefundOnly, S::kApproved);
  r.refund_fen = 20000;
  auto got = MoveAfterSales(r, To(S::kRefunded), "li.lei", Role::kAgent, kNow, 7);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().reason(), "refund_exceeds_paid");
}

TEST(AfterSalesTest, CustomersMayOnlyCancelWhileRequested) {
  auto cancelled = MoveAfterSales(Request(K::kReturnRefund, S::kRequested),
                                  To(S::kCancelled, "changed my mind"), "wang.fang",
                                  Role::kCustomer, kNow, 7);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, S::kCancelled);
  EXPECT_EQ(cancelled->decided_by, "");  // a cancellation is not a decision

  struct Case {
    S from;
    S to;
  };
  for (Case c : {Case{S::kRequested, S::kApproved}, Case{S::kRequested, S::kRejected},
                 Case{S::kApproved, S::kCancelled}, Case{S::kAwaitingReturnShipment, S::kCancelled},
                 Case{S::kAwaitingReturnShipment, S::kReceived},
                 Case{S::kInspected, S::kRefunded}, Case{S::kRefunded, S::kCancelled}}) {
    SCOPED_TRACE(Trace(K::kReturnRefund, c.from, c.to));
    auto got = MoveAfterSales(Request(K::kReturnRefund, c.from), To(c.to), "wang.fang",
                              Role::kCustomer, kNow, 7);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(got.status().reason(), "forbidden");
  }

  // Approving is a money decision: it says why (处理意见).
  auto approve_bare = MoveAfterSales(Request(K::kReturnRefund, S::kRequested), To(S::kApproved, "  "),
                                     "li.lei", Role::kLead, kNow, 7);
  EXPECT_EQ(approve_bare.status().reason(), "reason_required");

  // A customer cancelling without a reason is told so.
  auto no_reason = MoveAfterSales(Request(K::kReturnRefund, S::kRequested), To(S::kCancelled, ""),
                                  "wang.fang", Role::kCustomer, kNow, 7);
  EXPECT_EQ(no_reason.status().reason(), "reason_required");
}

TEST(AfterSalesTest, EveryErrorHasItsCodeAndLeavesTheRequestUnchanged) {
  const AfterSalesRequest before = Request(K::kReturnRefund, S::kInspected);
  AfterSalesMove over = To(S::kRefunded);
  over.refund_fen = 99999;
  AfterSalesMove tracking = To(S::kExchanged);
  tracking.return_tracking = "SF1";
  struct Case {
    AfterSalesMove move;
    Role role;
    StatusCode code;
    std::string reason;
  };
  const std::vector<Case> failing = {
      {To(S::kExchanged), Role::kAgent, StatusCode::kFailedPrecondition, "invalid_transition"},
      {tracking, Role::kAgent, StatusCode::kFailedPrecondition, "invalid_transition"},
      {To(S::kInspected), Role::kAdmin, StatusCode::kFailedPrecondition, "invalid_transition"},
      {To(S::kRejected, ""), Role::kAgent, StatusCode::kValidation, "reason_required"},
      {To(S::kRefunded, " "), Role::kManager, StatusCode::kValidation, "reason_required"},
      {over, Role::kManager, StatusCode::kValidation, "refund_exceeds_paid"},
      {To(S::kRefunded), Role::kCustomer, StatusCode::kPermissionDenied, "forbidden"},
  };
  AfterSalesRequest r = before;
  for (const Case& c : failing) {
    SCOPED_TRACE(c.reason + " to " + std::string(ToString(c.move.to)));
    auto got = MoveAfterSales(r, c.move, "li.lei", c.role, kNow, 7);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), c.code);
    EXPECT_EQ(got.status().reason(), c.reason);
    ExpectSame(r, before);
  }
}

TEST(AfterSalesTest, AFullReturnRefundStory) {
  AfterSalesRequest r = Request(K::kReturnRefund, S::kRequested);
  Timestamp t = kNow;
  for (S to : {S::kApproved, S::kAwaitingReturnShipment, S::kReceived, S::kInspected, S::kRefunded}) {
    t.unix_ms += 3600'000;
    auto got = MoveAfterSales(r, To(to), "li.lei", Role::kAgent, t, 7);
    ASSERT_TRUE(got.ok()) << ToString(to) << ": " << got.status().ToString();
    r = *got;
  }
  EXPECT_EQ(r.status, S::kRefunded);
  EXPECT_EQ(r.version, 9);
  EXPECT_EQ(r.updated_at, t);
  EXPECT_EQ(r.refunded_at, t);
  EXPECT_EQ(r.received_at, Timestamp{kNow.unix_ms + 3 * 3600'000});
  EXPECT_FALSE(RefundOverdue(r, Timestamp{t.unix_ms + 30 * kDayMs}));
}

TEST(AfterSalesTest, RefundOverdueOnlyAfterTheDueInstantAndBeforeTheRefund) {
  AfterSalesRequest r = Request(K::kReturnRefund, S::kRequested);
  EXPECT_FALSE(RefundOverdue(r, Timestamp{kNow.unix_ms + 365 * kDayMs}));  // no due date

  r.status = S::kReceived;
  r.received_at = kNow;
  r.refund_due = Timestamp{kNow.unix_ms + 7 * kDayMs};
  EXPECT_FALSE(RefundOverdue(r, kNow));
  EXPECT_FALSE(RefundOverdue(r, *r.refund_due));  // due, not yet overdue
  EXPECT_TRUE(RefundOverdue(r, Timestamp{r.refund_due->unix_ms + 1}));

  r.status = S::kInspected;
  EXPECT_TRUE(RefundOverdue(r, Timestamp{r.refund_due->unix_ms + 1}));

  for (S done : {S::kRefunded, S::kRejected, S::kCancelled, S::kExchanged, S::kRepaired}) {
    r.status = done;
    EXPECT_FALSE(RefundOverdue(r, Timestamp{r.refund_due->unix_ms + kDayMs})) << ToString(done);
  }
}

}  // namespace
}  // namespace kefu
