// GET /api/v1/search?q=&type=ticket|message|customer|article and filters.
#include "api/json_codec.h"
#include "api/routes.h"

namespace kefu::api {
namespace {

Status QueryTime(const Request& req, const char* name, std::optional<Timestamp>* out) {
  std::string v = req.Query(name);
  if (v.empty()) return OkStatus();
  *out = ParseIso8601(v);
  if (!*out) return ValidationError(std::string(name) + " is not an ISO 8601 time: " + Echo(v));
  return OkStatus();
}

StatusOr<SearchQuery> ParseSearchQuery(const Request& req) {
  KEFU_RETURN_IF_ERROR(req.CheckQuery({"q", "type", "status", "category", "customer", "agent",
                                       "from", "to", "cursor", "limit"}));
  SearchQuery q;
  q.q = req.Query("q");
  if (!req.Query("type").empty()) q.type = req.Query("type");
  std::string status = req.Query("status");
  if (!status.empty()) {
    q.status = ParseTicketStatus(status);
    if (!q.status) return ValidationError("status has an unknown value: " + Echo(status));
  }
  q.category = req.Query("category");
  q.customer_id = req.Query("customer");
  q.assignee = req.Query("agent");
  KEFU_RETURN_IF_ERROR(QueryTime(req, "from", &q.from));
  KEFU_RETURN_IF_ERROR(QueryTime(req, "to", &q.to));
  KEFU_ASSIGN_OR_RETURN(q.page, req.Page());
  if (req.Query("limit").empty()) q.page.limit = 20;
  return q;
}

json ToJson(const SearchResult& r) {
  json highlights = json::array();
  for (const auto& [b, e] : r.snippet.highlights) highlights.push_back({b, e});
  json j{{"type", r.type},
         {"id", r.id},
         {"title", r.title},
         {"snippet", r.snippet.text},
         {"highlights", std::move(highlights)},
         {"score", r.score},
         {"at", FormatIso8601(r.at)}};
  if (!r.ticket_id.empty()) j["ticket_id"] = r.ticket_id;
  if (!r.matched.empty() && r.type == "ticket") j["matched"] = r.matched;
  return j;
}

}  // namespace

void AddSearchRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_get(), "/api/v1/search", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(SearchQuery q, ParseSearchQuery(req));
          KEFU_ASSIGN_OR_RETURN(auto page, s.search.Search(req.actor, q));
          return Response::Of(200, PageJson(page, [](const SearchResult& x) { return ToJson(x); }));
        });
}

}  // namespace kefu::api
