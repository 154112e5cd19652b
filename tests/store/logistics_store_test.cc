// The Store contract for orders' shipments and their tracking events, and
// for what the after-sales jobs keep (open tickets of an order, job marks,
// notifications), run against every backend. The cases belong to the
// AfterSalesStoreTest suite (after_sales_fixture.h), which
// after_sales_store_test.cc instantiates.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/logistics.h"
#include "store/after_sales_fixture.h"
#include "store/store.h"

namespace kefu {
namespace {

// Runs `sql` on a second, raw connection to the file; returns SQLite's
// result code.
int RawExec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE) rc = SQLITE_OK;
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return rc;
}

TEST_P(AfterSalesStoreTest, ShipmentsRoundTripAndAreUniqueByCarrierAndTrackingNumber) {
  Ticket t = AddOrderWithTicket("王芳");
  Shipment s = FullShipment(1, t.order_id, "SF", "SF1001");
  Shipment bare;  // optional instants unset
  bare.id = "S-000002";
  bare.order_id = t.order_id;
  bare.carrier = "ZTO";
  bare.tracking_number = "SF1001";  // same number, another carrier: fine
  bare.created_at = bare.updated_at = Timestamp{61};
  bare.version = 1;
  auto txn = Write();
  ASSERT_TRUE(store_->InsertShipment(*txn, s).ok());
  ASSERT_TRUE(store_->InsertShipment(*txn, bare).ok());
  Shipment dup = FullShipment(3, t.order_id, "SF", "SF1001");
  Status st = store_->InsertShipment(*txn, dup);
  EXPECT_EQ(st.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(st.reason(), "duplicate_shipment");
  EXPECT_EQ(store_->GetShipment(*txn, dup.id).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  ExpectSameShipment(*store_->GetShipment(*r, s.id), s);
  ExpectSameShipment(*store_->GetShipment(*r, bare.id), bare);
  auto found = store_->FindShipment(*r, "SF", "SF1001");
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ExpectSameShipment(*found, s);
  EXPECT_EQ(store_->FindShipment(*r, "ZTO", "SF1001")->id, bare.id);
  EXPECT_EQ(store_->FindShipment(*r, "YTO", "SF1001").status().code(), StatusCode::kNotFound);
}

TEST_P(AfterSalesStoreTest, StaleShipmentUpdatesAreRefusedAndChangeNothing) {
  Ticket t = AddOrderWithTicket("王芳");
  Shipment s = FullShipment(1, t.order_id, "SF", "SF1001");
  s.delivered_at = std::nullopt;
  auto txn = Write();
  ASSERT_TRUE(store_->InsertShipment(*txn, s).ok());
  Shipment u = s;
  u.status = ShipmentStatus::kDelivered;
  u.exception = LogisticsException::kNone;
  u.last_event_at = Timestamp{90};
  u.delivered_at = Timestamp{90};
  u.updated_at = Timestamp{91};
  u.version = s.version + 1;
  Status st = store_->UpdateShipment(*txn, u, s.version - 1);
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(st.reason(), "stale_version");
  ExpectSameShipment(*store_->GetShipment(*txn, s.id), s);
  ASSERT_TRUE(store_->UpdateShipment(*txn, u, s.version).ok());
  EXPECT_EQ(store_->UpdateShipment(*txn, u, s.version).reason(), "stale_version");
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  ExpectSameShipment(*store_->GetShipment(*r, s.id), u);
}

TEST_P(AfterSalesStoreTest, ListShipmentsByOrderOrByCustomerOldestFirst) {
  std::string a = AddCustomer("王芳"), b = AddCustomer("李雷");
  Order a1 = AddOrder(a), bo = AddOrder(b), a2 = AddOrder(a);
  auto txn = Write();
  int n = 0;
  for (const Order* o : {&a1, &bo, &a2, &a1}) {
    ++n;
    ASSERT_TRUE(
        store_->InsertShipment(*txn, FullShipment(n, o->id, "SF", "SF" + std::to_string(n))).ok());
  }
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  using V = std::vector<std::string>;
  EXPECT_EQ(Ids(store_->ListShipments(*r, a1.id)), (V{"S-000001", "S-000004"}));
  EXPECT_EQ(Ids(store_->ListShipments(*r, bo.id)), (V{"S-000002"}));
  EXPECT_EQ(Ids(store_->ListShipments(*r, "", a)), (V{"S-000001", "S-000003", "S-000004"}));
  EXPECT_EQ(Ids(store_->ListShipments(*r, "", b)), (V{"S-000002"}));
  EXPECT_EQ(Ids(store_->ListShipments(*r, "O-000999")), V{});
}

TEST_P(AfterSalesStoreTest, TrackingEventsAreAppendedOnceAndListedByEventTime) {
  Ticket t = AddOrderWithTicket("王芳");
  Shipment s1 = FullShipment(1, t.order_id, "SF", "SF1");
  Shipment s2 = FullShipment(2, t.order_id, "SF", "SF2");
  TrackingEvent e1{"e-1", Timestamp{100}, ShipmentStatus::kInTransit, LogisticsException::kNone,
                   "已揽收", "深圳"};
  TrackingEvent e2{"e-2", Timestamp{200}, ShipmentStatus::kException,
                   LogisticsException::kDelayed, "天气原因延误", "武汉"};
  TrackingEvent e3{"e-3", Timestamp{300}, ShipmentStatus::kDelivered, LogisticsException::kNone,
                   "已签收", "北京"};
  {
    auto txn = Write();
    ASSERT_TRUE(store_->InsertShipment(*txn, s1).ok());
    ASSERT_TRUE(store_->InsertShipment(*txn, s2).ok());
    for (const TrackingEvent* e : {&e3, &e1, &e2}) {  // not in event-time order
      auto fresh = store_->AppendTrackingEvent(*txn, s1, *e, Timestamp{400});
      ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
      EXPECT_TRUE(*fresh) << e->event_id;
    }
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto txn = Write();
  TrackingEvent again = e1;  // the carrier resends e-1 with other data
  again.at = Timestamp{50};
  again.description = "重复推送";
  auto fresh = store_->AppendTrackingEvent(*txn, s1, again, Timestamp{500});
  ASSERT_TRUE(fresh.ok());
  EXPECT_FALSE(*fresh);
  // The same event id on another shipment is another event.
  EXPECT_TRUE(*store_->AppendTrackingEvent(*txn, s2, e1, Timestamp{500}));
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  EXPECT_EQ(Describe(store_->ListTrackingEvents(*r, s1.id)),
            (std::vector<std::string>{"e-1@100:in_transit/none:已揽收:深圳",
                                      "e-2@200:exception/delayed:天气原因延误:武汉",
                                      "e-3@300:delivered/none:已签收:北京"}));
  EXPECT_EQ(Describe(store_->ListTrackingEvents(*r, s2.id)),
            (std::vector<std::string>{"e-1@100:in_transit/none:已揽收:深圳"}));
}

// Like ticket events and the audit log (sqlite_store_test.cc), tracking
// events cannot be rewritten even through another connection to the file.
// Needs a database file that a second connection can open: file backend only.
class AfterSalesFileStoreTest : public AfterSalesStoreTest {};
INSTANTIATE_TEST_SUITE_P(FileBackend, AfterSalesFileStoreTest,
                         ::testing::Values(Backend::kSqliteFile));

TEST_P(AfterSalesFileStoreTest, TrackingEventsAreAppendOnly) {
  Ticket t = AddOrderWithTicket("王芳");
  Shipment s = FullShipment(1, t.order_id, "SF", "SF1");
  TrackingEvent e{"e-1", Timestamp{100}, ShipmentStatus::kInTransit, LogisticsException::kNone,
                  "已揽收", "深圳"};
  {
    auto txn = Write();
    ASSERT_TRUE(store_->InsertShipment(*txn, s).ok());
    ASSERT_TRUE(*store_->AppendTrackingEvent(*txn, s, e, Timestamp{101}));
    ASSERT_TRUE(txn->Commit().ok());
  }
  std::string path = dir_.File("kefu.db");
  // The second connection works; only rewriting history is refused (by the
  // schema's triggers, a constraint error).
  ASSERT_EQ(RawExec(path, "SELECT COUNT(*) FROM tracking_events"), SQLITE_OK);
  EXPECT_EQ(RawExec(path, "UPDATE tracking_events SET description = 'x'"), SQLITE_CONSTRAINT);
  EXPECT_EQ(RawExec(path, "UPDATE tracking_events SET status = 'delivered', at = 1"),
            SQLITE_CONSTRAINT);
  EXPECT_EQ(RawExec(path, "DELETE FROM tracking_events"), SQLITE_CONSTRAINT);
  EXPECT_EQ(RawExec(path, "DELETE FROM tracking_events WHERE event_id = 'e-1'"),
            SQLITE_CONSTRAINT);
  auto r = Read();
  EXPECT_EQ(Describe(store_->ListTrackingEvents(*r, s.id)),
            (std::vector<std::string>{"e-1@100:in_transit/none:已揽收:深圳"}));
}

TEST_P(AfterSalesStoreTest, OpenTicketsForAnOrderExcludeResolvedAndClosedOldestFirst) {
  std::string c = AddCustomer("王芳");
  Order o = AddOrder(c), other = AddOrder(c);
  using S = TicketStatus;
  Ticket t1 = AddOrderTicket(c, o.id, S::kNew);
  AddOrderTicket(c, o.id, S::kResolved);
  Ticket t3 = AddOrderTicket(c, o.id, S::kOpen);
  AddOrderTicket(c, o.id, S::kClosed);
  Ticket t5 = AddOrderTicket(c, o.id, S::kPendingCustomer);
  Ticket t6 = AddOrderTicket(c, o.id, S::kPendingThirdParty);
  AddOrderTicket(c, other.id, S::kOpen);
  AddTicket(c);  // about no order
  auto r = Read();
  using V = std::vector<std::string>;
  EXPECT_EQ(Ids(store_->ListOpenTicketsForOrder(*r, o.id)), (V{t1.id, t3.id, t5.id, t6.id}));
  EXPECT_EQ(Ids(store_->ListOpenTicketsForOrder(*r, "O-000999")), V{});
}

TEST_P(AfterSalesStoreTest, MarksAreSetOnce) {
  {
    auto txn = Write();
    EXPECT_TRUE(*store_->MarkOnce(*txn, "carrier_followup:S-000001:1", Timestamp{1}));
    EXPECT_FALSE(*store_->MarkOnce(*txn, "carrier_followup:S-000001:1", Timestamp{2}));
    EXPECT_TRUE(*store_->MarkOnce(*txn, "refund_overdue:A-000001", Timestamp{2}));
    ASSERT_TRUE(txn->Commit().ok());
  }
  {
    auto txn = Write();  // rolled back: not marked
    EXPECT_FALSE(*store_->MarkOnce(*txn, "refund_overdue:A-000001", Timestamp{3}));
    EXPECT_TRUE(*store_->MarkOnce(*txn, "refund_overdue:A-000002", Timestamp{3}));
  }
  auto txn = Write();
  EXPECT_FALSE(*store_->MarkOnce(*txn, "carrier_followup:S-000001:1", Timestamp{4}));
  EXPECT_TRUE(*store_->MarkOnce(*txn, "refund_overdue:A-000002", Timestamp{4}));
}

TEST_P(AfterSalesStoreTest, NotificationsAreListedPerLoginNewestFirst) {
  Ticket t = AddOrderWithTicket("王芳");
  std::vector<Notification> ns = {
      {0, "li.na", t.id, "shipment_delivered", "包裹已签收", Timestamp{10}},
      {0, "zhao.lei", t.id, "approval_pending", "待审批", Timestamp{11}},
      {0, "li.na", "", "carrier_followup", "请催促承运商", Timestamp{12}},
      {0, "li.na", t.id, "shipment_lost", "包裹丢失", Timestamp{13}},
  };
  {
    auto txn = Write();
    for (auto& n : ns) ASSERT_TRUE(store_->AppendNotification(*txn, n).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_GT(ns[0].seq, 0);
  for (size_t i = 1; i < ns.size(); ++i) EXPECT_GT(ns[i].seq, ns[i - 1].seq);
  auto r = Read();
  auto seqs = [&](const std::string& login, int64_t before, int limit) {
    std::vector<int64_t> out;
    auto listed = store_->ListNotifications(*r, login, before, limit);
    if (!listed.ok()) return std::vector<int64_t>{-1};
    for (const auto& n : *listed) out.push_back(n.seq);
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(seqs("li.na", 0, 10), (V{ns[3].seq, ns[2].seq, ns[0].seq}));
  EXPECT_EQ(seqs("li.na", 0, 2), (V{ns[3].seq, ns[2].seq}));
  EXPECT_EQ(seqs("li.na", ns[2].seq, 10), (V{ns[0].seq}));
  EXPECT_EQ(seqs("zhao.lei", 0, 10), (V{ns[1].seq}));
  EXPECT_EQ(seqs("wang.qiang", 0, 10), V{});
  auto got = *store_->ListNotifications(*r, "li.na", 0, 10);
  ASSERT_EQ(got.size(), 3u);
  for (size_t i = 0; i < got.size(); ++i) {
    const Notification& want = ns[i == 0 ? 3 : i == 1 ? 2 : 0];
    EXPECT_EQ(got[i].login, want.login);
    EXPECT_EQ(got[i].ticket_id, want.ticket_id);
    EXPECT_EQ(got[i].kind, want.kind);
    EXPECT_EQ(got[i].body, want.body);
    EXPECT_EQ(got[i].at.unix_ms, want.at.unix_ms);
  }
}

}  // namespace
}  // namespace kefu
