#include "training/exam.h"

#include <algorithm>
#include <set>

#include "common/utf8.h"

namespace kefu::training {

namespace {

constexpr std::string_view kScoringNames[] = {"all_or_nothing", "half_for_subset", "proportional"};
constexpr size_t kMaxAnswerBytes = 20'000;

// A small deterministic generator (splitmix64): the same seed draws the
// same paper on every platform, which std::uniform_int_distribution does
// not promise.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  template <typename T>
  void Shuffle(std::vector<T>& v) {
    for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[Next() % i]);
  }

 private:
  uint64_t s_;
};

bool Matches(const BlueprintSection& s, const Question& q) {
  if (q.type != s.type) return false;
  if (!s.paper_id.empty() && q.paper_id != s.paper_id) return false;
  return std::all_of(s.tags.begin(), s.tags.end(), [&](const std::string& t) { return HasTag(q, t); });
}

Status Bad(const std::string& field, const std::string& why) {
  return ValidationError(field + " " + why);
}

}  // namespace

std::string_view ToString(ChoiceScoring s) { return kScoringNames[static_cast<int>(s)]; }

std::optional<ChoiceScoring> ParseChoiceScoring(std::string_view s) {
  for (size_t i = 0; i < std::size(kScoringNames); ++i) {
    if (kScoringNames[i] == s) return static_cast<ChoiceScoring>(i);
  }
  return std::nullopt;
}

std::string_view ToString(AttemptStatus s) {
  switch (s) {
    case AttemptStatus::kInProgress: return "in_progress";
    case AttemptStatus::kSubmitted: return "submitted";
    case AttemptStatus::kGraded: return "graded";
  }
  return "in_progress";
}

Status ValidateExamSpec(const ExamSpec& e) {
  if (e.title.empty() || e.title.size() > 200) return Bad("title", "must be 1..200 bytes");
  if (e.sections.empty() || e.sections.size() > 20) return Bad("sections", "must have 1..20 sections");
  for (size_t i = 0; i < e.sections.size(); ++i) {
    const auto& s = e.sections[i];
    std::string f = "sections[" + std::to_string(i) + "]";
    if (IsInterviewType(s.type)) return Bad(f + ".type", "must be an exam question type");
    if (s.count < 1 || s.count > 200) return Bad(f + ".count", "must be 1..200");
    if (!(s.points_each > 0) || s.points_each > 100) return Bad(f + ".points_each", "must be in (0, 100]");
    if (s.title.size() > 200) return Bad(f + ".title", "is over 200 bytes");
    if (s.tags.size() > 10) return Bad(f + ".tags", "has over 10 tags");
  }
  if (e.time_limit_minutes < 0 || e.time_limit_minutes > 600) return Bad("time_limit_minutes", "must be 0..600");
  if (e.max_attempts < 1 || e.max_attempts > 10) return Bad("max_attempts", "must be 1..10");
  if (e.pass_percent < 0 || e.pass_percent > 100) return Bad("pass_percent", "must be 0..100");
  if (e.certification.size() > 100) return Bad("certification", "is over 100 bytes");
  if (e.certificate_valid_days < 1 || e.certificate_valid_days > 3650) {
    return Bad("certificate_valid_days", "must be 1..3650");
  }
  if (e.candidates.size() > 1000) return Bad("candidates", "has over 1000 logins");
  return OkStatus();
}

double TotalPoints(const ExamSpec& e) {
  double t = 0;
  for (const auto& s : e.sections) t += s.count * s.points_each;
  return t;
}

std::vector<int> MatchingCounts(const ExamSpec& e, const std::vector<Question>& bank) {
  std::vector<int> out;
  for (const auto& s : e.sections) {
    out.push_back(static_cast<int>(
        std::count_if(bank.begin(), bank.end(), [&](const Question& q) { return Matches(s, q); })));
  }
  return out;
}

StatusOr<std::vector<DrawnItem>> DrawPaper(const ExamSpec& e, const std::vector<Question>& bank,
                                           uint64_t seed) {
  Rng rng(seed);
  std::set<std::string> used;
  std::vector<DrawnItem> out;
  for (size_t si = 0; si < e.sections.size(); ++si) {
    const auto& s = e.sections[si];
    std::vector<const Question*> pool;
    for (const auto& q : bank) {
      if (Matches(s, q) && !used.count(q.id)) pool.push_back(&q);
    }
    // Bank order is by id; sort so the draw does not depend on list order.
    std::sort(pool.begin(), pool.end(), [](const Question* a, const Question* b) { return a->id < b->id; });
    if (static_cast<int>(pool.size()) < s.count) {
      return FailedPrecondition(
          "bank_too_small", "题库中符合第" + std::to_string(si + 1) + "部分条件的题目只有 " +
                                std::to_string(pool.size()) + " 道，需要 " + std::to_string(s.count) +
                                " 道 / section " + std::to_string(si + 1) + " needs " +
                                std::to_string(s.count) + " questions, the bank has " +
                                std::to_string(pool.size()));
    }
    rng.Shuffle(pool);
    for (int k = 0; k < s.count; ++k) {
      const Question& q = *pool[k];
      used.insert(q.id);
      DrawnItem item{q.id, static_cast<int>(si), s.points_each, {}};
      for (const auto& [letter, text] : q.options) item.option_order.push_back(letter);
      if (e.shuffle_options && IsChoice(q.type)) rng.Shuffle(item.option_order);
      out.push_back(std::move(item));
    }
  }
  return out;
}

