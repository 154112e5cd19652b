#include "core/after_sales_policy.h"

#include <algorithm>
#include <cstdio>

#include "core/after_sales_support.h"
#include "core/model.h"
#include "core/money.h"
#include "core/order_money.h"

namespace kefu {
namespace {

using namespace policy_support;


PolicyDecision QuantityExceeds(const PolicyInput& in) {
  int64_t avail = std::max<int64_t>(0, in.line_quantity - in.held_quantity);
  std::string q = std::to_string(in.quantity), a = std::to_string(avail);
  std::string line = std::to_string(in.line_quantity), held = std::to_string(in.held_quantity);
  return Make(false, "quantity_exceeds_line", "",
              "申请数量" + q + "无效：该订单行共购买" + line + "件，其他进行中的售后申请已占用" +
                  held + "件，本次最多可申请" + a + "件。",
              "The requested quantity " + q + " is not available: the line has " + line +
                  " bought, " + held + " held by other requests, so at most " + a +
                  " may be requested.");
}

PolicyDecision NotDeliveredYet() {
  return Make(false, "not_delivered_yet", kEcom20,
              "商品尚未签收，暂不能办理该售后。运输中的风险由卖家承担（" + ArticleZh(kEcom20) +
                  "）；如包裹丢失，可申请退款或补发。",
              "The goods have not been delivered yet, so there is nothing to return, exchange or "
              "repair. The seller bears the transport risk (" + S(kEcom20) +
                  "); if the parcel is lost, ask for a refund or a resend.");
}

PolicyDecision Punitive(const Ctx& c) {
  const PolicyInput& in = c.in;
  bool fraud = in.reason == AfterSalesReason::kFraud;
  std::string_view article = fraud ? kCrpl55 : kFood148;
  if (in.kind != AfterSalesKind::kReturnRefund && in.kind != AfterSalesKind::kRefundOnly) {
    return Make(false, "punitive_kind", article,
                PerZh(article) + "惩罚性赔偿随退款一并主张，请申请退货退款或仅退款。",
                PerEn(article) + "punitive damages are claimed with a refund: ask for a return "
                "and refund or a refund only.");
  }
  int64_t punitive = fraud ? std::max<int64_t>(SaturatingMul(c.paid_fen, 3), 50000)
                           : std::max({SaturatingMul(c.paid_fen, 10),
                                       SaturatingMul(in.claimed_loss_fen, 3), int64_t{100000}});
  std::string zh = PerZh(article) +
                   (fraud ? "经营者有欺诈行为的，消费者可要求退还货款并赔偿价款的三倍，不足五百元的按五百元"
                          : "食品不符合食品安全标准的，消费者可要求退还货款并赔偿价款十倍或损失三倍，不足一千元的按一千元") +
                   "。本案最高可退款" + Yuan(c.paid_fen) + "并赔偿" + Yuan(punitive) +
                   "。此类申请须提供证据，由组长或以上审核决定，并记入审计。";
  std::string en = PerEn(article) +
                   (fraud ? "where the seller committed fraud, the buyer may ask for the price back "
                            "and three times the price in damages, at least ¥500"
                          : "for food below safety standards, the buyer may ask for the price back "
                            "and ten times the price or three times the loss, at least ¥1,000") +
                   ". Here: a refund of up to " + Yuan(c.paid_fen) + " and damages of up to " +
                   Yuan(punitive) + ". Evidence is required; a lead or above decides; audited.";
  PolicyDecision d = Make(true, fraud ? "fraud_punitive" : "food_safety_punitive", article,
                          std::move(zh), std::move(en));
  d.punitive_fen = punitive;
  d.max_refund_fen = SaturatingAdd(c.paid_fen, punitive);
  d.lead_required = true;
  d.evidence_required = true;
  d.return_required = in.kind == AfterSalesKind::kReturnRefund;
  if (d.return_required) d.return_shipping = Payer::kMerchant;
  return d;
}

// Goods not (yet) in the buyer's hands.
PolicyDecision Undelivered(const Ctx& c) {
  const PolicyInput& in = c.in;
  bool refund = in.kind == AfterSalesKind::kRefundOnly;
  if (!in.shipped_at) {
    if (refund) {
      return RefundNoReturn(c, "not_shipped_refund", kEcom20, "商品尚未发货，",
                            "The goods have not been shipped.");
    }
    return NotDeliveredYet();
  }
  if (in.parcel_lost) {
    if (refund) {
      return RefundNoReturn(c, "not_delivered_refund", kEcom20,
                            "承运商报告包裹丢失，运输风险由卖家承担，",
                            "The carrier reported the parcel lost; the seller bears the "
                            "transport risk.");
    }
    if (in.kind == AfterSalesKind::kResend || in.kind == AfterSalesKind::kExchange) {
      return Resend("lost_parcel_resend", kEcom20, "承运商报告包裹丢失，可选择退款或补发；",
                    "The carrier reported the parcel lost; the buyer chooses a refund or a resend.");
    }
    return NotDeliveredYet();
  }
  if (refund) {
    if (c.policy.intercept_in_transit) {
      std::string amount = Yuan(c.paid_fen);
      PolicyDecision d = Make(
          true, "intercept_then_refund", kEcom20,
          "包裹仍在运输途中：卖家先拦截包裹，包裹退回卖家后退款" + amount + "，费用由卖家承担（" +
              ArticleZh(kEcom20) + "）。如拦截失败、包裹签收，可拒收或签收后申请退货。",
          "The parcel is still in transit: the seller intercepts it first and refunds " + amount +
              " once it is back, at the seller's cost (" + S(kEcom20) +
              "). If interception fails and it is delivered, refuse it or ask for a return.");
      d.max_refund_fen = c.paid_fen;
      d.return_required = true;
      d.return_shipping = Payer::kMerchant;
      return d;
    }
    return RefundNoReturn(c, "not_delivered_refund", kEcom20, "商品尚未送达，",
                          "The goods have not been delivered.");
  }
  return NotDeliveredYet();
}

PolicyDecision MissingItem(const Ctx& c) {
  switch (c.in.kind) {
    case AfterSalesKind::kRefundOnly:
      return RefundNoReturn(c, "missing_item_refund", kCivil582, "包裹中缺少商品（漏发），",
                            "Units were missing from the parcel.");
    case AfterSalesKind::kResend:
      return Resend("missing_item_resend", kCivil582, "包裹中缺少商品（漏发），",
                    "Units were missing from the parcel.");
    default:
      return Make(false, "nothing_to_return", kCivil582,
                  "漏发的商品买家并未收到，无需退回或换货。",
                  "Missing units never reached the buyer: there is nothing to return or exchange.");
  }
}

}  // namespace

Timestamp WindowEnd(Timestamp delivered, int days, int utc_offset_minutes) {
  Date day = LocalDate(delivered, utc_offset_minutes);
  return LocalMidnight(DateFromDays(DaysFromDate(day) + days + 1), utc_offset_minutes);
}

namespace {

PolicyDecision DecideOne(const AfterSalesPolicy& policy, const PolicyInput& in,
                         const MarketRules& market) {
  if (in.quantity < 1 || in.quantity > in.line_quantity - in.held_quantity) {
    return QuantityExceeds(in);
  }
  Ctx c{policy, in, market, policy.RulesFor(in.goods_category), in.delivered_at, false, 0};
  if (!c.delivered && in.claimed_received_at && in.shipped_at) {
    c.delivered = in.claimed_received_at;
    c.claimed = true;
  }
  OrderItem line;
  line.quantity = in.line_quantity;
  line.price_fen = in.unit_price_fen;
  line.discount_fen = in.line_discount_fen;
  c.paid_fen = in.paid ? PaidForUnits(line, in.held_quantity, in.quantity) : 0;
  bool refund = in.kind == AfterSalesKind::kReturnRefund || in.kind == AfterSalesKind::kRefundOnly;
  if (refund && !in.paid) {
    return Make(false, "not_paid", "", "该订单尚未付款，没有可退的款项；未付款的订单可直接取消。",
                "The order has not been paid, so there is nothing to refund; an unpaid order is "
                "simply cancelled.");
  }
  if (IsPunitiveReason(in.reason)) return Punitive(c);
  if (!c.delivered) return Undelivered(c);
  if (in.reason == AfterSalesReason::kNotDelivered) {
    std::string date = FormatLocalDate(*c.delivered, market.utc_offset_minutes);
    return Make(false, "delivered_per_tracking", kEcom20,
                "记录显示商品已于" + date + "签收，暂不能按“未收到货”处理；运输责任由卖家承担（" +
                    ArticleZh(kEcom20) + "），卖家将向承运商核实签收情况。",
                "The records show the goods delivered on " + date +
                    ", so non-delivery cannot be granted directly. The seller answers for "
                    "transport (" + S(kEcom20) + ") and will check the delivery with the carrier.");
  }
  if (in.reason == AfterSalesReason::kMissingItem) return MissingItem(c);
  if (in.kind == AfterSalesKind::kResend) {
    return Make(false, "resend_needs_shortfall", kCivil582,
                "补发只适用于包裹丢失或漏发；其他问题请申请退货、换货或维修。",
                "A resend is for a lost parcel or missing units; for anything else ask for a "
                "return, an exchange or a repair.");
  }
  return DecideDelivered(c);
}

std::string KindsZh(const std::vector<AfterSalesKind>& kinds) {
  std::string s;
  for (auto k : kinds) s += (s.empty() ? "" : "、") + S(KindZh(k));
  return s;
}
std::string KindsEn(const std::vector<AfterSalesKind>& kinds) {
  std::string s;
  for (auto k : kinds) s += (s.empty() ? "" : ", ") + S(ToString(k));
  return s;
}

}  // namespace

PolicyDecision DecideAfterSales(const AfterSalesPolicy& policy, const PolicyInput& in) {
  static const MarketRules kDomestic;
  auto market_it = policy.markets.find(in.market);
  const MarketRules& market = market_it == policy.markets.end() ? kDomestic : market_it->second;
  PolicyDecision d = DecideOne(policy, in, market);
  bool claimed = !in.delivered_at && in.claimed_received_at && in.shipped_at;
  if (claimed && d.rule != "quantity_exceeds_line" && d.rule != "not_paid") {
    d.needs_confirmation = true;
    d.explanation_zh += "（签收日期以买家陈述为准，待客服核实；缺少签收记录的后果由卖家承担，《电子商务法》第六十二条。）";
    d.explanation_en += " (Delivery is taken as the buyer states it, for a person to confirm; "
                        "missing delivery records count against the seller, E-Commerce Law Art. 62.)";
  }
  ApplyDeductions(policy, in, d);
  if (d.eligible || d.rule == "quantity_exceeds_line" || d.rule == "not_paid") return d;
  // What would be granted instead, for the same reason: a refusal only ever
  // points to remedies that are themselves granted.
  for (AfterSalesKind k : {AfterSalesKind::kReturnRefund, AfterSalesKind::kRefundOnly,
                           AfterSalesKind::kExchange, AfterSalesKind::kRepair,
                           AfterSalesKind::kResend}) {
    if (k == in.kind) continue;
    PolicyInput alt = in;
    alt.kind = k;
    if (DecideOne(policy, alt, market).eligible) d.alternatives.push_back(k);
  }
  if (!d.alternatives.empty()) {
    d.explanation_zh += "可改为申请：" + KindsZh(d.alternatives) + "。";
    d.explanation_en += " Available instead: " + KindsEn(d.alternatives) + ".";
  }
  return d;
}

}  // namespace kefu
