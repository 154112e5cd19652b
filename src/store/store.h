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
#include "core/after_sales.h"
#include "core/compensation.h"
#include "core/escalation.h"
#include "core/logistics.h"
#include "core/model.h"
#include "core/report.h"
#include "store/search_types.h"
#include "core/routing.h"

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
  std::string watcher;   // "" = any; a login: only tickets it watches
  std::string customer_id;
  std::string tag;
  std::string category;  // "" = any; "-" = none yet
  std::string team;      // "" = any
  std::vector<std::string> teams;  // any of these teams; empty = any
  bool unresolved = false;  // only tickets not resolved or closed
  bool vip = false;         // only tickets of VIP customers
  bool team_is_empty = false;  // only tickets without a team
  bool waiting = false;  // only unassigned tickets in new or open (the waiting queue)
  // Only tickets whose earliest running SLA breach instant is in
  // [sla_breach_from, sla_breach_to).
  std::optional<Timestamp> sla_breach_from, sla_breach_to;
  // If set, only tickets an agent with this login may see (see core/access.h).
  std::string visible_to_agent;
  int64_t before_seq = 0;  // cursor: only tickets with a smaller sequence; 0 = from the newest
  int limit = 50;
  // Oldest first instead of newest first (not with tag or visible_to_agent;
  // for the routing queue).
  bool oldest_first = false;
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

// Lists of after-sales requests, compensations and shipments: newest first,
// every set field must match.
struct AfterSalesFilter {
  std::string ticket_id;
  std::string order_id;
  std::string customer_id;
  std::optional<AfterSalesStatus> status;
  // Only requests received but not refunded whose refund_due < this.
  std::optional<Timestamp> refund_overdue_at;
  int64_t before_seq = 0;
  int limit = 50;
};

struct CompensationFilter {
  std::string ticket_id;
  std::string order_id;  // compensation on tickets about this order
  std::string team;
  std::string customer_id;
  std::optional<CompensationStatus> status;
  int64_t before_seq = 0;
  int limit = 50;
};

struct IdempotencyRecord {
  std::string request_hash;
  std::string ticket_id;
};

// Where a ticket stands for the scheduler (see Store::SetSlaIndex).
struct SlaIndex {
  std::optional<Timestamp> next_at;    // the next firing to look at; none: nothing pending
  std::optional<Timestamp> breach_at;  // earliest breach of a running clock; none: none running
};

// A configuration document: JSON validated by the service before it is
// stored. Kinds: "calendar", "sla_policy", "team", "agent", "macro",
// "phrase".
struct ConfigDoc {
  std::string kind;
  std::string name;
  std::string body;
  Timestamp updated_at;
  std::string updated_by;
};

// An agent's presence and load. Load counts unresolved tickets assigned to
// the agent and is kept by the store itself on every ticket write.
struct AgentState {
  std::string login;
  Presence presence = Presence::kOffline;
  Timestamp presence_at;
  Timestamp last_assigned_at;
  int open = 0;
  int chats = 0;
};

// The head of a timeline event, for the live feed (no body).
struct EventHead {
  int64_t seq = 0;
  std::string ticket_id;
  EventType type = EventType::kCreated;
  std::string actor;
  Timestamp at;
  bool is_public = false;
};

// A customer's satisfaction rating of a resolved ticket.
struct Rating {
  int score = 0;  // 1..5
  std::string comment;
  Timestamp at;
};

// A training or interview record (src/training/): papers, questions,
// exams, attempts, certificates, interviews and their scores, training
// assignments. The body is JSON the training module writes and reads
// (training/training_json.h); the store indexes kind, owner, ref and
// status for lists. What owner, ref and status hold depends on the kind
// (service/training_service.h lists them).
struct TrainingRecord {
  std::string kind;
  std::string id;      // unique within the kind
  std::string owner;   // e.g. the candidate's login
  std::string ref;     // e.g. the exam of an attempt
  std::string status;  // e.g. the attempt's status
  std::string body;
  int64_t seq = 0;      // set by the store on insert
  int64_t version = 0;  // 1 on insert, +1 on every update
  Timestamp created_at;
  Timestamp updated_at;
};

