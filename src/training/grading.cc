#include "training/grading.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

#include "common/utf8.h"
#include "text/normalizer.h"

namespace kefu::training {

namespace {

double RoundHalf(double x) { return std::round(x * 2) / 2; }

// Splits on any of `seps` (UTF-8 strings); keeps empty parts.
std::vector<std::string> SplitAny(const std::string& s, const std::vector<std::string>& seps) {
  std::vector<std::string> out(1);
  for (size_t i = 0; i < s.size();) {
    bool hit = false;
    for (const auto& sep : seps) {
      if (s.compare(i, sep.size(), sep) == 0) {
        out.emplace_back();
        i += sep.size();
        hit = true;
        break;
      }
    }
    if (!hit) out.back() += s[i++];
  }
  return out;
}

// Normalised, with white space and punctuation removed: how fill-in blanks
// compare.
std::string Canon(const std::string& s) {
  std::string n = text::DefaultNormalizer().Normalize(s);
  std::string out;
  for (size_t i = 0; i < n.size();) {
    unsigned char c = n[i];
    if (c < 0x80) {
      if (std::isalnum(c)) out += static_cast<char>(c);
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    std::string cp = n.substr(i, len);
    // CJK punctuation (U+3000..U+303F) and general punctuation (U+2000..U+206F).
    bool punct = (len == 3 && static_cast<unsigned char>(cp[0]) == 0xE3 &&
                  static_cast<unsigned char>(cp[1]) == 0x80) ||
                 (len == 3 && static_cast<unsigned char>(cp[0]) == 0xE2 &&
                  static_cast<unsigned char>(cp[1]) <= 0x81);
    if (!punct) out += cp;
    i += len;
  }
  return out;
}

const std::set<std::string>& StopWords() {
  static const std::set<std::string> w = {
      "进行", "可以", "应该", "需要", "能够", "如果", "并且", "以及", "然后", "或者", "我们",
      "他们", "你们", "这个", "那个", "一个", "没有", "就是", "还是", "已经", "因为", "所以",
      "但是", "同时", "对于", "通过", "根据", "及时", "要求", "the", "and", "of", "to"};
  return w;
}

// The content words of normalised text, each once, in text order.
std::vector<std::string> ContentWords(const text::Tokenizer& tok, const std::string& normalized) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (const auto& t : tok.Tokenize(normalized, false)) {
    if (t.kind == text::TokenKind::kBigram) continue;
    if (t.kind == text::TokenKind::kWord && CountCodePoints(t.text) < 2) continue;
    if (StopWords().count(t.text)) continue;
    if (seen.insert(t.text).second) out.push_back(t.text);
  }
  return out;
}

// Code points of a UTF-8 string.
std::vector<std::string> CodePoints(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

bool Found(const std::string& word, const std::set<std::string>& answer_terms) {
  if (answer_terms.count(word)) return true;
  auto cps = CodePoints(word);
  if (cps.size() < 3 || cps[0].size() < 3) return false;  // Chinese words of 3+ characters
  for (size_t i = 0; i + 1 < cps.size(); ++i) {
    if (!answer_terms.count(cps[i] + cps[i + 1])) return false;
  }
  return true;
}

// The reference answer's key points as written.
std::vector<std::string> SplitKeyPoints(const std::string& reference) {
  // Numbered markers start a new point: each becomes a line break, in one
  // pass (markers never overlap, so the order of replacing them is moot;
  // replacing them in place one after another moved the rest of the text
  // each time, quadratic in a long reference).
  static const std::vector<std::string> kMarkers = {
      "（1）", "（2）", "（3）", "（4）", "（5）", "（6）", "（7）", "（8）", "（9）",
      "(1)",   "(2)",   "(3)",   "(4)",   "(5)",   "(6)",   "(7)",   "(8)",   "(9)",
      "①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"};
  std::string s;
  s.reserve(reference.size());
  for (size_t i = 0; i < reference.size();) {
    auto m = std::find_if(kMarkers.begin(), kMarkers.end(),
                          [&](const std::string& w) { return reference.compare(i, w.size(), w) == 0; });
    if (m == kMarkers.end()) {
      s += reference[i++];
    } else {
      s += '\n';
      i += m->size();
    }
  }
  // "1." / "1、" (also full-width "１．") at the start of a line or after a
  // separator; not a decimal such as "1.5".
  auto digit = [&](size_t i) -> size_t {  // bytes of the digit at i, 0 if none
    if (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) return 1;
    if (s.compare(i, 2, "\xEF\xBC") == 0 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 2]) >= 0x90 &&
        static_cast<unsigned char>(s[i + 2]) <= 0x99) {
      return 3;
    }
    return 0;
  };
  auto after = [&](size_t i, std::string_view sep) {
    return i >= sep.size() && s.compare(i - sep.size(), sep.size(), sep) == 0;
  };
  std::string t;
  for (size_t i = 0; i < s.size(); ++i) {
    bool start = i == 0 || s[i - 1] == '\n' || s[i - 1] == ' ' || s[i - 1] == ';' || after(i, "。") ||
                 after(i, "；") || after(i, "！") || after(i, "？") || after(i, "　");
    if (start && digit(i)) {
      size_t j = i;
      while (size_t n = digit(j)) j += n;
      size_t mark = j < s.size() && s[j] == '.' ? 1
                    : s.compare(j, 3, "．") == 0 || s.compare(j, 3, "、") == 0 ? 3
                                                                              : 0;
      if (mark && !digit(j + mark)) { t += '\n'; i = j + mark - 1; continue; }
    }
    t += s[i];
  }
  std::vector<std::string> out;
  for (auto& part : SplitAny(t, {"\n", "。", "；", ";", "！", "？"})) {
    size_t b = part.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    size_t e = part.find_last_not_of(" \t\r");
    out.push_back(part.substr(b, e - b + 1));
  }
  return out;
}

}  // namespace

