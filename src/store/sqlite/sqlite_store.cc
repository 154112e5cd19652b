#include "store/sqlite/sqlite_store.h"

#include <nlohmann/json.hpp>

#include <array>
#include <variant>

#include "store/sqlite/migrations.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_internal.h"

namespace kefu::sqlite {

const char* const kTicketColumns =
    "seq, subject, channel, customer_seq, order_seq, category, priority, status, assignee, owner, "
    "tags, created_at, updated_at, first_response_at, resolved_at, closed_at, version, team, "
    "language, threat, sentiment, threat_level, watchers";

Ticket ReadTicket(const Stmt& s) {
  Ticket t;
  t.id = FormatId('T', s.Int(0));
  t.subject = s.Text(1);
  t.channel = ParseChannel(s.Text(2)).value_or(Channel::kWeb);
  t.customer_id = FormatId('C', s.Int(3));
  if (!s.IsNull(4)) t.order_id = FormatId('O', s.Int(4));
  t.category = s.Text(5);
  t.priority = ParsePriority(s.Text(6)).value_or(Priority::kP3);
  t.status = ParseTicketStatus(s.Text(7)).value_or(TicketStatus::kNew);
  t.assignee = s.Text(8);
  t.owner = s.Text(9);
  t.tags = nlohmann::json::parse(s.Text(10)).get<std::vector<std::string>>();
  t.created_at = Timestamp{s.Int(11)};
  t.updated_at = Timestamp{s.Int(12)};
  t.first_response_at = OptTs(s.OptInt(13));
  t.resolved_at = OptTs(s.OptInt(14));
  t.closed_at = OptTs(s.OptInt(15));
  t.version = s.Int(16);
  t.team = s.Text(17);
  t.language = s.Text(18);
  t.threat = s.Int(19) != 0;
  t.sentiment = s.Text(20);
  t.threat_level = ParseThreatLevel(s.Text(21))
                       .value_or(t.threat ? ThreatLevel::kLegal : ThreatLevel::kNone);
  t.watchers = nlohmann::json::parse(s.Text(22)).get<std::vector<std::string>>();
  return t;
}

namespace {

using nlohmann::json;

Customer ReadCustomer(const Stmt& s) {
  Customer c;
  c.id = FormatId('C', s.Int(0));
  c.name = s.Text(1);
  c.phone = s.Text(2);
  c.email = s.Text(3);
  c.tier = ParseTier(s.Text(4)).value_or(Tier::kNormal);
  c.created_at = Timestamp{s.Int(5)};
  auto j = json::parse(s.Text(6), nullptr, false);
  if (j.is_object()) {
    c.profile.notes = j.value("notes", "");
    c.profile.preferences = j.value("preferences", "");
    for (const auto& d : j.value("dates", json::array())) {
      if (d.is_object()) c.profile.dates.push_back({d.value("label", ""), d.value("date", "")});
    }
  }
  return c;
}

std::string ProfileJson(const CustomerProfile& p) {
  json dates = json::array();
  for (const auto& d : p.dates) dates.push_back({{"label", d.label}, {"date", d.date}});
  return json{{"notes", p.notes}, {"preferences", p.preferences}, {"dates", std::move(dates)}}.dump();
}

std::string EventData(const TicketEvent& e) {
  json d = json::object();
  d["role"] = ToString(e.actor_role);
  if (!e.body.empty()) d["body"] = e.body;
  if (!e.from.empty()) d["from"] = e.from;
  if (!e.to.empty()) d["to"] = e.to;
  if (!e.reason.empty()) d["reason"] = e.reason;
  if (!e.added.empty()) d["added"] = e.added;
  if (!e.removed.empty()) d["removed"] = e.removed;
  return d.dump();
}

// Writes the tag rows of ticket `seq`; `replace` first drops the old ones.
Status WriteTicketTags(Db& db, int64_t seq, const std::vector<std::string>& tags, bool replace) {
  if (replace) {
    KEFU_ASSIGN_OR_RETURN(Stmt del, db.Prepare("DELETE FROM ticket_tags WHERE ticket_seq = ?"));
    KEFU_RETURN_IF_ERROR(del.Bind(1, seq).Run());
  }
  for (const auto& tag : tags) {
    KEFU_ASSIGN_OR_RETURN(Stmt ins, db.Prepare("INSERT INTO ticket_tags(tag, ticket_seq) VALUES (?, ?)"));
    KEFU_RETURN_IF_ERROR(ins.Bind(1, tag).Bind(2, seq).Run());
  }
  return OkStatus();
}

// Writes the watcher rows of ticket `seq` (the agent-list index), replacing
// the old ones.
Status WriteTicketWatchers(Db& db, int64_t seq, const std::vector<std::string>& logins) {
  KEFU_ASSIGN_OR_RETURN(Stmt del, db.Prepare("DELETE FROM ticket_watchers WHERE ticket_seq = ?"));
  KEFU_RETURN_IF_ERROR(del.Bind(1, seq).Run());
  for (const auto& login : logins) {
    KEFU_ASSIGN_OR_RETURN(Stmt ins,
                          db.Prepare("INSERT INTO ticket_watchers(login, ticket_seq) VALUES (?, ?)"));
    KEFU_RETURN_IF_ERROR(ins.Bind(1, login).Bind(2, seq).Run());
  }
  return OkStatus();
}

// The ticket columns after seq, in kTicketColumns' order, and their values.
constexpr std::array<const char*, 22> kTicketValueColumns = {
    "subject",    "channel",    "customer_seq",      "order_seq",   "category",
    "priority",   "status",     "assignee",          "owner",       "tags",
    "created_at", "updated_at", "first_response_at", "resolved_at", "closed_at",
    "version",    "team",       "language",          "threat",      "sentiment",
    "threat_level", "watchers"};
using ColumnValue = std::variant<std::monostate, int64_t, std::string>;  // monostate: NULL

ColumnValue Opt(std::optional<int64_t> v) {
  return v ? ColumnValue(*v) : ColumnValue(std::monostate{});
}

std::array<ColumnValue, 22> TicketValues(const Ticket& t) {
  return {t.subject,
          std::string(ToString(t.channel)),
          *ParseId('C', t.customer_id),
          t.order_id.empty() ? ColumnValue(std::monostate{}) : Opt(ParseId('O', t.order_id)),
          t.category,
          std::string(ToString(t.priority)),
          std::string(ToString(t.status)),
          t.assignee,
          t.owner,
          json(t.tags).dump(),
          t.created_at.unix_ms,
          t.updated_at.unix_ms,
          Opt(OptMs(t.first_response_at)),
          Opt(OptMs(t.resolved_at)),
          Opt(OptMs(t.closed_at)),
          t.version,
          t.team,
          t.language,
          int64_t{t.threat ? 1 : 0},
          t.sentiment,
          std::string(ToString(t.threat_level)),
          json(t.watchers).dump()};
}

void BindValue(Stmt& s, int i, const ColumnValue& v) {
  if (const auto* n = std::get_if<int64_t>(&v)) {
    s.Bind(i, *n);
  } else if (const auto* t = std::get_if<std::string>(&v)) {
    s.Bind(i, *t);
  } else {
    s.BindNull(i);
  }
}

// Binds the 21 ticket columns after seq, starting at parameter `i`.
void BindTicket(Stmt& s, int i, const Ticket& t) {
  auto values = TicketValues(t);
  for (size_t c = 0; c < values.size(); ++c) BindValue(s, i + static_cast<int>(c), values[c]);
}

}  // namespace

namespace {
constexpr int kRestartFrames = 8000;   // ~32 MB of WAL with 4 KiB pages
constexpr int kCheckpointBusyMs = 100;  // longest wait for readers during a restart
}  // namespace

StatusOr<std::unique_ptr<SqliteStore>> SqliteStore::Open(const SqliteOptions& o) {
  std::unique_ptr<SqliteStore> s(new SqliteStore());
  s->path_ = o.path;
  s->analyzer_ = o.analyzer;
  KEFU_ASSIGN_OR_RETURN(s->writer_, Db::Open(o.path));
  KEFU_RETURN_IF_ERROR(Migrate(*s->writer_).status());
  if (o.analyzer != nullptr) {
    KEFU_ASSIGN_OR_RETURN(bool current, IndexIsCurrent(*s->writer_, *o.analyzer));
    if (!current) KEFU_RETURN_IF_ERROR(RebuildIndex(*s->writer_, *o.analyzer).status());
  }
  s->shared_writer_ = (o.path == ":memory:" || o.path.empty());
  if (!s->shared_writer_) {
    for (int i = 0; i < std::max(1, o.readers); ++i) {
      KEFU_ASSIGN_OR_RETURN(std::unique_ptr<Db> r, Db::Open(o.path));
      s->free_readers_.push_back(r.get());
      s->readers_.push_back(std::move(r));
    }
    KEFU_ASSIGN_OR_RETURN(s->checkpointer_, Db::Open(o.path));
    sqlite3_busy_timeout(s->checkpointer_->raw(), kCheckpointBusyMs);
    KEFU_RETURN_IF_ERROR(s->writer_->Exec("PRAGMA wal_autocheckpoint=0"));
    s->checkpoint_thread_ = std::thread([p = s.get()] { p->CheckpointLoop(); });
  }
  return s;
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard<std::mutex> l(checkpoint_mu_);
    stopping_ = true;
  }
  checkpoint_cv_.notify_all();
  if (checkpoint_thread_.joinable()) checkpoint_thread_.join();
}

