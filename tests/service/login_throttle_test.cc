// The sign-in throttle's rules, with time passed in: thresholds per login
// and per address, the doubling lock with its cap, the reset on success,
// forgetting, the memory bound and concurrent attempts.
#include "service/login_throttle.h"

#include <gtest/gtest.h>

namespace kefu {
namespace {

constexpr int64_t kMinute = 60'000;
using Outcome = LoginThrottle::Outcome;

// Begin + Finish of one attempt; the locks it started.
std::vector<LoginThrottle::Lock> Try(LoginThrottle& t, const std::string& login,
                                     const std::string& address, Outcome o, Timestamp now) {
  LoginThrottle::Verdict v = t.Begin(login, address, now);
  EXPECT_TRUE(v.allowed) << login << " from " << address;
  if (!v.allowed) return {};
  return t.Finish(login, address, o, now);
}

TEST(LoginThrottleTest, TenFailuresLockTheLoginForAMinute) {
  LoginThrottle t;
  Timestamp now{1'000'000};
  for (int i = 0; i < 9; ++i) EXPECT_TRUE(Try(t, "agent.a", "10.0.0.1", Outcome::kFailed, now).empty());
  // Regression: remove `e.locked_until_ms = now.unix_ms + *lock_ms;` in
  // LoginThrottle::Fail (login_throttle.cc) to see this fail.
  std::vector<LoginThrottle::Lock> locks = Try(t, "agent.a", "10.0.0.1", Outcome::kFailed, now);
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0].scope, LoginThrottle::Scope::kLogin);
  EXPECT_EQ(locks[0].key, "agent.a");
  EXPECT_EQ(locks[0].failures, 10);
  EXPECT_EQ(locks[0].lock_ms, kMinute);
  LoginThrottle::Verdict v = t.Begin("agent.a", "10.0.0.2", now);
  EXPECT_FALSE(v.allowed);
  EXPECT_EQ(v.retry_after_ms, kMinute);
  EXPECT_EQ(t.Begin("agent.a", "10.0.0.2", Timestamp{now.unix_ms + 59'000}).retry_after_ms, 1000);
  // Another login is untouched.
  EXPECT_TRUE(t.Begin("agent.b", "10.0.0.2", now).allowed);
}

TEST(LoginThrottleTest, EachFurtherFailureDoublesTheLockUpToTheCap) {
  LoginThrottle t;
  Timestamp now{0};
  for (int i = 0; i < 10; ++i) (void)Try(t, "x", "", Outcome::kFailed, now);
  std::vector<int64_t> seen;
  for (int i = 0; i < 6; ++i) {
    LoginThrottle::Verdict v = t.Begin("x", "", now);
    ASSERT_FALSE(v.allowed);
    now.unix_ms += v.retry_after_ms;
    auto locks = Try(t, "x", "", Outcome::kFailed, now);
    ASSERT_EQ(locks.size(), 1u);
    seen.push_back(locks[0].lock_ms / kMinute);
  }
  EXPECT_EQ(seen, (std::vector<int64_t>{2, 4, 8, 15, 15, 15}));
}

TEST(LoginThrottleTest, ASuccessResetsTheCount) {
  LoginThrottle t;
  Timestamp now{0};
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 9; ++i) (void)Try(t, "agent.a", "10.0.0.1", Outcome::kFailed, now);
    EXPECT_TRUE(Try(t, "agent.a", "10.0.0.1", Outcome::kSucceeded, now).empty());
  }
  EXPECT_TRUE(t.Begin("agent.a", "10.0.0.1", now).allowed);
}

TEST(LoginThrottleTest, OneAddressSprayingManyLoginsIsLocked) {
  LoginThrottle t;
  Timestamp now{0};
  for (int i = 0; i < 49; ++i) {
    EXPECT_TRUE(Try(t, "user" + std::to_string(i), "192.0.2.7", Outcome::kFailed, now).empty());
  }
  auto locks = Try(t, "user49", "192.0.2.7", Outcome::kFailed, now);
  ASSERT_EQ(locks.size(), 1u);
  EXPECT_EQ(locks[0].scope, LoginThrottle::Scope::kAddress);
  EXPECT_EQ(locks[0].key, "192.0.2.7");
  EXPECT_FALSE(t.Begin("fresh.login", "192.0.2.7", now).allowed);
  EXPECT_TRUE(t.Begin("fresh.login", "192.0.2.8", now).allowed);
  EXPECT_TRUE(t.Begin("user1", "", now).allowed) << "one failure of user1 locks no login";
}

TEST(LoginThrottleTest, IPv6AddressesCountByTheirSlash64) {
  EXPECT_EQ(ThrottleAddressKey("2001:db8:1:2:aaaa::1"), "2001:0db8:0001:0002::/64");
  EXPECT_EQ(ThrottleAddressKey("2001:db8:1:2:bbbb::9"), "2001:0db8:0001:0002::/64");
  EXPECT_EQ(ThrottleAddressKey("::ffff:192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(ThrottleAddressKey("192.0.2.1"), "192.0.2.1");
  EXPECT_EQ(ThrottleAddressKey("not an address"), "not an address");
}

TEST(LoginThrottleTest, QuietKeysAreForgotten) {
  LoginThrottle t;
  Timestamp now{0};
  for (int i = 0; i < 9; ++i) (void)Try(t, "agent.a", "", Outcome::kFailed, now);
  now.unix_ms += 24 * 60 * kMinute + 1;
  EXPECT_TRUE(Try(t, "agent.a", "", Outcome::kFailed, now).empty()) << "counting starts afresh";
}

TEST(LoginThrottleTest, MemoryIsBoundedByEvictingTheOldest) {
  LoginThrottleOptions o;
  o.max_keys = 100;
  LoginThrottle t(o);
  Timestamp now{0};
  for (int i = 0; i < 1000; ++i) {
    (void)Try(t, "random" + std::to_string(i), "10.0.0." + std::to_string(i % 250), Outcome::kFailed, now);
    now.unix_ms += 1;
  }
  EXPECT_LE(t.LoginKeys(), 100u);
  EXPECT_LE(t.AddressKeys(), 100u);
}

TEST(LoginThrottleTest, ConcurrentAttemptsCannotOvershootTheThreshold) {
  LoginThrottle t;
  Timestamp now{0};
  for (int i = 0; i < 9; ++i) (void)Try(t, "agent.a", "", Outcome::kFailed, now);
  // The tenth attempt is being verified; a parallel one waits for it.
  ASSERT_TRUE(t.Begin("agent.a", "", now).allowed);
  LoginThrottle::Verdict parallel = t.Begin("agent.a", "", now);
  EXPECT_FALSE(parallel.allowed);
  EXPECT_EQ(parallel.retry_after_ms, 1000);
  EXPECT_EQ(t.Finish("agent.a", "", Outcome::kFailed, now).size(), 1u);
  // An abandoned attempt (a store error) counts neither way.
  LoginThrottle u;
  for (int i = 0; i < 9; ++i) (void)Try(u, "b", "", Outcome::kFailed, now);
  ASSERT_TRUE(u.Begin("b", "", now).allowed);
  EXPECT_TRUE(u.Finish("b", "", Outcome::kAbandoned, now).empty());
  EXPECT_TRUE(u.Begin("b", "", now).allowed);
}

}  // namespace
}  // namespace kefu
