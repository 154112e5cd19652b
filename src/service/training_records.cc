#include "service/training_records.h"

#include <set>

#include "core/access.h"

namespace kefu::training_records {

using training::ojson;

Status Insert(Store& s, Txn& txn, const char* kind, const std::string& id, const Key& k,
              const ojson& body, Timestamp now) {
  TrainingRecord r{kind, id, k.owner, k.ref, k.status, body.dump(), 0, 0, now, now};
  return s.InsertTrainingRecord(txn, r);
}

Status Update(Store& s, Txn& txn, const char* kind, const std::string& id, const Key& k,
              const ojson& body, int64_t expected_version, Timestamp now) {
  TrainingRecord r{kind, id, k.owner, k.ref, k.status, body.dump(), 0, 0, now, now};
  return s.UpdateTrainingRecord(txn, r, expected_version);
}

Status Put(Store& s, Txn& txn, const char* kind, const std::string& id, const Key& k,
           const ojson& body, Timestamp now) {
  auto old = s.GetTrainingRecord(txn, kind, id);
  if (old.ok()) return Update(s, txn, kind, id, k, body, old->version, now);
  if (old.status().code() != StatusCode::kNotFound) return old.status();
  return Insert(s, txn, kind, id, k, body, now);
}

StatusOr<std::vector<TrainingRecord>> ListAll(Store& s, Txn& txn, TrainingFilter f) {
  std::vector<TrainingRecord> out;
  f.limit = 500;
  for (;;) {
    KEFU_ASSIGN_OR_RETURN(auto page, s.ListTrainingRecords(txn, f));
    for (auto& r : page) out.push_back(std::move(r));
    if (static_cast<int>(page.size()) < f.limit) return out;
    f.before_seq = out.back().seq;
  }
}

namespace {

template <typename T, typename FromJson>
StatusOr<Versioned<T>> Get(Store& s, Txn& txn, const char* kind, const std::string& id, FromJson from) {
  KEFU_ASSIGN_OR_RETURN(TrainingRecord r, s.GetTrainingRecord(txn, kind, id));
  KEFU_ASSIGN_OR_RETURN(T v, from(r.body));
  return Versioned<T>{std::move(v), r.version};
}

}  // namespace

StatusOr<Versioned<training::Paper>> GetPaper(Store& s, Txn& txn, const std::string& id) {
  return Get<training::Paper>(s, txn, "paper", id, training::PaperRecordFromJson);
}
StatusOr<Versioned<training::ExamSpec>> GetExam(Store& s, Txn& txn, const std::string& id) {
  return Get<training::ExamSpec>(s, txn, "exam", id, training::ExamSpecFromJson);
}
StatusOr<Versioned<training::Attempt>> GetAttempt(Store& s, Txn& txn, const std::string& id) {
  return Get<training::Attempt>(s, txn, "attempt", id, training::AttemptFromJson);
}
StatusOr<Versioned<training::Interview>> GetInterview(Store& s, Txn& txn, const std::string& id) {
  return Get<training::Interview>(s, txn, "interview", id, training::InterviewFromJson);
}

StatusOr<std::vector<training::Question>> QuestionsOfPaper(Store& s, Txn& txn, const training::Paper& p) {
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(s, txn, {.kind = "question", .ref = p.id, .oldest_first = true}));
  std::vector<training::Question> out;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(training::Question q, training::QuestionFromJson(r.body));
    out.push_back(std::move(q));
  }
  return out;
}

StatusOr<std::vector<training::Question>> BankFor(Store& s, Txn& txn, const training::ExamSpec& e) {
  std::set<std::pair<std::string, std::string>> scopes;  // (type, paper id or "" for any)
  for (const auto& sec : e.sections) scopes.emplace(std::string(ToString(sec.type)), sec.paper_id);
  std::vector<training::Question> out;
  std::set<std::string> seen;
  for (const auto& [type, paper] : scopes) {
    if (!paper.empty() && scopes.count({type, ""})) continue;  // read with the whole bank's
    KEFU_ASSIGN_OR_RETURN(auto rows,
                          ListAll(s, txn, {.kind = "question", .ref = paper, .status = type, .oldest_first = true}));
    for (const auto& r : rows) {
      if (!seen.insert(r.id).second) continue;
      KEFU_ASSIGN_OR_RETURN(training::Question q, training::QuestionFromJson(r.body));
      out.push_back(std::move(q));
    }
  }
  return out;
}

