// Sign-in, bearer tokens and user accounts.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/model.h"
#include "service/login_throttle.h"
#include "store/store.h"

namespace kefu {

constexpr int64_t kSessionTtlMs = 12LL * 3600 * 1000;      // a console sign-in
constexpr int64_t kApiTokenTtlMs = 90LL * 24 * 3600 * 1000;  // `kefu token create`

struct IssuedToken {
  std::string token;  // shown once; only its hash is stored
  User user;
  Timestamp expires_at;
};

struct NewUser {
  std::string login;         // 2..64 of [a-z0-9._-]
  std::string password;      // 8..128 bytes
  Role role = Role::kAgent;
  std::string display_name;  // defaults to login
  std::string customer_id;   // role customer only; empty: a new customer record is made
};

// Told when a token stops working before its time, so that what it opened
// (the live feed's streams) ends with it. Called on the revoking thread
// after the change is committed; must not call back into AuthService.
class SessionObserver {
 public:
  virtual ~SessionObserver() = default;
  // `token_hash` is the token's Sha256Hex (auth/token.h), never the token.
  virtual void TokenRevoked(const std::string& token_hash) = 0;
};

// Thread-safe. Users and tokens are in the store; the sign-in throttle
// (service/login_throttle.h) is in memory, per node.
class AuthService {
 public:
  AuthService(Store& store, Clock& clock, LoginThrottleOptions throttle = {})
      : store_(store), clock_(clock), throttle_(throttle) {}

  // kUnauthenticated "invalid_credentials" for an unknown login, a wrong
  // password or a disabled user, in the same time for each (no enumeration).
  // Failed sign-ins are throttled per login and per `client` address (""
  // if unknown): while either is locked every attempt, the right password
  // included, is kResourceExhausted "too_many_attempts", unknown logins
  // alike, and *retry_after_s (if given) is set to the seconds to wait.
  // Each failure is audited ("auth.login_failed"), and so is each lock it
  // starts ("auth.lockout").
  StatusOr<IssuedToken> Login(const std::string& login, std::string_view password,
                              const std::string& client = "", int64_t* retry_after_s = nullptr);

  // The actor behind a bearer token; kUnauthenticated if unknown, expired or revoked.
  StatusOr<Actor> Authenticate(std::string_view token);
  // The same for the token whose Sha256Hex is `token_hash` (for those that
  // keep the hash, not the token, to check a session again later).
  StatusOr<Actor> AuthenticateHash(const std::string& token_hash);
  // The name people see for `login` (the login itself if it has none);
  // kNotFound for an unknown login.
  StatusOr<std::string> DisplayName(const std::string& login);

  // Revokes `token` and tells the observers. kUnauthenticated if it was not active.
  Status Logout(std::string_view token, const Actor& by);

  // `o` hears of every token revoked from now on until removed. `o` must
  // stay alive until RemoveSessionObserver.
  void AddSessionObserver(SessionObserver* o);
  void RemoveSessionObserver(SessionObserver* o);

  // Issues a token for `login` without a password (operators, on the CLI).
  StatusOr<IssuedToken> CreateToken(const std::string& login, int64_t ttl_ms,
                                    const std::string& label, const Actor& by);

  // kAlreadyExists "login_taken", kValidation for a bad login, password, role
  // combination or unknown customer.
  StatusOr<User> AddUser(const NewUser& n, const Actor& by);

  // Disables (active = false) or enables a user, audited as "user.disable"
  // / "user.enable". Disabling revokes every token of the user and tells the
  // observers (their streams end); a disabled user cannot sign in, and a
  // user enabled again signs in anew. No change when already so.
  // kNotFound for an unknown login.
  Status SetActive(const std::string& login, bool active, const Actor& by);

 private:
  StatusOr<IssuedToken> Issue(Txn& txn, const User& u, int64_t ttl_ms, const std::string& label);
  // Checks `password` against the stored user (or, for an unknown login, a
  // dummy hash in the same time): the user if the sign-in is granted.
  StatusOr<std::optional<User>> Verify(const std::string& login, std::string_view password);
  // Audits a refused sign-in and the locks it started.
  Status AuditFailure(const std::string& login, const std::string& client,
                      const std::vector<LoginThrottle::Lock>& locks, Timestamp now);

  Store& store_;
  Clock& clock_;
  LoginThrottle throttle_;  // thread-safe itself
  std::mutex observers_mu_;
  std::vector<SessionObserver*> observers_;  // guarded by observers_mu_
};

}  // namespace kefu