double ScoreChoice(const std::vector<std::string>& key, const std::vector<std::string>& chosen,
                   double points, ChoiceScoring scoring) {
  std::set<std::string> k(key.begin(), key.end()), c(chosen.begin(), chosen.end());
  if (c.empty()) return 0;
  if (k == c) return points;
  bool wrong = std::any_of(c.begin(), c.end(), [&](const std::string& l) { return !k.count(l); });
  if (wrong || k.size() < 2) return 0;
  switch (scoring) {
    case ChoiceScoring::kAllOrNothing: return 0;
    case ChoiceScoring::kHalfForSubset: return points / 2;
    case ChoiceScoring::kProportional: return points * c.size() / k.size();
  }
  return 0;
}

double ScoreFillIn(const std::string& key, const std::string& answer, double points) {
  static const std::vector<std::string> kBlankSeps = {"；", ";"};
  std::vector<std::string> blanks = SplitAny(key, kBlankSeps);
  std::vector<std::string> given = SplitAny(answer, kBlankSeps);
  if (blanks.size() > 1 && given.size() == 1) {
    std::vector<std::string> ws;
    for (auto& w : SplitAny(answer, {" ", "　", "，", ","})) {
      if (!w.empty()) ws.push_back(w);
    }
    given = ws;
  }
  int right = 0;
  for (size_t i = 0; i < blanks.size() && i < given.size(); ++i) {
    std::string g = Canon(given[i]);
    if (g.empty()) continue;
    for (const auto& alt : SplitAny(blanks[i], {"/", "|", "／"})) {
      if (Canon(alt) == g) { ++right; break; }
    }
  }
  return points * right / static_cast<double>(blanks.size());
}

Coverage KeyPointCoverage(const text::Tokenizer& tok, const std::string& reference,
                          const std::string& answer, double points) {
  Coverage out;
  std::string norm_answer = text::DefaultNormalizer().Normalize(answer);
  std::set<std::string> terms;
  for (const auto& t : tok.Tokenize(norm_answer, true)) terms.insert(t.text);
  int covered = 0;
  for (const auto& kp : SplitKeyPoints(reference)) {
    auto words = ContentWords(tok, text::DefaultNormalizer().Normalize(kp));
    if (words.empty()) continue;
    KeyPoint p;
    p.text = kp;
    for (const auto& w : words) (Found(w, terms) ? p.matched : p.missing).push_back(w);
    p.covered = p.matched.size() * 10 >= words.size() * 6;
    covered += p.covered;
    out.points.push_back(std::move(p));
  }
  if (!out.points.empty()) out.suggested = RoundHalf(points * covered / out.points.size());
  return out;
}

Status Submit(Attempt& a, const ExamSpec& e, const std::map<std::string, const Question*>& questions,
              const text::Tokenizer& tok, bool timed_out, Timestamp now) {
  if (a.status != AttemptStatus::kInProgress) {
    return FailedPrecondition("attempt_closed", "试卷已提交 / the attempt was submitted");
  }
  a.grades.assign(a.items.size(), ItemGrade{});
  for (size_t i = 0; i < a.items.size(); ++i) {
    const DrawnItem& item = a.items[i];
    auto it = questions.find(item.question_id);
    if (it == questions.end()) return Internal("question " + item.question_id + " missing");
    const Question& q = *it->second;
    const Answer& ans = a.answers[i];
    ItemGrade& g = a.grades[i];
    if (IsChoice(q.type)) {
      std::vector<std::string> own;  // shown letters back to the question's
      for (const auto& l : ans.letters) own.push_back(item.option_order.at(l[0] - 'A'));
      g.auto_score = ScoreChoice(q.key_letters, own, item.points, e.multiple_choice);
    } else if (q.type == QuestionType::kTrueFalse) {
      g.auto_score = ans.value && q.key_bool && *ans.value == *q.key_bool ? item.points : 0;
    } else if (q.type == QuestionType::kFillIn) {
      g.auto_score = ScoreFillIn(q.key_text, ans.text, item.points);
    } else if (ans.text.empty()) {
      g.final_score = 0;  // nothing to grade
      g.grader = "system";
      g.comment = "未作答 / not answered";
    } else {
      Coverage c = KeyPointCoverage(tok, q.key_text, ans.text, item.points);
      g.suggested = c.suggested;
      g.key_points = std::move(c.points);
    }
  }
  a.status = AttemptStatus::kSubmitted;
  a.submitted_at = now;
  a.timed_out = timed_out;
  if (FullyScored(a)) Finish(a, e);
  return OkStatus();
}

