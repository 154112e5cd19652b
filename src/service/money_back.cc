#include "service/money_back.h"

namespace kefu {

Status CheckMoneyBack(Store& store, Txn& txn, const std::string& order_id, int64_t extra_fen,
                      const std::string& except) {
  if (order_id.empty()) return OkStatus();
  KEFU_ASSIGN_OR_RETURN(Order o, store.GetOrder(txn, order_id));
  int64_t back = extra_fen;
  AfterSalesFilter af;
  af.order_id = o.id;
  af.status = AfterSalesStatus::kRefunded;
  af.limit = 10000;
  KEFU_ASSIGN_OR_RETURN(auto refunded, store.ListAfterSales(txn, af));
  for (const auto& r : refunded) {
    if (r.id != except) back += r.refund_fen;
  }
  CompensationFilter cf;
  cf.order_id = o.id;
  cf.status = CompensationStatus::kApproved;
  cf.limit = 10000;
  KEFU_ASSIGN_OR_RETURN(auto granted, store.ListCompensations(txn, cf));
  for (const auto& g : granted) {
    if (IsMoneyBack(g.kind) && g.id != except) back += g.amount_fen;
  }
  if (back > o.TotalFen()) {
    return Status(StatusCode::kValidation, "refund_exceeds_paid",
                  "refunds and money-back compensation on order " + o.id + " would come to " +
                      FormatYuan(back) + " yuan, more than the " + FormatYuan(o.TotalFen()) +
                      " yuan paid");
  }
  return OkStatus();
}

}  // namespace kefu