void SqliteStore::CheckpointLoop() {
  std::unique_lock<std::mutex> l(checkpoint_mu_);
  for (;;) {
    checkpoint_cv_.wait_for(l, std::chrono::milliseconds(250), [&] { return stopping_; });
    bool last = stopping_;
    l.unlock();
    // PASSIVE never blocks the writer or readers; pages still in use by a
    // reader's snapshot are copied on a later round. Under steady load,
    // though, some reader is always active, the WAL is never wholly copied
    // and so never rewound, and it grows without bound (hundreds of MB in
    // seconds, every new page zeroed by the kernel). Past kRestartFrames a
    // RESTART checkpoint briefly holds new writers back until the readers
    // move on, so the next commit starts the WAL over from its beginning.
    int log_frames = 0;
    sqlite3_wal_checkpoint_v2(checkpointer_->raw(), "main", SQLITE_CHECKPOINT_PASSIVE, &log_frames,
                              nullptr);
    if (log_frames > kRestartFrames) {
      // Hold the store's write lock meanwhile: writers then wait on the
      // mutex and resume the moment the restart is done, instead of sleeping
      // in SQLite's busy handler for 5, 10, 20 ms. The checkpointer's own
      // short busy timeout bounds the wait for a slow reader; if one is
      // still reading, the restart gives up and is tried on a later round.
      std::lock_guard<std::mutex> writers_wait(write_mu_);
      sqlite3_wal_checkpoint_v2(checkpointer_->raw(), "main", SQLITE_CHECKPOINT_RESTART, nullptr,
                                nullptr);
    }
    if (last) return;
    l.lock();
  }
}

