// Tests for grading (training/grading.h): objective scoring, key-point
// suggestions, submission, a grader's final scores, certificates and item
// statistics.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>
#include <tuple>

#include "text/tokenizer.h"
#include "training/grading.h"

namespace kefu::training {
namespace {

using Letters = std::vector<std::string>;

constexpr Timestamp kT0{1'780'000'000'000};
constexpr int64_t kDayMs = 86'400'000;

const text::Tokenizer& Tok() {
  static const std::unique_ptr<text::Tokenizer> tok = [] {
    auto t = text::Tokenizer::Create(text::Tokenizer::BuiltInUserWords());
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return std::move(t).value();
  }();
  return *tok;
}

// --- ScoreChoice ------------------------------------------------------------

TEST(ScoreChoice, AllOrNothing) {
  const Letters key = {"A", "C", "D"};
  const auto s = ChoiceScoring::kAllOrNothing;
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "C", "D"}, 3, s), 3);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"D", "A", "C"}, 3, s), 3);  // order does not matter
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "C"}, 3, s), 0);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A"}, 3, s), 0);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "B"}, 3, s), 0);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "B", "C", "D"}, 3, s), 0);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {}, 3, s), 0);
}

TEST(ScoreChoice, HalfForSubset) {
  const Letters key = {"A", "C", "D"};
  const auto s = ChoiceScoring::kHalfForSubset;
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "C", "D"}, 3, s), 3);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "C"}, 3, s), 1.5);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"D"}, 3, s), 1.5);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "B"}, 3, s), 0);            // a wrong letter
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "B", "C", "D"}, 3, s), 0);  // the key and a wrong one
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"E"}, 3, s), 0);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {}, 3, s), 0);
}

TEST(ScoreChoice, Proportional) {
  const Letters key = {"A", "C", "D"};
  const auto s = ChoiceScoring::kProportional;
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "C", "D"}, 3, s), 3);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "C"}, 3, s), 2);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"C"}, 3, s), 1);
  EXPECT_DOUBLE_EQ(ScoreChoice({"A", "B", "C", "D"}, {"B", "D", "A"}, 4, s), 3);
  EXPECT_DOUBLE_EQ(ScoreChoice({"A", "B"}, {"B"}, 5, s), 2.5);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "B"}, 3, s), 0);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {"A", "C", "D", "E"}, 3, s), 0);
  EXPECT_DOUBLE_EQ(ScoreChoice(key, {}, 3, s), 0);
}

TEST(ScoreChoice, SingleKeyNeverPartial) {
  for (auto s : {ChoiceScoring::kAllOrNothing, ChoiceScoring::kHalfForSubset, ChoiceScoring::kProportional}) {
    EXPECT_DOUBLE_EQ(ScoreChoice({"B"}, {"B"}, 2, s), 2) << ToString(s);
    EXPECT_DOUBLE_EQ(ScoreChoice({"B"}, {"A"}, 2, s), 0) << ToString(s);
    EXPECT_DOUBLE_EQ(ScoreChoice({"B"}, {"B", "C"}, 2, s), 0) << ToString(s);
    EXPECT_DOUBLE_EQ(ScoreChoice({"B"}, {"A", "B", "C", "D"}, 2, s), 0) << ToString(s);
    EXPECT_DOUBLE_EQ(ScoreChoice({"B"}, {}, 2, s), 0) << ToString(s);
  }
}

// --- ScoreFillIn ------------------------------------------------------------

TEST(ScoreFillIn, SingleBlank) {
  EXPECT_DOUBLE_EQ(ScoreFillIn("运费险", "运费险", 2), 2);
  EXPECT_DOUBLE_EQ(ScoreFillIn("运费险", "保价", 2), 0);
  EXPECT_DOUBLE_EQ(ScoreFillIn("运费险", "", 2), 0);
  EXPECT_DOUBLE_EQ(ScoreFillIn("运费险", "运费", 2), 0);  // not a prefix match
}

TEST(ScoreFillIn, SeveralBlanks) {
  const std::string key = "退货；换货；维修";
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货；换货；维修", 3), 3);
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货;换货;维修", 3), 3);   // half-width separators
  EXPECT_DOUBLE_EQ(ScoreFillIn("退货;换货;维修", "退货；换货；维修", 3), 3);
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货；；维修", 3), 2);     // partial blanks
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货；维修；换货", 3), 1);  // blanks are in order
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货", 3), 1);
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "", 3), 0);
  EXPECT_DOUBLE_EQ(ScoreFillIn("七；运费险", "七；运费险；多余", 4), 4);  // extra blanks ignored
  EXPECT_DOUBLE_EQ(ScoreFillIn("七；运费险", "八；运费险", 4), 2);
}

TEST(ScoreFillIn, Alternatives) {
  const std::string key = "7/七；运费险|退货运费险";
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "7；运费险", 4), 4);
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "七；退货运费险", 4), 4);
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "七/7；运费险", 4), 2);  // an answer is not a list of alternatives
  EXPECT_DOUBLE_EQ(ScoreFillIn("七天／7天", "7天", 2), 2);    // full-width slash
  EXPECT_DOUBLE_EQ(ScoreFillIn("七天／7天", "七天", 2), 2);
}

