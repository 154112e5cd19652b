#include "service/notification_service.h"

namespace kefu {

StatusOr<Page<Notification>> NotificationService::List(const Actor& a, const PageRequest& p,
                                                       bool unread_only) {
  KEFU_RETURN_IF_ERROR(CheckLimit(p.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(p.cursor));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<Notification> rows,
                        store_.ListNotifications(*txn, a.login, before, p.limit + 1, unread_only));
  return MakePage(std::move(rows), p.limit, [](const Notification& n) { return n.seq; });
}

StatusOr<int64_t> NotificationService::MarkRead(const Actor& a, const std::vector<int64_t>& ids) {
  if (ids.empty() || ids.size() > kMaxMarkRead) {
    return ValidationError("ids must hold 1 to " + std::to_string(kMaxMarkRead) + " notification ids");
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(int64_t changed, store_.MarkNotificationsRead(*txn, a.login, ids, clock_.Now()));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return changed;
}

StatusOr<int64_t> NotificationService::UnreadCount(const Actor& a) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  return store_.CountUnreadNotifications(*txn, a.login);
}

}  // namespace kefu
