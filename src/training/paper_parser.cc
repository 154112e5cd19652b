// Line-oriented parser for exam papers and interview kits. Each line is
// "folded" (full-width ASCII -> ASCII, U+3000 -> space, a few traditional
// keyword characters -> simplified) for matching, with a byte map back to
// the original so that stored text stays as written.
#include "training/paper_parser.h"

#include "common/utf8.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <map>
#include <regex>
#include <set>

namespace kefu::training {
namespace {

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
      {0x9801, 0x9875} /*頁页*/, {0x8A66, 0x8BD5} /*試试*/, {0x696D, 0x4E1A} /*業业*/};
  return *m;
}

struct Folded {
  std::string f;            // folded text
  std::vector<size_t> map;  // folded byte -> original byte; size f.size()+1
};

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

std::string Trim(std::string_view s) {
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
  return std::string(s.substr(a, b - a));
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return IsDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// Removes pinyin in brackets: "客服（kè fú）" -> "客服". A bracket qualifies
// when it holds only lower-case Latin letters (tone marks included) and
// spaces, with at least two letters.
std::string StripPinyin(const std::string& s) {
  static const std::u32string kTones = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńň";
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t n = CpLen(static_cast<unsigned char>(s[i]));
    uint32_t cp = Decode(s, i, std::min(n, s.size() - i));
    if (cp == '(' || cp == 0xFF08) {
      size_t j = i + n;
      int letters = 0;
      bool ok = true;
      while (j < s.size()) {
        size_t m = CpLen(static_cast<unsigned char>(s[j]));
        uint32_t c = Decode(s, j, std::min(m, s.size() - j));
        if (c == ')' || c == 0xFF09) break;
        if ((c >= 'a' && c <= 'z') || kTones.find(static_cast<char32_t>(c)) != std::u32string::npos) ++letters;
        else if (c != ' ') ok = false;
        j += m;
      }
      if (ok && letters >= 2 && j < s.size()) {
        i = j + CpLen(static_cast<unsigned char>(s[j]));
        continue;
      }
    }
    out.append(s, i, n);
    i += n;
  }
  return Trim(out);
}

// ---- line classification ---------------------------------------------------

// std::regex (libstdc++) recurses per character: longer text is never
// given to it, so a pathological line cannot exhaust the stack.
constexpr size_t kMaxRegexBytes = 1000;

bool IsNoise(const std::string& f) {
  std::string t;
  for (char c : f) if (c != ' ') t += c;
  if (t.empty()) return true;
  if (t.size() > kMaxRegexBytes) return false;
  static const std::regex kPage(R"(^(第\d+页(共\d+页)?|共\d+页第\d+页|-\d+-|\d+/\d+)$)");
  if (std::regex_match(t, kPage)) return true;
  static const std::regex kRule(R"(^(—|-|_|=|\*|~|─|━)+$)");
  return t.size() >= 3 && std::regex_match(t, kRule);
}

size_t SkipSpaces(const std::string& f, size_t p) {
  while (p < f.size() && f[p] == ' ') ++p;
  return p;
}

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

// Heading points rule: "每题N分"/"每小题N分" gives points_each = N. Without
// 每, "(N分)" or "共N分" is the section total: points_each = N / declared
// count when the heading declares a count (共M题), else 0 (unknown).
void ParseHeadingNumbers(const std::string& f, ParsedSection& s) {
  std::smatch m;
  static const std::regex kEach(R"(每(小)?(题|道|空)?\s*(\d{1,4}(\.\d+)?)\s*分)");
  static const std::regex kCount(R"(共\s*(\d{1,4})\s*(小)?(题|道))");
  static const std::regex kTotal(R"((\d{1,5}(\.\d+)?)\s*分)");
  if (std::regex_search(f, m, kCount)) s.count = std::stoi(m[1]);
  if (std::regex_search(f, m, kEach)) {
    s.points_each = std::stod(m[3]);
  } else if (std::regex_search(f, m, kTotal) && s.count > 0) {
    s.points_each = std::stod(m[1]) / s.count;
  }
}

