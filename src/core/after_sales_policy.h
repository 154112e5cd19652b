// The after-sales policy engine: given an order line, its goods category,
// the dates and the reason, decides whether a request is eligible, who pays
// return shipping (and, cross-border, duties), and explains the decision
// citing the rule it applied. Pure: no I/O, time is passed in.
//
// Defaults follow mainland consumer law (docs: ../shared AFTER_SALES_RULES,
// summarised in docs/after-sales.md):
//  - 七日无理由退货 (CRPL Art. 25; Interim Measures 2017): 7 days counted
//    from the day after signing for the goods (签收次日起算), so goods
//    signed for on day D may be returned until the end of day D+7 in the
//    market's local time. Excluded: customised, perishable, downloaded
//    digital goods, unsealed audio-visual/software, delivered periodicals,
//    and goods the buyer confirmed as non-returnable at purchase. Goods must
//    be intact (完好). The buyer pays return shipping unless the category's
//    rules say the merchant does.
//  - Quality faults / not as described (CRPL Art. 24, 三包): return within
//    fault_return_days, exchange within fault_exchange_days, repair within
//    warranty_days, all from the day after delivery; the merchant pays.
//  - Damaged in transit / wrong or missing item (E-Commerce Law Art. 20):
//    the merchant answers for transport; same windows as faults.
//  - Not delivered (or not shipped): full refund, nothing to return.
//  - Cross-border markets: their own no-reason window (0 = none) and who
//    bears duties on a no-reason return.
// A merchant may configure more generous rules, never less generous ones;
// ValidateAfterSalesPolicy enforces the statutory floor for the domestic
// market.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "common/status.h"
#include "common/time.h"
#include "core/after_sales.h"

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

// Rules for one goods category (e.g. "phones", "fresh_food").
struct CategoryRules {
  GoodsNature nature = GoodsNature::kOrdinary;
  int no_reason_days = 7;                         // no-reason return window
  bool merchant_pays_no_reason_shipping = false;  // 运费险 or a generous merchant
  int fault_return_days = 7;
  int fault_exchange_days = 15;
  int warranty_days = 365;  // repair window; 0: no repairs
};

// Rules for one market. "cn" (mainland, domestic) is the default market.
struct MarketRules {
  bool cross_border = false;
  std::optional<int> no_reason_days;   // overrides the category's window; 0: none
  Payer no_reason_duties = Payer::kBuyer;  // cross-border: duties on a no-reason return
  int utc_offset_minutes = 480;        // the market's local time, for counting days
};

struct AfterSalesPolicy {
  CategoryRules defaults;                        // categories not listed below
  std::map<std::string, CategoryRules> categories;
  std::map<std::string, MarketRules> markets;    // "cn" if absent: domestic, +08:00
  int refund_within_days = 7;                    // CRPL Art. 25: refund within 7 days of receipt
};

// Refuses (kValidation, naming the field as the config document does, e.g.
// "categories.phones.fault_return_days") windows below the statutory floor
// in a domestic market: no_reason_days < 7 for ordinary goods (and for
// audio-visual/software, returnable while sealed), fault_return_days < 7,
// fault_exchange_days < 15, refund_within_days > 7 or < 1; a market
// without cross_border whose no_reason_days is below 7; negative numbers
// anywhere; utc_offset_minutes outside [-840, 840]; a market without
// cross_border set but with duties configured (no_reason_duties other than
// the default kBuyer).
Status ValidateAfterSalesPolicy(const AfterSalesPolicy& p);

// Everything the engine looks at. The service fills it from the order, the
// order line and the request.
struct PolicyInput {
  AfterSalesKind kind = AfterSalesKind::kReturnRefund;
  AfterSalesReason reason = AfterSalesReason::kNoReason;
  std::string goods_category;      // the line's category; "" uses the defaults
  std::string market = "cn";
  bool non_returnable_confirmed = false;  // the buyer confirmed at purchase
  bool unsealed = false;           // the seal/packaging of the goods is opened
  bool intact = true;              // 完好: original quality, accessories, marks
  std::optional<Timestamp> shipped_at;
  std::optional<Timestamp> delivered_at;  // 签收
  Timestamp now;                   // when the request is made
  int64_t quantity = 1;            // asked for
  int64_t line_quantity = 1;       // bought on the line
  int64_t held_quantity = 0;       // already held by other live requests on the line
  int64_t unit_price_fen = 0;      // paid per unit
};

// The decision, always with a rule code, the article cited and an
// explanation in Chinese and English. Rule codes (stable):
//   eligible:    not_shipped_refund, not_delivered_refund, no_reason_return,
//                no_reason_exchange, fault_return, fault_exchange,
//                warranty_repair, transit_damage_return, transit_damage_exchange,
//                perishable_fault_refund
//   ineligible:  quantity_exceeds_line, delivered_per_tracking, not_delivered_yet,
//                return_required, no_reason_window_passed, no_reason_not_offered,
//                excluded_customised, excluded_perishable, excluded_digital,
//                excluded_unsealed_media, excluded_periodical,
//                excluded_confirmed_at_purchase, not_intact, repair_needs_fault,
//                fault_return_window_passed, fault_exchange_window_passed,
//                warranty_expired
// max_refund_fen is unit_price_fen * quantity for eligible refunds, 0 for
// exchanges, repairs and ineligible requests. return_required is true for
// eligible return_refund, exchange and repair; window_ends is set whenever
// a window was applied (eligible or passed). article is "" only for
// quantity_exceeds_line, where no statute is involved.
//
// Order of checks (the first that applies decides):
//  1. quantity < 1 or > line_quantity - held_quantity: quantity_exceeds_line.
//  2. Not shipped (neither shipped_at nor delivered_at): refund_only ->
//     not_shipped_refund; other kinds -> not_delivered_yet.
//  3. Reason not_delivered: delivered_at set -> delivered_per_tracking (the
//     carrier must be investigated); refund_only -> not_delivered_refund;
//     return/exchange/repair -> not_delivered_yet (nothing to send back).
//  4. Shipped but not delivered, any other reason or kind: not_delivered_yet.
//  5. refund_only for delivered goods: perishable goods with a fault reason
//     within fault_return_days -> perishable_fault_refund; else
//     return_required.
//  6. no_reason: repair -> repair_needs_fault; the window is the market's
//     no_reason_days if set, else the category's (0 -> no_reason_not_offered);
//     then the exclusions by nature (they apply whatever the window; a
//     merchant who accepts such returns configures the category as
//     ordinary), non_returnable_confirmed, not intact, window passed. The
//     buyer pays return shipping unless merchant_pays_no_reason_shipping;
//     duties are the market's no_reason_duties when cross-border.
//  7. Fault reasons (exclusions and intactness do not matter): return
//     within fault_return_days, exchange within fault_exchange_days, repair
//     within warranty_days (0: warranty_expired). The merchant pays
//     shipping and, cross-border, duties.
// Unknown categories use policy.defaults; unknown markets the domestic
// MarketRules defaults.
PolicyDecision DecideAfterSales(const AfterSalesPolicy& policy, const PolicyInput& in);

// The instant a window of `days` counted from the day after `delivered`
// closes: the start of local day (delivery day + days + 1) in the given
// UTC offset.
Timestamp WindowEnd(Timestamp delivered, int days, int utc_offset_minutes);

}  // namespace kefu
