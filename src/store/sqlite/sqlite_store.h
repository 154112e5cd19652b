// The SQLite implementation of Store.
//
// One writer connection (write transactions are serialised by a mutex and
// use BEGIN IMMEDIATE) and a pool of reader connections (WAL lets them read
// a snapshot while the writer writes). WAL with synchronous=NORMAL: a
// committed transaction survives the process being killed; an OS crash or
// power loss may lose the last transactions, but never corrupts the file.
//
// Checkpoints (copying the WAL back into the database file, with fsyncs)
// run on a background thread with its own connection instead of inside
// whichever commit crosses the auto-checkpoint threshold, so that no
// request waits for them.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "store/sqlite/db.h"
#include "store/store.h"

namespace kefu::sqlite {

class SqliteStore final : public Store {
 public:
  static StatusOr<std::unique_ptr<SqliteStore>> Open(const SqliteOptions& o);

  StatusOr<std::unique_ptr<Txn>> Begin(TxnMode mode) override;
  Status Ping(Txn& txn) override;
  StatusOr<int64_t> ReserveSeqs(Txn& txn, char kind, int64_t n) override;

  StatusOr<int64_t> InsertUser(Txn& txn, const User& u, const std::string& password_hash,
                               Timestamp now) override;
  StatusOr<UserRecord> GetUserByLogin(Txn& txn, const std::string& login) override;
  StatusOr<std::vector<User>> ListActiveUsers(Txn& txn, Role role, int limit) override;
  Status InsertToken(Txn& txn, const TokenRecord& t) override;
  StatusOr<User> LookupToken(Txn& txn, const std::string& token_hash, Timestamp now) override;
  Status RevokeToken(Txn& txn, const std::string& token_hash, Timestamp now) override;
  StatusOr<std::vector<std::string>> SetUserActive(Txn& txn, const std::string& login, bool active,
                                                   Timestamp now) override;

  Status InsertCustomer(Txn& txn, const Customer& c) override;
  Status UpdateCustomer(Txn& txn, const Customer& c) override;
  StatusOr<Customer> GetCustomer(Txn& txn, const std::string& id) override;
  StatusOr<std::vector<Customer>> ListCustomers(Txn& txn, const CustomerFilter& f) override;
  Status InsertOrder(Txn& txn, const Order& o) override;
  StatusOr<Order> GetOrder(Txn& txn, const std::string& id) override;
  StatusOr<std::vector<Order>> ListOrders(Txn& txn, const OrderFilter& f) override;

  Status InsertTicket(Txn& txn, const Ticket& t, const SlaIndex* ix = nullptr) override;
  Status UpdateTicket(Txn& txn, const Ticket& t, int64_t expected_version,
                      const Ticket* stored = nullptr) override;
  StatusOr<Ticket> GetTicket(Txn& txn, const std::string& id) override;
  StatusOr<std::vector<Ticket>> ListTickets(Txn& txn, const TicketFilter& f) override;
  StatusOr<int64_t> CountTickets(Txn& txn, const TicketFilter& f) override;
  StatusOr<std::vector<EventHead>> ListEventHeadsAfter(Txn& txn, int64_t after_seq, int limit) override;
  StatusOr<int64_t> LatestEventSeq(Txn& txn) override;
  Status PutRating(Txn& txn, const std::string& ticket_id, const Rating& r) override;
  StatusOr<std::optional<Rating>> GetRating(Txn& txn, const std::string& ticket_id) override;
  StatusOr<std::vector<DashboardTicket>> ListTicketFacts(Txn& txn, Timestamp since) override;
  StatusOr<std::vector<AfterSalesFact>> ListAfterSalesFacts(Txn& txn, Timestamp since) override;
  StatusOr<std::map<std::string, int64_t>> CountTaggedTickets(Txn& txn,
                                                             const std::vector<std::string>& tags,
                                                             Timestamp since) override;
  Status InsertTrainingRecord(Txn& txn, TrainingRecord& r) override;
  Status UpdateTrainingRecord(Txn& txn, TrainingRecord& r, int64_t expected_version) override;
  StatusOr<TrainingRecord> GetTrainingRecord(Txn& txn, const std::string& kind,
                                             const std::string& id) override;
  StatusOr<std::vector<TrainingRecord>> ListTrainingRecords(Txn& txn,
                                                            const TrainingFilter& f) override;
  Status AppendEvents(Txn& txn, std::vector<TicketEvent>& events) override;
  StatusOr<std::vector<TicketEvent>> ListEvents(Txn& txn, const std::string& ticket_id,
                                                bool public_only, int64_t after_seq,
                                                int limit) override;
  StatusOr<std::vector<TicketEvent>> ListSlaEvents(Txn& txn, const std::string& ticket_id) override;
  StatusOr<std::map<TicketStatus, int64_t>> CountTicketsByStatus(Txn& txn) override;

