// Grading: objective items by rule, key-point suggestions for short
// answers and cases, a human grader's final score, results, item
// statistics and certificates.
//
// Pure apart from text analysis (normalisation and segmentation from
// kefu_text, which read no files at run time).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "text/tokenizer.h"
#include "training/exam.h"

namespace kefu::training {

// Score of a choice answer given in the question's own letters (see
// ChoiceScoring). Single choice and multiple choice with one key letter
// are all-or-nothing whatever the scoring.
double ScoreChoice(const std::vector<std::string>& key, const std::vector<std::string>& chosen,
                   double points, ChoiceScoring scoring);
// Fill-in: the key's blanks are separated by "；" / ";" and each blank may
// list alternatives separated by "/" or "|"; the answer's blanks the same
// way (or by white space when the key has several blanks and the answer
// no separator). Each blank is worth points / blanks and matches when its
// normalised text (simplified, half-width, no spaces or punctuation, case
// folded) equals an alternative's.
double ScoreFillIn(const std::string& key, const std::string& answer, double points);

// The reference answer split into key points (numbered items (1) 1. ①,
// lines, and sentences or clauses ending in 。；;), each with its content
// words (segmented, normalised, stop words and single characters
// dropped). A key point is covered when at least 60% of its words are in
// the answer (a word counts when the answer has it as a word or has all
// of its character bigrams, so different segmentation still matches).
// `suggested` is points × covered / key points, rounded to 0.5.
struct Coverage {
  std::vector<KeyPoint> points;
  double suggested = 0;
};
Coverage KeyPointCoverage(const text::Tokenizer& tok, const std::string& reference,
                          const std::string& answer, double points);

// Submits an attempt (by the candidate, or because time ran out): grades
// every objective item, suggests scores for the others, and, if nothing is
// left for a grader, finishes it (Finish). kFailedPrecondition
// "attempt_closed" if not in progress. `questions` must hold every item's.
Status Submit(Attempt& a, const ExamSpec& e, const std::map<std::string, const Question*>& questions,
              const text::Tokenizer& tok, bool timed_out, Timestamp now);

// A grader's final score for one subjective item (0..its points, in steps
// of 0.5). kFailedPrecondition "not_submitted" while in progress;
// kValidation for an objective item, an index out of range or a score out
// of range. Allowed again after grading (a correction): the result is
// recomputed, but a certificate already issued stays.
Status SetFinalScore(Attempt& a, const ExamSpec& e, int item, double score,
                     const std::string& grader, const std::string& comment);

// True when every item has a score (then Finish may run).
bool FullyScored(const Attempt& a);
// Adds up the scores, sets passed (score >= pass_percent of max) and the
// status to graded. REQUIRES: FullyScored(a).
void Finish(Attempt& a, const ExamSpec& e);

// A certificate: earned by passing an exam that grants one.
struct Certificate {
  std::string id;  // "Z-000001"
  std::string login;
  std::string name;  // the exam's certification
  std::string exam_id;
  std::string attempt_id;
  double score = 0;
  Timestamp issued_at;
  Timestamp expires_at;
};
Certificate IssueCertificate(const ExamSpec& e, const Attempt& a, const std::string& id,
                             Timestamp now);
bool IsValid(const Certificate& c, Timestamp now);  // issued_at <= now < expires_at

// Per question over graded attempts that drew it:
//   difficulty: mean score / points (the p-value; 1 = everyone right);
//   discrimination: mean score ratio of the upper 27% of those attempts
//     (by total score ratio) minus that of the lower 27% (nullopt under 4
//     attempts). Near 0 or negative: the item does not separate strong
//     from weak candidates.
struct ItemStat {
  std::string question_id;
  int responses = 0;
  double difficulty = 0;
  std::optional<double> discrimination;
};
std::vector<ItemStat> ItemStatistics(const std::vector<Attempt>& graded);

}  // namespace kefu::training
