// SQLite storage of orders' after-sales life: after-sales requests,
// compensation, shipments and their tracking events, job marks and
// notifications.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_internal.h"

namespace kefu::sqlite {
namespace {

template <typename E>
E EnumOr(std::optional<E> v, E fallback) {
  return v ? *v : fallback;
}

// ---- after-sales requests ----

constexpr const char* kAfterSalesColumns =
    "seq, ticket_seq, order_seq, customer_seq, line, quantity, kind, reason, status, note, "
    "eligible, rule, article, return_shipping, duties, return_required, window_ends, "
    "max_refund_fen, explanation_zh, explanation_en, refund_fen, return_tracking, requested_by, "
    "decided_by, decision_reason, created_at, updated_at, received_at, refund_due, refunded_at, "
    "version, details";

// The decision's and the request's fields added after the table was made,
// as one JSON object (column "details").
std::string DetailsJson(const AfterSalesRequest& r) {
  const PolicyDecision& d = r.decision;
  nlohmann::json alternatives = nlohmann::json::array();
  for (auto k : d.alternatives) alternatives.push_back(ToString(k));
  nlohmann::json deductions = nlohmann::json::array(), gifts = nlohmann::json::array();
  for (const auto& x : d.deductions) {
    deductions.push_back({{"code", x.code}, {"amount_fen", x.amount_fen}, {"article", x.article}});
  }
  for (const auto& g : d.gifts_to_return) {
    gifts.push_back({{"line", g.line}, {"quantity", g.quantity}, {"value_fen", g.value_fen}});
  }
  return nlohmann::json{{"punitive_fen", d.punitive_fen},
                        {"lead_required", d.lead_required},
                        {"evidence_required", d.evidence_required},
                        {"needs_confirmation", d.needs_confirmation},
                        {"window_extended", d.window_extended},
                        {"alternatives", std::move(alternatives)},
                        {"deductions", std::move(deductions)},
                        {"gifts_to_return", std::move(gifts)},
                        {"resend_tracking", r.resend_tracking},
                        {"evidence", r.evidence},
                        {"unit", r.unit},
                        {"deduction_basis", r.deduction_basis},
                        {"deduction_reason", r.deduction_reason},
                        {"exception_by", r.exception_by},
                        {"exception_reason", r.exception_reason},
                        {"override", r.override},
                        {"overridden_by", r.overridden_by},
                        {"override_reason", r.override_reason}}
      .dump();
}

void ReadDetails(const std::string& text, AfterSalesRequest& r) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  PolicyDecision& d = r.decision;
  d.punitive_fen = j.value("punitive_fen", int64_t{0});
  d.lead_required = j.value("lead_required", false);
  d.evidence_required = j.value("evidence_required", false);
  d.needs_confirmation = j.value("needs_confirmation", false);
  d.window_extended = j.value("window_extended", false);
  for (const auto& k : j.value("alternatives", nlohmann::json::array())) {
    if (auto kind = k.is_string() ? ParseAfterSalesKind(k.get<std::string>()) : std::nullopt) {
      d.alternatives.push_back(*kind);
    }
  }
  for (const auto& x : j.value("deductions", nlohmann::json::array())) {
    if (!x.is_object()) continue;
    d.deductions.push_back(Deduction{x.value("code", ""), x.value("amount_fen", int64_t{0}),
                                     x.value("article", "")});
  }
  for (const auto& g : j.value("gifts_to_return", nlohmann::json::array())) {
    if (!g.is_object()) continue;
    d.gifts_to_return.push_back(GiftReturn{g.value("line", 0), g.value("quantity", int64_t{0}),
                                           g.value("value_fen", int64_t{0})});
  }
  r.resend_tracking = j.value("resend_tracking", "");
  r.evidence = j.value("evidence", "");
  r.unit = j.value("unit", 0);
  r.deduction_basis = j.value("deduction_basis", "");
  r.deduction_reason = j.value("deduction_reason", "");
  r.exception_by = j.value("exception_by", "");
  r.exception_reason = j.value("exception_reason", "");
  r.override = j.value("override", false);
  r.overridden_by = j.value("overridden_by", "");
  r.override_reason = j.value("override_reason", "");
}

// Binds the 28 columns after seq, ticket_seq, order_seq and customer_seq,
// from parameter `i` on.
void BindAfterSalesBody(Stmt& s, int i, const AfterSalesRequest& r) {
  const PolicyDecision& d = r.decision;
  s.Bind(i++, int64_t{r.line});
  s.Bind(i++, r.quantity);
  s.Bind(i++, ToString(r.kind));
  s.Bind(i++, ToString(r.reason));
  s.Bind(i++, ToString(r.status));
  s.Bind(i++, r.note);
  s.Bind(i++, int64_t{d.eligible});
  s.Bind(i++, d.rule);
  s.Bind(i++, d.article);
  s.Bind(i++, ToString(d.return_shipping));
  s.Bind(i++, ToString(d.duties));
  s.Bind(i++, int64_t{d.return_required});
  s.Bind(i++, OptMs(d.window_ends));
  s.Bind(i++, d.max_refund_fen);
  s.Bind(i++, d.explanation_zh);
  s.Bind(i++, d.explanation_en);
  s.Bind(i++, r.refund_fen);
  s.Bind(i++, r.return_tracking);
  s.Bind(i++, r.requested_by);
  s.Bind(i++, r.decided_by);
  s.Bind(i++, r.decision_reason);
  s.Bind(i++, r.created_at.unix_ms);
  s.Bind(i++, r.updated_at.unix_ms);
  s.Bind(i++, OptMs(r.received_at));
  s.Bind(i++, OptMs(r.refund_due));
  s.Bind(i++, OptMs(r.refunded_at));
  s.Bind(i++, r.version);
  s.Bind(i++, DetailsJson(r));
}

AfterSalesRequest ReadAfterSales(const Stmt& s) {
  AfterSalesRequest r;
  r.id = FormatId('A', s.Int(0));
  r.ticket_id = FormatId('T', s.Int(1));
  r.order_id = FormatId('O', s.Int(2));
  r.line = static_cast<int>(s.Int(4));
  r.quantity = s.Int(5);
  r.kind = EnumOr(ParseAfterSalesKind(s.Text(6)), AfterSalesKind::kReturnRefund);
  r.reason = EnumOr(ParseAfterSalesReason(s.Text(7)), AfterSalesReason::kNoReason);
  r.status = EnumOr(ParseAfterSalesStatus(s.Text(8)), AfterSalesStatus::kRequested);
  r.note = s.Text(9);
  PolicyDecision& d = r.decision;
  d.eligible = s.Int(10) != 0;
  d.rule = s.Text(11);
  d.article = s.Text(12);
  d.return_shipping = EnumOr(ParsePayer(s.Text(13)), Payer::kNone);
  d.duties = EnumOr(ParsePayer(s.Text(14)), Payer::kNone);
  d.return_required = s.Int(15) != 0;
  d.window_ends = OptTs(s.OptInt(16));
  d.max_refund_fen = s.Int(17);
  d.explanation_zh = s.Text(18);
  d.explanation_en = s.Text(19);
  r.refund_fen = s.Int(20);
  r.return_tracking = s.Text(21);
  r.requested_by = s.Text(22);
  r.decided_by = s.Text(23);
  r.decision_reason = s.Text(24);
  r.created_at = Timestamp{s.Int(25)};
  r.updated_at = Timestamp{s.Int(26)};
  r.received_at = OptTs(s.OptInt(27));
  r.refund_due = OptTs(s.OptInt(28));
  r.refunded_at = OptTs(s.OptInt(29));
  r.version = s.Int(30);
  ReadDetails(s.Text(31), r);
  return r;
}

// ---- compensation ----

constexpr const char* kCompensationColumns =
    "seq, ticket_seq, team, kind, amount_fen, reason, status, pending_reason, requested_by, "
    "requested_role, decided_by, decision_note, created_at, decided_at, version";

// Binds the 13 columns after seq and ticket_seq, from parameter `i` on.
void BindCompensationBody(Stmt& s, int i, const Compensation& c) {
  s.Bind(i++, c.team);
  s.Bind(i++, ToString(c.kind));
  s.Bind(i++, c.amount_fen);
  s.Bind(i++, c.reason);
  s.Bind(i++, ToString(c.status));
  s.Bind(i++, c.pending_reason);
  s.Bind(i++, c.requested_by);
  s.Bind(i++, ToString(c.requested_role));
  s.Bind(i++, c.decided_by);
  s.Bind(i++, c.decision_note);
  s.Bind(i++, c.created_at.unix_ms);
  s.Bind(i++, OptMs(c.decided_at));
  s.Bind(i++, c.version);
}

Compensation ReadCompensation(const Stmt& s) {
  Compensation c;
  c.id = FormatId('P', s.Int(0));
  c.ticket_id = FormatId('T', s.Int(1));
  c.team = s.Text(2);
  c.kind = EnumOr(ParseCompensationKind(s.Text(3)), CompensationKind::kCoupon);
  c.amount_fen = s.Int(4);
  c.reason = s.Text(5);
  c.status = EnumOr(ParseCompensationStatus(s.Text(6)), CompensationStatus::kPendingApproval);
  c.pending_reason = s.Text(7);
  c.requested_by = s.Text(8);
  c.requested_role = EnumOr(ParseRole(s.Text(9)), Role::kAgent);
  c.decided_by = s.Text(10);
  c.decision_note = s.Text(11);
  c.created_at = Timestamp{s.Int(12)};
  c.decided_at = OptTs(s.OptInt(13));
  c.version = s.Int(14);
  return c;
}

// ---- shipments ----

constexpr const char* kShipmentColumns =
    "seq, order_seq, carrier, tracking_number, status, exception, last_event_at, delivered_at, "
    "created_at, updated_at, version, after_sales";

Shipment ReadShipment(const Stmt& s) {
  Shipment sh;
  sh.id = FormatId('S', s.Int(0));
  sh.order_id = FormatId('O', s.Int(1));
  sh.carrier = s.Text(2);
  sh.tracking_number = s.Text(3);
  sh.status = EnumOr(ParseShipmentStatus(s.Text(4)), ShipmentStatus::kCreated);
  sh.exception = EnumOr(ParseLogisticsException(s.Text(5)), LogisticsException::kNone);
  sh.last_event_at = OptTs(s.OptInt(6));
  sh.delivered_at = OptTs(s.OptInt(7));
  sh.created_at = Timestamp{s.Int(8)};
  sh.updated_at = Timestamp{s.Int(9)};
  sh.version = s.Int(10);
  sh.after_sales_id = s.Text(11);
  return sh;
}

Status CheckVersioned(Db& db, const std::string& id) {
  if (db.Changes() == 0) return Aborted("stale_version", id + " was changed concurrently");
  return OkStatus();
}

}  // namespace

