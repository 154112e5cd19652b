// Line-oriented parser for exam papers and interview kits: the driver and
// the question builder. Each line is folded for matching (parser_lines.cc)
// with a byte map back to the original, so stored text stays as written;
// answer sections and keys are in parser_answers.cc.
#include "training/paper_parser.h"

#include <algorithm>
#include <set>

#include "common/utf8.h"
#include "training/parser_internal.h"

namespace kefu::training {

std::string_view ToString(QuestionType t) {
  switch (t) {
    case QuestionType::kSingleChoice: return "single_choice";
    case QuestionType::kMultipleChoice: return "multiple_choice";
    case QuestionType::kTrueFalse: return "true_false";
    case QuestionType::kFillIn: return "fill_in";
    case QuestionType::kShortAnswer: return "short_answer";
    case QuestionType::kCaseAnalysis: return "case_analysis";
    case QuestionType::kBehavioral: return "behavioral";
    case QuestionType::kSituational: return "situational";
    case QuestionType::kKnowledge: return "knowledge";
    case QuestionType::kManagement: return "management";
  }
  return "";
}

std::optional<QuestionType> ParseQuestionType(std::string_view s) {
  for (int i = 0; i <= static_cast<int>(QuestionType::kManagement); ++i) {
    auto t = static_cast<QuestionType>(i);
    if (ToString(t) == s) return t;
  }
  return std::nullopt;
}

bool IsChoice(QuestionType t) {
  return t == QuestionType::kSingleChoice || t == QuestionType::kMultipleChoice;
}

namespace internal {

void Parser::Append(std::string& dst, const std::string& text, const char* sep) {
  if (text.empty()) return;
  // Latin words broken over two lines keep a space between them.
  if (!dst.empty() && *sep == '\0' && IsAlnum(dst.back()) && IsAlnum(text.front())) dst += ' ';
  if (!dst.empty()) dst += sep;
  dst += text;
}

ParsedPaper Parser::Run(std::string_view input) {
  const std::string clean = IsValidUtf8(input) ? std::string() : Sanitize(input);
  std::string_view text = clean.empty() ? input : std::string_view(clean);
  int no = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string line(text.substr(start, nl - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Line(++no, line);
    start = nl + 1;
  }
  Finish();
  return std::move(paper_);
}

void Parser::Line(int no, const std::string& orig) {
  Folded fd = Fold(orig);
  const std::string& f = fd.f;
  if (IsNoise(f)) return;
  if (HeadingLine(no, orig, fd)) return;
  if (paper_.sections.empty()) {
    if (IsMetadata(f)) return;  // 考试时间：60分钟, 姓名：____ …
    if (!seen_title_) {
      paper_.title = Trim(orig);
      seen_title_ = true;
    } else {
      Unparsed(no);
    }
    return;
  }
  if (in_answers_) {
    AnswerLine(no, orig, fd);
    return;
  }
  QuestionLine(no, orig, fd);
}

// Section headings, answer-section headings and, inside an answer section,
// its sub-headings. Returns false for any other line.
bool Parser::HeadingLine(int no, const std::string& orig, const Folded& fd) {
  const std::string& f = fd.f;
  if (auto t = MatchHeading(f)) {
    if (in_answers_) {  // a sub-heading inside the answer section
      // The next section of that type after the current one, else the first.
      int found = -1;
      if (auto it = sections_of_type_.find(*t); it != sections_of_type_.end()) {
        const std::vector<int>& of_type = it->second;
        auto next = std::upper_bound(of_type.begin(), of_type.end(), answer_section_);
        found = next != of_type.end() ? *next : of_type.front();
      }
      answer_section_ = found;
      pending_ = nullptr;
      answer_style_ = NumStyle::kNone;
      return true;
    }
    ParsedSection s;
    s.type = *t;
    s.title = Trim(orig);
    ParseHeadingNumbers(f, s);
    sections_of_type_[*t].push_back(static_cast<int>(paper_.sections.size()));
    paper_.sections.push_back(std::move(s));
    info_.push_back({no, NumStyle::kNone});
    in_question_ = false;
    pending_ = nullptr;
    return true;
  }
  // "参考答案：" alone inside a question introduces its key, not a section.
  bool colon_in_question = in_question_ && !in_answers_ && Trim(f).size() > 0 && Trim(f).back() == ':';
  if (IsAnswerHeading(f) && !paper_.sections.empty() && !colon_in_question) {
    in_answers_ = true;
    in_question_ = false;
    pending_ = nullptr;
    return true;
  }
  return false;
}

void Parser::QuestionLine(int no, const std::string& orig, const Folded& fd) {
  const std::string& f = fd.f;
  auto& sec = paper_.sections.back();
  auto& info = info_.back();
  int num = 0;
  size_t end = 0;
  NumStyle st = MatchNumber(f, &num, &end);
  // In free-text sections a differently numbered line inside a question is
  // a sub-item of it ("(1)…(2)…" in a case); choice papers mix styles.
  bool text_type = !IsChoice(sec.type) && sec.type != QuestionType::kTrueFalse;
  if (st != NumStyle::kNone &&
      (!text_type || info.style == NumStyle::kNone || st == info.style || !in_question_)) {
    info.style = st;
    ParsedQuestion q;
    q.number = num;
    q.line = no;
    q.points = sec.points_each;
    sec.questions.push_back(std::move(q));
    in_question_ = true;
    field_ = Field::kStem;
    option_case_ = LetterCase::kAny;
    pending_ = nullptr;
    QuestionContent(no, orig, fd, end);
    return;
  }
  if (!in_question_) {
    Unparsed(no);
    return;
  }
  if (IsRubricHeading(f)) {  // "评分标准" without a colon
    field_ = Field::kRubric;
    rubric_ = &rubrics_[CurrentId()];
    return;
  }
  // "（考察：…）" on a line of its own, e.g. after the options.
  if (auto m = f.size() <= kMaxPatternBytes ? MatchCompetencyLine(f) : std::nullopt) {
    for (auto& c : SplitCompetencies(Orig(orig, fd, m->list, m->list_end)))
      Current()->competencies.push_back(std::move(c));
    return;
  }
  QuestionContent(no, orig, fd, SkipSpaces(f, 0));
}

// Splits the rest of a question line into stem / options / key /
// explanation / rubric, and tags after 知识点: / 难度: (which last to the
// next marker or the end of the line and leave field_ as it was).
void Parser::QuestionContent(int no, const std::string& orig, const Folded& fd, size_t from) {
  const std::string& f = fd.f;
  ParsedQuestion& q = *Current();
  MarkerFinder markers(f);
  size_t p = from;
  std::optional<MarkerKind> tag;
  while (p < f.size()) {
    Marker mk = markers.Next(p);
    size_t seg_end = std::min(mk.pos, f.size());
    if (tag) {
      if (p < seg_end) TagText(no, *tag, Orig(orig, fd, p, seg_end), &q.tags);
    } else {
      if (!StemOrOptions(no, orig, fd, &p, seg_end)) return;
      if (p < seg_end) {
        std::string text = Orig(orig, fd, p, seg_end);
        if (field_ == Field::kStem) {
          StemText(no, std::move(text));
        } else if (field_ == Field::kKey && pending_) {
          Append(pending_->key, text, "\n");
        } else if (field_ == Field::kExplanation) {
          Append(q.explanation, text, "\n");
        } else if (field_ == Field::kRubric) {
          RubricText(no, text);
        }
      }
    }
    if (mk.pos == std::string::npos) break;
    tag.reset();
    switch (mk.kind) {
      case MarkerKind::kKey: {
        Pending& k = keys_[CurrentId()];
        k = Pending();
        k.line = no;
        pending_ = &k;
        field_ = Field::kKey;
        break;
      }
      case MarkerKind::kExplanation:
        field_ = Field::kExplanation;
        break;
      case MarkerKind::kRubric:
        field_ = Field::kRubric;
        rubric_ = &rubrics_[CurrentId()];
        break;
      case MarkerKind::kTopic:
      case MarkerKind::kDifficulty:
        tag = mk.kind;
        break;
    }
    p = SkipSpaces(f, mk.pos + mk.len);
  }
}

// Options in folded [*p, seg_end) while reading the stem or the options;
// moves *p past them. Text before options that start later on a stem line
// ("2. 题目 A.是 B.否") goes to the stem. Returns false after reporting a
// line that follows the options but is none.
bool Parser::StemOrOptions(int no, const std::string& orig, const Folded& fd, size_t* pp, size_t seg_end) {
  const std::string& f = fd.f;
  ParsedQuestion& q = *Current();
  const bool choice = IsChoice(paper_.sections.back().type);
  auto letter_case = [&] { return choice ? option_case_ : LetterCase::kUpper; };
  size_t& p = *pp;
  if (field_ == Field::kStem && q.options.empty() && OptionMarkerAt(f, p, 'A', letter_case()) == 0) {
    for (size_t a = p + 1; a < seg_end; ++a) {
      if (f[a - 1] != ' ' || OptionMarkerAt(f, a, 'A', letter_case()) == 0) continue;
      const LetterCase ac = MarkerCase(f, a);
      bool has_b = false;
      for (size_t b = a + 1; b < seg_end && !has_b; ++b) has_b = OptionMarkerAt(f, b, 'B', ac) > 0;
      if (!has_b) break;
      Append(q.stem, StripPinyin(Orig(orig, fd, p, a)), "");
      p = a;
      break;
    }
  }
  if (p >= seg_end || (field_ != Field::kStem && field_ != Field::kOptions)) return true;
  char next = static_cast<char>('A' + q.options.size());
  size_t len = next <= 'E' ? OptionMarkerAt(f, p, next, letter_case()) : 0;
  if (field_ != Field::kOptions && len == 0) return true;
  if (len == 0) {  // a line after the options that is no option
    Unparsed(no);
    return false;
  }
  field_ = Field::kOptions;
  if (choice) option_case_ = MarkerCase(f, p);
  size_t a = p + len;
  while (a < seg_end) {
    char l = static_cast<char>('A' + q.options.size());
    size_t b = a;
    size_t nlen = 0;
    char nl = static_cast<char>(l + 1);
    while (b < seg_end && (nl > 'E' || (nlen = OptionMarkerAt(f, b, nl, letter_case())) == 0)) ++b;
    q.options.push_back({std::string(1, l), StripPinyin(Orig(orig, fd, a, b))});
    if (b >= seg_end) break;
    a = b + nlen;
  }
  p = seg_end;
  return true;
}

// Stem text: competencies in (考察:…) are taken out, and so is a true/false
// mark at its end, which becomes the inline key.
void Parser::StemText(int no, std::string text) {
  ParsedQuestion& q = *Current();
  Folded tf = Fold(text);
  if (auto m = tf.f.size() <= kMaxPatternBytes ? FindCompetency(tf.f) : std::nullopt) {
    std::string list = Orig(text, tf, m->list, m->list_end);
    text = Trim(Orig(text, tf, 0, m->begin) + Orig(text, tf, m->end, tf.f.size()));
    for (auto& c : SplitCompetencies(list)) q.competencies.push_back(std::move(c));
  }
  if (paper_.sections.back().type == QuestionType::kTrueFalse) {
    Folded sf = Fold(text);
    if (auto m = sf.f.size() <= kMaxPatternBytes ? MatchTrailingTfMark(sf.f) : std::nullopt) {
      Pending& k = keys_[CurrentId()];
      k = Pending();
      k.line = no;
      k.key = m->mark;
      text = Orig(text, sf, 0, m->at);
    }
  }
  Append(q.stem, StripPinyin(text), "");
}

void Parser::Finish() {
  auto& secs = paper_.sections;
  auto by_line = [](const PaperProblem& a, const PaperProblem& b) { return a.line < b.line; };
  if (secs.empty()) {
    Problem(0, "no_sections", "没有找到题型标题 / no section headings found");
    std::stable_sort(paper_.problems.begin(), paper_.problems.end(), by_line);
    return;
  }
  std::map<QuestionId, Pending> from_answers = MatchAnswers();
  for (size_t s = 0; s < secs.size(); ++s) {
    auto& sec = secs[s];
    std::set<int> seen;
    for (size_t i = 0; i < sec.questions.size(); ++i) {
      const auto& q = sec.questions[i];
      const std::string n = std::to_string(q.number);
      if (!seen.insert(q.number).second)
        Problem(q.line, "duplicate_number", "第" + n + "题题号重复 / duplicate question number " + n);
      if (IsChoice(sec.type) && q.options.size() < 2)
        Problem(q.line, "missing_options", "第" + n + "题选项不足 / question " + n + " has fewer than two options");
      ApplyAnswers(s, i, from_answers);
    }
    if (sec.count > 0 && sec.count != static_cast<int>(sec.questions.size()))
      Problem(info_[s].line, "count_mismatch",
              "声明" + std::to_string(sec.count) + "题，实际" + std::to_string(sec.questions.size()) +
                  "题 / declared " + std::to_string(sec.count) + ", found " + std::to_string(sec.questions.size()));
  }
  std::stable_sort(paper_.problems.begin(), paper_.problems.end(), by_line);
}

}  // namespace internal

ParsedPaper ParsePaper(std::string_view text) { return internal::Parser().Run(text); }

Status CheckPaperSize(std::string_view text) {
  auto too_large = [](const std::string& msg) { return Status(StatusCode::kTooLarge, "paper_too_large", msg); };
  if (text.size() > kMaxPaperBytes) {
    return too_large("试卷文本超过" + std::to_string(kMaxPaperBytes / 1024) + " KiB，请分成几份导入 / the paper is " +
                     std::to_string(text.size()) + " bytes, over the limit of " + std::to_string(kMaxPaperBytes) +
                     " (" + std::to_string(kMaxPaperBytes / 1024) + " KiB): import it as several papers");
  }
  size_t lines = 0;
  bool blank = true;
  for (char c : text) {
    if (c == '\n') {
      lines += !blank;
      blank = true;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      blank = false;
    }
  }
  lines += !blank;
  if (lines > kMaxPaperLines) {
    return too_large("试卷超过" + std::to_string(kMaxPaperLines) + "行，请分成几份导入 / the paper has " +
                     std::to_string(lines) + " lines that are not blank, over the limit of " +
                     std::to_string(kMaxPaperLines) + ": import it as several papers");
  }
  return OkStatus();
}

}  // namespace kefu::training
