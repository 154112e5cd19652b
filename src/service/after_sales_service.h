// After-sales use cases: a request on an order line is decided by the
// policy engine (core/after_sales_policy.h) when it is opened, then moves
// through its state machine (core/after_sales.h). Every move is an event on
// the ticket with who and why; a refund is a money movement and is also
// written to the audit log.
//
// Who: the ticket's customer may open a request on their own ticket and
// cancel it while it is requested; staff who can see the ticket do the rest.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/after_sales.h"
#include "core/ticket_rules.h"
#include "service/config_service.h"
#include "service/paging.h"
#include "store/store.h"

namespace kefu {

// What the customer or agent asks for.
struct AfterSalesDraft {
  std::string order_id;  // "" = the ticket's order
  int line = 0;          // 1-based line of the order
  int64_t quantity = 1;
  int unit = 0;          // which unit of the line (1-based, quantity 1 only); 0 = not said
  AfterSalesKind kind = AfterSalesKind::kReturnRefund;
  AfterSalesReason reason = AfterSalesReason::kNoReason;
  bool unsealed = false;   // the goods' seal is opened
  bool activated = false;  // the goods were activated or bound to an account
  bool intact = true;      // 完好
  // The buyer says the goods arrived then, though no 签收 is recorded.
  std::optional<Timestamp> received_at;
  bool about_disclosed_defect = false;  // the claim is about the line's disclosed defect
  bool keep_gifts = false;              // the buyer keeps the line's gifts (deducted)
  int64_t claimed_loss_fen = 0;         // food safety: the buyer's loss
  std::string evidence;                 // punitive claims: required
  std::string note;
  std::optional<int64_t> refund_fen;  // "" = the policy's maximum
  // A refund below the maximum: the basis (a DeductionBasis name) and why.
  std::string deduction_basis;
  std::string deduction_reason;
};

// An after_sales event of ticket `t` about request `r` (to: its status).
TicketEvent AfterSalesEvent(const Ticket& t, const AfterSalesRequest& r, const Actor& a,
                            std::string_view from, std::string reason, Timestamp now);

// Why a refund is below what the policy allows.
bool IsDeductionBasis(std::string_view s);

struct AfterSalesQuery {
  std::optional<AfterSalesStatus> status;
  std::string customer_id;
  std::string ticket_id;
  bool overdue = false;  // refund due date passed, not refunded
  PageRequest page;
};

// Thread-safe.
class AfterSalesService {
 public:
  AfterSalesService(Store& store, Clock& clock, ConfigService& config)
      : store_(store), clock_(clock), config_(config) {}

  // The decision the policy would make, without opening anything.
  StatusOr<PolicyDecision> Preview(const Actor& a, const std::string& ticket_id,
                                   const AfterSalesDraft& d);

  // Opens a request on the ticket. Errors (nothing changes):
  //   kValidation "bad_line" / "validation_failed"  no such order line, order not the customer's
  //   kFailedPrecondition "already_requested"       the line's quantity is already held by
  //                                                 other requests (a line is refunded once)
  //   kValidation "refund_exceeds_paid"             refund_fen above what was paid
  //   kValidation "deduction_reason_required"       refund_fen below the maximum without a
  //                                                 deduction_basis and deduction_reason
  //   kValidation "evidence_required"               a punitive claim without evidence
  //   kFailedPrecondition "ticket_closed"           the ticket is closed
  // When the policy refuses, the request is stored all the same with status
  // refused, its decision naming the rule, the article and the explanation
  // (no refund, nothing else checked): refusals are counted, and staff may
  // ask an exception (AskException) that a lead may grant (Override).
  // The unit's history goes into the decision: repairs finished since the
  // unit's period began (two give exchange or return), and the hand-over of
  // a replacement (a new period). A request may name its unit (`unit`, for
  // quantity 1; kValidation otherwise): then only requests on that unit or
  // on no named unit count. A punitive claim is audited
  // ("after_sales.punitive_claim") and its lead told. So does the order's
  // money (core/order_money.h): the line's discount share, the gifts that
  // come back with the units (keep_gifts: deducted) and whether the return
  // breaks the free-shipping threshold, once per order.
  StatusOr<AfterSalesRequest> Open(const Actor& a, const std::string& ticket_id,
                                   const AfterSalesDraft& d);

  StatusOr<AfterSalesRequest> Get(const Actor& a, const std::string& id);
  // Newest first. Customers: their own requests only.
  StatusOr<Page<AfterSalesRequest>> List(const Actor& a, const AfterSalesQuery& q);

  // Moves a request (see MoveAfterSales). `expected_version`, if set, must
  // match (kAborted "stale_version"). A refund is audited ("refund.issued")
  // and may not take what went back on the order (refunds and money-back
  // compensation) above what was paid (kValidation "refund_exceeds_paid").
  // Approving (audited "after_sales.approved") and refunding need a reason
  // (core/after_sales.h), which both audit entries carry.
  // A resend (resent) registers the new parcel as a shipment of the order
  // that names the request (carrier: resend_carrier, else the order's;
  // kValidation when neither, kAlreadyExists "duplicate_shipment" for a
  // known tracking number), audited "shipment.create"; carrier updates then
  // track it like any parcel. A lost resend parcel does not make the
  // order's own parcel lost.
  StatusOr<AfterSalesRequest> Move(const Actor& a, const std::string& id, const AfterSalesMove& m,
                                   std::optional<int64_t> expected_version);

  // A staff member asks for an exception to a refused request (core
  // AskException): audited "after_sales.exception_requested", an
  // after_sales event (refused -> refused) on the ticket, and the ticket's
  // lead (or the managers) told (kind "exception_requested").
  StatusOr<AfterSalesRequest> AskException(const Actor& a, const std::string& id,
                                           const std::string& reason);
  // A lead or above opens a refused request as if allowed (core
  // OverrideRefusal) with what was paid for its units now: audited
  // "after_sales.override", an after_sales event (refused -> requested,
  // reason "override: ..."), and whoever asked the exception told (kind
  // "exception_granted"). kFailedPrecondition "already_requested" when other
  // requests took the units meanwhile, "ticket_closed" on a closed ticket.
  StatusOr<AfterSalesRequest> Override(const Actor& a, const std::string& id,
                                       const AfterSalesOverride& o);

  // Job: tells the ticket's assignee and its team's lead, once per request,
  // that a refund is overdue; a reminder event goes on the ticket. Returns
  // how many were flagged.
  StatusOr<int> FlagOverdueRefunds(Timestamp now);

 private:
  struct Context;
  StatusOr<Context> Decide(Txn& txn, const Actor& a, const std::string& ticket_id,
                           const AfterSalesDraft& d, Timestamp now);
  Status ShipResend(Txn& txn, const Actor& a, const AfterSalesRequest& r,
                    const std::string& carrier, Timestamp now);

  Store& store_;
  Clock& clock_;
  ConfigService& config_;
};

}  // namespace kefu
