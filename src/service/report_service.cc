#include "service/report_service.h"

#include "core/access.h"
#include "core/bot_followup.h"

namespace kefu {

StatusOr<DashboardReport> ReportService::Dashboard(const Actor& a, int days) {
  KEFU_RETURN_IF_ERROR(CheckSupervisor(a, "see the dashboard"));
  if (days < 1 || days > 90) return ValidationError("days must be 1 to 90");
  DashboardReport r;
  r.generated_at = clock_.Now();
  Timestamp since{ChinaDayStart(r.generated_at).unix_ms - static_cast<int64_t>(days - 1) * 86'400'000};
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(r.by_status, store_.CountTicketsByStatus(*txn));
  KEFU_ASSIGN_OR_RETURN(std::vector<DashboardTicket> tickets, store_.ListTicketFacts(*txn, since));
  r.window = Summarize(tickets, r.generated_at, days);
  KEFU_ASSIGN_OR_RETURN(std::vector<AfterSalesFact> facts, store_.ListAfterSalesFacts(*txn, since));
  r.after_sales = SummarizeAfterSales(facts);
  KEFU_ASSIGN_OR_RETURN(r.bot, store_.CountTaggedTickets(*txn,
                                                         {kBotAnsweredTag, kBotSolvedTag,
                                                          kBotAutoResolvedTag, kBotHandoffTag},
                                                         since));
  return r;
}

}  // namespace kefu