TEST(ScoreFillIn, TraditionalAndSimplified) {
  EXPECT_DOUBLE_EQ(ScoreFillIn("运费", "運費", 2), 2);
  EXPECT_DOUBLE_EQ(ScoreFillIn("運費", "运费", 2), 2);
  EXPECT_DOUBLE_EQ(ScoreFillIn("运费险；退款", "運費險；退款", 4), 4);
  EXPECT_DOUBLE_EQ(ScoreFillIn("發票", "发票", 1), 1);
}

TEST(ScoreFillIn, FullWidthCaseSpacesAndPunctuation) {
  EXPECT_DOUBLE_EQ(ScoreFillIn("7天", "７天", 2), 2);
  EXPECT_DOUBLE_EQ(ScoreFillIn("SF", "ｓｆ", 2), 2);
  EXPECT_DOUBLE_EQ(ScoreFillIn("顺丰SF", "顺丰 sf", 2), 2);
  EXPECT_DOUBLE_EQ(ScoreFillIn("7天", " 7 天。", 2), 2);
  EXPECT_DOUBLE_EQ(ScoreFillIn("运费险", "“运费险”", 2), 2);
  EXPECT_DOUBLE_EQ(ScoreFillIn("运费险", "。，！", 2), 0);  // nothing but punctuation is blank
}

TEST(ScoreFillIn, WhitespaceSeparatedBlanks) {
  const std::string key = "退货；换货；维修";
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货 换货 维修", 3), 3);
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货　换货　维修", 3), 3);  // ideographic space
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "  退货   换货  维修 ", 3), 3);
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货 维修", 3), 1);
  EXPECT_DOUBLE_EQ(ScoreFillIn(key, "退货 换货", 3), 2);
  // A single-blank key keeps the answer whole (spaces are ignored).
  EXPECT_DOUBLE_EQ(ScoreFillIn("退货换货", "退货 换货", 2), 2);
}

// --- KeyPointCoverage -------------------------------------------------------

const std::string kReference =
    "（1）核实订单信息和物流状态；（2）向客户诚恳道歉并安抚情绪；（3）提供退款或补发的解决方案；"
    "（4）记录工单并跟进处理结果。";

std::vector<bool> CoveredFlags(const Coverage& c) {
  std::vector<bool> out;
  for (const auto& p : c.points) out.push_back(p.covered);
  return out;
}

TEST(KeyPointCoverage, NumberedPoints) {
  Coverage c = KeyPointCoverage(Tok(), kReference,
                                "我会先核实客户的订单信息，查看物流状态，然后向客户道歉，安抚客户的情绪。", 10);
  ASSERT_EQ(c.points.size(), 4u);
  EXPECT_EQ(c.points[0].text, "核实订单信息和物流状态");
  EXPECT_EQ(c.points[1].text, "向客户诚恳道歉并安抚情绪");
  EXPECT_EQ(c.points[2].text, "提供退款或补发的解决方案");
  EXPECT_EQ(c.points[3].text, "记录工单并跟进处理结果");
  EXPECT_EQ(CoveredFlags(c), (std::vector<bool>{true, true, false, false}));
  EXPECT_EQ(c.points[0].matched, (std::vector<std::string>{"核实", "订单", "信息", "物流", "状态"}));
  EXPECT_TRUE(c.points[0].missing.empty());
  EXPECT_EQ(c.points[1].missing, (std::vector<std::string>{"诚恳"}));
  EXPECT_TRUE(c.points[2].matched.empty());
  EXPECT_DOUBLE_EQ(c.suggested, 5);  // 10 × 2 / 4
}

TEST(KeyPointCoverage, SuggestedRoundedToHalf) {
  const std::string ref = "1. 核实订单信息和物流状态\n2. 向客户诚恳道歉并安抚情绪\n3. 提供退款或补发的解决方案";
  Coverage one = KeyPointCoverage(Tok(), ref, "先核实订单信息和物流状态。", 10);
  ASSERT_EQ(one.points.size(), 3u);
  EXPECT_EQ(one.points[0].text, "核实订单信息和物流状态");
  EXPECT_EQ(CoveredFlags(one), (std::vector<bool>{true, false, false}));
  EXPECT_DOUBLE_EQ(one.suggested, 3.5);  // 3.33 -> 3.5

  Coverage two = KeyPointCoverage(Tok(), ref, "先核实订单信息和物流状态，再向客户道歉、安抚情绪。", 10);
  EXPECT_EQ(CoveredFlags(two), (std::vector<bool>{true, true, false}));
  EXPECT_DOUBLE_EQ(two.suggested, 6.5);  // 6.67 -> 6.5

  Coverage none = KeyPointCoverage(Tok(), ref, "不知道", 10);
  EXPECT_EQ(CoveredFlags(none), (std::vector<bool>{false, false, false}));
  EXPECT_DOUBLE_EQ(none.suggested, 0);
}

TEST(KeyPointCoverage, SixtyPercentOfWords) {
  const std::string ref = "1. 核实订单信息和物流状态\n2. 向客户诚恳道歉并安抚情绪\n3. 提供退款或补发的解决方案";
  // 提供 退款 补发 解决 方案: 3 of 5 is enough, 2 of 5 is not.
  Coverage three = KeyPointCoverage(Tok(), ref, "可以退款，也可以补发，给出方案", 10);
  EXPECT_EQ(CoveredFlags(three), (std::vector<bool>{false, false, true}));
  EXPECT_EQ(three.points[2].matched, (std::vector<std::string>{"退款", "补发", "方案"}));
  EXPECT_EQ(three.points[2].missing, (std::vector<std::string>{"提供", "解决"}));
  EXPECT_DOUBLE_EQ(three.suggested, 3.5);

  Coverage two = KeyPointCoverage(Tok(), ref, "可以退款，也可以补发", 10);
  EXPECT_EQ(CoveredFlags(two), (std::vector<bool>{false, false, false}));
  EXPECT_EQ(two.points[2].matched, (std::vector<std::string>{"退款", "补发"}));
  EXPECT_DOUBLE_EQ(two.suggested, 0);
}

