// Text normalisation for search, classification and phrase matching,
// Chinese first: Unicode NFKC with case folding (ICU: full-width letters,
// digits and punctuation become their ASCII forms, ligatures and circled
// numbers are unfolded, invisible format characters such as zero-width
// spaces are dropped, Latin letters are lower-cased), then traditional to
// simplified Chinese (OpenCC, t2s by default: phrases first, then
// characters), then runs of white space become one space and the ends are
// trimmed. The result is what indexes and matchers compare. Linear in the
// text's length (see kMaxWithoutBoundary in normalizer.cc for the one
// exception made for it: runs of more than 30 combining marks).
//
//   "我的包裹怎麼還沒到？ＳＦ１２３"  ->  "我的包裹怎么还没到?sf123"
//
// Thread-safe: Normalize is const and may run on many threads at once.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace opencc {
class SimpleConverter;
}

namespace kefu::text {

class Normalizer {
 public:
  // `opencc_config` is an OpenCC configuration name (looked up in OpenCC's
  // data directory) or a path; kUnavailable if it cannot be loaded.
  static StatusOr<std::unique_ptr<Normalizer>> Create(const std::string& opencc_config = "t2s.json");
  ~Normalizer();

  // Invalid UTF-8 sequences are replaced with U+FFFD before normalising.
  std::string Normalize(std::string_view text) const;

 private:
  Normalizer() = default;
  // False when OpenCC would return `folded` unchanged (the fast path: most
  // text is simplified already).
  bool NeedsConversion(std::string_view folded) const;
  std::unique_ptr<opencc::SimpleConverter> t2s_;
  std::vector<bool> changes_;  // t2s only: BMP code points t2s converts; empty: always convert
};

// The process-wide t2s normaliser, created on first use. Aborts the process
// with a message if OpenCC's data is missing (an installation error).
const Normalizer& DefaultNormalizer();

}  // namespace kefu::text
