// Exams over HTTP with time moved by a FakeClock: drawing, autosave, the
// time limit, submission, grading, certificates, attempts, results, and
// who may do what (docs/api.md §12.3).
#include <gtest/gtest.h>

#include <algorithm>

#include "api/training_world.h"

namespace kefu::testing {
namespace {

constexpr int64_t kMinute = 60'000;

class ApiExamTest : public ::testing::Test {
 protected:
  ApiExamTest() : clock_(*ParseIso8601("2026-11-23T08:00:00Z")), w_(&clock_) {}

  std::string Start(Who who, int expect = 201) {
    HttpResult r = w_.Post("/api/v1/training/exams/" + exam_ + "/attempts", w_.Token(who), std::string());
    EXPECT_EQ(r.status, expect) << Describe(r);
    attempt_ = r.body;
    return r.body["id"];
  }
  HttpResult Save(Who who, const std::string& id, const Json& answers) {
    return w_.Raw("PUT", "/api/v1/training/attempts/" + id + "/answers", w_.Token(who),
                  Json{{"answers", answers}}.dump());
  }
  // Every answer right, in the letters this attempt shows.
  Json RightAnswers() {
    const Json& a = attempt_;
    int q1 = ItemWith(a, "七天无理由退货从哪天"), q2 = ItemWith(a, "运费由谁承担"),
        q3 = ItemWith(a, "哪些商品不适用"), q4 = ItemWith(a, "定制商品也适用"),
        q5 = ItemWith(a, "运费由____"), q6 = ItemWith(a, "保温杯漏水");
    Json letters = Json::array({LetterOf(a, q3, "定制商品"), LetterOf(a, q3, "鲜活易腐商品"),
                                LetterOf(a, q3, "在线下载的数字商品")});
    return Json{{std::to_string(q1), {{"letters", {LetterOf(a, q1, "签收次日")}}}},
                {std::to_string(q2), {{"letters", {LetterOf(a, q2, "卖家")}}}},
                {std::to_string(q3), {{"letters", letters}}},
                {std::to_string(q4), {{"value", false}}},
                {std::to_string(q5), {{"text", "商家"}}},
                {std::to_string(q6), {{"text", "先向客户致歉，请客户提供漏水照片；确认是质量问题后办理退货，运费由商家承担。"}}}};
  }
  void SetUp() override {
    for (Who who : {Who::kAgentA, Who::kAgentB, Who::kAgentC}) w_.Token(who);  // the users exist
    paper_ = SaveTrainingPaper(w_)["id"];
    exam_ = CreateExam(w_, ExamBody(paper_))["id"];
  }

