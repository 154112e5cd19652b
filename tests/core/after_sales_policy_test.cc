// The after-sales policy engine, one table row per case: statutory windows
// at their edges (in the market's local time), the exclusions, faults,
// delivery problems, cross-border markets, category overrides and partial
// quantities. Then WindowEnd, the explanations and the statutory floor.
#include "core/after_sales_policy.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace kefu {
namespace {

Timestamp T(const char* iso) {
  auto t = ParseIso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{});
}

// The policy every row runs against.
AfterSalesPolicy TestPolicy() {
  AfterSalesPolicy p;
  p.defaults.warranty_days = 365;  // a shop promising a year of repairs
  auto nature = [](GoodsNature n) {
    CategoryRules r;
    r.nature = n;
    return r;
  };
  p.categories["custom_furniture"] = nature(GoodsNature::kCustomised);
  p.categories["fresh_food"] = nature(GoodsNature::kPerishable);
  p.categories["ebooks"] = nature(GoodsNature::kDigitalDownload);
  p.categories["software"] = nature(GoodsNature::kAudioVisualSoftware);
  p.categories["magazines"] = nature(GoodsNature::kPeriodical);
  CategoryRules apparel;
  apparel.no_reason_days = 30;
  apparel.merchant_pays_no_reason_shipping = true;
  p.categories["apparel30"] = apparel;
  CategoryRules no_warranty;
  no_warranty.warranty_days = 0;
  p.categories["no_warranty"] = no_warranty;

  // These rows count days: the rest-day extension (Civil Code 203) has its
  // own rows in after_sales_law_test.cc.
  p.markets["cn"] = MarketRules{};
  p.markets["cn"].extend_on_rest_day = false;
  p.markets["hk"] = MarketRules{true, 7, Payer::kBuyer, 480, false};
  p.markets["jp"] = MarketRules{true, 0, Payer::kBuyer, 540, false};
  p.markets["us"] = MarketRules{true, 30, Payer::kMerchant, -300, false};
  p.markets["de"] = MarketRules{true, 14, Payer::kBuyer, 60, false};
  return p;
}

// Delivered 2026-03-01 10:00 in China; asked on day 4; one unit of ¥100.
PolicyInput BaseInput() {
  PolicyInput in;
  in.shipped_at = T("2026-02-28T10:00:00+08:00");
  in.delivered_at = T("2026-03-01T10:00:00+08:00");
  in.now = T("2026-03-05T12:00:00+08:00");
  in.unit_price_fen = 10000;
  return in;
}

using K = AfterSalesKind;
using R = AfterSalesReason;
using P = Payer;

