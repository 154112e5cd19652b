#include "service/config_service.h"

#include <algorithm>

#include "config/json_fields.h"
#include "core/validation.h"

namespace kefu {

const char* EmbeddedCnMainlandHolidays();
const char* EmbeddedDefaultConfigJson();

namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::array<std::string_view, 8> kKindNames = {
    "holiday_set", "calendar", "sla_policy", "team", "agent", "macro", "phrase", "after_sales"};

bool ManagerKind(ConfigKind k) {
  return k == ConfigKind::kHolidaySet || k == ConfigKind::kCalendar || k == ConfigKind::kPolicy ||
         k == ConfigKind::kTeam || k == ConfigKind::kAfterSales;
}

Status CheckWrite(const Actor& a, ConfigKind k) {
  bool manager = a.role == Role::kManager || a.role == Role::kAdmin;
  if (ManagerKind(k) ? manager : IsSupervisor(a.role)) return OkStatus();
  return PermissionDenied(std::string("changing ") + std::string(ToString(k)) + " needs the " +
                          (ManagerKind(k) ? "manager" : "lead") + " role");
}

Status CheckRead(const Actor& a) {
  if (IsStaff(a.role)) return OkStatus();
  return PermissionDenied("configuration is for the service team");
}

BusinessCalendar AlwaysOpen() {
  CalendarSpec spec;
  spec.name = "24x7";
  spec.always_open = true;
  return *BusinessCalendar::Make(spec);
}

StatusOr<json> ParseBody(const ConfigDoc& d) {
  json j = json::parse(d.body, nullptr, false);
  if (j.is_discarded()) return Internal("stored " + d.kind + " " + d.name + " is not JSON");
  return j;
}

// Takes the body's name field, or fills it in from the URL.
Status NameMatches(json& body, const char* key, const std::string& name) {
  if (!body.is_object()) return ValidationError("the body must be a JSON object");
  if (!body.contains(key)) body[key] = name;
  if (!body[key].is_string() || body[key].get<std::string>() != name) {
    return ValidationError(std::string(key) + " in the body must be \"" + name + "\"");
  }
  return OkStatus();
}

Status CheckTeamExists(const ConfigSnapshot& s, const std::string& team, const std::string& what) {
  if (team.empty() || s.FindTeam(team)) return OkStatus();
  return ValidationError(what + " names team " + team + ", which does not exist");
}

Status CheckStaffUser(Store& store, Txn& txn, const std::string& login, bool supervisor,
                      const std::string& what) {
  auto u = store.GetUserByLogin(txn, login);
  if (!u.ok() && u.status().code() != StatusCode::kNotFound) return u.status();
  bool ok = u.ok() && u->user.active && (supervisor ? IsSupervisor(u->user.role)
                                                    : IsStaff(u->user.role));
  if (ok) return OkStatus();
  return ValidationError(what + " " + login + " is not an active " +
                         (supervisor ? "lead, manager or admin" : "staff member"));
}

}  // namespace

std::string_view ToString(ConfigKind k) { return kKindNames[static_cast<size_t>(k)]; }

std::optional<ConfigKind> ParseConfigKind(std::string_view s) {
  return ParseName<ConfigKind>(kKindNames, s);
}

