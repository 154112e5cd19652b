// Training: structured interviews (docs/api.md §12.4). Candidates'
// personal data are shown only to the hiring team (service/training_service.h).
#include "api/json_codec.h"
#include "api/routes.h"
#include "api/training_codec.h"

namespace kefu::api {

void AddInterviewRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/training/interviews", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(training::Interview i, ParseInterview(j));
          KEFU_ASSIGN_OR_RETURN(InterviewView v, s.training.CreateInterview(req.actor, std::move(i)));
          return Response::Of(201, InterviewJson(v, true));
        });
  r.Add(restinio::http_method_get(), "/api/v1/training/interviews", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(auto list, s.training.ListInterviews(req.actor));
          return Response::Of(200, ListJson(list, [](const auto& x) { return InterviewJson(x, false); }));
        });
  r.Add(restinio::http_method_get(), "/api/v1/training/interviews/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(InterviewView v, s.training.GetInterview(req.actor, req.Param("id")));
          return Response::Of(200, InterviewJson(v, true));
        });
  // One interviewer's score of one question (again to change it).
  r.Add(restinio::http_method_put(), "/api/v1/training/interviews/:id/scores", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "score"));
          std::string question_id, notes;
          int64_t score = 0;
          KEFU_RETURN_IF_ERROR(f.Str("question_id", &question_id, true));
          KEFU_RETURN_IF_ERROR(f.Int("score", &score, true));
          KEFU_RETURN_IF_ERROR(f.Str("notes", &notes));
          KEFU_RETURN_IF_ERROR(f.Finish());
          if (score < 1 || score > 5) return ValidationError("score must be 1..5");
          KEFU_ASSIGN_OR_RETURN(InterviewView v, s.training.Score(req.actor, req.Param("id"), question_id,
                                                                  static_cast<int>(score), notes));
          return Response::Of(200, InterviewJson(v, true));
        });
  r.Add(restinio::http_method_put(), "/api/v1/training/interviews/:id/verdict", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "verdict"));
          std::string rec, notes;
          KEFU_RETURN_IF_ERROR(f.Str("recommendation", &rec, true));
          KEFU_RETURN_IF_ERROR(f.Str("notes", &notes));
          KEFU_RETURN_IF_ERROR(f.Finish());
          if (rec != "hire" && rec != "no_hire") return ValidationError("recommendation must be hire or no_hire");
          KEFU_ASSIGN_OR_RETURN(InterviewView v, s.training.Verdict(req.actor, req.Param("id"), rec == "hire", notes));
          return Response::Of(200, InterviewJson(v, true));
        });
  r.Add(restinio::http_method_post(), "/api/v1/training/interviews/:id/decision", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "decision"));
          std::string decision, note;
          KEFU_RETURN_IF_ERROR(f.Str("decision", &decision, true));
          KEFU_RETURN_IF_ERROR(f.Str("note", &note));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(InterviewView v, s.training.Decide(req.actor, req.Param("id"), decision, note));
          return Response::Of(200, InterviewJson(v, true));
        });
}

}  // namespace kefu::api
