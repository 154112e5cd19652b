#include "store/sqlite/search_index.h"

#include <algorithm>
#include <future>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "store/sqlite/sqlite_internal.h"

namespace kefu::sqlite {

namespace {

std::string Terms(const SearchAnalyzer& a, const std::string& raw) {
  return raw.empty() ? std::string() : a.IndexTerms(raw);
}

// Inserts a new document whose terms are already computed.
Status InsertIndexed(Db& db, const SearchDoc& d, const std::string& title, const std::string& body) {
  KEFU_ASSIGN_OR_RETURN(Stmt ins, db.Prepare("INSERT INTO search_docs(type, ref, ticket_seq, at, "
                                             "text) VALUES (?,?,?,?,?)"));
  KEFU_RETURN_IF_ERROR(
      ins.Bind(1, d.type).Bind(2, d.ref).Bind(3, d.ticket_seq).Bind(4, d.at.unix_ms).Bind(5, d.text).Run());
  int64_t id = sqlite3_last_insert_rowid(db.raw());
  KEFU_ASSIGN_OR_RETURN(Stmt fts, db.Prepare("INSERT INTO search_fts(rowid, title, body) VALUES (?,?,?)"));
  return fts.Bind(1, id).Bind(2, title).Bind(3, body).Run();
}

}  // namespace

Status DeleteSearchDoc(Db& db, const std::string& type, const std::string& ref) {
  KEFU_ASSIGN_OR_RETURN(Stmt del, db.Prepare("DELETE FROM search_fts WHERE rowid IN (SELECT id FROM "
                                             "search_docs WHERE type = ? AND ref = ?)"));
  KEFU_RETURN_IF_ERROR(del.Bind(1, type).Bind(2, ref).Run());
  KEFU_ASSIGN_OR_RETURN(Stmt docs, db.Prepare("DELETE FROM search_docs WHERE type = ? AND ref = ?"));
  return docs.Bind(1, type).Bind(2, ref).Run();
}

SearchDoc TicketDoc(const Ticket& t, int64_t seq) {
  return {"ticket", t.id, seq, t.created_at, t.subject, t.subject, t.id + " " + t.order_id};
}

SearchDoc CustomerDoc(const Customer& c) {
  return {"customer", c.id, std::nullopt, c.created_at, c.name, c.name,
          c.id + " " + c.phone + " " + c.email};
}

SearchDoc ArticleDoc(const Article& a, int64_t seq) {
  std::string extra = a.category;
  for (const auto& t : a.tags) extra += " " + t;
  return {"article", a.id, seq, a.updated_at, a.body, a.title, a.body + "\n" + extra};
}

std::optional<SearchDoc> MessageDoc(const TicketEvent& e, int64_t ticket_seq) {
  bool message = e.type == EventType::kCreated || e.type == EventType::kReply;
  if ((!message && e.type != EventType::kNote) || e.body.empty()) return std::nullopt;
  return SearchDoc{message ? "message" : "note", std::to_string(e.seq), ticket_seq, e.at, e.body,
                   "", e.body};
}

namespace {

using Terms2 = std::vector<std::pair<std::string, std::string>>;

// The terms of a batch (title, body), computed on every core.
Terms2 ComputeTerms(const SearchAnalyzer& a, const std::vector<SearchDoc>& batch) {
  Terms2 terms(batch.size());
  size_t workers = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      for (size_t i = w; i < batch.size(); i += workers) {
        terms[i] = {Terms(a, batch[i].title), Terms(a, batch[i].body)};
      }
    });
  }
  for (auto& t : threads) t.join();
  return terms;
}

}  // namespace

Status FlushSearchDocs(Db& db, const SearchAnalyzer* a, const std::vector<SearchOp>& ops) {
  if (a == nullptr) {
    // Without an analyzer the index cannot follow: mark it for a rebuild.
    return db.Exec("UPDATE search_meta SET value = '' WHERE key = 'analyzer' AND value <> ''");
  }
  std::vector<SearchDoc> docs;
  for (const auto& op : ops) {
    if (!op.remove) docs.push_back(op.doc);
  }
  // Large batches (imports) compute their terms on every core.
  Terms2 terms;
  if (docs.size() >= 64) {
    terms = ComputeTerms(*a, docs);
  } else {
    for (const auto& d : docs) terms.emplace_back(Terms(*a, d.title), Terms(*a, d.body));
  }
  size_t next = 0;
  for (const auto& op : ops) {
    if (op.remove || (op.doc.type != "message" && op.doc.type != "note")) {
      KEFU_RETURN_IF_ERROR(DeleteSearchDoc(db, op.doc.type, op.doc.ref));
    }
    if (op.remove) continue;
    KEFU_RETURN_IF_ERROR(InsertIndexed(db, op.doc, terms[next].first, terms[next].second));
    ++next;
  }
  return OkStatus();
}