TEST(KeyPointCoverage, TraditionalAnswer) {
  const std::string ref = "1. 核实订单信息和物流状态\n2. 向客户诚恳道歉并安抚情绪\n3. 提供退款或补发的解决方案";
  Coverage c = KeyPointCoverage(Tok(), ref, "我會先核實訂單信息和物流狀態，向客戶道歉並安撫情緒。", 10);
  EXPECT_EQ(CoveredFlags(c), (std::vector<bool>{true, true, false}));
  EXPECT_DOUBLE_EQ(c.suggested, 6.5);
  // Key points are kept as written.
  EXPECT_EQ(c.points[1].text, "向客户诚恳道歉并安抚情绪");
}

TEST(KeyPointCoverage, CircledNumbersAndSentences) {
  Coverage c = KeyPointCoverage(Tok(), "①倾听客户诉求。②核实订单；③给出补偿方案", "认真倾听客户的诉求", 6);
  ASSERT_EQ(c.points.size(), 3u);
  EXPECT_EQ(c.points[0].text, "倾听客户诉求");
  EXPECT_EQ(c.points[1].text, "核实订单");
  EXPECT_EQ(c.points[2].text, "给出补偿方案");
  EXPECT_EQ(CoveredFlags(c), (std::vector<bool>{true, false, false}));
  EXPECT_DOUBLE_EQ(c.suggested, 2);

  Coverage s = KeyPointCoverage(Tok(), "核实订单。登记工单！承诺回访？赔偿运费", "登记工单，承诺回访", 8);
  ASSERT_EQ(s.points.size(), 4u);
  EXPECT_EQ(s.points[3].text, "赔偿运费");
  EXPECT_EQ(CoveredFlags(s), (std::vector<bool>{false, true, true, false}));
  EXPECT_DOUBLE_EQ(s.suggested, 4);

  Coverage h = KeyPointCoverage(Tok(), "(1)核实订单 (2)登记工单", "核实订单", 5);
  ASSERT_EQ(h.points.size(), 2u);
  EXPECT_EQ(h.points[0].text, "核实订单");
  EXPECT_EQ(h.points[1].text, "登记工单");
  EXPECT_EQ(CoveredFlags(h), (std::vector<bool>{true, false}));
  EXPECT_DOUBLE_EQ(h.suggested, 2.5);
}

// "1." items on one line, after "；" or "。": the number is a marker, not a
// word the answer would have to contain.
TEST(KeyPointCoverage, NumberedItemsAfterSeparators) {
  Coverage c = KeyPointCoverage(Tok(), "1.核实订单信息；2.向客户道歉；3.补发商品",
                                "核实订单信息，向客户道歉，补发商品", 6);
  ASSERT_EQ(c.points.size(), 3u);
  EXPECT_EQ(c.points[0].text, "核实订单信息");
  EXPECT_EQ(c.points[1].text, "向客户道歉");
  EXPECT_EQ(c.points[2].text, "补发商品");
  EXPECT_EQ(c.points[1].matched, (std::vector<std::string>{"客户", "道歉"}));
  EXPECT_TRUE(c.points[1].missing.empty());
  EXPECT_EQ(CoveredFlags(c), (std::vector<bool>{true, true, true}));
  EXPECT_DOUBLE_EQ(c.suggested, 6);

  Coverage d = KeyPointCoverage(Tok(), "1、核实订单信息。2、向客户道歉", "向客户道歉", 4);
  ASSERT_EQ(d.points.size(), 2u);
  EXPECT_EQ(d.points[1].text, "向客户道歉");
  EXPECT_EQ(CoveredFlags(d), (std::vector<bool>{false, true}));
  EXPECT_DOUBLE_EQ(d.suggested, 2);
}

TEST(KeyPointCoverage, FullWidthNumbers) {
  Coverage c = KeyPointCoverage(Tok(), "１．核实订单\n２．道歉；１０．补发", "道歉", 3);
  ASSERT_EQ(c.points.size(), 3u);
  EXPECT_EQ(c.points[0].text, "核实订单");
  EXPECT_EQ(c.points[1].text, "道歉");
  EXPECT_EQ(c.points[2].text, "补发");
  EXPECT_EQ(CoveredFlags(c), (std::vector<bool>{false, true, false}));
  EXPECT_DOUBLE_EQ(c.suggested, 1);
}

TEST(KeyPointCoverage, DecimalsAreNotItemNumbers) {
  Coverage c = KeyPointCoverage(Tok(), "退款金额按 1.5 倍计算；运费由商家承担", "运费由商家承担", 4);
  ASSERT_EQ(c.points.size(), 2u);
  EXPECT_EQ(c.points[0].text, "退款金额按 1.5 倍计算");
  EXPECT_EQ(c.points[1].text, "运费由商家承担");
  EXPECT_EQ(CoveredFlags(c), (std::vector<bool>{false, true}));
  EXPECT_DOUBLE_EQ(c.suggested, 2);
}

