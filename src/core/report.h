// The service dashboard: pure arithmetic over what the store reports of
// each ticket (Store::ListTicketFacts). Days are calendar days in China Standard Time (UTC+8,
// no daylight saving).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "core/after_sales.h"
#include "core/model.h"

namespace kefu {

inline constexpr int64_t kChinaOffsetMs = 8 * 3600 * 1000;

struct DashboardTicket {
  std::string category;  // "" = none yet
  Priority priority = Priority::kP3;
  Timestamp created_at;
  std::optional<Timestamp> first_response_at;
  std::optional<Timestamp> resolved_at;
  bool breached = false;
  int rating = 0;  // 1..5, 0 = not rated
};

struct Durations {
  int64_t count = 0;
  std::optional<double> median_minutes, p90_minutes;  // nullopt when count == 0
};

struct DayTrend {
  std::string date;  // YYYY-MM-DD (UTC+8)
  int64_t created = 0, resolved = 0, backlog = 0;  // backlog: open at the day's end
};

struct Dashboard {
  int days = 14;
  std::vector<std::pair<std::string, int64_t>> by_category;  // most frequent first, then by code
  std::map<Priority, int64_t> by_priority;
  Durations first_response, resolution;
  int64_t sla_tickets = 0, sla_breached = 0;
  int64_t csat_count = 0;
  std::optional<double> csat_average, satisfied_share;
  std::vector<DayTrend> trend;  // oldest first, `days` entries ending today
};

// After-sales requests created in the window, grouped by what the store
// can count (Store::ListAfterSalesFacts): one row per kind, reason and
// status.
struct AfterSalesFact {
  AfterSalesKind kind = AfterSalesKind::kReturnRefund;
  AfterSalesReason reason = AfterSalesReason::kNoReason;
  AfterSalesStatus status = AfterSalesStatus::kRequested;
  int64_t count = 0;
  int64_t refunded_fen = 0;          // refund_fen of the refunded ones
  int64_t punitive_claimed_fen = 0;  // punitive damages the decisions allowed
  int64_t punitive_paid_fen = 0;     // of the refunded ones: the punitive part paid
  std::string rule;                  // the policy's rule (refusals: why)
  bool override = false;             // a refusal a lead overrode
};

struct AfterSalesSummary {
  int64_t requests = 0;  // opened (granted or overridden); refusals are counted apart
  int64_t refused = 0;   // the policy said no (status refused)
  std::map<std::string, int64_t> refused_by_rule;
  int64_t overridden = 0;  // refusals a lead or above overrode (among requests)
  std::map<AfterSalesKind, int64_t> by_kind;
  std::map<AfterSalesReason, int64_t> by_reason;
  int64_t refunded = 0, refunded_fen = 0;
  // Punitive claims (fraud, food safety): open ones are neither final nor
  // refunded; money in fen.
  int64_t punitive_claims = 0, punitive_open = 0, punitive_refunded = 0, punitive_rejected = 0;
  int64_t punitive_claimed_fen = 0, punitive_paid_fen = 0;
};

// Adds the facts up (saturating sums).
AfterSalesSummary SummarizeAfterSales(const std::vector<AfterSalesFact>& facts);

// The window is the `days` calendar days ending with the day of `now`.
// Tickets created in it count for categories, priorities, times, SLA and
// CSAT; the trend's backlog counts every ticket created by a day's end and
// not resolved by then. `tickets` must hold every ticket created in the
// window and every ticket open at any point of it.
Dashboard Summarize(const std::vector<DashboardTicket>& tickets, Timestamp now, int days);

// The nearest-rank percentile (0 < p <= 1) of `v` (sorted ascending, not empty).
double Percentile(const std::vector<double>& sorted, double p);

// Start of the UTC+8 calendar day holding `t`, and that day as YYYY-MM-DD.
Timestamp ChinaDayStart(Timestamp t);
std::string ChinaDate(Timestamp t);

}  // namespace kefu
