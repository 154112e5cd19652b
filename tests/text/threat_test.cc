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
        Case{"我要打 1 2 3 1 5 投诉你们", {"12315", "投诉你们"}},
        Case{"我去315晚会曝光你们", {"315", "曝光"}},
        Case{"已经向消協反映了", {"消协"}},
        Case{"找消 费 者 协 会", {"消费者协会"}},
        Case{"去工商局告你们，叫媒体来", {"工商", "媒体"}},
        Case{"我的律師說可以起訴", {"律师", "起诉"}},
        Case{"不退款就投訴到平台", {"投诉到平台"}},
        Case{"不给解决就差*评", {"差评"}},
        Case{"发到黑猫投诉", {"黑猫投诉"}},
        Case{"发微博让大家看看", {"微博"}},
        Case{"拍视频发抖音曝光", {"曝光", "抖音"}},
        Case{"再这样我就投诉你们", {"投诉你们"}},
        // Not threats.
        Case{"我的快递到哪了", {}},
        Case{"用工商银行卡付的款", {}},
        Case{"投诉在线客服态度太差", {}},
        Case{"订单号O-000315", {}}));

struct LevelCase {
  std::vector<std::string> signals;
  const char* want;
};

class ThreatLevelTest : public ::testing::TestWithParam<LevelCase> {};

TEST_P(ThreatLevelTest, TheMostSeriousSignalSetsTheLevel) {
  EXPECT_EQ(ThreatLevelOf(GetParam().signals), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Levels, ThreatLevelTest,
    ::testing::Values(LevelCase{{}, "none"}, LevelCase{{"差评"}, "review"},
                      LevelCase{{"投诉你们"}, "review"}, LevelCase{{"差评", "微博"}, "public"},
                      LevelCase{{"黑猫投诉"}, "public"}, LevelCase{{"曝光", "12315"}, "legal"},
                      LevelCase{{"差评", "律师"}, "legal"}, LevelCase{{"市场监管"}, "legal"},
                      LevelCase{{"no such signal"}, "none"}));

TEST(ThreatLevelTest, EverySignalHasALevel) {
  // A signal added to the list without a level would read as "none".
  for (const char* s : {"12315", "315", "消协", "消费者协会", "工商", "市场监管", "曝光", "媒体",
                        "记者", "律师", "起诉", "法院", "投诉到平台", "平台投诉", "黑猫投诉",
                        "微博", "抖音", "差评", "投诉你们"}) {
    EXPECT_NE(ThreatLevelOfSignal(s), "none") << s;
  }
}

}  // namespace
}  // namespace kefu::text