struct Case {
  const char* name;
  void (*tweak)(PolicyInput&);
  bool eligible;
  const char* rule;
  Payer shipping = P::kNone;
  Payer duties = P::kNone;
  int64_t max_refund_fen = 0;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

void Nothing(PolicyInput&) {}

const Case kCases[] = {
    // --- No-reason window edges (CRPL Art. 25, counted from the day after) ---
    {"NoReasonReturnDay4", Nothing, true, "no_reason_return", P::kBuyer, P::kNone, 10000},
    {"NoReasonLastSecond",
     [](PolicyInput& in) { in.now = T("2026-03-08T23:59:59+08:00"); }, true, "no_reason_return",
     P::kBuyer, P::kNone, 10000},
    {"NoReasonFirstSecondAfter",
     [](PolicyInput& in) { in.now = T("2026-03-09T00:00:00+08:00"); }, false,
     "no_reason_window_passed"},
    {"DeliveredLateEveningLocalSameWindow",
     [](PolicyInput& in) {
       in.delivered_at = T("2026-03-01T23:30:00+08:00");
       in.now = T("2026-03-08T23:59:59+08:00");
     },
     true, "no_reason_return", P::kBuyer, P::kNone, 10000},
    {"DeliveredAfterLocalMidnightStillPreviousUtcDay",
     [](PolicyInput& in) {  // 2026-03-01T16:30Z: local day is March 2nd
       in.delivered_at = T("2026-03-02T00:30:00+08:00");
       in.now = T("2026-03-09T20:00:00+08:00");
     },
     true, "no_reason_return", P::kBuyer, P::kNone, 10000},
    {"DeliveredAfterLocalMidnightWindowClosed",
     [](PolicyInput& in) {
       in.delivered_at = T("2026-03-02T00:30:00+08:00");
       in.now = T("2026-03-10T00:00:00+08:00");
     },
     false, "no_reason_window_passed"},
    {"NoReasonExchange", [](PolicyInput& in) { in.kind = K::kExchange; }, true,
     "no_reason_exchange", P::kBuyer},
    {"NoReasonRepairNeedsFault", [](PolicyInput& in) { in.kind = K::kRepair; }, false,
     "repair_needs_fault"},
    // --- Statutory exclusions ---
    {"ExcludedCustomised", [](PolicyInput& in) { in.goods_category = "custom_furniture"; }, false,
     "excluded_customised"},
    {"ExcludedPerishable", [](PolicyInput& in) { in.goods_category = "fresh_food"; }, false,
     "excluded_perishable"},
    {"ExcludedPerishableExchange",
     [](PolicyInput& in) {
       in.goods_category = "fresh_food";
       in.kind = K::kExchange;
     },
     false, "excluded_perishable"},
    {"ExcludedDigitalDownload", [](PolicyInput& in) { in.goods_category = "ebooks"; }, false,
     "excluded_digital"},
    {"SoftwareSealedReturnable", [](PolicyInput& in) { in.goods_category = "software"; }, true,
     "no_reason_return", P::kBuyer, P::kNone, 10000},
    {"SoftwareUnsealedExcluded",
     [](PolicyInput& in) {
       in.goods_category = "software";
       in.unsealed = true;
     },
     false, "excluded_unsealed_media"},
    {"OrdinaryUnsealedReturnable", [](PolicyInput& in) { in.unsealed = true; }, true,
     "no_reason_return", P::kBuyer, P::kNone, 10000},
    {"ExcludedPeriodical", [](PolicyInput& in) { in.goods_category = "magazines"; }, false,
     "excluded_periodical"},
    {"ExcludedConfirmedAtPurchase",
     [](PolicyInput& in) {
       in.non_returnable_confirmed = true;
       in.non_returnable_ground = NonReturnableGround::kDeclaredDiscountOrFlaw;
     },
     false, "excluded_confirmed_at_purchase"},
    {"NotIntact", [](PolicyInput& in) { in.intact = false; }, false, "not_intact"},
    {"ExclusionBeforeWindow",
     [](PolicyInput& in) {
       in.goods_category = "custom_furniture";
       in.now = T("2026-04-01T10:00:00+08:00");
     },
     false, "excluded_customised"},
    // --- Faults (CRPL Art. 24): exclusions and intactness do not matter ---
    {"FaultReturnDay4", [](PolicyInput& in) { in.reason = R::kQualityFault; }, true,
     "fault_return", P::kMerchant, P::kNone, 10000},
    {"FaultReturnDay7LastSecond",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.now = T("2026-03-08T23:59:59+08:00");
     },
     true, "fault_return", P::kMerchant, P::kNone, 10000},
    {"FaultReturnDay8Refused",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.now = T("2026-03-09T00:00:00+08:00");
     },
     false, "fault_return_window_passed"},
    {"FaultExchangeDay8",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.kind = K::kExchange;
       in.now = T("2026-03-09T00:00:00+08:00");
     },
     true, "fault_exchange", P::kMerchant},
    {"FaultExchangeDay15LastSecond",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.kind = K::kExchange;
       in.now = T("2026-03-16T23:59:59+08:00");
     },
     true, "fault_exchange", P::kMerchant},
    {"FaultExchangeDay16Refused",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.kind = K::kExchange;
       in.now = T("2026-03-17T00:00:00+08:00");
     },
     // Goods outside 三包: a defect is still exchanged for a reasonable period.
     true, "defect_remedy_exchange", P::kMerchant},
    {"WarrantyRepair",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.kind = K::kRepair;
       in.now = T("2027-03-01T23:59:59+08:00");
     },
     true, "warranty_repair", P::kMerchant},
    {"WarrantyExpired",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.kind = K::kRepair;
       in.now = T("2027-03-02T00:00:00+08:00");
     },
     false, "warranty_expired"},
    {"NoWarrantyCategory",
     [](PolicyInput& in) {
       in.goods_category = "no_warranty";
       in.reason = R::kQualityFault;
       in.kind = K::kRepair;
     },
     // No promised warranty: the defect is still repaired for a reasonable period.
     true, "defect_remedy_repair", P::kMerchant},
    {"FaultIgnoresCustomisedExclusion",
     [](PolicyInput& in) {
       in.goods_category = "custom_furniture";
       in.reason = R::kQualityFault;
     },
     true, "fault_return", P::kMerchant, P::kNone, 10000},
    {"FaultIgnoresConfirmedAtPurchase",
     [](PolicyInput& in) {
       in.non_returnable_confirmed = true;
       in.reason = R::kNotAsDescribed;
     },
     true, "fault_return", P::kMerchant, P::kNone, 10000},
    {"FaultNotIntactStillReturnable",
     [](PolicyInput& in) {
       in.intact = false;
       in.unsealed = true;
       in.goods_category = "software";
       in.reason = R::kQualityFault;
     },
     true, "fault_return", P::kMerchant, P::kNone, 10000},
    // --- Transport (E-Commerce Law Art. 20) ---
    {"DamagedInTransitReturn", [](PolicyInput& in) { in.reason = R::kDamagedInTransit; }, true,
     "transit_damage_return", P::kMerchant, P::kNone, 10000},
    {"DamagedInTransitExchange",
     [](PolicyInput& in) {
       in.reason = R::kDamagedInTransit;
       in.kind = K::kExchange;
     },
     true, "transit_damage_exchange", P::kMerchant},
    {"WrongItemReturn", [](PolicyInput& in) { in.reason = R::kWrongItem; }, true,
     "wrong_item_return", P::kMerchant, P::kNone, 10000},
    {"WrongItemExchangeDay10",
     [](PolicyInput& in) {
       in.reason = R::kWrongItem;
       in.kind = K::kExchange;
       in.now = T("2026-03-11T09:00:00+08:00");
     },
     true, "wrong_item_exchange", P::kMerchant},
    {"DamagedInTransitReturnDay8",
     [](PolicyInput& in) {
       in.reason = R::kDamagedInTransit;
       in.now = T("2026-03-09T08:00:00+08:00");
     },
     false, "fault_return_window_passed"},
    {"DamagedInTransitRepair",
     [](PolicyInput& in) {
       in.reason = R::kDamagedInTransit;
       in.kind = K::kRepair;
     },
     true, "warranty_repair", P::kMerchant},
    // --- Not shipped / not delivered ---
    {"NotShippedRefundOnly",
     [](PolicyInput& in) {
       in.shipped_at.reset();
       in.delivered_at.reset();
       in.kind = K::kRefundOnly;
       in.reason = R::kNotDelivered;
     },
     true, "not_shipped_refund", P::kNone, P::kNone, 10000},
    {"NotShippedReturnRefund",
     [](PolicyInput& in) {
       in.shipped_at.reset();
       in.delivered_at.reset();
     },
     false, "not_delivered_yet"},
    {"NotDeliveredRefundOnly",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.parcel_lost = true;  // in transit, it is intercepted first (law test)
       in.kind = K::kRefundOnly;
       in.reason = R::kNotDelivered;
     },
     true, "not_delivered_refund", P::kNone, P::kNone, 10000},
    {"NotDeliveredClaimedButDelivered",
     [](PolicyInput& in) {
       in.kind = K::kRefundOnly;
       in.reason = R::kNotDelivered;
     },
     false, "delivered_per_tracking"},
    {"ReturnBeforeDelivery", [](PolicyInput& in) { in.delivered_at.reset(); }, false,
     "not_delivered_yet"},
    {"ExchangeNotDelivered",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.kind = K::kExchange;
       in.reason = R::kNotDelivered;
     },
     false, "not_delivered_yet"},
    {"RefundOnlyDeliveredNoReason", [](PolicyInput& in) { in.kind = K::kRefundOnly; }, false,
     "return_required"},
    {"RefundOnlyDeliveredFaultNonPerishable",
     [](PolicyInput& in) {
       in.kind = K::kRefundOnly;
       in.reason = R::kQualityFault;
     },
     false, "return_required"},
    {"PerishableFaultRefundOnly",
     [](PolicyInput& in) {
       in.goods_category = "fresh_food";
       in.kind = K::kRefundOnly;
       in.reason = R::kQualityFault;
       in.now = T("2026-03-02T09:00:00+08:00");
     },
     true, "perishable_fault_refund", P::kNone, P::kNone, 10000},
    {"PerishableTransitDamageRefundOnly",
     [](PolicyInput& in) {
       in.goods_category = "fresh_food";
       in.kind = K::kRefundOnly;
       in.reason = R::kDamagedInTransit;
     },
     true, "perishable_fault_refund", P::kNone, P::kNone, 10000},
    {"PerishableFaultRefundOnlyDay8",
     [](PolicyInput& in) {
       in.goods_category = "fresh_food";
       in.kind = K::kRefundOnly;
       in.reason = R::kQualityFault;
       in.now = T("2026-03-09T00:00:00+08:00");
     },
     false, "return_required"},
    // --- Cross-border markets ---
    {"HongKongNoReasonBuyerDuties", [](PolicyInput& in) { in.market = "hk"; }, true,
     "no_reason_return", P::kBuyer, P::kBuyer, 10000},
    {"JapanNoReasonNotOffered", [](PolicyInput& in) { in.market = "jp"; }, false,
     "no_reason_not_offered"},
    {"JapanFaultMerchantDuties",
     [](PolicyInput& in) {
       in.market = "jp";
       in.reason = R::kQualityFault;
     },
     true, "fault_return", P::kMerchant, P::kMerchant, 10000},
    {"UsNoReasonDay20MerchantDuties",
     [](PolicyInput& in) {
       in.market = "us";
       in.now = T("2026-03-21T10:00:00+08:00");
     },
     true, "no_reason_return", P::kBuyer, P::kMerchant, 10000},
    {"UsDeliveredLateEveningLastSecond",
     [](PolicyInput& in) {  // 2026-03-02T04:30Z: local day is March 1st
       in.market = "us";
       in.delivered_at = T("2026-03-01T23:30:00-05:00");
       in.now = T("2026-03-31T23:59:59-05:00");
     },
     true, "no_reason_return", P::kBuyer, P::kMerchant, 10000},
    {"UsDeliveredLateEveningFirstSecondAfter",
     [](PolicyInput& in) {
       in.market = "us";
       in.delivered_at = T("2026-03-01T23:30:00-05:00");
       in.now = T("2026-04-01T00:00:00-05:00");
     },
     false, "no_reason_window_passed"},
    {"GermanyExchangeDay10",
     [](PolicyInput& in) {
       in.market = "de";
       in.kind = K::kExchange;
       in.now = T("2026-03-11T10:00:00+01:00");
     },
     true, "no_reason_exchange", P::kBuyer, P::kBuyer, 0},
    {"MarketWindowOverridesCategory",
     [](PolicyInput& in) {
       in.market = "hk";
       in.goods_category = "apparel30";
       in.now = T("2026-03-11T10:00:00+08:00");
     },
     false, "no_reason_window_passed"},
    {"UnknownMarketIsDomestic", [](PolicyInput& in) { in.market = "mars"; }, true,
     "no_reason_return", P::kBuyer, P::kNone, 10000},
    // --- Category overrides ---
    {"Generous30DayCategoryDay20",
     [](PolicyInput& in) {
       in.goods_category = "apparel30";
       in.now = T("2026-03-21T10:00:00+08:00");
     },
     true, "no_reason_return", P::kMerchant, P::kNone, 10000},
    {"Generous30DayCategoryLastSecond",
     [](PolicyInput& in) {
       in.goods_category = "apparel30";
       in.now = T("2026-03-31T23:59:59+08:00");
     },
     true, "no_reason_return", P::kMerchant, P::kNone, 10000},
    {"Generous30DayCategoryClosed",
     [](PolicyInput& in) {
       in.goods_category = "apparel30";
       in.now = T("2026-04-01T00:00:00+08:00");
     },
     false, "no_reason_window_passed"},
    {"UnknownCategoryUsesDefaults", [](PolicyInput& in) { in.goods_category = "gadgets"; }, true,
     "no_reason_return", P::kBuyer, P::kNone, 10000},
    // --- Partial quantities ---
    {"TwoOfThree",
     [](PolicyInput& in) {
       in.quantity = 2;
       in.line_quantity = 3;
     },
     true, "no_reason_return", P::kBuyer, P::kNone, 20000},
    {"TwoOfThreeOneHeld",
     [](PolicyInput& in) {
       in.quantity = 2;
       in.line_quantity = 3;
       in.held_quantity = 1;
       in.reason = R::kQualityFault;
     },
     true, "fault_return", P::kMerchant, P::kNone, 20000},
    {"ThreeOfThreeOneHeld",
     [](PolicyInput& in) {
       in.quantity = 3;
       in.line_quantity = 3;
       in.held_quantity = 1;
     },
     false, "quantity_exceeds_line"},
    {"ZeroQuantity", [](PolicyInput& in) { in.quantity = 0; }, false, "quantity_exceeds_line"},
    {"QuantityCheckedBeforeShipping",
     [](PolicyInput& in) {
       in.shipped_at.reset();
       in.delivered_at.reset();
       in.kind = K::kRefundOnly;
       in.quantity = 2;
     },
     false, "quantity_exceeds_line"},
    {"PartialNotShippedRefund",
     [](PolicyInput& in) {
       in.shipped_at.reset();
       in.delivered_at.reset();
       in.kind = K::kRefundOnly;
       in.quantity = 2;
       in.line_quantity = 5;
     },
     true, "not_shipped_refund", P::kNone, P::kNone, 20000},
    {"PartialExchangeRefundsNothing",
     [](PolicyInput& in) {
       in.kind = K::kExchange;
       in.quantity = 2;
       in.line_quantity = 3;
     },
     true, "no_reason_exchange", P::kBuyer},
};

