// Training and interview records (store.h, "Training records"): one table,
// bodies kept as the training module wrote them.
#include <string>
#include <vector>

#include "store/sqlite/sqlite_internal.h"

namespace kefu::sqlite {

namespace {

constexpr const char* kColumns =
    "seq, kind, id, owner, ref, status, body, version, created_at, updated_at";

TrainingRecord ReadRecord(const Stmt& s) {
  TrainingRecord r;
  r.seq = s.Int(0);
  r.kind = s.Text(1);
  r.id = s.Text(2);
  r.owner = s.Text(3);
  r.ref = s.Text(4);
  r.status = s.Text(5);
  r.body = s.Text(6);
  r.version = s.Int(7);
  r.created_at = Timestamp{s.Int(8)};
  r.updated_at = Timestamp{s.Int(9)};
  return r;
}

}  // namespace

Status SqliteStore::InsertTrainingRecord(Txn& txn, TrainingRecord& r) {
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("INSERT INTO training_records(kind, id, owner, ref, status, body, version, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?) "
                             "ON CONFLICT (kind, id) DO NOTHING RETURNING seq"));
  s.Bind(1, r.kind).Bind(2, r.id).Bind(3, r.owner).Bind(4, r.ref).Bind(5, r.status).Bind(6, r.body);
  s.Bind(7, r.created_at.unix_ms).Bind(8, r.updated_at.unix_ms);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return AlreadyExists("duplicate_id", r.kind + " " + r.id + " exists");
  r.seq = s.Int(0);
  r.version = 1;
  return OkStatus();
}

Status SqliteStore::UpdateTrainingRecord(Txn& txn, TrainingRecord& r, int64_t expected_version) {
  KEFU_ASSIGN_OR_RETURN(
      Stmt s, D(txn).Prepare("UPDATE training_records SET owner = ?, ref = ?, status = ?, body = ?, "
                             "updated_at = ?, version = version + 1 "
                             "WHERE kind = ? AND id = ? AND version = ?"));
  s.Bind(1, r.owner).Bind(2, r.ref).Bind(3, r.status).Bind(4, r.body).Bind(5, r.updated_at.unix_ms);
  s.Bind(6, r.kind).Bind(7, r.id).Bind(8, expected_version);
  KEFU_RETURN_IF_ERROR(s.Run());
  if (D(txn).Changes() == 0) {
    KEFU_RETURN_IF_ERROR(GetTrainingRecord(txn, r.kind, r.id).status());
    return Aborted("stale_version", r.id + " was changed concurrently");
  }
  r.version = expected_version + 1;
  return OkStatus();
}

StatusOr<TrainingRecord> SqliteStore::GetTrainingRecord(Txn& txn, const std::string& kind,
                                                        const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT seq, kind, id, owner, ref, status, body, version, "
                                               "created_at, updated_at FROM training_records "
                                               "WHERE kind = ? AND id = ?"));
  s.Bind(1, kind).Bind(2, id);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  if (!row) return NotFound(kind + " " + id + " not found");
  return ReadRecord(s);
}

StatusOr<std::vector<TrainingRecord>> SqliteStore::ListTrainingRecords(Txn& txn,
                                                                       const TrainingFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM training_records WHERE kind = ?";
  std::vector<std::string> args = {f.kind};
  for (auto [col, v] : {std::pair{"owner", &f.owner}, {"ref", &f.ref}, {"status", &f.status}}) {
    if (v->empty()) continue;
    sql += std::string(" AND ") + col + " = ?";
    args.push_back(*v);
  }
  if (f.before_seq > 0) sql += f.oldest_first ? " AND seq > ?" : " AND seq < ?";
  sql += f.oldest_first ? " ORDER BY seq LIMIT ?" : " ORDER BY seq DESC LIMIT ?";
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(sql));
  int i = 1;
  for (const auto& a : args) s.Bind(i++, a);
  if (f.before_seq > 0) s.Bind(i++, f.before_seq);
  s.Bind(i, int64_t{f.limit});
  std::vector<TrainingRecord> out;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
    if (!row) return out;
    out.push_back(ReadRecord(s));
  }
}

}  // namespace kefu::sqlite
