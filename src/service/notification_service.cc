#include "service/notification_service.h"

namespace kefu {

StatusOr<Page<Notification>> NotificationService::List(const Actor& a, const PageRequest& p) {
  KEFU_RETURN_IF_ERROR(CheckLimit(p.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(p.cursor));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<Notification> rows,
                        store_.ListNotifications(*txn, a.login, before, p.limit + 1));
  return MakePage(std::move(rows), p.limit, [](const Notification& n) { return n.seq; });
}

}  // namespace kefu
