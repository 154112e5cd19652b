// Tests for the exam-paper parser and its JSON form. Expectations are read
// off the fixtures in tests/training/fixtures (line numbers are 1-based).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "training/paper_json.h"
#include "training/paper_parser.h"

namespace kefu::training {
namespace {

using Letters = std::vector<std::string>;
using Problems = std::vector<std::pair<int, std::string>>;

ParsedPaper ParseFixture(const std::string& name) {
  std::ifstream in(std::string(KEFU_PAPER_FIXTURES) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePaper(ss.str());
}

Problems ProblemsOf(const ParsedPaper& p) {
  Problems out;
  for (const auto& pr : p.problems) out.push_back({pr.line, pr.code});
  return out;
}

void ExpectSection(const ParsedSection& s, QuestionType type, double each, int count, size_t n) {
  EXPECT_EQ(s.type, type) << s.title;
  EXPECT_DOUBLE_EQ(s.points_each, each) << s.title;
  EXPECT_EQ(s.count, count) << s.title;
  ASSERT_EQ(s.questions.size(), n) << s.title;
  for (const auto& q : s.questions) EXPECT_DOUBLE_EQ(q.points, each) << s.title << " #" << q.number;
}

void ExpectChoice(const ParsedQuestion& q, int number, size_t options, const Letters& key) {
  EXPECT_EQ(q.number, number);
  EXPECT_EQ(q.options.size(), options) << "question " << number;
  EXPECT_EQ(q.key_letters, key) << "question " << number;
}

TEST(PaperParser, ChoiceWithInlineKeys) {
  ParsedPaper p = ParseFixture("choice_inline.txt");
  EXPECT_EQ(p.title, "客服岗位知识测试（A卷）");
  ASSERT_EQ(p.sections.size(), 2u);
  const auto& s1 = p.sections[0];
  EXPECT_EQ(s1.title, "一、单选题(每题2分,共4题)");
  ExpectSection(s1, QuestionType::kSingleChoice, 2, 4, 4);
  ExpectChoice(s1.questions[0], 1, 4, {"A"});
  ExpectChoice(s1.questions[1], 2, 4, {"A"});
  ExpectChoice(s1.questions[2], 3, 4, {"A"});   // "答案：a"
  ExpectChoice(s1.questions[3], 4, 3, {"A"});   // "(4)", options "A:"
  EXPECT_EQ(s1.questions[0].stem, "顾客要求退货时，客服首先应该做的是（  ）");
  EXPECT_EQ(s1.questions[0].line, 4);
  EXPECT_EQ(s1.questions[0].options[3], std::make_pair(std::string("D"), std::string("挂断电话")));
  // Two-line stem, pinyin removed.
  EXPECT_EQ(s1.questions[1].stem, "客服人员接听电话的标准问候语应在几秒内说出？");
  EXPECT_EQ(s1.questions[1].options[2].second, "10秒");
  EXPECT_EQ(s1.questions[1].explanation, "行业标准要求三秒内问候，\n体现服务效率。");
  EXPECT_EQ(s1.questions[2].line, 16);
  EXPECT_EQ(s1.questions[2].options[1].second, "争辩对错");
  EXPECT_EQ(s1.questions[3].options[0].second, "自动升级");
  const auto& s2 = p.sections[1];
  ExpectSection(s2, QuestionType::kMultipleChoice, 3, 2, 2);
  ExpectChoice(s2.questions[0], 1, 5, {"A", "B", "C", "D"});
  EXPECT_EQ(s2.questions[0].options[4].second, "推销");
  ExpectChoice(s2.questions[1], 2, 4, {"A", "B", "D"});
  EXPECT_EQ(s2.questions[1].options[1].second, "复述确认");
  EXPECT_EQ(s2.questions[1].explanation, "打断客户会让客户感到不被尊重。");
  EXPECT_EQ(ProblemsOf(p), Problems{});
}

TEST(PaperParser, TraditionalTrueFalseFillInShortCase) {
  ParsedPaper p = ParseFixture("trad_mixed.txt");
  EXPECT_EQ(p.title, "客服培訓考核試卷");
  ASSERT_EQ(p.sections.size(), 4u);
  const auto& tf = p.sections[0];
  EXPECT_EQ(tf.title, "判斷題（每題1分）");
  ExpectSection(tf, QuestionType::kTrueFalse, 1, 0, 4);
  EXPECT_EQ(tf.questions[0].stem, "客服可以向客户承诺无法兑现的赔偿。");
  EXPECT_EQ(tf.questions[0].key_bool, std::optional<bool>(false));
  EXPECT_EQ(tf.questions[1].key_bool, std::optional<bool>(true));
  EXPECT_EQ(tf.questions[2].key_bool, std::optional<bool>(false));
  EXPECT_EQ(tf.questions[3].key_bool, std::optional<bool>(true));
  for (int i = 0; i < 4; ++i) EXPECT_EQ(tf.questions[i].number, i + 1);
  const auto& fill = p.sections[1];
  ExpectSection(fill, QuestionType::kFillIn, 0, 0, 2);
  EXPECT_EQ(fill.questions[0].stem, "无理由退货的期限是____天，超过期限只能申请____。");
  EXPECT_EQ(fill.questions[0].key_text, "七；退货");
  EXPECT_EQ(fill.questions[1].number, 2);
  EXPECT_EQ(fill.questions[1].stem, "客服热线的服务时间为早上（  ）点至晚上十点。");
  EXPECT_EQ(fill.questions[1].key_text, "八");
  // "（10分）" without 每 and without a declared count: points unknown.
  const auto& sa = p.sections[2];
  EXPECT_EQ(sa.title, "簡答題（10分）");
  ExpectSection(sa, QuestionType::kShortAnswer, 0, 0, 1);
  EXPECT_EQ(sa.questions[0].key_text, "倾听客户诉求，确认问题，\n提出解决方案并跟进回访。");
  const auto& ca = p.sections[3];
  ExpectSection(ca, QuestionType::kCaseAnalysis, 0, 0, 1);
  EXPECT_EQ(ca.questions[0].stem, "某客户因快递延误三天在微博上公开投诉，情绪激烈。请分析客服应如何处理。");
  EXPECT_EQ(ca.questions[0].key_text, "第一时间私信致歉，核实物流信息；\n给予补偿方案，并公开回复处理进展。");
  EXPECT_EQ(ca.questions[0].explanation, "舆情事件要快速响应。");
  EXPECT_EQ(ProblemsOf(p), Problems{});
}

TEST(PaperParser, CompactAnswerSectionWithRestartedNumbering) {
  ParsedPaper p = ParseFixture("answer_section.txt");
  EXPECT_EQ(p.title, "第一章 售后服务规范 练习");
  ASSERT_EQ(p.sections.size(), 3u);
  ExpectSection(p.sections[0], QuestionType::kSingleChoice, 2, 3, 3);
  ExpectChoice(p.sections[0].questions[0], 1, 4, {"A"});
  ExpectChoice(p.sections[0].questions[1], 2, 4, {"B"});
  ExpectChoice(p.sections[0].questions[2], 3, 4, {"A"});
  EXPECT_EQ(p.sections[0].questions[1].options[0].second, "7天");
  ExpectSection(p.sections[1], QuestionType::kMultipleChoice, 4, 2, 2);
  ExpectChoice(p.sections[1].questions[0], 1, 4, {"A", "B", "C"});
  ExpectChoice(p.sections[1].questions[1], 2, 4, {"A", "B", "D"});
  ExpectSection(p.sections[2], QuestionType::kTrueFalse, 1, 2, 2);
  EXPECT_EQ(p.sections[2].questions[0].key_bool, std::optional<bool>(false));
  EXPECT_EQ(p.sections[2].questions[1].key_bool, std::optional<bool>(true));
  EXPECT_EQ(ProblemsOf(p), Problems{});
}

TEST(PaperParser, AnswerBlocksWithSubHeadingsAndContinuousNumbering) {
  ParsedPaper p = ParseFixture("answer_blocks.txt");
  ASSERT_EQ(p.sections.size(), 3u);
  ExpectSection(p.sections[0], QuestionType::kSingleChoice, 5, 2, 2);
  ExpectChoice(p.sections[0].questions[0], 1, 4, {"A"});
  ExpectChoice(p.sections[0].questions[1], 2, 3, {"A"});
  EXPECT_EQ(p.sections[0].questions[0].explanation, "例会用于同步信息和目标，\n不是考勤。");
  EXPECT_EQ(p.sections[0].questions[1].options[0].second, "从客户发起到客服首次回复的时间");
  ExpectSection(p.sections[1], QuestionType::kMultipleChoice, 5, 1, 1);
  ExpectChoice(p.sections[1].questions[0], 3, 4, {"A", "B", "C"});
  EXPECT_EQ(p.sections[1].questions[0].explanation, "身高与服务质量无关。");
  // "（共1題，10分）": total 10 over a declared count of 1.
  ExpectSection(p.sections[2], QuestionType::kShortAnswer, 10, 1, 1);
  EXPECT_EQ(p.sections[2].questions[0].number, 4);
  EXPECT_EQ(p.sections[2].questions[0].key_text, "一次性解决问题；主动回访；完善知识库。");
  EXPECT_EQ(ProblemsOf(p), Problems{});
}

TEST(PaperParser, AnswerBlocksWithRestartedNumberingAndNoSubHeadings) {
  ParsedPaper p = ParseFixture("blocks_restart.txt");
  EXPECT_EQ(p.title, "");
  ASSERT_EQ(p.sections.size(), 3u);
  ExpectSection(p.sections[0], QuestionType::kSingleChoice, 2, 2, 2);
  ExpectChoice(p.sections[0].questions[0], 1, 2, {"A"});
  ExpectChoice(p.sections[0].questions[1], 2, 3, {"C"});
  EXPECT_EQ(p.sections[0].questions[0].stem, "客户第一次来电时，客服首先应");
  EXPECT_EQ(p.sections[0].questions[0].explanation, "先报工号问候，\n再了解需求。");
  EXPECT_EQ(p.sections[0].questions[1].options[2].second, "在线聊天");
  ExpectSection(p.sections[1], QuestionType::kTrueFalse, 1, 2, 2);
  EXPECT_EQ(p.sections[1].questions[0].number, 1);
  EXPECT_EQ(p.sections[1].questions[0].key_bool, std::optional<bool>(false));
  EXPECT_EQ(p.sections[1].questions[1].number, 2);
  EXPECT_EQ(p.sections[1].questions[1].key_bool, std::optional<bool>(true));
  ExpectSection(p.sections[2], QuestionType::kFillIn, 1, 1, 1);
  EXPECT_EQ(p.sections[2].questions[0].stem, "首问负责制中“首问”指第一位接待客户的____。");
  EXPECT_EQ(p.sections[2].questions[0].key_text, "员工");
  EXPECT_EQ(ProblemsOf(p), Problems{});
}

// Options on the stem line, a key that is a (wrong) letter, sub-items in a
// reference answer, and an answer section covering only the last section.
TEST(PaperParser, PartialAnswerSectionAndOptionsOnStemLine) {
  ParsedPaper p = ParseFixture("partial_answers.txt");
  ASSERT_EQ(p.sections.size(), 3u);
  ExpectSection(p.sections[0], QuestionType::kSingleChoice, 2, 2, 2);
  ExpectChoice(p.sections[0].questions[0], 1, 3, {"B"});
  EXPECT_EQ(p.sections[0].questions[0].options[0].second, "身份识别");
  EXPECT_EQ(p.sections[0].questions[0].options[1].second, "装饰");
  ExpectChoice(p.sections[0].questions[1], 2, 2, {"A"});
  EXPECT_EQ(p.sections[0].questions[1].stem, "通话录音保存期限是否有规定");
  EXPECT_EQ(p.sections[0].questions[1].options[1].second, "没有");
  ExpectSection(p.sections[1], QuestionType::kTrueFalse, 0, 0, 3);
  EXPECT_EQ(p.sections[1].questions[0].stem, "客户有权要求查看自己的通话记录。");
  EXPECT_EQ(p.sections[1].questions[0].key_bool, std::optional<bool>(true));
  EXPECT_EQ(p.sections[1].questions[1].key_bool, std::optional<bool>(false));
  EXPECT_EQ(p.sections[1].questions[2].key_bool, std::optional<bool>(true));
  ExpectSection(p.sections[2], QuestionType::kShortAnswer, 0, 0, 2);
  EXPECT_EQ(p.sections[2].questions[0].key_text, "(1) 核实订单；\n(2) 提交退款申请。");
  EXPECT_EQ(p.sections[2].questions[1].number, 2);
  EXPECT_EQ(p.sections[2].questions[1].key_text, "按赔付标准说明，超出权限上报主管。");
  EXPECT_EQ(ProblemsOf(p), Problems{});
}

TEST(PaperParser, InterviewKit) {
  ParsedPaper p = ParseFixture("interview.txt");
  EXPECT_EQ(p.title, "客服组长面试题库");
  ASSERT_EQ(p.sections.size(), 4u);
  EXPECT_EQ(p.sections[0].title, "一、行為面試題");  // kept as written
  EXPECT_EQ(p.sections[1].title, "情景模擬題");
  ExpectSection(p.sections[0], QuestionType::kBehavioral, 0, 0, 2);
  ExpectSection(p.sections[1], QuestionType::kSituational, 0, 0, 1);
  ExpectSection(p.sections[2], QuestionType::kKnowledge, 0, 0, 1);
  ExpectSection(p.sections[3], QuestionType::kManagement, 0, 0, 1);
  const auto& b = p.sections[0].questions;
  EXPECT_EQ(b[0].stem, "请讲述一次你带领团队完成紧急任务的经历。");
  EXPECT_EQ(b[0].competencies, Letters({"问题解决能力", "领导力", "沟通协调能力"}));
  EXPECT_EQ(b[0].key_text, "参考要点：明确目标，分工到人，\n及时复盘。");
  EXPECT_EQ(b[1].number, 2);
  EXPECT_EQ(b[1].competencies, Letters({"冲突管理", "团队建设"}));
  EXPECT_EQ(b[1].key_text, "先分别沟通了解诉求，再组织三方会谈。");
  const auto& s = p.sections[1].questions[0];
  EXPECT_EQ(s.competencies, Letters({"应变能力", "资源调配"}));
  EXPECT_EQ(s.key_text, "启动应急预案，抽调后台人员支援，\n开启自助服务分流。");
  EXPECT_EQ(p.sections[2].questions[0].stem, "请解释FCR（首次解决率）的含义。");
  EXPECT_EQ(p.sections[2].questions[0].key_text, "FCR指客户首次联系即被解决的比例。");
  EXPECT_EQ(p.sections[3].questions[0].key_text, "");
  EXPECT_EQ(p.sections[3].questions[0].stem, "你如何给新人制定培训计划？");
  EXPECT_EQ(p.sections[3].questions[0].competencies, Letters({"培训规划", "耐心"}));
  EXPECT_EQ(ProblemsOf(p), (Problems{{14, "missing_key"}}));
}

TEST(PaperParser, NoisyPaperReportsEveryFault) {
  ParsedPaper p = ParseFixture("noisy.txt");
  EXPECT_EQ(p.title, "2024年第三季度客服考试");
  ASSERT_EQ(p.sections.size(), 2u);
  ExpectSection(p.sections[0], QuestionType::kSingleChoice, 2, 5, 4);
  const auto& q = p.sections[0].questions;
  ExpectChoice(q[0], 1, 4, {"A"});
  EXPECT_EQ(q[0].stem, "客户来电询问物流信息，客服应当");
  ExpectChoice(q[1], 2, 4, {});
  ExpectChoice(q[2], 3, 4, {});  // "答案：F" is not an option
  EXPECT_EQ(q[2].line, 12);
  ExpectChoice(q[3], 4, 2, {"A"});
  EXPECT_EQ(q[3].options[1].second, "拒绝");
  ExpectSection(p.sections[1], QuestionType::kMultipleChoice, 3, 0, 2);
  ExpectChoice(p.sections[1].questions[0], 1, 1, {"A"});
  ExpectChoice(p.sections[1].questions[1], 1, 2, {"A", "B"});
  EXPECT_EQ(ProblemsOf(p), (Problems{{2, "count_mismatch"},
                                     {7, "missing_key"},
                                     {14, "bad_key"},
                                     {18, "unparsed_line"},
                                     {22, "missing_options"},
                                     {25, "duplicate_number"},
                                     {30, "answer_without_question"}}));
  for (const auto& pr : p.problems) EXPECT_FALSE(pr.message.empty());
}

TEST(PaperParser, CrLfAndTrailingSpaces) {
  ParsedPaper p = ParseFixture("crlf.txt");
  EXPECT_EQ(p.title, "");
  ASSERT_EQ(p.sections.size(), 1u);
  ExpectSection(p.sections[0], QuestionType::kSingleChoice, 0, 0, 1);
  EXPECT_EQ(p.sections[0].questions[0].stem, "测试题目");
  ExpectChoice(p.sections[0].questions[0], 1, 2, {"B"});
  EXPECT_EQ(p.sections[0].questions[0].options[1].second, "乙");
  EXPECT_EQ(ProblemsOf(p), Problems{});
}

TEST(PaperParser, NoSections) {
  ParsedPaper p = ParsePaper("随便一段文字\n第二行\n");
  EXPECT_EQ(p.title, "随便一段文字");
  EXPECT_TRUE(p.sections.empty());
  EXPECT_EQ(ProblemsOf(p), (Problems{{0, "no_sections"}, {2, "unparsed_line"}}));
}

TEST(PaperParser, InvalidUtf8IsReplaced) {
  ParsedPaper p = ParsePaper("一、单选题\n1. 题\xff目\nA.甲 B.乙\n答案：A\n");
  ASSERT_EQ(p.sections.size(), 1u);
  ASSERT_EQ(p.sections[0].questions.size(), 1u);
  EXPECT_EQ(p.sections[0].questions[0].stem, "题\xEF\xBF\xBD目");
  EXPECT_NO_THROW(PaperToJson(p).dump());
  EXPECT_EQ(ProblemsOf(p), Problems{});
}

TEST(PaperParser, TypeNames) {
  EXPECT_EQ(ToString(QuestionType::kCaseAnalysis), "case_analysis");
  EXPECT_EQ(ParseQuestionType("management"), QuestionType::kManagement);
  EXPECT_EQ(ParseQuestionType("essay"), std::nullopt);
  EXPECT_TRUE(IsChoice(QuestionType::kMultipleChoice));
  EXPECT_FALSE(IsChoice(QuestionType::kTrueFalse));
}

TEST(PaperJson, Shapes) {
  ParsedPaper p = ParseFixture("answer_section.txt");
  auto j = PaperToJson(p);
  EXPECT_EQ(j["title"], "第一章 售后服务规范 练习");
  EXPECT_EQ(j["sections"][0]["type"], "single_choice");
  EXPECT_EQ(j["sections"][0]["points_each"], 2.0);
  EXPECT_EQ(j["sections"][0]["count"], 3);
  const auto& q = j["sections"][0]["questions"][0];
  EXPECT_EQ(q["number"], 1);
  EXPECT_EQ(q["key"], "A");
  EXPECT_EQ(q["options"]["C"], "快递员");
  EXPECT_TRUE(q["competencies"].is_array());
  EXPECT_EQ(j["sections"][1]["questions"][0]["key"], nlohmann::ordered_json::array({"A", "B", "C"}));
  EXPECT_EQ(j["sections"][2]["questions"][0]["key"], false);
  EXPECT_TRUE(j["problems"].empty());
  auto noisy = PaperToJson(ParseFixture("noisy.txt"));
  EXPECT_TRUE(noisy["sections"][0]["questions"][1]["key"].is_null());
  EXPECT_EQ(noisy["problems"][0]["code"], "count_mismatch");
  EXPECT_EQ(noisy["problems"][0]["line"], 2);
  auto interview = PaperToJson(ParseFixture("interview.txt"));
  EXPECT_TRUE(interview["sections"][3]["questions"][0]["key"].is_null());
  EXPECT_TRUE(interview["sections"][3]["questions"][0]["options"].is_object());
  EXPECT_TRUE(interview["sections"][3]["questions"][0]["options"].empty());
  EXPECT_EQ(interview["sections"][0]["questions"][0]["competencies"][1], "领导力");
}

TEST(PaperJson, RoundTrip) {
  for (const char* f : {"answer_section.txt", "choice_inline.txt", "trad_mixed.txt", "answer_blocks.txt",
                        "interview.txt"}) {
    ParsedPaper p = ParseFixture(f);
    p.problems.clear();  // FromJson ignores problems
    auto j = PaperToJson(p);
    auto back = PaperFromJson(nlohmann::json::parse(j.dump()));
    ASSERT_TRUE(back.ok()) << f << ": " << back.status().message();
    EXPECT_EQ(PaperToJson(*back), j) << f;
  }
}

TEST(PaperJson, FromJsonFixture) {
  std::ifstream in(std::string(KEFU_PAPER_FIXTURES) + "/import.json");
  ASSERT_TRUE(in.good());
  auto r = PaperFromJson(nlohmann::json::parse(in));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const ParsedPaper& p = *r;
  EXPECT_EQ(p.title, "JSON导入示例");
  EXPECT_TRUE(p.problems.empty());  // ignored on input
  ASSERT_EQ(p.sections.size(), 3u);
  EXPECT_EQ(p.sections[0].type, QuestionType::kMultipleChoice);
  EXPECT_DOUBLE_EQ(p.sections[0].points_each, 3);
  EXPECT_EQ(p.sections[0].count, 1);
  ASSERT_EQ(p.sections[0].questions.size(), 1u);
  const auto& q = p.sections[0].questions[0];
  EXPECT_EQ(q.key_letters, Letters({"A", "B"}));
  EXPECT_EQ(q.options.size(), 3u);
  EXPECT_EQ(q.options[2], std::make_pair(std::string("C"), std::string("推销")));
  EXPECT_EQ(q.explanation, "推销不是售后");
  EXPECT_EQ(p.sections[1].type, QuestionType::kTrueFalse);
  EXPECT_EQ(p.sections[1].questions[0].number, 0);
  EXPECT_EQ(p.sections[1].questions[0].key_bool, std::optional<bool>(false));
  EXPECT_EQ(p.sections[2].type, QuestionType::kBehavioral);
  EXPECT_EQ(p.sections[2].questions[0].key_text, "");
  EXPECT_EQ(p.sections[2].questions[0].competencies, Letters({"冲突管理", "沟通"}));
}

nlohmann::json Minimal() {
  return nlohmann::json::parse(R"({"title":"t","sections":[{"type":"single_choice","questions":[
      {"number":1,"stem":"s","options":{"A":"a","B":"b"},"key":"B"}]}]})");
}

