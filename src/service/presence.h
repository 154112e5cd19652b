// Who is on a ticket right now (collision detection): staff say they are
// viewing or replying, and the claim lapses after kPresenceTtl unless
// repeated. Kept in this node's memory; each change is published on the
// live feed so that the others see it at once.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/model.h"
#include "service/auth_service.h"
#include "service/live_feed.h"
#include "store/store.h"

namespace kefu {

inline constexpr int64_t kPresenceTtlMs = 20'000;

enum class PresenceState { kViewing, kReplying, kLeft };
std::string_view ToString(PresenceState s);
std::optional<PresenceState> ParsePresenceState(std::string_view s);

struct TicketPresence {
  std::string login;
  std::string display_name;
  PresenceState state = PresenceState::kViewing;
  Timestamp until;
};

class PresenceBoard {
 public:
  PresenceBoard(Store& store, AuthService& auth, LiveFeed& feed, Clock& clock)
      : store_(store), auth_(auth), feed_(feed), clock_(clock) {}

  // Records what `a` does on ticket `id` (staff who can see it; kNotFound
  // otherwise) and answers the others present. kLeft removes the claim.
  StatusOr<std::vector<TicketPresence>> Set(const Actor& a, const std::string& id, PresenceState s);
  // Everyone present on ticket `id` (staff who can see it).
  StatusOr<std::vector<TicketPresence>> List(const Actor& a, const std::string& id);

 private:
  StatusOr<Ticket> VisibleTicket(const Actor& a, const std::string& id);
  // Drops lapsed claims of `id`; mu_ held.
  void Expire(const std::string& id, Timestamp now);

  Store& store_;
  AuthService& auth_;
  LiveFeed& feed_;
  Clock& clock_;
  std::mutex mu_;
  std::map<std::string, std::map<std::string, TicketPresence>> by_ticket_;  // ticket -> login ->
};

}  // namespace kefu