StatusOr<std::unique_ptr<Store>> OpenSqliteStoreImpl(const SqliteOptions& o) {
  KEFU_ASSIGN_OR_RETURN(std::unique_ptr<SqliteStore> s, SqliteStore::Open(o));
  return std::unique_ptr<Store>(std::move(s));
}

Db* SqliteStore::AcquireReader() {
  std::unique_lock<std::mutex> l(pool_mu_);
  pool_cv_.wait(l, [&] { return !free_readers_.empty(); });
  Db* db = free_readers_.back();
  free_readers_.pop_back();
  return db;
}

void SqliteStore::ReleaseReader(Db* db) {
  {
    std::lock_guard<std::mutex> l(pool_mu_);
    free_readers_.push_back(db);
  }
  pool_cv_.notify_one();
}

StatusOr<std::unique_ptr<Txn>> SqliteStore::Begin(TxnMode mode) {
  if (mode == TxnMode::kWrite || shared_writer_) {
    std::unique_lock<std::mutex> lock(write_mu_);
    KEFU_RETURN_IF_ERROR(writer_->Exec(mode == TxnMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN"));
    return std::unique_ptr<Txn>(new SqliteTxn(this, writer_.get(), std::move(lock), false));
  }
  Db* db = AcquireReader();
  Status st = db->Exec("BEGIN");
  if (!st.ok()) {
    ReleaseReader(db);
    return st;
  }
  return std::unique_ptr<Txn>(new SqliteTxn(this, db, {}, true));
}

Status SqliteStore::Ping(Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT MAX(version) FROM schema_migrations"));
  return s.Step().status();
}

StatusOr<int64_t> SqliteStore::ReserveSeqs(Txn& txn, char kind, int64_t n) {
  if (n < 1) return Internal("ReserveSeqs needs n >= 1");
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("INSERT INTO counters(kind, value) VALUES (?1, ?2) ON CONFLICT(kind) "
                             "DO UPDATE SET value = value + ?2 RETURNING value"));
  s.Bind(1, std::string(1, kind)).Bind(2, n);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Internal("counter update returned no row");
  return s.Int(0) - n + 1;
}

StatusOr<int64_t> SqliteStore::InsertUser(Txn& txn, const User& u,
                                          const std::string& password_hash, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("INSERT INTO users(login, display_name, role, customer_seq, "
                             "password_hash, active, created_at) VALUES (?,?,?,?,?,?,?)"));
  s.Bind(1, u.login).Bind(2, u.display_name).Bind(3, ToString(u.role));
  s.Bind(4, u.customer_id.empty() ? std::nullopt : ParseId('C', u.customer_id));
  s.Bind(5, password_hash).Bind(6, int64_t{u.active ? 1 : 0}).Bind(7, now.unix_ms);
  Status st = s.Run();
  if (st.code() == StatusCode::kAlreadyExists) {
    return AlreadyExists("login_taken", "login " + u.login + " is taken");
  }
  KEFU_RETURN_IF_ERROR(st);
  return sqlite3_last_insert_rowid(D(txn).raw());
}

namespace {
constexpr const char* kUserColumns =
    "id, login, display_name, role, customer_seq, active, password_hash";
User ReadUser(const Stmt& s) {
  User u;
  u.id = s.Int(0);
  u.login = s.Text(1);
  u.display_name = s.Text(2);
  u.role = ParseRole(s.Text(3)).value_or(Role::kCustomer);
  if (!s.IsNull(4)) u.customer_id = FormatId('C', s.Int(4));
  u.active = s.Int(5) != 0;
  return u;
}
}  // namespace

StatusOr<UserRecord> SqliteStore::GetUserByLogin(Txn& txn, const std::string& login) {
  static const std::string kSql =
      std::string("SELECT ") + kUserColumns + " FROM users WHERE login = ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, login);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("user " + login + " not found");
  return UserRecord{ReadUser(s), s.Text(6)};
}

StatusOr<std::vector<User>> SqliteStore::ListActiveUsers(Txn& txn, Role role, int limit) {
  static const std::string kSql = std::string("SELECT ") + kUserColumns +
                                  " FROM users WHERE role = ? AND active = 1 ORDER BY login LIMIT ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, std::string(ToString(role))).Bind(2, int64_t{limit});
  std::vector<User> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadUser(s));
  }
  return out;
}

Status SqliteStore::InsertToken(Txn& txn, const TokenRecord& t) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO tokens(hash, user_id, label, "
                                               "created_at, expires_at) VALUES (?,?,?,?,?)"));
  return s.Bind(1, t.token_hash).Bind(2, t.user_id).Bind(3, t.label)
      .Bind(4, t.created_at.unix_ms).Bind(5, t.expires_at.unix_ms).Run();
}

