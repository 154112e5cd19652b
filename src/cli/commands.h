// The `kefu` subcommands. Each Run* parses nothing itself (CLI11 did), calls
// services and maps the Status to an exit code: 0 ok, 1 bad input or
// refused, 2 internal or storage failure.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "common/status.h"
#include "core/model.h"
#include "store/store.h"

namespace kefu::cli {

int ExitCodeFor(const Status& st);  // prints the error to stderr

// The CLI acts as the administrator (whoever runs it can open the
// database); the audit log records it as "cli".
inline const Actor kCli{"cli", Role::kAdmin, ""};
StatusOr<std::string> ReadFile(const std::string& path);
// Opens the database at `db` with the search analyzer (every CLI write
// keeps the search index), migrating it if needed.
StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& db);

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  size_t threads = 4;
  std::string carrier_secret;  // --carrier-secret or $KEFU_CARRIER_SECRET
  double triage_below = 0.5;   // see TextOptions
  std::string web_root = "web/dist";  // the built console; "" serves none
  size_t max_streams_per_user = 8;     // see AppOptions
};
int RunServe(const ServeArgs& a);

int RunMigrate(const std::string& db);

// Retrains the classifier (ClassificationService::Train) and prints the
// held-out evaluation; with `report`, also writes it there as markdown.
int RunTrain(const std::string& db, const std::string& report);
// Rebuilds the search index from every ticket, message, customer and article.
int RunReindex(const std::string& db);
// Reads an exam paper or interview kit: text as written
// (training/paper_parser.h) or, for a file ending in .json, the JSON form
// (training/paper_json.h). With `preview`, prints what was understood as
// JSON and the problems on stderr: exit 0 if none, 1 if any. Otherwise
// saves it into the question bank of `db` (TrainingService::SavePaper:
// refused while it has problems unless `ignore_problems`) and prints the
// saved paper.
struct PaperImportArgs {
  std::string file, db, role;
  std::vector<std::string> tags;
  bool preview = false, ignore_problems = false;
};
int RunPaperImport(const PaperImportArgs& a);

struct UserAddArgs {
  std::string db, login, password, role, display_name, customer;
};
int RunUserAdd(const UserAddArgs& a);
// `kefu user disable|enable --db --login`: see AuthService::SetActive.
int RunUserSetActive(const std::string& db, const std::string& login, bool active);

struct TokenCreateArgs {
  std::string db, login, label = "cli";
  int64_t ttl_days = 90;
};
int RunTokenCreate(const TokenCreateArgs& a);

int RunDemoData(const std::string& db);
int RunBackup(const std::string& db, const std::string& file);

struct ImportArgs {
  std::string db, file;
  size_t batch = 10000;
  bool progress = true;  // shown only when stderr is a terminal
};
int RunImportTickets(const ImportArgs& a);

// A configuration bundle (see ConfigService::ApplyBundle), all or nothing.
int RunConfigApply(const std::string& db, const std::string& file);
// Prints the stored configuration as JSON; `kind` "" = every kind.
int RunConfigShow(const std::string& db, const std::string& kind);
int RunPresenceSet(const std::string& db, const std::string& login, const std::string& state);
// One scheduler pass (SLA firings, escalations, routing): for cron.
int RunJobsOnce(const std::string& db);

// After-sales for operators: lists as JSON, shipments and carrier updates
// entered by hand (trusted: whoever runs the CLI can open the database),
// the webhook signature of a file for testing carrier integrations.
int RunAfterSalesList(const std::string& db, const std::string& status, bool overdue);
int RunCompensationList(const std::string& db, const std::string& status);
int RunBudgetShow(const std::string& db, const std::string& team);
int RunShipmentAdd(const std::string& db, const std::string& order, const std::string& carrier,
                   const std::string& tracking);
struct ShipmentEventArgs {
  std::string db, carrier, tracking, event_id, status, exception, at, description, location;
};
int RunShipmentEvent(const ShipmentEventArgs& a);
int RunWebhookSign(const std::string& secret, const std::string& file);

}  // namespace kefu::cli