TEST(KeyPointCoverage, EmptyAnswerOrReference) {
  Coverage c = KeyPointCoverage(Tok(), kReference, "", 10);
  EXPECT_EQ(CoveredFlags(c), (std::vector<bool>{false, false, false, false}));
  EXPECT_DOUBLE_EQ(c.suggested, 0);
  Coverage none = KeyPointCoverage(Tok(), "", "核实订单信息", 10);
  EXPECT_TRUE(none.points.empty());
  EXPECT_DOUBLE_EQ(none.suggested, 0);
}

// --- Submit -----------------------------------------------------------------

// An exam of five sections, one item each: single choice (2), multiple
// choice (4), true/false (1), fill-in (3) and short answer (10): 20 points.
struct Exam {
  ExamSpec spec;
  std::vector<Question> qs;
  std::map<std::string, const Question*> by_id;
  Attempt a;

  explicit Exam(bool with_short_answer = true) {
    spec.id = "E-000001";
    spec.title = "售后客服上岗考试";
    spec.pass_percent = 60;
    spec.certification = "售后客服上岗证";
    spec.certificate_valid_days = 365;
    spec.sections = {{"", QuestionType::kSingleChoice, 1, 2, {}, ""},
                     {"", QuestionType::kMultipleChoice, 1, 4, {}, ""},
                     {"", QuestionType::kTrueFalse, 1, 1, {}, ""},
                     {"", QuestionType::kFillIn, 1, 3, {}, ""}};
    if (with_short_answer) spec.sections.push_back({"", QuestionType::kShortAnswer, 1, 10, {}, ""});

    qs.resize(5);
    qs[0].id = "Q-000001";
    qs[0].type = QuestionType::kSingleChoice;
    qs[0].options = {{"A", "签收当天"}, {"B", "签收次日"}, {"C", "下单当天"}, {"D", "发货当天"}};
    qs[0].key_letters = {"B"};
    qs[1].id = "Q-000002";
    qs[1].type = QuestionType::kMultipleChoice;
    qs[1].options = {{"A", "定制商品"}, {"B", "普通服装"}, {"C", "已拆封的生鲜"}, {"D", "家电"}, {"E", "图书"}};
    qs[1].key_letters = {"A", "C"};
    qs[2].id = "Q-000003";
    qs[2].type = QuestionType::kTrueFalse;
    qs[2].key_bool = true;
    qs[3].id = "Q-000004";
    qs[3].type = QuestionType::kFillIn;
    qs[3].key_text = "7/七；运费险";
    qs[4].id = "Q-000005";
    qs[4].type = QuestionType::kShortAnswer;
    qs[4].key_text = kReference;
    for (const auto& q : qs) by_id[q.id] = &q;

    a.id = "W-000001";
    a.exam_id = spec.id;
    a.candidate = "agent1";
    a.started_at = kT0;
    a.deadline = Timestamp{kT0.unix_ms + 3'600'000};
    // Shown letters: item 0 A->D B->C C->B D->A; item 1 A->C B->A C->B D->D E->E.
    a.items = {{"Q-000001", 0, 2, {"D", "C", "B", "A"}},
               {"Q-000002", 1, 4, {"C", "A", "B", "D", "E"}},
               {"Q-000003", 2, 1, {}},
               {"Q-000004", 3, 3, {}}};
    if (with_short_answer) a.items.push_back({"Q-000005", 4, 10, {}});
    a.answers.resize(a.items.size());
    a.max_score = TotalPoints(spec);
  }
  Exam(const Exam&) = delete;

  void AnswerAllRight() {
    a.answers[0].letters = {"C"};       // the question's B
    a.answers[1].letters = {"A", "B"};  // the question's C and A
    a.answers[2].value = true;
    a.answers[3].text = "七；運費險";
    if (a.answers.size() > 4) {
      a.answers[4].text = "我会先核实客户的订单信息，查看物流状态，然后向客户道歉，安抚客户的情绪。";
    }
  }
  Status DoSubmit(bool timed_out = false, Timestamp now = Timestamp{kT0.unix_ms + 1'200'000}) {
    return Submit(a, spec, by_id, Tok(), timed_out, now);
  }
};

TEST(Submit, ObjectiveItemsScoredThroughShownLetters) {
  Exam x;
  x.AnswerAllRight();
  Timestamp now{kT0.unix_ms + 1'200'000};
  ASSERT_TRUE(x.DoSubmit(false, now).ok());
  const Attempt& a = x.a;
  EXPECT_EQ(a.status, AttemptStatus::kSubmitted);
  EXPECT_EQ(a.submitted_at, std::optional<Timestamp>(now));
  EXPECT_FALSE(a.timed_out);
  ASSERT_EQ(a.grades.size(), 5u);
  EXPECT_EQ(a.grades[0].auto_score, std::optional<double>(2));
  EXPECT_EQ(a.grades[1].auto_score, std::optional<double>(4));
  EXPECT_EQ(a.grades[2].auto_score, std::optional<double>(1));
  EXPECT_EQ(a.grades[3].auto_score, std::optional<double>(3));
  for (int i = 0; i < 4; ++i) {
    EXPECT_FALSE(a.grades[i].final_score.has_value()) << i;
    EXPECT_EQ(a.grades[i].Score(), a.grades[i].auto_score) << i;
  }
  // The short answer: a suggestion, left for a grader.
  const ItemGrade& g = a.grades[4];
  EXPECT_FALSE(g.auto_score.has_value());
  EXPECT_FALSE(g.final_score.has_value());
  EXPECT_FALSE(g.Score().has_value());
  EXPECT_DOUBLE_EQ(g.suggested, 5);
  ASSERT_EQ(g.key_points.size(), 4u);
  EXPECT_TRUE(g.key_points[0].covered);
  EXPECT_TRUE(g.key_points[1].covered);
  EXPECT_FALSE(g.key_points[2].covered);
  EXPECT_FALSE(g.key_points[3].covered);
  EXPECT_EQ(g.grader, "");
  EXPECT_FALSE(FullyScored(a));
  EXPECT_DOUBLE_EQ(a.score, 0);
  EXPECT_FALSE(a.passed);
}

