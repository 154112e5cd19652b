// SLA policy, teams, agent profiles, macros and phrases from JSON: what the
// readers accept, that the writers' output reads back the same, and that
// every malformed field is refused with its name.
#include <gtest/gtest.h>

#include "config/policy_config.h"
#include "config/reply_config.h"

namespace kefu {
namespace {

using nlohmann::json;

json Reparse(const nlohmann::ordered_json& j) { return json::parse(j.dump()); }

// The error message of parsing `text` with `parse`, "" if it parsed.
template <typename Parse>
std::string ErrorOf(Parse parse, const char* text) {
  auto r = parse(json::parse(text));
  return r.ok() ? "" : r.status().message();
}

TEST(PolicyConfigTest, ReadsRulesAndEscalationsAndWritesThemBack) {
  auto p = ParsePolicy(json::parse(R"({
    "warning_percent": 75,
    "rules": [{"name": "VIP客户", "tier": "vip", "channel": "chat", "first_response_minutes": 15,
               "resolution_minutes": 480, "pause_on_third_party": true},
              {"name": "默认", "first_response_minutes": 60}],
    "escalations": [{"name": "up", "on": "breach", "metric": "resolution", "priority": "P2",
                     "team": "after-sales", "raise_priority": true, "queue": "complaints",
                     "add_tag": "超时"}]})"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->sla.warning_percent, 75);
  ASSERT_EQ(p->sla.rules.size(), 2u);
  EXPECT_EQ(p->sla.rules[0].tier, Tier::kVip);
  EXPECT_EQ(p->sla.rules[0].channel, Channel::kChat);
  EXPECT_FALSE(p->sla.rules[0].priority.has_value());
  EXPECT_EQ(p->sla.rules[0].targets.first_response_minutes, 15);
  EXPECT_EQ(p->sla.rules[0].targets.next_response_minutes, 0);
  EXPECT_TRUE(p->sla.rules[0].targets.pause_on_third_party);
  ASSERT_EQ(p->escalations.size(), 1u);
  const EscalationRule& e = p->escalations[0];
  EXPECT_EQ(e.on, FiringKind::kBreach);
  EXPECT_EQ(e.metric, SlaMetric::kResolution);
  EXPECT_EQ(e.priority, Priority::kP2);
  EXPECT_TRUE(e.raise_priority);
  EXPECT_FALSE(e.notify_lead);
  EXPECT_EQ(e.queue, "complaints");
  EXPECT_EQ(e.add_tag, "超时");

  auto again = ParsePolicy(Reparse(PolicyToJson(*p)));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(PolicyToJson(*again).dump(), PolicyToJson(*p).dump());
}

TEST(PolicyConfigTest, RefusesMalformedPolicies) {
  auto err = [](const char* t) { return ErrorOf(ParsePolicy, t); };
  EXPECT_EQ(err(R"({"rules": []})"), "");
  EXPECT_NE(err(R"({"rulez": []})").find("rulez"), std::string::npos);
  EXPECT_NE(err(R"({"warning_percent": 100})").find("warning_percent"), std::string::npos);
  EXPECT_NE(err(R"({"rules": [{"first_response_minutes": 5}]})").find("name"), std::string::npos);
  EXPECT_NE(err(R"({"rules": [{"name": "x", "first_response_minutes": -1}]})").find("first_response_minutes"),
            std::string::npos);
  EXPECT_NE(err(R"({"rules": [{"name": "x", "priority": "P9"}]})").find("priority"), std::string::npos);
  EXPECT_NE(err(R"({"rules": [{"name": "x", "category": "cats"}]})"), "");
  EXPECT_NE(err(R"({"rules": [{"name": "x", "team": "Bad Team"}]})"), "");
  EXPECT_NE(err(R"({"escalations": [{"name": "x", "notify_lead": true}]})").find("on"),
            std::string::npos);
  EXPECT_NE(err(R"({"escalations": [{"name": "x", "on": "immediate", "notify_lead": true}]})"), "");
  EXPECT_NE(err(R"({"escalations": [{"name": "x", "on": "breach"}]})").find("no action"),
            std::string::npos);
  EXPECT_NE(err(R"({"escalations": [{"name": "x", "on": "breach", "metric": "speed", "notify_lead": true}]})"),
            "");
  EXPECT_NE(err(R"({"escalations": [{"name": "x", "on": "breach", "add_tag": "a b"}]})"), "");
}

TEST(PolicyConfigTest, ImmediateEscalationDefaultsAndReplaces) {
  auto defaults = ParsePolicy(json::parse(R"({"rules": []})"));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->immediate, DefaultImmediateEscalations());
  auto legal = defaults->ImmediateActions("threat:legal");
  EXPECT_EQ(std::vector<ImmediateAction>(legal.begin(), legal.end()),
            std::vector<ImmediateAction>{*ParseImmediateAction("assign_lead")});

