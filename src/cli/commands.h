// The `kefu` subcommands. Each Run* parses nothing itself (CLI11 did), calls
// services and maps the Status to an exit code: 0 ok, 1 bad input or
// refused, 2 internal or storage failure.
#pragma once

#include <cstdint>
#include <string>

#include "common/status.h"

namespace kefu::cli {

int ExitCodeFor(const Status& st);  // prints the error to stderr

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  size_t threads = 4;
  std::string carrier_secret;  // --carrier-secret or $KEFU_CARRIER_SECRET
};
int RunServe(const ServeArgs& a);

int RunMigrate(const std::string& db);

struct UserAddArgs {
  std::string db, login, password, role, display_name, customer;
};
int RunUserAdd(const UserAddArgs& a);

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

}  // namespace kefu::cli
