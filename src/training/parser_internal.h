// Internals of the paper parser (paper_parser.h), shared by its sources:
//   parser_lines.cc    UTF-8 folding and the classification of one line
//                      (headings, numbers, option and keyword markers,
//                      metadata) and the fixed patterns lines are matched
//                      against; pure functions;
//   parser_answers.cc  answer sections, keys, rubric items and tags, and
//                      matching answer-section entries to questions;
//   paper_parser.cc    the line driver and the question builder.
// Private to src/training/: nothing outside the parser (and its tests)
// includes this.
//
// Every function here takes time linear in its input, and the parser time
// linear in the paper: nothing rescans a line per character, per marker or
// per bracket, and no pattern is left to a backtracking regex engine.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "training/paper_parser.h"

namespace kefu::training::internal {

// ---- UTF-8 and folding (parser_lines.cc) -----------------------------------

// Length of the UTF-8 sequence led by `c`; 1 for a stray continuation byte.
size_t CpLen(unsigned char c);
// The code point of the `n`-byte sequence at s[i]; the lead byte itself when
// n == 1 or the sequence is cut off. No validation.
uint32_t Decode(std::string_view s, size_t i, size_t n);

// A line folded for matching: full-width ASCII -> ASCII, U+3000 / tab /
// NBSP -> space, the traditional forms of keyword characters -> simplified.
// Every folded byte maps back to the original byte it came from, so stored
// text can be cut out of the original as written.
struct Folded {
  std::string f;            // folded text
  std::vector<size_t> map;  // folded byte -> original byte; size f.size()+1
};
Folded Fold(std::string_view s);

// `s` without leading and trailing white space (ASCII, U+3000, NBSP).
std::string Trim(std::string_view s);
std::string_view TrimView(std::string_view s);  // the same, not copied
bool StartsWith(std::string_view s, std::string_view p);
bool IsDigit(char c);
bool IsAlnum(char c);  // ASCII letters and digits only

// Removes pinyin in brackets: "客服（kè fú）" -> "客服" (only brackets holding
// two or more lower-case Latin letters, tone marks and spaces). Trims.
// Linear: an opening bracket is looked past only as far as its pinyin goes.
std::string StripPinyin(const std::string& s);

// Replaces invalid UTF-8 sequences with U+FFFD, byte by byte.
std::string Sanitize(std::string_view s);

// The original text behind folded bytes [a, b) of `fd` (the fold of
// `orig`), trimmed. REQUIRES: a <= b <= fd.f.size().
std::string Orig(const std::string& orig, const Folded& fd, size_t a, size_t b);

// Lines (and stems) longer than this are not matched against the patterns
// of metadata, page marks, compact keys, competencies and rubric items:
// they are read as plain text. (The limit dates from when those patterns
// were std::regex, which recursed per character; it is kept so that long
// lines read as before.)
constexpr size_t kMaxPatternBytes = 1000;

// ---- line classification (parser_lines.cc) ---------------------------------
// All take folded text.

size_t SkipSpaces(const std::string& f, size_t p);

// Blank lines, page headers/footers ("第 1 页 共 3 页", "- 2 -", "1/3") and
// rules ("——————").
bool IsNoise(const std::string& f);

// Paper metadata before the first section: 考试时间/答题时间/考试时长: …,
// 满分/总分 N分, form fields (姓名/部门/工号/岗位/得分/日期: ____) and
// 注意事项/考生须知. Only these forms; anything else is not metadata.
bool IsMetadata(const std::string& f);

// A section heading ("一、单选题(每题2分,共10题)", "情景题"): its type.
std::optional<QuestionType> MatchHeading(const std::string& f);
// The heading of an answer section: 参考答案, 答案与解析, 标准答案, …
bool IsAnswerHeading(const std::string& f);
// Fills s.points_each and s.count from a heading: "每题N分" is per question;
// without 每, "(N分)"/"共N分" is the section total, divided by a declared
// count "共M题" (points unknown, 0, without one).
void ParseHeadingNumbers(const std::string& f, ParsedSection& s);

enum class NumStyle { kNone, kDot, kParen, kHalfParen };

// A question number at the start of `f`: "1." "1、" (kDot), "(1)" (kParen),
// "1)" (kHalfParen). Returns kNone, or the style with *num set and *end at
// the folded offset of the content after the number.
NumStyle MatchNumber(const std::string& f, int* num, size_t* end);

// Which letter case an option marker may use. Lower-case markers ("a."
// "b、" "(c)") are accepted in choice sections only, and a question's
// options all use the case of its first.
enum class LetterCase { kUpper, kLower, kAny };

// The length of an option marker for upper-case letter `l` ("A." "A、"
// "A)" "A:" "(A)", or the same with `l` in lower case as `c` allows) at
// folded offset `p`, 0 if there is none. A letter right after another
// ASCII letter or digit is no marker.
size_t OptionMarkerAt(const std::string& f, size_t p, char l, LetterCase c);
// The case of the option marker at `p`. REQUIRES: OptionMarkerAt(f, p, …) > 0.
LetterCase MarkerCase(const std::string& f, size_t p);

// Keywords inside a line that switch what the following text is.
enum class MarkerKind {
  kKey,          // 答案: 【答案】 正确答案: 参考答案: →答案:
  kExplanation,  // 解析: 【解析】
  kRubric,       // 评分标准: 【评分标准】 评分要点: 【评分要点】
  kTopic,        // 知识点: 【知识点】 标签: 【标签】
  kDifficulty,   // 难度: 【难度】
};
struct Marker {
  size_t pos = std::string::npos;  // npos: none
  size_t len = 0;
  MarkerKind kind = MarkerKind::kKey;
};
// The markers of one folded line, left to right. Next(from) is the earliest
// marker at or after `from` (so "正确答案:" beats the "答案:" inside it).
// The colon forms of rubric and tag markers count only at the start of the
// line or after white space or punctuation ("商品标签：" is text); the
// bracketed forms count anywhere. Each keyword's next occurrence is kept,
// so all the calls for one line together take time linear in the line.
// REQUIRES: `from` does not decrease from call to call; `f` outlives this.
class MarkerFinder {
 public:
  static constexpr size_t kWords = 17;
  explicit MarkerFinder(const std::string& f);
  Marker Next(size_t from);

