#include "api/after_sales_codec.h"

#include "core/money.h"

namespace kefu::api {
namespace {

// A required enum field.
template <typename E, typename ParseFn>
Status RequiredEnum(FieldReader& r, const char* name, ParseFn parse, E* out) {
  std::optional<E> v;
  KEFU_RETURN_IF_ERROR(EnumField(r, name, parse, &v));
  if (!v) return ValidationError(std::string(name) + " is required");
  *out = *v;
  return OkStatus();
}

json Names(const std::vector<AfterSalesKind>& kinds) {
  json out = json::array();
  for (auto k : kinds) out.push_back(ToString(k));
  return out;
}

json Deductions(const PolicyDecision& d) {
  json out = json::array();
  for (const auto& x : d.deductions) {
    out.push_back({{"code", x.code}, {"amount_fen", x.amount_fen}, {"article", x.article}});
  }
  return out;
}

json GiftsToReturn(const PolicyDecision& d) {
  json out = json::array();
  for (const auto& g : d.gifts_to_return) {
    out.push_back({{"line", g.line}, {"quantity", g.quantity}, {"value_fen", g.value_fen}});
  }
  return out;
}

}  // namespace

StatusOr<AfterSalesDraft> ParseAfterSalesDraft(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "after-sales request"));
  AfterSalesDraft d;
  int64_t line = 0;
  KEFU_RETURN_IF_ERROR(r.Str("order", &d.order_id));
  KEFU_RETURN_IF_ERROR(r.Int("line", &line, true));
  if (line < 1 || line > 1000) return ValidationError("line must be between 1 and 1000");
  d.line = static_cast<int>(line);
  KEFU_RETURN_IF_ERROR(r.Int("quantity", &d.quantity));
  if (d.quantity < 1 || d.quantity > 100000) {
    return ValidationError("quantity must be between 1 and 100000");
  }
  int64_t unit = 0;
  KEFU_RETURN_IF_ERROR(r.Int("unit", &unit));
  if (unit < 0 || unit > 100000) return ValidationError("unit must be between 1 and 100000");
  d.unit = static_cast<int>(unit);
  KEFU_RETURN_IF_ERROR(RequiredEnum(r, "kind", ParseAfterSalesKind, &d.kind));
  KEFU_RETURN_IF_ERROR(RequiredEnum(r, "reason", ParseAfterSalesReason, &d.reason));
  KEFU_RETURN_IF_ERROR(r.Bool("unsealed", &d.unsealed));
  KEFU_RETURN_IF_ERROR(r.Bool("intact", &d.intact));
  KEFU_RETURN_IF_ERROR(r.Bool("activated", &d.activated));
  KEFU_RETURN_IF_ERROR(r.Time("received_at", &d.received_at));
  KEFU_RETURN_IF_ERROR(r.Bool("about_disclosed_defect", &d.about_disclosed_defect));
  KEFU_RETURN_IF_ERROR(r.Bool("keep_gifts", &d.keep_gifts));
  if (r.Has("claimed_loss_fen")) {
    KEFU_RETURN_IF_ERROR(r.Fen("claimed_loss_fen", &d.claimed_loss_fen, 0, "bad_amount"));
  }
  KEFU_RETURN_IF_ERROR(r.Str("evidence", &d.evidence));
  KEFU_RETURN_IF_ERROR(r.Str("note", &d.note));
  if (r.Has("refund_fen")) {
    int64_t fen = 0;
    KEFU_RETURN_IF_ERROR(r.Fen("refund_fen", &fen, 0, "refund_exceeds_paid"));
    d.refund_fen = fen;
  }
  KEFU_RETURN_IF_ERROR(r.Str("deduction_basis", &d.deduction_basis));
  KEFU_RETURN_IF_ERROR(r.Str("deduction_reason", &d.deduction_reason));
  if (!d.deduction_basis.empty() && !IsDeductionBasis(d.deduction_basis)) {
    return ValidationError("deduction_basis must be one of free_shipping_threshold, "
                           "gift_not_returned, depreciation, partial_goods, agreed_with_buyer, other");
  }
  if (d.evidence.size() > 4000 || d.deduction_reason.size() > 2000) {
    return ValidationError("evidence is at most 4000 bytes, deduction_reason at most 2000");
  }
  KEFU_RETURN_IF_ERROR(r.Finish());
  return d;
}

