// Exam papers and interview kits as people write them, read into questions.
//
// Understands the way Chinese papers are commonly written, pasted or
// scraped:
//   - section headings giving the type, points and count:
//       一、单选题(每题2分,共10题)   二、多项选择题（每小题3分）   三、判断题
//       四、填空题  五、简答题  六、案例分析题
//     and, for interview kits, 行为面试题 / 情景题 / 知识题 / 管理题;
//   - metadata before the first section, skipped: 考试时间：60分钟,
//     满分：100分, 总分100分, 姓名：____ 部门：____ 得分：____, 注意事项：…
//     (the title is the first other line; any further line is unparsed);
//   - numbered stems (1. 1、 1） (1) １．), options A.–E. (A、 A) （A）) on
//     one line or several; in choice sections also lower case (a. b、 (c)),
//     all of a question's options in the case of its first; stored as
//     "A".."E";
//   - keys inline (→答案:C, 答案：A、B、D, 【答案】B, 正确答案：AC; letters
//     in either case, stored upper case) or in a separate answer section
//     (参考答案 / 答案与解析 with 1.C 2.B …, ranges 1-5 CBADC / 1～5：CBADC
//     / 6-8 √×√ giving one letter or mark to each number, or one numbered
//     block per question), true/false keys as (√)/(×), 对/错, 正确/错误,
//     T/F. When a question has both, the inline key is kept;
//   - explanations after 解析: / 【解析】; competencies after (考察:…);
//   - rubrics after a question or in its answer block: 评分标准： /
//     【评分标准】 / 评分要点： followed, on that line or the next ones, by
//     items 5分：… 5分-… 5分 … （5分）…, several on a line separated by
//     "；" (or following a "。"); a line that is no item continues the
//     item before it;
//   - tags after a question or in its answer block: 知识点：a、b /
//     标签：… -> "topic:a", "topic:b"; 难度：易|中|难 (简单/容易/较易,
//     中等/一般/适中, 困难/较难) -> "difficulty:easy|medium|hard";
//     duplicates are dropped;
//   - traditional or simplified characters (難度, 知識點, 評分標準 …),
//     full-width punctuation, stray page headers and footers (第 1 页 共 3
//     页), pinyin in brackets.
// Nothing is guessed silently: whatever could not be understood is listed
// in `problems` with its line, so a preview can show it before saving.
//
// Pure: no I/O. Text is kept as written (traditional stays traditional);
// only matching of headings and keywords is normalised.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"

namespace kefu::training {

enum class QuestionType {
  kSingleChoice,
  kMultipleChoice,
  kTrueFalse,
  kFillIn,
  kShortAnswer,
  kCaseAnalysis,
  // Interview kits.
  kBehavioral,
  kSituational,
  kKnowledge,
  kManagement,
};

// "single_choice", "multiple_choice", "true_false", "fill_in",
// "short_answer", "case_analysis", "behavioral", "situational",
// "knowledge", "management".
std::string_view ToString(QuestionType t);
std::optional<QuestionType> ParseQuestionType(std::string_view s);
// Choice types have options and letter keys.
bool IsChoice(QuestionType t);

struct ParsedQuestion {
  int number = 0;     // as written (1-based); 0 if the paper did not number it
  int line = 0;       // 1-based line of the stem in the input
  std::string stem;
  std::vector<std::pair<std::string, std::string>> options;  // {"A", "text"} in order
  // The key, by type: letters for choices ("C"; "A","B","D"), a boolean for
  // true/false, text for the others (fill-in blanks joined by "；"). Empty /
  // nullopt when the paper gives none (then a problem "missing_key").
  std::vector<std::string> key_letters;
  std::optional<bool> key_bool;
  std::string key_text;
  std::string explanation;                // 解析, "" if none
  std::vector<std::string> competencies;  // 考察: 问题解决能力、领导力 -> two entries
  // Interview scoring rubric: anchored levels 1..5, ascending, as written
  // after 评分标准: / 【评分标准】 ("5分：…", "3分：…", "1分：…"); a kit
  // may anchor only some levels. Continuation lines are joined with "\n".
  std::vector<std::pair<int, std::string>> rubric;
  // Bank tags: "topic:<知识点>" from 知识点:/标签: lines and
  // "difficulty:easy|medium|hard" from 难度: 易|中|难 (also 简单/较难…).
  std::vector<std::string> tags;
  double points = 0;                      // from the section, 0 if unknown
};

struct ParsedSection {
  QuestionType type = QuestionType::kSingleChoice;
  std::string title;        // the heading as written, e.g. "一、单选题(每题2分,共10题)"
  double points_each = 0;   // 0 if the heading gives none
  int count = 0;            // declared count, 0 if the heading gives none
  std::vector<ParsedQuestion> questions;
};

// Something not understood. Codes: "no_sections", "unparsed_line" (also
// a 难度 that is not one of the known levels), "missing_key", "bad_key" (a
// letter that is not an option, a key of the wrong kind, or a range key
// whose run is not as long as the range, e.g. 1-5 CBAD), "count_mismatch"
// (declared and found differ), "duplicate_number",
// "answer_without_question" (an answer-section entry for a number with no
// question), "missing_options" (a choice question with fewer than two
// options), and:
//   "bad_rubric"   a rubric level outside 1..5, a level given twice for one
//                  question, a range (4-5分) or rubric text before any
//                  level; the item is left out;
//   "key_conflict" an answer-section key that differs from the question's
//                  inline key (or does not fit the question); reported at
//                  the answer-section line, the inline key is kept.
struct PaperProblem {
  int line = 0;  // 1-based; 0 for the paper as a whole
  std::string code;
  std::string message;  // Chinese first, e.g. "第3题没有答案 / question 3 has no key"
};

struct ParsedPaper {
  std::string title;  // the first non-empty line before the first section, "" if none
  std::vector<ParsedSection> sections;
  std::vector<PaperProblem> problems;
};

// Time and memory linear in the length of `text`, whatever it holds.
ParsedPaper ParsePaper(std::string_view text);

// Limits on the text of one paper, checked where papers come in (POST
// /api/v1/training/papers and /papers/preview, `kefu paper import`) before
// it is parsed. Parsing is linear, but each question and each problem
// found is answered in full (a preview of 500 KB of "1." lines would be a
// 70 MB answer), so the lines are limited as well as the bytes. Real papers
// are tens of KB and some hundreds of lines; a larger bank is imported as
// several papers.
inline constexpr size_t kMaxPaperBytes = 512 * 1024;  // bytes of text
inline constexpr size_t kMaxPaperLines = 20'000;      // lines that are not blank

// kTooLarge "paper_too_large" (HTTP 413) when `text` has more than
// kMaxPaperBytes bytes or kMaxPaperLines lines other than blank ones
// (only spaces, tabs and CR); OK otherwise.
Status CheckPaperSize(std::string_view text);

}  // namespace kefu::training
