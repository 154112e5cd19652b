// The after-sales law, scenario by scenario: each row is an order line, its
// shipment, the request and the decision the law gives, with the article
// in the row's name. The defaults (built-in categories, the domestic market)
// are what a new merchant gets. The rows follow the after-sales-law issue:
// repair history, unpaid orders, missing items, defects outside 三包,
// confirmations at purchase, hygiene seals, claimed receipt, lost and
// in-transit parcels, cross-border windows, citations, rest days, disclosed
// defects, punitive damages, digital goods, resends, and gifts, order
// discounts and free shipping.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/after_sales_policy.h"

namespace kefu {
namespace {

using K = AfterSalesKind;
using R = AfterSalesReason;
using G = NonReturnableGround;

Timestamp T(const char* iso) {
  auto t = ParseIso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{});
}

const std::set<Date>& Holidays() {
  static const std::set<Date> h = {{2026, 10, 1}, {2026, 10, 2}, {2026, 10, 3}, {2026, 10, 4},
                                   {2026, 10, 5}, {2026, 10, 6}, {2026, 10, 7}};
  return h;
}
const std::set<Date>& Workdays() {
  static const std::set<Date> w = {{2026, 10, 10}};  // a make-up Saturday
  return w;
}

AfterSalesPolicy DefaultPolicy() {
  AfterSalesPolicy p;
  p.markets["hk"] = MarketRules{true, 7, Payer::kBuyer, 480};
  MarketRules sg;  // cross-border, the shop promised nothing
  sg.cross_border = true;
  sg.utc_offset_minutes = 480;
  p.markets["sg"] = sg;
  return p;
}

// Delivered Monday 2026-03-02 10:00 in China (day 7 is Monday 03-09); asked
// on day 4; one unit of ¥100 of apparel, paid.
PolicyInput Base() {
  PolicyInput in;
  in.goods_category = "apparel";
  in.shipped_at = T("2026-03-01T10:00:00+08:00");
  in.delivered_at = T("2026-03-02T10:00:00+08:00");
  in.now = T("2026-03-06T12:00:00+08:00");
  in.unit_price_fen = 10000;
  in.rest_days = RestDays{&Holidays(), &Workdays()};
  return in;
}

enum Flag : unsigned {
  kNone = 0,
  kReturnRequired = 1,      // return_required must be true (else false)
  kNeedsConfirmation = 2,   // needs_confirmation true (else false)
  kLeadRequired = 4,        // lead_required and evidence_required (else false)
  kWindowExtended = 8,      // window_extended (else false)
  kNoAlternatives = 16,     // a refusal that offers nothing else
};

struct Row {
  const char* name;
  void (*input)(PolicyInput&);
  bool eligible;
  const char* rule;
  int64_t max_refund_fen = 0;
  unsigned flags = kNone;
  const char* article = nullptr;  // when set, the exact article
  std::vector<K> alternatives = {};  // checked for refusals when non-empty
  const char* window_ends = nullptr;
  int64_t punitive_fen = 0;
  void (*policy)(AfterSalesPolicy&) = nullptr;
};

void PrintTo(const Row& r, std::ostream* os) { *os << r.name; }

void Phone(PolicyInput& in) {
  in.goods_category = "phones";
  in.reason = R::kQualityFault;
  in.unit_price_fen = 399900;
}

const Row kRows[] = {
    // --- 1. Repair history and the replacement's new period (三包) ---
    {"Sanbao_SecondRepairAfterFinishedOne_ThreeGuaranteesRules",
     [](PolicyInput& in) {
       Phone(in);
       in.kind = K::kRepair;
       in.repairs_done = 1;
       in.now = T("2026-06-10T10:00:00+08:00");
     },
     true, "warranty_repair", 0, kReturnRequired, "Three-Guarantees Rules"},
    {"Sanbao_TwoFailedRepairsGiveExchange_ThreeGuaranteesRules",
     [](PolicyInput& in) {
       Phone(in);
       in.kind = K::kExchange;
       in.repairs_done = 2;
       in.now = T("2026-06-10T10:00:00+08:00");
     },
     true, "repeated_repair_exchange", 0, kReturnRequired, "Three-Guarantees Rules"},
    {"Sanbao_TwoFailedRepairsGiveReturn_ThreeGuaranteesRules",
     [](PolicyInput& in) {
       Phone(in);
       in.repairs_done = 2;
       in.now = T("2026-06-10T10:00:00+08:00");
     },
     true, "repeated_repair_return", 399900, kReturnRequired, "Three-Guarantees Rules"},
    {"Sanbao_OneRepairNoExchangeAfterDay15_OffersRepair",
     [](PolicyInput& in) {
       Phone(in);
       in.kind = K::kExchange;
       in.repairs_done = 1;
       in.now = T("2026-06-10T10:00:00+08:00");
     },
     false, "fault_exchange_window_passed", 0, kNone, nullptr, {K::kRepair}},
    {"Sanbao_ReplacementStartsNewExchangePeriod_ThreeGuaranteesRules",
     [](PolicyInput& in) {
       Phone(in);
       in.kind = K::kExchange;
       in.replaced_at = T("2026-09-01T10:00:00+08:00");
       in.now = T("2026-09-10T10:00:00+08:00");
     },
     true, "fault_exchange", 0, kReturnRequired, "CRPL Art. 24", {}, "2026-09-17T00:00:00+08:00"},
    {"Sanbao_ReplacementStartsNewWarranty_ThreeGuaranteesRules",
     [](PolicyInput& in) {
       Phone(in);
       in.kind = K::kRepair;
       in.replaced_at = T("2026-12-01T10:00:00+08:00");
       in.now = T("2027-04-01T10:00:00+08:00");
     },
     true, "warranty_repair", 0, kReturnRequired},
    {"Sanbao_WarrantyOverWithoutReplacement",
     [](PolicyInput& in) {
       Phone(in);
       in.kind = K::kRepair;
       in.now = T("2027-04-01T10:00:00+08:00");
     },
     false, "warranty_expired", 0, kNoAlternatives},
    {"Sanbao_RepeatedRepairsAfterWarrantyGiveNothing",
     [](PolicyInput& in) {
       Phone(in);
       in.kind = K::kExchange;
       in.repairs_done = 2;
       in.now = T("2027-04-01T10:00:00+08:00");
     },
     false, "fault_exchange_window_passed", 0, kNoAlternatives},
    // --- 3. Nothing unpaid is refunded ---
    {"Unpaid_RefundOnlyNotShipped_NothingToRefund",
     [](PolicyInput& in) {
       in.paid = false;
       in.shipped_at.reset();
       in.delivered_at.reset();
       in.kind = K::kRefundOnly;
       in.reason = R::kNotDelivered;
     },
     false, "not_paid", 0, kNoAlternatives, ""},
    {"Unpaid_NoReasonReturn_NothingToRefund",
     [](PolicyInput& in) { in.paid = false; }, false, "not_paid", 0, kNoAlternatives, ""},
    {"Unpaid_FaultExchangeStillPossible_CRPL24",
     [](PolicyInput& in) {
       in.paid = false;
       in.kind = K::kExchange;
       in.reason = R::kQualityFault;
     },
     true, "fault_exchange", 0, kReturnRequired},
    // --- 4. Missing items (漏发) ---
    {"MissingItem_RefundOnly_CivilCode582",
     [](PolicyInput& in) {
       in.kind = K::kRefundOnly;
       in.reason = R::kMissingItem;
       in.line_quantity = 3;
       in.quantity = 2;
     },
     true, "missing_item_refund", 20000, kNone, "Civil Code Art. 582"},
    {"MissingItem_Resend_CivilCode582",
     [](PolicyInput& in) {
       in.kind = K::kResend;
       in.reason = R::kMissingItem;
     },
     true, "missing_item_resend", 0, kNone, "Civil Code Art. 582"},
    {"MissingItem_ReturnHasNothingToSendBack",
     [](PolicyInput& in) { in.reason = R::kMissingItem; }, false, "nothing_to_return", 0, kNone,
     nullptr, {K::kRefundOnly, K::kResend}},
    {"WrongItem_RefundOnlyNeedsTheItemBack_CRPL24",
     [](PolicyInput& in) {
       in.kind = K::kRefundOnly;
       in.reason = R::kWrongItem;
     },
     false, "return_required", 0, kNone, nullptr, {K::kReturnRefund, K::kExchange}},
    // --- 5. Defects of goods outside 三包 (CRPL 24; Civil Code 582, 621) ---
    {"Apparel_DefectDay21_ReturnPassed_OffersExchangeAndRepair",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.now = T("2026-03-23T10:00:00+08:00");
     },
     false, "fault_return_window_passed", 0, kNone, nullptr, {K::kExchange, K::kRepair}},
    {"Apparel_DefectDay21_Exchange_CivilCode582",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.kind = K::kExchange;
       in.now = T("2026-03-23T10:00:00+08:00");
     },
     // 180 days end on Saturday 08-29: the window runs to Monday.
     true, "defect_remedy_exchange", 0, kReturnRequired | kWindowExtended, "Civil Code Art. 582"},
    {"Apparel_DefectDay21_Repair_CivilCode582",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.kind = K::kRepair;
       in.now = T("2026-03-23T10:00:00+08:00");
     },
     true, "defect_remedy_repair", 0, kReturnRequired | kWindowExtended, "Civil Code Art. 582"},
    {"Apparel_DefectDay200_ReasonablePeriodOver",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.kind = K::kExchange;
       in.now = T("2026-09-18T10:00:00+08:00");
     },
     false, "fault_exchange_window_passed", 0, kNoAlternatives},
    // --- 6. Confirmation at purchase needs a ground that fits (Interim Measures Art. 7) ---
    {"Apparel_NonReturnableWithoutGround_StillReturnable_InterimArt7",
     [](PolicyInput& in) { in.non_returnable_confirmed = true; }, true, "no_reason_return",
     10000, kReturnRequired, "CRPL Art. 25"},
    {"Apparel_HealthGroundDoesNotFitApparel_InterimArt7",
     [](PolicyInput& in) {
       in.non_returnable_confirmed = true;
       in.non_returnable_ground = G::kHealthOrQualityOnceUnsealed;
       in.unsealed = true;
     },
     true, "no_reason_return", 10000, kReturnRequired},
    {"Apparel_DeclaredClearance_Excluded_InterimArt7",
     [](PolicyInput& in) {
       in.non_returnable_confirmed = true;
       in.non_returnable_ground = G::kDeclaredDiscountOrFlaw;
     },
     false, "excluded_confirmed_at_purchase", 0, kNone, "Interim Measures Art. 7"},
    {"Beauty_HealthGroundStillSealed_Returnable_InterimArt7",
     [](PolicyInput& in) {
       in.goods_category = "beauty";
       in.non_returnable_confirmed = true;
       in.non_returnable_ground = G::kHealthOrQualityOnceUnsealed;
     },
     true, "no_reason_return", 10000, kReturnRequired},
    {"Beauty_HealthGroundUnsealed_Excluded_InterimArt7",
     [](PolicyInput& in) {
       in.goods_category = "beauty";
       in.non_returnable_confirmed = true;
       in.non_returnable_ground = G::kHealthOrQualityOnceUnsealed;
       in.unsealed = true;
     },
     false, "excluded_confirmed_at_purchase", 0, kNone, "Interim Measures Art. 7"},
    {"Phone_ActivationGroundActivated_Excluded_InterimArt7",
     [](PolicyInput& in) {
       in.goods_category = "phones";
       in.non_returnable_confirmed = true;
       in.non_returnable_ground = G::kValueLostOnceActivated;
       in.activated = true;
     },
     false, "excluded_confirmed_at_purchase"},
    {"Phone_ActivationGroundNotActivated_Returnable_InterimArt7",
     [](PolicyInput& in) {
       in.goods_category = "phones";
       in.non_returnable_confirmed = true;
       in.non_returnable_ground = G::kValueLostOnceActivated;
     },
     true, "no_reason_return", 10000, kReturnRequired},
    // --- 7. Hygiene seals are part of 完好 (Interim Measures Art. 9) ---
    {"Beauty_SealBroken_NotIntact_InterimArt9",
     [](PolicyInput& in) {
       in.goods_category = "beauty";
       in.unsealed = true;
     },
     false, "unsealed_hygiene", 0, kNone, "Interim Measures Art. 9"},
    {"Food_SealBroken_NotIntact_InterimArt9",
     [](PolicyInput& in) {
       in.goods_category = "food";
       in.unsealed = true;
     },
     false, "unsealed_hygiene"},
    {"PersonalCare_SealBroken_NotIntact_InterimArt9",
     [](PolicyInput& in) {
       in.goods_category = "personal_care";
       in.unsealed = true;
     },
     false, "unsealed_hygiene"},
    {"Apparel_Unpacked_StillIntact_CRPL25",
     [](PolicyInput& in) { in.unsealed = true; }, true, "no_reason_return", 10000, kReturnRequired},
    {"AudioVisual_Unsealed_Excluded_CRPL25",
     [](PolicyInput& in) {
       in.goods_category = "audio_visual";
       in.unsealed = true;
     },
     false, "excluded_unsealed_media", 0, kNone, "CRPL Art. 25"},
    {"Beauty_SealBrokenButFaulty_FaultReturn_CRPL24",
     [](PolicyInput& in) {
       in.goods_category = "beauty";
       in.unsealed = true;
       in.reason = R::kQualityFault;
     },
     true, "fault_return", 10000, kReturnRequired, "CRPL Art. 24"},
    // --- 8. No 签收 record, the buyer holds the goods (E-Commerce Law 62) ---
    {"NoSignature_BuyerClaimsReceipt_NoReasonReturn_EcomLaw62",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.claimed_received_at = T("2026-03-04T10:00:00+08:00");
       in.now = T("2026-03-10T10:00:00+08:00");
     },
     true, "no_reason_return", 10000, kReturnRequired | kNeedsConfirmation, nullptr, {},
     "2026-03-12T00:00:00+08:00"},
    {"NoSignature_ClaimedReceiptDay9_WindowPassed_EcomLaw62",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.claimed_received_at = T("2026-03-02T10:00:00+08:00");
       in.now = T("2026-03-11T10:00:00+08:00");
     },
     false, "no_reason_window_passed", 0, kNeedsConfirmation},
    // --- 9. Lost parcel: refund or resend (E-Commerce Law 20) ---
    {"LostParcel_RefundOnly_EcomLaw20",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.parcel_lost = true;
       in.kind = K::kRefundOnly;
       in.reason = R::kNotDelivered;
     },
     true, "not_delivered_refund", 10000, kNone, "E-Commerce Law Art. 20"},
    {"LostParcel_ExchangeIsAResend_EcomLaw20",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.parcel_lost = true;
       in.kind = K::kExchange;
       in.reason = R::kNotDelivered;
     },
     true, "lost_parcel_resend"},
    {"LostParcel_Resend_EcomLaw20",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.parcel_lost = true;
       in.kind = K::kResend;
       in.reason = R::kNotDelivered;
     },
     true, "lost_parcel_resend"},
    // --- 10. Refund-only while in transit: intercept first ---
    {"InTransit_RefundOnly_InterceptFirst_EcomLaw20",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.kind = K::kRefundOnly;
     },
     true, "intercept_then_refund", 10000, kReturnRequired},
    {"InTransit_RefundOnly_MerchantRefundsAtOnce",
     [](PolicyInput& in) {
       in.delivered_at.reset();
       in.kind = K::kRefundOnly;
       in.reason = R::kNotDelivered;
     },
     true, "not_delivered_refund", 10000, kNone, nullptr, {}, nullptr, 0,
     [](AfterSalesPolicy& p) { p.intercept_in_transit = false; }},
    {"InTransit_ReturnRefund_NotYet",
     [](PolicyInput& in) { in.delivered_at.reset(); }, false, "not_delivered_yet", 0, kNone,
     nullptr, {K::kRefundOnly}},
    // --- 11. Cross-border: no window unless the shop promises one ---
    {"CrossBorderUnset_NoNoReasonReturn_MerchantPromise",
     [](PolicyInput& in) { in.market = "sg"; }, false, "no_reason_not_offered", 0, kNoAlternatives,
     "Merchant promise (cross-border)"},
    {"CrossBorderPromised7Days_MerchantPromise",
     [](PolicyInput& in) { in.market = "hk"; }, true, "no_reason_return", 10000, kReturnRequired,
     "Merchant promise (cross-border)"},
    {"CrossBorderFault_CRPL24",
     [](PolicyInput& in) {
       in.market = "sg";
       in.reason = R::kQualityFault;
     },
     true, "fault_return", 10000, kReturnRequired, "CRPL Art. 24"},
    // --- 13. Cite the rule that grants the remedy ---
    {"NoReasonExchange_IsTheShopsPromise",
     [](PolicyInput& in) { in.kind = K::kExchange; }, true, "no_reason_exchange", 0,
     kReturnRequired, "Merchant promise"},
    {"NoReasonExchangeNotPromised_OffersReturn",
     [](PolicyInput& in) { in.kind = K::kExchange; }, false, "no_reason_exchange_not_offered", 0,
     kNone, "Merchant promise", {K::kReturnRefund}, nullptr, 0,
     [](AfterSalesPolicy& p) {
       CategoryRules r = BuiltinCategories().at("apparel");
       r.no_reason_exchange = false;
       p.categories["apparel"] = r;
     }},
    {"NoReasonReturn_CRPL25",
     [](PolicyInput&) {}, true, "no_reason_return", 10000, kReturnRequired, "CRPL Art. 25", {},
     "2026-03-10T00:00:00+08:00"},
    {"WrongItemReturn_CRPL24AndCivilCode582",
     [](PolicyInput& in) { in.reason = R::kWrongItem; }, true, "wrong_item_return", 10000,
     kReturnRequired | kWindowExtended, "CRPL Art. 24; Civil Code Art. 582"},
    {"WrongItemExchange_CRPL24AndCivilCode582",
     [](PolicyInput& in) {
       in.reason = R::kWrongItem;
       in.kind = K::kExchange;
     },
     true, "wrong_item_exchange", 0, kReturnRequired | kWindowExtended,
     "CRPL Art. 24; Civil Code Art. 582"},
    {"TransitDamage_EcomLaw20",
     [](PolicyInput& in) { in.reason = R::kDamagedInTransit; }, true, "transit_damage_return",
     10000, kReturnRequired, "E-Commerce Law Art. 20"},
    // --- 14. A last day on a rest day runs to the next working day (Civil Code 203) ---
    {"LastDayNationalDay_ExtendedToOct8_CivilCode203",
     [](PolicyInput& in) {
       in.delivered_at = T("2026-09-24T10:00:00+08:00");
       in.now = T("2026-10-08T20:00:00+08:00");
     },
     true, "no_reason_return", 10000, kReturnRequired | kWindowExtended, nullptr, {},
     "2026-10-09T00:00:00+08:00"},
    {"LastDaySaturday_ExtendedToMonday_CivilCode203",
     [](PolicyInput& in) {
       in.delivered_at = T("2026-03-07T10:00:00+08:00");
       in.now = T("2026-03-16T10:00:00+08:00");
     },
     true, "no_reason_return", 10000, kReturnRequired | kWindowExtended, nullptr, {},
     "2026-03-17T00:00:00+08:00"},
    {"LastDayMakeUpWorkday_NotExtended_CivilCode203",
     [](PolicyInput& in) {
       in.delivered_at = T("2026-10-03T10:00:00+08:00");
       in.now = T("2026-10-11T10:00:00+08:00");
     },
     false, "no_reason_window_passed", 0, kNone, nullptr, {}, "2026-10-11T00:00:00+08:00"},
    {"CrossBorderWithoutExtension_ShopsTerms",
     [](PolicyInput& in) {
       in.market = "hk";
       in.delivered_at = T("2026-03-07T10:00:00+08:00");
       in.now = T("2026-03-15T10:00:00+08:00");
     },
     false, "no_reason_window_passed", 0, kNone, nullptr, {}, "2026-03-15T00:00:00+08:00", 0,
     [](AfterSalesPolicy& p) { p.markets["hk"].extend_on_rest_day = false; }},
    // --- 17. Disclosed defects (CRPL 23) ---
    {"DisclosedDefectClaimed_Refused_CRPL23",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.disclosed_defect = "袖口轻微抽丝";
       in.claim_is_disclosed_defect = true;
     },
     false, "disclosed_defect", 0, kNone, "CRPL Art. 23"},
    {"DisclosedDefect_OtherDefectStillAFault_CRPL24",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.disclosed_defect = "袖口轻微抽丝";
     },
     true, "fault_return", 10000, kReturnRequired, "CRPL Art. 24"},
    // --- 18. Punitive damages go to a lead with evidence ---
    {"Fraud_ThreeTimesPrice_CRPL55",
     [](PolicyInput& in) {
       in.reason = R::kFraud;
       in.unit_price_fen = 39900;
     },
     true, "fraud_punitive", 39900 + 119700, kReturnRequired | kLeadRequired, "CRPL Art. 55", {},
     nullptr, 119700},
    {"Fraud_AtLeast500Yuan_CRPL55",
     [](PolicyInput& in) {
       in.reason = R::kFraud;
       in.kind = K::kRefundOnly;
       in.unit_price_fen = 5000;
     },
     true, "fraud_punitive", 5000 + 50000, kLeadRequired, "CRPL Art. 55", {}, nullptr, 50000},
    {"FoodSafety_TenTimesPrice_FoodSafetyLaw148",
     [](PolicyInput& in) {
       in.goods_category = "food";
       in.reason = R::kFoodSafety;
       in.kind = K::kRefundOnly;
       in.unit_price_fen = 20000;
     },
     true, "food_safety_punitive", 20000 + 200000, kLeadRequired, "Food Safety Law Art. 148", {},
     nullptr, 200000},
    {"FoodSafety_AtLeast1000Yuan_FoodSafetyLaw148",
     [](PolicyInput& in) {
       in.goods_category = "food";
       in.reason = R::kFoodSafety;
       in.kind = K::kRefundOnly;
       in.unit_price_fen = 3000;
     },
     true, "food_safety_punitive", 3000 + 100000, kLeadRequired, nullptr, {}, nullptr, 100000},
    {"FoodSafety_ThreeTimesLoss_FoodSafetyLaw148",
     [](PolicyInput& in) {
       in.goods_category = "food";
       in.reason = R::kFoodSafety;
       in.kind = K::kRefundOnly;
       in.unit_price_fen = 20000;
       in.claimed_loss_fen = 100000;
     },
     true, "food_safety_punitive", 20000 + 300000, kLeadRequired, nullptr, {}, nullptr, 300000},
    {"Fraud_ExchangeIsNotAPunitiveRemedy_CRPL55",
     [](PolicyInput& in) {
       in.reason = R::kFraud;
       in.kind = K::kExchange;
     },
     false, "punitive_kind", 0, kNone, "CRPL Art. 55", {K::kReturnRefund, K::kRefundOnly}},
    // --- 19. Digital goods: revoke and refund, nothing to ship ---
    {"Digital_FaultyDownload_RevokeAndRefund_CRPL24",
     [](PolicyInput& in) {
       in.goods_category = "digital";
       in.kind = K::kRefundOnly;
       in.reason = R::kQualityFault;
     },
     true, "digital_revoke_refund", 10000, kWindowExtended, "CRPL Art. 24"},
    {"Digital_FaultyDownloadReturnKind_RevokeAndRefund_CRPL24",
     [](PolicyInput& in) {
       in.goods_category = "digital";
       in.reason = R::kQualityFault;
     },
     true, "digital_revoke_refund", 10000, kWindowExtended},
    {"Digital_NoReason_Excluded_CRPL25",
     [](PolicyInput& in) { in.goods_category = "digital"; }, false, "excluded_digital", 0, kNone,
     "CRPL Art. 25"},
    // --- 16. Resend is for shortfalls only ---
    {"Resend_ForAFaultIsNotAShortfall",
     [](PolicyInput& in) {
       in.kind = K::kResend;
       in.reason = R::kQualityFault;
     },
     false, "resend_needs_shortfall", 0, kNone, nullptr, {K::kReturnRefund, K::kExchange, K::kRepair}},
    // --- Built-in natures hold without configuration ---
    {"FreshFood_NoReason_Excluded_CRPL25",
     [](PolicyInput& in) { in.goods_category = "fresh_food"; }, false, "excluded_perishable"},
    {"FreshFood_Spoilt_RefundWithoutReturn_CRPL24",
     [](PolicyInput& in) {
       in.goods_category = "fresh_food";
       in.kind = K::kRefundOnly;
       in.reason = R::kQualityFault;
     },
     true, "perishable_fault_refund", 10000},
    {"CustomMade_NoReason_Excluded_CRPL25",
     [](PolicyInput& in) { in.goods_category = "custom_made"; }, false, "excluded_customised"},
    // --- 15. Gifts, order discounts and free shipping ---
    {"Discount_LineShareIsNotRefunded_CRPL25",
     [](PolicyInput& in) { in.line_discount_fen = 1500; }, true, "no_reason_return", 8500,
     kReturnRequired, "CRPL Art. 25"},
    {"Discount_PartOfTheUnitsRefundedInProportion_CRPL25",
     [](PolicyInput& in) {
       in.line_quantity = 3;
       in.line_discount_fen = 1000;  // 29000 paid for 3 units: 1 unit is 9666.67, rounded down
     },
     true, "no_reason_return", 9666, kReturnRequired},
    {"Discount_LastUnitsTakeTheRest_CRPL25",
     [](PolicyInput& in) {
       in.line_quantity = 3;
       in.quantity = 2;
       in.held_quantity = 1;
       in.line_discount_fen = 1000;
     },
     true, "no_reason_return", 29000 - 9666, kReturnRequired},
    {"Gift_ComesBackWithTheGoods_NoDeduction_InterimArt13",
     [](PolicyInput& in) { in.gifts = {PolicyGift{2, 1, 990}}; }, true, "no_reason_return", 10000,
     kReturnRequired},
    {"Gift_KeptByTheBuyer_DisclosedPriceDeducted_InterimArt13",
     [](PolicyInput& in) {
       in.gifts = {PolicyGift{2, 1, 990}};
       in.keep_gifts = true;
     },
     true, "no_reason_return", 10000 - 990, kReturnRequired},
    {"Gift_NotDueForThisUnit_NothingDeducted_InterimArt13",
     [](PolicyInput& in) {
       in.gifts = {PolicyGift{2, 0, 990}};  // one gift for two units: it follows the last one
       in.keep_gifts = true;
     },
     true, "no_reason_return", 10000, kReturnRequired},
    {"Gift_KeptOnAFaultReturn_Deducted_CRPL24_InterimArt13",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.gifts = {PolicyGift{2, 1, 990}};
       in.keep_gifts = true;
     },
     true, "fault_return", 10000 - 990, kReturnRequired, "CRPL Art. 24"},
    {"Gift_ExchangeKeepsTheGift_NoRefundNoDeduction",
     [](PolicyInput& in) {
       in.kind = K::kExchange;
       in.gifts = {PolicyGift{2, 1, 990}};
       in.keep_gifts = true;
     },
     true, "no_reason_exchange", 0, kReturnRequired, "Merchant promise"},
    {"Gift_WorthMoreThanTheRefund_RefundIsZeroNotNegative_InterimArt13",
     [](PolicyInput& in) {
       in.unit_price_fen = 500;
       in.gifts = {PolicyGift{2, 1, 990}};
       in.keep_gifts = true;
     },
     true, "no_reason_return", 0, kReturnRequired},
    {"FreeShipping_PartialReturnBreaksThreshold_ShippingDeducted_InterimArt18",
     [](PolicyInput& in) { in.free_shipping = FreeShippingInput{29900, 1000, 18687, false}; },
     true, "no_reason_return", 9000, kReturnRequired},
    {"FreeShipping_GiftKeptAndThresholdBroken_BothDeducted_InterimArts13And18",
     [](PolicyInput& in) {
       in.gifts = {PolicyGift{3, 1, 990}};
       in.keep_gifts = true;
       in.free_shipping = FreeShippingInput{29900, 1000, 18687, false};
     },
     true, "no_reason_return", 10000 - 990 - 1000, kReturnRequired},
    {"FreeShipping_KeptGoodsStillReachThreshold_NoDeduction_InterimArt18",
     [](PolicyInput& in) { in.free_shipping = FreeShippingInput{29900, 1000, 29900, false}; },
     true, "no_reason_return", 10000, kReturnRequired},
    {"FreeShipping_WholeOrderReturned_NoDeduction_InterimArt18",
     [](PolicyInput& in) { in.free_shipping = FreeShippingInput{29900, 1000, 0, false}; }, true,
     "no_reason_return", 10000, kReturnRequired},
    {"FreeShipping_DeductedOnceAnOrder_InterimArt18",
     [](PolicyInput& in) { in.free_shipping = FreeShippingInput{29900, 1000, 5000, true}; }, true,
     "no_reason_return", 10000, kReturnRequired},
    {"FreeShipping_QualityFault_SellerBearsShipping_CRPL24",
     [](PolicyInput& in) {
       in.reason = R::kQualityFault;
       in.free_shipping = FreeShippingInput{29900, 1000, 18687, false};
     },
     true, "fault_return", 10000, kReturnRequired, "CRPL Art. 24"},
    {"FreeShipping_MerchantDoesNotDeduct_Configured",
     [](PolicyInput& in) { in.free_shipping = FreeShippingInput{29900, 1000, 18687, false}; }, true,
     "no_reason_return", 10000, kReturnRequired, nullptr, {}, nullptr, 0,
     [](AfterSalesPolicy& p) { p.deduct_broken_free_shipping = false; }},
    {"FreeShipping_RefundOnlyBeforeShipping_NoDeduction_EcomLaw20",
     [](PolicyInput& in) {
       in.shipped_at.reset();
       in.delivered_at.reset();
       in.kind = K::kRefundOnly;
       in.free_shipping = FreeShippingInput{29900, 1000, 18687, false};
     },
     true, "not_shipped_refund", 10000, kNone, "E-Commerce Law Art. 20"},
};

