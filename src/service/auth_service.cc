#include "service/auth_service.h"

#include <nlohmann/json.hpp>

#include "auth/password.h"
#include "auth/token.h"
#include "core/validation.h"

namespace kefu {
namespace {

Status CheckLogin(const std::string& login) {
  if (login.size() < 2 || login.size() > 64 ||
      login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos) {
    return ValidationError("login must be 2 to 64 of a-z, 0-9, '.', '_' and '-'");
  }
  return OkStatus();
}

// A valid hash of a password nobody knows: verifying against it costs the same
// as a real check, so an unknown login answers as slowly as a wrong password.
const std::string& DummyHash() {
  static const std::string h = HashPassword("kefu-no-such-user").value();
  return h;
}

}  // namespace

StatusOr<IssuedToken> AuthService::Login(const std::string& login, std::string_view password) {
  StatusOr<UserRecord> rec = [&]() -> StatusOr<UserRecord> {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    return store_.GetUserByLogin(*txn, login);
  }();
  bool ok = rec.ok() ? VerifyPassword(password, rec->password_hash)
                     : (VerifyPassword(password, DummyHash()), false);
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  if (!ok || !rec->user.active) {
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {now, login.substr(0, 64), "auth.login_failed",
                                                   "", "{}"}));
    KEFU_RETURN_IF_ERROR(txn->Commit());
    return Status(StatusCode::kUnauthenticated, "invalid_credentials",
                  "wrong login or password");
  }
  KEFU_ASSIGN_OR_RETURN(IssuedToken t, Issue(*txn, rec->user, kSessionTtlMs, "login"));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {now, login, "auth.login", login, "{}"}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return t;
}

StatusOr<IssuedToken> AuthService::Issue(Txn& txn, const User& u, int64_t ttl_ms,
                                         const std::string& label) {
  KEFU_ASSIGN_OR_RETURN(std::string token, NewToken());
  Timestamp now = clock_.Now();
  TokenRecord rec{Sha256Hex(token), u.id, label, now, Timestamp{now.unix_ms + ttl_ms}};
  KEFU_RETURN_IF_ERROR(store_.InsertToken(txn, rec));
  return IssuedToken{token, u, rec.expires_at};
}

StatusOr<Actor> AuthService::Authenticate(std::string_view token) {
  if (token.size() != 69 || token.substr(0, 5) != "kefu_") {
    return Unauthenticated("the token is malformed");
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(User u, store_.LookupToken(*txn, Sha256Hex(token), clock_.Now()));
  return Actor{u.login, u.role, u.customer_id};
}

StatusOr<std::string> AuthService::DisplayName(const std::string& login) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(UserRecord r, store_.GetUserByLogin(*txn, login));
  return r.user.display_name.empty() ? r.user.login : r.user.display_name;
}

Status AuthService::Logout(std::string_view token, const Actor& by) {
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  Status st = store_.RevokeToken(*txn, Sha256Hex(token), now);
  if (st.code() == StatusCode::kNotFound) return Unauthenticated("the token is not active");
  KEFU_RETURN_IF_ERROR(st);
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {now, by.login, "auth.logout", by.login, "{}"}));
  return txn->Commit();
}

StatusOr<IssuedToken> AuthService::CreateToken(const std::string& login, int64_t ttl_ms,
                                               const std::string& label, const Actor& by) {
  if (ttl_ms <= 0) return ValidationError("ttl must be positive");
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(UserRecord rec, store_.GetUserByLogin(*txn, login));
  if (!rec.user.active) return FailedPrecondition("user_disabled", "user " + login + " is disabled");
  KEFU_ASSIGN_OR_RETURN(IssuedToken t, Issue(*txn, rec.user, ttl_ms, label));
  nlohmann::json detail = {{"label", label}, {"expires_at", FormatIso8601(t.expires_at)}};
  KEFU_RETURN_IF_ERROR(
      store_.AppendAudit(*txn, {clock_.Now(), by.login, "token.create", login, detail.dump()}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return t;
}

StatusOr<User> AuthService::AddUser(const NewUser& n, const Actor& by) {
  KEFU_RETURN_IF_ERROR(CheckLogin(n.login));
  KEFU_RETURN_IF_ERROR(CheckPasswordPolicy(n.password));
  std::string display = n.display_name.empty() ? n.login : n.display_name;
  KEFU_RETURN_IF_ERROR(CheckText("display_name", display, 1, kMaxNameChars));
  if (n.role != Role::kCustomer && !n.customer_id.empty()) {
    return ValidationError("only customer users are linked to a customer record");
  }
  KEFU_ASSIGN_OR_RETURN(std::string hash, HashPassword(n.password));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  User u{0, n.login, display, n.role, n.customer_id, true};
  if (n.role == Role::kCustomer) {
    if (u.customer_id.empty()) {
      KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'C'));
      Customer c{FormatId('C', seq), display, "", "", Tier::kNormal, now};
      KEFU_RETURN_IF_ERROR(store_.InsertCustomer(*txn, c));
      u.customer_id = c.id;
    } else if (auto c = store_.GetCustomer(*txn, u.customer_id); !c.ok()) {
      return ValidationError("customer " + u.customer_id + " does not exist");
    }
  }
  KEFU_ASSIGN_OR_RETURN(u.id, store_.InsertUser(*txn, u, hash, now));
  nlohmann::json detail = {{"role", ToString(u.role)}, {"customer", u.customer_id}};
  KEFU_RETURN_IF_ERROR(
      store_.AppendAudit(*txn, {now, by.login, "user.create", u.login, detail.dump()}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return u;
}

}  // namespace kefu