TEST(Submit, OwnLettersAreNotTheShownOnes) {
  Exam x;
  x.a.answers[0].letters = {"B"};       // shown B is the question's C: wrong
  x.a.answers[1].letters = {"A", "C"};  // the question's C and B: a wrong letter
  ASSERT_TRUE(x.DoSubmit().ok());
  EXPECT_EQ(x.a.grades[0].auto_score, std::optional<double>(0));
  EXPECT_EQ(x.a.grades[1].auto_score, std::optional<double>(0));
}

TEST(Submit, MultipleChoiceScoringFromSpec) {
  for (auto [scoring, want] : std::vector<std::pair<ChoiceScoring, double>>{
           {ChoiceScoring::kAllOrNothing, 0}, {ChoiceScoring::kHalfForSubset, 2}, {ChoiceScoring::kProportional, 2}}) {
    Exam x;
    x.spec.multiple_choice = scoring;
    x.a.answers[1].letters = {"A"};  // the question's C: one of two key letters
    ASSERT_TRUE(x.DoSubmit().ok());
    EXPECT_EQ(x.a.grades[1].auto_score, std::optional<double>(want)) << ToString(scoring);
  }
}

TEST(Submit, TrueFalse) {
  {
    Exam x;
    x.a.answers[2].value = false;
    ASSERT_TRUE(x.DoSubmit().ok());
    EXPECT_EQ(x.a.grades[2].auto_score, std::optional<double>(0));
  }
  {
    Exam x;  // not answered
    ASSERT_TRUE(x.DoSubmit().ok());
    EXPECT_EQ(x.a.grades[2].auto_score, std::optional<double>(0));
  }
  {
    Exam x;
    x.qs[2].key_bool = false;
    x.a.answers[2].value = false;
    ASSERT_TRUE(x.DoSubmit().ok());
    EXPECT_EQ(x.a.grades[2].auto_score, std::optional<double>(1));
  }
}

TEST(Submit, FillInPartial) {
  Exam x;
  x.a.answers[3].text = "7";  // the first of two blanks
  ASSERT_TRUE(x.DoSubmit().ok());
  EXPECT_EQ(x.a.grades[3].auto_score, std::optional<double>(1.5));
}

TEST(Submit, BlankObjectiveItemsScoreZero) {
  Exam x(false);
  ASSERT_TRUE(x.DoSubmit().ok());
  for (const auto& g : x.a.grades) EXPECT_EQ(g.auto_score, std::optional<double>(0));
  EXPECT_EQ(x.a.status, AttemptStatus::kGraded);
  EXPECT_DOUBLE_EQ(x.a.score, 0);
  EXPECT_FALSE(x.a.passed);
}

TEST(Submit, OnlyObjectiveItemsGradedAtOnce) {
  Exam x(false);
  x.AnswerAllRight();
  x.a.answers[2].value = false;
  ASSERT_TRUE(x.DoSubmit(true).ok());
  EXPECT_EQ(x.a.status, AttemptStatus::kGraded);
  EXPECT_TRUE(x.a.timed_out);
  EXPECT_TRUE(FullyScored(x.a));
  EXPECT_DOUBLE_EQ(x.a.max_score, 10);
  EXPECT_DOUBLE_EQ(x.a.score, 9);
  EXPECT_TRUE(x.a.passed);
}

TEST(Submit, BlankSubjectiveItemScoredZeroBySystem) {
  Exam x;
  x.AnswerAllRight();
  x.a.answers[4].text = "";
  ASSERT_TRUE(x.DoSubmit().ok());
  const ItemGrade& g = x.a.grades[4];
  EXPECT_EQ(g.final_score, std::optional<double>(0));
  EXPECT_EQ(g.grader, "system");
  EXPECT_EQ(g.comment, "未作答 / not answered");
  EXPECT_FALSE(g.auto_score.has_value());
  EXPECT_TRUE(g.key_points.empty());
  // Nothing left for a grader: graded at once.
  EXPECT_EQ(x.a.status, AttemptStatus::kGraded);
  EXPECT_DOUBLE_EQ(x.a.score, 10);
  EXPECT_FALSE(x.a.passed);  // 10 of 20 < 60%
}