StatusOr<User> SqliteStore::LookupToken(Txn& txn, const std::string& token_hash, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("SELECT u.id, u.login, u.display_name, u.role, u.customer_seq, "
                             "u.active FROM tokens t JOIN users u ON u.id = t.user_id "
                             "WHERE t.hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? "
                             "AND u.active = 1"));
  s.Bind(1, token_hash).Bind(2, now.unix_ms);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return Unauthenticated("the token is unknown, expired or revoked");
  return ReadUser(s);
}

Status SqliteStore::RevokeToken(Txn& txn, const std::string& token_hash, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("UPDATE tokens SET revoked_at = ? WHERE hash = ? "
                                               "AND revoked_at IS NULL"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, now.unix_ms).Bind(2, token_hash).Run());
  if (D(txn).Changes() == 0) return NotFound("token not found");
  return OkStatus();
}

StatusOr<std::vector<std::string>> SqliteStore::SetUserActive(Txn& txn, const std::string& login,
                                                              bool active, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(Stmt u, D(txn).Prepare("UPDATE users SET active = ? WHERE login = ?"));
  KEFU_RETURN_IF_ERROR(u.Bind(1, int64_t{active ? 1 : 0}).Bind(2, login).Run());
  if (D(txn).Changes() == 0) return NotFound("user " + login + " not found");
  std::vector<std::string> revoked;
  if (active) return revoked;
  KEFU_ASSIGN_OR_RETURN(Stmt q, D(txn).Prepare(
                                    "SELECT hash FROM tokens WHERE revoked_at IS NULL AND user_id = "
                                    "(SELECT id FROM users WHERE login = ?)"));
  q.Bind(1, login);
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    revoked.push_back(q.Text(0));
  }
  KEFU_ASSIGN_OR_RETURN(Stmt r, D(txn).Prepare(
                                    "UPDATE tokens SET revoked_at = ? WHERE revoked_at IS NULL AND "
                                    "user_id = (SELECT id FROM users WHERE login = ?)"));
  KEFU_RETURN_IF_ERROR(r.Bind(1, now.unix_ms).Bind(2, login).Run());
  return revoked;
}

Status SqliteStore::InsertCustomer(Txn& txn, const Customer& c) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('C', c.id, "customer"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO customers(seq, name, phone, email, "
                                               "tier, created_at, profile) VALUES (?,?,?,?,?,?,?)"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, seq).Bind(2, c.name).Bind(3, c.phone).Bind(4, c.email)
      .Bind(5, ToString(c.tier)).Bind(6, c.created_at.unix_ms).Bind(7, ProfileJson(c.profile)).Run());
  QueueSearchDoc(txn, CustomerDoc(c));
  return OkStatus();
}

StatusOr<Customer> SqliteStore::GetCustomer(Txn& txn, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('C', id, "customer"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT seq, name, phone, email, tier, created_at, "
                                               "profile FROM customers WHERE seq = ?"));
  s.Bind(1, seq);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("customer " + id + " not found");
  return ReadCustomer(s);
}

Status SqliteStore::UpdateCustomer(Txn& txn, const Customer& c) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('C', c.id, "customer"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("UPDATE customers SET tier = ?, profile = ? "
                                               "WHERE seq = ?"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, ToString(c.tier)).Bind(2, ProfileJson(c.profile)).Bind(3, seq).Run());
  if (D(txn).Changes() == 0) return NotFound("customer " + c.id + " not found");
  return OkStatus();
}

StatusOr<std::vector<Customer>> SqliteStore::ListCustomers(Txn& txn, const CustomerFilter& f) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT seq, name, phone, email, tier, created_at, "
                                               "profile FROM customers WHERE seq < ? ORDER BY seq DESC "
                                               "LIMIT ?"));
  s.Bind(1, f.before_seq > 0 ? f.before_seq : INT64_MAX).Bind(2, int64_t{f.limit});
  std::vector<Customer> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ReadCustomer(s));
  }
  return out;
}

