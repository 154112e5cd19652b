// CustomerService::Overview: the customer 360. Another customer's record is
// 404 for a customer (as everywhere); their own is 403 (staff only). Tickets,
// after-sales requests, compensation and the totals over them show only what
// the viewer may see (core/access.h CanSee on the row's ticket), so that the
// 360 never shows a row whose own GET answers 404.
#include "core/access.h"
#include "core/money.h"
#include "service/customer_service.h"
#include "service/ticket_service.h"

namespace kefu {

StatusOr<CustomerOverview> CustomerService::Overview(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckOwnCustomer(a, id, "customer " + id));
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "the customer overview"));
  // A write transaction: the view itself is recorded.
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  CustomerOverview v;
  KEFU_ASSIGN_OR_RETURN(Customer c, store_.GetCustomer(*txn, id));
  v.customer = ForViewer(a, std::move(c));
  OrderFilter of;
  of.customer_id = id;
  of.limit = 100;
  KEFU_ASSIGN_OR_RETURN(v.orders, store_.ListOrders(*txn, of));
  KEFU_ASSIGN_OR_RETURN(auto shipments, store_.ListShipments(*txn, "", id));
  for (auto& s : shipments) {
    KEFU_ASSIGN_OR_RETURN(auto events, store_.ListTrackingEvents(*txn, s.id));
    v.shipments.push_back({std::move(s), std::move(events)});
  }
  TicketFilter tf;
  tf.customer_id = id;
  tf.limit = 200;
  if (a.role == Role::kAgent) tf.visible_to_agent = a.login;
  KEFU_ASSIGN_OR_RETURN(std::vector<Ticket> tickets, store_.ListTickets(*txn, tf));
  for (auto& t : tickets) {
    bool done = t.status == TicketStatus::kResolved || t.status == TicketStatus::kClosed;
    if (!done) {
      v.open_tickets.push_back(std::move(t));
    } else if (v.past_tickets.size() < 100) {
      v.past_tickets.push_back(std::move(t));
    }
  }
  AfterSalesFilter af;
  af.customer_id = id;
  af.limit = 100;
  KEFU_ASSIGN_OR_RETURN(v.after_sales, store_.ListAfterSales(*txn, af));
  // Supervisors see every ticket; others only the rows of tickets they see.
  const bool filter = !IsSupervisor(a.role);
  if (filter) {
    KEFU_ASSIGN_OR_RETURN(v.after_sales, KeepVisible(store_, *txn, a, std::move(v.after_sales)));
  }
  for (const auto& r : v.after_sales) {
    if (r.status == AfterSalesStatus::kRefunded) {
      v.refunded_fen = SaturatingAdd(v.refunded_fen, r.refund_fen);
    }
  }
  CompensationFilter cf;
  cf.customer_id = id;
  cf.limit = 100;
  KEFU_ASSIGN_OR_RETURN(v.compensations, store_.ListCompensations(*txn, cf));
  if (filter) {
    KEFU_ASSIGN_OR_RETURN(v.compensations,
                          KeepVisible(store_, *txn, a, std::move(v.compensations)));
  }
  for (const auto& comp : v.compensations) {
    if (comp.status == CompensationStatus::kApproved) {
      v.compensated_fen = SaturatingAdd(v.compensated_fen, comp.amount_fen);
    }
  }
  KEFU_RETURN_IF_ERROR(
      store_.AppendAudit(*txn, AuditEntry{clock_.Now(), a.login, "customer.overview", id, ""}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return v;
}

}  // namespace kefu
