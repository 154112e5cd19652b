// Reports for leads and managers: the service dashboard (core/report.h
// over the store's ticket facts).
#pragma once

#include <map>

#include "common/status.h"
#include "common/time.h"
#include "core/report.h"
#include "store/store.h"

namespace kefu {

struct DashboardReport {
  std::map<TicketStatus, int64_t> by_status;  // every ticket
  Dashboard window;                            // the last `days` days
  AfterSalesSummary after_sales;               // requests created in the window
  // Chats the bot answered, created in the window, by how they ended
  // (core/bot_followup.h tags): bot_answered (still waiting), bot_solved,
  // bot_auto_resolved, bot_handoff.
  std::map<std::string, int64_t> bot;
  Timestamp generated_at;
};

class ReportService {
 public:
  ReportService(Store& store, Clock& clock) : store_(store), clock_(clock) {}

  // Leads, managers and admins; `days` 1..90 (422 otherwise).
  StatusOr<DashboardReport> Dashboard(const Actor& a, int days);

 private:
  Store& store_;
  Clock& clock_;
};

}  // namespace kefu
