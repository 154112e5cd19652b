#include "common/utf8.h"

#include <algorithm>
#include <iterator>

namespace kefu {

bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the 2nd byte
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0;          // overlong
      if (c == 0xED) hi = 0x9F;          // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90;          // overlong
      if (c == 0xF4) hi = 0x8F;          // > U+10FFFF
    } else {
      return false;
    }
    if (end - p <= n) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
    }
    p += n + 1;
  }
  return true;
}

size_t CountCodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

char32_t DecodeAt(std::string_view s, size_t* pos) {
  constexpr char32_t kReplacement = 0xFFFD;
  size_t i = *pos;
  auto c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 0 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : -1;
  if (n < 0 || s.size() - i <= static_cast<size_t>(n) || !IsValidUtf8(s.substr(i, n + 1))) {
    *pos = i + 1;
    return c < 0x80 ? c : kReplacement;
  }
  char32_t cp = n == 0 ? c : c & (0x3F >> n);
  for (int k = 1; k <= n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *pos = i + n + 1;
  return cp;
}

namespace {

struct Range {
  char32_t lo, hi;
};

// Sorted, disjoint; see IsInvisible in the header for what each holds.
constexpr Range kInvisible[] = {
    {0x0000, 0x0020},   {0x007F, 0x00A0},   {0x00AD, 0x00AD},   {0x034F, 0x034F},
    {0x061C, 0x061C},   {0x115F, 0x1160},   {0x1680, 0x1680},   {0x17B4, 0x17B5},
    {0x180B, 0x180F},   {0x2000, 0x200F},   {0x2028, 0x202F},   {0x205F, 0x206F},
    {0x2800, 0x2800},   {0x3000, 0x3000},   {0x3164, 0x3164},   {0xFE00, 0xFE0F},
    {0xFEFF, 0xFEFF},   {0xFFA0, 0xFFA0},   {0xFFF0, 0xFFFB},   {0x13430, 0x1343F},
    {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF},
};

}  // namespace

bool IsInvisible(char32_t c) {
  auto it = std::upper_bound(std::begin(kInvisible), std::end(kInvisible), c,
                             [](char32_t v, const Range& r) { return v < r.lo; });
  return it != std::begin(kInvisible) && c <= std::prev(it)->hi;
}

bool IsBlankText(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (!IsInvisible(DecodeAt(s, &i))) return false;
  }
  return true;
}

bool IsBidiControl(char32_t c) {
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

bool HasBidiControl(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (IsBidiControl(DecodeAt(s, &i))) return true;
  }
  return false;
}

}  // namespace kefu
