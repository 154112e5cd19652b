#include "store/sqlite/migrations.h"

#include <array>
#include <string_view>

namespace kefu::sqlite {
namespace {

// Append only: never edit a migration that has shipped.
constexpr std::array<std::string_view, 2> kMigrations = {
    // 1: foundation - users, tokens, customers, orders, tickets, events, audit.
    R"sql(
CREATE TABLE counters (kind TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE customers (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  tier TEXT NOT NULL CHECK (tier IN ('normal','member','vip')),
  created_at INTEGER NOT NULL
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('customer','agent','lead','manager','admin')),
  customer_seq INTEGER REFERENCES customers(seq),
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  CHECK ((role = 'customer') = (customer_seq IS NOT NULL))
);

CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  label TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER
) WITHOUT ROWID;

CREATE TABLE orders (
  seq INTEGER PRIMARY KEY,
  customer_seq INTEGER NOT NULL REFERENCES customers(seq),
  paid_at INTEGER,
  shipped_at INTEGER,
  delivered_at INTEGER,
  carrier TEXT NOT NULL DEFAULT '',
  tracking_number TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX orders_by_customer ON orders(customer_seq, seq);

CREATE TABLE order_items (
  order_seq INTEGER NOT NULL REFERENCES orders(seq),
  line INTEGER NOT NULL,
  sku TEXT NOT NULL,
  name TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  price_fen INTEGER NOT NULL CHECK (price_fen >= 0),
  PRIMARY KEY (order_seq, line)
) WITHOUT ROWID;

CREATE TABLE tickets (
  seq INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  channel TEXT NOT NULL,
  customer_seq INTEGER NOT NULL REFERENCES customers(seq),
  order_seq INTEGER REFERENCES orders(seq),
  category TEXT NOT NULL DEFAULT '',
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  assignee TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  first_response_at INTEGER,
  resolved_at INTEGER,
  closed_at INTEGER,
  version INTEGER NOT NULL
);
CREATE INDEX tickets_by_status ON tickets(status, seq);
CREATE INDEX tickets_by_assignee ON tickets(assignee, seq);
CREATE INDEX tickets_by_owner ON tickets(owner, seq);
CREATE INDEX tickets_by_customer ON tickets(customer_seq, seq);
CREATE INDEX tickets_by_priority ON tickets(priority, seq);
CREATE INDEX tickets_by_channel ON tickets(channel, seq);

CREATE TABLE ticket_tags (
  tag TEXT NOT NULL,
  ticket_seq INTEGER NOT NULL REFERENCES tickets(seq),
  PRIMARY KEY (tag, ticket_seq)
) WITHOUT ROWID;

CREATE TABLE ticket_events (
  seq INTEGER PRIMARY KEY,
  ticket_seq INTEGER NOT NULL REFERENCES tickets(seq),
  type TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL,
  public INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX ticket_events_by_ticket ON ticket_events(ticket_seq, seq);
CREATE TRIGGER ticket_events_no_update BEFORE UPDATE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;
CREATE TRIGGER ticket_events_no_delete BEFORE DELETE ON ticket_events
BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;

CREATE TABLE idempotency_keys (
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  ticket_seq INTEGER NOT NULL REFERENCES tickets(seq),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (actor, key)
) WITHOUT ROWID;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
    // 2: replacing a ticket's tags looks its rows up by ticket; the shared
    // queue (assignee '') filtered by status is an agent's main view.
    R"sql(
CREATE INDEX ticket_tags_by_ticket ON ticket_tags(ticket_seq);
CREATE INDEX tickets_by_assignee_status ON tickets(assignee, status, seq);
)sql",
};

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(kMigrations.size()); }

StatusOr<int> Migrate(Db& db) {
  KEFU_RETURN_IF_ERROR(db.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "applied_at INTEGER NOT NULL)"));
  int current = 0;
  {
    KEFU_ASSIGN_OR_RETURN(Stmt s, db.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (row) current = static_cast<int>(s.Int(0));
  }
  if (current > LatestSchemaVersion()) {
    return FailedPrecondition("schema_too_new", "database schema version " +
                                                    std::to_string(current) +
                                                    " is newer than this build knows");
  }
  for (int v = current + 1; v <= LatestSchemaVersion(); ++v) {
    KEFU_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status st = db.Exec(kMigrations[v - 1]);
    if (st.ok()) {
      st = db.Exec("INSERT INTO schema_migrations VALUES (" + std::to_string(v) +
                   ", CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))");
    }
    if (!st.ok()) {
      (void)db.Exec("ROLLBACK");
      return st;
    }
    KEFU_RETURN_IF_ERROR(db.Exec("COMMIT"));
  }
  return LatestSchemaVersion();
}

}  // namespace kefu::sqlite
