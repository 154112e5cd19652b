// What only the SQLite backend promises: its file format, pragmas,
// migrations, append-only triggers, snapshots and online backup.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

// Runs `sql` on a raw connection; returns SQLite's result code.
int RawExec(const std::string& path, const std::string& sql, std::string* first_value = nullptr) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && first_value) {
      *first_value = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    }
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rc;
}

StatusOr<std::unique_ptr<sqlite::SqliteStore>> Open(const std::string& path) {
  return sqlite::SqliteStore::Open({path, 2});
}

// A store with one customer and one ticket with one event.
void Seed(Store& store) {
  auto txn = std::move(store.Begin(TxnMode::kWrite)).value();
  ASSERT_TRUE(store.InsertCustomer(*txn, {"C-000001", "王芳", "", "", Tier::kNormal, {}}).ok());
  Ticket t;
  t.id = "T-000001";
  t.subject = "破损";
  t.customer_id = "C-000001";
  t.version = 1;
  ASSERT_TRUE(store.InsertTicket(*txn, t).ok());
  std::vector<TicketEvent> e(1);
  e[0].ticket_id = t.id;
  e[0].actor = "wangfang";
  ASSERT_TRUE(store.AppendEvents(*txn, e).ok());
  ASSERT_TRUE(store.AppendAudit(*txn, {Timestamp{1}, "cli", "customer.create", "C-000001", ""}).ok());
  ASSERT_TRUE(txn->Commit().ok());
}

TEST(SqliteStoreTest, OpensInWalModeAndMigratesOnceToTheLatestVersion) {
  testing::TempDir dir;
  std::string path = dir.File("k.db");
  { ASSERT_TRUE(Open(path).ok()); }
  { ASSERT_TRUE(Open(path).ok()); }  // second open: nothing to migrate, no error
  std::string mode, version, count;
  EXPECT_EQ(RawExec(path, "PRAGMA journal_mode", &mode), SQLITE_OK);
  EXPECT_EQ(mode, "wal");
  RawExec(path, "SELECT MAX(version) FROM schema_migrations", &version);
  EXPECT_EQ(version, std::to_string(sqlite::LatestSchemaVersion()));
  RawExec(path, "SELECT COUNT(*) FROM schema_migrations", &count);
  EXPECT_EQ(count, std::to_string(sqlite::LatestSchemaVersion()));
}

TEST(SqliteStoreTest, RefusesADatabaseFromANewerBuild) {
  testing::TempDir dir;
  std::string path = dir.File("k.db");
  { ASSERT_TRUE(Open(path).ok()); }
  ASSERT_EQ(RawExec(path, "INSERT INTO schema_migrations VALUES (999, 0)"), SQLITE_OK);
  auto s = Open(path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().reason(), "schema_too_new");
}

TEST(SqliteStoreTest, EventsAndAuditLogCannotBeRewritten) {
  testing::TempDir dir;
  std::string path = dir.File("k.db");
  {
    auto s = Open(path);
    ASSERT_TRUE(s.ok());
    Seed(**s);
  }
  EXPECT_NE(RawExec(path, "UPDATE ticket_events SET actor = 'x'"), SQLITE_OK);
  EXPECT_NE(RawExec(path, "DELETE FROM ticket_events"), SQLITE_OK);
  EXPECT_NE(RawExec(path, "UPDATE audit_log SET actor = 'x'"), SQLITE_OK);
  EXPECT_NE(RawExec(path, "DELETE FROM audit_log"), SQLITE_OK);
  std::string n;
  RawExec(path, "SELECT COUNT(*) FROM ticket_events WHERE actor = 'wangfang'", &n);
  EXPECT_EQ(n, "1");
}

TEST(SqliteStoreTest, ReadersSeeASnapshotWhileAWriteIsOpen) {
  testing::TempDir dir;
  auto s = Open(dir.File("k.db"));
  ASSERT_TRUE(s.ok());
  Store& store = **s;
  Seed(store);
  auto writer = std::move(store.Begin(TxnMode::kWrite)).value();
  ASSERT_TRUE(store.InsertCustomer(*writer, {"C-000002", "李雷", "", "", Tier::kNormal, {}}).ok());
  {
    auto reader = std::move(store.Begin(TxnMode::kRead)).value();
    EXPECT_TRUE(store.GetCustomer(*reader, "C-000001").ok());
    EXPECT_FALSE(store.GetCustomer(*reader, "C-000002").ok());  // not committed yet
  }
  ASSERT_TRUE(writer->Commit().ok());
  auto reader = std::move(store.Begin(TxnMode::kRead)).value();
  EXPECT_TRUE(store.GetCustomer(*reader, "C-000002").ok());
}

TEST(SqliteStoreTest, BackupIsAConsistentReadableCopy) {
  testing::TempDir dir;
  auto s = Open(dir.File("k.db"));
  ASSERT_TRUE(s.ok());
  Seed(**s);
  ASSERT_TRUE((*s)->Backup(dir.File("copy.db")).ok());
  auto copy = Open(dir.File("copy.db"));
  ASSERT_TRUE(copy.ok());
  auto txn = std::move((*copy)->Begin(TxnMode::kRead)).value();
  auto t = (*copy)->GetTicket(*txn, "T-000001");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->subject, "破损");
  std::string ok;
  RawExec(dir.File("copy.db"), "PRAGMA integrity_check", &ok);
  EXPECT_EQ(ok, "ok");
}

TEST(SqliteStoreTest, ForeignKeysAreEnforced) {
  testing::TempDir dir;
  auto s = Open(dir.File("k.db"));
  ASSERT_TRUE(s.ok());
  auto txn = std::move((*s)->Begin(TxnMode::kWrite)).value();
  Ticket t;
  t.id = "T-000001";
  t.subject = "x";
  t.customer_id = "C-000404";  // no such customer
  t.version = 1;
  EXPECT_FALSE((*s)->InsertTicket(*txn, t).ok());
}

}  // namespace
}  // namespace kefu
