// Macros and forbidden phrases (the reply library, core/reply_library.h)
// from JSON, and back. The id is not part of the body: the store assigns it.
//
// Macro:  {"name": "物流延误致歉", "team": "", "locale": "zh-CN",
//          "body": "{{customer.name}}您好，订单{{order.id}}...",
//          "actions": {"status": "pending_customer", "add_tags": ["delay"], "priority": "P2"}}
// Phrase: {"phrase": "不归我们管", "blocking": false, "reason": "推卸责任"}
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "core/reply_library.h"

namespace kefu {

// Parses and validates (ValidateMacro); `id` is copied into the result.
StatusOr<Macro> ParseMacro(const nlohmann::json& j, const std::string& id);
nlohmann::ordered_json MacroToJson(const Macro& m);  // with "id"

StatusOr<ForbiddenPhrase> ParsePhrase(const nlohmann::json& j, const std::string& id);
nlohmann::ordered_json PhraseToJson(const ForbiddenPhrase& p);  // with "id"

}  // namespace kefu
