// Answer sections and keys for the paper parser (parser_internal.h): the
// lines of an answer section (compact keys, range keys, numbered blocks),
// rubric text and tags, reading a key for its question, and matching
// answer-section entries to questions. The fixed patterns (compact keys,
// rubric items) and the splitting of rubric text and tags are in
// parser_key_patterns.cc.
#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "training/parser_internal.h"

namespace kefu::training::internal {

bool HasKey(const ParsedQuestion& q) {
  return !q.key_letters.empty() || q.key_bool.has_value() || !q.key_text.empty();
}

bool ApplyKey(ParsedQuestion& q, QuestionType t, const Pending& k, std::vector<PaperProblem>* problems) {
  const std::string num = std::to_string(q.number);
  const std::string n = "第" + num + "题";
  auto bad = [&](std::string msg) {
    problems->push_back({k.line, "bad_key", std::move(msg)});
    return false;
  };
  if (!k.explanation.empty() && q.explanation.empty()) q.explanation = k.explanation;
  Folded fd = Fold(k.key);
  std::string f = Trim(fd.f);
  // A full stop after the key ("答案：B。") is not part of it.
  while (!f.empty() && (f.back() == '.' || (f.size() >= 3 && f.compare(f.size() - 3, 3, "。") == 0)))
    f.erase(f.size() - (f.back() == '.' ? 1 : 3));
  f = Trim(f);
  if (f.empty()) return true;
  if (IsChoice(t)) {
    std::vector<std::string> letters;
    for (size_t i = 0; i < f.size();) {
      size_t cl = CpLen(static_cast<unsigned char>(f[i]));
      std::string c = f.substr(i, cl);
      i += cl;
      if (c == " " || c == "," || c == ";" || c == "/" || c == "、") continue;
      char ch = c.size() == 1 ? c[0] : 0;
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
      if (!(ch >= 'A' && ch <= 'Z')) {
        q.key_letters.clear();
        return bad(n + "答案不是选项字母 / key of question " + num + " is not option letters");
      }
      if (std::find(letters.begin(), letters.end(), std::string(1, ch)) == letters.end())
        letters.emplace_back(1, ch);
    }
    if (t == QuestionType::kSingleChoice && letters.size() > 1)
      return bad(n + "单选题有多个答案 / single choice question " + num + " has several keys");
    for (const auto& l : letters) {
      bool found = false;
      for (const auto& o : q.options) found = found || o.first == l;
      if (!found) return bad(n + "答案" + l + "不在选项中 / key " + l + " of question " + num + " is not an option");
    }
    q.key_letters = letters;
  } else if (t == QuestionType::kTrueFalse) {
    std::string v;
    for (char c : f) if (c != ' ' && c != '(' && c != ')') v += c;
    static const std::set<std::string> kTrue = {"√", "✓", "对", "正确", "T", "t", "true", "Y", "是"};
    static const std::set<std::string> kFalse = {"×", "✗", "错", "错误", "F", "f", "false", "X", "N", "否"};
    if (kTrue.count(v)) q.key_bool = true;
    else if (kFalse.count(v)) q.key_bool = false;
    else return bad(n + "判断题答案无法识别 / key of question " + num + " is not true/false");
  } else {
    q.key_text = Trim(k.key);
  }
  return true;
}

void MergeRubric(ParsedQuestion& q, const std::vector<RubricItem>& items, std::vector<PaperProblem>* problems) {
  const std::string n = std::to_string(q.number);
  for (const auto& it : items) {
    if (it.level < 0) continue;
    const std::string l = std::to_string(it.level);
    if (it.level < 1 || it.level > 5) {
      problems->push_back({it.line, "bad_rubric",
                           "第" + n + "题评分等级" + l + "分不在1-5分之间 / rubric level " + l + " of question " + n +
                               " is not within 1..5"});
      continue;
    }
    auto pos = std::lower_bound(q.rubric.begin(), q.rubric.end(), it.level,
                                [](const auto& r, int level) { return r.first < level; });
    if (pos != q.rubric.end() && pos->first == it.level) {
      problems->push_back({it.line, "bad_rubric",
                           "第" + n + "题评分等级" + l + "分重复 / rubric level " + l + " of question " + n +
                               " is repeated"});
      continue;
    }
    q.rubric.insert(pos, {it.level, it.text});
  }
}

void DropDuplicateTags(std::vector<std::string>* tags) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> kept;
  for (auto& t : *tags) {
    if (seen.insert(t).second) kept.push_back(std::move(t));
  }
  *tags = std::move(kept);
}

