// A user's notifications (the console's inbox and bell): approvals waiting,
// parcels delivered or lost, carrier follow-ups, overdue refunds. Each user
// reads only their own, and marks them read.
#pragma once

#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "service/paging.h"
#include "store/store.h"

namespace kefu {

class NotificationService {
 public:
  NotificationService(Store& store, Clock& clock) : store_(store), clock_(clock) {}
  // Newest first; only the unread ones if `unread_only`.
  StatusOr<Page<Notification>> List(const Actor& a, const PageRequest& p, bool unread_only = false);
  // Marks the caller's notifications among `ids` read (others' ids and
  // read ones change nothing); returns how many changed. kValidation for
  // no ids or more than kMaxMarkRead.
  StatusOr<int64_t> MarkRead(const Actor& a, const std::vector<int64_t>& ids);
  StatusOr<int64_t> UnreadCount(const Actor& a);

  static constexpr size_t kMaxMarkRead = 500;

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace kefu
