// The scheduler against a real SQLite file: each firing happens once, also
// when the process stops between passes (the services and the store are
// rebuilt on the same file, as after a restart).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service/auth_service.h"
#include "service/customer_service.h"
#include "service/scheduler.h"
#include "service/search_service.h"
#include "service/ticket_service.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

constexpr int64_t kMinute = 60'000;
const Actor kAdmin{"admin", Role::kAdmin, ""};

// Everything a `kefu serve` process holds, on one database file.
struct Node {
  explicit Node(const std::string& db, Clock& clock)
      : store(std::move(OpenSqliteStore({db, 2, &DefaultSearchAnalyzer()})).value()),
        config(*store, clock),
        sla(*store, config, clock),
        scheduler(*store, config, sla, clock),
        tickets(*store, clock, TicketServiceDeps{&config, &sla, {}}),
        customers(*store, clock) {}
  std::unique_ptr<Store> store;
  ConfigService config;
  SlaService sla;
  Scheduler scheduler;
  TicketService tickets;
  CustomerService customers;
};

int CountEvents(Node& n, const std::string& id, EventType type) {
  auto txn = std::move(n.store->Begin(TxnMode::kRead)).value();
  auto events = std::move(n.store->ListEvents(*txn, id, false, 0, 1000)).value();
  int count = 0;
  for (const auto& e : events) count += e.type == type;
  return count;
}

TEST(SchedulerTest, FiringsHappenOnceAcrossRestarts) {
  testing::TempDir dir;
  std::string db = dir.File("kefu.db");
  FakeClock clock(*ParseIso8601("2026-11-23T02:00:00Z"));
  std::string id;
  {
    Node n(db, clock);
    AuthService auth(*n.store, clock);
    ASSERT_TRUE(auth.AddUser({"lead1", "password123", Role::kLead, "Lead", ""}, kAdmin).ok());
    auto bundle = nlohmann::json::parse(R"({
      "teams": [{"name": "desk", "lead": "lead1"}],
      "policy": {"rules": [{"name": "all", "first_response_minutes": 60}],
                 "escalations": [{"name": "up", "on": "breach", "raise_priority": true}]}})");
    ASSERT_TRUE(n.config.ApplyBundle(kAdmin, bundle).ok());
    auto c = n.customers.Create(kAdmin, Customer{"", "王芳", "", "", Tier::kNormal, {}});
    ASSERT_TRUE(c.ok());
    NewTicket t;
    t.subject = "没收到货";
    t.customer_id = c->id;
    t.team = "desk";
    auto created = n.tickets.Create(kAdmin, t, "", "");
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    id = created->ticket.id;

    clock.Advance(50 * kMinute);
    auto r = n.scheduler.RunOnce();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->fired, 1);  // the warning
    EXPECT_EQ(CountEvents(n, id, EventType::kSlaWarning), 1);
    r = n.scheduler.RunOnce();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->examined, 0) << "nothing is due until the breach";
  }
  {
    // "Restart": a new process on the same file, at the same instant.
    Node n(db, clock);
    auto r = n.scheduler.RunOnce();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->fired, 0);
    EXPECT_EQ(CountEvents(n, id, EventType::kSlaWarning), 1);
    clock.Advance(15 * kMinute);
    r = n.scheduler.RunOnce();
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->fired, 1);  // the breach
  }
  {
    Node n(db, clock);
    clock.Advance(60 * kMinute);
    ASSERT_TRUE(n.scheduler.RunOnce().ok());
    EXPECT_EQ(CountEvents(n, id, EventType::kSlaWarning), 1);
    EXPECT_EQ(CountEvents(n, id, EventType::kSlaBreached), 1);
    auto t = n.tickets.Get(kAdmin, id);
    ASSERT_TRUE(t.ok());
    EXPECT_EQ(t->priority, Priority::kP2) << "the breach escalated once";
  }
}

TEST(SchedulerTest, SweepReadsOnlyDueTicketsFromTheIndex) {
  testing::TempDir dir;
  FakeClock clock(*ParseIso8601("2026-11-23T02:00:00Z"));
  Node n(dir.File("kefu.db"), clock);
  auto bundle = nlohmann::json::parse(R"({
      "policy": {"rules": [{"name": "all", "first_response_minutes": 60}]}})");
  ASSERT_TRUE(n.config.ApplyBundle(kAdmin, bundle).ok());
  auto c = n.customers.Create(kAdmin, Customer{"", "张伟", "", "", Tier::kNormal, {}});
  ASSERT_TRUE(c.ok());
  for (int i = 0; i < 5; ++i) {
    NewTicket t;
    t.subject = "工单" + std::to_string(i);
    t.customer_id = c->id;
    ASSERT_TRUE(n.tickets.Create(kAdmin, t, "", "").ok());
    clock.Advance(10 * kMinute);
  }
  // Now +50 min: only the first ticket (created at +0) is past its warning (+48).
  auto r = n.scheduler.SweepSla(clock.Now());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->examined, 1);
  EXPECT_EQ(r->fired, 1);
}

}  // namespace
}  // namespace kefu
