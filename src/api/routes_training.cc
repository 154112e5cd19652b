// Training: reading exam papers and interview kits (docs/api.md §12).
#include "api/json_codec.h"
#include "api/routes.h"
#include "core/access.h"
#include "training/paper_json.h"

namespace kefu::api {

void AddTrainingRoutes(Router& r, Services&) {
  // What a paper, written as text or in the JSON form, is understood to be;
  // nothing is saved. Trainers: leads, managers, admins.
  r.Add(restinio::http_method_post(), "/api/v1/training/papers/preview", Auth::kRequired,
        [](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(CheckSupervisor(req.actor, "read exam papers"));
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "paper preview"));
          std::string text;
          KEFU_RETURN_IF_ERROR(f.Str("text", &text));
          const json* form = f.Raw("paper");
          KEFU_RETURN_IF_ERROR(f.Finish());
          if (text.empty() == (form == nullptr)) {
            return ValidationError("send either \"text\" (the paper as written) or \"paper\" (its JSON form)");
          }
          if (form != nullptr) {
            KEFU_ASSIGN_OR_RETURN(training::ParsedPaper p,
                                  training::PaperFromJson(nlohmann::json::parse(form->dump())));
            return Response::Of(200, training::PaperToJson(p));
          }
          return Response::Of(200, training::PaperToJson(training::ParsePaper(text)));
        });
}

}  // namespace kefu::api
