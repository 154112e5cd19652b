// Training, certification and structured interviews (src/training/ for
// the rules; docs/api.md §12). The service keeps everything as training
// records (store.h), audits every change, and decides who may see what:
//
//   trainers      leads, managers, admins: save papers, see the bank with
//                 keys, build exams, grade, see results and statistics,
//                 assign training, set certification rules;
//   candidates    any staff member allowed by the exam (its candidate list
//                 or an open assignment): start, autosave, submit, see
//                 their own attempts and certificates; the key only after
//                 grading;
//   hiring team   an interview's creator, hiring team and interviewers:
//                 the candidate's personal data. Managers and admins see
//                 every interview with the candidate masked; anyone else
//                 gets 404. Interviewers score independently: they see the
//                 others' scores only after giving their own verdict.
//   customers     nothing here (403).
//
// Records (kind: owner / ref / status):
//   paper: creator / "exam"|"interview_kit" / "active"
//   question: "" / paper id / type
//   exam: creator / "" / "open"
//   attempt: candidate / exam id / attempt status
//   certificate: login / certification name / "issued"
//   interview: creator / kit id / interview status
//   interview_score: interviewer / interview id / ""   (id: I-…/login/Q-…)
//   interview_verdict: interviewer / interview id / "" (id: I-…/login)
//   assignment: login / exam id / "open"|"done"
//   skill_rule: "" / certification / "active"           (id: the skill)
//   qa_rule: "" / exam id / "active"                    (id: the QA area)
//   qa_result: agent login / area / ""
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "service/paging.h"
#include "store/store.h"
#include "text/tokenizer.h"
#include "training/bank.h"
#include "training/exam.h"
#include "training/grading.h"
#include "training/interview.h"

namespace kefu {

struct SavedPaper {
  training::Paper paper;
  std::vector<training::Question> questions;
};

struct PaperInput {
  training::ParsedPaper parsed;
  std::string role;               // interview kits
  std::vector<std::string> tags;  // added to every question
  bool ignore_problems = false;
};

struct QuestionQuery {
  std::string paper_id;
  std::string type;  // a type code, "" = any
  std::string tag;
  // Words in the stem, options or key, in either script (compared
  // normalised: 保溫杯 finds 保温杯); "" = any.
  std::string text;
};

// An attempt with the questions its items show.
struct AttemptView {
  training::Attempt attempt;
  training::ExamSpec exam;
  std::map<std::string, training::Question> questions;
  bool trainer = false;  // the viewer may see keys and grading aids
};

struct ExamResults {
  training::ExamSpec exam;
  std::vector<training::Attempt> attempts;  // every attempt, newest first
  std::vector<training::ItemStat> items;
  std::map<std::string, training::Question> questions;  // of `items`
  int candidates = 0, passed = 0;
};

struct InterviewView {
  training::Interview interview;  // candidate masked unless on the hiring team
  bool on_team = false;
  bool may_decide = false;  // the viewer may record the decision now
  SavedPaper kit;
  std::vector<training::InterviewScore> scores;     // what the viewer may see
  std::vector<training::InterviewVerdict> verdicts; // idem
  std::optional<training::InterviewReport> report;  // when the viewer may see it
};

struct Assignment {
  std::string id;  // "N-000001"
  std::string login;
  std::string exam_id;
  std::string reason;
  std::string source;  // "lead" or "qa"
  std::string area;    // the QA area, for "qa"
  std::optional<Timestamp> due_at;
  std::string status;  // "open", "done"
  std::string assigned_by;
  Timestamp created_at;
  std::string attempt_id;  // the passing attempt, once done
};

struct SkillRule {
  std::string skill;          // a routing skill, e.g. "category:cross_border"
  std::string certification;  // what an agent must hold, unexpired
};

struct QaRule {
  std::string area;     // a QA scorecard area, e.g. "policy_accuracy"
  std::string exam_id;  // the training assigned
  double threshold = 60;  // a score below this assigns it (0..100)
};

struct QaResultOutcome {
  std::optional<Assignment> assigned;  // none: above the threshold, no rule, or already assigned
};

class TrainingService {
 public:
  // `seed` gives each attempt's draw its randomness (tests fix it).
  TrainingService(Store& store, Clock& clock, const text::Tokenizer& tok,
                  std::function<uint64_t()> seed = {});

  // Papers and the bank (trainers).
  StatusOr<SavedPaper> SavePaper(const Actor& a, const PaperInput& in);
  StatusOr<Page<training::Paper>> ListPapers(const Actor& a, const std::string& kind, const PageRequest& p);
  StatusOr<SavedPaper> GetPaper(const Actor& a, const std::string& id);
  StatusOr<Page<training::Question>> ListQuestions(const Actor& a, const QuestionQuery& q,
                                                   const PageRequest& p);

