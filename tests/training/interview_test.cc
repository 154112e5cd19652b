// Tests for structured interviews (training/interview.h): validation, who
// sees the candidate, scoring checks and the kit's report.
#include <gtest/gtest.h>

#include "text/linear_time.h"
#include "training/interview.h"

namespace kefu::training {
namespace {

using Strings = std::vector<std::string>;

constexpr Timestamp kT0{1'780'000'000'000};

Interview MakeInterview() {
  Interview i;
  i.id = "I-000001";
  i.kit_id = "X-000009";
  i.role = "售后服务经理";
  i.candidate = {"王芳", "13812345678", "wangfang@example.com", "前公司客服主管，期望薪资 15k"};
  i.hiring_team = {"hrbp"};
  i.interviewers = {"zhang", "li", "wang"};
  i.created_by = "hr1";
  i.created_at = kT0;
  return i;
}

// Q1 probes 沟通能力 and 问题解决; Q2 领导力 (a section of its own);
// Q3 沟通能力 again.
struct Kit {
  Paper paper;
  std::vector<Question> questions;
  Kit() {
    paper.id = "X-000009";
    paper.title = "售后服务经理面试题";
    paper.kind = PaperKind::kInterviewKit;
    paper.sections = {{QuestionType::kBehavioral, "一、行为面试题", 0, {"Q-1"}},
                      {QuestionType::kManagement, "二、管理题", 0, {"Q-2", "Q-3"}}};
    Question q1, q2, q3;
    q1.id = "Q-1";
    q1.type = QuestionType::kBehavioral;
    q1.competencies = {"沟通能力", "问题解决"};
    q2.id = "Q-2";
    q2.type = QuestionType::kManagement;
    q2.competencies = {"领导力"};
    q3.id = "Q-3";
    q3.type = QuestionType::kManagement;
    q3.competencies = {"沟通能力"};
    questions = {q1, q2, q3};
  }
};

InterviewScore S(const std::string& who, const std::string& q, int score) {
  return InterviewScore{who, q, score, "", kT0};
}
InterviewVerdict V(const std::string& who, bool hire) { return InterviewVerdict{who, hire, "", kT0}; }

// zhang: 4 3 5; li: 5 1 4; wang: 4 3 4.
std::vector<InterviewScore> Scores() {
  return {S("zhang", "Q-1", 4), S("zhang", "Q-2", 3), S("zhang", "Q-3", 5),
          S("li", "Q-1", 5),    S("li", "Q-2", 1),    S("li", "Q-3", 4),
          S("wang", "Q-1", 4),  S("wang", "Q-2", 3),  S("wang", "Q-3", 4)};
}

// --- Validation and visibility -----------------------------------------------

TEST(InterviewNames, Status) {
  EXPECT_EQ(ToString(InterviewStatus::kScheduled), "scheduled");
  EXPECT_EQ(ToString(InterviewStatus::kDecided), "decided");
}

void ExpectInvalid(const Interview& i, const std::string& message) {
  Status s = ValidateInterview(i);
  EXPECT_EQ(s.code(), StatusCode::kValidation) << message;
  EXPECT_EQ(s.message(), message);
}

TEST(ValidateInterview, Valid) {
  EXPECT_TRUE(ValidateInterview(MakeInterview()).ok());
  Interview i = MakeInterview();
  i.candidate.name = std::string(100, 'n');
  i.candidate.phone = std::string(40, '1');
  i.candidate.email = std::string(200, 'e');
  i.candidate.notes = std::string(4000, 'x');
  i.interviewers = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
  i.hiring_team = Strings(20, "hr");
  i.role = std::string(100, 'r');
  i.hire_threshold = 5;
  i.competency_floor = 1;
  EXPECT_TRUE(ValidateInterview(i).ok()) << ValidateInterview(i).ToString();
  i.hire_threshold = 1;
  i.competency_floor = 5;
  i.interviewers = {"solo"};
  i.candidate.phone = "";
  i.candidate.email = "";
  EXPECT_TRUE(ValidateInterview(i).ok());
}

TEST(ValidateInterview, Candidate) {
  Interview i = MakeInterview();
  i.candidate.name = "";
  ExpectInvalid(i, "candidate.name must be 1..100 bytes");
  i.candidate.name = std::string(101, 'n');
  ExpectInvalid(i, "candidate.name must be 1..100 bytes");
  i = MakeInterview();
  i.candidate.phone = std::string(41, '1');
  ExpectInvalid(i, "candidate.phone is over 40 bytes");
  i = MakeInterview();
  i.candidate.email = std::string(201, 'e');
  ExpectInvalid(i, "candidate.email is over 200 bytes");
  i = MakeInterview();
  i.candidate.notes = std::string(4001, 'x');
  ExpectInvalid(i, "candidate.notes is over 4000 bytes");
}

TEST(ValidateInterview, Interviewers) {
  Interview i = MakeInterview();
  i.interviewers.clear();
  ExpectInvalid(i, "interviewers must list 1..10 logins");
  i.interviewers = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"};
  ExpectInvalid(i, "interviewers must list 1..10 logins");
  i.interviewers = {"zhang", "li", "zhang"};
  ExpectInvalid(i, "interviewers lists a login twice");
}

TEST(ValidateInterview, TeamRoleAndThresholds) {
  Interview i = MakeInterview();
  i.hiring_team = Strings(21, "hr");
  ExpectInvalid(i, "hiring_team lists over 20 logins");
  i = MakeInterview();
  i.role = std::string(101, 'r');
  ExpectInvalid(i, "role is over 100 bytes");
  i = MakeInterview();
  i.hire_threshold = 0.9;
  ExpectInvalid(i, "hire_threshold must be 1..5");
  i.hire_threshold = 5.1;
  ExpectInvalid(i, "hire_threshold must be 1..5");
  i = MakeInterview();
  i.competency_floor = 0;
  ExpectInvalid(i, "competency_floor must be 1..5");
  i.competency_floor = 5.5;
  ExpectInvalid(i, "competency_floor must be 1..5");
}

TEST(HiringTeam, Membership) {
  Interview i = MakeInterview();
  EXPECT_TRUE(OnHiringTeam(i, "hr1"));    // the creator
  EXPECT_TRUE(OnHiringTeam(i, "hrbp"));   // listed
  EXPECT_TRUE(OnHiringTeam(i, "li"));     // an interviewer
  EXPECT_FALSE(OnHiringTeam(i, "manager1"));
  EXPECT_FALSE(OnHiringTeam(i, ""));
  EXPECT_TRUE(IsInterviewer(i, "zhang"));
  EXPECT_TRUE(IsInterviewer(i, "wang"));
  EXPECT_FALSE(IsInterviewer(i, "hr1"));
  EXPECT_FALSE(IsInterviewer(i, "hrbp"));
  EXPECT_FALSE(IsInterviewer(i, "Zhang"));
}

TEST(Masked, Candidate) {
  Candidate m = Masked(MakeInterview().candidate);
  EXPECT_EQ(m.name, "王*");
  EXPECT_EQ(m.phone, "***");
  EXPECT_EQ(m.email, "***");
  EXPECT_EQ(m.notes, "");
}

TEST(Masked, NamesAndEmptyFields) {
  EXPECT_EQ(Masked(Candidate{"欧阳娜娜", "", "", "备注"}).name, "欧*");
  EXPECT_EQ(Masked(Candidate{"Alice Wang", "", "", ""}).name, "A*");
  EXPECT_EQ(Masked(Candidate{"\xF0\xA0\x80\x80明", "", "", ""}).name, "\xF0\xA0\x80\x80*");  // 𠀀明
  Candidate m = Masked(Candidate{"李雷", "", "", "很好"});
  EXPECT_EQ(m.name, "李*");
  EXPECT_EQ(m.phone, "");
  EXPECT_EQ(m.email, "");
  EXPECT_EQ(m.notes, "");
  EXPECT_EQ(Masked(Candidate{}).name, "");
}

// --- CheckScore / CheckVerdict ----------------------------------------------

TEST(CheckScore, Valid) {
  Interview i = MakeInterview();
  Kit k;
  EXPECT_TRUE(CheckScore(i, k.paper, S("zhang", "Q-1", 1)).ok());
  EXPECT_TRUE(CheckScore(i, k.paper, S("li", "Q-3", 5)).ok());  // a later section
  InterviewScore s = S("wang", "Q-2", 3);
  s.notes = std::string(4000, 'x');
  EXPECT_TRUE(CheckScore(i, k.paper, s).ok());
}

TEST(CheckScore, NotInterviewer) {
  Interview i = MakeInterview();
  Kit k;
  for (const std::string who : {"hr1", "hrbp", "manager1", ""}) {
    Status s = CheckScore(i, k.paper, S(who, "Q-1", 3));
    EXPECT_EQ(s.code(), StatusCode::kPermissionDenied) << who;
    EXPECT_EQ(s.reason(), "not_interviewer") << who;
  }
  // Even once decided, an outsider is told they are not an interviewer.
  i.status = InterviewStatus::kDecided;
  EXPECT_EQ(CheckScore(i, k.paper, S("hr1", "Q-1", 3)).reason(), "not_interviewer");
}

TEST(CheckScore, Decided) {
  Interview i = MakeInterview();
  i.status = InterviewStatus::kDecided;
  i.decision = "hire";
  Kit k;
  Status s = CheckScore(i, k.paper, S("zhang", "Q-1", 3));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "interview_decided");
}

TEST(CheckScore, Invalid) {
  Interview i = MakeInterview();
  Kit k;
  for (int score : {0, 6, -1}) {
    Status s = CheckScore(i, k.paper, S("zhang", "Q-1", score));
    EXPECT_EQ(s.code(), StatusCode::kValidation) << score;
    EXPECT_EQ(s.message(), "score must be 1..5") << score;
  }
  InterviewScore n = S("zhang", "Q-1", 3);
  n.notes = std::string(4001, 'x');
  EXPECT_EQ(CheckScore(i, k.paper, n).message(), "notes is over 4000 bytes");
  Status s = CheckScore(i, k.paper, S("zhang", "Q-9", 3));
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_EQ(s.message(), "question Q-9 is not in kit X-000009");
}

TEST(CheckVerdict, Rules) {
  Interview i = MakeInterview();
  EXPECT_TRUE(CheckVerdict(i, V("li", false)).ok());
  Status s = CheckVerdict(i, V("hrbp", true));
  EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(s.reason(), "not_interviewer");
  InterviewVerdict n = V("li", true);
  n.notes = std::string(4001, 'x');
  s = CheckVerdict(i, n);
  EXPECT_EQ(s.code(), StatusCode::kValidation);
  EXPECT_EQ(s.message(), "notes is over 4000 bytes");
  n.notes = std::string(4000, 'x');
  EXPECT_TRUE(CheckVerdict(i, n).ok());
  i.status = InterviewStatus::kDecided;
  s = CheckVerdict(i, V("li", true));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "interview_decided");
}