TEST(Submit, CaseAnalysisIsSubjectiveToo) {
  Exam x;
  x.qs[4].type = QuestionType::kCaseAnalysis;
  x.AnswerAllRight();
  ASSERT_TRUE(x.DoSubmit().ok());
  EXPECT_FALSE(x.a.grades[4].Score().has_value());
  EXPECT_DOUBLE_EQ(x.a.grades[4].suggested, 5);
  EXPECT_EQ(x.a.status, AttemptStatus::kSubmitted);
}

TEST(Submit, OnlyOnce) {
  Exam x;
  ASSERT_TRUE(x.DoSubmit().ok());
  Status s = x.DoSubmit();
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "attempt_closed");
  Exam y(false);
  ASSERT_TRUE(y.DoSubmit().ok());
  ASSERT_EQ(y.a.status, AttemptStatus::kGraded);
  EXPECT_EQ(y.DoSubmit().reason(), "attempt_closed");
}

// --- SetFinalScore and Finish -----------------------------------------------

TEST(SetFinalScore, NotSubmitted) {
  Exam x;
  Status s = SetFinalScore(x.a, x.spec, 4, 5, "grader1", "");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "not_submitted");
}

TEST(SetFinalScore, Errors) {
  Exam x;
  x.AnswerAllRight();
  ASSERT_TRUE(x.DoSubmit().ok());
  auto expect_invalid = [&](int item, double score, const std::string& comment = "") {
    Status s = SetFinalScore(x.a, x.spec, item, score, "grader1", comment);
    EXPECT_EQ(s.code(), StatusCode::kValidation) << "item " << item << " score " << score;
  };
  expect_invalid(0, 1);    // objective
  expect_invalid(3, 3);    // objective
  expect_invalid(-1, 1);   // out of range
  expect_invalid(5, 1);    // out of range
  expect_invalid(4, -0.5);
  expect_invalid(4, 10.5);
  expect_invalid(4, 2.25);
  expect_invalid(4, 7.3);
  expect_invalid(4, std::nan(""));
  expect_invalid(4, 5, std::string(4001, 'x'));
  EXPECT_FALSE(x.a.grades[4].final_score.has_value());
  EXPECT_EQ(x.a.status, AttemptStatus::kSubmitted);
}

TEST(SetFinalScore, BoundsAndHalfSteps) {
  for (double score : {0.0, 0.5, 7.5, 10.0}) {
    Exam x;
    x.AnswerAllRight();
    ASSERT_TRUE(x.DoSubmit().ok());
    Status s = SetFinalScore(x.a, x.spec, 4, score, "grader1", std::string(4000, 'x'));
    EXPECT_TRUE(s.ok()) << score << ": " << s.ToString();
  }
}

TEST(SetFinalScore, FinishingGrades) {
  Exam x;
  x.AnswerAllRight();
  ASSERT_TRUE(x.DoSubmit().ok());
  ASSERT_TRUE(SetFinalScore(x.a, x.spec, 4, 6.5, "grader1", "要点基本齐全").ok());
  const ItemGrade& g = x.a.grades[4];
  EXPECT_EQ(g.final_score, std::optional<double>(6.5));
  EXPECT_EQ(g.grader, "grader1");
  EXPECT_EQ(g.comment, "要点基本齐全");
  EXPECT_DOUBLE_EQ(g.suggested, 5);  // the suggestion stays
  EXPECT_EQ(x.a.status, AttemptStatus::kGraded);
  EXPECT_DOUBLE_EQ(x.a.score, 16.5);
  EXPECT_TRUE(x.a.passed);
}

TEST(SetFinalScore, PassedAtExactlyPassPercent) {
  Exam x;  // 10 objective points + a 10-point short answer; pass at 60% = 12
  x.AnswerAllRight();
  ASSERT_TRUE(x.DoSubmit().ok());
  ASSERT_TRUE(SetFinalScore(x.a, x.spec, 4, 1.5, "grader1", "").ok());
  EXPECT_DOUBLE_EQ(x.a.score, 11.5);
  EXPECT_FALSE(x.a.passed);
  // A correction after grading recomputes the result.
  ASSERT_TRUE(SetFinalScore(x.a, x.spec, 4, 2, "grader2", "复核").ok());
  EXPECT_EQ(x.a.status, AttemptStatus::kGraded);
  EXPECT_DOUBLE_EQ(x.a.score, 12);
  EXPECT_TRUE(x.a.passed);
  EXPECT_EQ(x.a.grades[4].grader, "grader2");
  ASSERT_TRUE(SetFinalScore(x.a, x.spec, 4, 0, "grader2", "").ok());
  EXPECT_DOUBLE_EQ(x.a.score, 10);
  EXPECT_FALSE(x.a.passed);
}

TEST(SetFinalScore, PassPercentWithFractions) {
  Exam x(false);  // 10 points, pass at 70% = 7
  x.spec.pass_percent = 70;
  x.AnswerAllRight();
  x.a.answers[3].text = "";  // 2 + 4 + 1 + 0
  ASSERT_TRUE(x.DoSubmit().ok());
  EXPECT_DOUBLE_EQ(x.a.score, 7);
  EXPECT_TRUE(x.a.passed);  // 70% exactly

  Exam y(false);
  y.spec.pass_percent = 70;
  y.AnswerAllRight();
  y.a.answers[0].letters = {"A"};  // the question's D: 0 + 4 + 1 + 1.5
  y.a.answers[3].text = "7";
  ASSERT_TRUE(y.DoSubmit().ok());
  EXPECT_DOUBLE_EQ(y.a.score, 6.5);
  EXPECT_FALSE(y.a.passed);
}

