#include "api/training_codec.h"

#include <algorithm>

#include "training/paper_json.h"
#include "training/training_json.h"

namespace kefu::api {

using training::QuestionType;

Status ReadNumber(FieldReader& f, const char* name, double* out) {
  const json* v = f.Raw(name);
  if (v == nullptr || v->is_null()) return OkStatus();
  if (!v->is_number()) return ValidationError(std::string(name) + " must be a number");
  *out = v->get<double>();
  return OkStatus();
}

namespace {

Status ReadType(FieldReader& f, const char* name, QuestionType* out, const std::string& what) {
  std::string s;
  KEFU_RETURN_IF_ERROR(f.Str(name, &s, true));
  auto t = training::ParseQuestionType(s);
  if (!t) return ValidationError(what + "." + name + " has an unknown value: " + Echo(s));
  *out = *t;
  return OkStatus();
}

Status ReadInt(FieldReader& f, const char* name, int* out, bool required = false) {
  int64_t v = *out;
  KEFU_RETURN_IF_ERROR(f.Int(name, &v, required));
  if (v < INT32_MIN || v > INT32_MAX) return ValidationError(std::string(name) + " is out of range");
  *out = static_cast<int>(v);
  return OkStatus();
}

json Ts(const std::optional<Timestamp>& t) { return t ? json(FormatIso8601(*t)) : json(nullptr); }

}  // namespace

StatusOr<training::ExamSpec> ParseExamSpec(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "exam"));
  training::ExamSpec e;
  KEFU_RETURN_IF_ERROR(f.Str("title", &e.title, true));
  const json* sections = f.Raw("sections");
  KEFU_RETURN_IF_ERROR(ReadInt(f, "time_limit_minutes", &e.time_limit_minutes));
  KEFU_RETURN_IF_ERROR(ReadInt(f, "max_attempts", &e.max_attempts));
  KEFU_RETURN_IF_ERROR(f.Bool("shuffle_options", &e.shuffle_options));
  std::string scoring;
  KEFU_RETURN_IF_ERROR(f.Str("multiple_choice_scoring", &scoring));
  if (!scoring.empty()) {
    auto s = training::ParseChoiceScoring(scoring);
    if (!s) return ValidationError("multiple_choice_scoring must be all_or_nothing, half_for_subset or proportional");
    e.multiple_choice = *s;
  }
  KEFU_RETURN_IF_ERROR(ReadNumber(f, "pass_percent", &e.pass_percent));
  KEFU_RETURN_IF_ERROR(f.Str("certification", &e.certification));
  KEFU_RETURN_IF_ERROR(ReadInt(f, "certificate_valid_days", &e.certificate_valid_days));
  KEFU_RETURN_IF_ERROR(f.StrList("candidates", &e.candidates));
  KEFU_RETURN_IF_ERROR(f.Finish());
  if (sections == nullptr || !sections->is_array()) return ValidationError("exam.sections must be an array");
  for (size_t i = 0; i < sections->size(); ++i) {
    std::string what = "exam.sections[" + std::to_string(i) + "]";
    KEFU_ASSIGN_OR_RETURN(FieldReader s, FieldReader::Of((*sections)[i], what));
    training::BlueprintSection b;
    KEFU_RETURN_IF_ERROR(s.Str("title", &b.title));
    KEFU_RETURN_IF_ERROR(ReadType(s, "type", &b.type, what));
    KEFU_RETURN_IF_ERROR(ReadInt(s, "count", &b.count, true));
    KEFU_RETURN_IF_ERROR(ReadNumber(s, "points_each", &b.points_each));
    KEFU_RETURN_IF_ERROR(s.StrList("tags", &b.tags));
    KEFU_RETURN_IF_ERROR(s.Str("paper_id", &b.paper_id));
    KEFU_RETURN_IF_ERROR(s.Finish());
    e.sections.push_back(std::move(b));
  }
  return e;
}

StatusOr<training::Interview> ParseInterview(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "interview"));
  training::Interview i;
  KEFU_RETURN_IF_ERROR(f.Str("kit_id", &i.kit_id, true));
  KEFU_RETURN_IF_ERROR(f.Str("role", &i.role));
  const json* cand = f.Raw("candidate");
  KEFU_RETURN_IF_ERROR(f.StrList("hiring_team", &i.hiring_team));
  KEFU_RETURN_IF_ERROR(f.StrList("interviewers", &i.interviewers));
  KEFU_RETURN_IF_ERROR(f.Time("scheduled_at", &i.scheduled_at));
  KEFU_RETURN_IF_ERROR(ReadNumber(f, "hire_threshold", &i.hire_threshold));
  KEFU_RETURN_IF_ERROR(ReadNumber(f, "competency_floor", &i.competency_floor));
  KEFU_RETURN_IF_ERROR(f.Finish());
  if (cand == nullptr) return ValidationError("interview.candidate is required");
  KEFU_ASSIGN_OR_RETURN(FieldReader c, FieldReader::Of(*cand, "interview.candidate"));
  KEFU_RETURN_IF_ERROR(c.Str("name", &i.candidate.name, true));
  KEFU_RETURN_IF_ERROR(c.Str("phone", &i.candidate.phone));
  KEFU_RETURN_IF_ERROR(c.Str("email", &i.candidate.email));
  KEFU_RETURN_IF_ERROR(c.Str("notes", &i.candidate.notes));
  KEFU_RETURN_IF_ERROR(c.Finish());
  return i;
}

