// Money amounts: the one bound on amounts that come in from outside, and
// overflow-safe arithmetic on them. Amounts are int64 fen (1/100 yuan).
// Pure: no I/O.
//
// Every amount a client or an operator types (compensation, refunds,
// approval limits, team budgets) is a whole number of fen in
// [0 or 1, kMaxAmountFen]; order prices have a stricter per-unit bound. The
// edges (api/, config/) refuse anything else, so that no stored amount is
// near the int64 range. Sums of many amounts (a team's month, what went back
// on an order, a customer's totals) still go through the helpers below, so
// that rows written before the bound, or a bound raised by mistake, can never
// wrap a sum into a negative that passes a limit check.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace kefu {

// The largest single amount accepted anywhere: ¥10,000,000,000. Far above
// any real coupon, refund or budget, and 10^7 of them still fit in int64.
constexpr int64_t kMaxAmountFen = 1'000'000'000'000;
// The largest unit price of an order line: ¥100,000,000. With at most
// 100000 units a line and 100 lines an order, an order's total is at most
// 10^17 fen, so Order::TotalFen cannot overflow either.
constexpr int64_t kMaxPriceFen = 10'000'000'000;
static_assert(kMaxPriceFen <= kMaxAmountFen);

// kValidation with reason `reason` (a stable code such as "bad_amount")
// unless min_fen <= fen <= kMaxAmountFen. The message names `field` and the
// range. REQUIRES: 0 <= min_fen <= kMaxAmountFen.
Status CheckAmountFen(std::string_view field, int64_t fen, int64_t min_fen,
                      std::string reason = "bad_amount");

// Checked arithmetic: nullopt when the exact result does not fit in int64.
inline std::optional<int64_t> CheckedAdd(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
  return r;
}
inline std::optional<int64_t> CheckedSub(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) return std::nullopt;
  return r;
}
inline std::optional<int64_t> CheckedMul(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
  return r;
}

// Saturating arithmetic: the exact result clamped to [INT64_MIN, INT64_MAX].
// For sums that are compared with a limit (a clamped INT64_MAX is above any
// limit, so the comparison stays right) and totals that are only shown.
int64_t SaturatingAdd(int64_t a, int64_t b);
int64_t SaturatingSub(int64_t a, int64_t b);
int64_t SaturatingMul(int64_t a, int64_t b);

}  // namespace kefu
