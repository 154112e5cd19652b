// Every service of one Kefu node wired together over one store and clock:
// what `kefu serve` runs and what the API tests start. The scheduler runs
// the after-sales jobs (overdue refunds, carrier follow-ups) too.
#pragma once

#include <memory>
#include <string>

#include "api/routes.h"
#include "store/store.h"

namespace kefu::api {

struct AppOptions {
  std::string carrier_secret;  // the carrier webhook's HMAC secret ("" = refuse)
  SchedulerOptions scheduler;  // its `jobs` are filled in by App
  TextOptions text;
  // Open event streams (GET /api/v1/stream) per user; more get 429
  // too_many_streams. 0: no limit.
  size_t max_streams_per_user = 8;
  LoginThrottleOptions login_throttle;  // sign-in lockouts (service/login_throttle.h)
};

class App {
 public:
  App(Store& store, Clock& clock, AppOptions o);

  Services services();
  Scheduler& scheduler() { return scheduler_; }
  ConfigService& config() { return config_; }
  AuthService& auth() { return auth_; }

 private:
  Clock& clock_;
  std::string carrier_secret_;
  AuthService auth_;
  ConfigService config_;
  SlaService sla_;
  AfterSalesService after_sales_;
  CompensationService compensations_;
  LogisticsService logistics_;
  std::unique_ptr<TextService> text_;
  SearchService search_;
  ClassificationService classification_;
  KnowledgeService knowledge_;
  TrainingService training_;
  Scheduler scheduler_;
  TicketService tickets_;
  CustomerService customers_;
  BotService bot_;
  NotificationService notifications_;
  LiveFeed feed_;
  PresenceBoard presence_;
  ReportService reports_;
  Metrics metrics_;
};

}  // namespace kefu::api
