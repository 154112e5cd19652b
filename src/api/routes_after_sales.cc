// After-sales requests, compensation and team budgets, the customer
// overview and notifications.
#include "api/after_sales_codec.h"
#include "api/routes.h"

namespace kefu::api {
namespace {

StatusOr<std::optional<AfterSalesStatus>> StatusQuery(const Request& req) {
  std::string v = req.Query("status");
  if (v.empty()) return std::optional<AfterSalesStatus>{};
  auto st = ParseAfterSalesStatus(v);
  if (!st) return ValidationError("status has an unknown value: " + Echo(v));
  return std::optional<AfterSalesStatus>(*st);
}

json AfterSalesPage(const Page<AfterSalesRequest>& page, const Actor& viewer, Timestamp now) {
  return PageJson(page, [&](const AfterSalesRequest& x) { return ToJson(x, viewer, now); });
}

}  // namespace

void AddAfterSalesRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/after-sales/preview", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(AfterSalesDraft d, ParseAfterSalesDraft(j));
          KEFU_ASSIGN_OR_RETURN(PolicyDecision dec,
                                s.after_sales.Preview(req.actor, req.Param("id"), d));
          return Response::Of(200, ToJson(dec));
        });

  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/after-sales", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(AfterSalesDraft d, ParseAfterSalesDraft(j));
          KEFU_ASSIGN_OR_RETURN(AfterSalesRequest out,
                                s.after_sales.Open(req.actor, req.Param("id"), d));
          Response resp = Response::Of(201, ToJson(out, req.actor, s.clock.Now()));
          resp.headers.emplace_back("Location", "/api/v1/after-sales/" + out.id);
          return resp;
        });

  r.Add(restinio::http_method_get(), "/api/v1/tickets/:id/after-sales", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"cursor", "limit"}));
          // The ticket must be visible: the list of an invisible one is 404.
          KEFU_RETURN_IF_ERROR(s.tickets.Get(req.actor, req.Param("id")).status());
          AfterSalesQuery q;
          q.ticket_id = req.Param("id");
          KEFU_ASSIGN_OR_RETURN(q.page, req.Page());
          KEFU_ASSIGN_OR_RETURN(auto page, s.after_sales.List(req.actor, q));
          return Response::Of(200, AfterSalesPage(page, req.actor, s.clock.Now()));
        });

  r.Add(restinio::http_method_get(), "/api/v1/after-sales", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"status", "customer", "overdue", "cursor", "limit"}));
          AfterSalesQuery q;
          KEFU_ASSIGN_OR_RETURN(q.status, StatusQuery(req));
          q.customer_id = req.Query("customer");
          std::string overdue = req.Query("overdue");
          if (!overdue.empty() && overdue != "true" && overdue != "false") {
            return ValidationError("overdue must be true or false");
          }
          q.overdue = overdue == "true";
          KEFU_ASSIGN_OR_RETURN(q.page, req.Page());
          KEFU_ASSIGN_OR_RETURN(auto page, s.after_sales.List(req.actor, q));
          return Response::Of(200, AfterSalesPage(page, req.actor, s.clock.Now()));
        });

  r.Add(restinio::http_method_get(), "/api/v1/after-sales/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(AfterSalesRequest out, s.after_sales.Get(req.actor, req.Param("id")));
          return Response::Of(200, ToJson(out, req.actor, s.clock.Now()));
        });

  r.Add(restinio::http_method_post(), "/api/v1/after-sales/:id/transitions", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(auto mv, ParseAfterSalesMove(j));
          KEFU_ASSIGN_OR_RETURN(AfterSalesRequest out,
                                s.after_sales.Move(req.actor, req.Param("id"), mv.first, mv.second));
          return Response::Of(200, ToJson(out, req.actor, s.clock.Now()));
        });

  r.Add(restinio::http_method_post(), "/api/v1/after-sales/:id/exception", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "exception"));
          std::string reason;
          KEFU_RETURN_IF_ERROR(f.Str("reason", &reason));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(AfterSalesRequest out,
                                s.after_sales.AskException(req.actor, req.Param("id"), reason));
          return Response::Of(200, ToJson(out, req.actor, s.clock.Now()));
        });

  r.Add(restinio::http_method_post(), "/api/v1/after-sales/:id/override", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "override"));
          AfterSalesOverride o;
          KEFU_RETURN_IF_ERROR(f.Str("reason", &o.reason));
          if (f.Has("refund_fen")) {
            int64_t fen = 0;
            KEFU_RETURN_IF_ERROR(f.Fen("refund_fen", &fen, 0, "refund_exceeds_paid"));
            o.refund_fen = fen;
          } else {
            f.Raw("refund_fen");
          }
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(AfterSalesRequest out,
                                s.after_sales.Override(req.actor, req.Param("id"), o));
          return Response::Of(200, ToJson(out, req.actor, s.clock.Now()));
        });

  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/compensations", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(CompensationDraft d, ParseCompensationDraft(j));
          KEFU_ASSIGN_OR_RETURN(Compensation c,
                                s.compensations.Request(req.actor, req.Param("id"), d));
          Response resp = Response::Of(201, ToJson(c));
          resp.headers.emplace_back("Location", "/api/v1/compensations/" + c.id);
          return resp;
        });

  r.Add(restinio::http_method_get(), "/api/v1/compensations", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"status", "team", "ticket", "cursor", "limit"}));
          CompensationQuery q;
          if (std::string v = req.Query("status"); !v.empty()) {
            q.status = ParseCompensationStatus(v);
            if (!q.status) return ValidationError("status has an unknown value: " + Echo(v));
          }
          q.team = req.Query("team");
          q.ticket_id = req.Query("ticket");
          KEFU_ASSIGN_OR_RETURN(q.page, req.Page());
          KEFU_ASSIGN_OR_RETURN(auto page, s.compensations.List(req.actor, q));
          return Response::Of(200, PageJson(page, [](const Compensation& c) { return ToJson(c); }));
        });

  r.Add(restinio::http_method_get(), "/api/v1/compensations/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(Compensation c, s.compensations.Get(req.actor, req.Param("id")));
          return Response::Of(200, ToJson(c));
        });

  for (bool approve : {true, false}) {
    r.Add(restinio::http_method_post(),
          std::string("/api/v1/compensations/:id/") + (approve ? "approve" : "reject"),
          Auth::kRequired, [&s, approve](Request& req) -> StatusOr<Response> {
            KEFU_ASSIGN_OR_RETURN(json j, req.Json());
            KEFU_ASSIGN_OR_RETURN(FieldReader fr, FieldReader::Of(j, "decision"));
            std::string note;
            KEFU_RETURN_IF_ERROR(fr.Str("note", &note));
            KEFU_RETURN_IF_ERROR(fr.Finish());
            if (note.size() > 2000) return ValidationError("note is longer than 2000 bytes");
            KEFU_ASSIGN_OR_RETURN(Compensation c,
                                  approve ? s.compensations.Approve(req.actor, req.Param("id"), note)
                                          : s.compensations.Reject(req.actor, req.Param("id"), note));
            return Response::Of(200, ToJson(c));
          });
  }

  r.Add(restinio::http_method_get(), "/api/v1/teams/:name/budget", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(TeamBudget b, s.compensations.Budget(req.actor, req.Param("name")));
          return Response::Of(200, ToJson(b));
        });

  r.Add(restinio::http_method_get(), "/api/v1/customers/:id/overview", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(CustomerOverview v,
                                s.customers.Overview(req.actor, req.Param("id")));
          return Response::Of(200, ToJson(v, req.actor, s.clock.Now()));
        });

  r.Add(restinio::http_method_get(), "/api/v1/notifications", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"cursor", "limit", "unread"}));
          KEFU_ASSIGN_OR_RETURN(PageRequest p, req.Page());
          std::string unread_q = req.Query("unread");
          if (!unread_q.empty() && unread_q != "true" && unread_q != "false") {
            return ValidationError("unread must be true or false");
          }
          bool unread = unread_q == "true";
          KEFU_ASSIGN_OR_RETURN(auto page, s.notifications.List(req.actor, p, unread));
          KEFU_ASSIGN_OR_RETURN(int64_t count, s.notifications.UnreadCount(req.actor));
          json out = PageJson(page, [](const Notification& n) { return ToJson(n); });
          out["unread_count"] = count;
          return Response::Of(200, std::move(out));
        });

  // Marks the caller's notifications read: {"ids": [1, 2, ...]}.
  r.Add(restinio::http_method_post(), "/api/v1/notifications/read", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader fr, FieldReader::Of(j, "notifications"));
          const json* ids_json = fr.Raw("ids");
          KEFU_RETURN_IF_ERROR(fr.Finish());
          if (!ids_json || !ids_json->is_array()) return ValidationError("ids must be an array");
          if (ids_json->size() > NotificationService::kMaxMarkRead) {
            return ValidationError("ids holds at most 500 ids");
          }
          std::vector<int64_t> ids;
          for (const auto& v : *ids_json) {
            if (!v.is_number_integer() || v.get<int64_t>() < 1) {
              return ValidationError("ids must hold notification ids (positive integers)");
            }
            ids.push_back(v.get<int64_t>());
          }
          KEFU_ASSIGN_OR_RETURN(int64_t marked, s.notifications.MarkRead(req.actor, ids));
          KEFU_ASSIGN_OR_RETURN(int64_t count, s.notifications.UnreadCount(req.actor));
          return Response::Of(200, json{{"marked", marked}, {"unread_count", count}});
        });
}

}  // namespace kefu::api
