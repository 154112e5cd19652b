// Tests for exam rules (training/exam.h): the blueprint's validation, the
// random draw, attempts, the time limit and autosaved answers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "training/exam.h"

namespace kefu::training {
namespace {

using Letters = std::vector<std::string>;

constexpr Timestamp kT0{1'780'000'000'000};

std::string Id(int n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "Q-%06d", n);
  return buf;
}

Question MakeQuestion(int n, QuestionType type, std::vector<std::string> tags = {},
                      const std::string& paper = "X-000001", int options = 4) {
  Question q;
  q.id = Id(n);
  q.paper_id = paper;
  q.type = type;
  q.stem = "题目" + std::to_string(n);
  static const char* kLetters[] = {"A", "B", "C", "D", "E"};
  if (IsChoice(type)) {
    for (int i = 0; i < options; ++i) q.options.push_back({kLetters[i], "选项" + std::string(kLetters[i])});
    q.key_letters = {"A"};
  } else if (type == QuestionType::kTrueFalse) {
    q.key_bool = true;
  } else {
    q.key_text = "答案";
  }
  q.tags = std::move(tags);
  q.points = 2;
  return q;
}

// 30 single choice (Q-000001..30; the first 10 tagged 退货政策 + easy, the
// next 5 退货政策 only; 21..30 from paper X-000002), 10 multiple choice
// (5 options), 6 true/false (given two options, which must never be
// shuffled), 4 fill-in.
std::vector<Question> Bank() {
  std::vector<Question> bank;
  for (int n = 1; n <= 30; ++n) {
    std::vector<std::string> tags;
    if (n <= 15) tags.push_back("topic:退货政策");
    if (n <= 10) tags.push_back("difficulty:easy");
    bank.push_back(MakeQuestion(n, QuestionType::kSingleChoice, tags, n > 20 ? "X-000002" : "X-000001"));
  }
  for (int n = 31; n <= 40; ++n) {
    bank.push_back(MakeQuestion(n, QuestionType::kMultipleChoice, {}, "X-000001", 5));
  }
  for (int n = 41; n <= 46; ++n) {
    Question q = MakeQuestion(n, QuestionType::kTrueFalse);
    q.options = {{"A", "对"}, {"B", "错"}};
    bank.push_back(q);
  }
  for (int n = 47; n <= 50; ++n) bank.push_back(MakeQuestion(n, QuestionType::kFillIn));
  return bank;
}

BlueprintSection Sec(QuestionType type, int count, double each, std::vector<std::string> tags = {},
                     const std::string& paper = "") {
  BlueprintSection s;
  s.type = type;
  s.count = count;
  s.points_each = each;
  s.tags = std::move(tags);
  s.paper_id = paper;
  return s;
}

ExamSpec Spec() {
  ExamSpec e;
  e.id = "E-000001";
  e.title = "售后客服上岗考试";
  e.sections = {Sec(QuestionType::kSingleChoice, 10, 2), Sec(QuestionType::kMultipleChoice, 5, 4),
                Sec(QuestionType::kTrueFalse, 4, 1), Sec(QuestionType::kFillIn, 2, 3)};
  e.time_limit_minutes = 60;
  e.max_attempts = 2;
  return e;
}

void ExpectField(const ExamSpec& e, const std::string& message) {
  Status s = ValidateExamSpec(e);
  EXPECT_EQ(s.code(), StatusCode::kValidation) << message;
  EXPECT_EQ(s.reason(), "validation_failed") << message;
  EXPECT_EQ(s.message(), message);
}

std::vector<std::string> IdsOf(const std::vector<DrawnItem>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.question_id);
  return out;
}

const Question* Find(const std::vector<Question>& bank, const std::string& id) {
  for (const auto& q : bank) {
    if (q.id == id) return &q;
  }
  return nullptr;
}

// --- Names ------------------------------------------------------------------

TEST(ExamNames, ChoiceScoringRoundTrip) {
  EXPECT_EQ(ToString(ChoiceScoring::kAllOrNothing), "all_or_nothing");
  EXPECT_EQ(ToString(ChoiceScoring::kHalfForSubset), "half_for_subset");
  EXPECT_EQ(ToString(ChoiceScoring::kProportional), "proportional");
  for (auto s : {ChoiceScoring::kAllOrNothing, ChoiceScoring::kHalfForSubset, ChoiceScoring::kProportional}) {
    EXPECT_EQ(ParseChoiceScoring(ToString(s)), std::optional<ChoiceScoring>(s));
  }
  EXPECT_EQ(ParseChoiceScoring(""), std::nullopt);
  EXPECT_EQ(ParseChoiceScoring("All_Or_Nothing"), std::nullopt);
  EXPECT_EQ(ParseChoiceScoring("half"), std::nullopt);
}

