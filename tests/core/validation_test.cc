#include <gtest/gtest.h>

#include "core/validation.h"

namespace kefu {
namespace {

TEST(TrimSpaceTest, TrimsAsciiAndIdeographicSpaceOnly) {
  EXPECT_EQ(TrimSpace("  a b \n"), "a b");
  EXPECT_EQ(TrimSpace("\xE3\x80\x80退货\xE3\x80\x80 "), "退货");
  EXPECT_EQ(TrimSpace(" \t "), "");
  EXPECT_EQ(TrimSpace("中 文"), "中 文");
}

TEST(CheckTextTest, CountsCodePointsNotBytes) {
  std::string five = "退货退款啊";  // 15 bytes
  EXPECT_TRUE(CheckText("x", five, 1, 5).ok());
  EXPECT_FALSE(CheckText("x", five, 1, 4).ok());
  EXPECT_EQ(CheckText("subject", "", 1, 5).message(), "subject must not be empty");
  EXPECT_TRUE(CheckText("x", "line1\nline2\ttab", 1, 100).ok());
  EXPECT_FALSE(CheckText("x", std::string("nul\0x", 5), 1, 100).ok());
}

// Text of only space or invisible characters is empty where text is
// required, and allowed where it is optional. To see this fail, remove the
// `if (min_chars > 0 && IsBlankText(t))` check in CheckText
// (src/core/validation.cc).
TEST(CheckTextTest, InvisibleOrSpaceOnlyTextIsEmptyWhenRequired) {
  for (const char* blank : {"\xE2\x80\x8B",              // U+200B zero width space
                            "\xE2\x80\xAE",              // U+202E right-to-left override
                            "\xC2\xA0",                   // U+00A0 no-break space
                            "\xE3\x80\x80\xEF\xBB\xBF",     // U+3000 U+FEFF
                            "\xC2\xAD\xE2\x81\xA0 \xE2\x80\x8D",  // U+00AD U+2060 U+200D
                            "\xE2\x80\x83\xE2\x80\x8E\xE2\x80\x8F"}) {  // U+2003 U+200E U+200F
    SCOPED_TRACE(blank);
    Status s = CheckText("subject", blank, 1, 200);
    EXPECT_EQ(s.code(), StatusCode::kValidation);
    EXPECT_EQ(s.reason(), "validation_failed");
    EXPECT_NE(s.message().find("must not be empty"), std::string::npos) << s.message();
    EXPECT_TRUE(CheckText("body", blank, 0, 200).ok()) << "optional text may be blank";
  }
  EXPECT_TRUE(CheckText("subject", "\xE2\x80\x8B退货", 1, 200).ok());
  EXPECT_TRUE(CheckText("name", "Anne\xC2\xA0Marie", 1, 200).ok());
}

// To see this fail, remove the HasBidiControl check in CheckLabel
// (src/core/validation.cc).
TEST(CheckLabelTest, RefusesBidiControlsWithTheirOwnCode) {
  for (const char* bidi : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
                           "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8",
                           "\xE2\x81\xA9"}) {
    SCOPED_TRACE(bidi);
    Status s = CheckLabel("subject", std::string("invoice ") + bidi + "fdp.exe", 1, 200);
    EXPECT_EQ(s.code(), StatusCode::kValidation);
    EXPECT_EQ(s.reason(), "bidi_control");
    EXPECT_NE(s.message().find("subject"), std::string::npos) << s.message();
    // Alone it is refused as bidi_control too (the more precise reason).
    EXPECT_EQ(CheckLabel("subject", bidi, 1, 200).reason(), "bidi_control");
    // Message bodies keep them: pasted text often carries them.
    EXPECT_TRUE(CheckText("body", std::string("电话 ") + bidi + "13800138000", 1, 200).ok());
  }
  // Direction marks are not controls of this kind.
  EXPECT_TRUE(CheckLabel("subject", "\xE2\x80\x8F" "退货", 1, 200).ok());
  EXPECT_TRUE(CheckLabel("subject", "快递三天没动了", 1, 200).ok());
  EXPECT_EQ(CheckLabel("subject", "\xE2\x80\x8B", 1, 200).reason(), "validation_failed");
}

TEST(NormalizeTagsTest, SortsDeduplicatesAndLimits) {
  auto t = NormalizeTags({" b ", "a", "b"});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(NormalizeTags({"a,b"}).ok());
  EXPECT_FALSE(NormalizeTags({"中\xE3\x80\x80文"}).ok());
  // Invisible characters would make "vip" and "vip<U+200B>" two tags; a bidi
  // control is refused with its own code.
  EXPECT_FALSE(NormalizeTags({"vip\xE2\x80\x8B"}).ok());
  EXPECT_FALSE(NormalizeTags({"v\xC2\xA0ip"}).ok());
  EXPECT_FALSE(NormalizeTags({"\xE2\x80\x8B"}).ok());
  EXPECT_EQ(NormalizeTags({"\xE2\x80\xAEpiv"}).status().reason(), "bidi_control");
  EXPECT_FALSE(NormalizeTags({""}).ok());
  EXPECT_FALSE(NormalizeTags({std::string(33, 'x')}).ok());
  std::vector<std::string> twenty;
  for (int i = 0; i < 20; ++i) twenty.push_back("t" + std::to_string(i));
  EXPECT_TRUE(NormalizeTags(twenty).ok());
  twenty.push_back("t20");
  EXPECT_FALSE(NormalizeTags(twenty).ok());
}

TEST(ValidateCustomerTest, NamePhoneAndEmail) {
  Customer c{"", "王芳", "+86 138-0013-8000", "wang@example.com", Tier::kVip, {}};
  EXPECT_TRUE(ValidateCustomer(c).ok());
  c.phone = "138abc";
  EXPECT_FALSE(ValidateCustomer(c).ok());
  c.phone = "";
  c.email = "not-an-address";
  EXPECT_FALSE(ValidateCustomer(c).ok());
  c.email = "";
  c.name = " ";
  EXPECT_FALSE(ValidateCustomer(c).ok());
  c.name = "\xE2\x80\x8B\xC2\xA0";  // U+200B U+00A0
  EXPECT_FALSE(ValidateCustomer(c).ok());
  c.name = "\xE2\x80\xAE芳王";  // U+202E
  EXPECT_EQ(ValidateCustomer(c).reason(), "bidi_control");
}

TEST(ValidateOrderTest, ItemsAmountsAndTimeOrder) {
  Order o;
  o.customer_id = "C-000001";
  EXPECT_FALSE(ValidateOrder(o).ok());  // no items
  o.items = {{"SKU-1", "龙井", 2, 12800}};
  EXPECT_TRUE(ValidateOrder(o).ok());
  EXPECT_EQ(o.TotalFen(), 25600);
  o.items[0].quantity = 0;
  EXPECT_FALSE(ValidateOrder(o).ok());
  o.items[0].quantity = 1;
  o.items[0].price_fen = -1;
  EXPECT_FALSE(ValidateOrder(o).ok());
  o.items[0].price_fen = 100;
  o.paid_at = Timestamp{1000};
  o.shipped_at = Timestamp{2000};
  o.delivered_at = Timestamp{1500};
  EXPECT_FALSE(ValidateOrder(o).ok());  // delivered before shipped
  o.delivered_at = Timestamp{2500};
  EXPECT_TRUE(ValidateOrder(o).ok());
  o.paid_at.reset();
  EXPECT_FALSE(ValidateOrder(o).ok());  // shipped but never paid
}

}  // namespace
}  // namespace kefu