Status SqliteStore::InsertOrder(Txn& txn, const Order& o) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('O', o.id, "order"));
  KEFU_ASSIGN_OR_RETURN(int64_t cseq, SeqOf('C', o.customer_id, "customer"));
  {
    KEFU_ASSIGN_OR_RETURN(
        Stmt s, D(txn).Prepare("INSERT INTO orders(seq, customer_seq, paid_at, shipped_at, "
                               "delivered_at, carrier, tracking_number, created_at, market, "
                               "discount_fen, shipping_fee_fen, free_shipping_threshold_fen, "
                               "shipping_waived_fen) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    KEFU_RETURN_IF_ERROR(s.Bind(1, seq).Bind(2, cseq).Bind(3, OptMs(o.paid_at))
                             .Bind(4, OptMs(o.shipped_at)).Bind(5, OptMs(o.delivered_at))
                             .Bind(6, o.carrier).Bind(7, o.tracking_number)
                             .Bind(8, o.created_at.unix_ms).Bind(9, o.market)
                             .Bind(10, o.discount_fen).Bind(11, o.shipping_fee_fen)
                             .Bind(12, o.free_shipping_threshold_fen)
                             .Bind(13, o.shipping_waived_fen).Run());
  }
  for (size_t i = 0; i < o.items.size(); ++i) {
    const OrderItem& it = o.items[i];
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO order_items(order_seq, line, sku, "
                                                 "name, quantity, price_fen, category, non_returnable, "
                                                 "non_returnable_ground, disclosed_defect, "
                                                 "gift_of, gift_value_fen, discount_fen) "
                                                 "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"));
    KEFU_RETURN_IF_ERROR(s.Bind(1, seq).Bind(2, static_cast<int64_t>(i + 1)).Bind(3, it.sku)
                             .Bind(4, it.name).Bind(5, it.quantity).Bind(6, it.price_fen)
                             .Bind(7, it.category).Bind(8, int64_t{it.non_returnable})
                             .Bind(9, it.non_returnable_ground).Bind(10, it.disclosed_defect)
                             .Bind(11, int64_t{it.gift_of}).Bind(12, it.gift_value_fen)
                             .Bind(13, it.discount_fen).Run());
  }
  return OkStatus();
}

namespace {
constexpr const char* kOrderColumns =
    "seq, customer_seq, paid_at, shipped_at, delivered_at, carrier, tracking_number, created_at, "
    "market, discount_fen, shipping_fee_fen, free_shipping_threshold_fen, shipping_waived_fen";

Order ReadOrder(const Stmt& s) {
  Order o;
  o.id = FormatId('O', s.Int(0));
  o.customer_id = FormatId('C', s.Int(1));
  o.paid_at = OptTs(s.OptInt(2));
  o.shipped_at = OptTs(s.OptInt(3));
  o.delivered_at = OptTs(s.OptInt(4));
  o.carrier = s.Text(5);
  o.tracking_number = s.Text(6);
  o.created_at = Timestamp{s.Int(7)};
  o.market = s.Text(8);
  o.discount_fen = s.Int(9);
  o.shipping_fee_fen = s.Int(10);
  o.free_shipping_threshold_fen = s.Int(11);
  o.shipping_waived_fen = s.Int(12);
  return o;
}

Status ReadItems(Db& db, Order& o) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, db.Prepare("SELECT sku, name, quantity, price_fen, category, "
                                           "non_returnable, non_returnable_ground, disclosed_defect, "
                                           "gift_of, gift_value_fen, discount_fen "
                                           "FROM order_items WHERE order_seq = ? "
                                           "ORDER BY line"));
  s.Bind(1, *ParseId('O', o.id));
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return OkStatus();
    o.items.push_back(OrderItem{s.Text(0), s.Text(1), s.Int(2), s.Int(3), s.Text(4), s.Int(5) != 0,
                                s.Text(6), s.Text(7), static_cast<int>(s.Int(8)), s.Int(9),
                                s.Int(10)});
  }
}
}  // namespace

StatusOr<Order> SqliteStore::GetOrder(Txn& txn, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('O', id, "order"));
  Order o;
  {
    static const std::string kSql =
        std::string("SELECT ") + kOrderColumns + " FROM orders WHERE seq = ?";
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
    s.Bind(1, seq);
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return NotFound("order " + id + " not found");
    o = ReadOrder(s);
  }
  KEFU_RETURN_IF_ERROR(ReadItems(D(txn), o));
  return o;
}

StatusOr<std::vector<Order>> SqliteStore::ListOrders(Txn& txn, const OrderFilter& f) {
  std::vector<Order> out;
  {
    std::string sql = std::string("SELECT ") + kOrderColumns + " FROM orders WHERE seq < ?";
    if (!f.customer_id.empty()) sql += " AND customer_seq = ?";
    sql += " ORDER BY seq DESC LIMIT ?";
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(sql));
    int i = 1;
    s.Bind(i++, f.before_seq > 0 ? f.before_seq : INT64_MAX);
    if (!f.customer_id.empty()) s.Bind(i++, ParseId('C', f.customer_id).value_or(-1));
    s.Bind(i++, int64_t{f.limit});
    for (;;) {
      KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
      if (!row) break;
      out.push_back(ReadOrder(s));
    }
  }
  for (auto& o : out) KEFU_RETURN_IF_ERROR(ReadItems(D(txn), o));
  return out;
}

Status SqliteStore::InsertTicket(Txn& txn, const Ticket& t, const SlaIndex* ix) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('T', t.id, "ticket"));
  {
    static const std::string kSql = std::string("INSERT INTO tickets(") + kTicketColumns +
                                    ", sla_next_at, sla_breach_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
    s.Bind(1, seq);
    BindTicket(s, 2, t);
    bool done = t.status == TicketStatus::kResolved || t.status == TicketStatus::kClosed;
    if (ix != nullptr) {
      s.Bind(24, OptMs(ix->next_at)).Bind(25, OptMs(ix->breach_at));
    } else {
      s.Bind(24, done ? std::nullopt : std::optional<int64_t>(t.created_at.unix_ms)).BindNull(25);
    }
    KEFU_RETURN_IF_ERROR(s.Run());
  }
  QueueSearchDoc(txn, TicketDoc(t, seq));
  if (!t.watchers.empty()) KEFU_RETURN_IF_ERROR(WriteTicketWatchers(D(txn), seq, t.watchers));
  if (t.tags.empty()) return OkStatus();
  return WriteTicketTags(D(txn), seq, t.tags, /*replace=*/false);
}