TEST(ExamNames, AttemptStatus) {
  EXPECT_EQ(ToString(AttemptStatus::kInProgress), "in_progress");
  EXPECT_EQ(ToString(AttemptStatus::kSubmitted), "submitted");
  EXPECT_EQ(ToString(AttemptStatus::kGraded), "graded");
}

TEST(ExamNames, IsBlank) {
  EXPECT_TRUE(IsBlank(Answer{}));
  EXPECT_FALSE(IsBlank(Answer{{"A"}, std::nullopt, ""}));
  EXPECT_FALSE(IsBlank(Answer{{}, false, ""}));
  EXPECT_FALSE(IsBlank(Answer{{}, std::nullopt, "x"}));
}

// --- ValidateExamSpec -------------------------------------------------------

TEST(ValidateExamSpec, ValidSpec) {
  EXPECT_TRUE(ValidateExamSpec(Spec()).ok());
  ExamSpec e = Spec();
  e.time_limit_minutes = 0;
  e.max_attempts = 10;
  e.pass_percent = 100;
  e.certificate_valid_days = 3650;
  e.sections[0].count = 200;
  e.sections[0].points_each = 100;
  e.sections[0].tags = std::vector<std::string>(10, "topic:退货政策");
  e.title = std::string(200, 't');
  e.sections[0].title = std::string(200, 's');
  e.certification = std::string(100, 'c');
  e.candidates = std::vector<std::string>(1000, "agent");
  EXPECT_TRUE(ValidateExamSpec(e).ok()) << ValidateExamSpec(e).ToString();
  e.time_limit_minutes = 600;
  e.max_attempts = 1;
  e.pass_percent = 0;
  e.certificate_valid_days = 1;
  e.sections[0].count = 1;
  e.sections[0].points_each = 0.5;
  EXPECT_TRUE(ValidateExamSpec(e).ok()) << ValidateExamSpec(e).ToString();
}

TEST(ValidateExamSpec, Title) {
  ExamSpec e = Spec();
  e.title = "";
  ExpectField(e, "title must be 1..200 bytes");
  e.title = std::string(201, 't');
  ExpectField(e, "title must be 1..200 bytes");
}

TEST(ValidateExamSpec, Sections) {
  ExamSpec e = Spec();
  e.sections.clear();
  ExpectField(e, "sections must have 1..20 sections");
  e.sections = std::vector<BlueprintSection>(21, Sec(QuestionType::kSingleChoice, 1, 1));
  ExpectField(e, "sections must have 1..20 sections");
  e.sections.resize(20);
  EXPECT_TRUE(ValidateExamSpec(e).ok());
}

TEST(ValidateExamSpec, SectionFields) {
  {
    ExamSpec e = Spec();
    e.sections[1].type = QuestionType::kBehavioral;
    ExpectField(e, "sections[1].type must be an exam question type");
  }
  {
    ExamSpec e = Spec();
    e.sections[2].type = QuestionType::kManagement;
    ExpectField(e, "sections[2].type must be an exam question type");
  }
  {
    ExamSpec e = Spec();
    e.sections[0].count = 0;
    ExpectField(e, "sections[0].count must be 1..200");
    e.sections[0].count = 201;
    ExpectField(e, "sections[0].count must be 1..200");
  }
  {
    ExamSpec e = Spec();
    e.sections[3].points_each = 0;
    ExpectField(e, "sections[3].points_each must be in (0, 100]");
    e.sections[3].points_each = -2;
    ExpectField(e, "sections[3].points_each must be in (0, 100]");
    e.sections[3].points_each = 100.5;
    ExpectField(e, "sections[3].points_each must be in (0, 100]");
    e.sections[3].points_each = std::nan("");
    ExpectField(e, "sections[3].points_each must be in (0, 100]");
  }
  {
    ExamSpec e = Spec();
    e.sections[1].title = std::string(201, 's');
    ExpectField(e, "sections[1].title is over 200 bytes");
  }
  {
    ExamSpec e = Spec();
    e.sections[0].tags = std::vector<std::string>(11, "difficulty:easy");
    ExpectField(e, "sections[0].tags has over 10 tags");
  }
}

TEST(ValidateExamSpec, FirstBadSectionIsNamed) {
  ExamSpec e = Spec();
  e.sections[1].count = 0;
  e.sections[2].count = 0;
  ExpectField(e, "sections[1].count must be 1..200");
}

