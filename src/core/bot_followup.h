// What happens to a chat ticket after the FAQ bot answered (确认是否解决):
// the ticket waits on the customer with the question kBotConfirmQuestion;
// "solved" resolves it, "not solved" hands it to a person, and silence for
// the configured time resolves it as bot_auto_resolved. Pure: the caller
// reads the ticket and its latest status change. Every change is made by
// SystemActor() (the bot), and tagged so that reports can count each end.
#pragma once

#include <optional>

#include "common/status.h"
#include "core/ticket_rules.h"

namespace kefu {

inline constexpr const char* kBotConfirmQuestion = "这个回答解决您的问题了吗？";
inline constexpr const char* kBotNotSolvedMessage = "抱歉没能帮到您，正在为您转接人工客服，请稍候。";
// Tags: waiting for the answer; the customer said solved; nobody answered;
// handed to a person (also the bot's own handoffs).
inline constexpr const char* kBotAnsweredTag = "bot_answered";
inline constexpr const char* kBotSolvedTag = "bot_solved";
inline constexpr const char* kBotAutoResolvedTag = "bot_auto_resolved";
inline constexpr const char* kBotHandoffTag = "bot_handoff";
// Status-change reasons.
inline constexpr const char* kBotAnsweredReason = "bot_answered";
inline constexpr const char* kBotSolvedReason = "bot_solved";
inline constexpr const char* kBotNotSolvedReason = "bot_not_solved";
inline constexpr const char* kBotAutoResolvedReason = "bot_auto_resolved";

// True when `t` waits for the customer's answer to the bot's question:
// status pending_customer and its latest status change (`last_move`, a
// status_changed event; nullopt if none) moved it there for bot_answered.
bool AwaitsBotConfirmation(const Ticket& t, const std::optional<TicketEvent>& last_move);

// After the bot answered on `t`: (-> open "bot" unless open) ->
// pending_customer (reason bot_answered), the question as a bot reply
// (reason "confirm"), tag bot_answered. A closed ticket refuses
// (kFailedPrecondition, as Transition does).
StatusOr<Change> AskBotConfirmation(const Ticket& t, Timestamp now);

// The customer's answer. solved: resolved (bot_solved), tag bot_solved;
// not solved: open (bot_not_solved), kBotNotSolvedMessage as a bot reply
// (reason "handoff"), tag bot_handoff. Either way bot_answered goes.
// kFailedPrecondition "not_awaiting_confirmation" unless `awaits`.
StatusOr<Change> AnswerBotConfirmation(const Ticket& t, bool awaits, bool solved, Timestamp now);

// Silence: resolved (bot_auto_resolved), tag bot_auto_resolved instead of
// bot_answered, when `awaits` and `asked_at` + `timeout_ms` <= now. Not yet
// due: no events. Not awaiting: only the stale bot_answered tag goes.
StatusOr<Change> AutoResolveBotAnswer(const Ticket& t, bool awaits, Timestamp asked_at,
                                      int64_t timeout_ms, Timestamp now);

}  // namespace kefu