TEST(SetFinalScore, SubjectiveItemBlankCanBeCorrected) {
  Exam x;
  x.AnswerAllRight();
  x.a.answers[4].text = "";
  ASSERT_TRUE(x.DoSubmit().ok());
  ASSERT_EQ(x.a.status, AttemptStatus::kGraded);
  ASSERT_TRUE(SetFinalScore(x.a, x.spec, 4, 3, "grader1", "答案写在了草稿纸上").ok());
  EXPECT_DOUBLE_EQ(x.a.score, 13);
  EXPECT_TRUE(x.a.passed);
}

TEST(FullyScoredAndFinish, Direct) {
  Attempt a;
  EXPECT_TRUE(FullyScored(a));  // no items
  a.items = {{"Q-1", 0, 4, {}}, {"Q-2", 0, 6, {}}};
  EXPECT_FALSE(FullyScored(a));  // not submitted: no grades
  a.grades.resize(2);
  a.grades[0].auto_score = 4;
  EXPECT_FALSE(FullyScored(a));
  a.grades[1].final_score = 2;
  EXPECT_TRUE(FullyScored(a));
  a.max_score = 10;
  ExamSpec e;
  e.pass_percent = 60;
  Finish(a, e);
  EXPECT_EQ(a.status, AttemptStatus::kGraded);
  EXPECT_DOUBLE_EQ(a.score, 6);
  EXPECT_TRUE(a.passed);
  e.pass_percent = 61;
  Finish(a, e);
  EXPECT_FALSE(a.passed);
}

TEST(ItemGradeScore, FinalOverAuto) {
  ItemGrade g;
  EXPECT_FALSE(g.Score().has_value());
  g.auto_score = 2;
  EXPECT_EQ(g.Score(), std::optional<double>(2));
  g.final_score = 1;
  EXPECT_EQ(g.Score(), std::optional<double>(1));
}

// --- Certificates -----------------------------------------------------------

TEST(Certificate, Issue) {
  Exam x;
  x.a.score = 16.5;
  x.a.passed = true;
  Timestamp now{kT0.unix_ms + 5 * kDayMs};
  Certificate c = IssueCertificate(x.spec, x.a, "Z-000003", now);
  EXPECT_EQ(c.id, "Z-000003");
  EXPECT_EQ(c.login, "agent1");
  EXPECT_EQ(c.name, "售后客服上岗证");
  EXPECT_EQ(c.exam_id, "E-000001");
  EXPECT_EQ(c.attempt_id, "W-000001");
  EXPECT_DOUBLE_EQ(c.score, 16.5);
  EXPECT_EQ(c.issued_at, now);
  EXPECT_EQ(c.expires_at.unix_ms, now.unix_ms + 365 * kDayMs);
  x.spec.certificate_valid_days = 3650;
  EXPECT_EQ(IssueCertificate(x.spec, x.a, "Z-000004", now).expires_at.unix_ms, now.unix_ms + 3650 * kDayMs);
  x.spec.certificate_valid_days = 1;
  EXPECT_EQ(IssueCertificate(x.spec, x.a, "Z-000005", now).expires_at.unix_ms, now.unix_ms + kDayMs);
}

TEST(Certificate, IsValidBoundaries) {
  Certificate c;
  c.issued_at = kT0;
  c.expires_at = Timestamp{kT0.unix_ms + 30 * kDayMs};
  EXPECT_FALSE(IsValid(c, Timestamp{kT0.unix_ms - 1}));
  EXPECT_TRUE(IsValid(c, kT0));
  EXPECT_TRUE(IsValid(c, Timestamp{kT0.unix_ms + 15 * kDayMs}));
  EXPECT_TRUE(IsValid(c, Timestamp{c.expires_at.unix_ms - 1}));
  EXPECT_FALSE(IsValid(c, c.expires_at));
  EXPECT_FALSE(IsValid(c, Timestamp{c.expires_at.unix_ms + 1}));
}

// --- ItemStatistics ---------------------------------------------------------

// A graded attempt with items (id, points, score); the total is their sum.
Attempt Graded(const std::string& id, std::vector<std::tuple<std::string, double, double>> items,
               double max_score = 10) {
  Attempt a;
  a.id = id;
  a.status = AttemptStatus::kGraded;
  a.max_score = max_score;
  for (const auto& [qid, pts, score] : items) {
    a.items.push_back({qid, 0, pts, {}});
    ItemGrade g;
    g.auto_score = score;
    a.grades.push_back(g);
    a.score += score;
  }
  return a;
}

