// Shipments and their tracking events, and what a carrier update means for
// the shipment. Pure: no I/O.
//
// A shipment's status follows its newest event by event time; an event that
// arrives late (older than the newest) is kept in the history but changes
// nothing else. Exceptions (delayed, damaged, lost, returned to sender,
// customs hold, address problem) are kept until a later event that is not an
// exception (in transit, out for delivery, delivered) clears them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"

namespace kefu {

enum class ShipmentStatus { kCreated, kInTransit, kOutForDelivery, kDelivered, kException };
enum class LogisticsException {
  kNone, kDelayed, kDamaged, kLost, kReturnedToSender, kCustomsHold, kAddressProblem,
  kRefused,  // 拒收: the recipient refused the parcel
};

std::string_view ToString(ShipmentStatus s);
std::string_view ToString(LogisticsException e);
std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view s);
std::optional<LogisticsException> ParseLogisticsException(std::string_view s);

struct TrackingEvent {
  std::string event_id;  // the carrier's id: the idempotency key
  Timestamp at;
  ShipmentStatus status = ShipmentStatus::kInTransit;
  LogisticsException exception = LogisticsException::kNone;  // set iff status == kException
  std::string description;
  std::string location;
  // Who says so: "carrier" (a carrier update) or "staff" (recorded by hand,
  // when the carrier has not: recorded_by, the reason in description, and
  // what shows it in evidence).
  std::string source = "carrier";
  std::string recorded_by;
  std::string evidence;
};

struct Shipment {
  std::string id;  // "S-000001"
  std::string order_id;
  std::string carrier;
  std::string tracking_number;
  ShipmentStatus status = ShipmentStatus::kCreated;
  LogisticsException exception = LogisticsException::kNone;
  std::optional<Timestamp> last_event_at;
  std::optional<Timestamp> delivered_at;
  Timestamp created_at;
  Timestamp updated_at;
  int64_t version = 0;
  std::string after_sales_id;  // the resend (补发) it carries; "" = the order's own parcel
};

// kValidation "bad_event": empty event_id, exception set without status
// exception (or missing with it), text over 500 code points; a staff event
// without recorded_by or a reason (description), evidence over 2000 code
// points.
Status ValidateTrackingEvent(const TrackingEvent& e);

// What an event did.
struct ShipmentChange {
  Shipment shipment;       // after the event
  bool changed = false;    // status or exception changed
  bool delivered = false;  // this event delivered it (owners are told)
  bool lost = false;       // this event reported it lost (owners are told)
};

// Applies a validated event received at `now`. updated_at = now always. An
// event older than last_event_at changes nothing else. Otherwise status and
// exception follow the event, last_event_at = e.at, version + 1, and
// delivered_at = e.at when the event moves the shipment into delivered.
ShipmentChange ApplyTrackingEvent(const Shipment& s, const TrackingEvent& e, Timestamp now);

// Chinese and English names for the console and ticket notes, e.g.
// "运输延误 / delayed".
std::string_view ExceptionLabelZh(LogisticsException e);

}  // namespace kefu