  // Exams. CreateExam refuses a blueprint the bank cannot fill
  // (kFailedPrecondition "bank_too_small").
  StatusOr<training::ExamSpec> CreateExam(const Actor& a, training::ExamSpec e);
  StatusOr<std::vector<training::ExamSpec>> ListExams(const Actor& a);
  StatusOr<training::ExamSpec> GetExam(const Actor& a, const std::string& id);
  // The candidate's open attempt if there is one (created = false), else a
  // new one.
  StatusOr<std::pair<AttemptView, bool>> StartAttempt(const Actor& a, const std::string& exam_id);
  // The candidate or a trainer. An attempt whose time ran out is submitted
  // first.
  StatusOr<AttemptView> GetAttempt(const Actor& a, const std::string& id);
  StatusOr<AttemptView> SaveAnswers(const Actor& a, const std::string& id,
                                    const std::map<int, training::Answer>& answers);
  StatusOr<AttemptView> Submit(const Actor& a, const std::string& id);
  // Trainers (not their own attempt: kPermissionDenied "self_grading").
  // `comment` absent keeps the item's comment.
  StatusOr<AttemptView> Grade(const Actor& a, const std::string& id, int item, double score,
                              const std::optional<std::string>& comment);
  // Trainers: every attempt of an exam (status "" = any); a candidate:
  // their own.
  StatusOr<std::vector<training::Attempt>> ListAttempts(const Actor& a, const std::string& exam_id,
                                                        const std::string& status);
  StatusOr<ExamResults> Results(const Actor& a, const std::string& exam_id);
  // Submits attempts whose time ran out; returns how many.
  StatusOr<int> SweepExpired();

  // Certificates: one's own, or anyone's for trainers ("" = the caller).
  StatusOr<std::vector<training::Certificate>> Certificates(const Actor& a, const std::string& login);
  // Whether `login` holds an unexpired certificate `name` (routing uses this).
  StatusOr<bool> Holds(Txn& txn, const std::string& login, const std::string& name);

  // Interviews.
  StatusOr<InterviewView> CreateInterview(const Actor& a, training::Interview i);
  StatusOr<std::vector<InterviewView>> ListInterviews(const Actor& a);
  StatusOr<InterviewView> GetInterview(const Actor& a, const std::string& id);
  StatusOr<InterviewView> Score(const Actor& a, const std::string& id, const std::string& question_id,
                                int score, const std::string& notes);
  StatusOr<InterviewView> Verdict(const Actor& a, const std::string& id, bool hire, const std::string& notes);
  // The creator or a hiring-team member (training::Decides) who is a lead
  // or above: "hire" / "no_hire".
  StatusOr<InterviewView> Decide(const Actor& a, const std::string& id, const std::string& decision,
                                 const std::string& note);

  // Assignments: trainers assign; agents see their own.
  StatusOr<Assignment> Assign(const Actor& a, const std::string& login, const std::string& exam_id,
                              const std::string& reason, std::optional<Timestamp> due_at);
  StatusOr<std::vector<Assignment>> Assignments(const Actor& a, const std::string& login);

  // Certification rules for routing skills (trainers set, staff read).
  StatusOr<SkillRule> PutSkillRule(const Actor& a, const SkillRule& r);
  Status DeleteSkillRule(const Actor& a, const std::string& skill);
  StatusOr<std::vector<SkillRule>> SkillRules(const Actor& a);

  // QA tie-in: areas whose low scores assign training, and the QA results
  // that trigger it (recorded by a lead, or by a QA tool through the API).
  StatusOr<QaRule> PutQaRule(const Actor& a, const QaRule& r);
  StatusOr<std::vector<QaRule>> QaRules(const Actor& a);
  StatusOr<QaResultOutcome> RecordQaResult(const Actor& a, const std::string& login,
                                           const std::string& area, double score,
                                           const std::string& note);

 private:
  Store& store_;
  Clock& clock_;
  const text::Tokenizer& tok_;
  std::function<uint64_t()> seed_;
};

// The certification each guarded routing skill requires (skill ->
// certification name), from the active skill rules. Routing reads them
// once per snapshot (service/scheduler.cc).
using SkillGuards = std::map<std::string, std::string>;
StatusOr<SkillGuards> LoadSkillGuards(Store& store, Txn& txn);

// The skills an agent may be routed on: `skills` minus the guarded ones
// whose certificate the agent does not hold unexpired at `now`. Reads the
// agent's certificates only when one of their skills is guarded.
StatusOr<std::vector<std::string>> CertifiedSkills(Store& store, Txn& txn, const SkillGuards& guards,
                                                   const std::string& login,
                                                   const std::vector<std::string>& skills, Timestamp now);

}  // namespace kefu
