// Shared by the paper parser's tests: reading fixtures and describing
// parsed questions and sections compactly for exact comparison.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "training/paper_json.h"
#include "training/paper_parser.h"

namespace kefu::training {

using Letters = std::vector<std::string>;
using Problems = std::vector<std::pair<int, std::string>>;

inline ParsedPaper ParseFixture(const std::string& name) {
  std::ifstream in(std::string(KEFU_PAPER_FIXTURES) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ParsePaper(ss.str());
}

inline Problems ProblemsOf(const ParsedPaper& p) {
  Problems out;
  for (const auto& pr : p.problems) out.push_back({pr.line, pr.code});
  return out;
}

inline void ExpectSection(const ParsedSection& s, QuestionType type, double each, int count, size_t n) {
  EXPECT_EQ(s.type, type) << s.title;
  EXPECT_DOUBLE_EQ(s.points_each, each) << s.title;
  EXPECT_EQ(s.count, count) << s.title;
  ASSERT_EQ(s.questions.size(), n) << s.title;
  for (const auto& q : s.questions) EXPECT_DOUBLE_EQ(q.points, each) << s.title << " #" << q.number;
}

inline void ExpectChoice(const ParsedQuestion& q, int number, size_t options, const Letters& key) {
  EXPECT_EQ(q.number, number);
  EXPECT_EQ(q.options.size(), options) << "question " << number;
  EXPECT_EQ(q.key_letters, key) << "question " << number;
}

using Rubric = std::vector<std::pair<int, std::string>>;
using Lines = std::vector<std::string>;

// A question on one line: "number@line stem [A:…|B:…] key=… 解析=… 考察=…
// 评分=1:…|5:… tags=…" (all but the key only when there are any).
inline std::string Describe(const ParsedQuestion& q) {
  std::ostringstream o;
  o << q.number << "@" << q.line << " " << q.stem;
  for (size_t i = 0; i < q.options.size(); ++i)
    o << (i ? "|" : " [") << q.options[i].first << ":" << q.options[i].second << (i + 1 == q.options.size() ? "]" : "");
  o << " key=" << q.key_text;
  for (const auto& l : q.key_letters) o << l;
  if (q.key_bool) o << (*q.key_bool ? "√" : "×");
  if (!q.explanation.empty()) o << " 解析=" << q.explanation;
  for (size_t i = 0; i < q.competencies.size(); ++i) o << (i ? "," : " 考察=") << q.competencies[i];
  for (size_t i = 0; i < q.rubric.size(); ++i)
    o << (i ? "|" : " 评分=") << q.rubric[i].first << ":" << q.rubric[i].second;
  for (size_t i = 0; i < q.tags.size(); ++i) o << (i ? "," : " tags=") << q.tags[i];
  return o.str();
}

inline Lines Describe(const ParsedSection& s) {
  Lines out;
  for (const auto& q : s.questions) out.push_back(Describe(q));
  return out;
}


}  // namespace kefu::training
