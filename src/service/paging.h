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

// Builds a page from `rows` fetched with limit + 1: the extra row, if any,
// only says that there is a next page, whose cursor is seq_of(last item).
template <typename T, typename SeqOf>
Page<T> MakePage(std::vector<T> rows, int limit, SeqOf seq_of) {
  Page<T> page;
  if (static_cast<int>(rows.size()) > limit) {
    rows.resize(limit);
    page.next_cursor = std::to_string(seq_of(rows.back()));
  }
  page.items = std::move(rows);
  return page;
}

// Decodes a cursor ("" -> 0). kValidation "bad cursor" for anything else.
StatusOr<int64_t> DecodeCursor(const std::string& cursor);
// kValidation unless 1 <= limit <= kMaxPageSize.
Status CheckLimit(int limit);

}  // namespace kefu
