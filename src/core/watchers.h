// Watchers: staff who follow a ticket without owning or working it (技术部,
// 法务, a lead who asked to be kept informed). A watcher sees the ticket
// (core/access.h) and is notified of its public replies and status changes;
// the assignee and the owner are unchanged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "core/ticket_rules.h"

namespace kefu {

inline constexpr size_t kMaxWatchers = 20;
inline constexpr size_t kMaxMentions = 10;

// Replaces the ticket's watchers with `logins` (staff only: kPermissionDenied
// for customers). Logins are deduplicated and sorted; the caller checks each
// is an active staff user. kValidation "too_many_watchers" for a list of
// more than kMaxWatchers (duplicates count),
// kValidation for a malformed login. One watchers_changed event (added,
// removed) or, when nothing changes, no event. Closed tickets keep theirs.
StatusOr<Change> SetWatchers(const Ticket& t, const Actor& a, std::vector<std::string> logins,
                             Timestamp now);

// Adds `login` as a watcher (as SetWatchers; no event if already watching,
// if `login` is the assignee (they see and hear it anyway), or if the
// ticket already has kMaxWatchers: a mention or an escalation never fails
// for want of room).
StatusOr<Change> AddWatcher(const Ticket& t, const Actor& a, const std::string& login,
                            Timestamp now);

// The logins named as `@login` in `text` (login characters a-z 0-9 . _ -,
// the '@' not preceded by a login character, so mail addresses do not
// count), unique, in order of first mention, at most kMaxMentions; a
// trailing '.' is punctuation, not part of the login. Linear in the text.
std::vector<std::string> MentionedLogins(std::string_view text);

// True if `login` has the form of a login (2 to 64 of a-z 0-9 . _ -).
bool IsLoginShaped(std::string_view login);

}  // namespace kefu
