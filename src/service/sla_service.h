// SLA of tickets: which rule applies, where the clocks stand, and the
// scheduler's index (Store::SetSlaIndex) kept right on every ticket write.
#pragma once

#include <memory>

#include "core/escalation.h"
#include "core/sla.h"
#include "service/config_service.h"
#include "store/store.h"

namespace kefu {

struct TicketSla {
  std::string rule;      // the matching SLA rule; "" if none (no clocks)
  std::string calendar;  // the calendar the clocks count in
  std::vector<SlaClock> clocks;
  Tier tier = Tier::kNormal;
  SlaIndex index;                 // what the scheduler should do next
  std::vector<Firing> pending;    // firings that have not fired yet, due or not
  std::vector<Firing> due;        // those of them due at `now`

  // The index once `fired` (some of `due`) have fired, the ticket's rule
  // inputs (priority, team, category, channel, status) being unchanged.
  SlaIndex IndexAfter(const std::vector<Firing>& fired) const;
};


// Thread-safe.
class SlaService {
 public:
  SlaService(Store& store, ConfigService& config, Clock& clock)
      : store_(store), config_(config), clock_(clock) {}

  // The SLA of ticket `t` at `now`, read inside `txn` (events, customer
  // tier, recorded firings).
  StatusOr<TicketSla> Evaluate(Txn& txn, const ConfigSnapshot& cfg, const Ticket& t,
                               Timestamp now);
  // The same from given inputs: `history` as Store::ListSlaEvents gives it
  // (other events are ignored), the firings recorded so far, the tier.
  static TicketSla EvaluateWith(const ConfigSnapshot& cfg, const Ticket& t,
                                const std::vector<TicketEvent>& history,
                                const std::vector<Firing>& fired, Tier tier, Timestamp now);

  // For the API: kNotFound if `a` may not see the ticket.
  StatusOr<std::pair<Ticket, TicketSla>> ForTicket(const Actor& a, const std::string& id);

  // Re-evaluates and stores the ticket's SLA index (after a ticket write).
  Status AfterWrite(Txn& txn, const Ticket& t, Timestamp now);

 private:
  Store& store_;
  ConfigService& config_;
  Clock& clock_;
};

}  // namespace kefu
