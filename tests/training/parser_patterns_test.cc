// The paper parser's fixed patterns (parser_internal.h): each hand-written
// matcher accepts exactly what the std::regex it replaced accepted, with
// the same groups, on thousands of random strings built from the pieces
// that matter to it; and each takes time linear in its input, where the
// backtracking regex took quadratic time on runs of spaces or unclosed
// brackets, and recursed once per character (a 1 MB run overflows the
// stack). The parser gives them lines of at most kMaxPatternBytes; the
// matchers themselves have no limit, so the 1 MB inputs go to them
// directly. To see a linear test fail, undo the change it names: the
// matcher back to std::regex with the pattern quoted above it.
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

#include "text/linear_time.h"
#include "training/parser_internal.h"

namespace kefu::training::internal {
namespace {

using kefu::testing::ExpectLinear;
using kefu::testing::kLargeBytes;
using kefu::testing::kSmallBytes;
using kefu::testing::Repeat;

constexpr int kSamples = 3000;

// Random strings of up to `most` pieces of `alphabet`, the same every run.
class Strings {
 public:
  Strings(std::vector<std::string> alphabet, int most, unsigned seed)
      : alphabet_(std::move(alphabet)), most_(most), rng_(seed) {}
  std::string Next() {
    std::string s;
    int n = static_cast<int>(rng_() % static_cast<unsigned>(most_ + 1));
    for (int i = 0; i < n; ++i) s += alphabet_[rng_() % alphabet_.size()];
    return s;
  }

 private:
  std::vector<std::string> alphabet_;
  int most_;
  std::mt19937 rng_;
};

// Printable form of a failing sample.
std::string Show(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x20) out += "\\x" + std::string(1, "0123456789abcdef"[c >> 4]) + "0123456789abcdef"[c & 15];
    else out += static_cast<char>(c);
  }
  return "\"" + out + "\"";
}

// ---- the same as the regexes --------------------------------------------------

TEST(ParserPatternsTest, PageMarksAndRulesAsTheRegexes) {
  static const std::regex kPage(R"(^(第\d+页(共\d+页)?|共\d+页第\d+页|-\d+-|\d+/\d+)$)");
  static const std::regex kRule(R"(^(—|-|_|=|\*|~|─|━)+$)");
  Strings pages({"第1页", "共3页", "第12页共3页", "共3页第1页", "-2-", "1/3", "第", "页", "共", "-", "/", "1", "23", "x",
                 "页第"},
                4, 1);
  Strings rules({"—", "-", "_", "=", "*", "~", "─", "━", "——", "x", "\xE2", "\x94\x80"}, 6, 2);
  int pages_found = 0, rules_found = 0;
  for (int i = 0; i < kSamples; ++i) {
    std::string t = pages.Next();
    ASSERT_EQ(IsPageMark(t), std::regex_match(t, kPage)) << Show(t);
    pages_found += IsPageMark(t);
    std::string r = rules.Next();
    ASSERT_EQ(IsRuleChars(r), std::regex_match(r, kRule)) << Show(r);
    rules_found += IsRuleChars(r);
  }
  EXPECT_GT(pages_found, kSamples / 100);  // the samples do reach the matches
  EXPECT_GT(rules_found, kSamples / 100);
}

TEST(ParserPatternsTest, MetadataAsTheRegex) {
  static const std::regex kMeta(
      R"(^\s*((考试时间|考试时长|答题时间)\s*:.*)"
      R"(|(满分|总分)\s*:?\s*\d{1,4}(\.\d+)?\s*分.*)"
      R"(|(姓名|部门|工号|岗位|得分|日期)\s*:.*)"
      R"(|(注意事项|考生须知)(\s*:.*)?)$)");
  Strings lines({" ", "\t", "\r", "\n", "\v", ":", "考试时间", "考试时长", "答题时间", "满分", "总分", "姓名", "日期",
                 "注意事项", "考生须知", "1", "23", "12345", ".", "5", "分", "x", "时间"},
                10, 3);
  int found = 0;
  for (int i = 0; i < kSamples * 2; ++i) {
    std::string f = lines.Next();
    ASSERT_EQ(MatchMetadata(f), std::regex_match(f, kMeta)) << Show(f);
    found += MatchMetadata(f);
  }
  EXPECT_GT(found, kSamples / 100);
}

