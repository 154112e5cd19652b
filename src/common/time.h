// Time as a value. The core never reads a clock: callers pass `now`.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kefu {

// Milliseconds since the Unix epoch, UTC.
struct Timestamp {
  int64_t unix_ms = 0;
  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

// "2026-11-23T08:01:02.345Z" (always UTC, always milliseconds).
std::string FormatIso8601(Timestamp t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)". nullopt if malformed.
std::optional<Timestamp> ParseIso8601(std::string_view s);

// Source of the current time; injected so that tests control it.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp Now() = 0;  // Thread-safe.
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  Timestamp Now() override;
};

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : now_ms_(start.unix_ms) {}
  Timestamp Now() override { return Timestamp{now_ms_.load()}; }
  void Advance(int64_t ms) { now_ms_ += ms; }

 private:
  std::atomic<int64_t> now_ms_;
};

}  // namespace kefu
