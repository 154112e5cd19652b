// Routing: which team's queue a ticket joins, which agent gets it, and in
// which order waiting tickets are served. Pure and allocation-free on the
// hot path: the service builds a Router from a snapshot of agents (profile,
// presence, current load) and asks it for decisions.
//
// Strategy, in order:
//   1. only agents of the ticket's team (every agent if the ticket has no
//      team), online, with room (open tickets below max_open; for chats,
//      chats below max_chats as well);
//   2. the most required skills matched (category, language, channel, and
//      "vip" for a VIP customer's ticket);
//   3. the least loaded (open / max_open);
//   4. round robin among equals: the one whose last assignment is oldest.
// Waiting tickets are served VIP first, then by priority, then oldest.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/enums.h"
#include "core/model.h"

namespace kefu {

enum class Presence { kOnline, kBusy, kAway, kOffline };
std::string_view ToString(Presence p);
std::optional<Presence> ParsePresence(std::string_view s);

// A team and its queue. Filters left empty accept everything.
struct TeamSpec {
  std::string name;          // see ValidateTeamName
  std::string display_name;  // e.g. "售后一组"
  std::string calendar;      // business calendar name; "" = 24x7
  std::string lead;          // login of the team's lead (notified on escalation)
  std::vector<std::string> categories;
  std::vector<Channel> channels;
  std::vector<std::string> languages;
  bool vip_only = false;  // a VIP queue: takes only VIP customers' tickets
};

// Skill names: "category:<code>", "language:<zh|en>", "channel:<name>", "vip".
bool IsKnownSkill(std::string_view skill);

struct AgentProfile {
  std::string login;
  std::vector<std::string> teams;
  std::vector<std::string> skills;
  int max_open = 20;
  int max_chats = 3;
};

struct RoutingAgent {
  AgentProfile profile;
  bool supervisor = false;  // lead, manager or admin
  Presence presence = Presence::kOffline;
  int open = 0;   // unresolved tickets assigned
  int chats = 0;  // of which chats
  int64_t last_assigned_ms = 0;
};

struct RoutingTicket {
  std::string team;
  std::string category;
  std::string language = "zh";
  Channel channel = Channel::kWeb;
  bool vip = false;
};
// What routing reads of a ticket whose customer has `tier`.
RoutingTicket RoutingTicketOf(const Ticket& t, Tier tier);

// The team a new ticket joins: a VIP customer's ticket goes to a vip_only
// team whose filters accept it, if there is one; otherwise a non-VIP team
// that accepts it. Among several, the most specific wins (the most
// non-empty filters), then the first in `teams`; nullopt if none accepts.
std::optional<std::string> ChooseTeam(const RoutingTicket& t, const std::vector<TeamSpec>& teams);

// Waiting-queue order: VIP first, then priority (P1 first), then oldest,
// then lowest id.
struct QueuedTicket {
  int64_t seq = 0;
  bool vip = false;
  Priority priority = Priority::kP3;
  Timestamp created_at;
};
bool ServedBefore(const QueuedTicket& a, const QueuedTicket& b);

class Router {
 public:
  explicit Router(std::vector<RoutingAgent> agents);

  // The index of the agent that should get `t`, or nullopt if nobody is
  // eligible. With supervisors_only, only leads and above are considered.
  std::optional<size_t> Choose(const RoutingTicket& t, bool supervisors_only = false) const;

  // Counts an assignment made from a decision, so that the next decision of
  // the same batch sees the new load and the round-robin turn.
  void Record(size_t agent, Channel channel, int64_t now_ms);

  const RoutingAgent& agent(size_t i) const { return agents_[i].a; }
  size_t size() const { return agents_.size(); }

 private:
  struct Bits {
    uint64_t w[4] = {0, 0, 0, 0};  // up to 256 distinct skills
  };
  struct Entry {
    RoutingAgent a;
    Bits skills;
  };
  int SkillId(const std::string& s) const;  // -1 if no agent has it
  Bits Required(const RoutingTicket& t) const;

  std::vector<Entry> agents_;
  std::unordered_map<std::string, int> skill_ids_;
  std::unordered_map<std::string, std::vector<size_t>> by_team_;
  std::vector<size_t> all_;
};

}  // namespace kefu
