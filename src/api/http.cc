#include "api/http.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "api/errors.h"
#include "auth/token.h"
#include "common/utf8.h"

namespace kefu::api {

using json = nlohmann::ordered_json;

std::string Request::Param(std::string_view name) const {
  for (const auto& [k, v] : path_params) {
    if (k == name) return v;
  }
  return {};
}

std::string Request::Query(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return {};
}

Status Request::CheckQuery(std::initializer_list<std::string_view> allowed) const {
  for (const auto& [k, v] : query) {
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end()) {
      return ValidationError("unknown query parameter: " + Echo(k));
    }
  }
  return OkStatus();
}

StatusOr<PageRequest> Request::Page() const {
  PageRequest p;
  p.cursor = Query("cursor");
  std::string limit = Query("limit");
  if (!limit.empty()) {
    if (limit.size() > 4 || limit.find_first_not_of("0123456789") != std::string::npos) {
      return ValidationError("limit must be a whole number");
    }
    p.limit = std::stoi(limit);
  }
  return p;
}

namespace {

// Whether arrays and objects in `text` nest at most `max_depth` deep; one
// pass, strings skipped (nlohmann's dump() recurses on depth).
bool NestingWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

}  // namespace

StatusOr<json> Request::Json() const {
  // nlohmann's lexer takes a raw NUL for the end of the input, so
  // `{"a":1}<NUL>{"b":2}` would parse as its first value. JSON has no place
  // for a raw NUL (inside strings it is escaped as \u0000): refuse it.
  if (body.find('\0') != std::string::npos) {
    return InvalidArgument("malformed_json", "the body is not valid JSON (a raw NUL byte)");
  }
  if (!NestingWithin(body, kMaxJsonDepth)) {
    return InvalidArgument("malformed_json", "the body nests deeper than " +
                                                 std::to_string(kMaxJsonDepth) + " levels");
  }
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("malformed_json", "the body is not valid JSON");
  return j;
}

Router::Router(AuthService& auth, Metrics& metrics)
    : auth_(auth), metrics_(metrics), router_(std::make_unique<ExpressRouter>()) {}

namespace {

// application/x-www-form-urlencoded decoding ('+' is a space) that also
// accepts the characters browsers and curl leave unescaped, raw UTF-8
// included; the decoded result is checked for UTF-8 below.
struct QueryTraits : restinio::parse_query_traits::x_www_form_urlencoded {
  static bool ordinary_char(char c) noexcept {
    return restinio::utils::relaxed_unescape_traits::ordinary_char(c) ||
           static_cast<unsigned char>(c) >= 0x80;
  }
};

std::string BearerToken(const restinio::request_handle_t& req) {
  std::string h = req->header().get_field_or(restinio::http_field::authorization, "");
  constexpr std::string_view kPrefix = "Bearer ";
  if (h.size() > kPrefix.size() && h.compare(0, kPrefix.size(), kPrefix) == 0) {
    return h.substr(kPrefix.size());
  }
  return {};
}

bool IsSafeMethod(restinio::http_method_id_t m) {
  return m == restinio::http_method_get() || m == restinio::http_method_head() ||
         m == restinio::http_method_options();
}

// The bearer token, else the session cookie's (then `via_cookie`).
void FindToken(const restinio::request_handle_t& req, std::string& token, bool& via_cookie) {
  token = BearerToken(req);
  via_cookie = false;
  if (token.empty() && !req->header().has_field(restinio::http_field::authorization)) {
    token = SessionCookieToken(req);
    via_cookie = !token.empty();
  }
}

// A cookie-authenticated write needs the session's CSRF token.
Status CheckCsrf(const restinio::request_handle_t& req, const std::string& token) {
  if (IsSafeMethod(req->header().method())) return OkStatus();
  std::string given = req->header().get_field_or("X-CSRF-Token", "");
  if (given.empty() || !ConstantTimeEquals(given, CsrfTokenFor(token))) {
    return Status(StatusCode::kPermissionDenied, "csrf_failed",
                  "a write authenticated by the session cookie needs its X-CSRF-Token header");
  }
  return OkStatus();
}

constexpr std::string_view kSingleHeaders[] = {"Authorization", "X-Kefu-Signature", "X-CSRF-Token",
                                               "Idempotency-Key"};

// Fills `r` from the RESTinio request; the checks that need no handler.
Status Prepare(const restinio::request_handle_t& req, const restinio::router::route_params_t& params,
               Request& r) {
  if (req->body().size() > kMaxBodyBytes) {
    return TooLarge("the body is larger than " + std::to_string(kMaxBodyBytes) + " bytes");
  }
  r.body = req->body();
  if (!IsValidUtf8(r.body)) return InvalidArgument("invalid_utf8", "the body is not valid UTF-8");
  // Every route of this API names its one path parameter "id".
  for (const char* name : {"id", "name", "login", "macro"}) {
    if (!params.has(name)) continue;
    std::string v(params[name]);
    if (!IsValidUtf8(v)) return InvalidArgument("invalid_utf8", "the path is not valid UTF-8");
    r.path_params.emplace_back(name, std::move(v));
  }
  auto q = restinio::try_parse_query<QueryTraits>(req->header().query());
  if (!q) {
    if (q.error().description().find("UTF-8") != std::string::npos) {
      return InvalidArgument("invalid_utf8", "the query string is not valid UTF-8");
    }
    return InvalidArgument("bad_query", "the query string is malformed");
  }
  bool bad = false;
  for (const auto& kv : *q) {
    std::string k(kv.first), v(kv.second);
    if (!IsValidUtf8(k) || !IsValidUtf8(v)) bad = true;
    r.query.emplace_back(std::move(k), std::move(v));
  }
  if (bad) return InvalidArgument("invalid_utf8", "the query string is not valid UTF-8");
  // Headers that carry credentials or identity are taken once: a second
  // copy could be read differently by a proxy and by Kefu.
  for (std::string_view name : kSingleHeaders) {
    int copies = 0;
    req->header().for_each_value_of(name, [&](const auto&) {
      ++copies;
      return restinio::http_header_fields_t::continue_enumeration();
    });
    if (copies > 1) {
      return InvalidArgument("repeated_header", std::string(name) + " is given more than once");
    }
  }
  FindToken(req, r.token, r.via_cookie);
  r.idempotency_key = req->header().get_field_or("Idempotency-Key", "");
  r.signature = req->header().get_field_or("X-Kefu-Signature", "");
  r.remote_addr = req->remote_endpoint().address().to_string();
  return OkStatus();
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

restinio::request_handling_status_t Send(const restinio::request_handle_t& req,
                                         const Response& resp) {
  auto out = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(resp.status)},
      ReasonPhrase(resp.status)});
  out.append_header(restinio::http_field::content_type, resp.content_type);
  out.append_header(restinio::http_field::cache_control, "no-store");
  for (const auto& [k, v] : SecurityHeaders()) out.append_header(k, v);
  for (const auto& [k, v] : resp.headers) out.append_header(k, v);
  bool is_json = resp.content_type.rfind("application/json", 0) == 0;
  out.set_body(is_json ? resp.body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"
                       : resp.text);
  return out.done();
}