  auto p = ParsePolicy(json::parse(R"({"immediate_escalation": [
      {"cause": "priority:P1", "actions": ["notify_lead", "raise_priority"]},
      {"cause": "tier:vip", "actions": ["route_team:vip-desk"]},
      {"cause": "threat:review", "actions": []}]})"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->immediate.size(), 3u);
  EXPECT_EQ(p->ImmediateActions("priority:P1").size(), 2u);
  EXPECT_EQ(p->ImmediateActions("tier:vip")[0].team, "vip-desk");
  EXPECT_TRUE(p->ImmediateActions("threat:review").empty());
  EXPECT_TRUE(p->ImmediateActions("threat:legal").empty()) << "a cause not listed does nothing";
  auto again = ParsePolicy(Reparse(PolicyToJson(*p)));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->immediate, p->immediate);

  auto err = [](const char* t) { return ErrorOf(ParsePolicy, t); };
  EXPECT_NE(err(R"({"immediate_escalation": [{"cause": "vip", "actions": []}]})")
                .find("immediate_escalation[0].cause"),
            std::string::npos);
  EXPECT_NE(err(R"({"immediate_escalation": [{"cause": "tier:vip", "actions": ["route_team:A B"]}]})")
                .find("actions[0]"),
            std::string::npos);
  EXPECT_NE(err(R"({"immediate_escalation": [{"actions": ["notify_lead"]}]})").find("cause"),
            std::string::npos);
  EXPECT_NE(err(R"({"immediate_escalation": {"cause": "tier:vip"}})"), "");
  EXPECT_NE(err(R"({"immediate_escalation": [{"cause": "tier:vip", "do": []}]})").find("do"),
            std::string::npos);
}

TEST(TeamConfigTest, ReadsFiltersAndRefusesUnknownValues) {
  auto t = ParseTeam(json::parse(R"({"name": "logistics", "display_name": "物流异常组",
      "calendar": "cn-workweek", "lead": "chen.jie", "categories": ["logistics_lost"],
      "channels": ["chat", "email"], "languages": ["zh"], "vip_only": false})"));
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->channels, (std::vector<Channel>{Channel::kChat, Channel::kEmail}));
  auto again = ParseTeam(Reparse(TeamToJson(*t)));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(TeamToJson(*again).dump(), TeamToJson(*t).dump());

  auto err = [](const char* s) { return ErrorOf(ParseTeam, s); };
  EXPECT_NE(err(R"({"display_name": "x"})").find("name"), std::string::npos);
  EXPECT_NE(err(R"({"name": "x", "channels": ["fax"]})").find("fax"), std::string::npos);
  EXPECT_NE(err(R"({"name": "x", "categories": ["cats"]})"), "");
  EXPECT_NE(err(R"({"name": "x", "languages": ["fr"]})"), "");
  EXPECT_NE(err(R"({"name": "x", "vip_only": "yes"})").find("vip_only"), std::string::npos);
  EXPECT_NE(err(R"({"name": "x", "colour": "red"})").find("colour"), std::string::npos);
}

