#include "config/reply_config.h"

#include "config/json_fields.h"

namespace kefu {

using nlohmann::json;
using nlohmann::ordered_json;

StatusOr<Macro> ParseMacro(const json& j, const std::string& id) {
  const std::string what = "macro";
  KEFU_RETURN_IF_ERROR(
      config::RefuseUnknown(j, {"name", "team", "locale", "body", "actions"}, what));
  Macro m;
  m.id = id;
  KEFU_RETURN_IF_ERROR(config::ReadString(j, "name", what, m.name, true));
  KEFU_RETURN_IF_ERROR(config::ReadString(j, "team", what, m.team));
  m.locale = "zh-CN";
  KEFU_RETURN_IF_ERROR(config::ReadString(j, "locale", what, m.locale));
  KEFU_RETURN_IF_ERROR(config::ReadString(j, "body", what, m.body, true));
  if (auto it = j.find("actions"); it != j.end()) {
    const std::string where = "macro.actions";
    KEFU_RETURN_IF_ERROR(config::RefuseUnknown(*it, {"status", "add_tags", "priority"}, where));
    KEFU_RETURN_IF_ERROR(
        config::ReadEnum(*it, "status", where, ParseTicketStatus, m.actions.status));
    KEFU_RETURN_IF_ERROR(config::ReadStrings(*it, "add_tags", where, m.actions.add_tags));
    KEFU_RETURN_IF_ERROR(
        config::ReadEnum(*it, "priority", where, ParsePriority, m.actions.priority));
  }
  return ValidateMacro(std::move(m));
}

ordered_json MacroToJson(const Macro& m) {
  ordered_json j;
  j["id"] = m.id;
  j["name"] = m.name;
  j["team"] = m.team;
  j["locale"] = m.locale;
  j["body"] = m.body;
  ordered_json a = ordered_json::object();
  if (m.actions.status) a["status"] = ToString(*m.actions.status);
  a["add_tags"] = m.actions.add_tags;
  if (m.actions.priority) a["priority"] = ToString(*m.actions.priority);
  j["actions"] = std::move(a);
  return j;
}

StatusOr<ForbiddenPhrase> ParsePhrase(const json& j, const std::string& id) {
  const std::string what = "forbidden phrase";
  KEFU_RETURN_IF_ERROR(config::RefuseUnknown(j, {"phrase", "blocking", "reason"}, what));
  ForbiddenPhrase p;
  p.id = id;
  KEFU_RETURN_IF_ERROR(config::ReadString(j, "phrase", what, p.phrase, true));
  KEFU_RETURN_IF_ERROR(config::ReadBool(j, "blocking", what, p.blocking));
  KEFU_RETURN_IF_ERROR(config::ReadString(j, "reason", what, p.reason));
  KEFU_RETURN_IF_ERROR(ValidatePhrase(p));
  return p;
}

ordered_json PhraseToJson(const ForbiddenPhrase& p) {
  ordered_json j;
  j["id"] = p.id;
  j["phrase"] = p.phrase;
  j["blocking"] = p.blocking;
  j["reason"] = p.reason;
  return j;
}

}  // namespace kefu
