// Customers' satisfaction ratings (TicketService::Rate, RatingOf).
#include "common/utf8.h"
#include "core/access.h"
#include "core/ticket_rules.h"
#include "service/ticket_service.h"

namespace kefu {

StatusOr<Rating> TicketService::Rate(const Actor& a, const std::string& id, int score,
                                     const std::string& comment) {
  if (a.role != Role::kCustomer) return PermissionDenied("only the customer rates the service");
  if (score < 1 || score > 5) return ValidationError("score must be 1 to 5");
  if (CountCodePoints(comment) > 1000) return ValidationError("comment is longer than 1000 characters");
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  if (t.status != TicketStatus::kResolved && t.status != TicketStatus::kClosed) {
    return FailedPrecondition("not_resolved", "ticket " + id + " is not resolved yet");
  }
  Timestamp now = clock_.Now();
  Rating r{score, comment, now};
  KEFU_RETURN_IF_ERROR(store_.PutRating(*txn, id, r));
  std::vector<TicketEvent> events{MakeEvent(t, EventType::kRated, a, now)};
  events[0].to = std::to_string(score);
  events[0].body = comment;
  KEFU_RETURN_IF_ERROR(store_.AppendEvents(*txn, events));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return r;
}

StatusOr<std::optional<Rating>> TicketService::RatingOf(const Actor& a, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  return store_.GetRating(*txn, id);
}

}  // namespace kefu