class AfterSalesLawTest : public ::testing::TestWithParam<Row> {};

TEST_P(AfterSalesLawTest, DecidesAsTheLawSays) {
  const Row& row = GetParam();
  AfterSalesPolicy policy = DefaultPolicy();
  if (row.policy) row.policy(policy);
  PolicyInput in = Base();
  row.input(in);
  PolicyDecision d = DecideAfterSales(policy, in);
  SCOPED_TRACE(d.explanation_en);
  EXPECT_EQ(d.rule, row.rule);
  EXPECT_EQ(d.eligible, row.eligible);
  EXPECT_EQ(d.max_refund_fen, row.max_refund_fen);
  EXPECT_EQ(d.punitive_fen, row.punitive_fen);
  EXPECT_EQ(d.return_required, (row.flags & kReturnRequired) != 0);
  EXPECT_EQ(d.needs_confirmation, (row.flags & kNeedsConfirmation) != 0);
  EXPECT_EQ(d.lead_required, (row.flags & kLeadRequired) != 0);
  EXPECT_EQ(d.evidence_required, (row.flags & kLeadRequired) != 0);
  EXPECT_EQ(d.window_extended, (row.flags & kWindowExtended) != 0);
  if (row.article) EXPECT_EQ(d.article, row.article);
  if (row.window_ends) {
    ASSERT_TRUE(d.window_ends.has_value());
    EXPECT_EQ(d.window_ends->unix_ms, T(row.window_ends).unix_ms);
  }
  if (!row.eligible && !row.alternatives.empty()) EXPECT_EQ(d.alternatives, row.alternatives);
  if (row.flags & kNoAlternatives) EXPECT_TRUE(d.alternatives.empty());
  if (row.eligible) EXPECT_TRUE(d.alternatives.empty());
  EXPECT_FALSE(d.explanation_zh.empty());
  EXPECT_FALSE(d.explanation_en.empty());
}

