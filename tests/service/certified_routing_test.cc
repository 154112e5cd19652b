// A certification required for a routing skill (training_service.h,
// LoadRoutingAgents): the skill counts for an agent only while they hold
// the certificate, earned by passing the exam, unexpired.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/routing.h"
#include "service/auth_service.h"
#include "service/config_service.h"
#include "service/scheduler.h"
#include "service/search_service.h"
#include "service/training_service.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

const Actor kAdmin{"admin", Role::kAdmin, ""};
const Actor kLead{"lead1", Role::kLead, ""};
constexpr const char* kSkill = "category:return_refund_request";

class CertifiedRoutingTest : public ::testing::Test {
 protected:
  CertifiedRoutingTest()
      : clock_(*ParseIso8601("2026-11-23T02:00:00Z")),
        store_(std::move(OpenSqliteStore({dir_.File("kefu.db"), 2, &DefaultSearchAnalyzer()})).value()),
        config_(*store_, clock_),
        training_(*store_, clock_, DefaultSearchAnalyzer().tokenizer(), [] { return uint64_t{7}; }) {}

  void SetUp() override {
    AuthService auth(*store_, clock_);
    for (auto [login, role] : {std::pair{"lead1", Role::kLead}, {"ann", Role::kAgent}, {"bob", Role::kAgent}}) {
      ASSERT_TRUE(auth.AddUser({login, "password123", role, login, ""}, kAdmin).ok());
    }
    auto bundle = nlohmann::json::parse(std::string(R"({
      "teams": [{"name": "desk", "lead": "lead1"}],
      "agents": [{"login": "ann", "teams": ["desk"], "skills": [")") + kSkill + R"(", "language:zh"]},
                 {"login": "bob", "teams": ["desk"], "skills": [")" + kSkill + R"("]}]})");
    Status st = config_.ApplyBundle(kAdmin, bundle);
    ASSERT_TRUE(st.ok()) << st.ToString();
  }

  // The skills routing sees for each agent now.
  std::map<std::string, std::vector<std::string>> Skills() {
    auto txn = std::move(store_->Begin(TxnMode::kRead)).value();
    auto cfg = config_.Snapshot(*txn);
    EXPECT_TRUE(cfg.ok());
    auto agents = LoadRoutingAgents(*store_, *txn, **cfg, clock_.Now());
    EXPECT_TRUE(agents.ok()) << agents.status().ToString();
    std::map<std::string, std::vector<std::string>> out;
    for (const auto& a : *agents) out[a.profile.login] = a.profile.skills;
    return out;
  }

  // ann passes a one-question exam that certifies 退货认证 for 30 days.
  void CertifyAnn() {
    training::ParsedPaper p = training::ParsePaper("一、判断题(每题1分,共1题)\n1.定制商品适用七天无理由退货。(×)\n");
    auto paper = training_.SavePaper(kLead, {p, "", {}, false});
    ASSERT_TRUE(paper.ok()) << paper.status().ToString();
    training::ExamSpec e;
    e.title = "退货认证";
    e.sections = {{"", training::QuestionType::kTrueFalse, 1, 1, {}, paper->paper.id}};
    e.certification = "退货认证";
    e.certificate_valid_days = 30;
    auto exam = training_.CreateExam(kLead, e);
    ASSERT_TRUE(exam.ok()) << exam.status().ToString();
    const Actor ann{"ann", Role::kAgent, ""};
    auto started = training_.StartAttempt(ann, exam->id);
    ASSERT_TRUE(started.ok()) << started.status().ToString();
    std::string id = started->first.attempt.id;
    ASSERT_TRUE(training_.SaveAnswers(ann, id, {{0, training::Answer{{}, false, ""}}}).ok());
    auto done = training_.Submit(ann, id);
    ASSERT_TRUE(done.ok()) << done.status().ToString();
    ASSERT_TRUE(done->attempt.passed);
    ASSERT_FALSE(done->attempt.certificate_id.empty());
  }

  testing::TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  ConfigService config_;
  TrainingService training_;
};

TEST_F(CertifiedRoutingTest, TheSkillCountsOnlyWithAValidCertificate) {
  // No rule: both agents have the skill.
  EXPECT_EQ(Skills()["bob"], std::vector<std::string>{kSkill});
  ASSERT_TRUE(training_.PutSkillRule(kLead, {kSkill, "退货认证"}).ok());
  // The rule: nobody holds the certificate yet; other skills stay.
  auto s = Skills();
  EXPECT_EQ(s["ann"], std::vector<std::string>{"language:zh"});
  EXPECT_TRUE(s["bob"].empty());
  CertifyAnn();
  s = Skills();
  EXPECT_EQ(s["ann"], (std::vector<std::string>{kSkill, "language:zh"}));
  EXPECT_TRUE(s["bob"].empty());

  // Routing prefers the certified agent for such a ticket.
  {
    auto txn = std::move(store_->Begin(TxnMode::kRead)).value();
    auto cfg = std::move(config_.Snapshot(*txn)).value();
    auto agents = std::move(LoadRoutingAgents(*store_, *txn, *cfg, clock_.Now())).value();
    for (auto& a : agents) a.presence = Presence::kOnline;
    Router router(agents);
    RoutingTicket t;
    t.team = "desk";
    t.category = "return_refund_request";
    auto chosen = router.Choose(t);
    ASSERT_TRUE(chosen.has_value());
    EXPECT_EQ(router.agent(*chosen).profile.login, "ann");
  }

  // Expired after 30 days; a deleted rule frees the skill again.
  clock_.Advance(31LL * 24 * 3600 * 1000);
  EXPECT_EQ(Skills()["ann"], std::vector<std::string>{"language:zh"});
  ASSERT_TRUE(training_.DeleteSkillRule(kLead, kSkill).ok());
  EXPECT_EQ(Skills()["bob"], std::vector<std::string>{kSkill});
  EXPECT_EQ(training_.DeleteSkillRule(kLead, kSkill).code(), StatusCode::kNotFound);
}

TEST_F(CertifiedRoutingTest, RulesNameRealSkillsAndOnlyTrainersSetThem) {
  EXPECT_EQ(training_.PutSkillRule(kLead, {"category:cross_border", "跨境认证"}).status().code(),
            StatusCode::kValidation);
  EXPECT_EQ(training_.PutSkillRule(kLead, {kSkill, ""}).status().code(), StatusCode::kValidation);
  EXPECT_EQ(training_.PutSkillRule(Actor{"ann", Role::kAgent, ""}, {kSkill, "退货认证"}).status().code(),
            StatusCode::kPermissionDenied);
  auto rules = training_.SkillRules(Actor{"ann", Role::kAgent, ""});
  ASSERT_TRUE(rules.ok());
  EXPECT_TRUE(rules->empty());
}

}  // namespace
}  // namespace kefu