Status SqliteStore::UpdateTicket(Txn& txn, const Ticket& t, int64_t expected_version,
                                 const Ticket* stored) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('T', t.id, "ticket"));
  Ticket old;
  if (stored != nullptr && stored->version == expected_version && stored->id == t.id) {
    old = *stored;  // the WHERE clause below still checks the version
  } else {
    static const std::string kSql =
        std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE seq = ?";
    KEFU_ASSIGN_OR_RETURN(Stmt q, D(txn).Prepare(kSql.c_str()));
    q.Bind(1, seq);
    KEFU_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return NotFound("ticket " + t.id + " not found");
    old = ReadTicket(q);
  }
  if (old.version != expected_version) {
    return Aborted("stale_version", "ticket " + t.id + " was changed concurrently");
  }
  // Only the columns that changed are written, so SQLite touches only the
  // indexes over them (a typical change moves version and updated_at).
  auto before = TicketValues(old), after = TicketValues(t);
  std::string sql = "UPDATE tickets SET ";
  std::vector<size_t> changed;
  for (size_t c = 0; c < after.size(); ++c) {
    if (before[c] == after[c]) continue;
    sql += std::string(changed.empty() ? "" : ", ") + kTicketValueColumns[c] + " = ?";
    changed.push_back(c);
  }
  if (changed.empty()) return OkStatus();
  sql += " WHERE seq = ? AND version = ?";
  {
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(sql));
    for (size_t i = 0; i < changed.size(); ++i) {
      BindValue(s, static_cast<int>(i) + 1, after[changed[i]]);
    }
    s.Bind(static_cast<int>(changed.size()) + 1, seq);
    s.Bind(static_cast<int>(changed.size()) + 2, expected_version);
    KEFU_RETURN_IF_ERROR(s.Run());
    if (D(txn).Changes() != 1) {
      return Aborted("stale_version", "ticket " + t.id + " was changed concurrently");
    }
  }
  if (old.subject != t.subject || old.order_id != t.order_id) {
    QueueSearchDoc(txn, TicketDoc(t, seq));
  }
  if (old.watchers != t.watchers) KEFU_RETURN_IF_ERROR(WriteTicketWatchers(D(txn), seq, t.watchers));
  if (old.tags == t.tags) return OkStatus();
  return WriteTicketTags(D(txn), seq, t.tags, /*replace=*/true);
}

StatusOr<Ticket> SqliteStore::GetTicket(Txn& txn, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('T', id, "ticket"));
  static const std::string kSql =
      std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE seq = ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, seq);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound("ticket " + id + " not found");
  return ReadTicket(s);
}

StatusOr<std::vector<Ticket>> SqliteStore::ListOpenTicketsForOrder(Txn& txn,
                                                                 const std::string& order_id) {
  std::vector<Ticket> out;
  auto oseq = ParseId('O', order_id);
  if (!oseq) return out;
  static const std::string kSql = std::string("SELECT ") + kTicketColumns +
                                  " FROM tickets WHERE order_seq = ? AND status NOT IN "
                                  "('resolved', 'closed') ORDER BY seq";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(kSql.c_str()));
  s.Bind(1, *oseq);
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(ReadTicket(s));
  }
}

Status SqliteStore::AppendEvents(Txn& txn, std::vector<TicketEvent>& events) {
  for (auto& e : events) {
    KEFU_ASSIGN_OR_RETURN(int64_t tseq, SeqOf('T', e.ticket_id, "ticket"));
    KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO ticket_events(ticket_seq, type, "
                                                 "actor, at, public, data) VALUES (?,?,?,?,?,?)"));
    s.Bind(1, tseq).Bind(2, ToString(e.type)).Bind(3, e.actor).Bind(4, e.at.unix_ms);
    s.Bind(5, int64_t{IsPublicEvent(e.type) ? 1 : 0}).Bind(6, EventData(e));
    KEFU_RETURN_IF_ERROR(s.Run());
    e.seq = sqlite3_last_insert_rowid(D(txn).raw());
    if (auto doc = MessageDoc(e, tseq)) QueueSearchDoc(txn, std::move(*doc));
  }
  return OkStatus();
}

StatusOr<std::vector<TicketEvent>> SqliteStore::ListEvents(Txn& txn, const std::string& ticket_id,
                                                           bool public_only, int64_t after_seq,
                                                           int limit) {
  KEFU_ASSIGN_OR_RETURN(int64_t tseq, SeqOf('T', ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("SELECT seq, type, actor, at, data FROM ticket_events WHERE "
                             "ticket_seq = ? AND seq > ? AND (public = 1 OR ? = 0) "
                             "ORDER BY seq LIMIT ?"));
  s.Bind(1, tseq).Bind(2, after_seq).Bind(3, int64_t{public_only ? 1 : 0}).Bind(4, int64_t{limit});
  std::vector<TicketEvent> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    TicketEvent e;
    e.seq = s.Int(0);
    e.ticket_id = ticket_id;
    e.type = ParseEventType(s.Text(1)).value_or(EventType::kNote);
    e.actor = s.Text(2);
    e.at = Timestamp{s.Int(3)};
    json d = json::parse(s.Text(4));
    e.actor_role = ParseRole(d.value("role", "agent")).value_or(Role::kAgent);
    e.body = d.value("body", "");
    e.from = d.value("from", "");
    e.to = d.value("to", "");
    e.reason = d.value("reason", "");
    e.added = d.value("added", std::vector<std::string>{});
    e.removed = d.value("removed", std::vector<std::string>{});
    out.push_back(std::move(e));
  }
  return out;
}