// Lists of training records: every set field must match; newest first
// (by seq) unless oldest_first.
struct TrainingFilter {
  std::string kind;  // required
  std::string owner;
  std::string ref;
  std::string status;
  int64_t before_seq = 0;  // cursor (newest first) / after (oldest first); 0 = from the start
  int limit = 50;
  bool oldest_first = false;
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
  // The active users with `role`, by login; at most `limit`.
  virtual StatusOr<std::vector<User>> ListActiveUsers(Txn& txn, Role role, int limit) = 0;
  virtual Status InsertToken(Txn& txn, const TokenRecord& t) = 0;
  // The active user behind an unexpired, unrevoked token; kUnauthenticated otherwise.
  virtual StatusOr<User> LookupToken(Txn& txn, const std::string& token_hash, Timestamp now) = 0;
  // kNotFound if no such active token.
  virtual Status RevokeToken(Txn& txn, const std::string& token_hash, Timestamp now) = 0;
  // Sets the user's active flag (kNotFound for an unknown login); when
  // disabling, revokes every token of theirs that is not revoked yet and
  // returns those tokens' hashes.
  virtual StatusOr<std::vector<std::string>> SetUserActive(Txn& txn, const std::string& login,
                                                           bool active, Timestamp now) = 0;

  // Customers and orders. Get* return kNotFound.
  virtual Status InsertCustomer(Txn& txn, const Customer& c) = 0;
  virtual StatusOr<Customer> GetCustomer(Txn& txn, const std::string& id) = 0;
  // Writes the customer's tier and profile (name and contacts stay).
  virtual Status UpdateCustomer(Txn& txn, const Customer& c) = 0;
  virtual StatusOr<std::vector<Customer>> ListCustomers(Txn& txn, const CustomerFilter& f) = 0;
  virtual Status InsertOrder(Txn& txn, const Order& o) = 0;
  virtual StatusOr<Order> GetOrder(Txn& txn, const std::string& id) = 0;
  virtual StatusOr<std::vector<Order>> ListOrders(Txn& txn, const OrderFilter& f) = 0;

  // Tickets. UpdateTicket writes `t` only if the stored version is
  // `expected_version`, else kAborted "stale_version". It writes only the
  // fields that differ from the stored ticket; `stored`, if the caller read
  // the ticket in this transaction, saves reading it again (it must be that
  // version of it).
  // `ix`, if given, is the new ticket's SLA index (see SetSlaIndex).
  virtual Status InsertTicket(Txn& txn, const Ticket& t, const SlaIndex* ix = nullptr) = 0;
  virtual Status UpdateTicket(Txn& txn, const Ticket& t, int64_t expected_version,
                              const Ticket* stored = nullptr) = 0;
  virtual StatusOr<Ticket> GetTicket(Txn& txn, const std::string& id) = 0;
  // Newest first. Uses the indexes of the filtered columns.
  virtual StatusOr<std::vector<Ticket>> ListTickets(Txn& txn, const TicketFilter& f) = 0;
  // How many tickets match `f` (its cursor and limit ignored).
  virtual StatusOr<int64_t> CountTickets(Txn& txn, const TicketFilter& f) = 0;
  // Appends events in order and sets their seq. History is never rewritten.
  virtual Status AppendEvents(Txn& txn, std::vector<TicketEvent>& events) = 0;
  // Oldest first, events with seq > after_seq.
  virtual StatusOr<std::vector<TicketEvent>> ListEvents(Txn& txn, const std::string& ticket_id,
                                                        bool public_only, int64_t after_seq,
                                                        int limit) = 0;
  // The events SLA clocks read, oldest first: status changes (type, at, to)
  // and public replies (type, at, actor_role). Bodies and other data are
  // left empty; cheaper than ListEvents for long histories.
  virtual StatusOr<std::vector<TicketEvent>> ListSlaEvents(Txn& txn,
                                                           const std::string& ticket_id) = 0;
  virtual StatusOr<std::map<TicketStatus, int64_t>> CountTicketsByStatus(Txn& txn) = 0;

