// Segmentation: Chinese words by ICU, bigrams for recall, identifiers as
// single tokens, user-dictionary words kept whole.
#include <gtest/gtest.h>

#include <algorithm>

#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace kefu::text {
namespace {

std::vector<std::string> Texts(const std::vector<Token>& tokens, TokenKind kind) {
  std::vector<std::string> out;
  for (const auto& t : tokens) {
    if (t.kind == kind) out.push_back(t.text);
  }
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Tokens of `raw` with the given user dictionary.
std::vector<Token> TokWith(const std::string& raw, std::set<std::string> user,
                           bool bigrams = true) {
  auto t = Tokenizer::Create(std::move(user));
  EXPECT_TRUE(t.ok());
  return (*t)->Tokenize(DefaultNormalizer().Normalize(raw), bigrams);
}
// ... with the dictionary Kefu ships.
std::vector<Token> Tok(const std::string& raw, bool bigrams = true) {
  return TokWith(raw, Tokenizer::BuiltInUserWords(), bigrams);
}

TEST(TokenizerTest, ChineseIsSegmentedIntoWordsWithBigrams) {
  auto tokens = Tok("我的快递到哪了");
  auto words = Texts(tokens, TokenKind::kWord);
  EXPECT_TRUE(Has(words, "快递")) << ::testing::PrintToString(words);
  // Every word together spells the text: nothing is lost.
  std::string joined;
  for (const auto& w : words) joined += w;
  EXPECT_EQ(joined, "我的快递到哪了");
  auto grams = Texts(tokens, TokenKind::kBigram);
  EXPECT_TRUE(Has(grams, "的快")) << ::testing::PrintToString(grams);
  EXPECT_FALSE(Has(grams, "快递")) << "a bigram that is also a word is not repeated";
  EXPECT_TRUE(Texts(Tok("我的快递到哪了", false), TokenKind::kBigram).empty());
}

TEST(TokenizerTest, OffsetsPointIntoTheNormalisedText) {
  std::string norm = DefaultNormalizer().Normalize("訂單O-000123還沒發貨");
  auto t = Tokenizer::Create(Tokenizer::BuiltInUserWords());
  ASSERT_TRUE(t.ok());
  for (const auto& tok : (*t)->Tokenize(norm)) {
    if (tok.kind == TokenKind::kAmount) continue;
    EXPECT_EQ(norm.substr(tok.begin, tok.end - tok.begin), tok.text);
  }
}

TEST(TokenizerTest, IdentifiersAreSingleTokens) {
  auto tokens = Tok("订单Ｏ－０００１２３，顺丰单号SF1428859302716，电话13812345678，工单T-000042");
  EXPECT_EQ(Texts(tokens, TokenKind::kOrder), std::vector<std::string>{"o-000123"});
  EXPECT_EQ(Texts(tokens, TokenKind::kTracking), std::vector<std::string>{"sf1428859302716"});
  EXPECT_EQ(Texts(tokens, TokenKind::kPhone), std::vector<std::string>{"13812345678"});
  EXPECT_EQ(Texts(tokens, TokenKind::kTicket), std::vector<std::string>{"t-000042"});
  // A long digit run is a tracking number; a short one a number.
  EXPECT_EQ(Texts(Tok("京东 JDVC21874563209 第3次"), TokenKind::kTracking),
            std::vector<std::string>{"jdvc21874563209"});
  EXPECT_EQ(Texts(Tok("773012345678901"), TokenKind::kTracking),
            std::vector<std::string>{"773012345678901"});
  EXPECT_EQ(Texts(Tok("第3次"), TokenKind::kNumber), std::vector<std::string>{"3"});
  // 12 digits starting 1[3-9] with one digit too many: not a phone.
  EXPECT_TRUE(Texts(Tok("138123456789"), TokenKind::kPhone).empty());
}

TEST(TokenizerTest, AmountsAreRecognisedBySignOrUnit) {
  auto tokens = Tok("退了￥１２．５０，还差30元，另外5块运费，共3件");
  EXPECT_EQ(Texts(tokens, TokenKind::kAmount), (std::vector<std::string>{"12.50", "30", "5"}));
  EXPECT_EQ(Texts(tokens, TokenKind::kNumber), std::vector<std::string>{"3"});
}

TEST(TokenizerTest, LatinWordsAndMixedScripts) {
  auto words = Texts(Tok("华为Mate60 Pro屏幕绿线"), TokenKind::kWord);
  EXPECT_TRUE(Has(words, "华为")) << ::testing::PrintToString(words);
  EXPECT_TRUE(Has(words, "mate60"));
  EXPECT_TRUE(Has(words, "pro"));
  EXPECT_TRUE(Has(words, "屏幕"));
}

TEST(TokenizerTest, UserDictionaryWordsStayWhole) {
  std::string text = "扫地机器人降价了";
  auto plain = Texts(TokWith(text, {}), TokenKind::kWord);
  EXPECT_FALSE(Has(plain, "扫地机器人")) << "ICU alone splits the product name";
  auto with = Texts(TokWith(text, {"扫地机器人"}), TokenKind::kWord);
  EXPECT_TRUE(Has(with, "扫地机器人")) << ::testing::PrintToString(with);
  // Across scripts too.
  auto brand = Texts(TokWith("华为mate60坏了", {"华为mate60"}), TokenKind::kWord);
  EXPECT_TRUE(Has(brand, "华为mate60")) << ::testing::PrintToString(brand);
}

TEST(TokenizerTest, TheShippedDictionaryKeepsServiceWordsWhole) {
  // ICU's general dictionary splits these into single characters.
  for (const char* w : {"发货", "退货", "华为", "顺丰", "签收", "转人工", "消费者协会"}) {
    EXPECT_FALSE(Has(Texts(TokWith(w, {}), TokenKind::kWord), w)) << w;
    EXPECT_TRUE(Has(Texts(Tok(w), TokenKind::kWord), w)) << w;
  }
  // Written in traditional characters, they are found all the same.
  EXPECT_TRUE(Has(Texts(Tok("還沒發貨"), TokenKind::kWord), "发货"));
  auto words = Tokenizer::ParseUserWords("退貨 退款  # comment\n\n華為\n");
  EXPECT_EQ(words, (std::set<std::string>{"退货", "退款", "华为"}));
}

TEST(TokenizerTest, TraditionalAndSimplifiedGiveTheSameTokens) {
  EXPECT_EQ(Tok("我的包裹怎麼還沒到"), Tok("我的包裹怎么还没到"));
  EXPECT_EQ(Tok("退貨退款"), Tok("退货退款"));
}

TEST(TokenizerTest, PunctuationAndEmojiSeparate) {
  auto tokens = Tok("快点！！！🙏发货");
  for (const auto& t : tokens) {
    EXPECT_EQ(t.text.find("!"), std::string::npos);
    EXPECT_EQ(t.text.find("\xF0\x9F\x99\x8F"), std::string::npos);
  }
  EXPECT_TRUE(Has(Texts(tokens, TokenKind::kWord), "发货"));
  EXPECT_FALSE(Has(Texts(tokens, TokenKind::kBigram), "点发")) << "no bigram across a break";
}

}  // namespace
}  // namespace kefu::text
