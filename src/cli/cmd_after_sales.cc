// kefu after-sales list, kefu compensation list, kefu budget show,
// kefu shipment add|event, kefu webhook sign.
#include <cstdio>

#include "api/after_sales_codec.h"
#include "api/app.h"
#include "auth/hmac.h"
#include "cli/commands.h"
#include "store/store.h"

namespace kefu::cli {
namespace {

// Runs `fn(app)` on the database at `db` and prints the JSON it returns.
template <typename Fn>
int WithApp(const std::string& db, Fn fn) {
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  api::App app(**store, clock, {});
  StatusOr<api::json> out = fn(app.services());
  if (!out.ok()) return ExitCodeFor(out.status());
  std::printf("%s\n", out->dump(2).c_str());
  return 0;
}

}  // namespace

int RunAfterSalesList(const std::string& db, const std::string& status, bool overdue) {
  return WithApp(db, [&](api::Services s) -> StatusOr<api::json> {
    AfterSalesQuery q;
    if (!status.empty()) {
      q.status = ParseAfterSalesStatus(status);
      if (!q.status) return ValidationError("unknown status: " + status);
    }
    q.overdue = overdue;
    q.page.limit = 200;
    KEFU_ASSIGN_OR_RETURN(auto page, s.after_sales.List(kCli, q));
    Timestamp now = s.clock.Now();
    return api::PageJson(page, [now](const AfterSalesRequest& r) { return api::ToJson(r, kCli, now); });
  });
}

int RunCompensationList(const std::string& db, const std::string& status) {
  return WithApp(db, [&](api::Services s) -> StatusOr<api::json> {
    CompensationQuery q;
    if (!status.empty()) {
      q.status = ParseCompensationStatus(status);
      if (!q.status) return ValidationError("unknown status: " + status);
    }
    q.page.limit = 200;
    KEFU_ASSIGN_OR_RETURN(auto page, s.compensations.List(kCli, q));
    return api::PageJson(page, [](const Compensation& c) { return api::ToJson(c); });
  });
}

int RunBudgetShow(const std::string& db, const std::string& team) {
  return WithApp(db, [&](api::Services s) -> StatusOr<api::json> {
    KEFU_ASSIGN_OR_RETURN(TeamBudget b, s.compensations.Budget(kCli, team));
    return api::ToJson(b);
  });
}

int RunShipmentAdd(const std::string& db, const std::string& order, const std::string& carrier,
                   const std::string& tracking) {
  return WithApp(db, [&](api::Services s) -> StatusOr<api::json> {
    KEFU_ASSIGN_OR_RETURN(Shipment sh, s.logistics.Create(kCli, order, carrier, tracking));
    return api::ToJson(sh);
  });
}

int RunShipmentEvent(const ShipmentEventArgs& a) {
  return WithApp(a.db, [&](api::Services s) -> StatusOr<api::json> {
    api::json body{{"event_id", a.event_id},
                   {"carrier", a.carrier},
                   {"tracking_number", a.tracking},
                   {"status", a.status},
                   {"at", a.at.empty() ? FormatIso8601(s.clock.Now()) : a.at},
                   {"description", a.description},
                   {"location", a.location}};
    if (!a.exception.empty()) body["exception"] = a.exception;
    KEFU_ASSIGN_OR_RETURN(CarrierUpdate u, api::ParseCarrierUpdate(body));
    KEFU_ASSIGN_OR_RETURN(WebhookResult r, s.logistics.ApplyCarrierUpdate(u));
    return api::json{{"duplicate", r.duplicate},
                     {"shipment", api::ToJson(r.shipment)},
                     {"tickets", r.tickets}};
  });
}

int RunWebhookSign(const std::string& secret, const std::string& file) {
  if (secret.empty()) return ExitCodeFor(ValidationError("--secret is empty"));
  auto body = ReadFile(file);
  if (!body.ok()) return ExitCodeFor(body.status());
  std::printf("sha256=%s\n", HmacSha256Hex(secret, *body).c_str());
  return 0;
}

}  // namespace kefu::cli
