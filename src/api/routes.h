// Route groups of the REST API. Each Add*Routes registers its endpoints on
// the router; handlers parse input, call one service and map the result.
#pragma once

#include "api/http.h"
#include "service/auth_service.h"
#include "service/customer_service.h"
#include "service/ticket_service.h"

namespace kefu::api {

struct Services {
  AuthService& auth;
  TicketService& tickets;
  CustomerService& customers;
  Metrics& metrics;
};

void AddOpsRoutes(Router& r, Services& s);       // /healthz, /metrics
void AddAuthRoutes(Router& r, Services& s);      // /api/v1/auth/...
void AddTicketRoutes(Router& r, Services& s);    // /api/v1/tickets/...
void AddCustomerRoutes(Router& r, Services& s);  // /api/v1/customers, /api/v1/orders

}  // namespace kefu::api