TEST(ValidateExamSpec, Limits) {
  {
    ExamSpec e = Spec();
    e.time_limit_minutes = -1;
    ExpectField(e, "time_limit_minutes must be 0..600");
    e.time_limit_minutes = 601;
    ExpectField(e, "time_limit_minutes must be 0..600");
  }
  {
    ExamSpec e = Spec();
    e.max_attempts = 0;
    ExpectField(e, "max_attempts must be 1..10");
    e.max_attempts = 11;
    ExpectField(e, "max_attempts must be 1..10");
  }
  {
    ExamSpec e = Spec();
    e.pass_percent = -0.5;
    ExpectField(e, "pass_percent must be 0..100");
    e.pass_percent = 100.5;
    ExpectField(e, "pass_percent must be 0..100");
  }
  {
    ExamSpec e = Spec();
    e.certification = std::string(101, 'c');
    ExpectField(e, "certification is over 100 bytes");
  }
  {
    ExamSpec e = Spec();
    e.certificate_valid_days = 0;
    ExpectField(e, "certificate_valid_days must be 1..3650");
    e.certificate_valid_days = 3651;
    ExpectField(e, "certificate_valid_days must be 1..3650");
  }
  {
    ExamSpec e = Spec();
    e.candidates = std::vector<std::string>(1001, "agent");
    ExpectField(e, "candidates has over 1000 logins");
  }
}

TEST(ValidateExamSpec, TotalPoints) {
  EXPECT_DOUBLE_EQ(TotalPoints(Spec()), 10 * 2 + 5 * 4 + 4 * 1 + 2 * 3);
  ExamSpec e = Spec();
  e.sections = {Sec(QuestionType::kSingleChoice, 3, 1.5)};
  EXPECT_DOUBLE_EQ(TotalPoints(e), 4.5);
}

// --- DrawPaper --------------------------------------------------------------

TEST(DrawPaper, CountsPerSectionAndPoints) {
  auto bank = Bank();
  auto r = DrawPaper(Spec(), bank, 42);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& items = *r;
  ASSERT_EQ(items.size(), 21u);
  const int counts[] = {10, 5, 4, 2};
  const double points[] = {2, 4, 1, 3};
  const QuestionType types[] = {QuestionType::kSingleChoice, QuestionType::kMultipleChoice,
                                QuestionType::kTrueFalse, QuestionType::kFillIn};
  size_t k = 0;
  for (int s = 0; s < 4; ++s) {
    for (int c = 0; c < counts[s]; ++c, ++k) {
      EXPECT_EQ(items[k].section, s) << k;
      EXPECT_DOUBLE_EQ(items[k].points, points[s]) << k;
      const Question* q = Find(bank, items[k].question_id);
      ASSERT_NE(q, nullptr) << items[k].question_id;
      EXPECT_EQ(q->type, types[s]) << k;
    }
  }
}

TEST(DrawPaper, NoQuestionTwice) {
  auto bank = Bank();
  ExamSpec e = Spec();
  // Two single-choice sections over overlapping pools.
  e.sections = {Sec(QuestionType::kSingleChoice, 10, 2, {"topic:退货政策"}),
                Sec(QuestionType::kSingleChoice, 20, 2)};
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    auto r = DrawPaper(e, bank, seed);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    auto ids = IdsOf(*r);
    ASSERT_EQ(ids.size(), 30u);
    EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), 30u) << "seed " << seed;
  }
}

TEST(DrawPaper, TagFilter) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.sections = {Sec(QuestionType::kSingleChoice, 10, 2, {"topic:退货政策", "difficulty:easy"})};
  auto r = DrawPaper(e, bank, 7);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto ids = IdsOf(*r);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> want;
  for (int n = 1; n <= 10; ++n) want.push_back(Id(n));
  EXPECT_EQ(ids, want);  // exactly the 10 questions with both tags

  e.sections = {Sec(QuestionType::kSingleChoice, 5, 2, {"topic:退货政策"})};
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    auto d = DrawPaper(e, bank, seed);
    ASSERT_TRUE(d.ok());
    for (const auto& it : *d) EXPECT_TRUE(HasTag(*Find(bank, it.question_id), "topic:退货政策"));
  }
}

TEST(DrawPaper, PaperFilter) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.sections = {Sec(QuestionType::kSingleChoice, 10, 2, {}, "X-000002")};
  auto r = DrawPaper(e, bank, 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto ids = IdsOf(*r);
  std::sort(ids.begin(), ids.end());
  std::vector<std::string> want;
  for (int n = 21; n <= 30; ++n) want.push_back(Id(n));
  EXPECT_EQ(ids, want);
}

TEST(DrawPaper, SameSeedSameDraw) {
  auto bank = Bank();
  auto a = DrawPaper(Spec(), bank, 123456789);
  auto b = DrawPaper(Spec(), bank, 123456789);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(a->size(), b->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].question_id, (*b)[i].question_id);
    EXPECT_EQ((*a)[i].option_order, (*b)[i].option_order);
  }
}

TEST(DrawPaper, DrawDoesNotDependOnBankOrder) {
  auto bank = Bank();
  std::vector<Question> reversed(bank.rbegin(), bank.rend());
  auto a = DrawPaper(Spec(), bank, 99);
  auto b = DrawPaper(Spec(), reversed, 99);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(a->size(), b->size());
  for (size_t i = 0; i < a->size(); ++i) {
    EXPECT_EQ((*a)[i].question_id, (*b)[i].question_id);
    EXPECT_EQ((*a)[i].option_order, (*b)[i].option_order);
  }
}

