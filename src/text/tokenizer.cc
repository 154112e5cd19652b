#include "text/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <array>
#include <fstream>
#include <iterator>

#include "text/code_points.h"
#include "text/normalizer.h"

namespace kefu {
const char* EmbeddedUserWords();
}  // namespace kefu

namespace kefu::text {
namespace {

constexpr std::array<std::string_view, 8> kKindNames = {
    "word", "bigram", "order", "ticket", "phone", "tracking", "amount", "number"};

bool IsHan(UChar32 c) { return IsHanCodePoint(c); }
bool IsAsciiAlnum(UChar32 c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool AllDigits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

UChar32 Next(std::string_view s, size_t& i) { return NextCodePoint(s, i); }
UChar32 At(std::string_view s, size_t i) { return i < s.size() ? Next(s, i) : U_SENTINEL; }

// What an ASCII run is, given what surrounds it.
TokenKind Classify(std::string_view run, bool after_yuan_sign, bool before_yuan_word) {
  auto dash = run.find('-');
  if (dash == 1 && run.size() >= 8 && AllDigits(run.substr(2))) {
    if (run[0] == 'o') return TokenKind::kOrder;
    if (run[0] == 't') return TokenKind::kTicket;
  }
  bool decimal = run.find('.') != std::string_view::npos;
  if (after_yuan_sign || before_yuan_word) {
    if (AllDigits(run) || decimal) return TokenKind::kAmount;
  }
  if (AllDigits(run)) {
    if (run.size() == 11 && run[0] == '1' && run[1] >= '3' && run[1] <= '9') return TokenKind::kPhone;
    if (run.size() >= 12) return TokenKind::kTracking;
    return TokenKind::kNumber;
  }
  size_t letters = run.find_first_of("0123456789");
  if (letters != std::string_view::npos && letters <= 4 && AllDigits(run.substr(letters)) &&
      run.size() - letters >= 10) {
    return TokenKind::kTracking;
  }
  return decimal ? TokenKind::kNumber : TokenKind::kWord;
}

// The word-break iterator of this thread (creating one is costly).
icu::BreakIterator* WordBreaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> b(
        icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), err));
    return U_FAILURE(err) ? nullptr : std::move(b);
  }();
  return it.get();
}

// ICU's words of a run of Han characters starting at byte `base`.
void SegmentHan(std::string_view run, size_t base, std::vector<Token>& out) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(run.data(), static_cast<int32_t>(run.size())));
  icu::BreakIterator* bi = WordBreaker();
  if (bi == nullptr) {
    out.push_back(Token{std::string(run), TokenKind::kWord, base, base + run.size()});
    return;
  }
  bi->setText(u);
  size_t byte = base;
  int32_t start = bi->first();
  for (int32_t end = bi->next(); end != icu::BreakIterator::DONE; start = end, end = bi->next()) {
    std::string word;
    u.tempSubStringBetween(start, end).toUTF8String(word);
    out.push_back(Token{word, TokenKind::kWord, byte, byte + word.size()});
    byte += word.size();
  }
}

void Bigrams(std::string_view run, size_t base, std::vector<Token>& out) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < run.size();) {
    starts.push_back(i);
    Next(run, i);
  }
  starts.push_back(run.size());
  for (size_t k = 0; k + 2 < starts.size(); ++k) {
    size_t b = starts[k], e = starts[k + 2];
    out.push_back(Token{std::string(run.substr(b, e - b)), TokenKind::kBigram, base + b, base + e});
  }
}

}  // namespace

std::string_view ToString(TokenKind k) { return kKindNames[static_cast<size_t>(k)]; }

StatusOr<std::unique_ptr<Tokenizer>> Tokenizer::Create(std::set<std::string> user_words) {
  if (WordBreaker() == nullptr) return Unavailable("ICU's Chinese word break is not available");
  std::unique_ptr<Tokenizer> t(new Tokenizer());
  for (const auto& w : user_words) t->max_user_word_ = std::max(t->max_user_word_, w.size());
  t->user_words_ = std::move(user_words);
  return t;
}

Tokenizer::~Tokenizer() = default;

