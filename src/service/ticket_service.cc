#include "service/ticket_service.h"

#include "core/access.h"

namespace kefu {

Status SaveChange(Store& store, Txn& txn, Change& c, bool is_new) {
  if (c.events.empty()) return OkStatus();
  if (is_new) {
    KEFU_RETURN_IF_ERROR(store.InsertTicket(txn, c.ticket));
  } else {
    KEFU_RETURN_IF_ERROR(store.UpdateTicket(txn, c.ticket, c.ticket.version - 1));
  }
  return store.AppendEvents(txn, c.events);
}

namespace {

// Checks the references of a new ticket inside the write transaction.
Status CheckReferences(Store& store, Txn& txn, const NewTicket& n) {
  if (auto c = store.GetCustomer(txn, n.customer_id); !c.ok()) {
    if (c.status().code() == StatusCode::kNotFound) {
      return ValidationError("customer " + n.customer_id + " does not exist");
    }
    return c.status();
  }
  if (n.order_id.empty()) return OkStatus();
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
  return OkStatus();
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
  KEFU_RETURN_IF_ERROR(CheckReferences(store_, *txn, n));
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'T'));
  KEFU_ASSIGN_OR_RETURN(Change c, OpenTicket(n, FormatId('T', seq), a, now));
  KEFU_RETURN_IF_ERROR(SaveChange(store_, *txn, c, true));
  if (!idempotency_key.empty()) {
    KEFU_RETURN_IF_ERROR(store_.PutIdempotencyKey(*txn, a.login, idempotency_key,
                                                  {request_hash, c.ticket.id}, now));
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return CreateTicketResult{std::move(c.ticket), false};
}

StatusOr<Ticket> TicketService::Get(const Actor& a, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  return t;
}

StatusOr<Page<Ticket>> TicketService::List(const Actor& a, const TicketQuery& q) {
  KEFU_RETURN_IF_ERROR(CheckLimit(q.page.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(q.page.cursor));
  TicketFilter f;
  f.status = q.status;
  f.priority = q.priority;
  f.channel = q.channel;
  f.assignee = q.assignee;
  f.owner = q.owner;
  f.customer_id = q.customer_id;
  f.tag = q.tag;
  f.before_seq = before;
  f.limit = q.page.limit + 1;
  if (a.role == Role::kCustomer) {
    if (!q.tag.empty()) return PermissionDenied("tags are internal to the service team");
    if (!q.customer_id.empty() && q.customer_id != a.customer_id) return Page<Ticket>{};
    f.customer_id = a.customer_id;
  } else if (a.role == Role::kAgent) {
    f.visible_to_agent = a.login;
  }
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<Ticket> rows, store_.ListTickets(*txn, f));
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
  KEFU_ASSIGN_OR_RETURN(Change c, decide(*txn, t, clock_.Now()));
  if (c.events.empty()) return c.ticket;
  KEFU_RETURN_IF_ERROR(SaveChange(store_, *txn, c, false));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return c.ticket;
}

StatusOr<Ticket> TicketService::AddMessage(const Actor& a, const std::string& id,
                                           const std::string& body, bool internal) {
  return Mutate(a, id, [&](Txn&, const Ticket& t, Timestamp now) {
    return kefu::AddMessage(t, a, body, internal, now);
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

StatusOr<Ticket> TicketService::Patch(const Actor& a, const std::string& id,
                                      const TicketPatch& p) {
  return Mutate(a, id, [&](Txn&, const Ticket& t, Timestamp now) {
    return kefu::Patch(t, a, p, now);
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
