// Structured interviews: a kit (a paper of interview questions, each with
// the competencies it probes, a reference answer and a rubric anchored at
// levels 1..5), a candidate, a hiring team, several interviewers who
// score each answer 1..5 with notes and give a hire / no-hire view, and
// the kit's report.
//
// Candidates' personal data (name, phone, e-mail, notes) are visible only
// to the hiring team: the creator, the listed hiring team and the
// interviewers. Others who may see interviews (managers, admins) see the
// scores with the candidate masked.
//
// Pure: no I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "training/bank.h"

namespace kefu::training {

struct Candidate {
  std::string name;
  std::string phone;
  std::string email;
  std::string notes;
};

enum class InterviewStatus { kScheduled, kDecided };
std::string_view ToString(InterviewStatus s);

struct Interview {
  std::string id;  // "I-000001"
  std::string kit_id;
  std::string role;  // from the kit unless given
  Candidate candidate;
  std::vector<std::string> hiring_team;   // logins besides the creator
  std::vector<std::string> interviewers;  // logins; 1..10
  std::optional<Timestamp> scheduled_at;
  InterviewStatus status = InterviewStatus::kScheduled;
  std::string decision;  // "hire" / "no_hire" once decided
  std::string decided_by;
  std::string decision_note;
  double hire_threshold = 3.5;     // overall mean needed to suggest hire
  double competency_floor = 2.5;   // no competency mean may fall below
  std::string created_by;
  Timestamp created_at;
};

// kValidation naming the first bad field (no candidate name, no or too
// many interviewers, thresholds outside 1..5, texts too long).
Status ValidateInterview(const Interview& i);
bool OnHiringTeam(const Interview& i, const std::string& login);
bool IsInterviewer(const Interview& i, const std::string& login);
// Who may record the hiring decision (with a lead role or above): the
// creator and the listed hiring team, not interviewers alone.
bool Decides(const Interview& i, const std::string& login);
// The candidate as someone outside the hiring team sees them.
Candidate Masked(const Candidate& c);

struct InterviewScore {
  std::string interviewer;
  std::string question_id;
  int score = 0;  // 1..5
  std::string notes;
  Timestamp at;
};
struct InterviewVerdict {
  std::string interviewer;
  bool hire = false;
  std::string notes;
  Timestamp at;
};

// kPermissionDenied "not_interviewer" unless `login` is an interviewer;
// kFailedPrecondition "interview_decided" once decided; kValidation for a
// score outside 1..5, a question not in the kit, notes over 4,000 bytes.
Status CheckScore(const Interview& i, const Paper& kit, const InterviewScore& s);
Status CheckVerdict(const Interview& i, const InterviewVerdict& v);

struct QuestionResult {
  std::string question_id;
  std::vector<std::string> competencies;
  std::map<std::string, int> scores;  // interviewer -> 1..5
  std::optional<double> mean;
  int spread = 0;  // max - min
};
struct CompetencyResult {
  std::string competency;
  std::optional<double> mean;  // over every score of its questions
  // Max - min of the interviewers' own means for it.
  double spread = 0;
  std::map<std::string, double> by_interviewer;
};
struct InterviewReport {
  std::vector<QuestionResult> questions;      // kit order
  std::vector<CompetencyResult> competencies; // first appearance order
  std::optional<double> overall;              // mean of every score
  std::map<std::string, int> scored_by;       // interviewer -> questions scored
  std::vector<InterviewVerdict> verdicts;
  bool complete = false;  // every interviewer scored every question and gave a verdict
  // "hire" when overall >= hire_threshold, no competency mean below the
  // floor and no more no-hire than hire verdicts; "no_hire" otherwise;
  // "" while nothing is scored.
  std::string suggestion;
  std::vector<std::string> reasons;  // why, Chinese first ("领导力 2.0 低于 2.5 / below floor")
  // Questions and competencies whose interviewers differ by 2 or more:
  // to discuss before deciding.
  std::vector<std::string> disagreements;
};
InterviewReport BuildReport(const Interview& i, const Paper& kit,
                            const std::vector<Question>& questions,
                            const std::vector<InterviewScore>& scores,
                            const std::vector<InterviewVerdict>& verdicts);

}  // namespace kefu::training
