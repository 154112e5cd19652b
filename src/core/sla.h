// Service-level agreements: which targets apply to a ticket, and where its
// clocks stand. Pure: the caller passes the ticket, its history, the
// calendar and `now`.
//
// Three clocks, each counted in business time of the team's calendar:
//   first_response  from creation to the first public staff reply;
//   next_response   from a customer reply that no staff reply has answered
//                   yet to the staff reply that answers it;
//   resolution      from creation to resolved.
// Clocks stop while the ticket waits on the customer (pending_customer),
// and while it waits on a third party only if the policy says so; time
// spent resolved does not count if the ticket is reopened.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/model.h"

namespace kefu {

struct SlaTargets {
  int64_t first_response_minutes = 0;  // 0: no target
  int64_t next_response_minutes = 0;
  int64_t resolution_minutes = 0;
  bool pause_on_third_party = false;
};

// A rule applies when every condition it sets matches; unset ones match all.
struct SlaRule {
  std::string name;
  std::optional<Priority> priority;
  std::optional<Tier> tier;
  std::optional<Channel> channel;
  std::string category;  // "" = any
  std::string team;      // "" = any
  SlaTargets targets;
};

struct SlaPolicy {
  std::vector<SlaRule> rules;  // ordered: the first match wins
  int warning_percent = 80;    // warning once this share of a target is used
};

struct SlaSubject {
  Priority priority = Priority::kP3;
  Tier tier = Tier::kNormal;
  Channel channel = Channel::kWeb;
  std::string category;
  std::string team;
};

// The first rule matching `s`, or nullptr.
const SlaRule* MatchSlaRule(const SlaPolicy& p, const SlaSubject& s);

enum class SlaMetric { kFirstResponse, kNextResponse, kResolution };
enum class SlaState { kOk, kWarning, kBreached, kMet };
std::string_view ToString(SlaMetric m);
std::string_view ToString(SlaState s);

struct SlaClock {
  SlaMetric metric = SlaMetric::kFirstResponse;
  SlaState state = SlaState::kOk;
  int64_t target_ms = 0;
  int64_t elapsed_ms = 0;            // business time counted so far (or until met): the
                                     // time the team controlled (pauses left out)
  int64_t experienced_ms = 0;        // wall-clock time since start (or until met): what the
                                     // customer lived through, nights and pauses included
  Timestamp start;                   // when this clock started (its identity for firings)
  std::optional<Timestamp> warning_at;  // when elapsed reaches the warning share; none while paused
  std::optional<Timestamp> due;      // when elapsed reaches the target; none while paused
  std::optional<Timestamp> met_at;   // set once the clock stopped for good
  bool paused = false;
};

// The clocks of `t` with their state at `now`. `history` is the ticket's
// events, oldest first (status changes and replies are read; a reply is the
// customer's if its actor_role is kCustomer). Clocks without a target are
// left out.
std::vector<SlaClock> ComputeSlaClocks(const Ticket& t, const std::vector<TicketEvent>& history,
                                       const SlaTargets& targets, int warning_percent,
                                       const BusinessCalendar& calendar, Timestamp now);

}  // namespace kefu
