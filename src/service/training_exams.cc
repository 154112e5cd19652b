// Training: exams, attempts, grading, results and certificates
// (training_service.h).
#include <algorithm>
#include <set>

#include "core/access.h"
#include "service/training_records.h"
#include "service/training_service.h"

namespace kefu {

using namespace training_records;  // NOLINT: this module's own helpers
using training::Attempt;
using training::AttemptStatus;
using training::ExamSpec;
using training::ojson;

namespace {

Status SaveAttempt(Store& s, Txn& txn, const Attempt& a, int64_t version, Timestamp now) {
  return Update(s, txn, "attempt", a.id, {a.candidate, a.exam_id, std::string(ToString(a.status))},
                training::ToJson(a), version, now);
}

bool IsTrainer(const Actor& a) { return IsSupervisor(a.role); }

// Whether `login` may sit `e`: named, or the exam is open to all staff, or
// an open assignment asks for it.
StatusOr<bool> MaySit(Store& s, Txn& txn, const ExamSpec& e, const std::string& login) {
  if (e.candidates.empty() || std::count(e.candidates.begin(), e.candidates.end(), login)) return true;
  KEFU_ASSIGN_OR_RETURN(auto as, AssignmentsOf(s, txn, login));
  return std::any_of(as.begin(), as.end(),
                     [&](const Assignment& x) { return x.exam_id == e.id && x.status == "open"; });
}

// What follows grading: a certificate for a pass of an exam that grants
// one, and the candidate's open assignments of the exam done.
Status AfterGraded(Store& s, Txn& txn, const Actor& by, Attempt& a, const ExamSpec& e, Timestamp now) {
  if (a.status != AttemptStatus::kGraded || !a.passed) return OkStatus();
  if (!e.certification.empty() && a.certificate_id.empty()) {
    KEFU_ASSIGN_OR_RETURN(std::string id, NewId(s, txn, 'Z'));
    training::Certificate c = training::IssueCertificate(e, a, id, now);
    KEFU_RETURN_IF_ERROR(Insert(s, txn, "certificate", id, {c.login, c.name, "issued"}, training::ToJson(c), now));
    KEFU_RETURN_IF_ERROR(Audit(s, txn, by, "training.certificate.issue", id, training::ToJson(c), now));
    Notification n{0, c.login, "", "certificate_issued", "获得认证 / certified: " + c.name, now};
    KEFU_RETURN_IF_ERROR(s.AppendNotification(txn, n));
    a.certificate_id = id;
  }
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(s, txn, {.kind = "assignment", .owner = a.candidate,
                                                    .ref = e.id, .status = "open"}));
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(Assignment as, AssignmentFromJson(r.body));
    as.status = "done";
    as.attempt_id = a.id;
    KEFU_RETURN_IF_ERROR(Update(s, txn, "assignment", as.id, {as.login, as.exam_id, "done"}, ToJson(as),
                                r.version, now));
  }
  return OkStatus();
}

using QuestionMap = std::map<std::string, training::Question>;

// The questions an attempt's items show, read once per request.
StatusOr<QuestionMap> QuestionsOf(Store& s, Txn& txn, const Attempt& a) {
  std::vector<std::string> ids;
  for (const auto& it : a.items) ids.push_back(it.question_id);
  return QuestionsByIds(s, txn, ids);
}

// Submits `va` (the candidate's own submission, or time ran out) and
// stores it. REQUIRES: in progress; `qs` holds its items' questions.
Status SubmitIn(Store& s, Txn& txn, const Actor& by, Versioned<Attempt>& va, const ExamSpec& e,
                const QuestionMap& qs, const text::Tokenizer& tok, bool timed_out, Timestamp now) {
  Attempt& a = va.value;
  KEFU_RETURN_IF_ERROR(training::Submit(a, e, Pointers(qs), tok, timed_out, now));
  KEFU_RETURN_IF_ERROR(AfterGraded(s, txn, by, a, e, now));
  KEFU_RETURN_IF_ERROR(SaveAttempt(s, txn, a, va.version, now));
  ++va.version;
  return Audit(s, txn, by, timed_out ? "training.attempt.time_up" : "training.attempt.submit", a.id,
               {{"status", ToString(a.status)}, {"score", a.score}}, now);
}

const Actor kSystem{"system", Role::kAdmin, ""};

AttemptView ViewOf(const Actor& viewer, Attempt a, ExamSpec e, QuestionMap qs) {
  bool trainer = IsTrainer(viewer) && viewer.login != a.candidate;
  return AttemptView{std::move(a), std::move(e), std::move(qs), trainer};
}

}  // namespace

