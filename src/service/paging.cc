#include "service/paging.h"

namespace kefu {

StatusOr<int64_t> DecodeCursor(const std::string& cursor) {
  if (cursor.empty()) return int64_t{0};
  if (cursor.size() > 18 || cursor.find_first_not_of("0123456789") != std::string::npos) {
    return ValidationError("cursor is not one this server issued");
  }
  return std::stoll(cursor);
}

Status CheckLimit(int limit) {
  if (limit < 1 || limit > kMaxPageSize) {
    return ValidationError("limit must be between 1 and " + std::to_string(kMaxPageSize));
  }
  return OkStatus();
}

}  // namespace kefu
