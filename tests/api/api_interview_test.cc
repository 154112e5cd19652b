// Structured interviews over HTTP: the kit imported with rubrics, several
// interviewers scoring blind, the report, the decision, and who sees the
// candidate's personal data (docs/api.md §12.4).
#include <gtest/gtest.h>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

const char* const kKit =
    "售后服务经理面试题\n"
    "一、行为面试题\n"
    "1. 请讲一次你处理集中投诉的经历。（考察：问题解决能力、领导力）\n"
    "二、情景题\n"
    "1. 暴雨导致大量包裹延误，你会怎么做？（考察：沟通协调能力）\n"
    "答案与解析\n"
    "一、行为面试题\n"
    "1. 参考答案：先止损，再排查批次，主动联系客户，事后复盘。\n"
    "评分标准：\n"
    "5分：步骤完整，有复盘\n"
    "3分：能说明过程\n"
    "1分：只描述个人处理\n"
    "二、情景题\n"
    "1. 参考答案：发布公告，统一话术，跟进承运商。\n"
    "评分标准：5分：有公告和分级；3分：只想到公告；1分：只处理单个客户\n";

class ApiInterviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (Who who : {Who::kAgentA, Who::kAgentB, Who::kLead}) w_.Token(who);  // the users exist
    HttpResult kit = w_.Post("/api/v1/training/papers", w_.Token(Who::kManager),
                             Json{{"text", kKit}, {"role", "售后服务经理"}});
    ASSERT_EQ(kit.status, 201) << Describe(kit);
    ASSERT_EQ(kit.body["kind"], "interview_kit");
    kit_ = kit.body["id"];
    q1_ = kit.body["sections"][0]["questions"][0]["id"];
    q2_ = kit.body["sections"][1]["questions"][0]["id"];
    HttpResult r = w_.Post("/api/v1/training/interviews", w_.Token(Who::kManager),
                           Json{{"kit_id", kit_},
                                {"candidate", {{"name", "刘洋"}, {"phone", "13900001234"}, {"email", "ly@example.com"}}},
                                {"interviewers", {"agent.a", "lead.li"}}});
    ASSERT_EQ(r.status, 201) << Describe(r);
    id_ = r.body["id"];
  }
  std::string Path(const std::string& tail = "") { return "/api/v1/training/interviews/" + id_ + tail; }
  HttpResult Score(Who who, const std::string& q, int score) {
    return w_.Raw("PUT", Path("/scores"), w_.Token(who),
                  Json{{"question_id", q}, {"score", score}, {"notes", "备注"}}.dump());
  }
  HttpResult Verdict(Who who, const char* rec) {
    return w_.Raw("PUT", Path("/verdict"), w_.Token(who), Json{{"recommendation", rec}}.dump());
  }

  ApiWorld w_;
  std::string kit_, q1_, q2_, id_;
};

TEST_F(ApiInterviewTest, TheKitCarriesCompetenciesReferencesAndRubrics) {
  Json v = w_.Get(Path(), w_.Token(Who::kAgentA)).body;
  EXPECT_EQ(v["role"], "售后服务经理");
  ASSERT_EQ(v["kit"]["questions"].size(), 2u);
  const Json& q = v["kit"]["questions"][0];
  EXPECT_EQ(q["type"], "behavioral");
  EXPECT_EQ(q["competencies"], Json({"问题解决能力", "领导力"}));
  EXPECT_EQ(q["reference"], "先止损，再排查批次，主动联系客户，事后复盘。");
  EXPECT_EQ(q["rubric"], Json({{"1", "只描述个人处理"}, {"3", "能说明过程"}, {"5", "步骤完整，有复盘"}}));
  EXPECT_EQ(v["kit"]["questions"][1]["rubric"]["3"], "只想到公告");
}

