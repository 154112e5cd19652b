#include "config/policy_config.h"

#include "config/json_fields.h"
#include "core/validation.h"

namespace kefu {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using config::ReadBool;
using config::ReadEnum;
using config::ReadInt;
using config::ReadString;
using config::ReadStrings;
using config::RefuseUnknown;

constexpr int64_t kMaxTargetMinutes = 60 * 24 * 365;

std::optional<SlaMetric> ParseMetric(std::string_view s) {
  for (auto m : {SlaMetric::kFirstResponse, SlaMetric::kNextResponse, SlaMetric::kResolution}) {
    if (ToString(m) == s) return m;
  }
  return std::nullopt;
}

std::optional<FiringKind> ParseTrigger(std::string_view s) {
  auto k = ParseFiringKind(s);
  if (k == FiringKind::kImmediate) return std::nullopt;
  return k;
}

Status ReadName(const json& j, const std::string& what, std::string& out) {
  KEFU_RETURN_IF_ERROR(ReadString(j, "name", what, out, true));
  return CheckText(what + ".name", out, 1, kMaxNameChars);
}

StatusOr<SlaRule> ParseRule(const json& j, const std::string& what) {
  KEFU_RETURN_IF_ERROR(RefuseUnknown(
      j, {"name", "priority", "tier", "channel", "category", "team", "first_response_minutes",
          "next_response_minutes", "resolution_minutes", "pause_on_third_party"},
      what));
  SlaRule r;
  KEFU_RETURN_IF_ERROR(ReadName(j, what, r.name));
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "priority", what, ParsePriority, r.priority));
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "tier", what, ParseTier, r.tier));
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "channel", what, ParseChannel, r.channel));
  KEFU_RETURN_IF_ERROR(ReadString(j, "category", what, r.category));
  KEFU_RETURN_IF_ERROR(ValidateCategory(r.category));
  KEFU_RETURN_IF_ERROR(ReadString(j, "team", what, r.team));
  if (!r.team.empty()) KEFU_RETURN_IF_ERROR(ValidateTeamName(r.team));
  SlaTargets& t = r.targets;
  KEFU_RETURN_IF_ERROR(ReadInt(j, "first_response_minutes", what, 0, kMaxTargetMinutes,
                               t.first_response_minutes));
  KEFU_RETURN_IF_ERROR(ReadInt(j, "next_response_minutes", what, 0, kMaxTargetMinutes,
                               t.next_response_minutes));
  KEFU_RETURN_IF_ERROR(
      ReadInt(j, "resolution_minutes", what, 0, kMaxTargetMinutes, t.resolution_minutes));
  KEFU_RETURN_IF_ERROR(ReadBool(j, "pause_on_third_party", what, t.pause_on_third_party));
  return r;
}

StatusOr<EscalationRule> ParseEscalation(const json& j, const std::string& what) {
  KEFU_RETURN_IF_ERROR(RefuseUnknown(j, {"name", "on", "metric", "priority", "tier", "team",
                                         "notify_lead", "raise_priority", "queue", "add_tag"},
                                     what));
  EscalationRule r;
  KEFU_RETURN_IF_ERROR(ReadName(j, what, r.name));
  std::optional<FiringKind> on;
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "on", what, ParseTrigger, on));
  if (!on) return ValidationError(what + ".on is required: \"warning\" or \"breach\"");
  r.on = *on;
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "metric", what, ParseMetric, r.metric));
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "priority", what, ParsePriority, r.priority));
  KEFU_RETURN_IF_ERROR(ReadEnum(j, "tier", what, ParseTier, r.tier));
  KEFU_RETURN_IF_ERROR(ReadString(j, "team", what, r.team));
  if (!r.team.empty()) KEFU_RETURN_IF_ERROR(ValidateTeamName(r.team));
  KEFU_RETURN_IF_ERROR(ReadBool(j, "notify_lead", what, r.notify_lead));
  KEFU_RETURN_IF_ERROR(ReadBool(j, "raise_priority", what, r.raise_priority));
  KEFU_RETURN_IF_ERROR(ReadString(j, "queue", what, r.queue));
  if (!r.queue.empty()) KEFU_RETURN_IF_ERROR(ValidateTeamName(r.queue));
  KEFU_RETURN_IF_ERROR(ReadString(j, "add_tag", what, r.add_tag));
  if (!r.add_tag.empty()) KEFU_RETURN_IF_ERROR(NormalizeTags({r.add_tag}).status());
  if (!r.notify_lead && !r.raise_priority && r.queue.empty() && r.add_tag.empty()) {
    return ValidationError(what + " has no action");
  }
  return r;
}

