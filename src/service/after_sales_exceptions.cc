// Refusals that are not the last word: exceptions asked by staff and
// overrides by a lead or above (core/after_sales.h has the rules).
#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/money.h"
#include "core/order_money.h"
#include "service/after_sales_context.h"
#include "service/after_sales_service.h"
#include "service/ticket_service.h"

namespace kefu {

namespace {

using nlohmann::json;

// The draft that reproduces request `r` (for the units' availability and price).
AfterSalesDraft DraftOf(const AfterSalesRequest& r) {
  AfterSalesDraft d;
  d.order_id = r.order_id;
  d.line = r.line;
  d.quantity = r.quantity;
  d.unit = r.unit;
  d.kind = r.kind;
  d.reason = r.reason;
  return d;
}

}  // namespace

StatusOr<AfterSalesRequest> AfterSalesService::AskException(const Actor& a, const std::string& id,
                                                            const std::string& reason) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(AfterSalesRequest r, store_.GetAfterSales(*txn, id));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, r.ticket_id));
  if (!CanSee(a, t)) return NotFound("after-sales request " + id + " not found");
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(AfterSalesRequest next, kefu::AskException(r, a, reason, now));
  KEFU_RETURN_IF_ERROR(store_.UpdateAfterSales(*txn, next, r.version));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(
      *txn, AuditEntry{now, a.login, "after_sales.exception_requested", next.id,
                       json{{"ticket", next.ticket_id},
                            {"rule", next.decision.rule},
                            {"reason", next.exception_reason}}
                           .dump()}));
  std::vector<TicketEvent> events;
  events.push_back(AfterSalesEvent(t, next, a, ToString(r.status),
                                   "exception requested: " + next.exception_reason, now));
  KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, t, Change{t, std::move(events)}, now));
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(*txn));
  KEFU_RETURN_IF_ERROR(NotifySupervisors(
      store_, *txn, *cfg, t, "exception_requested",
      "售后例外待审批 / exception to decide: " + next.id + " (" + next.decision.rule + ") " +
          next.exception_reason,
      now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return next;
}

StatusOr<AfterSalesRequest> AfterSalesService::Override(const Actor& a, const std::string& id,
                                                        const AfterSalesOverride& o) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(AfterSalesRequest r, store_.GetAfterSales(*txn, id));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, r.ticket_id));
  if (!CanSee(a, t)) return NotFound("after-sales request " + id + " not found");
  Timestamp now = clock_.Now();
  // The rules first (who, which state, the reason), before the order is read.
  KEFU_RETURN_IF_ERROR(OverrideRefusal(r, o, a, kMaxAmountFen, now).status());
  if (t.status == TicketStatus::kClosed) {
    return FailedPrecondition("ticket_closed", "ticket " + t.id + " is closed");
  }
  // What the units cost the buyer now, and that no other request took them.
  KEFU_ASSIGN_OR_RETURN(Context c, Decide(*txn, a, r.ticket_id, DraftOf(r), now));
  const OrderItem& item = c.order.items[r.line - 1];
  int64_t paid = c.order.paid_at ? PaidForUnits(item, c.held, r.quantity) : 0;
  KEFU_ASSIGN_OR_RETURN(AfterSalesRequest next, OverrideRefusal(r, o, a, paid, now));
  KEFU_RETURN_IF_ERROR(store_.UpdateAfterSales(*txn, next, r.version));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(
      *txn, AuditEntry{now, a.login, "after_sales.override", next.id,
                       json{{"ticket", next.ticket_id},
                            {"rule", r.decision.rule},
                            {"article", r.decision.article},
                            {"refund_fen", next.refund_fen},
                            {"exception_by", next.exception_by},
                            {"reason", next.override_reason}}
                           .dump()}));
  std::vector<TicketEvent> events;
  events.push_back(AfterSalesEvent(t, next, a, ToString(r.status),
                                   "override: " + next.override_reason, now));
  KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, t, Change{t, std::move(events)}, now));
  KEFU_RETURN_IF_ERROR(Notify(store_, *txn, next.exception_by, t.id, "exception_granted",
                              "售后例外已批准 / exception granted: " + next.id + " " +
                                  next.override_reason,
                              now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return next;
}

}  // namespace kefu