enum class NumStyle { kNone, kDot, kParen, kHalfParen };

// A question number at the start of `f`: "1." "1、" "(1)" "1)". Returns the
// style and sets *num and *end (folded offset of the content).
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

// An option marker for letter `l` at folded offset `p`; returns its length.
size_t OptionMarkerAt(const std::string& f, size_t p, char l) {
  if (p < f.size() && f[p] == '(' && p + 2 < f.size() && f[p + 1] == l && f[p + 2] == ')') return 3;
  if (p >= f.size() || f[p] != l) return 0;
  if (p > 0 && IsAlnum(f[p - 1])) return 0;
  std::string_view after = std::string_view(f).substr(p + 1);
  if (StartsWith(after, "、")) return 4;
  if (!after.empty() && (after[0] == '.' || after[0] == ')' || after[0] == ':')) return 2;
  return 0;
}

// Markers inside a line: keys and explanations.
struct Marker {
  size_t pos = std::string::npos;
  size_t len = 0;
  bool is_key = false;
};

Marker FindMarker(const std::string& f, size_t from) {
  static const char* kKey[] = {"→答案:", "【答案】", "正确答案:", "参考答案:", "答案:"};
  static const char* kExp[] = {"【解析】", "解析:"};
  Marker best;
  auto consider = [&](const char* w, bool key) {
    size_t p = f.find(w, from);
    if (p != std::string::npos && p < best.pos) best = {p, std::string_view(w).size(), key};
  };
  for (const char* w : kKey) consider(w, true);
  for (const char* w : kExp) consider(w, false);
  // The earliest marker wins, so "正确答案:" beats the "答案:" inside it.
  return best;
}

}  // namespace

std::string_view ToString(QuestionType t) {
  switch (t) {
    case QuestionType::kSingleChoice: return "single_choice";
    case QuestionType::kMultipleChoice: return "multiple_choice";
    case QuestionType::kTrueFalse: return "true_false";
    case QuestionType::kFillIn: return "fill_in";
    case QuestionType::kShortAnswer: return "short_answer";
    case QuestionType::kCaseAnalysis: return "case_analysis";
    case QuestionType::kBehavioral: return "behavioral";
    case QuestionType::kSituational: return "situational";
    case QuestionType::kKnowledge: return "knowledge";
    case QuestionType::kManagement: return "management";
  }
  return "";
}

std::optional<QuestionType> ParseQuestionType(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(QuestionType::kManagement); ++i) {
    auto t = static_cast<QuestionType>(i);
    if (ToString(t) == s) return t;
  }
  return std::nullopt;
}

bool IsChoice(QuestionType t) {
  return t == QuestionType::kSingleChoice || t == QuestionType::kMultipleChoice;
}

namespace {

// ---- the parser ------------------------------------------------------------

enum class Field { kStem, kOptions, kKey, kExplanation };

struct Pending {  // a key or answer-section entry not yet applied
  int line = 0;
  std::string key;          // as written
  std::string explanation;
};

struct AnswerEntry {
  int section = -1;  // from an answer sub-heading, -1 if none
  int number = 0;
  Pending p;
};

struct SectionInfo {
  int line = 0;
  NumStyle style = NumStyle::kNone;
};

// "问题解决能力、领导力和沟通" -> three entries (split on 、，,；; 以及 和).
void AddCompetencies(std::string list, ParsedQuestion& q) {
  for (const char* sep : {"以及", "和", "、", "，", ",", "；", ";"}) {
    size_t k;
    while ((k = list.find(sep)) != std::string::npos) list.replace(k, std::string_view(sep).size(), "|");
  }
  size_t s = 0;
  while (s <= list.size()) {
    size_t e = list.find('|', s);
    if (e == std::string::npos) e = list.size();
    std::string c = Trim(list.substr(s, e - s));
    if (!c.empty()) q.competencies.push_back(c);
    s = e + 1;
  }
}

class Parser {
 public:
  ParsedPaper Run(std::string_view text);