StatusOr<std::pair<AfterSalesMove, std::optional<int64_t>>> ParseAfterSalesMove(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "after-sales transition"));
  AfterSalesMove m;
  std::optional<int64_t> version;
  KEFU_RETURN_IF_ERROR(RequiredEnum(r, "to", ParseAfterSalesStatus, &m.to));
  KEFU_RETURN_IF_ERROR(r.Str("reason", &m.reason));
  KEFU_RETURN_IF_ERROR(r.Str("return_tracking", &m.return_tracking));
  KEFU_RETURN_IF_ERROR(r.Str("resend_tracking", &m.resend_tracking));
  KEFU_RETURN_IF_ERROR(r.Str("resend_carrier", &m.resend_carrier));
  if (m.reason.size() > 2000 || m.return_tracking.size() > 64 || m.resend_tracking.size() > 64 ||
      m.resend_carrier.size() > 64) {
    return ValidationError("reason is at most 2000 bytes, return_tracking, resend_tracking and "
                           "resend_carrier at most 64");
  }
  if (r.Has("refund_fen")) {
    int64_t fen = 0;
    KEFU_RETURN_IF_ERROR(r.Fen("refund_fen", &fen, 0, "refund_exceeds_paid"));
    m.refund_fen = fen;
  }
  if (r.Has("version")) {
    int64_t v = 0;
    KEFU_RETURN_IF_ERROR(r.Int("version", &v));
    version = v;
  }
  KEFU_RETURN_IF_ERROR(r.Finish());
  return std::make_pair(m, version);
}

StatusOr<CompensationDraft> ParseCompensationDraft(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "compensation"));
  CompensationDraft d;
  KEFU_RETURN_IF_ERROR(RequiredEnum(r, "kind", ParseCompensationKind, &d.kind));
  KEFU_RETURN_IF_ERROR(r.Fen("amount_fen", &d.amount_fen, 1, "bad_amount", true));
  KEFU_RETURN_IF_ERROR(r.Str("reason", &d.reason, true));
  KEFU_RETURN_IF_ERROR(r.Finish());
  return d;
}

StatusOr<CarrierUpdate> ParseCarrierUpdate(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "carrier update"));
  CarrierUpdate u;
  std::optional<Timestamp> at;
  KEFU_RETURN_IF_ERROR(r.Str("event_id", &u.event.event_id, true));
  KEFU_RETURN_IF_ERROR(r.Str("carrier", &u.carrier, true));
  KEFU_RETURN_IF_ERROR(r.Str("tracking_number", &u.tracking_number, true));
  KEFU_RETURN_IF_ERROR(RequiredEnum(r, "status", ParseShipmentStatus, &u.event.status));
  std::optional<LogisticsException> ex;
  KEFU_RETURN_IF_ERROR(EnumField(r, "exception", ParseLogisticsException, &ex));
  if (ex) u.event.exception = *ex;
  KEFU_RETURN_IF_ERROR(r.Time("at", &at));
  if (!at) return ValidationError("at is required");
  u.event.at = *at;
  KEFU_RETURN_IF_ERROR(r.Str("description", &u.event.description));
  KEFU_RETURN_IF_ERROR(r.Str("location", &u.event.location));
  KEFU_RETURN_IF_ERROR(r.Finish());
  return u;
}

