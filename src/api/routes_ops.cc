#include "api/routes.h"
#include "core/access.h"

namespace kefu::api {

void AddOpsRoutes(Router& r, Services& s) {
  // Liveness for load balancers: the only unauthenticated data endpoint; it
  // says nothing but that the process answers and the database reads.
  r.Add(restinio::http_method_get(), "/healthz", Auth::kPublic, [&s](Request&) -> StatusOr<Response> {
    KEFU_RETURN_IF_ERROR(s.tickets.CheckStorage());
    return Response::Of(200, {{"status", "ok"}});
  });
  r.Add(restinio::http_method_get(), "/metrics", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          if (req.actor.role != Role::kManager && req.actor.role != Role::kAdmin) {
            return PermissionDenied("metrics need the manager or admin role");
          }
          KEFU_ASSIGN_OR_RETURN(auto counts, s.tickets.CountByStatus());
          Response resp;
          resp.content_type = "text/plain; version=0.0.4; charset=utf-8";
          resp.text = s.metrics.Render(counts, s.scheduler.Totals());
          return resp;
        });
}

}  // namespace kefu::api
