#include "service/sla_service.h"

#include <algorithm>

#include "core/access.h"

namespace kefu {

StatusOr<TicketSla> SlaService::Evaluate(Txn& txn, const ConfigSnapshot& cfg, const Ticket& t,
                                         Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(Customer c, store_.GetCustomer(txn, t.customer_id));
  KEFU_ASSIGN_OR_RETURN(std::vector<Firing> fired, store_.ListFirings(txn, t.id));
  std::vector<TicketEvent> history;  // read only if a rule gives the ticket clocks
  SlaSubject subject{t.priority, c.tier, t.channel, t.category, t.team};
  if (MatchSlaRule(cfg.policy.sla, subject)) {
    KEFU_ASSIGN_OR_RETURN(history, store_.ListSlaEvents(txn, t.id));
  }
  return EvaluateWith(cfg, t, history, fired, c.tier, now);
}

TicketSla SlaService::EvaluateWith(const ConfigSnapshot& cfg, const Ticket& t,
                                   const std::vector<TicketEvent>& history,
                                   const std::vector<Firing>& fired, Tier tier, Timestamp now) {
  TicketSla out;
  out.tier = tier;
  out.calendar = cfg.CalendarOf(t.team).spec().name;
  auto was_fired = [&](const Firing& f) {
    return std::find(fired.begin(), fired.end(), f) != fired.end();
  };
  std::vector<Firing> pending;
  for (auto& cause : ImmediateEscalationCauses(t, tier)) {
    // A cause the policy gives nothing to do is not worth a firing.
    if (cfg.policy.ImmediateActions(cause).empty()) continue;
    Firing f{FiringKind::kImmediate, std::move(cause), 0, now, now};
    if (!was_fired(f)) pending.push_back(std::move(f));
  }
  SlaSubject subject{t.priority, tier, t.channel, t.category, t.team};
  if (const SlaRule* rule = MatchSlaRule(cfg.policy.sla, subject)) {
    out.rule = rule->name;
    out.clocks = ComputeSlaClocks(t, history, rule->targets, cfg.policy.sla.warning_percent,
                                  cfg.CalendarOf(t.team), now);
    for (auto& f : SlaFirings(out.clocks)) {
      if (!was_fired(f)) pending.push_back(std::move(f));
    }
    for (const auto& clk : out.clocks) {
      if (clk.met_at || clk.paused || !clk.due) continue;
      if (!out.index.breach_at || *clk.due < *out.index.breach_at) out.index.breach_at = clk.due;
    }
  }
  for (const auto& f : pending) {
    if (f.at <= now) out.due.push_back(f);
  }
  out.pending = std::move(pending);
  out.index = out.IndexAfter({});
  return out;
}

SlaIndex TicketSla::IndexAfter(const std::vector<Firing>& fired) const {
  SlaIndex ix{std::nullopt, index.breach_at};
  for (const auto& f : pending) {
    if (std::find(fired.begin(), fired.end(), f) != fired.end()) continue;
    if (!ix.next_at || f.at < *ix.next_at) ix.next_at = f.at;
  }
  return ix;
}

StatusOr<std::pair<Ticket, TicketSla>> SlaService::ForTicket(const Actor& a,
                                                             const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(*txn));
  KEFU_ASSIGN_OR_RETURN(TicketSla sla, Evaluate(*txn, *cfg, t, clock_.Now()));
  return std::make_pair(std::move(t), std::move(sla));
}

Status SlaService::AfterWrite(Txn& txn, const Ticket& t, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(txn));
  KEFU_ASSIGN_OR_RETURN(TicketSla sla, Evaluate(txn, *cfg, t, now));
  return store_.SetSlaIndex(txn, t.id, sla.index);
}

}  // namespace kefu
