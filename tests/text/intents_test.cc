// The phrases the FAQ bot acts on (text/intents.h), after normalisation.
#include "text/intents.h"

#include <gtest/gtest.h>

#include "text/normalizer.h"

namespace kefu::text {
namespace {

std::string N(const char* s) { return DefaultNormalizer().Normalize(s); }

TEST(IntentsTest, AsksForAPerson) {
  for (const char* yes : {"转人工", "轉人工！", "我要人工客服", "找真人", "人工", "人工？", "Human please"}) {
    EXPECT_TRUE(AsksForPerson(N(yes))) << yes;
  }
  for (const char* no : {"客服说三天发货", "人工费怎么算", "我的快递到哪了", "工人师傅什么时候上门"}) {
    EXPECT_FALSE(AsksForPerson(N(no))) << no;
  }
}

TEST(IntentsTest, DisputeSignalsInTextOrder) {
  EXPECT_EQ(DisputeSignals(N("你們憑什麼拒絕退款")), (std::vector<std::string>{"凭什么", "拒绝退"}));
  EXPECT_EQ(DisputeSignals(N("必须赔偿我的损失，退一赔三")), (std::vector<std::string>{"赔偿", "退一赔三"}));
  EXPECT_EQ(DisputeSignals(N("退款申请被驳回了")), (std::vector<std::string>{"驳回"}));
  EXPECT_TRUE(DisputeSignals(N("怎么申请七天无理由退货")).empty());
  EXPECT_TRUE(DisputeSignals(N("退款什么时候到账")).empty());
}

}  // namespace
}  // namespace kefu::text