StatusOr<ExamSpec> TrainingService::CreateExam(const Actor& a, ExamSpec e) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "create exams"));
  KEFU_RETURN_IF_ERROR(training::ValidateExamSpec(e));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  for (const auto& c : e.candidates) KEFU_RETURN_IF_ERROR(CheckStaffLogin(store_, *txn, c, "candidates"));
  for (const auto& s : e.sections) {
    if (s.paper_id.empty()) continue;
    auto p = training_records::GetPaper(store_, *txn, s.paper_id);
    if (!p.ok()) return ValidationError("sections name no paper " + s.paper_id);
  }
  KEFU_ASSIGN_OR_RETURN(auto bank, BankFor(store_, *txn, e));
  auto counts = training::MatchingCounts(e, bank);
  for (size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] < e.sections[i].count) {
      return FailedPrecondition("bank_too_small",
                                "题库中符合第" + std::to_string(i + 1) + "部分条件的题目只有 " +
                                    std::to_string(counts[i]) + " 道 / section " + std::to_string(i + 1) +
                                    " asks for " + std::to_string(e.sections[i].count) +
                                    " questions, the bank has " + std::to_string(counts[i]));
    }
  }
  KEFU_ASSIGN_OR_RETURN(e.id, NewId(store_, *txn, 'E'));
  e.created_by = a.login;
  e.created_at = now;
  KEFU_RETURN_IF_ERROR(Insert(store_, *txn, "exam", e.id, {a.login, "", "open"}, training::ToJson(e), now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.exam.create", e.id, training::ToJson(e), now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return e;
}

StatusOr<std::vector<ExamSpec>> TrainingService::ListExams(const Actor& a) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(store_, *txn, {.kind = "exam"}));
  std::vector<ExamSpec> out;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(ExamSpec e, training::ExamSpecFromJson(r.body));
    bool may = IsTrainer(a);
    if (!may) {
      KEFU_ASSIGN_OR_RETURN(may, MaySit(store_, *txn, e, a.login));
    }
    if (may) out.push_back(std::move(e));
  }
  return out;
}

StatusOr<ExamSpec> TrainingService::GetExam(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto e, training_records::GetExam(store_, *txn, id));
  if (!IsTrainer(a)) {
    KEFU_ASSIGN_OR_RETURN(bool may, MaySit(store_, *txn, e.value, a.login));
    if (!may) return NotFound("exam " + id + " not found");
  }
  return e.value;
}