StatusOr<std::vector<TicketEvent>> SqliteStore::ListSlaEvents(Txn& txn,
                                                              const std::string& ticket_id) {
  KEFU_ASSIGN_OR_RETURN(int64_t tseq, SeqOf('T', ticket_id, "ticket"));
  // json_extract reads two members without parsing whole bodies in C++.
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("SELECT seq, type, at, json_extract(data, '$.role'), "
                             "json_extract(data, '$.to') FROM ticket_events WHERE ticket_seq = ? "
                             "AND type IN ('status_changed', 'reply') ORDER BY seq"));
  s.Bind(1, tseq);
  std::vector<TicketEvent> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    TicketEvent e;
    e.seq = s.Int(0);
    e.ticket_id = ticket_id;
    e.type = s.Text(1) == "reply" ? EventType::kReply : EventType::kStatusChanged;
    e.at = Timestamp{s.Int(2)};
    e.actor_role = ParseRole(s.Text(3)).value_or(Role::kAgent);
    e.to = s.Text(4);
    out.push_back(std::move(e));
  }
  return out;
}

StatusOr<std::map<TicketStatus, int64_t>> SqliteStore::CountTicketsByStatus(Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT status, COUNT(*) FROM tickets "
                                               "GROUP BY status"));
  std::map<TicketStatus, int64_t> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    if (auto st = ParseTicketStatus(s.Text(0))) out[*st] = s.Int(1);
  }
  return out;
}

StatusOr<std::optional<IdempotencyRecord>> SqliteStore::FindIdempotencyKey(
    Txn& txn, const std::string& actor, const std::string& key) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT request_hash, ticket_seq FROM "
                                               "idempotency_keys WHERE actor = ? AND key = ?"));
  s.Bind(1, actor).Bind(2, key);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return std::optional<IdempotencyRecord>();
  return std::optional<IdempotencyRecord>(IdempotencyRecord{s.Text(0), FormatId('T', s.Int(1))});
}

Status SqliteStore::PutIdempotencyKey(Txn& txn, const std::string& actor, const std::string& key,
                                      const IdempotencyRecord& r, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(int64_t tseq, SeqOf('T', r.ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO idempotency_keys(actor, key, "
                                               "request_hash, ticket_seq, created_at) "
                                               "VALUES (?,?,?,?,?)"));
  return s.Bind(1, actor).Bind(2, key).Bind(3, r.request_hash).Bind(4, tseq)
      .Bind(5, now.unix_ms).Run();
}

Status SqliteStore::AppendAudit(Txn& txn, const AuditEntry& e) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO audit_log(at, actor, action, object, "
                                               "detail) VALUES (?,?,?,?,?)"));
  return s.Bind(1, e.at.unix_ms).Bind(2, e.actor).Bind(3, e.action).Bind(4, e.object)
      .Bind(5, e.detail.empty() ? std::string("{}") : e.detail).Run();
}

StatusOr<std::vector<AuditEntry>> SqliteStore::ListAudit(Txn& txn, int64_t after_seq, int limit) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT at, actor, action, object, detail FROM "
                                               "audit_log WHERE seq > ? ORDER BY seq LIMIT ?"));
  s.Bind(1, after_seq).Bind(2, int64_t{limit});
  std::vector<AuditEntry> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(AuditEntry{Timestamp{s.Int(0)}, s.Text(1), s.Text(2), s.Text(3), s.Text(4)});
  }
  return out;
}

Status SqliteStore::SetSlaIndex(Txn& txn, const std::string& ticket_id, const SlaIndex& ix) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('T', ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("UPDATE tickets SET sla_next_at = ?, "
                                               "sla_breach_at = ? WHERE seq = ?"));
  KEFU_RETURN_IF_ERROR(
      s.Bind(1, OptMs(ix.next_at)).Bind(2, OptMs(ix.breach_at)).Bind(3, seq).Run());
  if (D(txn).Changes() == 0) return NotFound("ticket " + ticket_id + " not found");
  return OkStatus();
}

StatusOr<std::vector<std::string>> SqliteStore::ListSlaDue(Txn& txn, Timestamp now, int limit) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT seq FROM tickets WHERE sla_next_at IS NOT "
                                               "NULL AND sla_next_at <= ? ORDER BY sla_next_at "
                                               "LIMIT ?"));
  s.Bind(1, now.unix_ms).Bind(2, int64_t{limit});
  std::vector<std::string> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(FormatId('T', s.Int(0)));
  }
  return out;
}

