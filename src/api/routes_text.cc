// POST /api/v1/text/analyze: normalised text, tokens, categories, sentiment
// and escalation signals. POST /api/v1/text/classifier/train: retrains the
// category classifier with the agents' labels.
#include "api/json_codec.h"
#include "api/routes.h"

namespace kefu::api {
namespace {

json ToJson(const text::Evaluation& e) {
  json classes = json::array();
  for (const auto& c : e.classes) {
    classes.push_back({{"category", c.label},
                       {"precision", c.precision},
                       {"recall", c.recall},
                       {"f1", c.f1},
                       {"support", c.support}});
  }
  return json{{"macro_f1", e.macro_f1},
              {"accuracy", e.accuracy},
              {"examples", e.examples},
              {"classes", std::move(classes)}};
}

}  // namespace

void AddTextRoutes(Router& r, Services& s) {
  r.Add(restinio::http_method_post(), "/api/v1/text/analyze", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_ASSIGN_OR_RETURN(json j, req.Json());
          KEFU_ASSIGN_OR_RETURN(FieldReader fr, FieldReader::Of(j, "analysis request"));
          std::string body;
          KEFU_RETURN_IF_ERROR(fr.Str("text", &body, true));
          KEFU_RETURN_IF_ERROR(fr.Finish());
          KEFU_ASSIGN_OR_RETURN(TextAnalysis a, s.text.Analyze(req.actor, body));
          json tokens = json::array();
          for (const auto& t : a.tokens) {
            tokens.push_back({{"text", t.text},
                              {"kind", text::ToString(t.kind)},
                              {"begin", t.begin},
                              {"end", t.end}});
          }
          json alternatives = json::array();
          for (size_t i = 1; i < a.categories.size(); ++i) {
            alternatives.push_back(
                {{"category", a.categories[i].label}, {"confidence", a.categories[i].confidence}});
          }
          bool known = !a.categories.empty();
          return Response::Of(
              200, json{{"normalized", a.normalized},
                        {"tokens", std::move(tokens)},
                        {"category", known ? json(a.categories[0].label) : json(nullptr)},
                        {"confidence", known ? a.categories[0].confidence : 0.0},
                        {"alternatives", std::move(alternatives)},
                        {"sentiment", text::ToString(a.sentiment.label)},
                        {"sentiment_score", a.sentiment.score},
                        {"sentiment_cues", a.sentiment.cues},
                        {"threat", !a.threat_signals.empty()},
                        {"threat_signals", a.threat_signals},
                        {"model", a.model}});
        });

  r.Add(restinio::http_method_post(), "/api/v1/text/classifier/train", Auth::kRequired,
        [&s](Request& req) -> StatusOr<Response> {
          KEFU_RETURN_IF_ERROR(req.CheckQuery({}));
          KEFU_ASSIGN_OR_RETURN(TrainingReport rep, s.classification.Train(req.actor));
          return Response::Of(200, json{{"corpus_examples", rep.corpus_examples},
                                        {"agent_labels", rep.agent_labels},
                                        {"model", rep.model},
                                        {"trained_at", FormatIso8601(rep.trained_at)},
                                        {"evaluation", ToJson(rep.evaluation)}});
        });
}

}  // namespace kefu::api
