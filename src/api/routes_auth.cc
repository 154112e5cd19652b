#include "api/json_codec.h"
#include "api/routes.h"

namespace kefu::api {

void AddAuthRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/auth/login", Auth::kPublic,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "login request"));
          std::string login, password;
          KEFU_RETURN_IF_ERROR(f.Str("login", &login, true));
          KEFU_RETURN_IF_ERROR(f.Str("password", &password, true));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(IssuedToken t, s.auth.Login(login, password));
          return Response::Of(200, {{"token", t.token},
                                    {"role", ToString(t.user.role)},
                                    {"login", t.user.login},
                                    {"display_name", t.user.display_name},
                                    {"customer", t.user.customer_id.empty()
                                                     ? json(nullptr)
                                                     : json(t.user.customer_id)},
                                    {"expires_at", FormatIso8601(t.expires_at)}});
        });
  r.Add(restinio::http_method_post(), "/api/v1/auth/logout", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(s.auth.Logout(req.token, req.actor));
          return Response::Of(200, {{"revoked", true}});
        });
  r.Add(restinio::http_method_get(), "/api/v1/auth/me", Auth::kRequired,
        [](Request& req) -> StatusOr<Response> {
          return Response::Of(200, {{"login", req.actor.login},
                                    {"role", ToString(req.actor.role)},
                                    {"customer", req.actor.customer_id.empty()
                                                     ? json(nullptr)
                                                     : json(req.actor.customer_id)}});
        });
}

}  // namespace kefu::api
