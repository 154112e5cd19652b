// Durability: a child process writes tickets through the real service and
// reports each one after its commit returns; the parent kills it with
// SIGKILL mid-stream and checks that every acknowledged ticket survived,
// with its event, in an intact database, and that the search index written
// in the same transactions holds exactly the surviving tickets.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "service/search_service.h"
#include "service/ticket_service.h"
#include "store/store.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

// The first column of the first row of `sql`, as text.
std::string RawText(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) return sqlite3_errmsg(db);
  std::string out;
  if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != nullptr) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  }
  sqlite3_finalize(s);
  return out;
}

[[noreturn]] void ChildWriteForever(const std::string& path, int ack_fd) {
  auto store = OpenSqliteStore({path, 1, &DefaultSearchAnalyzer()});
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
    n.body = "快遞一直沒到，運單號 SF" + std::to_string(1000000000 + i) + " " + std::string(150, 'x');
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

    // The raw checks first: opening the store could rebuild a stale index.
    sqlite3* raw = nullptr;
    sqlite3_open(path.c_str(), &raw);
    EXPECT_EQ(RawText(raw, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(RawText(raw, "SELECT value <> '' FROM search_meta"), "1") << "index marked stale";
    // One ticket document and one message document per ticket, no more.
    EXPECT_EQ(RawText(raw, "SELECT COUNT(*) FROM search_docs WHERE type = 'ticket'"),
              RawText(raw, "SELECT COUNT(*) FROM tickets"));
    EXPECT_EQ(RawText(raw, "SELECT COUNT(*) FROM search_docs WHERE type = 'message'"),
              RawText(raw, "SELECT COUNT(*) FROM tickets"));
    EXPECT_EQ(RawText(raw, "SELECT COUNT(*) FROM search_fts"),
              RawText(raw, "SELECT COUNT(*) FROM search_docs"));
    EXPECT_EQ(sqlite3_exec(raw, "INSERT INTO search_fts(search_fts) VALUES('integrity-check')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(raw);
    sqlite3_close(raw);

    auto store = OpenSqliteStore({path, 1, &DefaultSearchAnalyzer()});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto txn = std::move((*store)->Begin(TxnMode::kRead)).value();
    for (size_t i = 0; i < acked.size(); ++i) {
      const std::string& id = acked[i];
      auto t = (*store)->GetTicket(*txn, id);
      ASSERT_TRUE(t.ok()) << id << " was acknowledged but is gone";
      auto events = (*store)->ListEvents(*txn, id, false, 0, 10);
      ASSERT_EQ(events->size(), 1u) << id;
      EXPECT_EQ((*events)[0].type, EventType::kCreated);
      // The i-th acknowledged ticket is found by its own tracking number.
      SearchFilter f;
      f.match = text::ParseQuery(DefaultSearchAnalyzer().tokenizer(),
                                 "sf" + std::to_string(1000000000 + i)).match;
      auto hits = (*store)->Search(*txn, f);
      ASSERT_TRUE(hits.ok()) << hits.status().ToString();
      ASSERT_EQ(hits->size(), 1u) << id;
      EXPECT_EQ((*hits)[0].ticket_id, id);
    }
  }
}

}  // namespace
}  // namespace kefu
