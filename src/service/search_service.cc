#include "service/search_service.h"

#include <cstdio>
#include <cstdlib>

#include "core/access.h"

namespace kefu {

TextSearchAnalyzer::TextSearchAnalyzer(std::unique_ptr<text::Tokenizer> t, std::string version)
    : tokenizer_(std::move(t)), version_(std::move(version)) {}

std::string TextSearchAnalyzer::IndexTerms(std::string_view raw) const {
  return text::IndexTerms(*tokenizer_, raw);
}

const TextSearchAnalyzer& DefaultSearchAnalyzer() {
  static const TextSearchAnalyzer* analyzer = [] {
    const auto& words = text::Tokenizer::BuiltInUserWords();
    uint64_t h = 1469598103934665603ull;  // FNV-1a over the dictionary
    for (const auto& w : words) {
      for (unsigned char c : w + "\n") h = (h ^ c) * 1099511628211ull;
    }
    auto t = text::Tokenizer::Create(words);
    if (!t.ok()) {
      std::fprintf(stderr, "kefu: %s\n", t.status().message().c_str());
      std::abort();
    }
    char version[64];
    std::snprintf(version, sizeof version, "kefu-text-1:%016llx", static_cast<unsigned long long>(h));
    return new TextSearchAnalyzer(std::move(*t), version);
  }();
  return *analyzer;
}

namespace {

std::string EncodeCursor(const SearchHit& h) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g:%s", h.score, h.key.c_str());
  return buf;
}

Status DecodeSearchCursor(const std::string& cursor, SearchFilter& f) {
  if (cursor.empty()) return OkStatus();
  auto colon = cursor.rfind(':');
  char* end = nullptr;
  double score = colon == std::string::npos ? 0 : std::strtod(cursor.c_str(), &end);
  if (colon == std::string::npos || end != cursor.c_str() + colon || colon + 1 == cursor.size() ||
      cursor.find_first_not_of("0123456789", colon + 1) != std::string::npos) {
    return ValidationError("bad cursor");
  }
  f.after_score = score;
  f.after_key = cursor.substr(colon + 1);
  return OkStatus();
}

// The filter for `a`'s query; customers are confined to their own tickets.
StatusOr<SearchFilter> FilterFor(const Actor& a, const SearchQuery& q, const std::string& match) {
  if (q.type != "ticket" && q.type != "message" && q.type != "customer" && q.type != "article") {
    return ValidationError("type must be ticket, message, customer or article");
  }
  bool customer = a.role == Role::kCustomer;
  if (customer && q.type == "customer") {
    return PermissionDenied("customers cannot search customers");
  }
  SearchFilter f;
  f.type = q.type;
  f.match = match;
  f.status = q.status;
  f.category = q.category;
  f.customer_id = customer ? a.customer_id : q.customer_id;
  f.assignee = q.assignee;
  f.from = q.from;
  f.to = q.to;
  f.include_notes = !customer;
  f.published_only = customer;
  KEFU_RETURN_IF_ERROR(DecodeSearchCursor(q.page.cursor, f));
  return f;
}

}  // namespace

StatusOr<Page<SearchResult>> SearchService::Search(const Actor& a, const SearchQuery& q) const {
  KEFU_RETURN_IF_ERROR(CheckLimit(q.page.limit));
  if (q.q.empty()) return ValidationError("q is required");
  if (q.q.size() > 200) return ValidationError("q is longer than 200 bytes");
  text::ParsedQuery parsed = text::ParseQuery(analyzer_.tokenizer(), q.q);
  if (parsed.match.empty()) return ValidationError("the query has nothing to search for");
  KEFU_ASSIGN_OR_RETURN(SearchFilter f, FilterFor(a, q, parsed.match));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  bool filter_visibility = a.role == Role::kAgent && (q.type == "ticket" || q.type == "message");
  Page<SearchResult> page;
  // Agents' hits are filtered by visibility after ranking: fetch more until
  // the page is full or the hits run out (bounded: then the page is short
  // and its cursor goes on after the last hit examined).
  SearchHit last_kept, last_seen;
  bool more = true;
  for (int round = 0; round < 8 && more; ++round) {
    f.limit = q.page.limit + 1 - static_cast<int>(page.items.size());
    if (filter_visibility) f.limit = std::max(f.limit * 2, 20);
    KEFU_ASSIGN_OR_RETURN(std::vector<SearchHit> hits, store_.Search(*txn, f));
    more = static_cast<int>(hits.size()) == f.limit;
    for (const SearchHit& h : hits) {
      if (static_cast<int>(page.items.size()) == q.page.limit) {
        page.next_cursor = EncodeCursor(last_kept);
        return page;
      }
      last_seen = h;
      SearchResult r;
      r.type = h.type;
      r.id = h.ref;
      r.ticket_id = h.ticket_id;
      r.matched = h.matched;
      r.score = -h.score;
      r.at = h.at;
      if (!h.ticket_id.empty()) {
        KEFU_ASSIGN_OR_RETURN(Ticket t, store_.GetTicket(*txn, h.ticket_id));
        if (!CanSee(a, t)) continue;
        r.title = t.subject;
      } else if (h.type == "customer") {
        r.title = h.text;
      } else if (h.type == "article") {
        KEFU_ASSIGN_OR_RETURN(Article art, store_.GetArticle(*txn, h.ref));
        r.title = art.title;
      }
      r.snippet = text::MakeSnippet(h.text, parsed.highlight_terms);
      last_kept = h;
      page.items.push_back(std::move(r));
    }
    f.after_score = last_seen.score;
    f.after_key = last_seen.key;
  }
  if (more) page.next_cursor = EncodeCursor(last_seen);
  return page;
}

}  // namespace kefu
