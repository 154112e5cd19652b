// Internals shared by the SQLite store's source files: the transaction
// class and small conversions. Not part of the store's interface.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "store/sqlite/db.h"
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
  // ends, not when the Txn object is destroyed.
  Status Commit() override {
    if (db_ == nullptr) return Internal("transaction already finished");
    Status st = db_->Exec("COMMIT");
    if (!st.ok()) (void)db_->Exec("ROLLBACK");
    Release();
    return st;
  }
  Db& db() { return *db_; }

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
};

inline Db& D(Txn& txn) { return static_cast<SqliteTxn&>(txn).db(); }

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

}  // namespace kefu::sqlite
