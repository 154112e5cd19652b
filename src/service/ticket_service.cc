#include "service/ticket_service.h"

#include <algorithm>

#include "core/access.h"
#include "core/escalation.h"
#include "core/routing.h"
#include "core/watchers.h"
#include "service/ticket_watchers.h"
#include "service/ticket_text.h"

namespace kefu {

Status SaveChange(Store& store, Txn& txn, Change& c, bool is_new, const Ticket* before,
                  const SlaIndex* new_index) {
  if (c.events.empty()) return OkStatus();
  if (is_new) {
    KEFU_RETURN_IF_ERROR(store.InsertTicket(txn, c.ticket, new_index));
  } else {
    KEFU_RETURN_IF_ERROR(store.UpdateTicket(txn, c.ticket, c.ticket.version - 1, before));
  }
  KEFU_RETURN_IF_ERROR(NotifyWatchers(store, txn, c));
  return store.AppendEvents(txn, c.events);
}

Status SaveTicketChange(Store& store, Txn& txn, const Ticket& before, Change c, Timestamp now,
                        SlaService* sla) {
  if (c.events.empty()) return OkStatus();
  c = Collapse(before, std::move(c), now);
  KEFU_RETURN_IF_ERROR(SaveChange(store, txn, c, false, &before));
  if (sla) KEFU_RETURN_IF_ERROR(sla->AfterWrite(txn, c.ticket, now));
  return OkStatus();
}

namespace {

// Checks the references of a new ticket inside the write transaction and
// returns its customer.
StatusOr<Customer> CheckReferences(Store& store, Txn& txn, const NewTicket& n) {
  auto c = store.GetCustomer(txn, n.customer_id);
  if (!c.ok()) {
    if (c.status().code() == StatusCode::kNotFound) {
      return ValidationError("customer " + n.customer_id + " does not exist");
    }
    return c.status();
  }
  if (n.order_id.empty()) return c;
  auto o = store.GetOrder(txn, n.order_id);
  if (!o.ok()) {
    if (o.status().code() == StatusCode::kNotFound) {
      return ValidationError("order " + n.order_id + " does not exist");
    }
    return o.status();
  }
  if (o->customer_id != n.customer_id) {
    return ValidationError("order " + n.order_id + " belongs to another customer");
  }
  return c;
}

}  // namespace

StatusOr<CreateTicketResult> TicketService::Create(const Actor& a, NewTicket n,
                                                   const std::string& idempotency_key,
                                                   const std::string& request_hash) {
  if (a.role == Role::kCustomer && n.customer_id.empty()) n.customer_id = a.customer_id;
  if (idempotency_key.size() > 200) return ValidationError("Idempotency-Key is over 200 bytes");
  Timestamp now = clock_.Now();
  // Validate before taking the write lock; OpenTicket runs again with the real id.
  KEFU_RETURN_IF_ERROR(OpenTicket(n, "T-000000", a, now).status());
  // Text analysis before the write lock: threats and tone of a customer's
  // text, the category of any new ticket that has none.
  std::optional<TextFindings> findings;
  if (deps_.text && (a.role == Role::kCustomer || n.category.empty())) {
    findings = deps_.text->Examine(n.subject + "\n" + n.body, n.category.empty());
    if (a.role != Role::kCustomer) {  // staff write for the customer: no tone or threat
      findings->threat_signals.clear();
      findings->sentiment = text::Sentiment::kNeutral;
    }
  }

  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  if (!idempotency_key.empty()) {
    KEFU_ASSIGN_OR_RETURN(auto prior, store_.FindIdempotencyKey(*txn, a.login, idempotency_key));
    if (prior) {
      if (prior->request_hash != request_hash) {
        return AlreadyExists("idempotency_key_reused",
                             "this Idempotency-Key was used for a different request");
      }
      KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, prior->ticket_id));
      // A replay shows no more than a GET would (the ticket may have moved on).
      KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
      return CreateTicketResult{std::move(t), true};
    }
  }
  KEFU_ASSIGN_OR_RETURN(Customer customer, CheckReferences(store_, *txn, n));
  KEFU_RETURN_IF_ERROR(CheckTeam(*txn, n.team));
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'T'));
  KEFU_ASSIGN_OR_RETURN(Change c, OpenTicket(n, FormatId('T', seq), a, now));
  if (findings) {
    double below = deps_.text->options().triage_below;
    KEFU_RETURN_IF_ERROR(ApplyTextFindings(c, *findings, {customer.tier, true, below}, now));
  }
  std::optional<SlaIndex> index;
  if (deps_.config) {
    KEFU_ASSIGN_OR_RETURN(auto cfg, deps_.config->Snapshot(*txn));
    // Routing's first step, taken at once: the team whose queue it joins
    // (its calendar counts the SLA from the start).
    JoinTeam(c, *cfg, customer.tier, now);
    if (deps_.sla) {
      // A new ticket's SLA needs nothing from the store: index it as it is inserted.
      index = deps_.sla->EvaluateWith(*cfg, c.ticket, c.events, {}, customer.tier, now).index;
    }
  }
  KEFU_RETURN_IF_ERROR(SaveChange(store_, *txn, c, true, nullptr, index ? &*index : nullptr));
  if (!idempotency_key.empty()) {
    KEFU_RETURN_IF_ERROR(store_.PutIdempotencyKey(*txn, a.login, idempotency_key,
                                                  {request_hash, c.ticket.id}, now));
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  Committed(c.ticket);
  return CreateTicketResult{std::move(c.ticket), false};
}