StatusOr<ImmediateEscalation> ParseImmediate(const json& j, const std::string& what) {
  KEFU_RETURN_IF_ERROR(RefuseUnknown(j, {"cause", "actions"}, what));
  ImmediateEscalation e;
  KEFU_RETURN_IF_ERROR(ReadString(j, "cause", what, e.cause, true));
  if (!IsImmediateCause(e.cause)) {
    return ValidationError(what + ".cause is unknown: " + Echo(e.cause) +
                           " (threat:legal, threat:public, threat:review, priority:P1, tier:vip "
                           "or negative_vip)");
  }
  std::vector<std::string> actions;
  KEFU_RETURN_IF_ERROR(ReadStrings(j, "actions", what, actions));
  for (size_t i = 0; i < actions.size(); ++i) {
    auto a = ParseImmediateAction(actions[i]);
    if (!a) {
      return ValidationError(what + ".actions[" + std::to_string(i) + "] is unknown: " +
                             Echo(actions[i]) +
                             " (notify_lead, assign_lead, raise_priority or route_team:<team>)");
    }
    e.actions.push_back(std::move(*a));
  }
  return e;
}

template <typename T, typename Parse>
Status ReadList(const json& j, const char* key, const std::string& what, Parse parse,
                std::vector<T>& out) {
  auto it = j.find(key);
  if (it == j.end()) return OkStatus();
  if (!it->is_array()) return ValidationError(what + "." + key + " must be an array");
  for (size_t i = 0; i < it->size(); ++i) {
    KEFU_ASSIGN_OR_RETURN(T v, parse((*it)[i], what + "." + key + "[" + std::to_string(i) + "]"));
    out.push_back(std::move(v));
  }
  return OkStatus();
}

template <typename E>
void PutEnum(ordered_json& j, const char* key, const std::optional<E>& v) {
  if (v) j[key] = ToString(*v);
}

}  // namespace

StatusOr<PolicyConfig> ParsePolicy(const json& j) {
  const std::string what = "sla policy";
  KEFU_RETURN_IF_ERROR(RefuseUnknown(
      j, {"warning_percent", "rules", "escalations", "immediate_escalation", "bot_confirm_hours"},
      what));
  PolicyConfig p;
  int64_t warning = p.sla.warning_percent;
  KEFU_RETURN_IF_ERROR(ReadInt(j, "warning_percent", what, 1, 99, warning));
  p.sla.warning_percent = static_cast<int>(warning);
  int64_t bot_hours = p.bot_confirm_hours;
  KEFU_RETURN_IF_ERROR(ReadInt(j, "bot_confirm_hours", what, 1, 720, bot_hours));
  p.bot_confirm_hours = static_cast<int>(bot_hours);
  KEFU_RETURN_IF_ERROR(ReadList(j, "rules", what, ParseRule, p.sla.rules));
  KEFU_RETURN_IF_ERROR(ReadList(j, "escalations", what, ParseEscalation, p.escalations));
  if (j.contains("immediate_escalation")) {
    p.immediate.clear();
    KEFU_RETURN_IF_ERROR(
        ReadList(j, "immediate_escalation", what, ParseImmediate, p.immediate));
    for (size_t i = 0; i < p.immediate.size(); ++i) {
      for (size_t k = 0; k < i; ++k) {
        if (p.immediate[k].cause == p.immediate[i].cause) {
          return ValidationError(what + ".immediate_escalation[" + std::to_string(i) +
                                 "].cause is listed twice: " + p.immediate[i].cause);
        }
      }
    }
  }
  return p;
}

std::span<const ImmediateAction> PolicyConfig::ImmediateActions(std::string_view cause) const {
  for (const auto& e : immediate) {
    if (e.cause == cause) return e.actions;
  }
  return {};
}

ordered_json PolicyToJson(const PolicyConfig& p) {
  ordered_json j;
  j["warning_percent"] = p.sla.warning_percent;
  j["rules"] = ordered_json::array();
  for (const auto& r : p.sla.rules) {
    ordered_json x;
    x["name"] = r.name;
    PutEnum(x, "priority", r.priority);
    PutEnum(x, "tier", r.tier);
    PutEnum(x, "channel", r.channel);
    if (!r.category.empty()) x["category"] = r.category;
    if (!r.team.empty()) x["team"] = r.team;
    x["first_response_minutes"] = r.targets.first_response_minutes;
    x["next_response_minutes"] = r.targets.next_response_minutes;
    x["resolution_minutes"] = r.targets.resolution_minutes;
    x["pause_on_third_party"] = r.targets.pause_on_third_party;
    j["rules"].push_back(std::move(x));
  }
  j["escalations"] = ordered_json::array();
  for (const auto& r : p.escalations) {
    ordered_json x;
    x["name"] = r.name;
    x["on"] = ToString(r.on);
    PutEnum(x, "metric", r.metric);
    PutEnum(x, "priority", r.priority);
    PutEnum(x, "tier", r.tier);
    if (!r.team.empty()) x["team"] = r.team;
    x["notify_lead"] = r.notify_lead;
    x["raise_priority"] = r.raise_priority;
    if (!r.queue.empty()) x["queue"] = r.queue;
    if (!r.add_tag.empty()) x["add_tag"] = r.add_tag;
    j["escalations"].push_back(std::move(x));
  }
  j["immediate_escalation"] = ordered_json::array();
  for (const auto& e : p.immediate) {
    ordered_json actions = ordered_json::array();
    for (const auto& a : e.actions) actions.push_back(ToString(a));
    j["immediate_escalation"].push_back({{"cause", e.cause}, {"actions", std::move(actions)}});
  }
  j["bot_confirm_hours"] = p.bot_confirm_hours;
  return j;
}

