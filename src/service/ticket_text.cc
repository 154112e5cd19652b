#include "service/ticket_text.h"

#include <cstdio>

#include "core/escalation.h"

namespace kefu {
Status ApplyTextFindings(Change& c, const TextFindings& f, const TextContext& ctx, Timestamp now) {
  bool newly_threat = !f.threat_signals.empty() && !c.ticket.threat;
  if (newly_threat) {
    TicketEvent e = MakeEvent(c.ticket, EventType::kThreatChanged, SystemActor(), now);
    e.from = "false";
    e.to = "true";
    e.reason = "text:";
    for (const auto& s : f.threat_signals) e.reason += " " + s;
    c.events.push_back(std::move(e));
    c.ticket.threat = true;
  }
  bool turned_negative = f.sentiment == text::Sentiment::kNegative && c.ticket.sentiment != "negative";
  c.ticket.sentiment = std::string(text::ToString(f.sentiment));
  const char* why = newly_threat ? "threat"
                    : (turned_negative && ctx.tier == Tier::kVip) ? "negative_vip"
                                                                   : nullptr;
  TicketPatch p;
  if (why != nullptr && c.ticket.priority != Priority::kP1) p.priority = MoreUrgent(c.ticket.priority);
  std::string category_reason;
  if (ctx.new_ticket && c.ticket.category.empty() && !f.categories.empty()) {
    const auto& best = f.categories.front();
    if (best.confidence >= ctx.triage_below) {
      p.category = best.label;
      char buf[64];
      std::snprintf(buf, sizeof buf, "classifier %.2f", best.confidence);
      category_reason = buf;
    } else {
      std::vector<std::string> tags = c.ticket.tags;
      tags.push_back(kNeedsTriageTag);
      p.tags = std::move(tags);
    }
  }
  if (!p.priority && !p.category && !p.tags) return OkStatus();
  size_t first = c.events.size();
  // Part of the caller's command: its version, not one more.
  int64_t version = c.ticket.version;
  Timestamp updated = c.ticket.updated_at;
  KEFU_RETURN_IF_ERROR(Chain(c, Patch(c.ticket, SystemActor(), p, now)));
  c.ticket.version = version;
  c.ticket.updated_at = updated;
  for (size_t i = first; i < c.events.size(); ++i) {
    auto& e = c.events[i];
    if (e.type == EventType::kPriorityChanged) e.reason = why;
    if (e.type == EventType::kCategoryChanged) e.reason = category_reason;
    if (e.type == EventType::kTagsChanged) e.reason = "classifier: low confidence";
  }
  return OkStatus();
}

}  // namespace kefu
