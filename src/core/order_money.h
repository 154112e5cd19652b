// What each order line cost the buyer: order-level discounts spread over
// the lines, gifts linked to their main line, and the free-shipping promise
// (满X包邮). Pure: no I/O. The after-sales service uses these to tell the
// policy engine what was paid for the units asked about and which gifts come
// back with them (core/after_sales_policy.h).
#pragma once

#include <cstdint>

#include "common/status.h"
#include "core/model.h"

namespace kefu {

// quantity * price_fen of a line, before discounts.
int64_t LineGoodsFen(const OrderItem& it);
// What the buyer paid for the whole line: LineGoodsFen - discount_fen.
int64_t LinePaidFen(const OrderItem& it);
// What the buyer paid for `units` more of the line's units after `before`
// were counted: LinePaidFen in proportion, the running total rounded down
// to the fen, so units counted one request at a time add up to the whole
// line exactly (the last units take the fen left over).
int64_t PaidForUnits(const OrderItem& it, int64_t before, int64_t units);
// The goods the buyer paid for: the sum of LinePaidFen.
int64_t GoodsPaidFen(const Order& o);

// When no line carries a discount share, spreads o.discount_fen over the
// lines that are not gifts in proportion to their LineGoodsFen: each line
// gets the rounded-down share, and the fen left over go one each to the
// lines with the largest remainders (the earlier line first on a tie).
// Lines that already carry shares are left alone (ValidateOrderMoney checks
// that they add up). Call before ValidateOrderMoney.
void SpreadDiscount(Order& o);

// kValidation naming the field unless:
//  - a gift line (gift_of > 0) names another line that is not itself a
//    gift, has price_fen 0 and no discount share; gift_value_fen is in
//    [0, kMaxPriceFen] and only on gift lines;
//  - every discount share is in [0, LineGoodsFen] and the shares add up to
//    discount_fen, which is at most the goods' total;
//  - shipping_fee_fen, free_shipping_threshold_fen and shipping_waived_fen
//    are in [0, kMaxPriceFen]; a waived fee needs a threshold the goods paid
//    reach, and then no fee was charged.
// REQUIRES: the lines passed ValidateOrder's per-line bounds.
Status ValidateOrderMoney(const Order& o);

// The units of a gift line (gift_quantity given with main_quantity units)
// that come back when `units` more main units are returned after
// `returned_before` were: gifts follow the main units in proportion,
// rounded down, so the last main unit returned brings back the last gift.
int64_t GiftUnitsDue(int64_t gift_quantity, int64_t main_quantity, int64_t returned_before,
                     int64_t units);

}  // namespace kefu