Status SqliteStore::SetOrderDelivered(Txn& txn, const std::string& order_id, Timestamp at) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('O', order_id, "order"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(
                                    "UPDATE orders SET delivered_at = COALESCE(delivered_at, ?1), "
                                    "shipped_at = COALESCE(shipped_at, MIN(?1, MAX(COALESCE(paid_at, "
                                    "created_at), created_at))), "
                                    "paid_at = COALESCE(paid_at, MIN(?1, created_at)) WHERE seq = ?2"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, at.unix_ms).Bind(2, seq).Run());
  if (D(txn).Changes() == 0) return NotFound("order " + order_id + " not found");
  return OkStatus();
}

Status SqliteStore::InsertAfterSales(Txn& txn, const AfterSalesRequest& r) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('A', r.id, "after-sales request"));
  KEFU_ASSIGN_OR_RETURN(int64_t tseq, SeqOf('T', r.ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(int64_t oseq, SeqOf('O', r.order_id, "order"));
  static const std::string kSql =
      std::string("INSERT INTO after_sales(") + kAfterSalesColumns +
      ") SELECT ?, ?, seq, customer_seq, ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,? "
      "FROM orders WHERE seq = ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, seq).Bind(2, tseq);
  BindAfterSalesBody(s, 3, r);
  KEFU_RETURN_IF_ERROR(s.Bind(31, oseq).Run());
  if (D(txn).Changes() == 0) return NotFound("order " + r.order_id + " not found");
  return OkStatus();
}

Status SqliteStore::UpdateAfterSales(Txn& txn, const AfterSalesRequest& r,
                                     int64_t expected_version) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('A', r.id, "after-sales request"));
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare(
                  "UPDATE after_sales SET line=?, quantity=?, kind=?, reason=?, status=?, note=?, "
                  "eligible=?, rule=?, article=?, return_shipping=?, duties=?, return_required=?, "
                  "window_ends=?, max_refund_fen=?, explanation_zh=?, explanation_en=?, "
                  "refund_fen=?, return_tracking=?, requested_by=?, decided_by=?, "
                  "decision_reason=?, created_at=?, updated_at=?, received_at=?, refund_due=?, "
                  "refunded_at=?, version=?, details=? WHERE seq = ? AND version = ?"));
  BindAfterSalesBody(s, 1, r);
  KEFU_RETURN_IF_ERROR(s.Bind(29, seq).Bind(30, expected_version).Run());
  return CheckVersioned(D(txn), r.id);
}

