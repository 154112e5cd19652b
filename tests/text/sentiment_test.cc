// Sentiment of customers' messages: negation, intensifiers, emoji and
// punctuation, traditional input, questions that stay neutral, mixed and
// ironic messages; then the accuracy on a labelled set of realistic
// messages (data/sentiment_eval.tsv), with its confusion matrix printed.
#include "text/sentiment.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "text/normalizer.h"

namespace kefu::text {
namespace {

constexpr Sentiment kNeg = Sentiment::kNegative;
constexpr Sentiment kNeu = Sentiment::kNeutral;
constexpr Sentiment kPos = Sentiment::kPositive;

SentimentResult Analyze(std::string_view text) {
  return AnalyzeSentiment(DefaultNormalizer().Normalize(text));
}

struct Case {
  const char* text;
  Sentiment want;
};
void PrintTo(const Case& c, std::ostream* os) { *os << c.text; }

class SentimentTest : public ::testing::TestWithParam<Case> {};

TEST_P(SentimentTest, Labels) {
  SentimentResult r = Analyze(GetParam().text);
  EXPECT_EQ(ToString(r.label), ToString(GetParam().want)) << GetParam().text << " score " << r.score;
}

INSTANTIATE_TEST_SUITE_P(
    Negation, SentimentTest,
    ::testing::Values(Case{"不满意", kNeg}, Case{"很不满意", kNeg}, Case{"不是很满意", kNeg},
                      Case{"一点也不好用", kNeg}, Case{"不行,这个方案我不接受", kNeg},
                      Case{"不错", kPos}, Case{"不差", kPos}, Case{"没问题", kNeu},
                      Case{"一点也不差,物超所值", kPos},
                      // Colloquial "extremely bad", not "not too bad".
                      Case{"不要太差", kNeg},
                      // 别 forbids: the complaint stays a complaint.
                      Case{"别再忽悠我了", kNeg},
                      // Rhetorical questions affirm.
                      Case{"这不是骗人吗", kNeg}, Case{"你们是不是不想解决问题", kNeg},
                      // 不 does not reach across 想再 to turn a complaint around.
                      Case{"不想再浪费时间了", kNeg},
                      // Negation after the word.
                      Case{"一点礼貌都没有", kNeg}));

INSTANTIATE_TEST_SUITE_P(
    Intensity, SentimentTest,
    ::testing::Values(Case{"有点慢", kNeg}, Case{"太慢了太慢了", kNeg}, Case{"恶心死了", kNeg},
                      Case{"超级好用", kPos}, Case{"非常满意", kPos},
                      Case{"没见过这么糟糕的客服", kNeg}));

INSTANTIATE_TEST_SUITE_P(
    EmojiAndPunctuation, SentimentTest,
    ::testing::Values(Case{"😡", kNeg}, Case{"😭😭", kNeg}, Case{"👍", kPos},
                      Case{"好的🙏", kPos},
                      // Full-width ？？？ and ！！！ are ??? and !!! once normalised.
                      Case{"到底什么时候发货？？？", kNeg}, Case{"在吗??", kNeu},
                      Case{"假货！！！", kNeg}, Case{"谢谢！！", kPos}, Case{"[强]", kPos}));

INSTANTIATE_TEST_SUITE_P(
    Traditional, SentimentTest,
    ::testing::Values(Case{"東西太爛了", kNeg}, Case{"客服態度很差，一直不回覆", kNeg},
                      Case{"給你們按讚", kPos}, Case{"非常滿意，會再回購", kPos},
                      Case{"請問什麼時候出貨", kNeu}, Case{"無言", kNeg},
                      Case{"這款跟那款有什麼差別", kNeu}));

INSTANTIATE_TEST_SUITE_P(
    QuestionsAndRequestsStayNeutral, SentimentTest,
    ::testing::Values(Case{"请问什么时候发货", kNeu}, Case{"我要开发票", kNeu},
                      Case{"快递到哪了", kNeu}, Case{"我要退款", kNeu},
                      Case{"退钱的话多久到账", kNeu}, Case{"差价能退吗", kNeu},
                      Case{"能推荐一款吗", kNeu}, Case{"请帮我查一下物流,谢谢", kNeu},
                      Case{"不好意思,我拍错了", kNeu}, Case{"没收到发票", kNeu},
                      Case{"收到了,有点色差,想换一件", kNeu}));

INSTANTIATE_TEST_SUITE_P(
    MixedAndIronic, SentimentTest,
    ::testing::Values(Case{"谢谢，但是质量太差了", kNeg},
                      Case{"客服人挺好的,可是产品真的不行", kNeg},
                      Case{"虽然慢了点,但是东西很好", kPos}, Case{"质量太差了,谢谢", kNeg},
                      Case{"谢谢你帮我催快递,已经收到了", kPos},
                      Case{"感谢你们的“高效”，一个月了还没退款", kNeg},
                      Case{"呵呵,效率真高", kNeg}));

// Words that contain a cue without being one.
INSTANTIATE_TEST_SUITE_P(
    FalseFriends, SentimentTest,
    ::testing::Values(Case{"已经联系客服了", kNeu}, Case{"牛仔裤有没有大码", kNeu},
                      Case{"订单号o-006661", kNeu}, Case{"负责人是谁", kNeu},
                      Case{"滚筒洗衣机怎么清洗", kNeu}));

TEST(SentimentTest, CuesAreTheDecidingEntriesInTextOrder) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Analyze("太失望了,再也不买了").cues, (V{"太失望", "再也不买"}));
  EXPECT_EQ(Analyze("客服很耐心,点赞👍").cues, (V{"很耐心", "点赞", "👍"}));
  EXPECT_EQ(Analyze("谢谢，但是质量太差了").cues, (V{"太差"}));
  EXPECT_EQ(Analyze("一点也不好用").cues, (V{"一点也不好用"}));
  EXPECT_EQ(Analyze("恶心死了").cues, (V{"恶心死了"}));
  EXPECT_EQ(Analyze("請問什麼時候出貨").cues, V{});
}