StatusOr<std::map<int, training::Answer>> ParseAnswers(const json& j) {
  KEFU_ASSIGN_OR_RETURN(FieldReader f, FieldReader::Of(j, "answers"));
  const json* answers = f.Raw("answers");
  KEFU_RETURN_IF_ERROR(f.Finish());
  if (answers == nullptr || !answers->is_object()) {
    return ValidationError("answers must be an object keyed by item index");
  }
  if (answers->size() > 500) return ValidationError("answers has over 500 items");
  std::map<int, training::Answer> out;
  for (const auto& [k, v] : answers->items()) {
    if (k.empty() || k.size() > 4 || !std::all_of(k.begin(), k.end(), ::isdigit)) {
      return ValidationError("answers keys are item indexes: " + Echo(k));
    }
    training::Answer a;
    if (!v.is_null()) {
      KEFU_ASSIGN_OR_RETURN(FieldReader r, FieldReader::Of(v, "answers." + k));
      KEFU_RETURN_IF_ERROR(r.StrList("letters", &a.letters));
      const json* value = r.Raw("value");
      KEFU_RETURN_IF_ERROR(r.Str("text", &a.text));
      KEFU_RETURN_IF_ERROR(r.Finish());
      if (value != nullptr && !value->is_null()) {
        if (!value->is_boolean()) return ValidationError("answers." + Echo(k) + ".value must be true or false");
        a.value = value->get<bool>();
      }
    }
    out[std::stoi(k)] = std::move(a);
  }
  return out;
}

json QuestionJson(const training::Question& q) { return training::ToJson(q); }

json PaperSummaryJson(const training::Paper& p) {
  size_t n = 0;
  for (const auto& s : p.sections) n += s.question_ids.size();
  return {{"id", p.id}, {"title", p.title}, {"kind", ToString(p.kind)}, {"role", p.role},
          {"questions", n}, {"created_by", p.created_by}, {"created_at", FormatIso8601(p.created_at)}};
}

json SavedPaperJson(const SavedPaper& p) {
  json out = training::PaperToJson(training::ExportPaper(p.paper, p.questions));
  // Ids beside what the preview shows, in the same order.
  size_t s = 0;
  for (auto& section : out["sections"]) {
    const auto& ids = p.paper.sections.at(s++).question_ids;
    size_t q = 0;
    for (auto& question : section["questions"]) {
      json with_id = {{"id", ids.at(q++)}};
      with_id.update(question);
      question = std::move(with_id);
    }
  }
  json head = {{"id", p.paper.id}, {"kind", ToString(p.paper.kind)}, {"role", p.paper.role},
               {"created_by", p.paper.created_by}, {"created_at", FormatIso8601(p.paper.created_at)}};
  head.update(out);
  return head;
}

json ExamJson(const training::ExamSpec& e) { return training::ToJson(e); }

namespace {

// The question's key in the letters the candidate was shown.
json ShownKey(const training::Question& q, const training::DrawnItem& it) {
  if (!training::IsChoice(q.type)) return training::KeyJson(q);
  json letters = json::array();
  for (size_t k = 0; k < it.option_order.size(); ++k) {
    if (std::count(q.key_letters.begin(), q.key_letters.end(), it.option_order[k])) {
      letters.push_back(std::string(1, static_cast<char>('A' + k)));
    }
  }
  if (q.type == training::QuestionType::kSingleChoice && letters.size() == 1) return letters[0];
  return letters;
}

std::string OptionText(const training::Question& q, const std::string& letter) {
  for (const auto& [l, t] : q.options) {
    if (l == letter) return t;
  }
  return "";
}

}  // namespace

json AttemptSummaryJson(const training::Attempt& a) {
  bool graded = a.status == training::AttemptStatus::kGraded;
  int pending = 0;
  for (const auto& g : a.grades) pending += !g.Score().has_value();
  return {{"id", a.id}, {"exam_id", a.exam_id}, {"candidate", a.candidate}, {"number", a.number},
          {"status", ToString(a.status)}, {"started_at", FormatIso8601(a.started_at)},
          {"deadline", Ts(a.deadline)}, {"submitted_at", Ts(a.submitted_at)},
          {"timed_out", a.timed_out}, {"max_score", a.max_score},
          {"score", graded ? json(a.score) : json(nullptr)},
          {"passed", graded ? json(a.passed) : json(nullptr)},
          {"pending_items", pending}, {"certificate_id", a.certificate_id}};
}

