#include "core/bot.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace kefu {

bool NeedsAgent(const std::string& category) {
  static constexpr std::array<std::string_view, 7> kNeedsAgent = {
      "logistics_lost",        "damaged_in_transit", "quality_issue",  "not_as_described",
      "wrong_or_missing_item", "payment_issue",      "service_complaint"};
  return std::find(kNeedsAgent.begin(), kNeedsAgent.end(), category) != kNeedsAgent.end();
}

BotDecision DecideBot(const BotInput& in, double min_confidence) {
  auto handoff = [](const char* reason) { return BotDecision{true, reason, std::nullopt}; };
  if (in.asks_for_person) return handoff("asked_for_person");
  if (!in.threat_signals.empty()) return handoff("threat");
  if (!in.dispute_signals.empty()) return handoff("dispute");
  if (in.negative) return handoff("negative_sentiment");
  if (NeedsAgent(in.category) && in.category_confidence >= min_confidence) {
    return handoff("needs_agent");
  }
  // The customer's own data answers more precisely than an article.
  bool candidate = false;
  for (const auto* a : {&in.data_answer, &in.article_answer}) {
    if (*a && (*a)->confidence >= min_confidence) return BotDecision{false, "", **a};
    candidate = candidate || a->has_value();
  }
  // Unsure only when there was something to be unsure about: a confident
  // classification with nothing to say is not "low confidence".
  return handoff(candidate ? "low_confidence" : "no_answer");
}

}  // namespace kefu
