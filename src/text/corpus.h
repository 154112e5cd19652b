// The labelled examples the ticket classifier (classifier.h) learns from.
//
// The corpus Kefu ships lives in data/text/corpus/<label>.txt, one file a
// ticket category: a "# label: description" first line, then one customer
// message a line, simplified or traditional Chinese, without a label (the
// file name is the label). The build concatenates the files into
// `label<TAB>text` lines and compiles them in (src/CMakeLists.txt), so
// BuiltInCorpus needs no data files at run time.
//
// Thread-safe; BuiltInCorpus is parsed once, on first use.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace kefu::text {

struct LabelledText {
  std::string label;  // a category code, e.g. "logistics_delay"
  std::string text;   // raw, as the customer wrote it (not normalised)
  friend bool operator==(const LabelledText&, const LabelledText&) = default;
};

// The ticket category codes the classifier predicts, in taxonomy order:
// shipping_not_sent, logistics_delay, logistics_lost, damaged_in_transit,
// quality_issue, not_as_described, wrong_or_missing_item,
// return_refund_request, exchange_request, refund_progress, payment_issue,
// invoice, account_login, price_promotion, presale_question,
// service_complaint, address_or_order_change, other.
// The canonical list is kefu::Categories() in core/enums.h (kefu_core,
// which kefu_text must not depend on); this copy is kept equal to it by
// tests/text/classifier_test.cc.
std::span<const std::string_view> CategoryCodes();

// OK if `label` is one of CategoryCodes(), else kValidation.
Status ValidateLabel(std::string_view label);

// The examples of one class file: every line but blank ones and comments
// (lines whose first non-blank character is '#'), with surrounding white
// space (and a CR of CRLF line ends) trimmed, each labelled `label`. The
// label is not checked (see ValidateLabel).
std::vector<LabelledText> ParseClassFile(std::string_view label, std::string_view content);

// The examples of `label<TAB>text` lines (the built-in corpus' format):
// the label is what precedes the first tab; lines without a tab, and lines
// whose text is blank or a comment as in ParseClassFile, are skipped.
std::vector<LabelledText> ParseLabelledLines(std::string_view content);

// The corpus compiled into the binary (data/text/corpus/*.txt), in file
// name order, then line order.
const std::vector<LabelledText>& BuiltInCorpus();

struct CorpusSplit {
  std::vector<LabelledText> train;
  std::vector<LabelledText> test;
};

// Splits `examples` into about (100 - test_percent)% for training and
// test_percent% held out. Which side an example lands on depends only on
// its normalised text (an FNV-1a hash of it, modulo 100), so the split is
// fixed across runs and input orders, a text written in traditional and in
// simplified characters lands on one side, and no text is on both sides.
// Each side is sorted by (hash, label, text): the output, too, does not
// depend on the input order. test_percent is clamped to [0, 100].
CorpusSplit SplitCorpus(const std::vector<LabelledText>& examples, int test_percent = 20);

}  // namespace kefu::text