StatusOr<TeamSpec> ParseTeam(const json& j) {
  const std::string what = "team";
  KEFU_RETURN_IF_ERROR(RefuseUnknown(j, {"name", "display_name", "calendar", "lead", "categories",
                                         "channels", "languages", "vip_only"},
                                     what));
  TeamSpec t;
  KEFU_RETURN_IF_ERROR(ReadString(j, "name", what, t.name, true));
  KEFU_RETURN_IF_ERROR(ValidateTeamName(t.name));
  KEFU_RETURN_IF_ERROR(ReadString(j, "display_name", what, t.display_name));
  KEFU_RETURN_IF_ERROR(CheckText("team.display_name", t.display_name, 0, kMaxNameChars));
  KEFU_RETURN_IF_ERROR(ReadString(j, "calendar", what, t.calendar));
  KEFU_RETURN_IF_ERROR(ReadString(j, "lead", what, t.lead));
  KEFU_RETURN_IF_ERROR(ReadStrings(j, "categories", what, t.categories));
  for (const auto& c : t.categories) {
    if (c.empty()) return ValidationError("team.categories may not hold an empty code");
    KEFU_RETURN_IF_ERROR(ValidateCategory(c));
  }
  std::vector<std::string> channels;
  KEFU_RETURN_IF_ERROR(ReadStrings(j, "channels", what, channels));
  for (const auto& c : channels) {
    auto ch = ParseChannel(c);
    if (!ch) return ValidationError("team.channels has an unknown channel: " + Echo(c));
    t.channels.push_back(*ch);
  }
  KEFU_RETURN_IF_ERROR(ReadStrings(j, "languages", what, t.languages));
  for (const auto& l : t.languages) KEFU_RETURN_IF_ERROR(ValidateLanguage(l));
  KEFU_RETURN_IF_ERROR(ReadBool(j, "vip_only", what, t.vip_only));
  return t;
}

ordered_json TeamToJson(const TeamSpec& t) {
  ordered_json j;
  j["name"] = t.name;
  j["display_name"] = t.display_name;
  j["calendar"] = t.calendar;
  j["lead"] = t.lead;
  j["categories"] = t.categories;
  j["channels"] = ordered_json::array();
  for (auto c : t.channels) j["channels"].push_back(ToString(c));
  j["languages"] = t.languages;
  j["vip_only"] = t.vip_only;
  return j;
}

StatusOr<AgentProfile> ParseAgentProfile(const json& j) {
  const std::string what = "agent";
  KEFU_RETURN_IF_ERROR(
      RefuseUnknown(j, {"login", "teams", "skills", "max_open", "max_chats"}, what));
  AgentProfile a;
  KEFU_RETURN_IF_ERROR(ReadString(j, "login", what, a.login, true));
  KEFU_RETURN_IF_ERROR(CheckText("agent.login", a.login, 1, kMaxNameChars));
  KEFU_RETURN_IF_ERROR(ReadStrings(j, "teams", what, a.teams));
  for (const auto& t : a.teams) KEFU_RETURN_IF_ERROR(ValidateTeamName(t));
  KEFU_RETURN_IF_ERROR(ReadStrings(j, "skills", what, a.skills));
  for (const auto& s : a.skills) {
    if (!IsKnownSkill(s)) {
      return ValidationError("agent.skills has an unknown skill: " + Echo(s) +
                             " (category:<code>, language:<zh|en>, channel:<name> or vip)");
    }
  }
  int64_t max_open = a.max_open, max_chats = a.max_chats;
  KEFU_RETURN_IF_ERROR(ReadInt(j, "max_open", what, 0, 1000, max_open));
  KEFU_RETURN_IF_ERROR(ReadInt(j, "max_chats", what, 0, 100, max_chats));
  a.max_open = static_cast<int>(max_open);
  a.max_chats = static_cast<int>(max_chats);
  return a;
}

ordered_json AgentProfileToJson(const AgentProfile& a) {
  ordered_json j;
  j["login"] = a.login;
  j["teams"] = a.teams;
  j["skills"] = a.skills;
  j["max_open"] = a.max_open;
  j["max_chats"] = a.max_chats;
  return j;
}

}  // namespace kefu
