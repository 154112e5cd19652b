#include "api/stream.h"

#include <atomic>
#include <memory>

#include "api/errors.h"

namespace kefu::api {

void AddStreamRoute(ExpressRouter& router, Services& s) {
  RouteMetrics* metrics = s.metrics.ForRoute("GET", "/api/v1/stream");
  router.http_get("/api/v1/stream", [&s, metrics](auto req, auto) {
    StatusOr<Actor> actor = AuthenticateRaw(req, s.auth);
    std::string ticket;
    if (actor.ok()) {
      auto q = restinio::try_parse_query<restinio::parse_query_traits::x_www_form_urlencoded>(req->header().query());
      if (!q) {
        actor = InvalidArgument("bad_query", "the query string is malformed");
      } else {
        for (const auto& kv : *q) {
          if (kv.first != "ticket") {
            actor = ValidationError("unknown query parameter: " + std::string(kv.first));
            break;
          }
          ticket = std::string(kv.second);
        }
      }
    }
    // Following one ticket needs the right to see it (404 otherwise).
    if (actor.ok() && !ticket.empty()) {
      if (auto t = s.tickets.Get(*actor, ticket); !t.ok()) actor = t.status();
    }
    if (!actor.ok()) {
      metrics->Observe(HttpStatusFor(actor.status().code()), 0);
      return SendError(req, actor.status());
    }
    metrics->Observe(200, 0);
    using Builder = restinio::response_builder_t<restinio::chunked_output_t>;
    auto out = std::make_shared<Builder>(req->template create_response<restinio::chunked_output_t>());
    out->append_header(restinio::http_field::content_type, "text/event-stream; charset=utf-8");
    out->append_header(restinio::http_field::cache_control, "no-store");
    for (const auto& [k, v] : SecurityHeaders()) out->append_header(k, v);
    out->append_chunk(std::string(": connected\n\n"));
    auto alive = std::make_shared<std::atomic<bool>>(true);
    out->flush([alive](const auto& ec) {
      if (ec) *alive = false;
    });
    s.feed.Subscribe(*actor, ticket, [out, alive](std::string_view event, const std::string& data) {
      if (!*alive) return false;
      std::string chunk = event.empty() ? std::string(": keep-alive\n\n")
                                        : "event: " + std::string(event) + "\ndata: " + data + "\n\n";
      out->append_chunk(std::move(chunk));
      out->flush([alive](const auto& ec) {
        if (ec) *alive = false;
      });
      return true;
    });
    return restinio::request_accepted();
  });
}

}  // namespace kefu::api