// ---- reading answer sections -------------------------------------------------

void Parser::AnswerLine(int no, const std::string& orig, const Folded& fd) {
  const std::string& f = fd.f;
  if (ParseCompact(no, fd)) return;
  if (pending_ && IsRubricHeading(f)) {  // "评分标准" without a colon
    field_ = Field::kRubric;
    rubric_ = &pending_->rubric;
    return;
  }
  int num = 0;
  size_t end = 0;
  NumStyle st = MatchNumber(f, &num, &end);
  if (st != NumStyle::kNone && (answer_style_ == NumStyle::kNone || st == answer_style_ || !pending_)) {
    answer_style_ = st;
    answers_.push_back({answer_section_, num, Pending()});
    pending_ = &answers_.back().p;
    pending_->line = no;
    field_ = Field::kKey;
    AnswerContent(no, orig, fd, end);
    return;
  }
  if (!pending_) {
    Unparsed(no);
    return;
  }
  AnswerContent(no, orig, fd, 0);
}

// Text of an answer block: the key, then explanation, rubric and tags as
// markers say. REQUIRES: pending_.
void Parser::AnswerContent(int no, const std::string& orig, const Folded& fd, size_t from) {
  const std::string& f = fd.f;
  MarkerFinder markers(f);
  size_t p = from;
  std::optional<MarkerKind> tag;
  while (p <= f.size()) {
    Marker mk = markers.Next(p);
    size_t seg_end = std::min(mk.pos, f.size());
    if (p < seg_end) {
      std::string text = Orig(orig, fd, p, seg_end);
      if (tag) TagText(no, *tag, text, &pending_->tags);
      else if (field_ == Field::kRubric) RubricText(no, text);
      else Append(field_ == Field::kKey ? pending_->key : pending_->explanation, text, "\n");
    }
    if (mk.pos == std::string::npos) break;
    tag.reset();
    switch (mk.kind) {
      case MarkerKind::kKey: field_ = Field::kKey; break;
      case MarkerKind::kExplanation: field_ = Field::kExplanation; break;
      case MarkerKind::kRubric:
        field_ = Field::kRubric;
        rubric_ = &pending_->rubric;
        break;
      case MarkerKind::kTopic:
      case MarkerKind::kDifficulty: tag = mk.kind; break;
    }
    p = SkipSpaces(f, mk.pos + mk.len);
  }
}

// A line of compact keys: two or more of "1.C 2.B 3.ABD 4.√", or ranges
// "1-5 CBADC", "1～5：CBADC", "6-8 √×√" (one letter or mark per number),
// possibly mixed. A range whose run is not as long as the range is a
// bad_key problem and gives no keys.
bool Parser::ParseCompact(int no, const Folded& fd) {
  if (fd.f.size() > kMaxPatternBytes) return false;
  std::vector<KeyToken> toks;
  bool any_range = false;
  size_t end = 0;
  while (auto t = MatchKeyToken(fd.f, end)) {
    any_range = any_range || t->range;
    end = t->end;
    toks.push_back(std::move(*t));
  }
  if ((toks.size() < 2 && !any_range) || !TrimView(std::string_view(fd.f).substr(end)).empty()) return false;
  auto add = [&](int n, std::string key) {
    answers_.push_back({answer_section_, n, Pending()});
    answers_.back().p.line = no;
    answers_.back().p.key = std::move(key);
  };
  for (const auto& t : toks) {
    if (!t.range) {
      add(t.first, t.run);
      continue;
    }
    std::vector<std::string> keys;
    for (size_t i = 0; i < t.run.size();) {
      size_t n = CpLen(static_cast<unsigned char>(t.run[i]));
      keys.push_back(t.run.substr(i, n));
      i += n;
    }
    const std::string range = std::to_string(t.first) + "-" + std::to_string(t.last);
    if (t.last < t.first || static_cast<size_t>(t.last - t.first + 1) != keys.size()) {
      Problem(no, "bad_key",
              "第" + std::to_string(no) + "行答案个数与题号" + range + "不符 / line " + std::to_string(no) + ": " +
                  std::to_string(keys.size()) + " keys for questions " + range);
      continue;
    }
    for (size_t i = 0; i < keys.size(); ++i) add(t.first + static_cast<int>(i), keys[i]);
  }
  pending_ = nullptr;
  return true;
}

