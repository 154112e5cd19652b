#include "text/sentiment.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <optional>
#include <utility>
#include <unordered_map>

#include "text/normalizer.h"

namespace kefu {
const char* EmbeddedSentimentLexicon();
}  // namespace kefu

namespace kefu::text {
namespace {

// How modifiers act (the lexicon's header explains them).
constexpr double kNegatedPositive = 0.9;   // 不满意: -0.9 x 满意
constexpr double kNegatedNegative = 0.5;   // 不差: +0.5 x 差
constexpr double kQuestionDamping = 0.3;   // 能推荐一款吗
constexpr double kClosingCourtesy = 0.3;   // 请帮我查一下,谢谢
constexpr double kMaxMultiplier = 2.5;     // stacked intensifiers
constexpr int kMaxGap = 2;                 // characters between a modifier and its cue
constexpr int kMaxEntryChars = 31;         // longest lexicon entry, in code points
// Contrast words (但是) weigh every cue before them. The first ones are
// applied to each cue at once; later ones (only an odd message has more)
// are kept in a list and applied through suffix products when the message
// is valued, so a message of many contrasts and cues takes linear time
// rather than contrasts x cues. (The product may then differ from the
// cue-by-cue one in its last bits.)
constexpr size_t kEagerContrasts = 16;

enum class Kind : uint8_t {
  kNegative, kPositive, kPolite, kIrony, kNeutral, kNegator, kProhibitive,
  kIntensifier, kSuffix, kEmphasis, kContrast, kRequest
};

struct Section {
  std::string_view name;
  Kind kind;
};
constexpr std::array<Section, 12> kSections = {{
    {"negative", Kind::kNegative}, {"positive", Kind::kPositive},
    {"polite", Kind::kPolite}, {"irony", Kind::kIrony},
    {"neutral", Kind::kNeutral}, {"negator", Kind::kNegator},
    {"prohibitive", Kind::kProhibitive}, {"intensifier", Kind::kIntensifier},
    {"suffix", Kind::kSuffix}, {"emphasis", Kind::kEmphasis},
    {"contrast", Kind::kContrast}, {"request", Kind::kRequest},
}};

struct Entry {
  Kind kind = Kind::kNeutral;
  double weight = 1;  // signed for cues: negative and irony entries are < 0
  bool word = false;  // Latin letters or digits only: matches whole words
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The parsed lexicon: entries by text, and for each first code point the
// lengths (in code points) of the entries that start with it.
class Lexicon {
 public:
  static const Lexicon& BuiltIn() {
    static const Lexicon lexicon(EmbeddedSentimentLexicon());
    return lexicon;
  }

  // The longest entry at code point `i` of `cps` (begins[k], ends[k]: byte
  // offsets in `text` of code point k and after it), or null. Sets `len` to
  // its length in code points.
  const Entry* LongestAt(std::string_view text, const std::vector<UChar32>& cps,
                         const std::vector<size_t>& begins, const std::vector<size_t>& ends,
                         size_t i, int& len) const {
    auto m = lengths_.find(cps[i]);
    if (m == lengths_.end()) return nullptr;
    size_t begin = begins[i];
    int most = static_cast<int>(std::min<size_t>(cps.size() - i, kMaxEntryChars));
    for (int n = most; n >= 1; --n) {
      if (!(m->second & (1u << n))) continue;
      size_t end = ends[i + n - 1];
      auto e = entries_.find(text.substr(begin, end - begin));
      if (e == entries_.end()) continue;
      if (e->second.word && ((begin > 0 && IsAsciiAlnum(text[begin - 1])) ||
                             (end < text.size() && IsAsciiAlnum(text[end])))) {
        continue;
      }
      len = n;
      return &e->second;
    }
    return nullptr;
  }

 private:
  explicit Lexicon(std::string_view source) {
    std::optional<Kind> kind;
    while (!source.empty()) {
      size_t nl = source.find('\n');
      std::string_view line = source.substr(0, nl);
      source = nl == std::string_view::npos ? std::string_view() : source.substr(nl + 1);
      line = line.substr(0, line.find('#'));
      std::vector<std::string_view> fields = Split(line);
      if (fields.empty()) continue;
      if (std::optional<Kind> k = SectionKind(fields); k) {
        kind = k;
        continue;
      }
      assert(kind && "sentiment lexicon: entry before the first section");
      if (!kind) continue;
      double weight = 1;
      if (fields.size() > 1 && ParseNumber(fields.back(), weight)) fields.pop_back();
      for (std::string_view f : fields) Add(f, *kind, weight);
    }
  }

