#include "training/training_json.h"

namespace kefu::training {

namespace {

using nlohmann::json;

ojson Ts(Timestamp t) { return FormatIso8601(t); }
ojson Ts(const std::optional<Timestamp>& t) { return t ? ojson(FormatIso8601(*t)) : ojson(nullptr); }
Timestamp ReadTs(const json& j) { return ParseIso8601(j.get<std::string>()).value_or(Timestamp{}); }
std::optional<Timestamp> ReadOptTs(const json& j, const char* k) {
  if (!j.contains(k) || j[k].is_null()) return std::nullopt;
  return ReadTs(j[k]);
}

ojson Options(const std::vector<std::pair<std::string, std::string>>& opts) {
  ojson o = ojson::object();
  for (const auto& [l, t] : opts) o[l] = t;
  return o;
}

// Parses `body` and runs `read`, turning any JSON error into kInternal.
template <typename T, typename F>
StatusOr<T> Read(const std::string& body, const char* what, F read) {
  try {
    json j = json::parse(body);
    T out;
    read(j, out);
    return out;
  } catch (const json::exception& e) {
    return Internal(std::string("stored ") + what + " does not parse: " + e.what());
  }
}

QuestionType Type(const json& j) {
  return ParseQuestionType(j.get<std::string>()).value_or(QuestionType::kShortAnswer);
}

}  // namespace

ojson KeyJson(const Question& q) {
  if (IsChoice(q.type)) {
    if (q.key_letters.empty()) return nullptr;
    // As the paper form has it: one letter for a single choice, a list otherwise.
    if (q.type == QuestionType::kSingleChoice && q.key_letters.size() == 1) return q.key_letters[0];
    return q.key_letters;
  }
  if (q.type == QuestionType::kTrueFalse) return q.key_bool ? ojson(*q.key_bool) : ojson(nullptr);
  return q.key_text.empty() ? ojson(nullptr) : ojson(q.key_text);
}

ojson ToJson(const Question& q) {
  ojson rubric = ojson::object();
  for (const auto& [level, text] : q.rubric) rubric[std::to_string(level)] = text;
  return {{"id", q.id}, {"paper_id", q.paper_id}, {"type", ToString(q.type)},
          {"stem", q.stem}, {"options", Options(q.options)}, {"key", KeyJson(q)},
          {"explanation", q.explanation}, {"competencies", q.competencies},
          {"rubric", rubric}, {"tags", q.tags}, {"points", q.points},
          {"created_at", Ts(q.created_at)}};
}

StatusOr<Question> QuestionFromJson(const std::string& body) {
  return Read<Question>(body, "question", [](const json& j, Question& q) {
    q.id = j.at("id");
    q.paper_id = j.at("paper_id");
    q.type = Type(j.at("type"));
    q.stem = j.at("stem");
    for (const auto& [l, t] : j.at("options").items()) q.options.emplace_back(l, t.get<std::string>());
    std::sort(q.options.begin(), q.options.end());
    const json& k = j.at("key");
    if (k.is_array()) q.key_letters = k.get<std::vector<std::string>>();
    else if (k.is_boolean()) q.key_bool = k.get<bool>();
    else if (k.is_string() && IsChoice(q.type)) q.key_letters = {k.get<std::string>()};
    else if (k.is_string()) q.key_text = k.get<std::string>();
    q.explanation = j.at("explanation");
    q.competencies = j.at("competencies").get<std::vector<std::string>>();
    for (const auto& [l, t] : j.at("rubric").items()) q.rubric.emplace_back(std::stoi(l), t.get<std::string>());
    std::sort(q.rubric.begin(), q.rubric.end());
    q.tags = j.at("tags").get<std::vector<std::string>>();
    q.points = j.at("points");
    q.created_at = ReadTs(j.at("created_at"));
  });
}

ojson ToJson(const Paper& p) {
  ojson sections = ojson::array();
  for (const auto& s : p.sections) {
    sections.push_back({{"type", ToString(s.type)}, {"title", s.title},
                        {"points_each", s.points_each}, {"question_ids", s.question_ids}});
  }
  return {{"id", p.id}, {"title", p.title}, {"kind", ToString(p.kind)}, {"role", p.role},
          {"sections", sections}, {"created_by", p.created_by}, {"created_at", Ts(p.created_at)}};
}

StatusOr<Paper> PaperRecordFromJson(const std::string& body) {
  return Read<Paper>(body, "paper", [](const json& j, Paper& p) {
    p.id = j.at("id");
    p.title = j.at("title");
    p.kind = j.at("kind") == "exam" ? PaperKind::kExam : PaperKind::kInterviewKit;
    p.role = j.at("role");
    for (const auto& s : j.at("sections")) {
      p.sections.push_back({Type(s.at("type")), s.at("title"), s.at("points_each"),
                            s.at("question_ids").get<std::vector<std::string>>()});
    }
    p.created_by = j.at("created_by");
    p.created_at = ReadTs(j.at("created_at"));
  });
}

ojson ToJson(const ExamSpec& e) {
  ojson sections = ojson::array();
  for (const auto& s : e.sections) {
    sections.push_back({{"title", s.title}, {"type", ToString(s.type)}, {"count", s.count},
                        {"points_each", s.points_each}, {"tags", s.tags}, {"paper_id", s.paper_id}});
  }
  return {{"id", e.id}, {"title", e.title}, {"sections", sections},
          {"total_points", TotalPoints(e)}, {"time_limit_minutes", e.time_limit_minutes},
          {"max_attempts", e.max_attempts}, {"shuffle_options", e.shuffle_options},
          {"multiple_choice_scoring", ToString(e.multiple_choice)},
          {"pass_percent", e.pass_percent}, {"certification", e.certification},
          {"certificate_valid_days", e.certificate_valid_days}, {"candidates", e.candidates},
          {"created_by", e.created_by}, {"created_at", Ts(e.created_at)}};
}

StatusOr<ExamSpec> ExamSpecFromJson(const std::string& body) {
  return Read<ExamSpec>(body, "exam", [](const json& j, ExamSpec& e) {
    e.id = j.at("id");
    e.title = j.at("title");
    for (const auto& s : j.at("sections")) {
      e.sections.push_back({s.at("title"), Type(s.at("type")), s.at("count"), s.at("points_each"),
                            s.at("tags").get<std::vector<std::string>>(), s.at("paper_id")});
    }
    e.time_limit_minutes = j.at("time_limit_minutes");
    e.max_attempts = j.at("max_attempts");
    e.shuffle_options = j.at("shuffle_options");
    e.multiple_choice = ParseChoiceScoring(j.at("multiple_choice_scoring").get<std::string>())
                            .value_or(ChoiceScoring::kAllOrNothing);
    e.pass_percent = j.at("pass_percent");
    e.certification = j.at("certification");
    e.certificate_valid_days = j.at("certificate_valid_days");
    e.candidates = j.at("candidates").get<std::vector<std::string>>();
    e.created_by = j.at("created_by");
    e.created_at = ReadTs(j.at("created_at"));
  });
}

ojson ToJson(const Answer& a) {
  if (IsBlank(a)) return nullptr;
  if (!a.letters.empty()) return {{"letters", a.letters}};
  if (a.value) return {{"value", *a.value}};
  return {{"text", a.text}};
}

ojson ToJson(const KeyPoint& k) {
  return {{"text", k.text}, {"covered", k.covered}, {"matched", k.matched}, {"missing", k.missing}};
}

ojson ToJson(const Attempt& a) {
  ojson items = ojson::array();
  for (size_t i = 0; i < a.items.size(); ++i) {
    const auto& it = a.items[i];
    ojson item = {{"question_id", it.question_id}, {"section", it.section}, {"points", it.points},
                  {"option_order", it.option_order}, {"answer", ToJson(a.answers[i])}};
    if (i < a.grades.size()) {
      const auto& g = a.grades[i];
      ojson kps = ojson::array();
      for (const auto& k : g.key_points) kps.push_back(ToJson(k));
      item["grade"] = {{"auto_score", g.auto_score ? ojson(*g.auto_score) : ojson(nullptr)},
                       {"suggested", g.suggested}, {"key_points", kps},
                       {"final_score", g.final_score ? ojson(*g.final_score) : ojson(nullptr)},
                       {"grader", g.grader}, {"comment", g.comment}};
    }
    items.push_back(std::move(item));
  }
  return {{"id", a.id}, {"exam_id", a.exam_id}, {"candidate", a.candidate}, {"number", a.number},
          {"status", ToString(a.status)}, {"started_at", Ts(a.started_at)},
          {"deadline", Ts(a.deadline)}, {"submitted_at", Ts(a.submitted_at)},
          {"timed_out", a.timed_out}, {"last_saved_at", Ts(a.last_saved_at)},
          {"items", items}, {"max_score", a.max_score}, {"score", a.score},
          {"passed", a.passed}, {"certificate_id", a.certificate_id}};
}

StatusOr<Attempt> AttemptFromJson(const std::string& body) {
  return Read<Attempt>(body, "attempt", [](const json& j, Attempt& a) {
    a.id = j.at("id");
    a.exam_id = j.at("exam_id");
    a.candidate = j.at("candidate");
    a.number = j.at("number");
    std::string st = j.at("status");
    a.status = st == "graded" ? AttemptStatus::kGraded
               : st == "submitted" ? AttemptStatus::kSubmitted : AttemptStatus::kInProgress;
    a.started_at = ReadTs(j.at("started_at"));
    a.deadline = ReadOptTs(j, "deadline");
    a.submitted_at = ReadOptTs(j, "submitted_at");
    a.timed_out = j.at("timed_out");
    a.last_saved_at = ReadOptTs(j, "last_saved_at");
    for (const auto& it : j.at("items")) {
      a.items.push_back({it.at("question_id"), it.at("section"), it.at("points"),
                         it.at("option_order").get<std::vector<std::string>>()});
      Answer ans;
      const json& aj = it.at("answer");
      if (aj.is_object()) {
        if (aj.contains("letters")) ans.letters = aj["letters"].get<std::vector<std::string>>();
        if (aj.contains("value")) ans.value = aj["value"].get<bool>();
        if (aj.contains("text")) ans.text = aj["text"];
      }
      a.answers.push_back(std::move(ans));
      if (it.contains("grade")) {
        const json& g = it["grade"];
        ItemGrade ig;
        if (!g.at("auto_score").is_null()) ig.auto_score = g["auto_score"].get<double>();
        ig.suggested = g.at("suggested");
        for (const auto& k : g.at("key_points")) {
          ig.key_points.push_back({k.at("text"), k.at("covered"),
                                   k.at("matched").get<std::vector<std::string>>(),
                                   k.at("missing").get<std::vector<std::string>>()});
        }
        if (!g.at("final_score").is_null()) ig.final_score = g["final_score"].get<double>();
        ig.grader = g.at("grader");
        ig.comment = g.at("comment");
        a.grades.push_back(std::move(ig));
      }
    }
    a.max_score = j.at("max_score");
    a.score = j.at("score");
    a.passed = j.at("passed");
    a.certificate_id = j.at("certificate_id");
  });
}

ojson ToJson(const Certificate& c) {
  return {{"id", c.id}, {"login", c.login}, {"name", c.name}, {"exam_id", c.exam_id},
          {"attempt_id", c.attempt_id}, {"score", c.score}, {"issued_at", Ts(c.issued_at)},
          {"expires_at", Ts(c.expires_at)}};
}

StatusOr<Certificate> CertificateFromJson(const std::string& body) {
  return Read<Certificate>(body, "certificate", [](const json& j, Certificate& c) {
    c.id = j.at("id");
    c.login = j.at("login");
    c.name = j.at("name");
    c.exam_id = j.at("exam_id");
    c.attempt_id = j.at("attempt_id");
    c.score = j.at("score");
    c.issued_at = ReadTs(j.at("issued_at"));
    c.expires_at = ReadTs(j.at("expires_at"));
  });
}

ojson ToJson(const Interview& i) {
  const auto& c = i.candidate;
  return {{"id", i.id}, {"kit_id", i.kit_id}, {"role", i.role},
          {"candidate", {{"name", c.name}, {"phone", c.phone}, {"email", c.email}, {"notes", c.notes}}},
          {"hiring_team", i.hiring_team}, {"interviewers", i.interviewers},
          {"scheduled_at", Ts(i.scheduled_at)}, {"status", ToString(i.status)},
          {"decision", i.decision}, {"decided_by", i.decided_by},
          {"decision_note", i.decision_note}, {"hire_threshold", i.hire_threshold},
          {"competency_floor", i.competency_floor}, {"created_by", i.created_by},
          {"created_at", Ts(i.created_at)}};
}

StatusOr<Interview> InterviewFromJson(const std::string& body) {
  return Read<Interview>(body, "interview", [](const json& j, Interview& i) {
    i.id = j.at("id");
    i.kit_id = j.at("kit_id");
    i.role = j.at("role");
    const json& c = j.at("candidate");
    i.candidate = {c.at("name"), c.at("phone"), c.at("email"), c.at("notes")};
    i.hiring_team = j.at("hiring_team").get<std::vector<std::string>>();
    i.interviewers = j.at("interviewers").get<std::vector<std::string>>();
    i.scheduled_at = ReadOptTs(j, "scheduled_at");
    i.status = j.at("status") == "decided" ? InterviewStatus::kDecided : InterviewStatus::kScheduled;
    i.decision = j.at("decision");
    i.decided_by = j.at("decided_by");
    i.decision_note = j.at("decision_note");
    i.hire_threshold = j.at("hire_threshold");
    i.competency_floor = j.at("competency_floor");
    i.created_by = j.at("created_by");
    i.created_at = ReadTs(j.at("created_at"));
  });
}

ojson ToJson(const InterviewScore& s) {
  return {{"interviewer", s.interviewer}, {"question_id", s.question_id}, {"score", s.score},
          {"notes", s.notes}, {"at", Ts(s.at)}};
}

StatusOr<InterviewScore> InterviewScoreFromJson(const std::string& body) {
  return Read<InterviewScore>(body, "interview score", [](const json& j, InterviewScore& s) {
    s = {j.at("interviewer"), j.at("question_id"), j.at("score"), j.at("notes"), ReadTs(j.at("at"))};
  });
}

ojson ToJson(const InterviewVerdict& v) {
  return {{"interviewer", v.interviewer}, {"recommendation", v.hire ? "hire" : "no_hire"},
          {"notes", v.notes}, {"at", Ts(v.at)}};
}

StatusOr<InterviewVerdict> InterviewVerdictFromJson(const std::string& body) {
  return Read<InterviewVerdict>(body, "interview verdict", [](const json& j, InterviewVerdict& v) {
    v = {j.at("interviewer"), j.at("recommendation") == "hire", j.at("notes"), ReadTs(j.at("at"))};
  });
}

ojson ToJson(const InterviewReport& r) {
  ojson qs = ojson::array();
  for (const auto& q : r.questions) {
    qs.push_back({{"question_id", q.question_id}, {"competencies", q.competencies},
                  {"scores", q.scores}, {"mean", q.mean ? ojson(*q.mean) : ojson(nullptr)},
                  {"spread", q.spread}});
  }
  ojson cs = ojson::array();
  for (const auto& c : r.competencies) {
    cs.push_back({{"competency", c.competency}, {"mean", c.mean ? ojson(*c.mean) : ojson(nullptr)},
                  {"spread", c.spread}, {"by_interviewer", c.by_interviewer}});
  }
  ojson vs = ojson::array();
  for (const auto& v : r.verdicts) vs.push_back(ToJson(v));
  return {{"questions", qs}, {"competencies", cs},
          {"overall", r.overall ? ojson(*r.overall) : ojson(nullptr)}, {"scored_by", r.scored_by},
          {"verdicts", vs}, {"complete", r.complete}, {"suggestion", r.suggestion},
          {"reasons", r.reasons}, {"disagreements", r.disagreements}};
}

ojson ToJson(const ItemStat& s) {
  return {{"question_id", s.question_id}, {"responses", s.responses}, {"difficulty", s.difficulty},
          {"discrimination", s.discrimination ? ojson(*s.discrimination) : ojson(nullptr)}};
}

}  // namespace kefu::training
