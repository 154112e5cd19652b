// Store conformance: training records (store.h, "Training records").
#include "store/conformance_fixture.h"

namespace kefu {
namespace {

class TrainingStoreTest : public StoreConformanceTest {
 protected:
  TrainingRecord Add(const std::string& kind, const std::string& id, const std::string& owner,
                     const std::string& ref, const std::string& status, int64_t at = 1000) {
    TrainingRecord r{kind, id, owner, ref, status, "{\"id\":\"" + id + "\"}", 0, 0, Timestamp{at}, Timestamp{at}};
    auto txn = Write();
    Status st = store_->InsertTrainingRecord(*txn, r);
    EXPECT_TRUE(st.ok()) << st.ToString();
    EXPECT_TRUE(txn->Commit().ok());
    return r;
  }
  std::vector<std::string> Ids(const TrainingFilter& f) {
    auto txn = Read();
    auto rows = store_->ListTrainingRecords(*txn, f);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.id);
    return out;
  }
};

TEST_P(TrainingStoreTest, InsertGetAndDuplicates) {
  TrainingRecord a = Add("attempt", "W-000001", "li.na", "E-000001", "in_progress", 5000);
  EXPECT_GT(a.seq, 0);
  EXPECT_EQ(a.version, 1);
  auto txn = Write();
  auto got = store_->GetTrainingRecord(*txn, "attempt", "W-000001");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->owner, "li.na");
  EXPECT_EQ(got->ref, "E-000001");
  EXPECT_EQ(got->status, "in_progress");
  EXPECT_EQ(got->body, "{\"id\":\"W-000001\"}");
  EXPECT_EQ(got->version, 1);
  EXPECT_EQ(got->created_at.unix_ms, 5000);
  // The same id in another kind is another record; in the same kind it is refused.
  TrainingRecord other{"exam", "W-000001", "", "", "", "{}", 0, 0, Timestamp{1}, Timestamp{1}};
  EXPECT_TRUE(store_->InsertTrainingRecord(*txn, other).ok());
  TrainingRecord dup{"attempt", "W-000001", "x", "", "", "{}", 0, 0, Timestamp{1}, Timestamp{1}};
  Status st = store_->InsertTrainingRecord(*txn, dup);
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(st.reason(), "duplicate_id");
  EXPECT_EQ(store_->GetTrainingRecord(*txn, "attempt", "W-000002").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->GetTrainingRecord(*txn, "attempt", "W-000001")->owner, "li.na");
}

TEST_P(TrainingStoreTest, UpdatesAreVersioned) {
  Add("attempt", "W-000001", "li.na", "E-000001", "in_progress");
  auto txn = Write();
  TrainingRecord r{"attempt", "W-000001", "li.na", "E-000001", "graded", "{\"score\":9}", 0, 0,
                   Timestamp{1}, Timestamp{7000}};
  ASSERT_TRUE(store_->UpdateTrainingRecord(*txn, r, 1).ok());
  EXPECT_EQ(r.version, 2);
  Status stale = store_->UpdateTrainingRecord(*txn, r, 1);
  EXPECT_EQ(stale.code(), StatusCode::kAborted);
  EXPECT_EQ(stale.reason(), "stale_version");
  TrainingRecord missing = r;
  missing.id = "W-000009";
  EXPECT_EQ(store_->UpdateTrainingRecord(*txn, missing, 1).code(), StatusCode::kNotFound);
  auto got = store_->GetTrainingRecord(*txn, "attempt", "W-000001");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, "graded");
  EXPECT_EQ(got->body, "{\"score\":9}");
  EXPECT_EQ(got->version, 2);
  EXPECT_EQ(got->created_at.unix_ms, 1000);  // kept from the insert
  EXPECT_EQ(got->updated_at.unix_ms, 7000);
}

TEST_P(TrainingStoreTest, ListsFilterAndPage) {
  Add("attempt", "W-1", "li.na", "E-1", "graded");
  Add("attempt", "W-2", "zhao.lei", "E-1", "in_progress");
  Add("attempt", "W-3", "li.na", "E-2", "in_progress");
  Add("attempt", "W-4", "li.na", "E-1", "in_progress");
  Add("certificate", "Z-1", "li.na", "售后政策认证", "issued");
  EXPECT_EQ(Ids({.kind = "attempt"}), (std::vector<std::string>{"W-4", "W-3", "W-2", "W-1"}));
  EXPECT_EQ(Ids({.kind = "attempt", .oldest_first = true}),
            (std::vector<std::string>{"W-1", "W-2", "W-3", "W-4"}));
  EXPECT_EQ(Ids({.kind = "attempt", .owner = "li.na"}), (std::vector<std::string>{"W-4", "W-3", "W-1"}));
  EXPECT_EQ(Ids({.kind = "attempt", .owner = "li.na", .ref = "E-1"}), (std::vector<std::string>{"W-4", "W-1"}));
  EXPECT_EQ(Ids({.kind = "attempt", .ref = "E-1", .status = "in_progress"}),
            (std::vector<std::string>{"W-4", "W-2"}));
  EXPECT_EQ(Ids({.kind = "certificate", .ref = "售后政策认证"}), (std::vector<std::string>{"Z-1"}));
  EXPECT_TRUE(Ids({.kind = "interview"}).empty());
  // Pages: newest first below a cursor, oldest first above it.
  int64_t cursor = 0;
  {
    auto txn = Read();
    auto first = store_->ListTrainingRecords(*txn, {.kind = "attempt", .limit = 2});
    ASSERT_TRUE(first.ok());
    ASSERT_EQ(first->size(), 2u);
    cursor = first->back().seq;
  }
  EXPECT_EQ(Ids({.kind = "attempt", .before_seq = cursor, .limit = 2}), (std::vector<std::string>{"W-2", "W-1"}));
  EXPECT_EQ(Ids({.kind = "attempt", .before_seq = cursor, .limit = 5, .oldest_first = true}),
            (std::vector<std::string>{"W-4"}));
}

TEST_P(TrainingStoreTest, UncommittedRecordsRollBack) {
  {
    auto txn = Write();
    TrainingRecord r{"paper", "X-000001", "chen.jie", "exam", "active", "{}", 0, 0, Timestamp{1}, Timestamp{1}};
    ASSERT_TRUE(store_->InsertTrainingRecord(*txn, r).ok());
  }
  auto txn = Read();
  EXPECT_EQ(store_->GetTrainingRecord(*txn, "paper", "X-000001").status().code(), StatusCode::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, TrainingStoreTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory),
                         [](const auto& info) {
                           return info.param == Backend::kSqliteFile ? "SqliteFile" : "SqliteMemory";
                         });

}  // namespace
}  // namespace kefu
