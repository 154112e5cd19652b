// How what a customer wrote changes their ticket (service/text_service.h
// works out the findings before the write; this applies them inside it).
// Pure over a Change; every change is an event by "system":
//   - escalation signals set the threat flag (threat_changed naming them);
//   - the ticket's sentiment becomes the tone of the customer's latest text;
//   - a newly flagged threat, or a VIP customer whose tone turns negative,
//     makes the ticket one step more urgent (priority_changed, reason
//     "threat" or "negative_vip"); the immediate escalation of threats and
//     VIP tickets (core/escalation.h) sends it to a lead;
//   - a new ticket without a category gets the classifier's best category
//     when its confidence is at least `triage_below` (category_changed,
//     reason "classifier <confidence>"), else the tag "needs_triage".
#pragma once

#include "core/ticket_rules.h"
#include "service/text_service.h"

namespace kefu {

inline constexpr const char* kNeedsTriageTag = "needs_triage";

struct TextContext {
  Tier tier = Tier::kNormal;
  bool new_ticket = false;
  double triage_below = 0.5;
};

Status ApplyTextFindings(Change& c, const TextFindings& f, const TextContext& ctx, Timestamp now);

}  // namespace kefu
