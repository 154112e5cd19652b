#include "text/corpus.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <tuple>

#include "text/normalizer.h"

namespace kefu {
const char* EmbeddedCorpus();  // generated from data/text/corpus/*.txt
}  // namespace kefu

namespace kefu::text {
namespace {

// Keep equal to kCategoryCodes in core/enums.cc (checked by a test).
constexpr std::array<std::string_view, 18> kCategoryCodes = {
    "shipping_not_sent",     "logistics_delay",         "logistics_lost",
    "damaged_in_transit",    "quality_issue",           "not_as_described",
    "wrong_or_missing_item", "return_refund_request",   "exchange_request",
    "refund_progress",       "payment_issue",           "invoice",
    "account_login",         "price_promotion",         "presale_question",
    "service_complaint",     "address_or_order_change", "other"};

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kBlank = " \t\r\n\v\f";
  size_t b = s.find_first_not_of(kBlank);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(kBlank) - b + 1);
}

// Calls f(line) for each line of `content`, without its '\n'.
template <typename F>
void ForEachLine(std::string_view content, F f) {
  size_t pos = 0;
  while (pos < content.size()) {
    size_t eol = content.find('\n', pos);
    if (eol == std::string_view::npos) eol = content.size();
    f(content.substr(pos, eol - pos));
    pos = eol + 1;
  }
}

// The example text of a line, or empty for a blank line or a comment.
std::string_view ExampleText(std::string_view line) {
  line = Trim(line);
  return !line.empty() && line.front() == '#' ? std::string_view() : line;
}

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

std::span<const std::string_view> CategoryCodes() { return kCategoryCodes; }

Status ValidateLabel(std::string_view label) {
  if (std::find(kCategoryCodes.begin(), kCategoryCodes.end(), label) != kCategoryCodes.end()) {
    return OkStatus();
  }
  return ValidationError("unknown category code \"" + std::string(label) + "\"");
}

std::vector<LabelledText> ParseClassFile(std::string_view label, std::string_view content) {
  std::vector<LabelledText> out;
  ForEachLine(content, [&](std::string_view line) {
    std::string_view text = ExampleText(line);
    if (!text.empty()) out.push_back(LabelledText{std::string(label), std::string(text)});
  });
  return out;
}

std::vector<LabelledText> ParseLabelledLines(std::string_view content) {
  std::vector<LabelledText> out;
  ForEachLine(content, [&](std::string_view line) {
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return;
    std::string_view text = ExampleText(line.substr(tab + 1));
    if (!text.empty()) {
      out.push_back(LabelledText{std::string(Trim(line.substr(0, tab))), std::string(text)});
    }
  });
  return out;
}

const std::vector<LabelledText>& BuiltInCorpus() {
  static const std::vector<LabelledText> corpus = ParseLabelledLines(EmbeddedCorpus());
  return corpus;
}

CorpusSplit SplitCorpus(const std::vector<LabelledText>& examples, int test_percent) {
  test_percent = std::clamp(test_percent, 0, 100);
  struct Keyed {
    uint64_t hash;
    const LabelledText* example;
  };
  std::vector<Keyed> keyed;
  keyed.reserve(examples.size());
  for (const auto& e : examples) {
    keyed.push_back(Keyed{Fnv1a(DefaultNormalizer().Normalize(e.text)), &e});
  }
  std::sort(keyed.begin(), keyed.end(), [](const Keyed& a, const Keyed& b) {
    return std::tie(a.hash, a.example->label, a.example->text) <
           std::tie(b.hash, b.example->label, b.example->text);
  });
  CorpusSplit split;
  for (const auto& k : keyed) {
    bool held_out = static_cast<int>(k.hash % 100) < test_percent;
    (held_out ? split.test : split.train).push_back(*k.example);
  }
  return split;
}

}  // namespace kefu::text
