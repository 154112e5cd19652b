// Folding and the classification of single lines for the paper parser
// (parser_internal.h). Pure functions: no parser state. The fixed patterns
// that were regular expressions (page marks, metadata, competencies,
// heading counts) are in parser_line_patterns.cc.
#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <iterator>
#include <map>
#include <set>

#include "training/parser_internal.h"

namespace kefu::training::internal {

// ---- UTF-8 and folding -----------------------------------------------------

size_t CpLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 6) return 2;
  if ((c >> 4) == 14) return 3;
  if ((c >> 3) == 30) return 4;
  return 1;
}

uint32_t Decode(std::string_view s, size_t i, size_t n) {
  auto c = static_cast<unsigned char>(s[i]);
  if (n == 1 || i + n > s.size()) return c;
  uint32_t cp = c & (0xFF >> (n + 1));
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return cp;
}

namespace {

void Encode(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Traditional forms of the characters used in headings and keywords.
const std::map<uint32_t, uint32_t>& TradMap() {
  static const auto* m = new std::map<uint32_t, uint32_t>{
      {0x55AE, 0x5355} /*單单*/, {0x9078, 0x9009} /*選选*/, {0x64C7, 0x62E9} /*擇择*/,
      {0x984C, 0x9898} /*題题*/, {0x65B7, 0x65AD} /*斷断*/, {0x7C21, 0x7B80} /*簡简*/,
      {0x53C3, 0x53C2} /*參参*/, {0x8207, 0x4E0E} /*與与*/, {0x70BA, 0x4E3A} /*為为*/,
      {0x5C08, 0x4E13} /*專专*/, {0x8B58, 0x8BC6} /*識识*/, {0x64EC, 0x62DF} /*擬拟*/,
      {0x78BA, 0x786E} /*確确*/, {0x8AA4, 0x8BEF} /*誤误*/, {0x5C0D, 0x5BF9} /*對对*/,
      {0x932F, 0x9519} /*錯错*/, {0x9805, 0x9879} /*項项*/, {0x554F, 0x95EE} /*問问*/,
      {0x9801, 0x9875} /*頁页*/, {0x8A66, 0x8BD5} /*試试*/, {0x696D, 0x4E1A} /*業业*/,
      // Rubrics, tags and paper metadata.
      {0x8A55, 0x8BC4} /*評评*/, {0x6A19, 0x6807} /*標标*/, {0x6E96, 0x51C6} /*準准*/,
      {0x9EDE, 0x70B9} /*點点*/, {0x96E3, 0x96BE} /*難难*/, {0x7C64, 0x7B7E} /*籤签*/,
      {0x8F03, 0x8F83} /*較较*/, {0x9069, 0x9002} /*適适*/, {0x6642, 0x65F6} /*時时*/,
      {0x9593, 0x95F4} /*間间*/, {0x9577, 0x957F} /*長长*/, {0x6EFF, 0x6EE1} /*滿满*/,
      {0x7E3D, 0x603B} /*總总*/, {0x9580, 0x95E8} /*門门*/, {0x9808, 0x987B} /*須须*/};
  return *m;
}

}  // namespace

Folded Fold(std::string_view s) {
  Folded r;
  for (size_t i = 0; i < s.size();) {
    size_t n = CpLen(static_cast<unsigned char>(s[i]));
    if (i + n > s.size()) n = 1;
    uint32_t cp = Decode(s, i, n);
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    else if (cp == 0x3000 || cp == '\t' || cp == 0xA0) cp = ' ';
    else if (auto it = TradMap().find(cp); it != TradMap().end()) cp = it->second;
    size_t before = r.f.size();
    Encode(cp, r.f);
    for (size_t k = before; k < r.f.size(); ++k) r.map.push_back(i);
    i += n;
  }
  r.map.push_back(s.size());
  return r;
}

std::string_view TrimView(std::string_view s) {
  auto is_space = [](std::string_view t, size_t i, size_t* n) {
    *n = CpLen(static_cast<unsigned char>(t[i]));
    uint32_t cp = Decode(t, i, std::min(*n, t.size() - i));
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == 0xA0;
  };
  size_t a = 0, n = 0;
  while (a < s.size() && is_space(s, a, &n)) a += n;
  size_t b = s.size();
  while (b > a) {
    size_t p = b - 1;
    while (p > a && (static_cast<unsigned char>(s[p]) & 0xC0) == 0x80) --p;
    if (!is_space(s, p, &n)) break;
    b = p;
  }
  return s.substr(a, b - a);
}

std::string Trim(std::string_view s) { return std::string(TrimView(s)); }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

std::string StripPinyin(const std::string& s) {
  static const std::u32string kTones = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńň";
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t n = CpLen(static_cast<unsigned char>(s[i]));
    uint32_t cp = Decode(s, i, std::min(n, s.size() - i));
    if (cp == '(' || cp == 0xFF08) {
      // Look past the bracket only as far as pinyin goes: anything else
      // keeps it, so no bracket is scanned beyond the next one (scanning to
      // the closing bracket, or the end, for each was quadratic).
      size_t j = i + n;
      int letters = 0;
      bool closed = false;
      while (j < s.size()) {
        size_t m = CpLen(static_cast<unsigned char>(s[j]));
        uint32_t c = Decode(s, j, std::min(m, s.size() - j));
        if (c == ')' || c == 0xFF09) {
          closed = true;
          break;
        }
        if ((c >= 'a' && c <= 'z') || kTones.find(static_cast<char32_t>(c)) != std::u32string::npos) ++letters;
        else if (c != ' ') break;
        j += m;
      }
      if (closed && letters >= 2) {
        i = j + CpLen(static_cast<unsigned char>(s[j]));
        continue;
      }
    }
    out.append(s, i, n);
    i += n;
  }
  return Trim(out);
}

