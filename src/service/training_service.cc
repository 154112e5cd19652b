// Training: papers and the bank, certificates, assignments, and the
// routing and QA tie-ins. Exams are in training_exams.cc, interviews in
// training_interviews.cc.
#include "service/training_service.h"

#include <algorithm>
#include <random>

#include "core/access.h"
#include "core/routing.h"
#include "service/training_records.h"
#include "text/normalizer.h"

namespace kefu {

using namespace training_records;  // NOLINT: this file's own helpers
using training::ojson;

namespace {

uint64_t RandomSeed() {
  static thread_local std::mt19937_64 gen{std::random_device{}()};
  return gen();
}

bool ValidTag(const std::string& t) { return !t.empty() && t.size() <= 100; }

}  // namespace

TrainingService::TrainingService(Store& store, Clock& clock, const text::Tokenizer& tok,
                                 std::function<uint64_t()> seed)
    : store_(store), clock_(clock), tok_(tok), seed_(seed ? std::move(seed) : RandomSeed) {}

StatusOr<SavedPaper> TrainingService::SavePaper(const Actor& a, const PaperInput& in) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "save exam papers"));
  if (in.role.size() > 100) return ValidationError("role is over 100 bytes");
  if (in.tags.size() > 20) return ValidationError("tags has over 20 tags");
  for (const auto& t : in.tags) {
    if (!ValidTag(t)) return ValidationError("tags has an empty tag or one over 100 bytes");
  }
  KEFU_RETURN_IF_ERROR(training::CheckSavable(in.parsed, in.ignore_problems));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(std::string paper_id, NewId(store_, *txn, 'X'));
  size_t n = training::QuestionCount(in.parsed);
  KEFU_ASSIGN_OR_RETURN(int64_t first, store_.ReserveSeqs(*txn, 'Q', static_cast<int64_t>(n)));
  std::vector<std::string> ids;
  for (size_t i = 0; i < n; ++i) ids.push_back(FormatId('Q', first + static_cast<int64_t>(i)));
  training::BuiltPaper built =
      training::BuildPaper(in.parsed, paper_id, ids, in.role, in.tags, a.login, now);
  if (built.paper.title.empty()) built.paper.title = paper_id;
  for (const auto& q : built.questions) {
    KEFU_RETURN_IF_ERROR(Insert(store_, *txn, "question", q.id, {"", paper_id, std::string(ToString(q.type))},
                                training::ToJson(q), now));
  }
  KEFU_RETURN_IF_ERROR(Insert(store_, *txn, "paper", paper_id,
                              {a.login, std::string(ToString(built.paper.kind)), "active"},
                              training::ToJson(built.paper), now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.paper.create", paper_id,
                             {{"title", built.paper.title}, {"kind", ToString(built.paper.kind)},
                              {"questions", n}, {"ignored_problems", in.parsed.problems.size()}},
                             now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return SavedPaper{std::move(built.paper), std::move(built.questions)};
}

StatusOr<Page<training::Paper>> TrainingService::ListPapers(const Actor& a, const std::string& kind,
                                                            const PageRequest& p) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "read exam papers"));
  if (!kind.empty() && kind != "exam" && kind != "interview_kit") {
    return ValidationError("kind must be exam or interview_kit");
  }
  KEFU_RETURN_IF_ERROR(CheckLimit(p.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(p.cursor));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto rows, store_.ListTrainingRecords(
                                       *txn, {.kind = "paper", .ref = kind, .before_seq = before,
                                              .limit = p.limit + 1}));
  std::vector<std::pair<int64_t, training::Paper>> items;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(training::Paper paper, training::PaperRecordFromJson(r.body));
    items.emplace_back(r.seq, std::move(paper));
  }
  auto page = MakePage(std::move(items), p.limit, [](const auto& it) { return it.first; });
  Page<training::Paper> out{{}, page.next_cursor};
  for (auto& [seq, paper] : page.items) out.items.push_back(std::move(paper));
  return out;
}

