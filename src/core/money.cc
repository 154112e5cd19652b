#include "core/money.h"

namespace kefu {
namespace {

constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();

}  // namespace

Status CheckAmountFen(std::string_view field, int64_t fen, int64_t min_fen, std::string reason) {
  if (fen >= min_fen && fen <= kMaxAmountFen) return OkStatus();
  return Status(StatusCode::kValidation, std::move(reason),
                std::string(field) + " must be a whole number of fen between " +
                    std::to_string(min_fen) + " and " + std::to_string(kMaxAmountFen));
}

int64_t SaturatingAdd(int64_t a, int64_t b) {
  if (auto r = CheckedAdd(a, b)) return *r;
  return b > 0 ? kMax : kMin;  // overflow only when both have b's sign
}

int64_t SaturatingSub(int64_t a, int64_t b) {
  if (auto r = CheckedSub(a, b)) return *r;
  return b < 0 ? kMax : kMin;
}

int64_t SaturatingMul(int64_t a, int64_t b) {
  if (auto r = CheckedMul(a, b)) return *r;
  return (a < 0) == (b < 0) ? kMax : kMin;
}

}  // namespace kefu
