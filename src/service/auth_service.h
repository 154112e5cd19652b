// Sign-in, bearer tokens and user accounts.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "common/time.h"
#include "core/model.h"
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

// Thread-safe (all state is in the store).
class AuthService {
 public:
  AuthService(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  // kUnauthenticated "invalid_credentials" for an unknown login, a wrong
  // password or a disabled user, in the same time for each (no enumeration).
  StatusOr<IssuedToken> Login(const std::string& login, std::string_view password);

  // The actor behind a bearer token; kUnauthenticated if unknown, expired or revoked.
  StatusOr<Actor> Authenticate(std::string_view token);
  // The name people see for `login` (the login itself if it has none);
  // kNotFound for an unknown login.
  StatusOr<std::string> DisplayName(const std::string& login);

  // Revokes `token`. kUnauthenticated if it was not active.
  Status Logout(std::string_view token, const Actor& by);

  // Issues a token for `login` without a password (operators, on the CLI).
  StatusOr<IssuedToken> CreateToken(const std::string& login, int64_t ttl_ms,
                                    const std::string& label, const Actor& by);

  // kAlreadyExists "login_taken", kValidation for a bad login, password, role
  // combination or unknown customer.
  StatusOr<User> AddUser(const NewUser& n, const Actor& by);

 private:
  StatusOr<IssuedToken> Issue(Txn& txn, const User& u, int64_t ttl_ms, const std::string& label);

  Store& store_;
  Clock& clock_;
};

}  // namespace kefu