 private:
  const std::string& f_;
  // Per keyword: its first occurrence at or after the last `from`; npos:
  // none; npos - 1: not looked for yet.
  std::array<size_t, kWords> next_;
};

// "评分标准" / "评分要点" alone on a line (without a colon).
bool IsRubricHeading(const std::string& f);

// ---- rubric items and tags (parser_answers.cc) ------------------------------

// One piece of rubric text (as written), split at item starts.
struct RubricPiece {
  enum Kind {
    kText,   // text before the first item: continues the previous item
    kItem,   // "5分：…" "5分-…" "5分 …" "（5分）…"
    kRange,  // "4-5分：…", a range where a level is expected
  };
  Kind kind = kText;
  int level = 0;  // kItem: the level as written (not checked against 1..5)
  std::string text;
};
// Splits rubric text into pieces. Items start the text or follow "；" or
// "。"; the "；" between items is dropped. Empty text gives no pieces.
std::vector<RubricPiece> SplitRubric(const std::string& text);

// "退货政策、运费" -> {"退货政策", "运费"} (split on 、，,；;/|), trimmed,
// empty entries dropped.
std::vector<std::string> SplitTopics(const std::string& text);
// "易"/"简单"/"容易"/"较易" -> "easy", "中"/"中等"/"一般"/"适中" -> "medium",
// "难"/"困难"/"较难" -> "hard" (after folding, a trailing 。 or . ignored);
// nullopt for anything else.
std::optional<std::string> ParseDifficulty(const std::string& text);

// "问题解决能力、领导力和沟通" -> three entries (split on 、，,；; 以及 和).
std::vector<std::string> SplitCompetencies(std::string list);

// ---- fixed patterns (parser_lines.cc; keys and rubric items: parser_answers.cc)
// Hand-written matchers, each for a pattern the parser once gave to
// std::regex (quoted at its definition, ECMAScript syntax) and accepting
// exactly the same text, in time linear in the input: the backtracking
// engine took time quadratic in a line of spaces or of unclosed brackets.
// As in that syntax, \s is ASCII white space (IsRegexSpace), \d an ASCII
// digit and "." any byte but \n and \r. All take folded text.

bool IsRegexSpace(char c);  // ' ' \t \n \v \f \r
// The offset after the white space (IsRegexSpace) / the ASCII digits at `p`.
size_t SkipRegexSpaces(std::string_view s, size_t p);
size_t SkipDigits(std::string_view s, size_t p);
// `s` has `w` at `p`. REQUIRES: nothing (false when p > s.size()).
bool At(std::string_view s, size_t p, std::string_view w);
// The length of the first of `words` that `s` has at `p`, 0 if none.
size_t WordAt(std::string_view s, size_t p, std::initializer_list<std::string_view> words);

// A page mark without its spaces: 第1页, 第1页共3页, 共3页第1页, -2-, 1/3.
bool IsPageMark(std::string_view t);
// A rule: only — - _ = * ~ ─ ━ (at least one).
bool IsRuleChars(std::string_view t);
// The whole line is paper metadata (see IsMetadata).
bool MatchMetadata(std::string_view f);

// A competency list "(考察:沟通、耐心)" (also 考查, 考核): the brackets span
// [begin, end) and the list [list, list_end).
struct CompetencyMatch {
  size_t begin = 0, end = 0, list = 0, list_end = 0;
};
// The leftmost one in `f`.
std::optional<CompetencyMatch> FindCompetency(std::string_view f);
// `f` is one and nothing else, white space aside.
std::optional<CompetencyMatch> MatchCompetencyLine(std::string_view f);

// A true/false mark in brackets at the end of `f`, white space aside:
// "…（ √ ）". `at` is the offset of the bracket.
struct TfMark {
  size_t at = 0;
  std::string mark;  // √ × ✓ ✗ X
};
std::optional<TfMark> MatchTrailingTfMark(std::string_view f);

// One entry of a compact key line starting at `p` (white space first):
// "12.C" "3 ABD" "4.√" "5 正确" (a single key, 1-6 letters or a mark), or
// "1-5 CBADC" "6～8：√×√" (a range and its run). Followed by white space
// or the end. `end` is the offset after it.
struct KeyToken {
  int first = 0, last = 0;
  std::string run;  // the single key, or the range's run
  bool range = false;
  size_t end = 0;
};
std::optional<KeyToken> MatchKeyToken(std::string_view f, size_t p);

// A rubric item starting at `p` ("5分：" "5分-" "5分 " "（5分）"), white
// space and one separator after it included: its length (0: none), and
// the level in *level.
size_t MatchRubricItem(std::string_view f, size_t p, int* level);
// A rubric range starting at `p` ("4-5分：" "(4～5分)"), the same way.
size_t MatchRubricRange(std::string_view f, size_t p);

// Numbers in a section heading: 共N题/共N道 (count), 每题N分/每小题N分/
// 每空N分/每N分 (each), N分 (the first number of points). The number as
// written, "" if none.
std::string HeadingCount(std::string_view f);
std::string HeadingEach(std::string_view f);
std::string HeadingTotal(std::string_view f);

// ---- parser state shared by the sources -------------------------------------

// What the text that follows on a question or answer line belongs to.
enum class Field { kStem, kOptions, kKey, kExplanation, kRubric };

// A rubric item as found, checked when it is given to its question.
struct RubricItem {
  int level = 0;  // -1: already reported as bad_rubric, skipped
  std::string text;
  int line = 0;
};

// A key or answer-section entry not yet applied to its question.
struct Pending {
  int line = 0;
  std::string key;  // as written
  std::string explanation;
  std::vector<RubricItem> rubric;  // answer-section blocks only
  std::vector<std::string> tags;   // answer-section blocks only
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

using QuestionId = std::pair<int, int>;  // (section index, question index)

bool HasKey(const ParsedQuestion& q);

// Reads k.key into q's key fields for a question of type `t` (letters
// upper-cased and de-duplicated; true/false marks; text trimmed) and takes
// k.explanation when q has none. An empty key does nothing. Returns false
// after appending a "bad_key" problem at k.line to *problems when the key
// does not fit the type or the options.
bool ApplyKey(ParsedQuestion& q, QuestionType t, const Pending& k, std::vector<PaperProblem>* problems);

// Adds `items` to q.rubric in level order. A level outside 1..5 or one q
// already has is a "bad_rubric" problem at the item's line in *problems;
// items with level -1 are skipped.
void MergeRubric(ParsedQuestion& q, const std::vector<RubricItem>& items, std::vector<PaperProblem>* problems);
// Keeps the first of equal tags, in order (tags are collected with
// duplicates and thinned once per question, in linear time).
void DropDuplicateTags(std::vector<std::string>* tags);

// One parse: Run() feeds each input line to Line() in order, then calls
// Finish(). Single use; not thread-safe (ParsePaper makes one per call).
class Parser {
 public:
  ParsedPaper Run(std::string_view text);

