// The demo's training material (demo_data.h, LoadDemoTraining).
#include "service/demo_data.h"
#include "service/search_service.h"
#include "service/training_service.h"

namespace kefu {

Status LoadDemoTraining(Store& store, Clock& clock) {
  TrainingService training(store, clock, DefaultSearchAnalyzer().tokenizer(), [] { return uint64_t{2026}; });
  const Actor lead{"chen.jie", Role::kLead, ""};
  const Actor manager{"wang.min", Role::kManager, ""};
  KEFU_ASSIGN_OR_RETURN(SavedPaper exam_paper,
                        training.SavePaper(lead, {training::ParsePaper(EmbeddedDemoPolicyExam()), "",
                                                  {"topic:售后政策"}, false}));
  KEFU_ASSIGN_OR_RETURN(SavedPaper kit, training.SavePaper(manager, {training::ParsePaper(EmbeddedDemoInterviewKit()),
                                                                     "售后服务经理", {}, false}));
  training::ExamSpec e;
  e.title = "售后政策认证考试";
  using T = training::QuestionType;
  e.sections = {{"单选题", T::kSingleChoice, 5, 2, {}, exam_paper.paper.id},
                {"多选题", T::kMultipleChoice, 3, 4, {}, exam_paper.paper.id},
                {"判断题", T::kTrueFalse, 4, 2, {}, exam_paper.paper.id},
                {"填空题", T::kFillIn, 2, 3, {}, exam_paper.paper.id},
                {"简答题", T::kShortAnswer, 1, 20, {}, exam_paper.paper.id}};
  e.time_limit_minutes = 30;
  e.max_attempts = 2;
  e.multiple_choice = training::ChoiceScoring::kHalfForSubset;
  e.pass_percent = 70;
  e.certification = "售后政策认证";
  KEFU_ASSIGN_OR_RETURN(e, training.CreateExam(lead, e));
  KEFU_RETURN_IF_ERROR(
      training.Assign(lead, "li.na", e.id, "新版售后政策上线，请在本周内完成认证", std::nullopt).status());
  training::Interview i;
  i.kit_id = kit.paper.id;
  i.candidate = {"刘洋", "13900001234", "liu.yang@example.com", "应聘售后服务经理，5年电商客服管理经验"};
  i.hiring_team = {"wang.min"};
  i.interviewers = {"wang.min", "chen.jie"};
  KEFU_ASSIGN_OR_RETURN(InterviewView v, training.CreateInterview(manager, i));
  // One interviewer has scored and given a verdict; the other has not yet.
  int n = 0;
  for (const auto& q : v.kit.questions) {
    KEFU_RETURN_IF_ERROR(training.Score(manager, v.interview.id, q.id, 4 - (n++ % 2), "回答有条理").status());
  }
  return training.Verdict(manager, v.interview.id, true, "沟通清晰，管理经验匹配").status();
}

}  // namespace kefu
