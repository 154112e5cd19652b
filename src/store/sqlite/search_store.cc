// The SQLite store's search index (FTS5 over the analyzer's terms) and the
// tables that serve text intelligence: articles, models, category labels.
#include <nlohmann/json.hpp>

#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_internal.h"

namespace kefu::sqlite {

using json = nlohmann::json;

namespace {

// The statement that lists one document type's hits, and whether it groups by ticket.
struct Plan {
  std::string sql;
  std::vector<std::variant<int64_t, std::string, double>> binds;
};

void AddTicketFilters(const SearchFilter& f, Plan& p, const char* time_column) {
  if (f.status) {
    p.sql += " AND t.status = ?";
    p.binds.emplace_back(std::string(ToString(*f.status)));
  }
  if (!f.category.empty()) {
    p.sql += " AND t.category = ?";
    p.binds.emplace_back(f.category);
  }
  if (!f.customer_id.empty()) {
    p.sql += " AND t.customer_seq = ?";
    p.binds.emplace_back(ParseId('C', f.customer_id).value_or(-1));
  }
  if (!f.assignee.empty()) {
    p.sql += " AND t.assignee = ?";
    p.binds.emplace_back(f.assignee);
  }
  if (f.from) {
    p.sql += std::string(" AND ") + time_column + " >= ?";
    p.binds.emplace_back(f.from->unix_ms);
  }
  if (f.to) {
    p.sql += std::string(" AND ") + time_column + " < ?";
    p.binds.emplace_back(f.to->unix_ms);
  }
}

// FTS5 computes bm25() only where its table drives the query, so the
// matches are ranked first (materialised) and then joined and filtered.
// Ranking every match of a common word costs microseconds per match, so
// only the newest kCandidates matching documents are ranked; a customer's
// search ranks every match among their own tickets' documents instead.
constexpr int kCandidates = 2000;
const std::string& Matches(bool own) {
  static const std::string kRank =
      "WITH m AS MATERIALIZED (SELECT rowid AS id, bm25(search_fts, 4.0, 1.0) AS score "
      "FROM search_fts WHERE search_fts MATCH ? ";
  static const std::string kNewest = kRank + "ORDER BY rowid DESC LIMIT " + std::to_string(kCandidates) + ") ";
  static const std::string kOwn = kRank +
                                  "AND rowid IN (SELECT d.id FROM search_docs d JOIN tickets t ON "
                                  "t.seq = d.ticket_seq WHERE t.customer_seq = ?)) ";
  return own ? kOwn : kNewest;
}

StatusOr<Plan> PlanFor(const SearchFilter& f) {
  Plan p;
  p.binds.emplace_back(f.match);
  bool own = !f.customer_id.empty() && (f.type == "ticket" || f.type == "message");
  const std::string& matches = Matches(own);
  if (own) p.binds.emplace_back(ParseId('C', f.customer_id).value_or(-1));
  std::string messages = f.include_notes ? "('message','note')" : "('message')";
  if (f.type == "ticket") {
    p.sql = matches +
            "SELECT d.type, d.ref, d.ticket_seq, d.text, d.at, MIN(m.score) AS score, "
            "d.ticket_seq AS k FROM m JOIN search_docs d ON d.id = m.id "
            "JOIN tickets t ON t.seq = d.ticket_seq WHERE d.type IN " +
            (f.include_notes ? "('ticket','message','note')" : "('ticket','message')");
    AddTicketFilters(f, p, "t.created_at");
    p.sql += " GROUP BY d.ticket_seq";
    if (f.after_score) p.sql += " HAVING score > ? OR (score = ? AND k > ?)";
  } else if (f.type == "message") {
    p.sql = matches +
            "SELECT d.type, d.ref, d.ticket_seq, d.text, d.at, m.score AS score, d.id AS k "
            "FROM m JOIN search_docs d ON d.id = m.id JOIN tickets t ON t.seq = d.ticket_seq "
            "WHERE d.type IN " + messages;
    AddTicketFilters(f, p, "d.at");
  } else if (f.type == "customer" || f.type == "article") {
    p.sql = Matches(false) +
            "SELECT d.type, d.ref, d.ticket_seq, d.text, d.at, m.score AS score, d.id AS k "
            "FROM m JOIN search_docs d ON d.id = m.id WHERE d.type = '" + f.type + "'";
    if (f.type == "article" && (f.published_only || !f.category.empty())) {
      p.sql += " AND d.ticket_seq IN (SELECT seq FROM articles WHERE 1";
      if (f.published_only) p.sql += " AND published = 1";
      if (!f.category.empty()) {
        p.sql += " AND category = ?";
        p.binds.emplace_back(f.category);
      }
      p.sql += ")";
    }
  } else {
    return ValidationError("unknown search type: " + Echo(f.type));
  }
  if (f.type != "ticket" && f.after_score) p.sql += " AND (m.score > ? OR (m.score = ? AND d.id > ?))";
  if (f.after_score) {
    int64_t key = 0;
    try {
      key = std::stoll(f.after_key);
    } catch (...) {
      return ValidationError("bad search cursor");
    }
    p.binds.emplace_back(*f.after_score);
    p.binds.emplace_back(*f.after_score);
    p.binds.emplace_back(key);
  }
  p.sql += " ORDER BY score, k LIMIT ?";
  p.binds.emplace_back(int64_t{f.limit});
  return p;
}

}  // namespace

StatusOr<std::vector<SearchHit>> SqliteStore::Search(Txn& txn, const SearchFilter& f) {
  if (f.match.empty()) return ValidationError("empty search query");
  KEFU_ASSIGN_OR_RETURN(Plan p, PlanFor(f));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(p.sql));
  for (size_t i = 0; i < p.binds.size(); ++i) {
    int at = static_cast<int>(i) + 1;
    const auto& v = p.binds[i];
    if (const auto* n = std::get_if<int64_t>(&v)) {
      s.Bind(at, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      s.BindDouble(at, *d);
    } else {
      s.Bind(at, std::get<std::string>(v));
    }
  }
  std::vector<SearchHit> out;
  for (;;) {
    auto row = s.Step();
    if (!row.ok()) {
      // FTS5 rejects some expressions (e.g. a prefix on a lone letter): a bad query, not a fault.
      if (row.status().message().find("fts5") != std::string::npos) {
        return ValidationError("the search query cannot be run: " + row.status().message());
      }
      return row.status();
    }
    if (!*row) break;
    SearchHit h;
    h.type = f.type;
    h.matched = s.Text(0);
    h.ref = s.Text(1);
    if (!s.IsNull(2) && f.type != "article") h.ticket_id = FormatId('T', s.Int(2));
    if (f.type == "ticket") {
      h.ref = h.ticket_id;
    } else if (f.type == "message") {
      h.type = h.matched;
    }
    h.text = s.Text(3);
    h.at = Timestamp{s.Int(4)};
    h.score = s.Double(5);
    h.key = std::to_string(s.Int(6));
    out.push_back(std::move(h));
  }
  return out;
}

// ---- Articles

namespace {

constexpr const char* kArticleColumns =
    "seq, title, body, category, tags, published, author, created_at, updated_at, version";

Article ReadArticle(const Stmt& s) {
  Article a;
  a.id = FormatId('K', s.Int(0));
  a.title = s.Text(1);
  a.body = s.Text(2);
  a.category = s.Text(3);
  a.tags = json::parse(s.Text(4)).get<std::vector<std::string>>();
  a.published = s.Int(5) != 0;
  a.author = s.Text(6);
  a.created_at = Timestamp{s.Int(7)};
  a.updated_at = Timestamp{s.Int(8)};
  a.version = s.Int(9);
  return a;
}

}  // namespace

Status SqliteStore::InsertArticle(Txn& txn, const Article& a) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('K', a.id, "article"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(std::string("INSERT INTO articles(") + kArticleColumns +
                                               ") VALUES (?,?,?,?,?,?,?,?,?,?)"));
  s.Bind(1, seq).Bind(2, a.title).Bind(3, a.body).Bind(4, a.category).Bind(5, json(a.tags).dump());
  s.Bind(6, int64_t{a.published ? 1 : 0}).Bind(7, a.author).Bind(8, a.created_at.unix_ms);
  KEFU_RETURN_IF_ERROR(s.Bind(9, a.updated_at.unix_ms).Bind(10, a.version).Run());
  QueueSearchDoc(txn, ArticleDoc(a, seq));
  return OkStatus();
}

