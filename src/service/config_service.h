// Configuration of the service desk: holiday sets, business calendars, the
// SLA policy with its escalation rules, teams, agent profiles (teams,
// skills, capacity), macros and forbidden phrases. Stored as validated JSON
// documents (Store::PutConfig) and served to the other services as an
// immutable, parsed snapshot that is reloaded when the store's config
// version moves (so several nodes on one database agree).
//
// Who may change what: holiday sets, calendars, the SLA policy, teams and
// the after-sales configuration are the manager's (and admin's); agent profiles, macros and forbidden phrases
// are a lead's too. Every staff member may read. Every change is audited.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "config/after_sales_config.h"
#include "config/calendar_config.h"
#include "config/policy_config.h"
#include "config/reply_config.h"
#include "store/store.h"

namespace kefu {

struct ConfigSnapshot {
  int64_t version = -1;
  std::map<std::string, HolidaySet> holiday_sets;  // the built-in cn-mainland set, unless replaced
  std::map<std::string, BusinessCalendar> calendars;
  PolicyConfig policy;
  std::vector<TeamSpec> teams;  // by name
  std::map<std::string, AgentProfile> agents;
  std::vector<Macro> macros;  // by id
  std::vector<ForbiddenPhrase> phrases;
  AfterSalesConfig after_sales;  // policy rules, approval limits, budgets

  const TeamSpec* FindTeam(const std::string& name) const;
  // The calendar of `team`; a 24x7 calendar for no team or no calendar.
  // The team's calendar; else the calendar named "default" when there is
  // one; else always open.
  const BusinessCalendar& CalendarOf(const std::string& team) const;
};

// The kinds of configuration documents, as named in the API and the store.
enum class ConfigKind {
  kHolidaySet, kCalendar, kPolicy, kTeam, kAgent, kMacro, kPhrase, kAfterSales,
};
std::string_view ToString(ConfigKind k);
std::optional<ConfigKind> ParseConfigKind(std::string_view s);

// Thread-safe.
class ConfigService {
 public:
  ConfigService(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  // The current snapshot, as seen inside `txn` (reloaded if the version
  // there differs from the cached one).
  StatusOr<std::shared_ptr<const ConfigSnapshot>> Snapshot(Txn& txn);
  StatusOr<std::shared_ptr<const ConfigSnapshot>> Snapshot();

  // Lists the documents of a kind, as stored (normalised JSON objects; macros
  // and phrases carry their id). Staff only.
  StatusOr<std::vector<nlohmann::ordered_json>> List(const Actor& a, ConfigKind k);
  StatusOr<nlohmann::ordered_json> Get(const Actor& a, ConfigKind k, const std::string& name);

  // Creates or replaces the document `name` of kind `k` (the policy's name
  // and the after-sales configuration's are "default"; for holiday sets, calendars, teams and agents a name in
  // the body must equal `name`). Validates the body and its references
  // (a team's calendar and lead, an agent's login and teams, a policy's
  // teams, a macro's team) and returns the stored form.
  StatusOr<nlohmann::ordered_json> Put(const Actor& a, ConfigKind k, const std::string& name,
                                       const nlohmann::json& body);
  // Creates a macro or forbidden phrase with a new id ("M-000001",
  // "F-000001"); kValidation for other kinds.
  StatusOr<nlohmann::ordered_json> Create(const Actor& a, ConfigKind k, const nlohmann::json& body);
  // Deletes an agent profile, a macro or a phrase (others are only replaced,
  // since other documents refer to them): kValidation for other kinds.
  Status Delete(const Actor& a, ConfigKind k, const std::string& name);

  // Applies a bundle {"holiday_sets": [...], "calendars": [...], "policy": {...},
  // "teams": [...], "agents": [...], "macros": [...], "forbidden_phrases": [...],
  // "after_sales": {...}} in that order, in one transaction (all or nothing), as `a`. Macros and
  // phrases in a bundle are created new. For the CLI and the demo data.
  Status ApplyBundle(const Actor& a, const nlohmann::json& bundle);

  // Gives a Kefu that was never configured (configuration version 0) the
  // defaults of data/defaults/config.json, so that a new install's tickets
  // have running clocks before anyone configures them: the calendar
  // "default" (the mainland work week, 09:00-18:00 with lunch, and the
  // built-in holidays, which every ticket without a team calendar uses) and
  // an SLA policy (2 business hours to the first response, 2 business days
  // to resolve, tighter for P1 and VIP). True when it seeded them; a
  // configured Kefu is left alone.
  StatusOr<bool> SeedDefaults(const Actor& a);

  // Agents with a profile, with their presence and load. Staff only.
  struct AgentView {
    AgentProfile profile;
    AgentState state;
  };
  StatusOr<std::vector<AgentView>> Agents(const Actor& a);
  // Sets an agent's presence: staff set their own; leads and above anyone's.
  // The login must be an active staff member. Audited.
  Status SetPresence(const Actor& a, const std::string& login, Presence p);

 private:
  StatusOr<std::shared_ptr<const ConfigSnapshot>> Load(Txn& txn, int64_t version);
  StatusOr<nlohmann::ordered_json> PutIn(Txn& txn, const Actor& a, ConfigKind k,
                                         const std::string& name, const nlohmann::json& body,
                                         bool create);

  Store& store_;
  Clock& clock_;
  std::mutex mu_;
  std::shared_ptr<const ConfigSnapshot> cached_;
};

}  // namespace kefu
