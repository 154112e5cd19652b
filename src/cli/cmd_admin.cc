#include <cstdio>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/escalation.h"
#include "service/auth_service.h"
#include "service/config_service.h"
#include "service/demo_data.h"
#include "service/search_service.h"
#include "store/sqlite/sqlite_store.h"

namespace kefu::cli {
int ExitCodeFor(const Status& st) {
  if (st.ok()) return 0;
  std::fprintf(stderr, "kefu: %s\n", st.ToString().c_str());
  switch (st.code()) {
    case StatusCode::kInternal:
    case StatusCode::kUnavailable:
      return 2;
    default:
      return 1;
  }
}

StatusOr<std::unique_ptr<Store>> OpenStore(const std::string& db) {
  return OpenSqliteStore({db, 1, &DefaultSearchAnalyzer()});
}

int RunMigrate(const std::string& db) {
  auto store = sqlite::SqliteStore::Open({db, 1, &DefaultSearchAnalyzer()});
  if (!store.ok()) return ExitCodeFor(store.status());
  std::printf("database %s is at the latest schema\n", db.c_str());
  SystemClock clock;
  ConfigService config(**store, clock);
  auto seeded = config.SeedDefaults(SystemActor());
  if (!seeded.ok()) return ExitCodeFor(seeded.status());
  if (*seeded) std::printf("no configuration yet: the default calendar and SLA policy are set\n");
  return 0;
}

int RunUserAdd(const UserAddArgs& a) {
  auto store = OpenStore(a.db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  AuthService auth(**store, clock);
  auto role = ParseRole(a.role);
  if (!role) return ExitCodeFor(ValidationError("unknown role " + a.role));
  auto u = auth.AddUser({a.login, a.password, *role, a.display_name, a.customer}, kCli);
  if (!u.ok()) return ExitCodeFor(u.status());
  std::printf("user %s added (role %s%s%s)\n", u->login.c_str(), a.role.c_str(),
              u->customer_id.empty() ? "" : ", customer ", u->customer_id.c_str());
  return 0;
}

int RunUserSetActive(const std::string& db, const std::string& login, bool active) {
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  AuthService auth(**store, clock);
  if (Status st = auth.SetActive(login, active, kCli); !st.ok()) return ExitCodeFor(st);
  std::printf("user %s %s\n", login.c_str(),
              active ? "enabled" : "disabled (its tokens are revoked; open streams end within seconds)");
  return 0;
}

int RunTokenCreate(const TokenCreateArgs& a) {
  auto store = OpenStore(a.db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  AuthService auth(**store, clock);
  auto t = auth.CreateToken(a.login, a.ttl_days * 24 * 3600 * 1000, a.label, kCli);
  if (!t.ok()) return ExitCodeFor(t.status());
  std::printf("%s\n", t->token.c_str());
  std::fprintf(stderr, "token for %s, expires %s\n", a.login.c_str(),
               FormatIso8601(t->expires_at).c_str());
  return 0;
}

int RunDemoData(const std::string& db) {
  auto store = OpenStore(db);
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  auto sum = LoadDemoData(**store, clock, nlohmann::json::parse(EmbeddedDemoJson()));
  if (!sum.ok()) return ExitCodeFor(sum.status());
  if (sum->already_loaded) {
    std::printf("demo data already present in %s\n", db.c_str());
    return 0;
  }
  std::printf("demo data loaded: %d users, %d customers, %d orders, %d shipments, %d tickets, "
              "%d after-sales requests, %d compensations, %d articles, %d training papers\n",
              sum->users, sum->customers, sum->orders, sum->shipments, sum->tickets,
              sum->after_sales, sum->compensations, sum->articles, sum->papers);
  std::printf("demo logins (password %s):\n", sum->password.c_str());
  for (const auto& [login, role] : sum->logins) std::printf("  %-10s %s\n", login.c_str(), role.c_str());
  return 0;
}

int RunBackup(const std::string& db, const std::string& file) {
  auto store = sqlite::SqliteStore::Open({db, 1, &DefaultSearchAnalyzer()});
  if (!store.ok()) return ExitCodeFor(store.status());
  if (Status st = (*store)->Backup(file); !st.ok()) return ExitCodeFor(st);
  std::printf("backup of %s written to %s\n", db.c_str(), file.c_str());
  return 0;
}

}  // namespace kefu::cli