TEST(AgentProfileConfigTest, ReadsSkillsAndCapacity) {
  auto a = ParseAgentProfile(json::parse(R"({"login": "li.na", "teams": ["after-sales"],
      "skills": ["category:quality_issue", "language:en", "channel:chat", "vip"],
      "max_open": 25, "max_chats": 4})"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->max_open, 25);
  EXPECT_EQ(a->skills.size(), 4u);
  auto defaults = ParseAgentProfile(json::parse(R"({"login": "zhao.lei"})"));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->max_open, 20);
  EXPECT_EQ(defaults->max_chats, 3);

  auto err = [](const char* s) { return ErrorOf(ParseAgentProfile, s); };
  EXPECT_NE(err(R"({"login": "x", "skills": ["cooking"]})").find("cooking"), std::string::npos);
  EXPECT_NE(err(R"({"login": "x", "skills": ["category:cats"]})"), "");
  EXPECT_NE(err(R"({"login": "x", "skills": ["language:fr"]})"), "");
  EXPECT_NE(err(R"({"login": "x", "max_open": -1})").find("max_open"), std::string::npos);
  EXPECT_NE(err(R"({"login": "x", "max_chats": 1.5})").find("max_chats"), std::string::npos);
  EXPECT_NE(err(R"({"teams": []})").find("login"), std::string::npos);
}

TEST(ReplyConfigTest, MacrosAndPhrasesRoundTripAndRefuseUnknownFields) {
  auto m = ParseMacro(json::parse(R"({"name": " 补充照片 ", "body": "{{customer.name}}您好",
      "actions": {"status": "pending_customer", "add_tags": ["b", "a", "a"], "priority": "P2"}})"),
                      "M-000001");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->id, "M-000001");
  EXPECT_EQ(m->name, "补充照片");
  EXPECT_EQ(m->locale, "zh-CN");
  EXPECT_EQ(m->actions.add_tags, (std::vector<std::string>{"a", "b"}));
  json back = Reparse(MacroToJson(*m));
  EXPECT_EQ(back["id"], "M-000001");
  back.erase("id");
  auto again = ParseMacro(back, "M-000001");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(MacroToJson(*again).dump(), MacroToJson(*m).dump());

  auto macro_err = [](const char* s) {
    auto r = ParseMacro(json::parse(s), "M-000002");
    return r.ok() ? std::string() : r.status().reason() + ": " + r.status().message();
  };
  EXPECT_NE(macro_err(R"({"name": "x", "body": "hi", "owner": "me"})").find("owner"), std::string::npos);
  EXPECT_NE(macro_err(R"({"name": "x", "body": "hi", "actions": {"close": true}})").find("close"),
            std::string::npos);
  EXPECT_NE(macro_err(R"({"name": "x", "body": "hi", "actions": {"status": "gone"}})"), "");
  EXPECT_EQ(macro_err(R"({"name": "x", "body": "{{order.idd}}"})").rfind("unknown_variable", 0), 0u);
  EXPECT_NE(macro_err(R"({"body": "hi"})").find("name"), std::string::npos);

  auto p = ParsePhrase(json::parse(R"({"phrase": "不归我们管", "blocking": true, "reason": "推卸"})"),
                       "F-000001");
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->blocking);
  EXPECT_EQ(PhraseToJson(*p)["id"], "F-000001");
  EXPECT_FALSE(ParsePhrase(json::parse(R"({"phrase": "x", "severity": 1})"), "F-2").ok());
  EXPECT_FALSE(ParsePhrase(json::parse(R"({"phrase": "***"})"), "F-3").ok());
  EXPECT_FALSE(ParsePhrase(json::parse(R"({"reason": "x"})"), "F-4").ok());
}

}  // namespace
}  // namespace kefu
