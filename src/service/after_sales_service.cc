#include "service/after_sales_service.h"
#include "service/after_sales_context.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "common/utf8.h"
#include "core/model.h"

#include "core/access.h"
#include "core/after_sales_policy.h"
#include "core/escalation.h"
#include "core/money.h"
#include "core/order_money.h"
#include "core/ticket_rules.h"
#include "service/money_back.h"
#include "service/ticket_service.h"

namespace kefu {

TicketEvent AfterSalesEvent(const Ticket& t, const AfterSalesRequest& r, const Actor& a,
                            std::string_view from, std::string reason, Timestamp now) {
  TicketEvent e = MakeEvent(t, EventType::kAfterSales, a, now);
  e.body = r.id;
  e.from = std::string(from);
  e.to = std::string(ToString(r.status));
  e.reason = std::move(reason);
  return e;
}

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 6> kDeductionBases = {
    "free_shipping_threshold", "gift_not_returned", "depreciation", "partial_goods",
    "agreed_with_buyer", "other"};

bool IsRefund(AfterSalesKind k) {
  return k == AfterSalesKind::kReturnRefund || k == AfterSalesKind::kRefundOnly;
}

// The gifts that come back with the requested units and the order's
// free-shipping promise, from the order and its other requests (those that
// hold quantity: live ones and refunds).
void FillOrderMoney(const Order& o, const std::vector<AfterSalesRequest>& others,
                    const AfterSalesDraft& d, PolicyInput& in) {
  int64_t returned_before = 0, refunded_goods = 0;
  for (const auto& r : others) {
    if (!HoldsQuantity(r.status) || r.line < 1 || r.line > static_cast<int>(o.items.size())) continue;
    if (r.line == d.line && r.kind == AfterSalesKind::kReturnRefund) returned_before += r.quantity;
    if (IsRefund(r.kind)) {
      refunded_goods =
          SaturatingAdd(refunded_goods, PaidForUnits(o.items[r.line - 1], 0, r.quantity));
    }
    for (const auto& x : r.decision.deductions) {
      if (x.code == "free_shipping_threshold") in.free_shipping.deducted_before = true;
    }
  }
  const OrderItem& item = o.items[d.line - 1];
  for (size_t i = 0; i < o.items.size(); ++i) {
    const OrderItem& g = o.items[i];
    if (g.gift_of != d.line) continue;
    in.gifts.push_back(PolicyGift{static_cast<int>(i + 1),
                                  GiftUnitsDue(g.quantity, item.quantity, returned_before, d.quantity),
                                  g.gift_value_fen});
  }
  in.keep_gifts = d.keep_gifts;
  in.free_shipping.threshold_fen = o.free_shipping_threshold_fen;
  in.free_shipping.waived_fen = o.shipping_waived_fen;
  int64_t kept = SaturatingSub(GoodsPaidFen(o), refunded_goods);
  in.free_shipping.kept_fen = std::max<int64_t>(0, SaturatingSub(kept, PaidForUnits(item, 0, d.quantity)));
}

}  // namespace

