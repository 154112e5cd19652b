#include "service/login_throttle.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>

namespace kefu {
namespace {

// Keys longer than this are cut: no login or address text can make an
// entry large. (Logins are at most 64 bytes, addresses shorter.)
constexpr size_t kMaxKeyBytes = 64;

// How long a refused attempt waits for an unfinished one (see Begin).
constexpr int64_t kBusyRetryMs = 1000;

std::string KeyOf(std::string_view text) { return std::string(text.substr(0, kMaxKeyBytes)); }

}  // namespace

std::string ThrottleAddressKey(std::string_view address) {
  std::string text(address.substr(0, kMaxKeyBytes));
  unsigned char b[16];
  if (text.find(':') == std::string::npos || inet_pton(AF_INET6, text.c_str(), b) != 1) return text;
  static constexpr unsigned char kV4Mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char out[64];
  if (std::equal(b, b + 12, kV4Mapped)) {
    std::snprintf(out, sizeof out, "%u.%u.%u.%u", b[12], b[13], b[14], b[15]);
  } else {
    std::snprintf(out, sizeof out, "%02x%02x:%02x%02x:%02x%02x:%02x%02x::/64", b[0], b[1], b[2],
                  b[3], b[4], b[5], b[6], b[7]);
  }
  return out;
}

LoginThrottle::Entry* LoginThrottle::Table::Find(const std::string& key, Timestamp now) {
  auto it = map_.find(key);
  if (it == map_.end()) return nullptr;
  Entry& e = it->second;
  if (e.pending == 0 && e.locked_until_ms <= now.unix_ms &&
      now.unix_ms - e.last_ms > forget_after_ms_) {
    lru_.erase(e.lru);
    map_.erase(it);
    return nullptr;
  }
  return &e;
}

LoginThrottle::Entry& LoginThrottle::Table::Touch(const std::string& key, Timestamp now) {
  Entry* found = Find(key, now);
  if (found != nullptr) {
    lru_.splice(lru_.begin(), lru_, found->lru);
    found->last_ms = now.unix_ms;
    return *found;
  }
  while (!lru_.empty() && map_.size() >= std::max<size_t>(max_keys_, 1)) {
    map_.erase(lru_.back());
    lru_.pop_back();
  }
  lru_.push_front(key);
  Entry& e = map_[key];
  e.lru = lru_.begin();
  e.last_ms = now.unix_ms;
  return e;
}

void LoginThrottle::Table::Erase(const std::string& key) {
  auto it = map_.find(key);
  if (it == map_.end()) return;
  lru_.erase(it->second.lru);
  map_.erase(it);
}

int64_t LoginThrottle::WaitOf(const Entry* e, int threshold, Timestamp now) {
  if (e == nullptr) return 0;
  if (e->locked_until_ms > now.unix_ms) return e->locked_until_ms - now.unix_ms;
  // An unfinished attempt could reach the threshold (or, past it, start the
  // next lock): the next one waits for its outcome.
  if (e->pending > 0 && e->failures + e->pending >= threshold) return kBusyRetryMs;
  return 0;
}

bool LoginThrottle::Fail(Entry& e, int threshold, Timestamp now, int64_t* lock_ms) const {
  ++e.failures;
  if (e.failures < threshold) return false;
  int doublings = std::min(e.failures - threshold, 30);
  *lock_ms = std::min(options_.first_lock_ms << doublings, options_.max_lock_ms);
  e.locked_until_ms = now.unix_ms + *lock_ms;
  return true;
}

LoginThrottle::Verdict LoginThrottle::Begin(std::string_view login, std::string_view address,
                                            Timestamp now) {
  std::string login_key = KeyOf(login);
  std::string address_key = address.empty() ? std::string() : ThrottleAddressKey(address);
  std::lock_guard<std::mutex> lock(mu_);
  int64_t wait = WaitOf(logins_.Find(login_key, now), options_.login_failures, now);
  if (!address_key.empty()) {
    Entry* address = addresses_.Find(address_key, now);
    wait = std::max(wait, WaitOf(address, options_.address_failures, now));
  }
  if (wait > 0) return Verdict{false, wait};
  ++logins_.Touch(login_key, now).pending;
  if (!address_key.empty()) ++addresses_.Touch(address_key, now).pending;
  return Verdict{};
}

std::vector<LoginThrottle::Lock> LoginThrottle::Finish(std::string_view login,
                                                       std::string_view address, Outcome outcome,
                                                       Timestamp now) {
  std::vector<Lock> locks;
  std::string login_key = KeyOf(login);
  std::string address_key = address.empty() ? std::string() : ThrottleAddressKey(address);
  std::lock_guard<std::mutex> lock(mu_);
  auto finish = [&](Table& table, const std::string& key, Scope scope, int threshold) {
    // The entry may have been evicted meanwhile; a failure then counts afresh.
    Entry& e = table.Touch(key, now);
    e.pending = std::max(0, e.pending - 1);
    if (outcome == Outcome::kSucceeded) {
      if (e.pending == 0) return table.Erase(key);
      e.failures = 0;
      e.locked_until_ms = 0;
    } else if (int64_t lock_ms = 0;
               outcome == Outcome::kFailed && Fail(e, threshold, now, &lock_ms)) {
      locks.push_back(Lock{scope, key, e.failures, lock_ms});
    }
  };
  finish(logins_, login_key, Scope::kLogin, options_.login_failures);
  if (!address_key.empty()) {
    finish(addresses_, address_key, Scope::kAddress, options_.address_failures);
  }
  return locks;
}

size_t LoginThrottle::LoginKeys() const {
  std::lock_guard<std::mutex> lock(mu_);
  return logins_.size();
}

size_t LoginThrottle::AddressKeys() const {
  std::lock_guard<std::mutex> lock(mu_);
  return addresses_.size();
}

}  // namespace kefu
