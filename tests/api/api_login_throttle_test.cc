// Sign-in throttling over HTTP with time moved by a FakeClock: ten failures
// in a row lock a login (429 too_many_attempts with Retry-After, even for
// the right password) until the back-off ends; a success resets the count;
// unknown logins are locked the same way; one address spraying many logins
// is locked at fifty; each lock is audited.
#include <gtest/gtest.h>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

const Json kRight = {{"login", "agent.a"}, {"password", "password123"}};
const Json kWrong = {{"login", "agent.a"}, {"password", "wrong-password"}};

class ApiLoginThrottleTest : public ::testing::Test {
 protected:
  ApiLoginThrottleTest() : clock_(*ParseIso8601("2026-03-02T09:00:00Z")), w_(&clock_) {}
  void SetUp() override { w_.Token(Who::kAgentA); }  // the user exists

  HttpResult SignIn(const Json& body) { return w_.Post("/api/v1/auth/login", "", body); }
  void FailTimes(int n, const Json& body) {
    for (int i = 0; i < n; ++i) ASSERT_TRUE(IsError(SignIn(body), 401, "invalid_credentials")) << i;
  }
  // The audit entries with `action`.
  std::vector<AuditEntry> Audited(const std::string& action) {
    auto txn = std::move(w_.s().store().Begin(TxnMode::kRead)).value();
    std::vector<AuditEntry> all = std::move(w_.s().store().ListAudit(*txn, 0, 10'000)).value();
    std::vector<AuditEntry> out;
    for (AuditEntry& e : all) {
      if (e.action == action) out.push_back(std::move(e));
    }
    return out;
  }

  FakeClock clock_;
  ApiWorld w_;
};

TEST_F(ApiLoginThrottleTest, TenFailuresLockTheLoginUntilTheBackOffEnds) {
  FailTimes(10, kWrong);
  // Regression: remove the `if (!verdict.allowed) {...}` refusal at the top
  // of AuthService::Login (auth_service.cc) to see this fail.
  HttpResult locked = SignIn(kRight);
  ASSERT_TRUE(IsError(locked, 429, "too_many_attempts")) << Describe(locked);
  EXPECT_EQ(locked.Header("Retry-After"), "60");
  std::vector<AuditEntry> lockouts = Audited("auth.lockout");
  ASSERT_EQ(lockouts.size(), 1u);
  EXPECT_EQ(lockouts[0].object, "agent.a");
  Json detail = Json::parse(lockouts[0].detail);
  EXPECT_EQ(detail["scope"], "login");
  EXPECT_EQ(detail["failures"], 10);
  EXPECT_EQ(detail["seconds"], 60);
  EXPECT_EQ(detail["address"], "127.0.0.1");

  clock_.Advance(30'000);
  EXPECT_EQ(SignIn(kRight).Header("Retry-After"), "30");
  clock_.Advance(30'000);
  HttpResult again = SignIn(kRight);
  ASSERT_EQ(again.status, 200) << Describe(again);
  EXPECT_TRUE(again.body["token"].is_string());
}

TEST_F(ApiLoginThrottleTest, TheBackOffDoublesWhileFailuresGoOn) {
  FailTimes(10, kWrong);
  clock_.Advance(60'000);
  FailTimes(1, kWrong);  // the eleventh in a row: locked for two minutes
  // Regression: remove `<< doublings` in LoginThrottle::Fail
  // (login_throttle.cc) to see this fail.
  EXPECT_EQ(SignIn(kRight).Header("Retry-After"), "120");
  EXPECT_EQ(Audited("auth.lockout").size(), 2u);
  clock_.Advance(120'000);
  EXPECT_EQ(SignIn(kRight).status, 200);
}

TEST_F(ApiLoginThrottleTest, ASuccessResetsTheCount) {
  FailTimes(9, kWrong);
  ASSERT_EQ(SignIn(kRight).status, 200);
  // Regression: remove the `if (outcome == Outcome::kSucceeded) {...}` reset
  // in LoginThrottle::Finish (login_throttle.cc) to see this fail.
  FailTimes(9, kWrong);
  EXPECT_EQ(SignIn(kRight).status, 200);
  EXPECT_TRUE(Audited("auth.lockout").empty());
}

TEST_F(ApiLoginThrottleTest, UnknownLoginsAreLockedTheSameWay) {
  const Json unknown = {{"login", "no.such.user"}, {"password", "password123"}};
  FailTimes(10, unknown);
  // Regression: remove the `throttle_.Finish(login, client, ...)` call that
  // follows Verify in AuthService::Login (auth_service.cc) to see this fail.
  HttpResult locked = SignIn(unknown);
  ASSERT_TRUE(IsError(locked, 429, "too_many_attempts")) << Describe(locked);
  EXPECT_EQ(locked.Header("Retry-After"), "60");
  ASSERT_EQ(Audited("auth.lockout").size(), 1u);
  EXPECT_EQ(SignIn(kRight).status, 200) << "agent.a is not locked by another login's failures";
}

TEST_F(ApiLoginThrottleTest, OneAddressSprayingManyLoginsIsLockedAtFifty) {
  // Fifty logins, one failure each: no login is locked, the address is.
  for (int i = 0; i < 50; ++i) {
    ASSERT_TRUE(IsError(SignIn(Json{{"login", "spray." + std::to_string(i)}, {"password", "x"}}), 401,
                        "invalid_credentials"))
        << i;
  }
  // Regression: remove the line `wait = std::max(wait, WaitOf(address, ...));`
  // in LoginThrottle::Begin (login_throttle.cc) to see this fail.
  HttpResult locked = SignIn(kRight);
  ASSERT_TRUE(IsError(locked, 429, "too_many_attempts")) << Describe(locked);
  EXPECT_EQ(locked.Header("Retry-After"), "60");
  std::vector<AuditEntry> lockouts = Audited("auth.lockout");
  ASSERT_EQ(lockouts.size(), 1u);
  EXPECT_EQ(lockouts[0].object, "127.0.0.1");
  EXPECT_EQ(Json::parse(lockouts[0].detail)["scope"], "address");
  clock_.Advance(60'000);
  EXPECT_EQ(SignIn(kRight).status, 200);
}

}  // namespace
}  // namespace kefu::testing
