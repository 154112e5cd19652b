#include "service/money_back.h"

#include "core/money.h"

namespace kefu {

Status CheckMoneyBack(Store& store, Txn& txn, const std::string& order_id, int64_t extra_fen,
                      const std::string& except, int64_t extra_allowance_fen) {
  if (order_id.empty()) return OkStatus();
  KEFU_ASSIGN_OR_RETURN(Order o, store.GetOrder(txn, order_id));
  int64_t back = 0;  // saturating sums: stored rows may predate the bound on amounts
  int64_t ceiling = o.paid_at ? o.TotalFen() : 0;
  ceiling = SaturatingAdd(ceiling, extra_allowance_fen);
  AfterSalesFilter af;
  af.order_id = o.id;
  af.status = AfterSalesStatus::kRefunded;
  af.limit = 10000;
  KEFU_ASSIGN_OR_RETURN(auto refunded, store.ListAfterSales(txn, af));
  for (const auto& r : refunded) {
    if (r.id == except) continue;
    back = SaturatingAdd(back, r.refund_fen);
    ceiling = SaturatingAdd(ceiling, r.decision.punitive_fen);
  }
  CompensationFilter cf;
  cf.order_id = o.id;
  cf.status = CompensationStatus::kApproved;
  cf.limit = 10000;
  KEFU_ASSIGN_OR_RETURN(auto granted, store.ListCompensations(txn, cf));
  for (const auto& g : granted) {
    if (IsMoneyBack(g.kind) && g.id != except) back = SaturatingAdd(back, g.amount_fen);
  }
  return CheckMoneyBackTotal(o.id, ceiling, back, extra_fen);
}

}  // namespace kefu
