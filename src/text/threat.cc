#include "text/threat.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace kefu::text {
namespace {

struct Signal {
  std::string_view word;
  std::string_view level;
};

constexpr std::array<Signal, 19> kSignals = {{
    {"12315", "legal"},      {"315", "legal"},      {"消协", "legal"},
    {"消费者协会", "legal"}, {"工商", "legal"},     {"市场监管", "legal"},
    {"曝光", "public"},      {"媒体", "public"},    {"记者", "public"},
    {"律师", "legal"},       {"起诉", "legal"},     {"法院", "legal"},
    {"投诉到平台", "public"}, {"平台投诉", "public"}, {"黑猫投诉", "public"},
    {"微博", "public"},      {"抖音", "public"},    {"差评", "review"},
    {"投诉你们", "review"},
}};

// Least to most serious.
constexpr std::array<std::string_view, 4> kLevels = {"none", "review", "public", "legal"};

size_t Rank(std::string_view level) {
  for (size_t i = 0; i < kLevels.size(); ++i) {
    if (kLevels[i] == level) return i;
  }
  return 0;
}

// Longer words that contain a signal without being one.
constexpr std::array<std::string_view, 6> kNotSignals = {
    "工商银行", "中国工商", "工商管理", "法院路", "律师事务所地址", "曝光度"};

// The letters, digits and CJK characters of `s`, in order: what remains
// when spacing tricks and punctuation are taken out.
std::string Compact(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) continue;
    if (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

// `s` with every occurrence of the non-signals blanked out, so that
// "工商银行" does not count as "工商".
std::string WithoutNonSignals(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t skip = 0;
    for (std::string_view w : kNotSignals) {
      if (s.compare(i, w.size(), w) == 0) skip = std::max(skip, w.size());
    }
    if (skip > 0) {
      out.push_back(' ');
      i += skip;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether `sig` occurs in `text`; a number only where it stands alone
// (order O-000315 and "12315" do not contain the signal "315").
bool Contains(const std::string& text, std::string_view sig) {
  bool numeric = IsDigit(sig.front());
  for (size_t at = text.find(sig); at != std::string::npos; at = text.find(sig, at + 1)) {
    if (!numeric) return true;
    bool before = at > 0 && IsDigit(text[at - 1]);
    bool after = at + sig.size() < text.size() && IsDigit(text[at + sig.size()]);
    if (!before && !after) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> FindThreatSignals(std::string_view normalized) {
  std::string text = WithoutNonSignals(Compact(normalized));
  std::vector<std::string> found;
  for (const Signal& sig : kSignals) {
    if (Contains(text, sig.word)) found.emplace_back(sig.word);
  }
  return found;
}

std::string_view ThreatLevelOfSignal(std::string_view signal) {
  for (const Signal& sig : kSignals) {
    if (sig.word == signal) return sig.level;
  }
  return kLevels[0];
}

std::string_view ThreatLevelOf(const std::vector<std::string>& signals) {
  size_t best = 0;
  for (const auto& s : signals) best = std::max(best, Rank(ThreatLevelOfSignal(s)));
  return kLevels[best];
}

}  // namespace kefu::text
