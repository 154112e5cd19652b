#include "core/enums.h"

#include <algorithm>
#include <array>

namespace kefu {
namespace {

constexpr std::array<std::string_view, 6> kStatusNames = {
    "new", "open", "pending_customer", "pending_third_party", "resolved", "closed"};
constexpr std::array<std::string_view, 4> kPriorityNames = {"P1", "P2", "P3", "P4"};
constexpr std::array<std::string_view, 6> kChannelNames = {"web",   "email",       "phone",
                                                           "chat",  "marketplace", "api"};
constexpr std::array<std::string_view, 3> kTierNames = {"normal", "member", "vip"};
constexpr std::array<std::string_view, 5> kRoleNames = {"customer", "agent", "lead", "manager",
                                                        "admin"};
constexpr std::array<std::string_view, 4> kThreatLevelNames = {"none", "review", "public",
                                                               "legal"};
constexpr std::array<std::string_view, 18> kCategoryCodes = {
    "shipping_not_sent",   "logistics_delay",        "logistics_lost",
    "damaged_in_transit",  "quality_issue",          "not_as_described",
    "wrong_or_missing_item", "return_refund_request", "exchange_request",
    "refund_progress",     "payment_issue",          "invoice",
    "account_login",       "price_promotion",        "presale_question",
    "service_complaint",   "address_or_order_change", "other"};

}  // namespace

std::string_view ToString(TicketStatus s) { return kStatusNames[static_cast<size_t>(s)]; }
std::string_view ToString(Priority p) { return kPriorityNames[static_cast<size_t>(p)]; }
std::string_view ToString(Channel c) { return kChannelNames[static_cast<size_t>(c)]; }
std::string_view ToString(Tier t) { return kTierNames[static_cast<size_t>(t)]; }
std::string_view ToString(Role r) { return kRoleNames[static_cast<size_t>(r)]; }
std::string_view ToString(ThreatLevel l) { return kThreatLevelNames[static_cast<size_t>(l)]; }

std::optional<TicketStatus> ParseTicketStatus(std::string_view s) {
  return ParseName<TicketStatus>(kStatusNames, s);
}
std::optional<Priority> ParsePriority(std::string_view s) {
  return ParseName<Priority>(kPriorityNames, s);
}
std::optional<Channel> ParseChannel(std::string_view s) {
  return ParseName<Channel>(kChannelNames, s);
}
std::optional<Tier> ParseTier(std::string_view s) { return ParseName<Tier>(kTierNames, s); }
std::optional<Role> ParseRole(std::string_view s) { return ParseName<Role>(kRoleNames, s); }
std::optional<ThreatLevel> ParseThreatLevel(std::string_view s) {
  return ParseName<ThreatLevel>(kThreatLevelNames, s);
}

std::span<const std::string_view> Categories() { return kCategoryCodes; }

bool IsKnownCategory(std::string_view code) {
  return std::find(kCategoryCodes.begin(), kCategoryCodes.end(), code) != kCategoryCodes.end();
}

}  // namespace kefu