 private:
  void Line(int no, const std::string& orig);
  void QuestionContent(int no, const std::string& orig, const Folded& fd, size_t from);
  void AnswerContent(const std::string& orig, const Folded& fd, size_t from);
  void Append(std::string& dst, const std::string& text, const char* sep);
  bool ParseCompact(int no, const Folded& fd);
  void Finish();
  void ApplyKey(ParsedQuestion& q, QuestionType t, const Pending& k, bool* bad);
  void Problem(int line, const char* code, std::string msg) {
    paper_.problems.push_back({line, code, std::move(msg)});
  }
  ParsedQuestion* Current() {
    if (paper_.sections.empty() || paper_.sections.back().questions.empty() || !in_question_) return nullptr;
    return &paper_.sections.back().questions.back();
  }

  ParsedPaper paper_;
  std::vector<SectionInfo> info_;
  std::map<std::pair<int, int>, Pending> keys_;  // (section, question index) -> inline key
  bool in_question_ = false;
  bool in_answers_ = false;
  bool seen_title_ = false;
  Field field_ = Field::kStem;
  Pending* pending_ = nullptr;  // key/explanation target
  std::deque<AnswerEntry> answers_;  // deque: pending_ may point into it
  int answer_section_ = -1;
  NumStyle answer_style_ = NumStyle::kNone;
};

std::string Orig(const std::string& orig, const Folded& fd, size_t a, size_t b) {
  return Trim(std::string_view(orig).substr(fd.map[a], fd.map[b] - fd.map[a]));
}

void Parser::Append(std::string& dst, const std::string& text, const char* sep) {
  if (text.empty()) return;
  // Latin words broken over two lines keep a space between them.
  if (!dst.empty() && *sep == '\0' && IsAlnum(dst.back()) && IsAlnum(text.front())) dst += ' ';
  if (!dst.empty()) dst += sep;
  dst += text;
}

// Replaces invalid UTF-8 sequences with U+FFFD so every string the parser
// returns is valid UTF-8 (JSON output needs it).
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

ParsedPaper Parser::Run(std::string_view input) {
  const std::string clean = IsValidUtf8(input) ? std::string() : Sanitize(input);
  std::string_view text = clean.empty() ? input : std::string_view(clean);
  int no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line(text.substr(start, nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Line(++no, line);
    start = nl + 1;
  }
  Finish();
  return std::move(paper_);
}

void Parser::Line(int no, const std::string& orig) {
  Folded fd = Fold(orig);
  const std::string& f = fd.f;
  if (IsNoise(f)) return;
  if (auto t = MatchHeading(f)) {
    if (in_answers_) {  // a sub-heading inside the answer section
      // The next section of that type after the current one, else the first.
      int found = -1;
      for (size_t i = 0; i < paper_.sections.size(); ++i) {
        if (paper_.sections[i].type != *t) continue;
        if (found < 0) found = static_cast<int>(i);
        if (static_cast<int>(i) > answer_section_) { found = static_cast<int>(i); break; }
      }
      answer_section_ = found;
      pending_ = nullptr;
      answer_style_ = NumStyle::kNone;
      return;
    }
    ParsedSection s;
    s.type = *t;
    s.title = Trim(orig);
    ParseHeadingNumbers(f, s);
    paper_.sections.push_back(std::move(s));
    info_.push_back({no, NumStyle::kNone});
    in_question_ = false;
    pending_ = nullptr;
    return;
  }
  // "参考答案：" alone inside a question introduces its key, not a section.
  bool colon_in_question = in_question_ && !in_answers_ && Trim(f).size() > 0 && Trim(f).back() == ':';
  if (IsAnswerHeading(f) && !paper_.sections.empty() && !colon_in_question) {
    in_answers_ = true;
    in_question_ = false;
    pending_ = nullptr;
    return;
  }
  if (paper_.sections.empty()) {
    if (!seen_title_) {
      paper_.title = Trim(orig);
      seen_title_ = true;
    } else {
      Problem(no, "unparsed_line", "第" + std::to_string(no) + "行无法识别 / line not understood");
    }
    return;
  }
  if (in_answers_) {
    if (ParseCompact(no, fd)) return;
    int num = 0;
    size_t end = 0;
    NumStyle st = MatchNumber(f, &num, &end);
    if (st != NumStyle::kNone && (answer_style_ == NumStyle::kNone || st == answer_style_ || !pending_)) {
      answer_style_ = st;
      answers_.push_back({answer_section_, num, Pending{no, "", ""}});
      pending_ = &answers_.back().p;
      field_ = Field::kKey;
      AnswerContent(orig, fd, end);
      return;
    }
    if (!pending_) {
      Problem(no, "unparsed_line", "第" + std::to_string(no) + "行无法识别 / line not understood");
      return;
    }
    AnswerContent(orig, fd, 0);
    return;
  }
  auto& sec = paper_.sections.back();
  auto& info = info_.back();
  int num = 0;
  size_t end = 0;
  NumStyle st = MatchNumber(f, &num, &end);
  // In free-text sections a differently numbered line inside a question is
  // a sub-item of it ("(1)…(2)…" in a case); choice papers mix styles.
  bool text_type = !IsChoice(sec.type) && sec.type != QuestionType::kTrueFalse;
  if (st != NumStyle::kNone &&
      (!text_type || info.style == NumStyle::kNone || st == info.style || !in_question_)) {
    info.style = st;
    ParsedQuestion q;
    q.number = num;
    q.line = no;
    q.points = sec.points_each;
    sec.questions.push_back(std::move(q));
    in_question_ = true;
    field_ = Field::kStem;
    pending_ = nullptr;
    QuestionContent(no, orig, fd, end);
    return;
  }
  if (!in_question_) {
    Problem(no, "unparsed_line", "第" + std::to_string(no) + "行无法识别 / line not understood");
    return;
  }
  // "（考察：…）" on a line of its own, e.g. after the options.
  static const std::regex kCompLine(R"(^\s*\((考察|考查|考核)\s*:([^)]*)\)\s*$)");
  std::smatch m;
  if (f.size() <= kMaxRegexBytes && std::regex_match(f, m, kCompLine)) {
    AddCompetencies(Orig(orig, fd, m.position(2), m.position(2) + m.length(2)), *Current());
    return;
  }
  QuestionContent(no, orig, fd, SkipSpaces(f, 0));
}

// Splits the rest of a question line into stem / options / key / explanation.
void Parser::QuestionContent(int no, const std::string& orig, const Folded& fd, size_t from) {
  const std::string& f = fd.f;
  ParsedQuestion& q = *Current();
  const QuestionType type = paper_.sections.back().type;
  size_t p = from;
  while (p < f.size()) {
    Marker mk = FindMarker(f, p);
    size_t seg_end = std::min(mk.pos, f.size());
    // Options starting later on a stem line: "2. 题目 A.是 B.否".
    if (field_ == Field::kStem && q.options.empty() && OptionMarkerAt(f, p, 'A') == 0) {
      for (size_t a = p + 1; a < seg_end; ++a) {
        if (f[a - 1] != ' ' || OptionMarkerAt(f, a, 'A') == 0) continue;
        bool has_b = false;
        for (size_t b = a + 1; b < seg_end && !has_b; ++b) has_b = OptionMarkerAt(f, b, 'B') > 0;
        if (!has_b) break;
        Append(q.stem, StripPinyin(Orig(orig, fd, p, a)), "");
        p = a;
        break;
      }
    }
    // Options inside [p, seg_end).
    if (p < seg_end && (field_ == Field::kStem || field_ == Field::kOptions)) {
      char next = static_cast<char>('A' + q.options.size());
      size_t len = next <= 'E' ? OptionMarkerAt(f, p, next) : 0;
      if (field_ == Field::kOptions || len > 0) {
        if (len == 0) {  // a line after the options that is no option
          Problem(no, "unparsed_line", "第" + std::to_string(no) + "行无法识别 / line not understood");
          return;
        }
        field_ = Field::kOptions;
        size_t a = p + len;
        while (a < seg_end) {
          char l = static_cast<char>('A' + q.options.size());
          size_t b = a;
          size_t nlen = 0;
          char nl = static_cast<char>(l + 1);
          while (b < seg_end && (nl > 'E' || (nlen = OptionMarkerAt(f, b, nl)) == 0)) ++b;
          q.options.push_back({std::string(1, l), StripPinyin(Orig(orig, fd, a, b))});
          if (b >= seg_end) break;
          a = b + nlen;
        }
        p = seg_end;
      }
    }
    if (p < seg_end) {
      std::string text = Orig(orig, fd, p, seg_end);
      if (field_ == Field::kStem) {
        // Competencies: (考察:a、b和c)
        static const std::regex kComp(R"(\((考察|考查|考核)\s*:([^)]*)\))");
        Folded tf = Fold(text);
        std::smatch m;
        if (tf.f.size() <= kMaxRegexBytes && std::regex_search(tf.f, m, kComp)) {
          std::string list = Orig(text, tf, m.position(2), m.position(2) + m.length(2));
          text = Trim(Orig(text, tf, 0, m.position(0)) + Orig(text, tf, m.position(0) + m.length(0), tf.f.size()));
          AddCompetencies(list, q);
        }
        // True/false mark at the end of the stem: (√) / (×).
        if (type == QuestionType::kTrueFalse) {
          static const std::regex kTf(R"(\(\s*(√|×|✓|✗|X)\s*\)\s*$)");
          Folded sf = Fold(text);
          if (sf.f.size() <= kMaxRegexBytes && std::regex_search(sf.f, m, kTf)) {
            keys_[{static_cast<int>(paper_.sections.size()) - 1,
                   static_cast<int>(paper_.sections.back().questions.size()) - 1}] =
                Pending{no, m.str(1), ""};
            text = Orig(text, sf, 0, m.position(0));
          }
        }
        Append(q.stem, StripPinyin(text), "");
      } else if (field_ == Field::kKey && pending_) {
        Append(pending_->key, text, "\n");
      } else if (field_ == Field::kExplanation) {
        Append(q.explanation, text, "\n");
      }
    }
    if (mk.pos == std::string::npos) break;
    if (mk.is_key) {
      auto idx = std::make_pair(static_cast<int>(paper_.sections.size()) - 1,
                                static_cast<int>(paper_.sections.back().questions.size()) - 1);
      keys_[idx] = Pending{no, "", ""};
      pending_ = &keys_[idx];
      field_ = Field::kKey;
    } else {
      field_ = Field::kExplanation;
    }
    p = SkipSpaces(f, mk.pos + mk.len);
  }
}

void Parser::AnswerContent(const std::string& orig, const Folded& fd, size_t from) {
  const std::string& f = fd.f;
  size_t p = from;
  while (p <= f.size()) {
    Marker mk = FindMarker(f, p);
    size_t seg_end = std::min(mk.pos, f.size());
    if (p < seg_end) {
      std::string text = Orig(orig, fd, p, seg_end);
      Append(field_ == Field::kKey ? pending_->key : pending_->explanation, text, "\n");
    }
    if (mk.pos == std::string::npos) break;
    field_ = mk.is_key ? Field::kKey : Field::kExplanation;
    p = SkipSpaces(f, mk.pos + mk.len);
  }
}

// "1.C 2.B 3.ABD 4.√" — two or more compact keys on one line.
bool Parser::ParseCompact(int no, const Folded& fd) {
  static const std::regex kTok(R"(^\s*(\d{1,4})\s*(?:\.|、|:|\))?\s*([A-Za-z]{1,6}|√|×|对|错|正确|错误)(?=\s|$))");
  if (fd.f.size() > kMaxRegexBytes) return false;
  std::vector<std::pair<int, std::string>> toks;
  std::string rest = fd.f;
  std::smatch m;
  while (std::regex_search(rest, m, kTok)) {
    toks.push_back({std::stoi(m[1]), m.str(2)});
    rest = m.suffix();
  }
  if (toks.size() < 2 || !Trim(rest).empty()) return false;
  for (auto& [n, k] : toks) answers_.push_back({answer_section_, n, Pending{no, k, ""}});
  pending_ = nullptr;
  return true;
}

void Parser::ApplyKey(ParsedQuestion& q, QuestionType t, const Pending& k, bool* bad) {
  const std::string n = "第" + std::to_string(q.number) + "题";
  if (!k.explanation.empty() && q.explanation.empty()) q.explanation = k.explanation;
  Folded fd = Fold(k.key);
  std::string f = Trim(fd.f);
  // A full stop after the key ("答案：B。") is not part of it.
  while (!f.empty() && (f.back() == '.' || (f.size() >= 3 && f.compare(f.size() - 3, 3, "。") == 0)))
    f.erase(f.size() - (f.back() == '.' ? 1 : 3));
  f = Trim(f);
  if (f.empty()) return;
  if (IsChoice(t)) {
    std::vector<std::string> letters;
    for (size_t i = 0; i < f.size();) {
      size_t cl = CpLen(static_cast<unsigned char>(f[i]));
      std::string c = f.substr(i, cl);
      i += cl;
      if (c == " " || c == "," || c == ";" || c == "/" || c == "、") continue;
      char ch = c.size() == 1 ? c[0] : 0;
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      if (!(ch >= 'A' && ch <= 'Z')) {
        Problem(k.line, "bad_key", n + "答案不是选项字母 / key of question " + std::to_string(q.number) + " is not option letters");
        *bad = true;
        q.key_letters.clear();
        return;
      }
      if (std::find(letters.begin(), letters.end(), std::string(1, ch)) == letters.end())
        letters.emplace_back(1, ch);
    }
    if (t == QuestionType::kSingleChoice && letters.size() > 1) {
      Problem(k.line, "bad_key", n + "单选题有多个答案 / single choice question " + std::to_string(q.number) + " has several keys");
      *bad = true;
      return;
    }
    for (const auto& l : letters) {
      bool found = false;
      for (const auto& o : q.options) found = found || o.first == l;
      if (!found) {
        Problem(k.line, "bad_key", n + "答案" + l + "不在选项中 / key " + l + " of question " + std::to_string(q.number) + " is not an option");
        *bad = true;
        return;
      }
    }
    q.key_letters = letters;
  } else if (t == QuestionType::kTrueFalse) {
    std::string v;
    for (char c : f) if (c != ' ' && c != '(' && c != ')') v += c;
    static const std::set<std::string> kTrue = {"√", "✓", "对", "正确", "T", "t", "true", "Y", "是"};
    static const std::set<std::string> kFalse = {"×", "✗", "错", "错误", "F", "f", "false", "X", "N", "否"};
    if (kTrue.count(v)) q.key_bool = true;
    else if (kFalse.count(v)) q.key_bool = false;
    else {
      Problem(k.line, "bad_key", n + "判断题答案无法识别 / key of question " + std::to_string(q.number) + " is not true/false");
      *bad = true;
    }
  } else {
    q.key_text = Trim(k.key);
  }
}

void Parser::Finish() {
  auto& secs = paper_.sections;
  auto by_line = [](const PaperProblem& a, const PaperProblem& b) { return a.line < b.line; };
  if (secs.empty()) {
    Problem(0, "no_sections", "没有找到题型标题 / no section headings found");
    std::stable_sort(paper_.problems.begin(), paper_.problems.end(), by_line);
    return;
  }
  // Answer-section entries -> questions. With sub-headings the section is
  // known; with numbers unique across the paper (continuous numbering) the
  // number decides; otherwise numbering restarts per section, so a number
  // not greater than the previous one moves on to the next section.
  std::map<int, int> global;  // number -> section, -1 when repeated
  for (size_t s = 0; s < secs.size(); ++s)
    for (const auto& q : secs[s].questions)
      global[q.number] = global.count(q.number) ? -1 : static_cast<int>(s);
  bool continuous = std::none_of(global.begin(), global.end(), [](auto& kv) { return kv.second < 0; });
  // Sections whose questions all have inline keys are skipped by the cursor
  // (an answer section often covers only the sections without keys).
  std::vector<bool> needs(secs.size(), false);
  for (size_t s = 0; s < secs.size(); ++s)
    for (size_t i = 0; i < secs[s].questions.size(); ++i)
      if (!keys_.count({static_cast<int>(s), static_cast<int>(i)})) needs[s] = true;
  auto advance = [&](int c) {
    for (int k = c + 1; k < static_cast<int>(secs.size()); ++k) if (needs[k]) return k;
    return c + 1;
  };
  int cursor = -1, prev = 0, last_hint = -2;
  std::map<std::pair<int, int>, Pending> from_answers;
  for (const auto& a : answers_) {
    int s = -1;
    if (a.section >= 0) {
      if (a.section != last_hint) prev = 0;
      last_hint = a.section;
      s = a.section;
    } else if (continuous) {
      s = global.count(a.number) ? global[a.number] : -1;
    } else {
      if (cursor < 0 || a.number <= prev) cursor = advance(cursor);
      s = cursor < static_cast<int>(secs.size()) ? cursor : -1;
    }
    prev = a.number;
    int idx = -1;
    if (s >= 0)
      for (size_t i = 0; i < secs[s].questions.size(); ++i)
        if (secs[s].questions[i].number == a.number) { idx = static_cast<int>(i); break; }
    if (idx < 0) {
      Problem(a.p.line, "answer_without_question",
              "答案" + std::to_string(a.number) + "没有对应的题目 / answer " + std::to_string(a.number) + " has no question");
      continue;
    }
    from_answers[{s, idx}] = a.p;
  }
  for (size_t s = 0; s < secs.size(); ++s) {
    auto& sec = secs[s];
    std::set<int> seen;
    for (size_t i = 0; i < sec.questions.size(); ++i) {
      auto& q = sec.questions[i];
      const std::string n = std::to_string(q.number);
      if (!seen.insert(q.number).second)
        Problem(q.line, "duplicate_number", "第" + n + "题题号重复 / duplicate question number " + n);
      if (IsChoice(sec.type) && q.options.size() < 2)
        Problem(q.line, "missing_options", "第" + n + "题选项不足 / question " + n + " has fewer than two options");
      bool bad = false;
      std::pair<int, int> id{static_cast<int>(s), static_cast<int>(i)};
      if (keys_.count(id)) ApplyKey(q, sec.type, keys_[id], &bad);
      bool has = !q.key_letters.empty() || q.key_bool.has_value() || !q.key_text.empty();
      if (!has && !bad && from_answers.count(id)) ApplyKey(q, sec.type, from_answers[id], &bad);
      else if (from_answers.count(id) && q.explanation.empty()) q.explanation = from_answers[id].explanation;
      has = !q.key_letters.empty() || q.key_bool.has_value() || !q.key_text.empty();
      if (!has && !bad) Problem(q.line, "missing_key", "第" + n + "题没有答案 / question " + n + " has no key");
    }
    if (sec.count > 0 && sec.count != static_cast<int>(sec.questions.size()))
      Problem(info_[s].line, "count_mismatch",
              "声明" + std::to_string(sec.count) + "题，实际" + std::to_string(sec.questions.size()) +
                  "题 / declared " + std::to_string(sec.count) + ", found " + std::to_string(sec.questions.size()));
  }
  std::stable_sort(paper_.problems.begin(), paper_.problems.end(), by_line);
}

}  // namespace

ParsedPaper ParsePaper(std::string_view text) { return Parser().Run(text); }

}  // namespace kefu::training
