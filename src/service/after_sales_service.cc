#include "service/after_sales_service.h"

#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/after_sales_policy.h"
#include "core/escalation.h"
#include "core/ticket_rules.h"
#include "service/money_back.h"
#include "service/ticket_service.h"

namespace kefu {

struct AfterSalesService::Context {
  Ticket ticket;
  Order order;
  PolicyDecision decision;
  int64_t held = 0;  // quantity of the line held by other live requests
  std::shared_ptr<const ConfigSnapshot> cfg;
};

namespace {

using nlohmann::json;

Status NotEligible(const PolicyDecision& d) {
  return Status(StatusCode::kValidation, "not_eligible",
                d.rule + ": " + d.explanation_en + " / " + d.explanation_zh);
}

TicketEvent AfterSalesEvent(const Ticket& t, const AfterSalesRequest& r, const Actor& a,
                            std::string_view from, std::string reason, Timestamp now) {
  TicketEvent e = MakeEvent(t, EventType::kAfterSales, a, now);
  e.body = r.id;
  e.from = std::string(from);
  e.to = std::string(ToString(r.status));
  e.reason = std::move(reason);
  return e;
}

}  // namespace

StatusOr<AfterSalesService::Context> AfterSalesService::Decide(Txn& txn, const Actor& a,
                                                               const std::string& ticket_id,
                                                               const AfterSalesDraft& d,
                                                               Timestamp now) {
  Context c;
  KEFU_ASSIGN_OR_RETURN(c.ticket, store_.GetTicket(txn, ticket_id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, c.ticket));
  std::string order_id = d.order_id.empty() ? c.ticket.order_id : d.order_id;
  if (order_id.empty()) return ValidationError("the ticket is about no order: \"order\" is required");
  auto order = store_.GetOrder(txn, order_id);
  if (!order.ok()) {
    if (order.status().code() == StatusCode::kNotFound) {
      return ValidationError("order " + order_id + " does not exist");
    }
    return order.status();
  }
  c.order = std::move(*order);
  if (c.order.customer_id != c.ticket.customer_id) {
    return ValidationError("order " + order_id + " is not the ticket's customer's order");
  }
  if (d.line < 1 || d.line > static_cast<int>(c.order.items.size())) {
    return Status(StatusCode::kValidation, "bad_line",
                  "order " + order_id + " has lines 1 to " + std::to_string(c.order.items.size()));
  }
  if (d.note.size() > 4000) return ValidationError("note is longer than 4000 bytes");
  const OrderItem& item = c.order.items[d.line - 1];
  AfterSalesFilter f;
  f.order_id = order_id;
  f.limit = 1000;
  KEFU_ASSIGN_OR_RETURN(std::vector<AfterSalesRequest> others, store_.ListAfterSales(txn, f));
  for (const auto& o : others) {
    if (o.line == d.line && HoldsQuantity(o.status)) c.held += o.quantity;
  }
  if (c.held > 0 && c.held + d.quantity > item.quantity) {
    return FailedPrecondition("already_requested",
                              "line " + std::to_string(d.line) + " of order " + order_id +
                                  " already has after-sales requests for " +
                                  std::to_string(c.held) + " of " +
                                  std::to_string(item.quantity) + " items");
  }
  KEFU_ASSIGN_OR_RETURN(c.cfg, config_.Snapshot(txn));
  PolicyInput in;
  in.kind = d.kind;
  in.reason = d.reason;
  in.goods_category = item.category;
  in.market = c.order.market;
  in.non_returnable_confirmed = item.non_returnable;
  in.unsealed = d.unsealed;
  in.intact = d.intact;
  in.shipped_at = c.order.shipped_at;
  in.delivered_at = c.order.delivered_at;
  in.now = now;
  in.quantity = d.quantity;
  in.line_quantity = item.quantity;
  in.held_quantity = c.held;
  in.unit_price_fen = item.price_fen;
  c.decision = DecideAfterSales(c.cfg->after_sales.policy, in);
  return c;
}

StatusOr<PolicyDecision> AfterSalesService::Preview(const Actor& a, const std::string& ticket_id,
                                                    const AfterSalesDraft& d) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Context c, Decide(*txn, a, ticket_id, d, clock_.Now()));
  return c.decision;
}

StatusOr<AfterSalesRequest> AfterSalesService::Open(const Actor& a, const std::string& ticket_id,
                                                    const AfterSalesDraft& d) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(Context c, Decide(*txn, a, ticket_id, d, now));
  if (c.ticket.status == TicketStatus::kClosed) {
    return FailedPrecondition("ticket_closed", "ticket " + ticket_id + " is closed");
  }
  if (!c.decision.eligible) return NotEligible(c.decision);
  int64_t refund = d.refund_fen.value_or(c.decision.max_refund_fen);
  if (refund < 0 || refund > c.decision.max_refund_fen) {
    return Status(StatusCode::kValidation, "refund_exceeds_paid",
                  "refund_fen must be between 0 and " + std::to_string(c.decision.max_refund_fen) +
                      " (what was paid for the items)");
  }
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'A'));
  AfterSalesRequest r;
  r.id = FormatId('A', seq);
  r.ticket_id = ticket_id;
  r.order_id = c.order.id;
  r.line = d.line;
  r.quantity = d.quantity;
  r.kind = d.kind;
  r.reason = d.reason;
  r.note = d.note;
  r.decision = c.decision;
  r.refund_fen = refund;
  r.requested_by = a.login;
  r.created_at = r.updated_at = now;
  r.version = 1;
  KEFU_RETURN_IF_ERROR(store_.InsertAfterSales(*txn, r));
  std::vector<TicketEvent> events;
  events.push_back(AfterSalesEvent(c.ticket, r, a, "",
                                   std::string(ToString(r.kind)) + "/" +
                                       std::string(ToString(r.reason)) + ": " + c.decision.rule,
                                   now));
  KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, c.ticket, Change{c.ticket, std::move(events)}, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return r;
}

