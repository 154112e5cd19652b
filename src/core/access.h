// Who may see and do what with a ticket. Pure decisions over an Actor.
//
// Visibility:
//   customer  - only tickets of their own Customer record;
//   agent     - tickets assigned to them, tickets they own (首问负责: the owner
//               stays accountable after a transfer and always sees the
//               ticket), tickets they watch (core/watchers.h) and
//               unassigned tickets (the shared queue);
//   lead, manager, admin - every ticket.
// A ticket the actor cannot see is reported as kNotFound, never kPermissionDenied,
// so that its existence does not leak.
#pragma once

#include "common/status.h"
#include "core/model.h"

namespace kefu {

bool CanSee(const Actor& a, const Ticket& t);

// kNotFound if !CanSee(a, t); OK otherwise.
Status CheckVisible(const Actor& a, const Ticket& t);

// kNotFound ("<what> not found") if `a` is a customer other than
// `customer_id`: a customer's records are invisible to other customers.
Status CheckOwnCustomer(const Actor& a, const std::string& customer_id, std::string_view what);

// kPermissionDenied unless `a` is staff.
Status CheckStaff(const Actor& a, std::string_view action);

// kPermissionDenied unless `a` is a lead, manager or admin.
Status CheckSupervisor(const Actor& a, std::string_view action);

}  // namespace kefu