TEST(SentimentTest, ScoreAgreesWithTheLabel) {
  for (const char* text : {"垃圾垃圾垃圾😡😡😡!!!", "谢谢", "请问什么时候发货", "不差"}) {
    SentimentResult r = Analyze(text);
    EXPECT_GE(r.score, -1) << text;
    EXPECT_LE(r.score, 1) << text;
    switch (r.label) {
      case Sentiment::kNegative: EXPECT_LE(r.score, -kSentimentThreshold) << text; break;
      case Sentiment::kNeutral: EXPECT_LT(std::abs(r.score), kSentimentThreshold) << text; break;
      case Sentiment::kPositive: EXPECT_GE(r.score, kSentimentThreshold) << text; break;
    }
  }
}

TEST(SentimentTest, EmptyAndInvalidInputAreNeutral) {
  EXPECT_EQ(AnalyzeSentiment("").label, kNeu);
  EXPECT_EQ(AnalyzeSentiment("\xFF\xFE").label, kNeu);
  EXPECT_EQ(AnalyzeSentiment(std::string("垃圾\xFF")).label, kNeg);
}

TEST(SentimentTest, Names) {
  EXPECT_EQ(ToString(kNeg), "negative");
  EXPECT_EQ(ToString(kNeu), "neutral");
  EXPECT_EQ(ToString(kPos), "positive");
}

// The labelled set: "label<TAB>text" lines, '#' comments.
struct Labelled {
  Sentiment want;
  std::string text;
};

std::vector<Labelled> ReadEvalSet() {
  std::ifstream in(std::string(KEFU_TEXT_TEST_DATA) + "/sentiment_eval.tsv");
  std::vector<Labelled> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << "no tab: " << line;
      continue;
    }
    std::string label = line.substr(0, tab);
    Sentiment want = label == "negative" ? kNeg : label == "positive" ? kPos : kNeu;
    if (label != "negative" && label != "neutral" && label != "positive") {
      ADD_FAILURE() << "bad label: " << line;
      continue;
    }
    out.push_back({want, line.substr(tab + 1)});
  }
  return out;
}

int Index(Sentiment s) { return static_cast<int>(s); }

TEST(SentimentEvalTest, AccuracyOnLabelledMessages) {
  std::vector<Labelled> set = ReadEvalSet();
  ASSERT_GE(set.size(), 240u) << "missing " << KEFU_TEXT_TEST_DATA << "/sentiment_eval.tsv?";

  std::array<std::array<int, 3>, 3> matrix{};  // [want][got]
  int right = 0;
  for (const Labelled& l : set) {
    SentimentResult r = Analyze(l.text);
    ++matrix[Index(l.want)][Index(r.label)];
    if (r.label == l.want) {
      ++right;
    } else {
      std::printf("  miss: want %-8s got %-8s %+.2f  %s\n", ToString(l.want).data(),
                  ToString(r.label).data(), r.score, l.text.c_str());
    }
  }
  double accuracy = static_cast<double>(right) / set.size();
  std::printf("\n  confusion matrix (rows: labelled, columns: analysed), %zu messages\n", set.size());
  std::printf("  %-10s %9s %9s %9s\n", "", "negative", "neutral", "positive");
  for (Sentiment want : {kNeg, kNeu, kPos}) {
    const auto& row = matrix[Index(want)];
    std::printf("  %-10s %9d %9d %9d\n", ToString(want).data(), row[0], row[1], row[2]);
  }
  std::printf("  accuracy %.3f\n\n", accuracy);

  EXPECT_GE(accuracy, 0.85);
  const auto& negatives = matrix[Index(kNeg)];
  int all_negatives = negatives[0] + negatives[1] + negatives[2];
  ASSERT_GT(all_negatives, 0);
  EXPECT_LE(static_cast<double>(negatives[Index(kPos)]) / all_negatives, 0.02)
      << "negative messages labelled positive";
}

TEST(SentimentEvalTest, ThreadsAgree) {
  std::vector<Labelled> set = ReadEvalSet();
  std::vector<std::string> normalized;
  std::vector<Sentiment> want;
  for (const Labelled& l : set) {
    normalized.push_back(DefaultNormalizer().Normalize(l.text));
    want.push_back(AnalyzeSentiment(normalized.back()).label);
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (size_t k = 0; k < normalized.size(); ++k) {
          if (AnalyzeSentiment(normalized[k]).label != want[k]) ++mismatches[t];
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

}  // namespace
}  // namespace kefu::text