bool FullyScored(const Attempt& a) {
  return a.grades.size() == a.items.size() &&
         std::all_of(a.grades.begin(), a.grades.end(), [](const ItemGrade& g) { return g.Score().has_value(); });
}

void Finish(Attempt& a, const ExamSpec& e) {
  double total = 0;
  for (const auto& g : a.grades) total += g.Score().value_or(0);
  a.score = total;
  a.passed = a.max_score > 0 && total * 100 >= e.pass_percent * a.max_score - 1e-9;
  a.status = AttemptStatus::kGraded;
}

Status SetFinalScore(Attempt& a, const ExamSpec& e, int item, double score,
                     const std::string& grader, const std::string& comment) {
  if (a.status == AttemptStatus::kInProgress) {
    return FailedPrecondition("not_submitted", "试卷尚未提交 / the attempt is not submitted");
  }
  if (item < 0 || item >= static_cast<int>(a.items.size())) {
    return ValidationError("item " + std::to_string(item) + " is not in the attempt");
  }
  if (a.grades[item].auto_score) {
    return ValidationError("item " + std::to_string(item) + " is graded automatically");
  }
  double max = a.items[item].points;
  if (!(score >= 0 && score <= max) || std::fabs(score * 2 - std::round(score * 2)) > 1e-9) {
    return ValidationError("score must be 0.." + std::to_string(max) + " in steps of 0.5");
  }
  if (comment.size() > 4000) return ValidationError("comment is over 4000 bytes");
  ItemGrade& g = a.grades[item];
  g.final_score = score;
  g.grader = grader;
  g.comment = comment;
  if (FullyScored(a)) Finish(a, e);
  return OkStatus();
}

Certificate IssueCertificate(const ExamSpec& e, const Attempt& a, const std::string& id,
                             Timestamp now) {
  Certificate c;
  c.id = id;
  c.login = a.candidate;
  c.name = e.certification;
  c.exam_id = e.id;
  c.attempt_id = a.id;
  c.score = a.score;
  c.issued_at = now;
  c.expires_at = Timestamp{now.unix_ms + e.certificate_valid_days * 86'400'000ll};
  return c;
}

bool IsValid(const Certificate& c, Timestamp now) { return c.issued_at <= now && now < c.expires_at; }

std::vector<ItemStat> ItemStatistics(const std::vector<Attempt>& graded) {
  struct Row {
    double total_ratio;
    double item_ratio;
  };
  std::map<std::string, std::vector<Row>> by_item;
  std::vector<std::string> order;
  for (const auto& a : graded) {
    if (a.status != AttemptStatus::kGraded || a.max_score <= 0) continue;
    double total = a.score / a.max_score;
    for (size_t i = 0; i < a.items.size() && i < a.grades.size(); ++i) {
      const auto& id = a.items[i].question_id;
      if (!by_item.count(id)) order.push_back(id);
      double pts = a.items[i].points;
      by_item[id].push_back({total, pts > 0 ? a.grades[i].Score().value_or(0) / pts : 0});
    }
  }
  std::sort(order.begin(), order.end());
  std::vector<ItemStat> out;
  for (const auto& id : order) {
    auto rows = by_item[id];
    ItemStat s;
    s.question_id = id;
    s.responses = static_cast<int>(rows.size());
    double sum = 0;
    for (const auto& r : rows) sum += r.item_ratio;
    s.difficulty = sum / rows.size();
    if (rows.size() >= 4) {
      std::stable_sort(rows.begin(), rows.end(),
                       [](const Row& a, const Row& b) { return a.total_ratio > b.total_ratio; });
      size_t k = static_cast<size_t>(std::ceil(rows.size() * 0.27));
      double up = 0, low = 0;
      for (size_t i = 0; i < k; ++i) {
        up += rows[i].item_ratio;
        low += rows[rows.size() - 1 - i].item_ratio;
      }
      s.discrimination = (up - low) / k;
    }
    out.push_back(s);
  }
  return out;
}

}  // namespace kefu::training