TEST_F(ApiInterviewTest, PersonalDataOnlyForTheHiringTeam) {
  // Interviewers and the creator see the candidate; a manager or admin
  // outside the team sees them masked; anyone else sees nothing.
  for (Who who : {Who::kAgentA, Who::kLead, Who::kManager}) {
    Json v = w_.Get(Path(), w_.Token(who)).body;
    EXPECT_EQ(v["candidate"]["phone"], "13900001234") << WhoName(who);
    EXPECT_EQ(v["on_team"], true);
    EXPECT_EQ(v["may_decide"], who == Who::kManager) << WhoName(who);
  }
  Json admin = w_.Get(Path(), w_.Token(Who::kAdmin)).body;
  EXPECT_EQ(admin["candidate"], Json({{"name", "刘*"}, {"phone", "***"}, {"email", "***"}, {"notes", ""}}));
  EXPECT_EQ(admin["on_team"], false);
  Json admin_list = w_.Get("/api/v1/training/interviews", w_.Token(Who::kAdmin)).body;
  ASSERT_EQ(ItemIds(admin_list), std::vector<std::string>{id_});
  EXPECT_EQ(admin_list["items"][0]["candidate"]["name"], "刘*");
  EXPECT_TRUE(IsError(w_.Get(Path(), w_.Token(Who::kAgentB)), 404, "not_found"));
  EXPECT_TRUE(ItemIds(w_.Get("/api/v1/training/interviews", w_.Token(Who::kAgentB)).body).empty());
  EXPECT_TRUE(IsError(w_.Get(Path(), w_.Token(Who::kCust1)), 403, "forbidden"));
  EXPECT_TRUE(IsError(Score(Who::kAgentB, q1_, 3), 404, "not_found"));
}

