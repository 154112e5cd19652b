#include "core/routing.h"

#include <algorithm>
#include <bit>

#include "core/validation.h"

namespace kefu {

bool IsKnownSkill(std::string_view s) {
  if (s == "vip") return true;
  if (s.starts_with("category:")) return IsKnownCategory(s.substr(9));
  if (s.starts_with("language:")) return ValidateLanguage(s.substr(9)).ok();
  if (s.starts_with("channel:")) return ParseChannel(s.substr(8)).has_value();
  return false;
}
namespace {

template <typename T>
bool Accepts(const std::vector<T>& filter, const T& v) {
  return filter.empty() || std::find(filter.begin(), filter.end(), v) != filter.end();
}

bool TeamAccepts(const TeamSpec& team, const RoutingTicket& t) {
  return Accepts(team.categories, t.category) && Accepts(team.channels, t.channel) &&
         Accepts(team.languages, t.language);
}

}  // namespace

std::string_view ToString(Presence p) {
  switch (p) {
    case Presence::kOnline: return "online";
    case Presence::kBusy: return "busy";
    case Presence::kAway: return "away";
    case Presence::kOffline: return "offline";
  }
  return "";
}

std::optional<Presence> ParsePresence(std::string_view s) {
  for (auto p : {Presence::kOnline, Presence::kBusy, Presence::kAway, Presence::kOffline}) {
    if (ToString(p) == s) return p;
  }
  return std::nullopt;
}

RoutingTicket RoutingTicketOf(const Ticket& t, Tier tier) {
  return RoutingTicket{t.team, t.category, t.language, t.channel, tier == Tier::kVip};
}

std::optional<std::string> ChooseTeam(const RoutingTicket& t, const std::vector<TeamSpec>& teams) {
  auto specificity = [](const TeamSpec& team) {
    return !team.categories.empty() + !team.channels.empty() + !team.languages.empty();
  };
  auto pick = [&](bool vip_only) -> const TeamSpec* {
    const TeamSpec* best = nullptr;
    for (const auto& team : teams) {
      if (team.vip_only != vip_only || !TeamAccepts(team, t)) continue;
      if (!best || specificity(team) > specificity(*best)) best = &team;
    }
    return best;
  };
  const TeamSpec* team = t.vip ? pick(true) : nullptr;
  if (!team) team = pick(false);
  if (!team) return std::nullopt;
  return team->name;
}

bool ServedBefore(const QueuedTicket& a, const QueuedTicket& b) {
  if (a.vip != b.vip) return a.vip;
  if (a.priority != b.priority) return a.priority < b.priority;
  if (a.created_at != b.created_at) return a.created_at < b.created_at;
  return a.seq < b.seq;
}

Router::Router(std::vector<RoutingAgent> agents) {
  agents_.reserve(agents.size());
  for (auto& a : agents) {
    Entry e{std::move(a), {}};
    for (const auto& s : e.a.profile.skills) {
      auto [it, fresh] = skill_ids_.try_emplace(s, static_cast<int>(skill_ids_.size()));
      if (it->second < 256) e.skills.w[it->second / 64] |= uint64_t{1} << (it->second % 64);
    }
    size_t i = agents_.size();
    // Only online agents are ever chosen: the candidate lists leave the
    // others out, so a decision scans only those who could take a ticket.
    if (e.a.presence == Presence::kOnline) {
      for (const auto& team : e.a.profile.teams) by_team_[team].push_back(i);
      all_.push_back(i);
    }
    agents_.push_back(std::move(e));
  }
}

int Router::SkillId(const std::string& s) const {
  auto it = skill_ids_.find(s);
  return it == skill_ids_.end() || it->second >= 256 ? -1 : it->second;
}

Router::Bits Router::Required(const RoutingTicket& t) const {
  Bits b;
  auto add = [&](const std::string& s) {
    int id = SkillId(s);
    if (id >= 0) b.w[id / 64] |= uint64_t{1} << (id % 64);
  };
  if (!t.category.empty()) add("category:" + t.category);
  add("language:" + t.language);
  add(std::string("channel:") + std::string(ToString(t.channel)));
  if (t.vip) add("vip");
  return b;
}

std::optional<size_t> Router::Choose(const RoutingTicket& t, bool supervisors_only) const {
  const std::vector<size_t>* pool = &all_;
  if (!t.team.empty()) {
    auto it = by_team_.find(t.team);
    if (it == by_team_.end()) return std::nullopt;
    pool = &it->second;
  }
  Bits need = Required(t);
  bool chat = t.channel == Channel::kChat;
  std::optional<size_t> best;
  int best_match = -1;
  int64_t best_load_num = 0, best_load_den = 1;  // open / max_open as a fraction
  for (size_t i : *pool) {
    const Entry& e = agents_[i];
    const RoutingAgent& a = e.a;
    if (a.presence != Presence::kOnline) continue;
    if (supervisors_only && !a.supervisor) continue;
    if (a.open >= a.profile.max_open) continue;
    if (chat && a.chats >= a.profile.max_chats) continue;
    int match = 0;
    for (int w = 0; w < 4; ++w) match += std::popcount(need.w[w] & e.skills.w[w]);
    int64_t num = a.open, den = std::max(1, a.profile.max_open);
    bool better;
    if (!best || match != best_match) {
      better = !best || match > best_match;
    } else if (num * best_load_den != best_load_num * den) {
      better = num * best_load_den < best_load_num * den;
    } else {
      better = a.last_assigned_ms < agents_[*best].a.last_assigned_ms;
    }
    if (better) {
      best = i;
      best_match = match;
      best_load_num = num;
      best_load_den = den;
    }
  }
  return best;
}

void Router::Record(size_t agent, Channel channel, int64_t now_ms) {
  RoutingAgent& a = agents_[agent].a;
  a.open += 1;
  if (channel == Channel::kChat) a.chats += 1;
  a.last_assigned_ms = now_ms;
}

}  // namespace kefu
