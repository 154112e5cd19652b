// The FAQ bot's decision: answer or hand off to a person, and why. Pure;
// service/bot_service.h gathers the inputs (text analysis, the customer's
// own orders, shipments and refunds, knowledge-base articles).
//
// Handoff reasons, checked in this order:
//   asked_for_person    the customer asks for a person (人工, 转人工, 真人 …)
//   threat              escalation signals (12315, 曝光, 律师 …)
//   dispute             a refused refund or a demand for compensation
//   negative_sentiment  the customer is upset
//   needs_agent         the category needs a person's action (damage,
//                       quality, loss, wrong item, payment, complaints)
//   low_confidence      a candidate answer exists but none reaches
//                       min_confidence
//   no_answer           neither the customer's data nor an article of the
//                       question's category answers it
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kefu {

struct BotAnswer {
  std::string source;      // "shipment", "order", "after_sales" or "article"
  std::string text;        // what the customer is told (Chinese)
  std::string article_id;  // source "article"
  double confidence = 0;
};

struct BotInput {
  bool asks_for_person = false;
  std::vector<std::string> threat_signals;
  std::vector<std::string> dispute_signals;
  bool negative = false;
  std::string category;  // the classifier's best, "" if none
  double category_confidence = 0;
  std::optional<BotAnswer> data_answer;     // from the customer's own data
  std::optional<BotAnswer> article_answer;  // the best published article
};

struct BotDecision {
  bool handoff = false;
  std::string reason;  // handoff reason (above); empty for an answer
  std::optional<BotAnswer> answer;
};

// True for categories only a person can settle.
bool NeedsAgent(const std::string& category);

BotDecision DecideBot(const BotInput& in, double min_confidence);

}  // namespace kefu
