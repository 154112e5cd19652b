#include "service/scheduler.h"

#include <algorithm>

#include "core/routing.h"
#include "service/ticket_service.h"
#include "service/training_service.h"

namespace kefu {

StatusOr<std::vector<RoutingAgent>> LoadRoutingAgents(Store& store, Txn& txn,
                                                      const ConfigSnapshot& cfg, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(std::vector<AgentState> states, store.ListAgentStates(txn));
  KEFU_ASSIGN_OR_RETURN(SkillGuards guards, LoadSkillGuards(store, txn));
  std::vector<RoutingAgent> out;
  for (const auto& [login, profile] : cfg.agents) {
    auto u = store.GetUserByLogin(txn, login);
    if (!u.ok()) {
      if (u.status().code() == StatusCode::kNotFound) continue;
      return u.status();
    }
    if (!u->user.active || !IsStaff(u->user.role)) continue;
    RoutingAgent a;
    a.profile = profile;
    KEFU_ASSIGN_OR_RETURN(a.profile.skills, CertifiedSkills(store, txn, guards, login, profile.skills, now));
    a.supervisor = IsSupervisor(u->user.role);
    auto st = std::lower_bound(states.begin(), states.end(), login,
                               [](const AgentState& s, const std::string& l) { return s.login < l; });
    if (st != states.end() && st->login == login) {
      a.presence = st->presence;
      a.open = st->open;
      a.chats = st->chats;
      a.last_assigned_ms = st->last_assigned_at.unix_ms;
    }
    out.push_back(std::move(a));
  }
  return out;
}

namespace {

// Stores a Change made by the scheduler and re-indexes the ticket.
Status Save(Store& store, SlaService& sla, Txn& txn, Change& c, const Ticket& before,
            Timestamp now) {
  if (c.events.empty()) return OkStatus();
  KEFU_RETURN_IF_ERROR(SaveChange(store, txn, c, false, &before));
  return sla.AfterWrite(txn, c.ticket, now);
}

struct Waiting {
  Ticket t;
  Tier tier = Tier::kNormal;
};

// Orders waiting tickets as they will be served (core/routing.h).
void SortServed(std::vector<Waiting>& q) {
  auto key = [](const Waiting& w) {
    return QueuedTicket{*ParseId('T', w.t.id), w.tier == Tier::kVip, w.t.priority, w.t.created_at};
  };
  std::sort(q.begin(), q.end(),
            [&](const Waiting& a, const Waiting& b) { return ServedBefore(key(a), key(b)); });
}

// Puts a ticket that has no team yet into the team the routing rules pick.
Status EnsureTeam(Store& store, SlaService& sla, Txn& txn, const ConfigSnapshot& cfg, Ticket& t,
                  Tier tier, Timestamp now, SweepReport& r) {
  if (!t.team.empty() || cfg.teams.empty()) return OkStatus();
  auto team = ChooseTeam(RoutingTicketOf(t, tier), cfg.teams);
  if (!team) return OkStatus();
  TicketPatch p;
  p.team = *team;
  KEFU_ASSIGN_OR_RETURN(Change c, Patch(t, SystemActor(), p, now));
  KEFU_RETURN_IF_ERROR(Save(store, sla, txn, c, t, now));
  t = c.ticket;
  r.teamed++;
  return OkStatus();
}

}  // namespace

Status Scheduler::FireTicket(Txn& txn, const ConfigSnapshot& cfg, const std::string& id,
                             Timestamp now, std::optional<std::vector<RoutingAgent>>& agents,
                             SweepReport& r) {
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(txn, id));
  KEFU_ASSIGN_OR_RETURN(TicketSla sla, sla_.Evaluate(txn, cfg, t, now));
  r.examined++;
  if (t.team.empty() && !sla.due.empty() && t.status != TicketStatus::kClosed) {
    // The team decides the lead to escalate to and the calendar.
    KEFU_RETURN_IF_ERROR(EnsureTeam(store_, sla_, txn, cfg, t, sla.tier, now, r));
    KEFU_ASSIGN_OR_RETURN(sla, sla_.Evaluate(txn, cfg, t, now));
  }
  // Every due firing of this ticket makes one change (one version).
  const Ticket before = t;
  Change all{t, {}};
  std::vector<Firing> fired;
  for (const Firing& f : sla.due) {
    KEFU_ASSIGN_OR_RETURN(bool first, store_.RecordFiring(txn, t.id, f, now));
    if (!first) continue;
    fired.push_back(f);
    EscalationContext ctx;
    ctx.tier = sla.tier;
    const TeamSpec* team = cfg.FindTeam(all.ticket.team);
    if (team) ctx.lead = team->lead;
    if (f.kind == FiringKind::kImmediate) {
      for (const auto& a : cfg.policy.ImmediateActions(f.metric)) {
        // Routing to a team this install does not have would strand the ticket.
        if (a.kind == ImmediateAction::Kind::kRouteTeam && !cfg.FindTeam(a.team)) continue;
        ctx.actions.push_back(a);
      }
      // The least loaded lead of the team who is online, else the team's lead.
      if (!agents) {
        KEFU_ASSIGN_OR_RETURN(agents, LoadRoutingAgents(store_, txn, cfg, now));
      }
      Router router(*agents);
      if (auto i = router.Choose(RoutingTicketOf(all.ticket, sla.tier), /*supervisors_only=*/true)) {
        ctx.lead = router.agent(*i).profile.login;
      }
      if (!all.ticket.assignee.empty()) {
        auto u = store_.GetUserByLogin(txn, all.ticket.assignee);
        ctx.assignee_is_supervisor = u.ok() && IsSupervisor(u->user.role);
      }
      r.escalated++;
    } else {
      r.fired++;
      if (f.kind == FiringKind::kWarning) r.warnings++;
    }
    size_t from = all.events.size();
    KEFU_RETURN_IF_ERROR(
        Chain(all, ApplyFiring(all.ticket, f, cfg.policy.escalations, ctx, now)));
    KEFU_RETURN_IF_ERROR(NotifyEscalations(store_, txn, all, from, now));
    if (f.kind == FiringKind::kImmediate && !ctx.lead.empty() && all.ticket.assignee == ctx.lead &&
        before.assignee != ctx.lead) {
      KEFU_RETURN_IF_ERROR(store_.SetLastAssigned(txn, ctx.lead, now));
    }
  }
  all = Collapse(before, std::move(all), now);
  KEFU_RETURN_IF_ERROR(SaveChange(store_, txn, all, false, &before));
  const Ticket& after = all.events.empty() ? before : all.ticket;
  bool same_rule_inputs = after.priority == before.priority && after.team == before.team &&
                          after.category == before.category && after.status == before.status &&
                          after.channel == before.channel;
  if (same_rule_inputs) return store_.SetSlaIndex(txn, t.id, sla.IndexAfter(fired));
  return sla_.AfterWrite(txn, after, now);
}

