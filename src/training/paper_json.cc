#include "training/paper_json.h"

#include <set>

namespace kefu::training {

nlohmann::ordered_json PaperToJson(const ParsedPaper& p) {
  using J = nlohmann::ordered_json;
  J out = J::object();
  out["title"] = p.title;
  J secs = J::array();
  for (const auto& s : p.sections) {
    J js = J::object();
    js["type"] = std::string(ToString(s.type));
    js["title"] = s.title;
    js["points_each"] = s.points_each;
    js["count"] = s.count;
    J qs = J::array();
    for (const auto& q : s.questions) {
      J jq = J::object();
      jq["number"] = q.number;
      jq["stem"] = q.stem;
      J opts = J::object();
      for (const auto& [l, t] : q.options) opts[l] = t;
      jq["options"] = opts;
      J key = nullptr;
      if (s.type == QuestionType::kMultipleChoice) {
        if (!q.key_letters.empty()) key = q.key_letters;
      } else if (s.type == QuestionType::kSingleChoice) {
        if (!q.key_letters.empty()) key = q.key_letters.front();
      } else if (s.type == QuestionType::kTrueFalse) {
        if (q.key_bool) key = *q.key_bool;
      } else if (!q.key_text.empty()) {
        key = q.key_text;
      }
      jq["key"] = key;
      jq["explanation"] = q.explanation;
      jq["points"] = q.points;
      jq["competencies"] = q.competencies;
      J rubric = J::object();
      for (const auto& [level, text] : q.rubric) rubric[std::to_string(level)] = text;
      jq["rubric"] = std::move(rubric);
      jq["tags"] = q.tags;
      qs.push_back(std::move(jq));
    }
    js["questions"] = std::move(qs);
    secs.push_back(std::move(js));
  }
  out["sections"] = std::move(secs);
  J probs = J::array();
  for (const auto& pr : p.problems) probs.push_back(J{{"line", pr.line}, {"code", pr.code}, {"message", pr.message}});
  out["problems"] = std::move(probs);
  return out;
}

namespace {

Status Bad(const std::string& path, const std::string& why) { return ValidationError(path + ": " + why); }

// Rejects members of `j` not in `allowed`.
Status OnlyMembers(const nlohmann::json& j, const std::string& path, const std::set<std::string>& allowed) {
  for (auto it = j.begin(); it != j.end(); ++it)
    if (!allowed.count(it.key())) return Bad(path + "." + it.key(), "unknown member");
  return OkStatus();
}

Status GetString(const nlohmann::json& j, const std::string& path, const char* name, bool required,
                 std::string* out) {
  if (!j.contains(name)) return required ? Bad(path + "." + name, "missing") : OkStatus();
  if (!j[name].is_string()) return Bad(path + "." + name, "must be a string");
  *out = j[name].get<std::string>();
  return OkStatus();
}

Status GetNumber(const nlohmann::json& j, const std::string& path, const char* name, double* out) {
  if (!j.contains(name)) return OkStatus();
  if (!j[name].is_number()) return Bad(path + "." + name, "must be a number");
  *out = j[name].get<double>();
  return OkStatus();
}

Status GetInt(const nlohmann::json& j, const std::string& path, const char* name, int* out) {
  if (!j.contains(name)) return OkStatus();
  if (!j[name].is_number_integer()) return Bad(path + "." + name, "must be an integer");
  *out = j[name].get<int>();
  return OkStatus();
}

// An optional array of strings.
Status GetStrings(const nlohmann::json& j, const std::string& path, const char* name,
                  std::vector<std::string>* out) {
  if (!j.contains(name)) return OkStatus();
  const auto& a = j[name];
  if (!a.is_array()) return Bad(path + "." + name, "must be an array of strings");
  for (const auto& e : a) {
    if (!e.is_string()) return Bad(path + "." + name, "must be an array of strings");
    out->push_back(e.get<std::string>());
  }
  return OkStatus();
}

// The optional "rubric": {"1": "...", "5": "..."}, levels "1".."5".
Status ReadRubric(const nlohmann::json& j, const std::string& path, ParsedQuestion& q) {
  if (!j.contains("rubric")) return OkStatus();
  const auto& r = j["rubric"];
  if (!r.is_object()) return Bad(path + ".rubric", "must be an object");
  for (auto it = r.begin(); it != r.end(); ++it) {  // sorted keys: "1" < … < "5"
    const std::string& l = it.key();
    if (l.size() != 1 || l[0] < '1' || l[0] > '5') return Bad(path + ".rubric." + l, "not a level 1..5");
    if (!it->is_string()) return Bad(path + ".rubric." + l, "must be a string");
    q.rubric.push_back({l[0] - '0', it->get<std::string>()});
  }
  return OkStatus();
}

Status ReadKey(const nlohmann::json& k, QuestionType t, const std::string& path, ParsedQuestion& q) {
  if (k.is_null()) return OkStatus();
  auto is_option = [&](const std::string& l) {
    for (const auto& o : q.options) if (o.first == l) return true;
    return false;
  };
  if (t == QuestionType::kSingleChoice) {
    if (!k.is_string()) return Bad(path, "must be an option letter");
    std::string l = k.get<std::string>();
    if (!is_option(l)) return Bad(path, "letter " + l + " is not among the options");
    q.key_letters = {l};
  } else if (t == QuestionType::kMultipleChoice) {
    if (!k.is_array() || k.empty()) return Bad(path, "must be an array of option letters");
    for (const auto& e : k) {
      if (!e.is_string()) return Bad(path, "must be an array of option letters");
      std::string l = e.get<std::string>();
      if (!is_option(l)) return Bad(path, "letter " + l + " is not among the options");
      q.key_letters.push_back(l);
    }
  } else if (t == QuestionType::kTrueFalse) {
    if (!k.is_boolean()) return Bad(path, "must be a boolean");
    q.key_bool = k.get<bool>();
  } else {
    if (!k.is_string()) return Bad(path, "must be a string");
    q.key_text = k.get<std::string>();
  }
  return OkStatus();
}

Status ReadQuestion(const nlohmann::json& j, QuestionType t, const std::string& path, ParsedQuestion& q) {
  if (!j.is_object()) return Bad(path, "must be an object");
  KEFU_RETURN_IF_ERROR(OnlyMembers(
      j, path, {"number", "stem", "options", "key", "explanation", "points", "competencies", "rubric", "tags"}));
  KEFU_RETURN_IF_ERROR(GetInt(j, path, "number", &q.number));
  KEFU_RETURN_IF_ERROR(GetString(j, path, "stem", true, &q.stem));
  if (j.contains("options")) {
    const auto& o = j["options"];
    if (!o.is_object()) return Bad(path + ".options", "must be an object");
    for (auto it = o.begin(); it != o.end(); ++it) {  // nlohmann::json sorts keys: A, B, C…
      const std::string& l = it.key();
      if (l.size() != 1 || l[0] < 'A' || l[0] > 'Z') return Bad(path + ".options." + l, "not an option letter");
      if (!it->is_string()) return Bad(path + ".options." + l, "must be a string");
      q.options.push_back({l, it->get<std::string>()});
    }
  }
  if (IsChoice(t) == false && !q.options.empty()) return Bad(path + ".options", "only choice questions have options");
  if (j.contains("key")) KEFU_RETURN_IF_ERROR(ReadKey(j["key"], t, path + ".key", q));
  KEFU_RETURN_IF_ERROR(GetString(j, path, "explanation", false, &q.explanation));
  KEFU_RETURN_IF_ERROR(GetNumber(j, path, "points", &q.points));
  KEFU_RETURN_IF_ERROR(GetStrings(j, path, "competencies", &q.competencies));
  KEFU_RETURN_IF_ERROR(ReadRubric(j, path, q));
  KEFU_RETURN_IF_ERROR(GetStrings(j, path, "tags", &q.tags));
  return OkStatus();
}

}  // namespace

StatusOr<ParsedPaper> PaperFromJson(const nlohmann::json& j) {
  if (!j.is_object()) return Bad("paper", "must be an object");
  KEFU_RETURN_IF_ERROR(OnlyMembers(j, "paper", {"title", "sections", "problems"}));
  ParsedPaper p;
  KEFU_RETURN_IF_ERROR(GetString(j, "paper", "title", false, &p.title));
  if (!j.contains("sections")) return Bad("paper.sections", "missing");
  if (!j["sections"].is_array()) return Bad("paper.sections", "must be an array");
  for (size_t i = 0; i < j["sections"].size(); ++i) {
    const auto& js = j["sections"][i];
    const std::string path = "sections[" + std::to_string(i) + "]";
    if (!js.is_object()) return Bad(path, "must be an object");
    KEFU_RETURN_IF_ERROR(OnlyMembers(js, path, {"type", "title", "points_each", "count", "questions"}));
    ParsedSection s;
    std::string type;
    KEFU_RETURN_IF_ERROR(GetString(js, path, "type", true, &type));
    auto t = ParseQuestionType(type);
    if (!t) return Bad(path + ".type", "unknown type " + type);
    s.type = *t;
    KEFU_RETURN_IF_ERROR(GetString(js, path, "title", false, &s.title));
    KEFU_RETURN_IF_ERROR(GetNumber(js, path, "points_each", &s.points_each));
    KEFU_RETURN_IF_ERROR(GetInt(js, path, "count", &s.count));
    if (!js.contains("questions")) return Bad(path + ".questions", "missing");
    if (!js["questions"].is_array()) return Bad(path + ".questions", "must be an array");
    for (size_t k = 0; k < js["questions"].size(); ++k) {
      ParsedQuestion q;
      KEFU_RETURN_IF_ERROR(ReadQuestion(js["questions"][k], s.type,
                                        path + ".questions[" + std::to_string(k) + "]", q));
      s.questions.push_back(std::move(q));
    }
    p.sections.push_back(std::move(s));
  }
  return p;
}

}  // namespace kefu::training
