// Shipments and the carrier webhook.
#include "api/after_sales_codec.h"
#include "api/routes.h"
#include "auth/hmac.h"

namespace kefu::api {
namespace {

// Who recorded a staff event and what shows it are the team's: customers
// see the event and its reason.
json ShipmentJson(const ShipmentView& v, const Actor& viewer) {
  json out = ToJson(v.shipment, &v.events);
  if (!IsStaff(viewer.role)) {
    for (auto& e : out["events"]) {
      e["recorded_by"] = nullptr;
      e["evidence"] = nullptr;
    }
  }
  return out;
}

}  // namespace

void AddLogisticsRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/shipments", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader fr, FieldReader::Of(j, "shipment"));
          std::string order, carrier, tracking;
          KEFU_RETURN_IF_ERROR(fr.Str("order", &order, true));
          KEFU_RETURN_IF_ERROR(fr.Str("carrier", &carrier, true));
          KEFU_RETURN_IF_ERROR(fr.Str("tracking_number", &tracking, true));
          KEFU_RETURN_IF_ERROR(fr.Finish());
          KEFU_ASSIGN_OR_RETURN(Shipment sh, s.logistics.Create(req.actor, order, carrier, tracking));
          Response resp = Response::Of(201, ToJson(sh));
          resp.headers.emplace_back("Location", "/api/v1/shipments/" + sh.id);
          return resp;
        });

  r.Add(restinio::http_method_get(), "/api/v1/shipments/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(ShipmentView v, s.logistics.Get(req.actor, req.Param("id")));
          return Response::Of(200, ShipmentJson(v, req.actor));
        });

  r.Add(restinio::http_method_get(), "/api/v1/orders/:id/shipments", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(auto views, s.logistics.ListForOrder(req.actor, req.Param("id")));
          json items = json::array();
          for (const auto& v : views) items.push_back(ShipmentJson(v, req.actor));
          return Response::Of(200, json{{"items", std::move(items)}, {"next_cursor", nullptr}});
        });

  // Staff record what the carrier has not (a delivery, 拒收, an exception).
  r.Add(restinio::http_method_post(), "/api/v1/shipments/:id/events", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(TrackingEvent e, ParseStaffShipmentEvent(j, s.clock.Now()));
          KEFU_ASSIGN_OR_RETURN(WebhookResult res,
                                s.logistics.RecordStaffEvent(req.actor, req.Param("id"), std::move(e)));
          return Response::Of(201, json{{"shipment", ToJson(res.shipment)}, {"tickets", res.tickets}});
        });

  // Authenticated by the HMAC signature of the body, not by a bearer token:
  // carriers hold a shared secret, not a user account.
  r.Add(restinio::http_method_post(), "/api/v1/webhooks/carrier", Auth::kPublic,
        [&s](Request& req) -> StatusOr<Response> {
          if (!VerifyHmacSha256(s.carrier_secret, req.body, req.signature)) {
            return Status(StatusCode::kUnauthenticated, "bad_signature",
                          s.carrier_secret.empty()
                              ? "the carrier webhook is not configured (no secret)"
                              : "X-Kefu-Signature is missing or does not match the body");
          }
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(CarrierUpdate u, ParseCarrierUpdate(j));
          KEFU_ASSIGN_OR_RETURN(WebhookResult res, s.logistics.ApplyCarrierUpdate(u));
          return Response::Of(200, json{{"duplicate", res.duplicate},
                                        {"shipment", ToJson(res.shipment)},
                                        {"tickets", res.tickets}});
        });
}

}  // namespace kefu::api
