// Sign-in throttling: failed sign-ins in a row lock a login, and (at a
// higher threshold) the client address they came from, for a time that
// doubles with each further failure, up to a cap. A success resets the
// login's and the address's counts.
//
// The state is in memory, per node: each `kefu serve` process behind a load
// balancer counts on its own, and a restart forgets it. Its size is bounded
// (max_keys per kind); when full, the key that was touched least recently is
// forgotten first, and keys untouched for forget_after_ms start afresh. A
// spray of random logins cannot flush a locked key out cheaply: one address
// is itself locked after address_failures failures, so it adds at most that
// many keys per lock.
// The logic is pure: time comes in as an argument, nothing is read or logged.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/time.h"

namespace kefu {

struct LoginThrottleOptions {
  int login_failures = 10;    // failures in a row that lock a login
  int address_failures = 50;  // failures in a row (any logins) that lock an address
  int64_t first_lock_ms = 60'000;       // the first lock; each further failure doubles it
  int64_t max_lock_ms = 15 * 60'000;    // up to this
  int64_t forget_after_ms = 24LL * 3600'000;  // a key quiet this long starts afresh
  size_t max_keys = 10'000;   // per kind (logins, addresses)
};

// The key a client address is counted under: an IPv4 address as it is, an
// IPv6 address by its /64 prefix (one host usually owns a whole /64), a
// v4-mapped IPv6 address as IPv4. Text that is neither is used as it is.
std::string ThrottleAddressKey(std::string_view address);

class LoginThrottle {
 public:
  enum class Scope { kLogin, kAddress };
  enum class Outcome { kSucceeded, kFailed, kAbandoned };  // abandoned: neither (a store error)

  // A lock that a failure started, for the audit log.
  struct Lock {
    Scope scope;
    std::string key;  // the login, or ThrottleAddressKey(address)
    int failures;     // in a row, this one included
    int64_t lock_ms;
  };

  struct Verdict {
    bool allowed = true;
    int64_t retry_after_ms = 0;  // when refused: how long until it may be tried
  };

  explicit LoginThrottle(LoginThrottleOptions o = {}) : options_(o) {}

  // Whether a sign-in to `login` from `address` ("" if unknown: only the
  // login counts) may be verified at `now`. Refused while either is locked,
  // and while an earlier attempt that could start a lock is unfinished (so
  // that concurrent attempts cannot overshoot a threshold; retry_after_ms
  // is then 1000). An allowed attempt must be ended by exactly one Finish.
  // Thread-safe.
  Verdict Begin(std::string_view login, std::string_view address, Timestamp now);

  // Ends an attempt that Begin allowed. A failure that reaches a threshold
  // locks the login or address for first_lock_ms, doubled for each failure
  // beyond the threshold, at most max_lock_ms; the locks it started are
  // returned. A success resets both counts. Thread-safe.
  std::vector<Lock> Finish(std::string_view login, std::string_view address, Outcome outcome,
                           Timestamp now);

  // Keys held, per kind (for tests of the bound).
  size_t LoginKeys() const;
  size_t AddressKeys() const;

 private:
  struct Entry {
    int failures = 0;  // in a row
    int pending = 0;   // attempts begun, not finished
    int64_t locked_until_ms = 0;
    int64_t last_ms = 0;  // last touched
    std::list<std::string>::iterator lru;
  };
  // A bounded map of keys, least recently touched at the back.
  class Table {
   public:
    Table(size_t max_keys, int64_t forget_after_ms)
        : max_keys_(max_keys), forget_after_ms_(forget_after_ms) {}
    // The entry of `key`, or null; a quiet, idle entry is forgotten first.
    Entry* Find(const std::string& key, Timestamp now);
    // The entry of `key`, made if absent, moved to the front; may evict.
    Entry& Touch(const std::string& key, Timestamp now);
    void Erase(const std::string& key);
    size_t size() const { return map_.size(); }

   private:
    const size_t max_keys_;
    const int64_t forget_after_ms_;
    std::unordered_map<std::string, Entry> map_;
    std::list<std::string> lru_;  // front: most recently touched
  };

  // The wait `e` imposes at `now` (0: none) with `threshold`.
  static int64_t WaitOf(const Entry* e, int threshold, Timestamp now);
  // Counts a failure in `e`; a Lock if it starts one.
  bool Fail(Entry& e, int threshold, Timestamp now, int64_t* lock_ms) const;

  const LoginThrottleOptions options_;  // constant after construction
  mutable std::mutex mu_;
  Table logins_{options_.max_keys, options_.forget_after_ms};     // guarded by mu_
  Table addresses_{options_.max_keys, options_.forget_after_ms};  // guarded by mu_
};

}  // namespace kefu
