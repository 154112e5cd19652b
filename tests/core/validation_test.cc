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

TEST(NormalizeTagsTest, SortsDeduplicatesAndLimits) {
  auto t = NormalizeTags({" b ", "a", "b"});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(*t, (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(NormalizeTags({"a,b"}).ok());
  EXPECT_FALSE(NormalizeTags({"中\xE3\x80\x80文"}).ok());
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
