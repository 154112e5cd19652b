// Text analysis for agents and integrations (POST /api/v1/text/analyze):
// the normalised text and its tokens. Classification, sentiment and the
// threat flag join this as they land (issue: Chinese text intelligence).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "core/model.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace kefu {

struct TextAnalysis {
  std::string normalized;
  std::vector<text::Token> tokens;  // without bigrams: what a person reads
};

// Thread-safe.
class TextService {
 public:
  // Uses the process-wide normaliser and the built-in user dictionary plus
  // `user_words` (kept whole by the tokenizer, see text/tokenizer.h).
  static StatusOr<std::unique_ptr<TextService>> Create(std::set<std::string> user_words = {});

  // Staff only (kPermissionDenied for customers); kValidation for an empty
  // text or one over 20,000 bytes.
  StatusOr<TextAnalysis> Analyze(const Actor& a, const std::string& text) const;

  // Escalation signals in a customer's text (text/threat.h), normalised
  // first: traditional characters and spacing tricks do not hide them.
  std::vector<std::string> ThreatSignals(std::string_view raw) const;

 private:
  explicit TextService(std::unique_ptr<text::Tokenizer> t) : tokenizer_(std::move(t)) {}
  std::unique_ptr<text::Tokenizer> tokenizer_;
};

}  // namespace kefu
