// The ticket state machine and the rules of every ticket command.
//
// Each command takes the current ticket, the actor and the time, and returns
// either a refusal (a Status with a stable reason) or a Change: the new state
// of the ticket plus the events that explain it, to be stored together in
// one transaction. Nothing here does I/O; the caller has already checked that
// referenced users, customers and orders exist.
//
// States: new -> open -> pending_customer | pending_third_party -> resolved
// -> closed; resolved -> open reopens; closed is final.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "core/model.h"

namespace kefu {

struct Change {
  Ticket ticket;
  std::vector<TicketEvent> events;
};

// An event of `t` by `a` at `now`, with no data yet.
TicketEvent MakeEvent(const Ticket& t, EventType type, const Actor& a, Timestamp now);

// A threat_changed event of `t` from its level to `to` (the level names).
TicketEvent ThreatEvent(const Ticket& t, const Actor& a, ThreatLevel to, Timestamp now);

// Composes commands: appends the events of `step` (a command applied to
// c.ticket) to `c` and takes its ticket. Collapse then makes the chain one
// change of `before`: one version more (or `before` itself if no event).
Status Chain(Change& c, StatusOr<Change> step);
Change Collapse(const Ticket& before, Change c, Timestamp now);

// True if `to` may directly follow `from` through an explicit transition.
bool IsLegalTransition(TicketStatus from, TicketStatus to);

struct NewTicket {
  std::string subject;
  std::string body;
  Channel channel = Channel::kWeb;
  std::string customer_id;
  std::string order_id;
  std::string category;
  Priority priority = Priority::kP3;
  std::vector<std::string> tags;
  std::string team;             // staff only; "" = routed by the team rules
  std::string language = "zh";  // "zh" or "en"
  ThreatLevel threat = ThreatLevel::kNone;  // staff only
};

// Opens a ticket with id `id`. Customers open tickets only for themselves
// and may not set the team or the threat flag (kPermissionDenied otherwise).
// A staff member who opens one (not a service login: mail-in, imports,
// the system) becomes its owner at once (kOwnerSet, 首问负责制); a ticket
// the customer opens is owned by the first staff member to reply publicly.
// The caller checks that a named team exists. kValidation for a bad subject, body, tags
// or category.
StatusOr<Change> OpenTicket(const NewTicket& n, const std::string& id, const Actor& a,
                            Timestamp now);

// Adds a public reply (internal=false) or an internal note (internal=true).
// - customers may only reply publicly on their own tickets; a reply on
//   pending_customer or resolved moves the ticket back to open;
// - a staff member's public reply: the first one sets first_response_at and
//   makes that person the owner (kOwnerSet) and, if unassigned, the
//   assignee; a reply on a new ticket opens it;
// - closed tickets take internal notes only (kFailedPrecondition
//   "ticket_closed" otherwise).
StatusOr<Change> AddMessage(const Ticket& t, const Actor& a, std::string_view body, bool internal,
                            Timestamp now);

// The FAQ bot's public words on the ticket (its answer, or that a person
// will take over): a kBotReply event and nothing else. Unlike a staff
// reply it neither answers for the SLA nor makes the bot the owner.
// Only SystemActor() speaks for the bot; closed tickets refuse it.
StatusOr<Change> AddBotReply(const Ticket& t, const Actor& bot, std::string_view body, std::string_view reason,
                          Timestamp now);

// Moves the ticket to `to` (staff only). kFailedPrecondition
// "illegal_transition" if the move is not allowed from the current state.
StatusOr<Change> Transition(const Ticket& t, const Actor& a, TicketStatus to,
                            std::string_view reason, Timestamp now);

// Assigns the ticket to `agent` (a staff login, checked by the caller).
// Supervisors may assign any ticket; an agent may take an unassigned ticket
// for themselves or pass on a ticket assigned to them. The first assignment
// is kAssigned, later ones kTransferred. The owner never changes. Assigning
// to the current assignee is a no-op (no events).
StatusOr<Change> Assign(const Ticket& t, const Actor& a, const std::string& agent,
                        std::string_view reason, Timestamp now);

struct TicketPatch {
  std::optional<Priority> priority;
  std::optional<std::vector<std::string>> tags;  // replaces the whole set
  std::optional<std::string> category;           // "" clears it
  std::optional<std::string> team;               // a team name (the caller checks it exists)
  std::optional<ThreatLevel> threat;             // kNone clears the threat flag
  std::optional<int64_t> expected_version;       // kAborted "stale_version" on mismatch
};

// Changes priority, tags, category, team or the threat level (staff only;
// not on closed tickets). Moving to another team does not unassign.
// One event per changed field; unchanged fields make no event.
StatusOr<Change> Patch(const Ticket& t, const Actor& a, const TicketPatch& p, Timestamp now);

}  // namespace kefu
