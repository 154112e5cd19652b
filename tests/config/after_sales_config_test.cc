// The after-sales configuration document: what the reader accepts, the
// defaults, inheritance from "defaults", refusals naming the field, the
// statutory floor, and that the writer's output reads back the same.
#include "config/after_sales_config.h"

#include <gtest/gtest.h>

namespace kefu {
namespace {

using nlohmann::json;

// The error message of parsing `text`, "" if it parsed.
std::string ErrorOf(const char* text) {
  auto r = ParseAfterSalesConfig(json::parse(text));
  if (!r.ok()) {
    EXPECT_EQ(r.status().code(), StatusCode::kValidation) << text;
  }
  return r.ok() ? "" : r.status().message();
}

constexpr const char* kFull = R"({
  "refund_within_days": 5,
  "defaults": {"nature": "ordinary", "no_reason_days": 10, "merchant_pays_no_reason_shipping": false,
               "fault_return_days": 7, "fault_exchange_days": 20, "warranty_days": 730},
  "categories": {"fresh_food": {"nature": "perishable", "no_reason_days": 0},
                 "apparel": {"no_reason_days": 30, "merchant_pays_no_reason_shipping": true},
                 "software": {"nature": "audio_visual_software", "warranty_days": 0}},
  "markets": {"cn": {"cross_border": false, "utc_offset_minutes": 480},
              "hk": {"cross_border": true, "no_reason_days": 7, "no_reason_duties": "buyer"},
              "us": {"cross_border": true, "no_reason_days": 0, "no_reason_duties": "merchant",
                     "utc_offset_minutes": -300}},
  "approval_limits": {"agent_fen": 3000, "lead_fen": 40000, "manager_fen": null},
  "team_budgets_fen": {"after-sales": 2000000, "logistics": 500000},
  "carrier_follow_up_hours": 12})";

TEST(AfterSalesConfigTest, ReadsAFullDocument) {
  auto c = ParseAfterSalesConfig(json::parse(kFull));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const AfterSalesPolicy& p = c->policy;
  EXPECT_EQ(p.refund_within_days, 5);
  EXPECT_EQ(p.defaults.no_reason_days, 10);
  EXPECT_EQ(p.defaults.fault_exchange_days, 20);
  EXPECT_EQ(p.defaults.warranty_days, 730);
  ASSERT_EQ(p.categories.size(), 3u);
  // Categories inherit what they leave out from "defaults".
  const CategoryRules& fresh = p.categories.at("fresh_food");
  EXPECT_EQ(fresh.nature, GoodsNature::kPerishable);
  EXPECT_EQ(fresh.no_reason_days, 0);
  EXPECT_EQ(fresh.fault_exchange_days, 20);
  EXPECT_EQ(fresh.warranty_days, 730);
  const CategoryRules& apparel = p.categories.at("apparel");
  EXPECT_EQ(apparel.nature, GoodsNature::kOrdinary);
  EXPECT_EQ(apparel.no_reason_days, 30);
  EXPECT_TRUE(apparel.merchant_pays_no_reason_shipping);
  EXPECT_EQ(apparel.fault_exchange_days, 20);
  EXPECT_EQ(p.categories.at("software").nature, GoodsNature::kAudioVisualSoftware);
  EXPECT_EQ(p.categories.at("software").no_reason_days, 10);
  EXPECT_EQ(p.categories.at("software").warranty_days, 0);

  ASSERT_EQ(p.markets.size(), 3u);
  EXPECT_FALSE(p.markets.at("cn").cross_border);
  EXPECT_FALSE(p.markets.at("cn").no_reason_days.has_value());
  EXPECT_TRUE(p.markets.at("hk").cross_border);
  EXPECT_EQ(p.markets.at("hk").no_reason_days, 7);
  EXPECT_EQ(p.markets.at("hk").utc_offset_minutes, 480);
  EXPECT_EQ(p.markets.at("us").no_reason_days, 0);
  EXPECT_EQ(p.markets.at("us").no_reason_duties, Payer::kMerchant);
  EXPECT_EQ(p.markets.at("us").utc_offset_minutes, -300);

  EXPECT_EQ(c->limits.agent_fen, 3000);
  EXPECT_EQ(c->limits.lead_fen, 40000);
  EXPECT_FALSE(c->limits.manager_fen.has_value());
  EXPECT_EQ(c->team_budgets_fen.at("after-sales"), 2000000);
  EXPECT_EQ(c->team_budgets_fen.at("logistics"), 500000);
  EXPECT_EQ(c->carrier_follow_up_hours, 12);
}