TEST(PaperJson, FromJsonValidation) {
  auto ok = PaperFromJson(Minimal());
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->sections[0].questions[0].key_letters, Letters({"B"}));
  EXPECT_EQ(ok->sections[0].questions[0].options.size(), 2u);

  auto j = Minimal();
  j["sections"][0]["type"] = "essay";
  auto r = PaperFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kValidation);
  EXPECT_NE(r.status().message().find("sections[0].type"), std::string::npos) << r.status().message();

  j = Minimal();
  j["sections"][0]["questions"][0]["key"] = "C";
  r = PaperFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("questions[0].key"), std::string::npos) << r.status().message();

  j = Minimal();
  j["sections"][0]["questions"][0]["difficulty"] = 3;
  r = PaperFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("difficulty"), std::string::npos) << r.status().message();

  j = Minimal();
  j["sections"][0]["questions"][0]["key"] = true;  // wrong kind for single choice
  EXPECT_FALSE(PaperFromJson(j).ok());

  j = Minimal();
  j["sections"][0]["questions"][0].erase("stem");
  r = PaperFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("stem"), std::string::npos);

  j = Minimal();
  j["sections"][0]["type"] = "multiple_choice";
  j["sections"][0]["questions"][0]["key"] = {"A", "E"};
  EXPECT_FALSE(PaperFromJson(j).ok());
}

}  // namespace
}  // namespace kefu::training
