// Logistics use cases: shipments with their tracking events, the carrier
// webhook, and follow-up reminders for tickets waiting on a carrier.
//
// Carrier updates (the HTTP adapter verifies the webhook's HMAC signature
// and reads the JSON; see docs/api.md): the same event id twice for a
// shipment changes things once. An event updates the shipment, the order's
// delivery date, and every open ticket about the order (a shipment event on each; a ticket pending a
// third party goes back to open when the parcel is delivered or lost, and
// its owner — or assignee — is told).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/logistics.h"
#include "service/config_service.h"
#include "service/sla_service.h"
#include "store/store.h"

namespace kefu {

struct ShipmentView {
  Shipment shipment;
  std::vector<TrackingEvent> events;  // oldest first
};

// One carrier update, as the webhook delivers it.
struct CarrierUpdate {
  std::string carrier;
  std::string tracking_number;
  TrackingEvent event;
};

struct WebhookResult {
  bool duplicate = false;          // the event was seen before; nothing changed
  Shipment shipment;
  std::vector<std::string> tickets;  // tickets that got a shipment event
};

// Thread-safe.
class LogisticsService {
 public:
  LogisticsService(Store& store, Clock& clock, ConfigService& config, SlaService* sla)
      : store_(store), clock_(clock), config_(config), sla_(sla) {}

  // Staff: registers a shipment of an order (kValidation for an unknown
  // order, kAlreadyExists "duplicate_shipment" for a known tracking number).
  StatusOr<Shipment> Create(const Actor& a, const std::string& order_id, const std::string& carrier,
                            const std::string& tracking_number);
  // Staff, or the customer whose order it is.
  StatusOr<ShipmentView> Get(const Actor& a, const std::string& id);
  StatusOr<std::vector<ShipmentView>> ListForOrder(const Actor& a, const std::string& order_id);

  // Applies a carrier update (the caller authenticated the carrier).
  // Errors (nothing changes): kValidation "bad_event", kNotFound
  // "unknown_shipment".
  StatusOr<WebhookResult> ApplyCarrierUpdate(const CarrierUpdate& u);

  // Staff record what the carrier has not (a delivery, a refusal 拒收, an
  // exception): `e` without event_id, with the reason in description and
  // optional evidence, `at` not in the future. It counts as a carrier update
  // would (the order's delivery date, ticket events by `a`, reopening,
  // notifications), is kept as source "staff" with recorded_by, and is
  // audited ("shipment.staff_event"). Errors: kPermissionDenied for
  // customers, kNotFound, kValidation "bad_event".
  StatusOr<WebhookResult> RecordStaffEvent(const Actor& a, const std::string& shipment_id,
                                           TrackingEvent e);

  // Job: a ticket that has waited in pending_third_party for the configured
  // follow-up hours since its last change gets a reminder event and its
  // assignee (or owner) a notification; once per quiet period. Returns how
  // many were reminded.
  StatusOr<int> RemindCarrierFollowUps(Timestamp now);

 private:
  // Appends `ev` to `before` and does what it means (shared by carriers and staff).
  StatusOr<WebhookResult> Apply(Txn& txn, const Shipment& before, const TrackingEvent& ev,
                                const Actor& by);

  Store& store_;
  Clock& clock_;
  ConfigService& config_;
  SlaService* sla_;
};

}  // namespace kefu