StatusOr<AfterSalesRequest> SqliteStore::GetAfterSales(Txn& txn, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('A', id, "after-sales request"));
  static const std::string kSql =
      std::string("SELECT ") + kAfterSalesColumns + " FROM after_sales WHERE seq = ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, seq);
  return ReadOne<AfterSalesRequest>(s, ReadAfterSales, "after-sales request " + id);
}

StatusOr<std::vector<AfterSalesRequest>> SqliteStore::ListAfterSales(Txn& txn,
                                                                     const AfterSalesFilter& f) {
  Where w;
  w.And("seq < ?", f.before_seq > 0 ? f.before_seq : INT64_MAX);
  if (!f.ticket_id.empty()) w.And("ticket_seq = ?", ParseId('T', f.ticket_id).value_or(-1));
  if (!f.order_id.empty()) w.And("order_seq = ?", ParseId('O', f.order_id).value_or(-1));
  if (!f.customer_id.empty()) w.And("customer_seq = ?", ParseId('C', f.customer_id).value_or(-1));
  if (f.status) w.And("status = ?", std::string(ToString(*f.status)));
  if (f.refund_overdue_at) {
    w.And("status IN ('received', 'inspected') AND refund_due < ?", f.refund_overdue_at->unix_ms);
  }
  KEFU_ASSIGN_OR_RETURN(Stmt s, w.Prepare(D(txn),
                                          std::string("SELECT ") + kAfterSalesColumns +
                                              " FROM after_sales",
                                          " ORDER BY seq DESC LIMIT ?", f.limit));
  return ReadAll<AfterSalesRequest>(s, ReadAfterSales);
}

