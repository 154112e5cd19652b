// Training (docs/api.md §12): exam papers and interview kits (preview,
// save, export), the question bank, certificates, assignments, and the
// certification and QA rules that tie training to routing and QA.
#include "api/json_codec.h"
#include "api/routes.h"
#include "api/training_codec.h"
#include "core/access.h"
#include "training/paper_json.h"

namespace kefu::api {

namespace {

// A paper from {"text": …} or {"paper": {…}} (exactly one), with the
// other members read by `extra`.
template <typename Extra>
StatusOr<training::ParsedPaper> ReadPaper(const json& j, const char* what, Extra extra) {
  KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, what));
  std::string text;
  KEFU_RETURN_IF_ERROR(f.Str("text", &text));
  const json* form = f.Raw("paper");
  KEFU_RETURN_IF_ERROR(extra(f));
  KEFU_RETURN_IF_ERROR(f.Finish());
  if (text.empty() == (form == nullptr)) {
    return ValidationError("send either \"text\" (the paper as written) or \"paper\" (its JSON form)");
  }
  if (form != nullptr) return training::PaperFromJson(nlohmann::json::parse(form->dump()));
  KEFU_RETURN_IF_ERROR(training::CheckPaperSize(text));  // 413 paper_too_large
  return training::ParsePaper(text);
}

}  // namespace

