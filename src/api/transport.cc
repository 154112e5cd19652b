#include "api/transport.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "api/http.h"

namespace kefu::api {

namespace {

// The reply armed by the last parser error on this thread, taken by the next
// AnsweringSocket::shutdown on it (RESTinio calls it right after logging).
thread_local std::optional<ParseErrorReply> pending_reply;

const char* Reason(int status) {
  switch (status) {
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    default: return "Bad Request";
  }
}

}  // namespace

ParseErrorReply ReplyForParserError(std::string_view name) {
  if (name == "HPE_CB_url") {
    return {414, "uri_too_long", "the request target is too long"};
  }
  if (name == "HPE_CB_header_field" || name == "HPE_CB_header_value" ||
      name == "HPE_HEADER_OVERFLOW") {
    return {431, "headers_too_large", "the request's header fields are too large or too many"};
  }
  if (name == "HPE_CB_headers_complete" || name == "HPE_CB_body") {
    return {413, "body_too_large", "the body is larger than the server reads (16 MiB)"};
  }
  if (name == "HPE_UNEXPECTED_CONTENT_LENGTH" || name == "HPE_INVALID_CONTENT_LENGTH") {
    return {400, "bad_content_length", "Content-Length is invalid, repeated with another value, "
                                       "or sent with chunked Transfer-Encoding"};
  }
  if (name == "HPE_INVALID_CHUNK_SIZE") {
    return {400, "bad_chunk", "a chunk size of the chunked body is malformed"};
  }
  return {400, "bad_request", "the request is not well-formed HTTP/1.1"};
}

std::string RawErrorResponse(const ParseErrorReply& reply) {
  nlohmann::ordered_json body = {{"error", {{"code", reply.code}, {"message", reply.message}}}};
  std::string text = body.dump() + "\n";
  std::string out = "HTTP/1.1 " + std::to_string(reply.http_status) + " " + Reason(reply.http_status) +
                    "\r\nContent-Type: application/json; charset=utf-8\r\nCache-Control: no-store\r\n";
  for (const auto& [k, v] : SecurityHeaders()) out += k + ": " + v + "\r\n";
  out += "Connection: close\r\nContent-Length: " + std::to_string(text.size()) + "\r\n\r\n" + text;
  return out;
}

void EdgeLogger::Note(const std::string& message, bool is_error) {
  // "[connection:7] parser error HPE_CB_url: the on_url callback failed"
  constexpr std::string_view kMarker = "] parser error ";
  size_t at = message.find(kMarker);
  if (is_error && at != std::string::npos) {
    size_t begin = at + kMarker.size();
    size_t end = message.find(':', begin);
    pending_reply = ReplyForParserError(std::string_view(message).substr(
        begin, end == std::string::npos ? std::string::npos : end - begin));
  } else if (is_error) {
    pending_reply.reset();
  }
  spdlog::debug("http: {}", message);
}

void EdgeLogger::Trace(const std::string& message) { spdlog::trace("http: {}", message); }

void AnsweringSocket::shutdown(shutdown_type what, restinio::asio_ns::error_code& ec) {
  if (pending_reply) {
    std::string raw = RawErrorResponse(*pending_reply);
    pending_reply.reset();
    restinio::asio_ns::error_code ignored;
    restinio::asio_ns::write(*this, restinio::asio_ns::buffer(raw), ignored);
    // Read what the peer already sent (bounded), so that closing does not
    // reset the connection over unread bytes before the answer is read.
    Base::non_blocking(true, ignored);
    char sink[16384];
    for (int i = 0; i < 64 && !ignored; ++i) {
      Base::read_some(restinio::asio_ns::buffer(sink), ignored);
    }
  }
  Base::shutdown(what, ec);
}

}  // namespace kefu::api
