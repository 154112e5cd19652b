// Notifications about tickets (declared in service/ticket_service.h): to
// one person, to the managers, to a ticket's supervisors, and to whom a
// change's escalations and breaches name.
#include "service/ticket_service.h"

namespace kefu {

Status Notify(Store& store, Txn& txn, const std::string& login, const std::string& ticket_id,
              std::string kind, std::string body, Timestamp now) {
  if (login.empty()) return OkStatus();
  Notification n{0, login, ticket_id, std::move(kind), std::move(body), now, std::nullopt};
  return store.AppendNotification(txn, n);
}

Status NotifyManagers(Store& store, Txn& txn, const std::string& ticket_id,
                      const std::string& kind, const std::string& body, Timestamp now) {
  constexpr int kMaxManagers = 50;
  KEFU_ASSIGN_OR_RETURN(std::vector<User> managers,
                        store.ListActiveUsers(txn, Role::kManager, kMaxManagers));
  for (const User& m : managers) {
    KEFU_RETURN_IF_ERROR(Notify(store, txn, m.login, ticket_id, kind, body, now));
  }
  return OkStatus();
}

Status NotifySupervisors(Store& store, Txn& txn, const ConfigSnapshot& cfg, const Ticket& t,
                         const std::string& kind, const std::string& body, Timestamp now) {
  const TeamSpec* team = cfg.FindTeam(t.team);
  if (team && !team->lead.empty()) return Notify(store, txn, team->lead, t.id, kind, body, now);
  return NotifyManagers(store, txn, t.id, kind, body, now);
}

Status NotifyEscalations(Store& store, Txn& txn, const Change& c, size_t first, Timestamp now) {
  for (size_t i = first; i < c.events.size(); ++i) {
    const TicketEvent& e = c.events[i];
    std::string body;
    if (e.type == EventType::kEscalated && !e.to.empty()) {
      body = "工单升级 / escalated: " + c.ticket.id + " " + c.ticket.subject + " (" + e.reason + ")";
      if (e.to == "manager") {
        KEFU_RETURN_IF_ERROR(NotifyManagers(store, txn, c.ticket.id, "escalated", body, now));
      } else {
        KEFU_RETURN_IF_ERROR(Notify(store, txn, e.to, c.ticket.id, "escalated", body, now));
      }
    } else if (e.type == EventType::kSlaBreached && !c.ticket.assignee.empty()) {
      // The person working the ticket hears that its clock ran out.
      body = "SLA 超时 / SLA breached: " + c.ticket.id + " " + c.ticket.subject + " (" + e.from + ")";
      KEFU_RETURN_IF_ERROR(
          Notify(store, txn, c.ticket.assignee, c.ticket.id, "sla_breached", body, now));
    }
  }
  return OkStatus();
}

}  // namespace kefu
