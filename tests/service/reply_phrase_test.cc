// The forbidden-phrase check sees through traditional characters, in the
// reply and in the configured phrase, and through full-width and spaced-out
// writing.
#include <gtest/gtest.h>

#include "service/reply_service.h"

namespace kefu {
namespace {

ConfigSnapshot WithPhrases() {
  ConfigSnapshot cfg;
  cfg.phrases = {{"F-000001", "不归我们管", false, "推卸责任"},
                 {"F-000002", "保證全額賠償", true, "超出权限的承诺"}};
  return cfg;
}

TEST(ReplyPhraseTest, TraditionalRepliesAreHeldLikeSimplifiedOnes) {
  ConfigSnapshot cfg = WithPhrases();
  for (const char* body : {"这个不归我们管", "這個不歸我們管", "這個不 歸*我們 管"}) {
    auto r = CheckOutgoingReply(cfg, body, false);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().reason(), "reply_held") << body;
  }
  EXPECT_TRUE(CheckOutgoingReply(cfg, "這個歸我們管，馬上處理", false).ok());
}

TEST(ReplyPhraseTest, APhraseConfiguredInTraditionalBlocksSimplified) {
  ConfigSnapshot cfg = WithPhrases();
  for (const char* body : {"放心，我们保证全额赔偿", "放心，我們保證全額賠償"}) {
    auto r = CheckOutgoingReply(cfg, body, true);
    ASSERT_FALSE(r.ok()) << body;
    EXPECT_EQ(r.status().reason(), "reply_blocked") << body;
  }
}

}  // namespace
}  // namespace kefu