StatusOr<AfterSalesRequest> AfterSalesService::Get(const Actor& a, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(AfterSalesRequest r, store_.GetAfterSales(*txn, id));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, r.ticket_id));
  if (!CanSee(a, t)) return NotFound("after-sales request " + id + " not found");
  return r;
}

StatusOr<Page<AfterSalesRequest>> AfterSalesService::List(const Actor& a,
                                                          const AfterSalesQuery& q) {
  KEFU_RETURN_IF_ERROR(CheckLimit(q.page.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(q.page.cursor));
  AfterSalesFilter f;
  f.status = q.status;
  f.customer_id = q.customer_id;
  f.ticket_id = q.ticket_id;
  f.before_seq = before;
  f.limit = q.page.limit + 1;
  if (q.overdue) f.refund_overdue_at = clock_.Now();
  if (a.role == Role::kCustomer) {
    if (!q.customer_id.empty() && q.customer_id != a.customer_id) return Page<AfterSalesRequest>{};
    f.customer_id = a.customer_id;
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<AfterSalesRequest> rows, store_.ListAfterSales(*txn, f));
  // Agents see the requests of tickets they may see.
  if (a.role == Role::kAgent) {
    KEFU_ASSIGN_OR_RETURN(rows, KeepVisible(store_, *txn, a, std::move(rows)));
  }
  return MakePage(std::move(rows), q.page.limit,
                  [](const AfterSalesRequest& r) { return *ParseId('A', r.id); });
}

StatusOr<AfterSalesRequest> AfterSalesService::Move(const Actor& a, const std::string& id,
                                                    const AfterSalesMove& m,
                                                    std::optional<int64_t> expected_version) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(AfterSalesRequest r, store_.GetAfterSales(*txn, id));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, r.ticket_id));
  if (!CanSee(a, t)) return NotFound("after-sales request " + id + " not found");
  if (expected_version && *expected_version != r.version) {
    return Aborted("stale_version", "after-sales request " + id + " is at version " +
                                        std::to_string(r.version));
  }
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(*txn));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(AfterSalesRequest next,
                        MoveAfterSales(r, m, a.login, a.role, now,
                                       cfg->after_sales.policy.refund_within_days));
  if (next.status == AfterSalesStatus::kRefunded) {
    KEFU_RETURN_IF_ERROR(CheckMoneyBack(store_, *txn, next.order_id, next.refund_fen, next.id));
  }
  KEFU_RETURN_IF_ERROR(store_.UpdateAfterSales(*txn, next, r.version));
  std::string reason = m.reason;
  if (next.status == AfterSalesStatus::kRefunded) {
    reason = "refund " + std::to_string(next.refund_fen) + " fen" +
             (m.reason.empty() ? "" : ": " + m.reason);
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(
        *txn, AuditEntry{now, a.login, "refund.issued", next.id,
                         json{{"ticket", next.ticket_id},
                              {"order", next.order_id},
                              {"line", next.line},
                              {"quantity", next.quantity},
                              {"amount_fen", next.refund_fen},
                              {"rule", next.decision.rule}}
                             .dump()}));
  }
  std::vector<TicketEvent> events;
  events.push_back(AfterSalesEvent(t, next, a, ToString(r.status), std::move(reason), now));
  KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, t, Change{t, std::move(events)}, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return next;
}

StatusOr<int> AfterSalesService::FlagOverdueRefunds(Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  AfterSalesFilter f;
  f.refund_overdue_at = now;
  f.limit = 500;
  KEFU_ASSIGN_OR_RETURN(std::vector<AfterSalesRequest> due, store_.ListAfterSales(*txn, f));
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(*txn));
  int flagged = 0;
  for (const auto& r : due) {
    KEFU_ASSIGN_OR_RETURN(bool first, store_.MarkOnce(*txn, "refund_overdue:" + r.id, now));
    if (!first) continue;
    KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, r.ticket_id));
    const TeamSpec* team = cfg->FindTeam(t.team);
    std::string lead = team ? team->lead : "";
    std::string who = !t.assignee.empty() ? t.assignee : lead;
    TicketEvent e = MakeEvent(t, EventType::kReminder, SystemActor(), now);
    e.from = "refund_overdue";
    e.to = who;
    e.reason = r.id + ": refund was due " + FormatIso8601(*r.refund_due);
    std::string body = "退款已逾期 / refund overdue: " + r.id + " (" + t.id + ")";
    KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, t, Change{t, {std::move(e)}}, now));
    KEFU_RETURN_IF_ERROR(Notify(store_, *txn, who, t.id, "refund_overdue", body, now));
    if (lead != who) KEFU_RETURN_IF_ERROR(Notify(store_, *txn, lead, t.id, "refund_overdue", body, now));
    ++flagged;
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return flagged;
}

}  // namespace kefu
