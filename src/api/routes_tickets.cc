#include <map>

#include "api/json_codec.h"
#include "api/routes.h"
#include "auth/token.h"
#include "core/escalation.h"

namespace kefu::api {
namespace {

template <typename E, typename ParseFn>
Status QueryEnum(const Request& req, const char* name, ParseFn parse, std::optional<E>* out) {
  std::string v = req.Query(name);
  if (v.empty()) return OkStatus();
  auto e = parse(v);
  if (!e) return ValidationError(std::string(name) + " has an unknown value: " + Echo(v));
  *out = *e;
  return OkStatus();
}

StatusOr<TicketQuery> ParseTicketQuery(const Request& req) {
  KEFU_RETURN_IF_ERROR(req.CheckQuery({"status", "priority", "channel", "assignee", "owner",
                                       "customer", "tag", "team", "sla", "view", "category", "cursor", "limit"}));
  TicketQuery q;
  KEFU_RETURN_IF_ERROR(QueryEnum(req, "status", ParseTicketStatus, &q.status));
  KEFU_RETURN_IF_ERROR(QueryEnum(req, "priority", ParsePriority, &q.priority));
  KEFU_RETURN_IF_ERROR(QueryEnum(req, "channel", ParseChannel, &q.channel));
  q.assignee = req.Query("assignee");
  q.owner = req.Query("owner");
  q.customer_id = req.Query("customer");
  q.tag = req.Query("tag");
  q.team = req.Query("team");
  q.sla = req.Query("sla");
  q.view = req.Query("view");
  q.category = req.Query("category");
  KEFU_ASSIGN_OR_RETURN(q.page, req.Page());
  return q;
}

StatusOr<TicketPatch> ParsePatch(const Request& req) {
  KEFU_ASSIGN_OR_RETURN(json j, req.Json());
  KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "ticket update"));
  TicketPatch p;
  KEFU_RETURN_IF_ERROR(EnumField(f, "priority", ParsePriority, &p.priority));
  if (f.Has("tags")) {
    p.tags.emplace();
    KEFU_RETURN_IF_ERROR(f.StrList("tags", &*p.tags));
  } else {
    f.Raw("tags");
  }
  if (j.contains("category")) {
    p.category.emplace();  // null or "" clears the category
    KEFU_RETURN_IF_ERROR(f.Str("category", &*p.category));
  }
  if (f.Has("team")) {
    p.team.emplace();
    KEFU_RETURN_IF_ERROR(f.Str("team", &*p.team));
  } else {
    f.Raw("team");
  }
  KEFU_RETURN_IF_ERROR(ThreatFields(f, &p.threat));
  if (f.Has("version")) {
    int64_t v = 0;
    KEFU_RETURN_IF_ERROR(f.Int("version", &v));
    p.expected_version = v;
  } else {
    f.Raw("version");
  }
  KEFU_RETURN_IF_ERROR(f.Finish());
  return p;
}

Response TicketResponse(int status, const Ticket& t, const Actor& viewer) {
  return Response::Of(status, ToJson(t, viewer));
}

}  // namespace

void AddTicketRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/tickets", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(NewTicket n, ParseNewTicket(j));
          KEFU_ASSIGN_OR_RETURN(CreateTicketResult res,
                                s.tickets.Create(req.actor, std::move(n), req.idempotency_key,
                                                 Sha256Hex(req.body)));
          Response resp = TicketResponse(res.replayed ? 200 : 201, res.ticket, req.actor);
          resp.headers.emplace_back("Location", "/api/v1/tickets/" + res.ticket.id);
          if (res.replayed) resp.headers.emplace_back("Idempotent-Replayed", "true");
          return resp;
        });

  r.Add(restinio::http_method_get(), "/api/v1/tickets", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(TicketQuery q, ParseTicketQuery(req));
          KEFU_ASSIGN_OR_RETURN(Page<Ticket> page, s.tickets.List(req.actor, q));
          return Response::Of(200, PageJson(page, [&](const Ticket& t) { return ToJson(t, req.actor); }));
        });

  r.Add(restinio::http_method_get(), "/api/v1/tickets/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(Ticket t, s.tickets.Get(req.actor, req.Param("id")));
          return TicketResponse(200, t, req.actor);
        });

  r.Add(restinio::http_method_get(), "/api/v1/tickets/:id/events", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"cursor", "limit"}));
          KEFU_ASSIGN_OR_RETURN(PageRequest p, req.Page());
          KEFU_ASSIGN_OR_RETURN(Page<TicketEvent> page, s.tickets.Events(req.actor, req.Param("id"), p));
          // Who acted, as people read it (a page has few distinct actors).
          std::map<std::string, std::string> names;
          return Response::Of(200, PageJson(page, [&](const TicketEvent& e) {
            json j = ToJson(e, req.actor);
            auto it = names.find(e.actor);
            if (it == names.end()) it = names.emplace(e.actor, DisplayNameOf(s.auth, e.actor)).first;
            j["actor_name"] = it->second;
            return j;
          }));
        });

  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/messages", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "message"));
          std::string body;
          bool internal = false, confirm = false;
          KEFU_RETURN_IF_ERROR(f.Str("body", &body, true));
          KEFU_RETURN_IF_ERROR(f.Bool("internal", &internal));
          KEFU_RETURN_IF_ERROR(f.Bool("confirm", &confirm));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(Ticket t, s.tickets.AddMessage(req.actor, req.Param("id"), body,
                                                               internal, confirm));
          return TicketResponse(201, t, req.actor);
        });

  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/transitions", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "transition"));
          std::optional<TicketStatus> to;
          std::string reason;
          KEFU_RETURN_IF_ERROR(EnumField(f, "to", ParseTicketStatus, &to));
          KEFU_RETURN_IF_ERROR(f.Str("reason", &reason));
          KEFU_RETURN_IF_ERROR(f.Finish());
          if (!to) return ValidationError("to is required");
          KEFU_ASSIGN_OR_RETURN(Ticket t, s.tickets.Transition(req.actor, req.Param("id"), *to, reason));
          return TicketResponse(200, t, req.actor);
        });

  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/assign", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "assignment"));
          std::string agent, reason;
          KEFU_RETURN_IF_ERROR(f.Str("agent", &agent, true));
          KEFU_RETURN_IF_ERROR(f.Str("reason", &reason));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(Ticket t, s.tickets.Assign(req.actor, req.Param("id"), agent, reason));
          return TicketResponse(200, t, req.actor);
        });

  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/escalate", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "escalation"));
          std::optional<EscalateTo> to;
          std::string reason;
          KEFU_RETURN_IF_ERROR(EnumField(f, "to", ParseEscalateTo, &to));
          KEFU_RETURN_IF_ERROR(f.Str("reason", &reason));
          KEFU_RETURN_IF_ERROR(f.Finish());
          if (!to) return ValidationError("to is required: \"lead\" or \"manager\"");
          KEFU_ASSIGN_OR_RETURN(Ticket t,
                                s.tickets.Escalate(req.actor, req.Param("id"), *to, reason));
          return TicketResponse(200, t, req.actor);
        });

  r.Add(restinio::http_method_put(), "/api/v1/tickets/:id/watchers", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "watchers"));
          std::vector<std::string> logins;
          if (!f.Has("watchers")) return ValidationError("watchers is required: a list of logins");
          KEFU_RETURN_IF_ERROR(f.StrList("watchers", &logins));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(Ticket t, s.tickets.SetWatchers(req.actor, req.Param("id"), logins));
          return TicketResponse(200, t, req.actor);
        });

  r.Add(restinio::http_method_patch(), "/api/v1/tickets/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(TicketPatch p, ParsePatch(req));
          KEFU_ASSIGN_OR_RETURN(Ticket t, s.tickets.Patch(req.actor, req.Param("id"), p));
          return TicketResponse(200, t, req.actor);
        });
}

}  // namespace kefu::api
