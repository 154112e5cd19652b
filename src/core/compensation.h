// Goodwill compensation (补偿): coupons, partial refunds, shipping refunds
// and gifts, with approval limits per role and a monthly budget per team, so
// that no agent can promise an unreasonable payout. Pure: no I/O.
//
// Rules:
//  - Limits are per ticket: a role may grant compensation on a ticket while
//    the ticket's granted total (approved compensation, this one included)
//    stays within its limit. Defaults: agent ¥50, lead ¥500, manager and
//    admin unlimited; customers none.
//  - A request within the requester's limit and the team's remaining
//    budget is approved at once; otherwise it waits for approval
//    (pending_approval) and is not shown to the customer.
//  - An approver needs a limit covering the ticket's total with this
//    request, may not approve their own request, and (below manager) may
//    not take the team over its monthly budget.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "common/time.h"
#include "core/enums.h"

namespace kefu {

enum class CompensationKind { kCoupon, kPartialRefund, kShippingRefund, kGift };
enum class CompensationStatus { kPendingApproval, kApproved, kRejected };

std::string_view ToString(CompensationKind k);
std::string_view ToString(CompensationStatus s);
std::optional<CompensationKind> ParseCompensationKind(std::string_view s);
std::optional<CompensationStatus> ParseCompensationStatus(std::string_view s);

// True for kinds that pay money back to the buyer (they count against what
// the buyer paid for the order).
bool IsMoneyBack(CompensationKind k);

struct Compensation {
  std::string id;  // "P-000001"
  std::string ticket_id;
  std::string team;  // whose budget pays (the ticket's team at request time)
  CompensationKind kind = CompensationKind::kCoupon;
  int64_t amount_fen = 0;
  std::string reason;
  CompensationStatus status = CompensationStatus::kPendingApproval;
  std::string pending_reason;  // over_limit | over_budget, while pending
  std::string requested_by;
  Role requested_role = Role::kAgent;
  std::string decided_by;  // approver or rejecter; requester if approved at once
  std::string decision_note;
  Timestamp created_at;
  std::optional<Timestamp> decided_at;
  int64_t version = 0;
};

// Per-role limits in fen; nullopt: unlimited.
struct ApprovalLimits {
  int64_t agent_fen = 5000;
  int64_t lead_fen = 50000;
  std::optional<int64_t> manager_fen;  // unlimited by default
  // Limit of `r`: customers 0, admins like managers.
  std::optional<int64_t> For(Role r) const;
};

// A team's month: budget (nullopt: no budget set) and what is approved so far.
struct BudgetView {
  std::optional<int64_t> budget_fen;
  int64_t spent_fen = 0;
  // budget - spent, saturated to the int64 range (core/money.h); may be
  // negative when approvals went over the budget.
  std::optional<int64_t> Remaining() const;
};

// Validates and decides a new request. `ticket_granted_fen` is what is
// already approved on the ticket. Returns the request with created_at = now
// and status approved (decided_by = requester, decided_at = now) or
// pending_approval with pending_reason "over_limit" (checked first) or
// "over_budget". The budget binds every role when requesting. Limit and
// budget checks are overflow-safe (a total beyond int64 is over any limit).
// Errors: kValidation "bad_amount" (amount outside [1, kMaxAmountFen],
// core/money.h), "reason_required"; kPermissionDenied for customers.
StatusOr<Compensation> RequestCompensation(const ApprovalLimits& limits, Compensation c,
                                           int64_t ticket_granted_fen, const BudgetView& budget,
                                           Timestamp now);

// Approves a pending request. Errors (nothing changes):
//   kFailedPrecondition "not_pending"   already decided
//   kPermissionDenied  "self_approval"  approver requested it
//   kPermissionDenied  "approval_limit" the ticket's total would exceed the approver's limit
//   kFailedPrecondition "budget_exceeded" over the team budget and approver below manager
//   kValidation "bad_amount"            amount outside [1, kMaxAmountFen] (a row
//                                       stored before amounts were bounded)
//   kValidation "reason_required"       blank note (处理意见: every money decision says
//                                       why), checked after the others
StatusOr<Compensation> ApproveCompensation(const ApprovalLimits& limits, const Compensation& c,
                                           const std::string& approver, Role approver_role,
                                           int64_t ticket_granted_fen, const BudgetView& budget,
                                           std::string note, Timestamp now);

// Rejects a pending request. The actor must be the requester (withdrawing
// their own request) or a lead, manager or admin (IsSupervisor), whatever
// their approval limit; `limits` is not consulted. Errors (nothing changes):
//   kFailedPrecondition "not_pending"  already decided
//   kPermissionDenied  "forbidden"     neither the requester nor a supervisor
//   kValidation "reason_required"      blank note
StatusOr<Compensation> RejectCompensation(const ApprovalLimits& limits, const Compensation& c,
                                          const std::string& actor, Role actor_role,
                                          std::string note, Timestamp now);

}  // namespace kefu
