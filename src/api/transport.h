// What sits below the router: RESTinio's server traits for Kefu.
//
// RESTinio closes a connection whose bytes its HTTP parser rejects (a head
// over the hard limits of request_limits.h, a conflicting Content-Length, a
// bad chunk size, garbage) without answering. Kefu answers first: the
// connection's logger sees the parser error just before RESTinio closes the
// socket, on the same thread, and the socket type writes a JSON error
// (400, 413, 414 or 431, "Connection: close") in its shutdown. The answer is
// best effort: the rest of such a request is never read, so a peer still
// sending may see the connection reset.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <restinio/all.hpp>
#include <spdlog/spdlog.h>

namespace kefu::api {

// The HTTP status, stable code and message Kefu answers a parser error with,
// from http_parser's error name (e.g. "HPE_INVALID_CHUNK_SIZE").
struct ParseErrorReply {
  int http_status;
  std::string code;
  std::string message;
};
ParseErrorReply ReplyForParserError(std::string_view http_errno_name);

// The raw HTTP/1.1 response for `reply`, with the security headers and
// "Connection: close".
std::string RawErrorResponse(const ParseErrorReply& reply);

// A RESTinio logger: connection errors go to spdlog at debug level (they are
// clients' faults); a parser error arms the answer of the socket that is
// about to be closed on this thread.
class EdgeLogger {
 public:
  // RESTinio's trace and info lines (every connection's life) reach spdlog
  // only at its trace level.
  template <typename Builder>
  void trace(Builder&& b) const {
    if (spdlog::should_log(spdlog::level::trace)) Trace(b());
  }
  template <typename Builder>
  void info(Builder&& b) const {
    if (spdlog::should_log(spdlog::level::trace)) Trace(b());
  }
  template <typename Builder>
  void warn(Builder&& b) const {
    Note(b(), false);
  }
  template <typename Builder>
  void error(Builder&& b) const {
    Note(b(), true);
  }

 private:
  static void Note(const std::string& message, bool is_error);
  static void Trace(const std::string& message);
};

// A TCP socket that, when shut down right after a parser error on this
// thread, first writes that error's answer. Otherwise an ordinary socket.
class AnsweringSocket : public restinio::asio_ns::ip::tcp::socket {
 public:
  using Base = restinio::asio_ns::ip::tcp::socket;
  using Base::Base;
  AnsweringSocket(AnsweringSocket&&) = default;
  AnsweringSocket& operator=(AnsweringSocket&&) = default;

  // Hides Base::shutdown (RESTinio calls this overload when it closes).
  void shutdown(shutdown_type what, restinio::asio_ns::error_code& ec);
};

// Kefu's server traits: the default request handler (a std::function, so the
// router can sit behind a guard), the logger and socket above.
using ServerTraits = restinio::traits_t<restinio::asio_timer_manager_t, EdgeLogger,
                                        restinio::default_request_handler_t,
                                        restinio::default_strand_t, AnsweringSocket>;

}  // namespace kefu::api
