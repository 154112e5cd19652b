// The HTTP edge: a Request/Response pair independent of RESTinio, and a
// Router that wraps every handler in the same pipeline:
//   size limit (413) -> UTF-8 check (400) -> query parsing (400) ->
//   bearer authentication (401) -> handler -> JSON response + metrics.
// Handlers return StatusOr<Response>; errors become {"error": {...}} bodies.
// Browsers authenticate by the session cookie instead of the bearer header;
// their writes must then carry the session's CSRF token (403 csrf_failed).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <restinio/all.hpp>
#include <restinio/router/pcre2_regex_engine.hpp>

#include "api/metrics.h"
#include "common/status.h"
#include "core/model.h"
#include "service/auth_service.h"
#include "service/paging.h"

namespace kefu::api {

constexpr size_t kMaxBodyBytes = 1 << 20;  // 1 MiB; larger bodies get 413
constexpr int kMaxJsonDepth = 32;          // deeper JSON bodies get 400 malformed_json

struct Request {
  std::string body;
  std::vector<std::pair<std::string, std::string>> path_params;
  std::vector<std::pair<std::string, std::string>> query;
  std::string token;  // bearer token, or the session cookie's token
  bool via_cookie = false;  // `token` came from the session cookie
  Actor actor;        // set when the route requires authentication
  std::string idempotency_key;
  std::string signature;  // X-Kefu-Signature (signed webhooks)
  std::string remote_addr;  // the client's IP address, for per-address throttles

  std::string Param(std::string_view name) const;
  // The query value of `name`, "" if absent.
  std::string Query(std::string_view name) const;
  // kValidation for a query parameter not in `allowed`.
  Status CheckQuery(std::initializer_list<std::string_view> allowed) const;
  // Page parameters ?cursor=&limit= (limit defaults to kDefaultPageSize).
  StatusOr<PageRequest> Page() const;
  // The body as one JSON value: kInvalidArgument "malformed_json" if it is
  // not JSON, has anything but white space after the value (a NUL byte
  // included), or nests deeper than kMaxJsonDepth.
  StatusOr<nlohmann::ordered_json> Json() const;
};

struct Response {
  int status = 200;
  nlohmann::ordered_json body;
  std::string text;  // used instead of body when content_type is not JSON
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Of(int status, nlohmann::ordered_json body) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    return r;
  }
};

// Sends `st` as a JSON error with the standard headers (for requests that
// never reach a route: unknown paths, malformed paths), with the HTTP status
// of its code or, when given, `http_status` (414 and 431 have no code).
restinio::request_handling_status_t SendError(const restinio::request_handle_t& req,
                                              const Status& st, int http_status = 0);

// The session cookie's name and its Set-Cookie values.
inline constexpr std::string_view kSessionCookie = "kefu_session";
std::string SessionCookie(const std::string& token, int64_t max_age_seconds);
std::string ExpiredSessionCookie();

// The value of the session cookie in a request, "" if none.
std::string SessionCookieToken(const restinio::request_handle_t& req);

// Resolves the caller of `req` by bearer header or session cookie and checks
// the CSRF token of cookie-authenticated writes; for handlers that answer
// outside the Router's pipeline (the event stream).
StatusOr<Actor> AuthenticateRaw(const restinio::request_handle_t& req, AuthService& auth);

// Headers on every response: no sniffing, no framing, the console's
// Content-Security-Policy (docs/api.md §11.7).
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

enum class Auth { kPublic, kRequired };
using Handler = std::function<StatusOr<Response>(Request&)>;
// Express routes matched by PCRE2 (heap backtracking, no recursion on the
// path's length; std::regex overflowed the stack on a 55,000-byte segment).
using ExpressRouter = restinio::router::express_router_t<restinio::router::pcre2_regex_engine_t<>>;

class Router {
 public:
  Router(AuthService& auth, Metrics& metrics);
  // Registers `h` for `method` and `route` (express syntax, e.g. "/api/v1/tickets/:id").
  void Add(restinio::http_method_id_t method, const std::string& route, Auth auth, Handler h);
  std::unique_ptr<ExpressRouter> Take();

 private:
  AuthService& auth_;
  Metrics& metrics_;
  std::unique_ptr<ExpressRouter> router_;
};

}  // namespace kefu::api