void AddTrainingRoutes(Router& r, Services& s) {
  // What a paper, written as text or in the JSON form, is understood to be;
  // nothing is saved. Trainers: leads, managers, admins.
  r.Add(restinio::http_method_post(), "/api/v1/training/papers/preview", Auth::kRequired,
        [](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(CheckSupervisor(req.actor, "read exam papers"));
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(training::ParsedPaper p,
                                ReadPaper(j, "paper preview", [](FieldReader&) { return OkStatus(); }));
          return Response::Of(200, training::PaperToJson(p));
        });
  // Saves a paper into the bank: refused while it has problems unless
  // ignore_problems; never with an exam question that has no key.
  r.Add(restinio::http_method_post(), "/api/v1/training/papers", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          PaperInput in;
          KEFU_ASSIGN_OR_RETURN(in.parsed, ReadPaper(j, "paper", [&](FieldReader& f) {
                                  KEFU_RETURN_IF_ERROR(f.Str("role", &in.role));
                                  KEFU_RETURN_IF_ERROR(f.StrList("tags", &in.tags));
                                  return f.Bool("ignore_problems", &in.ignore_problems);
                                }));
          KEFU_ASSIGN_OR_RETURN(SavedPaper p, s.training.SavePaper(req.actor, in));
          json out = SavedPaperJson(p);
          out["problems"] = training::PaperToJson(in.parsed)["problems"];
          return Response::Of(201, out);
        });
  r.Add(restinio::http_method_get(), "/api/v1/training/papers", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"kind", "cursor", "limit"}));
          KEFU_ASSIGN_OR_RETURN(PageRequest page, req.Page());
          KEFU_ASSIGN_OR_RETURN(auto p, s.training.ListPapers(req.actor, req.Query("kind"), page));
          return Response::Of(200, PageJson(p, PaperSummaryJson));
        });
  r.Add(restinio::http_method_get(), "/api/v1/training/papers/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(SavedPaper p, s.training.GetPaper(req.actor, req.Param("id")));
          return Response::Of(200, SavedPaperJson(p));
        });
  // The JSON form, which POST /papers {"paper": …} imports again.
  r.Add(restinio::http_method_get(), "/api/v1/training/papers/:id/export", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(SavedPaper p, s.training.GetPaper(req.actor, req.Param("id")));
          json out = training::PaperToJson(training::ExportPaper(p.paper, p.questions));
          out.erase("problems");
          return Response::Of(200, out);
        });
  r.Add(restinio::http_method_get(), "/api/v1/training/questions", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"paper", "type", "tag", "q", "cursor", "limit"}));
          KEFU_ASSIGN_OR_RETURN(PageRequest page, req.Page());
          QuestionQuery q{req.Query("paper"), req.Query("type"), req.Query("tag"), req.Query("q")};
          KEFU_ASSIGN_OR_RETURN(auto p, s.training.ListQuestions(req.actor, q, page));
          return Response::Of(200, PageJson(p, QuestionJson));
        });

  r.Add(restinio::http_method_get(), "/api/v1/training/certificates", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"login"}));
          KEFU_ASSIGN_OR_RETURN(auto certs, s.training.Certificates(req.actor, req.Query("login")));
          Timestamp now = s.clock.Now();
          return Response::Of(200, ListJson(certs, [&](const auto& c) { return CertificateJson(c, now); }));
        });

  r.Add(restinio::http_method_get(), "/api/v1/training/assignments", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"login"}));
          KEFU_ASSIGN_OR_RETURN(auto as, s.training.Assignments(req.actor, req.Query("login")));
          return Response::Of(200, ListJson(as, AssignmentJson));
        });
  r.Add(restinio::http_method_post(), "/api/v1/training/assignments", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "assignment"));
          std::string login, exam_id, reason;
          std::optional<Timestamp> due;
          KEFU_RETURN_IF_ERROR(f.Str("login", &login, true));
          KEFU_RETURN_IF_ERROR(f.Str("exam_id", &exam_id, true));
          KEFU_RETURN_IF_ERROR(f.Str("reason", &reason));
          KEFU_RETURN_IF_ERROR(f.Time("due_at", &due));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(Assignment a, s.training.Assign(req.actor, login, exam_id, reason, due));
          return Response::Of(201, AssignmentJson(a));
        });

  // Certification required for a routing skill: without an unexpired
  // certificate an agent is not routed on that skill.
  r.Add(restinio::http_method_get(), "/api/v1/training/skill-rules", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(auto rules, s.training.SkillRules(req.actor));
          return Response::Of(200, ListJson(rules, [](const SkillRule& x) {
                                return json{{"skill", x.skill}, {"certification", x.certification}};
                              }));
        });
  r.Add(restinio::http_method_put(), "/api/v1/training/skill-rules", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "skill rule"));
          SkillRule rule;
          KEFU_RETURN_IF_ERROR(f.Str("skill", &rule.skill, true));
          KEFU_RETURN_IF_ERROR(f.Str("certification", &rule.certification, true));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(rule, s.training.PutSkillRule(req.actor, rule));
          return Response::Of(200, json{{"skill", rule.skill}, {"certification", rule.certification}});
        });
  r.Add(restinio::http_method_delete(), "/api/v1/training/skill-rules", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"skill"}));
          KEFU_RETURN_IF_ERROR(s.training.DeleteSkillRule(req.actor, req.Query("skill")));
          return Response::Of(200, json{{"deleted", req.Query("skill")}});
        });

  // QA tie-in: a QA area whose score falls below the threshold assigns
  // the area's exam.
  r.Add(restinio::http_method_get(), "/api/v1/training/qa-rules", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(auto rules, s.training.QaRules(req.actor));
          return Response::Of(200, ListJson(rules, [](const QaRule& x) {
                                return json{{"area", x.area}, {"exam_id", x.exam_id}, {"threshold", x.threshold}};
                              }));
        });
  r.Add(restinio::http_method_put(), "/api/v1/training/qa-rules", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "QA rule"));
          QaRule rule;
          KEFU_RETURN_IF_ERROR(f.Str("area", &rule.area, true));
          KEFU_RETURN_IF_ERROR(f.Str("exam_id", &rule.exam_id, true));
          KEFU_RETURN_IF_ERROR(ReadNumber(f, "threshold", &rule.threshold));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(rule, s.training.PutQaRule(req.actor, rule));
          return Response::Of(200, json{{"area", rule.area}, {"exam_id", rule.exam_id},
                                        {"threshold", rule.threshold}});
        });
  r.Add(restinio::http_method_post(), "/api/v1/training/qa-results", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "QA result"));
          std::string login, area, note;
          double score = -1;
          KEFU_RETURN_IF_ERROR(f.Str("login", &login, true));
          KEFU_RETURN_IF_ERROR(f.Str("area", &area, true));
          KEFU_RETURN_IF_ERROR(ReadNumber(f, "score", &score));
          KEFU_RETURN_IF_ERROR(f.Str("note", &note));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(auto out, s.training.RecordQaResult(req.actor, login, area, score, note));
          return Response::Of(201, json{{"assigned", out.assigned ? AssignmentJson(*out.assigned) : json(nullptr)}});
        });
}

}  // namespace kefu::api
