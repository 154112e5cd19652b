#include "api/errors.h"
#include "api/json_codec.h"
#include "api/routes.h"
#include "auth/token.h"

namespace kefu::api {

void AddAuthRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/auth/login", Auth::kPublic,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "login request"));
          std::string login, password;
          bool cookie = false;
          KEFU_RETURN_IF_ERROR(f.Str("login", &login, true));
          KEFU_RETURN_IF_ERROR(f.Str("password", &password, true));
          KEFU_RETURN_IF_ERROR(f.Bool("cookie", &cookie));
          KEFU_RETURN_IF_ERROR(f.Finish());
          int64_t retry_after_s = 0;
          StatusOr<IssuedToken> issued =
              s.auth.Login(login, password, req.remote_addr, &retry_after_s);
          if (!issued.ok() && issued.status().code() == StatusCode::kResourceExhausted) {
            // 429 too_many_attempts: the sign-in throttle (service/login_throttle.h).
            Response refused =
                Response::Of(HttpStatusFor(issued.status().code()), ErrorBody(issued.status()));
            refused.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
            return refused;
          }
          KEFU_ASSIGN_OR_RETURN(IssuedToken t, std::move(issued));
          // A browser session ({"cookie": true}) keeps its token in an
          // HttpOnly cookie: the page's scripts never see it.
          Response resp = Response::Of(200, {{"token", cookie ? json(nullptr) : json(t.token)},
                                    {"csrf_token", cookie ? json(CsrfTokenFor(t.token)) : json(nullptr)},
                                    {"role", ToString(t.user.role)},
                                    {"login", t.user.login},
                                    {"display_name", t.user.display_name},
                                    {"customer", t.user.customer_id.empty()
                                                     ? json(nullptr)
                                                     : json(t.user.customer_id)},
                                    {"expires_at", FormatIso8601(t.expires_at)}});
          if (cookie) {
            int64_t max_age = (t.expires_at.unix_ms - s.clock.Now().unix_ms) / 1000;
            resp.headers.emplace_back("Set-Cookie", SessionCookie(t.token, max_age));
          }
          return resp;
        });
  r.Add(restinio::http_method_post(), "/api/v1/auth/logout", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(s.auth.Logout(req.token, req.actor));
          Response resp = Response::Of(200, {{"revoked", true}});
          resp.headers.emplace_back("Set-Cookie", ExpiredSessionCookie());
          return resp;
        });
  r.Add(restinio::http_method_get(), "/api/v1/auth/me", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(std::string name, s.auth.DisplayName(req.actor.login));
          return Response::Of(200, {{"login", req.actor.login},
                                    {"role", ToString(req.actor.role)},
                                    {"display_name", name},
                                    {"csrf_token", req.via_cookie ? json(CsrfTokenFor(req.token)) : json(nullptr)},
                                    {"customer", req.actor.customer_id.empty()
                                                     ? json(nullptr)
                                                     : json(req.actor.customer_id)}});
        });
}

}  // namespace kefu::api
