// Benchmarks of the SLA and routing targets (docs/performance.md, "SLA,
// routing and the scheduler"):
//   BM_RouteDecision      Router::Choose among 1,000 agents in 50 teams      < 10 µs
//   BM_DueTime            ComputeSlaClocks + SlaFirings of a typical ticket   < 2 µs
//   BM_SchedulerSweep     one Scheduler::SweepSla pass, 1,000,000 open
//                         tickets of which 1% are due, on a SQLite file       < 200 ms
// The calendar is data/calendars/cn-mainland.json (KEFU_SOURCE_DIR) with
// hours 09:00-12:00, 13:00-18:00. The sweep's database lives in a fresh
// directory under $TMPDIR (default /tmp), removed at exit; set
// KEFU_BENCH_SWEEP_TICKETS for a smaller one (default 1,000,000).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "config/calendar_config.h"
#include "bench_util.h"
#include "core/escalation.h"
#include "core/routing.h"
#include "core/sla.h"
#include "core/ticket_rules.h"
#include "service/config_service.h"
#include "service/scheduler.h"
#include "service/sla_service.h"
#include "service/ticket_service.h"
#include "store/store.h"

#ifndef KEFU_SOURCE_DIR
#error "KEFU_SOURCE_DIR must name the source tree (see bench/CMakeLists.txt)"
#endif

