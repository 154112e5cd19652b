#include "config/after_sales_config.h"

#include <limits>

#include "config/json_fields.h"
#include "core/money.h"
#include "core/validation.h"

namespace kefu {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using config::ReadBool;
using config::ReadEnum;
using config::ReadInt;
using config::RefuseUnknown;

constexpr int64_t kMaxDays = 3650;
constexpr int64_t kMaxUtcOffsetMinutes = 14 * 60;
constexpr int64_t kMaxFollowUpHours = 24 * 30;
constexpr size_t kMaxKeyChars = 64;

Status ReadDays(const json& j, const char* key, const std::string& what, int& out) {
  int64_t v = out;
  KEFU_RETURN_IF_ERROR(ReadInt(j, key, what, 0, kMaxDays, v));
  out = static_cast<int>(v);
  return OkStatus();
}

// A money value (`what` names it): a JSON integer in [0, kMaxAmountFen]
// (core/money.h). JSON integers above INT64_MAX are refused, not wrapped.
Status ReadFenValue(const json& v, const std::string& what, int64_t& out) {
  if (!v.is_number_integer()) return ValidationError(what + " must be a whole number of fen");
  constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
  bool too_big = v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(kInt64Max);
  int64_t fen = too_big ? kInt64Max : v.get<int64_t>();
  KEFU_RETURN_IF_ERROR(CheckAmountFen(what, fen, 0, "validation_failed"));
  out = fen;
  return OkStatus();
}

// An optional money field of `j`.
Status ReadFen(const json& j, const char* key, const std::string& what, int64_t& out) {
  auto it = j.find(key);
  if (it == j.end()) return OkStatus();
  return ReadFenValue(*it, what + "." + key, out);
}

Status CheckKey(const std::string& what, const std::string& key) {
  if (key.empty() || key.size() > kMaxKeyChars) {
    return ValidationError(what + " keys must have 1 to 64 characters");
  }
  return OkStatus();
}

// Reads a category over `r` (which holds the inherited values).
Status ReadCategory(const json& j, const std::string& what, CategoryRules& r) {
  KEFU_RETURN_IF_ERROR(RefuseUnknown(j, {"nature", "no_reason_days", "no_reason_exchange",
                                         "merchant_pays_no_reason_shipping", "fault_return_days",
                                         "fault_exchange_days", "warranty_days",
                                         "defect_remedy_days"},
                                     what));
  std::optional<GoodsNature> nature;
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "nature", what, ParseGoodsNature, nature));
  if (nature) r.nature = *nature;
  KEFU_RETURN_IF_ERROR(ReadDays(j, "no_reason_days", what, r.no_reason_days));
  KEFU_RETURN_IF_ERROR(ReadBool(j, "no_reason_exchange", what, r.no_reason_exchange));
  KEFU_RETURN_IF_ERROR(ReadDays(j, "defect_remedy_days", what, r.defect_remedy_days));
  KEFU_RETURN_IF_ERROR(
      ReadBool(j, "merchant_pays_no_reason_shipping", what, r.merchant_pays_no_reason_shipping));
  KEFU_RETURN_IF_ERROR(ReadDays(j, "fault_return_days", what, r.fault_return_days));
  KEFU_RETURN_IF_ERROR(ReadDays(j, "fault_exchange_days", what, r.fault_exchange_days));
  KEFU_RETURN_IF_ERROR(ReadDays(j, "warranty_days", what, r.warranty_days));
  return OkStatus();
}

