#include "core/after_sales_policy.h"

#include <array>
#include <cstdio>

#include "core/calendar.h"
#include "core/enums.h"
#include "core/model.h"
#include "core/money.h"

namespace kefu {
namespace {

constexpr std::array<std::string_view, 6> kNatureNames = {
    "ordinary", "customised", "perishable", "digital_download", "audio_visual_software",
    "periodical"};

constexpr int kMaxUtcOffsetMinutes = 14 * 60;

// Statutes cited, with their Chinese citation.
constexpr std::string_view kCrpl25 = "CRPL Art. 25";
constexpr std::string_view kCrpl24 = "CRPL Art. 24";
constexpr std::string_view kEcom20 = "E-Commerce Law Art. 20";
constexpr std::string_view kCrpl25Zh = "《消费者权益保护法》第二十五条";
constexpr std::string_view kCrpl24Zh = "《消费者权益保护法》第二十四条";
constexpr std::string_view kEcom20Zh = "《电子商务法》第二十条";
constexpr std::string_view kInterimZh = "《网络购买商品七日无理由退货暂行办法》";
constexpr std::string_view kInterimEn = "Interim Measures for 7-Day No-Reason Returns";

std::string S(std::string_view v) { return std::string(v); }

std::string_view ArticleZh(std::string_view article) {
  if (article == kCrpl25) return kCrpl25Zh;
  if (article == kCrpl24) return kCrpl24Zh;
  if (article == kEcom20) return kEcom20Zh;
  return "";
}

// "UTC+08:00", "UTC-05:00".
std::string OffsetName(int minutes) {
  char buf[16];
  int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

// "¥123.45"
std::string Yuan(int64_t fen) { return "¥" + FormatYuan(fen); }

// What was paid for the requested units. Order bounds keep it below 10^17;
// it saturates rather than wraps should a price ever be stored unbounded.
int64_t LineFen(const PolicyInput& in) { return SaturatingMul(in.unit_price_fen, in.quantity); }

bool IsFault(AfterSalesReason r) {
  return r != AfterSalesReason::kNoReason && r != AfterSalesReason::kNotDelivered;
}

bool IsTransport(AfterSalesReason r) {
  return r == AfterSalesReason::kDamagedInTransit || r == AfterSalesReason::kWrongItem;
}

std::string_view ReasonZh(AfterSalesReason r) {
  switch (r) {
    case AfterSalesReason::kQualityFault: return "质量问题";
    case AfterSalesReason::kNotAsDescribed: return "与描述不符";
    case AfterSalesReason::kDamagedInTransit: return "运输破损";
    case AfterSalesReason::kWrongItem: return "错发或漏发";
    case AfterSalesReason::kNotDelivered: return "未收到货";
    case AfterSalesReason::kNoReason: break;
  }
  return "无理由";
}

std::string_view ReasonEn(AfterSalesReason r) {
  switch (r) {
    case AfterSalesReason::kQualityFault: return "a quality fault";
    case AfterSalesReason::kNotAsDescribed: return "goods not as described";
    case AfterSalesReason::kDamagedInTransit: return "damage in transit";
    case AfterSalesReason::kWrongItem: return "a wrong or missing item";
    case AfterSalesReason::kNotDelivered: return "non-delivery";
    case AfterSalesReason::kNoReason: break;
  }
  return "no reason";
}

// The statute for a reason: transport problems are the seller's under the
// E-Commerce Law, faults under CRPL Art. 24, no-reason under CRPL Art. 25.
std::string_view ArticleFor(AfterSalesReason r) {
  if (r == AfterSalesReason::kNoReason) return kCrpl25;
  if (IsTransport(r) || r == AfterSalesReason::kNotDelivered) return kEcom20;
  return kCrpl24;
}

std::string_view PayerZh(Payer p) { return p == Payer::kMerchant ? "卖家" : "买家"; }
std::string_view PayerEn(Payer p) { return p == Payer::kMerchant ? "the merchant" : "the buyer"; }

// What the explanations need to know besides the input.
struct Ctx {
  const PolicyInput& in;
  const MarketRules& market;
  int refund_within_days;
  std::string end_date;  // last local day of the window that applied
  std::string zone;      // "UTC+08:00"
  int days = 0;          // length of that window
};

PolicyDecision Make(bool eligible, std::string_view rule, std::string_view article,
                    std::string zh, std::string en) {
  PolicyDecision d;
  d.eligible = eligible;
  d.rule = S(rule);
  d.article = S(article);
  d.explanation_zh = std::move(zh);
  d.explanation_en = std::move(en);
  return d;
}

// Sets the window fields of `c` and returns the window's end.
Timestamp UseWindow(Ctx& c, int days) {
  Timestamp end = WindowEnd(*c.in.delivered_at, days, c.market.utc_offset_minutes);
  c.days = days;
  c.end_date = FormatLocalDate(Timestamp{end.unix_ms - 1}, c.market.utc_offset_minutes);
  c.zone = OffsetName(c.market.utc_offset_minutes);
  return end;
}

std::string WindowZh(const Ctx& c) {
  return "签收次日起" + std::to_string(c.days) + "天内（截至" + c.end_date + "，当地时间" +
         c.zone + "）";
}
std::string WindowEn(const Ctx& c) {
  return "within " + std::to_string(c.days) + " days from the day after delivery (until the end of " +
         c.end_date + ", local time " + c.zone + ")";
}

PolicyDecision QuantityExceeds(const PolicyInput& in) {
  int64_t avail = in.line_quantity - in.held_quantity;
  if (avail < 0) avail = 0;
  std::string q = std::to_string(in.quantity), a = std::to_string(avail);
  std::string line = std::to_string(in.line_quantity), held = std::to_string(in.held_quantity);
  return Make(false, "quantity_exceeds_line", "",
              "申请数量" + q + "无效：该订单行共购买" + line + "件，其他售后申请已占用" + held +
                  "件，本次最多可申请" + a + "件。",
              "The requested quantity " + q + " is not available: the line has " + line +
                  " bought, " + held + " held by other requests, so at most " + a +
                  " may be requested.");
}

PolicyDecision NotDeliveredYet(const PolicyInput& in) {
  std::string zh = "商品尚未签收，暂不能办理" + std::string(in.kind == AfterSalesKind::kRefundOnly
                                                                 ? "仅退款"
                                                                 : "退货、换货或维修") +
                   "。请等待签收；如商品未发出或丢失，可按“未收到货”申请仅退款，运输风险由卖家承担（" +
                   S(kEcom20Zh) + "）。";
  std::string en =
      "The goods have not been delivered yet, so there is nothing to return, exchange, repair or "
      "judge. Wait for delivery; if the goods were never sent or are lost, ask for a refund only "
      "as not delivered: the seller bears the transport risk (" + S(kEcom20) + ").";
  return Make(false, "not_delivered_yet", kEcom20, std::move(zh), std::move(en));
}

PolicyDecision RefundWithoutReturn(const PolicyInput& in, std::string_view rule) {
  std::string amount = Yuan(LineFen(in));
  PolicyDecision d;
  if (rule == "not_shipped_refund") {
    d = Make(true, rule, kEcom20,
             "商品尚未发货，可全额退款" + amount + "，无需退货。卖家应按约定交付商品（" +
                 S(kEcom20Zh) + "），未发货的订单可直接退款。",
             "The goods have not been shipped: a full refund of " + amount +
                 ", nothing to return. The seller must deliver as agreed (" + S(kEcom20) +
                 "); an order not yet shipped is simply refunded.");
  } else {
    d = Make(true, rule, kEcom20,
             "物流未显示签收，运输中的风险和责任由卖家承担（" + S(kEcom20Zh) +
                 "），可全额退款" + amount + "，无需退货；卖家可另行向承运商追偿。",
             "The goods were not delivered. The seller bears the risk and responsibility during "
             "transport (" + S(kEcom20) + "): a full refund of " + amount +
                 ", nothing to return; the seller may claim from the carrier.");
  }
  d.max_refund_fen = LineFen(in);
  return d;
}

PolicyDecision DeliveredPerTracking(const Ctx& c) {
  std::string date = FormatLocalDate(*c.in.delivered_at, c.market.utc_offset_minutes);
  return Make(false, "delivered_per_tracking", kEcom20,
              "物流记录显示商品已于" + date + "签收，暂不能按“未收到货”直接退款。运输责任由卖家承担（" +
                  S(kEcom20Zh) + "），卖家将向承运商核实签收情况后再处理。",
              "Tracking shows the goods delivered on " + date +
                  ", so a refund for non-delivery cannot be granted directly. The seller answers "
                  "for transport (" + S(kEcom20) +
                  ") and will investigate the delivery with the carrier first.");
}

// refund_only for goods the buyer has.
PolicyDecision RefundOnlyDelivered(const CategoryRules& cat, Ctx& c) {
  const PolicyInput& in = c.in;
  if (cat.nature == GoodsNature::kPerishable && IsFault(in.reason)) {
    Timestamp end = UseWindow(c, cat.fault_return_days);
    if (in.now < end) {
      std::string_view art = ArticleFor(in.reason);
      std::string amount = Yuan(LineFen(in));
      PolicyDecision d = Make(
          true, "perishable_fault_refund", art,
          "鲜活易腐商品存在" + S(ReasonZh(in.reason)) + "，依据" + S(ArticleZh(art)) + "，" +
              WindowZh(c) + "可仅退款" + amount + "，无需寄回商品（变质商品不宜退回）。",
          "Perishable goods with " + S(ReasonEn(in.reason)) + " (" + S(art) +
              "): a refund of " + amount + " without sending them back, " + WindowEn(c) + ".");
      d.window_ends = end;
      d.max_refund_fen = LineFen(in);
      return d;
    }
  }
  std::string_view art = ArticleFor(in.reason);
  return Make(false, "return_required", art,
              "商品已签收，仅退款只适用于未收到货或鲜活易腐商品在时限内的质量问题；请申请退货退款，"
              "寄回商品后退款（" + S(ArticleZh(art)) + "）。",
              "The goods were delivered: a refund without return is only for goods not received "
              "or for perishable goods with a fault within the fault window. Ask for a return "
              "and refund instead (" + S(art) + ").");
}

PolicyDecision Excluded(std::string_view rule, std::string_view what_zh, std::string_view what_en) {
  return Make(false, rule, kCrpl25,
              S(what_zh) + "不适用七日无理由退货（" + S(kCrpl25Zh) +
                  "）。如商品存在质量问题，仍可按" + S(kCrpl24Zh) + "申请退换货或维修。",
              S(what_en) + " are excluded from no-reason returns (" + S(kCrpl25) +
                  "). A quality fault may still be claimed under " + S(kCrpl24) + ".");
}

PolicyDecision NoReason(const CategoryRules& cat, Ctx& c) {
  const PolicyInput& in = c.in;
  if (in.kind == AfterSalesKind::kRepair) {
    return Make(false, "repair_needs_fault", kCrpl24,
                "维修仅适用于质量问题等卖家责任的情形（" + S(kCrpl24Zh) +
                    "）；无理由售后可申请退货或换货。",
                "Repairs are for faults the seller answers for (" + S(kCrpl24) +
                    "); without a reason, ask for a return or an exchange.");
  }
  int days = c.market.no_reason_days.value_or(cat.no_reason_days);
  if (days <= 0) {
    return Make(false, "no_reason_not_offered", kCrpl25,
                "该市场（" + in.market + "）或该类商品不提供无理由退换货（" + S(kCrpl25Zh) +
                    "规定的七日无理由退货不适用于此）；如商品有质量问题，可按" + S(kCrpl24Zh) +
                    "申请。",
                "No-reason returns are not offered in market " + in.market +
                    " for these goods (the window of " + S(kCrpl25) +
                    " does not apply); a quality fault may still be claimed under " +
                    S(kCrpl24) + ".");
  }
  switch (cat.nature) {
    case GoodsNature::kCustomised:
      return Excluded("excluded_customised", "按您要求定作的商品", "Goods made to the buyer's order");
    case GoodsNature::kPerishable:
      return Excluded("excluded_perishable", "鲜活易腐商品", "Fresh, live and perishable goods");
    case GoodsNature::kDigitalDownload:
      return Excluded("excluded_digital", "在线下载的数字化商品", "Digital goods downloaded online");
    case GoodsNature::kAudioVisualSoftware:
      if (in.unsealed) {
        return Excluded("excluded_unsealed_media", "已拆封的音像制品、计算机软件",
                        "Audio-visual products and software the buyer has unsealed");
      }
      break;
    case GoodsNature::kPeriodical:
      return Excluded("excluded_periodical", "已交付的报纸、期刊", "Delivered newspapers and periodicals");
    case GoodsNature::kOrdinary:
      break;
  }
  if (in.non_returnable_confirmed) {
    return Make(false, "excluded_confirmed_at_purchase", kCrpl25,
                "购买时您已确认该商品不宜退货，依据" + S(kCrpl25Zh) + "及" + S(kInterimZh) +
                    "，不适用七日无理由退货；如有质量问题仍可申请售后。",
                "The buyer confirmed at purchase that these goods are not returnable, so "
                "no-reason returns do not apply (" + S(kCrpl25) + ", " + S(kInterimEn) +
                    "); a quality fault may still be claimed.");
  }
  if (!in.intact) {
    return Make(false, "not_intact", kCrpl25,
                "无理由退货的商品须保持完好：原有品质和功能不变，商品本身、配件、商标标识齐全（" +
                    S(kCrpl25Zh) + "、" + S(kInterimZh) + "）。该商品已不完好，不能无理由退货。",
                "Goods returned without a reason must be intact: original quality and function, "
                "with item, accessories and brand marks complete (" + S(kCrpl25) + ", " +
                    S(kInterimEn) + "). These goods are not, so no-reason return is refused.");
  }
  Timestamp end = UseWindow(c, days);
  if (in.now >= end) {
    PolicyDecision d = Make(
        false, "no_reason_window_passed", kCrpl25,
        "无理由退换货期限为签收次日起" + std::to_string(days) + "天，已于" + c.end_date +
            "（当地时间" + c.zone + "）届满（" + S(kCrpl25Zh) + "，" + S(kInterimZh) +
            "签收次日起算）。如商品有质量问题，可按" + S(kCrpl24Zh) + "申请。",
        "The no-reason window of " + std::to_string(days) +
            " days from the day after delivery ended with " + c.end_date + " (local time " +
            c.zone + ") (" + S(kCrpl25) + "; counted per the " + S(kInterimEn) +
            "). A quality fault may still be claimed under " + S(kCrpl24) + ".");
    d.window_ends = end;
    return d;
  }
  Payer ship = cat.merchant_pays_no_reason_shipping ? Payer::kMerchant : Payer::kBuyer;
  Payer duties = c.market.cross_border ? c.market.no_reason_duties : Payer::kNone;
  bool ret = in.kind == AfterSalesKind::kReturnRefund;
  std::string zh = "依据" + S(kCrpl25Zh) + "及" + S(kInterimZh) + "，" + WindowZh(c) + "可无理由" +
                   (ret ? "退货" : "换货") + "；商品须保持完好，寄回运费由" + S(PayerZh(ship)) +
                   "承担";
  std::string en = std::string(ret ? "Returnable" : "Exchangeable") + " without a reason " +
                   WindowEn(c) + " (" + S(kCrpl25) + "; " + S(kInterimEn) +
                   "). The goods must be intact; " + S(PayerEn(ship)) + " pays return shipping";
  if (duties != Payer::kNone) {
    zh += "，跨境退货的进口税费由" + S(PayerZh(duties)) + "承担";
    en += ", and " + S(PayerEn(duties)) + " bears import duties on the return";
  }
  if (ret) {
    zh += "。卖家收到退货后" + std::to_string(c.refund_within_days) + "日内退款，最多" +
          Yuan(LineFen(in)) + "。";
    en += ". The seller refunds up to " + Yuan(LineFen(in)) + " within " +
          std::to_string(c.refund_within_days) + " days of receiving the goods.";
  } else {
    zh += "。";
    en += ".";
  }
  PolicyDecision d = Make(true, ret ? "no_reason_return" : "no_reason_exchange", kCrpl25,
                          std::move(zh), std::move(en));
  d.window_ends = end;
  d.return_shipping = ship;
  d.duties = duties;
  d.return_required = true;
  if (ret) d.max_refund_fen = LineFen(in);
  return d;
}

PolicyDecision Fault(const CategoryRules& cat, Ctx& c) {
  const PolicyInput& in = c.in;
  std::string_view art = ArticleFor(in.reason);
  std::string art_zh = S(ArticleZh(art));
  bool transport = IsTransport(in.reason);
  std::string why_zh = "售后原因为" + S(ReasonZh(in.reason)) + "，依据" + art_zh + "，";
  std::string why_en = "For " + S(ReasonEn(in.reason)) + " (" + S(art) + "), ";
  std::string_view rule, passed_rule;
  std::string what_zh, what_en, passed_zh, passed_en;
  int days = 0;
  switch (in.kind) {
    case AfterSalesKind::kExchange:
      days = cat.fault_exchange_days;
      rule = transport ? "transit_damage_exchange" : "fault_exchange";
      passed_rule = "fault_exchange_window_passed";
      what_zh = "可换货";
      what_en = "an exchange is possible ";
      passed_zh = "换货期限已届满；保修期内可申请维修。";
      passed_en = "the exchange window has passed; a repair within the warranty is still possible.";
      break;
    case AfterSalesKind::kRepair:
      days = cat.warranty_days;
      rule = "warranty_repair";
      passed_rule = "warranty_expired";
      what_zh = "可在保修期内维修";
      what_en = "a repair under warranty is possible ";
      passed_zh = days > 0 ? "保修期已届满，卖家不再承担免费维修。" : "该类商品不提供保修维修。";
      passed_en = days > 0 ? "the warranty has expired; free repair is no longer owed."
                           : "these goods carry no repair warranty.";
      break;
    default:  // kReturnRefund (refund_only is decided before).
      days = cat.fault_return_days;
      rule = transport ? "transit_damage_return" : "fault_return";
      passed_rule = "fault_return_window_passed";
      what_zh = "可退货退款";
      what_en = "a return and refund is possible ";
      passed_zh = "退货期限已届满；可在换货期限（签收次日起" +
                  std::to_string(cat.fault_exchange_days) + "天）内申请换货，或在保修期内申请维修。";
      passed_en = "the return window has passed; ask for an exchange (within " +
                  std::to_string(cat.fault_exchange_days) +
                  " days from the day after delivery) or a repair under warranty instead.";
      break;
  }
  Timestamp end = UseWindow(c, days);
  if (days <= 0 || in.now >= end) {
    PolicyDecision d = Make(false, passed_rule, art,
                            why_zh + "期限为签收次日起" + std::to_string(days) + "天（截至" +
                                c.end_date + "，当地时间" + c.zone + "），" + passed_zh,
                            why_en + "the window was " + std::to_string(days) +
                                " days from the day after delivery (until the end of " +
                                c.end_date + ", local time " + c.zone + "); " + passed_en);
    d.window_ends = end;
    return d;
  }
  Payer duties = c.market.cross_border ? Payer::kMerchant : Payer::kNone;
  std::string zh = why_zh + WindowZh(c) + what_zh + "，往返运费等必要费用由卖家承担";
  std::string en = why_en + what_en + WindowEn(c) + "; the merchant bears shipping and other "
                   "necessary costs";
  if (duties != Payer::kNone) {
    zh += "，跨境退回的税费亦由卖家承担";
    en += ", including duties on the cross-border return";
  }
  zh += "。";
  en += ".";
  PolicyDecision d = Make(true, rule, art, std::move(zh), std::move(en));
  d.window_ends = end;
  d.return_shipping = Payer::kMerchant;
  d.duties = duties;
  d.return_required = true;
  if (in.kind == AfterSalesKind::kReturnRefund) d.max_refund_fen = LineFen(in);
  return d;
}

Status CheckCategory(const CategoryRules& r, const std::string& what) {
  auto nonneg = [&](int v, const char* f) {
    return v < 0 ? ValidationError(what + "." + f + " may not be negative") : OkStatus();
  };
  KEFU_RETURN_IF_ERROR(nonneg(r.no_reason_days, "no_reason_days"));
  KEFU_RETURN_IF_ERROR(nonneg(r.fault_return_days, "fault_return_days"));
  KEFU_RETURN_IF_ERROR(nonneg(r.fault_exchange_days, "fault_exchange_days"));
  KEFU_RETURN_IF_ERROR(nonneg(r.warranty_days, "warranty_days"));
  bool returnable =
      r.nature == GoodsNature::kOrdinary || r.nature == GoodsNature::kAudioVisualSoftware;
  if (returnable && r.no_reason_days < 7) {
    return ValidationError(what + ".no_reason_days must be at least 7 for " +
                           S(ToString(r.nature)) + " goods (CRPL Art. 25)");
  }
  if (r.fault_return_days < 7) {
    return ValidationError(what + ".fault_return_days must be at least 7 (CRPL Art. 24)");
  }
  if (r.fault_exchange_days < 15) {
    return ValidationError(what + ".fault_exchange_days must be at least 15 (三包)");
  }
  return OkStatus();
}

Status CheckMarket(const MarketRules& m, const std::string& what) {
  if (m.utc_offset_minutes < -kMaxUtcOffsetMinutes || m.utc_offset_minutes > kMaxUtcOffsetMinutes) {
    return ValidationError(what + ".utc_offset_minutes must be between -840 and 840");
  }
  if (m.no_reason_days && *m.no_reason_days < 0) {
    return ValidationError(what + ".no_reason_days may not be negative");
  }
  if (!m.cross_border) {
    if (m.no_reason_days && *m.no_reason_days < 7) {
      return ValidationError(what +
                             ".no_reason_days must be at least 7 in a domestic market (CRPL Art. 25)");
    }
    if (m.no_reason_duties != Payer::kBuyer) {
      return ValidationError(what + ".no_reason_duties is only for cross_border markets");
    }
  }
  return OkStatus();
}

}  // namespace

std::string_view ToString(GoodsNature n) { return kNatureNames[static_cast<size_t>(n)]; }
std::optional<GoodsNature> ParseGoodsNature(std::string_view s) {
  return ParseName<GoodsNature>(kNatureNames, s);
}

Status ValidateAfterSalesPolicy(const AfterSalesPolicy& p) {
  if (p.refund_within_days < 1 || p.refund_within_days > 7) {
    return ValidationError("refund_within_days must be between 1 and 7 (CRPL Art. 25)");
  }
  KEFU_RETURN_IF_ERROR(CheckCategory(p.defaults, "defaults"));
  for (const auto& [name, rules] : p.categories) {
    if (name.empty()) return ValidationError("categories may not have an empty name");
    KEFU_RETURN_IF_ERROR(CheckCategory(rules, "categories." + name));
  }
  for (const auto& [name, rules] : p.markets) {
    if (name.empty()) return ValidationError("markets may not have an empty name");
    KEFU_RETURN_IF_ERROR(CheckMarket(rules, "markets." + name));
  }
  return OkStatus();
}

Timestamp WindowEnd(Timestamp delivered, int days, int utc_offset_minutes) {
  Date day = LocalDate(delivered, utc_offset_minutes);
  return LocalMidnight(DateFromDays(DaysFromDate(day) + days + 1), utc_offset_minutes);
}

PolicyDecision DecideAfterSales(const AfterSalesPolicy& policy, const PolicyInput& in) {
  if (in.quantity < 1 || in.quantity > in.line_quantity - in.held_quantity) {
    return QuantityExceeds(in);
  }
  auto cat_it = policy.categories.find(in.goods_category);
  const CategoryRules& cat = cat_it == policy.categories.end() ? policy.defaults : cat_it->second;
  static const MarketRules kDomestic;
  auto market_it = policy.markets.find(in.market);
  const MarketRules& market = market_it == policy.markets.end() ? kDomestic : market_it->second;
  Ctx c{in, market, policy.refund_within_days, "", "", 0};

  bool shipped = in.shipped_at.has_value() || in.delivered_at.has_value();
  if (!shipped) {
    if (in.kind == AfterSalesKind::kRefundOnly) return RefundWithoutReturn(in, "not_shipped_refund");
    return NotDeliveredYet(in);
  }
  if (in.reason == AfterSalesReason::kNotDelivered) {
    if (in.delivered_at) return DeliveredPerTracking(c);
    if (in.kind == AfterSalesKind::kRefundOnly) return RefundWithoutReturn(in, "not_delivered_refund");
    return NotDeliveredYet(in);
  }
  if (!in.delivered_at) return NotDeliveredYet(in);
  if (in.kind == AfterSalesKind::kRefundOnly) return RefundOnlyDelivered(cat, c);
  if (in.reason == AfterSalesReason::kNoReason) return NoReason(cat, c);
  return Fault(cat, c);
}

}  // namespace kefu
