// Goodwill compensation: per-ticket limits by role, team budgets, approval
// and rejection.
#include <gtest/gtest.h>

#include <string>

#include "core/compensation.h"

namespace kefu {
namespace {

const Timestamp kNow{1'795'000'000'000};
const Timestamp kLater{1'795'000'600'000};
const ApprovalLimits kLimits;  // agent ¥50, lead ¥500, manager unlimited
const BudgetView kNoBudget;

Compensation Draft(int64_t amount_fen, const std::string& by = "li.lei", Role role = Role::kAgent) {
  Compensation c;
  c.id = "P-000001";
  c.ticket_id = "T-000001";
  c.team = "returns";
  c.kind = CompensationKind::kCoupon;
  c.amount_fen = amount_fen;
  c.reason = "parcel arrived late";
  c.requested_by = by;
  c.requested_role = role;
  return c;
}

BudgetView Budget(int64_t budget_fen, int64_t spent_fen) {
  BudgetView b;
  b.budget_fen = budget_fen;
  b.spent_fen = spent_fen;
  return b;
}

// A request from an agent left pending (over the agent's limit).
Compensation Pending(int64_t amount_fen) {
  auto c = RequestCompensation(kLimits, Draft(amount_fen), 0, kNoBudget, kNow);
  EXPECT_TRUE(c.ok());
  EXPECT_EQ(c->status, CompensationStatus::kPendingApproval);
  return *c;
}

TEST(CompensationTest, NamesRoundTrip) {
  for (auto k : {CompensationKind::kCoupon, CompensationKind::kPartialRefund,
                 CompensationKind::kShippingRefund, CompensationKind::kGift}) {
    EXPECT_EQ(ParseCompensationKind(ToString(k)), k);
  }
  for (auto s : {CompensationStatus::kPendingApproval, CompensationStatus::kApproved,
                 CompensationStatus::kRejected}) {
    EXPECT_EQ(ParseCompensationStatus(ToString(s)), s);
  }
  EXPECT_EQ(ToString(CompensationKind::kShippingRefund), "shipping_refund");
  EXPECT_EQ(ToString(CompensationStatus::kPendingApproval), "pending_approval");
  EXPECT_FALSE(ParseCompensationKind("cash").has_value());
}

TEST(CompensationTest, OnlyRefundsPayMoneyBack) {
  EXPECT_FALSE(IsMoneyBack(CompensationKind::kCoupon));
  EXPECT_TRUE(IsMoneyBack(CompensationKind::kPartialRefund));
  EXPECT_TRUE(IsMoneyBack(CompensationKind::kShippingRefund));
  EXPECT_FALSE(IsMoneyBack(CompensationKind::kGift));
}

TEST(CompensationTest, LimitsAndBudgetView) {
  EXPECT_EQ(kLimits.For(Role::kCustomer), 0);
  EXPECT_EQ(kLimits.For(Role::kAgent), 5000);
  EXPECT_EQ(kLimits.For(Role::kLead), 50000);
  EXPECT_EQ(kLimits.For(Role::kManager), std::nullopt);
  EXPECT_EQ(kLimits.For(Role::kAdmin), std::nullopt);
  ApprovalLimits capped;
  capped.manager_fen = 200000;
  EXPECT_EQ(capped.For(Role::kAdmin), 200000);

  EXPECT_EQ(kNoBudget.Remaining(), std::nullopt);
  EXPECT_EQ(Budget(100000, 30000).Remaining(), 70000);
  EXPECT_EQ(Budget(100000, 120000).Remaining(), -20000);
}

TEST(CompensationTest, AgentWithinFiftyYuanIsApprovedAtOnce) {
  auto c = RequestCompensation(kLimits, Draft(5000), 0, kNoBudget, kNow);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->status, CompensationStatus::kApproved);
  EXPECT_EQ(c->decided_by, "li.lei");
  EXPECT_EQ(c->decided_at, kNow);
  EXPECT_EQ(c->created_at, kNow);
  EXPECT_EQ(c->pending_reason, "");
}

TEST(CompensationTest, AgentOneFenOverTheLimitWaits) {
  auto c = RequestCompensation(kLimits, Draft(5001), 0, kNoBudget, kNow);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->status, CompensationStatus::kPendingApproval);
  EXPECT_EQ(c->pending_reason, "over_limit");
  EXPECT_EQ(c->decided_by, "");
  EXPECT_EQ(c->decided_at, std::nullopt);
}

TEST(CompensationTest, TheLimitCountsWhatTheTicketAlreadyGot) {
  auto first = RequestCompensation(kLimits, Draft(3000), 0, kNoBudget, kNow);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->status, CompensationStatus::kApproved);
  // 3000 + 2000 = 5000: still within.
  auto second = RequestCompensation(kLimits, Draft(2000), 3000, kNoBudget, kNow);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->status, CompensationStatus::kApproved);
  // 5000 + 1 is over.
  auto third = RequestCompensation(kLimits, Draft(1), 5000, kNoBudget, kNow);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->status, CompensationStatus::kPendingApproval);
  EXPECT_EQ(third->pending_reason, "over_limit");
}