PolicyInput InputOf(const Case& c) {
  PolicyInput in = BaseInput();
  c.tweak(in);
  return in;
}

class DecideAfterSalesTest : public testing::TestWithParam<Case> {};

TEST_P(DecideAfterSalesTest, Decides) {
  const Case& c = GetParam();
  PolicyInput in = InputOf(c);
  PolicyDecision d = DecideAfterSales(TestPolicy(), in);
  EXPECT_EQ(d.rule, c.rule) << d.explanation_en;
  EXPECT_EQ(d.eligible, c.eligible);
  EXPECT_EQ(d.return_shipping, c.shipping);
  EXPECT_EQ(d.duties, c.duties);
  EXPECT_EQ(d.max_refund_fen, c.max_refund_fen);
  EXPECT_EQ(d.return_required, c.eligible && in.kind != K::kRefundOnly);
  // An eligible request was made inside its window; a refused one after it.
  if (d.window_ends) {
    EXPECT_EQ(in.now < *d.window_ends, c.eligible);
  }
}

INSTANTIATE_TEST_SUITE_P(Table, DecideAfterSalesTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<Case>& i) { return i.param.name; });

TEST(AfterSalesPolicyTest, TableIsLargeEnough) {
  EXPECT_GE(std::size(kCases), 45u);
}

