#include "service/logistics_service.h"

#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/escalation.h"
#include "core/ticket_rules.h"
#include "core/validation.h"
#include "service/ticket_service.h"

namespace kefu {
namespace {

// Whether the customer `a` may see order `o` (staff may see every order).
bool MaySeeOrder(const Actor& a, const Order& o) {
  return IsStaff(a.role) || o.customer_id == a.customer_id;
}

std::string EventSummary(const Shipment& s, const TrackingEvent& e) {
  std::string what = e.status == ShipmentStatus::kException
                         ? std::string(ExceptionLabelZh(e.exception)) + " / " +
                               std::string(ToString(e.exception))
                         : std::string(ToString(e.status));
  std::string out = s.carrier + " " + s.tracking_number + ": " + what;
  if (!e.description.empty()) out += " - " + e.description;
  if (e.source == "staff") out += " (staff " + e.recorded_by + ")";
  return out;
}

}  // namespace

StatusOr<Shipment> LogisticsService::Create(const Actor& a, const std::string& order_id,
                                            const std::string& carrier,
                                            const std::string& tracking_number) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "registering shipments"));
  if (carrier.empty() || carrier.size() > 64 || tracking_number.empty() ||
      tracking_number.size() > 64) {
    return ValidationError("carrier and tracking_number need 1 to 64 bytes");
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  auto order = store_.GetOrder(*txn, order_id);
  if (!order.ok()) {
    if (order.status().code() == StatusCode::kNotFound) {
      return ValidationError("order " + order_id + " does not exist");
    }
    return order.status();
  }
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'S'));
  Shipment s;
  s.id = FormatId('S', seq);
  s.order_id = order_id;
  s.carrier = carrier;
  s.tracking_number = tracking_number;
  s.status = order->delivered_at ? ShipmentStatus::kDelivered : ShipmentStatus::kCreated;
  s.delivered_at = order->delivered_at;
  s.created_at = s.updated_at = now;
  s.version = 1;
  KEFU_RETURN_IF_ERROR(store_.InsertShipment(*txn, s));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(
      *txn, AuditEntry{now, a.login, "shipment.create", s.id,
                       "{\"order\":\"" + order_id + "\"}"}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return s;
}

StatusOr<ShipmentView> LogisticsService::Get(const Actor& a, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Shipment s, store_.GetShipment(*txn, id));
  KEFU_ASSIGN_OR_RETURN(Order o, store_.GetOrder(*txn, s.order_id));
  if (!MaySeeOrder(a, o)) return NotFound("shipment " + id + " not found");
  KEFU_ASSIGN_OR_RETURN(auto events, store_.ListTrackingEvents(*txn, id));
  return ShipmentView{std::move(s), std::move(events)};
}

StatusOr<std::vector<ShipmentView>> LogisticsService::ListForOrder(const Actor& a,
                                                                   const std::string& order_id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Order o, store_.GetOrder(*txn, order_id));
  if (!MaySeeOrder(a, o)) return NotFound("order " + order_id + " not found");
  KEFU_ASSIGN_OR_RETURN(auto shipments, store_.ListShipments(*txn, order_id));
  std::vector<ShipmentView> out;
  for (auto& s : shipments) {
    KEFU_ASSIGN_OR_RETURN(auto events, store_.ListTrackingEvents(*txn, s.id));
    out.push_back(ShipmentView{std::move(s), std::move(events)});
  }
  return out;
}

StatusOr<WebhookResult> LogisticsService::ApplyCarrierUpdate(const CarrierUpdate& u) {
  KEFU_RETURN_IF_ERROR(ValidateTrackingEvent(u.event));
  if (u.event.source != "carrier") return Status(StatusCode::kValidation, "bad_event", "not a carrier event");
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  auto found = store_.FindShipment(*txn, u.carrier, u.tracking_number);
  if (!found.ok()) {
    if (found.status().code() == StatusCode::kNotFound) {
      return Status(StatusCode::kNotFound, "unknown_shipment",
                    "no shipment " + u.carrier + " " + u.tracking_number);
    }
    return found.status();
  }
  KEFU_ASSIGN_OR_RETURN(WebhookResult result, Apply(*txn, *found, u.event, SystemActor()));
  if (result.duplicate) return result;  // nothing written: the transaction rolls back
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return result;
}

