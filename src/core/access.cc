#include "core/access.h"

#include <algorithm>

namespace kefu {

bool CanSee(const Actor& a, const Ticket& t) {
  switch (a.role) {
    case Role::kCustomer:
      return !a.customer_id.empty() && t.customer_id == a.customer_id;
    case Role::kAgent:
      return t.assignee.empty() || t.assignee == a.login || t.owner == a.login ||
             std::binary_search(t.watchers.begin(), t.watchers.end(), a.login);
    case Role::kLead:
    case Role::kManager:
    case Role::kAdmin:
      return true;
  }
  return false;
}

Status CheckVisible(const Actor& a, const Ticket& t) {
  if (CanSee(a, t)) return OkStatus();
  return NotFound("ticket " + t.id + " not found");
}

Status CheckStaff(const Actor& a, std::string_view action) {
  if (IsStaff(a.role)) return OkStatus();
  return PermissionDenied(std::string(action) + " is for service staff only");
}

Status CheckSupervisor(const Actor& a, std::string_view action) {
  if (IsSupervisor(a.role)) return OkStatus();
  return PermissionDenied(std::string(action) + " needs the lead, manager or admin role");
}

Status CheckOwnCustomer(const Actor& a, const std::string& customer_id, std::string_view what) {
  if (a.role == Role::kCustomer && a.customer_id != customer_id) {
    return NotFound(std::string(what) + " not found");
  }
  return OkStatus();
}

}  // namespace kefu
