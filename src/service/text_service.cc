#include "service/text_service.h"

#include "core/access.h"
#include "text/threat.h"

namespace kefu {

StatusOr<std::unique_ptr<TextService>> TextService::Create(std::set<std::string> user_words) {
  const auto& builtin = text::Tokenizer::BuiltInUserWords();
  user_words.insert(builtin.begin(), builtin.end());
  KEFU_ASSIGN_OR_RETURN(auto t, text::Tokenizer::Create(std::move(user_words)));
  return std::unique_ptr<TextService>(new TextService(std::move(t)));
}

StatusOr<TextAnalysis> TextService::Analyze(const Actor& a, const std::string& text) const {
  KEFU_RETURN_IF_ERROR(CheckStaff(a, "text analysis"));
  if (text.empty()) return ValidationError("text is required");
  if (text.size() > 20000) return ValidationError("text is longer than 20000 bytes");
  TextAnalysis out;
  out.normalized = text::DefaultNormalizer().Normalize(text);
  out.tokens = tokenizer_->Tokenize(out.normalized, false);
  return out;
}

std::vector<std::string> TextService::ThreatSignals(std::string_view raw) const {
  return text::FindThreatSignals(text::DefaultNormalizer().Normalize(raw));
}

}  // namespace kefu
