// Ticket lists and counts: one WHERE clause for both, from a TicketFilter.
#include <string>

#include "store/sqlite/sqlite_internal.h"

namespace kefu::sqlite {

namespace {

// The filters as SQL over named parameters (bound by BindTicketFilter).
std::string TicketWhere(const TicketFilter& f) {
  std::string where = "seq < :before";
  if (f.status) where += " AND status = :status";
  if (f.priority) where += " AND priority = :priority";
  if (f.channel) where += " AND channel = :channel";
  if (!f.assignee.empty()) where += " AND assignee = :assignee";
  if (!f.owner.empty()) where += " AND owner = :owner";
  if (!f.watcher.empty()) {
    where += " AND seq IN (SELECT ticket_seq FROM ticket_watchers WHERE login = :watcher)";
  }
  if (!f.customer_id.empty()) where += " AND customer_seq = :customer";
  if (!f.category.empty()) where += " AND category = :category";
  if (!f.team.empty()) where += " AND team = :team";
  if (!f.teams.empty()) {
    where += " AND team IN (";
    for (size_t i = 0; i < f.teams.size(); ++i) where += (i ? ", :team" : ":team") + std::to_string(i);
    where += ")";
  }
  if (f.team_is_empty) where += " AND team = ''";
  if (f.unresolved) where += " AND status NOT IN ('resolved', 'closed')";
  if (f.vip) where += " AND customer_seq IN (SELECT seq FROM customers WHERE tier = 'vip')";
  // Spelled as the partial index tickets_waiting is, so that it is used.
  if (f.waiting) where += " AND assignee = '' AND status IN ('new', 'open')";
  if (f.sla_breach_from) where += " AND sla_breach_at >= :breach_from";
  if (f.sla_breach_to) where += " AND sla_breach_at < :breach_to";
  return where;
}

void BindTicketFilter(Stmt& s, const TicketFilter& f) {
  s.BindNamed(":before", f.before_seq > 0 ? f.before_seq : INT64_MAX);
  if (f.status) s.BindNamed(":status", ToString(*f.status));
  if (f.priority) s.BindNamed(":priority", ToString(*f.priority));
  if (f.channel) s.BindNamed(":channel", ToString(*f.channel));
  if (!f.assignee.empty()) s.BindNamed(":assignee", f.assignee);
  if (!f.owner.empty()) s.BindNamed(":owner", f.owner);
  if (!f.watcher.empty()) s.BindNamed(":watcher", f.watcher);
  if (!f.customer_id.empty()) s.BindNamed(":customer", ParseId('C', f.customer_id).value_or(-1));
  if (!f.tag.empty()) s.BindNamed(":tag", f.tag);
  if (!f.category.empty()) s.BindNamed(":category", f.category == "-" ? std::string() : f.category);
  if (!f.team.empty()) s.BindNamed(":team", f.team);
  for (size_t i = 0; i < f.teams.size(); ++i) {
    std::string name = ":team" + std::to_string(i);
    s.BindNamed(name.c_str(), f.teams[i]);
  }
  if (f.sla_breach_from) s.BindNamed(":breach_from", f.sla_breach_from->unix_ms);
  if (f.sla_breach_to) s.BindNamed(":breach_to", f.sla_breach_to->unix_ms);
  if (!f.visible_to_agent.empty()) s.BindNamed(":agent", f.visible_to_agent);
}

}  // namespace

StatusOr<std::vector<Ticket>> SqliteStore::ListTickets(Txn& txn, const TicketFilter& f) {
  std::string where = TicketWhere(f);
  std::string sql = std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE ";
  std::string order = " ORDER BY seq DESC LIMIT :limit";
  if (f.visible_to_agent.empty() && !f.tag.empty()) {
    // Walk the tag's own index newest first: a rare tag costs no more than a
    // common one, and neither gathers every tagged ticket first.
    sql = std::string("SELECT ") + kTicketColumns +
          " FROM ticket_tags g JOIN tickets ON tickets.seq = g.ticket_seq WHERE g.tag = :tag AND " +
          where;
    order = " ORDER BY g.ticket_seq DESC LIMIT :limit";
  } else if (f.visible_to_agent.empty()) {
    sql += where;
    if (f.oldest_first) order = " ORDER BY seq ASC LIMIT :limit";
  } else {
    if (!f.tag.empty()) {
      where += " AND EXISTS (SELECT 1 FROM ticket_tags WHERE tag = :tag AND ticket_seq = tickets.seq)";
    }
    // An agent's view is a union of four index ranges (queued, assigned,
    // owned, watched), each read newest first and cut at the limit, so the
    // query costs the same on a million tickets as on a hundred. A single
    // OR would make SQLite collect and sort every match.
    auto branch = [&](const char* cond) {
      return "SELECT seq FROM (SELECT seq FROM tickets WHERE " + where + " AND " + cond +
             " ORDER BY seq DESC LIMIT :limit)";
    };
    sql += "seq IN (" + branch("assignee = ''") + " UNION ALL " + branch("assignee = :agent") +
           " UNION ALL " + branch("owner = :agent") + " UNION ALL " +
           branch("seq IN (SELECT ticket_seq FROM ticket_watchers WHERE login = :agent)") + ")";
  }
  sql += order;
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(sql));
  BindTicketFilter(s, f);
  s.BindNamed(":limit", int64_t{f.limit});
  std::vector<Ticket> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadTicket(s));
  }
  return out;
}

StatusOr<int64_t> SqliteStore::CountTickets(Txn& txn, const TicketFilter& f) {
  TicketFilter all = f;
  all.before_seq = 0;
  std::string where = TicketWhere(all);
  if (!f.tag.empty()) {
    where += " AND EXISTS (SELECT 1 FROM ticket_tags WHERE tag = :tag AND ticket_seq = tickets.seq)";
  }
  // The same tickets as an agent's list: queued, assigned to, owned or watched by them.
  if (!f.visible_to_agent.empty()) {
    where += " AND (assignee = '' OR assignee = :agent OR owner = :agent OR seq IN "
             "(SELECT ticket_seq FROM ticket_watchers WHERE login = :agent))";
  }
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT COUNT(*) FROM tickets WHERE " + where));
  BindTicketFilter(s, all);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

}  // namespace kefu::sqlite