INSTANTIATE_TEST_SUITE_P(Scenarios, AfterSalesLawTest, ::testing::ValuesIn(kRows),
                         [](const auto& info) { return std::string(info.param.name); });

// A refusal never points to a remedy that is itself refused: every kind
// named in alternatives is granted when asked for.
TEST(AfterSalesLaw, AlternativesAreGrantedWhenAskedFor) {
  for (const Row& row : kRows) {
    AfterSalesPolicy policy = DefaultPolicy();
    if (row.policy) row.policy(policy);
    PolicyInput in = Base();
    row.input(in);
    PolicyDecision d = DecideAfterSales(policy, in);
    for (K k : d.alternatives) {
      PolicyInput alt = in;
      alt.kind = k;
      EXPECT_TRUE(DecideAfterSales(policy, alt).eligible) << row.name << " -> " << ToString(k);
    }
    if (d.alternatives.empty() && !d.eligible) {
      EXPECT_EQ(d.explanation_zh.find("可改为申请"), std::string::npos) << row.name;
    }
  }
}

TEST(AfterSalesLaw, ExtensionIsSaidInTheExplanation) {
  PolicyInput in = Base();
  in.delivered_at = T("2026-09-24T10:00:00+08:00");
  in.now = T("2026-09-30T10:00:00+08:00");
  PolicyDecision d = DecideAfterSales(DefaultPolicy(), in);
  EXPECT_TRUE(d.window_extended);
  EXPECT_NE(d.explanation_zh.find("第二百零三条"), std::string::npos) << d.explanation_zh;
  EXPECT_NE(d.explanation_en.find("Civil Code Art. 203"), std::string::npos);
  EXPECT_NE(d.explanation_zh.find("2026-10-08"), std::string::npos);
}