StatusOr<WebhookResult> LogisticsService::RecordStaffEvent(const Actor& a,
                                                           const std::string& shipment_id,
                                                           TrackingEvent e) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "recording a shipment event"));
  Timestamp now = clock_.Now();
  if (e.at > now) return Status(StatusCode::kValidation, "bad_event", "at must not be in the future");
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  auto found = store_.GetShipment(*txn, shipment_id);
  if (!found.ok()) return found.status();
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'V'));
  e.event_id = "staff-" + std::to_string(seq);
  e.source = "staff";
  e.recorded_by = a.login;
  KEFU_RETURN_IF_ERROR(ValidateTrackingEvent(e));
  KEFU_ASSIGN_OR_RETURN(WebhookResult result, Apply(*txn, *found, e, a));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(
      *txn, AuditEntry{now, a.login, "shipment.staff_event", found->id,
                       nlohmann::json{{"order", found->order_id},
                                      {"status", ToString(e.status)},
                                      {"exception", ToString(e.exception)},
                                      {"at", FormatIso8601(e.at)},
                                      {"reason", e.description},
                                      {"evidence", e.evidence}}
                           .dump()}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return result;
}

StatusOr<WebhookResult> LogisticsService::Apply(Txn& txn, const Shipment& before,
                                                const TrackingEvent& ev, const Actor& by) {
  Timestamp now = clock_.Now();
  WebhookResult result;
  KEFU_ASSIGN_OR_RETURN(bool fresh, store_.AppendTrackingEvent(txn, before, ev, now));
  if (!fresh) {
    result.duplicate = true;
    result.shipment = before;
    return result;
  }
  ShipmentChange change = ApplyTrackingEvent(before, ev, now);
  change.shipment.version = before.version + 1;
  KEFU_RETURN_IF_ERROR(store_.UpdateShipment(txn, change.shipment, before.version));
  if (change.delivered) {
    KEFU_RETURN_IF_ERROR(store_.SetOrderDelivered(txn, before.order_id, ev.at));
  }
  result.shipment = change.shipment;
  if (!change.changed) return result;
  KEFU_ASSIGN_OR_RETURN(auto tickets, store_.ListOpenTicketsForOrder(txn, before.order_id));
  std::string summary = EventSummary(before, ev);
  for (const Ticket& t : tickets) {
    Change c{t, {}};
    TicketEvent e = MakeEvent(t, EventType::kShipment, by, now);
    e.body = before.id;
    std::string what = change.shipment.status == ShipmentStatus::kException
                           ? std::string(ToString(change.shipment.exception))
                           : std::string(ToString(change.shipment.status));
    e.to = what;
    e.reason = summary;
    c.events.push_back(std::move(e));
    bool news = change.delivered || change.lost;
    // A shipment event alone leaves the SLA clocks as they are (they read
    // status changes and replies): only a reopened ticket is re-indexed.
    bool reopen = news && t.status == TicketStatus::kPendingThirdParty;
    if (reopen) {
      KEFU_RETURN_IF_ERROR(Chain(c, Transition(c.ticket, SystemActor(), TicketStatus::kOpen,
                                                ev.source + ": " + what, now)));
    }
    KEFU_RETURN_IF_ERROR(
        SaveTicketChange(store_, txn, t, std::move(c), now, reopen ? sla_ : nullptr));
    if (news) {
      std::string who = !t.owner.empty() ? t.owner : t.assignee;
      KEFU_RETURN_IF_ERROR(Notify(store_, txn, who, t.id,
                                  change.delivered ? "shipment_delivered" : "shipment_lost",
                                  summary + " (" + t.id + ")", now));
    }
    result.tickets.push_back(t.id);
  }
  return result;
}

StatusOr<int> LogisticsService::RemindCarrierFollowUps(Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(*txn));
  const int64_t quiet_ms = int64_t{cfg->after_sales.carrier_follow_up_hours} * 3'600'000;
  int reminded = 0;
  TicketFilter f;
  f.status = TicketStatus::kPendingThirdParty;
  f.limit = 500;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(std::vector<Ticket> page, store_.ListTickets(*txn, f));
    for (const Ticket& t : page) {
      if (t.updated_at.unix_ms + quiet_ms > now.unix_ms) continue;
      std::string key = "carrier_follow_up:" + t.id + ":" + std::to_string(t.version);
      KEFU_ASSIGN_OR_RETURN(bool first, store_.MarkOnce(*txn, key, now));
      if (!first) continue;
      std::string who = !t.assignee.empty() ? t.assignee : t.owner;
      TicketEvent e = MakeEvent(t, EventType::kReminder, SystemActor(), now);
      e.from = "carrier_follow_up";
      e.to = who;
      e.reason = "no news for " + std::to_string(cfg->after_sales.carrier_follow_up_hours) +
                 " h: chase the carrier";
      KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, t, Change{t, {std::move(e)}}, now));
      KEFU_RETURN_IF_ERROR(Notify(store_, *txn, who, t.id, "carrier_follow_up",
                                  "请跟进物流 / chase the carrier: " + t.id + " " + t.subject, now));
      ++reminded;
    }
    if (static_cast<int>(page.size()) < f.limit) break;
    f.before_seq = *ParseId('T', page.back().id);
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return reminded;
}

}  // namespace kefu