// --- BuildReport --------------------------------------------------------------

TEST(BuildReport, PerQuestion) {
  Kit k;
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, Scores(), {});
  ASSERT_EQ(r.questions.size(), 3u);
  const auto& q1 = r.questions[0];
  EXPECT_EQ(q1.question_id, "Q-1");
  EXPECT_EQ(q1.competencies, (Strings{"沟通能力", "问题解决"}));
  EXPECT_EQ(q1.scores, (std::map<std::string, int>{{"zhang", 4}, {"li", 5}, {"wang", 4}}));
  ASSERT_TRUE(q1.mean.has_value());
  EXPECT_DOUBLE_EQ(*q1.mean, 13.0 / 3);
  EXPECT_EQ(q1.spread, 1);
  const auto& q2 = r.questions[1];
  EXPECT_EQ(q2.question_id, "Q-2");
  EXPECT_DOUBLE_EQ(*q2.mean, 7.0 / 3);
  EXPECT_EQ(q2.spread, 2);
  const auto& q3 = r.questions[2];
  EXPECT_EQ(q3.question_id, "Q-3");
  EXPECT_DOUBLE_EQ(*q3.mean, 13.0 / 3);
  EXPECT_EQ(q3.spread, 1);
  EXPECT_EQ(r.scored_by, (std::map<std::string, int>{{"zhang", 3}, {"li", 3}, {"wang", 3}}));
  ASSERT_TRUE(r.overall.has_value());
  EXPECT_DOUBLE_EQ(*r.overall, 33.0 / 9);
}

