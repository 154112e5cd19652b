// UTF-8 checks for untrusted input.
#pragma once

#include <cstddef>
#include <string_view>

namespace kefu {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Number of code points in `s`. REQUIRES: IsValidUtf8(s).
size_t CountCodePoints(std::string_view s);

}  // namespace kefu
