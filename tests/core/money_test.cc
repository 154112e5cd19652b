// Money boundaries (core/money.h): the checked and saturating helpers, the
// one bound on amounts, and the limit, budget and refund checks that use
// them, each at 0, 1, the maximum, the maximum + 1 and INT64_MAX.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "core/after_sales.h"
#include "core/after_sales_policy.h"
#include "core/compensation.h"
#include "core/model.h"
#include "core/money.h"
#include "core/validation.h"

namespace kefu {
namespace {

constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
const Timestamp kNow{1'795'000'000'000};

TEST(MoneyTest, CheckedArithmeticReportsOverflow) {
  struct Case {
    int64_t a, b;
    std::optional<int64_t> add, sub, mul;
  };
  const Case cases[] = {
      {0, 0, 0, 0, 0},
      {1, 1, 2, 0, 1},
      {kMaxAmountFen, kMaxAmountFen, 2 * kMaxAmountFen, 0, std::nullopt},
      {kMax, 0, kMax, kMax, 0},
      {kMax, 1, std::nullopt, kMax - 1, kMax},
      {kMax, kMax, std::nullopt, 0, std::nullopt},
      {kMin, 1, kMin + 1, std::nullopt, kMin},
      {kMin, -1, std::nullopt, kMin + 1, std::nullopt},
      {-1, kMax, kMax - 1, kMin, -kMax},
      {3'037'000'499, 3'037'000'499, 6'074'000'998, 0, int64_t{3'037'000'499} * 3'037'000'499},
      {3'037'000'500, 3'037'000'500, 6'074'001'000, 0, std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.a) + " op " + std::to_string(c.b));
    EXPECT_EQ(CheckedAdd(c.a, c.b), c.add);
    EXPECT_EQ(CheckedSub(c.a, c.b), c.sub);
    EXPECT_EQ(CheckedMul(c.a, c.b), c.mul);
  }
}

TEST(MoneyTest, SaturatingArithmeticClampsToTheRange) {
  EXPECT_EQ(SaturatingAdd(1, 2), 3);
  EXPECT_EQ(SaturatingAdd(kMax, 1), kMax);
  EXPECT_EQ(SaturatingAdd(kMax, kMax), kMax);  // the probe's -2
  EXPECT_EQ(SaturatingAdd(kMin, -1), kMin);
  EXPECT_EQ(SaturatingAdd(kMax, kMin), -1);
  EXPECT_EQ(SaturatingSub(kMaxAmountFen, 1), kMaxAmountFen - 1);
  EXPECT_EQ(SaturatingSub(0, kMin), kMax);
  EXPECT_EQ(SaturatingSub(kMin, 1), kMin);
  EXPECT_EQ(SaturatingSub(-2, kMax), kMin);
  EXPECT_EQ(SaturatingMul(kMaxPriceFen, 100000), int64_t{1'000'000'000'000'000});
  EXPECT_EQ(SaturatingMul(kMax, 2), kMax);
  EXPECT_EQ(SaturatingMul(kMax, -2), kMin);
  EXPECT_EQ(SaturatingMul(kMin, -1), kMax);
  EXPECT_EQ(SaturatingMul(kMin, 2), kMin);
}

TEST(MoneyTest, AmountsAreBoundedAtTheMaximum) {
  struct Case {
    int64_t fen;
    bool ok_from_0, ok_from_1;
  };
  const Case cases[] = {
      {kMin, false, false},      {-1, false, false},          {0, true, false},
      {1, true, true},           {kMaxAmountFen, true, true}, {kMaxAmountFen + 1, false, false},
      {kMax, false, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.fen);
    EXPECT_EQ(CheckAmountFen("refund_fen", c.fen, 0).ok(), c.ok_from_0);
    Status s = CheckAmountFen("amount_fen", c.fen, 1);
    EXPECT_EQ(s.ok(), c.ok_from_1);
    if (!s.ok()) {
      EXPECT_EQ(s.code(), StatusCode::kValidation);
      EXPECT_EQ(s.reason(), "bad_amount");
      EXPECT_NE(s.message().find("amount_fen"), std::string::npos) << s.message();
      EXPECT_NE(s.message().find("1000000000000"), std::string::npos) << s.message();
    }
  }
  EXPECT_EQ(CheckAmountFen("refund_fen", -1, 0, "refund_exceeds_paid").reason(),
            "refund_exceeds_paid");
  // The order bounds keep every order total far inside int64.
  static_assert(kMaxPriceFen * kMaxQuantity * static_cast<int64_t>(kMaxOrderItems) <
                kMax / 10);
}

Compensation Draft(int64_t amount_fen, Role role = Role::kAgent) {
  Compensation c;
  c.ticket_id = "T-000013";
  c.team = "logistics";
  c.amount_fen = amount_fen;
  c.reason = "x";
  c.requested_by = "li.na";
  c.requested_role = role;
  return c;
}

BudgetView Budget(std::optional<int64_t> budget_fen, int64_t spent_fen = 0) {
  BudgetView b;
  b.budget_fen = budget_fen;
  b.spent_fen = spent_fen;
  return b;
}

// The request's outcome: "approved", a pending reason, or the error reason.
std::string Outcome(const StatusOr<Compensation>& c) {
  if (!c.ok()) return "error:" + c.status().reason();
  if (c->status == CompensationStatus::kApproved) return "approved";
  return c->pending_reason;
}

// The probe: an agent's INT64_MAX coupon passed the ¥50 limit because
// granted + amount wrapped. To see this fail, remove the CheckAmountFen
// line of RequestCompensation and the SaturatingAdd in WithinLimit
// (src/core/compensation.cc), writing granted + amount instead.
TEST(MoneyTest, RequestLimitsAndBudgetsAtTheBoundaries) {
  const ApprovalLimits limits;  // agent 5000, lead 50000, manager unlimited
  struct Case {
    const char* name;
    int64_t amount, granted;
    Role role;
    BudgetView budget;
    std::string want;
  };
  const Case cases[] = {
      {"zero", 0, 0, Role::kAgent, Budget(std::nullopt), "error:bad_amount"},
      {"one fen", 1, 0, Role::kAgent, Budget(std::nullopt), "approved"},
      {"the agent limit", 5000, 0, Role::kAgent, Budget(std::nullopt), "approved"},
      {"one over the agent limit", 5001, 0, Role::kAgent, Budget(std::nullopt), "over_limit"},
      {"the maximum, manager", kMaxAmountFen, 0, Role::kManager, Budget(std::nullopt),
       "approved"},
      {"the maximum, agent", kMaxAmountFen, 0, Role::kAgent, Budget(std::nullopt), "over_limit"},
      {"max + 1", kMaxAmountFen + 1, 0, Role::kManager, Budget(std::nullopt), "error:bad_amount"},
      {"INT64_MAX, agent, no budget", kMax, 2000, Role::kAgent, Budget(std::nullopt),
       "error:bad_amount"},
      {"INT64_MAX, manager", kMax, 0, Role::kManager, Budget(std::nullopt), "error:bad_amount"},
      // Granted totals near INT64_MAX (legacy rows) must not wrap under the limit.
      {"one fen on INT64_MAX granted", 1, kMax, Role::kAgent, Budget(std::nullopt),
       "over_limit"},
      {"the maximum on INT64_MAX granted", kMaxAmountFen, kMax, Role::kLead, Budget(std::nullopt),
       "over_limit"},
      {"budget exactly left", 1000, 0, Role::kAgent, Budget(1000000, 999000), "approved"},
      {"one over the budget", 1001, 0, Role::kAgent, Budget(1000000, 999000), "over_budget"},
      {"zero budget", 1, 0, Role::kAgent, Budget(0), "over_budget"},
      {"maximum budget, maximum amount", kMaxAmountFen, 0, Role::kManager, Budget(kMaxAmountFen),
       "approved"},
      {"maximum budget, one spent", kMaxAmountFen, 0, Role::kManager, Budget(kMaxAmountFen, 1),
       "over_budget"},
      // A negative spent total (corrupt rows) must not wrap the remaining budget.
      {"INT64_MIN spent", 1, 0, Role::kManager, Budget(kMaxAmountFen, kMin), "approved"},
      {"INT64_MAX spent", 1, 0, Role::kManager, Budget(kMaxAmountFen, kMax), "over_budget"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Outcome(RequestCompensation(limits, Draft(c.amount, c.role), c.granted, c.budget,
                                          kNow)),
              c.want);
  }
}

// Approving checks the approver's limit with granted + amount. To see this
// fail, write granted + amount instead of SaturatingAdd in WithinLimit
// (src/core/compensation.cc).
TEST(MoneyTest, ApprovalLimitsAtTheBoundaries) {
  const ApprovalLimits limits;
  Compensation c =
      *RequestCompensation(limits, Draft(kMaxAmountFen), 0, Budget(std::nullopt), kNow);
  ASSERT_EQ(c.status, CompensationStatus::kPendingApproval);
  auto approve = [&](Role role, int64_t granted, const BudgetView& b) {
    auto got = ApproveCompensation(limits, c, "boss", role, granted, b, "ok", kNow);
    return got.ok() ? std::string("approved") : got.status().reason();
  };
  EXPECT_EQ(approve(Role::kLead, 0, Budget(std::nullopt)), "approval_limit");
  EXPECT_EQ(approve(Role::kManager, 0, Budget(std::nullopt)), "approved");
  EXPECT_EQ(approve(Role::kManager, kMax, Budget(std::nullopt)), "approved");  // unlimited
  EXPECT_EQ(approve(Role::kLead, kMax, Budget(std::nullopt)), "approval_limit");
  EXPECT_EQ(approve(Role::kLead, kMax - kMaxAmountFen + 1, Budget(std::nullopt)),
            "approval_limit");

  Compensation small = *RequestCompensation(limits, Draft(6000), 0, Budget(std::nullopt), kNow);
  ASSERT_EQ(small.pending_reason, "over_limit");
  auto lead = [&](int64_t granted, const BudgetView& b) {
    auto got = ApproveCompensation(limits, small, "boss", Role::kLead, granted, b, "ok", kNow);
    return got.ok() ? std::string("approved") : got.status().reason();
  };
  EXPECT_EQ(lead(44000, Budget(std::nullopt)), "approved");        // 50000 exactly
  EXPECT_EQ(lead(44001, Budget(std::nullopt)), "approval_limit");  // 50001
  EXPECT_EQ(lead(kMax, Budget(std::nullopt)), "approval_limit");
  EXPECT_EQ(lead(0, Budget(6000)), "approved");
  EXPECT_EQ(lead(0, Budget(5999)), "budget_exceeded");
  EXPECT_EQ(lead(0, Budget(kMaxAmountFen, kMax)), "budget_exceeded");

  // A pending row stored before the bound cannot be approved, by anyone.
  Compensation legacy = small;
  legacy.amount_fen = kMax;
  auto got = ApproveCompensation(limits, legacy, "boss", Role::kAdmin, 0, Budget(std::nullopt),
                                 "ok", kNow);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.status().reason(), "bad_amount");
}

TEST(MoneyTest, BudgetRemainingSaturates) {
  EXPECT_EQ(Budget(std::nullopt).Remaining(), std::nullopt);
  EXPECT_EQ(Budget(0).Remaining(), 0);
  EXPECT_EQ(Budget(kMaxAmountFen, 1).Remaining(), kMaxAmountFen - 1);
  EXPECT_EQ(Budget(1, kMaxAmountFen).Remaining(), 1 - kMaxAmountFen);
  EXPECT_EQ(Budget(0, kMin).Remaining(), kMax);
  EXPECT_EQ(Budget(kMaxAmountFen, kMax).Remaining(), kMaxAmountFen - kMax);
  EXPECT_EQ(Budget(-2, kMax).Remaining(), kMin);
}

// What went back on an order. The probe's partial refund of INT64_MAX on a
// fully refunded order wrapped the sum. To see this fail, write the plain
// sums instead of SaturatingAdd in CheckMoneyBackTotal (src/core/after_sales.cc).
TEST(MoneyTest, MoneyBackStaysWithinWhatWasPaid) {
  struct Case {
    const char* name;
    int64_t paid, already, extra;
    bool ok;
  };
  const Case cases[] = {
      {"nothing", 29900, 0, 0, true},
      {"one fen", 29900, 0, 1, true},
      {"exactly what was paid", 29900, 29899, 1, true},
      {"one fen over", 29900, 29900, 1, false},
      {"the maximum on a full refund", 29900, 29900, kMaxAmountFen, false},
      {"INT64_MAX on a full refund (the probe)", 29900, 29900, kMax, false},
      {"one fen on INT64_MAX already back", 29900, kMax, 1, false},
      {"INT64_MAX on INT64_MAX", 29900, kMax, kMax, false},
      {"a free order", 0, 0, 1, false},
      {"the largest order, refunded in full", int64_t{100'000'000'000'000'000}, 0,
       int64_t{100'000'000'000'000'000}, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Status s = CheckMoneyBackTotal("O-000004", c.paid, c.already, c.extra);
    EXPECT_EQ(s.ok(), c.ok) << s.ToString();
    if (!s.ok()) {
      EXPECT_EQ(s.code(), StatusCode::kValidation);
      EXPECT_EQ(s.reason(), "refund_exceeds_paid");
    }
  }
}

TEST(MoneyTest, RefundMovesAtTheBoundaries) {
  AfterSalesRequest r;
  r.id = "A-000001";
  r.kind = AfterSalesKind::kRefundOnly;
  r.status = AfterSalesStatus::kApproved;
  r.decision.eligible = true;
  r.decision.max_refund_fen = 29900;
  r.refund_fen = 29900;
  const std::pair<int64_t, bool> cases[] = {
      {kMin, false}, {-1, false}, {0, false},     {1, true},
      {29900, true}, {29901, false}, {kMaxAmountFen, false}, {kMax, false},
  };
  for (auto [fen, ok] : cases) {
    SCOPED_TRACE(fen);
    AfterSalesMove m;
    m.to = AfterSalesStatus::kRefunded;
    m.reason = "原路退回";
    m.refund_fen = fen;
    auto got = MoveAfterSales(r, m, "li.na", Role::kAgent, kNow, 7);
    EXPECT_EQ(got.ok(), ok);
    if (!got.ok()) {
      EXPECT_EQ(got.status().reason(), "refund_exceeds_paid");
    }
  }
}

// Line and order totals cannot wrap either, even past the order bounds.
TEST(MoneyTest, LineAndOrderTotalsSaturate) {
  PolicyInput in;
  in.kind = AfterSalesKind::kRefundOnly;
  in.reason = AfterSalesReason::kNotDelivered;
  in.now = kNow;
  in.quantity = 2;
  in.line_quantity = 2;
  in.unit_price_fen = kMax;
  PolicyDecision d = DecideAfterSales(AfterSalesPolicy{}, in);
  ASSERT_TRUE(d.eligible) << d.rule;
  EXPECT_EQ(d.max_refund_fen, kMax);

  Order o;
  o.items = {OrderItem{"A", "", 100000, kMaxPriceFen, "", false},
             OrderItem{"B", "", 1, 1, "", false}};
  EXPECT_EQ(o.TotalFen(), int64_t{1'000'000'000'000'001});
  o.items.push_back(OrderItem{"C", "", 2, kMax, "", false});
  EXPECT_EQ(o.TotalFen(), kMax);
  EXPECT_EQ(FormatYuan(kMin), "-92233720368547758.08");
  EXPECT_EQ(FormatYuan(kMax), "92233720368547758.07");
}

}  // namespace
}  // namespace kefu
