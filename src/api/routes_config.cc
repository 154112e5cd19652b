#include "api/json_codec.h"
#include "api/routes.h"

namespace kefu::api {
namespace {

json Items(std::vector<json> items) {
  json arr = json::array();
  for (auto& i : items) arr.push_back(std::move(i));
  return json{{"items", std::move(arr)}, {"next_cursor", nullptr}};
}

json OptTime(const std::optional<Timestamp>& t) {
  return t ? json(FormatIso8601(*t)) : json(nullptr);
}

json SlaJson(const Ticket& t, const TicketSla& sla) {
  json clocks = json::array();
  for (const auto& c : sla.clocks) {
    clocks.push_back({{"metric", ToString(c.metric)},
                      {"state", ToString(c.state)},
                      {"target_minutes", c.target_ms / 60'000},
                      {"elapsed_minutes", c.elapsed_ms / 60'000},
                      {"experienced_minutes", c.experienced_ms / 60'000},
                      {"started_at", FormatIso8601(c.start)},
                      {"warning_at", OptTime(c.warning_at)},
                      {"due_at", OptTime(c.due)},
                      {"met_at", OptTime(c.met_at)},
                      {"paused", c.paused}});
  }
  return json{{"ticket", t.id},
              {"rule", sla.rule.empty() ? json(nullptr) : json(sla.rule)},
              {"calendar", sla.calendar},
              {"tier", ToString(sla.tier)},
              {"clocks", std::move(clocks)},
              {"next_check_at", OptTime(sla.index.next_at)},
              {"breach_at", OptTime(sla.index.breach_at)}};
}

json AgentJson(AuthService& auth, const AgentProfile& p, Presence presence, int open, int chats) {
  json j = AgentProfileToJson(p);
  j["display_name"] = DisplayNameOf(auth, p.login);
  j["presence"] = ToString(presence);
  j["open"] = open;
  j["chats"] = chats;
  return j;
}

// One configuration kind under `path`: list, get, put (and post/delete for
// the kinds that have them).
void AddKind(Router& r, Services& s, const std::string& path, ConfigKind kind) {
  r.Add(restinio::http_method_get(), path, Auth::kRequired, [&s, kind](Request& req) -> StatusOr<Response> {
    // Macros filter by the team of the ticket at hand (its macros and the
    // global ones) and by locale.
    if (kind == ConfigKind::kMacro) {
      KEFU_RETURN_IF_ERROR(req.CheckQuery({"team", "locale"}));
    } else {
      KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
    }
    std::string team = req.Query("team"), locale = req.Query("locale");
    KEFU_ASSIGN_OR_RETURN(auto items, s.config.List(req.actor, kind));
    std::vector<json> out;
    for (auto& i : items) {
      if (!team.empty() && i.value("team", "") != "" && i.value("team", "") != team) continue;
      if (!locale.empty() && i.value("locale", "") != locale) continue;
      out.push_back(std::move(i));
    }
    return Response::Of(200, Items(std::move(out)));
  });
  r.Add(restinio::http_method_get(), path + "/:name", Auth::kRequired,
        [&s, kind](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(json j, s.config.Get(req.actor, kind, req.Param("name")));
          return Response::Of(200, std::move(j));
        });
  r.Add(restinio::http_method_put(), path + "/:name", Auth::kRequired,
        [&s, kind](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(json out, s.config.Put(req.actor, kind, req.Param("name"),
                                                       nlohmann::json::parse(j.dump())));
          return Response::Of(200, std::move(out));
        });
  if (kind == ConfigKind::kMacro || kind == ConfigKind::kPhrase) {
    r.Add(restinio::http_method_post(), path, Auth::kRequired,
          [&s, kind](Request& req) -> StatusOr<Response> {
            KEFU_ASSIGN_OR_RETURN(json j, req.Json());
            KEFU_ASSIGN_OR_RETURN(json out,
                                  s.config.Create(req.actor, kind, nlohmann::json::parse(j.dump())));
            return Response::Of(201, std::move(out));
          });
  }
  if (kind == ConfigKind::kMacro || kind == ConfigKind::kPhrase || kind == ConfigKind::kAgent) {
    r.Add(restinio::http_method_delete(), path + "/:name", Auth::kRequired,
          [&s, kind](Request& req) -> StatusOr<Response> {
            KEFU_RETURN_IF_ERROR(s.config.Delete(req.actor, kind, req.Param("name")));
            return Response::Of(200, json{{"deleted", req.Param("name")}});
          });
  }
}

// A kind with one document, "default" (the SLA policy, the after-sales
// configuration): GET and PUT on one path.
void AddSingleDocument(Router& r, Services& s, const std::string& path, ConfigKind kind) {
  r.Add(restinio::http_method_get(), path, Auth::kRequired,
        [&s, kind](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(json j, s.config.Get(req.actor, kind, "default"));
          return Response::Of(200, std::move(j));
        });
  r.Add(restinio::http_method_put(), path, Auth::kRequired,
        [&s, kind](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(json out, s.config.Put(req.actor, kind, "default",
                                                       nlohmann::json::parse(j.dump())));
          return Response::Of(200, std::move(out));
        });
}

}  // namespace

void AddConfigRoutes(Router& r, Services& s) {
  AddSingleDocument(r, s, "/api/v1/sla-policy", ConfigKind::kPolicy);
  AddSingleDocument(r, s, "/api/v1/after-sales-policy", ConfigKind::kAfterSales);

  // Agents: the list joins profiles with presence and load.
  r.Add(restinio::http_method_get(), "/api/v1/agents", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(auto agents, s.config.Agents(req.actor));
          std::vector<json> out;
          for (const auto& a : agents) {
            out.push_back(AgentJson(s.auth, a.profile, a.state.presence, a.state.open, a.state.chats));
          }
          return Response::Of(200, Items(std::move(out)));
        });
  r.Add(restinio::http_method_put(), "/api/v1/agents/:login/presence", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "presence"));
          std::optional<Presence> p;
          KEFU_RETURN_IF_ERROR(EnumField(f, "presence", ParsePresence, &p));
          KEFU_RETURN_IF_ERROR(f.Finish());
          if (!p) return ValidationError("presence is required: online, busy, away or offline");
          KEFU_RETURN_IF_ERROR(s.config.SetPresence(req.actor, req.Param("login"), *p));
          if (*p == Presence::kOnline) s.scheduler.Wake();
          return Response::Of(200, json{{"login", req.Param("login")}, {"presence", ToString(*p)}});
        });

