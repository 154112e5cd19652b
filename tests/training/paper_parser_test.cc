// The paper parser over fixtures in every format (fixtures/).
#include "paper_fixtures.h"

namespace kefu::training {
namespace {

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

// An interview kit with rubrics after a question and in answer blocks
// (several forms, traditional 評分標準), merged and sorted by level.
TEST(PaperParser, InterviewKitWithRubrics) {
  ParsedPaper p = ParseFixture("interview_rubric.txt");
  EXPECT_EQ(p.title, "售后服务经理面试题库");
  ASSERT_EQ(p.sections.size(), 3u);
  ExpectSection(p.sections[0], QuestionType::kBehavioral, 0, 0, 2);
  ExpectSection(p.sections[1], QuestionType::kSituational, 0, 0, 3);
  ExpectSection(p.sections[2], QuestionType::kManagement, 0, 0, 2);
  EXPECT_EQ(Describe(p.sections[0]),
            (Lines{"1@4 请讲述一次你处理重大客诉升级的经历。 key=先安抚客户情绪，再跨部门核实责任，给出补偿方案并复盘。"
                     " 考察=客诉处理,沟通协调能力 评分=1:答非所问|3:过程清楚但缺少结果|5:情境、任务、行动、结果完整，\n有量化结果。",
                     "2@5 描述一次你推动售后流程改进的经历，结果如何？ key=用数据定位瓶颈，先试点再推广，持续跟踪指标。"
                     " 考察=流程优化,数据分析 评分=1:只描述问题|3:有改进但缺少验证|5:有数据、有试点、有复盘"}));
  EXPECT_EQ(Describe(p.sections[1]),
            (Lines{"1@9 大促期间退货申请激增三倍，仓库积压严重，你会如何安排？ key=临时增派人手，按优先级分批处理，"
                     "主动告知客户预计时效。 考察=应变能力,资源调配 评分=1:没有方案|3:只增加人手|5:分级处理并主动沟通",
                     "2@10 一位VIP客户因维修延误要求全额退款，并威胁投诉到消费者协会，你如何处理？ key=先致歉并核实延误原因，"
                     "在权限内提出补偿，超出权限及时上报。 考察=谈判能力,风险控制 "
                     "评分=1:承诺超出权限的赔偿|3:方案可行但沟通生硬|5:安抚到位且方案合规",
                     "3@11 合作物流商突然停运，上千单换货无法寄出，你会怎么做？ key=立即启用备用物流，批量通知客户，"
                     "优先处理加急订单。 考察=危机处理 评分=1:没有预案|3:预案较完整|5:预案完整 tags=difficulty:hard"}));
  // Question 1: levels 5/3/1 after the question, 4 from its answer block.
  EXPECT_EQ(Describe(p.sections[2]),
            (Lines{"1@14 你如何设定售后团队的考核指标？ key=结合首次解决率、处理时长和满意度设定指标。"
                     " 考察=绩效管理,目标设定 评分=1:没有思路|3:只提到单一指标|4:指标合理但未说明数据来源"
                     "|5:兼顾时效、质量和满意度，有数据支撑",
                     "2@16 团队中老员工抵触新工单系统，你会怎样推动落地？ key=先培训骨干，再以点带面，收集反馈持续改进。"
                     " 考察=变革管理,团队建设 评分=1:强制推行|3:只强调执行|5:有计划、有反馈 tags=topic:变革管理"}));
  EXPECT_EQ(ProblemsOf(p), (Problems{{39, "bad_rubric"}, {41, "bad_rubric"}}));  // 6分; a second 3分
}

// Metadata header, lower-case options and keys, 知识点/难度 (traditional
// too), range keys, and an inline key that the answer section contradicts.
TEST(PaperParser, TaggedBankWithRangeKeys) {
  ParsedPaper p = ParseFixture("bank_tagged.txt");
  EXPECT_EQ(p.title, "客服知识题库（售后篇）");
  ASSERT_EQ(p.sections.size(), 3u);
  ExpectSection(p.sections[0], QuestionType::kSingleChoice, 2, 5, 5);
  ExpectSection(p.sections[1], QuestionType::kMultipleChoice, 3, 2, 2);
  ExpectSection(p.sections[2], QuestionType::kTrueFalse, 1, 3, 3);
  EXPECT_EQ(Describe(p.sections[0]),
            (Lines{"1@7 七天无理由退货的起算时间是（  ） [A:下单时|B:签收次日|C:发货时|D:付款时] key=B "
                     "tags=topic:退货政策,topic:时效,difficulty:easy",
                     "2@11 退货运费由谁承担取决于（  ） [A:责任方|B:客服心情|C:快递员] key=A "
                     "tags=topic:运费,difficulty:medium",
                     "3@17 客户收到破损商品，首先应 [A:拍照留证|B:直接退款|C:拒绝处理|D:让客户自行联系快递] key=A "
                     "tags=topic:破损处理,difficulty:easy",
                     "4@21 以下哪项不属于售后服务范围 [A:退货|B:换货|C:维修|D:推销] key=B tags=topic:服务范围",
                     "5@25 客服可承诺的最长处理时限是 [A:24小时|B:48小时|C:72小时|D:一周] key=B tags=difficulty:hard"}));
  EXPECT_EQ(Describe(p.sections[1]),
            (Lines{"1@30 以下属于退款方式的有 [A:原路退回|B:账户余额|C:现金] key=AB tags=topic:退款,topic:支付方式",
                     "2@33 处理投诉时应做到 [A:倾听|B:争辩|C:记录|D:跟进] key=ACD"}));
  EXPECT_EQ(Describe(p.sections[2]), (Lines{"1@37 签收后发现少件可以申请补发。 key=√",
                                              "2@38 客服可以代客户填写评价。 key=×",
                                              "3@39 退款到账时间与支付渠道有关。 key=√"}));
  EXPECT_EQ(ProblemsOf(p), (Problems{{42, "key_conflict"}}));  // 4: 答案：B, 4～5：DB
  EXPECT_NE(p.problems[0].message.find("第4题"), std::string::npos) << p.problems[0].message;
}

// Lower-case options (a. b) (c)) only in choice sections, each question in
// the case of its first option; lower-case keys inline and in answers.
TEST(PaperParser, LowerCaseOptionsAndKeys) {
  ParsedPaper p = ParseFixture("lower_case.txt");
  ASSERT_EQ(p.sections.size(), 3u);
  EXPECT_EQ(Describe(p.sections[0]), (Lines{"1@2 退款申请应在几天内处理 [A:1天|B:3天|C:7天] key=B",
                                              "2@3 发票抬头写错了，客户应 [A:申请重开|B:自行修改] key=A",
                                              "3@8 大小写混用的选项 [A:甲 b. 乙|B:丙] key=B"}));
  EXPECT_EQ(Describe(p.sections[1]), (Lines{"1@12 可以开具的发票类型有 [A:电子普票|B:纸质普票|C:专票] key=AC"}));
  EXPECT_EQ(Describe(p.sections[2]), (Lines{"1@16 简述开票流程。a. 核对信息 key=略"}));
  EXPECT_EQ(ProblemsOf(p), (Problems{{6, "unparsed_line"}}));  // "A) 不处理" after a) b)
}

TEST(PaperParser, RangeKeysInAnswerSection) {
  ParsedPaper p = ParseFixture("range_keys.txt");
  ASSERT_EQ(p.sections.size(), 3u);
  ExpectSection(p.sections[0], QuestionType::kSingleChoice, 0, 5, 5);
  std::string keys;
  for (const auto& q : p.sections[0].questions) keys += q.key_letters.at(0);
  EXPECT_EQ(keys, "CBADC");  // 1～5：cbadc
  ExpectSection(p.sections[1], QuestionType::kTrueFalse, 0, 0, 3);
  EXPECT_EQ(Describe(p.sections[1]), (Lines{"6@13 判断一 key=√", "7@14 判断二 key=×", "8@15 判断三 key=√"}));
  ExpectSection(p.sections[2], QuestionType::kSingleChoice, 0, 0, 3);
  for (const auto& q : p.sections[2].questions) EXPECT_TRUE(q.key_letters.empty()) << q.number;
  // 9-11 AB and 12-10 ABA give no keys.
  EXPECT_EQ(ProblemsOf(p), (Problems{{17, "missing_key"}, {19, "missing_key"}, {21, "missing_key"},
                                     {26, "bad_key"}, {27, "bad_key"}}));
}

TEST(PaperParser, KeyConflictKeepsInlineKey) {
  ParsedPaper p = ParseFixture("key_conflict.txt");
  ASSERT_EQ(p.sections.size(), 2u);
  EXPECT_EQ(Describe(p.sections[0]), (Lines{"1@2 退货需要提供订单号。 key=√", "2@3 客服可以泄露客户电话。 key=×",
                                              "3@4 发票可以重开。 key=√"}));
  EXPECT_EQ(Describe(p.sections[1]), (Lines{"1@7 题一 [A:甲|B:乙|C:丙] key=AC", "2@10 题二 [A:甲|B:乙|C:丙] key=B",
                                              "3@13 题三 [A:甲|B:乙|C:丙] key=A"}));
  // (√) vs 1.×; B vs C; A vs F (not an option). 2.×, 3.√ and CA agree.
  EXPECT_EQ(ProblemsOf(p), (Problems{{18, "key_conflict"}, {21, "key_conflict"}, {22, "key_conflict"}}));
}

TEST(PaperParser, HeaderMetadataBeforeFirstSection) {
  ParsedPaper p = ParseFixture("header_meta.txt");
  EXPECT_EQ(p.title, "客服上岗考试");  // line 1 is a form line, not the title
  ASSERT_EQ(p.sections.size(), 1u);
  EXPECT_EQ(Describe(p.sections[0]), (Lines{"1@12 题目 key=√"}));
  // The numbered note under 注意事项 and an unknown line stay unparsed.
  EXPECT_EQ(ProblemsOf(p), (Problems{{8, "unparsed_line"}, {10, "unparsed_line"}}));
}

TEST(PaperParser, RubricAndTagForms) {
  ParsedPaper p = ParseFixture("rubric_forms.txt");
  ASSERT_EQ(p.sections.size(), 3u);
  EXPECT_EQ(Describe(p.sections[0]),
            (Lines{"1@2 讲一次你被客户投诉的经历。 key=如实描述，说明改进。 评分=1:没有反思|3:能说明经过|5:能反思并改进",
                     "2@7 讲一次你主动帮助同事的经历。 key= 评分=5:有具体事例",
                     "3@11 你为什么选择客服行业？ key= 评分=1:说不清楚|3:动机一般。|5:动机清楚。 "
                     "tags=difficulty:medium,topic:职业动机"}));
  EXPECT_EQ(Describe(p.sections[1]), (Lines{"1@14 客户要求私下加微信，你怎么办？ key=婉拒并引导到官方渠道。 "
                                              "评分=1:直接同意|3:婉拒但没有说明|5:婉拒并说明规定 "
                                              "tags=topic:合规,topic:隐私"}));
  // "商品标签：" inside a stem is text.
  EXPECT_EQ(Describe(p.sections[2]), (Lines{"1@17 商品标签：红色的含义是 [A:甲|B:乙] key=A tags=difficulty:easy"}));
  // 4-5分; text before any level; 0分; 5分 again in the answer block; 难度：很难.
  EXPECT_EQ(ProblemsOf(p), (Problems{{6, "bad_rubric"}, {7, "missing_key"}, {8, "bad_rubric"}, {10, "bad_rubric"},
                                     {11, "missing_key"}, {23, "bad_rubric"}, {28, "unparsed_line"}}));
}

TEST(PaperParser, TypeNames) {
  EXPECT_EQ(ToString(QuestionType::kCaseAnalysis), "case_analysis");
  EXPECT_EQ(ParseQuestionType("management"), QuestionType::kManagement);
  EXPECT_EQ(ParseQuestionType("essay"), std::nullopt);
  EXPECT_TRUE(IsChoice(QuestionType::kMultipleChoice));
  EXPECT_FALSE(IsChoice(QuestionType::kTrueFalse));
}

}  // namespace
}  // namespace kefu::training