TEST_F(ApiInterviewTest, BlindScoringThenTheReport) {
  ASSERT_EQ(Score(Who::kAgentA, q1_, 4).status, 200);
  ASSERT_EQ(Score(Who::kAgentA, q2_, 5).status, 200);
  ASSERT_EQ(Score(Who::kLead, q1_, 2).status, 200);
  // Before their own verdict an interviewer sees only their own scores.
  Json a = w_.Get(Path(), w_.Token(Who::kAgentA)).body;
  ASSERT_EQ(a["scores"].size(), 2u);
  for (const auto& s : a["scores"]) EXPECT_EQ(s["interviewer"], "agent.a");
  EXPECT_TRUE(a["report"].is_null());
  // The hiring manager (not an interviewer) sees everything.
  Json m = w_.Get(Path(), w_.Token(Who::kManager)).body;
  EXPECT_EQ(m["scores"].size(), 3u);
  ASSERT_TRUE(m["report"].is_object());
  EXPECT_EQ(m["report"]["complete"], false);

  // A score can be changed until the decision.
  ASSERT_EQ(Score(Who::kLead, q1_, 1).status, 200);
  ASSERT_EQ(Score(Who::kLead, q2_, 3).status, 200);
  ASSERT_EQ(Verdict(Who::kLead, "no_hire").status, 200);
  HttpResult v = Verdict(Who::kAgentA, "hire");
  ASSERT_EQ(v.status, 200) << Describe(v);
  const Json& r = v.body["report"];
  ASSERT_TRUE(r.is_object()) << v.body.dump();
  EXPECT_EQ(r["complete"], true);
  EXPECT_DOUBLE_EQ(r["overall"].get<double>(), (4 + 5 + 1 + 3) / 4.0);
  ASSERT_EQ(r["questions"].size(), 2u);
  EXPECT_EQ(r["questions"][0]["scores"], Json({{"agent.a", 4}, {"lead.li", 1}}));
  EXPECT_EQ(r["questions"][0]["spread"], 3);
  EXPECT_EQ(r["questions"][1]["spread"], 2);
  ASSERT_EQ(r["competencies"].size(), 3u);
  EXPECT_EQ(r["competencies"][0]["competency"], "问题解决能力");
  EXPECT_DOUBLE_EQ(r["competencies"][0]["mean"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ(r["competencies"][2]["mean"].get<double>(), 4.0);  // 沟通协调能力
  EXPECT_EQ(r["disagreements"], Json({q1_, q2_, "问题解决能力", "领导力", "沟通协调能力"}));
  EXPECT_EQ(r["suggestion"], "no_hire");  // 3.25 < 3.5
  EXPECT_EQ(r["verdicts"].size(), 2u);
}

TEST_F(ApiInterviewTest, ScoringRulesAndTheDecision) {
  EXPECT_TRUE(IsError(Score(Who::kManager, q1_, 3), 403, "not_interviewer"));
  EXPECT_TRUE(IsError(Score(Who::kAgentA, q1_, 6), 422, "validation_failed"));
  EXPECT_TRUE(IsError(Score(Who::kAgentA, "Q-000999", 3), 422, "validation_failed"));
  EXPECT_TRUE(IsError(w_.Raw("PUT", Path("/scores"), w_.Token(Who::kAgentA),
                             Json{{"question_id", q1_}, {"score", 3}, {"mood", "ok"}}.dump()),
                      422, "validation_failed"));
  EXPECT_TRUE(w_.Get(Path(), w_.Token(Who::kManager)).body["scores"].empty());  // nothing stored
  // Interviewers do not decide (not even a lead), nor an admin outside the
  // team; the hiring manager who created it does, once.
  const Json decision{{"decision", "hire"}, {"note", "综合表现良好"}};
  EXPECT_TRUE(IsError(w_.Post(Path("/decision"), w_.Token(Who::kAgentA), decision), 403, "forbidden"));
  EXPECT_TRUE(IsError(w_.Post(Path("/decision"), w_.Token(Who::kLead), decision), 403, "forbidden"));
  EXPECT_TRUE(IsError(w_.Post(Path("/decision"), w_.Token(Who::kAdmin), decision), 403, "forbidden"));
  EXPECT_TRUE(IsError(w_.Post(Path("/decision"), w_.Token(Who::kManager), Json{{"decision", "maybe"}}), 422,
                      "validation_failed"));
  HttpResult d = w_.Post(Path("/decision"), w_.Token(Who::kManager), decision);
  ASSERT_EQ(d.status, 200) << Describe(d);
  EXPECT_EQ(d.body["status"], "decided");
  EXPECT_EQ(d.body["decision"], "hire");
  EXPECT_EQ(d.body["decided_by"], "mgr.zhao");
  EXPECT_EQ(d.body["decision_note"], "综合表现良好");
  EXPECT_TRUE(IsError(w_.Post(Path("/decision"), w_.Token(Who::kManager), decision), 409, "interview_decided"));
  EXPECT_TRUE(IsError(Score(Who::kAgentA, q1_, 3), 409, "interview_decided"));
  EXPECT_TRUE(IsError(Verdict(Who::kAgentA, "hire"), 409, "interview_decided"));
}

TEST_F(ApiInterviewTest, BadInterviews) {
  const std::string& m = w_.Token(Who::kManager);
  Json ok{{"kit_id", kit_}, {"candidate", {{"name", "张三"}}}, {"interviewers", {"agent.a"}}};
  auto refused = [&](Json body) {
    return IsError(w_.Post("/api/v1/training/interviews", m, body), 422, "validation_failed");
  };
  Json no_name = ok;
  no_name["candidate"].erase("name");
  EXPECT_TRUE(refused(no_name));
  Json nobody = ok;
  nobody["interviewers"] = Json::array();
  EXPECT_TRUE(refused(nobody));
  Json stranger = ok;
  stranger["interviewers"] = {"no.such.user"};
  EXPECT_TRUE(refused(stranger));
  Json customer = ok;
  customer["interviewers"] = {"cust.one"};
  w_.Token(Who::kCust1);  // the user exists
  EXPECT_TRUE(refused(customer));
  Json exam_paper = ok;
  exam_paper["kit_id"] = "X-000999";
  EXPECT_TRUE(refused(exam_paper));
  Json extra = ok;
  extra["candidate"]["age"] = 30;
  EXPECT_TRUE(refused(extra));
  EXPECT_TRUE(IsError(w_.Post("/api/v1/training/interviews", w_.Token(Who::kAgentA), ok), 403, "forbidden"));
  EXPECT_EQ(ItemIds(w_.Get("/api/v1/training/interviews", m).body), std::vector<std::string>{id_});
}

}  // namespace
}  // namespace kefu::testing