  FakeClock clock_;
  ApiWorld w_;
  std::string paper_, exam_;
  Json attempt_;
};

TEST_F(ApiExamTest, AutosaveSubmitGradeAndCertify) {
  std::string id = Start(Who::kAgentA);
  EXPECT_EQ(attempt_["status"], "in_progress");
  EXPECT_EQ(attempt_["max_score"], 21);
  EXPECT_EQ(attempt_["deadline"], "2026-11-23T08:30:00.000Z");
  EXPECT_EQ(attempt_["time_left_seconds"], 1800);
  ASSERT_EQ(attempt_["items"].size(), 6u);
  for (const auto& it : attempt_["items"]) {
    EXPECT_FALSE(it.contains("key")) << it.dump();  // no key before grading
    EXPECT_FALSE(it.contains("question_id")) << it.dump();
  }
  // Starting again answers the open attempt.
  EXPECT_EQ(Start(Who::kAgentA, 200), id);

  // Autosave: part now, the rest later; answers survive between calls.
  Json right = RightAnswers();
  Json first = Json::object(), rest = Json::object();
  int n = 0;
  for (auto& [k, v] : right.items()) (n++ < 3 ? first : rest)[k] = v;
  clock_.Advance(5 * kMinute);
  HttpResult saved = Save(Who::kAgentA, id, first);
  ASSERT_EQ(saved.status, 200) << Describe(saved);
  EXPECT_EQ(saved.body["last_saved_at"], "2026-11-23T08:05:00.000Z");
  // A bad answer refuses the whole save and changes nothing.
  Json bad = rest;
  bad[rest.begin().key()] = Json{{"letters", {"Z"}}};
  Json before = w_.Get("/api/v1/training/attempts/" + id, w_.Token(Who::kAgentA)).body;
  EXPECT_TRUE(IsError(Save(Who::kAgentA, id, Json{{"0", {{"letters", {"A", "Z"}}}}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(Save(Who::kAgentA, id, Json{{"99", {{"text", "x"}}}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(Save(Who::kAgentA, id, Json{{"0", {{"answer", "A"}}}}), 422, "validation_failed"));
  EXPECT_EQ(w_.Get("/api/v1/training/attempts/" + id, w_.Token(Who::kAgentA)).body, before);
  // Nobody else answers or reads it.
  EXPECT_TRUE(IsError(Save(Who::kAgentB, id, rest), 404, "not_found"));
  EXPECT_TRUE(IsError(w_.Get("/api/v1/training/attempts/" + id, w_.Token(Who::kAgentB)), 404, "not_found"));
  EXPECT_TRUE(IsError(Save(Who::kLead, id, rest), 403, "forbidden"));
  ASSERT_EQ(Save(Who::kAgentA, id, rest).status, 200);
  Json got = w_.Get("/api/v1/training/attempts/" + id, w_.Token(Who::kAgentA)).body;
  for (auto& [k, v] : right.items()) {
    Json want = v;
    if (want.contains("letters")) std::sort(want["letters"].begin(), want["letters"].end());  // stored sorted
    EXPECT_EQ(got["items"][std::stoi(k)]["answer"], want) << k;
  }

  // Submitted: objective items graded, the short answer waits for a grader.
  HttpResult sub = w_.Post("/api/v1/training/attempts/" + id + "/submit", w_.Token(Who::kAgentA), std::string());
  ASSERT_EQ(sub.status, 200) << Describe(sub);
  EXPECT_EQ(sub.body["status"], "submitted");
  EXPECT_EQ(sub.body["pending_items"], 1);
  EXPECT_TRUE(sub.body["score"].is_null());
  EXPECT_TRUE(IsError(Save(Who::kAgentA, id, first), 409, "attempt_closed"));
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/attempts/" + id + "/submit", w_.Token(Who::kAgentA), std::string()), 409,
                      "attempt_closed"));

  // The grading queue and the grader's view: suggestions from key points.
  Json queue = w_.Get("/api/v1/training/exams/" + exam_ + "/attempts?status=submitted", w_.Token(Who::kLead)).body;
  ASSERT_EQ(ItemIds(queue), std::vector<std::string>{id});
  Json graded_view = w_.Get("/api/v1/training/attempts/" + id, w_.Token(Who::kLead)).body;
  int essay = ItemWith(graded_view, "保温杯漏水");
  const Json& e = graded_view["items"][essay];
  ASSERT_EQ(e["key_points"].size(), 3u) << e.dump();
  EXPECT_TRUE(e["key_points"][0]["covered"]) << e.dump();
  EXPECT_TRUE(e["key_points"][1]["covered"]) << e.dump();
  EXPECT_FALSE(e["key_points"][2]["covered"]) << e.dump();
  EXPECT_EQ(e["suggested"], 6.5);  // 10 x 2/3, to 0.5
  EXPECT_TRUE(e["final_score"].is_null());
  EXPECT_EQ(graded_view["items"][ItemWith(graded_view, "运费由____")]["auto_score"], 2);

  // Who grades: a trainer, not the candidate, not outside the item's points.
  const std::string grades = "/api/v1/training/attempts/" + id + "/grades";
  EXPECT_TRUE(IsError(w_.Post(grades, w_.Token(Who::kAgentA), Json{{"item", essay}, {"score", 10}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(w_.Post(grades, w_.Token(Who::kLead), Json{{"item", essay}, {"score", 10.5}}), 422,
                      "validation_failed"));
  EXPECT_TRUE(IsError(w_.Post(grades, w_.Token(Who::kLead), Json{{"item", ItemWith(graded_view, "运费由____")},
                                                                 {"score", 1}}),
                      422, "validation_failed"));
  HttpResult g = w_.Post(grades, w_.Token(Who::kLead), Json{{"item", essay}, {"score", 7}, {"comment", "少了退款进度"}});
  ASSERT_EQ(g.status, 200) << Describe(g);
  EXPECT_EQ(g.body["status"], "graded");
  EXPECT_EQ(g.body["score"], 18);  // 2 + 2 + 4 + 1 + 2 + 7
  EXPECT_EQ(g.body["passed"], true);
  std::string cert = g.body["certificate_id"];
  EXPECT_FALSE(cert.empty());

  // The candidate now sees keys, explanations and item scores.
  Json mine = w_.Get("/api/v1/training/attempts/" + id, w_.Token(Who::kAgentA)).body;
  int q3 = ItemWith(mine, "哪些商品不适用");
  EXPECT_EQ(mine["items"][q3]["score"], 4);
  EXPECT_EQ(mine["items"][q3]["key"].size(), 3u);
  EXPECT_EQ(mine["items"][essay]["comment"], "少了退款进度");
  EXPECT_EQ(mine["items"][ItemWith(mine, "运费由谁承担")]["key"], LetterOf(mine, ItemWith(mine, "运费由谁承担"), "卖家"));
  EXPECT_EQ(mine["certification"], "跨境退货认证");
  EXPECT_EQ(mine["pass_percent"], 60);
  // A corrected score without a comment keeps the comment.
  HttpResult fix = w_.Post(grades, w_.Token(Who::kLead), Json{{"item", essay}, {"score", 8}});
  ASSERT_EQ(fix.status, 200) << Describe(fix);
  EXPECT_EQ(fix.body["score"], 19);
  EXPECT_EQ(fix.body["items"][essay]["comment"], "少了退款进度");
  EXPECT_FALSE(mine["items"][essay].contains("key_points"));

  // The certificate: the candidate's own, valid for 30 days.
  Json certs = w_.Get("/api/v1/training/certificates", w_.Token(Who::kAgentA)).body;
  ASSERT_EQ(ItemIds(certs), std::vector<std::string>{cert});
  EXPECT_EQ(certs["items"][0]["name"], "跨境退货认证");
  EXPECT_EQ(certs["items"][0]["valid"], true);
  EXPECT_EQ(certs["items"][0]["expires_at"], "2026-12-23T08:05:00.000Z");
  EXPECT_TRUE(IsError(w_.Get("/api/v1/training/certificates?login=agent.a", w_.Token(Who::kAgentB)), 403, "forbidden"));
  EXPECT_EQ(ItemIds(w_.Get("/api/v1/training/certificates?login=agent.a", w_.Token(Who::kLead)).body),
            std::vector<std::string>{cert});
  clock_.Advance(31LL * 24 * 60 * kMinute);
  Json later = w_.Get("/api/v1/training/certificates", w_.FreshToken(Who::kAgentA)).body;
  EXPECT_EQ(later["items"][0]["valid"], false) << later.dump();
}

TEST_F(ApiExamTest, TimeLimitSubmitsWhatWasSaved) {
  std::string id = Start(Who::kAgentA);
  Json right = RightAnswers();
  std::string k = right.begin().key();
  clock_.Advance(10 * kMinute);
  ASSERT_EQ(Save(Who::kAgentA, id, Json{{k, right[k]}}).status, 200);
  // An autosave in flight at the deadline still counts (10 s grace) …
  clock_.Advance(20 * kMinute + 5'000);
  ASSERT_EQ(Save(Who::kAgentA, id, Json{{k, right[k]}}).status, 200);
  // … after that the attempt is submitted with what was saved.
  clock_.Advance(6'000);
  EXPECT_TRUE(IsError(Save(Who::kAgentA, id, right), 409, "time_up"));
  Json a = w_.Get("/api/v1/training/attempts/" + id, w_.Token(Who::kAgentA)).body;
  // Only one objective answer was saved; the blank short answer scores 0,
  // so nothing is left for a grader.
  EXPECT_EQ(a["status"], "graded");
  EXPECT_EQ(a["timed_out"], true);
  EXPECT_EQ(a["submitted_at"], "2026-11-23T08:30:11.000Z");
  EXPECT_EQ(a["items"][std::stoi(k)]["answer"], right[k]);
  int answered = 0;
  for (const auto& it : a["items"]) answered += !it["answer"].is_null();
  EXPECT_EQ(answered, 1);

  // A second attempt is allowed, a third is not.
  std::string second = Start(Who::kAgentA);
  EXPECT_NE(second, id);
  EXPECT_EQ(attempt_["number"], 2);
  ASSERT_EQ(w_.Post("/api/v1/training/attempts/" + second + "/submit", w_.Token(Who::kAgentA), std::string()).status, 200);
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams/" + exam_ + "/attempts", w_.Token(Who::kAgentA), std::string()), 409,
                      "no_attempts_left"));
}

TEST_F(ApiExamTest, TheSweepSubmitsAbandonedAttempts) {
  std::string id = Start(Who::kAgentB);
  clock_.Advance(31 * kMinute);
  // The results page runs the sweep: nothing is left in progress.
  Json res = w_.Get("/api/v1/training/exams/" + exam_ + "/results", w_.Token(Who::kLead)).body;
  ASSERT_EQ(res["attempts"].size(), 1u) << res.dump();
  EXPECT_EQ(res["attempts"][0]["id"], id);
  // Every item blank: objective ones scored 0, the short answer 0 by the system.
  EXPECT_EQ(res["attempts"][0]["status"], "graded");
  EXPECT_EQ(res["attempts"][0]["score"], 0);
  EXPECT_EQ(res["attempts"][0]["timed_out"], true);
  EXPECT_EQ(res["candidates"], 1);
  EXPECT_EQ(res["passed"], 0);
}

TEST_F(ApiExamTest, ResultsPerQuestion) {
  // Four candidates: two answer everything right, two leave it blank.
  for (Who who : {Who::kAgentA, Who::kAgentB, Who::kAgentC, Who::kManager}) {
    std::string id = Start(who);
    if (who == Who::kAgentA || who == Who::kAgentB) {
      Json right = RightAnswers();
      right.erase(std::to_string(ItemWith(attempt_, "保温杯漏水")));  // blank: no grader needed
      ASSERT_EQ(Save(who, id, right).status, 200);
    }
    ASSERT_EQ(w_.Post("/api/v1/training/attempts/" + id + "/submit", w_.Token(who), std::string()).status, 200);
  }
  HttpResult r = w_.Get("/api/v1/training/exams/" + exam_ + "/results", w_.Token(Who::kLead));
  ASSERT_EQ(r.status, 200) << Describe(r);
  EXPECT_EQ(r.body["candidates"], 4);
  EXPECT_EQ(r.body["passed"], 0);  // 11 of 21 is under 60%
  ASSERT_EQ(r.body["items"].size(), 6u);
  for (const auto& it : r.body["items"]) {
    EXPECT_EQ(it["responses"], 4);
    bool essay = it["stem"].get<std::string>().find("保温杯") != std::string::npos;
    EXPECT_DOUBLE_EQ(it["difficulty"].get<double>(), essay ? 0.0 : 0.5) << it.dump();
    EXPECT_DOUBLE_EQ(it["discrimination"].get<double>(), essay ? 0.0 : 1.0) << it.dump();
  }
  EXPECT_TRUE(IsError(w_.Get("/api/v1/training/exams/" + exam_ + "/results", w_.Token(Who::kAgentA)), 403,
                      "forbidden"));
}

TEST_F(ApiExamTest, WhoMaySitAndBadBlueprints) {
  // An exam for agent.c only: others do not see it and cannot start it.
  Json body = ExamBody(paper_);
  body["candidates"] = {"agent.c"};
  std::string only_c = CreateExam(w_, body)["id"];
  EXPECT_EQ(ItemIds(w_.Get("/api/v1/training/exams", w_.Token(Who::kAgentA)).body), std::vector<std::string>{exam_});
  EXPECT_EQ(ItemIds(w_.Get("/api/v1/training/exams", w_.Token(Who::kAgentC)).body),
            (std::vector<std::string>{only_c, exam_}));
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams/" + only_c + "/attempts", w_.Token(Who::kAgentA), std::string()), 404,
                      "not_found"));
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams/" + only_c + "/attempts", w_.Token(Who::kLead), std::string()), 403,
                      "not_a_candidate"));
  EXPECT_TRUE(IsError(w_.Get("/api/v1/training/exams", w_.Token(Who::kCust1)), 403, "forbidden"));

  // Blueprints the bank cannot fill, or that say something unknown, create nothing.
  Json big = ExamBody(paper_);
  big["sections"][0]["count"] = 3;
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams", w_.Token(Who::kLead), big), 409, "bank_too_small"));
  Json tagged = ExamBody(paper_);
  tagged["sections"][0]["tags"] = {"topic:物流"};
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams", w_.Token(Who::kLead), tagged), 409, "bank_too_small"));
  Json unknown = ExamBody(paper_);
  unknown["shuffle"] = true;
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams", w_.Token(Who::kLead), unknown), 422, "validation_failed"));
  Json bad_type = ExamBody(paper_);
  bad_type["sections"][0]["type"] = "behavioral";
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams", w_.Token(Who::kLead), bad_type), 422, "validation_failed"));
  Json bad_scoring = ExamBody(paper_);
  bad_scoring["multiple_choice_scoring"] = "generous";
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams", w_.Token(Who::kLead), bad_scoring), 422, "validation_failed"));
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/exams", w_.Token(Who::kAgentA), ExamBody(paper_)), 403, "forbidden"));
  EXPECT_EQ(w_.Get("/api/v1/training/exams", w_.Token(Who::kLead)).body["items"].size(), 2u);
}

TEST_F(ApiExamTest, QaResultsAssignTrainingUntilPassed) {
  Json body = ExamBody(paper_);
  body["candidates"] = {"agent.c"};  // not open to agent.a …
  std::string exam = CreateExam(w_, body)["id"];
  const std::string& lead = w_.Token(Who::kLead);
  HttpResult rule = w_.Raw("PUT", "/api/v1/training/qa-rules", lead,
                           Json{{"area", "policy_accuracy"}, {"exam_id", exam}, {"threshold", 70}}.dump());
  ASSERT_EQ(rule.status, 200) << Describe(rule);
  auto result = [&](double score) {
    HttpResult r = w_.Post("/api/v1/training/qa-results", lead,
                           Json{{"login", "agent.a"}, {"area", "policy_accuracy"}, {"score", score}});
    EXPECT_EQ(r.status, 201) << Describe(r);
    return r.body["assigned"];
  };
  EXPECT_TRUE(result(85).is_null());
  Json assigned = result(55);
  ASSERT_TRUE(assigned.is_object());
  EXPECT_EQ(assigned["exam_id"], exam);
  EXPECT_EQ(assigned["source"], "qa");
  EXPECT_EQ(assigned["status"], "open");
  EXPECT_TRUE(result(40).is_null());  // already assigned
  Json mine = w_.Get("/api/v1/training/assignments", w_.Token(Who::kAgentA)).body;
  ASSERT_EQ(ItemIds(mine), std::vector<std::string>{assigned["id"]});
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/qa-results", w_.Token(Who::kAgentB),
                              Json{{"login", "agent.a"}, {"area", "policy_accuracy"}, {"score", 10}}),
                      403, "forbidden"));
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/qa-results", lead,
                              Json{{"login", "agent.a"}, {"area", "policy_accuracy"}, {"score", 101}}),
                      422, "validation_failed"));

  // … but the assignment lets agent.a sit it; passing completes it.
  exam_ = exam;
  std::string id = Start(Who::kAgentA);
  ASSERT_EQ(Save(Who::kAgentA, id, RightAnswers()).status, 200);
  ASSERT_EQ(w_.Post("/api/v1/training/attempts/" + id + "/submit", w_.Token(Who::kAgentA), std::string()).status, 200);
  int essay = ItemWith(attempt_, "保温杯漏水");
  ASSERT_EQ(w_.Post("/api/v1/training/attempts/" + id + "/grades", lead, Json{{"item", essay}, {"score", 9}}).status,
            200);
  mine = w_.Get("/api/v1/training/assignments", w_.Token(Who::kAgentA)).body;
  EXPECT_EQ(mine["items"][0]["status"], "done");
  EXPECT_EQ(mine["items"][0]["attempt_id"], id);
}

}  // namespace
}  // namespace kefu::testing
