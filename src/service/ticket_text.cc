#include "service/ticket_text.h"

#include <cstdio>

#include "core/escalation.h"
#include "text/threat.h"

namespace kefu {
Status ApplyTextFindings(Change& c, const TextFindings& f, const TextContext& ctx, Timestamp now) {
  ThreatLevel found =
      ParseThreatLevel(text::ThreatLevelOf(f.threat_signals)).value_or(ThreatLevel::kNone);
  if (found > c.ticket.threat_level) {
    TicketEvent e = ThreatEvent(c.ticket, SystemActor(), found, now);
    e.reason = "text:";
    for (const auto& s : f.threat_signals) e.reason += " " + s;
    c.events.push_back(std::move(e));
    c.ticket.threat_level = found;
    c.ticket.threat = true;
  }
  c.ticket.sentiment = std::string(text::ToString(f.sentiment));
  TicketPatch p;
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
  if (!p.category && !p.tags) return OkStatus();
  size_t first = c.events.size();
  // Part of the caller's command: its version, not one more.
  int64_t version = c.ticket.version;
  Timestamp updated = c.ticket.updated_at;
  KEFU_RETURN_IF_ERROR(Chain(c, Patch(c.ticket, SystemActor(), p, now)));
  c.ticket.version = version;
  c.ticket.updated_at = updated;
  for (size_t i = first; i < c.events.size(); ++i) {
    auto& e = c.events[i];
    if (e.type == EventType::kCategoryChanged) e.reason = category_reason;
    if (e.type == EventType::kTagsChanged) e.reason = "classifier: low confidence";
  }
  return OkStatus();
}

}  // namespace kefu
