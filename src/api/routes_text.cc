// POST /api/v1/text/analyze: normalised text and tokens.
#include "api/json_codec.h"
#include "api/routes.h"

namespace kefu::api {

void AddTextRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/text/analyze", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader fr, FieldReader::Of(j, "analysis request"));
          std::string body;
          KEFU_RETURN_IF_ERROR(fr.Str("text", &body, true));
          KEFU_RETURN_IF_ERROR(fr.Finish());
          KEFU_ASSIGN_OR_RETURN(TextAnalysis a, s.text.Analyze(req.actor, body));
          json tokens = json::array();
          for (const auto& t : a.tokens) {
            tokens.push_back({{"text", t.text},
                              {"kind", text::ToString(t.kind)},
                              {"begin", t.begin},
                              {"end", t.end}});
          }
          return Response::Of(200, json{{"normalized", a.normalized}, {"tokens", std::move(tokens)}});
        });
}

}  // namespace kefu::api
