#include "core/compensation.h"

#include <array>

#include "common/utf8.h"
#include "core/money.h"

namespace kefu {
namespace {

constexpr std::array<std::string_view, 4> kKindNames = {"coupon", "partial_refund",
                                                        "shipping_refund", "gift"};
constexpr std::array<std::string_view, 3> kStatusNames = {"pending_approval", "approved",
                                                          "rejected"};

// Whether the ticket's granted total with `amount_fen` more is within
// `limit` (nullopt: unlimited). The sum saturates: a total beyond int64 is
// above every limit instead of wrapping below it.
bool WithinLimit(std::optional<int64_t> limit, int64_t granted_fen, int64_t amount_fen) {
  return !limit.has_value() || SaturatingAdd(granted_fen, amount_fen) <= *limit;
}

bool WithinBudget(const BudgetView& budget, int64_t amount_fen) {
  std::optional<int64_t> remaining = budget.Remaining();
  return !remaining.has_value() || amount_fen <= *remaining;
}

Status CheckPending(const Compensation& c) {
  if (c.status != CompensationStatus::kPendingApproval) {
    return FailedPrecondition("not_pending", "compensation " + c.id + " is already " +
                                                 std::string(ToString(c.status)));
  }
  return OkStatus();
}

Status CheckNote(std::string_view note) {
  if (IsBlankText(note)) {
    return Status(StatusCode::kValidation, "reason_required", "a note is required");
  }
  return OkStatus();
}

}  // namespace

std::string_view ToString(CompensationKind k) { return kKindNames[static_cast<size_t>(k)]; }
std::string_view ToString(CompensationStatus s) { return kStatusNames[static_cast<size_t>(s)]; }
std::optional<CompensationKind> ParseCompensationKind(std::string_view s) {
  return ParseName<CompensationKind>(kKindNames, s);
}
std::optional<CompensationStatus> ParseCompensationStatus(std::string_view s) {
  return ParseName<CompensationStatus>(kStatusNames, s);
}

bool IsMoneyBack(CompensationKind k) {
  return k == CompensationKind::kPartialRefund || k == CompensationKind::kShippingRefund;
}

std::optional<int64_t> ApprovalLimits::For(Role r) const {
  switch (r) {
    case Role::kCustomer:
      return 0;
    case Role::kAgent:
      return agent_fen;
    case Role::kLead:
      return lead_fen;
    case Role::kManager:
    case Role::kAdmin:
      return manager_fen;
  }
  return 0;
}

std::optional<int64_t> BudgetView::Remaining() const {
  if (!budget_fen.has_value()) return std::nullopt;
  return SaturatingSub(*budget_fen, spent_fen);
}

StatusOr<Compensation> RequestCompensation(const ApprovalLimits& limits, Compensation c,
                                           int64_t ticket_granted_fen, const BudgetView& budget,
                                           Timestamp now) {
  if (c.requested_role == Role::kCustomer) {
    return PermissionDenied("customers may not grant compensation");
  }
  KEFU_RETURN_IF_ERROR(CheckAmountFen("amount_fen", c.amount_fen, 1, "bad_amount"));
  if (IsBlankText(c.reason)) {
    return Status(StatusCode::kValidation, "reason_required", "compensation needs a reason");
  }
  c.created_at = now;
  c.decided_by.clear();
  c.decided_at.reset();
  if (!WithinLimit(limits.For(c.requested_role), ticket_granted_fen, c.amount_fen)) {
    c.status = CompensationStatus::kPendingApproval;
    c.pending_reason = "over_limit";
  } else if (!WithinBudget(budget, c.amount_fen)) {
    c.status = CompensationStatus::kPendingApproval;
    c.pending_reason = "over_budget";
  } else {
    c.status = CompensationStatus::kApproved;
    c.pending_reason.clear();
    c.decided_by = c.requested_by;
    c.decided_at = now;
  }
  return c;
}

StatusOr<Compensation> ApproveCompensation(const ApprovalLimits& limits, const Compensation& c,
                                           const std::string& approver, Role approver_role,
                                           int64_t ticket_granted_fen, const BudgetView& budget,
                                           std::string note, Timestamp now) {
  KEFU_RETURN_IF_ERROR(CheckPending(c));
  KEFU_RETURN_IF_ERROR(CheckAmountFen("amount_fen", c.amount_fen, 1, "bad_amount"));
  if (approver == c.requested_by) {
    return Status(StatusCode::kPermissionDenied, "self_approval",
                  "nobody may approve their own compensation request");
  }
  if (!WithinLimit(limits.For(approver_role), ticket_granted_fen, c.amount_fen)) {
    return Status(StatusCode::kPermissionDenied, "approval_limit",
                  "the ticket's compensation total would exceed the approver's limit");
  }
  bool manager_or_above = approver_role == Role::kManager || approver_role == Role::kAdmin;
  if (!manager_or_above && !WithinBudget(budget, c.amount_fen)) {
    return FailedPrecondition("budget_exceeded",
                              "the team's monthly budget is exceeded; a manager must approve");
  }
  KEFU_RETURN_IF_ERROR(CheckNote(note));  // 处理意见: every money decision says why
  Compensation out = c;
  out.status = CompensationStatus::kApproved;
  out.pending_reason.clear();
  out.decided_by = approver;
  out.decision_note = std::move(note);
  out.decided_at = now;
  out.version = c.version + 1;
  return out;
}

StatusOr<Compensation> RejectCompensation(const ApprovalLimits& /*limits*/, const Compensation& c,
                                          const std::string& actor, Role actor_role,
                                          std::string note, Timestamp now) {
  KEFU_RETURN_IF_ERROR(CheckPending(c));
  if (actor != c.requested_by && !IsSupervisor(actor_role)) {
    return PermissionDenied("only the requester or a lead, manager or admin may reject");
  }
  KEFU_RETURN_IF_ERROR(CheckNote(note));
  Compensation out = c;
  out.status = CompensationStatus::kRejected;
  out.pending_reason.clear();
  out.decided_by = actor;
  out.decision_note = std::move(note);
  out.decided_at = now;
  out.version = c.version + 1;
  return out;
}

}  // namespace kefu