  Status SetSlaIndex(Txn& txn, const std::string& ticket_id, const SlaIndex& ix) override;
  StatusOr<std::vector<std::string>> ListSlaDue(Txn& txn, Timestamp now, int limit) override;
  StatusOr<bool> RecordFiring(Txn& txn, const std::string& ticket_id, const Firing& f,
                              Timestamp now) override;
  StatusOr<std::vector<Firing>> ListFirings(Txn& txn, const std::string& ticket_id) override;

  Status PutConfig(Txn& txn, const ConfigDoc& d) override;
  Status DeleteConfig(Txn& txn, const std::string& kind, const std::string& name) override;
  StatusOr<std::vector<ConfigDoc>> ListConfig(Txn& txn, const std::string& kind) override;
  StatusOr<int64_t> ConfigVersion(Txn& txn) override;

  Status SetPresence(Txn& txn, const std::string& login, Presence p, Timestamp now) override;
  Status SetLastAssigned(Txn& txn, const std::string& login, Timestamp now) override;
  StatusOr<std::vector<AgentState>> ListAgentStates(Txn& txn) override;

  StatusOr<std::optional<IdempotencyRecord>> FindIdempotencyKey(Txn& txn, const std::string& actor,
                                                                const std::string& key) override;
  Status PutIdempotencyKey(Txn& txn, const std::string& actor, const std::string& key,
                           const IdempotencyRecord& r, Timestamp now) override;

  Status SetOrderDelivered(Txn& txn, const std::string& order_id, Timestamp at) override;
  Status InsertAfterSales(Txn& txn, const AfterSalesRequest& r) override;
  Status UpdateAfterSales(Txn& txn, const AfterSalesRequest& r, int64_t expected_version) override;
  StatusOr<AfterSalesRequest> GetAfterSales(Txn& txn, const std::string& id) override;
  StatusOr<std::vector<AfterSalesRequest>> ListAfterSales(Txn& txn,
                                                          const AfterSalesFilter& f) override;
  Status InsertCompensation(Txn& txn, const Compensation& c) override;
  Status UpdateCompensation(Txn& txn, const Compensation& c, int64_t expected_version) override;
  StatusOr<Compensation> GetCompensation(Txn& txn, const std::string& id) override;
  StatusOr<std::vector<Compensation>> ListCompensations(Txn& txn,
                                                        const CompensationFilter& f) override;
  StatusOr<int64_t> SumApprovedCompensation(Txn& txn, const std::string& team, Timestamp from,
                                            Timestamp to, const std::string& ticket_id) override;
  Status InsertShipment(Txn& txn, const Shipment& s) override;
  Status UpdateShipment(Txn& txn, const Shipment& s, int64_t expected_version) override;
  StatusOr<Shipment> GetShipment(Txn& txn, const std::string& id) override;
  StatusOr<Shipment> FindShipment(Txn& txn, const std::string& carrier,
                                  const std::string& tracking_number) override;
  StatusOr<std::vector<Shipment>> ListShipments(Txn& txn, const std::string& order_id,
                                                const std::string& customer_id) override;
  StatusOr<bool> AppendTrackingEvent(Txn& txn, const Shipment& s, const TrackingEvent& e,
                                     Timestamp received_at) override;
  StatusOr<std::vector<TrackingEvent>> ListTrackingEvents(Txn& txn,
                                                          const std::string& shipment_id) override;
  StatusOr<std::vector<Ticket>> ListOpenTicketsForOrder(Txn& txn,
                                                        const std::string& order_id) override;
  StatusOr<bool> MarkOnce(Txn& txn, const std::string& key, Timestamp now) override;
  Status AppendNotification(Txn& txn, Notification& n) override;
  StatusOr<std::vector<Notification>> ListNotifications(Txn& txn, const std::string& login,
                                                        int64_t before_seq, int limit,
                                                        bool unread_only = false) override;
  StatusOr<int64_t> MarkNotificationsRead(Txn& txn, const std::string& login,
                                          const std::vector<int64_t>& seqs, Timestamp now) override;
  StatusOr<int64_t> CountUnreadNotifications(Txn& txn, const std::string& login) override;
  StatusOr<std::vector<Notification>> ListNotificationsAfter(Txn& txn, int64_t after_seq,
                                                             int limit) override;
  StatusOr<int64_t> LatestNotificationSeq(Txn& txn) override;