Status SqliteStore::InsertCompensation(Txn& txn, const Compensation& c) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('P', c.id, "compensation"));
  KEFU_ASSIGN_OR_RETURN(int64_t tseq, SeqOf('T', c.ticket_id, "ticket"));
  static const std::string kSql = std::string("INSERT INTO compensations(") +
                                  kCompensationColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, seq).Bind(2, tseq);
  BindCompensationBody(s, 3, c);
  return s.Run();
}

Status SqliteStore::UpdateCompensation(Txn& txn, const Compensation& c, int64_t expected_version) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('P', c.id, "compensation"));
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("UPDATE compensations SET team=?, kind=?, amount_fen=?, reason=?, "
                             "status=?, pending_reason=?, requested_by=?, requested_role=?, "
                             "decided_by=?, decision_note=?, created_at=?, decided_at=?, version=? "
                             "WHERE seq = ? AND version = ?"));
  BindCompensationBody(s, 1, c);
  KEFU_RETURN_IF_ERROR(s.Bind(14, seq).Bind(15, expected_version).Run());
  return CheckVersioned(D(txn), c.id);
}

StatusOr<Compensation> SqliteStore::GetCompensation(Txn& txn, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('P', id, "compensation"));
  static const std::string kSql =
      std::string("SELECT ") + kCompensationColumns + " FROM compensations WHERE seq = ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, seq);
  return ReadOne<Compensation>(s, ReadCompensation, "compensation " + id);
}