  static std::vector<std::string_view> Split(std::string_view line) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
      size_t start = line.find_first_not_of(" \t\r", i);
      if (start == std::string_view::npos) break;
      size_t end = line.find_first_of(" \t\r", start);
      if (end == std::string_view::npos) end = line.size();
      out.push_back(line.substr(start, end - start));
      i = end;
    }
    return out;
  }

  // "[negative]" and the like; "[怒]" is an entry (WeChat's emoticon code).
  static std::optional<Kind> SectionKind(const std::vector<std::string_view>& fields) {
    if (fields.size() != 1 || fields[0].size() < 3 || fields[0].front() != '[') return std::nullopt;
    for (const Section& s : kSections) {
      if (fields[0] == "[" + std::string(s.name) + "]") return s.kind;
    }
    return std::nullopt;
  }

  static bool ParseNumber(std::string_view s, double& out) {
    std::string str(s);
    char* end = nullptr;
    double v = std::strtod(str.c_str(), &end);
    if (end != str.c_str() + str.size() || !std::isfinite(v) || v < 0) return false;
    // Entries like "666" and "12315" are words, not weights: weights are
    // small and written with a decimal point or as 1.
    if (str.find('.') == std::string::npos && v > 2) return false;
    out = v;
    return true;
  }

  void Add(std::string_view raw, Kind kind, double weight) {
    std::string text = DefaultNormalizer().Normalize(raw);
    Entry e{kind, kind == Kind::kNegative || kind == Kind::kIrony ? -weight : weight, true};
    for (char c : text) e.word = e.word && IsAsciiAlnum(static_cast<unsigned char>(c));
    int32_t i = 0, n = static_cast<int32_t>(text.size());
    UChar32 first = U_SENTINEL;
    int chars = 0;
    while (i < n) {
      UChar32 c;
      U8_NEXT(text.data(), i, n, c);
      if (chars++ == 0) first = c;
    }
    assert(chars >= 1 && chars <= kMaxEntryChars && "sentiment lexicon: entry too long");
    if (chars < 1 || chars > kMaxEntryChars) return;
    bool inserted = entries_.emplace(text, e).second;
    assert(inserted && "sentiment lexicon: duplicate entry");
    (void)inserted;
    lengths_[first] |= 1u << chars;
  }