StatusOr<SweepReport> Scheduler::SweepSla(Timestamp now) {
  SweepReport r;
  {
    // Most passes find nothing due: find out without taking the write lock.
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    KEFU_ASSIGN_OR_RETURN(std::vector<std::string> any, store_.ListSlaDue(*txn, now, 1));
    if (any.empty()) return r;
  }
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
    KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(*txn));
    KEFU_ASSIGN_OR_RETURN(std::vector<std::string> ids, store_.ListSlaDue(*txn, now, opt_.batch));
    std::optional<std::vector<RoutingAgent>> agents;  // loaded once per batch, if needed
    for (const auto& id : ids) KEFU_RETURN_IF_ERROR(FireTicket(*txn, *cfg, id, now, agents, r));
    KEFU_RETURN_IF_ERROR(txn->Commit());
    if (static_cast<int>(ids.size()) < opt_.batch) break;
  }
  return r;
}

StatusOr<SweepReport> Scheduler::Route(Timestamp now) {
  SweepReport r;
  // Decide on a read snapshot, so that writers are not held back while the
  // queue is read; then apply the decisions in one short write.
  struct Decision {
    Ticket t;           // as read
    std::string team;   // a team to put it in, or ""
    std::string agent;  // an agent to assign, or ""
  };
  std::vector<Decision> decisions;
  std::shared_ptr<const ConfigSnapshot> cfg;
  {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    KEFU_ASSIGN_OR_RETURN(cfg, config_.Snapshot(*txn));
    KEFU_ASSIGN_OR_RETURN(std::vector<RoutingAgent> agents, LoadRoutingAgents(store_, *txn, *cfg, now));
    bool room = std::any_of(agents.begin(), agents.end(), [](const RoutingAgent& a) {
      return a.presence == Presence::kOnline && a.open < a.profile.max_open;
    });
    if (!room && cfg->teams.empty()) return r;
    TicketFilter f;
    f.waiting = true;
    f.oldest_first = true;
    f.limit = opt_.routing_window;
    // Nobody can take a ticket: only tickets without a team need a decision.
    // (Under load, when every agent is full, this keeps passes cheap.)
    f.team_is_empty = !room;
    KEFU_ASSIGN_OR_RETURN(std::vector<Ticket> waiting, store_.ListTickets(*txn, f));
    if (waiting.empty()) return r;
    std::vector<Waiting> queue;
    for (auto& t : waiting) {
      KEFU_ASSIGN_OR_RETURN(Customer c, store_.GetCustomer(*txn, t.customer_id));
      queue.push_back({std::move(t), c.tier});
    }
    SortServed(queue);
    Router router(std::move(agents));
    for (auto& e : queue) {
      Decision d{e.t, "", ""};
      RoutingTicket rt = RoutingTicketOf(e.t, e.tier);
      if (rt.team.empty() && !cfg->teams.empty()) {
        if (auto team = ChooseTeam(rt, cfg->teams)) d.team = rt.team = *team;
      }
      if (auto i = router.Choose(rt)) {
        d.agent = router.agent(*i).profile.login;
        router.Record(*i, e.t.channel, now.unix_ms);
      } else {
        r.waiting++;
      }
      if (!d.team.empty() || !d.agent.empty()) decisions.push_back(std::move(d));
    }
  }
  if (decisions.empty()) return r;
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  for (const auto& d : decisions) {
    KEFU_ASSIGN_OR_RETURN(Ticket cur, store_.GetTicket(*txn, d.t.id));
    if (cur.version != d.t.version) {  // it moved meanwhile: the next pass decides again
      if (!d.agent.empty()) r.waiting++;
      continue;
    }
    Change c{cur, {}};
    if (!d.team.empty()) {
      TicketPatch p;
      p.team = d.team;
      KEFU_RETURN_IF_ERROR(Chain(c, Patch(c.ticket, SystemActor(), p, now)));
      r.teamed++;
    }
    if (!d.agent.empty()) {
      KEFU_RETURN_IF_ERROR(Chain(c, Assign(c.ticket, SystemActor(), d.agent, "routing", now)));
      KEFU_RETURN_IF_ERROR(store_.SetLastAssigned(*txn, d.agent, now));
      r.routed++;
    }
    c = Collapse(cur, std::move(c), now);
    if (c.events.empty()) continue;
    KEFU_RETURN_IF_ERROR(SaveChange(store_, *txn, c, false, &cur));
    // The team decides the SLA rule and calendar; the assignee does not.
    if (!d.team.empty()) KEFU_RETURN_IF_ERROR(sla_.AfterWrite(*txn, c.ticket, now));
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return r;
}

StatusOr<int> Scheduler::RunJobs(Timestamp now, bool force) {
  if (!force && jobs_ran_at_ && now.unix_ms - jobs_ran_at_->unix_ms < opt_.jobs_interval_ms) {
    return 0;
  }
  jobs_ran_at_ = now;
  int done = 0;
  for (const auto& job : opt_.jobs) {
    KEFU_ASSIGN_OR_RETURN(int n, job(now));
    done += n;
  }
  return done;
}

StatusOr<SweepReport> Scheduler::RunOnce() { return Pass(true); }

StatusOr<SweepReport> Scheduler::Pass(bool force_jobs) {
  std::lock_guard<std::mutex> pass(pass_mu_);
  Timestamp now = clock_.Now();
  auto count_error = [this](const Status& st) {
    std::lock_guard<std::mutex> lock(totals_mu_);
    totals_.errors++;
    return st;
  };
  auto a = SweepSla(now);
  if (!a.ok()) return count_error(a.status());
  auto b = Route(now);
  if (!b.ok()) return count_error(b.status());
  a->teamed += b->teamed;
  a->routed = b->routed;
  a->waiting = b->waiting;
  auto jobs = RunJobs(now, force_jobs);
  if (!jobs.ok()) return count_error(jobs.status());
  a->reminders = *jobs;
  std::lock_guard<std::mutex> lock(totals_mu_);
  totals_.passes++;
  totals_.warnings += a->warnings;
  totals_.breaches += a->fired - a->warnings;
  totals_.escalations += a->escalated;
  totals_.routed += a->routed;
  totals_.waiting = a->waiting;
  return *a;
}

SchedulerTotals Scheduler::Totals() const {
  std::lock_guard<std::mutex> lock(totals_mu_);
  return totals_;
}

StatusOr<Scheduler::QueueView> Scheduler::Queue(const Actor& a, const std::string& team) {
  if (!IsStaff(a.role)) return PermissionDenied("queues are for the service team");
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(*txn));
  const TeamSpec* spec = cfg->FindTeam(team);
  if (!spec) return NotFound("team " + team + " not found");
  QueueView v{*spec, {}, {}};
  TicketFilter f;
  f.waiting = true;
  f.oldest_first = true;
  f.team = team;
  f.limit = opt_.routing_window;
  KEFU_ASSIGN_OR_RETURN(std::vector<Ticket> waiting, store_.ListTickets(*txn, f));
  std::vector<Waiting> order;
  for (auto& t : waiting) {
    KEFU_ASSIGN_OR_RETURN(Customer c, store_.GetCustomer(*txn, t.customer_id));
    order.push_back({std::move(t), c.tier});
  }
  SortServed(order);
  for (auto& w : order) v.waiting.push_back(std::move(w.t));
  KEFU_ASSIGN_OR_RETURN(std::vector<RoutingAgent> agents, LoadRoutingAgents(store_, *txn, *cfg, clock_.Now()));
  for (auto& ag : agents) {
    const auto& teams = ag.profile.teams;
    if (std::find(teams.begin(), teams.end(), team) != teams.end()) v.agents.push_back(std::move(ag));
  }
  return v;
}

