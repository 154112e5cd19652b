#include "api/server.h"

#include <spdlog/spdlog.h>

#include "api/errors.h"
#include "api/static_files.h"
#include "api/stream.h"
#include "api/transport.h"

namespace kefu::api {

namespace {
using Traits = ServerTraits;
using RunningServer = restinio::running_server_handle_t<Traits>;
}  // namespace

struct Server::Impl {
  RunningServer running;
};

Server::Server(Services services, ServerOptions options)
    : services_(services), options_(std::move(options)) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  Router router(services_.auth, services_.metrics);
  AddOpsRoutes(router, services_);
  AddAuthRoutes(router, services_);
  AddTicketRoutes(router, services_);
  AddCustomerRoutes(router, services_);
  AddConfigRoutes(router, services_);
  AddAfterSalesRoutes(router, services_);
  AddLogisticsRoutes(router, services_);
  AddTextRoutes(router, services_);
  AddSearchRoutes(router, services_);
  AddKnowledgeRoutes(router, services_);
  AddConsoleRoutes(router, services_);
  AddTrainingRoutes(router, services_);
  AddExamRoutes(router, services_);
  AddInterviewRoutes(router, services_);
  std::shared_ptr<ExpressRouter> express = router.Take();
  AddStreamRoute(*express, services_);
  services_.feed.Start();
  RouteMetrics* unmatched = services_.metrics.ForRoute("ANY", "(unmatched)");
  auto files = std::make_shared<StaticFiles>(options_.web_root);
  if (!options_.web_root.empty() && !files->Available()) {
    spdlog::warn("no web console in {} (build it: cd web && npm ci && npm run build)", options_.web_root);
  }
  express->non_matched_request_handler([unmatched, files](auto req) {
    if (auto served = files->TryServe(req)) return *served;
    unmatched->Observe(404, 0);
    return SendError(req, NotFound("no such endpoint: " + std::string(req->header().path())));
  });
  auto guarded = [express, unmatched, limits = options_.head_limits](restinio::request_handle_t req) {
    // The head is checked before routing: no route sees an oversized target.
    if (auto refusal = CheckHead(req->header(), limits)) {
      unmatched->Observe(refusal->http_status, 0);
      return SendError(req, refusal->status, refusal->http_status);
    }
    try {
      return (*express)(req);
    } catch (const std::exception& e) {
      // The router refuses paths it cannot decode (e.g. %FF) by throwing.
      unmatched->Observe(400, 0);
      return SendError(req, InvalidArgument("bad_path", std::string("the path is malformed: ") + e.what()));
    }
  };
  try {
    auto settings = restinio::server_settings_t<Traits>{}
                        .address(options_.host)
                        .port(options_.port)
                        .request_handler(std::move(guarded))
                        // Above these RESTinio's parser stops and the socket
                        // answers before closing (api/transport.h); the router
                        // answers 413 for bodies between 1 MiB and 16 MiB, the
                        // guard 414/431 for heads over options_.head_limits.
                        .incoming_http_msg_limits(HardLimits(options_.head_limits, 16u << 20))
                        // With the default of 1, RESTinio 0.6.16 can reset its
                        // parser after a response is written while the next
                        // request's head is already parsed (the head and the
                        // body in separate packets): the body is then read as
                        // a new request and the connection is dropped. A
                        // pipeline depth above 1 never takes that path.
                        .max_pipelined_requests(8)
                        .socket_options_setter([](auto& o) {
                          o.set_option(restinio::asio_ns::ip::tcp::no_delay{true});
                        });
    impl_ = std::make_unique<Impl>();
    impl_->running = restinio::run_async<Traits>(restinio::own_io_context(), std::move(settings),
                                                 options_.threads);
  } catch (const std::exception& e) {
    impl_.reset();
    return Unavailable(std::string("cannot listen on ") + options_.host + ":" +
                       std::to_string(options_.port) + ": " + e.what());
  }
  return OkStatus();
}

void Server::Stop() {
  services_.feed.Stop();
  services_.feed.DropAll();
  if (impl_ && impl_->running) {
    impl_->running->stop();
    impl_->running->wait();
  }
  impl_.reset();
}

StatusOr<std::pair<std::string, uint16_t>> ParseListen(const std::string& listen) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) {
    return ValidationError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  }
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string port = listen.substr(colon + 1);
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) {
    return ValidationError("--listen port must be a number");
  }
  int p = std::stoi(port);
  if (p > 65535) return ValidationError("--listen port must be at most 65535");
  return std::make_pair(host, static_cast<uint16_t>(p));
}

}  // namespace kefu::api
