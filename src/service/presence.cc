#include "service/presence.h"

#include <nlohmann/json.hpp>

#include "core/access.h"

namespace kefu {

std::string_view ToString(PresenceState s) {
  switch (s) {
    case PresenceState::kViewing: return "viewing";
    case PresenceState::kReplying: return "replying";
    case PresenceState::kLeft: return "left";
  }
  return "viewing";
}

std::optional<PresenceState> ParsePresenceState(std::string_view s) {
  for (auto v : {PresenceState::kViewing, PresenceState::kReplying, PresenceState::kLeft}) {
    if (ToString(v) == s) return v;
  }
  return std::nullopt;
}

StatusOr<Ticket> PresenceBoard::VisibleTicket(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "see who is on a ticket"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  return t;
}

void PresenceBoard::Expire(const std::string& id, Timestamp now) {
  auto it = by_ticket_.find(id);
  if (it == by_ticket_.end()) return;
  std::erase_if(it->second, [&](const auto& kv) { return kv.second.until.unix_ms <= now.unix_ms; });
  if (it->second.empty()) by_ticket_.erase(it);
}

StatusOr<std::vector<TicketPresence>> PresenceBoard::Set(const Actor& a, const std::string& id,
                                                         PresenceState s) {
  KEFU_ASSIGN_OR_RETURN(Ticket t, VisibleTicket(a, id));
  KEFU_ASSIGN_OR_RETURN(std::string name, auth_.DisplayName(a.login));
  Timestamp now = clock_.Now();
  TicketPresence mine{a.login, name, s, Timestamp{now.unix_ms + (s == PresenceState::kLeft ? 0 : kPresenceTtlMs)}};
  std::vector<TicketPresence> others;
  bool changed = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    Expire(id, now);
    auto& here = by_ticket_[id];
    auto old = here.find(a.login);
    changed = old == here.end() ? s != PresenceState::kLeft : old->second.state != s;
    if (s == PresenceState::kLeft) {
      here.erase(a.login);
    } else {
      here[a.login] = mine;
    }
    for (const auto& [login, p] : here) {
      if (login != a.login) others.push_back(p);
    }
    if (here.empty()) by_ticket_.erase(id);
  }
  if (changed) {
    nlohmann::json d = {{"ticket", id},
                        {"login", mine.login},
                        {"display_name", mine.display_name},
                        {"state", ToString(mine.state)},
                        {"until", FormatIso8601(mine.until)}};
    feed_.PublishPresence(t, a.login, d.dump());
  }
  return others;
}

StatusOr<std::vector<TicketPresence>> PresenceBoard::List(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(VisibleTicket(a, id).status());
  std::lock_guard<std::mutex> lock(mu_);
  Expire(id, clock_.Now());
  std::vector<TicketPresence> out;
  if (auto it = by_ticket_.find(id); it != by_ticket_.end()) {
    for (const auto& [login, p] : it->second) out.push_back(p);
  }
  return out;
}

}  // namespace kefu