StatusOr<MarketRules> ReadMarket(const json& j, const std::string& what) {
  KEFU_RETURN_IF_ERROR(RefuseUnknown(
      j, {"cross_border", "no_reason_days", "no_reason_duties", "utc_offset_minutes",
          "extend_on_rest_day"},
      what));
  MarketRules m;
  KEFU_RETURN_IF_ERROR(ReadBool(j, "cross_border", what, m.cross_border));
  KEFU_RETURN_IF_ERROR(ReadBool(j, "extend_on_rest_day", what, m.extend_on_rest_day));
  if (j.contains("no_reason_days") && !j["no_reason_days"].is_null()) {
    int days = 0;
    KEFU_RETURN_IF_ERROR(ReadDays(j, "no_reason_days", what, days));
    m.no_reason_days = days;
  }
  std::optional<Payer> duties;
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "no_reason_duties", what, ParsePayer, duties));
  if (duties) m.no_reason_duties = *duties;
  int64_t offset = m.utc_offset_minutes;
  KEFU_RETURN_IF_ERROR(
      ReadInt(j, "utc_offset_minutes", what, -kMaxUtcOffsetMinutes, kMaxUtcOffsetMinutes, offset));
  m.utc_offset_minutes = static_cast<int>(offset);
  return m;
}

Status ReadLimits(const json& j, ApprovalLimits& l) {
  const std::string what = "approval_limits";
  KEFU_RETURN_IF_ERROR(RefuseUnknown(j, {"agent_fen", "lead_fen", "manager_fen"}, what));
  KEFU_RETURN_IF_ERROR(ReadFen(j, "agent_fen", what, l.agent_fen));
  KEFU_RETURN_IF_ERROR(ReadFen(j, "lead_fen", what, l.lead_fen));
  if (j.contains("manager_fen") && !j["manager_fen"].is_null()) {
    int64_t v = 0;
    KEFU_RETURN_IF_ERROR(ReadFen(j, "manager_fen", what, v));
    l.manager_fen = v;
  }
  if (l.agent_fen > l.lead_fen) {
    return ValidationError("approval_limits.agent_fen may not exceed approval_limits.lead_fen");
  }
  if (l.manager_fen && l.lead_fen > *l.manager_fen) {
    return ValidationError("approval_limits.lead_fen may not exceed approval_limits.manager_fen");
  }
  return OkStatus();
}

// Reads the object at `key` (if present) entry by entry with `read`.
template <typename Read>
Status ReadMap(const json& j, const char* key, Read read) {
  auto it = j.find(key);
  if (it == j.end()) return OkStatus();
  if (!it->is_object()) return ValidationError(std::string(key) + " must be a JSON object");
  for (auto e = it->begin(); e != it->end(); ++e) {
    KEFU_RETURN_IF_ERROR(CheckKey(key, e.key()));
    KEFU_RETURN_IF_ERROR(read(e.key(), e.value(), std::string(key) + "." + e.key()));
  }
  return OkStatus();
}

ordered_json CategoryToJson(const CategoryRules& r) {
  ordered_json j;
  j["nature"] = ToString(r.nature);
  j["no_reason_days"] = r.no_reason_days;
  j["no_reason_exchange"] = r.no_reason_exchange;
  j["merchant_pays_no_reason_shipping"] = r.merchant_pays_no_reason_shipping;
  j["fault_return_days"] = r.fault_return_days;
  j["fault_exchange_days"] = r.fault_exchange_days;
  j["warranty_days"] = r.warranty_days;
  j["defect_remedy_days"] = r.defect_remedy_days;
  return j;
}

}  // namespace

