#include "text/normalizer.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cstdio>
#include <cstdlib>

namespace kefu::text {
namespace {

// NFKC + case folding + removal of default-ignorable code points.
std::string FoldUnicode(std::string_view text) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(err);
  if (U_FAILURE(err)) return std::string(text);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString out = nfkc_cf->normalize(in, err);
  if (U_FAILURE(err)) return std::string(text);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
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
