// Normalisation: traditional and simplified meet, full-width and half-width
// meet, case and invisible characters do not matter.
#include <gtest/gtest.h>

#include "text/corpus.h"
#include "text/normalizer.h"

namespace kefu::text {
namespace {

struct Case {
  const char* in;
  const char* want;
};

class NormalizerTest : public ::testing::TestWithParam<Case> {};

TEST_P(NormalizerTest, Normalizes) {
  EXPECT_EQ(DefaultNormalizer().Normalize(GetParam().in), GetParam().want) << GetParam().in;
}

INSTANTIATE_TEST_SUITE_P(
    Pairs, NormalizerTest,
    ::testing::Values(
        // Traditional to simplified, phrases and characters.
        Case{"我的包裹怎麼還沒到", "我的包裹怎么还没到"},
        Case{"寄錯商品了，收到的是身體乳", "寄错商品了,收到的是身体乳"},
        Case{"請問可以寄到台灣嗎", "请问可以寄到台湾吗"},
        Case{"圍巾顏色不喜歡，想退貨", "围巾颜色不喜欢,想退货"},
        Case{"消費者協會", "消费者协会"},
        // Simplified text is left as it is.
        Case{"我的快递到哪了", "我的快递到哪了"},
        // Full-width letters, digits and punctuation; case.
        Case{"ＳＦ１２３４５６７８９０", "sf1234567890"},
        Case{"订单Ｏ－０００１２３", "订单o-000123"},
        Case{"Ｍａｔｅ６０ Ｐｒｏ", "mate60 pro"},
        Case{"￥１２．５０", "¥12.50"},
        Case{"iPhone 15", "iphone 15"},
        // Invisible characters and white space.
        Case{"投\u200b诉", "投诉"},
        Case{"  退款   什么时候\t到账\n", "退款 什么时候 到账"},
        // Circled digits unfold.
        Case{"①号", "1号"}));

TEST(NormalizerTest, InvalidUtf8BecomesReplacementCharacters) {
  std::string out = DefaultNormalizer().Normalize(std::string("ab\xFF" "cd"));
  EXPECT_EQ(out, "ab\xEF\xBF\xBD" "cd");
}

TEST(NormalizerTest, AMissingConfigurationIsAnError) {
  auto n = Normalizer::Create("no-such-config.json");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.status().code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace kefu::text

// The fast path (no OpenCC call for text without a character t2s changes)
// gives what the full conversion gives, over every message of the corpus.
TEST(NormalizerFastPathTest, AgreesWithTheFullConversionOnTheCorpus) {
  auto full = kefu::text::Normalizer::Create("/usr/share/opencc/t2s.json");  // a path: no fast path
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  int checked = 0;
  for (const auto& ex : kefu::text::BuiltInCorpus()) {
    ASSERT_EQ(kefu::text::DefaultNormalizer().Normalize(ex.text), (*full)->Normalize(ex.text)) << ex.text;
    ++checked;
  }
  for (const char* s : {"沈阳", "瀋陽", "乾隆皇帝", "头发", "頭髮", "理发", "理髮店"}) {
    EXPECT_EQ(kefu::text::DefaultNormalizer().Normalize(s), (*full)->Normalize(s)) << s;
  }
  EXPECT_GT(checked, 2000);
}