StatusOr<std::pair<AttemptView, bool>> TrainingService::StartAttempt(const Actor& a,
                                                                     const std::string& exam_id) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(auto ve, training_records::GetExam(store_, *txn, exam_id));
  ExamSpec e = ve.value;
  KEFU_ASSIGN_OR_RETURN(bool may, MaySit(store_, *txn, e, a.login));
  if (!may) {
    if (!IsTrainer(a)) return NotFound("exam " + exam_id + " not found");
    return Status(StatusCode::kPermissionDenied, "not_a_candidate",
                  "你不在本次考试的考生名单中 / you are not a candidate of this exam");
  }
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(store_, *txn, {.kind = "attempt", .owner = a.login, .ref = exam_id,
                                                          .oldest_first = true}));
  std::vector<Attempt> earlier;
  bool closed_any = false;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(Attempt at, training::AttemptFromJson(r.body));
    Versioned<Attempt> va{std::move(at), r.version};
    if (va.value.status == AttemptStatus::kInProgress) {
      KEFU_ASSIGN_OR_RETURN(QuestionMap qs, QuestionsOf(store_, *txn, va.value));
      if (!training::TimeUp(va.value, now)) {
        return std::make_pair(ViewOf(a, std::move(va.value), e, std::move(qs)), false);
      }
      KEFU_RETURN_IF_ERROR(SubmitIn(store_, *txn, kSystem, va, e, qs, tok_, true, now));
      closed_any = true;
    }
    earlier.push_back(std::move(va.value));
  }
  ExamSpec allowed = e;
  allowed.candidates.clear();  // MaySit decided
  KEFU_ASSIGN_OR_RETURN(auto bank, BankFor(store_, *txn, e));
  KEFU_ASSIGN_OR_RETURN(std::string id, NewId(store_, *txn, 'W'));
  auto started = training::StartAttempt(allowed, earlier, a.login, bank, seed_(), id, now);
  if (!started.ok()) {
    if (closed_any) KEFU_RETURN_IF_ERROR(txn->Commit());  // the timed-out attempts stay submitted
    return started.status();
  }
  Attempt at = std::move(*started);
  KEFU_RETURN_IF_ERROR(Insert(store_, *txn, "attempt", at.id, {a.login, exam_id, "in_progress"},
                              training::ToJson(at), now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.attempt.start", at.id,
                             {{"exam_id", exam_id}, {"number", at.number}, {"items", at.items.size()}}, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  QuestionMap qs;  // the drawn questions, from the bank already read
  for (auto& q : bank) {
    if (std::any_of(at.items.begin(), at.items.end(), [&](const training::DrawnItem& it) { return it.question_id == q.id; })) {
      std::string qid = q.id;
      qs.emplace(std::move(qid), std::move(q));
    }
  }
  return std::make_pair(ViewOf(a, std::move(at), std::move(e), std::move(qs)), true);
}

namespace {

// The attempt `id` if `a` may see it: its candidate, or a trainer.
Status CheckAttemptVisible(const Actor& a, const Attempt& at) {
  if (at.candidate == a.login || IsTrainer(a)) return OkStatus();
  return NotFound("attempt " + at.id + " not found");
}

// The attempt `id` for its candidate to act on: 404 for those who may not
// see it, 403 `refusal` for a trainer who may see it but is not the
// candidate.
StatusOr<Versioned<Attempt>> CandidatesAttempt(Store& s, Txn& txn, const Actor& a, const std::string& id,
                                               const char* refusal) {
  KEFU_ASSIGN_OR_RETURN(auto va, training_records::GetAttempt(s, txn, id));
  if (va.value.candidate == a.login) return va;
  KEFU_RETURN_IF_ERROR(CheckAttemptVisible(a, va.value));
  return PermissionDenied(refusal);
}

}  // namespace

StatusOr<AttemptView> TrainingService::GetAttempt(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  Timestamp now = clock_.Now();
  // A read; only an attempt whose time ran out is submitted, in a write
  // transaction that reads it again.
  for (TxnMode mode : {TxnMode::kRead, TxnMode::kWrite}) {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(mode));
    KEFU_ASSIGN_OR_RETURN(auto va, training_records::GetAttempt(store_, *txn, id));
    KEFU_RETURN_IF_ERROR(CheckAttemptVisible(a, va.value));
    KEFU_ASSIGN_OR_RETURN(auto ve, training_records::GetExam(store_, *txn, va.value.exam_id));
    KEFU_ASSIGN_OR_RETURN(QuestionMap qs, QuestionsOf(store_, *txn, va.value));
    bool expired = va.value.status == AttemptStatus::kInProgress && training::TimeUp(va.value, now);
    if (expired && mode == TxnMode::kRead) continue;
    if (expired) {
      KEFU_RETURN_IF_ERROR(SubmitIn(store_, *txn, kSystem, va, ve.value, qs, tok_, true, now));
      KEFU_RETURN_IF_ERROR(txn->Commit());
    }
    return ViewOf(a, std::move(va.value), std::move(ve.value), std::move(qs));
  }
  return Internal("unreachable");
}

StatusOr<AttemptView> TrainingService::SaveAnswers(const Actor& a, const std::string& id,
                                                   const std::map<int, training::Answer>& answers) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(auto va, CandidatesAttempt(store_, *txn, a, id,
                                                    "只有考生本人可以作答 / only the candidate answers"));
  KEFU_ASSIGN_OR_RETURN(auto ve, training_records::GetExam(store_, *txn, va.value.exam_id));
  KEFU_ASSIGN_OR_RETURN(QuestionMap qs, QuestionsOf(store_, *txn, va.value));
  if (va.value.status == AttemptStatus::kInProgress && training::TimeUp(va.value, now)) {
    KEFU_RETURN_IF_ERROR(SubmitIn(store_, *txn, kSystem, va, ve.value, qs, tok_, true, now));
    KEFU_RETURN_IF_ERROR(txn->Commit());
    return FailedPrecondition("time_up", "考试时间已到，已按已保存的答案交卷 / time is up: the saved answers were submitted");
  }
  KEFU_RETURN_IF_ERROR(training::SaveAnswers(va.value, answers, Pointers(qs), now));
  KEFU_RETURN_IF_ERROR(SaveAttempt(store_, *txn, va.value, va.version, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return ViewOf(a, std::move(va.value), std::move(ve.value), std::move(qs));
}

StatusOr<AttemptView> TrainingService::Submit(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(auto va, CandidatesAttempt(store_, *txn, a, id,
                                                    "只有考生本人可以交卷 / only the candidate submits"));
  if (va.value.status != AttemptStatus::kInProgress) {
    return FailedPrecondition("attempt_closed", "试卷已提交 / the attempt was submitted");
  }
  KEFU_ASSIGN_OR_RETURN(auto ve, training_records::GetExam(store_, *txn, va.value.exam_id));
  KEFU_ASSIGN_OR_RETURN(QuestionMap qs, QuestionsOf(store_, *txn, va.value));
  bool late = training::TimeUp(va.value, now);
  KEFU_RETURN_IF_ERROR(SubmitIn(store_, *txn, late ? kSystem : a, va, ve.value, qs, tok_, late, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return ViewOf(a, std::move(va.value), std::move(ve.value), std::move(qs));
}

StatusOr<AttemptView> TrainingService::Grade(const Actor& a, const std::string& id, int item, double score,
                                             const std::optional<std::string>& comment) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "grade exams"));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(auto va, training_records::GetAttempt(store_, *txn, id));
  if (va.value.candidate == a.login) {
    return Status(StatusCode::kPermissionDenied, "self_grading", "不能给自己的试卷评分 / you cannot grade your own attempt");
  }
  KEFU_ASSIGN_OR_RETURN(auto ve, training_records::GetExam(store_, *txn, va.value.exam_id));
  std::string kept = item >= 0 && item < static_cast<int>(va.value.grades.size()) ? va.value.grades[item].comment : "";
  KEFU_RETURN_IF_ERROR(training::SetFinalScore(va.value, ve.value, item, score, a.login, comment.value_or(kept)));
  KEFU_RETURN_IF_ERROR(AfterGraded(store_, *txn, a, va.value, ve.value, now));
  KEFU_RETURN_IF_ERROR(SaveAttempt(store_, *txn, va.value, va.version, now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.attempt.grade", id,
                             {{"item", item}, {"score", score}, {"status", ToString(va.value.status)}}, now));
  KEFU_ASSIGN_OR_RETURN(QuestionMap qs, QuestionsOf(store_, *txn, va.value));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return ViewOf(a, std::move(va.value), std::move(ve.value), std::move(qs));
}

