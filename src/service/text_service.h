// Text intelligence for tickets, agents and integrations: normalisation and
// tokens, the category classifier (text/classifier.h), sentiment
// (text/sentiment.h) and escalation signals (text/threat.h).
//
// The classifier in use is the latest model stored in the database (trained
// by `kefu train` or POST /api/v1/text/classifier/train, see
// service/classification.h), or else the model trained from the built-in
// corpus on first use.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "common/status.h"
#include "core/model.h"
#include "text/classifier.h"
#include "text/normalizer.h"
#include "text/sentiment.h"
#include "text/tokenizer.h"

namespace kefu {

struct TextOptions {
  // A new ticket whose best category has a lower confidence gets no
  // category and the tag "needs_triage" instead.
  double triage_below = 0.5;
};

struct TextAnalysis {
  std::string normalized;
  std::vector<text::Token> tokens;  // without bigrams: what a person reads
  std::vector<text::Prediction> categories;  // best first (at most 3)
  text::SentimentResult sentiment;
  std::vector<std::string> threat_signals;
  std::string model;  // the classifier's name (TextService::ClassifierName)
};

// What a customer's text says, worked out before a write (outside the
// write lock).
struct TextFindings {
  std::vector<std::string> threat_signals;
  text::Sentiment sentiment = text::Sentiment::kNeutral;
  std::vector<text::Prediction> categories;  // only when asked to classify
};

// Thread-safe.
class TextService {
 public:
  // Uses the process-wide normaliser and the built-in user dictionary plus
  // `user_words` (kept whole by the tokenizer, see text/tokenizer.h).
  static StatusOr<std::unique_ptr<TextService>> Create(std::set<std::string> user_words = {},
                                                       TextOptions options = {});

  // Staff only (kPermissionDenied for customers); kValidation for an empty
  // text or one over 20,000 bytes.
  StatusOr<TextAnalysis> Analyze(const Actor& a, const std::string& text) const;

  // Escalation signals (text/threat.h: traditional characters and spacing
  // tricks do not hide them) and sentiment of a customer's text; categories
  // too with `classify`.
  TextFindings Examine(std::string_view raw, bool classify) const;

  // The classifier in use, and replacing it (a newly trained model) with
  // the name it is known by ("built-in", or "stored-<seq>").
  std::shared_ptr<const text::Classifier> Classifier() const;
  std::string ClassifierName() const;
  void UseClassifier(std::shared_ptr<const text::Classifier> c, std::string name);
  const TextOptions& options() const { return options_; }

 private:
  TextService(std::unique_ptr<text::Tokenizer> t, TextOptions o)
      : tokenizer_(std::move(t)), options_(o) {}
  std::unique_ptr<text::Tokenizer> tokenizer_;
  TextOptions options_;
  mutable std::mutex mu_;
  std::shared_ptr<const text::Classifier> classifier_;  // guarded by mu_; null: built-in
  std::string classifier_name_ = "built-in";            // guarded by mu_
};

}  // namespace kefu
