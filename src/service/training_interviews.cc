// Training: structured interviews (training_service.h).
#include <algorithm>

#include "core/access.h"
#include "service/training_records.h"
#include "service/training_service.h"

namespace kefu {

using namespace training_records;  // NOLINT: this module's own helpers
using training::Interview;
using training::ojson;

namespace {

bool SeesAll(const Actor& a) { return a.role == Role::kManager || a.role == Role::kAdmin; }

struct Sheet {
  std::vector<training::InterviewScore> scores;
  std::vector<training::InterviewVerdict> verdicts;
};

StatusOr<Sheet> SheetOf(Store& s, Txn& txn, const std::string& interview_id) {
  Sheet out;
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(s, txn, {.kind = "interview_score", .ref = interview_id,
                                                    .oldest_first = true}));
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(auto sc, training::InterviewScoreFromJson(r.body));
    out.scores.push_back(std::move(sc));
  }
  KEFU_ASSIGN_OR_RETURN(rows, ListAll(s, txn, {.kind = "interview_verdict", .ref = interview_id,
                                               .oldest_first = true}));
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(auto v, training::InterviewVerdictFromJson(r.body));
    out.verdicts.push_back(std::move(v));
  }
  return out;
}

// What `viewer` sees of an interview: kNotFound unless on the hiring team
// or a manager / admin (who see the candidate masked). An interviewer who
// has not given a verdict sees only their own scores and no report.
StatusOr<InterviewView> ViewOf(Store& s, Txn& txn, const Actor& viewer, Interview i, bool with_sheet) {
  InterviewView v;
  v.on_team = training::OnHiringTeam(i, viewer.login);
  v.may_decide = training::Decides(i, viewer.login) && IsSupervisor(viewer.role) &&
                 i.status == training::InterviewStatus::kScheduled;
  if (!v.on_team && !SeesAll(viewer)) return NotFound("interview " + i.id + " not found");
  if (!v.on_team) i.candidate = training::Masked(i.candidate);
  if (with_sheet) {
    KEFU_ASSIGN_OR_RETURN(auto kit, GetPaper(s, txn, i.kit_id));
    KEFU_ASSIGN_OR_RETURN(auto qs, QuestionsOfPaper(s, txn, kit.value));
    v.kit = {std::move(kit.value), std::move(qs)};
    KEFU_ASSIGN_OR_RETURN(Sheet sheet, SheetOf(s, txn, i.id));
    bool blind = training::IsInterviewer(i, viewer.login) &&
                 std::none_of(sheet.verdicts.begin(), sheet.verdicts.end(),
                              [&](const training::InterviewVerdict& x) { return x.interviewer == viewer.login; });
    if (blind) {
      for (auto& sc : sheet.scores) {
        if (sc.interviewer == viewer.login) v.scores.push_back(std::move(sc));
      }
    } else {
      v.report = training::BuildReport(i, v.kit.paper, v.kit.questions, sheet.scores, sheet.verdicts);
      v.scores = std::move(sheet.scores);
      v.verdicts = std::move(sheet.verdicts);
    }
  }
  v.interview = std::move(i);
  return v;
}

Status SaveInterview(Store& s, Txn& txn, const Interview& i, int64_t version, Timestamp now) {
  return Update(s, txn, "interview", i.id, {i.created_by, i.kit_id, std::string(ToString(i.status))},
                training::ToJson(i), version, now);
}

}  // namespace

StatusOr<InterviewView> TrainingService::CreateInterview(const Actor& a, Interview i) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "schedule interviews"));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  auto kit = training_records::GetPaper(store_, *txn, i.kit_id);
  if (!kit.ok() || kit->value.kind != training::PaperKind::kInterviewKit) {
    return ValidationError("kit_id names no interview kit: " + i.kit_id);
  }
  if (i.role.empty()) i.role = kit->value.role.empty() ? kit->value.title : kit->value.role;
  KEFU_RETURN_IF_ERROR(training::ValidateInterview(i));
  for (const auto& l : i.interviewers) KEFU_RETURN_IF_ERROR(CheckStaffLogin(store_, *txn, l, "interviewers"));
  for (const auto& l : i.hiring_team) KEFU_RETURN_IF_ERROR(CheckStaffLogin(store_, *txn, l, "hiring_team"));
  KEFU_ASSIGN_OR_RETURN(i.id, NewId(store_, *txn, 'I'));
  i.status = training::InterviewStatus::kScheduled;
  i.created_by = a.login;
  i.created_at = now;
  KEFU_RETURN_IF_ERROR(Insert(store_, *txn, "interview", i.id, {a.login, i.kit_id, "scheduled"},
                              training::ToJson(i), now));
  // The audit log is read by admins: no personal data of the candidate.
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.interview.create", i.id,
                             {{"kit_id", i.kit_id}, {"role", i.role}, {"interviewers", i.interviewers},
                              {"hiring_team", i.hiring_team}},
                             now));
  for (const auto& l : i.interviewers) {
    Notification n{0, l, "", "interview_assigned", "面试评分 / interview to score: " + i.id + " " + i.role, now};
    KEFU_RETURN_IF_ERROR(store_.AppendNotification(*txn, n));
  }
  KEFU_ASSIGN_OR_RETURN(InterviewView v, ViewOf(store_, *txn, a, i, true));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return v;
}