// ---- rubric text and tags (questions and answer blocks) ---------------------

void Parser::RubricText(int no, const std::string& text) {
  const std::string line = std::to_string(no);
  for (auto& piece : SplitRubric(text)) {
    switch (piece.kind) {
      case RubricPiece::kItem:
        rubric_->push_back({piece.level, std::move(piece.text), no});
        break;
      case RubricPiece::kRange:
        Problem(no, "bad_rubric", "第" + line + "行评分等级应为单个分数 / line " + line + ": a rubric level is one score");
        rubric_->push_back({-1, std::move(piece.text), no});
        break;
      case RubricPiece::kText:
        if (rubric_->empty()) {  // no level to continue
          Problem(no, "bad_rubric",
                  "第" + line + "行评分标准无法识别（应为“5分：…”） / line " + line + ": rubric item not understood");
          rubric_->push_back({-1, std::move(piece.text), no});
        } else {
          Append(rubric_->back().text, piece.text, "\n");
        }
        break;
    }
  }
}

void Parser::TagText(int no, MarkerKind kind, const std::string& text, std::vector<std::string>* tags) {
  // Duplicates are dropped per question, in ApplyAnswers.
  if (kind == MarkerKind::kTopic) {
    for (const auto& t : SplitTopics(text)) tags->push_back("topic:" + t);
    return;
  }
  if (auto d = ParseDifficulty(text)) {
    tags->push_back("difficulty:" + *d);
    return;
  }
  const std::string line = std::to_string(no);
  Problem(no, "unparsed_line",
          "第" + line + "行难度无法识别（易/中/难） / line " + line + ": difficulty not understood");
}

// ---- matching answers to questions ------------------------------------------

// Answer-section entries -> questions. With sub-headings the section is
// known; with numbers unique across the paper (continuous numbering) the
// number decides; otherwise numbering restarts per section, so a number
// not greater than the previous one moves on to the next section.
std::map<QuestionId, Pending> Parser::MatchAnswers() {
  auto& secs = paper_.sections;
  std::map<int, int> global;  // number -> section, -1 when repeated
  for (size_t s = 0; s < secs.size(); ++s)
    for (const auto& q : secs[s].questions)
      global[q.number] = global.count(q.number) ? -1 : static_cast<int>(s);
  bool continuous = std::none_of(global.begin(), global.end(), [](auto& kv) { return kv.second < 0; });
  // Sections whose questions all have inline keys are skipped by the cursor
  // (an answer section often covers only the sections without keys).
  std::vector<bool> needs(secs.size(), false);
  for (size_t s = 0; s < secs.size(); ++s)
    for (size_t i = 0; i < secs[s].questions.size(); ++i)
      if (!keys_.count({static_cast<int>(s), static_cast<int>(i)})) needs[s] = true;
  auto advance = [&](int c) {
    for (int k = c + 1; k < static_cast<int>(secs.size()); ++k) if (needs[k]) return k;
    return c + 1;
  };
  // Per section: question number -> index of its first question.
  std::vector<std::unordered_map<int, int>> index(secs.size());
  for (size_t s = 0; s < secs.size(); ++s)
    for (size_t i = 0; i < secs[s].questions.size(); ++i)
      index[s].emplace(secs[s].questions[i].number, static_cast<int>(i));
  int cursor = -1, prev = 0, last_hint = -2;
  std::map<QuestionId, Pending> from_answers;
  for (const auto& a : answers_) {
    int s = -1;
    if (a.section >= 0) {
      if (a.section != last_hint) prev = 0;
      last_hint = a.section;
      s = a.section;
    } else if (continuous) {
      s = global.count(a.number) ? global[a.number] : -1;
    } else {
      if (cursor < 0 || a.number <= prev) cursor = advance(cursor);
      s = cursor < static_cast<int>(secs.size()) ? cursor : -1;
    }
    prev = a.number;
    int idx = -1;
    if (s >= 0) {
      auto it = index[s].find(a.number);
      if (it != index[s].end()) idx = it->second;
    }
    if (idx < 0) {
      Problem(a.p.line, "answer_without_question",
              "答案" + std::to_string(a.number) + "没有对应的题目 / answer " + std::to_string(a.number) + " has no question");
      continue;
    }
    from_answers[{s, idx}] = a.p;
  }
  return from_answers;
}

