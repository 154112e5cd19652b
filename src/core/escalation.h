// Escalation: what happens when an SLA clock crosses its warning share or
// its target, and the immediate escalation of urgent complaints (P1, VIP
// customer, threatening) to a lead. Pure: the scheduler (service/jobs)
// decides when to call, records each firing once, and stores the Change.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/sla.h"
#include "core/ticket_rules.h"

namespace kefu {

// The actor of changes Kefu makes on its own (SLA firings, escalation,
// routing). Recorded in events as login "system" with role admin.
const Actor& SystemActor();

// One step more urgent (P1 stays P1).
Priority MoreUrgent(Priority p);

enum class FiringKind { kWarning, kBreach, kImmediate };
std::string_view ToString(FiringKind k);
std::optional<FiringKind> ParseFiringKind(std::string_view s);

// One thing that fires once per ticket. Its identity is (kind, metric,
// anchor): a next-response clock restarts with every unanswered customer
// reply, so each of its runs fires on its own.
struct Firing {
  FiringKind kind = FiringKind::kBreach;
  std::string metric;     // an SlaMetric name, or "lead" for kImmediate
  int64_t anchor_ms = 0;  // the clock's start; 0 for kImmediate
  Timestamp at;           // when it is (or was) due
  Timestamp due;          // the clock's breach instant (what the events show)
  friend bool operator==(const Firing& a, const Firing& b) {
    return a.kind == b.kind && a.metric == b.metric && a.anchor_ms == b.anchor_ms;
  }
};

// The warning and breach firings of every clock that has not stopped and
// whose instant is known (a paused clock that has not reached an instant
// has none), due or not. Oldest first.
std::vector<Firing> SlaFirings(const std::vector<SlaClock>& clocks);

// Why an open ticket must go to a lead at once: "p1", "vip" or "threat",
// or nullopt. Resolved and closed tickets never escalate.
std::optional<std::string> ImmediateEscalationCause(const Ticket& t, Tier tier);

// A rule applies to a firing when every condition it sets matches.
struct EscalationRule {
  std::string name;
  FiringKind on = FiringKind::kBreach;  // kWarning or kBreach
  std::optional<SlaMetric> metric;      // unset: any clock
  std::optional<Priority> priority;
  std::optional<Tier> tier;
  std::string team;  // "" = any
  // Actions, applied in this order.
  bool notify_lead = false;     // an escalated event naming the team's lead
  bool raise_priority = false;  // one step more urgent (P1 stays P1)
  std::string queue;            // move to this team's queue, unassigned
  std::string add_tag;
};

struct EscalationContext {
  Tier tier = Tier::kNormal;
  std::string lead;                      // the lead to notify or assign; may be empty
  bool assignee_is_supervisor = false;   // the current assignee is a lead or above
};

// Applies `f` to `t` as SystemActor():
// - kWarning / kBreach: an sla_warning / sla_breached event (to: the
//   clock's due time), then the actions of every rule that matches the
//   ticket as it was when the firing came due (each recorded by its own
//   event; an escalated event names the rule); a queue action that names
//   the ticket's own team changes nothing;
// - kImmediate: an escalated event (reason: the cause) and, when a lead is
//   known and the assignee is not already a supervisor, the ticket is
//   assigned to that lead (the first-contact owner does not change).
// Closed tickets take no action: the Change has no events.
StatusOr<Change> ApplyFiring(const Ticket& t, const Firing& f,
                             std::span<const EscalationRule> rules, const EscalationContext& ctx,
                             Timestamp now);

}  // namespace kefu
