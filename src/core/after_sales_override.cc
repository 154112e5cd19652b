// Refusals that are not the last word: an agent's request for an exception
// and a supervisor's override (core/after_sales.h).
#include <algorithm>

#include "common/utf8.h"
#include "core/after_sales.h"
#include "core/validation.h"

namespace kefu {

namespace {

Status NotRefused(const AfterSalesRequest& r) {
  return FailedPrecondition("invalid_transition", "after-sales request " + r.id + " is " +
                                                      std::string(ToString(r.status)) +
                                                      ", not refused");
}

Status CheckReason(std::string_view reason, std::string_view what) {
  if (IsBlankText(reason)) {
    return Status(StatusCode::kValidation, "reason_required", std::string(what) + " needs a reason");
  }
  return CheckText("reason", reason, 1, kMaxReasonChars);
}

bool TakesGoodsBack(AfterSalesKind k) {
  return k == AfterSalesKind::kReturnRefund || k == AfterSalesKind::kExchange ||
         k == AfterSalesKind::kRepair;
}

}  // namespace

bool CanOverride(const PolicyDecision& d) {
  return !d.eligible && d.rule != "quantity_exceeds_line" && d.rule != "not_paid";
}

StatusOr<AfterSalesRequest> AskException(const AfterSalesRequest& r, const Actor& a,
                                         std::string_view reason, Timestamp now) {
  if (!IsStaff(a.role)) return PermissionDenied("exceptions are asked by the service team");
  if (r.status != AfterSalesStatus::kRefused) return NotRefused(r);
  if (!r.exception_by.empty()) {
    return FailedPrecondition("exception_pending",
                              "an exception was already asked by " + r.exception_by);
  }
  KEFU_RETURN_IF_ERROR(CheckReason(reason, "an exception"));
  AfterSalesRequest out = r;
  out.exception_by = a.login;
  out.exception_reason = TrimSpace(reason);
  out.updated_at = now;
  out.version = r.version + 1;
  return out;
}

StatusOr<AfterSalesRequest> OverrideRefusal(const AfterSalesRequest& r, const AfterSalesOverride& o,
                                            const Actor& a, int64_t paid_fen, Timestamp now) {
  if (!IsSupervisor(a.role)) return PermissionDenied("a refusal is overridden by a lead or above");
  if (a.login == r.requested_by || a.login == r.exception_by) {
    return Status(StatusCode::kPermissionDenied, "self_override",
                  "a refusal is overridden by someone other than who asked: four eyes");
  }
  if (r.status != AfterSalesStatus::kRefused) return NotRefused(r);
  if (!CanOverride(r.decision)) {
    return FailedPrecondition("not_overridable",
                              r.decision.rule + " states a fact, not a policy: it cannot be overridden");
  }
  KEFU_RETURN_IF_ERROR(CheckReason(o.reason, "an override"));
  bool refund = r.kind == AfterSalesKind::kReturnRefund || r.kind == AfterSalesKind::kRefundOnly;
  int64_t max = refund ? std::max<int64_t>(0, paid_fen) : 0;
  int64_t fen = o.refund_fen.value_or(max);
  if (fen < 0 || fen > max) {
    return Status(StatusCode::kValidation, "refund_exceeds_paid",
                  "refund_fen must be between 0 and " + std::to_string(max) +
                      " (what was paid for the items)");
  }
  AfterSalesRequest out = r;
  PolicyDecision& d = out.decision;
  d.eligible = true;
  d.max_refund_fen = max;
  d.punitive_fen = 0;
  d.lead_required = false;
  d.alternatives.clear();
  d.return_required = TakesGoodsBack(r.kind);
  d.return_shipping = !d.return_required        ? Payer::kNone
                      : IsFaultReason(r.reason) ? Payer::kMerchant
                                                : Payer::kBuyer;
  d.explanation_zh += "（主管" + a.login + "特批例外：" + TrimSpace(o.reason) + "）";
  d.explanation_en += " (Overridden by " + a.login + ": " + TrimSpace(o.reason) + ")";
  out.status = AfterSalesStatus::kRequested;
  out.override = true;
  out.overridden_by = a.login;
  out.override_reason = TrimSpace(o.reason);
  out.refund_fen = fen;
  out.updated_at = now;
  out.version = r.version + 1;
  return out;
}

}  // namespace kefu