// The report is linear in the kit's questions and the scores: a kit of
// 4,000 questions scored by three interviewers costs at most kLinearSlack
// times (per question) what one of 40 does. Undo: the question and score
// indexes at the top of BuildReport (interview.cc), back to a search of
// every question and a pass over every score per question.
TEST(BuildReport, LinearInQuestionsAndScores) {
  auto kit_of = [](int n) {
    auto k = std::make_shared<Kit>();
    k->paper.sections = {{QuestionType::kBehavioral, "一、行为面试题", 0, {}}};
    k->questions.clear();
    std::vector<InterviewScore> scores;
    for (int q = 0; q < n; ++q) {
      Question x;
      x.id = "Q-" + std::to_string(q);
      x.type = QuestionType::kBehavioral;
      x.competencies = {"能力" + std::to_string(q % 50)};
      k->paper.sections[0].question_ids.push_back(x.id);
      k->questions.push_back(std::move(x));
      for (const char* iv : {"zhang", "li", "wang"}) scores.push_back(S(iv, "Q-" + std::to_string(q), 1 + q % 5));
    }
    return std::make_pair(k, scores);
  };
  auto small = kit_of(40), large = kit_of(4000);
  Interview i = MakeInterview();
  using Input = std::pair<std::shared_ptr<Kit>, std::vector<InterviewScore>>;
  kefu::testing::ExpectLinearIn<Input>("BuildReport", small, 40, large, 4000, [&](const Input& in) {
    auto r = BuildReport(i, in.first->paper, in.first->questions, in.second, {});
    ASSERT_EQ(r.questions.size(), in.first->questions.size());
  });
}

