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
