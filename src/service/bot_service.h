// The FAQ bot (POST /api/v1/bot/ask): answers standard questions from the
// customer's own data (where is my parcel, has my order shipped, where is
// my refund) or from a published knowledge-base article, and hands off to
// a person when unsure, when asked, when the customer is upset or
// threatening, and for disputes (core/bot.h has the rules).
//
// Every exchange with a known customer is recorded on a ticket, so the
// person who takes over sees it: the first question opens a chat ticket
// (classified like any new ticket), later ones pass its ticket_id; the
// bot's answer or handoff is an internal note by "system". An answered
// ticket waits on the customer for "solved / not solved"
// (core/bot_followup.h): Confirm records the answer, and AutoResolve
// resolves the silent ones after the SLA policy's bot_confirm_hours; a
// customer's follow-up reopens it. A handed-off one is tagged "bot_handoff"
// and waits in its queue.
#pragma once

#include <optional>
#include <string>

#include "common/time.h"
#include "core/bot.h"
#include "service/config_service.h"
#include "service/search_service.h"
#include "service/text_service.h"
#include "service/ticket_service.h"

namespace kefu {

inline constexpr double kBotMinConfidence = 0.6;
// What the bot tells a customer it hands to a person.
inline constexpr const char* kBotHandoffMessage = "正在为您转接人工客服，请稍候。";

struct BotQuestion {
  std::string text;         // required, at most 2,000 characters
  std::string customer_id;  // customers: their own (may be empty); staff: optional
  std::string ticket_id;    // the conversation's ticket, from an earlier answer
};

struct BotReply {
  BotDecision decision;
  std::string category;  // the classifier's best guess, "" if none
  double confidence = 0;
  std::string ticket_id;  // where the exchange is recorded; "" when no customer is known
  // An answer on a ticket: the customer is asked kBotConfirmQuestion
  // (core/bot_followup.h) and answers through Confirm.
  bool confirm = false;
};

class BotService {
 public:
  BotService(Store& store, TicketService& tickets, ConfigService& config, const TextService& text,
             const TextSearchAnalyzer& analyzer)
      : store_(store), tickets_(tickets), config_(config), text_(text), analyzer_(analyzer) {}

  // kValidation for an empty or too long text; kNotFound for a customer or
  // ticket the actor may not see (a customer names only themselves).
  StatusOr<BotReply> Ask(const Actor& a, const BotQuestion& q);

  // The customer's answer to 这个回答解决您的问题了吗？ on their ticket
  // (core AnswerBotConfirmation). kPermissionDenied for staff (it is the
  // customer's answer), kNotFound for another's ticket, kFailedPrecondition
  // "not_awaiting_confirmation" when the ticket is not waiting for it.
  StatusOr<Ticket> Confirm(const Actor& a, const std::string& ticket_id, bool solved);

  // Job: resolves, as bot_auto_resolved, the answered chats whose customer
  // said nothing for the policy's bot_confirm_hours. Returns how many.
  StatusOr<int> AutoResolve(Timestamp now);

 private:
  // Candidate answers from the customer's orders, shipments and refunds.
  StatusOr<std::optional<BotAnswer>> FromCustomerData(const std::string& customer_id,
                                                      const std::string& category,
                                                      double confidence);
  StatusOr<std::optional<BotAnswer>> FromArticles(const std::string& question,
                                                  const std::string& category, double confidence);
  Status Record(const Actor& a, const BotQuestion& q, BotReply& r);

  Store& store_;
  TicketService& tickets_;
  ConfigService& config_;
  const TextService& text_;
  const TextSearchAnalyzer& analyzer_;
};

}  // namespace kefu
