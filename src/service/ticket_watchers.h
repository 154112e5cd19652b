// Watchers at the service level: who may be made a watcher, and what a
// watcher hears (core/watchers.h has the rules).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "core/ticket_rules.h"
#include "store/store.h"

namespace kefu {

// kValidation "unknown_watcher" naming the first login that is not an
// active staff user.
Status CheckWatcherLogins(Store& store, Txn& txn, const std::vector<std::string>& logins);

// For an internal note in `c` by staff member `a`: each active staff user
// the note names as @login (other than `a`) becomes a watcher (chained onto
// `c`, whose version stays that of the note's change) and gets a
// "mentioned" notification. Unknown logins are left as text.
Status ApplyMentions(Store& store, Txn& txn, Change& c, const Actor& a, std::string_view note,
                     Timestamp now);

// Notifies the watchers of c.ticket of each public reply and status change
// in c.events (kind "watched"), except the person who made it. Cheap when
// the ticket has no watchers (SaveChange calls it for every change).
Status NotifyWatchers(Store& store, Txn& txn, const Change& c);

}  // namespace kefu
