// The question bank: questions as stored, built from parsed papers (or
// their JSON form), and the papers and interview kits that group them.
//
// Pure: no I/O. Text is kept as written (simplified or traditional); the
// bank's search and the graders compare normalised text.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "training/paper_parser.h"

namespace kefu::training {

// Interview question types (behavioral, situational, knowledge,
// management) make a paper an interview kit.
bool IsInterviewType(QuestionType t);
// Types graded by rule (choices, true/false, fill-in); the others need a
// human grader (short answer, case analysis) or an interviewer.
bool IsObjective(QuestionType t);

struct Question {
  std::string id;        // "Q-000001"
  std::string paper_id;  // the paper or kit it was imported with
  QuestionType type = QuestionType::kSingleChoice;
  std::string stem;
  std::vector<std::pair<std::string, std::string>> options;  // {"A", "text"} in order
  std::vector<std::string> key_letters;  // choices: sorted letters
  std::optional<bool> key_bool;          // true/false
  std::string key_text;                  // others: the reference answer (fill-in: blanks joined by "；")
  std::string explanation;
  std::vector<std::string> competencies;
  std::vector<std::pair<int, std::string>> rubric;  // interview anchors 1..5, ascending
  std::vector<std::string> tags;  // "topic:退货政策", "difficulty:easy", …
  double points = 0;
  Timestamp created_at;
};

bool HasTag(const Question& q, const std::string& tag);

enum class PaperKind { kExam, kInterviewKit };
std::string_view ToString(PaperKind k);  // "exam", "interview_kit"

// A saved paper: its sections in order, each naming its questions.
struct PaperSection {
  QuestionType type = QuestionType::kSingleChoice;
  std::string title;
  double points_each = 0;
  std::vector<std::string> question_ids;
};
struct Paper {
  std::string id;  // "X-000001"
  std::string title;
  PaperKind kind = PaperKind::kExam;
  std::string role;  // interview kits: the role hired for, e.g. "售后服务经理"
  std::vector<PaperSection> sections;
  std::string created_by;
  Timestamp created_at;
};

// Why a parsed paper cannot be saved: kValidation "paper_has_problems"
// when it has problems (unless `ignore_problems`), and always
// "ungradable_question" for an exam question that has no key (a choice,
// true/false or fill-in question) — it could never be graded — or
// "empty_paper" for a paper without questions, and "mixed_paper" when
// exam and interview sections are mixed.
Status CheckSavable(const ParsedPaper& p, bool ignore_problems);

// Builds the paper and its questions from a parsed paper that passed
// CheckSavable. `question_ids` gives one id per question in paper order
// (sections, then questions); `extra_tags` are added to every question.
// Choice keys are sorted; a question without points gets the section's.
struct BuiltPaper {
  Paper paper;
  std::vector<Question> questions;
};
BuiltPaper BuildPaper(const ParsedPaper& p, const std::string& paper_id,
                      const std::vector<std::string>& question_ids, const std::string& role,
                      const std::vector<std::string>& extra_tags, const std::string& created_by,
                      Timestamp now);

// The questions count of a parsed paper (what BuildPaper needs ids for).
size_t QuestionCount(const ParsedPaper& p);

// A saved paper back into the parsed form (for the JSON export, which
// PaperFromJson reads again). `questions` must hold the paper's questions.
ParsedPaper ExportPaper(const Paper& p, const std::vector<Question>& questions);

}  // namespace kefu::training