std::string Sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >= 0xC2 && c <= 0xDF) ? 2 : (c >= 0xE0 && c <= 0xEF) ? 3
             : (c >= 0xF0 && c <= 0xF4) ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && n > 1) {
      uint32_t cp = Decode(s, i, n);
      ok = !(n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) && !(n == 4 && (cp < 0x10000 || cp > 0x10FFFF));
    }
    if (!ok) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s, i, n);
    i += n;
  }
  return out;
}

std::string Orig(const std::string& orig, const Folded& fd, size_t a, size_t b) {
  return Trim(std::string_view(orig).substr(fd.map[a], fd.map[b] - fd.map[a]));
}

// ---- line classification ---------------------------------------------------

size_t SkipSpaces(const std::string& f, size_t p) {
  while (p < f.size() && f[p] == ' ') ++p;
  return p;
}

bool IsNoise(const std::string& f) {
  std::string t;
  for (char c : f) if (c != ' ') t += c;
  if (t.empty()) return true;
  if (t.size() > kMaxPatternBytes) return false;
  return IsPageMark(t) || (t.size() >= 3 && IsRuleChars(t));
}

bool IsMetadata(const std::string& f) { return f.size() <= kMaxPatternBytes && MatchMetadata(f); }

namespace {

// Skips a Chinese-numeral prefix such as "一、" or "十二." at `p`.
size_t SkipCnNumbering(const std::string& f, size_t p) {
  static const std::string kCn = "一二三四五六七八九十";
  size_t q = p;
  while (q + 3 <= f.size() && kCn.find(f.substr(q, 3)) != std::string::npos &&
         kCn.find(f.substr(q, 3)) % 3 == 0)
    q += 3;
  if (q == p) return p;
  if (StartsWith(std::string_view(f).substr(q), "、")) return SkipSpaces(f, q + 3);
  if (q < f.size() && (f[q] == '.' || f[q] == ' ')) return SkipSpaces(f, q + 1);
  return p;
}

struct TypeWord {
  const char* word;
  QuestionType type;
};
const TypeWord kTypeWords[] = {
    {"单项选择题", QuestionType::kSingleChoice}, {"单选题", QuestionType::kSingleChoice},
    {"多项选择题", QuestionType::kMultipleChoice}, {"不定项选择题", QuestionType::kMultipleChoice},
    {"多选题", QuestionType::kMultipleChoice}, {"判断题", QuestionType::kTrueFalse},
    {"填空题", QuestionType::kFillIn}, {"简答题", QuestionType::kShortAnswer},
    {"问答题", QuestionType::kShortAnswer}, {"案例分析题", QuestionType::kCaseAnalysis},
    {"案例题", QuestionType::kCaseAnalysis}, {"行为面试题", QuestionType::kBehavioral},
    {"行为题", QuestionType::kBehavioral}, {"情景模拟题", QuestionType::kSituational},
    {"情景题", QuestionType::kSituational}, {"情境题", QuestionType::kSituational},
    {"专业知识题", QuestionType::kKnowledge}, {"知识题", QuestionType::kKnowledge},
    {"管理能力题", QuestionType::kManagement}, {"管理题", QuestionType::kManagement},
};

}  // namespace

