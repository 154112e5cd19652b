// Internal to the SQLite store: writing search documents (see
// store/search_types.h for what is indexed). Writes queue their documents
// on the transaction (sqlite_internal.h QueueSearchDoc); the commit writes
// them. Every function runs inside the caller's transaction.
#pragma once

#include <optional>
#include <string>

#include "core/model.h"
#include "store/search_types.h"
#include "store/sqlite/db.h"

namespace kefu::sqlite {

struct SearchDoc {
  std::string type;  // "ticket" | "message" | "note" | "customer" | "article"
  std::string ref;
  std::optional<int64_t> ticket_seq;  // articles: the article's seq
  Timestamp at;
  std::string text;   // original text kept for snippets
  std::string title;  // raw texts the analyzer turns into terms
  std::string body;
};

// A queued change of the index: add or replace `doc`, or remove (doc.type, doc.ref).
struct SearchOp {
  bool remove = false;
  SearchDoc doc;
};
// Applies `ops` in order (terms computed on every core for large batches).
// Without an analyzer, marks the index stale.
Status FlushSearchDocs(Db& db, const SearchAnalyzer* a, const std::vector<SearchOp>& ops);

Status DeleteSearchDoc(Db& db, const std::string& type, const std::string& ref);

SearchDoc TicketDoc(const Ticket& t, int64_t seq);
SearchDoc CustomerDoc(const Customer& c);
SearchDoc ArticleDoc(const Article& a, int64_t seq);
// Messages and notes with a body; nothing for other events.
std::optional<SearchDoc> MessageDoc(const TicketEvent& e, int64_t ticket_seq);

// Drops and rebuilds the whole index with `a` in one transaction on `db`
// (which must hold no open transaction); returns the documents indexed.
StatusOr<int64_t> RebuildIndex(Db& db, const SearchAnalyzer& a);
// True when the index was built by `a`'s version and has not gone stale.
StatusOr<bool> IndexIsCurrent(Db& db, const SearchAnalyzer& a);

}  // namespace kefu::sqlite
