// The stored JSON of training records reads back what was written
// (training/training_json.h).
#include <gtest/gtest.h>

#include "training/training_json.h"

namespace kefu::training {
namespace {

Question Make(QuestionType t) {
  Question q;
  q.id = "Q-000001";
  q.paper_id = "X-000001";
  q.type = t;
  q.stem = "七天无理由退货从哪天起算？";
  q.explanation = "解析";
  q.points = 2.5;
  q.tags = {"topic:退货"};
  q.created_at = Timestamp{1'700'000'000'000};
  return q;
}

void ExpectSame(const Question& a, const Question& b) {
  EXPECT_EQ(ToJson(a).dump(), ToJson(b).dump());
  EXPECT_EQ(a.key_letters, b.key_letters);
  EXPECT_EQ(a.key_bool, b.key_bool);
  EXPECT_EQ(a.key_text, b.key_text);
  EXPECT_EQ(a.options, b.options);
  EXPECT_EQ(a.rubric, b.rubric);
}

TEST(TrainingJson, QuestionsOfEveryKindRoundTrip) {
  Question single = Make(QuestionType::kSingleChoice);
  single.options = {{"A", "下单当天"}, {"B", "签收次日"}};
  single.key_letters = {"B"};
  Question multi = Make(QuestionType::kMultipleChoice);
  multi.options = {{"A", "甲"}, {"B", "乙"}, {"C", "丙"}};
  multi.key_letters = {"A", "C"};
  Question tf = Make(QuestionType::kTrueFalse);
  tf.key_bool = false;
  Question fill = Make(QuestionType::kFillIn);
  fill.key_text = "卖家／商家";
  Question kit = Make(QuestionType::kBehavioral);
  kit.key_text = "先止损";
  kit.competencies = {"领导力"};
  kit.rubric = {{1, "差"}, {3, "中"}, {5, "好"}};
  // A single choice's key is a letter, as in the paper form.
  EXPECT_EQ(ToJson(single)["key"], "B");
  EXPECT_EQ(ToJson(multi)["key"], ojson({"A", "C"}));
  EXPECT_EQ(ToJson(tf)["key"], false);
  for (const Question& q : {single, multi, tf, fill, kit}) {
    auto back = QuestionFromJson(ToJson(q).dump());
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    ExpectSame(q, *back);
  }
  Question none = Make(QuestionType::kShortAnswer);
  EXPECT_TRUE(ToJson(none)["key"].is_null());
}

TEST(TrainingJson, AttemptsRoundTripWithAnswersAndGrades) {
  Attempt a;
  a.id = "W-000001";
  a.exam_id = "E-000001";
  a.candidate = "li.na";
  a.number = 2;
  a.status = AttemptStatus::kSubmitted;
  a.started_at = Timestamp{1000};
  a.deadline = Timestamp{1'801'000};
  a.submitted_at = Timestamp{9000};
  a.timed_out = true;
  a.items = {{"Q-000001", 0, 2, {"B", "A"}}, {"Q-000002", 1, 10, {}}};
  a.answers = {Answer{{"A"}, std::nullopt, ""}, Answer{{}, std::nullopt, "先道歉"}};
  a.last_saved_at = Timestamp{8000};
  ItemGrade g0;
  g0.auto_score = 2;
  ItemGrade g1;
  g1.suggested = 5;
  g1.key_points = {{"致歉", true, {"致歉"}, {}}};
  a.grades = {g0, g1};
  a.max_score = 12;
  auto back = AttemptFromJson(ToJson(a).dump());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(ToJson(*back).dump(), ToJson(a).dump());
  EXPECT_EQ(back->answers[0], a.answers[0]);
  EXPECT_EQ(back->items[0].option_order, (std::vector<std::string>{"B", "A"}));
  EXPECT_FALSE(back->grades[1].final_score.has_value());
}

TEST(TrainingJson, DamagedBodiesAreErrorsNotExceptions) {
  EXPECT_EQ(QuestionFromJson("{").status().code(), StatusCode::kInternal);
  EXPECT_EQ(AttemptFromJson("{\"id\": 1}").status().code(), StatusCode::kInternal);
  EXPECT_EQ(InterviewFromJson("[]").status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace kefu::training