bool IsDeductionBasis(std::string_view s) {
  return std::find(kDeductionBases.begin(), kDeductionBases.end(), s) != kDeductionBases.end();
}

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
  if (d.received_at && (*d.received_at > now || !c.order.shipped_at ||
                        *d.received_at < *c.order.shipped_at)) {
    return ValidationError("received_at must lie between the order's shipping and now");
  }
  const OrderItem& item = c.order.items[d.line - 1];
  if (d.unit != 0 && (d.unit > item.quantity || d.quantity != 1)) {
    return ValidationError("unit names one of the line's " + std::to_string(item.quantity) +
                           " units, for a request of quantity 1");
  }
  AfterSalesFilter f;
  f.order_id = order_id;
  f.limit = 1000;
  KEFU_ASSIGN_OR_RETURN(std::vector<AfterSalesRequest> others, store_.ListAfterSales(txn, f));
  // The unit's history: requests on the same unit, or on a unit not said
  // (which may have been this one: counting it is in the buyer's favour).
  auto same_unit = [&](const AfterSalesRequest& o) {
    return o.line == d.line && (o.unit == 0 || d.unit == 0 || o.unit == d.unit);
  };
  std::optional<Timestamp> replaced_at;  // the latest replacement handed over
  for (const auto& o : others) {
    if (o.line != d.line) continue;
    if (HoldsQuantity(o.status)) c.held += o.quantity;
    if (same_unit(o) && o.status == AfterSalesStatus::kExchanged &&
        (!replaced_at || o.updated_at > *replaced_at)) {
      replaced_at = o.updated_at;
    }
  }
  int repairs = 0;  // repairs finished since the unit's period began
  for (const auto& o : others) {
    if (same_unit(o) && o.status == AfterSalesStatus::kRepaired &&
        (!replaced_at || o.updated_at > *replaced_at)) {
      ++repairs;
    }
  }
  KEFU_ASSIGN_OR_RETURN(std::vector<Shipment> shipments, store_.ListShipments(txn, order_id));
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
  in.non_returnable_ground = ParseNonReturnableGround(item.non_returnable_ground)
                                 .value_or(NonReturnableGround::kNone);
  in.disclosed_defect = item.disclosed_defect;
  in.claim_is_disclosed_defect = d.about_disclosed_defect;
  in.unsealed = d.unsealed;
  in.activated = d.activated;
  in.intact = d.intact;
  in.paid = c.order.paid_at.has_value();
  in.shipped_at = c.order.shipped_at;
  in.delivered_at = c.order.delivered_at;
  in.claimed_received_at = d.received_at;
  for (const auto& s : shipments) {
    if (s.after_sales_id.empty() && s.exception == LogisticsException::kLost &&
        s.status != ShipmentStatus::kDelivered) {
      in.parcel_lost = true;
    }
  }
  in.repairs_done = repairs;
  in.replaced_at = replaced_at;
  in.claimed_loss_fen = d.claimed_loss_fen;
  const AfterSalesPolicy& policy = c.cfg->after_sales.policy;
  auto market = policy.markets.find(c.order.market);
  auto holidays = c.cfg->holiday_sets.find("cn-mainland");
  if ((market == policy.markets.end() || !market->second.cross_border) &&
      holidays != c.cfg->holiday_sets.end()) {
    in.rest_days = RestDays{&holidays->second.holidays, &holidays->second.workdays};
  }
  in.now = now;
  in.quantity = d.quantity;
  in.line_quantity = item.quantity;
  in.held_quantity = c.held;
  in.unit_price_fen = item.price_fen;
  in.line_discount_fen = item.discount_fen;
  FillOrderMoney(c.order, others, d, in);
  c.decision = DecideAfterSales(policy, in);
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
  // A refusal is kept (status refused), so that it can be counted, asked
  // an exception for and overridden; what follows checks a granted request.
  bool refused = !c.decision.eligible;
  int64_t refund = refused ? 0 : d.refund_fen.value_or(c.decision.max_refund_fen);
  if (!refused && (refund < 0 || refund > c.decision.max_refund_fen)) {
    return Status(StatusCode::kValidation, "refund_exceeds_paid",
                  "refund_fen must be between 0 and " + std::to_string(c.decision.max_refund_fen) +
                      " (what was paid for the items)");
  }
  if (!refused && refund < c.decision.max_refund_fen &&
      (d.deduction_basis.empty() || IsBlankText(d.deduction_reason))) {
    return Status(StatusCode::kValidation, "deduction_reason_required",
                  "a refund of " + FormatYuan(refund) + " yuan is below the " +
                      FormatYuan(c.decision.max_refund_fen) +
                      " yuan allowed: give deduction_basis and deduction_reason");
  }
  if (!refused && c.decision.evidence_required && IsBlankText(d.evidence)) {
    return Status(StatusCode::kValidation, "evidence_required",
                  c.decision.rule + " needs evidence: describe or link what supports the claim");
  }
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'A'));
  AfterSalesRequest r;
  r.id = FormatId('A', seq);
  r.ticket_id = ticket_id;
  r.order_id = c.order.id;
  r.line = d.line;
  r.quantity = d.quantity;
  r.unit = d.unit;
  r.kind = d.kind;
  r.reason = d.reason;
  r.status = refused ? AfterSalesStatus::kRefused : AfterSalesStatus::kRequested;
  r.note = d.note;
  r.decision = c.decision;
  r.refund_fen = refund;
  r.evidence = d.evidence;
  if (!refused && refund < c.decision.max_refund_fen) {
    r.deduction_basis = d.deduction_basis;
    r.deduction_reason = d.deduction_reason;
  }
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
  if (!refused && c.decision.lead_required) {
    // Punitive claims (CRPL 55, Food Safety Law 148): audited, and a lead decides.
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(
        *txn, AuditEntry{now, a.login, "after_sales.punitive_claim", r.id,
                         json{{"ticket", r.ticket_id},
                              {"order", r.order_id},
                              {"reason", ToString(r.reason)},
                              {"punitive_fen", c.decision.punitive_fen},
                              {"max_refund_fen", c.decision.max_refund_fen}}
                             .dump()}));
    KEFU_RETURN_IF_ERROR(NotifySupervisors(store_, *txn, *c.cfg, c.ticket, "punitive_claim",
                                           "惩罚性赔偿申请待审核 / punitive claim to decide: " + r.id,
                                           now));
  }
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
    KEFU_RETURN_IF_ERROR(CheckMoneyBack(store_, *txn, next.order_id, next.refund_fen, next.id,
                                        next.decision.punitive_fen));
  }
  KEFU_RETURN_IF_ERROR(store_.UpdateAfterSales(*txn, next, r.version));
  if (next.status == AfterSalesStatus::kResent) {
    KEFU_RETURN_IF_ERROR(ShipResend(*txn, a, next, m.resend_carrier, now));
  }
  if (next.status == AfterSalesStatus::kApproved) {
    // A money decision: who approved what, and why (处理意见).
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(
        *txn, AuditEntry{now, a.login, "after_sales.approved", next.id,
                         json{{"ticket", next.ticket_id},
                              {"kind", ToString(next.kind)},
                              {"rule", next.decision.rule},
                              {"refund_fen", next.refund_fen},
                              {"reason", m.reason}}
                             .dump()}));
  }
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
                              {"punitive_fen", next.decision.punitive_fen},
                              {"rule", next.decision.rule},
                              {"reason", m.reason}}
                             .dump()}));
  }
  std::vector<TicketEvent> events;
  events.push_back(AfterSalesEvent(t, next, a, ToString(r.status), std::move(reason), now));
  KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, t, Change{t, std::move(events)}, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return next;
}

