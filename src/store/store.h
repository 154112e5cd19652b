// The storage interface. Services see only Store and Txn; SQLite (default,
// sqlite/) and, later, PostgreSQL implement them and pass one conformance
// suite (tests/store/store_conformance_test.cc).
//
// Every method runs inside a transaction the caller opened with Begin();
// nothing is visible to others until Commit(). A Txn that is destroyed
// without Commit() rolls back. A Txn is used by one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "core/model.h"

namespace kefu {

class Txn {
 public:
  virtual ~Txn() = default;
  // Makes every write of this transaction durable (it survives kill -9 of the
  // process once this returns OK). A Txn cannot be used after Commit().
  virtual Status Commit() = 0;
};

enum class TxnMode { kRead, kWrite };

// A stored user with its password hash (an Argon2id encoded string).
struct UserRecord {
  User user;
  std::string password_hash;
};

struct TokenRecord {
  std::string token_hash;  // SHA-256 of the bearer token, hex
  int64_t user_id = 0;
  std::string label;
  Timestamp created_at;
  Timestamp expires_at;
};

struct TicketFilter {
  std::optional<TicketStatus> status;
  std::optional<Priority> priority;
  std::optional<Channel> channel;
  std::string assignee;  // "" = any
  std::string owner;     // "" = any
  std::string customer_id;
  std::string tag;
  // If set, only tickets an agent with this login may see (see core/access.h).
  std::string visible_to_agent;
  int64_t before_seq = 0;  // cursor: only tickets with a smaller sequence; 0 = from the newest
  int limit = 50;
};

struct CustomerFilter {
  int64_t before_seq = 0;
  int limit = 50;
};

struct OrderFilter {
  std::string customer_id;  // "" = any
  int64_t before_seq = 0;
  int limit = 50;
};

struct IdempotencyRecord {
  std::string request_hash;
  std::string ticket_id;
};

struct AuditEntry {
  Timestamp at;
  std::string actor;
  std::string action;  // e.g. "user.create", "auth.login", "customer.create"
  std::string object;  // e.g. "C-000001"
  std::string detail;  // JSON text
};

class Store {
 public:
  virtual ~Store() = default;

  // Opens a transaction. Write transactions are serialised; read
  // transactions see a consistent snapshot and run concurrently.
  // Thread-safe.
  virtual StatusOr<std::unique_ptr<Txn>> Begin(TxnMode mode) = 0;

  // Reads one row: OK if the database answers. For liveness checks.
  virtual Status Ping(Txn& txn) = 0;

  // Reserves `n` consecutive numbers for ids of `kind` ('T', 'C', 'O') and
  // returns the first. Numbers start at 1 and are never reused.
  virtual StatusOr<int64_t> ReserveSeqs(Txn& txn, char kind, int64_t n) = 0;
  StatusOr<int64_t> NextSeq(Txn& txn, char kind) { return ReserveSeqs(txn, kind, 1); }

  // Users and tokens. InsertUser returns kAlreadyExists "login_taken".
  virtual StatusOr<int64_t> InsertUser(Txn& txn, const User& u, const std::string& password_hash,
                                       Timestamp now) = 0;
  virtual StatusOr<UserRecord> GetUserByLogin(Txn& txn, const std::string& login) = 0;
  virtual Status InsertToken(Txn& txn, const TokenRecord& t) = 0;
  // The active user behind an unexpired, unrevoked token; kUnauthenticated otherwise.
  virtual StatusOr<User> LookupToken(Txn& txn, const std::string& token_hash, Timestamp now) = 0;
  // kNotFound if no such active token.
  virtual Status RevokeToken(Txn& txn, const std::string& token_hash, Timestamp now) = 0;

  // Customers and orders. Get* return kNotFound.
  virtual Status InsertCustomer(Txn& txn, const Customer& c) = 0;
  virtual StatusOr<Customer> GetCustomer(Txn& txn, const std::string& id) = 0;
  virtual StatusOr<std::vector<Customer>> ListCustomers(Txn& txn, const CustomerFilter& f) = 0;
  virtual Status InsertOrder(Txn& txn, const Order& o) = 0;
  virtual StatusOr<Order> GetOrder(Txn& txn, const std::string& id) = 0;
  virtual StatusOr<std::vector<Order>> ListOrders(Txn& txn, const OrderFilter& f) = 0;

  // Tickets. UpdateTicket writes `t` only if the stored version is
  // `expected_version`, else kAborted "stale_version".
  virtual Status InsertTicket(Txn& txn, const Ticket& t) = 0;
  virtual Status UpdateTicket(Txn& txn, const Ticket& t, int64_t expected_version) = 0;
  virtual StatusOr<Ticket> GetTicket(Txn& txn, const std::string& id) = 0;
  // Newest first. Uses the indexes of the filtered columns.
  virtual StatusOr<std::vector<Ticket>> ListTickets(Txn& txn, const TicketFilter& f) = 0;
  // Appends events in order and sets their seq. History is never rewritten.
  virtual Status AppendEvents(Txn& txn, std::vector<TicketEvent>& events) = 0;
  // Oldest first, events with seq > after_seq.
  virtual StatusOr<std::vector<TicketEvent>> ListEvents(Txn& txn, const std::string& ticket_id,
                                                        bool public_only, int64_t after_seq,
                                                        int limit) = 0;
  virtual StatusOr<std::map<TicketStatus, int64_t>> CountTicketsByStatus(Txn& txn) = 0;

  // Idempotency keys, scoped by the actor's login.
  virtual StatusOr<std::optional<IdempotencyRecord>> FindIdempotencyKey(
      Txn& txn, const std::string& actor, const std::string& key) = 0;
  virtual Status PutIdempotencyKey(Txn& txn, const std::string& actor, const std::string& key,
                                   const IdempotencyRecord& r, Timestamp now) = 0;

  // The audit log of changes that are not ticket events. Append-only.
  virtual Status AppendAudit(Txn& txn, const AuditEntry& e) = 0;
  virtual StatusOr<std::vector<AuditEntry>> ListAudit(Txn& txn, int64_t after_seq, int limit) = 0;
};

struct SqliteOptions {
  std::string path;  // a file, or ":memory:" for a private in-memory database
  int readers = 4;   // size of the read-connection pool
};

// Opens (creating if needed) and migrates a SQLite database.
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& o);

}  // namespace kefu