 private:
  // paper_parser.cc: the driver and the question builder.
  void Line(int no, const std::string& orig);
  bool HeadingLine(int no, const std::string& orig, const Folded& fd);
  void QuestionLine(int no, const std::string& orig, const Folded& fd);
  void QuestionContent(int no, const std::string& orig, const Folded& fd, size_t from);
  bool StemOrOptions(int no, const std::string& orig, const Folded& fd, size_t* p, size_t seg_end);
  void StemText(int no, std::string text);
  void Append(std::string& dst, const std::string& text, const char* sep);
  void Finish();

  // parser_answers.cc: answer sections, rubric text and tags, keys.
  void AnswerLine(int no, const std::string& orig, const Folded& fd);
  void AnswerContent(int no, const std::string& orig, const Folded& fd, size_t from);
  // A line of compact or range keys ("1.C 2.B", "1-5 CBADC"): adds its
  // entries and returns true; false if the line is anything else.
  bool ParseCompact(int no, const Folded& fd);
  // Rubric text on line `no` into *rubric_, reporting bad_rubric for a
  // range or for text before any level. REQUIRES: rubric_.
  void RubricText(int no, const std::string& text);
  // Text after a 知识点:/难度: marker on line `no` into *tags; an unknown
  // 难度 is an unparsed_line problem.
  void TagText(int no, MarkerKind kind, const std::string& text, std::vector<std::string>* tags);
  // Answer-section entries by the question they answer; reports
  // answer_without_question for the others.
  std::map<QuestionId, Pending> MatchAnswers();
  // Gives question i of section s its key (inline first, else from the
  // answer section), rubric and tags; reports bad_key, key_conflict,
  // bad_rubric and missing_key.
  void ApplyAnswers(size_t s, size_t i, std::map<QuestionId, Pending>& from_answers);