StatusOr<bool> SqliteStore::RecordFiring(Txn& txn, const std::string& ticket_id, const Firing& f,
                                         Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('T', ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT OR IGNORE INTO sla_firings(ticket_seq, "
                                               "kind, metric, anchor_ms, due_at, fired_at) "
                                               "VALUES (?,?,?,?,?,?)"));
  s.Bind(1, seq).Bind(2, ToString(f.kind)).Bind(3, f.metric).Bind(4, f.anchor_ms);
  KEFU_RETURN_IF_ERROR(s.Bind(5, f.at.unix_ms).Bind(6, now.unix_ms).Run());
  return D(txn).Changes() == 1;
}

StatusOr<std::vector<Firing>> SqliteStore::ListFirings(Txn& txn, const std::string& ticket_id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('T', ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT kind, metric, anchor_ms, due_at FROM "
                                               "sla_firings WHERE ticket_seq = ?"));
  s.Bind(1, seq);
  std::vector<Firing> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(Firing{ParseFiringKind(s.Text(0)).value_or(FiringKind::kBreach), s.Text(1),
                         s.Int(2), Timestamp{s.Int(3)}, Timestamp{s.Int(3)}});
  }
  return out;
}

namespace {
Status BumpConfigVersion(Db& db) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, db.Prepare("INSERT INTO counters(kind, value) VALUES "
                                           "('config-version', 1) ON CONFLICT(kind) DO UPDATE "
                                           "SET value = value + 1"));
  return s.Run();
}
}  // namespace

Status SqliteStore::PutConfig(Txn& txn, const ConfigDoc& d) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT OR REPLACE INTO config_docs(kind, name, "
                                               "body, updated_at, updated_by) VALUES (?,?,?,?,?)"));
  s.Bind(1, d.kind).Bind(2, d.name).Bind(3, d.body).Bind(4, d.updated_at.unix_ms);
  KEFU_RETURN_IF_ERROR(s.Bind(5, d.updated_by).Run());
  return BumpConfigVersion(D(txn));
}

Status SqliteStore::DeleteConfig(Txn& txn, const std::string& kind, const std::string& name) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("DELETE FROM config_docs WHERE kind = ? AND "
                                               "name = ?"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, kind).Bind(2, name).Run());
  if (D(txn).Changes() == 0) return NotFound(kind + " " + name + " not found");
  return BumpConfigVersion(D(txn));
}

StatusOr<std::vector<ConfigDoc>> SqliteStore::ListConfig(Txn& txn, const std::string& kind) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT kind, name, body, updated_at, updated_by "
                                               "FROM config_docs WHERE kind = ? OR ? = '' "
                                               "ORDER BY kind, name"));
  s.Bind(1, kind).Bind(2, kind);
  std::vector<ConfigDoc> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(ConfigDoc{s.Text(0), s.Text(1), s.Text(2), Timestamp{s.Int(3)}, s.Text(4)});
  }
  return out;
}

StatusOr<int64_t> SqliteStore::ConfigVersion(Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT value FROM counters WHERE kind = "
                                               "'config-version'"));
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : int64_t{0};
}

Status SqliteStore::SetPresence(Txn& txn, const std::string& login, Presence p, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO agent_state(login, presence, "
                                               "presence_at) VALUES (?,?,?) ON CONFLICT(login) DO "
                                               "UPDATE SET presence = excluded.presence, "
                                               "presence_at = excluded.presence_at"));
  return s.Bind(1, login).Bind(2, ToString(p)).Bind(3, now.unix_ms).Run();
}

Status SqliteStore::SetLastAssigned(Txn& txn, const std::string& login, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO agent_state(login, last_assigned_at) "
                                               "VALUES (?,?) ON CONFLICT(login) DO UPDATE SET "
                                               "last_assigned_at = excluded.last_assigned_at"));
  return s.Bind(1, login).Bind(2, now.unix_ms).Run();
}

StatusOr<std::vector<AgentState>> SqliteStore::ListAgentStates(Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT login, presence, presence_at, "
                                               "last_assigned_at, open_count, chat_count FROM "
                                               "agent_state ORDER BY login"));
  std::vector<AgentState> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) break;
    out.push_back(AgentState{s.Text(0), ParsePresence(s.Text(1)).value_or(Presence::kOffline),
                             Timestamp{s.Int(2)}, Timestamp{s.Int(3)},
                             static_cast<int>(s.Int(4)), static_cast<int>(s.Int(5))});
  }
  return out;
}

Status SqliteStore::Backup(const std::string& path) {
  auto dest = Db::Open(path);
  if (!dest.ok()) return dest.status();
  std::unique_lock<std::mutex> lock(write_mu_);
  sqlite3_backup* b = sqlite3_backup_init((*dest)->raw(), "main", writer_->raw(), "main");
  if (b == nullptr) return (*dest)->Error(sqlite3_errcode((*dest)->raw()), "backup");
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) return (*dest)->Error(rc, "backup");
  return OkStatus();
}

}  // namespace kefu::sqlite

namespace kefu {
namespace sqlite {
StatusOr<int64_t> SqliteStore::RebuildSearchIndex() {
  if (analyzer_ == nullptr) return FailedPrecondition("no_analyzer", "the store has no search analyzer");
  std::unique_lock<std::mutex> lock(write_mu_);
  return RebuildIndex(*writer_, *analyzer_);
}
}  // namespace sqlite

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& o) {
  return sqlite::OpenSqliteStoreImpl(o);
}
}  // namespace kefu
