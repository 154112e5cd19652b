// The after-sales policy engine: given an order line, its goods category,
// the dates and the reason, decides whether a request is eligible, who pays
// return shipping (and, cross-border, duties), and explains the decision
// citing the rule that grants or refuses the remedy. Pure: no I/O, time is
// passed in. docs/after-sales.md states every rule with its article.
//
// Defaults follow mainland consumer law (../shared AFTER_SALES_RULES):
//  - 七日无理由退货 (CRPL Art. 25; Interim Measures 2017): 7 days from the
//    day after signing for the goods, in China Standard Time; a last day
//    that is a rest day runs to the end of the next working day (Civil Code
//    Art. 203). Excluded by law: customised, perishable, downloaded digital
//    goods, unsealed audio-visual/software, delivered periodicals; excluded
//    by the buyer's confirmation at purchase only on a ground of Interim
//    Measures Art. 7 that fits the goods' category. Goods must be intact
//    (完好; Art. 9: a broken hygiene seal is not). An exchange without a
//    reason is the shop's own promise, not the law's.
//  - Quality faults (CRPL Art. 24, 三包 rules): return within
//    fault_return_days, exchange within fault_exchange_days, repair within
//    warranty_days; for goods without a 三包 entry, exchange or repair for a
//    reasonable period (defect_remedy_days; Civil Code Arts. 582, 621). Two
//    repairs that failed give exchange or return within the warranty; a
//    replacement starts a new period. A defect disclosed at sale is not a
//    fault (CRPL Art. 23).
//  - Transport (E-Commerce Law Art. 20): damage and loss are the seller's;
//    a lost parcel is refunded or resent. A wrong item goes back (CRPL 24,
//    Civil Code 582); missing units are refunded or resent, nothing back.
//  - Punitive damages: fraud (CRPL Art. 55: three times the price, at least
//    ¥500) and food safety (Food Safety Law Art. 148: ten times the price or
//    three times the loss, at least ¥1,000) go to a lead with evidence.
//  - Nothing unpaid is refunded; a refund never exceeds what was paid (plus
//    punitive damages).
// A merchant may configure more generous rules, never less generous ones:
// ValidateAfterSalesPolicy refuses every field that would narrow a right.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "core/after_sales.h"
#include "core/calendar.h"

namespace kefu {

// The nature of goods, as far as the statutory exclusions care.
enum class GoodsNature {
  kOrdinary,
  kCustomised,           // 定作
  kPerishable,           // 鲜活易腐
  kDigitalDownload,      // 在线下载的数字化商品
  kAudioVisualSoftware,  // 音像制品、计算机软件: excluded only once unsealed
  kPeriodical,           // 交付的报纸、期刊
};
std::string_view ToString(GoodsNature n);
std::optional<GoodsNature> ParseGoodsNature(std::string_view s);

// Interim Measures Art. 7: the grounds on which goods may be excluded from
// no-reason returns by the buyer's confirmation at purchase.
enum class NonReturnableGround {
  kNone,
  kHealthOrQualityOnceUnsealed,  // 拆封后易影响人身安全、生命健康或品质: excluded once unsealed
  kValueLostOnceActivated,       // 一经激活或试用后价值贬损较大: excluded once activated
  kDeclaredDiscountOrFlaw,       // 销售时已明示的临时性降价促销或有瑕疵的商品
};
std::string_view ToString(NonReturnableGround g);
std::optional<NonReturnableGround> ParseNonReturnableGround(std::string_view s);

// Rules for one goods category (e.g. "phones", "fresh_food").
struct CategoryRules {
  GoodsNature nature = GoodsNature::kOrdinary;
  int no_reason_days = 7;                         // no-reason return window
  bool no_reason_exchange = true;                 // the shop also exchanges without a reason
  bool merchant_pays_no_reason_shipping = false;  // 运费险 or a generous merchant
  int fault_return_days = 7;
  int fault_exchange_days = 15;
  int warranty_days = 0;          // promised repair window; 0: none (三包 categories: 365)
  int defect_remedy_days = 180;   // goods outside 三包: exchange or repair of a defect
  // Set by the built-in catalogue, not by configuration:
  bool sanbao = false;            // a 三包 catalogue category (statutory warranty)
  bool seal_is_intact = false;    // an opened one-time seal spoils 完好 (Interim Measures Art. 9)
  std::set<NonReturnableGround> grounds;  // Art. 7 grounds that fit the category
};

// The built-in categories (the legal table): name -> rules. A merchant may
// make a built-in category more generous and add categories of their own;
// a built-in category takes the merchant's "defaults" for what the law does
// not fix (WithBuiltin);
// "phones" carries the statutory 365-day whole-unit warranty, "beauty" a
// hygiene seal, "fresh_food" is perishable, and so on (docs/after-sales.md).
const std::map<std::string, CategoryRules>& BuiltinCategories();
// `base` (the merchant's rules) with what the law fixes for built-in
// category `b`: its nature, its catalogue flags and, for 三包 categories, at
// least the statutory warranty.
CategoryRules WithBuiltin(CategoryRules base, const CategoryRules& b);
// The minimum of defect_remedy_days (a reasonable period, Civil Code 621).
constexpr int kMinDefectRemedyDays = 90;

// Rules for one market. "cn" (mainland, domestic) is the default market.
struct MarketRules {
  bool cross_border = false;
  // Cross-border: the shop's own no-reason window; unset = none. Domestic:
  // overrides the category's window (at least 7).
  std::optional<int> no_reason_days;
  Payer no_reason_duties = Payer::kBuyer;  // cross-border: duties on a no-reason return
  int utc_offset_minutes = 480;        // fixed at +08:00 for a domestic market
  bool extend_on_rest_day = true;      // fixed true for a domestic market (Civil Code 203)
};

struct AfterSalesPolicy {
  CategoryRules defaults;                        // categories neither built in nor listed
  std::map<std::string, CategoryRules> categories;  // merchant rules over the built-in ones
  std::map<std::string, MarketRules> markets;    // "cn" if absent: domestic, +08:00
  int refund_within_days = 7;                    // CRPL Art. 25: refund within 7 days of receipt
  // A refund-only asked while the parcel is in transit: intercept the parcel
  // first and refund once it is back (true), or refund at once (false).
  bool intercept_in_transit = true;
  // A no-reason return that leaves the rest of the order below its
  // free-shipping threshold: the waived shipping is deducted from the refund
  // (Interim Measures Art. 18 allows it), once per order.
  bool deduct_broken_free_shipping = true;

