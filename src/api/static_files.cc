#include "api/static_files.h"

#include <fstream>
#include <sstream>
#include <string_view>

#include "api/http.h"

namespace kefu::api {

namespace {

std::string_view ContentType(std::string_view path) {
  auto ends = [&](std::string_view ext) {
    return path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}

// "/assets/index-Ab1.js" -> true; anything with "..", "//", or other
// characters -> false.
bool SafeAssetPath(std::string_view p) {
  if (p.empty() || p.front() != '/') return false;
  size_t seg_start = 1;
  for (size_t i = 1; i <= p.size(); ++i) {
    if (i == p.size() || p[i] == '/') {
      std::string_view seg = p.substr(seg_start, i - seg_start);
      if (seg.empty() || seg == "." || seg == ".." || seg.front() == '.') return false;
      seg_start = i + 1;
      continue;
    }
    char c = p[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

restinio::request_handling_status_t Answer(const restinio::request_handle_t& req, int status,
                                           std::string_view type, std::string body,
                                           std::string_view cache) {
  auto out = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(status)}, status == 200 ? "OK" : "Not Found"});
  out.append_header(restinio::http_field::content_type, std::string(type));
  out.append_header(restinio::http_field::cache_control, std::string(cache));
  for (const auto& [k, v] : SecurityHeaders()) out.append_header(k, v);
  out.set_body(std::move(body));
  return out.done();
}

}  // namespace

bool StaticFiles::Available() const { return ReadFile(root_ + "/index.html").has_value(); }

std::optional<restinio::request_handling_status_t> StaticFiles::TryServe(
    const restinio::request_handle_t& req) const {
  auto method = req->header().method();
  if (method != restinio::http_method_get()) return std::nullopt;
  std::string path(req->header().path());
  if (path == "/api" || path.rfind("/api/", 0) == 0) return std::nullopt;
  if (path.rfind("/assets/", 0) == 0) {
    if (!SafeAssetPath(path)) return std::nullopt;
    auto body = ReadFile(root_ + path);
    if (!body) return std::nullopt;
    return Answer(req, 200, ContentType(path), std::move(*body), "public, max-age=31536000, immutable");
  }
  auto index = ReadFile(root_ + "/index.html");
  if (!index) return std::nullopt;
  return Answer(req, 200, "text/html; charset=utf-8", std::move(*index), "no-cache");
}

}  // namespace kefu::api