TEST(AfterSalesPolicyTest, WindowEndCountsLocalDays) {
  // Delivered 2026-03-01 10:00 +08:00: 7 days end at 2026-03-09 00:00 +08:00.
  EXPECT_EQ(WindowEnd(T("2026-03-01T10:00:00+08:00"), 7, 480), T("2026-03-09T00:00:00+08:00"));
  // 00:30 local is still the previous day in UTC; the local day counts.
  EXPECT_EQ(WindowEnd(T("2026-03-01T16:30:00Z"), 7, 480), T("2026-03-10T00:00:00+08:00"));
  EXPECT_EQ(WindowEnd(T("2026-03-01T16:30:00Z"), 7, 0), T("2026-03-09T00:00:00Z"));
  // Negative offsets: 23:30 at -05:00 is already the next day in UTC.
  EXPECT_EQ(WindowEnd(T("2026-03-02T04:30:00Z"), 7, -300), T("2026-03-09T00:00:00-05:00"));
  // Zero days: the window closes at the end of the delivery day.
  EXPECT_EQ(WindowEnd(T("2026-03-01T10:00:00+08:00"), 0, 480), T("2026-03-02T00:00:00+08:00"));
  // Exactly at local midnight belongs to the new day.
  EXPECT_EQ(WindowEnd(T("2026-03-01T00:00:00+08:00"), 1, 480), T("2026-03-03T00:00:00+08:00"));
  // Across a leap day and a year end.
  EXPECT_EQ(WindowEnd(T("2028-02-25T12:00:00+08:00"), 7, 480), T("2028-03-04T00:00:00+08:00"));
  EXPECT_EQ(WindowEnd(T("2026-12-28T12:00:00+08:00"), 7, 480), T("2027-01-05T00:00:00+08:00"));
  EXPECT_EQ(WindowEnd(T("2026-03-01T10:00:00+08:00"), 365, 480), T("2027-03-02T00:00:00+08:00"));
  // Before the epoch, floor division still finds the local day.
  EXPECT_EQ(WindowEnd(T("1969-12-31T10:00:00Z"), 0, 0), T("1970-01-01T00:00:00Z"));
}

