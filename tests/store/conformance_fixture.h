// The fixture of the Store conformance suite, shared by its test files
// (store_conformance_test.cc, after_sales_store_test.cc): a fresh store per
// test on every backend, and helpers that add customers, orders and tickets.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/ticket_rules.h"
#include "service/search_service.h"
#include "store/store.h"
#include "testing/temp_dir.h"

namespace kefu {

enum class Backend { kSqliteFile, kSqliteMemory };

class StoreConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string path = GetParam() == Backend::kSqliteFile ? dir_.File("kefu.db") : ":memory:";
    auto s = OpenSqliteStore({path, 2, &DefaultSearchAnalyzer()});
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
  }

  std::unique_ptr<Txn> Write() { return std::move(store_->Begin(TxnMode::kWrite)).value(); }
  std::unique_ptr<Txn> Read() { return std::move(store_->Begin(TxnMode::kRead)).value(); }

  std::string AddCustomer(const std::string& name) {
    auto txn = Write();
    int64_t seq = *store_->NextSeq(*txn, 'C');
    Customer c{FormatId('C', seq), name, "13800138000", "", Tier::kVip, Timestamp{1}};
    EXPECT_TRUE(store_->InsertCustomer(*txn, c).ok());
    EXPECT_TRUE(txn->Commit().ok());
    return c.id;
  }

  Ticket AddTicket(const std::string& customer, std::vector<std::string> tags = {},
                   Priority p = Priority::kP3) {
    auto txn = Write();
    int64_t seq = *store_->NextSeq(*txn, 'T');
    NewTicket n;
    n.subject = "工单" + std::to_string(seq);
    n.customer_id = customer;
    n.tags = std::move(tags);
    n.priority = p;
    // Opened by the customer: no owner yet (staff who open one own it).
    auto c = OpenTicket(n, FormatId('T', seq), Actor{"buyer", Role::kCustomer, customer},
                        Timestamp{seq});
    EXPECT_TRUE(c.ok());
    EXPECT_TRUE(store_->InsertTicket(*txn, c->ticket).ok());
    EXPECT_TRUE(store_->AppendEvents(*txn, c->events).ok());
    EXPECT_TRUE(txn->Commit().ok());
    return c->ticket;
  }

  // An order of `customer` with one line (2 x 99.00 yuan), created at 5 and
  // paid at `paid_at`.
  Order AddOrder(const std::string& customer, std::optional<Timestamp> paid_at = Timestamp{10},
                 std::optional<Timestamp> shipped_at = std::nullopt) {
    auto txn = Write();
    Order o;
    o.id = FormatId('O', *store_->NextSeq(*txn, 'O'));
    o.customer_id = customer;
    o.items = {{"SKU-1", "保温杯", 2, 9900, "", false}};
    o.paid_at = paid_at;
    o.shipped_at = shipped_at;
    o.created_at = Timestamp{5};
    EXPECT_TRUE(store_->InsertOrder(*txn, o).ok());
    EXPECT_TRUE(txn->Commit().ok());
    return o;
  }

  // A ticket of `customer` about `order_id`, moved to `status`.
  Ticket AddOrderTicket(const std::string& customer, const std::string& order_id,
                        TicketStatus status = TicketStatus::kNew) {
    auto txn = Write();
    int64_t seq = *store_->NextSeq(*txn, 'T');
    Ticket t;
    t.id = FormatId('T', seq);
    t.subject = "订单问题" + std::to_string(seq);
    t.customer_id = customer;
    t.order_id = order_id;
    t.status = status;
    t.created_at = t.updated_at = Timestamp{seq};
    t.version = 1;
    EXPECT_TRUE(store_->InsertTicket(*txn, t).ok());
    EXPECT_TRUE(txn->Commit().ok());
    return t;
  }

  ::kefu::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace kefu
