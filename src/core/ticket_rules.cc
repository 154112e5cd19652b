#include "core/ticket_rules.h"

#include <algorithm>

#include "core/access.h"
#include "core/escalation.h"
#include "core/validation.h"

namespace kefu {
TicketEvent MakeEvent(const Ticket& t, EventType type, const Actor& a, Timestamp now) {
  TicketEvent e;
  e.ticket_id = t.id;
  e.type = type;
  e.actor = a.login;
  e.actor_role = a.role;
  e.at = now;
  return e;
}

TicketEvent ThreatEvent(const Ticket& t, const Actor& a, ThreatLevel to, Timestamp now) {
  TicketEvent e = MakeEvent(t, EventType::kThreatChanged, a, now);
  e.from = ToString(t.threat_level);
  e.to = ToString(to);
  return e;
}

namespace {

TicketEvent StatusEvent(const Ticket& t, TicketStatus to, const Actor& a, std::string reason,
                        Timestamp now) {
  TicketEvent e = MakeEvent(t, EventType::kStatusChanged, a, now);
  e.from = ToString(t.status);
  e.to = ToString(to);
  e.reason = std::move(reason);
  return e;
}

// Applies a status move to `c.ticket`, records the event and the timestamps.
void MoveTo(Change& c, TicketStatus to, const Actor& a, std::string reason, Timestamp now) {
  c.events.push_back(StatusEvent(c.ticket, to, a, std::move(reason), now));
  c.ticket.status = to;
  if (to == TicketStatus::kResolved) c.ticket.resolved_at = now;
  if (to == TicketStatus::kClosed) c.ticket.closed_at = now;
}

// Every change bumps the version and the update time, once.
Change Finish(Change c, Timestamp now) {
  if (!c.events.empty()) {
    c.ticket.version += 1;
    c.ticket.updated_at = now;
  }
  return c;
}

Status CheckNotClosed(const Ticket& t) {
  if (t.status == TicketStatus::kClosed) {
    return FailedPrecondition("ticket_closed", "ticket " + t.id + " is closed");
  }
  return OkStatus();
}

}  // namespace

Status Chain(Change& c, StatusOr<Change> step) {
  KEFU_RETURN_IF_ERROR(step.status());
  c.ticket = std::move(step->ticket);
  for (auto& e : step->events) c.events.push_back(std::move(e));
  return OkStatus();
}

Change Collapse(const Ticket& before, Change c, Timestamp now) {
  if (c.events.empty()) return Change{before, {}};
  c.ticket.version = before.version + 1;
  c.ticket.updated_at = now;
  return c;
}

bool IsLegalTransition(TicketStatus from, TicketStatus to) {
  using S = TicketStatus;
  switch (from) {
    case S::kNew:
      return to == S::kOpen;
    case S::kOpen:
      return to == S::kPendingCustomer || to == S::kPendingThirdParty || to == S::kResolved;
    case S::kPendingCustomer:
    case S::kPendingThirdParty:
      return to == S::kOpen || to == S::kResolved;
    case S::kResolved:
      return to == S::kClosed || to == S::kOpen;
    case S::kClosed:
      return false;
  }
  return false;
}

StatusOr<Change> OpenTicket(const NewTicket& n, const std::string& id, const Actor& a,
                            Timestamp now) {
  if (a.role == Role::kCustomer && n.customer_id != a.customer_id) {
    return PermissionDenied("customers open tickets only for themselves");
  }
  if (n.customer_id.empty()) return ValidationError("customer is required");
  KEFU_RETURN_IF_ERROR(CheckLabel("subject", n.subject, 1, kMaxSubjectChars));
  KEFU_RETURN_IF_ERROR(CheckText("body", n.body, 0, kMaxBodyChars));
  KEFU_RETURN_IF_ERROR(ValidateCategory(n.category));
  KEFU_ASSIGN_OR_RETURN(std::vector<std::string> tags, NormalizeTags(n.tags));
  KEFU_RETURN_IF_ERROR(ValidateLanguage(n.language));
  if (!n.team.empty()) KEFU_RETURN_IF_ERROR(ValidateTeamName(n.team));
  if (a.role == Role::kCustomer && (!n.team.empty() || n.threat != ThreatLevel::kNone)) {
    return PermissionDenied("customers cannot set the team or the threat flag");
  }

  Change c;
  Ticket& t = c.ticket;
  t.id = id;
  t.subject = TrimSpace(n.subject);
  t.channel = n.channel;
  t.customer_id = n.customer_id;
  t.order_id = n.order_id;
  t.category = n.category;
  t.priority = n.priority;
  t.team = n.team;
  t.language = n.language;
  t.threat = n.threat != ThreatLevel::kNone;
  t.threat_level = n.threat;
  t.status = TicketStatus::kNew;
  t.tags = std::move(tags);
  t.created_at = now;
  t.updated_at = now;
  t.version = 1;

  TicketEvent e = MakeEvent(t, EventType::kCreated, a, now);
  e.body = TrimSpace(n.body);
  e.to = t.subject;
  e.added = t.tags;
  c.events.push_back(std::move(e));
  // 首问负责制: staff who open a ticket for the customer (a call, a walk-in,
  // a chat they took) answer for it from that first contact.
  if (IsStaff(a.role) && !IsServiceLogin(a.login)) {
    t.owner = a.login;
    TicketEvent own = MakeEvent(t, EventType::kOwnerSet, a, now);
    own.to = a.login;
    own.reason = "opened for the customer";
    c.events.push_back(std::move(own));
  }
  return c;
}

StatusOr<Change> AddMessage(const Ticket& t, const Actor& a, std::string_view body, bool internal,
                            Timestamp now) {
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  if (internal) KEFU_RETURN_IF_ERROR(CheckStaff(a, "an internal note"));
  KEFU_RETURN_IF_ERROR(CheckText("body", body, 1, kMaxBodyChars));
  if (!internal) KEFU_RETURN_IF_ERROR(CheckNotClosed(t));

  Change c{t, {}};
  TicketEvent msg = MakeEvent(t, internal ? EventType::kNote : EventType::kReply, a, now);
  msg.body = TrimSpace(body);
  c.events.push_back(std::move(msg));
  if (internal) return Finish(std::move(c), now);

  if (a.role == Role::kCustomer) {
    if (t.status == TicketStatus::kPendingCustomer || t.status == TicketStatus::kResolved) {
      MoveTo(c, TicketStatus::kOpen, a, "customer replied", now);
    }
    return Finish(std::move(c), now);
  }

  if (!c.ticket.first_response_at) c.ticket.first_response_at = now;
  if (c.ticket.owner.empty()) {
    TicketEvent own = MakeEvent(t, EventType::kOwnerSet, a, now);
    own.to = a.login;
    c.events.push_back(std::move(own));
    c.ticket.owner = a.login;
  }
  if (c.ticket.assignee.empty()) {
    TicketEvent as = MakeEvent(t, EventType::kAssigned, a, now);
    as.to = a.login;
    as.reason = "first reply";
    c.events.push_back(std::move(as));
    c.ticket.assignee = a.login;
  }
  if (t.status == TicketStatus::kNew) MoveTo(c, TicketStatus::kOpen, a, "first reply", now);
  return Finish(std::move(c), now);
}

StatusOr<Change> AddBotReply(const Ticket& t, const Actor& bot, std::string_view body, std::string_view reason,
                          Timestamp now) {
  if (bot.login != SystemActor().login) return PermissionDenied("only the bot speaks as the bot");
  KEFU_RETURN_IF_ERROR(CheckText("body", body, 1, kMaxBodyChars));
  KEFU_RETURN_IF_ERROR(CheckNotClosed(t));
  Change c{t, {}};
  TicketEvent e = MakeEvent(t, EventType::kBotReply, bot, now);
  e.body = TrimSpace(body);
  e.reason = std::string(reason);
  c.events.push_back(std::move(e));
  return Finish(std::move(c), now);
}

StatusOr<Change> Transition(const Ticket& t, const Actor& a, TicketStatus to,
                            std::string_view reason, Timestamp now) {
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "changing a ticket's status"));
  KEFU_RETURN_IF_ERROR(CheckText("reason", reason, 0, kMaxReasonChars));
  if (!IsLegalTransition(t.status, to)) {
    return FailedPrecondition("illegal_transition", "a ticket cannot move from " +
                                                        std::string(ToString(t.status)) + " to " +
                                                        std::string(ToString(to)));
  }
  Change c{t, {}};
  MoveTo(c, to, a, TrimSpace(reason), now);
  return Finish(std::move(c), now);
}

