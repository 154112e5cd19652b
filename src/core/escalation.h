// Escalation: what happens when an SLA clock crosses its warning share or
// its target; the immediate escalation of urgent complaints (a threat by
// level, P1, a VIP customer, a VIP turned negative), each cause doing what
// the SLA policy says; and escalation by hand (an agent to the lead, a lead
// to the managers). Pure: the scheduler (service/jobs) decides when to
// call, records each firing once, and stores the Change.
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
  std::string metric;     // an SlaMetric name, or the cause for kImmediate
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

// Causes of immediate escalation (what the SLA policy's
// "immediate_escalation" list names): "threat:legal", "threat:public",
// "threat:review", "priority:P1", "tier:vip" and "negative_vip" (a VIP
// customer whose tone is negative).
std::span<const std::string_view> ImmediateCauses();
bool IsImmediateCause(std::string_view cause);

// The causes that hold for `t` now, in the order above; a threat counts
// only at its own level. Resolved and closed tickets have none. Each cause
// fires once per ticket (a kImmediate firing whose metric is the cause), so
// a threat that rises from review to legal fires again.
std::vector<std::string> ImmediateEscalationCauses(const Ticket& t, Tier tier);

// What a cause does, in the order given:
//   notify_lead     an escalated event naming the lead (who is notified);
//                   the assignee stays
//   assign_lead     the same, and the ticket is assigned to the lead unless
//                   a supervisor already has it (the owner never changes)
//   raise_priority  one step more urgent (priority_changed, reason: cause)
//   route_team:X    to team X's queue, unassigned (the VIP desk, VIP专席);
//                   nothing when the ticket is in X already
struct ImmediateAction {
  enum class Kind { kNotifyLead, kAssignLead, kRaisePriority, kRouteTeam };
  Kind kind = Kind::kNotifyLead;
  std::string team;  // kRouteTeam only
  friend bool operator==(const ImmediateAction&, const ImmediateAction&) = default;
};
// nullopt for an unknown action or a route_team without a valid team name.
std::optional<ImmediateAction> ParseImmediateAction(std::string_view s);
std::string ToString(const ImmediateAction& a);

struct ImmediateEscalation {
  std::string cause;
  std::vector<ImmediateAction> actions;
  friend bool operator==(const ImmediateEscalation&, const ImmediateEscalation&) = default;
};

// The policy a new install has, and what a policy document without an
// "immediate_escalation" list means: legal and public threats go to the
// lead (assign_lead); a review threat raises the priority; a VIP customer
// goes to the "vip" team's queue (route_team:vip, skipped where no such
// team exists); a P1 notifies the lead and the assignee stays; a VIP turned
// negative raises the priority.
std::vector<ImmediateEscalation> DefaultImmediateEscalations();

// Who a person escalates to by hand.
enum class EscalateTo { kLead, kManager };
std::optional<EscalateTo> ParseEscalateTo(std::string_view s);
std::string_view ToString(EscalateTo to);

// Escalation by hand (升级): an agent to the team's lead, a lead to the
// managers, with a reason. An escalated event (from "manual", to: the lead's
// login or "manager", reason) by `a`; to the lead the ticket is also
// assigned to them (the owner never changes) and an agent who is not the
// owner becomes a watcher, so they keep seeing it. Errors, nothing changed:
//   kPermissionDenied  customers; an agent to the managers; a lead, manager
//                      or admin to a lead; a manager or admin to anyone
//                      (there is no one above them here)
//   kValidation "reason_required"  blank reason; kValidation a reason too long
//   kFailedPrecondition "invalid_state"  resolved or closed ticket
//   kFailedPrecondition "no_lead"  to the lead when the team has none (`lead` empty)
StatusOr<Change> EscalateByHand(const Ticket& t, const Actor& a, EscalateTo to,
                                const std::string& lead, const std::string& reason,
                                Timestamp now);

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
  std::vector<ImmediateAction> actions;  // kImmediate: what the policy says its cause does
};

// Applies `f` to `t` as SystemActor():
// - kWarning / kBreach: an sla_warning / sla_breached event (to: the
//   clock's due time), then the actions of every rule that matches the
//   ticket as it was when the firing came due (each recorded by its own
//   event; an escalated event names the rule); a queue action that names
//   the ticket's own team changes nothing;
// - kImmediate: ctx.actions for the cause (f.metric), in order (see
//   ImmediateAction); at most one escalated event (from "immediate", to the
//   lead, reason: the cause). No actions: no events.
// Closed tickets take no action: the Change has no events.
StatusOr<Change> ApplyFiring(const Ticket& t, const Firing& f,
                             std::span<const EscalationRule> rules, const EscalationContext& ctx,
                             Timestamp now);

}  // namespace kefu
