#include "service/text_service.h"

#include "core/access.h"
#include "text/threat.h"

namespace kefu {

StatusOr<std::unique_ptr<TextService>> TextService::Create(std::set<std::string> user_words,
                                                           TextOptions options) {
  if (!(options.triage_below >= 0 && options.triage_below <= 1)) {
    return ValidationError("the triage threshold must be between 0 and 1");
  }
  const auto& builtin = text::Tokenizer::BuiltInUserWords();
  user_words.insert(builtin.begin(), builtin.end());
  KEFU_ASSIGN_OR_RETURN(auto t, text::Tokenizer::Create(std::move(user_words)));
  return std::unique_ptr<TextService>(new TextService(std::move(t), options));
}

std::shared_ptr<const text::Classifier> TextService::Classifier() const {
  {
    std::lock_guard<std::mutex> l(mu_);
    if (classifier_) return classifier_;
  }
  // The built-in model lives for the whole process.
  return std::shared_ptr<const text::Classifier>(&text::BuiltInClassifier(),
                                                 [](const text::Classifier*) {});
}

void TextService::UseClassifier(std::shared_ptr<const text::Classifier> c, std::string name) {
  std::lock_guard<std::mutex> l(mu_);
  classifier_ = std::move(c);
  classifier_name_ = std::move(name);
}

std::string TextService::ClassifierName() const {
  std::lock_guard<std::mutex> l(mu_);
  return classifier_name_;
}

StatusOr<TextAnalysis> TextService::Analyze(const Actor& a, const std::string& text) const {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "text analysis"));
  if (text.empty()) return ValidationError("text is required");
  if (text.size() > 20000) return ValidationError("text is longer than 20000 bytes");
  TextAnalysis out;
  out.normalized = text::DefaultNormalizer().Normalize(text);
  out.tokens = tokenizer_->Tokenize(out.normalized, false);
  out.categories = Classifier()->Predict(text, 3);
  out.model = ClassifierName();
  out.sentiment = text::AnalyzeSentiment(out.normalized);
  out.threat_signals = text::FindThreatSignals(out.normalized);
  return out;
}

TextFindings TextService::Examine(std::string_view raw, bool classify) const {
  TextFindings f;
  std::string normalized = text::DefaultNormalizer().Normalize(raw);
  f.threat_signals = text::FindThreatSignals(normalized);
  f.sentiment = text::AnalyzeSentiment(normalized).label;
  if (classify) f.categories = Classifier()->Predict(raw, 3);
  return f;
}

}  // namespace kefu