const TeamSpec* ConfigSnapshot::FindTeam(const std::string& name) const {
  for (const auto& t : teams) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

const BusinessCalendar& ConfigSnapshot::CalendarOf(const std::string& team) const {
  static const BusinessCalendar kAlwaysOpen = AlwaysOpen();
  static const std::string kDefault = "default";
  const TeamSpec* t = FindTeam(team);
  auto it = calendars.find(t && !t->calendar.empty() ? t->calendar : kDefault);
  return it == calendars.end() ? kAlwaysOpen : it->second;
}

StatusOr<std::shared_ptr<const ConfigSnapshot>> ConfigService::Load(Txn& txn, int64_t version) {
  auto s = std::make_shared<ConfigSnapshot>();
  s->version = version;
  KEFU_ASSIGN_OR_RETURN(HolidaySet builtin,
                        ParseHolidaySet(json::parse(EmbeddedCnMainlandHolidays())));
  s->holiday_sets[builtin.name] = std::move(builtin);
  KEFU_ASSIGN_OR_RETURN(std::vector<ConfigDoc> docs, store_.ListConfig(txn, ""));
  // Holiday sets before calendars, which name them: kinds sort so.
  std::stable_sort(docs.begin(), docs.end(), [](const ConfigDoc& a, const ConfigDoc& b) {
    return ParseConfigKind(a.kind) < ParseConfigKind(b.kind);
  });
  for (const auto& d : docs) {
    KEFU_ASSIGN_OR_RETURN(json j, ParseBody(d));
    auto kind = ParseConfigKind(d.kind);
    if (!kind) continue;
    // Stored documents were validated; one that no longer parses (its
    // holiday set replaced, say) is reported rather than half-used.
    auto bad = [&](const Status& st) {
      return Internal("stored " + d.kind + " " + d.name + " is invalid: " + st.message());
    };
    switch (*kind) {
      case ConfigKind::kHolidaySet: {
        auto h = ParseHolidaySet(j);
        if (!h.ok()) return bad(h.status());
        s->holiday_sets[d.name] = std::move(*h);
        break;
      }
      case ConfigKind::kCalendar: {
        auto c = ParseCalendar(j, s->holiday_sets);
        if (!c.ok()) return bad(c.status());
        s->calendars.emplace(d.name, std::move(*c));
        break;
      }
      case ConfigKind::kPolicy: {
        auto p = ParsePolicy(j);
        if (!p.ok()) return bad(p.status());
        s->policy = std::move(*p);
        break;
      }
      case ConfigKind::kTeam: {
        auto t = ParseTeam(j);
        if (!t.ok()) return bad(t.status());
        s->teams.push_back(std::move(*t));
        break;
      }
      case ConfigKind::kAgent: {
        auto a = ParseAgentProfile(j);
        if (!a.ok()) return bad(a.status());
        s->agents[d.name] = std::move(*a);
        break;
      }
      case ConfigKind::kMacro: {
        j.erase("id");
        auto m = ParseMacro(j, d.name);
        if (!m.ok()) return bad(m.status());
        s->macros.push_back(std::move(*m));
        break;
      }
      case ConfigKind::kPhrase: {
        j.erase("id");
        auto p = ParsePhrase(j, d.name);
        if (!p.ok()) return bad(p.status());
        s->phrases.push_back(std::move(*p));
        break;
      }
      case ConfigKind::kAfterSales: {
        auto c = ParseAfterSalesConfig(j);
        if (!c.ok()) return bad(c.status());
        s->after_sales = std::move(*c);
        break;
      }
    }
  }
  return std::shared_ptr<const ConfigSnapshot>(std::move(s));
}

StatusOr<std::shared_ptr<const ConfigSnapshot>> ConfigService::Snapshot(Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(int64_t version, store_.ConfigVersion(txn));
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (cached_ && cached_->version == version) return cached_;
  }
  KEFU_ASSIGN_OR_RETURN(auto snap, Load(txn, version));
  std::lock_guard<std::mutex> lock(mu_);
  // Only versions that are committed are cached: a version read inside a
  // transaction that later rolls back is never seen again.
  if (!cached_ || cached_->version < version) cached_ = snap;
  return snap;
}

StatusOr<std::shared_ptr<const ConfigSnapshot>> ConfigService::Snapshot() {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  return Snapshot(*txn);
}

StatusOr<std::vector<ordered_json>> ConfigService::List(const Actor& a, ConfigKind k) {
  KEFU_RETURN_IF_ERROR(CheckRead(a));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<ConfigDoc> docs, store_.ListConfig(*txn, std::string(ToString(k))));
  std::vector<ordered_json> out;
  for (const auto& d : docs) out.push_back(ordered_json::parse(d.body));
  return out;
}