TEST(BuildReport, PerCompetency) {
  Kit k;
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, Scores(), {});
  ASSERT_EQ(r.competencies.size(), 3u);
  // 沟通能力 over: 4 5 4 | 5 4 4.
  const auto& c = r.competencies[0];
  EXPECT_EQ(c.competency, "沟通能力");
  EXPECT_DOUBLE_EQ(*c.mean, 26.0 / 6);
  ASSERT_EQ(c.by_interviewer.size(), 3u);
  EXPECT_DOUBLE_EQ(c.by_interviewer.at("zhang"), 4.5);
  EXPECT_DOUBLE_EQ(c.by_interviewer.at("li"), 4.5);
  EXPECT_DOUBLE_EQ(c.by_interviewer.at("wang"), 4);
  EXPECT_DOUBLE_EQ(c.spread, 0.5);
  const auto& p = r.competencies[1];
  EXPECT_EQ(p.competency, "问题解决");
  EXPECT_DOUBLE_EQ(*p.mean, 13.0 / 3);
  EXPECT_DOUBLE_EQ(p.by_interviewer.at("li"), 5);
  EXPECT_DOUBLE_EQ(p.spread, 1);
  const auto& l = r.competencies[2];
  EXPECT_EQ(l.competency, "领导力");
  EXPECT_DOUBLE_EQ(*l.mean, 7.0 / 3);
  EXPECT_DOUBLE_EQ(l.by_interviewer.at("zhang"), 3);
  EXPECT_DOUBLE_EQ(l.by_interviewer.at("li"), 1);
  EXPECT_DOUBLE_EQ(l.by_interviewer.at("wang"), 3);
  EXPECT_DOUBLE_EQ(l.spread, 2);
}

TEST(BuildReport, Disagreements) {
  Kit k;
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, Scores(), {});
  // Q-2 (3 1 3) and 领导力 (its only question) differ by 2.
  EXPECT_EQ(r.disagreements, (Strings{"Q-2", "领导力"}));
  // A spread of 1 is no disagreement.
  auto scores = Scores();
  scores[4].score = 2;  // li on Q-2
  r = BuildReport(MakeInterview(), k.paper, k.questions, scores, {});
  EXPECT_TRUE(r.disagreements.empty());
}

TEST(BuildReport, CompetencyDisagreementAcrossQuestions) {
  Kit k;
  // No question has two scores, but on 沟通能力 zhang's mean (from Q-1) is
  // 2 and li's (from Q-3) is 4.
  std::vector<InterviewScore> scores = {S("zhang", "Q-1", 2), S("li", "Q-3", 4)};
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, scores, {});
  EXPECT_EQ(r.questions[0].spread, 0);
  EXPECT_EQ(r.questions[2].spread, 0);
  EXPECT_FALSE(r.questions[1].mean.has_value());
  EXPECT_DOUBLE_EQ(*r.competencies[0].mean, 3);
  EXPECT_DOUBLE_EQ(r.competencies[0].by_interviewer.at("zhang"), 2);
  EXPECT_DOUBLE_EQ(r.competencies[0].by_interviewer.at("li"), 4);
  EXPECT_DOUBLE_EQ(r.competencies[0].spread, 2);
  EXPECT_DOUBLE_EQ(r.competencies[1].spread, 0);
  EXPECT_FALSE(r.competencies[2].mean.has_value());
  EXPECT_EQ(r.disagreements, (Strings{"沟通能力"}));
  EXPECT_FALSE(r.complete);
}

