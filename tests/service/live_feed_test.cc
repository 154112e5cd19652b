// The live feed's sessions, without its thread: a revoked token ends its
// subscriptions at once, a recheck ends those whose token expired or whose
// user was disabled, and each user holds a bounded number of them.
#include "service/live_feed.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "auth/token.h"
#include "service/auth_service.h"
#include "service/search_service.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

const Actor kAdmin{"admin", Role::kAdmin, ""};

// What a subscription saw.
struct Seen {
  int events = 0;
  int ends = 0;
  bool open = true;  // what its `check` answers
  std::vector<std::string> notifications;  // data of "notification" events
};

class LiveFeedTest : public ::testing::Test {
 protected:
  LiveFeedTest()
      : db_(dir_.File("kefu.db")),
        store_(std::move(OpenSqliteStore({db_, 2, &DefaultSearchAnalyzer()})).value()),
        auth_(*store_, clock_),
        feed_(*store_, auth_, LiveFeedOptions{.max_per_user = 2}) {
    for (const char* login : {"agent.a", "agent.b"}) {
      EXPECT_TRUE(auth_.AddUser({login, "password123", Role::kAgent, "", ""}, kAdmin).ok());
    }
  }

  std::string Token(const std::string& login) {
    return std::move(auth_.Login(login, "password123")).value().token;
  }

  // Subscribes `token`'s user; the outcome of Subscribe.
  StatusOr<int64_t> Subscribe(const std::string& token, Seen& seen) {
    LiveFeed::Subscription s;
    s.actor = std::move(auth_.Authenticate(token)).value();
    s.token_hash = Sha256Hex(token);
    s.sink = [&seen](std::string_view event, const std::string& data) {
      ++seen.events;
      if (event == "notification") seen.notifications.push_back(data);
      return true;
    };
    s.check = [&seen] { return seen.open; };
    s.end = [&seen] { ++seen.ends; };
    return feed_.Subscribe(std::move(s));
  }

  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }

  testing::TempDir dir_;
  std::string db_;
  FakeClock clock_{Timestamp{1'700'000'000'000}};
  std::unique_ptr<Store> store_;
  AuthService auth_;
  LiveFeed feed_;
};

TEST_F(LiveFeedTest, LogoutEndsThatTokensSubscriptionsAtOnce) {
  std::string gone = Token("agent.a"), kept = Token("agent.a");
  Seen a, b;
  ASSERT_TRUE(Subscribe(gone, a).ok());
  ASSERT_TRUE(Subscribe(kept, b).ok());
  // Regression: remove `for (SessionObserver* o : observers_) o->TokenRevoked(hash);`
  // in AuthService::Logout (auth_service.cc) to see this fail.
  ASSERT_TRUE(auth_.Logout(gone, Actor{"agent.a", Role::kAgent, ""}).ok());
  EXPECT_EQ(a.ends, 1);
  EXPECT_EQ(b.ends, 0) << "the user's other session goes on";
  EXPECT_EQ(feed_.Subscribers(), 1u);
  feed_.KeepAlive();
  EXPECT_EQ(a.events, 0) << "nothing reaches an ended subscription";
  EXPECT_EQ(b.events, 1);
}

TEST_F(LiveFeedTest, ARecheckEndsExpiredTokensAndDisabledUsers) {
  std::string a_token = Token("agent.a"), b_token = Token("agent.b");
  Seen a, b;
  ASSERT_TRUE(Subscribe(a_token, a).ok());
  ASSERT_TRUE(Subscribe(b_token, b).ok());
  feed_.RecheckSessions();
  EXPECT_EQ(a.ends + b.ends, 0);
  // Disabled in the database (by another process or node).
  Sql("UPDATE users SET active = 0 WHERE login = 'agent.a'");
  // Regression: remove the `End(...)` call at the end of LiveFeed::Recheck
  // (live_feed.cc) to see this fail.
  feed_.RecheckSessions();
  EXPECT_EQ(a.ends, 1);
  EXPECT_EQ(b.ends, 0);
  clock_.Advance(kSessionTtlMs);
  feed_.RecheckSessions();
  EXPECT_EQ(b.ends, 1) << "an expired sign-in";
  EXPECT_EQ(feed_.Subscribers(), 0u);
}