Status AfterSalesService::ShipResend(Txn& txn, const Actor& a, const AfterSalesRequest& r,
                                     const std::string& carrier_asked, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(Order o, store_.GetOrder(txn, r.order_id));
  std::string carrier = carrier_asked.empty() ? o.carrier : carrier_asked;
  if (carrier.empty()) {
    return ValidationError("resend_carrier is required: order " + o.id + " names no carrier");
  }
  auto known = store_.FindShipment(txn, carrier, r.resend_tracking);
  if (known.ok()) {
    return Status(StatusCode::kAlreadyExists, "duplicate_shipment",
                  "shipment " + carrier + " " + r.resend_tracking + " is already registered");
  }
  if (known.status().code() != StatusCode::kNotFound) return known.status();
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(txn, 'S'));
  Shipment s;
  s.id = FormatId('S', seq);
  s.order_id = o.id;
  s.carrier = carrier;
  s.tracking_number = r.resend_tracking;
  s.after_sales_id = r.id;
  s.created_at = s.updated_at = now;
  s.version = 1;
  KEFU_RETURN_IF_ERROR(store_.InsertShipment(txn, s));
  return store_.AppendAudit(
      txn, AuditEntry{now, a.login, "shipment.create", s.id,
                      json{{"order", o.id}, {"after_sales", r.id}}.dump()});
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