namespace {

// A batch whose terms are being computed while the previous one is inserted.
struct Pending {
  std::shared_ptr<const std::vector<SearchDoc>> batch;  // shared with the computing thread
  std::future<Terms2> terms;
};

Status Insert(Db& db, Pending& p) {
  if (!p.terms.valid()) return OkStatus();
  Terms2 terms = p.terms.get();
  for (size_t i = 0; i < p.batch->size(); ++i) {
    KEFU_RETURN_IF_ERROR(InsertIndexed(db, (*p.batch)[i], terms[i].first, terms[i].second));
  }
  return OkStatus();
}

// Reads rows of `sql` (one '?' for the last seq seen, which is column 0)
// in pages, turning each into documents with `make`; a page's terms are
// computed while the page before is inserted.
template <typename Make>
Status IndexAll(Db& db, const SearchAnalyzer& a, const std::string& sql, Make make, int64_t& count) {
  constexpr int kPage = 20000;
  int64_t after = 0;
  Pending pending;
  for (;;) {
    std::vector<SearchDoc> batch;
    int rows = 0;
    {
      KEFU_ASSIGN_OR_RETURN(Stmt s, db.Prepare(sql + " LIMIT " + std::to_string(kPage)));
      s.Bind(1, after);
      for (;;) {
        KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
        if (!row) break;
        ++rows;
        after = s.Int(0);
        if (auto d = make(s)) batch.push_back(std::move(*d));
      }
    }
    count += static_cast<int64_t>(batch.size());
    Pending next;
    next.batch = std::make_shared<const std::vector<SearchDoc>>(std::move(batch));
    next.terms = std::async(std::launch::async, [&a, b = next.batch] { return ComputeTerms(a, *b); });
    KEFU_RETURN_IF_ERROR(Insert(db, pending));
    pending = std::move(next);
    if (rows == 0) return Insert(db, pending);
  }
}

Status RebuildAll(Db& db, const SearchAnalyzer& a, int64_t& count) {
  // A new table, not a row-by-row delete (which leaves FTS5 delete markers
  // that slow every later query); the same definition as migration v5.
  KEFU_RETURN_IF_ERROR(db.Exec(
      "DROP TABLE search_fts; DELETE FROM search_docs; CREATE VIRTUAL TABLE search_fts USING "
      "fts5(title, body, tokenize = \"unicode61 remove_diacritics 0 tokenchars '-._@'\");"));
  KEFU_RETURN_IF_ERROR(IndexAll(
      db, a, "SELECT seq, subject, order_seq, created_at FROM tickets WHERE seq > ? ORDER BY seq",
      [](const Stmt& s) -> std::optional<SearchDoc> {
        Ticket t;
        t.id = FormatId('T', s.Int(0));
        t.subject = s.Text(1);
        if (!s.IsNull(2)) t.order_id = FormatId('O', s.Int(2));
        t.created_at = Timestamp{s.Int(3)};
        return TicketDoc(t, s.Int(0));
      },
      count));
  KEFU_RETURN_IF_ERROR(IndexAll(
      db, a,
      "SELECT seq, ticket_seq, type, at, data FROM ticket_events WHERE seq > ? AND type IN "
      "('created', 'reply', 'note') ORDER BY seq",
      [](const Stmt& s) -> std::optional<SearchDoc> {
        TicketEvent e;
        e.seq = s.Int(0);
        e.type = ParseEventType(s.Text(2)).value_or(EventType::kNote);
        e.at = Timestamp{s.Int(3)};
        e.body = nlohmann::json::parse(s.Text(4)).value("body", "");
        return MessageDoc(e, s.Int(1));
      },
      count));
  KEFU_RETURN_IF_ERROR(IndexAll(
      db, a, "SELECT seq, name, phone, email, created_at FROM customers WHERE seq > ? ORDER BY seq",
      [](const Stmt& s) -> std::optional<SearchDoc> {
        Customer c;
        c.id = FormatId('C', s.Int(0));
        c.name = s.Text(1);
        c.phone = s.Text(2);
        c.email = s.Text(3);
        c.created_at = Timestamp{s.Int(4)};
        return CustomerDoc(c);
      },
      count));
  KEFU_RETURN_IF_ERROR(IndexAll(
      db, a,
      "SELECT seq, title, body, category, tags, updated_at FROM articles WHERE seq > ? ORDER BY seq",
      [](const Stmt& s) -> std::optional<SearchDoc> {
        Article art;
        art.id = FormatId('K', s.Int(0));
        art.title = s.Text(1);
        art.body = s.Text(2);
        art.category = s.Text(3);
        art.tags = nlohmann::json::parse(s.Text(4)).get<std::vector<std::string>>();
        art.updated_at = Timestamp{s.Int(5)};
        return ArticleDoc(art, s.Int(0));
      },
      count));
  KEFU_ASSIGN_OR_RETURN(Stmt meta, db.Prepare("UPDATE search_meta SET value = ? WHERE key = 'analyzer'"));
  return meta.Bind(1, a.Version()).Run();
}

}  // namespace

StatusOr<int64_t> RebuildIndex(Db& db, const SearchAnalyzer& a) {
  KEFU_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  int64_t count = 0;
  Status st = RebuildAll(db, a, count);
  if (st.ok()) st = db.Exec("COMMIT");
  if (!st.ok()) {
    (void)db.Exec("ROLLBACK");
    return st;
  }
  return count;
}

StatusOr<bool> IndexIsCurrent(Db& db, const SearchAnalyzer& a) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, db.Prepare("SELECT value FROM search_meta WHERE key = 'analyzer'"));
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row && s.Text(0) == a.Version();
}

}  // namespace kefu::sqlite
