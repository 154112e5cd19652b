// JSON mapping of after-sales requests, policy decisions, compensation,
// shipments, carrier updates, notifications and the customer overview.
// Amounts are integers in fen (1/100 yuan).
#pragma once

#include "api/json_codec.h"
#include "service/after_sales_service.h"
#include "service/compensation_service.h"
#include "service/customer_service.h"
#include "service/logistics_service.h"

namespace kefu::api {

// {"order"?, "line", "quantity"?, "kind", "reason", "unsealed"?, "intact"?,
//  "note"?, "refund_fen"?}
StatusOr<AfterSalesDraft> ParseAfterSalesDraft(const json& j);
// {"to", "reason"?, "return_tracking"?, "refund_fen"?, "version"?}
StatusOr<std::pair<AfterSalesMove, std::optional<int64_t>>> ParseAfterSalesMove(const json& j);
// {"kind", "amount_fen", "reason"}
StatusOr<CompensationDraft> ParseCompensationDraft(const json& j);
// The webhook body (see docs/api.md).
StatusOr<CarrierUpdate> ParseCarrierUpdate(const json& j);
// POST /shipments/:id/events: {"status", "exception"?, "at"? (default now),
// "reason", "evidence"?, "location"?, "source"? ("staff" only)}.
StatusOr<TrackingEvent> ParseStaffShipmentEvent(const json& j, Timestamp now);

json ToJson(const PolicyDecision& d);
// A customer (`viewer`) does not see who asked for an exception or why: that
// is the team's internal case.
json ToJson(const AfterSalesRequest& r, const Actor& viewer, Timestamp now);
json ToJson(const Compensation& c);
json ToJson(const TeamBudget& b);
// With `events`, the shipment's tracking history under "events".
json ToJson(const Shipment& s, const std::vector<TrackingEvent>* events = nullptr);
json ToJson(const Notification& n);
json ToJson(const CustomerOverview& v, const Actor& viewer, Timestamp now);

}  // namespace kefu::api
