#include "core/report.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/money.h"

namespace kefu {

namespace {
constexpr int64_t kDayMs = 24 * 3600 * 1000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Durations Summarise(std::vector<double> minutes) {
  Durations d;
  d.count = static_cast<int64_t>(minutes.size());
  if (minutes.empty()) return d;
  std::sort(minutes.begin(), minutes.end());
  d.median_minutes = Percentile(minutes, 0.5);
  d.p90_minutes = Percentile(minutes, 0.9);
  return d;
}

double Minutes(Timestamp from, Timestamp to) { return static_cast<double>(to.unix_ms - from.unix_ms) / 60000.0; }
}  // namespace

double Percentile(const std::vector<double>& sorted, double p) {
  auto rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

Timestamp ChinaDayStart(Timestamp t) {
  return Timestamp{FloorDiv(t.unix_ms + kChinaOffsetMs, kDayMs) * kDayMs - kChinaOffsetMs};
}

std::string ChinaDate(Timestamp t) {
  std::chrono::sys_days day{std::chrono::days{FloorDiv(t.unix_ms + kChinaOffsetMs, kDayMs)}};
  std::chrono::year_month_day ymd{day};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

Dashboard Summarize(const std::vector<DashboardTicket>& tickets, Timestamp now, int days) {
  Dashboard d;
  d.days = days;
  Timestamp today = ChinaDayStart(now);
  Timestamp since{today.unix_ms - static_cast<int64_t>(days - 1) * kDayMs};
  std::map<std::string, int64_t> categories;
  std::vector<double> first, resolution;
  int64_t rating_sum = 0, satisfied = 0;
  d.trend.resize(static_cast<size_t>(days));
  for (int i = 0; i < days; ++i) {
    Timestamp start{since.unix_ms + i * kDayMs};
    d.trend[static_cast<size_t>(i)].date = ChinaDate(start);
  }
  for (const DashboardTicket& t : tickets) {
    // The trend: days are [start, start + 1 day).
    for (int i = 0; i < days; ++i) {
      int64_t start = since.unix_ms + i * kDayMs, end = start + kDayMs;
      DayTrend& day = d.trend[static_cast<size_t>(i)];
      if (t.created_at.unix_ms >= start && t.created_at.unix_ms < end) ++day.created;
      if (t.resolved_at && t.resolved_at->unix_ms >= start && t.resolved_at->unix_ms < end) ++day.resolved;
      if (t.created_at.unix_ms < end && (!t.resolved_at || t.resolved_at->unix_ms >= end)) ++day.backlog;
    }
    if (t.created_at < since) continue;
    ++categories[t.category];
    ++d.by_priority[t.priority];
    if (t.first_response_at) first.push_back(Minutes(t.created_at, *t.first_response_at));
    if (t.resolved_at) resolution.push_back(Minutes(t.created_at, *t.resolved_at));
    ++d.sla_tickets;
    if (t.breached) ++d.sla_breached;
    if (t.rating > 0) {
      ++d.csat_count;
      rating_sum += t.rating;
      if (t.rating >= 4) ++satisfied;
    }
  }
  d.by_category.assign(categories.begin(), categories.end());
  std::stable_sort(d.by_category.begin(), d.by_category.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  d.first_response = Summarise(std::move(first));
  d.resolution = Summarise(std::move(resolution));
  if (d.csat_count > 0) {
    d.csat_average = static_cast<double>(rating_sum) / static_cast<double>(d.csat_count);
    d.satisfied_share = static_cast<double>(satisfied) / static_cast<double>(d.csat_count);
  }
  return d;
}

AfterSalesSummary SummarizeAfterSales(const std::vector<AfterSalesFact>& facts) {
  AfterSalesSummary s;
  for (const auto& f : facts) {
    if (f.status == AfterSalesStatus::kRefused) {
      s.refused = SaturatingAdd(s.refused, f.count);
      s.refused_by_rule[f.rule] = SaturatingAdd(s.refused_by_rule[f.rule], f.count);
      continue;
    }
    if (f.override) s.overridden = SaturatingAdd(s.overridden, f.count);
    s.requests = SaturatingAdd(s.requests, f.count);
    s.by_kind[f.kind] = SaturatingAdd(s.by_kind[f.kind], f.count);
    s.by_reason[f.reason] = SaturatingAdd(s.by_reason[f.reason], f.count);
    bool refunded = f.status == AfterSalesStatus::kRefunded;
    if (refunded) {
      s.refunded = SaturatingAdd(s.refunded, f.count);
      s.refunded_fen = SaturatingAdd(s.refunded_fen, f.refunded_fen);
    }
    if (!IsPunitiveReason(f.reason)) continue;
    s.punitive_claims = SaturatingAdd(s.punitive_claims, f.count);
    s.punitive_claimed_fen = SaturatingAdd(s.punitive_claimed_fen, f.punitive_claimed_fen);
    if (refunded) {
      s.punitive_refunded = SaturatingAdd(s.punitive_refunded, f.count);
      s.punitive_paid_fen = SaturatingAdd(s.punitive_paid_fen, f.punitive_paid_fen);
    } else if (f.status == AfterSalesStatus::kRejected) {
      s.punitive_rejected = SaturatingAdd(s.punitive_rejected, f.count);
    } else if (!IsFinal(f.status)) {
      s.punitive_open = SaturatingAdd(s.punitive_open, f.count);
    }
  }
  return s;
}

}  // namespace kefu