void Scheduler::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stopping_) {
      lock.unlock();
      auto r = RunOnce();
      if (!r.ok() && opt_.on_error) opt_.on_error(r.status());
      lock.lock();
      auto started = std::chrono::steady_clock::now();
      cv_.wait_for(lock, std::chrono::milliseconds(opt_.interval_ms),
                   [this] { return woken_ || stopping_; });
      // Wake-ups (a ticket joined the queue) come in bursts under load:
      // passes start at most every min_gap_ms, and each takes the burst.
      cv_.wait_until(lock, started + std::chrono::milliseconds(opt_.min_gap_ms),
                     [this] { return stopping_; });
      woken_ = false;
    }
  });
}

void Scheduler::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void Scheduler::AfterCommit(const Ticket& t) {
  bool waiting = t.assignee.empty() &&
                 (t.status == TicketStatus::kNew || t.status == TicketStatus::kOpen);
  // A resolved or closed ticket frees room for a waiting one.
  bool frees = !t.assignee.empty() &&
               (t.status == TicketStatus::kResolved || t.status == TicketStatus::kClosed);
  // Causes of immediate escalation (the tier is not known here: a VIP's
  // calm ticket waits for the next tick).
  bool urgent = t.threat || t.priority == Priority::kP1 || t.sentiment == "negative";
  if (waiting || frees || urgent) Wake();
}

}  // namespace kefu