Status SqliteStore::UpdateArticle(Txn& txn, const Article& a, int64_t expected_version) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('K', a.id, "article"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(
                                    "UPDATE articles SET title = ?, body = ?, category = ?, tags = ?, "
                                    "published = ?, updated_at = ?, version = ? WHERE seq = ? AND version = ?"));
  s.Bind(1, a.title).Bind(2, a.body).Bind(3, a.category).Bind(4, json(a.tags).dump());
  s.Bind(5, int64_t{a.published ? 1 : 0}).Bind(6, a.updated_at.unix_ms).Bind(7, a.version);
  KEFU_RETURN_IF_ERROR(s.Bind(8, seq).Bind(9, expected_version).Run());
  if (sqlite3_changes(D(txn).raw()) == 0) {
    KEFU_RETURN_IF_ERROR(GetArticle(txn, a.id).status());
    return Aborted("stale_version", "article " + a.id + " was changed concurrently");
  }
  QueueSearchDoc(txn, ArticleDoc(a, seq));
  return OkStatus();
}

Status SqliteStore::DeleteArticle(Txn& txn, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('K', id, "article"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("DELETE FROM articles WHERE seq = ?"));
  KEFU_RETURN_IF_ERROR(s.Bind(1, seq).Run());
  if (sqlite3_changes(D(txn).raw()) == 0) return NotFound("article " + id + " not found");
  QueueSearchRemoval(txn, "article", id);
  return OkStatus();
}