TEST(AfterSalesConfigTest, EmptyDocumentKeepsTheDefaults) {
  auto c = ParseAfterSalesConfig(json::parse("{}"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const AfterSalesPolicy& p = c->policy;
  EXPECT_EQ(p.refund_within_days, 7);
  EXPECT_EQ(p.defaults.nature, GoodsNature::kOrdinary);
  EXPECT_EQ(p.defaults.no_reason_days, 7);
  EXPECT_FALSE(p.defaults.merchant_pays_no_reason_shipping);
  EXPECT_EQ(p.defaults.fault_return_days, 7);
  EXPECT_EQ(p.defaults.fault_exchange_days, 15);
  EXPECT_EQ(p.defaults.warranty_days, 0);  // no promise; the law's defect remedies still hold
  EXPECT_EQ(p.defaults.defect_remedy_days, 180);
  EXPECT_TRUE(p.intercept_in_transit);
  EXPECT_TRUE(p.deduct_broken_free_shipping);
  EXPECT_EQ(p.RulesFor("phones").warranty_days, 365);  // 三包
  EXPECT_TRUE(p.categories.empty());
  EXPECT_TRUE(p.markets.empty());
  EXPECT_EQ(c->limits.agent_fen, 5000);
  EXPECT_EQ(c->limits.lead_fen, 50000);
  EXPECT_FALSE(c->limits.manager_fen.has_value());
  EXPECT_TRUE(c->team_budgets_fen.empty());
  EXPECT_EQ(c->carrier_follow_up_hours, 24);
}

TEST(AfterSalesConfigTest, ManagerLimitMayBeSetOrLeftUnlimited) {
  auto set = ParseAfterSalesConfig(json::parse(R"({"approval_limits": {"manager_fen": 900000}})"));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->limits.manager_fen, 900000);
  EXPECT_EQ(set->limits.agent_fen, 5000);
  auto absent = ParseAfterSalesConfig(json::parse(R"({"approval_limits": {"agent_fen": 100}})"));
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->limits.manager_fen.has_value());
}

TEST(AfterSalesConfigTest, RefusesUnknownFieldsNamingThem) {
  EXPECT_NE(ErrorOf(R"({"refund_days": 7})").find("refund_days"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"defaults": {"no_reason": 7}})").find("no_reason"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"categories": {"x": {"colour": "red"}}})").find("colour"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"markets": {"hk": {"duties": "buyer"}}})").find("duties"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"approval_limits": {"admin_fen": 1}})").find("admin_fen"),
            std::string::npos);
}

TEST(AfterSalesConfigTest, RefusesBadValuesNamingTheField) {
  EXPECT_NE(ErrorOf(R"({"categories": {"x": {"nature": "fresh"}}})").find("categories.x.nature"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"markets": {"hk": {"cross_border": true, "no_reason_duties": "carrier"}}})")
                .find("markets.hk.no_reason_duties"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"defaults": {"warranty_days": "1y"}})").find("defaults.warranty_days"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"defaults": {"merchant_pays_no_reason_shipping": 1}})")
                .find("merchant_pays_no_reason_shipping"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"defaults": {"warranty_days": -1}})").find("warranty_days"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"markets": {"de": {"utc_offset_minutes": 1000}}})").find("utc_offset_minutes"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"categories": []})").find("categories"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"defaults": 7})").find("defaults"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"approval_limits": {"agent_fen": -1}})").find("agent_fen"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"approval_limits": {"agent_fen": 60000}})").find("agent_fen"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"approval_limits": {"manager_fen": 100}})").find("manager_fen"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"team_budgets_fen": {"after-sales": "lots"}})").find("team_budgets_fen.after-sales"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"team_budgets_fen": {"Bad Team": 1}})"), "");
  EXPECT_NE(ErrorOf(R"({"carrier_follow_up_hours": 0})").find("carrier_follow_up_hours"),
            std::string::npos);
  EXPECT_NE(ErrorOf("[]"), "");
}

