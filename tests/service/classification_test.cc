// Two Kefu nodes on one database: a model trained on one is stored, used
// there at once, and picked up by the other's scheduler pass; a restarted
// node starts with it.
#include <gtest/gtest.h>

#include "api/app.h"
#include "service/search_service.h"
#include "testing/temp_dir.h"

namespace kefu {
namespace {

const Actor kManager{"boss", Role::kManager, ""};

struct Node {
  Node(const std::string& db, Clock& clock)
      : store(std::move(OpenSqliteStore({db, 2, &DefaultSearchAnalyzer()})).value()),
        app(*store, clock, {}) {}
  std::string Model() {
    auto a = app.services().text.Analyze(kManager, "我要开发票");
    EXPECT_TRUE(a.ok());
    return a.ok() ? a->model : "";
  }
  std::unique_ptr<Store> store;
  api::App app;
};

TEST(ClassificationTest, AModelTrainedOnOneNodeReachesTheOthers) {
  testing::TempDir dir;
  FakeClock clock(Timestamp{1'800'000'000'000});
  Node a(dir.File("kefu.db"), clock), b(dir.File("kefu.db"), clock);
  EXPECT_EQ(a.Model(), "built-in");
  EXPECT_EQ(b.Model(), "built-in");

  auto report = a.app.services().classification.Train(kManager);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->model, "stored-1");
  EXPECT_GE(report->evaluation.macro_f1, 0.85);
  EXPECT_EQ(a.Model(), "stored-1");
  EXPECT_EQ(b.Model(), "built-in") << "not before its scheduler runs";

  ASSERT_TRUE(b.app.scheduler().RunOnce().ok());
  EXPECT_EQ(b.Model(), "stored-1");
  auto again = b.app.services().classification.PickUpNewerModel();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0) << "nothing newer";

  Node c(dir.File("kefu.db"), clock);  // a restart
  EXPECT_EQ(c.Model(), "stored-1");
  EXPECT_EQ(c.app.services().classification.Train(Actor{"ann", Role::kAgent, ""}).status().code(),
            StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace kefu