StatusOr<std::vector<Compensation>> SqliteStore::ListCompensations(Txn& txn,
                                                                   const CompensationFilter& f) {
  Where w;
  w.And("seq < ?", f.before_seq > 0 ? f.before_seq : INT64_MAX);
  if (!f.ticket_id.empty()) w.And("ticket_seq = ?", ParseId('T', f.ticket_id).value_or(-1));
  if (!f.order_id.empty()) {
    w.And("ticket_seq IN (SELECT seq FROM tickets WHERE order_seq = ?)",
          ParseId('O', f.order_id).value_or(-1));
  }
  if (!f.team.empty()) w.And("team = ?", f.team);
  if (!f.customer_id.empty()) {
    w.And("ticket_seq IN (SELECT seq FROM tickets WHERE customer_seq = ?)",
          ParseId('C', f.customer_id).value_or(-1));
  }
  if (f.status) w.And("status = ?", std::string(ToString(*f.status)));
  KEFU_ASSIGN_OR_RETURN(Stmt s, w.Prepare(D(txn),
                                          std::string("SELECT ") + kCompensationColumns +
                                              " FROM compensations",
                                          " ORDER BY seq DESC LIMIT ?", f.limit));
  return ReadAll<Compensation>(s, ReadCompensation);
}

StatusOr<int64_t> SqliteStore::SumApprovedCompensation(Txn& txn, const std::string& team,
                                                       Timestamp from, Timestamp to,
                                                       const std::string& ticket_id) {
  StatusOr<Stmt> st = ticket_id.empty()
                          ? D(txn).Prepare("SELECT COALESCE(SUM(amount_fen), 0) FROM compensations "
                                           "WHERE status = 'approved' AND team = ? AND "
                                           "decided_at >= ? AND decided_at < ?")
                          : D(txn).Prepare("SELECT COALESCE(SUM(amount_fen), 0) FROM compensations "
                                           "WHERE status = 'approved' AND ticket_seq = ?");
  if (!st.ok()) return st.status();
  Stmt& s = *st;
  if (ticket_id.empty()) {
    s.Bind(1, team).Bind(2, from.unix_ms).Bind(3, to.unix_ms);
  } else {
    s.Bind(1, ParseId('T', ticket_id).value_or(-1));
  }
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Status SqliteStore::InsertShipment(Txn& txn, const Shipment& sh) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('S', sh.id, "shipment"));
  KEFU_ASSIGN_OR_RETURN(int64_t oseq, SeqOf('O', sh.order_id, "order"));
  {
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT 1 FROM shipments WHERE carrier = ? AND "
                                                 "tracking_number = ?"));
    s.Bind(1, sh.carrier).Bind(2, sh.tracking_number);
    KEFU_ASSIGN_OR_RETURN(bool taken, s.Step());
    if (taken) {
      return AlreadyExists("duplicate_shipment", "carrier " + sh.carrier + " tracking number " +
                                                     sh.tracking_number + " is already a shipment");
    }
  }
  static const std::string kSql = std::string("INSERT INTO shipments(") + kShipmentColumns +
                                  ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  return s.Bind(1, seq).Bind(2, oseq).Bind(3, sh.carrier).Bind(4, sh.tracking_number)
      .Bind(5, ToString(sh.status)).Bind(6, ToString(sh.exception)).Bind(7, OptMs(sh.last_event_at))
      .Bind(8, OptMs(sh.delivered_at)).Bind(9, sh.created_at.unix_ms).Bind(10, sh.updated_at.unix_ms)
      .Bind(11, sh.version).Bind(12, sh.after_sales_id).Run();
}