TEST(ParserPatternsTest, CompetenciesAndTrueFalseMarksAsTheRegexes) {
  static const std::regex kComp(R"(\((考察|考查|考核)\s*:([^)]*)\))");
  static const std::regex kCompLine(R"(^\s*\((考察|考查|考核)\s*:([^)]*)\)\s*$)");
  static const std::regex kTf(R"(\(\s*(√|×|✓|✗|X)\s*\)\s*$)");
  Strings comps({"(考察:沟通)", "(考查 :a和b)", "(考核", "(", ")", "考察", "考", " ", "\t", ":", "a", "和", "\n"}, 6, 4);
  Strings marks({"(", ")", " ", "\r", "√", "×", "✓", "✗", "X", "x", "\xC3", "\x97", "a", "(√)", "( × )", "(X"}, 5, 5);
  int comps_found = 0, lines_found = 0, marks_found = 0;
  for (int i = 0; i < kSamples; ++i) {
    std::string f = comps.Next();
    std::smatch m;
    auto c = FindCompetency(f);
    ASSERT_EQ(c.has_value(), std::regex_search(f, m, kComp)) << Show(f);
    comps_found += c.has_value();
    if (c) {
      EXPECT_EQ(c->begin, static_cast<size_t>(m.position(0))) << Show(f);
      EXPECT_EQ(c->end, static_cast<size_t>(m.position(0) + m.length(0))) << Show(f);
      EXPECT_EQ(c->list, static_cast<size_t>(m.position(2))) << Show(f);
      EXPECT_EQ(c->list_end, static_cast<size_t>(m.position(2) + m.length(2))) << Show(f);
    }
    auto line = MatchCompetencyLine(f);
    ASSERT_EQ(line.has_value(), std::regex_match(f, m, kCompLine)) << Show(f);
    lines_found += line.has_value();
    if (line) {
      EXPECT_EQ(line->list, static_cast<size_t>(m.position(2))) << Show(f);
    }

    std::string t = marks.Next();
    auto tf = MatchTrailingTfMark(t);
    ASSERT_EQ(tf.has_value(), std::regex_search(t, m, kTf)) << Show(t);
    marks_found += tf.has_value();
    if (tf) {
      EXPECT_EQ(tf->at, static_cast<size_t>(m.position(0))) << Show(t);
      EXPECT_EQ(tf->mark, m.str(1)) << Show(t);
    }
  }
  EXPECT_GT(comps_found, kSamples / 100);
  EXPECT_GT(lines_found, kSamples / 1000);
  EXPECT_GT(marks_found, kSamples / 100);
}

TEST(ParserPatternsTest, CompactKeysAsTheRegexes) {
  // Parser::ParseCompact took these in turn off the start of the line.
  static const std::regex kTok(R"(^\s*(\d{1,4})\s*(?:\.|、|:|\))?\s*([A-Za-z]{1,6}|√|×|对|错|正确|错误)(?=\s|$))");
  static const std::regex kRange(
      R"(^\s*(\d{1,4})\s*(?:-|~|—|–|至)\s*(\d{1,4})\s*(?:\.|、|:|\))?\s*((?:[A-Za-z]|√|×|✓|✗|对|错)+)(?=\s|$))");
  Strings lines({" ", "\t", "1", "23", "12345", ".", "、", ":", ")", "-", "~", "—", "–", "至", "A", "b", "CDEFGH",
                 "√", "×", "✓", "✗", "对", "错", "正确", "错误", "误", "#", "1-5 ", "2~3", "1—2 ", "1至2", "ABCDE",
                 "√×", "1.A ", "2、B ", "3:C", "4)D", "5 正确 ", "6-8 √×√ "},
                8, 6);
  int tokens = 0, ranges = 0;
  for (int i = 0; i < kSamples * 2; ++i) {
    const std::string f = lines.Next();
    std::string rest = f;
    size_t end = 0;
    while (true) {
      std::smatch m;
      KeyToken want;
      if (std::regex_search(rest, m, kRange)) {
        want = {std::stoi(m[1]), std::stoi(m[2]), m.str(3), true, 0};
      } else if (std::regex_search(rest, m, kTok)) {
        want = {std::stoi(m[1]), std::stoi(m[1]), m.str(2), false, 0};
      } else {
        ASSERT_FALSE(MatchKeyToken(f, end).has_value()) << Show(f) << " at " << end;
        break;
      }
      auto got = MatchKeyToken(f, end);
      ASSERT_TRUE(got.has_value()) << Show(f) << " at " << end;
      EXPECT_EQ(got->first, want.first) << Show(f);
      EXPECT_EQ(got->last, want.last) << Show(f);
      EXPECT_EQ(got->run, want.run) << Show(f);
      EXPECT_EQ(got->range, want.range) << Show(f);
      ++(want.range ? ranges : tokens);
      rest = m.suffix();
      end = got->end;
      ASSERT_EQ(f.substr(end), rest) << Show(f);
    }
  }
  EXPECT_GT(tokens, kSamples / 100);
  EXPECT_GT(ranges, kSamples / 100);
}