TEST(DrawPaper, DifferentSeedsDifferentOrder) {
  auto bank = Bank();
  ExamSpec e = Spec();
  // The whole single-choice pool: the same questions, in another order.
  e.sections = {Sec(QuestionType::kSingleChoice, 30, 1)};
  auto a = DrawPaper(e, bank, 1);
  auto b = DrawPaper(e, bank, 2);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  auto ia = IdsOf(*a), ib = IdsOf(*b);
  EXPECT_NE(ia, ib);
  std::sort(ia.begin(), ia.end());
  std::sort(ib.begin(), ib.end());
  EXPECT_EQ(ia, ib);
  // And the draw is in random order, not bank order.
  std::vector<std::string> bank_order;
  for (int n = 1; n <= 30; ++n) bank_order.push_back(Id(n));
  EXPECT_NE(IdsOf(*a), bank_order);
  EXPECT_NE(IdsOf(*b), bank_order);
}

TEST(DrawPaper, DifferentSeedsDrawDifferentSubsets) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.sections = {Sec(QuestionType::kSingleChoice, 10, 1)};
  std::set<std::set<std::string>> subsets;
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    auto r = DrawPaper(e, bank, seed);
    ASSERT_TRUE(r.ok());
    auto ids = IdsOf(*r);
    subsets.insert(std::set<std::string>(ids.begin(), ids.end()));
  }
  EXPECT_GT(subsets.size(), 1u);
}

TEST(DrawPaper, OptionsShuffledOnlyForChoices) {
  auto bank = Bank();
  ExamSpec e = Spec();
  ASSERT_TRUE(e.shuffle_options);
  auto r = DrawPaper(e, bank, 2024);
  ASSERT_TRUE(r.ok());
  int reordered = 0;
  for (const auto& it : *r) {
    const Question* q = Find(bank, it.question_id);
    Letters own;
    for (const auto& [l, t] : q->options) own.push_back(l);
    Letters sorted = it.option_order;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, own) << it.question_id << ": a permutation of the question's letters";
    if (IsChoice(q->type)) {
      reordered += it.option_order != own;
    } else {
      EXPECT_EQ(it.option_order, own) << it.question_id << " is not a choice: never shuffled";
    }
  }
  // 15 choice items of 4 or 5 options: (for this seed) most are reordered.
  EXPECT_GE(reordered, 10);
}

TEST(DrawPaper, NoShuffleKeepsOptionOrder) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.shuffle_options = false;
  auto r = DrawPaper(e, bank, 2024);
  ASSERT_TRUE(r.ok());
  for (const auto& it : *r) {
    const Question* q = Find(bank, it.question_id);
    Letters own;
    for (const auto& [l, t] : q->options) own.push_back(l);
    EXPECT_EQ(it.option_order, own) << it.question_id;
  }
  // Fill-in questions have no options at all.
  EXPECT_TRUE(r->back().option_order.empty());
}

TEST(DrawPaper, BankTooSmallNamesTheSection) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.sections[3].count = 5;  // 4 fill-in questions in the bank
  auto r = DrawPaper(e, bank, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().reason(), "bank_too_small");
  EXPECT_NE(r.status().message().find("section 4 needs 5 questions, the bank has 4"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("第4部分"), std::string::npos) << r.status().message();
}

TEST(DrawPaper, BankTooSmallCountsQuestionsUsedByEarlierSections) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.sections = {Sec(QuestionType::kSingleChoice, 25, 1), Sec(QuestionType::kSingleChoice, 6, 1)};
  auto r = DrawPaper(e, bank, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "bank_too_small");
  EXPECT_NE(r.status().message().find("section 2 needs 6 questions, the bank has 5"), std::string::npos)
      << r.status().message();
  e.sections[1].count = 5;
  EXPECT_TRUE(DrawPaper(e, bank, 1).ok());
}

TEST(DrawPaper, BankTooSmallWithFilters) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.sections = {Sec(QuestionType::kSingleChoice, 11, 1, {"difficulty:easy"})};
  auto r = DrawPaper(e, bank, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("section 1 needs 11 questions, the bank has 10"), std::string::npos)
      << r.status().message();
  e.sections = {Sec(QuestionType::kMultipleChoice, 1, 1, {}, "X-000002")};
  r = DrawPaper(e, bank, 1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("section 1 needs 1 questions, the bank has 0"), std::string::npos)
      << r.status().message();
}