StatusOr<SavedPaper> TrainingService::GetPaper(const Actor& a, const std::string& id) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "read exam papers"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto paper, training_records::GetPaper(store_, *txn, id));
  KEFU_ASSIGN_OR_RETURN(auto questions, QuestionsOfPaper(store_, *txn, paper.value));
  return SavedPaper{std::move(paper.value), std::move(questions)};
}

StatusOr<Page<training::Question>> TrainingService::ListQuestions(const Actor& a, const QuestionQuery& q,
                                                                  const PageRequest& p) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "read the question bank"));
  if (!q.type.empty() && !training::ParseQuestionType(q.type)) {
    return ValidationError("type has an unknown value: " + Echo(q.type));
  }
  KEFU_RETURN_IF_ERROR(CheckLimit(p.limit));
  KEFU_ASSIGN_OR_RETURN(int64_t before, DecodeCursor(p.cursor));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  if (q.text.size() > 200) return ValidationError("q is over 200 bytes");
  const text::Normalizer& norm = text::DefaultNormalizer();
  const std::string needle = norm.Normalize(q.text);
  auto matches = [&](const training::Question& question) {
    if (needle.empty()) return true;
    std::string hay = question.stem + "\n" + question.key_text;
    for (const auto& [letter, option] : question.options) hay += "\n" + option;
    return norm.Normalize(hay).find(needle) != std::string::npos;
  };
  // Tags and text are in the body: scan pages until the page is full.
  std::vector<std::pair<int64_t, training::Question>> items;
  TrainingFilter f{.kind = "question", .ref = q.paper_id, .status = q.type, .before_seq = before,
                   .limit = 200};
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(auto rows, store_.ListTrainingRecords(*txn, f));
    for (const auto& r : rows) {
      KEFU_ASSIGN_OR_RETURN(training::Question question, training::QuestionFromJson(r.body));
      if (!q.tag.empty() && !training::HasTag(question, q.tag)) continue;
      if (!matches(question)) continue;
      items.emplace_back(r.seq, std::move(question));
      if (static_cast<int>(items.size()) > p.limit) break;
    }
    if (static_cast<int>(items.size()) > p.limit || static_cast<int>(rows.size()) < f.limit) break;
    f.before_seq = rows.back().seq;
  }
  auto page = MakePage(std::move(items), p.limit, [](const auto& it) { return it.first; });
  Page<training::Question> out{{}, page.next_cursor};
  for (auto& [seq, question] : page.items) out.items.push_back(std::move(question));
  return out;
}

StatusOr<bool> TrainingService::Holds(Txn& txn, const std::string& login, const std::string& name) {
  KEFU_ASSIGN_OR_RETURN(auto certs, CertificatesOf(store_, txn, login));
  Timestamp now = clock_.Now();
  return std::any_of(certs.begin(), certs.end(), [&](const training::Certificate& c) {
    return c.name == name && training::IsValid(c, now);
  });
}

StatusOr<std::vector<training::Certificate>> TrainingService::Certificates(const Actor& a,
                                                                           const std::string& login) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  std::string who = login.empty() ? a.login : login;
  if (who != a.login) KEFU_RETURN_IF_ERROR(CheckTrainer(a, "read others' certificates"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  return CertificatesOf(store_, *txn, who);
}

StatusOr<SkillGuards> LoadSkillGuards(Store& store, Txn& txn) {
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(store, txn, {.kind = "skill_rule", .status = "active"}));
  SkillGuards out;
  for (const auto& r : rows) out.emplace(r.id, r.ref);  // id: the skill; ref: the certification
  return out;
}

