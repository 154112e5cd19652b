// Sentiment of a customer's message, Chinese first: is the customer angry
// or disappointed (negative), pleased or thankful (positive), or simply
// asking or telling something (neutral)? Plain questions and requests stay
// neutral: asking for a refund is not a complaint.
//
// The analysis is lexical (data/text/sentiment_lexicon.txt, compiled in,
// documents the format). The message is read left to right taking the
// longest lexicon entry at each position; cues (垃圾, 失望, 满意, 👍, ???)
// are modified by negators (不满意, 一点也不好用, 不差), intensifiers
// (太差, 非常失望, 有点慢), suffixes (恶心死了), emphasis (!!!) and
// contrast (谢谢,但是质量太差了: what follows 但是 counts most). A positive
// cue in a question counts little (能推荐一款吗), a negated negative cue
// in a question stays negative (这不是骗人吗), courtesy after a request
// closes it (请帮我查一下,谢谢), and irony (呵呵, a praise word in quotes)
// turns the praise negative.
//
//   "太失望了,再也不买了"          -> negative  cues {"太失望", "再也不买"}
//   "请问什么时候发货"             -> neutral   cues {}
//   "客服很耐心,点赞👍"            -> positive  cues {"很耐心", "点赞", "👍"}
//
// Thread-safe and pure: no I/O, no state between calls (the lexicon is
// parsed once, on first use). Typically a few microseconds per message, and
// linear in its length whatever it holds.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kefu::text {

enum class Sentiment { kNegative, kNeutral, kPositive };

// "negative", "neutral" or "positive".
std::string_view ToString(Sentiment s);

// Where the score's labels begin (see SentimentResult::score).
inline constexpr double kSentimentThreshold = 0.33;

struct SentimentResult {
  Sentiment label = Sentiment::kNeutral;
  // tanh of the cues' sum: -1 (very negative) .. +1 (very positive). The
  // label is negative at or below -kSentimentThreshold, positive at or
  // above +kSentimentThreshold, neutral in between.
  double score = 0;
  // The cues that decided the label (those of its sign; none for neutral),
  // in text order, each as it appears in the normalised text with its
  // modifiers ("不满意", "一点也不好用", "太差", "👍").
  std::vector<std::string> cues;
};

// `normalized`: text already passed through DefaultNormalizer() (simplified,
// NFKC, lower case); other text is analysed as it is, with fewer matches.
// Invalid UTF-8 bytes match nothing. Thread-safe.
SentimentResult AnalyzeSentiment(std::string_view normalized);

}  // namespace kefu::text
