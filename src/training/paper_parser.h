// Exam papers and interview kits as people write them, read into questions.
//
// Understands the way Chinese papers are commonly written, pasted or
// scraped:
//   - section headings giving the type, points and count:
//       一、单选题(每题2分,共10题)   二、多项选择题（每小题3分）   三、判断题
//       四、填空题  五、简答题  六、案例分析题
//     and, for interview kits, 行为面试题 / 情景题 / 知识题 / 管理题;
//   - numbered stems (1. 1、 1） (1) １．), options A.–E. (A、 A) （A）) on
//     one line or several;
//   - keys inline (→答案:C, 答案：A、B、D, 【答案】B, 正确答案：AC) or in a
//     separate answer section (参考答案 / 答案与解析 with 1.C 2.B … or one
//     numbered block per question), true/false keys as (√)/(×), 对/错,
//     正确/错误, T/F;
//   - explanations after 解析: / 【解析】; competencies after (考察:…);
//   - traditional or simplified characters, full-width punctuation, stray
//     page headers and footers (第 1 页 共 3 页), pinyin in brackets.
// Nothing is guessed silently: whatever could not be understood is listed
// in `problems` with its line, so a preview can show it before saving.
//
// Pure: no I/O. Text is kept as written (traditional stays traditional);
// only matching of headings and keywords is normalised.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
  double points = 0;                      // from the section, 0 if unknown
};

struct ParsedSection {
  QuestionType type = QuestionType::kSingleChoice;
  std::string title;        // the heading as written, e.g. "一、单选题(每题2分,共10题)"
  double points_each = 0;   // 0 if the heading gives none
  int count = 0;            // declared count, 0 if the heading gives none
  std::vector<ParsedQuestion> questions;
};

// Something not understood. Codes: "no_sections", "unparsed_line",
// "missing_key", "bad_key" (a letter that is not an option, or a key of
// the wrong kind), "count_mismatch" (declared and found differ),
// "duplicate_number", "answer_without_question" (an answer-section entry
// for a number with no question), "missing_options" (a choice question
// with fewer than two options).
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

ParsedPaper ParsePaper(std::string_view text);

}  // namespace kefu::training
