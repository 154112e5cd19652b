// The text pipeline takes time linear in its input, whatever it holds:
// the normaliser, the segmenter and sentiment, each timed on a small and a
// large text of one adversarial shape (linear_time.h). Each says which
// change, undone, makes it fail; the shapes that never were quadratic
// guard against a rescan per character creeping in.
#include <memory>
#include <string>

#include "text/linear_time.h"
#include "text/normalizer.h"
#include "text/sentiment.h"
#include "text/tokenizer.h"

namespace kefu::text {
namespace {

using kefu::testing::ExpectLinear;
using kefu::testing::kLargeBytes;
using kefu::testing::kSmallBytes;
using kefu::testing::Repeat;

void ExpectNormalizeLinear(const std::string& what, const std::string& head, const std::string& unit) {
  ExpectLinear(what, head + Repeat(unit, kSmallBytes), head + Repeat(unit, kLargeBytes),
               [](const std::string& s) { DefaultNormalizer().Normalize(s); });
}

// Undo: in FoldUnicode (normalizer.cc), normalise the text whole, without
// `cuts`: ICU sorts the combining marks after a character by insertion,
// and 1 MB of alternating marks took minutes.
TEST(TextLinearTest, NormalizeCombiningMarks) {
  ExpectNormalizeLinear("a + U+0301 U+0316 …", "a", "\xCC\x81\xCC\x96");
  // Soft hyphens are dropped by the folding, so they do not separate the marks.
  ExpectNormalizeLinear("a + U+0301 U+00AD U+0316 …", "a", "\xCC\x81\xC2\xAD\xCC\x96");
  // U+0F73 decomposes into two marks.
  ExpectNormalizeLinear("U+0F73 …", "", "\xE0\xBD\xB3");
}

// Linear before too.
TEST(TextLinearTest, NormalizeOtherShapes) {
  ExpectNormalizeLinear("（（（…", "", "（");
  ExpectNormalizeLinear("1a 1a …", "", "1a ");
  ExpectNormalizeLinear("   …", "x", " \t");
  ExpectNormalizeLinear("。，！“…", "", "。，！“");
  ExpectNormalizeLinear("怎麼還沒到…", "", "我的包裹怎麼還沒到");  // OpenCC t2s
}

const Tokenizer& Tok() {
  static const std::unique_ptr<Tokenizer> tok = Tokenizer::Create(Tokenizer::BuiltInUserWords()).value();
  return *tok;
}

// Tokenize on normalised text of `unit` repeated: 2.5 KB and 256 KB (ICU's
// dictionary segmentation of Chinese takes about a microsecond a byte).
void ExpectTokenizeLinear(const std::string& what, const std::string& unit) {
  const std::string small = DefaultNormalizer().Normalize(Repeat(unit, kSmallBytes / 4));
  const std::string large = DefaultNormalizer().Normalize(Repeat(unit, kLargeBytes / 4));
  ExpectLinear(what, small, large, [](const std::string& s) { Tok().Tokenize(s); });
}

// Linear before too: one long run of Chinese, of digits, of letters,
// identifiers, amounts, user-dictionary words, punctuation.
TEST(TextLinearTest, Tokenize) {
  ExpectTokenizeLinear("好好好…", "好");
  ExpectTokenizeLinear("我的包裹怎么还没到…", "我的包裹怎么还没到");
  ExpectTokenizeLinear("扫地机器人…", "扫地机器人");
  ExpectTokenizeLinear("111…", "1");
  ExpectTokenizeLinear("aaa…", "a");
  ExpectTokenizeLinear("a-1.a-1.…", "a-1.");
  ExpectTokenizeLinear("¥ 12.5 元 …", "¥ 12.5 元 ");
  ExpectTokenizeLinear("（（。，…", "（（。，");
}

void ExpectSentimentLinear(const std::string& what, const std::string& unit) {
  ExpectLinear(what, Repeat(unit, kSmallBytes), Repeat(unit, kLargeBytes),
               [](const std::string& s) { AnalyzeSentiment(s); });
}

// Undo: in Reader::Apply (sentiment.cc), kContrast back to multiplying every
// cue so far for each contrast word (drop kEagerContrasts and
// later_contrasts_).
TEST(TextLinearTest, SentimentWithManyContrasts) {
  ExpectSentimentLinear("满意但满意但…", "满意但");
  ExpectSentimentLinear("太差了,但是…", "太差了,但是");
}

// Linear before too: many cues in one clause, modifiers, emphasis,
// questions, quotes, requests.
TEST(TextLinearTest, SentimentOtherShapes) {
  ExpectSentimentLinear("满意满意…", "满意");
  ExpectSentimentLinear("不不不…", "不");
  ExpectSentimentLinear("非常非常…", "非常");
  ExpectSentimentLinear("好!!好!!…", "好!!");
  ExpectSentimentLinear("吗吗吗…", "吗");
  ExpectSentimentLinear("\"好\"\"好\"…", "\"好\"");
  ExpectSentimentLinear("请帮我查一下,谢谢…", "请帮我查一下,谢谢");
  ExpectSentimentLinear("1.1.1.…", "1.");
}

}  // namespace
}  // namespace kefu::text
