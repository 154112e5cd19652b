// After-sales requests (售后申请) on an order line: the records and their
// state machine. Pure: no I/O. The policy engine that decides eligibility is
// in after_sales_policy.h; money limits for goodwill payouts in
// compensation.h.
//
// State machine (every move is an event on the ticket, with who and why):
//   requested -> approved | rejected | cancelled
//   approved  -> awaiting_return_shipment   (return_refund, exchange, repair)
//   approved  -> refunded                   (refund_only: nothing comes back)
//   approved  -> resent                     (resend: the missing or lost goods go out again)
//   approved  -> cancelled
//   awaiting_return_shipment -> received | cancelled
//   received  -> inspected
//   inspected -> refunded (return_refund) | exchanged (exchange)
//              | repaired (repair) | rejected (the goods failed inspection)
// rejected, refunded, exchanged, repaired, resent and cancelled are final.
// A unit that was repaired, exchanged or resent may be the subject of a new
// request (it failed again, the replacement is faulty): only live requests
// and refunds hold a line's quantity.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/enums.h"
#include "core/model.h"

namespace kefu {

enum class AfterSalesKind { kReturnRefund, kRefundOnly, kExchange, kRepair, kResend };
// Why the customer asks. Every reason but kNoReason is the merchant's fault
// (or the carrier's, which the merchant answers for: E-Commerce Law Art. 20).
enum class AfterSalesReason {
  kNoReason,          // 七日无理由
  kQualityFault,      // 质量问题
  kNotAsDescribed,    // 与描述不符
  kDamagedInTransit,  // 运输破损
  kWrongItem,         // 错发 (a different item came: it goes back)
  kNotDelivered,      // 未收到货 (lost, or never shipped)
  kMissingItem,       // 漏发 (units missing from the parcel: nothing to send back)
  kFraud,             // 欺诈 (CRPL Art. 55: punitive damages)
  kFoodSafety,        // 食品安全 (Food Safety Law Art. 148: punitive damages)
};
enum class AfterSalesStatus {
  kRequested, kApproved, kRejected, kAwaitingReturnShipment, kReceived, kInspected,
  kRefunded, kExchanged, kRepaired, kCancelled, kResent,
  kRefused,  // the policy said no when it was opened; kept so refusals can be counted
};
// Who bears a cost (return shipping, import duties).
enum class Payer { kNone, kBuyer, kMerchant };

std::string_view ToString(AfterSalesKind k);
std::string_view ToString(AfterSalesReason r);
std::string_view ToString(AfterSalesStatus s);
std::string_view ToString(Payer p);
std::optional<AfterSalesKind> ParseAfterSalesKind(std::string_view s);
std::optional<AfterSalesReason> ParseAfterSalesReason(std::string_view s);
std::optional<AfterSalesStatus> ParseAfterSalesStatus(std::string_view s);
std::optional<Payer> ParsePayer(std::string_view s);

bool IsFinal(AfterSalesStatus s);
// True for reasons where the merchant is at fault.
bool IsFaultReason(AfterSalesReason r);
// True for the punitive-damages reasons (fraud, food_safety).
bool IsPunitiveReason(AfterSalesReason r);
// Whether the request holds its order line's quantity: live requests and
// refunds do (a unit cannot be refunded twice); rejected, cancelled and the
// finished repairs, exchanges and resends do not (the buyer still has a
// unit, which may fail again).
bool HoldsQuantity(AfterSalesStatus s);

// An amount the decision takes off the refund, with its basis: code
// "gift_not_returned" (a gift the buyer keeps, at its disclosed price) or
// "free_shipping_threshold" (the return leaves the order below its
// free-shipping threshold: the waived shipping).
struct Deduction {
  std::string code;
  int64_t amount_fen = 0;
  std::string article;
};

// Units of a gift line that must come back with the goods.
struct GiftReturn {
  int line = 0;              // the gift's order line
  int64_t quantity = 0;
  int64_t value_fen = 0;     // their disclosed price, deducted if they are kept
};

// The policy's decision as stored with the request (see after_sales_policy.h).
struct PolicyDecision {
  bool eligible = false;
  std::string rule;     // stable code, e.g. "no_reason_return", "excluded_perishable"
  std::string article;  // the statute cited, e.g. "CRPL Art. 25"
  Payer return_shipping = Payer::kNone;  // who pays to send the goods back
  Payer duties = Payer::kNone;           // cross-border: who bears duties on the return
  bool return_required = false;          // the goods must come back first
  std::optional<Timestamp> window_ends;  // the request had to be made before this instant
  int64_t max_refund_fen = 0;            // what may be refunded for the requested quantity
                                         // (punitive damages included)
  int64_t punitive_fen = 0;              // of which punitive damages (fraud, food safety)
  bool lead_required = false;            // only a lead or above may approve (punitive claims)
  bool evidence_required = false;        // the request must carry evidence
  bool needs_confirmation = false;       // a fact the decision rests on (the buyer's claim
                                         // of receipt) waits for a person to confirm it
  bool window_extended = false;          // the window's last day was a rest day: it runs to
                                         // the end of the next working day (Civil Code 203)
  std::vector<AfterSalesKind> alternatives;  // refused: the kinds that would be granted instead
  std::vector<Deduction> deductions;         // already taken off max_refund_fen
  std::vector<GiftReturn> gifts_to_return;   // to come back with the goods
  std::string explanation_zh;
  std::string explanation_en;
};

struct AfterSalesRequest {
  std::string id;  // "A-000001"
  std::string ticket_id;
  std::string order_id;
  int line = 0;  // 1-based order line
  int64_t quantity = 1;
  // Which unit of the line (1-based; 0 = not said): a line of several units
  // keeps each unit's repair history apart.
  int unit = 0;
  AfterSalesKind kind = AfterSalesKind::kReturnRefund;
  AfterSalesReason reason = AfterSalesReason::kNoReason;
  AfterSalesStatus status = AfterSalesStatus::kRequested;
  std::string note;                 // the customer's or agent's description
  PolicyDecision decision;          // made when the request was opened
  int64_t refund_fen = 0;           // agreed refund (<= decision.max_refund_fen)
  std::string return_tracking;      // the customer's return parcel, once sent
  std::string resend_tracking;      // resend: the new parcel to the buyer
  std::string evidence;             // punitive claims: what supports the claim
  // A refund below the maximum needs its reason (text) and basis (code:
  // free_shipping_threshold, gift_not_returned, depreciation, partial_goods,
  // agreed_with_buyer, other).
  std::string deduction_basis;
  std::string deduction_reason;
  std::string requested_by;
  // A refusal the team thinks should not stand: who asked for an exception
  // (申请例外) and why.
  std::string exception_by;
  std::string exception_reason;
  // A refusal a lead or above overrode: the request then runs as if allowed.
  bool override = false;
  std::string overridden_by;
  std::string override_reason;
  std::string decided_by;           // who approved or rejected
  std::string decision_reason;      // why (approval, rejection, inspection)
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> received_at;  // returned goods arrived
  std::optional<Timestamp> refund_due;   // received_at + the policy's refund_within_days
  std::optional<Timestamp> refunded_at;
  int64_t version = 0;
};

// Whether `from -> to` is a move of the state machine for this kind.
bool CanMove(AfterSalesKind kind, AfterSalesStatus from, AfterSalesStatus to);

// What a move needs besides the target state.
struct AfterSalesMove {
  AfterSalesStatus to = AfterSalesStatus::kApproved;
  std::string reason;           // required for rejected, cancelled, approved and refunded
  std::string return_tracking;  // optional, for awaiting_return_shipment / received
  std::optional<int64_t> refund_fen;  // refunded: defaults to the agreed refund
  std::string resend_tracking;  // required for resent: the new parcel's tracking number
  std::string resend_carrier;   // resent: its carrier ("" = the order's carrier)
};

// Applies a move by `actor` at `now`. Errors (nothing changes):
//   kFailedPrecondition "invalid_transition"  not a move of the machine
//   kValidation "reason_required"             reject, cancel, approve or refund without
//                                             a reason (blank text counts as none)
//   kValidation "refund_exceeds_paid"         refund above decision.max_refund_fen
//   kPermissionDenied "forbidden"             customers may only cancel their own
//                                             request while it is requested; a claim
//                                             with decision.lead_required is approved
//                                             or rejected by a lead or above
//   kValidation "tracking_required"           resent without resend_tracking
// Checked in this order: forbidden, invalid_transition, reason_required,
// tracking_required, refund_exceeds_paid (also for a refund of 0 or less). Ownership (the
// customer owns the ticket) is the caller's check: the request does not name
// the customer.
// On success: approved/rejected record decided_by = actor and decision_reason
// = m.reason; received sets received_at = now and refund_due = now +
// `refund_within_days` days; refunded sets refunded_at = now and refund_fen =
// m.refund_fen or the agreed refund_fen; a non-empty m.return_tracking
// replaces return_tracking; resent records resend_tracking; updated_at =
// now; version + 1.
StatusOr<AfterSalesRequest> MoveAfterSales(const AfterSalesRequest& r, const AfterSalesMove& m,
                                           const std::string& actor, Role actor_role,
                                           Timestamp now, int refund_within_days);

// Whether a refusal may be overridden: not when it states a fact no one can
// decide away (the units are not available: quantity_exceeds_line; nothing
// was paid: not_paid).
bool CanOverride(const PolicyDecision& d);

// Staff member `a` asks for an exception to refused request `r`, with a
// reason. Errors (nothing changes): kPermissionDenied for customers;
// kFailedPrecondition "invalid_transition" unless refused,
// "exception_pending" if one was already asked; kValidation
// "reason_required" for a blank reason. Records exception_by and the
// trimmed reason; updated_at = now; version + 1.
StatusOr<AfterSalesRequest> AskException(const AfterSalesRequest& r, const Actor& a,
                                         std::string_view reason, Timestamp now);

// What a supervisor's override says.
struct AfterSalesOverride {
  std::string reason;                 // required
  std::optional<int64_t> refund_fen;  // default: all that was paid for the units
};

// A lead, manager or admin opens refused request `r` as if the policy had
// allowed it. `paid_fen` is what was paid for the request's units now.
// Errors (nothing changes), in this order:
//   kPermissionDenied           below lead
//   kPermissionDenied "self_override"  `a` opened the request or asked the exception
//   kFailedPrecondition "invalid_transition"  not refused
//   kFailedPrecondition "not_overridable"     !CanOverride(r.decision)
//   kValidation "reason_required"             blank reason
//   kValidation "refund_exceeds_paid"         refund_fen < 0 or above paid_fen
// On success: status requested (the usual approval follows), override,
// overridden_by, override_reason; the decision becomes eligible with
// max_refund_fen = paid_fen for refund kinds (0 otherwise), the goods come
// back for return, exchange and repair at the merchant's cost for a fault
// reason (the buyer's otherwise), its rule and article kept as the record of
// what was overridden; refund_fen = o.refund_fen or max; version + 1.
StatusOr<AfterSalesRequest> OverrideRefusal(const AfterSalesRequest& r, const AfterSalesOverride& o,
                                            const Actor& a, int64_t paid_fen, Timestamp now);

// True when the refund is due and not yet issued at `now`.
bool RefundOverdue(const AfterSalesRequest& r, Timestamp now);

// What goes back to the buyer of order `order_id` (refunds and money-back
// compensation) may never exceed what was paid, `paid_fen`. kValidation
// "refund_exceeds_paid" if `already_fen` (gone back so far) plus `extra_fen`
// is above it. Overflow-safe: a sum beyond int64 is above any total.
Status CheckMoneyBackTotal(const std::string& order_id, int64_t paid_fen, int64_t already_fen,
                           int64_t extra_fen);

}  // namespace kefu
