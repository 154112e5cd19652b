#include "api/metrics.h"

#include <fmt/format.h>

namespace kefu::api {

void RouteMetrics::Observe(int http_status, double seconds) {
  size_t i = 0;
  while (i + 1 < kCodes.size() && kCodes[i] != http_status) ++i;
  by_code_[i].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  buckets_[b].fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

void RouteMetrics::RenderCounts(std::string& out) const {
  for (size_t i = 0; i < kCodes.size(); ++i) {
    uint64_t n = by_code_[i].load(std::memory_order_relaxed);
    if (n == 0) continue;
    out += fmt::format("kefu_http_requests_total{{method=\"{}\",route=\"{}\",code=\"{}\"}} {}\n",
                       method_, route_, kCodes[i] == 0 ? std::string("other")
                                                       : std::to_string(kCodes[i]), n);
  }
}

void RouteMetrics::RenderHistogram(std::string& out) const {
  uint64_t cum = 0;
  for (size_t b = 0; b <= kBuckets.size(); ++b) {
    cum += buckets_[b].load(std::memory_order_relaxed);
    std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
    out += fmt::format(
        "kefu_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} {}\n",
        method_, route_, le, cum);
  }
  out += fmt::format("kefu_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {}\n",
                     method_, route_, sum_micros_.load(std::memory_order_relaxed) / 1e6);
  out += fmt::format("kefu_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n",
                     method_, route_, cum);
}

RouteMetrics* Metrics::ForRoute(const std::string& method, const std::string& route) {
  std::lock_guard<std::mutex> l(mu_);
  return &routes_.emplace_back(method, route);
}

std::string Metrics::Render(const std::map<TicketStatus, int64_t>& tickets_by_status,
                            const SchedulerTotals& sched) const {
  std::string out;
  {
    std::lock_guard<std::mutex> l(mu_);
    out += "# HELP kefu_http_requests_total HTTP requests by route and status code.\n";
    out += "# TYPE kefu_http_requests_total counter\n";
    for (const auto& r : routes_) r.RenderCounts(out);
    out += "# HELP kefu_http_request_duration_seconds Time from request to response.\n";
    out += "# TYPE kefu_http_request_duration_seconds histogram\n";
    for (const auto& r : routes_) r.RenderHistogram(out);
  }
  out += "# HELP kefu_tickets Tickets by status.\n# TYPE kefu_tickets gauge\n";
  for (auto s : {TicketStatus::kNew, TicketStatus::kOpen, TicketStatus::kPendingCustomer,
                 TicketStatus::kPendingThirdParty, TicketStatus::kResolved, TicketStatus::kClosed}) {
    auto it = tickets_by_status.find(s);
    out += fmt::format("kefu_tickets{{status=\"{}\"}} {}\n", ToString(s),
                       it == tickets_by_status.end() ? 0 : it->second);
  }
  auto metric = [&out](const char* name, const char* type, const char* help, auto value,
                       const char* labels = "") {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{}{} {}\n", name, help, name, type, name,
                       labels, value);
  };
  metric("kefu_scheduler_passes_total", "counter", "Scheduler passes completed.", sched.passes);
  metric("kefu_scheduler_errors_total", "counter", "Scheduler passes that failed.", sched.errors);
  out += "# HELP kefu_sla_firings_total SLA warnings and breaches fired.\n"
         "# TYPE kefu_sla_firings_total counter\n";
  out += fmt::format("kefu_sla_firings_total{{kind=\"warning\"}} {}\n", sched.warnings);
  out += fmt::format("kefu_sla_firings_total{{kind=\"breach\"}} {}\n", sched.breaches);
  metric("kefu_escalations_total", "counter",
         "Immediate escalations of P1, VIP and threatening tickets to a lead.", sched.escalations);
  metric("kefu_routed_total", "counter", "Waiting tickets assigned by routing.", sched.routed);
  metric("kefu_queue_waiting", "gauge",
         "Tickets no agent could take at the last scheduler pass.", sched.waiting);
  return out;
}

}  // namespace kefu::api
