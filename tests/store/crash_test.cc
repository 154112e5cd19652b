// Durability: a child process writes tickets through the real service and
// reports each one after its commit returns; the parent kills it with
// SIGKILL mid-stream and checks that every acknowledged ticket survived,
// with its event, in an intact database.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "service/ticket_service.h"
#include "store/store.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

[[noreturn]] void ChildWriteForever(const std::string& path, int ack_fd) {
  auto store = OpenSqliteStore({path, 1});
  if (!store.ok()) _exit(3);
  SystemClock clock;
  {
    auto txn = std::move((*store)->Begin(TxnMode::kWrite)).value();
    if (!(*store)->InsertCustomer(*txn, {"C-000001", "王芳", "", "", Tier::kNormal, {}}).ok()) _exit(4);
    if (!txn->Commit().ok()) _exit(5);
  }
  TicketService tickets(**store, clock);
  Actor customer{"wangfang", Role::kCustomer, "C-000001"};
  for (int i = 0;; ++i) {
    NewTicket n;
    n.subject = "包裹丢了 #" + std::to_string(i);
    n.body = std::string(200, 'x');
    auto r = tickets.Create(customer, n, "", "");
    if (!r.ok()) _exit(6);
    std::string line = r->ticket.id + "\n";
    if (write(ack_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(7);
  }
}

TEST(CrashTest, EveryAcknowledgedTicketSurvivesSigkill) {
  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    testing::TempDir dir;
    std::string path = dir.File("kefu.db");
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      ChildWriteForever(path, fds[1]);
    }
    close(fds[1]);
    // Read acknowledgements until a varying number has arrived, then kill.
    const size_t kill_after = 150 + 97 * round;
    std::vector<std::string> acked;
    std::string buf;
    char chunk[4096];
    while (acked.size() < kill_after) {
      ssize_t n = read(fds[0], chunk, sizeof chunk);
      ASSERT_GT(n, 0) << "child stopped early";
      buf.append(chunk, static_cast<size_t>(n));
      size_t nl;
      while ((nl = buf.find('\n')) != std::string::npos) {
        acked.push_back(buf.substr(0, nl));
        buf.erase(0, nl + 1);
      }
    }
    ASSERT_EQ(kill(pid, SIGKILL), 0);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    // Acknowledgements written before the kill but not yet read count too.
    ssize_t n;
    while ((n = read(fds[0], chunk, sizeof chunk)) > 0) buf.append(chunk, static_cast<size_t>(n));
    size_t nl;
    while ((nl = buf.find('\n')) != std::string::npos) {
      acked.push_back(buf.substr(0, nl));
      buf.erase(0, nl + 1);
    }
    close(fds[0]);

    auto store = OpenSqliteStore({path, 1});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto txn = std::move((*store)->Begin(TxnMode::kRead)).value();
    for (const auto& id : acked) {
      auto t = (*store)->GetTicket(*txn, id);
      ASSERT_TRUE(t.ok()) << id << " was acknowledged but is gone";
      auto events = (*store)->ListEvents(*txn, id, false, 0, 10);
      ASSERT_EQ(events->size(), 1u) << id;
      EXPECT_EQ((*events)[0].type, EventType::kCreated);
    }
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &s, nullptr);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "ok");
    sqlite3_finalize(s);
    sqlite3_close(raw);
  }
}

}  // namespace
}  // namespace kefu
