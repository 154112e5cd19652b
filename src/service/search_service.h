// Full-text search over tickets, messages, customers and knowledge-base
// articles (GET /api/v1/search), Chinese first: queries and documents are
// normalised and segmented by text/indexing.h, the store ranks by BM25.
//
// Who finds what:
//   customer  tickets and public messages of their own tickets; published
//             articles; never customers or internal notes;
//   agent     tickets and messages (with notes) of tickets they can see
//             (core/access.h), customers, all articles;
//   lead, manager, admin: everything.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/time.h"
#include "core/model.h"
#include "service/paging.h"
#include "store/store.h"
#include "text/indexing.h"
#include "text/tokenizer.h"

namespace kefu {

// The analyzer the store indexes with: text/indexing.h over the built-in
// user dictionary. Its version changes when the dictionary does, which
// rebuilds indexes built before.
class TextSearchAnalyzer final : public SearchAnalyzer {
 public:
  explicit TextSearchAnalyzer(std::unique_ptr<text::Tokenizer> t, std::string version);
  std::string IndexTerms(std::string_view raw) const override;
  std::string Version() const override { return version_; }
  const text::Tokenizer& tokenizer() const { return *tokenizer_; }

 private:
  std::unique_ptr<text::Tokenizer> tokenizer_;
  std::string version_;
};

// Process-wide, created on first use; aborts if ICU is unusable (an
// installation error, like DefaultNormalizer()).
const TextSearchAnalyzer& DefaultSearchAnalyzer();

struct SearchQuery {
  std::string q;               // required, at most 200 bytes
  std::string type = "ticket";  // ticket | message | customer | article
  std::optional<TicketStatus> status;
  std::string category, customer_id, assignee;
  std::optional<Timestamp> from, to;
  PageRequest page{"", 20};
};

struct SearchResult {
  std::string type;       // ticket | message | note | customer | article
  std::string id;         // ticket/customer/article id, or the message's event seq
  std::string ticket_id;  // tickets and messages
  std::string title;      // ticket subject, customer name, article title
  std::string matched;    // tickets: which document matched best (ticket, message, note)
  text::Snippet snippet;
  double score = 0;       // higher is better
  Timestamp at;
};

class SearchService {
 public:
  SearchService(Store& store, const TextSearchAnalyzer& analyzer)
      : store_(store), analyzer_(analyzer) {}

  // kValidation: empty or too long query, nothing searchable in it (only
  // punctuation or particles), unknown type, bad cursor or limit;
  // kPermissionDenied: a customer searching customers.
  StatusOr<Page<SearchResult>> Search(const Actor& a, const SearchQuery& q) const;

 private:
  Store& store_;
  const TextSearchAnalyzer& analyzer_;
};

}  // namespace kefu