TEST(MatchingCounts, PerSection) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.sections = {Sec(QuestionType::kSingleChoice, 1, 1),
                Sec(QuestionType::kSingleChoice, 1, 1, {"topic:退货政策"}),
                Sec(QuestionType::kSingleChoice, 1, 1, {"topic:退货政策", "difficulty:easy"}),
                Sec(QuestionType::kSingleChoice, 1, 1, {}, "X-000002"),
                Sec(QuestionType::kSingleChoice, 1, 1, {"topic:退货政策"}, "X-000002"),
                Sec(QuestionType::kMultipleChoice, 1, 1),
                Sec(QuestionType::kTrueFalse, 1, 1),
                Sec(QuestionType::kFillIn, 1, 1),
                Sec(QuestionType::kShortAnswer, 1, 1),
                Sec(QuestionType::kSingleChoice, 1, 1, {"topic:不存在"})};
  EXPECT_EQ(MatchingCounts(e, bank), (std::vector<int>{30, 15, 10, 10, 0, 10, 6, 4, 0, 0}));
  EXPECT_EQ(MatchingCounts(e, {}), (std::vector<int>(10, 0)));
}

// --- StartAttempt -----------------------------------------------------------

Attempt Earlier(AttemptStatus status, std::optional<Timestamp> deadline = std::nullopt) {
  Attempt a;
  a.id = "W-000001";
  a.exam_id = "E-000001";
  a.candidate = "agent1";
  a.status = status;
  a.deadline = deadline;
  return a;
}

TEST(StartAttempt, FirstAttempt) {
  auto bank = Bank();
  ExamSpec e = Spec();
  auto r = StartAttempt(e, {}, "agent1", bank, 77, "W-000010", kT0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Attempt& a = *r;
  EXPECT_EQ(a.id, "W-000010");
  EXPECT_EQ(a.exam_id, "E-000001");
  EXPECT_EQ(a.candidate, "agent1");
  EXPECT_EQ(a.number, 1);
  EXPECT_EQ(a.status, AttemptStatus::kInProgress);
  EXPECT_EQ(a.started_at, kT0);
  ASSERT_TRUE(a.deadline.has_value());
  EXPECT_EQ(a.deadline->unix_ms, kT0.unix_ms + 60 * 60'000);
  EXPECT_FALSE(a.submitted_at.has_value());
  EXPECT_FALSE(a.last_saved_at.has_value());
  EXPECT_EQ(a.items.size(), 21u);
  EXPECT_EQ(a.answers.size(), 21u);
  for (const auto& ans : a.answers) EXPECT_TRUE(IsBlank(ans));
  EXPECT_TRUE(a.grades.empty());
  EXPECT_DOUBLE_EQ(a.max_score, 50);
  // The items are the draw for that seed.
  auto d = DrawPaper(e, bank, 77);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(IdsOf(a.items), IdsOf(*d));
}

TEST(StartAttempt, DeadlineFromTimeLimit) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.time_limit_minutes = 600;
  auto r = StartAttempt(e, {}, "agent1", bank, 1, "W-000010", kT0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->deadline, std::optional<Timestamp>(Timestamp{kT0.unix_ms + 36'000'000}));
  e.time_limit_minutes = 0;
  r = StartAttempt(e, {}, "agent1", bank, 1, "W-000010", kT0);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->deadline.has_value());
}

TEST(StartAttempt, NotACandidate) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.candidates = {"agent1", "agent2"};
  auto r = StartAttempt(e, {}, "agent3", bank, 1, "W-000010", kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(r.status().reason(), "not_a_candidate");
  EXPECT_TRUE(StartAttempt(e, {}, "agent2", bank, 1, "W-000010", kT0).ok());
  e.candidates.clear();
  EXPECT_TRUE(StartAttempt(e, {}, "agent3", bank, 1, "W-000010", kT0).ok());
}

TEST(StartAttempt, AttemptInProgress) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.max_attempts = 5;
  std::vector<Attempt> earlier = {Earlier(AttemptStatus::kInProgress, Timestamp{kT0.unix_ms + 1000})};
  auto r = StartAttempt(e, earlier, "agent1", bank, 1, "W-000010", kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().reason(), "attempt_in_progress");
  // Without a time limit it stays open.
  earlier = {Earlier(AttemptStatus::kInProgress)};
  r = StartAttempt(e, earlier, "agent1", bank, 1, "W-000010", kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "attempt_in_progress");
  // Within the grace it is still open.
  earlier = {Earlier(AttemptStatus::kInProgress, Timestamp{kT0.unix_ms - kSaveGraceMs})};
  r = StartAttempt(e, earlier, "agent1", bank, 1, "W-000010", kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "attempt_in_progress");
}

TEST(StartAttempt, TimedOutInProgressAttemptDoesNotBlock) {
  auto bank = Bank();
  ExamSpec e = Spec();
  std::vector<Attempt> earlier = {
      Earlier(AttemptStatus::kInProgress, Timestamp{kT0.unix_ms - kSaveGraceMs - 1})};
  auto r = StartAttempt(e, earlier, "agent1", bank, 1, "W-000011", kT0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->number, 2);
  // But it still counts as an attempt.
  e.max_attempts = 1;
  r = StartAttempt(e, earlier, "agent1", bank, 1, "W-000011", kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "no_attempts_left");
}