  // The scheduler's index. Every write of a ticket should set it. A new
  // ticket that is not resolved or closed starts with next_at = its creation
  // time (so that imported tickets get a first look) and no breach_at.
  virtual Status SetSlaIndex(Txn& txn, const std::string& ticket_id, const SlaIndex& ix) = 0;
  // Tickets whose next_at <= now, soonest first (uses an index on next_at:
  // the cost depends on how many are due, not on how many are open).
  virtual StatusOr<std::vector<std::string>> ListSlaDue(Txn& txn, Timestamp now, int limit) = 0;
  // Records that `f` fired for the ticket. False (and nothing written) if
  // it fired before: this is what makes each firing happen once.
  virtual StatusOr<bool> RecordFiring(Txn& txn, const std::string& ticket_id, const Firing& f,
                                      Timestamp now) = 0;
  virtual StatusOr<std::vector<Firing>> ListFirings(Txn& txn, const std::string& ticket_id) = 0;

  // Configuration documents. PutConfig inserts or replaces; DeleteConfig
  // returns kNotFound for a missing one. Both raise ConfigVersion, which
  // nodes compare to know when to reload their cached configuration.
  virtual Status PutConfig(Txn& txn, const ConfigDoc& d) = 0;
  virtual Status DeleteConfig(Txn& txn, const std::string& kind, const std::string& name) = 0;
  // Ordered by kind, then name; kind "" lists every kind.
  virtual StatusOr<std::vector<ConfigDoc>> ListConfig(Txn& txn, const std::string& kind) = 0;
  virtual StatusOr<int64_t> ConfigVersion(Txn& txn) = 0;

  // Agents' presence and load.
  virtual Status SetPresence(Txn& txn, const std::string& login, Presence p, Timestamp now) = 0;
  virtual Status SetLastAssigned(Txn& txn, const std::string& login, Timestamp now) = 0;
  // Every agent that has a state row, ordered by login.
  virtual StatusOr<std::vector<AgentState>> ListAgentStates(Txn& txn) = 0;

  // Orders learn their delivery from the carrier: sets delivered_at when it
  // is not set yet; an order with no paid_at or shipped_at gets them filled
  // in (no later than `at`, shipped not before paid). kNotFound for no order.
  virtual Status SetOrderDelivered(Txn& txn, const std::string& order_id, Timestamp at) = 0;

  // After-sales requests. Update writes only if the stored version is
  // `expected_version` (else kAborted "stale_version").
  virtual Status InsertAfterSales(Txn& txn, const AfterSalesRequest& r) = 0;
  virtual Status UpdateAfterSales(Txn& txn, const AfterSalesRequest& r,
                                  int64_t expected_version) = 0;
  virtual StatusOr<AfterSalesRequest> GetAfterSales(Txn& txn, const std::string& id) = 0;
  virtual StatusOr<std::vector<AfterSalesRequest>> ListAfterSales(Txn& txn,
                                                                  const AfterSalesFilter& f) = 0;

  // Compensation. SumApproved adds the approved amounts of a team decided
  // in [from, to) (a budget month), or of a ticket when `ticket_id` is set
  // (then team/from/to are ignored).
  virtual Status InsertCompensation(Txn& txn, const Compensation& c) = 0;
  virtual Status UpdateCompensation(Txn& txn, const Compensation& c, int64_t expected_version) = 0;
  virtual StatusOr<Compensation> GetCompensation(Txn& txn, const std::string& id) = 0;
  virtual StatusOr<std::vector<Compensation>> ListCompensations(Txn& txn,
                                                                const CompensationFilter& f) = 0;
  virtual StatusOr<int64_t> SumApprovedCompensation(Txn& txn, const std::string& team,
                                                    Timestamp from, Timestamp to,
                                                    const std::string& ticket_id = "") = 0;

