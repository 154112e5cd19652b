// kefu: the command-line entry point.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Kefu (客服): after-sales customer service"};
  app.require_subcommand(1);
  int rc = 0;

  kefu::cli::ServeArgs serve;
  auto* s = app.add_subcommand("serve", "Run the HTTP server");
  s->add_option("--db", serve.db, "SQLite database file")->required();
  s->add_option("--listen", serve.listen, "HOST:PORT to listen on")->capture_default_str();
  s->add_option("--threads", serve.threads, "Handler threads")->capture_default_str()->check(CLI::Range(1, 256));
  s->add_option("--carrier-secret", serve.carrier_secret,
                 "HMAC secret of the carrier webhook (default: $KEFU_CARRIER_SECRET)")
      ->envname("KEFU_CARRIER_SECRET");
  s->add_option("--web-root", serve.web_root,
                 "Folder of the built web console (index.html, assets/); empty for none")
      ->capture_default_str();
  s->add_option("--triage-below", serve.triage_below,
                "New tickets whose best category is less certain get no category and the tag needs_triage")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  s->add_option("--max-streams-per-user", serve.max_streams_per_user,
                "Open event streams (GET /api/v1/stream) per user; more are refused with 429")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  s->callback([&] { rc = kefu::cli::RunServe(serve); });

  std::string db;
  std::string report;
  auto* train = app.add_subcommand("train", "Retrain the ticket classifier with the agents' category choices");
  train->add_option("--db", db, "SQLite database file")->required();
  train->add_option("--report", report, "Also write the evaluation (markdown) to this file");
  train->callback([&] { rc = kefu::cli::RunTrain(db, report); });
  auto* reindex = app.add_subcommand("reindex", "Rebuild the full-text search index");
  reindex->add_option("--db", db, "SQLite database file")->required();
  reindex->callback([&] { rc = kefu::cli::RunReindex(db); });

  auto* paper = app.add_subcommand("paper", "Exam papers and interview kits");
  paper->require_subcommand(1);
  auto* paper_import = paper->add_subcommand("import", "Read a paper written as text (一、单选题… 参考答案…)");
  kefu::cli::PaperImportArgs paper_args;
  paper_import->add_option("FILE", paper_args.file, "The paper: UTF-8 text, or its JSON form (.json)")->required();
  paper_import->add_flag("--preview", paper_args.preview, "Show what was understood; save nothing");
  paper_import->add_option("--db", paper_args.db, "Save into this database's question bank");
  paper_import->add_option("--role", paper_args.role, "Interview kits: the role hired for");
  paper_import->add_option("--tag", paper_args.tags, "A tag for every question (repeatable)");
  paper_import->add_flag("--ignore-problems", paper_args.ignore_problems,
                         "Save although some lines were not understood");
  paper_import->callback([&] { rc = kefu::cli::RunPaperImport(paper_args); });

  auto* m = app.add_subcommand("migrate", "Create or upgrade the database schema");
  m->add_option("--db", db, "SQLite database file")->required();
  m->callback([&] { rc = kefu::cli::RunMigrate(db); });

  auto* user = app.add_subcommand("user", "Manage users");
  user->require_subcommand(1);
  kefu::cli::UserAddArgs ua;
  auto* uadd = user->add_subcommand("add", "Add a user");
  uadd->add_option("--db", ua.db, "SQLite database file")->required();
  uadd->add_option("--login", ua.login, "Login name")->required();
  uadd->add_option("--password", ua.password, "Password (8 to 128 bytes)")->required();
  uadd->add_option("--role", ua.role, "customer, agent, lead, manager or admin")->required()
      ->check(CLI::IsMember({"customer", "agent", "lead", "manager", "admin"}));
  uadd->add_option("--name", ua.display_name, "Display name");
  uadd->add_option("--customer", ua.customer, "For role customer: the customer id (else one is created)");
  uadd->callback([&] { rc = kefu::cli::RunUserAdd(ua); });
  std::string active_db, active_login;
  for (bool enable : {false, true}) {
    auto* sub = user->add_subcommand(enable ? "enable" : "disable",
                                     enable ? "Let a disabled user sign in again"
                                            : "Stop a user: sign-in refused, tokens revoked, streams ended");
    sub->add_option("--db", active_db, "SQLite database file")->required();
    sub->add_option("--login", active_login, "Login name")->required();
    sub->callback([&, enable] { rc = kefu::cli::RunUserSetActive(active_db, active_login, enable); });
  }

  auto* token = app.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  kefu::cli::TokenCreateArgs tc;
  auto* tcreate = token->add_subcommand("create", "Issue a bearer token for a user");
  tcreate->add_option("--db", tc.db, "SQLite database file")->required();
  tcreate->add_option("--login", tc.login, "The user the token acts as")->required();
  tcreate->add_option("--label", tc.label, "What the token is for")->capture_default_str();
  tcreate->add_option("--ttl-days", tc.ttl_days, "Days until it expires")->capture_default_str()->check(CLI::Range(1, 3650));
  tcreate->callback([&] { rc = kefu::cli::RunTokenCreate(tc); });

  auto* demo = app.add_subcommand("demo-data", "Load the demo data set into an empty database");
  demo->add_option("--db", db, "SQLite database file")->required();
  demo->callback([&] { rc = kefu::cli::RunDemoData(db); });

  std::string backup_file;
  auto* backup = app.add_subcommand("backup", "Write a consistent copy of the database");
  backup->add_option("--db", db, "SQLite database file")->required();
  backup->add_option("FILE", backup_file, "Where to write the copy")->required();
  backup->callback([&] { rc = kefu::cli::RunBackup(db, backup_file); });

  auto* imp = app.add_subcommand("import", "Bulk import");
  imp->require_subcommand(1);
  kefu::cli::ImportArgs ia;
  auto* it = imp->add_subcommand("tickets", "Import tickets from a JSON Lines file");
  it->add_option("--db", ia.db, "SQLite database file")->required();
  it->add_option("FILE", ia.file, "JSON Lines, one ticket per line ('-' for stdin)")->required();
  it->add_option("--batch", ia.batch, "Tickets per transaction")->capture_default_str()->check(CLI::Range(1, 1000000));
  it->add_flag("!--no-progress", ia.progress, "Do not draw a progress bar");
  it->callback([&] { rc = kefu::cli::RunImportTickets(ia); });

  std::string config_file, config_kind;
  auto* cfg = app.add_subcommand("config", "Teams, calendars, SLA policy, agents, macros, phrases");
  cfg->require_subcommand(1);
  auto* capply = cfg->add_subcommand("apply", "Apply a configuration bundle (JSON), all or nothing");
  capply->add_option("--db", db, "SQLite database file")->required();
  capply->add_option("FILE", config_file, "The bundle")->required();
  capply->callback([&] { rc = kefu::cli::RunConfigApply(db, config_file); });
  auto* cshow = cfg->add_subcommand("show", "Print the stored configuration");
  cshow->add_option("--db", db, "SQLite database file")->required();
  cshow->add_option("--kind", config_kind, "Only this kind (team, calendar, sla_policy, ...)");
  cshow->callback([&] { rc = kefu::cli::RunConfigShow(db, config_kind); });

  std::string presence_login, presence_state;
  auto* presence = app.add_subcommand("presence", "Agents' presence");
  presence->require_subcommand(1);
  auto* pset = presence->add_subcommand("set", "Set an agent's presence");
  pset->add_option("--db", db, "SQLite database file")->required();
  pset->add_option("--login", presence_login, "The agent")->required();
  pset->add_option("--state", presence_state, "online, busy, away or offline")->required();
  pset->callback([&] { rc = kefu::cli::RunPresenceSet(db, presence_login, presence_state); });

  auto* jobs = app.add_subcommand("jobs", "Scheduled work");
  jobs->require_subcommand(1);
  auto* once = jobs->add_subcommand("run-once", "Fire due SLA warnings, breaches and escalations; route waiting tickets");
  once->add_option("--db", db, "SQLite database file")->required();
  once->callback([&] { rc = kefu::cli::RunJobsOnce(db); });

  std::string as_status, as_team;
  bool as_overdue = false;
  auto* as = app.add_subcommand("after-sales", "After-sales requests");
  as->require_subcommand(1);
  auto* aslist = as->add_subcommand("list", "Print after-sales requests as JSON (newest 200)");
  aslist->add_option("--db", db, "SQLite database file")->required();
  aslist->add_option("--status", as_status, "Only this status (requested, received, ...)");
  aslist->add_flag("--overdue", as_overdue, "Only received requests whose refund is overdue");
  aslist->callback([&] { rc = kefu::cli::RunAfterSalesList(db, as_status, as_overdue); });

  auto* comp = app.add_subcommand("compensation", "Compensation requests");
  comp->require_subcommand(1);
  auto* clist = comp->add_subcommand("list", "Print compensation as JSON (newest 200)");
  clist->add_option("--db", db, "SQLite database file")->required();
  clist->add_option("--status", as_status, "pending_approval, approved or rejected");
  clist->callback([&] { rc = kefu::cli::RunCompensationList(db, as_status); });

  auto* budget = app.add_subcommand("budget", "Team compensation budgets");
  budget->require_subcommand(1);
  auto* bshow = budget->add_subcommand("show", "This month's budget, spend and pending approvals");
  bshow->add_option("--db", db, "SQLite database file")->required();
  bshow->add_option("--team", as_team, "The team")->required();
  bshow->callback([&] { rc = kefu::cli::RunBudgetShow(db, as_team); });

  std::string sh_order, sh_file, sh_secret;
  kefu::cli::ShipmentEventArgs se;
  auto* ship = app.add_subcommand("shipment", "Shipments and carrier updates");
  ship->require_subcommand(1);
  auto* sadd = ship->add_subcommand("add", "Register a shipment of an order");
  sadd->add_option("--db", db, "SQLite database file")->required();
  sadd->add_option("--order", sh_order, "The order (O-...)")->required();
  sadd->add_option("--carrier", se.carrier, "The carrier")->required();
  sadd->add_option("--tracking", se.tracking, "The tracking number")->required();
  sadd->callback([&] { rc = kefu::cli::RunShipmentAdd(db, sh_order, se.carrier, se.tracking); });
  auto* sevent = ship->add_subcommand("event", "Apply a carrier update by hand (as the webhook would)");
  sevent->add_option("--db", se.db, "SQLite database file")->required();
  sevent->add_option("--carrier", se.carrier, "The carrier")->required();
  sevent->add_option("--tracking", se.tracking, "The tracking number")->required();
  sevent->add_option("--event-id", se.event_id, "The carrier's event id (idempotency key)")->required();
  sevent->add_option("--status", se.status, "in_transit, out_for_delivery, delivered or exception")->required();
  sevent->add_option("--exception", se.exception, "delayed, damaged, lost, returned_to_sender, customs_hold, address_problem");
  sevent->add_option("--at", se.at, "When it happened (ISO 8601; default now)");
  sevent->add_option("--description", se.description, "The carrier's text");
  sevent->add_option("--location", se.location, "Where");
  sevent->callback([&] { rc = kefu::cli::RunShipmentEvent(se); });

  auto* hook = app.add_subcommand("webhook", "Webhook helpers");
  hook->require_subcommand(1);
  auto* sign = hook->add_subcommand("sign", "Print the X-Kefu-Signature of a request body");
  sign->add_option("--secret", sh_secret, "The shared secret")->required()->envname("KEFU_CARRIER_SECRET");
  sign->add_option("FILE", sh_file, "The body, exactly as it will be sent")->required();
  sign->callback([&] { rc = kefu::cli::RunWebhookSign(sh_secret, sh_file); });

  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  CLI11_PARSE(app, argc, argv);
  return rc;
}
