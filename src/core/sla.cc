#include "core/sla.h"

#include <algorithm>

namespace kefu {
namespace {

struct Interval {
  Timestamp from, to;  // [from, to)
};

// Clocks run unless the ticket waits on the customer (or a third party, if
// the policy pauses for it) or is resolved or closed.
bool ClocksRun(TicketStatus s, bool pause_on_third_party) {
  if (s == TicketStatus::kPendingCustomer || s == TicketStatus::kResolved ||
      s == TicketStatus::kClosed) {
    return false;
  }
  return !(s == TicketStatus::kPendingThirdParty && pause_on_third_party);
}

// The intervals in which SLA clocks ran, from creation to `now`.
std::vector<Interval> RunningIntervals(const Ticket& t, const std::vector<TicketEvent>& history,
                                       bool pause_on_third_party, Timestamp now) {
  auto runs = [&](TicketStatus s) { return ClocksRun(s, pause_on_third_party); };
  std::vector<Interval> out;
  TicketStatus status = TicketStatus::kNew;
  Timestamp since = t.created_at;
  auto close = [&](Timestamp until) {
    if (runs(status) && since < until) out.push_back({since, until});
  };
  for (const auto& e : history) {
    if (e.type != EventType::kStatusChanged) continue;
    auto to = ParseTicketStatus(e.to);
    if (!to) continue;
    close(e.at);
    status = *to;
    since = e.at;
  }
  close(now);
  return out;
}

// Business time of `runs` within [from, to).
int64_t Elapsed(const std::vector<Interval>& runs, Timestamp from, Timestamp to,
                const BusinessCalendar& cal) {
  int64_t total = 0;
  for (const auto& r : runs) {
    total += cal.BusinessMillisBetween(std::max(r.from, from), std::min(r.to, to));
  }
  return total;
}

// The instant at which `target` ms of business time had run in `runs` from
// `from` on; nullopt if not reached within them.
std::optional<Timestamp> ReachedAt(const std::vector<Interval>& runs, Timestamp from,
                                   int64_t target, const BusinessCalendar& cal) {
  int64_t used = 0;
  for (const auto& r : runs) {
    Timestamp lo = std::max(r.from, from);
    if (lo >= r.to) continue;
    int64_t here = cal.BusinessMillisBetween(lo, r.to);
    if (used + here >= target) return cal.AddBusinessMillis(lo, target - used);
    used += here;
  }
  return std::nullopt;
}

// One clock that started at `start` and stopped at `stop` (if it has).
// When `share_ms` of business time will have run from `start`: in the past
// runs if already reached, else from `now` on if the clock runs.
std::optional<Timestamp> InstantOf(int64_t share_ms, Timestamp start, int64_t elapsed,
                                   const std::vector<Interval>& runs, bool running_now,
                                   const BusinessCalendar& cal, Timestamp now) {
  if (auto at = ReachedAt(runs, start, share_ms, cal)) return at;
  if (!running_now) return std::nullopt;
  return cal.AddBusinessMillis(now, share_ms - elapsed);
}

SlaClock MakeClock(SlaMetric metric, int64_t target_minutes, Timestamp start,
               std::optional<Timestamp> stop, const std::vector<Interval>& runs,
               bool running_now, int warning_percent, const BusinessCalendar& cal, Timestamp now) {
  SlaClock c;
  c.metric = metric;
  c.start = start;
  c.target_ms = target_minutes * 60'000;
  c.met_at = stop;
  c.elapsed_ms = Elapsed(runs, start, stop.value_or(now), cal);
  c.experienced_ms = std::max<int64_t>(0, stop.value_or(now).unix_ms - start.unix_ms);
  if (stop) {
    c.due = ReachedAt(runs, start, c.target_ms, cal);
    c.state = c.elapsed_ms <= c.target_ms ? SlaState::kMet : SlaState::kBreached;
    if (c.state == SlaState::kMet) c.due.reset();
    return c;
  }
  c.paused = !running_now;
  c.due = InstantOf(c.target_ms, start, c.elapsed_ms, runs, running_now, cal, now);
  c.warning_at = InstantOf(c.target_ms * warning_percent / 100, start, c.elapsed_ms, runs,
                           running_now, cal, now);
  if (c.elapsed_ms >= c.target_ms) {
    c.state = SlaState::kBreached;
  } else if (c.elapsed_ms * 100 >= c.target_ms * warning_percent) {
    c.state = SlaState::kWarning;
  }
  return c;
}

}  // namespace

const SlaRule* MatchSlaRule(const SlaPolicy& p, const SlaSubject& s) {
  for (const auto& r : p.rules) {
    if (r.priority && *r.priority != s.priority) continue;
    if (r.tier && *r.tier != s.tier) continue;
    if (r.channel && *r.channel != s.channel) continue;
    if (!r.category.empty() && r.category != s.category) continue;
    if (!r.team.empty() && r.team != s.team) continue;
    return &r;
  }
  return nullptr;
}

std::string_view ToString(SlaMetric m) {
  switch (m) {
    case SlaMetric::kFirstResponse: return "first_response";
    case SlaMetric::kNextResponse: return "next_response";
    case SlaMetric::kResolution: return "resolution";
  }
  return "";
}

std::string_view ToString(SlaState s) {
  switch (s) {
    case SlaState::kOk: return "ok";
    case SlaState::kWarning: return "warning";
    case SlaState::kBreached: return "breached";
    case SlaState::kMet: return "met";
  }
  return "";
}

std::vector<SlaClock> ComputeSlaClocks(const Ticket& t, const std::vector<TicketEvent>& history,
                                       const SlaTargets& targets, int warning_percent,
                                       const BusinessCalendar& calendar, Timestamp now) {
  std::vector<Interval> runs = RunningIntervals(t, history, targets.pause_on_third_party, now);
  bool running_now = ClocksRun(t.status, targets.pause_on_third_party);
  std::vector<SlaClock> out;
  if (targets.first_response_minutes > 0) {
    out.push_back(MakeClock(SlaMetric::kFirstResponse, targets.first_response_minutes, t.created_at,
                        t.first_response_at, runs, running_now, warning_percent, calendar, now));
  }
  if (targets.next_response_minutes > 0 && t.first_response_at) {
    // The oldest customer reply that no staff reply has answered yet; once
    // answered, the last answered one (to show it was met or missed).
    std::optional<Timestamp> waiting, answered_from, answered_at;
    for (const auto& e : history) {
      if (e.type != EventType::kReply || e.at < *t.first_response_at) continue;
      if (e.actor_role == Role::kCustomer) {
        if (!waiting) waiting = e.at;
      } else if (waiting) {
        answered_from = waiting;
        answered_at = e.at;
        waiting.reset();
      }
    }
    if (waiting) {
      out.push_back(MakeClock(SlaMetric::kNextResponse, targets.next_response_minutes, *waiting,
                          std::nullopt, runs, running_now, warning_percent, calendar, now));
    } else if (answered_from) {
      out.push_back(MakeClock(SlaMetric::kNextResponse, targets.next_response_minutes,
                          *answered_from, answered_at, runs, running_now, warning_percent,
                          calendar, now));
    }
  }
  if (targets.resolution_minutes > 0) {
    bool done = t.status == TicketStatus::kResolved || t.status == TicketStatus::kClosed;
    out.push_back(MakeClock(SlaMetric::kResolution, targets.resolution_minutes, t.created_at,
                        done ? t.resolved_at : std::nullopt, runs, running_now, warning_percent,
                        calendar, now));
  }
  return out;
}

}  // namespace kefu
