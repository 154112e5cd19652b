// What an eligible return and refund takes off the refund: gifts the buyer
// keeps and the shipping a broken free-shipping threshold no longer waives
// (see the contract in after_sales_policy.h).
#include <algorithm>

#include "core/after_sales_support.h"
#include "core/money.h"

namespace kefu::policy_support {
namespace {

// Takes up to `amount` off the refundable part (never punitive damages).
void Deduct(PolicyDecision& d, std::string_view code, std::string_view article, int64_t amount) {
  int64_t refundable = d.max_refund_fen - d.punitive_fen;
  amount = std::clamp<int64_t>(amount, 0, refundable);
  if (amount == 0) return;
  d.max_refund_fen -= amount;
  d.deductions.push_back(Deduction{std::string(code), amount, std::string(article)});
}

void Gifts(const PolicyInput& in, PolicyDecision& d) {
  std::string lines_zh, lines_en;
  int64_t value = 0;
  for (const auto& g : in.gifts) {
    if (g.units_due <= 0) continue;
    int64_t v = SaturatingMul(g.units_due, g.unit_value_fen);
    value = SaturatingAdd(value, v);
    std::string n = std::to_string(g.line), q = std::to_string(g.units_due);
    lines_zh += (lines_zh.empty() ? "" : "、") + ("第" + n + "行" + q + "件");
    lines_en += (lines_en.empty() ? "" : ", ") + ("line " + n + " × " + q);
    if (!in.keep_gifts) d.gifts_to_return.push_back(GiftReturn{g.line, g.units_due, v});
  }
  if (lines_zh.empty()) return;
  if (in.keep_gifts) {
    Deduct(d, "gift_not_returned", kInterim13, value);
    d.explanation_zh += "买家保留随商品赠送的赠品（" + lines_zh + "），按事先标明的赠品价格从退款中扣除" +
                        Yuan(value) + "（" + ArticleZh(kInterim13) + "）。";
    d.explanation_en += " The buyer keeps the gifts that came with the goods (" + lines_en +
                        "): their disclosed price, " + Yuan(value) + ", is deducted (" +
                        S(kInterim13) + ").";
  } else {
    d.explanation_zh += "随商品赠送的赠品（" + lines_zh + "）须一并退回；不退回的，按事先标明的价格" +
                        Yuan(value) + "从退款中扣除（" + ArticleZh(kInterim13) + "）。";
    d.explanation_en += " The gifts that came with the goods (" + lines_en +
                        ") come back with them; if kept, their disclosed price of " + Yuan(value) +
                        " is deducted (" + S(kInterim13) + ").";
  }
}

void FreeShipping(const AfterSalesPolicy& p, const PolicyInput& in, PolicyDecision& d) {
  const FreeShippingInput& f = in.free_shipping;
  if (!p.deduct_broken_free_shipping || in.reason != AfterSalesReason::kNoReason ||
      f.threshold_fen <= 0 || f.waived_fen <= 0 || f.deducted_before || f.kept_fen <= 0 ||
      f.kept_fen >= f.threshold_fen) {
    return;
  }
  size_t before = d.deductions.size();
  Deduct(d, "free_shipping_threshold", kInterim18, f.waived_fen);
  if (d.deductions.size() == before) return;
  std::string amount = Yuan(d.deductions.back().amount_fen);
  d.explanation_zh += "退货后订单所余商品" + Yuan(f.kept_fen) + "不足包邮门槛" +
                      Yuan(f.threshold_fen) + "，从退款中扣除原免收的运费" + amount + "（" +
                      ArticleZh(kInterim18) + "）。";
  d.explanation_en += " After this return the goods kept, " + Yuan(f.kept_fen) +
                      ", fall below the free-shipping threshold of " + Yuan(f.threshold_fen) +
                      ": the shipping it waived, " + amount + ", is deducted (" + S(kInterim18) +
                      ").";
}

}  // namespace

void ApplyDeductions(const AfterSalesPolicy& p, const PolicyInput& in, PolicyDecision& d) {
  if (!d.eligible || in.kind != AfterSalesKind::kReturnRefund) return;
  Gifts(in, d);
  FreeShipping(p, in, d);
  if (!d.deductions.empty()) {
    d.explanation_zh += "扣除后最多退款" + Yuan(d.max_refund_fen) + "。";
    d.explanation_en += " After deductions, up to " + Yuan(d.max_refund_fen) + " is refunded.";
  }
}

}  // namespace kefu::policy_support