TEST(AfterSalesConfigTest, RefusesRulesBelowTheStatutoryFloor) {
  EXPECT_NE(ErrorOf(R"({"defaults": {"no_reason_days": 6}})").find("defaults.no_reason_days"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"categories": {"phones": {"fault_return_days": 3}}})")
                .find("categories.phones.fault_return_days"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"categories": {"phones": {"fault_exchange_days": 14}}})")
                .find("categories.phones.fault_exchange_days"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"refund_within_days": 10})").find("refund_within_days"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"refund_within_days": 0})").find("refund_within_days"), std::string::npos);
  EXPECT_NE(ErrorOf(R"({"markets": {"cn": {"no_reason_days": 0}}})").find("markets.cn.no_reason_days"),
            std::string::npos);
  EXPECT_NE(ErrorOf(R"({"markets": {"cn": {"no_reason_duties": "merchant"}}})")
                .find("markets.cn.no_reason_duties"),
            std::string::npos);
  // A category inherits a generous default; excluded goods may have no window.
  EXPECT_EQ(ErrorOf(R"({"defaults": {"no_reason_days": 15}, "categories": {"a": {}}})"), "");
  EXPECT_EQ(ErrorOf(R"({"categories": {"cakes": {"nature": "customised", "no_reason_days": 0}}})"),
            "");
}

TEST(AfterSalesConfigTest, WriterOutputReadsBackEqual) {
  auto c = ParseAfterSalesConfig(json::parse(kFull));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  c->limits.manager_fen = std::nullopt;
  nlohmann::ordered_json out = AfterSalesConfigToJson(*c);
  EXPECT_TRUE(out["approval_limits"]["manager_fen"].is_null());
  auto again = ParseAfterSalesConfig(json::parse(out.dump()));
  ASSERT_TRUE(again.ok()) << again.status().ToString() << "\n" << out.dump(2);
  EXPECT_EQ(AfterSalesConfigToJson(*again).dump(), out.dump());
  EXPECT_FALSE(again->policy.markets.at("cn").no_reason_days.has_value());
  EXPECT_EQ(again->policy.markets.at("us").no_reason_days, 0);
  EXPECT_EQ(again->policy.categories.at("fresh_food").nature, GoodsNature::kPerishable);
  EXPECT_TRUE(again->policy.categories.at("apparel").merchant_pays_no_reason_shipping);
  EXPECT_EQ(again->team_budgets_fen, c->team_budgets_fen);

  // The free-shipping deduction is the merchant's to waive.
  auto lenient = ParseAfterSalesConfig(json::parse(R"({"deduct_broken_free_shipping": false})"));
  ASSERT_TRUE(lenient.ok()) << lenient.status().ToString();
  EXPECT_FALSE(lenient->policy.deduct_broken_free_shipping);
  EXPECT_EQ(AfterSalesConfigToJson(*lenient)["deduct_broken_free_shipping"], false);

  // A set manager limit and the empty document round-trip too.
  c->limits.manager_fen = 1'000'000;
  auto limited = ParseAfterSalesConfig(json::parse(AfterSalesConfigToJson(*c).dump()));
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->limits.manager_fen, 1'000'000);
  auto empty = ParseAfterSalesConfig(json::parse("{}"));
  ASSERT_TRUE(empty.ok());
  auto empty_again = ParseAfterSalesConfig(json::parse(AfterSalesConfigToJson(*empty).dump()));
  ASSERT_TRUE(empty_again.ok());
  EXPECT_EQ(AfterSalesConfigToJson(*empty_again).dump(), AfterSalesConfigToJson(*empty).dump());
}

}  // namespace
}  // namespace kefu
