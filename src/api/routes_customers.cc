#include "api/json_codec.h"
#include "api/routes.h"

namespace kefu::api {

void AddCustomerRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/customers", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(Customer c, ParseCustomer(j));
          KEFU_ASSIGN_OR_RETURN(Customer created, s.customers.Create(req.actor, std::move(c)));
          Response resp = Response::Of(201, ToJson(created));
          resp.headers.emplace_back("Location", "/api/v1/customers/" + created.id);
          return resp;
        });

  r.Add(restinio::http_method_get(), "/api/v1/customers", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"cursor", "limit"}));
          KEFU_ASSIGN_OR_RETURN(PageRequest p, req.Page());
          KEFU_ASSIGN_OR_RETURN(Page<Customer> page, s.customers.List(req.actor, p));
          return Response::Of(200, PageJson(page, [](const Customer& c) { return ToJson(c); }));
        });

  r.Add(restinio::http_method_get(), "/api/v1/customers/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(CustomerView v, s.customers.Get(req.actor, req.Param("id")));
          json out = ToJson(v.customer);
          out["tickets"] = json::array();
          for (const auto& t : v.tickets) out["tickets"].push_back(ToJson(t, req.actor));
          out["orders"] = json::array();
          for (const auto& o : v.orders) out["orders"].push_back(ToJson(o));
          return Response::Of(200, out);
        });

  // The tier (leads and above, with a reason) and the team's notes.
  r.Add(restinio::http_method_patch(), "/api/v1/customers/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(CustomerUpdate u, ParseCustomerUpdate(j));
          KEFU_ASSIGN_OR_RETURN(Customer c, s.customers.Update(req.actor, req.Param("id"), u));
          return Response::Of(200, ToJson(c));
        });

  r.Add(restinio::http_method_post(), "/api/v1/orders", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(Order o, ParseOrder(j));
          KEFU_ASSIGN_OR_RETURN(Order created, s.customers.CreateOrder(req.actor, std::move(o)));
          Response resp = Response::Of(201, ToJson(created));
          resp.headers.emplace_back("Location", "/api/v1/orders/" + created.id);
          return resp;
        });

  r.Add(restinio::http_method_get(), "/api/v1/orders", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"customer", "cursor", "limit"}));
          KEFU_ASSIGN_OR_RETURN(PageRequest p, req.Page());
          KEFU_ASSIGN_OR_RETURN(Page<Order> page,
                                s.customers.ListOrders(req.actor, req.Query("customer"), p));
          return Response::Of(200, PageJson(page, [](const Order& o) { return ToJson(o); }));
        });

  r.Add(restinio::http_method_get(), "/api/v1/orders/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(Order o, s.customers.GetOrder(req.actor, req.Param("id")));
          return Response::Of(200, ToJson(o));
        });
}

}  // namespace kefu::api
