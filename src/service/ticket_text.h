// How what a customer wrote changes their ticket (service/text_service.h
// works out the findings before the write; this applies them inside it).
// Pure over a Change; every change is an event by "system":
//   - escalation signals raise the threat level to the most serious one
//     found (threat_changed from the old level to the new, naming them);
//     a level never falls by text;
//   - the ticket's sentiment becomes the tone of the customer's latest text;
//   - what a threat level, a P1, a VIP customer or a VIP's negative tone
//     sets off is the SLA policy's immediate escalation, which the
//     scheduler applies (core/escalation.h), not this;
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
