// CustomerService::Overview: the customer 360. Another customer's record is
// 404 for a customer (as everywhere); their own is 403 (staff only).
#include "core/access.h"
#include "service/customer_service.h"

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
  for (const auto& r : v.after_sales) {
    if (r.status == AfterSalesStatus::kRefunded) v.refunded_fen += r.refund_fen;
  }
  CompensationFilter cf;
  cf.customer_id = id;
  cf.limit = 100;
  KEFU_ASSIGN_OR_RETURN(v.compensations, store_.ListCompensations(*txn, cf));
  for (const auto& comp : v.compensations) {
    if (comp.status == CompensationStatus::kApproved) v.compensated_fen += comp.amount_fen;
  }
  KEFU_RETURN_IF_ERROR(
      store_.AppendAudit(*txn, AuditEntry{clock_.Now(), a.login, "customer.overview", id, ""}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return v;
}

}  // namespace kefu