  StatusOr<std::vector<SearchHit>> Search(Txn& txn, const SearchFilter& f) override;
  StatusOr<int64_t> RebuildSearchIndex() override;
  Status InsertArticle(Txn& txn, const Article& a) override;
  Status UpdateArticle(Txn& txn, const Article& a, int64_t expected_version) override;
  Status DeleteArticle(Txn& txn, const std::string& id) override;
  StatusOr<Article> GetArticle(Txn& txn, const std::string& id) override;
  StatusOr<std::vector<Article>> ListArticles(Txn& txn, bool published_only,
                                              const std::string& category, int64_t before_seq,
                                              int limit) override;
  Status PutModel(Txn& txn, const std::string& name, const std::string& bytes,
                  const std::string& meta_json, Timestamp now) override;
  StatusOr<std::pair<std::string, std::string>> LatestModel(Txn& txn,
                                                            const std::string& name) override;
  StatusOr<int64_t> LatestModelSeq(Txn& txn, const std::string& name) override;
  Status PutCategoryLabel(Txn& txn, const std::string& ticket_id, const std::string& category,
                          const std::string& text, const std::string& actor,
                          Timestamp now) override;
  StatusOr<std::vector<std::pair<std::string, std::string>>> ListCategoryLabels(
      Txn& txn) override;

  Status AppendAudit(Txn& txn, const AuditEntry& e) override;
  StatusOr<std::vector<AuditEntry>> ListAudit(Txn& txn, int64_t after_seq, int limit) override;

  // Writes a consistent copy of the database to `path` (SQLite online backup).
  Status Backup(const std::string& path);

  ~SqliteStore() override;

 private:
  friend class SqliteTxn;
  SqliteStore() = default;
  Db* AcquireReader();
  void ReleaseReader(Db* db);

  // Constant after Open().
  std::string path_;
  const SearchAnalyzer* analyzer_ = nullptr;
  std::unique_ptr<Db> writer_;
  bool shared_writer_ = false;  // ":memory:": readers use the writer connection

  std::mutex write_mu_;  // held by the one open write transaction

  void CheckpointLoop();

  std::unique_ptr<Db> checkpointer_;  // used only by checkpoint_thread_
  std::thread checkpoint_thread_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool stopping_ = false;  // guarded by checkpoint_mu_

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Db>> readers_;  // guarded by pool_mu_; all of them
  std::vector<Db*> free_readers_;             // guarded by pool_mu_
};

}  // namespace kefu::sqlite