TEST(AfterSalesLaw, ClaimedReceiptIsSaidAndCitesEcomLaw62) {
  PolicyInput in = Base();
  in.delivered_at.reset();
  in.claimed_received_at = T("2026-03-04T10:00:00+08:00");
  PolicyDecision d = DecideAfterSales(DefaultPolicy(), in);
  EXPECT_NE(d.explanation_en.find("E-Commerce Law Art. 62"), std::string::npos);
  EXPECT_NE(d.explanation_zh.find("第六十二条"), std::string::npos);
}

// The deductions name their basis and article, and the gifts to send back
// are listed; the explanation says both.
TEST(AfterSalesLaw, DeductionsAndGiftsAreListedWithTheirArticles) {
  PolicyInput in = Base();
  in.gifts = {PolicyGift{3, 1, 990}};
  in.free_shipping = FreeShippingInput{29900, 1000, 18687, false};
  PolicyDecision returned = DecideAfterSales(DefaultPolicy(), in);
  ASSERT_EQ(returned.gifts_to_return.size(), 1u);
  EXPECT_EQ(returned.gifts_to_return[0].line, 3);
  EXPECT_EQ(returned.gifts_to_return[0].quantity, 1);
  EXPECT_EQ(returned.gifts_to_return[0].value_fen, 990);
  ASSERT_EQ(returned.deductions.size(), 1u);
  EXPECT_EQ(returned.deductions[0].code, "free_shipping_threshold");
  EXPECT_EQ(returned.deductions[0].amount_fen, 1000);
  EXPECT_EQ(returned.deductions[0].article, "Interim Measures Art. 18");
  EXPECT_NE(returned.explanation_zh.find("第十三条"), std::string::npos) << returned.explanation_zh;
  EXPECT_NE(returned.explanation_zh.find("第十八条"), std::string::npos);
  EXPECT_NE(returned.explanation_en.find("¥90.00"), std::string::npos) << returned.explanation_en;

  in.keep_gifts = true;
  PolicyDecision kept = DecideAfterSales(DefaultPolicy(), in);
  EXPECT_TRUE(kept.gifts_to_return.empty());
  ASSERT_EQ(kept.deductions.size(), 2u);
  EXPECT_EQ(kept.deductions[0].code, "gift_not_returned");
  EXPECT_EQ(kept.deductions[0].amount_fen, 990);
  EXPECT_EQ(kept.deductions[0].article, "Interim Measures Art. 13");
  EXPECT_EQ(kept.max_refund_fen, 10000 - 990 - 1000);
}

TEST(AfterSalesLaw, ConfirmationWithoutFittingGroundIsExplained) {
  PolicyInput in = Base();
  in.non_returnable_confirmed = true;
  PolicyDecision d = DecideAfterSales(DefaultPolicy(), in);
  EXPECT_TRUE(d.eligible);
  EXPECT_NE(d.explanation_en.find("Interim Measures Art. 7"), std::string::npos) << d.explanation_en;
}

}  // namespace
}  // namespace kefu
