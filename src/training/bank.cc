#include "training/bank.h"

#include <algorithm>
#include <unordered_map>

namespace kefu::training {

bool IsInterviewType(QuestionType t) {
  return t == QuestionType::kBehavioral || t == QuestionType::kSituational ||
         t == QuestionType::kKnowledge || t == QuestionType::kManagement;
}

bool IsObjective(QuestionType t) {
  return IsChoice(t) || t == QuestionType::kTrueFalse || t == QuestionType::kFillIn;
}

bool HasTag(const Question& q, const std::string& tag) {
  return std::find(q.tags.begin(), q.tags.end(), tag) != q.tags.end();
}

std::string_view ToString(PaperKind k) {
  return k == PaperKind::kExam ? "exam" : "interview_kit";
}

size_t QuestionCount(const ParsedPaper& p) {
  size_t n = 0;
  for (const auto& s : p.sections) n += s.questions.size();
  return n;
}

namespace {

bool HasKey(const ParsedQuestion& q, QuestionType t) {
  if (IsChoice(t)) return !q.key_letters.empty();
  if (t == QuestionType::kTrueFalse) return q.key_bool.has_value();
  return !q.key_text.empty();
}

std::string Label(const ParsedQuestion& q) {
  return q.number > 0 ? std::to_string(q.number) : std::string("?");
}

}  // namespace

Status CheckSavable(const ParsedPaper& p, bool ignore_problems) {
  if (QuestionCount(p) == 0) {
    return Status(StatusCode::kValidation, "empty_paper", "试卷中没有题目 / the paper has no questions");
  }
  bool interview = false, exam = false;
  for (const auto& s : p.sections) (IsInterviewType(s.type) ? interview : exam) = true;
  if (interview && exam) {
    return Status(StatusCode::kValidation, "mixed_paper",
                  "考试题与面试题不能在同一份试卷中 / exam and interview sections cannot be mixed");
  }
  for (const auto& s : p.sections) {
    if (!IsObjective(s.type)) continue;
    for (const auto& q : s.questions) {
      if (!HasKey(q, s.type)) {
        return Status(StatusCode::kValidation, "ungradable_question",
                      "第" + Label(q) + "题（第" + std::to_string(q.line) +
                          "行）没有答案，无法评分 / question " + Label(q) + " (line " +
                          std::to_string(q.line) + ") has no key and could never be graded");
      }
    }
  }
  if (!p.problems.empty() && !ignore_problems) {
    return Status(StatusCode::kValidation, "paper_has_problems",
                  "试卷有 " + std::to_string(p.problems.size()) +
                      " 处未能识别，请先预览并修正 / the paper has " +
                      std::to_string(p.problems.size()) +
                      " problems: preview and fix them, or save with ignore_problems");
  }
  return OkStatus();
}

BuiltPaper BuildPaper(const ParsedPaper& p, const std::string& paper_id,
                      const std::vector<std::string>& question_ids, const std::string& role,
                      const std::vector<std::string>& extra_tags, const std::string& created_by,
                      Timestamp now) {
  BuiltPaper out;
  Paper& paper = out.paper;
  paper.id = paper_id;
  paper.title = p.title;
  paper.role = role;
  paper.created_by = created_by;
  paper.created_at = now;
  paper.kind = PaperKind::kExam;
  size_t next = 0;
  for (const auto& s : p.sections) {
    if (IsInterviewType(s.type)) paper.kind = PaperKind::kInterviewKit;
    PaperSection ps{s.type, s.title, s.points_each, {}};
    for (const auto& pq : s.questions) {
      Question q;
      q.id = question_ids.at(next++);
      q.paper_id = paper_id;
      q.type = s.type;
      q.stem = pq.stem;
      q.options = pq.options;
      q.key_letters = pq.key_letters;
      std::sort(q.key_letters.begin(), q.key_letters.end());
      q.key_bool = pq.key_bool;
      q.key_text = pq.key_text;
      q.explanation = pq.explanation;
      q.competencies = pq.competencies;
      q.rubric = pq.rubric;
      q.tags = pq.tags;
      for (const auto& t : extra_tags) {
        if (!HasTag(q, t)) q.tags.push_back(t);
      }
      q.points = pq.points > 0 ? pq.points : s.points_each;
      q.created_at = now;
      ps.question_ids.push_back(q.id);
      out.questions.push_back(std::move(q));
    }
    paper.sections.push_back(std::move(ps));
  }
  return out;
}

ParsedPaper ExportPaper(const Paper& p, const std::vector<Question>& questions) {
  std::unordered_map<std::string, const Question*> by_id;  // the first of each id
  for (const auto& q : questions) by_id.emplace(q.id, &q);
  ParsedPaper out;
  out.title = p.title;
  int number = 0;
  for (const auto& s : p.sections) {
    ParsedSection ps;
    ps.type = s.type;
    ps.title = s.title;
    ps.points_each = s.points_each;
    for (const auto& id : s.question_ids) {
      auto found = by_id.find(id);
      if (found == by_id.end()) continue;
      const Question* it = found->second;
      ParsedQuestion q;
      q.number = ++number;
      q.stem = it->stem;
      q.options = it->options;
      q.key_letters = it->key_letters;
      q.key_bool = it->key_bool;
      q.key_text = it->key_text;
      q.explanation = it->explanation;
      q.competencies = it->competencies;
      q.rubric = it->rubric;
      q.tags = it->tags;
      q.points = it->points;
      ps.questions.push_back(std::move(q));
    }
    ps.count = static_cast<int>(ps.questions.size());
    out.sections.push_back(std::move(ps));
  }
  return out;
}

}  // namespace kefu::training
