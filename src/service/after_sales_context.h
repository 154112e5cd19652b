// What AfterSalesService::Decide gathers for a request (internal to the
// after-sales service's files).
#pragma once

#include <memory>

#include "service/after_sales_service.h"

namespace kefu {

struct AfterSalesService::Context {
  Ticket ticket;
  Order order;
  PolicyDecision decision;
  int64_t held = 0;  // quantity of the line held by other live requests
  std::shared_ptr<const ConfigSnapshot> cfg;
};

}  // namespace kefu