StatusOr<std::map<std::string, training::Question>> QuestionsByIds(Store& s, Txn& txn,
                                                                   const std::vector<std::string>& ids) {
  std::map<std::string, training::Question> out;
  for (const auto& id : ids) {
    if (out.count(id)) continue;
    KEFU_ASSIGN_OR_RETURN(TrainingRecord r, s.GetTrainingRecord(txn, "question", id));
    KEFU_ASSIGN_OR_RETURN(training::Question q, training::QuestionFromJson(r.body));
    out.emplace(id, std::move(q));
  }
  return out;
}

StatusOr<std::vector<training::Certificate>> CertificatesOf(Store& s, Txn& txn, const std::string& login) {
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(s, txn, {.kind = "certificate", .owner = login}));
  std::vector<training::Certificate> out;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(training::Certificate c, training::CertificateFromJson(r.body));
    out.push_back(std::move(c));
  }
  return out;
}

ojson ToJson(const Assignment& a) {
  return {{"id", a.id}, {"login", a.login}, {"exam_id", a.exam_id}, {"reason", a.reason},
          {"source", a.source}, {"area", a.area},
          {"due_at", a.due_at ? ojson(FormatIso8601(*a.due_at)) : ojson(nullptr)},
          {"status", a.status}, {"assigned_by", a.assigned_by},
          {"created_at", FormatIso8601(a.created_at)}, {"attempt_id", a.attempt_id}};
}

StatusOr<Assignment> AssignmentFromJson(const std::string& body) {
  try {
    auto j = nlohmann::json::parse(body);
    Assignment a;
    a.id = j.at("id");
    a.login = j.at("login");
    a.exam_id = j.at("exam_id");
    a.reason = j.at("reason");
    a.source = j.at("source");
    a.area = j.at("area");
    if (!j.at("due_at").is_null()) a.due_at = ParseIso8601(j["due_at"].get<std::string>());
    a.status = j.at("status");
    a.assigned_by = j.at("assigned_by");
    a.created_at = ParseIso8601(j.at("created_at").get<std::string>()).value_or(Timestamp{});
    a.attempt_id = j.at("attempt_id");
    return a;
  } catch (const nlohmann::json::exception& e) {
    return Internal(std::string("stored assignment does not parse: ") + e.what());
  }
}

StatusOr<std::vector<Assignment>> AssignmentsOf(Store& s, Txn& txn, const std::string& login) {
  KEFU_ASSIGN_OR_RETURN(auto rows, ListAll(s, txn, {.kind = "assignment", .owner = login}));
  std::vector<Assignment> out;
  for (const auto& r : rows) {
    KEFU_ASSIGN_OR_RETURN(Assignment a, AssignmentFromJson(r.body));
    out.push_back(std::move(a));
  }
  return out;
}

StatusOr<std::string> NewId(Store& s, Txn& txn, char kind) {
  KEFU_ASSIGN_OR_RETURN(int64_t seq, s.NextSeq(txn, kind));
  return FormatId(kind, seq);
}

Status Audit(Store& s, Txn& txn, const Actor& a, const std::string& action, const std::string& object,
             const ojson& detail, Timestamp now) {
  return s.AppendAudit(txn, {now, a.login, action, object, detail.dump()});
}

Status CheckTrainer(const Actor& a, std::string_view action) { return CheckSupervisor(a, action); }

Status CheckStaffOnly(const Actor& a) { return CheckStaff(a, "use training"); }

Status CheckStaffLogin(Store& s, Txn& txn, const std::string& login, const std::string& field) {
  auto u = s.GetUserByLogin(txn, login);
  if (!u.ok()) {
    if (u.status().code() == StatusCode::kNotFound) return ValidationError(field + " names no user: " + login);
    return u.status();
  }
  if (!u->user.active || !IsStaff(u->user.role)) {
    return ValidationError(field + " names no active staff member: " + login);
  }
  return OkStatus();
}

std::map<std::string, const training::Question*> Pointers(
    const std::map<std::string, training::Question>& m) {
  std::map<std::string, const training::Question*> out;
  for (const auto& [id, q] : m) out.emplace(id, &q);
  return out;
}

}  // namespace kefu::training_records