StatusOr<int> TrainingService::SweepExpired() {
  Timestamp now = clock_.Now();
  // Find them on a read snapshot; take the write lock only when there are some.
  std::vector<std::string> expired;
  {
    KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
    KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(store_, *txn, {.kind = "attempt", .status = "in_progress"}));
    for (const auto& r : rows) {
      KEFU_ASSIGN_OR_RETURN(Attempt at, training::AttemptFromJson(r.body));
      if (training::TimeUp(at, now)) expired.push_back(at.id);
    }
  }
  if (expired.empty()) return 0;
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  std::map<std::string, ExamSpec> exams;
  int n = 0;
  for (const auto& id : expired) {
    KEFU_ASSIGN_OR_RETURN(auto va, training_records::GetAttempt(store_, *txn, id));
    if (va.value.status != AttemptStatus::kInProgress) continue;  // submitted meanwhile
    if (!exams.count(va.value.exam_id)) {
      KEFU_ASSIGN_OR_RETURN(auto ve, training_records::GetExam(store_, *txn, va.value.exam_id));
      exams.emplace(va.value.exam_id, std::move(ve.value));
    }
    KEFU_ASSIGN_OR_RETURN(QuestionMap qs, QuestionsOf(store_, *txn, va.value));
    KEFU_RETURN_IF_ERROR(SubmitIn(store_, *txn, kSystem, va, exams.at(va.value.exam_id), qs, tok_, true, now));
    ++n;
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return n;
}

StatusOr<std::vector<Attempt>> TrainingService::ListAttempts(const Actor& a, const std::string& exam_id,
                                                             const std::string& status) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  if (!status.empty() && status != "in_progress" && status != "submitted" && status != "graded") {
    return ValidationError("status must be in_progress, submitted or graded");
  }
  KEFU_RETURN_IF_ERROR(SweepExpired().status());
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  TrainingFilter f{.kind = "attempt", .ref = exam_id, .status = status};
  if (!IsTrainer(a)) f.owner = a.login;
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(store_, *txn, f));
  std::vector<Attempt> out;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(Attempt at, training::AttemptFromJson(r.body));
    out.push_back(std::move(at));
  }
  return out;
}

StatusOr<ExamResults> TrainingService::Results(const Actor& a, const std::string& exam_id) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "read exam results"));
  KEFU_RETURN_IF_ERROR(SweepExpired().status());
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto ve, training_records::GetExam(store_, *txn, exam_id));
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(store_, *txn, {.kind = "attempt", .ref = exam_id}));
  ExamResults out;
  out.exam = std::move(ve.value);
  std::set<std::string> candidates, passed;
  std::vector<Attempt> graded;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(Attempt at, training::AttemptFromJson(r.body));
    candidates.insert(at.candidate);
    if (at.status == AttemptStatus::kGraded) {
      if (at.passed) passed.insert(at.candidate);
      graded.push_back(at);
    }
    out.attempts.push_back(std::move(at));
  }
  out.items = training::ItemStatistics(graded);
  std::vector<std::string> ids;
  for (const auto& it : out.items) ids.push_back(it.question_id);
  KEFU_ASSIGN_OR_RETURN(out.questions, QuestionsByIds(store_, *txn, ids));
  out.candidates = static_cast<int>(candidates.size());
  out.passed = static_cast<int>(passed.size());
  return out;
}

}  // namespace kefu
