#include "service/ticket_watchers.h"

#include "core/watchers.h"
#include "service/ticket_service.h"

namespace kefu {

namespace {

// True if `login` is an active staff user; errors other than not-found pass up.
StatusOr<bool> IsActiveStaff(Store& store, Txn& txn, const std::string& login) {
  auto u = store.GetUserByLogin(txn, login);
  if (!u.ok()) {
    if (u.status().code() == StatusCode::kNotFound) return false;
    return u.status();
  }
  return u->user.active && IsStaff(u->user.role);
}

}  // namespace

Status CheckWatcherLogins(Store& store, Txn& txn, const std::vector<std::string>& logins) {
  for (const auto& login : logins) {
    KEFU_ASSIGN_OR_RETURN(bool staff, IsActiveStaff(store, txn, login));
    if (!staff) {
      return Status(StatusCode::kValidation, "unknown_watcher",
                    "watcher " + login + " is not an active staff member");
    }
  }
  return OkStatus();
}

Status ApplyMentions(Store& store, Txn& txn, Change& c, const Actor& a, std::string_view note,
                     Timestamp now) {
  if (!IsStaff(a.role)) return OkStatus();
  // Part of the note's change: its version, not one more per watcher.
  const int64_t version = c.ticket.version;
  for (const std::string& login : MentionedLogins(note)) {
    if (login == a.login) continue;
    KEFU_ASSIGN_OR_RETURN(bool staff, IsActiveStaff(store, txn, login));
    if (!staff) continue;
    KEFU_RETURN_IF_ERROR(Chain(c, AddWatcher(c.ticket, a, login, now)));
    std::string body = "备注中提到了你 / mentioned by " + a.login + ": " + c.ticket.id + " " +
                       c.ticket.subject;
    KEFU_RETURN_IF_ERROR(Notify(store, txn, login, c.ticket.id, "mentioned", std::move(body), now));
  }
  c.ticket.version = version;
  return OkStatus();
}

Status NotifyWatchers(Store& store, Txn& txn, const Change& c) {
  if (c.ticket.watchers.empty()) return OkStatus();
  for (const TicketEvent& e : c.events) {
    std::string what;
    if (e.type == EventType::kReply) {
      what = e.actor_role == Role::kCustomer ? "客户回复 / customer replied" : "已回复客户 / replied";
    } else if (e.type == EventType::kStatusChanged) {
      what = "状态 / status " + e.from + " → " + e.to;
    } else {
      continue;
    }
    std::string body = what + ": " + c.ticket.id + " " + c.ticket.subject;
    for (const std::string& w : c.ticket.watchers) {
      if (w == e.actor) continue;
      KEFU_RETURN_IF_ERROR(Notify(store, txn, w, c.ticket.id, "watched", body, e.at));
    }
  }
  return OkStatus();
}

}  // namespace kefu
