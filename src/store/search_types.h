// Full-text search in the store: the documents it indexes, the analyzer
// that turns text into index terms, and search requests and hits.
//
// The store keeps the index itself, in the transaction of every write
// that changes indexed text (written when it commits, so a search inside
// that same transaction does not see it yet), so an acknowledged write is
// searchable and a rolled-back or killed one leaves nothing behind:
//   ticket    its subject, id and order id        (InsertTicket, UpdateTicket)
//   message   a public message's body              (AppendEvents: created, reply)
//   note      an internal note's body              (AppendEvents: note)
//   customer  name, id, phone and e-mail           (InsertCustomer)
//   article   title; body, category and tags       (InsertArticle, UpdateArticle)
// Ranking: the newest 2,000 matching documents are ranked (BM25), which
// bounds the cost of common words; a search confined to one customer's
// tickets ranks all of their matching documents.
// Turning text into terms is the analyzer's job (service/search_analyzer.h
// implements it with text/indexing.h); the store only stores and ranks
// (BM25, title terms weighing more than body terms).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/model.h"

namespace kefu {

class SearchAnalyzer {
 public:
  virtual ~SearchAnalyzer() = default;
  // The index terms of `raw`, separated by single spaces.
  virtual std::string IndexTerms(std::string_view raw) const = 0;
  // Names the analysis (normaliser, dictionaries). When an index was built
  // by another version, opening the store rebuilds it.
  virtual std::string Version() const = 0;
};

struct SearchFilter {
  // "ticket": tickets whose subject or messages match, best document per
  // ticket; "message": messages (and notes, with include_notes);
  // "customer"; "article".
  std::string type = "ticket";
  std::string match;  // the index query (text/indexing.h ParseQuery); required
  // Tickets and messages: filters on the ticket.
  std::optional<TicketStatus> status;
  std::string category;
  std::string customer_id;
  std::string assignee;
  std::optional<Timestamp> from, to;  // ticket created_at / message time, [from, to)
  bool include_notes = false;
  bool published_only = false;  // articles
  // Keyset cursor: hits after (score, key) of the last hit of a page.
  std::optional<double> after_score;
  std::string after_key;
  int limit = 20;
};

struct SearchHit {
  std::string type;       // "ticket" | "message" | "note" | "customer" | "article"
  std::string ref;        // ticket/customer/article id; for messages the event seq
  std::string ticket_id;  // tickets and messages
  std::string text;       // the original text of the best matching document
  std::string matched;    // ticket hits: the document type that matched best
  double score = 0;       // BM25 as SQLite reports it: lower is better
  std::string key;        // cursor key (with score)
  Timestamp at;           // the document's time
};

}  // namespace kefu
