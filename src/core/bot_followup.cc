#include "core/bot_followup.h"

#include <algorithm>

#include "core/escalation.h"

namespace kefu {

namespace {

// The ticket's tags with `remove` taken out and `add` (if any) put in.
std::vector<std::string> Retag(const Ticket& t, const char* remove, const char* add) {
  std::vector<std::string> tags;
  for (const auto& tag : t.tags) {
    if (tag != remove) tags.push_back(tag);
  }
  if (add != nullptr && std::find(tags.begin(), tags.end(), add) == tags.end()) tags.push_back(add);
  return tags;
}

Status SetTags(Change& c, std::vector<std::string> tags, Timestamp now) {
  TicketPatch p;
  p.tags = std::move(tags);
  return Chain(c, Patch(c.ticket, SystemActor(), p, now));
}

}  // namespace

bool AwaitsBotConfirmation(const Ticket& t, const std::optional<TicketEvent>& last_move) {
  return t.status == TicketStatus::kPendingCustomer && last_move &&
         last_move->type == EventType::kStatusChanged && last_move->reason == kBotAnsweredReason &&
         last_move->to == ToString(TicketStatus::kPendingCustomer);
}

StatusOr<Change> AskBotConfirmation(const Ticket& t, Timestamp now) {
  const Actor& bot = SystemActor();
  Change c{t, {}};
  // Through open, so that the latest move is always the bot's question.
  if (c.ticket.status != TicketStatus::kOpen) {
    KEFU_RETURN_IF_ERROR(Chain(c, Transition(c.ticket, bot, TicketStatus::kOpen, "bot", now)));
  }
  KEFU_RETURN_IF_ERROR(Chain(
      c, Transition(c.ticket, bot, TicketStatus::kPendingCustomer, kBotAnsweredReason, now)));
  KEFU_RETURN_IF_ERROR(Chain(c, AddBotReply(c.ticket, bot, kBotConfirmQuestion, "confirm", now)));
  KEFU_RETURN_IF_ERROR(SetTags(c, Retag(c.ticket, kBotAnsweredTag, kBotAnsweredTag), now));
  return Collapse(t, std::move(c), now);
}

StatusOr<Change> AnswerBotConfirmation(const Ticket& t, bool awaits, bool solved, Timestamp now) {
  if (!awaits) {
    return FailedPrecondition("not_awaiting_confirmation",
                              "ticket " + t.id + " is not waiting for an answer to the bot");
  }
  const Actor& bot = SystemActor();
  Change c{t, {}};
  if (solved) {
    KEFU_RETURN_IF_ERROR(
        Chain(c, Transition(c.ticket, bot, TicketStatus::kResolved, kBotSolvedReason, now)));
    KEFU_RETURN_IF_ERROR(SetTags(c, Retag(c.ticket, kBotAnsweredTag, kBotSolvedTag), now));
  } else {
    KEFU_RETURN_IF_ERROR(
        Chain(c, Transition(c.ticket, bot, TicketStatus::kOpen, kBotNotSolvedReason, now)));
    KEFU_RETURN_IF_ERROR(Chain(c, AddBotReply(c.ticket, bot, kBotNotSolvedMessage, "handoff", now)));
    KEFU_RETURN_IF_ERROR(SetTags(c, Retag(c.ticket, kBotAnsweredTag, kBotHandoffTag), now));
  }
  return Collapse(t, std::move(c), now);
}

StatusOr<Change> AutoResolveBotAnswer(const Ticket& t, bool awaits, Timestamp asked_at,
                                      int64_t timeout_ms, Timestamp now) {
  Change c{t, {}};
  if (!awaits) {
    if (std::find(t.tags.begin(), t.tags.end(), kBotAnsweredTag) == t.tags.end()) return c;
    KEFU_RETURN_IF_ERROR(SetTags(c, Retag(t, kBotAnsweredTag, nullptr), now));
    return Collapse(t, std::move(c), now);
  }
  if (asked_at.unix_ms > now.unix_ms - timeout_ms) return c;
  KEFU_RETURN_IF_ERROR(Chain(
      c, Transition(c.ticket, SystemActor(), TicketStatus::kResolved, kBotAutoResolvedReason, now)));
  KEFU_RETURN_IF_ERROR(SetTags(c, Retag(c.ticket, kBotAnsweredTag, kBotAutoResolvedTag), now));
  return Collapse(t, std::move(c), now);
}

}  // namespace kefu