Status SqliteStore::UpdateShipment(Txn& txn, const Shipment& sh, int64_t expected_version) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('S', sh.id, "shipment"));
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("UPDATE shipments SET status=?, exception=?, last_event_at=?, "
                             "delivered_at=?, updated_at=?, version=? WHERE seq = ? AND version = ?"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, ToString(sh.status)).Bind(2, ToString(sh.exception))
                           .Bind(3, OptMs(sh.last_event_at)).Bind(4, OptMs(sh.delivered_at))
                           .Bind(5, sh.updated_at.unix_ms).Bind(6, sh.version).Bind(7, seq)
                           .Bind(8, expected_version).Run());
  return CheckVersioned(D(txn), sh.id);
}

StatusOr<Shipment> SqliteStore::GetShipment(Txn& txn, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('S', id, "shipment"));
  static const std::string kSql =
      std::string("SELECT ") + kShipmentColumns + " FROM shipments WHERE seq = ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, seq);
  return ReadOne<Shipment>(s, ReadShipment, "shipment " + id);
}

StatusOr<Shipment> SqliteStore::FindShipment(Txn& txn, const std::string& carrier,
                                             const std::string& tracking_number) {
  static const std::string kSql = std::string("SELECT ") + kShipmentColumns +
                                  " FROM shipments WHERE carrier = ? AND tracking_number = ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, carrier).Bind(2, tracking_number);
  return ReadOne<Shipment>(s, ReadShipment,
                           "shipment " + carrier + " " + tracking_number);
}

StatusOr<std::vector<Shipment>> SqliteStore::ListShipments(Txn& txn, const std::string& order_id,
                                                           const std::string& customer_id) {
  std::string sql = std::string("SELECT ") + kShipmentColumns + " FROM shipments WHERE ";
  sql += customer_id.empty()
             ? "order_seq = ?"
             : "order_seq IN (SELECT seq FROM orders WHERE customer_seq = ?)";
  sql += " ORDER BY seq";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(sql));
  s.Bind(1, customer_id.empty() ? ParseId('O', order_id).value_or(-1)
                                : ParseId('C', customer_id).value_or(-1));
  return ReadAll<Shipment>(s, ReadShipment);
}

StatusOr<bool> SqliteStore::AppendTrackingEvent(Txn& txn, const Shipment& sh,
                                                const TrackingEvent& e, Timestamp received_at) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('S', sh.id, "shipment"));
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("INSERT OR IGNORE INTO tracking_events(shipment_seq, event_id, at, "
                             "status, exception, description, location, received_at, source, "
                             "recorded_by, evidence) VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, seq).Bind(2, e.event_id).Bind(3, e.at.unix_ms)
                           .Bind(4, ToString(e.status)).Bind(5, ToString(e.exception))
                           .Bind(6, e.description).Bind(7, e.location)
                           .Bind(8, received_at.unix_ms).Bind(9, e.source)
                           .Bind(10, e.recorded_by).Bind(11, e.evidence).Run());
  return D(txn).Changes() > 0;
}

StatusOr<std::vector<TrackingEvent>> SqliteStore::ListTrackingEvents(
    Txn& txn, const std::string& shipment_id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('S', shipment_id, "shipment"));
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("SELECT event_id, at, status, exception, description, location, "
                             "source, recorded_by, evidence "
                             "FROM tracking_events WHERE shipment_seq = ? ORDER BY at, event_id"));
  s.Bind(1, seq);
  return ReadAll<TrackingEvent>(s, [](const Stmt& r) {
    TrackingEvent e;
    e.event_id = r.Text(0);
    e.at = Timestamp{r.Int(1)};
    e.status = EnumOr(ParseShipmentStatus(r.Text(2)), ShipmentStatus::kInTransit);
    e.exception = EnumOr(ParseLogisticsException(r.Text(3)), LogisticsException::kNone);
    e.description = r.Text(4);
    e.location = r.Text(5);
    e.source = r.Text(6);
    e.recorded_by = r.Text(7);
    e.evidence = r.Text(8);
    return e;
  });
}

