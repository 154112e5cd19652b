#include "core/watchers.h"

#include <algorithm>

namespace kefu {

namespace {

bool IsLoginChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

std::vector<std::string> Minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

}  // namespace

bool IsLoginShaped(std::string_view login) {
  return login.size() >= 2 && login.size() <= 64 && std::all_of(login.begin(), login.end(), IsLoginChar);
}

StatusOr<Change> SetWatchers(const Ticket& t, const Actor& a, std::vector<std::string> logins,
                             Timestamp now) {
  if (!IsStaff(a.role)) return PermissionDenied("watchers are kept by the service team");
  if (logins.size() > kMaxWatchers) {
    return Status(StatusCode::kValidation, "too_many_watchers",
                  "a ticket has at most " + std::to_string(kMaxWatchers) + " watchers");
  }
  for (const auto& l : logins) {
    if (!IsLoginShaped(l)) return ValidationError("watcher \"" + l.substr(0, 64) + "\" is not a login");
  }
  std::sort(logins.begin(), logins.end());
  logins.erase(std::unique(logins.begin(), logins.end()), logins.end());
  Change c{t, {}};
  if (logins == t.watchers) return c;
  TicketEvent e = MakeEvent(t, EventType::kWatchersChanged, a, now);
  e.added = Minus(logins, t.watchers);
  e.removed = Minus(t.watchers, logins);
  c.events.push_back(std::move(e));
  c.ticket.watchers = std::move(logins);
  return Collapse(t, std::move(c), now);
}

StatusOr<Change> AddWatcher(const Ticket& t, const Actor& a, const std::string& login,
                            Timestamp now) {
  if (login == t.assignee || t.watchers.size() >= kMaxWatchers ||
      std::binary_search(t.watchers.begin(), t.watchers.end(), login)) {
    if (!IsStaff(a.role)) return PermissionDenied("watchers are kept by the service team");
    return Change{t, {}};
  }
  std::vector<std::string> logins = t.watchers;
  logins.push_back(login);
  return SetWatchers(t, a, std::move(logins), now);
}

std::vector<std::string> MentionedLogins(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size() && out.size() < kMaxMentions; ++i) {
    if (text[i] != '@' || (i > 0 && (IsLoginChar(text[i - 1]) || text[i - 1] == '@'))) continue;
    size_t end = i + 1;
    while (end < text.size() && end - i <= 65 && IsLoginChar(text[end])) ++end;
    std::string_view login = text.substr(i + 1, end - i - 1);
    while (!login.empty() && login.back() == '.') login.remove_suffix(1);
    i = end - 1;
    if (!IsLoginShaped(login) || (end < text.size() && IsLoginChar(text[end]))) continue;
    if (std::find(out.begin(), out.end(), login) == out.end()) out.emplace_back(login);
  }
  return out;
}

}  // namespace kefu
