// Test fixture shared by the SLA and escalation tests: a ticket driven
// through the real core commands, keeping its history, and its SLA clocks
// and firings at a given minute.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "core/escalation.h"
#include "core/sla.h"
#include "core/ticket_rules.h"

namespace kefu::testing {

inline const Actor kCustomer{"wangfang", Role::kCustomer, "C-000001"};
inline const Actor kAgent{"li.na", Role::kAgent, ""};
constexpr int64_t kMin = 60'000;

inline BusinessCalendar AlwaysOpen() {
  CalendarSpec s;
  s.always_open = true;
  return *BusinessCalendar::Make(s);
}

class Story {
 public:
  // Opened by the customer at `t0`.
  explicit Story(Timestamp t0) : t0_(t0) {
    NewTicket n;
    n.subject = "快递丢了";
    n.customer_id = "C-000001";
    Take(*OpenTicket(n, "T-000001", kCustomer, t0));
  }
  Timestamp At(int minutes) const { return Timestamp{t0_.unix_ms + minutes * kMin}; }
  void Reply(const Actor& a, int minute) { Take(*AddMessage(ticket_, a, "…", false, At(minute))); }
  // Moved by the agent.
  void Move(TicketStatus to, int minute) {
    Take(*Transition(ticket_, kAgent, to, "", At(minute)));
  }
  std::vector<SlaClock> Clocks(const SlaTargets& t, int now_minute,
                               const BusinessCalendar& cal = AlwaysOpen()) const {
    return ComputeSlaClocks(ticket_, history_, t, 80, cal, At(now_minute));
  }
  SlaClock Get(const SlaTargets& t, SlaMetric m, int now_minute) const {
    for (const auto& c : Clocks(t, now_minute)) {
      if (c.metric == m) return c;
    }
    ADD_FAILURE() << "no clock " << ToString(m);
    return {};
  }
  std::vector<Firing> Firings(const SlaTargets& t, int now_minute,
                              const BusinessCalendar& cal = AlwaysOpen()) const {
    return SlaFirings(Clocks(t, now_minute, cal));
  }

 private:
  void Take(const Change& c) {
    ticket_ = c.ticket;
    history_.insert(history_.end(), c.events.begin(), c.events.end());
  }
  Timestamp t0_;
  Ticket ticket_;
  std::vector<TicketEvent> history_;
};

}  // namespace kefu::testing
