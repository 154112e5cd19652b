#include "store/sqlite/migrations.h"

#include <array>
#include <string_view>

namespace kefu::sqlite {
namespace {

// Append only: never edit a migration that has shipped.
constexpr std::array<std::string_view, 13> kMigrations = {
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
    // 3: SLA scheduling, routing and configuration.
    R"sql(
ALTER TABLE tickets ADD COLUMN team TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN language TEXT NOT NULL DEFAULT 'zh';
ALTER TABLE tickets ADD COLUMN threat INTEGER NOT NULL DEFAULT 0;
-- The next instant the scheduler must look at the ticket (an SLA warning or
-- breach, or an immediate escalation); NULL: nothing pending.
ALTER TABLE tickets ADD COLUMN sla_next_at INTEGER;
-- The earliest breach instant of a running SLA clock; NULL: none running.
ALTER TABLE tickets ADD COLUMN sla_breach_at INTEGER;
CREATE INDEX tickets_by_sla_next ON tickets(sla_next_at) WHERE sla_next_at IS NOT NULL;
CREATE INDEX tickets_by_sla_breach ON tickets(sla_breach_at) WHERE sla_breach_at IS NOT NULL;
-- Every open ticket needs a first look by the scheduler (its SLA index).
UPDATE tickets SET sla_next_at = created_at WHERE status NOT IN ('resolved', 'closed');
-- The waiting queue: unassigned tickets not yet worked on.
CREATE INDEX tickets_waiting ON tickets(team, seq) WHERE assignee = '' AND status IN ('new', 'open');

-- Each SLA firing / escalation happens once per ticket: its row and its
-- events are written in one transaction.
CREATE TABLE sla_firings (
  ticket_seq INTEGER NOT NULL REFERENCES tickets(seq),
  kind TEXT NOT NULL,
  metric TEXT NOT NULL,
  anchor_ms INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  fired_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_seq, kind, metric, anchor_ms)
) WITHOUT ROWID;

-- Configuration documents (calendars, SLA policy, teams, agent profiles,
-- macros, forbidden phrases), JSON validated by the service.
CREATE TABLE config_docs (
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (kind, name)
) WITHOUT ROWID;

-- Agents' presence and load. open_count / chat_count count unresolved
-- assigned tickets (chats among them) and are kept by the triggers below.
CREATE TABLE agent_state (
  login TEXT PRIMARY KEY,
  presence TEXT NOT NULL DEFAULT 'offline',
  presence_at INTEGER NOT NULL DEFAULT 0,
  last_assigned_at INTEGER NOT NULL DEFAULT 0,
  open_count INTEGER NOT NULL DEFAULT 0,
  chat_count INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO agent_state(login, open_count, chat_count)
  SELECT assignee, COUNT(*), SUM(channel = 'chat') FROM tickets
  WHERE assignee <> '' AND status NOT IN ('resolved', 'closed') GROUP BY assignee;
CREATE TRIGGER tickets_load_insert AFTER INSERT ON tickets
WHEN NEW.assignee <> '' AND NEW.status NOT IN ('resolved', 'closed')
BEGIN
  INSERT INTO agent_state(login, open_count, chat_count) VALUES (NEW.assignee, 1, NEW.channel = 'chat')
  ON CONFLICT(login) DO UPDATE SET open_count = open_count + 1,
                                   chat_count = chat_count + excluded.chat_count;
END;
CREATE TRIGGER tickets_load_update AFTER UPDATE OF assignee, status, channel ON tickets
WHEN OLD.assignee IS NOT NEW.assignee OR OLD.status IS NOT NEW.status
  OR OLD.channel IS NOT NEW.channel
BEGIN
  UPDATE agent_state SET open_count = open_count - 1, chat_count = chat_count - (OLD.channel = 'chat')
  WHERE login = OLD.assignee AND OLD.assignee <> '' AND OLD.status NOT IN ('resolved', 'closed');
  INSERT INTO agent_state(login, open_count, chat_count)
  SELECT NEW.assignee, 1, NEW.channel = 'chat'
  WHERE NEW.assignee <> '' AND NEW.status NOT IN ('resolved', 'closed')
  ON CONFLICT(login) DO UPDATE SET open_count = open_count + 1,
                                   chat_count = chat_count + excluded.chat_count;
END;
)sql",
    // 4: after-sales - order markets and goods categories, after-sales
    // requests, compensation, shipments and tracking events, job marks,
    // notifications.
    R"sql(
ALTER TABLE orders ADD COLUMN market TEXT NOT NULL DEFAULT 'cn';
ALTER TABLE order_items ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE order_items ADD COLUMN non_returnable INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_by_order ON tickets(order_seq, seq) WHERE order_seq IS NOT NULL;

CREATE TABLE after_sales (
  seq INTEGER PRIMARY KEY,
  ticket_seq INTEGER NOT NULL REFERENCES tickets(seq),
  order_seq INTEGER NOT NULL REFERENCES orders(seq),
  customer_seq INTEGER NOT NULL REFERENCES customers(seq),
  line INTEGER NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL,
  eligible INTEGER NOT NULL,
  rule TEXT NOT NULL,
  article TEXT NOT NULL,
  return_shipping TEXT NOT NULL,
  duties TEXT NOT NULL,
  return_required INTEGER NOT NULL,
  window_ends INTEGER,
  max_refund_fen INTEGER NOT NULL,
  explanation_zh TEXT NOT NULL,
  explanation_en TEXT NOT NULL,
  refund_fen INTEGER NOT NULL CHECK (refund_fen >= 0 AND refund_fen <= max_refund_fen),
  return_tracking TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decision_reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  received_at INTEGER,
  refund_due INTEGER,
  refunded_at INTEGER,
  version INTEGER NOT NULL
);
CREATE INDEX after_sales_by_ticket ON after_sales(ticket_seq, seq);
CREATE INDEX after_sales_by_order ON after_sales(order_seq, line);
CREATE INDEX after_sales_by_customer ON after_sales(customer_seq, seq);
CREATE INDEX after_sales_refund_due ON after_sales(refund_due)
  WHERE status IN ('received', 'inspected');

CREATE TABLE compensations (
  seq INTEGER PRIMARY KEY,
  ticket_seq INTEGER NOT NULL REFERENCES tickets(seq),
  team TEXT NOT NULL,
  kind TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  reason TEXT NOT NULL,
  status TEXT NOT NULL,
  pending_reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_role TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  decision_note TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  version INTEGER NOT NULL
);
CREATE INDEX compensations_by_ticket ON compensations(ticket_seq, seq);
CREATE INDEX compensations_by_status ON compensations(status, seq);
CREATE INDEX compensations_spend ON compensations(team, decided_at) WHERE status = 'approved';

CREATE TABLE shipments (
  seq INTEGER PRIMARY KEY,
  order_seq INTEGER NOT NULL REFERENCES orders(seq),
  carrier TEXT NOT NULL,
  tracking_number TEXT NOT NULL,
  status TEXT NOT NULL,
  exception TEXT NOT NULL,
  last_event_at INTEGER,
  delivered_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  UNIQUE (carrier, tracking_number)
);
CREATE INDEX shipments_by_order ON shipments(order_seq, seq);

CREATE TABLE tracking_events (
  shipment_seq INTEGER NOT NULL REFERENCES shipments(seq),
  event_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  status TEXT NOT NULL,
  exception TEXT NOT NULL,
  description TEXT NOT NULL,
  location TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (shipment_seq, event_id)
) WITHOUT ROWID;
CREATE TRIGGER tracking_events_no_update BEFORE UPDATE ON tracking_events
BEGIN SELECT RAISE(ABORT, 'tracking events are append-only'); END;
CREATE TRIGGER tracking_events_no_delete BEFORE DELETE ON tracking_events
BEGIN SELECT RAISE(ABORT, 'tracking events are append-only'); END;

CREATE TABLE job_marks (key TEXT PRIMARY KEY, at INTEGER NOT NULL) WITHOUT ROWID;

CREATE TABLE notifications (
  seq INTEGER PRIMARY KEY,
  login TEXT NOT NULL,
  ticket_seq INTEGER REFERENCES tickets(seq),
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX notifications_by_login ON notifications(login, seq);
)sql",
    // v5: Chinese text intelligence: the search index, knowledge-base
    // articles, classifier models and agents' category labels, sentiment.
    R"sql(
ALTER TABLE tickets ADD COLUMN sentiment TEXT NOT NULL DEFAULT '';

CREATE TABLE articles (
  seq INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  published INTEGER NOT NULL,
  author TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX articles_by_published ON articles(published, seq);

-- One row per indexed document; search_fts has the same rowid. `text` is
-- the original text, for snippets. ticket_seq: the ticket of a ticket or
-- message document; the article's seq for an article.
CREATE TABLE search_docs (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  ref TEXT NOT NULL,
  ticket_seq INTEGER,
  at INTEGER NOT NULL,
  text TEXT NOT NULL,
  UNIQUE (type, ref)
);
CREATE INDEX search_docs_by_ticket ON search_docs(ticket_seq);
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, body, tokenize = "unicode61 remove_diacritics 0 tokenchars '-._@'");
-- analyzer: the version of the analysis that built the index; '' = stale.
CREATE TABLE search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO search_meta VALUES ('analyzer', '');

CREATE TABLE models (
  seq INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  bytes BLOB NOT NULL,
  meta TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX models_by_name ON models(name, seq);

CREATE TABLE category_labels (
  ticket_seq INTEGER PRIMARY KEY REFERENCES tickets(seq),
  category TEXT NOT NULL,
  text TEXT NOT NULL,
  actor TEXT NOT NULL,
  at INTEGER NOT NULL
);
)sql",
    // v6: the web console: customers' satisfaction ratings.
    R"sql(
CREATE TABLE ratings (
  ticket_seq INTEGER PRIMARY KEY REFERENCES tickets(seq),
  score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX tickets_by_created ON tickets(created_at);
)sql",
    // v7: training, certification and interviews (src/training/).
    R"sql(
CREATE TABLE training_records (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  owner TEXT NOT NULL,
  ref TEXT NOT NULL,
  status TEXT NOT NULL,
  body TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (kind, id)
);
CREATE INDEX training_by_owner ON training_records(kind, owner, seq);
CREATE INDEX training_by_ref ON training_records(kind, ref, seq);
)sql",
    // 8: after-sales law: the ground of a confirmation at purchase and a
    // disclosed defect per order line; the decision's and the request's
    // further fields (punitive damages, evidence, deductions, resends).
    R"sql(
ALTER TABLE order_items ADD COLUMN non_returnable_ground TEXT NOT NULL DEFAULT '';
ALTER TABLE order_items ADD COLUMN disclosed_defect TEXT NOT NULL DEFAULT '';
ALTER TABLE after_sales ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
)sql",
    // 9: what an order cost: order-level discounts spread over the lines,
    // gift lines with their disclosed price, shipping and the free-shipping
    // promise; the after-sales resend a shipment carries.
    R"sql(
