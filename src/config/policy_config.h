// SLA policy, escalation rules, teams and agent profiles from JSON, and
// back. Readers refuse unknown fields and name the bad field
// (kValidation). The writers produce what the readers accept.
//
// SLA policy (one document, "default"):
//   {"warning_percent": 80,
//    "rules": [{"name": "vip", "tier": "vip", "priority": "P1", "channel": "chat",
//               "category": "logistics_lost", "team": "after-sales",
//               "first_response_minutes": 30, "next_response_minutes": 60,
//               "resolution_minutes": 480, "pause_on_third_party": false}, ...],
//    "escalations": [{"name": "breach-to-lead", "on": "breach", "metric": "first_response",
//                     "priority": "P2", "tier": "vip", "team": "after-sales",
//                     "notify_lead": true, "raise_priority": true,
//                     "queue": "escalations", "add_tag": "sla_breached"}, ...],
//    "immediate_escalation": [{"cause": "threat:legal", "actions": ["assign_lead"]},
//                             {"cause": "tier:vip", "actions": ["route_team:vip"]}, ...]}
//   Conditions left out match everything; rules are tried in order.
//   immediate_escalation: causes and actions of core/escalation.h, each cause
//   at most once; a cause not listed does nothing. Left out, the defaults
//   (DefaultImmediateEscalations) apply, and the writer always spells them out.
// Team:  {"name": "after-sales", "display_name": "售后一组", "calendar": "cn-office",
//         "lead": "chen.jie", "categories": [...], "channels": ["chat"],
//         "languages": ["zh"], "vip_only": false}
// Agent: {"login": "li.na", "teams": ["after-sales"],
//         "skills": ["category:quality_issue", "language:en", "channel:chat", "vip"],
//         "max_open": 20, "max_chats": 3}
#pragma once

#include <nlohmann/json.hpp>

#include "common/status.h"
#include "core/escalation.h"
#include "core/routing.h"
#include "core/sla.h"

namespace kefu {

struct PolicyConfig {
  SlaPolicy sla;
  std::vector<EscalationRule> escalations;
  std::vector<ImmediateEscalation> immediate = DefaultImmediateEscalations();
  // How long the bot waits for "solved / not solved" before it resolves the
  // chat as bot_auto_resolved (core/bot_followup.h); 1 to 720 hours.
  int bot_confirm_hours = 24;

  // The actions of an immediate cause; empty when the cause is not listed.
  std::span<const ImmediateAction> ImmediateActions(std::string_view cause) const;
};

StatusOr<PolicyConfig> ParsePolicy(const nlohmann::json& j);
nlohmann::ordered_json PolicyToJson(const PolicyConfig& p);

StatusOr<TeamSpec> ParseTeam(const nlohmann::json& j);
nlohmann::ordered_json TeamToJson(const TeamSpec& t);

StatusOr<AgentProfile> ParseAgentProfile(const nlohmann::json& j);
nlohmann::ordered_json AgentProfileToJson(const AgentProfile& a);

}  // namespace kefu
