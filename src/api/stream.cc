#include "api/stream.h"

#include <atomic>
#include <memory>
#include <mutex>

#include "api/errors.h"
#include "auth/token.h"

namespace kefu::api {
namespace {

using Builder = restinio::response_builder_t<restinio::chunked_output_t>;

// The token AuthenticateRaw resolved the caller by: the bearer token, else
// (with no Authorization header at all) the session cookie's.
std::string TokenOf(const restinio::request_handle_t& req) {
  if (req->header().has_field(restinio::http_field::authorization)) {
    std::string h = req->header().get_field_or(restinio::http_field::authorization, "");
    constexpr std::string_view kPrefix = "Bearer ";
    return h.size() > kPrefix.size() && h.compare(0, kPrefix.size(), kPrefix) == 0
               ? h.substr(kPrefix.size())
               : std::string();
  }
  return SessionCookieToken(req);
}

// One open stream. The feed calls Send, Check and End (one at a time); the
// handler calls Open once the subscription is granted: what the feed sends
// before that waits in `pending_`.
class EventStream {
 public:
  bool Send(std::string chunk) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!*alive_) return false;
    if (!out_) {
      pending_ += chunk;
      return true;
    }
    out_->append_chunk(std::move(chunk));
    out_->flush(OnWritten());
    return true;
  }

  // A zero-byte write: its callback finds a closed connection.
  bool Check() {
    std::lock_guard<std::mutex> lock(mu_);
    if (!*alive_) return false;
    if (out_) out_->flush(OnWritten());
    return true;
  }

  // Ends the response (the last chunk); the client sees the stream end.
  void End() {
    std::lock_guard<std::mutex> lock(mu_);
    ended_ = true;
    if (out_) out_->done();
  }

  void Open(const restinio::request_handle_t& req) {
    std::lock_guard<std::mutex> lock(mu_);
    out_ = std::make_unique<Builder>(req->template create_response<restinio::chunked_output_t>());
    out_->append_header(restinio::http_field::content_type, "text/event-stream; charset=utf-8");
    out_->append_header(restinio::http_field::cache_control, "no-store");
    for (const auto& [k, v] : SecurityHeaders()) out_->append_header(k, v);
    out_->append_chunk(std::string(": connected\n\n") + pending_);
    pending_.clear();
    if (ended_) {
      out_->done();
    } else {
      out_->flush(OnWritten());
    }
  }

 private:
  restinio::write_status_cb_t OnWritten() {
    return [alive = alive_](const auto& ec) {
      if (ec) *alive = false;
    };
  }

  std::mutex mu_;
  std::unique_ptr<Builder> out_;  // guarded by mu_; null until Open
  std::string pending_;           // guarded by mu_
  bool ended_ = false;            // guarded by mu_
  // Cleared by a failed write (the connection is gone).
  std::shared_ptr<std::atomic<bool>> alive_ = std::make_shared<std::atomic<bool>>(true);
};

}  // namespace

void AddStreamRoute(ExpressRouter& router, Services& s) {
  RouteMetrics* metrics = s.metrics.ForRoute("GET", "/api/v1/stream");
  router.http_get("/api/v1/stream", [&s, metrics](auto req, auto) {
    StatusOr<Actor> actor = AuthenticateRaw(req, s.auth);
    std::string ticket;
    if (actor.ok()) {
      auto q = restinio::try_parse_query<restinio::parse_query_traits::x_www_form_urlencoded>(req->header().query());
      if (!q) {
        actor = InvalidArgument("bad_query", "the query string is malformed");
      } else {
        for (const auto& kv : *q) {
          if (kv.first != "ticket") {
            actor = ValidationError("unknown query parameter: " + Echo(kv.first));
            break;
          }
          // As everywhere in the API (docs/api.md §1.2), the first value counts.
          if (ticket.empty()) ticket = std::string(kv.second);
        }
      }
    }
    // Following one ticket needs the right to see it (404 otherwise).
    if (actor.ok() && !ticket.empty()) {
      if (auto t = s.tickets.Get(*actor, ticket); !t.ok()) actor = t.status();
    }
    if (!actor.ok()) {
      metrics->Observe(HttpStatusFor(actor.status().code()), 0);
      return SendError(req, actor.status());
    }
    auto stream = std::make_shared<EventStream>();
    LiveFeed::Subscription sub;
    sub.actor = *actor;
    sub.ticket = ticket;
    sub.token_hash = Sha256Hex(TokenOf(req));
    sub.sink = [stream](std::string_view event, const std::string& data) {
      return stream->Send(event.empty() ? std::string(": keep-alive\n\n")
                                        : "event: " + std::string(event) + "\ndata: " + data + "\n\n");
    };
    sub.check = [stream] { return stream->Check(); };
    sub.end = [stream] { stream->End(); };
    // At most LiveFeedOptions::max_per_user streams per user (429).
    if (StatusOr<int64_t> id = s.feed.Subscribe(std::move(sub)); !id.ok()) {
      metrics->Observe(HttpStatusFor(id.status().code()), 0);
      return SendError(req, id.status());
    }
    metrics->Observe(200, 0);
    stream->Open(req);
    return restinio::request_accepted();
  });
}

}  // namespace kefu::api
