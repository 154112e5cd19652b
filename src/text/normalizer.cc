#include "text/normalizer.h"

#include <opencc/opencc.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

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
  return n;
}

Normalizer::~Normalizer() = default;

std::string Normalizer::Normalize(std::string_view text) const {
  std::string folded = FoldUnicode(text);
  return CollapseSpace(t2s_->Convert(folded));
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