std::optional<QuestionType> MatchHeading(const std::string& f) {
  if (f.size() > 300) return std::nullopt;  // a heading is short
  size_t p = SkipCnNumbering(f, SkipSpaces(f, 0));
  std::string_view rest = std::string_view(f).substr(p);
  for (const auto& w : kTypeWords) {
    if (!StartsWith(rest, w.word)) continue;
    std::string_view after = rest.substr(std::string_view(w.word).size());
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    if (after.empty() || after.front() == '(' || after.front() == ':' || StartsWith(after, "—"))
      return w.type;
  }
  return std::nullopt;
}

bool IsAnswerHeading(const std::string& f) {
  std::string t;
  size_t p = SkipCnNumbering(f, SkipSpaces(f, 0));
  for (size_t i = p; i < f.size(); ++i) if (f[i] != ' ') t += f[i];
  while (!t.empty() && t.back() == ':') t.pop_back();
  static const std::set<std::string> kHeads = {
      "参考答案", "答案与解析", "答案及解析", "参考答案与解析", "参考答案及解析",
      "答案", "标准答案", "答案解析", "参考答案与评分要点"};
  return kHeads.count(t) > 0;
}

void ParseHeadingNumbers(const std::string& f, ParsedSection& s) {
  if (std::string count = HeadingCount(f); !count.empty()) s.count = std::stoi(count);
  if (std::string each = HeadingEach(f); !each.empty()) {
    s.points_each = std::stod(each);
  } else if (s.count > 0) {
    if (std::string total = HeadingTotal(f); !total.empty()) s.points_each = std::stod(total) / s.count;
  }
}

NumStyle MatchNumber(const std::string& f, int* num, size_t* end) {
  size_t p = SkipSpaces(f, 0);
  bool paren = p < f.size() && f[p] == '(';
  size_t q = paren ? p + 1 : p;
  size_t d = q;
  while (d < f.size() && IsDigit(f[d])) ++d;
  if (d == q || d - q > 3) return NumStyle::kNone;
  NumStyle st = NumStyle::kNone;
  size_t e = d;
  if (paren) {
    if (d < f.size() && f[d] == ')') st = NumStyle::kParen, e = d + 1;
  } else if (d < f.size() && f[d] == '.' && !(d + 1 < f.size() && IsDigit(f[d + 1]))) {
    st = NumStyle::kDot, e = d + 1;
  } else if (StartsWith(std::string_view(f).substr(d), "、")) {
    st = NumStyle::kDot, e = d + 3;
  } else if (d < f.size() && f[d] == ')') {
    st = NumStyle::kHalfParen, e = d + 1;
  }
  if (st == NumStyle::kNone) return st;
  *num = std::stoi(f.substr(q, d - q));
  *end = SkipSpaces(f, e);
  return st;
}

