// A user's notifications (the console's inbox): approvals waiting, parcels
// delivered or lost, carrier follow-ups, overdue refunds. Each user reads
// only their own.
#pragma once

#include "common/status.h"
#include "service/paging.h"
#include "store/store.h"

namespace kefu {

class NotificationService {
 public:
  explicit NotificationService(Store& store) : store_(store) {}
  // Newest first.
  StatusOr<Page<Notification>> List(const Actor& a, const PageRequest& p);

 private:
  Store& store_;
};

}  // namespace kefu
