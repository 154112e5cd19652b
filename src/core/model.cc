#include "core/model.h"

#include <array>
#include <cstdio>

#include "core/money.h"

namespace kefu {

std::string FormatId(char kind, int64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c-%06lld", kind, static_cast<long long>(seq));
  return buf;
}

std::optional<int64_t> ParseId(char kind, std::string_view id) {
  // One spelling per id: at least six digits, and no leading zero beyond them.
  if (id.size() < 8 || id.size() > 20 || id[0] != kind || id[1] != '-') return std::nullopt;
  if (id.size() > 8 && id[2] == '0') return std::nullopt;
  int64_t v = 0;
  for (size_t i = 2; i < id.size(); ++i) {
    if (id[i] < '0' || id[i] > '9') return std::nullopt;
    v = v * 10 + (id[i] - '0');
  }
  if (v <= 0) return std::nullopt;
  return v;
}

int64_t Order::TotalFen() const {
  // ValidateOrder's bounds keep this below 10^17; saturate rather than wrap
  // should an order ever be stored without them.
  int64_t total = shipping_fee_fen;
  for (const auto& it : items) {
    total = SaturatingAdd(total, SaturatingSub(SaturatingMul(it.quantity, it.price_fen),
                                               it.discount_fen));
  }
  return total;
}

std::string FormatYuan(int64_t fen) {
  // The magnitude as unsigned: -INT64_MIN does not fit in int64.
  uint64_t mag = fen < 0 ? 0 - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%llu.%02llu", fen < 0 ? "-" : "",
                static_cast<unsigned long long>(mag / 100),
                static_cast<unsigned long long>(mag % 100));
  return buf;
}

namespace {
constexpr std::array<std::string_view, 22> kEventNames = {
    "created",      "reply",          "note",         "status_changed",   "assigned",
    "transferred",  "owner_set",      "tags_changed", "priority_changed", "category_changed",
    "team_changed", "threat_changed", "sla_warning",  "sla_breached",     "escalated",
    "after_sales",  "compensation",   "shipment",     "reminder",
    "rated",        "bot_reply",      "watchers_changed"};
constexpr std::array<std::string_view, 4> kOrderStatusNames = {"pending_payment", "paid",
                                                               "shipped", "delivered"};
}  // namespace

std::string_view ToString(OrderStatus s) { return kOrderStatusNames[static_cast<size_t>(s)]; }

OrderStatus StatusOf(const Order& o) {
  if (o.delivered_at) return OrderStatus::kDelivered;
  if (o.shipped_at) return OrderStatus::kShipped;
  if (o.paid_at) return OrderStatus::kPaid;
  return OrderStatus::kPendingPayment;
}

std::string_view ToString(EventType t) { return kEventNames[static_cast<size_t>(t)]; }

std::optional<EventType> ParseEventType(std::string_view s) {
  return ParseName<EventType>(kEventNames, s);
}

bool IsPublicEvent(EventType t) {
  // After-sales progress and parcel news are the customer's business;
  // compensation stays internal until it is granted (and then shows on the
  // customer's overview, not as an event).
  return t == EventType::kCreated || t == EventType::kReply || t == EventType::kStatusChanged ||
         t == EventType::kAfterSales || t == EventType::kShipment || t == EventType::kRated ||
         t == EventType::kBotReply;
}

}  // namespace kefu
