// Route groups of the REST API. Each Add*Routes registers its endpoints on
// the router; handlers parse input, call one service and map the result.
#pragma once

#include "api/http.h"
#include "service/after_sales_service.h"
#include "service/auth_service.h"
#include "service/compensation_service.h"
#include "service/config_service.h"
#include "service/customer_service.h"
#include "service/knowledge_service.h"
#include "service/live_feed.h"
#include "service/presence.h"
#include "service/report_service.h"
#include "service/logistics_service.h"
#include "service/notification_service.h"
#include "service/bot_service.h"
#include "service/classification.h"
#include "service/search_service.h"
#include "service/text_service.h"
#include "service/scheduler.h"
#include "service/sla_service.h"
#include "service/ticket_service.h"
#include "service/training_service.h"

namespace kefu::api {

struct Services {
  AuthService& auth;
  TicketService& tickets;
  CustomerService& customers;
  ConfigService& config;
  SlaService& sla;
  Scheduler& scheduler;
  Metrics& metrics;
  AfterSalesService& after_sales;
  CompensationService& compensations;
  LogisticsService& logistics;
  NotificationService& notifications;
  TextService& text;
  SearchService& search;
  ClassificationService& classification;
  KnowledgeService& knowledge;
  BotService& bot;
  LiveFeed& feed;
  PresenceBoard& presence;
  ReportService& reports;
  TrainingService& training;
  Clock& clock;
  // The carrier webhook's HMAC secret; empty: the webhook refuses every call.
  std::string carrier_secret;
};

void AddOpsRoutes(Router& r, Services& s);       // /healthz, /metrics
void AddAuthRoutes(Router& r, Services& s);      // /api/v1/auth/...
void AddTicketRoutes(Router& r, Services& s);    // /api/v1/tickets/...
void AddCustomerRoutes(Router& r, Services& s);  // /api/v1/customers, /api/v1/orders
// Calendars, holiday sets, the SLA policy, teams and their queues, agents
// and presence, macros, forbidden phrases; a ticket's SLA and macros.
void AddConfigRoutes(Router& r, Services& s);
// After-sales requests, compensation and budgets, the customer overview,
// notifications.
void AddAfterSalesRoutes(Router& r, Services& s);
// Shipments and the carrier webhook.
void AddLogisticsRoutes(Router& r, Services& s);
// Knowledge-base articles (/api/v1/articles) and the FAQ bot (/api/v1/bot/ask).
void AddKnowledgeRoutes(Router& r, Services& s);
// Full-text search (/api/v1/search).
void AddSearchRoutes(Router& r, Services& s);
// Text analysis (/api/v1/text/analyze) and classifier training.
void AddTextRoutes(Router& r, Services& s);

// Training (/api/v1/training/..., docs/api.md §12): papers and the bank,
// certificates, assignments and certification / QA rules; exams and
// attempts; structured interviews.
void AddTrainingRoutes(Router& r, Services& s);
void AddExamRoutes(Router& r, Services& s);
void AddInterviewRoutes(Router& r, Services& s);
// What the web console needs: inbox counts, presence on a ticket, reply
// checks, ratings and the dashboard (docs/api.md §11).
void AddConsoleRoutes(Router& r, Services& s);
// The name people see for `login`: its display name, else the login itself
// (also for "system" and logins that are no user).
std::string DisplayNameOf(AuthService& auth, const std::string& login);

}  // namespace kefu::api
