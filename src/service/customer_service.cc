#include "service/customer_service.h"

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "core/access.h"
#include "core/order_money.h"
#include "core/validation.h"

namespace kefu {

std::string MaskPhone(const std::string& phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::string MaskEmail(const std::string& email) {
  auto at = email.find('@');
  if (at == std::string::npos || at == 0) return email.empty() ? email : "***";
  return email.substr(0, 1) + "***" + email.substr(at);
}

Customer ForViewer(const Actor& a, Customer c) {
  if (a.role == Role::kAgent) {
    c.phone = MaskPhone(c.phone);
    c.email = MaskEmail(c.email);
  }
  if (a.role == Role::kCustomer) c.profile = CustomerProfile{};  // the team's notes
  return c;
}

StatusOr<Customer> CustomerService::Update(const Actor& a, const std::string& id,
                                           const CustomerUpdate& u) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "changing a customer"));
  if (!u.tier && !u.notes && !u.preferences && !u.dates) {
    return ValidationError("nothing to change: give tier, notes, preferences or important_dates");
  }
  if (u.tier) {
    if (!IsSupervisor(a.role)) return PermissionDenied("only a lead or above changes a customer's tier");
    if (IsBlankText(u.reason)) {
      return Status(StatusCode::kValidation, "reason_required", "a tier change needs a reason");
    }
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(Customer c, store_.GetCustomer(*txn, id));
  Customer next = c;
  if (u.tier) next.tier = *u.tier;
  if (u.notes) next.profile.notes = *u.notes;
  if (u.preferences) next.profile.preferences = *u.preferences;
  if (u.dates) next.profile.dates = *u.dates;
  KEFU_RETURN_IF_ERROR(ValidateCustomerProfile(next.profile));
  KEFU_RETURN_IF_ERROR(store_.UpdateCustomer(*txn, next));
  Timestamp now = clock_.Now();
  if (next.tier != c.tier) {
    nlohmann::json d = {{"from", ToString(c.tier)}, {"to", ToString(next.tier)}, {"reason", u.reason}};
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {now, a.login, "customer.tier_changed", id, d.dump()}));
  }
  if (u.notes || u.preferences || u.dates) {
    nlohmann::json fields = nlohmann::json::array();
    if (u.notes) fields.push_back("notes");
    if (u.preferences) fields.push_back("preferences");
    if (u.dates) fields.push_back("important_dates");
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(
        *txn, {now, a.login, "customer.profile_updated", id, nlohmann::json{{"fields", fields}}.dump()}));
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return ForViewer(a, std::move(next));
}

StatusOr<Customer> CustomerService::Create(const Actor& a, Customer c) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "creating a customer"));
  c.name = TrimSpace(c.name);
  KEFU_RETURN_IF_ERROR(ValidateCustomer(c));
  c.created_at = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'C'));
  c.id = FormatId('C', seq);
  KEFU_RETURN_IF_ERROR(store_.InsertCustomer(*txn, c));
  nlohmann::json d = {{"tier", ToString(c.tier)}};
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {c.created_at, a.login, "customer.create", c.id, d.dump()}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return ForViewer(a, c);
}

StatusOr<CustomerView> CustomerService::Get(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckOwnCustomer(a, id, "customer " + id));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  CustomerView v;
  KEFU_ASSIGN_OR_RETURN(Customer c, store_.GetCustomer(*txn, id));
  v.customer = ForViewer(a, std::move(c));
  TicketFilter tf;
  tf.customer_id = id;
  if (a.role == Role::kAgent) tf.visible_to_agent = a.login;
  KEFU_ASSIGN_OR_RETURN(v.tickets, store_.ListTickets(*txn, tf));
  OrderFilter of;
  of.customer_id = id;
  KEFU_ASSIGN_OR_RETURN(v.orders, store_.ListOrders(*txn, of));
  return v;
}

StatusOr<Page<Customer>> CustomerService::List(const Actor& a, const PageRequest& p) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "listing customers"));
  KEFU_RETURN_IF_ERROR(CheckLimit(p.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(p.cursor));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<Customer> rows,
                        store_.ListCustomers(*txn, {before, p.limit + 1}));
  for (auto& c : rows) c = ForViewer(a, std::move(c));
  return MakePage(std::move(rows), p.limit, [](const Customer& c) { return *ParseId('C', c.id); });
}

StatusOr<Order> CustomerService::CreateOrder(const Actor& a, Order o) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "recording an order"));
  SpreadDiscount(o);  // an order-level discount without per-line shares
  KEFU_RETURN_IF_ERROR(ValidateOrder(o));
  o.created_at = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  if (auto c = store_.GetCustomer(*txn, o.customer_id); !c.ok()) {
    if (c.status().code() != StatusCode::kNotFound) return c.status();
    return ValidationError("customer " + o.customer_id + " does not exist");
  }
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'O'));
  o.id = FormatId('O', seq);
  KEFU_RETURN_IF_ERROR(store_.InsertOrder(*txn, o));
  nlohmann::json d = {{"customer", o.customer_id}, {"total_fen", o.TotalFen()}};
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {o.created_at, a.login, "order.create", o.id, d.dump()}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return o;
}

StatusOr<Order> CustomerService::GetOrder(const Actor& a, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Order o, store_.GetOrder(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckOwnCustomer(a, o.customer_id, "order " + id));
  return o;
}

StatusOr<Page<Order>> CustomerService::ListOrders(const Actor& a, const std::string& customer_id,
                                                  const PageRequest& p) {
  KEFU_RETURN_IF_ERROR(CheckLimit(p.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(p.cursor));
  OrderFilter f{customer_id, before, p.limit + 1};
  if (a.role == Role::kCustomer) {
    if (!customer_id.empty() && customer_id != a.customer_id) return Page<Order>{};
    f.customer_id = a.customer_id;
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<Order> rows, store_.ListOrders(*txn, f));
  return MakePage(std::move(rows), p.limit, [](const Order& o) { return *ParseId('O', o.id); });
}

}  // namespace kefu