TEST(StartAttempt, NoAttemptsLeft) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.max_attempts = 2;
  std::vector<Attempt> earlier = {Earlier(AttemptStatus::kGraded), Earlier(AttemptStatus::kSubmitted)};
  auto r = StartAttempt(e, earlier, "agent1", bank, 1, "W-000012", kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().reason(), "no_attempts_left");
  EXPECT_NE(r.status().message().find("(2 allowed)"), std::string::npos) << r.status().message();
}

TEST(StartAttempt, NumberIncrements) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.max_attempts = 3;
  std::vector<Attempt> earlier;
  for (int n = 1; n <= 3; ++n) {
    auto r = StartAttempt(e, earlier, "agent1", bank, n, "W-00000" + std::to_string(n), kT0);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->number, n);
    Attempt a = *r;
    a.status = AttemptStatus::kGraded;
    earlier.push_back(a);
  }
  EXPECT_EQ(StartAttempt(e, earlier, "agent1", bank, 4, "W-000004", kT0).status().reason(),
            "no_attempts_left");
}

TEST(StartAttempt, DrawErrorsPassThrough) {
  auto bank = Bank();
  ExamSpec e = Spec();
  e.sections[1].count = 11;
  auto r = StartAttempt(e, {}, "agent1", bank, 1, "W-000010", kT0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().reason(), "bank_too_small");
  EXPECT_NE(r.status().message().find("section 2"), std::string::npos);
}

// --- TimeUp -----------------------------------------------------------------

TEST(TimeUp, GraceBoundary) {
  Attempt a;
  Timestamp d{kT0.unix_ms + 3'600'000};
  a.deadline = d;
  EXPECT_FALSE(TimeUp(a, kT0));
  EXPECT_FALSE(TimeUp(a, d));
  EXPECT_FALSE(TimeUp(a, Timestamp{d.unix_ms + 1}));
  EXPECT_FALSE(TimeUp(a, Timestamp{d.unix_ms + kSaveGraceMs}));
  EXPECT_TRUE(TimeUp(a, Timestamp{d.unix_ms + kSaveGraceMs + 1}));
  EXPECT_TRUE(TimeUp(a, Timestamp{d.unix_ms + 86'400'000}));
}

TEST(TimeUp, NoDeadlineNeverUp) {
  Attempt a;
  EXPECT_FALSE(TimeUp(a, kT0));
  EXPECT_FALSE(TimeUp(a, Timestamp{kT0.unix_ms + 365ll * 86'400'000}));
}

