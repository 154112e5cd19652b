#include <signal.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <thread>

#include "api/app.h"
#include "api/server.h"
#include "cli/commands.h"
#include "core/escalation.h"
#include "store/sqlite/sqlite_store.h"

namespace kefu::cli {

int RunServe(const ServeArgs& a) {
  auto listen = api::ParseListen(a.listen);
  if (!listen.ok()) return ExitCodeFor(listen.status());
  // Block the stop signals before any thread starts, then wait for them here.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  auto store = sqlite::SqliteStore::Open(
      {a.db, static_cast<int>(a.threads) + 1, &DefaultSearchAnalyzer()});
  if (!store.ok()) return ExitCodeFor(store.status());
  SystemClock clock;
  api::AppOptions opts;
  opts.carrier_secret = a.carrier_secret;
  opts.text.triage_below = a.triage_below;
  opts.max_streams_per_user = a.max_streams_per_user;
  opts.scheduler.on_error = [](const Status& st) {
    spdlog::error("scheduler: {}", st.ToString());
  };
  api::App app(**store, clock, std::move(opts));
  // A Kefu that was never configured starts with running clocks.
  auto seeded = app.config().SeedDefaults(SystemActor());
  if (!seeded.ok()) return ExitCodeFor(seeded.status());
  if (*seeded) spdlog::info("no configuration yet: the default calendar and SLA policy apply");
  // Without a stored model the built-in one is trained on first use (about
  // a second): do it now, beside start-up, not in the first request.
  std::thread warm([&text = app.services().text] { (void)text.Classifier(); });
  struct Join {
    std::thread& t;
    ~Join() { t.join(); }
  } join_warm{warm};
  Scheduler& scheduler = app.scheduler();
  api::Server server(app.services(), api::ServerOptions{listen->first, listen->second, a.threads, a.web_root});
  if (Status st = server.Start(); !st.ok()) return ExitCodeFor(st);
  scheduler.Start();
  spdlog::info("kefu serving {} on http://{} ({} threads)", a.db, a.listen, a.threads);
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop, &sig);
  spdlog::info("signal {}: stopping", sig);
  scheduler.Stop();
  server.Stop();
  return 0;
}

}  // namespace kefu::cli
