// The JSON form of parsed papers (training/paper_json.h): shapes, round
// trips and validation.
#include "paper_fixtures.h"

namespace kefu::training {
namespace {

TEST(PaperJson, Shapes) {
  ParsedPaper p = ParseFixture("answer_section.txt");
  auto j = PaperToJson(p);
  EXPECT_EQ(j["title"], "第一章 售后服务规范 练习");
  EXPECT_EQ(j["sections"][0]["type"], "single_choice");
  EXPECT_EQ(j["sections"][0]["points_each"], 2.0);
  EXPECT_EQ(j["sections"][0]["count"], 3);
  const auto& q = j["sections"][0]["questions"][0];
  EXPECT_EQ(q["number"], 1);
  EXPECT_EQ(q["key"], "A");
  EXPECT_EQ(q["options"]["C"], "快递员");
  EXPECT_TRUE(q["competencies"].is_array());
  EXPECT_EQ(j["sections"][1]["questions"][0]["key"], nlohmann::ordered_json::array({"A", "B", "C"}));
  EXPECT_EQ(j["sections"][2]["questions"][0]["key"], false);
  EXPECT_TRUE(j["problems"].empty());
  auto noisy = PaperToJson(ParseFixture("noisy.txt"));
  EXPECT_TRUE(noisy["sections"][0]["questions"][1]["key"].is_null());
  EXPECT_EQ(noisy["problems"][0]["code"], "count_mismatch");
  EXPECT_EQ(noisy["problems"][0]["line"], 2);
  auto interview = PaperToJson(ParseFixture("interview.txt"));
  EXPECT_TRUE(interview["sections"][3]["questions"][0]["key"].is_null());
  EXPECT_TRUE(interview["sections"][3]["questions"][0]["options"].is_object());
  EXPECT_TRUE(interview["sections"][3]["questions"][0]["options"].empty());
  EXPECT_EQ(interview["sections"][0]["questions"][0]["competencies"][1], "领导力");
}

TEST(PaperJson, RoundTrip) {
  for (const char* f : {"answer_section.txt", "choice_inline.txt", "trad_mixed.txt", "answer_blocks.txt",
                        "interview.txt", "interview_rubric.txt", "bank_tagged.txt", "rubric_forms.txt"}) {
    ParsedPaper p = ParseFixture(f);
    p.problems.clear();  // FromJson ignores problems
    auto j = PaperToJson(p);
    auto back = PaperFromJson(nlohmann::json::parse(j.dump()));
    ASSERT_TRUE(back.ok()) << f << ": " << back.status().message();
    EXPECT_EQ(PaperToJson(*back), j) << f;
  }
}

TEST(PaperJson, RubricAndTags) {
  using J = nlohmann::ordered_json;
  auto j = PaperToJson(ParseFixture("interview_rubric.txt"));
  const auto& q = j["sections"][2]["questions"][0];
  Letters members;
  for (auto it = q.begin(); it != q.end(); ++it) members.push_back(it.key());
  EXPECT_EQ(members, Letters({"number", "stem", "options", "key", "explanation", "points", "competencies", "rubric",
                              "tags"}));
  EXPECT_EQ(q["rubric"].dump(), R"({"1":"没有思路","3":"只提到单一指标","4":"指标合理但未说明数据来源",)"
                                R"("5":"兼顾时效、质量和满意度，有数据支撑"})");
  EXPECT_EQ(q["tags"], J::array());
  EXPECT_EQ(j["sections"][1]["questions"][2]["tags"], J::array({"difficulty:hard"}));
  auto bank = PaperToJson(ParseFixture("bank_tagged.txt"));
  EXPECT_EQ(bank["sections"][0]["questions"][0]["tags"], J::array({"topic:退货政策", "topic:时效", "difficulty:easy"}));
  EXPECT_EQ(bank["sections"][0]["questions"][0]["rubric"], J::object());
  EXPECT_EQ(bank["problems"][0]["code"], "key_conflict");
}

TEST(PaperJson, FromJsonFixture) {
  std::ifstream in(std::string(KEFU_PAPER_FIXTURES) + "/import.json");
  ASSERT_TRUE(in.good());
  auto r = PaperFromJson(nlohmann::json::parse(in));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const ParsedPaper& p = *r;
  EXPECT_EQ(p.title, "JSON导入示例");
  EXPECT_TRUE(p.problems.empty());  // ignored on input
  ASSERT_EQ(p.sections.size(), 3u);
  EXPECT_EQ(p.sections[0].type, QuestionType::kMultipleChoice);
  EXPECT_DOUBLE_EQ(p.sections[0].points_each, 3);
  EXPECT_EQ(p.sections[0].count, 1);
  ASSERT_EQ(p.sections[0].questions.size(), 1u);
  const auto& q = p.sections[0].questions[0];
  EXPECT_EQ(q.key_letters, Letters({"A", "B"}));
  EXPECT_EQ(q.options.size(), 3u);
  EXPECT_EQ(q.options[2], std::make_pair(std::string("C"), std::string("推销")));
  EXPECT_EQ(q.explanation, "推销不是售后");
  EXPECT_EQ(p.sections[1].type, QuestionType::kTrueFalse);
  EXPECT_EQ(p.sections[1].questions[0].number, 0);
  EXPECT_EQ(p.sections[1].questions[0].key_bool, std::optional<bool>(false));
  EXPECT_EQ(p.sections[2].type, QuestionType::kBehavioral);
  EXPECT_EQ(p.sections[2].questions[0].key_text, "");
  EXPECT_EQ(p.sections[2].questions[0].competencies, Letters({"冲突管理", "沟通"}));
}

nlohmann::json Minimal() {
  return nlohmann::json::parse(R"({"title":"t","sections":[{"type":"single_choice","questions":[
      {"number":1,"stem":"s","options":{"A":"a","B":"b"},"key":"B"}]}]})");
}

