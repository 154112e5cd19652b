// Closed vocabularies of the domain and their stable wire names.
// Every Parse* returns nullopt for an unknown name; every name round-trips.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace kefu {

enum class TicketStatus { kNew, kOpen, kPendingCustomer, kPendingThirdParty, kResolved, kClosed };
enum class Priority { kP1, kP2, kP3, kP4 };  // P1 is the most urgent.
enum class Channel { kWeb, kEmail, kPhone, kChat, kMarketplace, kApi };
enum class Tier { kNormal, kMember, kVip };
enum class Role { kCustomer, kAgent, kLead, kManager, kAdmin };
// How far a customer threatens to take a complaint, least to most serious:
// a bad review (差评), the public or a platform (曝光, 媒体, 黑猫投诉), the
// law (12315, 市场监管, 律师, 法院). kNone: no threat.
enum class ThreatLevel { kNone, kReview, kPublic, kLegal };

// The enumerator whose wire name (names[i] for enumerator i) is `s`.
template <typename E, size_t N>
std::optional<E> ParseName(const std::array<std::string_view, N>& names, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

std::string_view ToString(TicketStatus s);
std::string_view ToString(Priority p);
std::string_view ToString(Channel c);
std::string_view ToString(Tier t);
std::string_view ToString(Role r);
std::string_view ToString(ThreatLevel l);

std::optional<TicketStatus> ParseTicketStatus(std::string_view s);
std::optional<Priority> ParsePriority(std::string_view s);
std::optional<Channel> ParseChannel(std::string_view s);
std::optional<Tier> ParseTier(std::string_view s);
std::optional<Role> ParseRole(std::string_view s);
std::optional<ThreatLevel> ParseThreatLevel(std::string_view s);

// Staff are every role but kCustomer.
inline bool IsStaff(Role r) { return r != Role::kCustomer; }
// The logins the server acts under itself (jobs, routing, the bot, mail-in,
// imports): not people, and no user may take them (AuthService refuses).
inline bool IsServiceLogin(std::string_view login) { return login == "system" || login == "import"; }
// Leads, managers and admins supervise: they see and reassign every ticket.
inline bool IsSupervisor(Role r) { return r == Role::kLead || r == Role::kManager || r == Role::kAdmin; }

// The complaint taxonomy (category codes). An empty category means "not yet
// triaged". The text-intelligence classifier predicts exactly these codes.
std::span<const std::string_view> Categories();
bool IsKnownCategory(std::string_view code);

}  // namespace kefu
