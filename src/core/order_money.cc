#include "core/order_money.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "core/money.h"

namespace kefu {
namespace {

// a * b / c rounded down, for 0 <= a, 0 <= b <= c, c > 0, without overflow.
int64_t MulDiv(int64_t a, int64_t b, int64_t c) {
  return static_cast<int64_t>(static_cast<__int128>(a) * b / c);
}

Status Field(const std::string& field, const std::string& rule) {
  return ValidationError(field + " " + rule);
}

}  // namespace

int64_t LineGoodsFen(const OrderItem& it) { return SaturatingMul(it.quantity, it.price_fen); }

int64_t LinePaidFen(const OrderItem& it) {
  return std::max<int64_t>(0, SaturatingSub(LineGoodsFen(it), it.discount_fen));
}

int64_t PaidForUnits(const OrderItem& it, int64_t before, int64_t units) {
  if (it.quantity <= 0 || units <= 0) return 0;
  int64_t from = std::clamp<int64_t>(before, 0, it.quantity);
  int64_t to = std::clamp<int64_t>(from + units, 0, it.quantity);
  int64_t paid = LinePaidFen(it);
  return MulDiv(paid, to, it.quantity) - MulDiv(paid, from, it.quantity);
}

int64_t GoodsPaidFen(const Order& o) {
  int64_t total = 0;
  for (const auto& it : o.items) total = SaturatingAdd(total, LinePaidFen(it));
  return total;
}

void SpreadDiscount(Order& o) {
  if (o.discount_fen <= 0) return;
  for (const auto& it : o.items) {
    if (it.discount_fen != 0) return;
  }
  int64_t base = 0;
  for (const auto& it : o.items) {
    if (it.gift_of == 0) base = SaturatingAdd(base, LineGoodsFen(it));
  }
  if (base <= 0 || o.discount_fen > base) return;  // ValidateOrderMoney refuses it
  std::vector<std::pair<int64_t, size_t>> remainders;  // (remainder, line index)
  int64_t given = 0;
  for (size_t i = 0; i < o.items.size(); ++i) {
    OrderItem& it = o.items[i];
    if (it.gift_of != 0) continue;
    __int128 exact = static_cast<__int128>(o.discount_fen) * LineGoodsFen(it);
    it.discount_fen = static_cast<int64_t>(exact / base);
    given += it.discount_fen;
    remainders.emplace_back(static_cast<int64_t>(exact % base), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < o.discount_fen && k < remainders.size(); ++k, ++given) {
    ++o.items[remainders[k].second].discount_fen;
  }
}

Status ValidateOrderMoney(const Order& o) {
  int n = static_cast<int>(o.items.size());
  int64_t shares = 0, goods = 0;
  for (int i = 0; i < n; ++i) {
    const OrderItem& it = o.items[i];
    std::string at = "items[" + std::to_string(i) + "].";
    if (it.gift_of != 0) {
      if (it.gift_of < 1 || it.gift_of > n || it.gift_of == i + 1) {
        return Field(at + "gift_of", "must name another line of the order (1 to " +
                                         std::to_string(n) + ")");
      }
      if (o.items[it.gift_of - 1].gift_of != 0) {
        return Field(at + "gift_of", "must name a line that is not itself a gift");
      }
      if (it.price_fen != 0 || it.discount_fen != 0) {
        return Field(at + "price_fen", "of a gift must be 0, with no discount share: its "
                                       "disclosed price goes in gift_value_fen");
      }
    } else if (it.gift_value_fen != 0) {
      return Field(at + "gift_value_fen", "is only for gift lines (gift_of)");
    }
    if (it.gift_value_fen < 0 || it.gift_value_fen > kMaxPriceFen) {
      return Field(at + "gift_value_fen", "must be between 0 and " + std::to_string(kMaxPriceFen));
    }
    if (it.discount_fen < 0 || it.discount_fen > LineGoodsFen(it)) {
      return Field(at + "discount_fen", "must be between 0 and the line's quantity * price_fen");
    }
    shares = SaturatingAdd(shares, it.discount_fen);
    goods = SaturatingAdd(goods, LineGoodsFen(it));
  }
  if (o.discount_fen < 0 || o.discount_fen > goods) {
    return Field("discount_fen", "must be between 0 and the goods' total " + std::to_string(goods));
  }
  if (shares != o.discount_fen) {
    return Field("items[].discount_fen", "must add up to the order's discount_fen (" +
                                             std::to_string(o.discount_fen) + "), not " +
                                             std::to_string(shares));
  }
  for (auto [name, v] : {std::pair{"shipping_fee_fen", o.shipping_fee_fen},
                         std::pair{"free_shipping_threshold_fen", o.free_shipping_threshold_fen},
                         std::pair{"shipping_waived_fen", o.shipping_waived_fen}}) {
    if (v < 0 || v > kMaxPriceFen) {
      return Field(name, "must be between 0 and " + std::to_string(kMaxPriceFen));
    }
  }
  if (o.shipping_waived_fen > 0) {
    if (o.free_shipping_threshold_fen <= 0 || GoodsPaidFen(o) < o.free_shipping_threshold_fen) {
      return Field("shipping_waived_fen", "needs a free_shipping_threshold_fen the goods paid reach");
    }
    if (o.shipping_fee_fen != 0) {
      return Field("shipping_fee_fen", "must be 0 when the shipping was waived");
    }
  }
  return OkStatus();
}

int64_t GiftUnitsDue(int64_t gift_quantity, int64_t main_quantity, int64_t returned_before,
                     int64_t units) {
  if (gift_quantity <= 0 || main_quantity <= 0 || units <= 0) return 0;
  int64_t before = std::clamp<int64_t>(returned_before, 0, main_quantity);
  int64_t after = std::clamp<int64_t>(before + units, 0, main_quantity);
  return MulDiv(gift_quantity, after, main_quantity) - MulDiv(gift_quantity, before, main_quantity);
}

}  // namespace kefu
