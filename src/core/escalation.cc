#include "core/escalation.h"

#include <algorithm>
#include <array>

#include "common/utf8.h"
#include "core/validation.h"
#include "core/watchers.h"

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

// The actions of one immediate cause (see ImmediateAction).
Status ApplyImmediate(Change& c, const std::string& cause, const EscalationContext& ctx,
                      Timestamp now) {
  using K = ImmediateAction::Kind;
  const Actor& sys = SystemActor();
  bool told = false;
  for (const ImmediateAction& act : ctx.actions) {
    switch (act.kind) {
      case K::kNotifyLead:
      case K::kAssignLead:
        if (!told) c.events.push_back(Escalated(c.ticket, "immediate", ctx.lead, cause, now));
        told = true;
        if (act.kind == K::kAssignLead && !ctx.lead.empty() && !ctx.assignee_is_supervisor &&
            c.ticket.assignee != ctx.lead) {
          KEFU_RETURN_IF_ERROR(
              Chain(c, Assign(c.ticket, sys, ctx.lead, "escalation: " + cause, now)));
        }
        break;
      case K::kRaisePriority:
        if (c.ticket.priority != Priority::kP1) {
          TicketPatch p;
          p.priority = MoreUrgent(c.ticket.priority);
          size_t first = c.events.size();
          KEFU_RETURN_IF_ERROR(Chain(c, Patch(c.ticket, sys, p, now)));
          for (size_t i = first; i < c.events.size(); ++i) c.events[i].reason = cause;
        }
        break;
      case K::kRouteTeam:
        if (act.team != c.ticket.team) {
          TicketPatch p;
          p.team = act.team;
          size_t first = c.events.size();
          KEFU_RETURN_IF_ERROR(Chain(c, Patch(c.ticket, sys, p, now)));
          for (size_t i = first; i < c.events.size(); ++i) c.events[i].reason = cause;
          if (!c.ticket.assignee.empty()) {
            KEFU_RETURN_IF_ERROR(Chain(c, Assign(c.ticket, sys, "", "escalation: " + cause, now)));
          }
        }
        break;
    }
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

namespace {

constexpr std::array<std::string_view, 6> kCauses = {
    "threat:legal", "threat:public", "threat:review", "priority:P1", "tier:vip", "negative_vip"};

constexpr std::string_view kRouteTeam = "route_team:";

}  // namespace

std::span<const std::string_view> ImmediateCauses() { return kCauses; }

bool IsImmediateCause(std::string_view cause) {
  return std::find(kCauses.begin(), kCauses.end(), cause) != kCauses.end();
}

std::vector<std::string> ImmediateEscalationCauses(const Ticket& t, Tier tier) {
  std::vector<std::string> out;
  if (t.status == TicketStatus::kResolved || t.status == TicketStatus::kClosed) return out;
  if (t.threat_level != ThreatLevel::kNone) out.push_back("threat:" + std::string(ToString(t.threat_level)));
  if (t.priority == Priority::kP1) out.emplace_back("priority:P1");
  if (tier == Tier::kVip) out.emplace_back("tier:vip");
  if (tier == Tier::kVip && t.sentiment == "negative") out.emplace_back("negative_vip");
  return out;
}

std::optional<ImmediateAction> ParseImmediateAction(std::string_view s) {
  using K = ImmediateAction::Kind;
  if (s == "notify_lead") return ImmediateAction{K::kNotifyLead, ""};
  if (s == "assign_lead") return ImmediateAction{K::kAssignLead, ""};
  if (s == "raise_priority") return ImmediateAction{K::kRaisePriority, ""};
  if (s.starts_with(kRouteTeam)) {
    std::string team(s.substr(kRouteTeam.size()));
    if (team.empty() || !ValidateTeamName(team).ok()) return std::nullopt;
    return ImmediateAction{K::kRouteTeam, std::move(team)};
  }
  return std::nullopt;
}

std::string ToString(const ImmediateAction& a) {
  switch (a.kind) {
    case ImmediateAction::Kind::kNotifyLead: return "notify_lead";
    case ImmediateAction::Kind::kAssignLead: return "assign_lead";
    case ImmediateAction::Kind::kRaisePriority: return "raise_priority";
    case ImmediateAction::Kind::kRouteTeam: return std::string(kRouteTeam) + a.team;
  }
  return "";
}

std::vector<ImmediateEscalation> DefaultImmediateEscalations() {
  using K = ImmediateAction::Kind;
  return {{"threat:legal", {{K::kAssignLead, ""}}},
          {"threat:public", {{K::kAssignLead, ""}}},
          {"threat:review", {{K::kRaisePriority, ""}}},
          {"tier:vip", {{K::kRouteTeam, "vip"}}},
          {"priority:P1", {{K::kNotifyLead, ""}}},
          {"negative_vip", {{K::kRaisePriority, ""}}}};
}

std::optional<EscalateTo> ParseEscalateTo(std::string_view s) {
  if (s == "lead") return EscalateTo::kLead;
  if (s == "manager") return EscalateTo::kManager;
  return std::nullopt;
}

std::string_view ToString(EscalateTo to) { return to == EscalateTo::kLead ? "lead" : "manager"; }

StatusOr<Change> EscalateByHand(const Ticket& t, const Actor& a, EscalateTo to,
                                const std::string& lead, const std::string& reason,
                                Timestamp now) {
  if (!IsStaff(a.role)) return PermissionDenied("customers cannot escalate tickets");
  if (a.role == Role::kManager || a.role == Role::kAdmin) {
    return PermissionDenied("managers have no one above them to escalate to");
  }
  if (to == EscalateTo::kManager && a.role != Role::kLead) {
    return PermissionDenied("agents escalate to their lead; the lead escalates to the managers");
  }
  if (to == EscalateTo::kLead && a.role != Role::kAgent) {
    return PermissionDenied("a lead escalates to the managers");
  }
  if (IsBlankText(reason)) {
    return Status(StatusCode::kValidation, "reason_required", "an escalation needs a reason");
  }
  KEFU_RETURN_IF_ERROR(CheckText("reason", reason, 1, kMaxReasonChars));
  if (t.status == TicketStatus::kResolved || t.status == TicketStatus::kClosed) {
    return FailedPrecondition("invalid_state", "a resolved or closed ticket is not escalated");
  }
  if (to == EscalateTo::kLead && lead.empty()) {
    return FailedPrecondition("no_lead", "the ticket's team has no lead to escalate to");
  }
  Change c{t, {}};
  TicketEvent e = MakeEvent(t, EventType::kEscalated, a, now);
  e.from = "manual";
  e.to = to == EscalateTo::kLead ? lead : "manager";
  e.reason = TrimSpace(reason);
  c.events.push_back(std::move(e));
  if (to == EscalateTo::kLead && t.assignee != lead) {
    KEFU_RETURN_IF_ERROR(
        Chain(c, Assign(c.ticket, SystemActor(), lead, "escalation: manual by " + a.login, now)));
    // The agent who handed it up keeps following it (and seeing it).
    if (a.login != t.owner) KEFU_RETURN_IF_ERROR(Chain(c, AddWatcher(c.ticket, a, a.login, now)));
  }
  return Collapse(t, std::move(c), now);
}

StatusOr<Change> ApplyFiring(const Ticket& t, const Firing& f,
                             std::span<const EscalationRule> rules, const EscalationContext& ctx,
                             Timestamp now) {
  Change c{t, {}};
  if (t.status == TicketStatus::kClosed) return c;
  if (f.kind == FiringKind::kImmediate) {
    KEFU_RETURN_IF_ERROR(ApplyImmediate(c, f.metric, ctx, now));
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