  // The rules for `category`: the merchant's if listed, else the built-in
  // ones, else `defaults`; catalogue flags always from the built-in table.
  CategoryRules RulesFor(const std::string& category) const;
};

// Refuses (kValidation, naming the field as the config document does, e.g.
// "categories.phones.warranty_days") whatever narrows a statutory right:
//  - refund_within_days outside [1, 7];
//  - negative numbers anywhere; windows below the floor: no_reason_days < 7
//    for goods the law does not exclude, fault_return_days < 7,
//    fault_exchange_days < 15, defect_remedy_days < 90;
//  - defaults.nature other than ordinary; a built-in category relabelled
//    with a nature that excludes it (ordinary stays ordinary);
//  - warranty_days below the statutory warranty of a 三包 category;
//  - market "cn" with cross_border; a domestic market whose
//    utc_offset_minutes is not 480, whose no_reason_days is below 7, that
//    does not extend_on_rest_day or that configures duties; any offset
//    outside [-840, 840].
Status ValidateAfterSalesPolicy(const AfterSalesPolicy& p);

// Rest days for extending a window's last day: Saturdays and Sundays that
// are not make-up working days, and holidays. Null sets: weekends only.
struct RestDays {
  const std::set<Date>* holidays = nullptr;
  const std::set<Date>* workdays = nullptr;
  bool IsRest(const Date& d) const;
};

// A gift line of the requested line: the units that come back with the
// requested units (GiftUnitsDue in order_money.h) and one unit's disclosed
// price.
struct PolicyGift {
  int line = 0;
  int64_t units_due = 0;
  int64_t unit_value_fen = 0;
};

// The order's free-shipping promise, as far as this request touches it.
struct FreeShippingInput {
  int64_t threshold_fen = 0;  // 0: no promise
  int64_t waived_fen = 0;     // the shipping the promise waived
  // The goods paid for that the buyer keeps once this request and the
  // order's other refunds are done; 0 when the whole order comes back.
  int64_t kept_fen = 0;
  bool deducted_before = false;  // an earlier refund of the order already deducted it
};

// Everything the engine looks at. The service fills it from the order, the
// order line, the line's earlier requests and the request.
struct PolicyInput {
  AfterSalesKind kind = AfterSalesKind::kReturnRefund;
  AfterSalesReason reason = AfterSalesReason::kNoReason;
  std::string goods_category;      // the line's category; "" uses the defaults
  std::string market = "cn";
  bool non_returnable_confirmed = false;  // the buyer confirmed at purchase ...
  NonReturnableGround non_returnable_ground = NonReturnableGround::kNone;  // ... on this ground
  bool unsealed = false;           // the seal/packaging of the goods is opened
  bool activated = false;          // the goods were activated or bound to an account
  bool intact = true;              // 完好: original quality, accessories, marks
  std::string disclosed_defect;    // a defect disclosed at sale ("" = none)
  bool claim_is_disclosed_defect = false;  // the fault claimed is that defect
  bool paid = true;                // the order was paid
  std::optional<Timestamp> shipped_at;
  std::optional<Timestamp> delivered_at;  // 签收 per the carrier
  std::optional<Timestamp> claimed_received_at;  // the buyer says received (no 签收 record)
  bool parcel_lost = false;        // the carrier reported the parcel lost
  // The line's history: repairs of the unit finished since its period began,
  // and when a replacement (a finished exchange) was handed over.
  int repairs_done = 0;
  std::optional<Timestamp> replaced_at;
  Timestamp now;                   // when the request is made
  int64_t quantity = 1;            // asked for
  int64_t line_quantity = 1;       // bought on the line
  int64_t held_quantity = 0;       // already held by other live requests on the line
  int64_t unit_price_fen = 0;      // the line's unit price
  int64_t line_discount_fen = 0;   // the line's share of order discounts (paid = price * qty - this)
  std::vector<PolicyGift> gifts;   // return_refund: gifts that come back with the units
  bool keep_gifts = false;         // the buyer keeps them: their disclosed price is deducted
  FreeShippingInput free_shipping;
  int64_t claimed_loss_fen = 0;    // food safety: the loss the buyer claims
  RestDays rest_days;              // for the domestic market: the mainland holidays
};

// The decision, always with a rule code, the article cited and an
// explanation in Chinese and English. Rule codes (stable):
//   eligible:    not_shipped_refund, not_delivered_refund, intercept_then_refund,
//                lost_parcel_resend, missing_item_refund, missing_item_resend,
//                no_reason_return, no_reason_exchange, fault_return, fault_exchange,
//                warranty_repair, defect_remedy_exchange, defect_remedy_repair,
//                repeated_repair_exchange, repeated_repair_return,
//                transit_damage_return, transit_damage_exchange, wrong_item_return,
//                wrong_item_exchange, perishable_fault_refund, digital_revoke_refund,
//                fraud_punitive, food_safety_punitive
//   ineligible:  quantity_exceeds_line, not_paid, delivered_per_tracking,
//                not_delivered_yet, return_required, nothing_to_return,
//                no_reason_window_passed, no_reason_not_offered,
//                no_reason_exchange_not_offered, excluded_customised,
//                excluded_perishable, excluded_digital, excluded_unsealed_media,
//                excluded_periodical, excluded_confirmed_at_purchase, not_intact,
//                unsealed_hygiene, repair_needs_fault, disclosed_defect,
//                fault_return_window_passed, fault_exchange_window_passed,
//                warranty_expired, resend_needs_shortfall, punitive_kind
// max_refund_fen is what was paid for the requested units (0 unpaid; the
// line's discount share spread over its units, PaidForUnits) for eligible
// refunds, plus punitive_fen for punitive claims, less the deductions; 0
// otherwise. Deductions (Interim Measures Arts. 13 and 18), on an eligible
// return_refund only: gifts that come with the units are listed in
// gifts_to_return, or, when the buyer keeps them, deducted at their
// disclosed price ("gift_not_returned"); a no-reason return that leaves
// the goods kept (FreeShippingInput::kept_fen > 0) below the free-shipping
// threshold deducts the waived shipping once per order
// ("free_shipping_threshold", deduct_broken_free_shipping). Deductions
// never take the refund below 0 nor touch punitive damages.
// return_required is true when goods must come back first. window_ends is
// set whenever a window was applied. alternatives lists, for a refusal, the
// other kinds the engine would grant for the same reason; explanations
// never point to a remedy that is refused. article is "" only for
// quantity_exceeds_line and not_paid, where no statute is involved.
//
// Order of checks (the first that applies decides):
//  1. quantity < 1 or > line_quantity - held_quantity: quantity_exceeds_line.
//  2. A refund (return_refund, refund_only) of an unpaid order: not_paid.
//  3. Punitive reasons (fraud, food_safety): return_refund or refund_only ->
//     fraud_punitive / food_safety_punitive (lead_required,
//     evidence_required), else punitive_kind.
//  4. Not shipped: refund_only -> not_shipped_refund; else not_delivered_yet.
//  5. Delivery: delivered_at, else claimed_received_at (needs_confirmation).
//     Not delivered: reason not_delivered or a lost parcel -> refund_only:
//     not_delivered_refund, exchange/resend: lost_parcel_resend; in transit
//     -> refund_only: intercept_then_refund (intercept_in_transit) or
//     not_delivered_refund; anything else not_delivered_yet.
//     Delivered with reason not_delivered: delivered_per_tracking.
//  6. missing_item: refund_only -> missing_item_refund, resend ->
//     missing_item_resend, else nothing_to_return.
//  7. resend for any other reason: resend_needs_shortfall.
//  8. refund_only of delivered goods: digital goods with a fault ->
//     digital_revoke_refund; perishable goods with a fault within
//     fault_return_days -> perishable_fault_refund; else return_required.
//  9. no_reason: see NoReason in the .cc (window, exclusions, grounds, seal,
//     intactness).
// 10. Fault reasons: a claim on the disclosed defect -> disclosed_defect;
//     digital goods -> digital_revoke_refund; otherwise the windows (from
//     the replacement's hand-over if there was one).
PolicyDecision DecideAfterSales(const AfterSalesPolicy& policy, const PolicyInput& in);

// The instant a window of `days` counted from the day after `delivered`
// closes: the start of local day (delivery day + days + 1) in the given
// UTC offset.
Timestamp WindowEnd(Timestamp delivered, int days, int utc_offset_minutes);

}  // namespace kefu
