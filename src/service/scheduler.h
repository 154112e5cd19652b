// The scheduler: fires SLA warnings and breaches when they are due, applies
// the escalation rules and the immediate escalation of urgent complaints,
// and routes waiting tickets to agents.
//
// Driven by the store's index of next due instants (Store::ListSlaDue), not
// by scanning tickets. Each firing is recorded (Store::RecordFiring) in the
// same transaction as its events, so it happens exactly once, even when the
// process is killed and restarted or several nodes sweep the same database.
//
// `kefu serve` runs it on a background thread (every second, and within
// 100 ms when a ticket joins the queue or an agent's ticket is resolved);
// `kefu jobs run-once` runs one pass.
// Routing decides on a read snapshot and applies its decisions in one short
// write, skipping tickets that changed in between (the next pass retries).
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "service/config_service.h"
#include "service/sla_service.h"
#include "service/ticket_service.h"
#include "store/store.h"

namespace kefu {

struct SweepReport {
  int examined = 0;   // tickets whose next instant was due
  int fired = 0;      // SLA warnings and breaches fired
  int warnings = 0;   // of which warnings
  int escalated = 0;  // immediate escalations to a lead
  int teamed = 0;     // waiting tickets given a team
  int routed = 0;     // waiting tickets assigned to an agent
  int waiting = 0;    // tickets still waiting after routing
  int reminders = 0;  // done by the other jobs
};

// What the scheduler has done since the process started (for /metrics).
struct SchedulerTotals {
  uint64_t passes = 0, errors = 0;
  uint64_t warnings = 0, breaches = 0, escalations = 0, routed = 0;
  int64_t waiting = 0;  // after the last pass
};

struct SchedulerOptions {
  int batch = 256;                // tickets per write transaction
  int routing_window = 500;       // oldest waiting tickets considered per pass
  int64_t interval_ms = 1000;     // background pass period
  int64_t min_gap_ms = 100;       // shortest time between passes when woken
  std::function<void(const Status&)> on_error;  // background pass failures
  // Other periodic jobs (carrier follow-ups, overdue refunds), run after
  // routing at most every jobs_interval_ms (and on every RunOnce); each
  // returns how many things it did.
  std::vector<std::function<StatusOr<int>(Timestamp)>> jobs;
  int64_t jobs_interval_ms = 60'000;
};

// Thread-safe.
class Scheduler : public TicketObserver {
 public:
  Scheduler(Store& store, ConfigService& config, SlaService& sla, Clock& clock,
            SchedulerOptions o = {})
      : store_(store), config_(config), sla_(sla), clock_(clock), opt_(std::move(o)) {}
  ~Scheduler() override { Stop(); }

  // One pass: every due firing, routing, then the other jobs. Safe to call while the
  // background thread runs (passes are serialised).
  StatusOr<SweepReport> RunOnce();
  StatusOr<SweepReport> SweepSla(Timestamp now);
  StatusOr<SweepReport> Route(Timestamp now);

  void Start();
  void Stop();
  void Wake();

  // A team's queue: its waiting tickets in the order they will be served
  // (at most the routing window) and its agents with presence and load.
  // Staff only; kNotFound for an unknown team.
  struct QueueView {
    TeamSpec team;
    std::vector<Ticket> waiting;
    std::vector<RoutingAgent> agents;
  };
  StatusOr<QueueView> Queue(const Actor& a, const std::string& team);

  SchedulerTotals Totals() const;

  void AfterCommit(const Ticket& t) override;

 private:
  // `agents` caches the routing snapshot for a batch (loaded when needed).
  Status FireTicket(Txn& txn, const ConfigSnapshot& cfg, const std::string& id, Timestamp now,
                    std::optional<std::vector<RoutingAgent>>& agents, SweepReport& r);

  Store& store_;
  ConfigService& config_;
  SlaService& sla_;
  Clock& clock_;
  SchedulerOptions opt_;

  std::mutex pass_mu_;  // one pass at a time
  std::optional<Timestamp> jobs_ran_at_;  // guarded by pass_mu_
  // Runs the other jobs if due (`force`: always).
  StatusOr<int> RunJobs(Timestamp now, bool force);
  StatusOr<SweepReport> Pass(bool force_jobs);
  mutable std::mutex totals_mu_;
  SchedulerTotals totals_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

// The routing snapshot: agent profiles of `cfg` joined with their presence,
// load and role. Inactive users and customers are left out. Skills that a
// certification rule guards are kept only for agents holding that
// certificate, unexpired at `now` (service/training_service.h).
StatusOr<std::vector<RoutingAgent>> LoadRoutingAgents(Store& store, Txn& txn,
                                                      const ConfigSnapshot& cfg, Timestamp now);

}  // namespace kefu