TEST(AfterSalesPolicyTest, DecisionsRecordTheWindow) {
  PolicyDecision d = DecideAfterSales(TestPolicy(), BaseInput());
  ASSERT_TRUE(d.window_ends.has_value());
  EXPECT_EQ(*d.window_ends, T("2026-03-09T00:00:00+08:00"));
  EXPECT_NE(d.explanation_zh.find("2026-03-08"), std::string::npos) << d.explanation_zh;
  EXPECT_NE(d.explanation_en.find("2026-03-08"), std::string::npos) << d.explanation_en;

  PolicyInput late = BaseInput();
  late.reason = R::kQualityFault;
  late.now = T("2026-03-10T00:00:00+08:00");
  d = DecideAfterSales(TestPolicy(), late);
  EXPECT_EQ(d.rule, "fault_return_window_passed");
  EXPECT_NE(d.explanation_zh.find("换货"), std::string::npos);
  EXPECT_NE(d.explanation_en.find("exchange"), std::string::npos);
  EXPECT_NE(d.explanation_en.find("repair"), std::string::npos);

  PolicyInput undelivered = BaseInput();
  undelivered.delivered_at.reset();
  EXPECT_FALSE(DecideAfterSales(TestPolicy(), undelivered).window_ends.has_value());
}

std::string ArticleZh(const std::string& article) {
  if (article == "CRPL Art. 25") return "《消费者权益保护法》第二十五条";
  if (article == "CRPL Art. 24") return "《消费者权益保护法》第二十四条";
  if (article == "E-Commerce Law Art. 20") return "《电子商务法》第二十条";
  if (article == "Civil Code Art. 582") return "《民法典》第五百八十二条";
  if (article == "CRPL Art. 24; Civil Code Art. 582") return "《民法典》第五百八十二条";
  if (article == "Merchant promise") return "商家承诺";
  if (article == "Merchant promise (cross-border)") return "跨境";
  if (article == "Interim Measures Art. 7") return "暂行办法》第七条";
  if (article == "Interim Measures Art. 9") return "暂行办法》第九条";
  return "?unknown article " + article;
}

