#include "core/logistics.h"

#include <array>

#include "common/utf8.h"
#include "core/enums.h"

namespace kefu {
namespace {

constexpr std::array<std::string_view, 5> kStatusNames = {"created", "in_transit",
                                                          "out_for_delivery", "delivered",
                                                          "exception"};
constexpr std::array<std::string_view, 8> kExceptionNames = {
    "none", "delayed", "damaged", "lost", "returned_to_sender", "customs_hold", "address_problem",
    "refused"};
constexpr std::array<std::string_view, 8> kExceptionLabelsZh = {
    "", "运输延误", "运输破损", "丢件", "退回发件人", "海关扣留", "地址问题", "拒收"};

constexpr size_t kMaxTextCodePoints = 500;

Status BadEvent(std::string message) {
  return Status(StatusCode::kValidation, "bad_event", std::move(message));
}

Status CheckText(std::string_view field, std::string_view text) {
  if (!IsValidUtf8(text)) return BadEvent(std::string(field) + " is not valid UTF-8");
  if (CountCodePoints(text) > kMaxTextCodePoints) {
    return BadEvent(std::string(field) + " is longer than " + std::to_string(kMaxTextCodePoints) +
                    " characters");
  }
  return OkStatus();
}

}  // namespace

std::string_view ToString(ShipmentStatus s) { return kStatusNames[static_cast<size_t>(s)]; }
std::string_view ToString(LogisticsException e) { return kExceptionNames[static_cast<size_t>(e)]; }
std::optional<ShipmentStatus> ParseShipmentStatus(std::string_view s) {
  return ParseName<ShipmentStatus>(kStatusNames, s);
}
std::optional<LogisticsException> ParseLogisticsException(std::string_view s) {
  return ParseName<LogisticsException>(kExceptionNames, s);
}

Status ValidateTrackingEvent(const TrackingEvent& e) {
  if (e.event_id.empty()) return BadEvent("event_id must not be empty");
  bool is_exception = e.status == ShipmentStatus::kException;
  bool has_exception = e.exception != LogisticsException::kNone;
  if (is_exception != has_exception) {
    return BadEvent("exception must be set exactly when status is exception");
  }
  KEFU_RETURN_IF_ERROR(CheckText("event_id", e.event_id));
  KEFU_RETURN_IF_ERROR(CheckText("description", e.description));
  KEFU_RETURN_IF_ERROR(CheckText("location", e.location));
  if (e.source != "carrier" && e.source != "staff") return BadEvent("source must be carrier or staff");
  if (e.source == "staff" && (e.recorded_by.empty() || IsBlankText(e.description))) {
    return BadEvent("a staff event needs who recorded it and a reason");
  }
  if (!IsValidUtf8(e.evidence) || CountCodePoints(e.evidence) > 2000) {
    return BadEvent("evidence must be UTF-8 of at most 2000 characters");
  }
  return OkStatus();
}

ShipmentChange ApplyTrackingEvent(const Shipment& s, const TrackingEvent& e, Timestamp now) {
  ShipmentChange c;
  c.shipment = s;
  c.shipment.updated_at = now;
  if (s.last_event_at.has_value() && e.at < *s.last_event_at) return c;  // history only

  Shipment& out = c.shipment;
  out.status = e.status;
  out.exception = e.status == ShipmentStatus::kException ? e.exception : LogisticsException::kNone;
  out.last_event_at = e.at;
  out.version = s.version + 1;
  c.changed = out.status != s.status || out.exception != s.exception;
  c.delivered = out.status == ShipmentStatus::kDelivered && s.status != ShipmentStatus::kDelivered;
  c.lost = out.exception == LogisticsException::kLost && s.exception != LogisticsException::kLost;
  if (c.delivered) out.delivered_at = e.at;
  return c;
}

std::string_view ExceptionLabelZh(LogisticsException e) {
  return kExceptionLabelsZh[static_cast<size_t>(e)];
}

}  // namespace kefu