StatusOr<TrackingEvent> ParseStaffShipmentEvent(const json& j, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(j, "shipment event"));
  TrackingEvent e;
  KEFU_RETURN_IF_ERROR(RequiredEnum(r, "status", ParseShipmentStatus, &e.status));
  std::optional<LogisticsException> ex;
  KEFU_RETURN_IF_ERROR(EnumField(r, "exception", ParseLogisticsException, &ex));
  if (ex) e.exception = *ex;
  std::optional<Timestamp> at;
  KEFU_RETURN_IF_ERROR(r.Time("at", &at));
  e.at = at.value_or(now);
  KEFU_RETURN_IF_ERROR(r.Str("reason", &e.description, true));
  KEFU_RETURN_IF_ERROR(r.Str("evidence", &e.evidence));
  KEFU_RETURN_IF_ERROR(r.Str("location", &e.location));
  std::string source = "staff";
  KEFU_RETURN_IF_ERROR(r.Str("source", &source));
  if (source != "staff") return ValidationError("source must be \"staff\"");
  KEFU_RETURN_IF_ERROR(r.Finish());
  return e;
}

json ToJson(const PolicyDecision& d) {
  return json{{"eligible", d.eligible},
              {"rule", d.rule},
              {"article", d.article},
              {"return_shipping_paid_by", ToString(d.return_shipping)},
              {"duties_paid_by", ToString(d.duties)},
              {"return_required", d.return_required},
              {"window_ends", OptTime(d.window_ends)},
              {"max_refund_fen", d.max_refund_fen},
              {"punitive_fen", d.punitive_fen},
              {"lead_required", d.lead_required},
              {"evidence_required", d.evidence_required},
              {"needs_confirmation", d.needs_confirmation},
              {"window_extended", d.window_extended},
              {"alternatives", Names(d.alternatives)},
              {"deductions", Deductions(d)},
              {"gifts_to_return", GiftsToReturn(d)},
              {"explanation_zh", d.explanation_zh},
              {"explanation_en", d.explanation_en}};
}

json ToJson(const AfterSalesRequest& r, const Actor& viewer, Timestamp now) {
  bool staff = IsStaff(viewer.role);
  return json{{"id", r.id},
              {"ticket", r.ticket_id},
              {"order", r.order_id},
              {"line", r.line},
              {"quantity", r.quantity},
              {"unit", r.unit > 0 ? json(r.unit) : json(nullptr)},
              {"kind", ToString(r.kind)},
              {"reason", ToString(r.reason)},
              {"status", ToString(r.status)},
              {"note", r.note},
              {"decision", ToJson(r.decision)},
              {"refund_fen", r.refund_fen},
              {"return_tracking", OrNull(r.return_tracking)},
              {"resend_tracking", OrNull(r.resend_tracking)},
              {"evidence", OrNull(r.evidence)},
              {"deduction_basis", OrNull(r.deduction_basis)},
              {"deduction_reason", OrNull(r.deduction_reason)},
              {"requested_by", r.requested_by},
              {"decided_by", OrNull(r.decided_by)},
              {"decision_reason", OrNull(r.decision_reason)},
              {"exception_by", staff ? OrNull(r.exception_by) : json(nullptr)},
              {"exception_reason", staff ? OrNull(r.exception_reason) : json(nullptr)},
              {"override", r.override},
              {"overridden_by", OrNull(r.overridden_by)},
              {"override_reason", OrNull(r.override_reason)},
              {"created_at", FormatIso8601(r.created_at)},
              {"updated_at", FormatIso8601(r.updated_at)},
              {"received_at", OptTime(r.received_at)},
              {"refund_due", OptTime(r.refund_due)},
              {"refund_overdue", RefundOverdue(r, now)},
              {"refunded_at", OptTime(r.refunded_at)},
              {"version", r.version}};
}

