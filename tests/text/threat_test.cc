// Escalation signals survive traditional characters, full-width digits and
// spacing tricks; words that merely contain one do not count.
#include <gtest/gtest.h>

#include "text/normalizer.h"
#include "text/threat.h"

namespace kefu::text {
namespace {

struct Case {
  const char* text;
  std::vector<std::string> want;
};

class ThreatTest : public ::testing::TestWithParam<Case> {};

TEST_P(ThreatTest, FindsTheSignals) {
  EXPECT_EQ(FindThreatSignals(DefaultNormalizer().Normalize(GetParam().text)), GetParam().want)
      << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ThreatTest,
    ::testing::Values(
        Case{"再不处理我就打12315", {"12315"}},
        Case{"再不處理我就打１２３１５", {"12315"}},
        Case{"我要打 1 2 3 1 5 投诉你们", {"12315"}},
        Case{"我去315晚会曝光你们", {"315", "曝光"}},
        Case{"已经向消協反映了", {"消协"}},
        Case{"找消 费 者 协 会", {"消费者协会"}},
        Case{"去工商局告你们，叫媒体来", {"工商", "媒体"}},
        Case{"我的律師說可以起訴", {"律师", "起诉"}},
        Case{"不退款就投訴到平台", {"投诉到平台"}},
        Case{"不给解决就差*评", {"差评"}},
        Case{"发到黑猫投诉", {"黑猫投诉"}},
        // Not threats.
        Case{"我的快递到哪了", {}},
        Case{"用工商银行卡付的款", {}},
        Case{"投诉在线客服态度太差", {}},
        Case{"订单号O-000315", {}}));

}  // namespace
}  // namespace kefu::text
