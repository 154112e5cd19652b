#include "core/after_sales.h"

#include <array>
#include <string>

#include "common/utf8.h"
#include "core/model.h"
#include "core/money.h"

namespace kefu {
namespace {

constexpr std::array<std::string_view, 5> kKindNames = {"return_refund", "refund_only", "exchange",
                                                        "repair", "resend"};
constexpr std::array<std::string_view, 9> kReasonNames = {
    "no_reason",     "quality_fault", "not_as_described", "damaged_in_transit", "wrong_item",
    "not_delivered", "missing_item",  "fraud",            "food_safety"};
constexpr std::array<std::string_view, 12> kStatusNames = {
    "requested", "approved",  "rejected",  "awaiting_return_shipment", "received",
    "inspected", "refunded",  "exchanged", "repaired",                 "cancelled",
    "resent",    "refused"};
constexpr std::array<std::string_view, 3> kPayerNames = {"none", "buyer", "merchant"};

}  // namespace

std::string_view ToString(AfterSalesKind k) { return kKindNames[static_cast<size_t>(k)]; }
std::string_view ToString(AfterSalesReason r) { return kReasonNames[static_cast<size_t>(r)]; }
std::string_view ToString(AfterSalesStatus s) { return kStatusNames[static_cast<size_t>(s)]; }
std::string_view ToString(Payer p) { return kPayerNames[static_cast<size_t>(p)]; }
std::optional<AfterSalesKind> ParseAfterSalesKind(std::string_view s) {
  return ParseName<AfterSalesKind>(kKindNames, s);
}
std::optional<AfterSalesReason> ParseAfterSalesReason(std::string_view s) {
  return ParseName<AfterSalesReason>(kReasonNames, s);
}
std::optional<AfterSalesStatus> ParseAfterSalesStatus(std::string_view s) {
  return ParseName<AfterSalesStatus>(kStatusNames, s);
}
std::optional<Payer> ParsePayer(std::string_view s) { return ParseName<Payer>(kPayerNames, s); }

bool IsFinal(AfterSalesStatus s) {
  using S = AfterSalesStatus;
  return s == S::kRejected || s == S::kRefunded || s == S::kExchanged || s == S::kRepaired ||
         s == S::kCancelled || s == S::kResent || s == S::kRefused;
}

bool IsFaultReason(AfterSalesReason r) { return r != AfterSalesReason::kNoReason; }

bool IsPunitiveReason(AfterSalesReason r) {
  return r == AfterSalesReason::kFraud || r == AfterSalesReason::kFoodSafety;
}

bool HoldsQuantity(AfterSalesStatus s) {
  using S = AfterSalesStatus;
  return !(IsFinal(s) && s != S::kRefunded);
}

bool CanMove(AfterSalesKind kind, AfterSalesStatus from, AfterSalesStatus to) {
  using S = AfterSalesStatus;
  using K = AfterSalesKind;
  switch (from) {
    case S::kRequested:
      return to == S::kApproved || to == S::kRejected || to == S::kCancelled;
    case S::kApproved:
      if (to == S::kCancelled) return true;
      if (to == S::kRefunded) return kind == K::kRefundOnly;
      if (to == S::kResent) return kind == K::kResend;
      if (to == S::kAwaitingReturnShipment) return kind != K::kRefundOnly && kind != K::kResend;
      return false;
    case S::kAwaitingReturnShipment:
      return to == S::kReceived || to == S::kCancelled;
    case S::kReceived:
      return to == S::kInspected;
    case S::kInspected:
      if (to == S::kRejected) return true;
      if (to == S::kRefunded) return kind == K::kReturnRefund;
      if (to == S::kExchanged) return kind == K::kExchange;
      if (to == S::kRepaired) return kind == K::kRepair;
      return false;
    case S::kRejected:
    case S::kRefunded:
    case S::kExchanged:
    case S::kRepaired:
    case S::kCancelled:
    case S::kResent:
    case S::kRefused:  // only an override reopens it (OverrideRefusal)
      return false;
  }
  return false;
}

namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

std::string MoveText(const AfterSalesRequest& r, AfterSalesStatus to) {
  return "after-sales request " + r.id + " (" + std::string(ToString(r.kind)) + ") cannot move from " +
         std::string(ToString(r.status)) + " to " + std::string(ToString(to));
}

}  // namespace

