// The statutory floor of the after-sales policy document: one row per field
// that could narrow a consumer's right, each refused with the field named;
// then settings that only widen rights, which are accepted.
#include <gtest/gtest.h>

#include "config/after_sales_config.h"

namespace kefu {
namespace {

using nlohmann::json;

struct FloorRow {
  const char* name;
  const char* document;
  const char* field;  // must appear in the refusal
};

void PrintTo(const FloorRow& r, std::ostream* os) { *os << r.name; }

const FloorRow kNarrowing[] = {
    {"DomesticMarketDeclaredCrossBorder_CRPL25",
     R"({"markets": {"cn": {"cross_border": true, "no_reason_days": 0}}})", "markets.cn.cross_border"},
    {"DomesticTimeZoneMoved_WindowWouldCloseEarly",
     R"({"markets": {"cn": {"utc_offset_minutes": 840}}})", "markets.cn.utc_offset_minutes"},
    {"OtherDomesticMarketTimeZoneMoved",
     R"({"markets": {"cn-south": {"utc_offset_minutes": 420}}})",
     "markets.cn-south.utc_offset_minutes"},
    {"DomesticNoRestDayExtension_CivilCode203",
     R"({"markets": {"cn": {"extend_on_rest_day": false}}})", "markets.cn.extend_on_rest_day"},
    {"DomesticWindowShortened_CRPL25", R"({"markets": {"cn": {"no_reason_days": 3}}})",
     "markets.cn.no_reason_days"},
    {"ApparelRelabelledPerishable_CRPL25",
     R"({"categories": {"apparel": {"nature": "perishable"}}})", "categories.apparel.nature"},
    {"BeautyRelabelledCustomised_CRPL25",
     R"({"categories": {"beauty": {"nature": "customised"}}})", "categories.beauty.nature"},
    {"DefaultsRelabelledDigital_CRPL25", R"({"defaults": {"nature": "digital_download"}})",
     "defaults.nature"},
    {"PhonesWithoutWarranty_ThreeGuarantees",
     R"({"categories": {"phones": {"warranty_days": 0}}})", "categories.phones.warranty_days"},
    {"ComputersShortWarranty_ThreeGuarantees",
     R"({"categories": {"computers": {"warranty_days": 180}}})",
     "categories.computers.warranty_days"},
    {"DefectPeriodTooShort_CivilCode621",
     R"({"categories": {"apparel": {"defect_remedy_days": 30}}})",
     "categories.apparel.defect_remedy_days"},
    {"ApparelNoReasonZero_CRPL25", R"({"categories": {"apparel": {"no_reason_days": 0}}})",
     "categories.apparel.no_reason_days"},
    {"FaultReturnShortened_CRPL24", R"({"defaults": {"fault_return_days": 5}})",
     "defaults.fault_return_days"},
    {"FaultExchangeShortened_ThreeGuarantees",
     R"({"categories": {"phones": {"fault_exchange_days": 10}}})",
     "categories.phones.fault_exchange_days"},
    {"RefundSlowerThan7Days_CRPL25", R"({"refund_within_days": 15})", "refund_within_days"},
};

class AfterSalesFloorTest : public ::testing::TestWithParam<FloorRow> {};

TEST_P(AfterSalesFloorTest, RefusedNamingTheField) {
  auto r = ParseAfterSalesConfig(json::parse(GetParam().document));
  ASSERT_FALSE(r.ok()) << GetParam().document;
  EXPECT_EQ(r.status().code(), StatusCode::kValidation);
  EXPECT_NE(r.status().message().find(GetParam().field), std::string::npos) << r.status().message();
}

INSTANTIATE_TEST_SUITE_P(Fields, AfterSalesFloorTest, ::testing::ValuesIn(kNarrowing),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(AfterSalesFloor, WideningIsAccepted) {
  for (const char* doc : {
           R"({"categories": {"fresh_food": {"nature": "ordinary", "no_reason_days": 7}}})",
           R"({"categories": {"phones": {"warranty_days": 730}}})",
           R"({"categories": {"apparel": {"defect_remedy_days": 365, "no_reason_days": 30}}})",
           R"({"categories": {"cakes": {"nature": "customised", "no_reason_days": 0}}})",
           R"({"markets": {"sg": {"cross_border": true, "utc_offset_minutes": 480,
                                  "extend_on_rest_day": false}}})",
           R"({"intercept_in_transit": false})",
       }) {
    auto r = ParseAfterSalesConfig(json::parse(doc));
    EXPECT_TRUE(r.ok()) << doc << ": " << r.status().ToString();
  }
}

// A merchant's entry for a built-in category keeps what the law's table
// says where the entry is silent: phones keep their warranty.
TEST(AfterSalesFloor, BuiltInCategoryInheritsItsStatutoryRules) {
  auto r = ParseAfterSalesConfig(json::parse(R"({"categories": {"phones": {"no_reason_days": 10}}})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  CategoryRules phones = r->policy.RulesFor("phones");
  EXPECT_EQ(phones.no_reason_days, 10);
  EXPECT_EQ(phones.warranty_days, 365);
  EXPECT_TRUE(phones.sanbao);
  CategoryRules beauty = r->policy.RulesFor("beauty");
  EXPECT_TRUE(beauty.seal_is_intact);
}

}  // namespace
}  // namespace kefu
