// What the web console needs beyond tickets: the live feed's event heads,
// customers' ratings and the dashboard's ticket facts.
#include <optional>
#include <string>

#include "store/sqlite/sqlite_internal.h"

namespace kefu::sqlite {

StatusOr<std::vector<EventHead>> SqliteStore::ListEventHeadsAfter(Txn& txn, int64_t after_seq,
                                                                  int limit) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT seq, ticket_seq, type, actor, at, public FROM "
                                               "ticket_events WHERE seq > ? ORDER BY seq LIMIT ?"));
  s.Bind(1, after_seq).Bind(2, int64_t{limit});
  std::vector<EventHead> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    EventHead e;
    e.seq = s.Int(0);
    e.ticket_id = FormatId('T', s.Int(1));
    e.type = ParseEventType(s.Text(2)).value_or(EventType::kNote);
    e.actor = s.Text(3);
    e.at = Timestamp{s.Int(4)};
    e.is_public = s.Int(5) != 0;
    out.push_back(std::move(e));
  }
}

StatusOr<int64_t> SqliteStore::LatestEventSeq(Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT COALESCE(MAX(seq), 0) FROM ticket_events"));
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Status SqliteStore::PutRating(Txn& txn, const std::string& ticket_id, const Rating& r) {
  KEFU_ASSIGN_OR_RETURN(int64_t tseq, SeqOf('T', ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO ratings(ticket_seq, score, comment, at) "
                                               "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"));
  s.Bind(1, tseq).Bind(2, int64_t{r.score}).Bind(3, r.comment).Bind(4, r.at.unix_ms);
  KEFU_RETURN_IF_ERROR(s.Run());
  if (D(txn).Changes() == 0) return AlreadyExists("already_rated", "ticket " + ticket_id + " is already rated");
  return OkStatus();
}

StatusOr<std::optional<Rating>> SqliteStore::GetRating(Txn& txn, const std::string& ticket_id) {
  KEFU_ASSIGN_OR_RETURN(int64_t tseq, SeqOf('T', ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT score, comment, at FROM ratings WHERE ticket_seq = ?"));
  s.Bind(1, tseq);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<Rating>();
  return std::optional<Rating>(Rating{static_cast<int>(s.Int(0)), s.Text(1), Timestamp{s.Int(2)}});
}

StatusOr<std::vector<DashboardTicket>> SqliteStore::ListTicketFacts(Txn& txn, Timestamp since) {
  KEFU_ASSIGN_OR_RETURN(
      Stmt s,
      D(txn).Prepare(
          "SELECT category, priority, created_at, first_response_at, resolved_at, "
          "EXISTS (SELECT 1 FROM sla_firings f WHERE f.ticket_seq = t.seq AND f.kind = 'breach'), "
          "COALESCE((SELECT score FROM ratings r WHERE r.ticket_seq = t.seq), 0) "
          "FROM tickets t WHERE created_at >= :since OR resolved_at IS NULL OR resolved_at >= :since"));
  s.BindNamed(":since", since.unix_ms);
  std::vector<DashboardTicket> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    DashboardTicket f;
    f.category = s.Text(0);
    f.priority = ParsePriority(s.Text(1)).value_or(Priority::kP3);
    f.created_at = Timestamp{s.Int(2)};
    f.first_response_at = OptTs(s.OptInt(3));
    f.resolved_at = OptTs(s.OptInt(4));
    f.breached = s.Int(5) != 0;
    f.rating = static_cast<int>(s.Int(6));
    out.push_back(std::move(f));
  }
}

StatusOr<std::vector<AfterSalesFact>> SqliteStore::ListAfterSalesFacts(Txn& txn,
                                                                      Timestamp since) {
  // SUM raises an error rather than wrapping should a sum ever overflow.
  KEFU_ASSIGN_OR_RETURN(
      Stmt s,
      D(txn).Prepare(
          "SELECT kind, reason, status, COUNT(*), "
          "SUM(CASE WHEN status = 'refunded' THEN refund_fen ELSE 0 END), "
          "SUM(COALESCE(json_extract(details, '$.punitive_fen'), 0)), "
          "SUM(CASE WHEN status = 'refunded' THEN "
          "MIN(refund_fen, COALESCE(json_extract(details, '$.punitive_fen'), 0)) ELSE 0 END), "
          "rule, COALESCE(json_extract(details, '$.override'), 0) "
          "FROM after_sales WHERE created_at >= ? GROUP BY kind, reason, status, 8, 9"));
  s.Bind(1, since.unix_ms);
  std::vector<AfterSalesFact> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    auto kind = ParseAfterSalesKind(s.Text(0));
    auto reason = ParseAfterSalesReason(s.Text(1));
    auto status = ParseAfterSalesStatus(s.Text(2));
    if (!kind || !reason || !status) continue;  // written by a newer version
    out.push_back(AfterSalesFact{*kind, *reason, *status, s.Int(3), s.Int(4), s.Int(5), s.Int(6),
                                 s.Text(7), s.Int(8) != 0});
  }
}

StatusOr<std::map<std::string, int64_t>> SqliteStore::CountTaggedTickets(
    Txn& txn, const std::vector<std::string>& tags, Timestamp since) {
  std::map<std::string, int64_t> out;
  for (const auto& tag : tags) {
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(
                                      "SELECT COUNT(*) FROM ticket_tags g JOIN tickets t "
                                      "ON t.seq = g.ticket_seq WHERE g.tag = ? AND t.created_at >= ?"));
    s.Bind(1, tag).Bind(2, since.unix_ms);
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    out[tag] = row ? s.Int(0) : 0;
  }
  return out;
}

}  // namespace kefu::sqlite