StatusOr<Ticket> TicketService::Get(const Actor& a, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  return t;
}

namespace {
// ?sla= and the SLA views: a running clock breaches within the next hour
// ("breaching_soon") or has breached ("breached"). False for other names.
bool ApplySlaWindow(std::string_view which, Timestamp now, TicketFilter& f) {
  if (which == "breaching_soon") {
    f.sla_breach_from = now;
    f.sla_breach_to = Timestamp{now.unix_ms + 60 * 60'000};
  } else if (which == "breached") {
    f.sla_breach_to = now;
  } else {
    return false;
  }
  return true;
}
}  // namespace

StatusOr<std::optional<TicketFilter>> TicketService::Filter(const Actor& a, const TicketQuery& q) {
  TicketFilter f;
  f.status = q.status;
  f.priority = q.priority;
  f.channel = q.channel;
  f.assignee = q.assignee;
  f.owner = q.owner;
  f.customer_id = q.customer_id;
  f.tag = q.tag;
  f.team = q.team;
  if (!q.category.empty() && q.category != "-" && !IsKnownCategory(q.category)) {
    return ValidationError("category has an unknown value: " + Echo(q.category));
  }
  f.category = q.category;
  if (!q.sla.empty() && !ApplySlaWindow(q.sla, clock_.Now(), f)) {
    return ValidationError("sla must be \"breaching_soon\" or \"breached\"");
  }
  if (!q.sla.empty() && a.role == Role::kCustomer) {
    return PermissionDenied("SLA views are for the service team");
  }
  KEFU_ASSIGN_OR_RETURN(bool any, ApplyView(a, q.view, f));
  if (!any) return std::optional<TicketFilter>();
  if (a.role == Role::kCustomer) {
    if (!q.tag.empty()) return PermissionDenied("tags are internal to the service team");
    // Another customer's id matches nothing (an empty list, not an error).
    if (!q.customer_id.empty() && q.customer_id != a.customer_id) return std::optional<TicketFilter>();
    f.customer_id = a.customer_id;
  } else if (a.role == Role::kAgent) {
    f.visible_to_agent = a.login;
  }
  return std::optional<TicketFilter>(std::move(f));
}

StatusOr<bool> TicketService::ApplyView(const Actor& a, const std::string& view, TicketFilter& f) {
  if (view.empty()) return true;
  if (a.role == Role::kCustomer) return PermissionDenied("inbox views are for the service team");
  if (view == "mine") {
    f.assignee = a.login;
    f.unresolved = true;
  } else if (view == "team") {
    std::vector<std::string> teams;
    if (deps_.config != nullptr) {
      KEFU_ASSIGN_OR_RETURN(auto snap, deps_.config->Snapshot());
      if (auto it = snap->agents.find(a.login); it != snap->agents.end()) teams = it->second.teams;
    }
    if (teams.empty()) return false;  // someone in no team has an empty team view
    f.teams = std::move(teams);
    f.unresolved = true;
  } else if (view == "unassigned") {
    f.waiting = true;
  } else if (ApplySlaWindow(view, clock_.Now(), f)) {
    // breaching_soon, breached
  } else if (view == "vip") {
    f.vip = true;
    f.unresolved = true;
  } else if (view == "pending_third_party") {
    f.status = TicketStatus::kPendingThirdParty;
  } else if (view == "watching") {
    f.watcher = a.login;
    f.unresolved = true;
  } else {
    return ValidationError("view must be one of mine, team, unassigned, breaching_soon, breached, "
                           "vip, pending_third_party, watching");
  }
  return true;
}

StatusOr<std::vector<std::pair<std::string, int64_t>>> TicketService::ViewCounts(const Actor& a) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "count inbox views"));
  std::vector<std::pair<std::string, int64_t>> out;
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  for (const char* view : kInboxViews) {
    TicketQuery q;
    q.view = view;
    KEFU_ASSIGN_OR_RETURN(std::optional<TicketFilter> f, Filter(a, q));
    int64_t n = 0;
    if (f) {
      KEFU_ASSIGN_OR_RETURN(n, store_.CountTickets(*txn, *f));
    }
    out.emplace_back(view, n);
  }
  return out;
}

