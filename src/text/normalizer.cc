#include "text/normalizer.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "text/code_points.h"

namespace kefu::text {
namespace {

// ICU puts the combining marks after a character in canonical order by
// insertion, in time quadratic in their number. Real text has a few (the
// stream-safe format of UAX #15 allows 30), so a longer run of characters
// without a normalisation boundary is cut after this many and its pieces
// are normalised apart: linear time; only such runs normalise differently.
constexpr int kMaxWithoutBoundary = 30;

// NFKC + case folding + removal of default-ignorable code points, of `text`
// (as a whole when `cuts` is empty, else in pieces: [0, cuts[0]), …).
std::string FoldUnicode(std::string_view text, const std::vector<size_t>& cuts,
                        const icu::Normalizer2& nfkc_cf) {
  std::string utf8;
  size_t begin = 0;
  for (size_t k = 0; k <= cuts.size(); ++k) {
    size_t end = k < cuts.size() ? cuts[k] : text.size();
    std::string_view piece = text.substr(begin, end - begin);
    UErrorCode err = U_ZERO_ERROR;
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(
        icu::StringPiece(piece.data(), static_cast<int32_t>(piece.size())));
    icu::UnicodeString out = nfkc_cf.normalize(in, err);
    if (U_FAILURE(err)) return std::string(text);
    out.toUTF8String(utf8);
    begin = end;
  }
  return utf8;
}

std::string FoldUnicode(std::string_view text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  if (U_FAILURE(err)) return std::string(text);
  std::vector<size_t> cuts;
  int run = 0;  // code points since the last boundary
  for (size_t i = 0; i < text.size();) {
    size_t start = i;
    UChar32 c = NextCodePoint(text, i);
    if (c < 0x80 || nfkc_cf->hasBoundaryBefore(c)) {  // ASCII (and ill-formed bytes) have one
      run = 0;
    } else if (++run > kMaxWithoutBoundary) {
      cuts.push_back(start);
      run = 1;
    }
  }
  return FoldUnicode(text, cuts, *nfkc_cf);
}

std::string CollapseSpace(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<Normalizer>> Normalizer::Create(const std::string& opencc_config) {
  std::unique_ptr<Normalizer> n(new Normalizer());
  try {
    n->t2s_ = std::make_unique<opencc::SimpleConverter>(opencc_config);
  } catch (const std::exception& e) {
    return Unavailable("cannot load OpenCC configuration " + opencc_config + ": " + e.what());
  }
  if (opencc_config == "t2s.json") {
    // The characters t2s changes on their own. Its phrase table changes no
    // other character except 沈 (瀋陽 -> 沈阳 needs 瀋 anyway; 沈 is kept for
    // safety), so text without them converts to itself.
    n->changes_.assign(0x10000, false);
    auto mark = [&](char32_t lo, char32_t hi) {
      for (char32_t c = lo; c <= hi; ++c) {
        icu::UnicodeString u(static_cast<UChar32>(c));
        std::string one;
        u.toUTF8String(one);
        if (n->t2s_->Convert(one) != one) n->changes_[c] = true;
      }
    };
    mark(0x3400, 0x4DBF);  // CJK extension A
    mark(0x4E00, 0x9FFF);  // CJK unified ideographs
    mark(0xF900, 0xFAFF);  // CJK compatibility ideographs
    n->changes_[0x6C88] = true;  // 沈
  }
  return n;
}

Normalizer::~Normalizer() = default;

bool Normalizer::NeedsConversion(std::string_view s) const {
  if (changes_.empty()) return true;
  for (size_t i = 0; i < s.size();) {
    UChar32 c;
    int32_t pos = static_cast<int32_t>(i);
    U8_NEXT(s.data(), pos, static_cast<int32_t>(s.size()), c);
    i = static_cast<size_t>(pos);
    if (c < 0 || c > 0xFFFF || changes_[static_cast<size_t>(c)]) return true;
  }
  return false;
}

std::string Normalizer::Normalize(std::string_view text) const {
  std::string folded = FoldUnicode(text);
  return CollapseSpace(NeedsConversion(folded) ? t2s_->Convert(folded) : folded);
}

const Normalizer& DefaultNormalizer() {
  static const Normalizer* n = [] {
    auto made = Normalizer::Create();
    if (!made.ok()) {
      std::fprintf(stderr, "kefu: %s (Debian package opencc data: libopencc1.1)\n",
                   made.status().ToString().c_str());
      std::abort();
    }
    return made->release();
  }();
  return *n;
}

}  // namespace kefu::text
