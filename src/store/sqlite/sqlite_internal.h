// Internals shared by the SQLite store's source files: the transaction
// class and small conversions. Not part of the store's interface.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/sqlite/db.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_store.h"

namespace kefu::sqlite {

class SqliteTxn final : public Txn {
 public:
  SqliteTxn(SqliteStore* store, Db* db, std::unique_lock<std::mutex> lock, bool pooled)
      : store_(store), db_(db), lock_(std::move(lock)), pooled_(pooled) {}
  ~SqliteTxn() override {
    if (db_ != nullptr) {
      (void)db_->Exec("ROLLBACK");
      Release();
    }
  }
  // The connection (and the write lock) go back as soon as the transaction
  // ends, not when the Txn object is destroyed. Search documents queued by
  // the writes are indexed first, in the transaction.
  Status Commit() override {
    if (db_ == nullptr) return Internal("transaction already finished");
    Status st = search_.empty() ? OkStatus() : FlushSearchDocs(*db_, store_->analyzer_, search_);
    if (st.ok()) st = db_->Exec("COMMIT");
    if (!st.ok()) (void)db_->Exec("ROLLBACK");
    Release();
    return st;
  }
  Db& db() { return *db_; }
  // Search index changes of this transaction, written at commit: FTS5
  // flushes its pending terms at every statement savepoint (e.g. a trigger
  // on tickets), so writing them together is several times faster.
  std::vector<SearchOp>& search_ops() { return search_; }

 private:
  void Release() {
    if (pooled_) store_->ReleaseReader(db_);
    if (lock_.owns_lock()) lock_.unlock();
    db_ = nullptr;
  }

  SqliteStore* store_;
  Db* db_;  // nullptr once finished
  std::unique_lock<std::mutex> lock_;
  bool pooled_;
  std::vector<SearchOp> search_;
};

// The ticket columns in the order ReadTicket reads them.
extern const char* const kTicketColumns;
Ticket ReadTicket(const Stmt& s);

inline Db& D(Txn& txn) { return static_cast<SqliteTxn&>(txn).db(); }

// Queues a search document (or its removal) for the commit of `txn`.
inline void QueueSearchDoc(Txn& txn, SearchDoc d) {
  static_cast<SqliteTxn&>(txn).search_ops().push_back({false, std::move(d)});
}
inline void QueueSearchRemoval(Txn& txn, std::string type, std::string ref) {
  SearchDoc d;
  d.type = std::move(type);
  d.ref = std::move(ref);
  static_cast<SqliteTxn&>(txn).search_ops().push_back({true, std::move(d)});
}

// Sequence number of an id of `kind`, or kNotFound naming `what`.
inline StatusOr<int64_t> SeqOf(char kind, const std::string& id, std::string_view what) {
  auto seq = ParseId(kind, id);
  if (!seq) return NotFound(std::string(what) + " " + id + " not found");
  return *seq;
}

inline std::optional<int64_t> OptMs(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return t->unix_ms;
}
inline std::optional<Timestamp> OptTs(std::optional<int64_t> ms) {
  if (!ms) return std::nullopt;
  return Timestamp{*ms};
}

// Reads every row of a SELECT with `read` (a function of const Stmt&).
template <typename T, typename Read>
StatusOr<std::vector<T>> ReadAll(Stmt& s, Read read) {
  std::vector<T> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(read(s));
  }
}

// Reads the one row of a SELECT, or kNotFound "<what> not found".
template <typename T, typename Read>
StatusOr<T> ReadOne(Stmt& s, Read read, const std::string& what) {
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound(what + " not found");
  return read(s);
}

// The WHERE clause of a list query, built from the filters that are set,
// with the values to bind in order.
class Where {
 public:
  Where& And(std::string condition, std::variant<int64_t, std::string> value) {
    sql_ += sql_.empty() ? " WHERE " : " AND ";
    sql_ += condition;
    values_.push_back(std::move(value));
    return *this;
  }
  // Prepares `select` + the clause + `tail` and binds the values, then
  // `extra` (e.g. a LIMIT).
  StatusOr<Stmt> Prepare(Db& db, const std::string& select, const std::string& tail,
                         int64_t extra) const {
    KEFU_ASSIGN_OR_RETURN(Stmt s, db.Prepare(select + sql_ + tail));
    int i = 1;
    for (const auto& v : values_) {
      if (std::holds_alternative<int64_t>(v)) {
        s.Bind(i++, std::get<int64_t>(v));
      } else {
        s.Bind(i++, std::get<std::string>(v));
      }
    }
    s.Bind(i, extra);
    return s;
  }

 private:
  std::string sql_;
  std::vector<std::variant<int64_t, std::string>> values_;
};

}  // namespace kefu::sqlite