TEST(AfterSalesPolicyTest, EveryRuleIsExplainedAndCitesItsArticle) {
  // The rules this table reaches; the law's scenarios reach the others
  // (after_sales_law_test.cc).
  const std::set<std::string> all = {
      "defect_remedy_exchange", "defect_remedy_repair", "delivered_per_tracking",
      "excluded_confirmed_at_purchase", "excluded_customised", "excluded_digital",
      "excluded_periodical", "excluded_perishable", "excluded_unsealed_media", "fault_exchange",
      "fault_return", "fault_return_window_passed", "no_reason_exchange", "no_reason_not_offered",
      "no_reason_return", "no_reason_window_passed", "not_delivered_refund", "not_delivered_yet",
      "not_intact", "not_shipped_refund", "perishable_fault_refund", "quantity_exceeds_line",
      "repair_needs_fault", "return_required", "transit_damage_exchange", "transit_damage_return",
      "warranty_expired", "warranty_repair", "wrong_item_exchange", "wrong_item_return"};
  std::set<std::string> seen;
  for (const Case& c : kCases) {
    PolicyDecision d = DecideAfterSales(TestPolicy(), InputOf(c));
    seen.insert(d.rule);
    SCOPED_TRACE(c.name);
    EXPECT_FALSE(d.explanation_zh.empty());
    EXPECT_FALSE(d.explanation_en.empty());
    if (d.rule == "quantity_exceeds_line") {
      EXPECT_EQ(d.article, "");
      continue;
    }
    EXPECT_NE(d.explanation_zh.find(ArticleZh(d.article)), std::string::npos) << d.explanation_zh;
    EXPECT_NE(d.explanation_en.find(d.article), std::string::npos) << d.explanation_en;
  }
  EXPECT_EQ(seen, all);
}

TEST(AfterSalesPolicyTest, ArticlesByReason) {
  auto article = [](void (*tweak)(PolicyInput&)) {
    PolicyInput in = BaseInput();
    tweak(in);
    return DecideAfterSales(TestPolicy(), in).article;
  };
  EXPECT_EQ(article(Nothing), "CRPL Art. 25");
  EXPECT_EQ(article([](PolicyInput& in) { in.reason = R::kQualityFault; }), "CRPL Art. 24");
  EXPECT_EQ(article([](PolicyInput& in) { in.reason = R::kNotAsDescribed; }), "CRPL Art. 24");
  EXPECT_EQ(article([](PolicyInput& in) { in.reason = R::kWrongItem; }),
            "CRPL Art. 24; Civil Code Art. 582");
  EXPECT_EQ(article([](PolicyInput& in) { in.reason = R::kDamagedInTransit; }),
            "E-Commerce Law Art. 20");
}

