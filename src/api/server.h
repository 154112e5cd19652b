// The HTTP server: RESTinio on an Asio thread pool, with the routes of
// routes.h and a JSON 404 for everything else.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "api/request_limits.h"
#include "api/routes.h"
#include "common/status.h"

namespace kefu::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  size_t threads = 4;  // handler threads; SQLite writes block one of them briefly
  // The built web console (index.html, assets/); "" serves none.
  std::string web_root = "web/dist";
  // Limits on the request head, answered 414/431 before routing.
  HeadLimits head_limits;
};

class Server {
 public:
  Server(Services services, ServerOptions options);
  ~Server();

  // Starts listening; returns once the socket is bound (or the error).
  Status Start();
  // Stops accepting, finishes in-flight requests and joins the threads. Idempotent.
  void Stop();

 private:
  struct Impl;
  Services services_;
  ServerOptions options_;
  std::unique_ptr<Impl> impl_;
};

// Splits "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080"). kValidation if malformed.
StatusOr<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen);

}  // namespace kefu::api