ALTER TABLE orders ADD COLUMN discount_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN shipping_fee_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN free_shipping_threshold_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN shipping_waived_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_items ADD COLUMN gift_of INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_items ADD COLUMN gift_value_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE order_items ADD COLUMN discount_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE shipments ADD COLUMN after_sales TEXT NOT NULL DEFAULT '';
CREATE INDEX after_sales_by_created ON after_sales(created_at);
)sql",
    // 10: tracking events staff record by hand when the carrier has not:
    // who says so, and what shows it; notifications read or not.
    R"sql(
ALTER TABLE tracking_events ADD COLUMN source TEXT NOT NULL DEFAULT 'carrier';
ALTER TABLE tracking_events ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
ALTER TABLE tracking_events ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN read_at INTEGER;
CREATE INDEX notifications_unread ON notifications(login, seq) WHERE read_at IS NULL;
)sql",
    // 11: what the team keeps on a customer (notes, preferences, dates), as JSON.
    R"sql(
ALTER TABLE customers ADD COLUMN profile TEXT NOT NULL DEFAULT '{}';
)sql",
    // 12: how serious a threat is (none, review, public, legal); the
    // threats flagged before levels existed count as legal.
    R"sql(
ALTER TABLE tickets ADD COLUMN threat_level TEXT NOT NULL DEFAULT 'none';
UPDATE tickets SET threat_level = 'legal' WHERE threat <> 0;
)sql",
    // 13: staff who watch a ticket: a JSON list on the ticket, and an index
    // by login so that an agent's list finds the tickets they watch.
    R"sql(
ALTER TABLE tickets ADD COLUMN watchers TEXT NOT NULL DEFAULT '[]';
CREATE TABLE ticket_watchers (
  login TEXT NOT NULL,
  ticket_seq INTEGER NOT NULL,
  PRIMARY KEY (login, ticket_seq)
) WITHOUT ROWID;
CREATE INDEX ticket_watchers_by_ticket ON ticket_watchers(ticket_seq);
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