TEST(TimeUp, GraceIsTenSeconds) { EXPECT_EQ(kSaveGraceMs, 10'000); }

// --- SaveAnswers ------------------------------------------------------------

// An attempt over hand-made items: 0 single choice (4 options shown
// C A D B), 1 multiple choice (5 options), 2 true/false, 3 fill-in,
// 4 short answer, 5 single choice with 3 options.
struct Fixture {
  std::vector<Question> qs;
  std::map<std::string, const Question*> by_id;
  Attempt a;
  Timestamp deadline{kT0.unix_ms + 1'800'000};

  Fixture() {
    qs.push_back(MakeQuestion(1, QuestionType::kSingleChoice));
    qs.push_back(MakeQuestion(2, QuestionType::kMultipleChoice, {}, "X-000001", 5));
    qs.push_back(MakeQuestion(3, QuestionType::kTrueFalse));
    qs.push_back(MakeQuestion(4, QuestionType::kFillIn));
    qs.push_back(MakeQuestion(5, QuestionType::kShortAnswer));
    qs.push_back(MakeQuestion(6, QuestionType::kSingleChoice, {}, "X-000001", 3));
    for (const auto& q : qs) by_id[q.id] = &q;
    a.id = "W-000001";
    a.exam_id = "E-000001";
    a.candidate = "agent1";
    a.started_at = kT0;
    a.deadline = deadline;
    a.items = {{Id(1), 0, 2, {"C", "A", "D", "B"}}, {Id(2), 1, 4, {"E", "B", "A", "D", "C"}},
               {Id(3), 2, 1, {}},                    {Id(4), 3, 3, {}},
               {Id(5), 4, 10, {}},                   {Id(6), 0, 2, {"B", "C", "A"}}};
    a.answers.resize(a.items.size());
  }
  Fixture(const Fixture&) = delete;

  Status Save(std::map<int, Answer> answers, Timestamp now = Timestamp{kT0.unix_ms + 60'000}) {
    return SaveAnswers(a, answers, by_id, now);
  }
};

Answer L(Letters l) { return Answer{std::move(l), std::nullopt, ""}; }
Answer V(bool v) { return Answer{{}, v, ""}; }
Answer T(std::string t) { return Answer{{}, std::nullopt, std::move(t)}; }

void ExpectInvalid(const Status& s, const std::string& contains) {
  EXPECT_EQ(s.code(), StatusCode::kValidation) << s.ToString();
  EXPECT_NE(s.message().find(contains), std::string::npos) << s.message();
}

TEST(SaveAnswers, SavesEveryKind) {
  Fixture f;
  Timestamp now{kT0.unix_ms + 90'000};
  Status s = f.Save({{0, L({"B"})}, {1, L({"E", "A", "C"})}, {2, V(false)}, {3, T("七；运费险")},
                     {4, T("先道歉，再核实订单。")}, {5, L({"C"})}},
                    now);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(f.a.answers[0], L({"B"}));
  EXPECT_EQ(f.a.answers[1], L({"A", "C", "E"}));  // stored sorted
  EXPECT_EQ(f.a.answers[2], V(false));
  EXPECT_EQ(f.a.answers[3], T("七；运费险"));
  EXPECT_EQ(f.a.answers[4], T("先道歉，再核实订单。"));
  EXPECT_EQ(f.a.answers[5], L({"C"}));
  EXPECT_EQ(f.a.last_saved_at, std::optional<Timestamp>(now));
  EXPECT_EQ(f.a.status, AttemptStatus::kInProgress);
}

TEST(SaveAnswers, OnlyGivenItemsChange) {
  Fixture f;
  ASSERT_TRUE(f.Save({{0, L({"A"})}, {2, V(true)}}).ok());
  ASSERT_TRUE(f.Save({{2, V(false)}}, Timestamp{kT0.unix_ms + 120'000}).ok());
  EXPECT_EQ(f.a.answers[0], L({"A"}));
  EXPECT_EQ(f.a.answers[2], V(false));
  EXPECT_TRUE(IsBlank(f.a.answers[1]));
  EXPECT_EQ(f.a.last_saved_at, std::optional<Timestamp>(Timestamp{kT0.unix_ms + 120'000}));
  // A blank answer clears one.
  ASSERT_TRUE(f.Save({{0, Answer{}}, {2, Answer{}}}).ok());
  EXPECT_TRUE(IsBlank(f.a.answers[0]));
  EXPECT_TRUE(IsBlank(f.a.answers[2]));
}

TEST(SaveAnswers, LettersCheckedAgainstShownOptions) {
  Fixture f;
  EXPECT_TRUE(f.Save({{0, L({"D"})}}).ok());  // 4 shown: A..D
  ExpectInvalid(f.Save({{0, L({"E"})}}), "answers[0] has a letter that is not an option: E");
  EXPECT_TRUE(f.Save({{1, L({"E"})}}).ok());  // 5 shown
  ExpectInvalid(f.Save({{1, L({"F"})}}), "answers[1] has a letter that is not an option: F");
  EXPECT_TRUE(f.Save({{5, L({"C"})}}).ok());  // 3 shown
  ExpectInvalid(f.Save({{5, L({"D"})}}), "answers[5] has a letter that is not an option: D");
  ExpectInvalid(f.Save({{0, L({"a"})}}), "not an option: a");
  ExpectInvalid(f.Save({{0, L({"AB"})}}), "not an option: AB");
  ExpectInvalid(f.Save({{0, L({""})}}), "not an option");
  ExpectInvalid(f.Save({{0, L({"@"})}}), "not an option: @");
  ExpectInvalid(f.Save({{0, L({"Ａ"})}}), "not an option");
}

TEST(SaveAnswers, SingleChoiceTakesOneLetter) {
  Fixture f;
  ExpectInvalid(f.Save({{0, L({"A", "B"})}}), "answers[0] is a single choice: one letter");
  EXPECT_TRUE(f.Save({{1, L({"A", "B"})}}).ok());
  EXPECT_TRUE(f.Save({{0, L({})}}).ok());
}

TEST(SaveAnswers, RepeatedLetters) {
  Fixture f;
  ExpectInvalid(f.Save({{1, L({"B", "A", "B"})}}), "answers[1] repeats B");
  ExpectInvalid(f.Save({{0, L({"A", "A"})}}), "answers[0] repeats A");
}

TEST(SaveAnswers, WrongAnswerKinds) {
  Fixture f;
  ExpectInvalid(f.Save({{0, V(true)}}), "answers[0] takes letters");
  ExpectInvalid(f.Save({{1, T("A")}}), "answers[1] takes letters");
  ExpectInvalid(f.Save({{2, L({"A"})}}), "answers[2] takes a true/false value");
  ExpectInvalid(f.Save({{2, T("对")}}), "answers[2] takes a true/false value");
  ExpectInvalid(f.Save({{3, L({"A"})}}), "answers[3] takes text");
  ExpectInvalid(f.Save({{3, V(true)}}), "answers[3] takes text");
  ExpectInvalid(f.Save({{4, V(false)}}), "answers[4] takes text");
  ExpectInvalid(f.Save({{4, L({"B"})}}), "answers[4] takes text");
  EXPECT_TRUE(f.a.answers == std::vector<Answer>(6)) << "nothing saved";
  EXPECT_FALSE(f.a.last_saved_at.has_value());
}

TEST(SaveAnswers, TextSizeLimit) {
  Fixture f;
  EXPECT_TRUE(f.Save({{4, T(std::string(20'000, 'x'))}}).ok());
  ExpectInvalid(f.Save({{4, T(std::string(20'001, 'x'))}}), "answers[4] is over 20000 bytes");
  ExpectInvalid(f.Save({{3, T(std::string(20'001, 'x'))}}), "answers[3] is over 20000 bytes");
  EXPECT_EQ(f.a.answers[4].text.size(), 20'000u);
  // 6,667 three-byte characters: 20,001 bytes.
  std::string han;
  for (int i = 0; i < 6667; ++i) han += "退";
  ExpectInvalid(f.Save({{4, T(han)}}), "is over 20000 bytes");
}

TEST(SaveAnswers, InvalidUtf8) {
  Fixture f;
  Status s = f.Save({{4, T("退\xff货")}});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.reason(), "invalid_utf8");
}

TEST(SaveAnswers, IndexOutOfRange) {
  Fixture f;
  ExpectInvalid(f.Save({{6, L({"A"})}}), "answers has no item 6");
  ExpectInvalid(f.Save({{-1, L({"A"})}}), "answers has no item -1");
}

TEST(SaveAnswers, AllOrNothing) {
  Fixture f;
  ASSERT_TRUE(f.Save({{0, L({"A"})}}, Timestamp{kT0.unix_ms + 1000}).ok());
  Attempt before = f.a;
  // Good answers to items 0, 2, 3 and one bad one (item 5 shows 3 options).
  Status s = f.Save({{0, L({"B"})}, {2, V(true)}, {3, T("七")}, {5, L({"D"})}},
                    Timestamp{kT0.unix_ms + 2000});
  ExpectInvalid(s, "answers[5]");
  EXPECT_EQ(f.a.answers, before.answers);
  EXPECT_EQ(f.a.answers[0], L({"A"}));
  EXPECT_EQ(f.a.last_saved_at, std::optional<Timestamp>(Timestamp{kT0.unix_ms + 1000}));
  // A bad index after good ones: the same.
  s = f.Save({{0, L({"C"})}, {9, T("x")}}, Timestamp{kT0.unix_ms + 3000});
  ExpectInvalid(s, "answers has no item 9");
  EXPECT_EQ(f.a.answers, before.answers);
  EXPECT_EQ(f.a.last_saved_at, before.last_saved_at);
}

TEST(SaveAnswers, AttemptClosedAfterSubmit) {
  Fixture f;
  f.a.status = AttemptStatus::kSubmitted;
  Status s = f.Save({{0, L({"A"})}});
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "attempt_closed");
  f.a.status = AttemptStatus::kGraded;
  EXPECT_EQ(f.Save({{0, L({"A"})}}).reason(), "attempt_closed");
  EXPECT_TRUE(IsBlank(f.a.answers[0]));
}

TEST(SaveAnswers, TimeUpAfterGrace) {
  Fixture f;
  Status s = f.Save({{0, L({"A"})}}, Timestamp{f.deadline.unix_ms + kSaveGraceMs});
  ASSERT_TRUE(s.ok()) << "an autosave in flight at the deadline still counts";
  EXPECT_EQ(f.a.answers[0], L({"A"}));
  s = f.Save({{0, L({"B"})}}, Timestamp{f.deadline.unix_ms + kSaveGraceMs + 1});
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "time_up");
  EXPECT_EQ(f.a.answers[0], L({"A"}));
  EXPECT_EQ(f.a.last_saved_at, std::optional<Timestamp>(Timestamp{f.deadline.unix_ms + kSaveGraceMs}));
}

TEST(SaveAnswers, NoDeadlineNoTimeUp) {
  Fixture f;
  f.a.deadline.reset();
  EXPECT_TRUE(f.Save({{0, L({"A"})}}, Timestamp{kT0.unix_ms + 30ll * 86'400'000}).ok());
}

TEST(SaveAnswers, ClosedIsCheckedBeforeTime) {
  Fixture f;
  f.a.status = AttemptStatus::kSubmitted;
  EXPECT_EQ(f.Save({{0, L({"A"})}}, Timestamp{f.deadline.unix_ms + 3'600'000}).reason(), "attempt_closed");
}

}  // namespace
}  // namespace kefu::training