StatusOr<ordered_json> ConfigService::Get(const Actor& a, ConfigKind k, const std::string& name) {
  KEFU_RETURN_IF_ERROR(CheckRead(a));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<ConfigDoc> docs, store_.ListConfig(*txn, std::string(ToString(k))));
  for (const auto& d : docs) {
    if (d.name == name) return ordered_json::parse(d.body);
  }
  // No policy stored yet: the empty default (no rules: no clocks).
  if (k == ConfigKind::kPolicy) return PolicyToJson(PolicyConfig{});
  if (k == ConfigKind::kAfterSales) return AfterSalesConfigToJson(AfterSalesConfig{});
  return NotFound(std::string(ToString(k)) + " " + name + " not found");
}

StatusOr<ordered_json> ConfigService::PutIn(Txn& txn, const Actor& a, ConfigKind k,
                                            const std::string& name, const json& in, bool create) {
  KEFU_RETURN_IF_ERROR(CheckWrite(a, k));
  KEFU_ASSIGN_OR_RETURN(int64_t version, store_.ConfigVersion(txn));
  KEFU_ASSIGN_OR_RETURN(auto snap, Load(txn, version));
  json body = in;
  ordered_json stored;
  switch (k) {
    case ConfigKind::kHolidaySet: {
      KEFU_RETURN_IF_ERROR(ValidateConfigName("holiday set", name));
      KEFU_RETURN_IF_ERROR(NameMatches(body, "name", name));
      KEFU_RETURN_IF_ERROR(ParseHolidaySet(body).status());
      stored = ordered_json::parse(body.dump());
      break;
    }
    case ConfigKind::kCalendar: {
      KEFU_RETURN_IF_ERROR(ValidateConfigName("calendar", name));
      KEFU_RETURN_IF_ERROR(NameMatches(body, "name", name));
      KEFU_RETURN_IF_ERROR(ParseCalendar(body, snap->holiday_sets).status());
      stored = ordered_json::parse(body.dump());
      break;
    }
    case ConfigKind::kPolicy: {
      if (name != "default") return NotFound("the SLA policy is named \"default\"");
      KEFU_ASSIGN_OR_RETURN(PolicyConfig p, ParsePolicy(body));
      for (const auto& r : p.sla.rules) {
        KEFU_RETURN_IF_ERROR(CheckTeamExists(*snap, r.team, "SLA rule " + r.name));
      }
      for (const auto& r : p.escalations) {
        KEFU_RETURN_IF_ERROR(CheckTeamExists(*snap, r.team, "escalation rule " + r.name));
        KEFU_RETURN_IF_ERROR(CheckTeamExists(*snap, r.queue, "escalation rule " + r.name));
      }
      stored = PolicyToJson(p);
      break;
    }
    case ConfigKind::kTeam: {
      KEFU_RETURN_IF_ERROR(NameMatches(body, "name", name));
      KEFU_ASSIGN_OR_RETURN(TeamSpec t, ParseTeam(body));
      if (!t.calendar.empty() && !snap->calendars.contains(t.calendar)) {
        return ValidationError("team " + name + " names calendar " + t.calendar +
                               ", which does not exist");
      }
      if (!t.lead.empty()) KEFU_RETURN_IF_ERROR(CheckStaffUser(store_, txn, t.lead, true, "lead"));
      stored = TeamToJson(t);
      break;
    }
    case ConfigKind::kAgent: {
      KEFU_RETURN_IF_ERROR(NameMatches(body, "login", name));
      KEFU_ASSIGN_OR_RETURN(AgentProfile p, ParseAgentProfile(body));
      KEFU_RETURN_IF_ERROR(CheckStaffUser(store_, txn, p.login, false, "agent"));
      for (const auto& t : p.teams) {
        KEFU_RETURN_IF_ERROR(CheckTeamExists(*snap, t, "agent " + p.login));
      }
      stored = AgentProfileToJson(p);
      break;
    }
    case ConfigKind::kMacro: {
      KEFU_ASSIGN_OR_RETURN(Macro m, ParseMacro(body, name));
      KEFU_RETURN_IF_ERROR(CheckTeamExists(*snap, m.team, "macro " + m.name));
      stored = MacroToJson(m);
      break;
    }
    case ConfigKind::kPhrase: {
      KEFU_ASSIGN_OR_RETURN(ForbiddenPhrase p, ParsePhrase(body, name));
      stored = PhraseToJson(p);
      break;
    }
    case ConfigKind::kAfterSales: {
      if (name != "default") return NotFound("the after-sales configuration is named \"default\"");
      KEFU_ASSIGN_OR_RETURN(AfterSalesConfig c, ParseAfterSalesConfig(body));
      for (const auto& [team, budget] : c.team_budgets_fen) {
        KEFU_RETURN_IF_ERROR(CheckTeamExists(*snap, team, "team_budgets_fen"));
      }
      stored = AfterSalesConfigToJson(c);
      break;
    }
  }
  if ((k == ConfigKind::kMacro || k == ConfigKind::kPhrase) && !create) {
    KEFU_ASSIGN_OR_RETURN(auto docs, store_.ListConfig(txn, std::string(ToString(k))));
    bool exists = std::any_of(docs.begin(), docs.end(),
                              [&](const ConfigDoc& d) { return d.name == name; });
    if (!exists) return NotFound(std::string(ToString(k)) + " " + name + " not found");
  }
  Timestamp now = clock_.Now();
  std::string kind(ToString(k));
  KEFU_RETURN_IF_ERROR(store_.PutConfig(txn, ConfigDoc{kind, name, stored.dump(), now, a.login}));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(
      txn, AuditEntry{now, a.login, "config.put", kind + "/" + name, stored.dump()}));
  return stored;
}