StatusOr<std::vector<std::string>> CertifiedSkills(Store& store, Txn& txn, const SkillGuards& guards,
                                                   const std::string& login,
                                                   const std::vector<std::string>& skills, Timestamp now) {
  std::optional<std::vector<training::Certificate>> certs;  // read once, if needed
  std::vector<std::string> out;
  for (const auto& skill : skills) {
    auto guard = guards.find(skill);
    if (guard == guards.end()) {
      out.push_back(skill);
      continue;
    }
    if (!certs) {
      KEFU_ASSIGN_OR_RETURN(certs, CertificatesOf(store, txn, login));
    }
    bool held = std::any_of(certs->begin(), certs->end(), [&](const training::Certificate& c) {
      return c.name == guard->second && training::IsValid(c, now);
    });
    if (held) out.push_back(skill);
  }
  return out;
}

StatusOr<Assignment> TrainingService::Assign(const Actor& a, const std::string& login,
                                             const std::string& exam_id, const std::string& reason,
                                             std::optional<Timestamp> due_at) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "assign training"));
  if (reason.size() > 1000) return ValidationError("reason is over 1000 bytes");
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_RETURN_IF_ERROR(CheckStaffLogin(store_, *txn, login, "login"));
  KEFU_RETURN_IF_ERROR(training_records::GetExam(store_, *txn, exam_id).status());
  Assignment as;
  KEFU_ASSIGN_OR_RETURN(as.id, NewId(store_, *txn, 'N'));
  as = {as.id, login, exam_id, reason, "lead", "", due_at, "open", a.login, now, ""};
  KEFU_RETURN_IF_ERROR(Insert(store_, *txn, "assignment", as.id, {login, exam_id, "open"}, ToJson(as), now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.assignment.create", as.id, ToJson(as), now));
  Notification n{0, login, "", "training_assigned", "培训任务 / training assigned: " + exam_id, now};
  KEFU_RETURN_IF_ERROR(store_.AppendNotification(*txn, n));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return as;
}

StatusOr<std::vector<Assignment>> TrainingService::Assignments(const Actor& a, const std::string& login) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  std::string who = login.empty() ? a.login : login;
  if (who != a.login) KEFU_RETURN_IF_ERROR(CheckTrainer(a, "read others' training"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  return AssignmentsOf(store_, *txn, who);
}

StatusOr<SkillRule> TrainingService::PutSkillRule(const Actor& a, const SkillRule& r) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "set certification rules"));
  if (!IsKnownSkill(r.skill)) {
    return ValidationError("skill is not a routing skill: " + r.skill +
                           " (category:<code>, language:<zh|en>, channel:<name> or vip)");
  }
  if (r.certification.empty() || r.certification.size() > 100) {
    return ValidationError("certification must be 1..100 bytes");
  }
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  ojson body = {{"skill", r.skill}, {"certification", r.certification}};
  KEFU_RETURN_IF_ERROR(Put(store_, *txn, "skill_rule", r.skill, {"", r.certification, "active"}, body, now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.skill_rule.put", r.skill, body, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return r;
}

Status TrainingService::DeleteSkillRule(const Actor& a, const std::string& skill) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "set certification rules"));
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_ASSIGN_OR_RETURN(TrainingRecord r, store_.GetTrainingRecord(*txn, "skill_rule", skill));
  if (r.status != "active") return NotFound("skill_rule " + skill + " not found");
  // Kept as a record (history), marked deleted: lists skip it.
  KEFU_RETURN_IF_ERROR(Update(store_, *txn, "skill_rule", skill, {"", "", "deleted"},
                              ojson::parse(r.body), r.version, now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.skill_rule.delete", skill, ojson::parse(r.body), now));
  return txn->Commit();
}

StatusOr<std::vector<SkillRule>> TrainingService::SkillRules(const Actor& a) {
  KEFU_RETURN_IF_ERROR(CheckStaffOnly(a));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(SkillGuards guards, LoadSkillGuards(store_, *txn));
  std::vector<SkillRule> out;  // by skill: the map's order
  for (const auto& [skill, certification] : guards) out.push_back({skill, certification});
  return out;
}

StatusOr<QaRule> TrainingService::PutQaRule(const Actor& a, const QaRule& r) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "set QA training rules"));
  if (r.area.empty() || r.area.size() > 100) return ValidationError("area must be 1..100 bytes");
  if (r.threshold < 0 || r.threshold > 100) return ValidationError("threshold must be 0..100");
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_RETURN_IF_ERROR(training_records::GetExam(store_, *txn, r.exam_id).status());
  ojson body = {{"area", r.area}, {"exam_id", r.exam_id}, {"threshold", r.threshold}};
  KEFU_RETURN_IF_ERROR(Put(store_, *txn, "qa_rule", r.area, {"", r.exam_id, "active"}, body, now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.qa_rule.put", r.area, body, now));
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return r;
}

StatusOr<std::vector<QaRule>> TrainingService::QaRules(const Actor& a) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "read QA training rules"));
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kRead));
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(store_, *txn, {.kind = "qa_rule", .status = "active"}));
  std::vector<QaRule> out;
  for (const auto& r : rows) {
    auto j = ojson::parse(r.body);
    out.push_back({r.id, r.ref, j.at("threshold").get<double>()});
  }
  std::sort(out.begin(), out.end(), [](const QaRule& x, const QaRule& y) { return x.area < y.area; });
  return out;
}