TEST(ParserPatternsTest, RubricItemsAsTheRegexes) {
  static const std::regex kItem(
      R"(\s*(?:\(\s*(\d{1,3})\s*分\s*\)|(\d{1,3})\s*分(?=\s|:|-|—|–|、|\.|$))\s*(?::|-|—|–|、|\.)?\s*)");
  static const std::regex kRange(
      R"(\s*\(?\s*\d{1,3}\s*(?:-|~|—|–|至)\s*\d{1,3}\s*分\s*\)?\s*(?::|-|—|–|、|\.)?\s*)");
  Strings texts({" ", "\t", "(", ")", "1", "23", "1234", "分", ":", "-", "—", "–", "、", ".", "~", "至", ";", "x",
                 "4-5分", "(4~5分)", "3—4 分", "5分", "(5分)", "1至2分："},
                8, 7);
  int items = 0, ranges = 0;
  for (int i = 0; i < kSamples; ++i) {
    const std::string f = texts.Next();
    for (size_t c = 0; c < f.size(); ++c) {
      std::smatch m;
      auto b = f.begin() + static_cast<std::ptrdiff_t>(c);
      int level = 0;
      size_t n = MatchRubricItem(f, c, &level);
      if (std::regex_search(b, f.end(), m, kItem, std::regex_constants::match_continuous)) {
        EXPECT_EQ(n, static_cast<size_t>(m.length(0))) << Show(f) << " at " << c;
        EXPECT_EQ(level, std::stoi(m[1].matched ? m.str(1) : m.str(2))) << Show(f) << " at " << c;
        ++items;
      } else {
        EXPECT_EQ(n, 0u) << Show(f) << " at " << c;
      }
      bool range = std::regex_search(b, f.end(), m, kRange, std::regex_constants::match_continuous);
      EXPECT_EQ(MatchRubricRange(f, c), range ? static_cast<size_t>(m.length(0)) : 0u) << Show(f) << " at " << c;
      ranges += range;
    }
  }
  EXPECT_GT(items, kSamples / 100);
  EXPECT_GT(ranges, kSamples / 100);
}

TEST(ParserPatternsTest, HeadingNumbersAsTheRegexes) {
  static const std::regex kEach(R"(每(小)?(题|道|空)?\s*(\d{1,4}(\.\d+)?)\s*分)");
  static const std::regex kCount(R"(共\s*(\d{1,4})\s*(小)?(题|道))");
  static const std::regex kTotal(R"((\d{1,5}(\.\d+)?)\s*分)");
  Strings headings({" ", "共", "每", "小", "题", "道", "空", "分", "1", "23", "456", ".", "5", "x", "("}, 12, 8);
  int counts = 0, each = 0, totals = 0;
  for (int i = 0; i < kSamples * 2; ++i) {
    const std::string f = headings.Next();
    std::smatch m;
    EXPECT_EQ(HeadingCount(f), std::regex_search(f, m, kCount) ? m.str(1) : "") << Show(f);
    EXPECT_EQ(HeadingEach(f), std::regex_search(f, m, kEach) ? m.str(3) : "") << Show(f);
    EXPECT_EQ(HeadingTotal(f), std::regex_search(f, m, kTotal) ? m.str(1) : "") << Show(f);
    counts += !HeadingCount(f).empty();
    each += !HeadingEach(f).empty();
    totals += !HeadingTotal(f).empty();
  }
  EXPECT_GT(counts, kSamples / 100);
  EXPECT_GT(each, kSamples / 100);
  EXPECT_GT(totals, kSamples / 100);
}

// ---- linear in their input ------------------------------------------------------