StatusOr<AfterSalesRequest> MoveAfterSales(const AfterSalesRequest& r, const AfterSalesMove& m,
                                           const std::string& actor, Role actor_role,
                                           Timestamp now, int refund_within_days) {
  using S = AfterSalesStatus;
  // Ownership (the customer owns the ticket) is the caller's check: the
  // request does not carry the customer, and an agent may have opened it.
  if (actor_role == Role::kCustomer &&
      !(r.status == S::kRequested && m.to == S::kCancelled)) {
    return PermissionDenied("customers may only cancel a request that is still requested");
  }
  if (r.decision.lead_required && r.status == S::kRequested &&
      (m.to == S::kApproved || m.to == S::kRejected) && actor_role < Role::kLead) {
    return PermissionDenied("a punitive-damages claim is decided by a lead or above");
  }
  if (!CanMove(r.kind, r.status, m.to)) {
    return FailedPrecondition("invalid_transition", MoveText(r, m.to));
  }
  // Rejections and cancellations say why; so does every money decision
  // (approving a request, issuing a refund: 处理意见).
  if ((m.to == S::kRejected || m.to == S::kCancelled || m.to == S::kApproved ||
       m.to == S::kRefunded) &&
      IsBlankText(m.reason)) {
    return Status(StatusCode::kValidation, "reason_required",
                  std::string(ToString(m.to)) + " needs a reason");
  }
  if (m.to == S::kResent && IsBlankText(m.resend_tracking)) {
    return Status(StatusCode::kValidation, "tracking_required",
                  "resent needs the new parcel's resend_tracking");
  }
  AfterSalesRequest out = r;
  if (m.to == S::kResent) out.resend_tracking = m.resend_tracking;
  if (m.to == S::kRefunded) {
    int64_t fen = m.refund_fen.value_or(r.refund_fen);
    if (fen <= 0 || fen > r.decision.max_refund_fen) {
      return Status(StatusCode::kValidation, "refund_exceeds_paid",
                    "refund of " + std::to_string(fen) + " fen must be above 0 and at most " +
                        std::to_string(r.decision.max_refund_fen) + " fen");
    }
    out.refund_fen = fen;
    out.refunded_at = now;
  }
  if (m.to == S::kApproved || m.to == S::kRejected) {
    out.decided_by = actor;
    out.decision_reason = m.reason;
  }
  if (m.to == S::kReceived) {
    out.received_at = now;
    out.refund_due = Timestamp{now.unix_ms + int64_t{refund_within_days} * kDayMs};
  }
  if (!m.return_tracking.empty()) out.return_tracking = m.return_tracking;
  out.status = m.to;
  out.updated_at = now;
  out.version = r.version + 1;
  return out;
}

bool RefundOverdue(const AfterSalesRequest& r, Timestamp now) {
  return r.refund_due.has_value() && r.status != AfterSalesStatus::kRefunded && !IsFinal(r.status) &&
         now > *r.refund_due;
}

Status CheckMoneyBackTotal(const std::string& order_id, int64_t paid_fen, int64_t already_fen,
                           int64_t extra_fen) {
  int64_t back = SaturatingAdd(already_fen, extra_fen);
  if (back <= paid_fen) return OkStatus();
  return Status(StatusCode::kValidation, "refund_exceeds_paid",
                "refunds and money-back compensation on order " + order_id + " would come to " +
                    FormatYuan(back) + " yuan, more than the " + FormatYuan(paid_fen) +
                    " yuan paid");
}

}  // namespace kefu
