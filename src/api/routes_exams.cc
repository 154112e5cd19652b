// Training: exams, attempts and grading (docs/api.md §12.3).
#include "api/json_codec.h"
#include "api/routes.h"
#include "api/training_codec.h"

namespace kefu::api {

void AddExamRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/training/exams", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(training::ExamSpec e, ParseExamSpec(j));
          KEFU_ASSIGN_OR_RETURN(e, s.training.CreateExam(req.actor, std::move(e)));
          return Response::Of(201, ExamJson(e));
        });
  // Trainers: every exam; others: those they may sit.
  r.Add(restinio::http_method_get(), "/api/v1/training/exams", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(auto exams, s.training.ListExams(req.actor));
          return Response::Of(200, ListJson(exams, ExamJson));
        });
  r.Add(restinio::http_method_get(), "/api/v1/training/exams/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(auto e, s.training.GetExam(req.actor, req.Param("id")));
          return Response::Of(200, ExamJson(e));
        });
  // Starts the caller's next attempt (201), or answers the open one (200).
  r.Add(restinio::http_method_post(), "/api/v1/training/exams/:id/attempts", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(auto started, s.training.StartAttempt(req.actor, req.Param("id")));
          return Response::Of(started.second ? 201 : 200, AttemptJson(started.first, s.clock.Now()));
        });
  r.Add(restinio::http_method_get(), "/api/v1/training/exams/:id/attempts", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"status"}));
          KEFU_ASSIGN_OR_RETURN(auto list, s.training.ListAttempts(req.actor, req.Param("id"), req.Query("status")));
          return Response::Of(200, ListJson(list, AttemptSummaryJson));
        });
  // Per candidate and per question (difficulty, discrimination).
  r.Add(restinio::http_method_get(), "/api/v1/training/exams/:id/results", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(ExamResults res, s.training.Results(req.actor, req.Param("id")));
          std::map<std::string, std::string> stems;
          for (const auto& [id, q] : res.questions) stems[id] = q.stem;
          return Response::Of(200, ResultsJson(res, stems));
        });

  r.Add(restinio::http_method_get(), "/api/v1/training/attempts/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(AttemptView v, s.training.GetAttempt(req.actor, req.Param("id")));
          return Response::Of(200, AttemptJson(v, s.clock.Now()));
        });
  // Autosave: the answers given, by item index; the rest stay.
  r.Add(restinio::http_method_put(), "/api/v1/training/attempts/:id/answers", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(auto answers, ParseAnswers(j));
          KEFU_ASSIGN_OR_RETURN(AttemptView v, s.training.SaveAnswers(req.actor, req.Param("id"), answers));
          return Response::Of(200, AttemptJson(v, s.clock.Now()));
        });
  r.Add(restinio::http_method_post(), "/api/v1/training/attempts/:id/submit", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(AttemptView v, s.training.Submit(req.actor, req.Param("id")));
          return Response::Of(200, AttemptJson(v, s.clock.Now()));
        });
  // A grader's final score for one short-answer or case item.
  r.Add(restinio::http_method_post(), "/api/v1/training/attempts/:id/grades", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "grade"));
          int64_t item = -1;
          double score = -1;
          std::string text;
          KEFU_RETURN_IF_ERROR(f.Int("item", &item, true));
          KEFU_RETURN_IF_ERROR(ReadNumber(f, "score", &score));
          KEFU_RETURN_IF_ERROR(f.Str("comment", &text));
          std::optional<std::string> comment;
          if (f.Has("comment")) comment = text;
          KEFU_RETURN_IF_ERROR(f.Finish());
          if (item < 0 || item > 10'000) return ValidationError("item is out of range");
          KEFU_ASSIGN_OR_RETURN(AttemptView v, s.training.Grade(req.actor, req.Param("id"),
                                                                static_cast<int>(item), score, comment));
          return Response::Of(200, AttemptJson(v, s.clock.Now()));
        });
}

}  // namespace kefu::api
