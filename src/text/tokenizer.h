// Segmentation of normalised text (see normalizer.h) into the tokens that
// search, classification and phrase matching use. Chinese is segmented with
// ICU's dictionary-based word break; words of a user dictionary (product and
// brand names) are kept whole; every run of Chinese characters also yields
// its character bigrams, so that a query finds text that ICU segmented
// differently. Identifiers customers type are recognised as single tokens:
//
//   order      o-000123                 (Kefu order ids)
//   ticket     t-000042
//   phone      13812345678              (mainland mobile numbers, 11 digits)
//   tracking   sf1234567890, 773012345678901  (letters + >= 10 digits, or >= 12 digits)
//   amount     ¥12.50, 12.5元, 30块      (the token is the number: "12.50")
//   number     other digit runs
//   word       Chinese words, Latin words
//   bigram     two adjacent Chinese characters (recall only)
//
// Punctuation and spaces separate tokens and are dropped. Thread-safe.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace kefu::text {

enum class TokenKind { kWord, kBigram, kOrder, kTicket, kPhone, kTracking, kAmount, kNumber };
std::string_view ToString(TokenKind k);

struct Token {
  std::string text;  // as it appears in the normalised text (amounts: the number)
  TokenKind kind = TokenKind::kWord;
  size_t begin = 0;  // byte offsets in the normalised text
  size_t end = 0;
  friend bool operator==(const Token&, const Token&) = default;
};

class Tokenizer {
 public:
  // `user_words`: normalised words kept whole (e.g. "扫地机器人", "mate60").
  static StatusOr<std::unique_ptr<Tokenizer>> Create(std::set<std::string> user_words = {});
  ~Tokenizer();

  // Tokens in text order; bigrams follow the word they overlap. With
  // `bigrams` false, no bigram tokens (for display).
  std::vector<Token> Tokenize(std::string_view normalized, bool bigrams = true) const;

  // A user dictionary's words: separated by white space or lines, '#'
  // starts a comment; words are normalised.
  static std::set<std::string> ParseUserWords(std::string_view text);
  // The same from a file; kValidation for an unreadable file.
  static StatusOr<std::set<std::string>> ReadUserWords(const std::string& path);
  // The dictionary Kefu ships (data/text/user_words.txt, compiled in):
  // after-sales, logistics and payment words, common brands.
  static const std::set<std::string>& BuiltInUserWords();

 private:
  Tokenizer() = default;
  std::set<std::string> user_words_;
  size_t max_user_word_ = 0;  // bytes
};

}  // namespace kefu::text
