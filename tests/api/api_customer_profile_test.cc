// Customer record upkeep: leads and above change a customer's tier with a
// reason (audited); staff keep notes, preferences and important dates, which
// the customer never sees; bad input changes nothing.
#include "api/after_sales_world.h"

namespace kefu::testing {
namespace {

class CustomerProfileTest : public AfterSalesApiTest {
 protected:
  HttpResult Patch(const std::string& token, const Json& body, std::string id = "") {
    if (id.empty()) id = srv_.CustomerOf("cus");
    return srv_.Patch("/api/v1/customers/" + id, token, body);
  }
  Json Customer(const std::string& token) {
    return Ok(srv_.Get("/api/v1/customers/" + srv_.CustomerOf("cus"), token), 200);
  }
};

TEST_F(CustomerProfileTest, StaffKeepNotesTheCustomerNeverSees) {
  Json body = {{"notes", "多次因物流延误投诉，沟通时先致歉"},
               {"preferences", "只接受短信联系，衣服穿M码"},
               {"important_dates", Json::array({{{"label", "生日"}, {"date", "02-29"}},
                                                {{"label", "首次下单"}, {"date", "2024-11-11"}}})}};
  Json changed = Ok(Patch(ann_, body), 200);
  EXPECT_EQ(changed["notes"], "多次因物流延误投诉，沟通时先致歉");
  EXPECT_EQ(changed["important_dates"].size(), 2u);
  Json seen = Customer(lead_);
  EXPECT_EQ(seen["preferences"], "只接受短信联系，衣服穿M码");
  EXPECT_EQ(seen["important_dates"][0]["date"], "02-29");
  // The customer's own record shows none of it.
  Json own = Customer(cus_);
  EXPECT_TRUE(own["notes"].is_null()) << own.dump();
  EXPECT_TRUE(own["preferences"].is_null());
  EXPECT_TRUE(own["important_dates"].empty());
  EXPECT_EQ(Audit("customer.profile_updated").size(), 1u);
  // A partial change leaves the rest.
  Ok(Patch(ann_, {{"notes", "已改为邮件联系"}}), 200);
  EXPECT_EQ(Customer(boss_)["preferences"], "只接受短信联系，衣服穿M码");
}

TEST_F(CustomerProfileTest, ATierChangeIsALeadsWithAReason) {
  EXPECT_TRUE(IsError(Patch(ann_, {{"tier", "vip"}, {"reason", "年消费超5万"}}), 403, "forbidden"));
  EXPECT_TRUE(IsError(Patch(lead_, {{"tier", "vip"}}), 422, "reason_required"));
  EXPECT_TRUE(IsError(Patch(lead_, {{"tier", "vip"}, {"reason", "  "}}), 422, "reason_required"));
  EXPECT_EQ(Customer(boss_)["tier"], "normal");
  EXPECT_TRUE(Audit("customer.tier_changed").empty());

  Json vip = Ok(Patch(lead_, {{"tier", "vip"}, {"reason", "年消费超5万"}}), 200);
  EXPECT_EQ(vip["tier"], "vip");
  auto audit = Audit("customer.tier_changed");
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].actor, "lead1");
  EXPECT_NE(audit[0].detail.find("年消费超5万"), std::string::npos) << audit[0].detail;
  EXPECT_NE(audit[0].detail.find("\"from\":\"normal\""), std::string::npos) << audit[0].detail;
}

TEST_F(CustomerProfileTest, BadInputChangesNothing) {
  EXPECT_TRUE(IsError(Patch(cus_, {{"notes", "我是好客户"}}), 403, "forbidden"));
  EXPECT_EQ(Patch(ann_, {{"notes", "x"}}, "C-999999").status, 404);
  const Json bad[] = {
      Json::object(),
      {{"nickname", "小王"}},
      {{"tier", "diamond"}, {"reason", "x"}},
      {{"notes", std::string(2001, 'x')}},
      {{"important_dates", Json::array({{{"label", "生日"}, {"date", "02-30"}}})}},
      {{"important_dates", Json::array({{{"label", "生日"}, {"date", "2024-13-01"}}})}},
      {{"important_dates", Json::array({{{"label", ""}, {"date", "01-01"}}})}},
      {{"important_dates", Json::array({{{"label", "生日"}}})}},
      {{"important_dates", "01-01"}},
  };
  for (const Json& b : bad) {
    HttpResult r = Patch(ann_, b);
    EXPECT_EQ(r.status, 422) << b.dump().substr(0, 120) << ": " << Describe(r);
  }
  Json seen = Customer(boss_);
  EXPECT_TRUE(seen["notes"].is_null());
  EXPECT_TRUE(seen["important_dates"].empty());
  EXPECT_TRUE(Audit("customer.profile_updated").empty());
}

}  // namespace
}  // namespace kefu::testing
