// The after-sales configuration document (kind "after_sales", name
// "default"): the policy engine's rules, compensation approval limits,
// team budgets and carrier follow-up. Readers refuse unknown fields and name
// the bad field (kValidation); the writer produces what the reader accepts.
//
// {"refund_within_days": 7, "intercept_in_transit": true, "deduct_broken_free_shipping": true,
//  "defaults": {"nature": "ordinary", "no_reason_days": 7, "no_reason_exchange": true,
//               "merchant_pays_no_reason_shipping": false,
//               "fault_return_days": 7, "fault_exchange_days": 15, "warranty_days": 0,
//               "defect_remedy_days": 180},
//  "categories": {"apparel": {"merchant_pays_no_reason_shipping": true}, ...},
//      fields as "defaults", absent ones from "defaults"; a built-in category
//      (core/after_sales_policy.h BuiltinCategories) keeps its legal nature
//      and statutory warranty where the entry is silent
//  "markets": {"cn": {"cross_border": false, "utc_offset_minutes": 480, "extend_on_rest_day": true},
//              "hk": {"cross_border": true, "no_reason_days": 7, "no_reason_duties": "buyer"}},
//  "approval_limits": {"agent_fen": 5000, "lead_fen": 50000, "manager_fen": null},
//  "team_budgets_fen": {"after-sales": 2000000},
//  "carrier_follow_up_hours": 24}
// Every field is optional; absent ones keep the defaults of the core structs.
// Limits and budgets are JSON integers in [0, kMaxAmountFen] fen
// (core/money.h); anything else, such as an integer above INT64_MAX, a float
// or a string, is kValidation naming the field.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "common/status.h"
#include "core/after_sales_policy.h"
#include "core/compensation.h"

namespace kefu {

struct AfterSalesConfig {
  AfterSalesPolicy policy;
  ApprovalLimits limits;
  std::map<std::string, int64_t> team_budgets_fen;  // monthly; teams not listed: no budget
  int carrier_follow_up_hours = 24;  // remind the assignee of a ticket pending a carrier
};

// Also runs ValidateAfterSalesPolicy.
StatusOr<AfterSalesConfig> ParseAfterSalesConfig(const nlohmann::json& j);
nlohmann::ordered_json AfterSalesConfigToJson(const AfterSalesConfig& c);

}  // namespace kefu
