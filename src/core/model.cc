#include "core/model.h"

#include <array>
#include <cstdio>

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
  int64_t total = 0;
  for (const auto& it : items) total += it.quantity * it.price_fen;
  return total;
}

namespace {
constexpr std::array<std::string_view, 15> kEventNames = {
    "created",      "reply",          "note",         "status_changed",   "assigned",
    "transferred",  "owner_set",      "tags_changed", "priority_changed", "category_changed",
    "team_changed", "threat_changed", "sla_warning",  "sla_breached",     "escalated"};
}  // namespace

std::string_view ToString(EventType t) { return kEventNames[static_cast<size_t>(t)]; }

std::optional<EventType> ParseEventType(std::string_view s) {
  for (size_t i = 0; i < kEventNames.size(); ++i) {
    if (kEventNames[i] == s) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

bool IsPublicEvent(EventType t) {
  return t == EventType::kCreated || t == EventType::kReply || t == EventType::kStatusChanged;
}

}  // namespace kefu