std::set<std::string> Tokenizer::ParseUserWords(std::string_view text) {
  std::set<std::string> words;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    std::string_view line = text.substr(pos, eol == std::string_view::npos ? text.npos : eol - pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    line = line.substr(0, line.find('#'));
    std::string norm = DefaultNormalizer().Normalize(line);
    for (size_t b = 0; b < norm.size();) {
      size_t e = norm.find(' ', b);
      if (e == std::string::npos) e = norm.size();
      if (e > b) words.insert(norm.substr(b, e - b));
      b = e + 1;
    }
  }
  return words;
}

StatusOr<std::set<std::string>> Tokenizer::ReadUserWords(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return ValidationError("cannot read user dictionary " + path);
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return ParseUserWords(text);
}

const std::set<std::string>& Tokenizer::BuiltInUserWords() {
  static const std::set<std::string> words = ParseUserWords(EmbeddedUserWords());
  return words;
}

std::vector<Token> Tokenizer::Tokenize(std::string_view s, bool bigrams) const {
  std::vector<Token> words;
  std::vector<std::pair<size_t, size_t>> han_runs;
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    UChar32 c = Next(s, i);
    if (IsHan(c)) {
      size_t end = i;
      while (end < s.size()) {
        size_t j = end;
        if (!IsHan(Next(s, j))) break;
        end = j;
      }
      han_runs.emplace_back(start, end);
      SegmentHan(s.substr(start, end - start), start, words);
      i = end;
    } else if (IsAsciiAlnum(c)) {
      size_t end = i;
      // Letters, digits, and '-' or '.' between them.
      while (end < s.size()) {
        char ch = s[end];
        bool joiner = (ch == '-' || ch == '.') && end + 1 < s.size() &&
                      IsAsciiAlnum(static_cast<unsigned char>(s[end + 1]));
        if (!IsAsciiAlnum(static_cast<unsigned char>(ch)) && !joiner) break;
        ++end;
      }
      std::string_view run = s.substr(start, end - start);
      size_t before = start;
      while (before > 0 && s[before - 1] == ' ') --before;
      bool yuan_sign = before >= 2 && s.substr(before - 2, 2) == "\xC2\xA5";  // ¥ (NFKC of ￥)
      size_t after = end;
      while (after < s.size() && s[after] == ' ') ++after;
      UChar32 next = At(s, after);
      bool yuan_word = next == 0x5143 /* 元 */ || next == 0x5757 /* 块 */;
      words.push_back(Token{std::string(run), Classify(run, yuan_sign, yuan_word), start, end});
      i = end;
    }
  }
  // Keep user-dictionary words whole: merge the longest run of adjacent
  // tokens that spells one.
  if (!user_words_.empty()) {
    std::vector<Token> merged;
    for (size_t a = 0; a < words.size();) {
      size_t best = a;
      std::string text = words[a].text;
      for (size_t b = a + 1; b < words.size() && words[b].begin == words[b - 1].end; ++b) {
        text += words[b].text;
        if (text.size() > max_user_word_) break;
        if (user_words_.count(text)) best = b;
      }
      if (best == a) {
        merged.push_back(words[a]);
      } else {
        std::string w;
        for (size_t k = a; k <= best; ++k) w += words[k].text;
        merged.push_back(Token{w, TokenKind::kWord, words[a].begin, words[best].end});
      }
      a = best + 1;
    }
    words = std::move(merged);
  }
  if (!bigrams) return words;
  std::set<std::pair<size_t, size_t>> spans;
  for (const auto& w : words) spans.emplace(w.begin, w.end);
  std::vector<Token> out;
  size_t r = 0;
  for (const auto& w : words) {
    out.push_back(w);
    // After the last word of a Han run, that run's bigrams.
    while (r < han_runs.size() && han_runs[r].second <= w.end) {
      std::vector<Token> grams;
      Bigrams(s.substr(han_runs[r].first, han_runs[r].second - han_runs[r].first),
              han_runs[r].first, grams);
      for (auto& g : grams) {
        if (!spans.count({g.begin, g.end})) out.push_back(std::move(g));
      }
      ++r;
    }
  }
  return out;
}

}  // namespace kefu::text
