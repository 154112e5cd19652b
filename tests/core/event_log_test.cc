// Event log completeness: replaying a ticket's events alone must rebuild
// its state, whatever sequence of commands produced it.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "core/ticket_rules.h"
#include "core/watchers.h"

namespace kefu {
namespace {

// Applies an event's added and removed members to a sorted set.
void ApplyDiff(std::vector<std::string>& set, const TicketEvent& e) {
  for (const auto& a : e.added) set.push_back(a);
  for (const auto& r : e.removed) {
    auto it = std::find(set.begin(), set.end(), r);
    EXPECT_NE(it, set.end()) << "event " << e.seq << " removes " << r << ", which is not there";
    if (it != set.end()) set.erase(it);
  }
  std::sort(set.begin(), set.end());
}

// Rebuilds the mutable state of a ticket from its history only.
Ticket Replay(const std::vector<TicketEvent>& events) {
  Ticket t;
  for (const auto& e : events) {
    switch (e.type) {
      case EventType::kCreated:
        t.id = e.ticket_id;
        t.subject = e.to;
        t.status = TicketStatus::kNew;
        t.tags = e.added;
        break;
      case EventType::kStatusChanged:
        EXPECT_EQ(e.from, ToString(t.status)) << "event " << e.seq << " starts from a wrong state";
        t.status = *ParseTicketStatus(e.to);
        break;
      case EventType::kAssigned:
      case EventType::kTransferred:
        EXPECT_EQ(e.from, t.assignee);
        t.assignee = e.to;
        break;
      case EventType::kOwnerSet:
        EXPECT_TRUE(t.owner.empty()) << "the owner was set twice";
        t.owner = e.to;
        break;
      case EventType::kTagsChanged:
        ApplyDiff(t.tags, e);
        break;
      case EventType::kPriorityChanged:
        EXPECT_EQ(e.from, ToString(t.priority));
        t.priority = *ParsePriority(e.to);
        break;
      case EventType::kCategoryChanged:
        EXPECT_EQ(e.from, t.category);
        t.category = e.to;
        break;
      case EventType::kTeamChanged:
        EXPECT_EQ(e.from, t.team);
        t.team = e.to;
        break;
      case EventType::kThreatChanged:
        EXPECT_EQ(e.from, ToString(t.threat_level));
        t.threat_level = *ParseThreatLevel(e.to);
        t.threat = t.threat_level != ThreatLevel::kNone;
        break;
      case EventType::kWatchersChanged:
        ApplyDiff(t.watchers, e);
        break;
      case EventType::kReply:
      case EventType::kNote:
      case EventType::kSlaWarning:
      case EventType::kSlaBreached:
      case EventType::kEscalated:
      case EventType::kAfterSales:
      case EventType::kCompensation:
      case EventType::kShipment:
      case EventType::kReminder:
      case EventType::kRated:
      case EventType::kBotReply:
        break;
    }
  }
  return t;
}

TEST(EventLogTest, ReplayingEventsRebuildsTheTicketAfterRandomCommandSequences) {
  const std::vector<Actor> actors = {
      {"wangfang", Role::kCustomer, "C-000001"}, {"li.na", Role::kAgent, ""},
      {"zhao.lei", Role::kAgent, ""},            {"chen.jie", Role::kLead, ""},
      {"wang.min", Role::kManager, ""}};
  const std::vector<std::string> staff = {"li.na", "zhao.lei", "chen.jie"};
  const std::vector<std::string> tag_pool = {"催件", "破损", "VIP", "差评风险"};
  std::mt19937 rng(20261123);  // fixed seed: deterministic
  int applied = 0, refused = 0;
  for (int round = 0; round < 200; ++round) {
    NewTicket n;
    n.subject = "第" + std::to_string(round) + "单";
    n.customer_id = "C-000001";
    n.tags = {tag_pool[round % tag_pool.size()]};
    Timestamp now{1'700'000'000'000};
    auto opened = OpenTicket(n, "T-000001", actors[0], now);
    ASSERT_TRUE(opened.ok());
    Ticket t = opened->ticket;
    std::vector<TicketEvent> log = opened->events;
    for (int step = 0; step < 30; ++step) {
      now.unix_ms += 1000;
      const Actor& a = actors[rng() % actors.size()];
      StatusOr<Change> c = Status(StatusCode::kInternal, "unset", "");
      switch (rng() % 6) {
        case 0:
          c = AddMessage(t, a, "消息", rng() % 3 == 0, now);
          break;
        case 1:
          c = Transition(t, a, static_cast<TicketStatus>(rng() % 6), "", now);
          break;
        case 2:
          c = Assign(t, a, staff[rng() % staff.size()], "", now);
          break;
        case 3: {
          TicketPatch p;
          p.priority = static_cast<Priority>(rng() % 4);
          p.tags = std::vector<std::string>{tag_pool[rng() % 4], tag_pool[rng() % 4]};
          if (rng() % 2) p.category = rng() % 2 ? "logistics_delay" : "";
          c = Patch(t, a, p, now);
          break;
        }
        case 4: {
          std::vector<std::string> w;
          for (const auto& s : staff) {
            if (rng() % 2) w.push_back(s);
          }
          c = SetWatchers(t, a, w, now);
          break;
        }
        default:
          c = AddMessage(t, actors[0], "客户追问", false, now);
          break;
      }
      if (!c.ok()) {
        ++refused;
        continue;
      }
      ++applied;
      if (!c->events.empty()) {
        EXPECT_EQ(c->ticket.version, t.version + 1);
      }
      t = c->ticket;
      log.insert(log.end(), c->events.begin(), c->events.end());
    }
    Ticket r = Replay(log);
    SCOPED_TRACE("round " + std::to_string(round));
    EXPECT_EQ(r.status, t.status);
    EXPECT_EQ(r.assignee, t.assignee);
    EXPECT_EQ(r.owner, t.owner);
    EXPECT_EQ(r.tags, t.tags);
    EXPECT_EQ(r.watchers, t.watchers);
    EXPECT_EQ(r.priority, t.priority);
    EXPECT_EQ(r.category, t.category);
    EXPECT_EQ(r.subject, t.subject);
  }
  // The sequences exercised both paths.
  EXPECT_GT(applied, 1000);
  EXPECT_GT(refused, 500);
}

}  // namespace
}  // namespace kefu
