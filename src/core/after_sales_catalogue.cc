// The built-in goods catalogue (the legal table the merchant may only
// extend), the rest days for window ends, and the statutory floor every
// after-sales policy must keep.
#include <algorithm>
#include <array>

#include "core/after_sales_policy.h"
#include "core/enums.h"

namespace kefu {
namespace {

constexpr std::array<std::string_view, 6> kNatureNames = {
    "ordinary", "customised", "perishable", "digital_download", "audio_visual_software",
    "periodical"};
constexpr std::array<std::string_view, 4> kGroundNames = {
    "none", "health_or_quality_once_unsealed", "value_lost_once_activated",
    "declared_discount_or_flaw"};

constexpr int kMaxUtcOffsetMinutes = 14 * 60;
constexpr int kChinaOffsetMinutes = 8 * 60;

using G = NonReturnableGround;

CategoryRules Builtin(GoodsNature nature, bool sanbao, bool seal, std::set<G> grounds) {
  CategoryRules r;
  r.nature = nature;
  r.sanbao = sanbao;
  r.seal_is_intact = seal;
  r.grounds = std::move(grounds);
  r.grounds.insert(G::kDeclaredDiscountOrFlaw);  // any goods may be sold as flawed or on clearance
  if (sanbao) r.warranty_days = 365;  // the statutory whole-unit warranty
  return r;
}

// Whether a merchant's nature for a built-in category keeps the buyer's
// rights: the built-in nature, or ordinary (which excludes nothing).
bool NatureKeepsRights(GoodsNature builtin, GoodsNature configured) {
  return configured == builtin || configured == GoodsNature::kOrdinary;
}

Status CheckCategory(const std::string& name, const CategoryRules& r, const std::string& what) {
  auto nonneg = [&](int v, const char* f) {
    return v < 0 ? ValidationError(what + "." + f + " may not be negative") : OkStatus();
  };
  KEFU_RETURN_IF_ERROR(nonneg(r.no_reason_days, "no_reason_days"));
  KEFU_RETURN_IF_ERROR(nonneg(r.fault_return_days, "fault_return_days"));
  KEFU_RETURN_IF_ERROR(nonneg(r.fault_exchange_days, "fault_exchange_days"));
  KEFU_RETURN_IF_ERROR(nonneg(r.warranty_days, "warranty_days"));
  KEFU_RETURN_IF_ERROR(nonneg(r.defect_remedy_days, "defect_remedy_days"));
  const auto& builtin = BuiltinCategories();
  auto b = builtin.find(name);
  if (what == "defaults" && r.nature != GoodsNature::kOrdinary) {
    return ValidationError("defaults.nature must be ordinary: goods the law does not exclude keep "
                           "their no-reason return (CRPL Art. 25)");
  }
  if (b != builtin.end() && !NatureKeepsRights(b->second.nature, r.nature)) {
    return ValidationError(what + ".nature may not be " + std::string(ToString(r.nature)) + ": " +
                           name + " is " + std::string(ToString(b->second.nature)) +
                           " goods by law, and a merchant may not exclude them (CRPL Art. 25)");
  }
  bool returnable =
      r.nature == GoodsNature::kOrdinary || r.nature == GoodsNature::kAudioVisualSoftware;
  if (returnable && r.no_reason_days < 7) {
    return ValidationError(what + ".no_reason_days must be at least 7 for " +
                           std::string(ToString(r.nature)) + " goods (CRPL Art. 25)");
  }
  if (r.fault_return_days < 7) {
    return ValidationError(what + ".fault_return_days must be at least 7 (CRPL Art. 24)");
  }
  if (r.fault_exchange_days < 15) {
    return ValidationError(what + ".fault_exchange_days must be at least 15 (三包)");
  }
  if (r.defect_remedy_days < kMinDefectRemedyDays) {
    return ValidationError(what + ".defect_remedy_days must be at least " +
                           std::to_string(kMinDefectRemedyDays) +
                           " (a reasonable period for defects, Civil Code Art. 621)");
  }
  if (b != builtin.end() && b->second.sanbao && r.warranty_days < b->second.warranty_days) {
    return ValidationError(what + ".warranty_days must be at least " +
                           std::to_string(b->second.warranty_days) + ": " + name +
                           " carry a statutory whole-unit warranty (三包)");
  }
  return OkStatus();
}

Status CheckMarket(const std::string& name, const MarketRules& m, const std::string& what) {
  if (m.utc_offset_minutes < -kMaxUtcOffsetMinutes || m.utc_offset_minutes > kMaxUtcOffsetMinutes) {
    return ValidationError(what + ".utc_offset_minutes must be between -840 and 840");
  }
  if (m.no_reason_days && *m.no_reason_days < 0) {
    return ValidationError(what + ".no_reason_days may not be negative");
  }
  if (name == "cn" && m.cross_border) {
    return ValidationError(what + ".cross_border may not be true: cn is the mainland, domestic "
                                  "market (CRPL Art. 25 applies in full)");
  }
  if (m.cross_border) return OkStatus();
  if (m.utc_offset_minutes != kChinaOffsetMinutes) {
    return ValidationError(what + ".utc_offset_minutes is fixed at 480 (China Standard Time) in a "
                                  "domestic market: windows end at midnight in China");
  }
  if (m.no_reason_days && *m.no_reason_days < 7) {
    return ValidationError(what +
                           ".no_reason_days must be at least 7 in a domestic market (CRPL Art. 25)");
  }
  if (!m.extend_on_rest_day) {
    return ValidationError(what + ".extend_on_rest_day may not be false in a domestic market: a "
                                  "period ending on a rest day runs to the next working day "
                                  "(Civil Code Art. 203)");
  }
  if (m.no_reason_duties != Payer::kBuyer) {
    return ValidationError(what + ".no_reason_duties is only for cross_border markets");
  }
  return OkStatus();
}

}  // namespace

std::string_view ToString(GoodsNature n) { return kNatureNames[static_cast<size_t>(n)]; }
std::optional<GoodsNature> ParseGoodsNature(std::string_view s) {
  return ParseName<GoodsNature>(kNatureNames, s);
}
std::string_view ToString(NonReturnableGround g) { return kGroundNames[static_cast<size_t>(g)]; }
std::optional<NonReturnableGround> ParseNonReturnableGround(std::string_view s) {
  return ParseName<NonReturnableGround>(kGroundNames, s);
}

const std::map<std::string, CategoryRules>& BuiltinCategories() {
  using N = GoodsNature;
  static const auto* table = [] {
    auto* t = new std::map<std::string, CategoryRules>;
    auto& m = *t;
    m["apparel"] = Builtin(N::kOrdinary, false, false, {});
    m["shoes"] = Builtin(N::kOrdinary, false, false, {});
    m["accessories"] = Builtin(N::kOrdinary, false, false, {});
    m["books"] = Builtin(N::kOrdinary, false, false, {});
    m["home"] = Builtin(N::kOrdinary, false, false, {});
    m["toys"] = Builtin(N::kOrdinary, false, false, {});
    m["underwear"] = Builtin(N::kOrdinary, false, true, {G::kHealthOrQualityOnceUnsealed});
    m["beauty"] = Builtin(N::kOrdinary, false, true, {G::kHealthOrQualityOnceUnsealed});
    m["personal_care"] = Builtin(N::kOrdinary, false, true, {G::kHealthOrQualityOnceUnsealed});
    m["food"] = Builtin(N::kOrdinary, false, true, {G::kHealthOrQualityOnceUnsealed});
    m["health"] = Builtin(N::kOrdinary, false, true, {G::kHealthOrQualityOnceUnsealed});
    // 三包 catalogue: a statutory whole-unit warranty of a year.
    m["phones"] = Builtin(N::kOrdinary, true, false, {G::kValueLostOnceActivated});
    m["computers"] = Builtin(N::kOrdinary, true, false, {G::kValueLostOnceActivated});
    m["home_appliances"] = Builtin(N::kOrdinary, true, false, {});
    m["electronics"] = Builtin(N::kOrdinary, false, false, {G::kValueLostOnceActivated});
    // Excluded by law.
    m["fresh_food"] = Builtin(N::kPerishable, false, true, {});
    m["custom_made"] = Builtin(N::kCustomised, false, false, {});
    m["digital"] = Builtin(N::kDigitalDownload, false, false, {});
    m["audio_visual"] = Builtin(N::kAudioVisualSoftware, false, true, {});
    m["software"] = Builtin(N::kAudioVisualSoftware, false, true, {G::kValueLostOnceActivated});
    m["periodicals"] = Builtin(N::kPeriodical, false, false, {});
    return t;
  }();
  return *table;
}

CategoryRules AfterSalesPolicy::RulesFor(const std::string& category) const {
  const auto& builtin = BuiltinCategories();
  auto b = builtin.find(category);
  auto it = categories.find(category);
  if (it == categories.end() && b != builtin.end()) return WithBuiltin(defaults, b->second);
  CategoryRules r = it == categories.end() ? defaults : it->second;
  if (b != builtin.end()) {
    r.sanbao = b->second.sanbao;
    r.seal_is_intact = b->second.seal_is_intact;
    r.grounds = b->second.grounds;
  } else {
    // A merchant's own category: the ground of a declared discount or flaw
    // fits any goods; the others only as the goods' nature says.
    r.grounds.insert(G::kDeclaredDiscountOrFlaw);
  }
  return r;
}

CategoryRules WithBuiltin(CategoryRules base, const CategoryRules& b) {
  base.nature = b.nature;
  base.sanbao = b.sanbao;
  base.seal_is_intact = b.seal_is_intact;
  base.grounds = b.grounds;
  if (b.sanbao) base.warranty_days = std::max(base.warranty_days, b.warranty_days);
  return base;
}

bool RestDays::IsRest(const Date& d) const {
  if (holidays && holidays->count(d)) return true;
  if (workdays && workdays->count(d)) return false;
  return Weekday(d) >= 5;  // Saturday or Sunday
}

Status ValidateAfterSalesPolicy(const AfterSalesPolicy& p) {
  if (p.refund_within_days < 1 || p.refund_within_days > 7) {
    return ValidationError("refund_within_days must be between 1 and 7 (CRPL Art. 25)");
  }
  KEFU_RETURN_IF_ERROR(CheckCategory("", p.defaults, "defaults"));
  for (const auto& [name, rules] : p.categories) {
    if (name.empty()) return ValidationError("categories may not have an empty name");
    KEFU_RETURN_IF_ERROR(CheckCategory(name, rules, "categories." + name));
  }
  for (const auto& [name, rules] : p.markets) {
    if (name.empty()) return ValidationError("markets may not have an empty name");
    KEFU_RETURN_IF_ERROR(CheckMarket(name, rules, "markets." + name));
  }
  return OkStatus();
}

}  // namespace kefu
