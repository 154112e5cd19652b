// The training API's JSON (docs/api.md §12): strict readers of request
// bodies (unknown fields refused, errors naming the field) and the views
// each role gets of papers, attempts and interviews.
#pragma once

#include <map>

#include "api/json_codec.h"
#include "service/training_service.h"

namespace kefu::api {

StatusOr<training::ExamSpec> ParseExamSpec(const json& j);
StatusOr<training::Interview> ParseInterview(const json& j);
// {"answers": {"0": {"letters": ["A"]}, "2": {"value": true}, "5": {"text": "…"}}}
// (keys: item indexes; null or {} clears an answer).
StatusOr<std::map<int, training::Answer>> ParseAnswers(const json& j);
// A number member (integer or fraction); absent or null leaves `out`.
Status ReadNumber(FieldReader& f, const char* name, double* out);

// A saved paper in the preview's shape, with ids: {"id", "title", "kind",
// "role", "created_by", "created_at", "sections": [{…, "questions": [{"id",
// …}]}], "problems": []}.
json SavedPaperJson(const SavedPaper& p);
json PaperSummaryJson(const training::Paper& p);
json QuestionJson(const training::Question& q);
json ExamJson(const training::ExamSpec& e);

// An attempt as its viewer may see it: options relabelled in the order
// shown; keys, explanations and item scores once graded; grading aids
// (key points, suggested scores, question ids) for trainers only.
json AttemptJson(const AttemptView& v, Timestamp now);
json AttemptSummaryJson(const training::Attempt& a);
json ResultsJson(const ExamResults& r, const std::map<std::string, std::string>& stems);
json CertificateJson(const training::Certificate& c, Timestamp now);
json AssignmentJson(const Assignment& a);

// An interview; with `full`, the kit's questions (reference answers and
// rubrics), the scores and verdicts the viewer may see and the report.
json InterviewJson(const InterviewView& v, bool full);

}  // namespace kefu::api