TEST(PaperJson, FromJsonValidation) {
  auto ok = PaperFromJson(Minimal());
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->sections[0].questions[0].key_letters, Letters({"B"}));
  EXPECT_EQ(ok->sections[0].questions[0].options.size(), 2u);

  auto j = Minimal();
  j["sections"][0]["type"] = "essay";
  auto r = PaperFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kValidation);
  EXPECT_NE(r.status().message().find("sections[0].type"), std::string::npos) << r.status().message();

  j = Minimal();
  j["sections"][0]["questions"][0]["key"] = "C";
  r = PaperFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("questions[0].key"), std::string::npos) << r.status().message();

  j = Minimal();
  j["sections"][0]["questions"][0]["difficulty"] = 3;
  r = PaperFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("difficulty"), std::string::npos) << r.status().message();

  j = Minimal();
  j["sections"][0]["questions"][0]["key"] = true;  // wrong kind for single choice
  EXPECT_FALSE(PaperFromJson(j).ok());

  j = Minimal();
  j["sections"][0]["questions"][0].erase("stem");
  r = PaperFromJson(j);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("stem"), std::string::npos);

  j = Minimal();
  j["sections"][0]["type"] = "multiple_choice";
  j["sections"][0]["questions"][0]["key"] = {"A", "E"};
  EXPECT_FALSE(PaperFromJson(j).ok());

  j = Minimal();
  j["sections"][0]["questions"][0]["rubric"] = {{"5", "好"}, {"1", "差"}};
  j["sections"][0]["questions"][0]["tags"] = {"topic:发票", "difficulty:easy"};
  ok = PaperFromJson(j);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->sections[0].questions[0].rubric, (Rubric{{1, "差"}, {5, "好"}}));
  EXPECT_EQ(ok->sections[0].questions[0].tags, Letters({"topic:发票", "difficulty:easy"}));
  // Each refused, naming the member.
  const std::vector<std::pair<const char*, nlohmann::json>> bad = {
      {"rubric", nlohmann::json::array()}, {"rubric", {{"6", "x"}}}, {"rubric", {{"05", "x"}}},
      {"rubric", {{"3", 3}}}, {"tags", "topic:发票"}, {"tags", {1}}};
  for (const auto& [member, value] : bad) {
    j = Minimal();
    j["sections"][0]["questions"][0][member] = value;
    r = PaperFromJson(j);
    ASSERT_FALSE(r.ok()) << value.dump();
    EXPECT_EQ(r.status().code(), StatusCode::kValidation);
    EXPECT_NE(r.status().message().find(std::string("questions[0].") + member), std::string::npos)
        << r.status().message();
  }
}

}  // namespace
}  // namespace kefu::training