// Undo: MatchMetadata, IsPageMark, IsRuleChars (parser_lines.cc) back to
// std::regex_match. "满分" + spaces: `\s*:?\s*` backtracked over the whole
// run at each step.
TEST(ParserPatternsTest, MetadataAndPageMarksAreLinear) {
  auto meta = [](const std::string& f) { MatchMetadata(f); };
  ExpectLinear("满分   …#", "满分" + Repeat(" ", kSmallBytes) + "#", "满分" + Repeat(" ", kLargeBytes) + "#", meta);
  ExpectLinear("考试时间:xxx…", "考试时间:" + Repeat("x", kSmallBytes), "考试时间:" + Repeat("x", kLargeBytes), meta);
  auto noise = [](const std::string& t) {
    IsPageMark(t);
    IsRuleChars(t);
  };
  ExpectLinear("第111…", "第" + Repeat("1", kSmallBytes), "第" + Repeat("1", kLargeBytes), noise);
  ExpectLinear("———…x", Repeat("—", kSmallBytes) + "x", Repeat("—", kLargeBytes) + "x", noise);
}

// Undo: FindCompetency, MatchCompetencyLine, MatchTrailingTfMark
// (parser_lines.cc) back to std::regex_search / regex_match.
// "(考察:(考察:…" had `[^)]*` run to the end from every bracket.
TEST(ParserPatternsTest, CompetenciesAreLinear) {
  auto find = [](const std::string& f) {
    FindCompetency(f);
    MatchCompetencyLine(f);
    MatchTrailingTfMark(f);
  };
  ExpectLinear("(考察:(考察:…", Repeat("(考察:", kSmallBytes), Repeat("(考察:", kLargeBytes), find);
  ExpectLinear("(((…", Repeat("(", kSmallBytes), Repeat("(", kLargeBytes), find);
  ExpectLinear("(   √   )", "(" + Repeat(" ", kSmallBytes) + "√" + Repeat(" ", kSmallBytes) + ")",
               "(" + Repeat(" ", kLargeBytes) + "√" + Repeat(" ", kLargeBytes) + ")", find);
}

// A compact key line read token by token, as Parser::ParseCompact does.
// Undo: MatchKeyToken (parser_answers.cc) back to the two std::regex
// searches on the rest of the line (which was copied after each token).
TEST(ParserPatternsTest, CompactKeysAreLinear) {
  auto read = [](const std::string& f) {
    size_t end = 0;
    while (auto t = MatchKeyToken(f, end)) end = t->end;
  };
  ExpectLinear("1.A 2.B …", Repeat("1.A 2.B ", kSmallBytes), Repeat("1.A 2.B ", kLargeBytes), read);
  ExpectLinear("1-2   …#", "1-2" + Repeat(" ", kSmallBytes) + "#", "1-2" + Repeat(" ", kLargeBytes) + "#", read);
  ExpectLinear("1-5 AAA…#", "1-5 " + Repeat("A", kSmallBytes) + "#", "1-5 " + Repeat("A", kLargeBytes) + "#", read);
}

// Items are tried after each "；", as SplitRubric does. Undo:
// MatchRubricItem, MatchRubricRange (parser_answers.cc) back to
// std::regex_search with match_continuous; ";" + spaces: `\s*\(?\s*`
// backtracked over the whole run.
TEST(ParserPatternsTest, RubricItemsAreLinear) {
  auto items = [](const std::string& f) {
    int level = 0;
    for (size_t c = 0; c < f.size(); ++c) {
      if (c > 0 && f[c - 1] != ';') continue;
      if (MatchRubricItem(f, c, &level) == 0) MatchRubricRange(f, c);
    }
  };
  ExpectLinear(";   …x", ";" + Repeat(" ", kSmallBytes) + "x", ";" + Repeat(" ", kLargeBytes) + "x", items);
  ExpectLinear("5分;5分;…", Repeat("5分;", kSmallBytes), Repeat("5分;", kLargeBytes), items);
}

// Undo: HeadingCount, HeadingEach, HeadingTotal (parser_lines.cc) back to
// std::regex_search ("每1.111…": `\.\d+` recursed per digit).
TEST(ParserPatternsTest, HeadingNumbersAreLinear) {
  auto numbers = [](const std::string& f) {
    HeadingCount(f);
    HeadingEach(f);
    HeadingTotal(f);
  };
  ExpectLinear("共   …", Repeat("共 ", kSmallBytes), Repeat("共 ", kLargeBytes), numbers);
  ExpectLinear("每1.111…", "每1." + Repeat("1", kSmallBytes), "每1." + Repeat("1", kLargeBytes), numbers);
  ExpectLinear("1 1 1 …", Repeat("1 ", kSmallBytes), Repeat("1 ", kLargeBytes), numbers);
}

}  // namespace
}  // namespace kefu::training::internal