TEST(AfterSalesPolicyTest, GoodsNatureNamesRoundTrip) {
  for (auto n : {GoodsNature::kOrdinary, GoodsNature::kCustomised, GoodsNature::kPerishable,
                 GoodsNature::kDigitalDownload, GoodsNature::kAudioVisualSoftware,
                 GoodsNature::kPeriodical}) {
    EXPECT_EQ(ParseGoodsNature(ToString(n)), n);
  }
  EXPECT_EQ(ToString(GoodsNature::kAudioVisualSoftware), "audio_visual_software");
  EXPECT_FALSE(ParseGoodsNature("fresh").has_value());
}

// The message of ValidateAfterSalesPolicy after `tweak`, "" if valid.
std::string Refusal(void (*tweak)(AfterSalesPolicy&)) {
  AfterSalesPolicy p = TestPolicy();
  p.markets["cn"].extend_on_rest_day = true;  // a domestic market always extends
  tweak(p);
  Status s = ValidateAfterSalesPolicy(p);
  if (!s.ok()) {
    EXPECT_EQ(s.code(), StatusCode::kValidation);
  }
  return s.ok() ? "" : s.message();
}

TEST(AfterSalesPolicyTest, ValidateRefusesBelowTheStatutoryFloor) {
  EXPECT_TRUE(ValidateAfterSalesPolicy(AfterSalesPolicy{}).ok());
  EXPECT_EQ(Refusal([](AfterSalesPolicy&) {}), "");
  // More generous is fine; excluded goods may have no no-reason window.
  EXPECT_EQ(Refusal([](AfterSalesPolicy& p) { p.categories["fresh_food"].no_reason_days = 0; }), "");
  EXPECT_EQ(Refusal([](AfterSalesPolicy& p) { p.defaults.fault_exchange_days = 30; }), "");
  EXPECT_EQ(Refusal([](AfterSalesPolicy& p) { p.markets["jp"].no_reason_days = 0; }), "");

  auto names = [](void (*tweak)(AfterSalesPolicy&), const char* field) {
    std::string m = Refusal(tweak);
    EXPECT_NE(m.find(field), std::string::npos) << "'" << m << "' should name " << field;
  };
  names([](AfterSalesPolicy& p) { p.defaults.no_reason_days = 6; }, "defaults.no_reason_days");
  names([](AfterSalesPolicy& p) { p.categories["apparel30"].no_reason_days = 5; },
        "categories.apparel30.no_reason_days");
  names([](AfterSalesPolicy& p) { p.categories["software"].no_reason_days = 3; },
        "categories.software.no_reason_days");
  names([](AfterSalesPolicy& p) { p.defaults.fault_return_days = 6; }, "defaults.fault_return_days");
  names([](AfterSalesPolicy& p) { p.categories["fresh_food"].fault_exchange_days = 14; },
        "categories.fresh_food.fault_exchange_days");
  names([](AfterSalesPolicy& p) { p.refund_within_days = 8; }, "refund_within_days");
  names([](AfterSalesPolicy& p) { p.refund_within_days = 0; }, "refund_within_days");
  names([](AfterSalesPolicy& p) { p.defaults.warranty_days = -1; }, "defaults.warranty_days");
  names([](AfterSalesPolicy& p) { p.categories["fresh_food"].no_reason_days = -1; },
        "categories.fresh_food.no_reason_days");
  names([](AfterSalesPolicy& p) { p.markets["cn"].no_reason_days = 3; }, "markets.cn.no_reason_days");
  names([](AfterSalesPolicy& p) { p.markets["hk"].no_reason_days = -2; },
        "markets.hk.no_reason_days");
  names([](AfterSalesPolicy& p) { p.markets["cn"].no_reason_duties = Payer::kMerchant; },
        "markets.cn.no_reason_duties");
  names([](AfterSalesPolicy& p) { p.markets["de"].utc_offset_minutes = 900; },
        "markets.de.utc_offset_minutes");
}

}  // namespace
}  // namespace kefu
