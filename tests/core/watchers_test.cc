// Watchers: who may set them, what the event says, what they let an agent
// see, and how @login mentions are read from a note.
#include <gtest/gtest.h>

#include "core/access.h"
#include "core/watchers.h"

namespace kefu {
namespace {

const Timestamp kNow = *ParseIso8601("2026-11-23T02:00:00Z");
const Actor kAgent{"li.na", Role::kAgent, ""};
const Actor kOther{"zhao.lei", Role::kAgent, ""};
const Actor kCustomer{"wangfang", Role::kCustomer, "C-000001"};

Ticket Assigned() {
  Ticket t;
  t.id = "T-000003";
  t.customer_id = "C-000001";
  t.status = TicketStatus::kOpen;
  t.assignee = "li.na";
  t.owner = "li.na";
  t.version = 4;
  return t;
}

using V = std::vector<std::string>;

TEST(SetWatchersTest, ReplacesTheSetWithOneEventNamingWhatChanged) {
  Ticket t = Assigned();
  t.watchers = {"fawu.wang", "jishu.li"};
  auto c = SetWatchers(t, kAgent, {"jishu.li", "chen.jie", "jishu.li"}, kNow);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->ticket.watchers, (V{"chen.jie", "jishu.li"})) << "sorted and unique";
  ASSERT_EQ(c->events.size(), 1u);
  const TicketEvent& e = c->events[0];
  EXPECT_EQ(e.type, EventType::kWatchersChanged);
  EXPECT_EQ(e.actor, "li.na");
  EXPECT_EQ(e.added, V{"chen.jie"});
  EXPECT_EQ(e.removed, V{"fawu.wang"});
  EXPECT_FALSE(IsPublicEvent(e.type)) << "who follows a ticket is the team's business";
  EXPECT_EQ(c->ticket.version, 5);
  EXPECT_EQ(c->ticket.updated_at, kNow);
  EXPECT_EQ(c->ticket.assignee, "li.na") << "watching is not working the ticket";
}

TEST(SetWatchersTest, TheSameSetChangesNothing) {
  Ticket t = Assigned();
  t.watchers = {"chen.jie"};
  auto c = SetWatchers(t, kAgent, {"chen.jie", "chen.jie"}, kNow);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->events.empty());
  EXPECT_EQ(c->ticket.version, 4);
}

TEST(SetWatchersTest, RefusesCustomersMalformedLoginsAndTooMany) {
  EXPECT_EQ(SetWatchers(Assigned(), kCustomer, {"chen.jie"}, kNow).status().code(),
            StatusCode::kPermissionDenied);
  for (const char* bad : {"", "x", "Chen", "chen jie", "陈杰", "a@b"}) {
    EXPECT_EQ(SetWatchers(Assigned(), kAgent, {bad}, kNow).status().code(), StatusCode::kValidation)
        << bad;
  }
  V many;
  for (size_t i = 0; i <= kMaxWatchers; ++i) many.push_back("agent" + std::to_string(i));
  EXPECT_EQ(SetWatchers(Assigned(), kAgent, many, kNow).status().reason(), "too_many_watchers");
  many.pop_back();
  EXPECT_TRUE(SetWatchers(Assigned(), kAgent, many, kNow).ok()) << "exactly the limit is fine";
}

TEST(AddWatcherTest, AddsOnceAndNeverTheAssignee) {
  auto c = AddWatcher(Assigned(), kAgent, "fawu.wang", kNow);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->ticket.watchers, V{"fawu.wang"});
  auto again = AddWatcher(c->ticket, kAgent, "fawu.wang", kNow);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());
  auto assignee = AddWatcher(Assigned(), kAgent, "li.na", kNow);
  ASSERT_TRUE(assignee.ok());
  EXPECT_TRUE(assignee->events.empty());
  EXPECT_EQ(AddWatcher(Assigned(), kCustomer, "li.na", kNow).status().code(),
            StatusCode::kPermissionDenied);
  // A full list takes no one more, and that is not an error.
  Ticket full = Assigned();
  for (size_t i = 0; i < kMaxWatchers; ++i) full.watchers.push_back("agent" + std::to_string(100 + i));
  auto more = AddWatcher(full, kAgent, "fawu.wang", kNow);
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  EXPECT_TRUE(more->events.empty());
}

TEST(WatcherAccessTest, AWatcherSeesATicketAssignedToSomeoneElse) {
  Ticket t = Assigned();
  EXPECT_FALSE(CanSee(kOther, t));
  t.watchers = {"zhao.lei"};
  EXPECT_TRUE(CanSee(kOther, t));
  Actor other_customer{"zhao.lei", Role::kCustomer, "C-000002"};
  EXPECT_FALSE(CanSee(other_customer, t)) << "a customer's login in the list grants nothing";
}

struct MentionCase {
  const char* text;
  V logins;
};

class MentionedLoginsTest : public ::testing::TestWithParam<MentionCase> {};

TEST_P(MentionedLoginsTest, ReadsTheLogins) {
  EXPECT_EQ(MentionedLogins(GetParam().text), GetParam().logins) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, MentionedLoginsTest,
    ::testing::Values(
        MentionCase{"请 @fawu.wang 看一下", {"fawu.wang"}},
        MentionCase{"@jishu.li,@fawu.wang：麻烦跟进", {"jishu.li", "fawu.wang"}},
        MentionCase{"转给 @jishu.li.", {"jishu.li"}},  // the full stop ends the sentence
        MentionCase{"@a.b @a.b @a.b", {"a.b"}},
        MentionCase{"mail wangfang@example.com please", {}},  // an address, not a mention
        MentionCase{"@@chen.jie", {}},
        MentionCase{"@ chen.jie", {}},
        MentionCase{"@x", {}},                   // too short for a login
        MentionCase{"@Chen.Jie", {}},            // logins are lower case
        MentionCase{"@陈杰 你好", {}},
        MentionCase{"", {}},
        MentionCase{"@", {}}));

TEST(MentionedLoginsTest, IgnoresOverlongNamesAndStopsAtTheLimit) {
  EXPECT_TRUE(MentionedLogins("@" + std::string(65, 'a')).empty());
  EXPECT_EQ(MentionedLogins("@" + std::string(64, 'a')), V{std::string(64, 'a')});
  std::string many;
  for (int i = 0; i < 30; ++i) many += "@agent" + std::to_string(i) + " ";
  EXPECT_EQ(MentionedLogins(many).size(), kMaxMentions);
  // A long run of '@' or of login characters is read once (linear).
  EXPECT_TRUE(MentionedLogins(std::string(200'000, '@')).empty());
  EXPECT_TRUE(MentionedLogins("@" + std::string(200'000, 'a')).empty());
}

}  // namespace
}  // namespace kefu