TEST(CompensationTest, LeadAndManagerLimits) {
  auto lead_ok = RequestCompensation(kLimits, Draft(50000, "chen.jie", Role::kLead), 0, kNoBudget, kNow);
  EXPECT_EQ(lead_ok->status, CompensationStatus::kApproved);
  auto lead_over =
      RequestCompensation(kLimits, Draft(20000, "chen.jie", Role::kLead), 30001, kNoBudget, kNow);
  EXPECT_EQ(lead_over->status, CompensationStatus::kPendingApproval);
  EXPECT_EQ(lead_over->pending_reason, "over_limit");

  auto manager = RequestCompensation(kLimits, Draft(10'000'000, "liu.yang", Role::kManager),
                                     500000, kNoBudget, kNow);
  EXPECT_EQ(manager->status, CompensationStatus::kApproved);

  ApprovalLimits capped;
  capped.manager_fen = 100000;
  auto capped_manager = RequestCompensation(capped, Draft(100001, "liu.yang", Role::kManager), 0,
                                            kNoBudget, kNow);
  EXPECT_EQ(capped_manager->status, CompensationStatus::kPendingApproval);
}

TEST(CompensationTest, OverTheTeamBudgetWaitsEvenWithinTheLimit) {
  auto c = RequestCompensation(kLimits, Draft(3000), 0, Budget(100000, 98000), kNow);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->status, CompensationStatus::kPendingApproval);
  EXPECT_EQ(c->pending_reason, "over_budget");

  auto exactly = RequestCompensation(kLimits, Draft(2000), 0, Budget(100000, 98000), kNow);
  EXPECT_EQ(exactly->status, CompensationStatus::kApproved);

  // The limit is checked first.
  auto both = RequestCompensation(kLimits, Draft(6000), 0, Budget(100000, 98000), kNow);
  EXPECT_EQ(both->pending_reason, "over_limit");

  // Managers are bound by the budget when they request, too.
  auto manager =
      RequestCompensation(kLimits, Draft(3000, "liu.yang", Role::kManager), 0, Budget(1000, 0), kNow);
  EXPECT_EQ(manager->status, CompensationStatus::kPendingApproval);
  EXPECT_EQ(manager->pending_reason, "over_budget");
}

TEST(CompensationTest, RequestValidation) {
  for (int64_t bad : {int64_t{0}, int64_t{-1}}) {
    auto c = RequestCompensation(kLimits, Draft(bad), 0, kNoBudget, kNow);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), StatusCode::kValidation);
    EXPECT_EQ(c.status().reason(), "bad_amount");
  }
  for (std::string reason : {"", " \n"}) {
    Compensation d = Draft(100);
    d.reason = reason;
    auto c = RequestCompensation(kLimits, d, 0, kNoBudget, kNow);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), StatusCode::kValidation);
    EXPECT_EQ(c.status().reason(), "reason_required");
  }
  auto customer = RequestCompensation(kLimits, Draft(100, "wang.fang", Role::kCustomer), 0,
                                      kNoBudget, kNow);
  ASSERT_FALSE(customer.ok());
  EXPECT_EQ(customer.status().code(), StatusCode::kPermissionDenied);
}

TEST(CompensationTest, LeadApprovesWithinTheirLimit) {
  Compensation c = Pending(20000);
  auto got = ApproveCompensation(kLimits, c, "chen.jie", Role::kLead, 0, kNoBudget, "fair", kLater);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->status, CompensationStatus::kApproved);
  EXPECT_EQ(got->pending_reason, "");
  EXPECT_EQ(got->decided_by, "chen.jie");
  EXPECT_EQ(got->decision_note, "fair");
  EXPECT_EQ(got->decided_at, kLater);
  EXPECT_EQ(got->version, c.version + 1);
  EXPECT_EQ(got->requested_by, "li.lei");
}

