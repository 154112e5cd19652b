#include "service/auth_service.h"

#include <nlohmann/json.hpp>

#include "auth/password.h"
#include "auth/token.h"
#include "core/validation.h"
#include "core/watchers.h"

namespace kefu {
namespace {

Status CheckLogin(const std::string& login) {
  if (!IsLoginShaped(login)) {
    return ValidationError("login must be 2 to 64 of a-z, 0-9, '.', '_' and '-'");
  }
  if (IsServiceLogin(login)) {
    return ValidationError("login " + login + " is reserved: the server acts under it");
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

StatusOr<IssuedToken> AuthService::Login(const std::string& login, std::string_view password,
                                         const std::string& client, int64_t* retry_after_s) {
  // A locked login or address is refused before the store is read or a
  // hash computed: the same (short) time for known and unknown logins.
  LoginThrottle::Verdict verdict = throttle_.Begin(login, client, clock_.Now());
  if (!verdict.allowed) {
    int64_t seconds = (verdict.retry_after_ms + 999) / 1000;
    if (retry_after_s != nullptr) *retry_after_s = seconds;
    return Status(StatusCode::kResourceExhausted, "too_many_attempts",
                  "too many failed sign-ins; try again in " + std::to_string(seconds) + " s");
  }
  StatusOr<std::optional<User>> granted = Verify(login, password);
  Timestamp now = clock_.Now();
  if (!granted.ok()) {
    (void)throttle_.Finish(login, client, LoginThrottle::Outcome::kAbandoned, now);
    return granted.status();
  }
  std::vector<LoginThrottle::Lock> locks = throttle_.Finish(
      login, client, *granted ? LoginThrottle::Outcome::kSucceeded : LoginThrottle::Outcome::kFailed,
      now);
  if (!*granted) {
    KEFU_RETURN_IF_ERROR(AuditFailure(login, client, locks, now));
    return Status(StatusCode::kUnauthenticated, "invalid_credentials",
                  "wrong login or password");
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(IssuedToken t, Issue(*txn, **granted, kSessionTtlMs, "login"));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {now, login, "auth.login", login, "{}"}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return t;
}

StatusOr<std::optional<User>> AuthService::Verify(const std::string& login,
                                                  std::string_view password) {
  StatusOr<UserRecord> rec = [&]() -> StatusOr<UserRecord> {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    return store_.GetUserByLogin(*txn, login);
  }();
  if (!rec.ok()) {
    (void)VerifyPassword(password, DummyHash());  // as slow as a wrong password
    if (rec.status().code() != StatusCode::kNotFound) return rec.status();
    return std::optional<User>();
  }
  if (!VerifyPassword(password, rec->password_hash) || !rec->user.active) {
    return std::optional<User>();
  }
  return std::optional<User>(rec->user);
}

Status AuthService::AuditFailure(const std::string& login, const std::string& client,
                                 const std::vector<LoginThrottle::Lock>& locks, Timestamp now) {
  std::string who = login.substr(0, 64);
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {now, who, "auth.login_failed", "", "{}"}));
  for (const LoginThrottle::Lock& l : locks) {
    nlohmann::json detail = {
        {"scope", l.scope == LoginThrottle::Scope::kLogin ? "login" : "address"},
        {"failures", l.failures},
        {"seconds", l.lock_ms / 1000},
        {"address", client}};
    KEFU_RETURN_IF_ERROR(
        store_.AppendAudit(*txn, {now, who, "auth.lockout", l.key, detail.dump()}));
  }
  return txn->Commit();
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
  return AuthenticateHash(Sha256Hex(token));
}

StatusOr<Actor> AuthService::AuthenticateHash(const std::string& token_hash) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(User u, store_.LookupToken(*txn, token_hash, clock_.Now()));
  return Actor{u.login, u.role, u.customer_id};
}

StatusOr<std::string> AuthService::DisplayName(const std::string& login) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(UserRecord r, store_.GetUserByLogin(*txn, login));
  return r.user.display_name.empty() ? r.user.login : r.user.display_name;
}

Status AuthService::Logout(std::string_view token, const Actor& by) {
  Timestamp now = clock_.Now();
  std::string hash = Sha256Hex(token);
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  Status st = store_.RevokeToken(*txn, hash, now);
  if (st.code() == StatusCode::kNotFound) return Unauthenticated("the token is not active");
  KEFU_RETURN_IF_ERROR(st);
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(*txn, {now, by.login, "auth.logout", by.login, "{}"}));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  std::lock_guard<std::mutex> lock(observers_mu_);
  for (SessionObserver* o : observers_) o->TokenRevoked(hash);
  return OkStatus();
}

void AuthService::AddSessionObserver(SessionObserver* o) {
  std::lock_guard<std::mutex> lock(observers_mu_);
  observers_.push_back(o);
}

void AuthService::RemoveSessionObserver(SessionObserver* o) {
  std::lock_guard<std::mutex> lock(observers_mu_);
  std::erase(observers_, o);
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
  // A name shown beside every message: no bidi controls (CheckLabel).
  KEFU_RETURN_IF_ERROR(CheckLabel("display_name", display, 1, kMaxNameChars));
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
      Customer c{FormatId('C', seq), display, "", "", Tier::kNormal, now, {}};
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

Status AuthService::SetActive(const std::string& login, bool active, const Actor& by) {
  Timestamp now = clock_.Now();
  std::vector<std::string> revoked;
  {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
    KEFU_ASSIGN_OR_RETURN(UserRecord r, store_.GetUserByLogin(*txn, login));
    if (r.user.active == active) return OkStatus();
    KEFU_ASSIGN_OR_RETURN(revoked, store_.SetUserActive(*txn, login, active, now));
    nlohmann::json detail = {{"tokens_revoked", revoked.size()}};
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(
        *txn, {now, by.login, active ? "user.enable" : "user.disable", login, detail.dump()}));
    KEFU_RETURN_IF_ERROR(txn->Commit());
  }
  // Streams of this node end now; other nodes' at their next recheck.
  std::lock_guard lock(observers_mu_);
  for (const std::string& hash : revoked) {
    for (SessionObserver* o : observers_) o->TokenRevoked(hash);
  }
  return OkStatus();
}

}  // namespace kefu
