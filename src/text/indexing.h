// Full-text search, the text side: what an index stores for a text, how a
// person's query becomes an index query, and the snippet shown for a hit.
// The index itself lives in the store (store/store.h, "Search"); this file
// has no I/O.
//
// Index terms are the tokens of the normalised text (tokenizer.h): words,
// Chinese character bigrams and identifiers, separated by spaces. Both the
// stored text and the query are normalised the same way, so a query in
// traditional characters finds simplified text and the reverse, and
// full-width digits find ASCII ones.
//
// A query matches a document that has every query clause (AND). In each
// run of Chinese text (no punctuation between):
//   - a word of three or more characters: the word itself, or all of its
//     character bigrams (so text the segmenter split differently is found);
//   - a two-character word: itself (always indexed, as a word or bigram);
//   - a single-character word: the bigram it forms with the next character
//     of the run, or the previous one at the end ("没收到货" -> 没收, 到货),
//     which any text containing the run has;
//   - stopwords (的, 了, 吗, 我, 请问, 怎么 …) are not required;
//   - a run that is one character (not a stopword): terms starting with it.
// Latin words, numbers, order/ticket/tracking/phone numbers and amounts:
// the exact term.
// Punctuation in the query only ends a run, so "屏幕，碎了" and "屏幕碎了"
// ask for the same terms, and a phrase split by punctuation in the text is
// found.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "text/tokenizer.h"

namespace kefu::text {

// The index terms of `raw` (any UTF-8; normalised here), space-separated.
std::string IndexTerms(const Tokenizer& t, std::string_view raw);

struct ParsedQuery {
  std::string match;                        // FTS5 MATCH expression; empty: nothing to search for
  std::vector<std::string> highlight_terms;  // normalised strings to highlight in hits
};
// With `any`, a document matching any clause matches (OR; for ranking
// candidates, e.g. the FAQ bot's articles), else every clause (AND).
ParsedQuery ParseQuery(const Tokenizer& t, std::string_view raw_query, bool any = false);

struct Snippet {
  std::string text;  // a window of the original text ("…" marks cut ends)
  // [begin, end) offsets in Unicode code points of `text`, sorted, disjoint.
  std::vector<std::pair<int, int>> highlights;
};

// The part of `raw` (original, not normalised: the customer's own
// characters are shown) around the first occurrence of a highlight term,
// at most `max_chars` code points, with every occurrence of a term marked.
// Matching compares normalised characters, so a simplified query marks
// traditional text.
Snippet MakeSnippet(std::string_view raw, const std::vector<std::string>& terms,
                    int max_chars = 80);

}  // namespace kefu::text
