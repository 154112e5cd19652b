// Thin RAII wrapper over a sqlite3 connection and its prepared statements.
// Internal to the SQLite store. Not thread-safe: one connection, one user
// at a time (the store hands connections out under locks).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/status.h"

namespace kefu::sqlite {

class Db;

// A prepared statement borrowed from the connection's cache. Binding is
// 1-based. Reset on destruction, so the cached statement can be reused.
class Stmt {
 public:
  Stmt(Db* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  ~Stmt();

  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, std::string_view v);
  Stmt& Bind(int i, const char* v) { return Bind(i, std::string_view(v)); }
  Stmt& Bind(int i, const std::string& v) { return Bind(i, std::string_view(v)); }
  Stmt& BindNull(int i);
  Stmt& BindDouble(int i, double v);
  Stmt& BindBlob(int i, std::string_view bytes);
  Stmt& Bind(int i, std::optional<int64_t> v) { return v ? Bind(i, *v) : BindNull(i); }
  // Binds a named parameter (":name"); every use of the name gets the value.
  template <typename T>
  Stmt& BindNamed(const char* name, const T& v) {
    return Bind(sqlite3_bind_parameter_index(s_, name), v);
  }

  // Steps once. Returns true for a row, false when done, an error otherwise.
  StatusOr<bool> Step();
  // Steps to completion, expecting no rows.
  Status Run();

  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::optional<int64_t> OptInt(int col) const {
    if (IsNull(col)) return std::nullopt;
    return Int(col);
  }
  std::string Text(int col) const;
  double Double(int col) const { return sqlite3_column_double(s_, col); }
  std::string Blob(int col) const;

 private:
  Db* db_;
  sqlite3_stmt* s_;
};

class Db {
 public:
  // Opens `path` (":memory:" allowed) and applies the connection pragmas:
  // WAL, synchronous=NORMAL, foreign_keys=ON, busy_timeout.
  static StatusOr<std::unique_ptr<Db>> Open(const std::string& path);
  ~Db();

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  // A cached prepared statement for `sql`, built per call (dynamic SQL).
  StatusOr<Stmt> Prepare(const std::string& sql);
  // The same for SQL text with static storage (a literal or a static
  // string's c_str()), cached by address: no hashing of the text per call.
  StatusOr<Stmt> Prepare(const char* static_sql);
  // Converts the connection's last error (after `rc`) into a Status.
  Status Error(int rc, std::string_view what) const;
  int64_t Changes() const { return sqlite3_changes64(db_); }
  sqlite3* raw() { return db_; }

 private:
  explicit Db(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
  std::unordered_map<const char*, sqlite3_stmt*> static_cache_;
};

}  // namespace kefu::sqlite
