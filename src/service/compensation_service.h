// Compensation use cases: requests, the approval queue, approvals and
// rejections under the limits and team budgets of core/compensation.h.
//
// Money that goes back to the buyer (partial and shipping refunds) may not,
// with the refunds of after-sales requests, exceed what was paid for the
// ticket's order (kValidation "refund_exceeds_paid"). Every request and
// decision is an internal event on the ticket; every approval (a money
// movement) is written to the audit log. A pending request tells the team's
// lead; a decision tells the requester.
#pragma once

#include <optional>
#include <string>

#include "common/status.h"
#include "common/time.h"
#include "core/compensation.h"
#include "service/config_service.h"
#include "service/paging.h"
#include "store/store.h"

namespace kefu {

struct CompensationDraft {
  CompensationKind kind = CompensationKind::kCoupon;
  int64_t amount_fen = 0;
  std::string reason;
};

struct CompensationQuery {
  std::optional<CompensationStatus> status;
  std::string team;
  std::string ticket_id;
  PageRequest page;
};

// A team's budget month ("2026-11", in the domestic market's local time).
struct TeamBudget {
  std::string team;
  std::string month;
  std::optional<int64_t> budget_fen;
  int64_t spent_fen = 0;    // approved this month
  int64_t pending_fen = 0;  // waiting for approval
};

// Thread-safe.
class CompensationService {
 public:
  CompensationService(Store& store, Clock& clock, ConfigService& config)
      : store_(store), clock_(clock), config_(config) {}

  // Staff who can see the ticket. Approved at once within the requester's
  // limit and the team's budget, pending otherwise.
  StatusOr<Compensation> Request(const Actor& a, const std::string& ticket_id,
                                 const CompensationDraft& d);
  StatusOr<Compensation> Approve(const Actor& a, const std::string& id, const std::string& note);
  StatusOr<Compensation> Reject(const Actor& a, const std::string& id, const std::string& note);
  // Staff only; agents see the compensation of tickets they may see.
  StatusOr<Compensation> Get(const Actor& a, const std::string& id);
  StatusOr<Page<Compensation>> List(const Actor& a, const CompensationQuery& q);
  // Staff only; kNotFound for an unknown team.
  StatusOr<TeamBudget> Budget(const Actor& a, const std::string& team);

 private:
  // Loads what a decision needs inside `txn`.
  struct Facts;
  StatusOr<Facts> Load(Txn& txn, const Ticket& t, const std::string& team, Timestamp now);
  Status CheckPaid(Txn& txn, const Ticket& t, const Compensation& c);
  StatusOr<Compensation> Decide(const Actor& a, const std::string& id, const std::string& note,
                                bool approve);

  Store& store_;
  Clock& clock_;
  ConfigService& config_;
};

// The budget month containing `now` as [from, to), and its name, in the
// local time of `utc_offset_minutes`.
struct BudgetMonth {
  Timestamp from, to;
  std::string name;
};
BudgetMonth MonthOf(Timestamp now, int utc_offset_minutes);

}  // namespace kefu