  // A team's queue.
  r.Add(restinio::http_method_get(), "/api/v1/teams/:name/queue", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(Scheduler::QueueView v, s.scheduler.Queue(req.actor, req.Param("name")));
          json waiting = json::array();
          for (const auto& t : v.waiting) waiting.push_back(ToJson(t, req.actor));
          json agents = json::array();
          for (const auto& a : v.agents) {
            agents.push_back(AgentJson(s.auth, a.profile, a.presence, a.open, a.chats));
          }
          return Response::Of(200, json{{"team", TeamToJson(v.team)},
                                        {"waiting", std::move(waiting)},
                                        {"agents", std::move(agents)}});
        });

  AddKind(r, s, "/api/v1/holiday-sets", ConfigKind::kHolidaySet);
  AddKind(r, s, "/api/v1/calendars", ConfigKind::kCalendar);
  AddKind(r, s, "/api/v1/teams", ConfigKind::kTeam);
  AddKind(r, s, "/api/v1/agent-profiles", ConfigKind::kAgent);
  AddKind(r, s, "/api/v1/macros", ConfigKind::kMacro);
  AddKind(r, s, "/api/v1/forbidden-phrases", ConfigKind::kPhrase);

  // A ticket's SLA clocks.
  r.Add(restinio::http_method_get(), "/api/v1/tickets/:id/sla", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          if (!IsStaff(req.actor.role)) return PermissionDenied("SLA clocks are for the service team");
          KEFU_ASSIGN_OR_RETURN(auto ts, s.sla.ForTicket(req.actor, req.Param("id")));
          return Response::Of(200, SlaJson(ts.first, ts.second));
        });

  // Macros on a ticket: preview (GET) and apply (POST).
  r.Add(restinio::http_method_get(), "/api/v1/tickets/:id/macros/:macro", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(MacroPreview p, s.tickets.PreviewMacro(req.actor, req.Param("id"),
                                                                       req.Param("macro")));
          json m = MacroToJson(p.macro);
          return Response::Of(200, json{{"macro", p.macro.id},
                                        {"body", p.body},
                                        {"actions", std::move(m["actions"])}});
        });
  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/macros/:macro", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "macro application"));
          bool confirm = false;
          KEFU_RETURN_IF_ERROR(f.Bool("confirm", &confirm));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(Ticket t, s.tickets.ApplyMacro(req.actor, req.Param("id"),
                                                               req.Param("macro"), confirm));
          return Response::Of(200, ToJson(t, req.actor));
        });
}

}  // namespace kefu::api