TEST(ItemStatistics, DifficultyAndDiscriminationByHand) {
  // Totals 10, 8, 6, 4, 2 of 10.
  std::vector<Attempt> attempts = {
      Graded("W-1", {{"Q-1", 2, 2}, {"Q-2", 4, 4}, {"Q-3", 4, 4}}),
      Graded("W-2", {{"Q-1", 2, 2}, {"Q-2", 4, 2}, {"Q-3", 4, 4}}),
      Graded("W-3", {{"Q-1", 2, 0}, {"Q-2", 4, 4}, {"Q-4", 4, 2}}),
      Graded("W-4", {{"Q-1", 2, 2}, {"Q-2", 4, 0}, {"Q-3", 4, 2}}),
      Graded("W-5", {{"Q-1", 2, 0}, {"Q-2", 4, 0}, {"Q-4", 4, 2}}),
  };
  // Not graded, or no points at all: not counted.
  Attempt open = Graded("W-6", {{"Q-1", 2, 2}, {"Q-2", 4, 4}, {"Q-3", 4, 4}});
  open.status = AttemptStatus::kSubmitted;
  attempts.push_back(open);
  Attempt in_progress = Graded("W-7", {{"Q-1", 2, 0}, {"Q-4", 4, 0}});
  in_progress.status = AttemptStatus::kInProgress;
  attempts.push_back(in_progress);

  auto stats = ItemStatistics(attempts);
  ASSERT_EQ(stats.size(), 4u);
  // item ratios by rank 1, 1, 0, 1, 0; p = 3/5. The upper and lower
  // 27% of 5 are ceil(1.35) = 2 attempts: (1 + 1) / 2 - (0 + 1) / 2.
  EXPECT_EQ(stats[0].question_id, "Q-1");
  EXPECT_EQ(stats[0].responses, 5);
  EXPECT_DOUBLE_EQ(stats[0].difficulty, 0.6);
  ASSERT_TRUE(stats[0].discrimination.has_value());
  EXPECT_DOUBLE_EQ(*stats[0].discrimination, 0.5);
  // 1, 0.5, 1, 0, 0; p = 2.5/5; (1 + 0.5) / 2 - (0 + 0) / 2.
  EXPECT_EQ(stats[1].question_id, "Q-2");
  EXPECT_EQ(stats[1].responses, 5);
  EXPECT_DOUBLE_EQ(stats[1].difficulty, 0.5);
  ASSERT_TRUE(stats[1].discrimination.has_value());
  EXPECT_DOUBLE_EQ(*stats[1].discrimination, 0.75);
  // three graded attempts: 1, 1, 0.5; no discrimination under 4.
  EXPECT_EQ(stats[2].question_id, "Q-3");
  EXPECT_EQ(stats[2].responses, 3);
  EXPECT_DOUBLE_EQ(stats[2].difficulty, 2.5 / 3);
  EXPECT_FALSE(stats[2].discrimination.has_value());
  // 0.5, 0.5.
  EXPECT_EQ(stats[3].question_id, "Q-4");
  EXPECT_EQ(stats[3].responses, 2);
  EXPECT_DOUBLE_EQ(stats[3].difficulty, 0.5);
  EXPECT_FALSE(stats[3].discrimination.has_value());
}

TEST(ItemStatistics, FourAttemptsAreEnough) {
  // Totals 9, 7, 3, 1 of 10; ceil(4 × 0.27) = 2 each side.
  std::vector<Attempt> attempts = {
      Graded("W-1", {{"Q-9", 2, 2}, {"Q-8", 8, 7}}),
      Graded("W-2", {{"Q-9", 2, 1}, {"Q-8", 8, 6}}),
      Graded("W-3", {{"Q-9", 2, 2}, {"Q-8", 8, 1}}),
      Graded("W-4", {{"Q-9", 2, 0}, {"Q-8", 8, 1}}),
  };
  auto stats = ItemStatistics(attempts);
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats[0].question_id, "Q-8");
  EXPECT_DOUBLE_EQ(stats[0].difficulty, (7 + 6 + 1 + 1) / 32.0);
  EXPECT_DOUBLE_EQ(*stats[0].discrimination, ((7 + 6) / 8.0 - (1 + 1) / 8.0) / 2);
  EXPECT_EQ(stats[1].question_id, "Q-9");
  EXPECT_EQ(stats[1].responses, 4);
  EXPECT_DOUBLE_EQ(stats[1].difficulty, 5 / 8.0);
  // Upper: 1, 0.5; lower: 0, 1.
  EXPECT_DOUBLE_EQ(*stats[1].discrimination, 0.25);
  // A weak item: the strong miss it and the weak get it.
  attempts = {
      Graded("W-1", {{"Q-7", 2, 0}, {"Q-6", 8, 8}}),
      Graded("W-2", {{"Q-7", 2, 0}, {"Q-6", 8, 7}}),
      Graded("W-3", {{"Q-7", 2, 2}, {"Q-6", 8, 1}}),
      Graded("W-4", {{"Q-7", 2, 2}, {"Q-6", 8, 0}}),
  };
  stats = ItemStatistics(attempts);
  ASSERT_EQ(stats.size(), 2u);
  EXPECT_EQ(stats[1].question_id, "Q-7");
  EXPECT_DOUBLE_EQ(*stats[1].discrimination, -1);
}

TEST(ItemStatistics, OnlyGradedAttemptsCount) {
  std::vector<Attempt> attempts = {
      Graded("W-1", {{"Q-1", 2, 2}}, 2), Graded("W-2", {{"Q-1", 2, 0}}, 2),
      Graded("W-3", {{"Q-1", 2, 2}}, 2), Graded("W-4", {{"Q-1", 2, 2}}, 2)};
  attempts[3].status = AttemptStatus::kSubmitted;
  auto stats = ItemStatistics(attempts);
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].responses, 3);
  EXPECT_DOUBLE_EQ(stats[0].difficulty, 2 / 3.0);
  EXPECT_FALSE(stats[0].discrimination.has_value());
  EXPECT_TRUE(ItemStatistics({}).empty());
}

}  // namespace
}  // namespace kefu::training
