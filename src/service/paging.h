// Cursor pagination shared by every list use case. A cursor is opaque to
// clients; today it is the sequence number of the last item returned.
#pragma once

#include <string>
#include <vector>

#include "common/status.h"

namespace kefu {

constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 200;

template <typename T>
struct Page {
  std::vector<T> items;
  std::string next_cursor;  // empty: no more items
};

struct PageRequest {
  std::string cursor;  // "" = first page
  int limit = kDefaultPageSize;
};

// Decodes a cursor ("" -> 0). kValidation "bad cursor" for anything else.
StatusOr<int64_t> DecodeCursor(const std::string& cursor);
std::string EncodeCursor(int64_t seq);
// kValidation unless 1 <= limit <= kMaxPageSize.
Status CheckLimit(int limit);

}  // namespace kefu