StatusOr<std::vector<InterviewView>> TrainingService::ListInterviews(const Actor& a) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(store_, *txn, {.kind = "interview"}));
  std::vector<InterviewView> out;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(Interview i, training::InterviewFromJson(r.body));
    auto v = ViewOf(store_, *txn, a, std::move(i), false);
    if (v.ok()) out.push_back(std::move(*v));
    else if (v.status().code() != StatusCode::kNotFound) return v.status();
  }
  return out;
}

StatusOr<InterviewView> TrainingService::GetInterview(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto vi, training_records::GetInterview(store_, *txn, id));
  return ViewOf(store_, *txn, a, std::move(vi.value), true);
}

StatusOr<InterviewView> TrainingService::Score(const Actor& a, const std::string& id,
                                               const std::string& question_id, int score,
                                               const std::string& notes) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(auto vi, training_records::GetInterview(store_, *txn, id));
  KEFU_RETURN_IF_ERROR(ViewOf(store_, *txn, a, vi.value, false).status());  // 404 for outsiders
  KEFU_ASSIGN_OR_RETURN(auto kit, training_records::GetPaper(store_, *txn, vi.value.kit_id));
  training::InterviewScore sc{a.login, question_id, score, notes, now};
  KEFU_RETURN_IF_ERROR(training::CheckScore(vi.value, kit.value, sc));
  KEFU_RETURN_IF_ERROR(Put(store_, *txn, "interview_score", id + "/" + a.login + "/" + question_id,
                           {a.login, id, ""}, training::ToJson(sc), now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.interview.score", id,
                             {{"question_id", question_id}, {"score", score}}, now));
  KEFU_ASSIGN_OR_RETURN(InterviewView v, ViewOf(store_, *txn, a, std::move(vi.value), true));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return v;
}

StatusOr<InterviewView> TrainingService::Verdict(const Actor& a, const std::string& id, bool hire,
                                                 const std::string& notes) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(auto vi, training_records::GetInterview(store_, *txn, id));
  KEFU_RETURN_IF_ERROR(ViewOf(store_, *txn, a, vi.value, false).status());
  training::InterviewVerdict v{a.login, hire, notes, now};
  KEFU_RETURN_IF_ERROR(training::CheckVerdict(vi.value, v));
  KEFU_RETURN_IF_ERROR(Put(store_, *txn, "interview_verdict", id + "/" + a.login, {a.login, id, ""},
                           training::ToJson(v), now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.interview.verdict", id,
                             {{"recommendation", hire ? "hire" : "no_hire"}}, now));
  KEFU_ASSIGN_OR_RETURN(InterviewView out, ViewOf(store_, *txn, a, std::move(vi.value), true));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return out;
}

StatusOr<InterviewView> TrainingService::Decide(const Actor& a, const std::string& id,
                                                const std::string& decision, const std::string& note) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  if (decision != "hire" && decision != "no_hire") return ValidationError("decision must be hire or no_hire");
  if (note.size() > 4000) return ValidationError("note is over 4000 bytes");
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(auto vi, training_records::GetInterview(store_, *txn, id));
  KEFU_RETURN_IF_ERROR(ViewOf(store_, *txn, a, vi.value, false).status());
  Interview& i = vi.value;
  if (!training::Decides(i, a.login) || !IsSupervisor(a.role)) {
    return PermissionDenied("录用决定由招聘负责人（创建人或招聘小组中的主管）作出 / "
                            "the interview's creator or a lead or above of its hiring team decides");
  }
  if (i.status == training::InterviewStatus::kDecided) {
    return FailedPrecondition("interview_decided", "面试已有录用决定 / the interview is decided");
  }
  i.status = training::InterviewStatus::kDecided;
  i.decision = decision;
  i.decided_by = a.login;
  i.decision_note = note;
  KEFU_RETURN_IF_ERROR(SaveInterview(store_, *txn, i, vi.version, now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.interview.decide", id, {{"decision", decision}}, now));
  KEFU_ASSIGN_OR_RETURN(InterviewView out, ViewOf(store_, *txn, a, std::move(i), true));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return out;
}

}  // namespace kefu
