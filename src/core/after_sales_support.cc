#include "core/after_sales_support.h"

#include <cstdio>

#include "core/calendar.h"
#include "core/model.h"

namespace kefu::policy_support {

std::string S(std::string_view v) { return std::string(v); }

std::string ArticleZh(std::string_view a) {
  if (a == kCrpl23) return "《消费者权益保护法》第二十三条";
  if (a == kCrpl24) return "《消费者权益保护法》第二十四条";
  if (a == kCrpl25) return "《消费者权益保护法》第二十五条";
  if (a == kCrpl55) return "《消费者权益保护法》第五十五条";
  if (a == kEcom20) return "《电子商务法》第二十条";
  if (a == kCivil582) return "《民法典》第五百八十二条";
  if (a == kWrongItem) return "《消费者权益保护法》第二十四条、《民法典》第五百八十二条";
  if (a == kSanbao) return "《部分商品修理更换退货责任规定》（三包规定）";
  if (a == kFood148) return "《食品安全法》第一百四十八条";
  if (a == kInterim7) return "《网络购买商品七日无理由退货暂行办法》第七条";
  if (a == kInterim9) return "《网络购买商品七日无理由退货暂行办法》第九条";
  if (a == kInterim13) return "《网络购买商品七日无理由退货暂行办法》第十三条";
  if (a == kInterim18) return "《网络购买商品七日无理由退货暂行办法》第十八条";
  if (a == kPromise) return "商家承诺（法律只规定七日无理由退货）";
  if (a == kCrossBorderPromise) return "商家的跨境售后承诺（跨境零售进口不适用七日无理由退货的法定规定）";
  return "";
}

std::string Yuan(int64_t fen) { return "¥" + FormatYuan(fen); }

std::string OffsetName(int minutes) {
  char buf[16];
  int a = minutes < 0 ? -minutes : minutes;
  std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

bool IsTransport(AfterSalesReason r) { return r == AfterSalesReason::kDamagedInTransit; }
bool IsDefect(AfterSalesReason r) {
  return r == AfterSalesReason::kQualityFault || r == AfterSalesReason::kNotAsDescribed ||
         r == AfterSalesReason::kDamagedInTransit || r == AfterSalesReason::kWrongItem;
}

std::string_view KindZh(AfterSalesKind k) {
  switch (k) {
    case AfterSalesKind::kReturnRefund: return "退货退款";
    case AfterSalesKind::kRefundOnly: return "仅退款";
    case AfterSalesKind::kExchange: return "换货";
    case AfterSalesKind::kRepair: return "维修";
    case AfterSalesKind::kResend: return "补发";
  }
  return "";
}

std::string_view ReasonZh(AfterSalesReason r) {
  switch (r) {
    case AfterSalesReason::kQualityFault: return "质量问题";
    case AfterSalesReason::kNotAsDescribed: return "与描述不符";
    case AfterSalesReason::kDamagedInTransit: return "运输破损";
    case AfterSalesReason::kWrongItem: return "错发";
    case AfterSalesReason::kNotDelivered: return "未收到货";
    case AfterSalesReason::kMissingItem: return "漏发";
    case AfterSalesReason::kFraud: return "欺诈";
    case AfterSalesReason::kFoodSafety: return "食品安全问题";
    case AfterSalesReason::kNoReason: break;
  }
  return "无理由";
}

std::string_view ReasonEn(AfterSalesReason r) {
  switch (r) {
    case AfterSalesReason::kQualityFault: return "a quality fault";
    case AfterSalesReason::kNotAsDescribed: return "goods not as described";
    case AfterSalesReason::kDamagedInTransit: return "damage in transit";
    case AfterSalesReason::kWrongItem: return "a wrong item";
    case AfterSalesReason::kNotDelivered: return "non-delivery";
    case AfterSalesReason::kMissingItem: return "missing items";
    case AfterSalesReason::kFraud: return "fraud";
    case AfterSalesReason::kFoodSafety: return "unsafe food";
    case AfterSalesReason::kNoReason: break;
  }
  return "no reason";
}

Window MakeWindow(const Ctx& c, Timestamp from, int days) {
  int off = c.market.utc_offset_minutes;
  int64_t last = DaysFromDate(LocalDate(from, off)) + days;
  Window w;
  w.days = days;
  // Civil Code Art. 203: a last day that is a rest day moves to the next
  // working day (bounded: no calendar rests for more than a month).
  for (int i = 0; days > 0 && c.market.extend_on_rest_day && i < 31 &&
                  c.in.rest_days.IsRest(DateFromDays(last));
       ++i) {
    ++last;
    w.extended = true;
  }
  w.end = LocalMidnight(DateFromDays(last + 1), off);
  w.last_day = FormatDate(DateFromDays(last));
  return w;
}

std::string WindowZh(const Ctx& c, const Window& w) {
  std::string s = "签收次日起" + std::to_string(w.days) + "天内（截至" + w.last_day + "，当地时间" +
                  OffsetName(c.market.utc_offset_minutes);
  if (w.extended) s += "；期限最后一日为休息日，依《民法典》第二百零三条顺延至其后第一个工作日";
  return s + "）";
}
std::string WindowEn(const Ctx& c, const Window& w) {
  std::string s = "within " + std::to_string(w.days) +
                  " days from the day after delivery (until the end of " + w.last_day +
                  ", local time " + OffsetName(c.market.utc_offset_minutes);
  if (w.extended) s += "; the last day was a rest day, so it runs to the next working day, Civil Code Art. 203";
  return s + ")";
}

PolicyDecision Make(bool eligible, std::string_view rule, std::string_view article, std::string zh,
                    std::string en) {
  PolicyDecision d;
  d.eligible = eligible;
  d.rule = S(rule);
  d.article = S(article);
  d.explanation_zh = std::move(zh);
  d.explanation_en = std::move(en);
  return d;
}

// "依据《…》：" / "(CRPL Art. 24) ".
std::string PerZh(std::string_view article) { return "依据" + ArticleZh(article) + "，"; }
std::string PerEn(std::string_view article) { return "Under " + S(article) + ": "; }

void SetWindow(PolicyDecision& d, const Window& w) {
  d.window_ends = w.end;
  d.window_extended = w.extended;
}

// A refund of what was paid for the units, nothing to send back.
PolicyDecision RefundNoReturn(const Ctx& c, std::string_view rule, std::string_view article,
                              const std::string& why_zh, const std::string& why_en) {
  std::string amount = Yuan(c.paid_fen);
  PolicyDecision d = Make(true, rule, article,
                          PerZh(article) + why_zh + "可退款" + amount + "，无需寄回商品。",
                          PerEn(article) + why_en + " A refund of " + amount +
                              ", nothing to send back.");
  d.max_refund_fen = c.paid_fen;
  return d;
}

PolicyDecision Resend(std::string_view rule, std::string_view article, const std::string& why_zh,
                      const std::string& why_en) {
  return Make(true, rule, article, PerZh(article) + why_zh + "卖家补发商品，费用由卖家承担，无需寄回。",
              PerEn(article) + why_en + " The seller sends the goods again at its cost; nothing "
              "to send back.");
}


}  // namespace kefu::policy_support
