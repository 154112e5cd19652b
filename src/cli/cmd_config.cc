// kefu config apply|show, kefu presence set, kefu jobs run-once (SLA,
// routing, overdue refunds, carrier follow-ups).
#include <cstdio>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "api/app.h"
#include "cli/commands.h"
#include "core/escalation.h"
#include "service/config_service.h"
#include "service/scheduler.h"
#include "store/store.h"

namespace kefu::cli {

StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return ValidationError("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

int RunConfigApply(const std::string& db, const std::string& file) {
  auto text = ReadFile(file);
  if (!text.ok()) return ExitCodeFor(text.status());
  auto bundle = nlohmann::json::parse(*text, nullptr, false);
  if (bundle.is_discarded()) {
    return ExitCodeFor(InvalidArgument("malformed_json", file + " is not JSON"));
  }
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  ConfigService config(**store, clock);
  if (Status st = config.ApplyBundle(kCli, bundle); !st.ok()) return ExitCodeFor(st);
  std::printf("configuration from %s applied to %s\n", file.c_str(), db.c_str());
  return 0;
}

int RunConfigShow(const std::string& db, const std::string& kind) {
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  ConfigService config(**store, clock);
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (auto k : {ConfigKind::kHolidaySet, ConfigKind::kCalendar, ConfigKind::kPolicy,
                 ConfigKind::kTeam, ConfigKind::kAgent, ConfigKind::kMacro, ConfigKind::kPhrase,
                 ConfigKind::kAfterSales}) {
    if (!kind.empty() && kind != ToString(k)) continue;
    auto items = config.List(kCli, k);
    if (!items.ok()) return ExitCodeFor(items.status());
    out[std::string(ToString(k))] = *items;
  }
  if (out.empty()) return ExitCodeFor(ValidationError("unknown kind: " + kind));
  std::printf("%s\n", out.dump(2).c_str());
  return 0;
}

int RunPresenceSet(const std::string& db, const std::string& login, const std::string& state) {
  auto p = ParsePresence(state);
  if (!p) return ExitCodeFor(ValidationError("presence must be online, busy, away or offline"));
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  ConfigService config(**store, clock);
  if (Status st = config.SetPresence(kCli, login, *p); !st.ok()) return ExitCodeFor(st);
  std::printf("%s is %s\n", login.c_str(), state.c_str());
  return 0;
}

int RunJobsOnce(const std::string& db) {
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  api::App app(**store, clock, {});
  auto r = app.scheduler().RunOnce();
  if (!r.ok()) return ExitCodeFor(r.status());
  std::printf("examined %d, fired %d, escalated %d, teamed %d, routed %d, still waiting %d, "
              "reminders %d\n",
              r->examined, r->fired, r->escalated, r->teamed, r->routed, r->waiting, r->reminders);
  return 0;
}

}  // namespace kefu::cli
