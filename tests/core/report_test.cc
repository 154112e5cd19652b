// The dashboard's arithmetic (core/report.h): the window, percentiles,
// CSAT, SLA attainment and the daily trend in UTC+8 days.
#include "core/report.h"

#include <gtest/gtest.h>

namespace kefu {
namespace {

constexpr int64_t kMin = 60'000, kHour = 60 * kMin, kDay = 24 * kHour;

// 2026-11-29 12:00 in China (04:00 UTC).
const Timestamp kNow = *ParseIso8601("2026-11-29T12:00:00+08:00");

Timestamp At(const char* iso) { return *ParseIso8601(iso); }

TEST(ReportTest, ChinaDaysStartAtMidnightUtcPlusEight) {
  EXPECT_EQ(ChinaDate(At("2026-11-28T16:00:00Z")), "2026-11-29");  // 00:00 in China
  EXPECT_EQ(ChinaDate(At("2026-11-28T15:59:59Z")), "2026-11-28");
  EXPECT_EQ(ChinaDayStart(kNow), At("2026-11-29T00:00:00+08:00"));
  EXPECT_EQ(ChinaDate(At("1969-12-31T20:00:00Z")), "1970-01-01");
}

TEST(ReportTest, PercentileIsNearestRank) {
  std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(Percentile(v, 0.5), 5);
  EXPECT_EQ(Percentile(v, 0.9), 9);
  EXPECT_EQ(Percentile({7}, 0.9), 7);
}

TEST(ReportTest, SummarizesTheWindow) {
  std::vector<DashboardTicket> ts;
  auto add = [&](Timestamp created, std::optional<int64_t> frt_min, std::optional<int64_t> res_min,
                 std::string cat, bool breached = false, int rating = 0) {
    DashboardTicket t;
    t.category = std::move(cat);
    t.created_at = created;
    if (frt_min) t.first_response_at = Timestamp{created.unix_ms + *frt_min * kMin};
    if (res_min) t.resolved_at = Timestamp{created.unix_ms + *res_min * kMin};
    t.breached = breached;
    t.rating = rating;
    ts.push_back(t);
  };
  add(At("2026-11-29T09:00:00+08:00"), 10, 60, "logistics_delay", false, 5);
  add(At("2026-11-29T10:00:00+08:00"), 30, std::nullopt, "logistics_delay", true);
  add(At("2026-11-28T23:30:00+08:00"), 20, 24 * 60, "quality_issue", false, 2);  // resolved 11-29 23:30
  add(At("2026-11-27T08:00:00+08:00"), std::nullopt, std::nullopt, "");
  // Before the 3-day window (27-29): only in the backlog until resolved on the 28th.
  add(At("2026-11-20T08:00:00+08:00"), 5, 8 * 24 * 60, "other");

  Dashboard d = Summarize(ts, kNow, 3);
  EXPECT_EQ(d.sla_tickets, 4);
  EXPECT_EQ(d.sla_breached, 1);
  ASSERT_EQ(d.by_category.size(), 3u);
  EXPECT_EQ(d.by_category[0], (std::pair<std::string, int64_t>{"logistics_delay", 2}));
  EXPECT_EQ(d.first_response.count, 3);
  EXPECT_EQ(*d.first_response.median_minutes, 20);
  EXPECT_EQ(*d.first_response.p90_minutes, 30);
  EXPECT_EQ(d.resolution.count, 2);
  EXPECT_EQ(*d.resolution.median_minutes, 60);
  EXPECT_EQ(d.csat_count, 2);
  EXPECT_EQ(*d.csat_average, 3.5);
  EXPECT_EQ(*d.satisfied_share, 0.5);

  ASSERT_EQ(d.trend.size(), 3u);
  EXPECT_EQ(d.trend[0].date, "2026-11-27");
  EXPECT_EQ(d.trend[2].date, "2026-11-29");
  // 27th: the old ticket and the new one are open at the end of the day.
  EXPECT_EQ(d.trend[0].created, 1);
  EXPECT_EQ(d.trend[0].backlog, 2);
  // 28th: the old one resolved (08:00), one created at 23:30.
  EXPECT_EQ(d.trend[1].created, 1);
  EXPECT_EQ(d.trend[1].resolved, 1);
  EXPECT_EQ(d.trend[1].backlog, 2);
  // 29th: two created, two resolved (10:00 and 23:30): the 27th's and the 29th 10:00 one stay open.
  EXPECT_EQ(d.trend[2].created, 2);
  EXPECT_EQ(d.trend[2].resolved, 2);
  EXPECT_EQ(d.trend[2].backlog, 2);
}

TEST(ReportTest, EmptyWindowHasNoAverages) {
  Dashboard d = Summarize({}, kNow, 14);
  EXPECT_EQ(d.trend.size(), 14u);
  EXPECT_FALSE(d.first_response.median_minutes);
  EXPECT_FALSE(d.csat_average);
  EXPECT_EQ(d.sla_tickets, 0);
}

TEST(ReportTest, AfterSalesAddsUpPunitiveClaimsApart) {
  using K = AfterSalesKind;
  using R = AfterSalesReason;
  using S = AfterSalesStatus;
  std::vector<AfterSalesFact> facts = {
      {K::kReturnRefund, R::kNoReason, S::kRefunded, 3, 30000, 0, 0},
      {K::kReturnRefund, R::kNoReason, S::kRequested, 2, 0, 0, 0},
      {K::kRefundOnly, R::kFraud, S::kRefunded, 1, 39900 + 119700, 119700, 119700},
      {K::kRefundOnly, R::kFraud, S::kApproved, 1, 0, 50000, 0},
      {K::kReturnRefund, R::kFoodSafety, S::kRejected, 2, 0, 200000, 0},
      {K::kRefundOnly, R::kFoodSafety, S::kCancelled, 1, 0, 100000, 0},
  };
  AfterSalesSummary s = SummarizeAfterSales(facts);
  EXPECT_EQ(s.requests, 10);
  EXPECT_EQ(s.by_kind[K::kReturnRefund], 7);
  EXPECT_EQ(s.by_kind[K::kRefundOnly], 3);
  EXPECT_EQ(s.by_reason[R::kFraud], 2);
  EXPECT_EQ(s.refunded, 4);
  EXPECT_EQ(s.refunded_fen, 30000 + 39900 + 119700);
  EXPECT_EQ(s.punitive_claims, 5);
  EXPECT_EQ(s.punitive_open, 1);      // the approved fraud claim
  EXPECT_EQ(s.punitive_refunded, 1);
  EXPECT_EQ(s.punitive_rejected, 2);  // the cancelled one is neither
  EXPECT_EQ(s.punitive_claimed_fen, 119700 + 50000 + 200000 + 100000);
  EXPECT_EQ(s.punitive_paid_fen, 119700);
  EXPECT_EQ(s.refused, 0);
}

TEST(AfterSalesSummaryTest, CountsRefusalsByRuleApartAndOverridesAmongRequests) {
  using K = AfterSalesKind;
  using R = AfterSalesReason;
  using S = AfterSalesStatus;
  std::vector<AfterSalesFact> facts = {
      {K::kReturnRefund, R::kNoReason, S::kRefused, 3, 0, 0, 0, "no_reason_window_passed", false},
      {K::kReturnRefund, R::kNoReason, S::kRefused, 1, 0, 0, 0, "excluded_perishable", false},
      {K::kReturnRefund, R::kNoReason, S::kRequested, 2, 0, 0, 0, "no_reason_window_passed", true},
      {K::kReturnRefund, R::kQualityFault, S::kApproved, 5, 0, 0, 0, "fault_return", false},
  };
  AfterSalesSummary s = SummarizeAfterSales(facts);
  EXPECT_EQ(s.refused, 4);
  EXPECT_EQ(s.refused_by_rule["no_reason_window_passed"], 3);
  EXPECT_EQ(s.refused_by_rule["excluded_perishable"], 1);
  EXPECT_EQ(s.overridden, 2);
  EXPECT_EQ(s.requests, 7) << "opened requests, overridden ones included; refusals apart";
  EXPECT_EQ(s.by_reason[R::kNoReason], 2);
}

}  // namespace
}  // namespace kefu