StatusOr<bool> SqliteStore::MarkOnce(Txn& txn, const std::string& key, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(Stmt s,
                        D(txn).Prepare("INSERT OR IGNORE INTO job_marks(key, at) VALUES (?, ?)"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, key).Bind(2, now.unix_ms).Run());
  return D(txn).Changes() > 0;
}

Status SqliteStore::AppendNotification(Txn& txn, Notification& n) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO notifications(login, ticket_seq, "
                                               "kind, body, at) VALUES (?,?,?,?,?) RETURNING seq"));
  s.Bind(1, n.login)
      .Bind(2, n.ticket_id.empty() ? std::nullopt : ParseId('T', n.ticket_id))
      .Bind(3, n.kind).Bind(4, n.body).Bind(5, n.at.unix_ms);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Internal("notification insert returned no row");
  n.seq = s.Int(0);
  return OkStatus();
}

namespace {
constexpr const char* kNotificationColumns = "seq, login, ticket_seq, kind, body, at, read_at";

Notification ReadNotification(const Stmt& r) {
  Notification n;
  n.seq = r.Int(0);
  n.login = r.Text(1);
  if (!r.IsNull(2)) n.ticket_id = FormatId('T', r.Int(2));
  n.kind = r.Text(3);
  n.body = r.Text(4);
  n.at = Timestamp{r.Int(5)};
  n.read_at = OptTs(r.OptInt(6));
  return n;
}
}  // namespace

StatusOr<std::vector<Notification>> SqliteStore::ListNotifications(Txn& txn,
                                                                   const std::string& login,
                                                                   int64_t before_seq, int limit,
                                                                   bool unread_only) {
  std::string sql = std::string("SELECT ") + kNotificationColumns +
                    " FROM notifications WHERE login = ? AND seq < ?" +
                    (unread_only ? " AND read_at IS NULL" : "") + " ORDER BY seq DESC LIMIT ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(sql));
  s.Bind(1, login).Bind(2, before_seq > 0 ? before_seq : INT64_MAX).Bind(3, int64_t{limit});
  return ReadAll<Notification>(s, ReadNotification);
}

StatusOr<int64_t> SqliteStore::MarkNotificationsRead(Txn& txn, const std::string& login,
                                                     const std::vector<int64_t>& seqs,
                                                     Timestamp now) {
  int64_t changed = 0;
  for (int64_t seq : seqs) {
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("UPDATE notifications SET read_at = ? WHERE seq = ? "
                                                 "AND login = ? AND read_at IS NULL"));
    KEFU_RETURN_IF_ERROR(s.Bind(1, now.unix_ms).Bind(2, seq).Bind(3, login).Run());
    changed += D(txn).Changes();
  }
  return changed;
}

StatusOr<int64_t> SqliteStore::CountUnreadNotifications(Txn& txn, const std::string& login) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT COUNT(*) FROM notifications "
                                               "WHERE login = ? AND read_at IS NULL"));
  s.Bind(1, login);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

StatusOr<std::vector<Notification>> SqliteStore::ListNotificationsAfter(Txn& txn,
                                                                        int64_t after_seq,
                                                                        int limit) {
  std::string sql = std::string("SELECT ") + kNotificationColumns +
                    " FROM notifications WHERE seq > ? ORDER BY seq LIMIT ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(sql));
  s.Bind(1, after_seq).Bind(2, int64_t{limit});
  return ReadAll<Notification>(s, ReadNotification);
}

StatusOr<int64_t> SqliteStore::LatestNotificationSeq(Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT COALESCE(MAX(seq), 0) FROM notifications"));
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

}  // namespace kefu::sqlite