json ToJson(const Compensation& c) {
  return json{{"id", c.id},
              {"ticket", c.ticket_id},
              {"team", OrNull(c.team)},
              {"kind", ToString(c.kind)},
              {"amount_fen", c.amount_fen},
              {"reason", c.reason},
              {"status", ToString(c.status)},
              {"pending_reason", OrNull(c.pending_reason)},
              {"requested_by", c.requested_by},
              {"requested_role", ToString(c.requested_role)},
              {"decided_by", OrNull(c.decided_by)},
              {"decision_note", OrNull(c.decision_note)},
              {"created_at", FormatIso8601(c.created_at)},
              {"decided_at", OptTime(c.decided_at)},
              {"version", c.version}};
}

json ToJson(const TeamBudget& b) {
  json out{{"team", b.team},
           {"month", b.month},
           {"budget_fen", b.budget_fen ? json(*b.budget_fen) : json(nullptr)},
           {"spent_fen", b.spent_fen},
           {"pending_fen", b.pending_fen}};
  out["remaining_fen"] =
      b.budget_fen ? json(SaturatingSub(*b.budget_fen, b.spent_fen)) : json(nullptr);
  return out;
}

json ToJson(const Shipment& s, const std::vector<TrackingEvent>* events) {
  json out{{"id", s.id},
           {"order", s.order_id},
           {"carrier", s.carrier},
           {"tracking_number", s.tracking_number},
           {"status", ToString(s.status)},
           {"exception", s.exception == LogisticsException::kNone
                             ? json(nullptr)
                             : json(ToString(s.exception))},
           {"exception_label", OrNull(std::string(ExceptionLabelZh(s.exception)))},
           {"last_event_at", OptTime(s.last_event_at)},
           {"delivered_at", OptTime(s.delivered_at)},
           {"created_at", FormatIso8601(s.created_at)},
           {"updated_at", FormatIso8601(s.updated_at)},
           {"after_sales", OrNull(s.after_sales_id)},
           {"version", s.version}};
  if (events == nullptr) return out;
  json& ev = out["events"] = json::array();
  for (const auto& e : *events) {
    ev.push_back({{"event_id", e.event_id},
                  {"at", FormatIso8601(e.at)},
                  {"status", ToString(e.status)},
                  {"exception", e.exception == LogisticsException::kNone
                                    ? json(nullptr)
                                    : json(ToString(e.exception))},
                  {"description", e.description},
                  {"location", e.location},
                  {"source", e.source},
                  {"recorded_by", OrNull(e.recorded_by)},
                  {"evidence", OrNull(e.evidence)}});
  }
  return out;
}

json ToJson(const Notification& n) {
  return json{{"id", n.seq},
              {"ticket", OrNull(n.ticket_id)},
              {"kind", n.kind},
              {"body", n.body},
              {"at", FormatIso8601(n.at)},
              {"read", n.read_at.has_value()},
              {"read_at", OptTime(n.read_at)}};
}

json ToJson(const CustomerOverview& v, const Actor& viewer, Timestamp now) {
  json out = ToJson(v.customer);
  auto list = [](const auto& items, auto fn) {
    json a = json::array();
    for (const auto& it : items) a.push_back(fn(it));
    return a;
  };
  out["orders"] = list(v.orders, [](const Order& o) { return ToJson(o); });
  out["shipments"] = list(v.shipments, [](const CustomerOverview::ShipmentWithEvents& s) {
    return ToJson(s.shipment, &s.events);
  });
  out["open_tickets"] = list(v.open_tickets, [&](const Ticket& t) { return ToJson(t, viewer); });
  out["past_tickets"] = list(v.past_tickets, [&](const Ticket& t) { return ToJson(t, viewer); });
  out["after_sales"] =
      list(v.after_sales, [&](const AfterSalesRequest& r) { return ToJson(r, viewer, now); });
  out["compensations"] = list(v.compensations, [](const Compensation& c) { return ToJson(c); });
  out["totals"] = {{"refunded_fen", v.refunded_fen}, {"compensated_fen", v.compensated_fen}};
  return out;
}

}  // namespace kefu::api