size_t OptionMarkerAt(const std::string& f, size_t p, char l, LetterCase c) {
  const char lower = static_cast<char>(l - 'A' + 'a');
  auto is_letter = [&](char ch) {
    return (c != LetterCase::kLower && ch == l) || (c != LetterCase::kUpper && ch == lower);
  };
  if (p < f.size() && f[p] == '(' && p + 2 < f.size() && is_letter(f[p + 1]) && f[p + 2] == ')') return 3;
  if (p >= f.size() || !is_letter(f[p])) return 0;
  if (p > 0 && IsAlnum(f[p - 1])) return 0;
  std::string_view after = std::string_view(f).substr(p + 1);
  if (StartsWith(after, "、")) return 4;
  if (!after.empty() && (after[0] == '.' || after[0] == ')' || after[0] == ':')) return 2;
  return 0;
}

LetterCase MarkerCase(const std::string& f, size_t p) {
  char ch = f[p] == '(' ? f[p + 1] : f[p];
  return ch >= 'a' && ch <= 'z' ? LetterCase::kLower : LetterCase::kUpper;
}

namespace {

struct MarkerWord {
  const char* w;
  MarkerKind kind;
};
const MarkerWord kMarkerWords[] = {
    {"→答案:", MarkerKind::kKey},         {"【答案】", MarkerKind::kKey},
    {"正确答案:", MarkerKind::kKey},       {"参考答案:", MarkerKind::kKey},
    {"答案:", MarkerKind::kKey},           {"【解析】", MarkerKind::kExplanation},
    {"解析:", MarkerKind::kExplanation},   {"评分标准:", MarkerKind::kRubric},
    {"【评分标准】", MarkerKind::kRubric}, {"评分要点:", MarkerKind::kRubric},
    {"【评分要点】", MarkerKind::kRubric}, {"知识点:", MarkerKind::kTopic},
    {"【知识点】", MarkerKind::kTopic},    {"标签:", MarkerKind::kTopic},
    {"【标签】", MarkerKind::kTopic},      {"难度:", MarkerKind::kDifficulty},
    {"【难度】", MarkerKind::kDifficulty},
};
static_assert(std::size(kMarkerWords) == MarkerFinder::kWords);
constexpr size_t kNotLooked = std::string::npos - 1;

}  // namespace

MarkerFinder::MarkerFinder(const std::string& f) : f_(f) { next_.fill(kNotLooked); }

Marker MarkerFinder::Next(size_t from) {
  const std::string& f = f_;
  // A plain word ("标签:", not "【标签】") for a rubric or tags counts only
  // at the start of the line or after white space or punctuation, so that
  // "商品标签：" in a stem stays text.
  auto at_boundary = [&](size_t p) {
    if (p == 0) return true;
    char c = f[p - 1];
    if (c == ' ' || c == ';' || c == ',' || c == '.' || c == ')') return true;
    return p >= 3 && (f.compare(p - 3, 3, "。") == 0 || f.compare(p - 3, 3, "，") == 0 ||
                      f.compare(p - 3, 3, "】") == 0);
  };
  Marker best;
  for (size_t k = 0; k < kWords; ++k) {
    const MarkerWord& w = kMarkerWords[k];
    size_t& p = next_[k];
    // An occurrence found for an earlier `from` is still the first one if
    // it is not behind `from`; else search on from `from`, so each word's
    // searches cover the line once.
    if (p == kNotLooked || (p != std::string::npos && p < from)) {
      const bool plain = w.kind != MarkerKind::kKey && w.kind != MarkerKind::kExplanation &&
                         !StartsWith(w.w, "【");
      p = f.find(w.w, from);
      while (plain && p != std::string::npos && !at_boundary(p)) p = f.find(w.w, p + 1);
    }
    if (p != std::string::npos && p < best.pos) best = {p, std::strlen(w.w), w.kind};
  }
  return best;
}

bool IsRubricHeading(const std::string& f) {
  std::string t = Trim(f);
  return t == "评分标准" || t == "评分要点" || t == "【评分标准】" || t == "【评分要点】";
}

}  // namespace kefu::training::internal
