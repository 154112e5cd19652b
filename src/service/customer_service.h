// Customers and their orders. Staff create and read them; a customer reads
// only their own record and orders (others are kNotFound). Phone numbers and
// e-mail addresses are masked for agents (个人信息保护法: show only what the
// task needs); leads and above see them in full.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/model.h"
#include "service/paging.h"
#include "store/store.h"

namespace kefu {

struct CustomerView {
  Customer customer;
  std::vector<Ticket> tickets;  // newest first, only those the actor may see (at most 50)
  std::vector<Order> orders;    // newest first (at most 50)
};

// The customer 360 (客户全景): everything the team knows of a customer on
// one page. Tickets, after-sales requests and compensation are only those on
// tickets the viewer may see (CanSee, core/access.h): a row is listed iff its
// own GET answers 200 for the viewer. Totals count refunds issued and
// compensation approved among the rows listed.
struct CustomerOverview {
  Customer customer;  // masked for the viewer
  std::vector<Order> orders;  // newest first (at most 100)
  struct ShipmentWithEvents {
    Shipment shipment;
    std::vector<TrackingEvent> events;
  };
  std::vector<ShipmentWithEvents> shipments;  // oldest first
  std::vector<Ticket> open_tickets;  // newest first, those the viewer may see
  std::vector<Ticket> past_tickets;  // resolved or closed, newest first (at most 100)
  // Newest first, of the customer's latest 100, those the viewer may see.
  std::vector<AfterSalesRequest> after_sales;
  std::vector<Compensation> compensations;
  int64_t refunded_fen = 0;     // over after_sales
  int64_t compensated_fen = 0;  // over compensations
};

// A change to a customer: the tier (leads and above, with a reason) and
// what the team keeps on them (any staff). Unset fields stay.
struct CustomerUpdate {
  std::optional<Tier> tier;
  std::string reason;  // why the tier changes
  std::optional<std::string> notes;
  std::optional<std::string> preferences;
  std::optional<std::vector<ImportantDate>> dates;
};

// Thread-safe.
class CustomerService {
 public:
  CustomerService(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  StatusOr<Customer> Create(const Actor& a, Customer c);
  StatusOr<CustomerView> Get(const Actor& a, const std::string& id);
  StatusOr<Page<Customer>> List(const Actor& a, const PageRequest& p);
  // Staff. Errors (nothing changes): kPermissionDenied for customers and for
  // a tier change below lead; kValidation "reason_required" for a tier
  // change without a reason, kValidation for nothing to change or a bad
  // profile (ValidateCustomerProfile); kNotFound. A tier change is audited
  // ("customer.tier_changed", from, to, reason), so is a profile change
  // ("customer.profile_updated", which fields). Returns the customer as the
  // caller may see it.
  StatusOr<Customer> Update(const Actor& a, const std::string& id, const CustomerUpdate& u);
  // Staff only. The view is audited ("customer.overview": who looked at whom).
  StatusOr<CustomerOverview> Overview(const Actor& a, const std::string& id);

  // The order's customer must exist (kValidation otherwise).
  StatusOr<Order> CreateOrder(const Actor& a, Order o);
  StatusOr<Order> GetOrder(const Actor& a, const std::string& id);
  // Customers always get their own orders; staff may filter by customer.
  StatusOr<Page<Order>> ListOrders(const Actor& a, const std::string& customer_id,
                                   const PageRequest& p);

 private:
  Store& store_;
  Clock& clock_;
};

// "13812345678" -> "138****5678"; "wang@example.com" -> "w***@example.com".
std::string MaskPhone(const std::string& phone);
std::string MaskEmail(const std::string& email);
// Applies the masking rule above for `a`.
Customer ForViewer(const Actor& a, Customer c);

}  // namespace kefu