StatusOr<AfterSalesConfig> ParseAfterSalesConfig(const json& j) {
  KEFU_RETURN_IF_ERROR(RefuseUnknown(j, {"refund_within_days", "intercept_in_transit",
                                         "deduct_broken_free_shipping", "defaults",
                                         "categories", "markets", "approval_limits",
                                         "team_budgets_fen", "carrier_follow_up_hours"},
                                     "after_sales"));
  AfterSalesConfig c;
  AfterSalesPolicy& p = c.policy;
  int64_t refund_days = p.refund_within_days;
  KEFU_RETURN_IF_ERROR(ReadInt(j, "refund_within_days", "after_sales", 0, kMaxDays, refund_days));
  p.refund_within_days = static_cast<int>(refund_days);
  KEFU_RETURN_IF_ERROR(ReadBool(j, "intercept_in_transit", "after_sales", p.intercept_in_transit));
  KEFU_RETURN_IF_ERROR(ReadBool(j, "deduct_broken_free_shipping", "after_sales",
                                p.deduct_broken_free_shipping));
  if (j.contains("defaults")) KEFU_RETURN_IF_ERROR(ReadCategory(j["defaults"], "defaults", p.defaults));
  auto read_category = [&](const std::string& name, const json& v, const std::string& what) {
    // Absent fields inherit from "defaults"; a built-in category keeps what
    // the law fixes (its nature, the 三包 warranty).
    const auto& builtin = BuiltinCategories();
    auto b = builtin.find(name);
    CategoryRules r = b != builtin.end() ? WithBuiltin(p.defaults, b->second) : p.defaults;
    KEFU_RETURN_IF_ERROR(ReadCategory(v, what, r));
    p.categories[name] = r;
    return OkStatus();
  };
  auto read_market = [&](const std::string& name, const json& v, const std::string& what) {
    KEFU_ASSIGN_OR_RETURN(p.markets[name], ReadMarket(v, what));
    return OkStatus();
  };
  auto read_budget = [&](const std::string& team, const json& v, const std::string& what) {
    KEFU_RETURN_IF_ERROR(ValidateTeamName(team));
    int64_t fen = 0;
    KEFU_RETURN_IF_ERROR(ReadFenValue(v, what, fen));
    c.team_budgets_fen[team] = fen;
    return OkStatus();
  };
  KEFU_RETURN_IF_ERROR(ReadMap(j, "categories", read_category));
  KEFU_RETURN_IF_ERROR(ReadMap(j, "markets", read_market));
  if (j.contains("approval_limits")) KEFU_RETURN_IF_ERROR(ReadLimits(j["approval_limits"], c.limits));
  KEFU_RETURN_IF_ERROR(ReadMap(j, "team_budgets_fen", read_budget));
  int64_t hours = c.carrier_follow_up_hours;
  KEFU_RETURN_IF_ERROR(
      ReadInt(j, "carrier_follow_up_hours", "after_sales", 1, kMaxFollowUpHours, hours));
  c.carrier_follow_up_hours = static_cast<int>(hours);
  KEFU_RETURN_IF_ERROR(ValidateAfterSalesPolicy(p));
  return c;
}

ordered_json AfterSalesConfigToJson(const AfterSalesConfig& c) {
  const AfterSalesPolicy& p = c.policy;
  ordered_json j;
  j["refund_within_days"] = p.refund_within_days;
  j["intercept_in_transit"] = p.intercept_in_transit;
  j["deduct_broken_free_shipping"] = p.deduct_broken_free_shipping;
  j["defaults"] = CategoryToJson(p.defaults);
  j["categories"] = ordered_json::object();
  for (const auto& [name, r] : p.categories) j["categories"][name] = CategoryToJson(r);
  j["markets"] = ordered_json::object();
  for (const auto& [name, m] : p.markets) {
    ordered_json x;
    x["cross_border"] = m.cross_border;
    if (m.no_reason_days) {
      x["no_reason_days"] = *m.no_reason_days;
    } else {
      x["no_reason_days"] = nullptr;
    }
    x["no_reason_duties"] = ToString(m.no_reason_duties);
    x["utc_offset_minutes"] = m.utc_offset_minutes;
    x["extend_on_rest_day"] = m.extend_on_rest_day;
    j["markets"][name] = std::move(x);
  }
  ordered_json limits;
  limits["agent_fen"] = c.limits.agent_fen;
  limits["lead_fen"] = c.limits.lead_fen;
  if (c.limits.manager_fen) {
    limits["manager_fen"] = *c.limits.manager_fen;
  } else {
    limits["manager_fen"] = nullptr;
  }
  j["approval_limits"] = std::move(limits);
  j["team_budgets_fen"] = ordered_json::object();
  for (const auto& [team, fen] : c.team_budgets_fen) j["team_budgets_fen"][team] = fen;
  j["carrier_follow_up_hours"] = c.carrier_follow_up_hours;
  return j;
}

}  // namespace kefu