Response ErrorResponse(const Status& st) {
  Response r = Response::Of(HttpStatusFor(st.code()), ErrorBody(st));
  if (st.code() == StatusCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer");
  return r;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "same-origin"},
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'"},
  };
  return kHeaders;
}

std::string SessionCookie(const std::string& token, int64_t max_age_seconds) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_seconds);
}

std::string ExpiredSessionCookie() {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
}

std::string SessionCookieToken(const restinio::request_handle_t& req) {
  // Cookie: a=1; kefu_session=kefu_…; b=2 (several Cookie fields are joined).
  std::string found;
  req->header().for_each_value_of(restinio::http_field::cookie, [&](const auto& value) {
    std::string_view v(value.data(), value.size());
    while (!v.empty()) {
      size_t semi = v.find(';');
      std::string_view pair = v.substr(0, semi);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      if (pair.size() > kSessionCookie.size() && pair.substr(0, kSessionCookie.size()) == kSessionCookie &&
          pair[kSessionCookie.size()] == '=') {
        found = std::string(pair.substr(kSessionCookie.size() + 1));
      }
      if (semi == std::string_view::npos) break;
      v.remove_prefix(semi + 1);
    }
    return restinio::http_header_fields_t::continue_enumeration();
  });
  return found;
}

StatusOr<Actor> AuthenticateRaw(const restinio::request_handle_t& req, AuthService& auth) {
  std::string token;
  bool via_cookie = false;
  FindToken(req, token, via_cookie);
  if (token.empty()) return Unauthenticated("a bearer token or a session cookie is required");
  KEFU_ASSIGN_OR_RETURN(Actor a, auth.Authenticate(token));
  if (via_cookie) KEFU_RETURN_IF_ERROR(CheckCsrf(req, token));
  return a;
}

restinio::request_handling_status_t SendError(const restinio::request_handle_t& req,
                                              const Status& st, int http_status) {
  Response r = ErrorResponse(st);
  if (http_status != 0) r.status = http_status;
  return Send(req, r);
}

void Router::Add(restinio::http_method_id_t method, const std::string& route, Auth auth,
                 Handler h) {
  RouteMetrics* m = metrics_.ForRoute(std::string(method.c_str()), route);
  AuthService* auth_service = &auth_;
  router_->add_handler(method, route, [=, h = std::move(h)](auto req, auto params) {
    auto start = std::chrono::steady_clock::now();
    Response resp;
    try {
      Request r;
      Status st = Prepare(req, params, r);
      if (st.ok() && auth == Auth::kRequired) {
        if (r.token.empty()) {
          st = Unauthenticated("a bearer token is required (POST /api/v1/auth/login)");
        } else if (auto actor = auth_service->Authenticate(r.token); actor.ok()) {
          r.actor = *actor;
          if (r.via_cookie) st = CheckCsrf(req, r.token);
        } else {
          st = actor.status();
        }
      }
      if (st.ok()) {
        StatusOr<Response> result = h(r);
        resp = result.ok() ? std::move(result).value() : ErrorResponse(result.status());
        if (!result.ok() && result.status().code() == StatusCode::kInternal) {
          spdlog::error("{} {}: {}", method.c_str(), route, result.status().ToString());
        }
      } else {
        resp = ErrorResponse(st);
      }
    } catch (const std::exception& e) {
      spdlog::error("{} {}: unexpected exception: {}", method.c_str(), route, e.what());
      resp = ErrorResponse(Internal("unexpected server error"));
    }
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m->Observe(resp.status, secs);
    return Send(req, resp);
  });
}

std::unique_ptr<ExpressRouter> Router::Take() { return std::move(router_); }

}  // namespace kefu::api