TEST(BuildReport, NoHireBelowCompetencyFloor) {
  Kit k;
  std::vector<InterviewVerdict> verdicts = {V("zhang", true), V("li", true), V("wang", true)};
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, Scores(), verdicts);
  EXPECT_EQ(r.suggestion, "no_hire");
  EXPECT_EQ(r.reasons, (Strings{"领导力 2.3 低于 2.5 / below the competency floor"}));
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.verdicts.size(), 3u);
}

std::vector<InterviewScore> GoodScores() {
  auto s = Scores();
  s[4].score = 3;  // li on Q-2: 领导力 3 3 3; overall 35 / 9
  return s;
}

TEST(BuildReport, Hire) {
  Kit k;
  std::vector<InterviewVerdict> verdicts = {V("zhang", true), V("li", false), V("wang", true)};
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, GoodScores(), verdicts);
  EXPECT_DOUBLE_EQ(*r.overall, 35.0 / 9);
  EXPECT_EQ(r.suggestion, "hire");
  EXPECT_EQ(r.reasons, (Strings{"各项达标 / every threshold met"}));
  EXPECT_TRUE(r.complete);
}

TEST(BuildReport, HireOnEvenVerdictsAndWithoutVerdicts) {
  Kit k;
  Interview i = MakeInterview();
  i.interviewers = {"zhang", "li", "wang", "zhao"};
  auto r = BuildReport(i, k.paper, k.questions, GoodScores(),
                       {V("zhang", true), V("li", false), V("wang", false), V("zhao", true)});
  EXPECT_EQ(r.suggestion, "hire");
  EXPECT_FALSE(r.complete);  // zhao scored nothing
  EXPECT_EQ(r.scored_by.at("zhao"), 0);
  r = BuildReport(MakeInterview(), k.paper, k.questions, GoodScores(), {});
  EXPECT_EQ(r.suggestion, "hire");
  EXPECT_FALSE(r.complete);  // no verdicts
}

TEST(BuildReport, NoHireBelowThreshold) {
  Kit k;
  Interview i = MakeInterview();
  i.hire_threshold = 4;
  auto r = BuildReport(i, k.paper, k.questions, GoodScores(), {V("zhang", true)});
  EXPECT_EQ(r.suggestion, "no_hire");
  EXPECT_EQ(r.reasons, (Strings{"总体均分 3.9 低于 4.0 / overall mean below the hire threshold"}));
  // At the threshold exactly: hire.
  i.hire_threshold = 35.0 / 9;
  r = BuildReport(i, k.paper, k.questions, GoodScores(), {V("zhang", true)});
  EXPECT_EQ(r.suggestion, "hire");
}

TEST(BuildReport, NoHireOnMoreNoHireVerdicts) {
  Kit k;
  std::vector<InterviewVerdict> verdicts = {V("zhang", true), V("li", false), V("wang", false)};
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, GoodScores(), verdicts);
  EXPECT_EQ(r.suggestion, "no_hire");
  EXPECT_EQ(r.reasons, (Strings{"多数面试官建议不录用 / most interviewers say no hire"}));
  EXPECT_TRUE(r.complete);
}

TEST(BuildReport, EveryReasonInOrder) {
  Kit k;
  Interview i = MakeInterview();
  i.hire_threshold = 4;
  auto r = BuildReport(i, k.paper, k.questions, Scores(), {V("li", false)});
  EXPECT_EQ(r.suggestion, "no_hire");
  EXPECT_EQ(r.reasons, (Strings{"总体均分 3.7 低于 4.0 / overall mean below the hire threshold",
                                "领导力 2.3 低于 2.5 / below the competency floor",
                                "多数面试官建议不录用 / most interviewers say no hire"}));
}

TEST(BuildReport, CompetencyAtTheFloorIsEnough) {
  Kit k;
  Interview i = MakeInterview();
  i.hire_threshold = 3;
  i.competency_floor = 7.0 / 3;  // 领导力's mean exactly
  auto r = BuildReport(i, k.paper, k.questions, Scores(), {});
  EXPECT_EQ(r.suggestion, "hire");
}