TEST_F(LiveFeedTest, DisablingAUserEndsItsStreamsAndRevokesItsTokens) {
  std::string a1 = Token("agent.a"), a2 = Token("agent.a"), b_token = Token("agent.b");
  Seen s1, s2, b;
  ASSERT_TRUE(Subscribe(a1, s1).ok());
  ASSERT_TRUE(Subscribe(a2, s2).ok());
  ASSERT_TRUE(Subscribe(b_token, b).ok());
  // Regression: remove the TokenRevoked loop at the end of
  // AuthService::SetActive (auth_service.cc) to see the streams go on.
  ASSERT_TRUE(auth_.SetActive("agent.a", false, kAdmin).ok());
  EXPECT_EQ(s1.ends + s2.ends, 2) << "at once, not at the next recheck";
  EXPECT_EQ(b.ends, 0);
  EXPECT_FALSE(auth_.Authenticate(a1).ok());
  EXPECT_FALSE(auth_.Login("agent.a", "password123").ok()) << "a disabled user cannot sign in";
  // Enabled again: a new sign-in works; the old tokens stay revoked.
  ASSERT_TRUE(auth_.SetActive("agent.a", true, kAdmin).ok());
  EXPECT_FALSE(auth_.Authenticate(a2).ok());
  EXPECT_TRUE(auth_.Authenticate(Token("agent.a")).ok());
  EXPECT_EQ(auth_.SetActive("nobody", false, kAdmin).code(), StatusCode::kNotFound);
  // Both changes are audited.
  auto txn = store_->Begin(TxnMode::kRead);
  ASSERT_TRUE(txn.ok());
  auto audit = store_->ListAudit(**txn, 0, 1000);
  ASSERT_TRUE(audit.ok());
  int disabled = 0, enabled = 0;
  for (const auto& e : *audit) {
    disabled += e.action == "user.disable" && e.object == "agent.a";
    enabled += e.action == "user.enable" && e.object == "agent.a";
  }
  EXPECT_EQ(disabled, 1);
  EXPECT_EQ(enabled, 1);
}

TEST_F(LiveFeedTest, EachUserHoldsAtMostMaxPerUser) {
  std::string a_token = Token("agent.a"), b_token = Token("agent.b");
  Seen s1, s2, s3, other;
  StatusOr<int64_t> first = Subscribe(a_token, s1);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(Subscribe(a_token, s2).ok());
  // Regression: remove the `held >= options_.max_per_user` refusal in
  // LiveFeed::Subscribe (live_feed.cc) to see this fail.
  StatusOr<int64_t> third = Subscribe(a_token, s3);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(third.status().reason(), "too_many_streams");
  EXPECT_TRUE(Subscribe(b_token, other).ok()) << "another user is not affected";
  // A slot frees when a subscription goes: unsubscribed, or its connection
  // found closed.
  feed_.Unsubscribe(*first);
  ASSERT_TRUE(Subscribe(a_token, s3).ok());
  s2.open = false;
  feed_.CheckConnections();
  EXPECT_TRUE(Subscribe(a_token, s1).ok());
  EXPECT_EQ(s2.ends, 0) << "a closed connection is dropped, not ended";
}

TEST_F(LiveFeedTest, EndUserEndsEverySubscriptionOfThatUser) {
  Seen a1, a2, b;
  ASSERT_TRUE(Subscribe(Token("agent.a"), a1).ok());
  ASSERT_TRUE(Subscribe(Token("agent.a"), a2).ok());
  ASSERT_TRUE(Subscribe(Token("agent.b"), b).ok());
  feed_.EndUser("agent.a");
  EXPECT_EQ(a1.ends + a2.ends, 2);
  EXPECT_EQ(b.ends, 0);
  EXPECT_EQ(feed_.Subscribers(), 1u);
}

// The bell: a new notification reaches its addressee's streams, nobody
// else's, once; the first poll only notes where they end.
TEST_F(LiveFeedTest, NotificationsReachTheirAddresseeOnly) {
  Seen a, b;
  ASSERT_TRUE(Subscribe(Token("agent.a"), a).ok());
  ASSERT_TRUE(Subscribe(Token("agent.b"), b).ok());
  auto notify = [&](const std::string& login, const std::string& body) {
    auto txn = store_->Begin(TxnMode::kWrite);
    ASSERT_TRUE(txn.ok());
    Notification n{0, login, "", "approval_pending", body, clock_.Now()};
    ASSERT_TRUE(store_->AppendNotification(**txn, n).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  };
  notify("agent.a", "before the feed started");
  ASSERT_TRUE(feed_.PollOnce().ok());
  EXPECT_TRUE(a.notifications.empty()) << "what came before is not news";
  notify("agent.a", "补偿待审批 P-000001");
  ASSERT_TRUE(feed_.PollOnce().ok());
  ASSERT_TRUE(feed_.PollOnce().ok());
  ASSERT_EQ(a.notifications.size(), 1u);
  EXPECT_NE(a.notifications[0].find("补偿待审批 P-000001"), std::string::npos) << a.notifications[0];
  EXPECT_TRUE(b.notifications.empty());
}

}  // namespace
}  // namespace kefu