StatusOr<QaResultOutcome> TrainingService::RecordQaResult(const Actor& a, const std::string& login,
                                                          const std::string& area, double score,
                                                          const std::string& note) {
  KEFU_RETURN_IF_ERROR(CheckTrainer(a, "record QA results"));
  if (area.empty() || area.size() > 100) return ValidationError("area must be 1..100 bytes");
  if (!(score >= 0 && score <= 100)) return ValidationError("score must be 0..100");
  if (note.size() > 2000) return ValidationError("note is over 2000 bytes");
  Timestamp now = clock_.Now();
  KEFU_ASSIGN_OR_RETURN(auto txn, store_.Begin(TxnMode::kWrite));
  KEFU_RETURN_IF_ERROR(CheckStaffLogin(store_, *txn, login, "login"));
  KEFU_ASSIGN_OR_RETURN(std::string rid, NewId(store_, *txn, 'U'));
  ojson body = {{"id", rid}, {"login", login}, {"area", area}, {"score", score}, {"note", note},
                {"recorded_by", a.login}, {"at", FormatIso8601(now)}};
  KEFU_RETURN_IF_ERROR(Insert(store_, *txn, "qa_result", rid, {login, area, ""}, body, now));
  KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.qa_result", rid, body, now));
  QaResultOutcome out;
  auto rule = store_.GetTrainingRecord(*txn, "qa_rule", area);
  if (!rule.ok() && rule.status().code() != StatusCode::kNotFound) return rule.status();
  if (rule.ok() && rule->status == "active" && score < ojson::parse(rule->body).at("threshold").get<double>()) {
    KEFU_ASSIGN_OR_RETURN(auto existing, AssignmentsOf(store_, *txn, login));
    bool open = std::any_of(existing.begin(), existing.end(), [&](const Assignment& x) {
      return x.exam_id == rule->ref && x.status == "open";
    });
    if (!open) {
      Assignment as;
      KEFU_ASSIGN_OR_RETURN(as.id, NewId(store_, *txn, 'N'));
      as = {as.id, login, rule->ref,
            "质检「" + area + "」得分 " + std::to_string(static_cast<int>(score)) + " / QA score in " + area,
            "qa", area, std::nullopt, "open", a.login, now, ""};
      KEFU_RETURN_IF_ERROR(Insert(store_, *txn, "assignment", as.id, {login, as.exam_id, "open"}, ToJson(as), now));
      KEFU_RETURN_IF_ERROR(Audit(store_, *txn, a, "training.assignment.create", as.id, ToJson(as), now));
      Notification n{0, login, "", "training_assigned", "培训任务 / training assigned: " + as.exam_id, now};
      KEFU_RETURN_IF_ERROR(store_.AppendNotification(*txn, n));
      out.assigned = as;
    }
  }
  KEFU_RETURN_IF_ERROR(txn->Commit());
  return out;
}

}  // namespace kefu