  void Problem(int line, const char* code, std::string msg) {
    paper_.problems.push_back({line, code, std::move(msg)});
  }
  void Unparsed(int line) {
    Problem(line, "unparsed_line", "第" + std::to_string(line) + "行无法识别 / line not understood");
  }
  ParsedQuestion* Current() {
    if (paper_.sections.empty() || paper_.sections.back().questions.empty() || !in_question_) return nullptr;
    return &paper_.sections.back().questions.back();
  }
  QuestionId CurrentId() const {
    return {static_cast<int>(paper_.sections.size()) - 1,
            static_cast<int>(paper_.sections.back().questions.size()) - 1};
  }

  ParsedPaper paper_;
  std::vector<SectionInfo> info_;
  std::map<QuestionId, Pending> keys_;                    // inline keys
  std::map<QuestionId, std::vector<RubricItem>> rubrics_;  // rubrics after questions
  std::map<QuestionType, std::vector<int>> sections_of_type_;  // section indexes, ascending
  bool in_question_ = false;
  bool in_answers_ = false;
  bool seen_title_ = false;
  Field field_ = Field::kStem;
  LetterCase option_case_ = LetterCase::kAny;  // of the current question's options
  Pending* pending_ = nullptr;                  // key/explanation target
  std::vector<RubricItem>* rubric_ = nullptr;   // rubric target when field_ is kRubric
  std::deque<AnswerEntry> answers_;             // deque: pending_ may point into it
  int answer_section_ = -1;
  NumStyle answer_style_ = NumStyle::kNone;
};

}  // namespace kefu::training::internal
