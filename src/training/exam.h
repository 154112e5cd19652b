// Exams: a blueprint (sections drawn at random from the bank by type and
// tags), per-candidate attempts with a time limit and autosaved answers,
// and certificates for those who pass.
//
// Lifecycle of an attempt:
//   in_progress --submit / time up--> submitted --every subjective item
//   has a grader's final score--> graded
// An attempt with only objective items is graded at submission. Answers
// are saved while in progress, until the deadline plus kSaveGrace (an
// autosave in flight when time runs out still counts); after that an
// attempt is submitted with what was saved (the service does this when
// it next touches the attempt, and in its sweep).
//
// Pure: no I/O; time and randomness come in as arguments.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "training/bank.h"

namespace kefu::training {

// How a multiple-choice question with several correct letters is scored.
//   all_or_nothing   exactly the key: full points, else 0;
//   half_for_subset  exactly the key: full; some correct letters and no
//                    wrong one: half (少选得一半分); any wrong letter: 0;
//   proportional     no wrong letter: points × chosen correct / key size;
//                    any wrong letter: 0.
enum class ChoiceScoring { kAllOrNothing, kHalfForSubset, kProportional };
std::string_view ToString(ChoiceScoring s);
std::optional<ChoiceScoring> ParseChoiceScoring(std::string_view s);

struct BlueprintSection {
  std::string title;  // shown to candidates; "" = the type's Chinese name
  QuestionType type = QuestionType::kSingleChoice;
  int count = 0;           // 1..200 questions drawn
  double points_each = 0;  // > 0
  std::vector<std::string> tags;  // a question must have every one
  std::string paper_id;           // "" = the whole bank, else only this paper's
};

struct ExamSpec {
  std::string id;  // "E-000001"
  std::string title;
  std::vector<BlueprintSection> sections;
  int time_limit_minutes = 0;  // 0: none; else 1..600
  int max_attempts = 1;        // 1..10
  bool shuffle_options = true;
  ChoiceScoring multiple_choice = ChoiceScoring::kAllOrNothing;
  double pass_percent = 60;     // of the total points, 0..100
  std::string certification;    // issued on passing; "" = none
  int certificate_valid_days = 365;  // 1..3650
  // Who may sit it: logins; empty = every staff member.
  std::vector<std::string> candidates;
  std::string created_by;
  Timestamp created_at;
};

// kValidation naming the first bad field.
Status ValidateExamSpec(const ExamSpec& e);
double TotalPoints(const ExamSpec& e);

// One drawn question of an attempt. Options are shown relabelled A, B, …
// in `option_order` (the question's own letters in the order shown);
// candidates answer with the shown letters.
struct DrawnItem {
  std::string question_id;
  int section = 0;  // index into ExamSpec::sections
  double points = 0;
  std::vector<std::string> option_order;
};

// Draws a paper for one candidate: each section's count from the matching
// questions (type, every tag, paper), no question twice, in random order,
// options shuffled if the spec says so. The same seed gives the same
// draw. kFailedPrecondition "bank_too_small" naming the section when the
// bank has too few matching questions.
StatusOr<std::vector<DrawnItem>> DrawPaper(const ExamSpec& e, const std::vector<Question>& bank,
                                           uint64_t seed);
// How many bank questions match each section (for the blueprint editor).
std::vector<int> MatchingCounts(const ExamSpec& e, const std::vector<Question>& bank);

// A candidate's answer to one item, in the letters shown to them.
struct Answer {
  std::vector<std::string> letters;  // choices, sorted
  std::optional<bool> value;         // true/false
  std::string text;                  // fill-in (blanks joined by "；"), short answer, case
  friend bool operator==(const Answer&, const Answer&) = default;
};
bool IsBlank(const Answer& a);

// Coverage of the reference answer's key points (grading.h).
struct KeyPoint {
  std::string text;  // the key point as written in the reference answer
  bool covered = false;
  std::vector<std::string> matched;  // its words found in the answer
  std::vector<std::string> missing;  // its words not found
};

struct ItemGrade {
  std::optional<double> auto_score;   // objective items, at submission
  double suggested = 0;               // subjective items: from key-point coverage
  std::vector<KeyPoint> key_points;   // subjective items
  std::optional<double> final_score;  // a grader's score (subjective items)
  std::string grader;
  std::string comment;
  // What counts: the grader's score, else the automatic one, else nothing.
  std::optional<double> Score() const { return final_score ? final_score : auto_score; }
};

enum class AttemptStatus { kInProgress, kSubmitted, kGraded };
std::string_view ToString(AttemptStatus s);

struct Attempt {
  std::string id;  // "W-000001"
  std::string exam_id;
  std::string candidate;  // login
  int number = 1;         // 1-based among the candidate's attempts
  AttemptStatus status = AttemptStatus::kInProgress;
  Timestamp started_at;
  std::optional<Timestamp> deadline;  // none: no time limit
  std::optional<Timestamp> submitted_at;
  bool timed_out = false;  // submitted because time ran out
  std::vector<DrawnItem> items;
  std::vector<Answer> answers;  // one per item
  std::optional<Timestamp> last_saved_at;
  std::vector<ItemGrade> grades;  // one per item once submitted
  double max_score = 0;
  double score = 0;     // once graded
  bool passed = false;  // once graded
  std::string certificate_id;
};

// Autosave grace after the deadline.
inline constexpr int64_t kSaveGraceMs = 10'000;

// Starts the candidate's next attempt. `earlier` are the candidate's
// attempts at this exam. kPermissionDenied "not_a_candidate" when the
// spec names candidates and this is not one; kFailedPrecondition
// "attempt_in_progress" when one is still open (the service returns it
// instead), "no_attempts_left" when max_attempts are used; draw errors
// as DrawPaper.
StatusOr<Attempt> StartAttempt(const ExamSpec& e, const std::vector<Attempt>& earlier,
                               const std::string& candidate, const std::vector<Question>& bank,
                               uint64_t seed, const std::string& id, Timestamp now);

// Whether time ran out (past the deadline plus the grace).
bool TimeUp(const Attempt& a, Timestamp now);

// Saves answers by item index (0-based). kFailedPrecondition
// "attempt_closed" once submitted, "time_up" past the deadline plus the
// grace; kValidation for an index out of range or an answer that does not
// fit its item (a letter not shown, more than one letter for a single
// choice, text over 20,000 bytes, a value on a choice item …). All or
// nothing: on error the attempt is unchanged.
Status SaveAnswers(Attempt& a, const std::map<int, Answer>& answers,
                   const std::map<std::string, const Question*>& questions, Timestamp now);

}  // namespace kefu::training