StatusOr<ordered_json> ConfigService::Put(const Actor& a, ConfigKind k, const std::string& name,
                                          const json& body) {
  KEFU_RETURN_IF_ERROR(CheckWrite(a, k));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(ordered_json out, PutIn(*txn, a, k, name, body, false));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return out;
}

StatusOr<ordered_json> ConfigService::Create(const Actor& a, ConfigKind k, const json& body) {
  if (k != ConfigKind::kMacro && k != ConfigKind::kPhrase) {
    return ValidationError("only macros and forbidden phrases are created with new ids");
  }
  KEFU_RETURN_IF_ERROR(CheckWrite(a, k));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  char prefix = k == ConfigKind::kMacro ? 'M' : 'F';
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, prefix));
  KEFU_ASSIGN_OR_RETURN(ordered_json out, PutIn(*txn, a, k, FormatId(prefix, seq), body, true));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return out;
}

Status ConfigService::Delete(const Actor& a, ConfigKind k, const std::string& name) {
  if (k != ConfigKind::kAgent && k != ConfigKind::kMacro && k != ConfigKind::kPhrase) {
    return ValidationError(std::string(ToString(k)) +
                           " documents are replaced, not deleted (others refer to them)");
  }
  KEFU_RETURN_IF_ERROR(CheckWrite(a, k));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  std::string kind(ToString(k));
  KEFU_RETURN_IF_ERROR(store_.DeleteConfig(*txn, kind, name));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(
      *txn, AuditEntry{clock_.Now(), a.login, "config.delete", kind + "/" + name, ""}));
  return txn->Commit();
}

StatusOr<bool> ConfigService::SeedDefaults(const Actor& a) {
  {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    KEFU_ASSIGN_OR_RETURN(int64_t version, store_.ConfigVersion(*txn));
    if (version != 0) return false;
  }
  KEFU_RETURN_IF_ERROR(ApplyBundle(a, json::parse(EmbeddedDefaultConfigJson())));
  return true;
}