TEST(BuildReport, NothingScored) {
  Kit k;
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, {}, {V("zhang", false)});
  EXPECT_EQ(r.suggestion, "");
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_FALSE(r.overall.has_value());
  EXPECT_FALSE(r.complete);
  EXPECT_TRUE(r.disagreements.empty());
  ASSERT_EQ(r.questions.size(), 3u);
  for (const auto& q : r.questions) {
    EXPECT_FALSE(q.mean.has_value()) << q.question_id;
    EXPECT_TRUE(q.scores.empty());
    EXPECT_EQ(q.spread, 0);
  }
  ASSERT_EQ(r.competencies.size(), 3u);
  EXPECT_EQ(r.competencies[0].competency, "沟通能力");
  for (const auto& c : r.competencies) {
    EXPECT_FALSE(c.mean.has_value()) << c.competency;
    EXPECT_TRUE(c.by_interviewer.empty());
  }
  EXPECT_EQ(r.scored_by, (std::map<std::string, int>{{"zhang", 0}, {"li", 0}, {"wang", 0}}));
  EXPECT_EQ(r.verdicts.size(), 1u);
}

TEST(BuildReport, Complete) {
  Kit k;
  Interview i = MakeInterview();
  std::vector<InterviewVerdict> all = {V("zhang", true), V("li", true), V("wang", true)};
  EXPECT_TRUE(BuildReport(i, k.paper, k.questions, Scores(), all).complete);
  // One verdict missing.
  EXPECT_FALSE(BuildReport(i, k.paper, k.questions, Scores(), {all[0], all[1]}).complete);
  // One score missing.
  auto scores = Scores();
  scores.pop_back();
  auto r = BuildReport(i, k.paper, k.questions, scores, all);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.scored_by.at("wang"), 2);
  EXPECT_EQ(r.questions[2].scores.size(), 2u);
}

TEST(BuildReport, ScoresOutsideTheKitOrTeamIgnored) {
  Kit k;
  auto scores = Scores();
  scores.push_back(S("hr1", "Q-2", 1));     // not an interviewer
  scores.push_back(S("zhang", "Q-9", 1));  // not in the kit
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, scores, {});
  EXPECT_DOUBLE_EQ(*r.overall, 33.0 / 9);
  EXPECT_EQ(r.questions[1].scores.count("hr1"), 0u);
  EXPECT_EQ(r.scored_by.count("hr1"), 0u);
  EXPECT_EQ(r.scored_by.at("zhang"), 3);
  EXPECT_EQ(r.questions.size(), 3u);
}

TEST(BuildReport, QuestionsInKitOrderWithoutCompetencies) {
  Kit k;
  k.paper.sections = {{QuestionType::kManagement, "管理题", 0, {"Q-3", "Q-2"}},
                      {QuestionType::kBehavioral, "行为面试题", 0, {"Q-1"}}};
  k.questions[2].competencies.clear();  // Q-3 probes nothing named
  auto r = BuildReport(MakeInterview(), k.paper, k.questions, Scores(), {});
  ASSERT_EQ(r.questions.size(), 3u);
  EXPECT_EQ(r.questions[0].question_id, "Q-3");
  EXPECT_EQ(r.questions[1].question_id, "Q-2");
  EXPECT_EQ(r.questions[2].question_id, "Q-1");
  EXPECT_TRUE(r.questions[0].competencies.empty());
  ASSERT_EQ(r.competencies.size(), 3u);
  EXPECT_EQ(r.competencies[0].competency, "领导力");
  EXPECT_EQ(r.competencies[1].competency, "沟通能力");
  EXPECT_EQ(r.competencies[2].competency, "问题解决");
  EXPECT_DOUBLE_EQ(*r.competencies[1].mean, 13.0 / 3);  // Q-1 only now
  EXPECT_DOUBLE_EQ(*r.overall, 33.0 / 9);              // Q-3 still counts overall
}

TEST(BuildReport, SingleInterviewer) {
  Kit k;
  Interview i = MakeInterview();
  i.interviewers = {"zhang"};
  auto r = BuildReport(i, k.paper, k.questions, Scores(), {V("zhang", true)});
  EXPECT_DOUBLE_EQ(*r.overall, 4);
  EXPECT_EQ(r.questions[1].spread, 0);
  EXPECT_DOUBLE_EQ(r.competencies[2].spread, 0);
  EXPECT_TRUE(r.disagreements.empty());
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.suggestion, "hire");
}

}  // namespace
}  // namespace kefu::training
