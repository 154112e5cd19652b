// Knowledge-base articles (/api/v1/articles) and the FAQ bot (/api/v1/bot/ask).
#include "api/json_codec.h"
#include "api/routes.h"

#include "core/bot_followup.h"

namespace kefu::api {
namespace {

json ToJson(const Article& a, const Actor& viewer) {
  json j{{"id", a.id},
         {"title", a.title},
         {"body", a.body},
         {"category", a.category.empty() ? json(nullptr) : json(a.category)},
         {"tags", a.tags},
         {"published", a.published},
         {"updated_at", FormatIso8601(a.updated_at)},
         {"version", a.version}};
  if (IsStaff(viewer.role)) {
    j["author"] = a.author;
    j["created_at"] = FormatIso8601(a.created_at);
  }
  return j;
}

StatusOr<ArticleInput> ParseArticle(const Request& req) {
  KEFU_ASSIGN_OR_RETURN(json j, req.Json());
  KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "article"));
  ArticleInput in;
  KEFU_RETURN_IF_ERROR(f.Str("title", &in.title, true));
  KEFU_RETURN_IF_ERROR(f.Str("body", &in.body, true));
  KEFU_RETURN_IF_ERROR(f.Str("category", &in.category));
  KEFU_RETURN_IF_ERROR(f.StrList("tags", &in.tags));
  KEFU_RETURN_IF_ERROR(f.Bool("published", &in.published));
  KEFU_RETURN_IF_ERROR(f.Finish());
  return in;
}

// Optional fields of a PATCH: set only when present (null clears a category).
template <typename T, typename Read>
Status Opt(FieldReader& f, const char* name, std::optional<T>* out, Read read) {
  if (!f.Has(name)) return OkStatus();
  out->emplace();
  return read(f, name, &**out);
}

StatusOr<ArticlePatch> ParseArticlePatch(const Request& req) {
  KEFU_ASSIGN_OR_RETURN(json j, req.Json());
  KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "article update"));
  ArticlePatch p;
  auto str = [](FieldReader& r, const char* n, std::string* o) { return r.Str(n, o); };
  KEFU_RETURN_IF_ERROR(Opt(f, "title", &p.title, str));
  KEFU_RETURN_IF_ERROR(Opt(f, "body", &p.body, str));
  if (j.contains("category")) {
    p.category.emplace();
    KEFU_RETURN_IF_ERROR(f.Str("category", &*p.category));
  }
  KEFU_RETURN_IF_ERROR(Opt(f, "tags", &p.tags, [](FieldReader& r, const char* n, auto* o) {
    return r.StrList(n, o);
  }));
  KEFU_RETURN_IF_ERROR(Opt(f, "published", &p.published, [](FieldReader& r, const char* n, bool* o) {
    return r.Bool(n, o);
  }));
  KEFU_RETURN_IF_ERROR(Opt(f, "expected_version", &p.expected_version,
                           [](FieldReader& r, const char* n, int64_t* o) { return r.Int(n, o); }));
  KEFU_RETURN_IF_ERROR(f.Finish());
  return p;
}

json ToJson(const BotReply& r) {
  const BotDecision& d = r.decision;
  json j{{"action", d.handoff ? "handoff" : "answer"},
         {"category", r.category.empty() ? json(nullptr) : json(r.category)},
         {"confidence", r.confidence},
         {"ticket_id", r.ticket_id.empty() ? json(nullptr) : json(r.ticket_id)}};
  if (d.handoff) {
    j["reason"] = d.reason;
    j["message"] = kBotHandoffMessage;
  } else {
    j["answer"] = d.answer->text;
    j["source"] = d.answer->source;
    j["article_id"] = d.answer->article_id.empty() ? json(nullptr) : json(d.answer->article_id);
    j["answer_confidence"] = d.answer->confidence;
    // Recorded on a ticket: the customer is asked whether it helped.
    j["confirm_question"] = r.confirm ? json(kBotConfirmQuestion) : json(nullptr);
  }
  return j;
}

}  // namespace

void AddKnowledgeRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_get(), "/api/v1/articles", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({"category", "cursor", "limit"}));
          KEFU_ASSIGN_OR_RETURN(PageRequest page, req.Page());
          KEFU_ASSIGN_OR_RETURN(auto p, s.knowledge.List(req.actor, req.Query("category"), page));
          return Response::Of(200, PageJson(p, [&](const Article& a) { return ToJson(a, req.actor); }));
        });
  r.Add(restinio::http_method_post(), "/api/v1/articles", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(ArticleInput in, ParseArticle(req));
          KEFU_ASSIGN_OR_RETURN(Article a, s.knowledge.Create(req.actor, in));
          return Response::Of(201, ToJson(a, req.actor));
        });
  r.Add(restinio::http_method_get(), "/api/v1/articles/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(Article a, s.knowledge.Get(req.actor, req.Param("id")));
          return Response::Of(200, ToJson(a, req.actor));
        });
  r.Add(restinio::http_method_patch(), "/api/v1/articles/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(ArticlePatch p, ParseArticlePatch(req));
          KEFU_ASSIGN_OR_RETURN(Article a, s.knowledge.Update(req.actor, req.Param("id"), p));
          return Response::Of(200, ToJson(a, req.actor));
        });
  r.Add(restinio::http_method_delete(), "/api/v1/articles/:id", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(s.knowledge.Delete(req.actor, req.Param("id")));
          return Response::Of(200, json{{"deleted", req.Param("id")}});
        });
  r.Add(restinio::http_method_post(), "/api/v1/bot/ask", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "question"));
          BotQuestion q;
          KEFU_RETURN_IF_ERROR(f.Str("text", &q.text, true));
          KEFU_RETURN_IF_ERROR(f.Str("customer_id", &q.customer_id));
          KEFU_RETURN_IF_ERROR(f.Str("ticket_id", &q.ticket_id));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(BotReply reply, s.bot.Ask(req.actor, q));
          return Response::Of(200, ToJson(reply));
        });
  r.Add(restinio::http_method_post(), "/api/v1/tickets/:id/bot-feedback", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "bot feedback"));
          if (!f.Has("solved")) return ValidationError("solved is required: true or false");
          bool solved = false;
          KEFU_RETURN_IF_ERROR(f.Bool("solved", &solved));
          KEFU_RETURN_IF_ERROR(f.Finish());
          KEFU_ASSIGN_OR_RETURN(Ticket t, s.bot.Confirm(req.actor, req.Param("id"), solved));
          return Response::Of(200, ToJson(t, req.actor));
        });
}

}  // namespace kefu::api
