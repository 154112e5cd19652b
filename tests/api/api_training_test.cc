// POST /api/v1/training/papers/preview over HTTP: who may use it, the text
// and JSON forms, and bad input. The parser itself is tested in
// tests/training/paper_parser_test.cc.
#include <gtest/gtest.h>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

const char* const kPaper =
    "售后服务规范考试\n"
    "一、单选题(每题2分,共2题)\n"
    "1.七天无理由退货从哪天起算？\n"
    "A.下单当天 B.付款当天 C.签收次日 D.发货次日\n"
    "→答案:C\n"
    "2.质量问题退货的运费由谁承担？\n"
    "A.买家\n"
    "B.卖家\n"
    "答案：B\n"
    "二、判断题（每题1分，共1题）\n"
    "1.定制商品也适用七天无理由退货。(×)\n";

TEST(ApiTrainingTest, PreviewShowsWhatWasUnderstood) {
  ApiWorld w;
  HttpResult r = w.Post("/api/v1/training/papers/preview", w.Token(Who::kLead), Json{{"text", kPaper}});
  ASSERT_EQ(r.status, 200) << Describe(r);
  const Json& p = r.body;
  ASSERT_EQ(p["sections"].size(), 2u) << p.dump();
  EXPECT_EQ(p["sections"][0]["type"], "single_choice");
  EXPECT_EQ(p["sections"][0]["points_each"], 2);
  EXPECT_EQ(p["sections"][0]["count"], 2);
  ASSERT_EQ(p["sections"][0]["questions"].size(), 2u);
  EXPECT_EQ(p["sections"][0]["questions"][0]["key"], "C");
  EXPECT_EQ(p["sections"][0]["questions"][0]["options"]["C"], "签收次日");
  EXPECT_EQ(p["sections"][0]["questions"][1]["key"], "B");
  EXPECT_EQ(p["sections"][1]["type"], "true_false");
  EXPECT_EQ(p["sections"][1]["questions"][0]["key"], false);
  EXPECT_TRUE(p["problems"].empty()) << p["problems"].dump();

  // The JSON form comes back as it went in.
  HttpResult again = w.Post("/api/v1/training/papers/preview", w.Token(Who::kManager), Json{{"paper", p}});
  ASSERT_EQ(again.status, 200) << Describe(again);
  EXPECT_EQ(again.body["sections"], p["sections"]);
}

TEST(ApiTrainingTest, OnlyTrainersAndOnlyOneForm) {
  ApiWorld w;
  const std::string path = "/api/v1/training/papers/preview";
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kAgentA), Json{{"text", kPaper}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kCust1), Json{{"text", kPaper}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(w.Post(path, "", Json{{"text", kPaper}}), 401, "unauthenticated"));
  const std::string& lead = w.Token(Who::kLead);
  EXPECT_TRUE(IsError(w.Post(path, lead, Json::object()), 422, "validation_failed"));
  EXPECT_TRUE(IsError(w.Post(path, lead, Json{{"text", kPaper}, {"paper", Json::object()}}), 422,
                      "validation_failed"));
  EXPECT_TRUE(IsError(w.Post(path, lead, Json{{"text", kPaper}, {"format", "docx"}}), 422, "validation_failed"));
  Json bad{{"sections", Json::array({{{"type", "essay"}, {"questions", Json::array()}}})}};
  EXPECT_TRUE(IsError(w.Post(path, lead, Json{{"paper", bad}}), 422, "validation_failed"));
}

}  // namespace
}  // namespace kefu::testing
