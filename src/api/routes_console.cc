// Endpoints made for the web console (docs/api.md §11): inbox counts,
// presence on a ticket, reply checks, satisfaction ratings, the dashboard.
#include "api/json_codec.h"
#include "api/routes.h"
#include "core/access.h"
#include "service/reply_service.h"

namespace kefu::api {

namespace {

json PresenceJson(const std::vector<TicketPresence>& ps) {
  json items = json::array();
  for (const auto& p : ps) {
    items.push_back({{"login", p.login},
                     {"display_name", p.display_name},
                     {"state", ToString(p.state)},
                     {"until", FormatIso8601(p.until)}});
  }
  return {{"items", items}};
}

json DurationsJson(const Durations& d) {
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  return {{"count", d.count}, {"median_minutes", opt(d.median_minutes)}, {"p90_minutes", opt(d.p90_minutes)}};
}

json AfterSalesJson(const AfterSalesSummary& s) {
  json by_kind = json::object(), by_reason = json::object();
  for (const auto& [k, n] : s.by_kind) by_kind[std::string(ToString(k))] = n;
  for (const auto& [r, n] : s.by_reason) by_reason[std::string(ToString(r))] = n;
  json refused_by_rule = json::object();
  for (const auto& [rule, n] : s.refused_by_rule) refused_by_rule[rule] = n;
  return {{"requests", s.requests},
          {"refused", {{"count", s.refused}, {"by_rule", refused_by_rule}}},
          {"overridden", s.overridden},
          {"by_kind", by_kind},
          {"by_reason", by_reason},
          {"refunded", {{"count", s.refunded}, {"amount_fen", s.refunded_fen}}},
          {"punitive",
           {{"claims", s.punitive_claims},
            {"open", s.punitive_open},
            {"refunded", s.punitive_refunded},
            {"rejected", s.punitive_rejected},
            {"claimed_fen", s.punitive_claimed_fen},
            {"paid_fen", s.punitive_paid_fen}}}};
}

json DashboardJson(const DashboardReport& r) {
  const Dashboard& w = r.window;
  json by_status = json::object();
  for (TicketStatus st : {TicketStatus::kNew, TicketStatus::kOpen, TicketStatus::kPendingCustomer,
                          TicketStatus::kPendingThirdParty, TicketStatus::kResolved, TicketStatus::kClosed}) {
    auto it = r.by_status.find(st);
    by_status[std::string(ToString(st))] = it == r.by_status.end() ? 0 : it->second;
  }
  json by_category = json::array();
  for (const auto& [code, n] : w.by_category) {
    by_category.push_back({{"category", code.empty() ? json(nullptr) : json(code)}, {"count", n}});
  }
  json by_priority = json::object();
  for (Priority p : {Priority::kP1, Priority::kP2, Priority::kP3, Priority::kP4}) {
    auto it = w.by_priority.find(p);
    by_priority[std::string(ToString(p))] = it == w.by_priority.end() ? 0 : it->second;
  }
  json trend = json::array();
  for (const DayTrend& d : w.trend) {
    trend.push_back({{"date", d.date}, {"created", d.created}, {"resolved", d.resolved}, {"backlog", d.backlog}});
  }
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  return {{"days", w.days},
          {"generated_at", FormatIso8601(r.generated_at)},
          {"by_status", by_status},
          {"after_sales", AfterSalesJson(r.after_sales)},
          {"bot", r.bot},
          {"by_category", by_category},
          {"by_priority", by_priority},
          {"first_response", DurationsJson(w.first_response)},
          {"resolution", DurationsJson(w.resolution)},
          {"sla",
           {{"tickets", w.sla_tickets},
            {"breached", w.sla_breached},
            {"attainment", w.sla_tickets == 0 ? json(nullptr)
                                              : json(1.0 - static_cast<double>(w.sla_breached) /
                                                               static_cast<double>(w.sla_tickets))}}},
          {"csat", {{"count", w.csat_count}, {"average", opt(w.csat_average)}, {"satisfied_share", opt(w.satisfied_share)}}},
          {"trend", trend}};
}

}  // namespace

std::string DisplayNameOf(AuthService& auth, const std::string& login) {
  auto name = auth.DisplayName(login);
  return name.ok() ? *name : login;
}

void AddConsoleRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_get(), "/api/v1/inbox/counts", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(auto counts, s.tickets.ViewCounts(req.actor));
          json out = json::object();
          for (const auto& [view, n] : counts) out[view] = n;
          return Response::Of(200, out);
        });

  r.Add(restinio::http_method_put(), "/api/v1/tickets/:id/presence", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "presence"));
          std::string state;
          KEFU_RETURN_IF_ERROR(f.Str("state", &state, true));
          KEFU_RETURN_IF_ERROR(f.Finish());
          auto st = ParsePresenceState(state);
          if (!st) return ValidationError("state must be viewing, replying or left");
          KEFU_ASSIGN_OR_RETURN(auto others, s.presence.Set(req.actor, req.Param("id"), *st));
          return Response::Of(200, PresenceJson(others));
        });
  r.Add(restinio::http_method_get(), "/api/v1/tickets/:id/presence", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(auto all, s.presence.List(req.actor, req.Param("id")));
          return Response::Of(200, PresenceJson(all));
        });

  r.Add(restinio::http_method_post(), "/api/v1/replies/check", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(CheckStaff(req.actor, "check replies"));
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "reply check"));
          std::string text;
          KEFU_RETURN_IF_ERROR(f.Str("text", &text, true));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(auto cfg, s.config.Snapshot());
          json matches = json::array();
          for (const PhraseMatch& m : FindReplyPhrases(*cfg, text)) {
            matches.push_back({{"phrase", m.phrase}, {"blocking", m.blocking}, {"reason", m.reason}});
          }
          return Response::Of(200, {{"matches", matches}});
        });

  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/rating", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "rating"));
          int64_t score = 0;
          std::string comment;
          KEFU_RETURN_IF_ERROR(f.Int("score", &score, true));
          KEFU_RETURN_IF_ERROR(f.Str("comment", &comment));
          KEFU_RETURN_IF_ERROR(f.Finish());
          if (score < 1 || score > 5) return ValidationError("score must be 1 to 5");
          KEFU_ASSIGN_OR_RETURN(Rating rating, s.tickets.Rate(req.actor, req.Param("id"),
                                                              static_cast<int>(score), comment));
          return Response::Of(201, RatingJson(rating));
        });

  r.Add(restinio::http_method_get(), "/api/v1/tickets/:id/rating", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(std::optional<Rating> rating, s.tickets.RatingOf(req.actor, req.Param("id")));
          return Response::Of(200, {{"rating", rating ? RatingJson(*rating) : json(nullptr)}});
        });

  r.Add(restinio::http_method_get(), "/api/v1/reports/dashboard", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"days"}));
          int days = 14;
          std::string d = req.Query("days");
          if (!d.empty()) {
            if (d.size() > 2 || d.find_first_not_of("0123456789") != std::string::npos) {
              return ValidationError("days must be 1 to 90");
            }
            days = std::stoi(d);
          }
          KEFU_ASSIGN_OR_RETURN(DashboardReport rep, s.reports.Dashboard(req.actor, days));
          return Response::Of(200, DashboardJson(rep));
        });
}

}  // namespace kefu::api
