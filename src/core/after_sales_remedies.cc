// Decisions for goods the buyer holds: a refund without return, no-reason
// returns and exchanges, and the remedies for defects (see the contract in
// after_sales_policy.h).
#include <algorithm>

#include "core/after_sales_support.h"

namespace kefu::policy_support {
namespace {

std::string_view ArticleFor(AfterSalesReason r) {
  if (r == AfterSalesReason::kDamagedInTransit) return kEcom20;
  if (r == AfterSalesReason::kWrongItem) return kWrongItem;
  return kCrpl24;
}

std::string_view PayerZh(Payer p) { return p == Payer::kMerchant ? "卖家" : "买家"; }
std::string_view PayerEn(Payer p) { return p == Payer::kMerchant ? "the merchant" : "the buyer"; }

// Refused because a window passed.
PolicyDecision Passed(const Ctx& c, std::string_view rule, std::string_view article,
                      const Window& w, const std::string& what_zh, const std::string& what_en) {
  PolicyDecision d = Make(false, rule, article,
                          PerZh(article) + what_zh + "须在" + WindowZh(c, w) + "提出，期限已过。",
                          PerEn(article) + what_en + " had to be asked " + WindowEn(c, w) +
                              "; that has passed.");
  SetWindow(d, w);
  return d;
}

// Granted for a defect: the merchant pays shipping (and duties).
PolicyDecision Granted(const Ctx& c, std::string_view rule, std::string_view article,
                       const Window& w, const std::string& what_zh, const std::string& what_en) {
  bool digital = c.cat.nature == GoodsNature::kDigitalDownload;
  bool refund = c.in.kind == AfterSalesKind::kReturnRefund;
  std::string zh = PerZh(article) + "售后原因为" + S(ReasonZh(c.in.reason)) + "，" + WindowZh(c, w) +
                   what_zh;
  std::string en = PerEn(article) + "for " + S(ReasonEn(c.in.reason)) + ", " + what_en + " " +
                   WindowEn(c, w);
  if (!digital) {
    zh += "，往返运费等必要费用由卖家承担";
    en += "; the merchant bears shipping and other necessary costs";
  }
  Payer duties = c.market.cross_border && !digital ? Payer::kMerchant : Payer::kNone;
  if (duties != Payer::kNone) {
    zh += "，跨境退回的税费亦由卖家承担";
    en += ", including duties on the cross-border return";
  }
  if (refund) {
    zh += "；最多退款" + Yuan(c.paid_fen);
    en += "; up to " + Yuan(c.paid_fen) + " is refunded";
  }
  PolicyDecision d = Make(true, rule, article, zh + "。", en + ".");
  SetWindow(d, w);
  d.return_required = !digital;
  d.return_shipping = digital ? Payer::kNone : Payer::kMerchant;
  d.duties = duties;
  if (refund) d.max_refund_fen = c.paid_fen;
  return d;
}

PolicyDecision DigitalRevoke(const Ctx& c, Timestamp from) {
  Window w = MakeWindow(c, from, std::max(c.cat.fault_return_days, c.cat.defect_remedy_days));
  if (c.in.now >= w.end) {
    return Passed(c, "fault_return_window_passed", kCrpl24, w, "数字商品的故障退款",
                  "A refund for a faulty digital good");
  }
  PolicyDecision d = RefundNoReturn(c, "digital_revoke_refund", kCrpl24,
                                    "下载的数字商品存在" + S(ReasonZh(c.in.reason)) +
                                        "，卖家撤销授权（下载权限）后",
                                    "The downloaded digital good has " + S(ReasonEn(c.in.reason)) +
                                        "; the seller revokes the licence (the download) and");
  SetWindow(d, w);
  return d;
}

PolicyDecision RefundOnlyDelivered(const Ctx& c) {
  const PolicyInput& in = c.in;
  if (IsDefect(in.reason) && c.cat.nature == GoodsNature::kDigitalDownload) {
    return DigitalRevoke(c, in.replaced_at.value_or(*c.delivered));
  }
  if (IsDefect(in.reason) && c.cat.nature == GoodsNature::kPerishable) {
    Window w = MakeWindow(c, *c.delivered, c.cat.fault_return_days);
    if (in.now < w.end) {
      PolicyDecision d = RefundNoReturn(
          c, "perishable_fault_refund", ArticleFor(in.reason),
          "鲜活易腐商品存在" + S(ReasonZh(in.reason)) + "，" + WindowZh(c, w) + "（变质商品不宜退回）",
          "Perishable goods with " + S(ReasonEn(in.reason)) + ", " + WindowEn(c, w) +
              " (spoilt goods are not sent back).");
      SetWindow(d, w);
      return d;
    }
  }
  std::string_view art = in.reason == AfterSalesReason::kNoReason ? kCrpl25 : ArticleFor(in.reason);
  return Make(false, "return_required", art,
              "商品已签收，仅退款只适用于未收到货、漏发、数字商品或鲜活易腐商品的质量问题；其他情形须寄回商品后退款（" +
                  ArticleZh(art) + "）。",
              "The goods were delivered: a refund without return is only for goods not received, "
              "missing units, digital goods or perishable goods with a fault; otherwise the goods "
              "come back before the refund (" + S(art) + ").");
}

PolicyDecision Excluded(std::string_view rule, std::string_view article, std::string_view what_zh,
                        std::string_view what_en) {
  return Make(false, rule, article,
              S(what_zh) + "不适用七日无理由退货（" + ArticleZh(article) + "）。如商品存在质量问题，仍可按" +
                  ArticleZh(kCrpl24) + "申请。",
              S(what_en) + " are excluded from no-reason returns (" + S(article) +
                  "). A quality fault may still be claimed under " + S(kCrpl24) + ".");
}

// The buyer's confirmation at purchase: whether it excludes these goods now
// (its ground fits the category and its condition is met), and a note for
// the explanation when it does not.
bool ConfirmationExcludes(const Ctx& c, std::string& note_zh, std::string& note_en) {
  const PolicyInput& in = c.in;
  if (!in.non_returnable_confirmed) return false;
  using G = NonReturnableGround;
  G g = in.non_returnable_ground;
  if (g == G::kNone || !c.cat.grounds.count(g)) {
    note_zh = "购买时的“不支持无理由退货”确认没有适用于该类商品的法定理由（" + ArticleZh(kInterim7) +
              "），不影响无理由退货。";
    note_en = " The buyer's confirmation at purchase has no ground of " + S(kInterim7) +
              " that fits these goods, so it does not take away the no-reason return.";
    return false;
  }
  if ((g == G::kHealthOrQualityOnceUnsealed && !in.unsealed) ||
      (g == G::kValueLostOnceActivated && !in.activated)) {
    note_zh = S(g == G::kHealthOrQualityOnceUnsealed ? "商品未拆封" : "商品未激活") +
              "，购买时的确认尚不适用（" + ArticleZh(kInterim7) + "）。";
    note_en = std::string(g == G::kHealthOrQualityOnceUnsealed ? " The goods are still sealed"
                                                               : " The goods were not activated") +
              ", so the confirmation at purchase does not apply yet (" + S(kInterim7) + ").";
    return false;
  }
  return true;
}

PolicyDecision NoReason(const Ctx& c) {
  const PolicyInput& in = c.in;
  if (in.kind == AfterSalesKind::kRepair) {
    return Make(false, "repair_needs_fault", kCrpl24,
                "维修仅适用于质量问题等卖家责任的情形（" + ArticleZh(kCrpl24) + "）。",
                "Repairs are for faults the seller answers for (" + S(kCrpl24) + ").");
  }
  bool exchange = in.kind == AfterSalesKind::kExchange;
  std::string_view basis = c.market.cross_border ? kCrossBorderPromise : exchange ? kPromise : kCrpl25;
  if (exchange && !c.cat.no_reason_exchange) {
    return Make(false, "no_reason_exchange_not_offered", kPromise,
                "法律只规定七日无理由退货，不含无理由换货；本店未对该类商品承诺无理由换货，可申请无理由退货。",
                "The law gives a no-reason return, not an exchange; the shop does not promise "
                "no-reason exchanges for these goods. Ask for a return instead.");
  }
  int days = c.market.cross_border ? c.market.no_reason_days.value_or(0)
                                   : c.market.no_reason_days.value_or(c.cat.no_reason_days);
  if (days <= 0) {
    return Make(false, "no_reason_not_offered", basis,
                "该市场（" + in.market + "）或该类商品不提供无理由退换货（" + ArticleZh(basis) +
                    "）；如商品有质量问题，可按" + ArticleZh(kCrpl24) + "申请。",
                "No-reason returns are not offered in market " + in.market + " for these goods (" +
                    S(basis) + "); a quality fault may still be claimed under " + S(kCrpl24) + ".");
  }
  switch (c.cat.nature) {
    case GoodsNature::kCustomised:
      return Excluded("excluded_customised", kCrpl25, "按您要求定作的商品", "Goods made to the buyer's order");
    case GoodsNature::kPerishable:
      return Excluded("excluded_perishable", kCrpl25, "鲜活易腐商品", "Fresh, live and perishable goods");
    case GoodsNature::kDigitalDownload:
      return Excluded("excluded_digital", kCrpl25, "在线下载的数字化商品", "Digital goods downloaded online");
    case GoodsNature::kAudioVisualSoftware:
      if (in.unsealed) {
        return Excluded("excluded_unsealed_media", kCrpl25, "已拆封的音像制品、计算机软件",
                        "Audio-visual products and software the buyer has unsealed");
      }
      break;
    case GoodsNature::kPeriodical:
      return Excluded("excluded_periodical", kCrpl25, "已交付的报纸、期刊", "Delivered newspapers and periodicals");
    case GoodsNature::kOrdinary:
      break;
  }
  std::string note_zh, note_en;
  if (ConfirmationExcludes(c, note_zh, note_en)) {
    return Make(false, "excluded_confirmed_at_purchase", kInterim7,
                "购买时您已确认该商品不宜退货（理由：" + S(ToString(in.non_returnable_ground)) +
                    "），依据" + ArticleZh(kCrpl25) + "及" + ArticleZh(kInterim7) +
                    "，不适用七日无理由退货；如有质量问题仍可申请售后。",
                "The buyer confirmed at purchase that these goods are not returnable (ground: " +
                    S(ToString(in.non_returnable_ground)) + "; " + S(kCrpl25) + ", " +
                    S(kInterim7) + "); a quality fault may still be claimed.");
  }
  if (in.unsealed && c.cat.seal_is_intact) {
    return Make(false, "unsealed_hygiene", kInterim9,
                "该类商品必要的一次性密封包装已被拆封，依据" + ArticleZh(kInterim9) +
                    "视为商品不完好，不能无理由退货；如有质量问题仍可申请售后。",
                "The one-time seal these goods need has been broken: under " + S(kInterim9) +
                    " they are not intact, so no-reason return is refused; a quality fault may "
                    "still be claimed.");
  }
  if (!in.intact) {
    return Make(false, "not_intact", kInterim9,
                "无理由退货的商品须保持完好：原有品质和功能不变，商品本身、配件、商标标识齐全（" +
                    ArticleZh(kCrpl25) + "、" + ArticleZh(kInterim9) + "）。",
                "Goods returned without a reason must be intact: original quality and function, "
                "with item, accessories and brand marks complete (" + S(kCrpl25) + ", " +
                    S(kInterim9) + ").");
  }
  Window w = MakeWindow(c, *c.delivered, days);
  if (in.now >= w.end) {
    PolicyDecision d = Passed(c, "no_reason_window_passed", basis, w,
                              exchange ? "无理由换货" : "无理由退货",
                              exchange ? "A no-reason exchange" : "A no-reason return");
    d.explanation_zh += "如商品有质量问题，可按" + ArticleZh(kCrpl24) + "申请。";
    d.explanation_en += " A quality fault may still be claimed under " + S(kCrpl24) + ".";
    return d;
  }
  Payer ship = c.cat.merchant_pays_no_reason_shipping ? Payer::kMerchant : Payer::kBuyer;
  Payer duties = c.market.cross_border ? c.market.no_reason_duties : Payer::kNone;
  std::string zh = PerZh(basis) + WindowZh(c, w) + "可无理由" + (exchange ? "换货" : "退货") +
                   "；商品须保持完好，寄回运费由" + S(PayerZh(ship)) + "承担";
  std::string en = PerEn(basis) + (exchange ? "exchangeable" : "returnable") + " without a reason " +
                   WindowEn(c, w) + ". The goods must be intact; " + S(PayerEn(ship)) +
                   " pays return shipping";
  if (duties != Payer::kNone) {
    zh += "，跨境退货的进口税费由" + S(PayerZh(duties)) + "承担";
    en += ", and " + S(PayerEn(duties)) + " bears import duties on the return";
  }
  if (!exchange) {
    zh += "。卖家收到退货后" + std::to_string(c.policy.refund_within_days) + "日内退款，最多" +
          Yuan(c.paid_fen);
    en += ". The seller refunds up to " + Yuan(c.paid_fen) + " within " +
          std::to_string(c.policy.refund_within_days) + " days of receiving the goods";
  }
  PolicyDecision d = Make(true, exchange ? "no_reason_exchange" : "no_reason_return", basis,
                          zh + "。" + note_zh, en + "." + note_en);
  SetWindow(d, w);
  d.return_shipping = ship;
  d.duties = duties;
  d.return_required = true;
  if (!exchange) d.max_refund_fen = c.paid_fen;
  return d;
}

PolicyDecision Fault(const Ctx& c) {
  const PolicyInput& in = c.in;
  bool about_goods =
      in.reason == AfterSalesReason::kQualityFault || in.reason == AfterSalesReason::kNotAsDescribed;
  if (about_goods && in.claim_is_disclosed_defect && !in.disclosed_defect.empty()) {
    return Make(false, "disclosed_defect", kCrpl23,
                "该瑕疵（" + in.disclosed_defect + "）已在销售前明示，依据" + ArticleZh(kCrpl23) +
                    "，卖家不对已告知的瑕疵承担责任；其他质量问题不受影响。",
                "This defect (" + in.disclosed_defect + ") was disclosed before the sale: under " +
                    S(kCrpl23) + " the seller does not answer for it; any other defect is not "
                    "affected.");
  }
  Timestamp from = in.replaced_at.value_or(*c.delivered);  // a replacement starts a new period
  if (c.cat.nature == GoodsNature::kDigitalDownload && in.kind == AfterSalesKind::kReturnRefund) {
    return DigitalRevoke(c, from);
  }
  std::string_view art = ArticleFor(in.reason);
  bool transport = IsTransport(in.reason);
  bool wrong = in.reason == AfterSalesReason::kWrongItem;
  int repair_days = std::max(c.cat.warranty_days, c.cat.sanbao ? 0 : c.cat.defect_remedy_days);
  Window repair_w = MakeWindow(c, from, repair_days);
  bool repeated = in.repairs_done >= 2 && repair_days > 0 && in.now < repair_w.end;
  switch (in.kind) {
    case AfterSalesKind::kRepair: {
      if (wrong) {
        return Make(false, "repair_needs_fault", kWrongItem,
                    "错发的商品应退回或换成所购商品，不适用维修。",
                    "A wrong item is returned or exchanged for the goods bought, not repaired.");
      }
      Window w = MakeWindow(c, from, c.cat.warranty_days);
      if (c.cat.warranty_days > 0 && in.now < w.end) {
        return Granted(c, "warranty_repair", c.cat.sanbao ? kSanbao : art, w, "可在保修期内维修",
                       "a repair under warranty is possible");
      }
      if (!c.cat.sanbao && in.now < repair_w.end) {
        return Granted(c, "defect_remedy_repair", kCivil582, repair_w,
                       "不在三包目录的商品存在缺陷，可在合理期限内维修", "a repair of the defect within a reasonable period is possible");
      }
      return Passed(c, "warranty_expired", c.cat.sanbao ? kSanbao : art, repair_w, "维修",
                    "A repair");
    }
    default: {  // kExchange or kReturnRefund (refund_only is decided before)
      bool exchange = in.kind == AfterSalesKind::kExchange;
      std::string what_zh = exchange ? "换货" : "退货退款";
      std::string what_en = exchange ? "an exchange" : "a return and refund";
      std::string suffix = exchange ? "exchange" : "return";
      int days = exchange ? c.cat.fault_exchange_days : c.cat.fault_return_days;
      Window w = MakeWindow(c, from, wrong ? std::max(days, c.cat.defect_remedy_days) : days);
      if (in.now < w.end) {
        std::string rule = (transport ? "transit_damage_" : wrong ? "wrong_item_" : "fault_") + suffix;
        return Granted(c, rule, art, w, "可" + what_zh, what_en + " is possible");
      }
      if (repeated) {
        return Granted(c, "repeated_repair_" + suffix, kSanbao, repair_w,
                       "保修期内经两次修理仍不能正常使用，可" + what_zh,
                       "after two repairs that failed within the warranty, " + what_en + " is possible");
      }
      if (exchange && !c.cat.sanbao && !wrong && in.now < repair_w.end) {
        return Granted(c, "defect_remedy_exchange", kCivil582, repair_w,
                       "不在三包目录的商品存在缺陷，可在合理期限内换货",
                       "an exchange for the defect within a reasonable period is possible");
      }
      std::string passed_en = what_en;
      passed_en[0] = 'A';
      PolicyDecision d = Passed(c, "fault_" + suffix + "_window_passed", art, w, what_zh, passed_en);
      if (!exchange) {
        d.explanation_zh += "质量问题致使不能实现合同目的的，仍可主张退货，由客服核实。";
        d.explanation_en += " If the defect defeats the purpose of the purchase, a return may still "
                            "be claimed, for a person to judge.";
      }
      return d;
    }
  }
}

}  // namespace

PolicyDecision DecideDelivered(const Ctx& c) {
  if (c.in.kind == AfterSalesKind::kRefundOnly) return RefundOnlyDelivered(c);
  if (c.in.reason == AfterSalesReason::kNoReason) return NoReason(c);
  return Fault(c);
}

}  // namespace kefu::policy_support
