// Tests for the question bank rules (training/bank.h): which parsed papers
// may be saved, how a paper and its questions are built, and the export
// back to the parsed form.
#include <gtest/gtest.h>

#include <algorithm>

#include "training/bank.h"

namespace kefu::training {
namespace {

using Letters = std::vector<std::string>;
using Options = std::vector<std::pair<std::string, std::string>>;

ParsedQuestion Choice(int number, int line, const std::string& stem, const Letters& key) {
  ParsedQuestion q;
  q.number = number;
  q.line = line;
  q.stem = stem;
  q.options = {{"A", "选项一"}, {"B", "选项二"}, {"C", "选项三"}, {"D", "选项四"}};
  q.key_letters = key;
  return q;
}

ParsedQuestion TrueFalse(int number, int line, const std::string& stem, std::optional<bool> key) {
  ParsedQuestion q;
  q.number = number;
  q.line = line;
  q.stem = stem;
  q.key_bool = key;
  return q;
}

ParsedQuestion Text(int number, int line, const std::string& stem, const std::string& key) {
  ParsedQuestion q;
  q.number = number;
  q.line = line;
  q.stem = stem;
  q.key_text = key;
  return q;
}

ParsedSection Section(QuestionType type, const std::string& title, double each,
                      std::vector<ParsedQuestion> qs) {
  ParsedSection s;
  s.type = type;
  s.title = title;
  s.points_each = each;
  s.count = static_cast<int>(qs.size());
  s.questions = std::move(qs);
  return s;
}

// A complete exam paper: every objective question has its key.
ParsedPaper ExamPaper() {
  ParsedPaper p;
  p.title = "售后客服上岗考试";
  p.sections.push_back(Section(QuestionType::kSingleChoice, "一、单选题(每题2分)", 2,
                               {Choice(1, 3, "七天无理由退货从哪天起算？", {"C"}),
                                Choice(2, 8, "运费险由谁理赔？", {"A"})}));
  p.sections.push_back(Section(QuestionType::kMultipleChoice, "二、多选题(每题3分)", 3,
                               {Choice(1, 14, "哪些情况可以拒绝退货？", {"D", "A", "B"})}));
  p.sections.push_back(Section(QuestionType::kTrueFalse, "三、判断题", 1,
                               {TrueFalse(1, 20, "定制商品不支持七天无理由退货。", true)}));
  p.sections.push_back(Section(QuestionType::kFillIn, "四、填空题", 2,
                               {Text(1, 23, "退货须在签收后____天内申请。", "7/七")}));
  p.sections.push_back(Section(QuestionType::kShortAnswer, "五、简答题", 10,
                               {Text(1, 26, "简述处理客户投诉的步骤。", "（1）倾听；（2）道歉；（3）解决")}));
  return p;
}

ParsedQuestion Interview(int number, int line, const std::string& stem) {
  ParsedQuestion q;
  q.number = number;
  q.line = line;
  q.stem = stem;
  q.competencies = {"问题解决能力", "领导力"};
  q.rubric = {{1, "没有具体例子"}, {3, "有例子但缺少结果"}, {5, "有例子、行动和可量化的结果"}};
  return q;
}

ParsedPaper InterviewKit() {
  ParsedPaper p;
  p.title = "售后服务经理面试题";
  p.sections.push_back(Section(QuestionType::kBehavioral, "一、行为面试题", 0,
                               {Interview(1, 2, "讲一次你处理升级投诉的经历。"),
                                Interview(2, 6, "讲一次你带领团队完成目标的经历。")}));
  p.sections.push_back(Section(QuestionType::kSituational, "二、情景题", 0,
                               {Interview(1, 11, "客户在直播间刷屏投诉，你怎么办？")}));
  return p;
}

void ExpectValidation(const Status& s, const std::string& reason) {
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kValidation) << s.ToString();
  EXPECT_EQ(s.reason(), reason) << s.ToString();
}

// --- Classification -------------------------------------------------------

TEST(BankTypes, InterviewTypes) {
  for (auto t : {QuestionType::kBehavioral, QuestionType::kSituational, QuestionType::kKnowledge,
                 QuestionType::kManagement}) {
    EXPECT_TRUE(IsInterviewType(t)) << ToString(t);
    EXPECT_FALSE(IsObjective(t)) << ToString(t);
  }
  for (auto t : {QuestionType::kSingleChoice, QuestionType::kMultipleChoice, QuestionType::kTrueFalse,
                 QuestionType::kFillIn, QuestionType::kShortAnswer, QuestionType::kCaseAnalysis}) {
    EXPECT_FALSE(IsInterviewType(t)) << ToString(t);
  }
}

TEST(BankTypes, ObjectiveTypes) {
  EXPECT_TRUE(IsObjective(QuestionType::kSingleChoice));
  EXPECT_TRUE(IsObjective(QuestionType::kMultipleChoice));
  EXPECT_TRUE(IsObjective(QuestionType::kTrueFalse));
  EXPECT_TRUE(IsObjective(QuestionType::kFillIn));
  EXPECT_FALSE(IsObjective(QuestionType::kShortAnswer));
  EXPECT_FALSE(IsObjective(QuestionType::kCaseAnalysis));
}

TEST(BankTypes, PaperKindNames) {
  EXPECT_EQ(ToString(PaperKind::kExam), "exam");
  EXPECT_EQ(ToString(PaperKind::kInterviewKit), "interview_kit");
}

TEST(BankTypes, HasTag) {
  Question q;
  q.tags = {"topic:退货政策", "difficulty:easy"};
  EXPECT_TRUE(HasTag(q, "topic:退货政策"));
  EXPECT_TRUE(HasTag(q, "difficulty:easy"));
  EXPECT_FALSE(HasTag(q, "difficulty:hard"));
  EXPECT_FALSE(HasTag(q, "topic:"));
  EXPECT_FALSE(HasTag(q, "退货政策"));
}

TEST(BankTypes, QuestionCount) {
  EXPECT_EQ(QuestionCount(ParsedPaper{}), 0u);
  EXPECT_EQ(QuestionCount(ExamPaper()), 6u);
  EXPECT_EQ(QuestionCount(InterviewKit()), 3u);
}

// --- CheckSavable -----------------------------------------------------------

TEST(CheckSavable, CompleteExamPaperIsSavable) {
  EXPECT_TRUE(CheckSavable(ExamPaper(), false).ok());
  EXPECT_TRUE(CheckSavable(ExamPaper(), true).ok());
}

TEST(CheckSavable, InterviewKitWithoutKeysIsSavable) {
  EXPECT_TRUE(CheckSavable(InterviewKit(), false).ok());
}

TEST(CheckSavable, EmptyPaper) {
  ExpectValidation(CheckSavable(ParsedPaper{}, false), "empty_paper");
  ExpectValidation(CheckSavable(ParsedPaper{}, true), "empty_paper");
  // Sections without questions are still an empty paper.
  ParsedPaper p;
  p.title = "空卷";
  p.sections.push_back(Section(QuestionType::kSingleChoice, "一、单选题", 2, {}));
  p.sections.push_back(Section(QuestionType::kFillIn, "二、填空题", 2, {}));
  ExpectValidation(CheckSavable(p, true), "empty_paper");
}

TEST(CheckSavable, MixedPaper) {
  ParsedPaper p = ExamPaper();
  p.sections.push_back(InterviewKit().sections[0]);
  ExpectValidation(CheckSavable(p, false), "mixed_paper");
  ExpectValidation(CheckSavable(p, true), "mixed_paper");

  ParsedPaper q = InterviewKit();
  q.sections.push_back(Section(QuestionType::kShortAnswer, "简答题", 5,
                               {Text(1, 30, "简述退款流程。", "")}));
  ExpectValidation(CheckSavable(q, true), "mixed_paper");
}

TEST(CheckSavable, UngradableSingleChoice) {
  ParsedPaper p = ExamPaper();
  p.sections[0].questions[1].key_letters.clear();
  Status s = CheckSavable(p, false);
  ExpectValidation(s, "ungradable_question");
  EXPECT_NE(s.message().find("question 2 (line 8)"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("第2题（第8行）"), std::string::npos) << s.message();
}

TEST(CheckSavable, UngradableMultipleChoice) {
  ParsedPaper p = ExamPaper();
  p.sections[1].questions[0].key_letters.clear();
  // A text key does not make a choice question gradable.
  p.sections[1].questions[0].key_text = "ABD";
  Status s = CheckSavable(p, false);
  ExpectValidation(s, "ungradable_question");
  EXPECT_NE(s.message().find("(line 14)"), std::string::npos) << s.message();
}

TEST(CheckSavable, UngradableTrueFalse) {
  ParsedPaper p = ExamPaper();
  p.sections[2].questions[0].key_bool.reset();
  p.sections[2].questions[0].key_text = "对";
  Status s = CheckSavable(p, false);
  ExpectValidation(s, "ungradable_question");
  EXPECT_NE(s.message().find("(line 20)"), std::string::npos) << s.message();
}

TEST(CheckSavable, TrueFalseKeyFalseIsAKey) {
  ParsedPaper p = ExamPaper();
  p.sections[2].questions[0].key_bool = false;
  EXPECT_TRUE(CheckSavable(p, false).ok());
}

TEST(CheckSavable, UngradableFillIn) {
  ParsedPaper p = ExamPaper();
  p.sections[3].questions[0].key_text.clear();
  Status s = CheckSavable(p, false);
  ExpectValidation(s, "ungradable_question");
  EXPECT_NE(s.message().find("(line 23)"), std::string::npos) << s.message();
}

TEST(CheckSavable, UngradableEvenWhenIgnoringProblems) {
  ParsedPaper p = ExamPaper();
  p.sections[0].questions[0].key_letters.clear();
  p.problems.push_back({3, "missing_key", "第1题没有答案 / question 1 has no key"});
  ExpectValidation(CheckSavable(p, true), "ungradable_question");
  // Without ignore_problems the missing key is still reported as such.
  ExpectValidation(CheckSavable(p, false), "ungradable_question");
}

TEST(CheckSavable, UnnumberedQuestionIsLabelledQuestionMark) {
  ParsedPaper p = ExamPaper();
  p.sections[0].questions[0].number = 0;
  p.sections[0].questions[0].key_letters.clear();
  Status s = CheckSavable(p, false);
  ExpectValidation(s, "ungradable_question");
  EXPECT_NE(s.message().find("question ? (line 3)"), std::string::npos) << s.message();
}

TEST(CheckSavable, ProblemsBlockUnlessIgnored) {
  ParsedPaper p = ExamPaper();
  p.problems.push_back({12, "unparsed_line", "第12行无法识别 / line 12 not understood"});
  p.problems.push_back({0, "count_mismatch", "题数不符 / count mismatch"});
  Status s = CheckSavable(p, false);
  ExpectValidation(s, "paper_has_problems");
  EXPECT_NE(s.message().find("the paper has 2 problems"), std::string::npos) << s.message();
  EXPECT_TRUE(CheckSavable(p, true).ok());
}

TEST(CheckSavable, ShortAnswersAndCasesWithoutKeyAllowed) {
  ParsedPaper p = ExamPaper();
  p.sections[4].questions[0].key_text.clear();
  p.sections.push_back(Section(QuestionType::kCaseAnalysis, "六、案例分析题", 20,
                               {Text(1, 40, "分析以下投诉案例……", "")}));
  EXPECT_TRUE(CheckSavable(p, false).ok());
}

// --- BuildPaper -------------------------------------------------------------

const std::vector<std::string> kIds = {"Q-000011", "Q-000012", "Q-000013",
                                       "Q-000014", "Q-000015", "Q-000016"};
constexpr Timestamp kNow{1'780'000'000'000};

TEST(BuildPaper, PaperFields) {
  BuiltPaper b = BuildPaper(ExamPaper(), "X-000007", kIds, "", {}, "trainer1", kNow);
  const Paper& p = b.paper;
  EXPECT_EQ(p.id, "X-000007");
  EXPECT_EQ(p.title, "售后客服上岗考试");
  EXPECT_EQ(p.kind, PaperKind::kExam);
  EXPECT_EQ(p.role, "");
  EXPECT_EQ(p.created_by, "trainer1");
  EXPECT_EQ(p.created_at, kNow);
  ASSERT_EQ(p.sections.size(), 5u);
  EXPECT_EQ(p.sections[0].type, QuestionType::kSingleChoice);
  EXPECT_EQ(p.sections[0].title, "一、单选题(每题2分)");
  EXPECT_DOUBLE_EQ(p.sections[0].points_each, 2);
  EXPECT_EQ(p.sections[1].type, QuestionType::kMultipleChoice);
  EXPECT_DOUBLE_EQ(p.sections[1].points_each, 3);
  EXPECT_EQ(p.sections[4].type, QuestionType::kShortAnswer);
  EXPECT_DOUBLE_EQ(p.sections[4].points_each, 10);
}

TEST(BuildPaper, IdsInPaperOrder) {
  BuiltPaper b = BuildPaper(ExamPaper(), "X-000007", kIds, "", {}, "trainer1", kNow);
  ASSERT_EQ(b.questions.size(), 6u);
  for (size_t i = 0; i < b.questions.size(); ++i) {
    EXPECT_EQ(b.questions[i].id, kIds[i]);
    EXPECT_EQ(b.questions[i].paper_id, "X-000007");
    EXPECT_EQ(b.questions[i].created_at, kNow);
  }
  EXPECT_EQ(b.paper.sections[0].question_ids, (std::vector<std::string>{"Q-000011", "Q-000012"}));
  EXPECT_EQ(b.paper.sections[1].question_ids, (std::vector<std::string>{"Q-000013"}));
  EXPECT_EQ(b.paper.sections[2].question_ids, (std::vector<std::string>{"Q-000014"}));
  EXPECT_EQ(b.paper.sections[3].question_ids, (std::vector<std::string>{"Q-000015"}));
  EXPECT_EQ(b.paper.sections[4].question_ids, (std::vector<std::string>{"Q-000016"}));
  EXPECT_EQ(b.questions[0].stem, "七天无理由退货从哪天起算？");
  EXPECT_EQ(b.questions[2].stem, "哪些情况可以拒绝退货？");
  EXPECT_EQ(b.questions[5].stem, "简述处理客户投诉的步骤。");
}

TEST(BuildPaper, TypesAndKeysCopied) {
  BuiltPaper b = BuildPaper(ExamPaper(), "X-000007", kIds, "", {}, "trainer1", kNow);
  const auto& q = b.questions;
  EXPECT_EQ(q[0].type, QuestionType::kSingleChoice);
  EXPECT_EQ(q[0].key_letters, (Letters{"C"}));
  EXPECT_EQ(q[0].options, (Options{{"A", "选项一"}, {"B", "选项二"}, {"C", "选项三"}, {"D", "选项四"}}));
  EXPECT_EQ(q[2].type, QuestionType::kMultipleChoice);
  EXPECT_EQ(q[3].type, QuestionType::kTrueFalse);
  EXPECT_EQ(q[3].key_bool, std::optional<bool>(true));
  EXPECT_TRUE(q[3].key_letters.empty());
  EXPECT_EQ(q[4].type, QuestionType::kFillIn);
  EXPECT_EQ(q[4].key_text, "7/七");
  EXPECT_EQ(q[5].type, QuestionType::kShortAnswer);
  EXPECT_EQ(q[5].key_text, "（1）倾听；（2）道歉；（3）解决");
  EXPECT_FALSE(q[5].key_bool.has_value());
}

TEST(BuildPaper, ChoiceKeysSorted) {
  BuiltPaper b = BuildPaper(ExamPaper(), "X-000007", kIds, "", {}, "trainer1", kNow);
  EXPECT_EQ(b.questions[2].key_letters, (Letters{"A", "B", "D"}));
}

TEST(BuildPaper, PointsFromSectionWhenQuestionHasNone) {
  ParsedPaper p = ExamPaper();
  // Questions in parsed papers normally carry the section's points; the
  // paper may also give none on a question.
  p.sections[0].questions[0].points = 0;
  p.sections[0].questions[1].points = 5;
  p.sections[3].questions[0].points = 0;
  BuiltPaper b = BuildPaper(p, "X-000007", kIds, "", {}, "trainer1", kNow);
  EXPECT_DOUBLE_EQ(b.questions[0].points, 2);
  EXPECT_DOUBLE_EQ(b.questions[1].points, 5);
  EXPECT_DOUBLE_EQ(b.questions[2].points, 3);
  EXPECT_DOUBLE_EQ(b.questions[3].points, 1);
  EXPECT_DOUBLE_EQ(b.questions[4].points, 2);
  EXPECT_DOUBLE_EQ(b.questions[5].points, 10);
}

TEST(BuildPaper, ExtraTagsAddedOnce) {
  ParsedPaper p = ExamPaper();
  p.sections[0].questions[0].tags = {"topic:退货政策", "difficulty:easy"};
  BuiltPaper b = BuildPaper(p, "X-000007", kIds, "",
                            {"source:2025春季题库", "topic:退货政策", "source:2025春季题库"}, "trainer1",
                            kNow);
  EXPECT_EQ(b.questions[0].tags,
            (std::vector<std::string>{"topic:退货政策", "difficulty:easy", "source:2025春季题库"}));
  EXPECT_EQ(b.questions[1].tags, (std::vector<std::string>{"source:2025春季题库", "topic:退货政策"}));
  for (const auto& q : b.questions) {
    EXPECT_EQ(std::count(q.tags.begin(), q.tags.end(), "source:2025春季题库"), 1) << q.id;
    EXPECT_EQ(std::count(q.tags.begin(), q.tags.end(), "topic:退货政策"), 1) << q.id;
  }
}

TEST(BuildPaper, InterviewKitKindRoleAndRubric) {
  BuiltPaper b = BuildPaper(InterviewKit(), "X-000009", {"Q-000100", "Q-000101", "Q-000102"},
                            "售后服务经理", {}, "hr1", kNow);
  EXPECT_EQ(b.paper.kind, PaperKind::kInterviewKit);
  EXPECT_EQ(b.paper.role, "售后服务经理");
  ASSERT_EQ(b.paper.sections.size(), 2u);
  EXPECT_EQ(b.paper.sections[0].type, QuestionType::kBehavioral);
  EXPECT_EQ(b.paper.sections[1].type, QuestionType::kSituational);
  EXPECT_EQ(b.paper.sections[1].question_ids, (std::vector<std::string>{"Q-000102"}));
  ASSERT_EQ(b.questions.size(), 3u);
  EXPECT_EQ(b.questions[0].competencies, (std::vector<std::string>{"问题解决能力", "领导力"}));
  EXPECT_EQ(b.questions[0].rubric,
            (std::vector<std::pair<int, std::string>>{
                {1, "没有具体例子"}, {3, "有例子但缺少结果"}, {5, "有例子、行动和可量化的结果"}}));
  EXPECT_EQ(b.questions[2].type, QuestionType::kSituational);
  EXPECT_DOUBLE_EQ(b.questions[2].points, 0);
}

TEST(BuildPaper, ExamKindRegardlessOfRole) {
  BuiltPaper b = BuildPaper(ExamPaper(), "X-000007", kIds, "客服专员", {}, "trainer1", kNow);
  EXPECT_EQ(b.paper.kind, PaperKind::kExam);
  EXPECT_EQ(b.paper.role, "客服专员");
}

TEST(BuildPaper, ExplanationCopied) {
  ParsedPaper p = ExamPaper();
  p.sections[0].questions[0].explanation = "自签收次日起算。";
  BuiltPaper b = BuildPaper(p, "X-000007", kIds, "", {}, "trainer1", kNow);
  EXPECT_EQ(b.questions[0].explanation, "自签收次日起算。");
  EXPECT_EQ(b.questions[1].explanation, "");
}

// --- ExportPaper ------------------------------------------------------------

TEST(ExportPaper, RoundTripOfQuestions) {
  ParsedPaper in = ExamPaper();
  in.sections[0].questions[0].tags = {"topic:退货政策", "difficulty:easy"};
  in.sections[0].questions[0].explanation = "自签收次日起算。";
  BuiltPaper b = BuildPaper(in, "X-000007", kIds, "", {}, "trainer1", kNow);
  ParsedPaper out = ExportPaper(b.paper, b.questions);

  EXPECT_EQ(out.title, in.title);
  EXPECT_TRUE(out.problems.empty());
  ASSERT_EQ(out.sections.size(), in.sections.size());
  int number = 0;
  for (size_t s = 0; s < in.sections.size(); ++s) {
    const auto& a = in.sections[s];
    const auto& e = out.sections[s];
    EXPECT_EQ(e.type, a.type);
    EXPECT_EQ(e.title, a.title);
    EXPECT_DOUBLE_EQ(e.points_each, a.points_each);
    EXPECT_EQ(e.count, static_cast<int>(a.questions.size()));
    ASSERT_EQ(e.questions.size(), a.questions.size());
    for (size_t k = 0; k < a.questions.size(); ++k) {
      const auto& x = a.questions[k];
      const auto& y = e.questions[k];
      EXPECT_EQ(y.number, ++number) << "exported questions are numbered through the paper";
      EXPECT_EQ(y.stem, x.stem);
      EXPECT_EQ(y.options, x.options);
      Letters sorted = x.key_letters;
      std::sort(sorted.begin(), sorted.end());
      EXPECT_EQ(y.key_letters, sorted);
      EXPECT_EQ(y.key_bool, x.key_bool);
      EXPECT_EQ(y.key_text, x.key_text);
      EXPECT_EQ(y.explanation, x.explanation);
      EXPECT_EQ(y.tags, x.tags);
      EXPECT_DOUBLE_EQ(y.points, a.points_each);
    }
  }
  // Exported and built again: the same questions.
  EXPECT_TRUE(CheckSavable(out, false).ok());
  BuiltPaper again = BuildPaper(out, "X-000007", kIds, "", {}, "trainer1", kNow);
  ASSERT_EQ(again.questions.size(), b.questions.size());
  for (size_t i = 0; i < b.questions.size(); ++i) {
    const auto& x = b.questions[i];
    const auto& y = again.questions[i];
    EXPECT_EQ(y.id, x.id);
    EXPECT_EQ(y.type, x.type);
    EXPECT_EQ(y.stem, x.stem);
    EXPECT_EQ(y.options, x.options);
    EXPECT_EQ(y.key_letters, x.key_letters);
    EXPECT_EQ(y.key_bool, x.key_bool);
    EXPECT_EQ(y.key_text, x.key_text);
    EXPECT_EQ(y.explanation, x.explanation);
    EXPECT_EQ(y.tags, x.tags);
    EXPECT_DOUBLE_EQ(y.points, x.points);
  }
}

TEST(ExportPaper, InterviewKitRoundTrip) {
  BuiltPaper b = BuildPaper(InterviewKit(), "X-000009", {"Q-000100", "Q-000101", "Q-000102"},
                            "售后服务经理", {"role:售后服务经理"}, "hr1", kNow);
  ParsedPaper out = ExportPaper(b.paper, b.questions);
  ASSERT_EQ(out.sections.size(), 2u);
  ASSERT_EQ(out.sections[0].questions.size(), 2u);
  ASSERT_EQ(out.sections[1].questions.size(), 1u);
  EXPECT_EQ(out.sections[1].type, QuestionType::kSituational);
  const auto& q = out.sections[1].questions[0];
  EXPECT_EQ(q.number, 3);
  EXPECT_EQ(q.stem, "客户在直播间刷屏投诉，你怎么办？");
  EXPECT_EQ(q.competencies, (std::vector<std::string>{"问题解决能力", "领导力"}));
  EXPECT_EQ(q.rubric, b.questions[2].rubric);
  EXPECT_EQ(q.tags, (std::vector<std::string>{"role:售后服务经理"}));
}

TEST(ExportPaper, QuestionsFollowThePaperNotTheList) {
  BuiltPaper b = BuildPaper(ExamPaper(), "X-000007", kIds, "", {}, "trainer1", kNow);
  std::vector<Question> shuffled(b.questions.rbegin(), b.questions.rend());
  ParsedPaper out = ExportPaper(b.paper, shuffled);
  ASSERT_EQ(out.sections[0].questions.size(), 2u);
  EXPECT_EQ(out.sections[0].questions[0].stem, "七天无理由退货从哪天起算？");
  EXPECT_EQ(out.sections[0].questions[1].stem, "运费险由谁理赔？");
}

TEST(ExportPaper, MissingQuestionsAreLeftOut) {
  BuiltPaper b = BuildPaper(ExamPaper(), "X-000007", kIds, "", {}, "trainer1", kNow);
  std::vector<Question> some = {b.questions[1], b.questions[5]};
  ParsedPaper out = ExportPaper(b.paper, some);
  ASSERT_EQ(out.sections.size(), 5u);
  ASSERT_EQ(out.sections[0].questions.size(), 1u);
  EXPECT_EQ(out.sections[0].count, 1);
  EXPECT_EQ(out.sections[0].questions[0].number, 1);
  EXPECT_EQ(out.sections[0].questions[0].stem, "运费险由谁理赔？");
  EXPECT_EQ(out.sections[1].questions.size(), 0u);
  EXPECT_EQ(out.sections[1].count, 0);
  ASSERT_EQ(out.sections[4].questions.size(), 1u);
  EXPECT_EQ(out.sections[4].questions[0].number, 2);
}

}  // namespace
}  // namespace kefu::training
