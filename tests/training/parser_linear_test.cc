// The paper parser and grading take time linear in their text, whatever it
// holds (issue "Quadratic paper parsing freezes the service": a question
// followed by 300,000 "（" took 439 s to preview). Each test times a ~10 KB
// and a ~1 MB text of one adversarial shape (text/linear_time.h): 1 MB is
// over the edge limit (kMaxPaperBytes), so the parser is called directly.
// Each says which change, undone, makes it fail; the shapes that never were
// quadratic guard the line classification against a rescan per character.
// The fixed patterns (metadata, compact keys, rubric items…) are in
// parser_patterns_test.cc.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "text/linear_time.h"
#include "text/tokenizer.h"
#include "training/bank.h"
#include "training/grading.h"
#include "training/paper_parser.h"
#include "training/parser_internal.h"

namespace kefu::training {
namespace {

using kefu::testing::ExpectLinear;
using kefu::testing::kLargeBytes;
using kefu::testing::kSmallBytes;
using kefu::testing::Repeat;

// ParsePaper on `head` followed by `unit` repeated, at both sizes.
void ExpectPaperLinear(const std::string& what, const std::string& head, const std::string& unit,
                       const std::string& tail = "") {
  ExpectLinear(what, head + Repeat(unit, kSmallBytes) + tail, head + Repeat(unit, kLargeBytes) + tail,
               [](const std::string& text) { ParsePaper(text); });
}

const std::string kStem = "一、单选题\n1. ";                         // the line goes on as a stem
const std::string kQuestion = "一、单选题\n1. 题目 A.是 B.否\n";       // then more lines

// Undo: in StripPinyin (parser_lines.cc), `else if (c != ' ') break;` back to
// `else if (c != ' ') ok = false;` with the scan going on to the closing
// bracket (or the end): every unclosed bracket rescanned the rest.
TEST(ParserLinearTest, UnclosedBrackets) {
  ExpectPaperLinear("（（（…", kStem, "（");
  ExpectPaperLinear("(((…", kStem, "(");
  ExpectPaperLinear("(ab(ab…", kStem, "(ab ");
}

// Undo: as UnclosedBrackets; each "（" scanned on to the first "）".
TEST(ParserLinearTest, NestedBrackets) {
  std::string open_small = Repeat("（", kSmallBytes / 2), open_large = Repeat("（", kLargeBytes / 2);
  std::string close_small = Repeat("）", kSmallBytes / 2), close_large = Repeat("）", kLargeBytes / 2);
  ExpectLinear("（（…））", kStem + open_small + close_small, kStem + open_large + close_large,
               [](const std::string& text) { ParsePaper(text); });
}

// Undo: in MarkerFinder::Next (parser_lines.cc), search every keyword from
// `from` on each call (drop the `if` that keeps next_[k]): each of the
// markers on a line searched the rest of the line for all 17 keywords.
TEST(ParserLinearTest, ManyMarkersOnOneLine) {
  ExpectPaperLinear("答案:答案:…", kStem, "答案:");
  ExpectPaperLinear("解析：答案：…", kStem, "解析：答案：");
  // Plain keywords inside words ("商品标签：") are no markers: each call
  // walked over all of them to the end of the line.
  ExpectPaperLinear("商品标签:…", kStem, "商品标签:");
}

// Undo: SplitTopics (parser_answers.cc) back to replacing each separator
// with list.find(sep) from the start and list.replace.
TEST(ParserLinearTest, LongTopicList) {
  ExpectPaperLinear("知识点：a、a、…", kQuestion + "知识点：", "退货、");
}

// Undo: DropDuplicateTags back to AddTag's std::find before each tag
// (TagText, ApplyAnswers): a check over all the tags so far for each tag.
TEST(ParserLinearTest, ManyDistinctTags) {
  auto topics = [](size_t bytes) {
    std::string s = kQuestion + "知识点：";
    for (int i = 0; s.size() < bytes; ++i) s += "t" + std::to_string(i) + "、";
    return s;
  };
  ExpectLinear("知识点：t0、t1、…", topics(kSmallBytes), topics(kLargeBytes),
               [](const std::string& text) { ParsePaper(text); });
}

// Undo: ParseDifficulty (parser_answers.cc) back to
// `f = Trim(f.substr(0, …))` for each full stop it takes off.
TEST(ParserLinearTest, DifficultyWithManyFullStops) {
  ExpectPaperLinear("难度：难。。。…", kQuestion + "难度：难", "。");
}

// Undo: MatchAnswers (parser_answers.cc) back to looking for each entry's
// number among all the questions of its section (drop `index`). The worst
// case: entries for a number the section does not have.
TEST(ParserLinearTest, ManyQuestionsAndAnswers) {
  auto paper = [](size_t bytes) {
    return "单选题\n" + Repeat("1.\n", bytes / 2) + "参考答案\n单选题\n" + Repeat("2.A\n", bytes / 2);
  };
  ExpectLinear("1. x N, 参考答案, 2.A x N", paper(kSmallBytes), paper(kLargeBytes),
               [](const std::string& text) { ParsePaper(text); });
}

// Undo: Parser::HeadingLine (paper_parser.cc) back to looping over all
// sections for each sub-heading of the answer section (drop
// sections_of_type_).
TEST(ParserLinearTest, ManySectionsAndAnswerSubheadings) {
  auto paper = [](size_t bytes) {
    std::string s = Repeat("单选题\n", bytes / 2) + "参考答案\n";
    return s + Repeat("单选题\n", bytes / 2);
  };
  ExpectLinear("单选题 x N, 参考答案, 单选题 x N", paper(kSmallBytes), paper(kLargeBytes),
               [](const std::string& text) { ParsePaper(text); });
}

// One giant line of one kind of character, and many short lines: linear
// before too.
TEST(ParserLinearTest, GiantLinesAndManyLines) {
  ExpectPaperLinear("1a 1a …", kStem, "1a ");
  ExpectPaperLinear("。，“ A.…", kStem, "。，“ A.");
  ExpectPaperLinear("x\\n(1)\\n…", "一、简答题\n1. 题\n", "x\n(1)\n");
}

// StripPinyin on its own. Undo: as UnclosedBrackets.
TEST(ParserLinearTest, StripPinyin) {
  auto strip = [](const std::string& s) { internal::StripPinyin(s); };
  ExpectLinear("（（（…", Repeat("（", kSmallBytes), Repeat("（", kLargeBytes), strip);
  ExpectLinear("(kè(kè…", Repeat("(kè ", kSmallBytes), Repeat("(kè ", kLargeBytes), strip);
}

// Undo: SplitCompetencies / SplitTopics (parser_answers.cc) back to their
// replace loops (list.find(sep) from the start, list.replace).
TEST(ParserLinearTest, SplitLists) {
  ExpectLinear("和和和…", Repeat("和", kSmallBytes), Repeat("和", kLargeBytes),
               [](const std::string& s) { internal::SplitCompetencies(s); });
  ExpectLinear("a、a、…", Repeat("a、", kSmallBytes), Repeat("a、", kLargeBytes),
               [](const std::string& s) { internal::SplitTopics(s); });
}

// Grading a short answer against a long reference answer. Undo: in
// SplitKeyPoints (grading.cc), the replacing of numbered markers back to
// s.find(m) / s.replace(p, m.size(), "\n") for each marker.
TEST(GradingLinearTest, KeyPointsOfALongReference) {
  static const std::unique_ptr<text::Tokenizer> tok = text::Tokenizer::Create().value();
  auto grade = [](const std::string& reference) { KeyPointCoverage(*tok, reference, "退货", 10); };
  ExpectLinear("(1)(1)(1)…", Repeat("(1)", kSmallBytes), Repeat("(1)", kLargeBytes), grade);
}

// Undo: in ContentWords (grading.cc), `seen` back to std::find over the
// words so far: a key point of many distinct words.
TEST(GradingLinearTest, KeyPointOfManyWords) {
  static const std::unique_ptr<text::Tokenizer> tok = text::Tokenizer::Create().value();
  auto words = [](size_t bytes) {
    std::string s;
    for (int i = 0; s.size() < bytes; ++i) s += "w" + std::to_string(i) + " ";
    return s;
  };
  ExpectLinear("w0 w1 w2 …", words(kSmallBytes), words(kLargeBytes),
               [](const std::string& reference) { KeyPointCoverage(*tok, reference, "w1", 10); });
}

// Undo: ExportPaper (bank.cc) back to std::find_if over all questions for
// each of the paper's question ids.
TEST(GradingLinearTest, ExportOfALargePaper) {
  using Stored = std::pair<Paper, std::vector<Question>>;
  auto paper = [](size_t questions) {
    Stored p;
    p.first.sections.push_back({QuestionType::kFillIn, "填空题", 1, {}});
    for (size_t i = 0; i < questions; ++i) {
      Question q;
      q.id = "Q-" + std::to_string(i);
      q.stem = "题目";
      p.first.sections[0].question_ids.push_back(q.id);
      p.second.push_back(std::move(q));
    }
    return p;
  };
  kefu::testing::ExpectLinearIn<Stored>("export, by questions", paper(300), 300, paper(30000), 30000,
                                        [](const Stored& p) { ExportPaper(p.first, p.second); });
}

}  // namespace
}  // namespace kefu::training
