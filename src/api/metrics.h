// Request counters and latency histograms per route, rendered in the
// Prometheus text format. Lock-free on the request path: each route's
// counters are allocated once at registration.
#pragma once

#include <array>
#include <atomic>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "core/enums.h"
#include "service/scheduler.h"

namespace kefu::api {

class RouteMetrics {
 public:
  RouteMetrics(std::string method, std::string route)
      : method_(std::move(method)), route_(std::move(route)) {}
  // Thread-safe.
  void Observe(int http_status, double seconds);
  void RenderCounts(std::string& out) const;
  void RenderHistogram(std::string& out) const;

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1,    2.5};

 private:
  static constexpr std::array<int, 14> kCodes = {200, 201, 400, 401, 403, 404, 405,
                                                 409, 413, 422, 429, 500, 503, 0};
  const std::string method_, route_;
  std::array<std::atomic<uint64_t>, kCodes.size()> by_code_{};
  std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets_{};  // last: +Inf
  std::atomic<uint64_t> sum_micros_{0};
};

class Metrics {
 public:
  // Returns the counters of a route; the pointer stays valid. Thread-safe.
  RouteMetrics* ForRoute(const std::string& method, const std::string& route);
  // The whole exposition; `tickets_by_status` comes from the store and
  // `scheduler` from the scheduler, at scrape time.
  std::string Render(const std::map<TicketStatus, int64_t>& tickets_by_status,
                     const SchedulerTotals& scheduler) const;

 private:
  mutable std::mutex mu_;
  std::deque<RouteMetrics> routes_;  // guarded by mu_ (elements never move)
};

}  // namespace kefu::api