TEST(CompensationTest, ApprovalErrorsChangeNothing) {
  const Compensation c = Pending(20000);
  struct Case {
    std::string approver;
    Role role;
    int64_t granted;
    BudgetView budget;
    StatusCode code;
    std::string reason;
  };
  const Case cases[] = {
      // Nobody approves their own request, whatever their role.
      {"li.lei", Role::kManager, 0, kNoBudget, StatusCode::kPermissionDenied, "self_approval"},
      // An agent's limit does not cover ¥200.
      {"zhao.min", Role::kAgent, 0, kNoBudget, StatusCode::kPermissionDenied, "approval_limit"},
      // A lead's limit does not cover the ticket's total: 31000 + 20000 > 50000.
      {"chen.jie", Role::kLead, 31000, kNoBudget, StatusCode::kPermissionDenied, "approval_limit"},
      {"wang.fang", Role::kCustomer, 0, kNoBudget, StatusCode::kPermissionDenied, "approval_limit"},
      // Over the budget: a lead may not.
      {"chen.jie", Role::kLead, 0, Budget(100000, 90000), StatusCode::kFailedPrecondition,
       "budget_exceeded"},
  };
  for (const Case& k : cases) {
    SCOPED_TRACE(k.reason + " by " + k.approver);
    auto got = ApproveCompensation(kLimits, c, k.approver, k.role, k.granted, k.budget, "ok", kLater);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), k.code);
    EXPECT_EQ(got.status().reason(), k.reason);
    EXPECT_EQ(c.status, CompensationStatus::kPendingApproval);
  }
  // The lead at exactly the limit may: 30000 + 20000 = 50000.
  EXPECT_TRUE(
      ApproveCompensation(kLimits, c, "chen.jie", Role::kLead, 30000, kNoBudget, "ok", kLater).ok());
}

TEST(CompensationTest, ManagersMayGoOverTheBudget) {
  const Compensation c = Pending(20000);
  for (Role r : {Role::kManager, Role::kAdmin}) {
    auto got = ApproveCompensation(kLimits, c, "liu.yang", r, 0, Budget(100000, 95000),
                                   "VIP, our fault", kLater);
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    EXPECT_EQ(got->status, CompensationStatus::kApproved);
  }
}

TEST(CompensationTest, OnlyPendingRequestsAreDecided) {
  Compensation c = Pending(20000);
  auto approved = ApproveCompensation(kLimits, c, "chen.jie", Role::kLead, 0, kNoBudget, "ok", kLater);
  ASSERT_TRUE(approved.ok());
  auto again = ApproveCompensation(kLimits, *approved, "liu.yang", Role::kManager, 0, kNoBudget,
                                   "ok", kLater);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().reason(), "not_pending");
  auto reject = RejectCompensation(kLimits, *approved, "liu.yang", Role::kManager, "no", kLater);
  ASSERT_FALSE(reject.ok());
  EXPECT_EQ(reject.status().reason(), "not_pending");

  auto rejected = RejectCompensation(kLimits, c, "chen.jie", Role::kLead, "too much", kLater);
  ASSERT_TRUE(rejected.ok());
  auto approve_rejected =
      ApproveCompensation(kLimits, *rejected, "liu.yang", Role::kManager, 0, kNoBudget, "ok", kLater);
  EXPECT_EQ(approve_rejected.status().reason(), "not_pending");
}

// 处理意见: approving a payout says why; a blank note changes nothing.
TEST(CompensationTest, ApprovalNeedsANote) {
  const Compensation c = Pending(20000);
  for (std::string note : {"", "   ", "\n\t"}) {
    auto got = ApproveCompensation(kLimits, c, "chen.jie", Role::kLead, 0, kNoBudget, note, kLater);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), StatusCode::kValidation);
    EXPECT_EQ(got.status().reason(), "reason_required");
  }
  auto ok = ApproveCompensation(kLimits, c, "chen.jie", Role::kLead, 0, kNoBudget, "物流延误属实", kLater);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->decision_note, "物流延误属实");
}

TEST(CompensationTest, RejectionNeedsANote) {
  const Compensation c = Pending(20000);
  for (std::string note : {"", "   "}) {
    auto got = RejectCompensation(kLimits, c, "chen.jie", Role::kLead, note, kLater);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), StatusCode::kValidation);
    EXPECT_EQ(got.status().reason(), "reason_required");
  }
  auto got = RejectCompensation(kLimits, c, "chen.jie", Role::kLead, "a coupon will do", kLater);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, CompensationStatus::kRejected);
  EXPECT_EQ(got->pending_reason, "");
  EXPECT_EQ(got->decided_by, "chen.jie");
  EXPECT_EQ(got->decision_note, "a coupon will do");
  EXPECT_EQ(got->decided_at, kLater);
  EXPECT_EQ(got->version, c.version + 1);
}

TEST(CompensationTest, TheRequesterMayWithdrawOtherAgentsMayNot) {
  const Compensation c = Pending(20000);
  auto withdrawn = RejectCompensation(kLimits, c, "li.lei", Role::kAgent, "withdrawn", kLater);
  ASSERT_TRUE(withdrawn.ok());
  EXPECT_EQ(withdrawn->status, CompensationStatus::kRejected);
  EXPECT_EQ(withdrawn->decided_by, "li.lei");

  for (Role r : {Role::kAgent, Role::kCustomer}) {
    auto got = RejectCompensation(kLimits, c, "zhao.min", r, "no", kLater);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.status().code(), StatusCode::kPermissionDenied);
  }
  // Leads reject even above their approval limit.
  auto lead = RejectCompensation(kLimits, Pending(900000), "chen.jie", Role::kLead, "no", kLater);
  EXPECT_TRUE(lead.ok());
}

}  // namespace
}  // namespace kefu
