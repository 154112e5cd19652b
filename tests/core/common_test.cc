#include <gtest/gtest.h>

#include "common/status.h"
#include "common/time.h"
#include "common/utf8.h"

namespace kefu {
namespace {

TEST(Utf8Test, AcceptsWellFormedAndRefusesMalformedSequences) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("ascii"));
  EXPECT_TRUE(IsValidUtf8("退货 繁體 😀"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe9\x80"));          // truncated
  EXPECT_FALSE(IsValidUtf8("a\x80z"));            // stray continuation
  EXPECT_EQ(CountCodePoints("退货ab😀"), 5u);
}

// To see this fail, remove the {0x2000, 0x200F} row of kInvisible in
// src/common/utf8.cc (U+200B and the no-break spaces of that block turn
// visible).
TEST(Utf8Test, InvisibleCodePointsAreWhiteSpaceIgnorablesAndControls) {
  // White_Space, including the no-break and ideographic spaces.
  for (char32_t c : {0x09, 0x0A, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2007, 0x200A, 0x2028,
                     0x2029, 0x202F, 0x205F, 0x3000}) {
    EXPECT_TRUE(IsInvisible(c)) << std::hex << static_cast<uint32_t>(c);
  }
  // Format characters (Cf) and other default-ignorables.
  for (char32_t c : {0xAD, 0x34F, 0x61C, 0x115F, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
                     0x202A, 0x202E, 0x2060, 0x2064, 0x2066, 0x2069, 0x3164, 0xFE0F, 0xFEFF,
                     0xFFA0, 0xFFFB, 0x1D173, 0xE0001, 0xE007F, 0xE0FFF}) {
    EXPECT_TRUE(IsInvisible(c)) << std::hex << static_cast<uint32_t>(c);
  }
  // Controls and the braille blank.
  for (char32_t c : {0x00, 0x1F, 0x7F, 0x9F, 0x2800}) {
    EXPECT_TRUE(IsInvisible(c)) << std::hex << static_cast<uint32_t>(c);
  }
  // Visible neighbours, and visible format characters (U+0600, U+06DD).
  for (char32_t c : {0x21, 0x41, 0x7E, 0xA1, 0xAC, 0xAE, 0x1FFF, 0x2010, 0x2027, 0x2030, 0x205E,
                     0x2070, 0x2801, 0x2FFF, 0x3001, 0x9000, 0xFEFE, 0xFFFC, 0xFFFD, 0x600, 0x6DD,
                     0x1F600, 0xE1000, 0x10FFFF}) {
    EXPECT_FALSE(IsInvisible(c)) << std::hex << static_cast<uint32_t>(c);
  }
}

TEST(Utf8Test, DecodeAtReadsOneCodePointAndSurvivesBadBytes) {
  std::string s = "a\xC2\xA0\xE2\x80\x8B\xF0\x9F\x98\x80";  // a, U+00A0, U+200B, U+1F600
  size_t i = 0;
  EXPECT_EQ(DecodeAt(s, &i), U'a');
  EXPECT_EQ(DecodeAt(s, &i), U'\u00A0');
  EXPECT_EQ(DecodeAt(s, &i), U'\u200B');
  EXPECT_EQ(DecodeAt(s, &i), U'\U0001F600');
  EXPECT_EQ(i, s.size());
  std::string bad = "\xE2\x80";  // truncated
  i = 0;
  EXPECT_EQ(DecodeAt(bad, &i), U'\uFFFD');
  EXPECT_EQ(i, 1u);
}

// To see this fail, make IsBlankText return s.empty() in src/common/utf8.cc.
TEST(Utf8Test, BlankTextIsMadeOnlyOfInvisibleCodePoints) {
  EXPECT_TRUE(IsBlankText(""));
  EXPECT_TRUE(IsBlankText(" \t\r\n"));
  EXPECT_TRUE(IsBlankText("\xE2\x80\x8B"));                  // U+200B
  EXPECT_TRUE(IsBlankText("\xE2\x80\xAE"));                  // U+202E
  EXPECT_TRUE(IsBlankText("\xC2\xA0"));                       // U+00A0
  EXPECT_TRUE(IsBlankText("\xE3\x80\x80\xEF\xBB\xBF\xC2\xAD"));  // U+3000 U+FEFF U+00AD
  EXPECT_TRUE(IsBlankText("\xE2\x81\xA0\xE2\x81\xA4"));        // U+2060 U+2064
  EXPECT_FALSE(IsBlankText("\xE2\x80\x8B" "a"));
  EXPECT_FALSE(IsBlankText("退货"));
  EXPECT_FALSE(IsBlankText("\xFF"));  // a bad byte is not nothing
}

// To see this fail, remove `|| (c >= 0x2066 && c <= 0x2069)` from
// IsBidiControl in src/common/utf8.cc.
TEST(Utf8Test, BidiControlsAreEmbeddingsOverridesAndIsolates) {
  for (char32_t c = 0x202A; c <= 0x202E; ++c) EXPECT_TRUE(IsBidiControl(c));
  for (char32_t c = 0x2066; c <= 0x2069; ++c) EXPECT_TRUE(IsBidiControl(c));
  for (char32_t c : {0x200E, 0x200F, 0x61C, 0x2029, 0x202F, 0x2065, 0x206A}) {
    EXPECT_FALSE(IsBidiControl(c)) << std::hex << static_cast<uint32_t>(c);
  }
  EXPECT_TRUE(HasBidiControl("invoice\xE2\x80\xAE" "fdp.exe"));  // U+202E
  EXPECT_TRUE(HasBidiControl("\xE2\x81\xA7"));                // U+2067
  EXPECT_FALSE(HasBidiControl("\xE2\x80\x8F退货"));           // U+200F, a mark
  EXPECT_FALSE(HasBidiControl(""));
}

TEST(TimeTest, FormatsUtcWithMillisecondsAndParsesOffsets) {
  EXPECT_EQ(FormatIso8601(Timestamp{0}), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIso8601(Timestamp{1795000000123}), "2026-11-18T11:06:40.123Z");
  EXPECT_EQ(ParseIso8601("2026-11-18T11:06:40.123Z"), Timestamp{1795000000123});
  EXPECT_EQ(ParseIso8601("2026-11-18T19:06:40.123+08:00"), Timestamp{1795000000123});
  EXPECT_EQ(ParseIso8601("2026-11-18T11:06:40Z"), Timestamp{1795000000000});
  EXPECT_FALSE(ParseIso8601("2026-11-18").has_value());
  EXPECT_FALSE(ParseIso8601("2026-02-30T00:00:00Z").has_value());
  EXPECT_FALSE(ParseIso8601("2026-11-18T09:06:40").has_value());  // no zone
  EXPECT_FALSE(ParseIso8601("2026-11-18T09:06:40Zjunk").has_value());
}

TEST(StatusTest, StatusOrCarriesValueOrError) {
  StatusOr<int> v = 7;
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
  StatusOr<int> e = NotFound("nope");
  EXPECT_FALSE(e.ok());
  EXPECT_EQ(e.status().reason(), "not_found");
  EXPECT_EQ(e.status().ToString(), "not_found: nope");
}

}  // namespace
}  // namespace kefu
