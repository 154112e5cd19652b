// Shared by the training API tests: a small paper in every exam format,
// helpers to save it, build an exam over it and find drawn items by stem.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "api/api_world.h"

namespace kefu::testing {

inline const char* const kTrainingPaper =
    "售后认证测试卷\n"
    "一、单选题(每题2分,共2题)\n"
    "1.七天无理由退货从哪天起算？\n"
    "A.下单当天 B.付款当天 C.签收次日 D.发货次日\n"
    "答案:C\n"
    "2.质量问题退货的运费由谁承担？\n"
    "A.买家 B.卖家\n"
    "答案:B\n"
    "二、多选题(每题4分,共1题)\n"
    "1.哪些商品不适用七天无理由退货？\n"
    "A.定制商品 B.鲜活易腐商品 C.普通服装 D.在线下载的数字商品\n"
    "答案:ABD\n"
    "三、判断题(每题1分,共1题)\n"
    "1.定制商品也适用七天无理由退货。(×)\n"
    "四、填空题(每题2分,共1题)\n"
    "1.质量问题退货的运费由____承担。\n"
    "答案:卖家／商家\n"
    "五、简答题(每题10分,共1题)\n"
    "1.客户收到的保温杯漏水，请写出处理步骤。\n"
    "参考答案:（1）向客户致歉并请客户提供漏水照片；（2）确认质量问题后办理退货，运费由商家承担；"
    "（3）按时退款并告知客户进度。\n";

// Saves kTrainingPaper as the lead; returns the saved paper.
inline Json SaveTrainingPaper(ApiWorld& w) {
  HttpResult r = w.Post("/api/v1/training/papers", w.Token(Who::kLead), Json{{"text", kTrainingPaper}});
  EXPECT_EQ(r.status, 201) << Describe(r);
  return r.body;
}

// An exam drawing every question of the paper (21 points).
inline Json ExamBody(const std::string& paper_id) {
  auto section = [&](const char* type, int count, double points) {
    return Json{{"type", type}, {"count", count}, {"points_each", points}, {"paper_id", paper_id}};
  };
  return Json{{"title", "售后政策认证"},
              {"sections", Json::array({section("single_choice", 2, 2), section("multiple_choice", 1, 4),
                                        section("true_false", 1, 1), section("fill_in", 1, 2),
                                        section("short_answer", 1, 10)})},
              {"time_limit_minutes", 30},
              {"max_attempts", 2},
              {"multiple_choice_scoring", "half_for_subset"},
              {"pass_percent", 60},
              {"certification", "跨境退货认证"},
              {"certificate_valid_days", 30}};
}

inline Json CreateExam(ApiWorld& w, const Json& body) {
  HttpResult r = w.Post("/api/v1/training/exams", w.Token(Who::kLead), body);
  EXPECT_EQ(r.status, 201) << Describe(r);
  return r.body;
}

// The index of the item whose stem contains `part` (-1 if none).
inline int ItemWith(const Json& attempt, const std::string& part) {
  for (const auto& it : attempt["items"]) {
    if (it["stem"].get<std::string>().find(part) != std::string::npos) return it["index"].get<int>();
  }
  return -1;
}

// The letter shown for the option whose text is `text` on item `i`.
inline std::string LetterOf(const Json& attempt, int i, const std::string& text) {
  for (const auto& o : attempt["items"][i]["options"]) {
    if (o["text"] == text) return o["letter"];
  }
  return "?";
}

}  // namespace kefu::testing