StatusOr<Article> SqliteStore::GetArticle(Txn& txn, const std::string& id) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('K', id, "article"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(std::string("SELECT ") + kArticleColumns +
                                               " FROM articles WHERE seq = ?"));
  s.Bind(1, seq);
  return ReadOne<Article>(s, ReadArticle, "article " + id);
}

StatusOr<std::vector<Article>> SqliteStore::ListArticles(Txn& txn, bool published_only,
                                                         const std::string& category,
                                                         int64_t before_seq, int limit) {
  Where w;
  if (published_only) w.And("published = ?", int64_t{1});
  if (!category.empty()) w.And("category = ?", category);
  if (before_seq > 0) w.And("seq < ?", before_seq);
  KEFU_ASSIGN_OR_RETURN(Stmt s, w.Prepare(D(txn), std::string("SELECT ") + kArticleColumns +
                                                      " FROM articles", " ORDER BY seq DESC LIMIT ?", limit));
  return ReadAll<Article>(s, ReadArticle);
}

// ---- Models and labels

Status SqliteStore::PutModel(Txn& txn, const std::string& name, const std::string& bytes,
                             const std::string& meta_json, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("INSERT INTO models(name, bytes, meta, at) VALUES (?,?,?,?)"));
  s.Bind(1, name).BindBlob(2, bytes).Bind(3, meta_json).Bind(4, now.unix_ms);
  return s.Run();
}

StatusOr<std::pair<std::string, std::string>> SqliteStore::LatestModel(Txn& txn,
                                                                       const std::string& name) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT bytes, meta FROM models WHERE name = ? "
                                               "ORDER BY seq DESC LIMIT 1"));
  s.Bind(1, name);
  return ReadOne<std::pair<std::string, std::string>>(
      s, [](const Stmt& r) { return std::make_pair(r.Blob(0), r.Text(1)); }, "model " + name);
}

StatusOr<int64_t> SqliteStore::LatestModelSeq(Txn& txn, const std::string& name) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT COALESCE(MAX(seq), 0) FROM models WHERE name = ?"));
  s.Bind(1, name);
  KEFU_ASSIGN_OR_RETURN(bool row, s.Step());
  return row ? s.Int(0) : 0;
}

Status SqliteStore::PutCategoryLabel(Txn& txn, const std::string& ticket_id,
                                     const std::string& category, const std::string& text,
                                     const std::string& actor, Timestamp now) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, SeqOf('T', ticket_id, "ticket"));
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare(
                                    "INSERT INTO category_labels(ticket_seq, category, text, actor, at) "
                                    "VALUES (?,?,?,?,?) ON CONFLICT(ticket_seq) DO UPDATE SET "
                                    "category = excluded.category, text = excluded.text, "
                                    "actor = excluded.actor, at = excluded.at"));
  return s.Bind(1, seq).Bind(2, category).Bind(3, text).Bind(4, actor).Bind(5, now.unix_ms).Run();
}

StatusOr<std::vector<std::pair<std::string, std::string>>> SqliteStore::ListCategoryLabels(Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(Stmt s, D(txn).Prepare("SELECT category, text FROM category_labels ORDER BY at, ticket_seq"));
  return ReadAll<std::pair<std::string, std::string>>(
      s, [](const Stmt& r) { return std::make_pair(r.Text(0), r.Text(1)); });
}

}  // namespace kefu::sqlite
