// After the bot answered: the customer's "solved / not solved", and the
// chats nobody answered (core/bot_followup.h has the rules).
#include "core/bot_followup.h"
#include "core/escalation.h"
#include "service/bot_service.h"

namespace kefu {

namespace {

// The latest status change of ticket `id` (public events, read in pages;
// a chat's history is short, and a history past the bound counts as not
// waiting for the bot).
StatusOr<std::optional<TicketEvent>> LastMove(Store& store, Txn& txn, const std::string& id) {
  constexpr int kPage = 500, kMaxPages = 20;
  std::optional<TicketEvent> last;
  int64_t after = 0;
  for (int page = 0; page < kMaxPages; ++page) {
    KEFU_ASSIGN_OR_RETURN(std::vector<TicketEvent> events,
                          store.ListEvents(txn, id, /*public_only=*/true, after, kPage));
    for (auto& e : events) {
      if (e.type == EventType::kStatusChanged) last = e;
    }
    if (static_cast<int>(events.size()) < kPage) return last;
    after = events.back().seq;
  }
  return std::optional<TicketEvent>();
}

}  // namespace

StatusOr<Ticket> BotService::Confirm(const Actor& a, const std::string& ticket_id, bool solved) {
  KEFU_RETURN_IF_ERROR(tickets_.Get(a, ticket_id).status());  // kNotFound for others' tickets
  if (a.role != Role::kCustomer) {
    return PermissionDenied("whether the bot's answer helped is the customer's to say");
  }
  return tickets_.Apply(SystemActor(), ticket_id,
                        [&](Txn& txn, const Ticket& t, Timestamp now) -> StatusOr<Change> {
                          KEFU_ASSIGN_OR_RETURN(auto last, LastMove(store_, txn, t.id));
                          return AnswerBotConfirmation(t, AwaitsBotConfirmation(t, last), solved,
                                                       now);
                        });
}

StatusOr<int> BotService::AutoResolve(Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot());
  const int64_t timeout_ms = int64_t{cfg->policy.bot_confirm_hours} * 3'600'000;
  constexpr int kPage = 200, kMaxPerPass = 5000;
  int resolved = 0, seen = 0;
  TicketFilter f;
  f.status = TicketStatus::kPendingCustomer;
  f.tag = kBotAnsweredTag;
  f.limit = kPage;
  while (seen < kMaxPerPass) {
    std::vector<Ticket> page;
    {
      KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
      KEFU_ASSIGN_OR_RETURN(page, store_.ListTickets(*txn, f));
    }
    for (const Ticket& listed : page) {
      // Most waiting chats are not yet due: look in a read transaction, and
      // take the write lock only for those that change.
      {
        KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
        KEFU_ASSIGN_OR_RETURN(auto last, LastMove(store_, *txn, listed.id));
        if (AwaitsBotConfirmation(listed, last) && last->at.unix_ms > now.unix_ms - timeout_ms) continue;
      }
      bool done = false;
      auto r = tickets_.Apply(SystemActor(), listed.id,
                              [&](Txn& txn, const Ticket& t, Timestamp at) -> StatusOr<Change> {
                                KEFU_ASSIGN_OR_RETURN(auto last, LastMove(store_, txn, t.id));
                                bool awaits = AwaitsBotConfirmation(t, last);
                                Timestamp asked = awaits ? last->at : at;
                                KEFU_ASSIGN_OR_RETURN(
                                    Change c, AutoResolveBotAnswer(t, awaits, asked, timeout_ms, at));
                                done = c.ticket.status == TicketStatus::kResolved;
                                return c;
                              });
      // Another writer got there first: the next pass looks again.
      if (!r.ok() && r.status().code() != StatusCode::kAborted) return r.status();
      if (r.ok() && done) ++resolved;
    }
    seen += static_cast<int>(page.size());
    if (static_cast<int>(page.size()) < kPage) break;
    f.before_seq = *ParseId('T', page.back().id);
  }
  return resolved;
}

}  // namespace kefu
