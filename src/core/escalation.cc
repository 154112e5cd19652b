#include "core/escalation.h"

#include <algorithm>

namespace kefu {

Priority MoreUrgent(Priority p) {
  return p == Priority::kP1 ? p : static_cast<Priority>(static_cast<int>(p) - 1);
}

namespace {

bool Matches(const EscalationRule& r, const Ticket& t, const Firing& f, Tier tier) {
  if (r.on != f.kind) return false;
  if (r.metric && ToString(*r.metric) != f.metric) return false;
  if (r.priority && *r.priority != t.priority) return false;
  if (r.tier && *r.tier != tier) return false;
  return r.team.empty() || r.team == t.team;
}

TicketEvent Escalated(const Ticket& t, std::string from, std::string to, std::string reason,
                      Timestamp now) {
  TicketEvent e = MakeEvent(t, EventType::kEscalated, SystemActor(), now);
  e.from = std::move(from);
  e.to = std::move(to);
  e.reason = std::move(reason);
  return e;
}

Status ApplyRule(Change& c, const EscalationRule& r, const Firing& f, const EscalationContext& ctx,
                 Timestamp now) {
  const Actor& sys = SystemActor();
  if (r.notify_lead) {
    c.events.push_back(Escalated(c.ticket, std::string(ToString(f.kind)) + ":" + f.metric,
                                 ctx.lead, r.name, now));
  }
  TicketPatch p;
  if (r.raise_priority && c.ticket.priority != Priority::kP1) {
    p.priority = MoreUrgent(c.ticket.priority);
  }
  if (!r.add_tag.empty()) {
    std::vector<std::string> tags = c.ticket.tags;
    tags.push_back(r.add_tag);
    p.tags = tags;
  }
  bool moves = !r.queue.empty() && r.queue != c.ticket.team;
  if (moves) p.team = r.queue;
  KEFU_RETURN_IF_ERROR(Chain(c, Patch(c.ticket, sys, p, now)));
  if (moves && !c.ticket.assignee.empty()) {
    KEFU_RETURN_IF_ERROR(Chain(c, Assign(c.ticket, sys, "", "escalation: " + r.name, now)));
  }
  return OkStatus();
}

}  // namespace

const Actor& SystemActor() {
  static const Actor kSystem{"system", Role::kAdmin, ""};
  return kSystem;
}

std::string_view ToString(FiringKind k) {
  switch (k) {
    case FiringKind::kWarning: return "warning";
    case FiringKind::kBreach: return "breach";
    case FiringKind::kImmediate: return "immediate";
  }
  return "";
}

std::optional<FiringKind> ParseFiringKind(std::string_view s) {
  for (auto k : {FiringKind::kWarning, FiringKind::kBreach, FiringKind::kImmediate}) {
    if (ToString(k) == s) return k;
  }
  return std::nullopt;
}

std::vector<Firing> SlaFirings(const std::vector<SlaClock>& clocks) {
  std::vector<Firing> out;
  for (const auto& c : clocks) {
    if (c.met_at) continue;
    std::string metric(ToString(c.metric));
    if (c.warning_at) {
      out.push_back({FiringKind::kWarning, metric, c.start.unix_ms, *c.warning_at,
                     c.due.value_or(*c.warning_at)});
    }
    if (c.due) out.push_back({FiringKind::kBreach, metric, c.start.unix_ms, *c.due, *c.due});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Firing& a, const Firing& b) { return a.at < b.at; });
  return out;
}

std::optional<std::string> ImmediateEscalationCause(const Ticket& t, Tier tier) {
  if (t.status == TicketStatus::kResolved || t.status == TicketStatus::kClosed) return std::nullopt;
  if (t.threat) return "threat";
  if (t.priority == Priority::kP1) return "p1";
  if (tier == Tier::kVip) return "vip";
  return std::nullopt;
}

StatusOr<Change> ApplyFiring(const Ticket& t, const Firing& f,
                             std::span<const EscalationRule> rules, const EscalationContext& ctx,
                             Timestamp now) {
  Change c{t, {}};
  if (t.status == TicketStatus::kClosed) return c;
  if (f.kind == FiringKind::kImmediate) {
    auto cause = ImmediateEscalationCause(t, ctx.tier).value_or("manual");
    c.events.push_back(Escalated(t, "immediate", ctx.lead, cause, now));
    if (!ctx.lead.empty() && !ctx.assignee_is_supervisor && t.assignee != ctx.lead) {
      KEFU_RETURN_IF_ERROR(
          Chain(c, Assign(c.ticket, SystemActor(), ctx.lead, "escalation: " + cause, now)));
    }
    return Collapse(t, std::move(c), now);
  }
  TicketEvent e = MakeEvent(
      t, f.kind == FiringKind::kWarning ? EventType::kSlaWarning : EventType::kSlaBreached,
      SystemActor(), now);
  e.from = f.metric;
  e.to = FormatIso8601(f.due);
  c.events.push_back(std::move(e));
  // Rules match the ticket as it was when the firing came due, not as
  // earlier rules left it: their order does not change which apply.
  for (const auto& r : rules) {
    if (Matches(r, t, f, ctx.tier)) KEFU_RETURN_IF_ERROR(ApplyRule(c, r, f, ctx, now));
  }
  return Collapse(t, std::move(c), now);
}

}  // namespace kefu
