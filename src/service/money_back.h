// What has gone back to the buyer of an order: refunds of after-sales
// requests and approved money-back compensation (partial and shipping
// refunds) on tickets about it. Together they may never exceed what was
// paid; both after-sales refunds and compensation check it in the write
// transaction that moves the money.
#pragma once

#include <string>

#include "common/status.h"
#include "store/store.h"

namespace kefu {

// kValidation "refund_exceeds_paid" if `extra_fen` more would take what has
// gone back on `order_id` above the order's total. `except` names a
// compensation or request already counted in `extra_fen` (so that it is not
// counted twice), or "". The ceiling is what was paid (nothing before the
// order is paid) plus the punitive damages of refunded requests and
// `extra_allowance_fen`, the punitive damages of the refund being checked.
Status CheckMoneyBack(Store& store, Txn& txn, const std::string& order_id, int64_t extra_fen,
                      const std::string& except = "", int64_t extra_allowance_fen = 0);

}  // namespace kefu