StatusOr<Change> Assign(const Ticket& t, const Actor& a, const std::string& agent,
                        std::string_view reason, Timestamp now) {
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "assigning a ticket"));
  KEFU_RETURN_IF_ERROR(CheckText("reason", reason, 0, kMaxReasonChars));
  KEFU_RETURN_IF_ERROR(CheckNotClosed(t));
  if (!IsSupervisor(a.role)) {
    bool take = t.assignee.empty() && agent == a.login;
    bool pass_on = t.assignee == a.login;
    if (!take && !pass_on) {
      return PermissionDenied(
          "agents may take unassigned tickets for themselves or pass on their own; ask a lead");
    }
  }
  Change c{t, {}};
  if (t.assignee == agent) return c;
  TicketEvent e = MakeEvent(t, t.assignee.empty() ? EventType::kAssigned : EventType::kTransferred,
                            a, now);
  e.from = t.assignee;
  e.to = agent;
  e.reason = TrimSpace(reason);
  c.events.push_back(std::move(e));
  c.ticket.assignee = agent;
  return Finish(std::move(c), now);
}

StatusOr<Change> Patch(const Ticket& t, const Actor& a, const TicketPatch& p, Timestamp now) {
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "editing a ticket"));
  if (p.expected_version && *p.expected_version != t.version) {
    return Aborted("stale_version", "ticket " + t.id + " is at version " +
                                        std::to_string(t.version) + ", not " +
                                        std::to_string(*p.expected_version));
  }
  KEFU_RETURN_IF_ERROR(CheckNotClosed(t));
  Change c{t, {}};
  if (p.priority && *p.priority != t.priority) {
    TicketEvent e = MakeEvent(t, EventType::kPriorityChanged, a, now);
    e.from = ToString(t.priority);
    e.to = ToString(*p.priority);
    c.events.push_back(std::move(e));
    c.ticket.priority = *p.priority;
  }
  if (p.category && *p.category != t.category) {
    KEFU_RETURN_IF_ERROR(ValidateCategory(*p.category));
    TicketEvent e = MakeEvent(t, EventType::kCategoryChanged, a, now);
    e.from = t.category;
    e.to = *p.category;
    c.events.push_back(std::move(e));
    c.ticket.category = *p.category;
  }
  if (p.team && *p.team != t.team) {
    KEFU_RETURN_IF_ERROR(ValidateTeamName(*p.team));
    TicketEvent e = MakeEvent(t, EventType::kTeamChanged, a, now);
    e.from = t.team;
    e.to = *p.team;
    c.events.push_back(std::move(e));
    c.ticket.team = *p.team;
  }
  if (p.threat && *p.threat != t.threat_level) {
    c.events.push_back(ThreatEvent(t, a, *p.threat, now));
    c.ticket.threat_level = *p.threat;
    c.ticket.threat = *p.threat != ThreatLevel::kNone;
  }
  if (p.tags) {
    KEFU_ASSIGN_OR_RETURN(std::vector<std::string> tags, NormalizeTags(*p.tags));
    TicketEvent e = MakeEvent(t, EventType::kTagsChanged, a, now);
    std::set_difference(tags.begin(), tags.end(), t.tags.begin(), t.tags.end(),
                        std::back_inserter(e.added));
    std::set_difference(t.tags.begin(), t.tags.end(), tags.begin(), tags.end(),
                        std::back_inserter(e.removed));
    if (!e.added.empty() || !e.removed.empty()) {
      c.events.push_back(std::move(e));
      c.ticket.tags = std::move(tags);
    }
  }
  return Finish(std::move(c), now);
}

}  // namespace kefu