  // Shipments: (carrier, tracking_number) is unique (kAlreadyExists
  // "duplicate_shipment"). AppendTrackingEvent returns false and writes
  // nothing when the carrier's event id was seen before: this is what makes
  // the webhook idempotent.
  virtual Status InsertShipment(Txn& txn, const Shipment& s) = 0;
  virtual Status UpdateShipment(Txn& txn, const Shipment& s, int64_t expected_version) = 0;
  virtual StatusOr<Shipment> GetShipment(Txn& txn, const std::string& id) = 0;
  virtual StatusOr<Shipment> FindShipment(Txn& txn, const std::string& carrier,
                                          const std::string& tracking_number) = 0;
  // Oldest first; by order, or by the orders of a customer.
  virtual StatusOr<std::vector<Shipment>> ListShipments(Txn& txn, const std::string& order_id,
                                                        const std::string& customer_id = "") = 0;
  virtual StatusOr<bool> AppendTrackingEvent(Txn& txn, const Shipment& s,
                                             const TrackingEvent& e, Timestamp received_at) = 0;
  // Oldest first by event time.
  virtual StatusOr<std::vector<TrackingEvent>> ListTrackingEvents(Txn& txn,
                                                                  const std::string& shipment_id) = 0;
  // Open (not resolved or closed) tickets about an order, oldest first.
  virtual StatusOr<std::vector<Ticket>> ListOpenTicketsForOrder(Txn& txn,
                                                                const std::string& order_id) = 0;

  // Generic once-only marks for jobs that are not SLA clocks (carrier
  // follow-ups, overdue refunds): false (nothing written) if `key` was
  // marked before.
  virtual StatusOr<bool> MarkOnce(Txn& txn, const std::string& key, Timestamp now) = 0;

  // Notifications; ListNotifications: newest first, seq < before_seq (0:
  // from the newest), only unread ones if `unread_only`.
  virtual Status AppendNotification(Txn& txn, Notification& n) = 0;
  virtual StatusOr<std::vector<Notification>> ListNotifications(Txn& txn, const std::string& login,
                                                                int64_t before_seq, int limit,
                                                                bool unread_only = false) = 0;
  // Marks `login`'s notifications among `seqs` read at `now` (others' and
  // already read ones are left alone); returns how many changed.
  virtual StatusOr<int64_t> MarkNotificationsRead(Txn& txn, const std::string& login,
                                                  const std::vector<int64_t>& seqs, Timestamp now) = 0;
  virtual StatusOr<int64_t> CountUnreadNotifications(Txn& txn, const std::string& login) = 0;
  // Everyone's notifications with seq > after_seq, oldest first (the live
  // feed); LatestNotificationSeq 0 when there are none.
  virtual StatusOr<std::vector<Notification>> ListNotificationsAfter(Txn& txn, int64_t after_seq,
                                                                     int limit) = 0;
  virtual StatusOr<int64_t> LatestNotificationSeq(Txn& txn) = 0;

  // Idempotency keys, scoped by the actor's login.
  virtual StatusOr<std::optional<IdempotencyRecord>> FindIdempotencyKey(
      Txn& txn, const std::string& actor, const std::string& key) = 0;
  virtual Status PutIdempotencyKey(Txn& txn, const std::string& actor, const std::string& key,
                                   const IdempotencyRecord& r, Timestamp now) = 0;

  // Full-text search (store/search_types.h). kValidation for an empty
  // match or an unknown type.
  virtual StatusOr<std::vector<SearchHit>> Search(Txn& txn, const SearchFilter& f) = 0;
  // Re-indexes every document (after the analyzer changed); returns how many.
  virtual StatusOr<int64_t> RebuildSearchIndex() = 0;

  // Knowledge-base articles (indexed for search). UpdateArticle: kAborted
  // "stale_version" when the stored version is not expected_version.
  virtual Status InsertArticle(Txn& txn, const Article& a) = 0;
  virtual Status UpdateArticle(Txn& txn, const Article& a, int64_t expected_version) = 0;
  virtual Status DeleteArticle(Txn& txn, const std::string& id) = 0;
  virtual StatusOr<Article> GetArticle(Txn& txn, const std::string& id) = 0;
  // Newest first, seq < before (0: from the newest).
  virtual StatusOr<std::vector<Article>> ListArticles(Txn& txn, bool published_only,
                                                      const std::string& category,
                                                      int64_t before_seq, int limit) = 0;