namespace kefu {
namespace {

using nlohmann::json;

using bench::At;
using bench::Check;
using bench::Must;

const Actor kAdmin{"bench.admin", Role::kAdmin, ""};
const Actor kAgent{"li.na", Role::kAgent, ""};
const Actor kCustomer{"c1", Role::kCustomer, "C-000001"};

// ---------------------------------------------------------------- routing

constexpr int kAgents = 1000;
constexpr int kTeams = 50;
constexpr size_t kTicketPool = 4096;  // a power of two
const Timestamp kRouteNow = At("2026-11-18T15:30:00+08:00");

std::string TeamName(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "team-%02d", i);
  return buf;
}

// 1,000 agents, each in 1-3 of 50 teams (about 40 per team), with 1-4
// category skills, languages, channels and "vip" for some; 60% online, the
// rest busy, away or offline; loads from idle to full.
std::vector<RoutingAgent> MakeAgents(std::mt19937_64& rng) {
  auto cats = Categories();
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  std::vector<RoutingAgent> out;
  for (int i = 0; i < kAgents; ++i) {
    RoutingAgent a;
    a.profile.login = "agent." + std::to_string(i);
    for (int k = 1 + pick(3); static_cast<int>(a.profile.teams.size()) < k;) {
      std::string team = TeamName(pick(kTeams));
      auto& ts = a.profile.teams;
      if (std::find(ts.begin(), ts.end(), team) == ts.end()) ts.push_back(team);
    }
    for (int k = 1 + pick(4); k > 0; --k) {
      a.profile.skills.push_back("category:" + std::string(cats[pick(static_cast<int>(cats.size()))]));
    }
    if (pick(10) < 9) a.profile.skills.push_back("language:zh");
    if (pick(10) < 3) a.profile.skills.push_back("language:en");
    if (pick(10) < 4) a.profile.skills.push_back("channel:chat");
    if (pick(10) < 2) a.profile.skills.push_back("channel:email");
    if (pick(10) < 1) a.profile.skills.push_back("vip");
    a.profile.max_open = 10 + pick(21);
    a.profile.max_chats = 2 + pick(3);
    int p = pick(100);
    a.presence = p < 60 ? Presence::kOnline
                 : p < 75 ? Presence::kBusy
                 : p < 85 ? Presence::kAway
                          : Presence::kOffline;
    a.open = pick(a.profile.max_open + 1);
    a.chats = pick(a.profile.max_chats + 1);
    a.last_assigned_ms = kRouteNow.unix_ms - pick(3'600'000);
    a.supervisor = i % 25 == 0;
    out.push_back(std::move(a));
  }
  return out;
}

// Tickets of random team (or none), category (1 in 10 untriaged), language
// (1 in 5 English), channel and VIP flag (1 in 10).
std::vector<RoutingTicket> MakeRoutingTickets(std::mt19937_64& rng, bool with_team) {
  auto cats = Categories();
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  std::vector<RoutingTicket> out(kTicketPool);
  for (auto& t : out) {
    if (with_team) t.team = TeamName(pick(kTeams));
    if (pick(10) != 0) t.category = std::string(cats[pick(static_cast<int>(cats.size()))]);
    t.language = pick(5) == 0 ? "en" : "zh";
    t.channel = static_cast<Channel>(pick(static_cast<int>(Channel::kApi) + 1));
    t.vip = pick(10) == 0;
  }
  return out;
}

void RouteBench(benchmark::State& state, bool with_team) {
  std::mt19937_64 rng(7);
  Router router(MakeAgents(rng));
  const std::vector<RoutingTicket> tickets = MakeRoutingTickets(rng, with_team);
  size_t i = 0;
  int64_t chosen = 0;
  for (auto _ : state) {
    auto c = router.Choose(tickets[i++ & (kTicketPool - 1)]);
    chosen += c.has_value();
    benchmark::DoNotOptimize(c);
  }
  state.counters["chosen_pct"] = 100.0 * static_cast<double>(chosen) /
                                 static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

// A ticket of one of the 50 teams: about 40 candidates.
void BM_RouteDecision(benchmark::State& state) { RouteBench(state, true); }
BENCHMARK(BM_RouteDecision);

// A ticket with no team: all 1,000 agents are candidates.
void BM_RouteDecision_AnyTeam(benchmark::State& state) { RouteBench(state, false); }
BENCHMARK(BM_RouteDecision_AnyTeam);

// Building the Router from the snapshot, as each routing pass does
// (the copy of the 1,000 agents included).
void BM_RouterBuild(benchmark::State& state) {
  std::mt19937_64 rng(7);
  const std::vector<RoutingAgent> agents = MakeAgents(rng);
  for (auto _ : state) {
    Router r(agents);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_RouterBuild)->Unit(benchmark::kMicrosecond);

// -------------------------------------------------------------------- SLA

// The cn-mainland holiday set from data/calendars/, as config/ loads it.
std::map<std::string, HolidaySet> HolidaySets() {
  std::ifstream f(std::string(KEFU_SOURCE_DIR) + "/data/calendars/cn-mainland.json");
  json j = json::parse(f, nullptr, false);
  if (j.is_discarded()) {
    std::fprintf(stderr, "cannot read %s/data/calendars/cn-mainland.json\n", KEFU_SOURCE_DIR);
    std::abort();
  }
  HolidaySet set = Must(ParseHolidaySet(j), "holiday set");
  return {{set.name, std::move(set)}};
}

const json& OfficeCalendarJson() {
  static const json j = json::parse(R"({
    "name": "cn-workweek", "time_zone": "Asia/Shanghai", "holiday_set": "cn-mainland",
    "weekly": {"mon": ["09:00-12:00", "13:00-18:00"], "tue": ["09:00-12:00", "13:00-18:00"],
               "wed": ["09:00-12:00", "13:00-18:00"], "thu": ["09:00-12:00", "13:00-18:00"],
               "fri": ["09:00-12:00", "13:00-18:00"], "sat": [], "sun": []},
    "workday_hours": ["09:00-12:00", "13:00-18:00"]})");
  return j;
}

const BusinessCalendar& OfficeCalendar() {
  static const BusinessCalendar cal =
      Must(ParseCalendar(OfficeCalendarJson(), HolidaySets()), "calendar");
  return cal;
}

// The default rule of a typical policy.
constexpr SlaTargets kTargets{60, 120, 1440, false};

struct SlaCase {
  Ticket ticket;
  std::vector<TicketEvent> history;
  Timestamp now;
};

// A web ticket: the agent answers within 20 minutes and asks for photos
// (pending_customer, the clocks pause), the customer answers (open again),
// the agent replies, the customer writes once more and waits: the first
// response is met, the next response and the resolution clocks run.
SlaCase MakeSlaCase(const char* created, const char* replied, const char* customer1,
                    const char* agent2, const char* customer2, const char* now) {
  SlaCase sc;
  auto apply = [&](StatusOr<Change> c) {
    Change ch = Must(std::move(c), "sla case");
    for (auto& e : ch.events) sc.history.push_back(std::move(e));
    sc.ticket = std::move(ch.ticket);
  };
  NewTicket n;
  n.subject = "收到的保温杯有破损";
  n.body = "外包装破损，杯身有凹痕，希望换一个新的。";
  n.customer_id = "C-000001";
  n.category = "damaged_in_transit";
  n.priority = Priority::kP3;
  apply(OpenTicket(n, "T-000001", kCustomer, At(created)));
  Timestamp r = At(replied);
  apply(AddMessage(sc.ticket, kAgent, "您好，麻烦提供商品和外包装的照片。", false, r));
  apply(Transition(sc.ticket, kAgent, TicketStatus::kPendingCustomer, "等待照片",
                   Timestamp{r.unix_ms + 60'000}));
  apply(AddMessage(sc.ticket, kCustomer, "照片已上传。", false, At(customer1)));
  apply(AddMessage(sc.ticket, kAgent, "收到，已为您申请换货。", false, At(agent2)));
  apply(AddMessage(sc.ticket, kCustomer, "请问什么时候发货？", false, At(customer2)));
  sc.now = At(now);
  return sc;
}

// An ordinary week in November (Mon 16 to Wed 18).
SlaCase TypicalCase() {
  return MakeSlaCase("2026-11-16T10:00:00+08:00", "2026-11-16T10:20:00+08:00",
                     "2026-11-17T09:40:00+08:00", "2026-11-17T14:05:00+08:00",
                     "2026-11-18T10:00:00+08:00", "2026-11-18T11:00:00+08:00");
}

// Across the National Day holidays (Oct 1-7, Oct 10 a make-up workday): the
// clocks skip the seven closed days.
SlaCase GoldenWeekCase() {
  return MakeSlaCase("2026-09-30T16:00:00+08:00", "2026-09-30T16:20:00+08:00",
                     "2026-10-03T20:00:00+08:00", "2026-10-08T09:30:00+08:00",
                     "2026-10-08T10:00:00+08:00", "2026-10-08T11:00:00+08:00");
}

void BM_DueTime(benchmark::State& state, SlaCase (*make)()) {
  const SlaCase sc = make();
  const BusinessCalendar& cal = OfficeCalendar();
  size_t firings = 0;
  for (auto _ : state) {
    std::vector<SlaClock> clocks = ComputeSlaClocks(sc.ticket, sc.history, kTargets, 80, cal, sc.now);
    std::vector<Firing> f = SlaFirings(clocks);
    firings = f.size();
    benchmark::DoNotOptimize(f);
  }
  state.counters["events"] = static_cast<double>(sc.history.size());
  state.counters["firings"] = static_cast<double>(firings);
}
BENCHMARK_CAPTURE(BM_DueTime, typical, TypicalCase);
BENCHMARK_CAPTURE(BM_DueTime, golden_week, GoldenWeekCase);

// AddBusinessMinutes alone: from Wed 2026-11-18 11:00 (range(0) = 0) or
// from Wed 2026-09-30 16:00, before the National Day holidays (1); range(1)
// minutes (60: within the day; 1440: three working days, over a weekend or
// the holidays).
void BM_AddBusinessMinutes(benchmark::State& state) {
  const BusinessCalendar& cal = OfficeCalendar();
  const Timestamp start =
      At(state.range(0) ? "2026-09-30T16:00:00+08:00" : "2026-11-18T11:00:00+08:00");
  const int64_t minutes = state.range(1);
  for (auto _ : state) {
    Timestamp t = cal.AddBusinessMinutes(start, minutes);
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_AddBusinessMinutes)
    ->ArgNames({"golden_week", "minutes"})
    ->Args({0, 60})
    ->Args({0, 1440})
    ->Args({1, 60})
    ->Args({1, 1440});

// -------------------------------------------------------------- scheduler

const Timestamp kSweepNow = At("2026-11-18T15:30:00+08:00");  // a Wednesday
constexpr int kSweepTeams = 5;
constexpr int kSweepCustomers = 1000;
constexpr int kLoadBatch = 10'000;
constexpr int64_t kMinute = 60'000;

int64_t SweepTickets() {
  const char* s = std::getenv("KEFU_BENCH_SWEEP_TICKETS");
  return s && *s ? std::max<int64_t>(100, std::atoll(s)) : 1'000'000;
}

// The service desk's configuration: the office calendar, five teams led by
// chen.jie, the default policy (60/120/1440 minutes, warning at 80%) and
// its escalation rules (a first-response warning notifies the lead).
json SweepConfig() {
  json teams = json::array();
  for (int i = 0; i < kSweepTeams; ++i) {
    teams.push_back({{"name", TeamName(i)}, {"display_name", "售后" + std::to_string(i) + "组"},
                     {"calendar", "cn-workweek"}, {"lead", "chen.jie"}});
  }
  return json{
      {"calendars", json::array({OfficeCalendarJson()})},
      {"teams", teams},
      {"policy", json::parse(R"({
        "warning_percent": 80,
        "rules": [
          {"name": "VIP客户", "tier": "vip", "first_response_minutes": 15,
           "next_response_minutes": 30, "resolution_minutes": 480},
          {"name": "P1紧急", "priority": "P1", "first_response_minutes": 30,
           "next_response_minutes": 60, "resolution_minutes": 720},
          {"name": "默认", "first_response_minutes": 60, "next_response_minutes": 120,
           "resolution_minutes": 1440}],
        "escalations": [
          {"name": "首响预警通知组长", "on": "warning", "metric": "first_response",
           "notify_lead": true},
          {"name": "超时升级", "on": "breach", "notify_lead": true, "raise_priority": true,
           "add_tag": "sla超时"}]})")}};
}

void SyncFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// The base database, built once and kept until exit: `tickets` open
// tickets (each with its created event) of 1,000 customers in 5 teams;
// 1 in 100 was created 49-59 business minutes before kSweepNow, so its
// first-response warning (at 48 minutes) is due; the others' next instant
// is between 1 minute and 7 days after kSweepNow.
class SweepBase {
 public:
  SweepBase() {
    dir_ = bench::MakeTempDir("kefu-sla-bench");
    path_ = dir_ + "/base.db";
    tickets_ = SweepTickets();
    auto t0 = std::chrono::steady_clock::now();
    Build();
    setup_s_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "sla_bench: built %lld tickets (%lld due) in %.1f s, %.0f MB\n",
                 static_cast<long long>(tickets_), static_cast<long long>(due_), setup_s_,
                 static_cast<double>(std::filesystem::file_size(path_)) / 1e6);
  }
  ~SweepBase() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  const std::string& dir() const { return dir_; }
  const std::string& path() const { return path_; }
  int64_t tickets() const { return tickets_; }
  int64_t due() const { return due_; }
  double setup_s() const { return setup_s_; }

 private:
  void Build() {
    auto store = Must(OpenSqliteStore({path_, 1}), "open base");
    SystemClock clock;
    {
      auto txn = Must(store->Begin(TxnMode::kWrite), "begin");
      Timestamp t0 = At("2026-01-05T09:00:00+08:00");
      Must(store->InsertUser(*txn, User{0, kAdmin.login, "Bench", Role::kAdmin, "", true}, "x", t0),
           "admin");
      Must(store->InsertUser(*txn, User{0, "chen.jie", "陈杰", Role::kLead, "", true}, "x", t0),
           "lead");
      int64_t first = Must(store->ReserveSeqs(*txn, 'C', kSweepCustomers), "seqs");
      for (int i = 0; i < kSweepCustomers; ++i) {
        Customer c;
        c.id = FormatId('C', first + i);
        c.name = "客户" + std::to_string(i);
        c.created_at = t0;
        Check(store->InsertCustomer(*txn, c), "customer");
      }
      Check(txn->Commit(), "commit");
    }
    ConfigService config(*store, clock);
    Check(config.ApplyBundle(kAdmin, SweepConfig()), "config");

    std::mt19937_64 rng(42);
    auto cats = Categories();
    for (int64_t start = 0; start < tickets_; start += kLoadBatch) {
      int64_t n = std::min<int64_t>(kLoadBatch, tickets_ - start);
      auto txn = Must(store->Begin(TxnMode::kWrite), "begin");
      int64_t first = Must(store->ReserveSeqs(*txn, 'T', n), "seqs");
      for (int64_t k = 0; k < n; ++k) {
        int64_t i = start + k;
        bool due = i % 100 == 50;
        NewTicket nt;
        nt.subject = "快递三天没有更新物流信息 #" + std::to_string(i);
        nt.body = "您好，订单显示已发货，但物流信息三天没有更新了，麻烦帮忙查一下。";
        nt.channel = static_cast<Channel>(rng() % (static_cast<int>(Channel::kApi) + 1));
        nt.customer_id = FormatId('C', 1 + i % kSweepCustomers);
        nt.category = std::string(cats[rng() % cats.size()]);
        nt.priority = static_cast<Priority>(1 + rng() % 3);  // P2..P4: the default rule
        nt.team = TeamName(static_cast<int>(i % kSweepTeams));
        // Due: created 49-59 minutes ago, all in today's afternoon hours.
        Timestamp created{due ? kSweepNow.unix_ms - (49 + i % 11) * kMinute
                              : kSweepNow.unix_ms - static_cast<int64_t>(rng() % (30 * 1440)) * kMinute};
        Change c = Must(OpenTicket(nt, FormatId('T', first + k), kAdmin, created), "open");
        Check(SaveChange(*store, *txn, c, /*is_new=*/true), "save");
        SlaIndex ix;
        if (due) {
          ix.next_at = Timestamp{created.unix_ms + 48 * kMinute};
          ix.breach_at = Timestamp{created.unix_ms + 60 * kMinute};
          due_++;
        } else {
          ix.next_at = Timestamp{kSweepNow.unix_ms + (1 + static_cast<int64_t>(rng() % (7 * 1440))) * kMinute};
          ix.breach_at = Timestamp{ix.next_at->unix_ms + 12 * kMinute};
        }
        Check(store->SetSlaIndex(*txn, c.ticket.id, ix), "index");
      }
      Check(txn->Commit(), "commit");
    }
  }

  std::string dir_, path_;
  int64_t tickets_ = 0, due_ = 0;
  double setup_s_ = 0;
};

const SweepBase& Base() {
  static SweepBase base;
  return base;
}

// A copy of the base database opened as `kefu serve` opens it, with the
// configuration snapshot already loaded (as in a running server).
struct SweepRun {
  explicit SweepRun(const std::string& path)
      : store(Must(OpenSqliteStore({path, 4}), "open copy")),
        config(*store, clock),
        sla(*store, config, clock),
        scheduler(*store, config, sla, clock) {
    Check(config.Snapshot().status(), "snapshot");
  }
  FakeClock clock{kSweepNow};
  std::unique_ptr<Store> store;
  ConfigService config;
  SlaService sla;
  Scheduler scheduler;
};

// Bytes this process has handed to write(2) and pwrite(2) so far (Linux
// /proc/self/io "wchar"; 0 elsewhere): the WAL frames and the checkpoints.
int64_t BytesWritten() {
  std::ifstream io("/proc/self/io");
  std::string key;
  int64_t value = 0;
  while (io >> key >> value) {
    if (key == "wchar:") return value;
  }
  return 0;
}

void RemoveDb(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ec;
    std::filesystem::remove(path + suffix, ec);
  }
}

// Copies a closed database (and its WAL, if one was left).
void CopyDb(const std::string& from, const std::string& to) {
  RemoveDb(to);
  for (const char* suffix : {"", "-wal"}) {
    if (!std::filesystem::exists(from + suffix)) continue;
    std::filesystem::copy_file(from + suffix, to + suffix);
    // Written out now, so that the sweep's checkpoint does not pay for it.
    SyncFile(to + suffix);
  }
}

// One SweepSla(now) pass on a fresh copy of the base database (copied
// while the timer is paused), which fires every due ticket's warning once:
// an sla_warning and an escalated event, the firing row and the new index.
void BM_SchedulerSweep(benchmark::State& state) {
  const SweepBase& base = Base();
  const std::string run_path = base.dir() + "/run.db";
  std::unique_ptr<SweepRun> run;
  SweepReport last;
  int64_t written = 0;
  for (auto _ : state) {
    state.PauseTiming();
    run.reset();
    CopyDb(base.path(), run_path);
    run = std::make_unique<SweepRun>(run_path);
    int64_t w0 = BytesWritten();
    state.ResumeTiming();
    auto r = run->scheduler.SweepSla(kSweepNow);
    state.PauseTiming();
    written += BytesWritten() - w0;
    Check(r.status(), "sweep");
    last = *r;
    auto again = run->scheduler.SweepSla(kSweepNow);  // nothing left: each fired once
    Check(again.status(), "second sweep");
    state.ResumeTiming();
    if (r->examined != base.due() || r->fired != base.due() || again->examined != 0) {
      std::fprintf(stderr, "sweep: examined %d, fired %d, escalated %d, teamed %d; again %d\n",
                   r->examined, r->fired, r->escalated, r->teamed, again->examined);
      state.SkipWithError("the sweep did not fire every due ticket exactly once");
      break;
    }
  }
  run.reset();  // after the loop: not timed
  RemoveDb(run_path);
  state.counters["tickets"] = static_cast<double>(base.tickets());
  state.counters["due"] = static_cast<double>(base.due());
  state.counters["fired"] = last.fired;
  state.counters["setup_s"] = base.setup_s();
  // Per sweep, by the sweep and the store's checkpointer thread meanwhile.
  state.counters["written_MB"] =
      static_cast<double>(written) / 1e6 / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}
BENCHMARK(BM_SchedulerSweep)->Iterations(3)->Unit(benchmark::kMillisecond)->UseRealTime();

// What a sweep reads to know what is due: the ids of every due ticket from
// the next-due index (Store::ListSlaDue), among all the open ones.
void BM_SchedulerFindDue(benchmark::State& state) {
  const SweepBase& base = Base();
  auto store = Must(OpenSqliteStore({base.path(), 1}), "open base");
  size_t found = 0;
  for (auto _ : state) {
    auto txn = Must(store->Begin(TxnMode::kRead), "begin");
    auto ids = Must(store->ListSlaDue(*txn, kSweepNow, static_cast<int>(base.due()) + 1), "due");
    found = ids.size();
    benchmark::DoNotOptimize(ids.data());
  }
  if (static_cast<int64_t>(found) != base.due()) state.SkipWithError("wrong number of due tickets");
  state.counters["tickets"] = static_cast<double>(base.tickets());
  state.counters["due"] = static_cast<double>(found);
}
BENCHMARK(BM_SchedulerFindDue)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace kefu