json AttemptJson(const AttemptView& v, Timestamp now) {
  const auto& a = v.attempt;
  bool graded = a.status == training::AttemptStatus::kGraded;
  bool reveal = graded || v.trainer;
  json out = AttemptSummaryJson(a);
  out["exam_title"] = v.exam.title;
  out["pass_percent"] = v.exam.pass_percent;
  out["certification"] = v.exam.certification;
  out["last_saved_at"] = Ts(a.last_saved_at);
  out["time_left_seconds"] = a.deadline && a.status == training::AttemptStatus::kInProgress
                                 ? json(std::max<int64_t>(0, (a.deadline->unix_ms - now.unix_ms) / 1000))
                                 : json(nullptr);
  json sections = json::array();
  for (const auto& s : v.exam.sections) {
    sections.push_back({{"title", s.title}, {"type", ToString(s.type)}, {"points_each", s.points_each}});
  }
  out["sections"] = sections;
  json items = json::array();
  for (size_t i = 0; i < a.items.size(); ++i) {
    const auto& it = a.items[i];
    const training::Question& q = v.questions.at(it.question_id);
    json options = json::array();
    for (size_t k = 0; k < it.option_order.size(); ++k) {
      options.push_back({{"letter", std::string(1, static_cast<char>('A' + k))},
                         {"text", OptionText(q, it.option_order[k])}});
    }
    json item = {{"index", i}, {"section", it.section}, {"type", ToString(q.type)},
                 {"points", it.points}, {"stem", q.stem}, {"options", options},
                 {"answer", training::ToJson(a.answers[i])}};
    if (reveal && i < a.grades.size()) {
      const auto& g = a.grades[i];
      item["score"] = g.Score() ? json(*g.Score()) : json(nullptr);
      item["key"] = ShownKey(q, it);
      item["explanation"] = q.explanation;
      item["comment"] = g.comment;
    } else if (reveal) {
      item["key"] = ShownKey(q, it);
      item["explanation"] = q.explanation;
    }
    if (v.trainer) {
      item["question_id"] = it.question_id;
      if (i < a.grades.size()) {
        const auto& g = a.grades[i];
        json kps = json::array();
        for (const auto& k : g.key_points) kps.push_back(training::ToJson(k));
        item["auto_score"] = g.auto_score ? json(*g.auto_score) : json(nullptr);
        item["suggested"] = g.suggested;
        item["key_points"] = kps;
        item["final_score"] = g.final_score ? json(*g.final_score) : json(nullptr);
        item["grader"] = g.grader;
      }
    }
    items.push_back(std::move(item));
  }
  out["items"] = items;
  return out;
}

json ResultsJson(const ExamResults& r, const std::map<std::string, std::string>& stems) {
  json attempts = json::array();
  for (const auto& a : r.attempts) attempts.push_back(AttemptSummaryJson(a));
  json items = json::array();
  for (const auto& s : r.items) {
    json j = training::ToJson(s);
    auto it = stems.find(s.question_id);
    j["stem"] = it == stems.end() ? "" : it->second;
    items.push_back(std::move(j));
  }
  return {{"exam", ExamJson(r.exam)}, {"candidates", r.candidates}, {"passed", r.passed},
          {"attempts", attempts}, {"items", items}};
}

json CertificateJson(const training::Certificate& c, Timestamp now) {
  json j = training::ToJson(c);
  j["valid"] = training::IsValid(c, now);
  return j;
}

json AssignmentJson(const Assignment& a) {
  return {{"id", a.id}, {"login", a.login}, {"exam_id", a.exam_id}, {"reason", a.reason},
          {"source", a.source}, {"area", a.area}, {"due_at", Ts(a.due_at)}, {"status", a.status},
          {"assigned_by", a.assigned_by}, {"created_at", FormatIso8601(a.created_at)},
          {"attempt_id", a.attempt_id}};
}

json InterviewJson(const InterviewView& v, bool full) {
  json j = training::ToJson(v.interview);
  j["on_team"] = v.on_team;
  j["may_decide"] = v.may_decide;
  if (!full) return j;
  json questions = json::array();
  for (const auto& s : v.kit.paper.sections) {
    for (const auto& id : s.question_ids) {
      auto q = std::find_if(v.kit.questions.begin(), v.kit.questions.end(),
                            [&](const training::Question& x) { return x.id == id; });
      if (q == v.kit.questions.end()) continue;
      json rubric = json::object();
      for (const auto& [level, text] : q->rubric) rubric[std::to_string(level)] = text;
      questions.push_back({{"id", q->id}, {"type", ToString(q->type)}, {"section", s.title},
                           {"stem", q->stem}, {"competencies", q->competencies},
                           {"reference", q->key_text}, {"explanation", q->explanation},
                           {"rubric", rubric}});
    }
  }
  j["kit"] = {{"id", v.kit.paper.id}, {"title", v.kit.paper.title}, {"questions", questions}};
  json scores = json::array();
  for (const auto& s : v.scores) scores.push_back(training::ToJson(s));
  json verdicts = json::array();
  for (const auto& x : v.verdicts) verdicts.push_back(training::ToJson(x));
  j["scores"] = scores;
  j["verdicts"] = verdicts;
  j["report"] = v.report ? json(training::ToJson(*v.report)) : json(nullptr);
  return j;
}

}  // namespace kefu::api