  // Classifier models (service/classification) and the labels agents give
  // tickets by changing their category. Models are opaque bytes.
  virtual Status PutModel(Txn& txn, const std::string& name, const std::string& bytes,
                          const std::string& meta_json, Timestamp now) = 0;
  // kNotFound when no model of that name was stored.
  virtual StatusOr<std::pair<std::string, std::string>> LatestModel(Txn& txn,
                                                                    const std::string& name) = 0;
  // The sequence number of the latest model of that name; 0 if none (cheap:
  // nodes poll it to pick up a model another node trained).
  virtual StatusOr<int64_t> LatestModelSeq(Txn& txn, const std::string& name) = 0;
  // One label per ticket: a later label replaces an earlier one.
  virtual Status PutCategoryLabel(Txn& txn, const std::string& ticket_id,
                                  const std::string& category, const std::string& text,
                                  const std::string& actor, Timestamp now) = 0;
  // (category, text) pairs, oldest first.
  virtual StatusOr<std::vector<std::pair<std::string, std::string>>> ListCategoryLabels(
      Txn& txn) = 0;

  // The audit log of changes that are not ticket events. Append-only.
  // Timeline event heads of every ticket with seq > after_seq, oldest first
  // (the live feed); LatestEventSeq is the newest seq (0 if none).
  virtual StatusOr<std::vector<EventHead>> ListEventHeadsAfter(Txn& txn, int64_t after_seq,
                                                               int limit) = 0;
  virtual StatusOr<int64_t> LatestEventSeq(Txn& txn) = 0;

  // A ticket's rating: PutRating is kAlreadyExists "already_rated" for a
  // second one; GetRating nullopt when there is none.
  virtual Status PutRating(Txn& txn, const std::string& ticket_id, const Rating& r) = 0;
  virtual StatusOr<std::optional<Rating>> GetRating(Txn& txn, const std::string& ticket_id) = 0;

  // The tickets created at or after `since`, or still unresolved, or
  // resolved at or after `since` (what a dashboard over the window needs).
  virtual StatusOr<std::vector<DashboardTicket>> ListTicketFacts(Txn& txn, Timestamp since) = 0;
  // After-sales requests created at or after `since`, one row per kind,
  // reason, status, rule and override (core/report.h).
  virtual StatusOr<std::vector<AfterSalesFact>> ListAfterSalesFacts(Txn& txn, Timestamp since) = 0;
  // For each of `tags`, how many tickets created at or after `since` carry
  // it (cost: the tagged tickets, not all tickets).
  virtual StatusOr<std::map<std::string, int64_t>> CountTaggedTickets(
      Txn& txn, const std::vector<std::string>& tags, Timestamp since) = 0;

  // Training records. Insert sets seq and version (1); kAlreadyExists
  // "duplicate_id" when (kind, id) exists. Update writes owner, ref,
  // status, body and updated_at when the stored version is
  // expected_version (then version + 1), else kAborted "stale_version";
  // kNotFound when there is no such record. Get: kNotFound.
  virtual Status InsertTrainingRecord(Txn& txn, TrainingRecord& r) = 0;
  virtual Status UpdateTrainingRecord(Txn& txn, TrainingRecord& r, int64_t expected_version) = 0;
  virtual StatusOr<TrainingRecord> GetTrainingRecord(Txn& txn, const std::string& kind,
                                                     const std::string& id) = 0;
  virtual StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(Txn& txn,
                                                                    const TrainingFilter& f) = 0;

  virtual Status AppendAudit(Txn& txn, const AuditEntry& e) = 0;
  virtual StatusOr<std::vector<AuditEntry>> ListAudit(Txn& txn, int64_t after_seq, int limit) = 0;
};

struct SqliteOptions {
  std::string path;  // a file, or ":memory:" for a private in-memory database
  int readers = 4;   // size of the read-connection pool
  // Keeps the search index (store/search_types.h); must outlive the store.
  // Null: writes of indexed text mark the index stale, and the next store
  // opened with an analyzer rebuilds it.
  const SearchAnalyzer* analyzer = nullptr;
};

// Opens (creating if needed) and migrates a SQLite database.
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const SqliteOptions& o);

}  // namespace kefu