  std::unordered_map<std::string, Entry, StringHash, std::equal_to<>> entries_;
  std::unordered_map<UChar32, uint32_t> lengths_;
};

// One cue found in the message, valued once its clause is complete.
struct Cue {
  size_t begin = 0, end = 0;  // bytes, modifiers included
  double weight = 0;          // the entry's signed weight
  double multiplier = 1;      // intensifiers and suffixes
  double factor = 1;          // emphasis and contrast
  size_t later_contrasts = 0; // Reader::later_contrasts_ that apply: from this index on
  bool negated = false;
  bool adjacent = false;       // nothing but modifiers between negator and cue
  bool polite = false;
  bool after_request = false;  // a request or question came before it
  bool question = false;       // in a question, or after a request in its clause
};

double Value(const Cue& c, bool irony) {
  double v = c.weight * c.multiplier;
  if (c.negated) {
    if (c.weight > 0) {
      v = -kNegatedPositive * v;
    } else if (c.adjacent && !c.question) {
      // 不差 is faintly positive; 不想再浪费时间 and the rhetorical
      // 这不是骗人吗 stay negative.
      v = -kNegatedNegative * v;
    }
  }
  if (v > 0 && c.question) v *= kQuestionDamping;
  if (v > 0 && c.polite && c.after_request) v *= kClosingCourtesy;
  if (v > 0 && irony) v = -v;
  return v * c.factor;
}

bool IsQuote(UChar32 c) {
  return c == '"' || c == '\'' || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D ||
         (c >= 0x300C && c <= 0x300F);
}

bool EndsClause(UChar32 c) {
  switch (c) {
    case ',': case '.': case ';': case ':': case '!': case '?': case '~': case '(': case ')':
    case ' ': case '\t': case '\n': case '\r': case 0x3001: case 0x3002: case 0x2026:
    case 0x2014: case 0xFF5E:
      return true;
    default:
      return false;
  }
}

// 吗, 么, 呢, 嘛
bool IsQuestionParticle(UChar32 c) { return c == 0x5417 || c == 0x4E48 || c == 0x5462 || c == 0x561B; }

// Reads one message left to right, collecting cues.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {
    int32_t i = 0, n = static_cast<int32_t>(text.size());
    while (i < n) {
      int32_t start = i;
      UChar32 c;
      U8_NEXT(text.data(), i, n, c);
      if (c < 0) continue;  // invalid UTF-8: skipped
      cps_.push_back(c);
      begins_.push_back(static_cast<size_t>(start));
      ends_.push_back(static_cast<size_t>(i));
    }
  }

  SentimentResult Run() {
    const Lexicon& lexicon = Lexicon::BuiltIn();
    for (size_t i = 0; i < cps_.size();) {
      int len = 0;
      if (const Entry* e = lexicon.LongestAt(text_, cps_, begins_, ends_, i, len)) {
        Apply(*e, i, len);
        bool question_mark = false;
        for (int k = 0; k < len; ++k) question_mark = question_mark || cps_[i + k] == '?';
        i += len;
        last_ = cps_[i - 1];
        if (EndsClause(last_)) EndClause(question_mark, Begin(i - len));  // "!!!", "???"
        continue;
      }
      UChar32 c = cps_[i];
      if (EndsClause(c)) {
        EndClause(c == '?', Begin(i));
      } else {
        if (++gap_ > kMaxGap) ResetModifiers();
        last_ = c;
      }
      ++i;
    }
    EndClause(false, text_.size());
    return Result();
  }

 private:
  size_t Begin(size_t i) const { return begins_[i]; }
  size_t End(size_t i) const { return ends_[i]; }

  void ResetModifiers() {
    negations_ = 0;
    prohibit_ = false;
    multiplier_ = 1;
    modifier_begin_.reset();
    gap_ = 0;
  }
  void NoteModifier(size_t i) {
    if (!modifier_begin_) modifier_begin_ = Begin(i);
    gap_ = 0;
  }

  void Apply(const Entry& e, size_t i, int len) {
    size_t begin = Begin(i), end = End(i + len - 1);
    switch (e.kind) {
      case Kind::kNegative: case Kind::kPositive: case Kind::kPolite: case Kind::kIrony:
        AddCue(e, i, len);
        break;
      case Kind::kNeutral:
        ResetModifiers();
        break;
      case Kind::kNegator:
        // "一点礼貌都没有": a negator after 都 or 也 that ends the clause
        // negates the positive cue before them ("满意没有" asks).
        if (cues_.size() > clause_start_ && cues_.back().weight > 0 && !cues_.back().negated && i > 0 &&
            (cps_[i - 1] == 0x90FD || cps_[i - 1] == 0x4E5F) && cues_.back().end == Begin(i - 1)) {
          trailing_negation_ = std::pair(cues_.size() - 1, end);
        }
        NoteModifier(i);
        ++negations_;
        break;
      case Kind::kProhibitive:
        NoteModifier(i);
        prohibit_ = true;
        break;
      case Kind::kIntensifier:
        NoteModifier(i);
        multiplier_ = std::min(multiplier_ * e.weight, kMaxMultiplier);
        break;
      case Kind::kSuffix:
        if (cues_.size() > clause_start_ && cues_.back().end == begin) {
          cues_.back().multiplier = std::min(cues_.back().multiplier * e.weight, kMaxMultiplier);
          cues_.back().end = end;
        }
        break;
      case Kind::kEmphasis:
        for (size_t k = clause_start_; k < cues_.size(); ++k) cues_[k].factor *= e.weight;
        break;
      case Kind::kContrast:
        if (contrasts_++ < kEagerContrasts) {
          for (Cue& c : cues_) c.factor *= e.weight;
        } else {
          later_contrasts_.push_back(e.weight);
        }
        ResetModifiers();
        break;
      case Kind::kRequest:
        request_seen_ = true;
        clause_is_request_ = true;
        break;
    }
  }

  void AddCue(const Entry& e, size_t i, int len) {
    Cue c;
    c.begin = modifier_begin_.value_or(Begin(i));
    c.end = End(i + len - 1);
    c.weight = e.weight;
    c.multiplier = multiplier_;
    c.negated = (negations_ % 2 == 1) != (prohibit_ && e.weight > 0);
    c.adjacent = gap_ == 0;
    c.question = clause_is_request_;
    c.polite = e.kind == Kind::kPolite;
    c.after_request = request_seen_;
    c.later_contrasts = later_contrasts_.size();
    if (e.kind == Kind::kIrony) irony_ = true;
    // A praise word in quotes is ironic: 感谢你们的"高效".
    if (e.weight > 0 && i > 0 && i + len < cps_.size() && IsQuote(cps_[i - 1]) && IsQuote(cps_[i + len])) {
      irony_ = true;
    }
    cues_.push_back(c);
    ResetModifiers();
  }

  // Ends the current clause: a question if it ended with '?' or a question
  // particle (吗, 呢, 么, 嘛). (Cues after a request are questions already.)
  void EndClause(bool question_mark, size_t at) {
    if (trailing_negation_ && trailing_negation_->second == at) {
      Cue& c = cues_[trailing_negation_->first];
      c.negated = true;
      c.end = at;
    }
    trailing_negation_.reset();
    if (question_mark || IsQuestionParticle(last_)) {
      for (size_t k = clause_start_; k < cues_.size(); ++k) cues_[k].question = true;
      request_seen_ = true;
    }
    clause_is_request_ = false;
    clause_start_ = cues_.size();
    last_ = U_SENTINEL;
    ResetModifiers();
  }

  SentimentResult Result() const {
    // after[i]: the product of later_contrasts_[i..]; 1 when there are none.
    std::vector<double> after(later_contrasts_.size() + 1, 1);
    for (size_t i = later_contrasts_.size(); i-- > 0;) after[i] = later_contrasts_[i] * after[i + 1];
    double sum = 0;
    std::vector<double> values;
    values.reserve(cues_.size());
    for (Cue c : cues_) {
      c.factor *= after[c.later_contrasts];
      values.push_back(Value(c, irony_));
      sum += values.back();
    }
    SentimentResult r;
    r.score = std::tanh(sum);
    if (r.score <= -kSentimentThreshold) r.label = Sentiment::kNegative;
    if (r.score >= kSentimentThreshold) r.label = Sentiment::kPositive;
    if (r.label == Sentiment::kNeutral) return r;
    double sign = r.label == Sentiment::kNegative ? -1 : 1;
    for (size_t k = 0; k < cues_.size(); ++k) {
      if (values[k] * sign > 0) r.cues.emplace_back(text_.substr(cues_[k].begin, cues_[k].end - cues_[k].begin));
    }
    return r;
  }

  std::string_view text_;
  std::vector<UChar32> cps_;
  std::vector<size_t> begins_;  // byte offsets of each code point
  std::vector<size_t> ends_;    // and after it

  std::vector<Cue> cues_;
  size_t clause_start_ = 0;  // first cue of the current clause
  UChar32 last_ = U_SENTINEL;  // last code point of the current clause
  bool request_seen_ = false;
  bool clause_is_request_ = false;
  // A negator that may close the clause: the cue it would negate, and where
  // the negator ends.
  std::optional<std::pair<size_t, size_t>> trailing_negation_;
  bool irony_ = false;
  size_t contrasts_ = 0;                 // contrast words so far
  std::vector<double> later_contrasts_;  // the weights of those after kEagerContrasts

  // Pending modifiers, for the next cue of the clause.
  int negations_ = 0;
  bool prohibit_ = false;
  double multiplier_ = 1;
  std::optional<size_t> modifier_begin_;
  int gap_ = 0;  // characters since the last modifier
};

}  // namespace

std::string_view ToString(Sentiment s) {
  switch (s) {
    case Sentiment::kNegative: return "negative";
    case Sentiment::kNeutral: return "neutral";
    case Sentiment::kPositive: return "positive";
  }
  return "neutral";
}

SentimentResult AnalyzeSentiment(std::string_view normalized) {
  return Reader(normalized).Run();
}

}  // namespace kefu::text