Status ConfigService::ApplyBundle(const Actor& a, const json& bundle) {
  KEFU_RETURN_IF_ERROR(config::RefuseUnknown(bundle,
                                             {"holiday_sets", "calendars", "policy", "teams",
                                              "agents", "macros", "forbidden_phrases",
                                              "after_sales"},
                                             "configuration bundle"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  struct Part {
    const char* key;
    ConfigKind kind;
    const char* name_key;  // nullptr: a new id
  };
  for (const Part& p : {Part{"holiday_sets", ConfigKind::kHolidaySet, "name"},
                        Part{"calendars", ConfigKind::kCalendar, "name"},
                        Part{"teams", ConfigKind::kTeam, "name"},
                        Part{"agents", ConfigKind::kAgent, "login"},
                        Part{"macros", ConfigKind::kMacro, nullptr},
                        Part{"forbidden_phrases", ConfigKind::kPhrase, nullptr}}) {
    auto it = bundle.find(p.key);
    if (it == bundle.end()) continue;
    if (!it->is_array()) return ValidationError(std::string(p.key) + " must be an array");
    for (const auto& doc : *it) {
      std::string name;
      if (p.name_key) {
        if (!doc.is_object() || !doc.contains(p.name_key) || !doc[p.name_key].is_string()) {
          return ValidationError(std::string(p.key) + " entries need \"" + p.name_key + "\"");
        }
        name = doc[p.name_key].get<std::string>();
      } else {
        char prefix = p.kind == ConfigKind::kMacro ? 'M' : 'F';
        KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, prefix));
        name = FormatId(prefix, seq);
      }
      KEFU_RETURN_IF_ERROR(PutIn(*txn, a, p.kind, name, doc, p.name_key == nullptr).status());
    }
    // The policy names teams: it goes right after them.
    if (p.kind == ConfigKind::kTeam && bundle.contains("policy")) {
      KEFU_RETURN_IF_ERROR(PutIn(*txn, a, ConfigKind::kPolicy, "default", bundle["policy"], false)
                               .status());
    }
  }
  if (bundle.contains("policy") && !bundle.contains("teams")) {
    KEFU_RETURN_IF_ERROR(
        PutIn(*txn, a, ConfigKind::kPolicy, "default", bundle["policy"], false).status());
  }
  if (bundle.contains("after_sales")) {
    KEFU_RETURN_IF_ERROR(
        PutIn(*txn, a, ConfigKind::kAfterSales, "default", bundle["after_sales"], false).status());
  }
  return txn->Commit();
}

StatusOr<std::vector<ConfigService::AgentView>> ConfigService::Agents(const Actor& a) {
  KEFU_RETURN_IF_ERROR(CheckRead(a));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto cfg, Snapshot(*txn));
  KEFU_ASSIGN_OR_RETURN(std::vector<AgentState> states, store_.ListAgentStates(*txn));
  std::vector<AgentView> out;
  for (const auto& [login, profile] : cfg->agents) {
    AgentView v{profile, AgentState{}};
    v.state.login = login;
    for (const auto& st : states) {
      if (st.login == login) v.state = st;
    }
    out.push_back(std::move(v));
  }
  return out;
}

Status ConfigService::SetPresence(const Actor& a, const std::string& login, Presence p) {
  if (!IsStaff(a.role)) return PermissionDenied("presence is for the service team");
  if (login != a.login && !IsSupervisor(a.role)) {
    return PermissionDenied("only leads may set another agent's presence");
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  auto u = store_.GetUserByLogin(*txn, login);
  if (!u.ok() && u.status().code() != StatusCode::kNotFound) return u.status();
  if (!u.ok() || !u->user.active || !IsStaff(u->user.role)) {
    return NotFound("agent " + login + " not found");
  }
  Timestamp now = clock_.Now();
  KEFU_RETURN_IF_ERROR(store_.SetPresence(*txn, login, p, now));
  KEFU_RETURN_IF_ERROR(store_.AppendAudit(
      *txn, AuditEntry{now, a.login, "agent.presence", login,
                       json{{"presence", ToString(p)}}.dump()}));
  return txn->Commit();
}

}  // namespace kefu