bool IsBlank(const Answer& a) { return a.letters.empty() && !a.value && a.text.empty(); }

StatusOr<Attempt> StartAttempt(const ExamSpec& e, const std::vector<Attempt>& earlier,
                               const std::string& candidate, const std::vector<Question>& bank,
                               uint64_t seed, const std::string& id, Timestamp now) {
  if (!e.candidates.empty() &&
      std::find(e.candidates.begin(), e.candidates.end(), candidate) == e.candidates.end()) {
    return Status(StatusCode::kPermissionDenied, "not_a_candidate",
                  "你不在本次考试的考生名单中 / you are not a candidate of this exam");
  }
  for (const auto& a : earlier) {
    if (a.status == AttemptStatus::kInProgress && !TimeUp(a, now)) {
      return FailedPrecondition("attempt_in_progress", "已有进行中的作答 / an attempt is in progress");
    }
  }
  if (static_cast<int>(earlier.size()) >= e.max_attempts) {
    return FailedPrecondition("no_attempts_left", "作答次数已用完 / no attempts left (" +
                                                      std::to_string(e.max_attempts) + " allowed)");
  }
  KEFU_ASSIGN_OR_RETURN(std::vector<DrawnItem> items, DrawPaper(e, bank, seed));
  Attempt a;
  a.id = id;
  a.exam_id = e.id;
  a.candidate = candidate;
  a.number = static_cast<int>(earlier.size()) + 1;
  a.started_at = now;
  if (e.time_limit_minutes > 0) a.deadline = Timestamp{now.unix_ms + e.time_limit_minutes * 60'000ll};
  a.items = std::move(items);
  a.answers.resize(a.items.size());
  a.max_score = TotalPoints(e);
  return a;
}

bool TimeUp(const Attempt& a, Timestamp now) {
  return a.deadline && now.unix_ms > a.deadline->unix_ms + kSaveGraceMs;
}

namespace {

Status CheckAnswer(const DrawnItem& item, const Question& q, const Answer& ans, int index) {
  std::string f = "answers[" + std::to_string(index) + "]";
  if (IsChoice(q.type)) {
    if (ans.value || !ans.text.empty()) return ValidationError(f + " takes letters");
    std::set<std::string> seen;
    for (const auto& l : ans.letters) {
      if (l.size() != 1 || l[0] < 'A' || static_cast<size_t>(l[0] - 'A') >= item.option_order.size()) {
        return ValidationError(f + " has a letter that is not an option: " + l);
      }
      if (!seen.insert(l).second) return ValidationError(f + " repeats " + l);
    }
    if (q.type == QuestionType::kSingleChoice && ans.letters.size() > 1) {
      return ValidationError(f + " is a single choice: one letter");
    }
    return OkStatus();
  }
  if (q.type == QuestionType::kTrueFalse) {
    if (!ans.letters.empty() || !ans.text.empty()) return ValidationError(f + " takes a true/false value");
    return OkStatus();
  }
  if (!ans.letters.empty() || ans.value) return ValidationError(f + " takes text");
  if (ans.text.size() > kMaxAnswerBytes) return ValidationError(f + " is over 20000 bytes");
  if (!IsValidUtf8(ans.text)) return InvalidArgument("invalid_utf8", f + " is not valid UTF-8");
  return OkStatus();
}

}  // namespace

Status SaveAnswers(Attempt& a, const std::map<int, Answer>& answers,
                   const std::map<std::string, const Question*>& questions, Timestamp now) {
  if (a.status != AttemptStatus::kInProgress) {
    return FailedPrecondition("attempt_closed", "试卷已提交 / the attempt was submitted");
  }
  if (TimeUp(a, now)) return FailedPrecondition("time_up", "考试时间已到 / time is up");
  for (const auto& [i, ans] : answers) {
    if (i < 0 || i >= static_cast<int>(a.items.size())) {
      return ValidationError("answers has no item " + std::to_string(i));
    }
    auto q = questions.find(a.items[i].question_id);
    if (q == questions.end()) return Internal("question " + a.items[i].question_id + " missing");
    KEFU_RETURN_IF_ERROR(CheckAnswer(a.items[i], *q->second, ans, i));
  }
  for (const auto& [i, ans] : answers) {
    Answer v = ans;
    std::sort(v.letters.begin(), v.letters.end());
    a.answers[i] = std::move(v);
  }
  a.last_saved_at = now;
  return OkStatus();
}

}  // namespace kefu::training
