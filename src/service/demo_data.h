// Loads the demo data set (data/demo/demo.json, compiled into the binary)
// through the ordinary use cases, so that the demo's tickets carry the same
// events, owners and timestamps as real ones.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "store/store.h"

namespace kefu {

struct DemoSummary {
  bool already_loaded = false;
  int users = 0, customers = 0, orders = 0, tickets = 0;
  int shipments = 0, after_sales = 0, compensations = 0, articles = 0;
  int papers = 0;
  std::vector<std::pair<std::string, std::string>> logins;  // (login, role)
  std::string password;  // the demo password shared by every demo login
};

// The embedded demo data set, and its configuration bundle (teams,
// calendars, SLA policy, agents, macros, forbidden phrases; see
// ConfigService::ApplyBundle).
const char* EmbeddedDemoJson();
const char* EmbeddedDemoConfigJson();
// Demo training material: an exam paper and an interview kit, as written.
const char* EmbeddedDemoPolicyExam();
const char* EmbeddedDemoInterviewKit();

// The demo's training: the two papers in the bank, a certifying exam,
// an assignment for li.na and an interview with one interviewer's scores.
Status LoadDemoTraining(Store& store, Clock& clock);

// Loads `demo` unless a user named "admin" already exists (then
// already_loaded is set and nothing changes). Times in the file are hours
// before `clock.Now()`.
StatusOr<DemoSummary> LoadDemoData(Store& store, Clock& clock, const nlohmann::json& demo);

}  // namespace kefu