namespace {

// True if key `k` read for `q` gives exactly q's key (letters in any order).
bool SameKey(const ParsedQuestion& q, QuestionType t, const Pending& k) {
  ParsedQuestion other;
  other.number = q.number;
  other.options = q.options;
  std::vector<PaperProblem> ignored;
  if (!ApplyKey(other, t, k, &ignored)) return false;
  if (!HasKey(other)) return true;  // nothing but punctuation: no key to compare
  auto sorted = [](std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  return sorted(other.key_letters) == sorted(q.key_letters) && other.key_bool == q.key_bool &&
         other.key_text == q.key_text;
}

}  // namespace

// Gives question i of section s its key (the inline one first, else the
// answer-section entry), rubric and tags, and reports bad_key,
// key_conflict, bad_rubric and missing_key.
void Parser::ApplyAnswers(size_t s, size_t i, std::map<QuestionId, Pending>& from_answers) {
  const QuestionType type = paper_.sections[s].type;
  ParsedQuestion& q = paper_.sections[s].questions[i];
  const QuestionId id{static_cast<int>(s), static_cast<int>(i)};
  const std::string n = std::to_string(q.number);
  bool bad = false;
  auto inline_key = keys_.find(id);
  if (inline_key != keys_.end()) bad = !ApplyKey(q, type, inline_key->second, &paper_.problems);
  bool has = HasKey(q);
  if (auto rub = rubrics_.find(id); rub != rubrics_.end()) MergeRubric(q, rub->second, &paper_.problems);
  if (auto it = from_answers.find(id); it != from_answers.end()) {
    const Pending& a = it->second;
    if (!has && !bad) {
      bad = !ApplyKey(q, type, a, &paper_.problems);
    } else {
      if (q.explanation.empty()) q.explanation = a.explanation;
      if (has && !SameKey(q, type, a)) {
        // Short keys (letters, marks) are quoted; long text is not.
        const std::string mine = Trim(inline_key->second.key), theirs = Trim(a.key);
        std::string keys = mine.size() <= 24 && theirs.size() <= 24 ? "（" + mine + " / " + theirs + "）" : "";
        Problem(a.line, "key_conflict",
                "第" + n + "题答案与答案部分不一致" + keys + "，保留题中答案 / the key of question " + n +
                    " differs from the answer section; the inline key is kept");
      }
    }
    MergeRubric(q, a.rubric, &paper_.problems);
    q.tags.insert(q.tags.end(), a.tags.begin(), a.tags.end());
  }
  DropDuplicateTags(&q.tags);
  has = HasKey(q);
  if (!has && !bad) Problem(q.line, "missing_key", "第" + n + "题没有答案 / question " + n + " has no key");
}

}  // namespace kefu::training::internal
