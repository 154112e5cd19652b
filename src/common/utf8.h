// UTF-8 checks for untrusted input.
#pragma once

#include <cstddef>
#include <string_view>

namespace kefu {

// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Number of code points in `s`. REQUIRES: IsValidUtf8(s).
size_t CountCodePoints(std::string_view s);

// Decodes the code point that starts at s[*pos] and moves *pos past it.
// A byte that starts no well-formed sequence decodes as U+FFFD (one byte).
// REQUIRES: *pos < s.size().
char32_t DecodeAt(std::string_view s, size_t* pos);

// True for a code point that shows nothing by itself (Unicode 15, a pure
// table): White_Space (U+0009..U+000D, U+0020, U+0085, U+00A0, U+1680,
// U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000);
// Default_Ignorable_Code_Point (among them the format characters U+00AD,
// U+061C, U+180E, U+200B..U+200F, U+202A..U+202E, U+2060..U+206F, U+FEFF,
// the variation selectors and Hangul fillers, the tag characters);
// the other invisible format characters (U+FFF9..U+FFFB, U+13430..U+1343F);
// the C0 and C1 controls; and U+2800 BRAILLE PATTERN BLANK.
bool IsInvisible(char32_t c);

// True if `s` is empty or made only of IsInvisible code points: text that
// displays as nothing. Safe on any bytes (see DecodeAt).
bool IsBlankText(std::string_view s);

// The bidirectional embedding, override and isolate controls (U+202A..U+202E,
// U+2066..U+2069). They reorder how the text after them is displayed (an
// override makes "fdp.exe" show as "exe.pdf"). The marks U+200E, U+200F and
// U+061C only set a direction and are not among them.
bool IsBidiControl(char32_t c);

// True if any code point of `s` IsBidiControl. Safe on any bytes.
bool HasBidiControl(std::string_view s);

}  // namespace kefu
