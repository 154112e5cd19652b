#include "service/compensation_service.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/access.h"
#include "core/calendar.h"
#include "core/money.h"
#include "core/ticket_rules.h"
#include "service/money_back.h"
#include "service/ticket_service.h"

namespace kefu {

BudgetMonth MonthOf(Timestamp now, int utc_offset_minutes) {
  Date d = LocalDate(now, utc_offset_minutes);
  Date first{d.year, d.month, 1};
  Date next = d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
  char name[16];
  std::snprintf(name, sizeof name, "%04d-%02d", d.year, d.month);
  return BudgetMonth{LocalMidnight(first, utc_offset_minutes),
                     LocalMidnight(next, utc_offset_minutes), name};
}

struct CompensationService::Facts {
  std::shared_ptr<const ConfigSnapshot> cfg;
  int64_t ticket_granted = 0;
  BudgetView budget;
  BudgetMonth month;
};

namespace {

using nlohmann::json;

int DomesticOffset(const ConfigSnapshot& cfg) {
  auto it = cfg.after_sales.policy.markets.find("cn");
  return it == cfg.after_sales.policy.markets.end() ? 480 : it->second.utc_offset_minutes;
}

TicketEvent CompensationEvent(const Ticket& t, const Compensation& c, const Actor& a,
                              std::string_view from, std::string reason, Timestamp now) {
  TicketEvent e = MakeEvent(t, EventType::kCompensation, a, now);
  e.body = c.id;
  e.from = std::string(from);
  e.to = std::string(ToString(c.status));
  e.reason = std::move(reason);
  return e;
}

std::string Describe(const Compensation& c) {
  return std::string(ToString(c.kind)) + " " + std::to_string(c.amount_fen) + " fen";
}

}  // namespace

StatusOr<CompensationService::Facts> CompensationService::Load(Txn& txn, const Ticket& t,
                                                               const std::string& team,
                                                               Timestamp now) {
  Facts f;
  KEFU_ASSIGN_OR_RETURN(f.cfg, config_.Snapshot(txn));
  KEFU_ASSIGN_OR_RETURN(f.ticket_granted,
                        store_.SumApprovedCompensation(txn, "", now, now, t.id));
  f.month = MonthOf(now, DomesticOffset(*f.cfg));
  auto b = f.cfg->after_sales.team_budgets_fen.find(team);
  if (b != f.cfg->after_sales.team_budgets_fen.end()) {
    f.budget.budget_fen = b->second;
    KEFU_ASSIGN_OR_RETURN(f.budget.spent_fen,
                          store_.SumApprovedCompensation(txn, team, f.month.from, f.month.to));
  }
  return f;
}

Status CompensationService::CheckPaid(Txn& txn, const Ticket& t, const Compensation& c) {
  if (!IsMoneyBack(c.kind)) return OkStatus();
  return CheckMoneyBack(store_, txn, t.order_id, c.amount_fen, c.id);
}

StatusOr<Compensation> CompensationService::Request(const Actor& a, const std::string& ticket_id,
                                                    const CompensationDraft& d) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, ticket_id));
  KEFU_RETURN_IF_ERROR(CheckVisible(a, t));
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "requesting compensation"));
  if (d.reason.size() > 2000) return ValidationError("reason is longer than 2000 bytes");
  if (t.status == TicketStatus::kClosed) {
    return FailedPrecondition("ticket_closed", "ticket " + ticket_id + " is closed");
  }
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(Facts f, Load(*txn, t, t.team, now));
  Compensation c;
  c.ticket_id = t.id;
  c.team = t.team;
  c.kind = d.kind;
  c.amount_fen = d.amount_fen;
  c.reason = d.reason;
  c.requested_by = a.login;
  c.requested_role = a.role;
  KEFU_ASSIGN_OR_RETURN(c, RequestCompensation(f.cfg->after_sales.limits, std::move(c),
                                               f.ticket_granted, f.budget, now));
  KEFU_RETURN_IF_ERROR(CheckPaid(*txn, t, c));
  KEFU_ASSIGN_OR_RETURN(int64_t seq, store_.NextSeq(*txn, 'P'));
  c.id = FormatId('P', seq);
  c.version = 1;
  KEFU_RETURN_IF_ERROR(store_.InsertCompensation(*txn, c));
  std::vector<TicketEvent> events;
  events.push_back(CompensationEvent(t, c, a, "", Describe(c) + ": " + c.reason, now));
  KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, t, Change{t, std::move(events)}, now));
  if (c.status == CompensationStatus::kApproved) {
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(
        *txn, AuditEntry{now, a.login, "compensation.approved", c.id,
                         json{{"ticket", c.ticket_id}, {"kind", ToString(c.kind)},
                              {"amount_fen", c.amount_fen}, {"team", c.team},
                              {"within_limit_of", a.login}, {"reason", c.reason}}
                             .dump()}));
  } else {
    KEFU_RETURN_IF_ERROR(NotifySupervisors(store_, *txn, *f.cfg, t, "approval_pending",
                                           "待审批补偿 / compensation awaiting approval: " + c.id +
                                               " " + Describe(c) + " (" + t.id + ")",
                                           now));
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return c;
}

