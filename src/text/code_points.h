// Internal to kefu_text: stepping through UTF-8 by code point (ICU).
#pragma once

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <string_view>

namespace kefu::text {

// One code point of `s` at byte `i`; advances `i` (U+FFFD-like negative
// values for ill-formed bytes, as ICU's U8_NEXT).
inline UChar32 NextCodePoint(std::string_view s, size_t& i) {
  UChar32 c;
  int32_t pos = static_cast<int32_t>(i);
  U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(pos);
  return c;
}

inline bool IsHanCodePoint(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  return uscript_getScript(c, &err) == USCRIPT_HAN;
}

}  // namespace kefu::text