StatusOr<Page<Ticket>> TicketService::List(const Actor& a, const TicketQuery& q) {
  KEFU_RETURN_IF_ERROR(CheckLimit(q.page.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(q.page.cursor));
  KEFU_ASSIGN_OR_RETURN(std::optional<TicketFilter> f, Filter(a, q));
  if (!f) return Page<Ticket>{};
  f->before_seq = before;
  f->limit = q.page.limit + 1;
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<Ticket> rows, store_.ListTickets(*txn, *f));
  return MakePage(std::move(rows), q.page.limit, [](const Ticket& t) { return *ParseId('T', t.id); });
}

StatusOr<Page<TicketEvent>> TicketService::Events(const Actor& a, const std::string& id,
                                                  const PageRequest& p) {
  KEFU_RETURN_IF_ERROR(CheckLimit(p.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t after, DecodeCursor(p.cursor));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  KEFU_ASSIGN_OR_RETURN(std::vector<TicketEvent> rows,
                        store_.ListEvents(*txn, id, a.role == Role::kCustomer, after, p.limit + 1));
  return MakePage(std::move(rows), p.limit, [](const TicketEvent& e) { return e.seq; });
}

template <typename Decide>
StatusOr<Ticket> TicketService::Mutate(const Actor& a, const std::string& id, Decide decide) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(Change c, decide(*txn, t, now));
  if (c.events.empty()) return c.ticket;
  KEFU_RETURN_IF_ERROR(SaveChange(store_, *txn, c, false, &t));
  if (deps_.sla) KEFU_RETURN_IF_ERROR(deps_.sla->AfterWrite(*txn, c.ticket, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  Committed(c.ticket);
  return c.ticket;
}

StatusOr<Ticket> TicketService::Apply(const Actor& a, const std::string& id,
                                      const Decision& decide) {
  return Mutate(a, id, decide);
}

void JoinTeam(Change& c, const ConfigSnapshot& cfg, Tier tier, Timestamp now) {
  Ticket& t = c.ticket;
  if (!t.team.empty() || cfg.teams.empty()) return;
  auto team = ChooseTeam(RoutingTicketOf(t, tier), cfg.teams);
  if (!team) return;
  TicketEvent e = MakeEvent(t, EventType::kTeamChanged, SystemActor(), now);
  e.to = *team;
  e.reason = "routing";
  c.events.push_back(std::move(e));
  t.team = *team;
}

Status TicketService::CheckTeam(Txn& txn, const std::string& team) {
  if (team.empty()) return OkStatus();
  if (deps_.config) {
    KEFU_ASSIGN_OR_RETURN(auto cfg, deps_.config->Snapshot(txn));
    if (cfg->FindTeam(team)) return OkStatus();
  }
  return ValidationError("team " + team + " does not exist");
}

void TicketService::Committed(const Ticket& t) {
  for (TicketObserver* o : deps_.observers) o->AfterCommit(t);
}

namespace {

// Records on the reply event which forbidden phrases the sender confirmed.
void NoteConfirmation(Change& c, const std::string& note) {
  if (note.empty()) return;
  for (auto& e : c.events) {
    if (e.type == EventType::kReply) e.reason = note;
  }
}

}  // namespace

StatusOr<MacroPreview> TicketService::RenderMacro(Txn& txn, const Actor& a, const Ticket& t,
                                                  const std::string& macro_id, Timestamp now) {
  if (!IsStaff(a.role)) return PermissionDenied("macros are for the service team");
  if (!deps_.config || !deps_.sla) return NotFound("macro " + macro_id + " not found");
  KEFU_ASSIGN_OR_RETURN(auto cfg, deps_.config->Snapshot(txn));
  KEFU_ASSIGN_OR_RETURN(Macro m, FindMacro(*cfg, macro_id, t));
  KEFU_ASSIGN_OR_RETURN(TicketSla sla, deps_.sla->Evaluate(txn, *cfg, t, now));
  KEFU_ASSIGN_OR_RETURN(TemplateVars vars, MacroVariables(store_, txn, *cfg, t, sla, a));
  KEFU_ASSIGN_OR_RETURN(std::string body, RenderTemplate(m.body, vars));
  return MacroPreview{std::move(m), std::move(body)};
}

StatusOr<MacroPreview> TicketService::PreviewMacro(const Actor& a, const std::string& id,
                                                   const std::string& macro_id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  return RenderMacro(*txn, a, t, macro_id, clock_.Now());
}

StatusOr<Ticket> TicketService::ApplyMacro(const Actor& a, const std::string& id,
                                           const std::string& macro_id, bool confirm) {
  return Mutate(a, id, [&](Txn& txn, const Ticket& t, Timestamp now) -> StatusOr<Change> {
    KEFU_ASSIGN_OR_RETURN(MacroPreview p, RenderMacro(txn, a, t, macro_id, now));
    KEFU_ASSIGN_OR_RETURN(auto cfg, deps_.config->Snapshot(txn));
    KEFU_ASSIGN_OR_RETURN(std::string note, CheckOutgoingReply(*cfg, p.body, confirm));
    Change c{t, {}};
    KEFU_RETURN_IF_ERROR(Chain(c, kefu::AddMessage(c.ticket, a, p.body, false, now)));
    NoteConfirmation(c, note);
    const MacroActions& act = p.macro.actions;
    if (act.status && *act.status != c.ticket.status) {
      KEFU_RETURN_IF_ERROR(Chain(c, kefu::Transition(c.ticket, a, *act.status,
                                                    "macro " + p.macro.id, now)));
    }
    TicketPatch patch;
    patch.priority = act.priority;
    if (!act.add_tags.empty()) {
      std::vector<std::string> tags = c.ticket.tags;
      tags.insert(tags.end(), act.add_tags.begin(), act.add_tags.end());
      patch.tags = std::move(tags);
    }
    KEFU_RETURN_IF_ERROR(Chain(c, kefu::Patch(c.ticket, a, patch, now)));
    return Collapse(t, std::move(c), now);  // one command, one version
  });
}

StatusOr<Ticket> TicketService::AddMessage(const Actor& a, const std::string& id,
                                           const std::string& body, bool internal,
                                           bool confirm) {
  std::optional<TextFindings> findings;
  if (deps_.text && a.role == Role::kCustomer) findings = deps_.text->Examine(body, false);
  return Mutate(a, id, [&](Txn& txn, const Ticket& t, Timestamp now) -> StatusOr<Change> {
    KEFU_ASSIGN_OR_RETURN(Change c, kefu::AddMessage(t, a, body, internal, now));
    if (findings) {
      KEFU_ASSIGN_OR_RETURN(Customer customer, store_.GetCustomer(txn, t.customer_id));
      KEFU_RETURN_IF_ERROR(ApplyTextFindings(c, *findings, {customer.tier, false, 0}, now));
    }
    if (internal) KEFU_RETURN_IF_ERROR(ApplyMentions(store_, txn, c, a, body, now));
    if (!internal && IsStaff(a.role) && deps_.config) {
      KEFU_ASSIGN_OR_RETURN(auto cfg, deps_.config->Snapshot(txn));
      KEFU_ASSIGN_OR_RETURN(std::string note, CheckOutgoingReply(*cfg, body, confirm));
      NoteConfirmation(c, note);
    }
    return c;
  });
}

StatusOr<Ticket> TicketService::AddBotReply(const std::string& id, const std::string& body,
                                            const std::string& reason) {
  const Actor& bot = SystemActor();
  return Mutate(bot, id, [&](Txn&, const Ticket& t, Timestamp now) {
    return kefu::AddBotReply(t, bot, body, reason, now);
  });
}

StatusOr<Ticket> TicketService::Transition(const Actor& a, const std::string& id, TicketStatus to,
                                           const std::string& reason) {
  return Mutate(a, id, [&](Txn&, const Ticket& t, Timestamp now) {
    return kefu::Transition(t, a, to, reason, now);
  });
}

StatusOr<Ticket> TicketService::Assign(const Actor& a, const std::string& id,
                                       const std::string& agent, const std::string& reason) {
  return Mutate(a, id, [&](Txn& txn, const Ticket& t, Timestamp now) -> StatusOr<Change> {
    KEFU_ASSIGN_OR_RETURN(Change c, kefu::Assign(t, a, agent, reason, now));
    if (c.events.empty()) return c;
    auto target = store_.GetUserByLogin(txn, agent);
    if (!target.ok() || !target->user.active || !IsStaff(target->user.role)) {
      if (!target.ok() && target.status().code() != StatusCode::kNotFound) return target.status();
      return ValidationError("agent " + agent + " is not an active staff member");
    }
    return c;
  });
}

StatusOr<Ticket> TicketService::Escalate(const Actor& a, const std::string& id, EscalateTo to,
                                         const std::string& reason) {
  return Mutate(a, id, [&](Txn& txn, const Ticket& t, Timestamp now) -> StatusOr<Change> {
    std::string lead;
    if (deps_.config && !t.team.empty()) {
      KEFU_ASSIGN_OR_RETURN(auto cfg, deps_.config->Snapshot(txn));
      if (const TeamSpec* team = cfg->FindTeam(t.team)) lead = team->lead;
    }
    KEFU_ASSIGN_OR_RETURN(Change c, EscalateByHand(t, a, to, lead, reason, now));
    KEFU_RETURN_IF_ERROR(NotifyEscalations(store_, txn, c, 0, now));
    return c;
  });
}

StatusOr<Ticket> TicketService::SetWatchers(const Actor& a, const std::string& id,
                                            const std::vector<std::string>& logins) {
  return Mutate(a, id, [&](Txn& txn, const Ticket& t, Timestamp now) -> StatusOr<Change> {
    KEFU_ASSIGN_OR_RETURN(Change c, kefu::SetWatchers(t, a, logins, now));
    if (!c.events.empty()) KEFU_RETURN_IF_ERROR(CheckWatcherLogins(store_, txn, c.events[0].added));
    return c;
  });
}

StatusOr<Ticket> TicketService::Patch(const Actor& a, const std::string& id,
                                      const TicketPatch& p) {
  return Mutate(a, id, [&](Txn& txn, const Ticket& t, Timestamp now) -> StatusOr<Change> {
    if (p.team) KEFU_RETURN_IF_ERROR(CheckTeam(txn, *p.team));
    // A person choosing a category labels the ticket for the classifier's
    // next training, and triages it.
    bool labels = p.category && !p.category->empty() && *p.category != t.category && IsStaff(a.role);
    TicketPatch patch = p;
    auto triage = std::find(t.tags.begin(), t.tags.end(), kNeedsTriageTag);
    if (labels && !p.tags && triage != t.tags.end()) {
      patch.tags = t.tags;
      patch.tags->erase(patch.tags->begin() + (triage - t.tags.begin()));
    }
    KEFU_ASSIGN_OR_RETURN(Change c, kefu::Patch(t, a, patch, now));
    if (labels) {
      KEFU_ASSIGN_OR_RETURN(auto first, store_.ListEvents(txn, t.id, true, 0, 1));
      std::string text = t.subject;
      if (!first.empty()) text += "\n" + first[0].body;
      KEFU_RETURN_IF_ERROR(store_.PutCategoryLabel(txn, t.id, *p.category, text, a.login, now));
    }
    return c;
  });
}

Status TicketService::CheckStorage() {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  return store_.Ping(*txn);
}

StatusOr<std::map<TicketStatus, int64_t>> TicketService::CountByStatus() {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  return store_.CountTicketsByStatus(*txn);
}

}  // namespace kefu