StatusOr<Compensation> CompensationService::Decide(const Actor& a, const std::string& id,
                                                   const std::string& note, bool approve) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(Compensation c, store_.GetCompensation(*txn, id));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, c.ticket_id));
  if (!CanSee(a, t)) return NotFound("compensation " + id + " not found");
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "deciding compensation"));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(Facts f, Load(*txn, t, c.team, now));
  const ApprovalLimits& limits = f.cfg->after_sales.limits;
  Compensation next;
  if (approve) {
    KEFU_ASSIGN_OR_RETURN(next, ApproveCompensation(limits, c, a.login, a.role, f.ticket_granted,
                                                    f.budget, note, now));
    KEFU_RETURN_IF_ERROR(CheckPaid(*txn, t, next));
  } else {
    KEFU_ASSIGN_OR_RETURN(next, RejectCompensation(limits, c, a.login, a.role, note, now));
  }
  KEFU_RETURN_IF_ERROR(store_.UpdateCompensation(*txn, next, c.version));
  std::vector<TicketEvent> events;
  events.push_back(CompensationEvent(t, next, a, ToString(c.status), Describe(next) + ": " + note,
                                     now));
  KEFU_RETURN_IF_ERROR(SaveTicketChange(store_, *txn, t, Change{t, std::move(events)}, now));
  if (approve) {
    KEFU_RETURN_IF_ERROR(store_.AppendAudit(
        *txn, AuditEntry{now, a.login, "compensation.approved", next.id,
                         json{{"ticket", next.ticket_id}, {"kind", ToString(next.kind)},
                              {"amount_fen", next.amount_fen}, {"team", next.team},
                              {"requested_by", next.requested_by},
                              {"reason", next.decision_note}}
                             .dump()}));
  }
  if (next.requested_by != a.login) {
    KEFU_RETURN_IF_ERROR(Notify(store_, *txn, next.requested_by, t.id,
                                approve ? "compensation_approved" : "compensation_rejected",
                                std::string(approve ? "补偿已批准 / approved: "
                                                    : "补偿被驳回 / rejected: ") +
                                    next.id + " " + Describe(next),
                                now));
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return next;
}

StatusOr<Compensation> CompensationService::Approve(const Actor& a, const std::string& id,
                                                    const std::string& note) {
  return Decide(a, id, note, true);
}

StatusOr<Compensation> CompensationService::Reject(const Actor& a, const std::string& id,
                                                   const std::string& note) {
  return Decide(a, id, note, false);
}

StatusOr<Compensation> CompensationService::Get(const Actor& a, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(Compensation c, store_.GetCompensation(*txn, id));
  KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, c.ticket_id));
  if (!CanSee(a, t)) return NotFound("compensation " + id + " not found");
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "reading compensation"));
  return c;
}

StatusOr<Page<Compensation>> CompensationService::List(const Actor& a,
                                                      const CompensationQuery& q) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "reading compensation"));
  KEFU_RETURN_IF_ERROR(CheckLimit(q.page.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(q.page.cursor));
  CompensationFilter f;
  f.status = q.status;
  f.team = q.team;
  f.ticket_id = q.ticket_id;
  f.before_seq = before;
  f.limit = q.page.limit + 1;
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(std::vector<Compensation> rows, store_.ListCompensations(*txn, f));
  if (!IsSupervisor(a.role)) {
    KEFU_ASSIGN_OR_RETURN(rows, KeepVisible(store_, *txn, a, std::move(rows)));
  }
  return MakePage(std::move(rows), q.page.limit,
                  [](const Compensation& c) { return *ParseId('P', c.id); });
}

StatusOr<TeamBudget> CompensationService::Budget(const Actor& a, const std::string& team) {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "reading budgets"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto cfg, config_.Snapshot(*txn));
  if (!cfg->FindTeam(team)) return NotFound("team " + team + " not found");
  Timestamp now = clock_.Now();
  BudgetMonth m = MonthOf(now, DomesticOffset(*cfg));
  TeamBudget b;
  b.team = team;
  b.month = m.name;
  auto it = cfg->after_sales.team_budgets_fen.find(team);
  if (it != cfg->after_sales.team_budgets_fen.end()) b.budget_fen = it->second;
  KEFU_ASSIGN_OR_RETURN(b.spent_fen, store_.SumApprovedCompensation(*txn, team, m.from, m.to));
  CompensationFilter f;
  f.team = team;
  f.status = CompensationStatus::kPendingApproval;
  f.limit = 10000;
  KEFU_ASSIGN_OR_RETURN(auto pending, store_.ListCompensations(*txn, f));
  // Saturating: rows stored before amounts were bounded must not wrap the sum.
  for (const auto& c : pending) b.pending_fen = SaturatingAdd(b.pending_fen, c.amount_fen);
  return b;
}

}  // namespace kefu
