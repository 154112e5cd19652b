// Benchmarks of the after-sales work (docs/performance.md, "After-sales").
// There are no targets for these; the figures are recorded as measured.
//   BM_DecideAfterSales/<case>   DecideAfterSales, one decision, with a policy of 20
//                                goods categories and 3 markets (cn, hk, us)
//   BM_CarrierUpdate/<kind>      LogisticsService::ApplyCarrierUpdate on a SQLite file:
//     change      a fresh event that changes the shipment's status: the shipment, its
//                 tracking event, and a shipment event (with the SLA index) on the open
//                 ticket about the order
//     scan        a fresh event with the same status (another hub's scan): the shipment
//                 and its tracking event only; no ticket is touched
//     duplicate   an event id seen before: nothing is written (idempotent path)
//   BM_RefundPath                AfterSalesService::Open, then Move through approved,
//                                awaiting_return_shipment, received, inspected and
//                                refunded: six write transactions per request
// The service benchmarks share one database, built once (not timed) in a fresh
// directory under $TMPDIR (default /tmp) and removed at exit: 1,000 customers,
// the demo's configuration (teams, SLA policy, agents) with the benchmark's
// after-sales policy, and KEFU_BENCH_AFTER_SALES_ORDERS (default 10,000) orders of
// each of two kinds, each with one shipment and one open ticket:
//   in transit  shipped two days ago, one pickup event; the ticket (team logistics,
//               zhao.lei) waits on the carrier (pending_third_party)
//   delivered   delivered three days ago; the ticket (team after-sales, li.na) is open,
//               the customer asking to send the goods back
// The services are wired by api::App, as `kefu serve` wires them (its scheduler is
// not started). The store is opened as `kefu serve` opens it and kept open, so the
// database grows as the benchmarks write (events, requests, audit rows).
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "api/app.h"
#include "bench_util.h"
#include "core/after_sales_policy.h"
#include "core/ticket_rules.h"
#include "config/after_sales_config.h"
#include "service/after_sales_service.h"
#include "service/config_service.h"
#include "service/demo_data.h"
#include "service/logistics_service.h"
#include "service/sla_service.h"
#include "service/ticket_service.h"
#include "store/store.h"

namespace kefu {
namespace {

using nlohmann::json;

using bench::At;
using bench::Check;
using bench::Must;

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;

// ----------------------------------------------------------------- policy

// 20 goods categories, as a general store would configure them: most are
// ordinary goods with the statutory windows (some more generous), and the
// statutory exclusions (customised, perishable, digital, media, periodicals).
AfterSalesPolicy BenchPolicy() {
  AfterSalesPolicy p;
  auto with = [](GoodsNature n, int warranty_days) {
    CategoryRules r;
    r.nature = n;
    r.warranty_days = warranty_days;
    return r;
  };
  using N = GoodsNature;
  p.categories["phones"] = with(N::kOrdinary, 365);
  p.categories["laptops"] = with(N::kOrdinary, 730);
  p.categories["tablets"] = with(N::kOrdinary, 365);
  p.categories["headphones"] = with(N::kOrdinary, 365);
  p.categories["cameras"] = with(N::kOrdinary, 365);
  p.categories["home_appliances"] = with(N::kOrdinary, 1095);
  p.categories["kitchenware"] = with(N::kOrdinary, 180);
  p.categories["furniture"] = with(N::kOrdinary, 365);
  p.categories["toys"] = with(N::kOrdinary, 90);
  p.categories["books"] = with(N::kOrdinary, 0);
  p.categories["beauty"] = with(N::kOrdinary, 0);
  p.categories["tea"] = with(N::kOrdinary, 0);
  CategoryRules apparel = with(N::kOrdinary, 0);
  apparel.no_reason_days = 15;
  apparel.merchant_pays_no_reason_shipping = true;
  p.categories["apparel"] = apparel;
  p.categories["shoes"] = apparel;
  p.categories["custom_furniture"] = with(N::kCustomised, 365);
  p.categories["custom_print"] = with(N::kCustomised, 0);
  p.categories["fresh_food"] = with(N::kPerishable, 0);
  p.categories["ebooks"] = with(N::kDigitalDownload, 0);
  p.categories["software"] = with(N::kAudioVisualSoftware, 0);
  p.categories["magazines"] = with(N::kPeriodical, 0);
  p.markets["cn"] = MarketRules{};
  p.markets["hk"] = MarketRules{true, 7, Payer::kBuyer, 480};
  p.markets["us"] = MarketRules{true, 30, Payer::kMerchant, -300};
  Check(ValidateAfterSalesPolicy(p), "bench policy");
  return p;
}

// Categories whose goods may be returned without a reason (while sealed).
const std::vector<std::string> kReturnable = {
    "phones", "laptops", "tablets", "headphones", "cameras", "home_appliances", "kitchenware",
    "furniture", "toys", "books", "beauty", "tea", "apparel", "shoes"};
const std::vector<std::string> kExcluded = {"custom_furniture", "custom_print", "fresh_food",
                                            "ebooks", "magazines"};

enum class Case { kNoReasonInWindow, kWindowPassed, kExcluded, kFault, kCrossBorder };

const Timestamp kDecideNow = At("2026-03-05T12:00:00+08:00");

// One request of `c`; `i` varies the category, price and day within the case.
PolicyInput MakeInput(Case c, int64_t i) {
  PolicyInput in;
  in.kind = AfterSalesKind::kReturnRefund;
  in.reason = AfterSalesReason::kNoReason;
  in.goods_category = kReturnable[static_cast<size_t>(i) % kReturnable.size()];
  in.now = kDecideNow;
  int64_t days_ago = 1 + i % 6;  // within every no-reason window
  in.unit_price_fen = 1990 + 1000 * (i % 50);
  in.quantity = 1;
  in.line_quantity = 1 + i % 3;
  switch (c) {
    case Case::kNoReasonInWindow:
      break;
    case Case::kWindowPassed:
      days_ago = 16 + i % 10;  // past apparel's 15 days too
      break;
    case Case::kExcluded:
      in.goods_category = kExcluded[static_cast<size_t>(i) % kExcluded.size()];
      break;
    case Case::kFault:
      in.reason = i % 2 == 0 ? AfterSalesReason::kQualityFault : AfterSalesReason::kNotAsDescribed;
      in.kind = i % 3 == 0 ? AfterSalesKind::kExchange : AfterSalesKind::kReturnRefund;
      break;
    case Case::kCrossBorder:
      in.market = i % 2 == 0 ? "hk" : "us";
      break;
  }
  in.delivered_at = Timestamp{kDecideNow.unix_ms - days_ago * kDay - 2 * kHour};
  in.shipped_at = Timestamp{in.delivered_at->unix_ms - 2 * kDay};
  return in;
}

// The rule each case is expected to reach (checked before timing).
bool RuleFits(Case c, const PolicyDecision& d) {
  switch (c) {
    case Case::kNoReasonInWindow:
    case Case::kCrossBorder:
      return d.eligible && d.rule == "no_reason_return";
    case Case::kWindowPassed:
      return !d.eligible && d.rule == "no_reason_window_passed";
    case Case::kExcluded:
      return !d.eligible && d.rule.rfind("excluded_", 0) == 0;
    case Case::kFault:
      return d.eligible && (d.rule == "fault_return" || d.rule == "fault_exchange");
  }
  return false;
}

constexpr size_t kInputPool = 4096;  // a power of two

// A pool of inputs of one case, or (mix) of all five in the proportions a
// service desk might see: 40% no-reason within the window, 15% past it, 10%
// excluded goods, 25% faults, 10% cross-border.
std::vector<PolicyInput> MakeInputs(const AfterSalesPolicy& policy, std::optional<Case> only) {
  std::mt19937_64 rng(11);
  std::vector<PolicyInput> out;
  for (size_t i = 0; i < kInputPool; ++i) {
    Case c;
    if (only) {
      c = *only;
    } else {
      int r = static_cast<int>(rng() % 100);
      c = r < 40 ? Case::kNoReasonInWindow
          : r < 55 ? Case::kWindowPassed
          : r < 65 ? Case::kExcluded
          : r < 90 ? Case::kFault
                   : Case::kCrossBorder;
    }
    PolicyInput in = MakeInput(c, static_cast<int64_t>(rng() % 1000));
    PolicyDecision d = DecideAfterSales(policy, in);
    if (!RuleFits(c, d)) {
      std::fprintf(stderr, "decide: case %d gave %s\n", static_cast<int>(c), d.rule.c_str());
      std::abort();
    }
    out.push_back(std::move(in));
  }
  return out;
}

// One decision, cycling through 4,096 prepared inputs. Each decision also
// writes its explanation in Chinese and English (with the window's last day
// as a local date), which is most of its work.
void BM_DecideAfterSales(benchmark::State& state, std::optional<Case> only) {
  const AfterSalesPolicy policy = BenchPolicy();
  const std::vector<PolicyInput> inputs = MakeInputs(policy, only);
  size_t i = 0;
  int64_t eligible = 0;
  for (auto _ : state) {
    PolicyDecision d = DecideAfterSales(policy, inputs[i++ & (kInputPool - 1)]);
    eligible += d.eligible;
    benchmark::DoNotOptimize(d);
  }
  state.counters["eligible_pct"] = 100.0 * static_cast<double>(eligible) /
                                   static_cast<double>(std::max<int64_t>(1, state.iterations()));
}
BENCHMARK_CAPTURE(BM_DecideAfterSales, mix, std::nullopt);
BENCHMARK_CAPTURE(BM_DecideAfterSales, no_reason_in_window, Case::kNoReasonInWindow);
BENCHMARK_CAPTURE(BM_DecideAfterSales, window_passed, Case::kWindowPassed);
BENCHMARK_CAPTURE(BM_DecideAfterSales, excluded, Case::kExcluded);
BENCHMARK_CAPTURE(BM_DecideAfterSales, fault, Case::kFault);
BENCHMARK_CAPTURE(BM_DecideAfterSales, cross_border, Case::kCrossBorder);

// ------------------------------------------------------------ the database

constexpr int kCustomers = 1000;
constexpr int kLoadBatch = 1000;
const Actor kAdmin{"admin", Role::kAdmin, ""};
const Actor kLogisticsAgent{"zhao.lei", Role::kAgent, ""};
const Actor kAfterSalesAgent{"li.na", Role::kAgent, ""};

int64_t OrdersPerKind() {
  const char* s = std::getenv("KEFU_BENCH_AFTER_SALES_ORDERS");
  return s && *s ? std::max<int64_t>(100, std::atoll(s)) : 10'000;
}

std::string TrackingNumber(int64_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "SF%012lld", static_cast<long long>(1'400'000'000 + i));
  return buf;
}

// What the benchmarks know of each in-transit shipment, to make the next
// event fresh (a new id, a later time) and choose its status.
struct Parcel {
  std::string tracking_number;
  int64_t pickup_at_ms = 0;
  int64_t last_at_ms = 0;
  int events = 1;        // the pickup event
  bool delayed = false;  // status exception/delayed, else in_transit
};

// The open ticket about a delivered order (whose line 1 is asked for).
struct Purchase {
  std::string ticket_id;
  std::string customer_id;
};

class DeskDb {
 public:
  DeskDb() {
    dir_ = bench::MakeTempDir("kefu-after-sales-bench");
    path_ = dir_ + "/desk.db";
    orders_ = OrdersPerKind();
    auto t0 = std::chrono::steady_clock::now();
    store_ = Must(OpenSqliteStore({path_, 4}), "open");
    app_ = std::make_unique<api::App>(*store_, clock_, api::AppOptions{});
    Build();
    setup_s_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "after_sales_bench: built %lld in-transit and %lld delivered orders in %.1f s, "
                 "%.0f MB\n",
                 static_cast<long long>(orders_), static_cast<long long>(orders_), setup_s_,
                 static_cast<double>(DiskBytes()) / 1e6);
  }
  ~DeskDb() {
    app_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // The database and its WAL.
  int64_t DiskBytes() const { return bench::DatabaseBytes(path_); }
  LogisticsService& logistics() { return app_->services().logistics; }
  AfterSalesService& after_sales() { return app_->services().after_sales; }
  std::vector<Parcel>& parcels() { return parcels_; }
  const std::vector<Purchase>& purchases() const { return purchases_; }
  size_t& next_purchase() { return next_purchase_; }
  int64_t orders() const { return orders_; }
  double setup_s() const { return setup_s_; }

 private:
  // The demo's configuration bundle, its after-sales policy replaced by
  // BenchPolicy(); the users it names.
  void Configure() {
    Timestamp now = clock_.Now();
    auto txn = Must(store_->Begin(TxnMode::kWrite), "begin");
    const std::pair<const char*, Role> users[] = {
        {"admin", Role::kAdmin},    {"wang.min", Role::kManager}, {"chen.jie", Role::kLead},
        {"li.na", Role::kAgent},    {"zhao.lei", Role::kAgent},   {"sun.li", Role::kAgent}};
    for (const auto& [login, role] : users) {
      Must(store_->InsertUser(*txn, User{0, login, login, role, "", true}, "x", now), "user");
    }
    int64_t first = Must(store_->ReserveSeqs(*txn, 'C', kCustomers), "seqs");
    for (int i = 0; i < kCustomers; ++i) {
      Customer c;
      c.id = FormatId('C', first + i);
      c.name = "客户" + std::to_string(i);
      c.tier = i % 20 == 0 ? Tier::kVip : Tier::kNormal;
      c.created_at = Timestamp{now.unix_ms - 400 * kDay};
      Check(store_->InsertCustomer(*txn, c), "customer");
    }
    Check(txn->Commit(), "commit");
    json bundle = json::parse(EmbeddedDemoConfigJson());
    AfterSalesConfig as = Must(ParseAfterSalesConfig(bundle["after_sales"]), "after_sales");
    as.policy = BenchPolicy();
    bundle["after_sales"] = json::parse(AfterSalesConfigToJson(as).dump());
    Check(app_->config().ApplyBundle(kAdmin, bundle), "config");
  }

  // Order i of a kind, its shipment, and its ticket (decided by the core's
  // own commands, stored as the services store them, with its SLA index).
  void AddOrder(Txn& txn, const ConfigSnapshot& cfg, int64_t i, bool delivered,
                const std::string& order_id, const std::string& shipment_id,
                const std::string& ticket_id, Timestamp now) {
    const int64_t k = delivered ? orders_ + i : i;
    Order o;
    o.id = order_id;
    o.customer_id = FormatId('C', 1 + k % kCustomers);
    const std::string& category = kReturnable[static_cast<size_t>(i) % kReturnable.size()];
    o.items.push_back(OrderItem{"SKU-" + std::to_string(100000 + i % 5000), "商品 " + category,
                                1 + i % 2, 1990 + 1000 * (i % 50), category, false});
    o.market = delivered && i % 10 == 0 ? "hk" : "cn";
    o.created_at = Timestamp{now.unix_ms - 4 * kDay};
    o.paid_at = Timestamp{o.created_at.unix_ms + kMinute};
    o.shipped_at = Timestamp{now.unix_ms - (delivered ? 5 : 2) * kDay};
    if (delivered) o.delivered_at = Timestamp{now.unix_ms - 3 * kDay};
    o.carrier = "SF";
    o.tracking_number = TrackingNumber(k);
    Check(store_->InsertOrder(txn, o), "order");

    Shipment s;
    s.id = shipment_id;
    s.order_id = o.id;
    s.carrier = o.carrier;
    s.tracking_number = o.tracking_number;
    s.status = delivered ? ShipmentStatus::kDelivered : ShipmentStatus::kInTransit;
    s.delivered_at = o.delivered_at;
    s.created_at = *o.shipped_at;
    s.updated_at = Timestamp{o.shipped_at->unix_ms + kHour};
    s.last_event_at = delivered ? *o.delivered_at : Timestamp{o.shipped_at->unix_ms + kHour};
    s.version = 2;
    Check(store_->InsertShipment(txn, s), "shipment");
    TrackingEvent pickup;
    pickup.event_id = o.tracking_number + "-1";
    pickup.at = Timestamp{o.shipped_at->unix_ms + kHour};
    pickup.status = ShipmentStatus::kInTransit;
    pickup.description = "快件已揽收";
    pickup.location = "深圳";
    Must(store_->AppendTrackingEvent(txn, s, pickup, s.updated_at), "pickup");

    NewTicket n;
    n.customer_id = o.customer_id;
    n.order_id = o.id;
    n.channel = static_cast<Channel>(i % (static_cast<int>(Channel::kApi) + 1));
    const Actor& agent = delivered ? kAfterSalesAgent : kLogisticsAgent;
    if (delivered) {
      n.subject = "申请退货退款 #" + std::to_string(i);
      n.body = "您好，收到的商品不太合适，想申请退货退款，包装还没拆。";
      n.category = "return_refund_request";
      n.team = "after-sales";
    } else {
      n.subject = "快递两天没有更新物流信息 #" + std::to_string(i);
      n.body = "您好，订单显示已发货，但物流信息两天没有更新了，麻烦帮忙查一下。";
      n.category = "logistics_delay";
      n.team = "logistics";
    }
    Timestamp opened{now.unix_ms - (delivered ? 2 : 1) * kDay};
    Change c = Must(OpenTicket(n, ticket_id, agent, opened), "open ticket");
    Timestamp replied{opened.unix_ms + 10 * kMinute};
    Check(Chain(c, AddMessage(c.ticket, agent,
                              delivered ? "您好，已收到您的退货申请，请在页面提交售后单。"
                                        : "您好，已联系快递公司核实，有消息第一时间通知您。",
                              false, replied)),
          "reply");
    if (!delivered) {
      Check(Chain(c, Transition(c.ticket, agent, TicketStatus::kPendingThirdParty,
                                "等待快递公司回复", Timestamp{replied.unix_ms + kMinute})),
            "pending");
    }
    Tier tier = (k % kCustomers) % 20 == 0 ? Tier::kVip : Tier::kNormal;  // as in Configure()
    SlaIndex ix = SlaService::EvaluateWith(cfg, c.ticket, c.events, {}, tier, now).index;
    Check(SaveChange(*store_, txn, c, /*is_new=*/true, nullptr, &ix), "save ticket");

    if (delivered) {
      purchases_.push_back(Purchase{ticket_id, o.customer_id});
    } else {
      parcels_.push_back(Parcel{o.tracking_number, pickup.at.unix_ms, pickup.at.unix_ms});
    }
  }

  void Build() {
    Configure();
    Timestamp now = clock_.Now();
    for (bool delivered : {false, true}) {
      for (int64_t start = 0; start < orders_; start += kLoadBatch) {
        int64_t n = std::min<int64_t>(kLoadBatch, orders_ - start);
        auto txn = Must(store_->Begin(TxnMode::kWrite), "begin");
        auto cfg = Must(app_->config().Snapshot(*txn), "snapshot");
        int64_t o = Must(store_->ReserveSeqs(*txn, 'O', n), "seqs");
        int64_t s = Must(store_->ReserveSeqs(*txn, 'S', n), "seqs");
        int64_t t = Must(store_->ReserveSeqs(*txn, 'T', n), "seqs");
        for (int64_t k = 0; k < n; ++k) {
          AddOrder(*txn, *cfg, start + k, delivered, FormatId('O', o + k), FormatId('S', s + k),
                   FormatId('T', t + k), now);
        }
        Check(txn->Commit(), "commit");
      }
    }
  }

  std::string dir_, path_;
  int64_t orders_ = 0;
  double setup_s_ = 0;
  SystemClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<api::App> app_;
  std::vector<Parcel> parcels_;
  std::vector<Purchase> purchases_;
  size_t next_purchase_ = 0;
};

DeskDb& Desk() {
  static DeskDb desk;
  return desk;
}

// ---------------------------------------------------------------- carrier

enum class Update { kChange, kScan, kDuplicate };

// The next carrier event for parcel `p`: for kChange it flips the status
// between in_transit and exception/delayed (so the ticket gets an event);
// for kScan it keeps the status; for kDuplicate it is the pickup event again.
CarrierUpdate NextUpdate(Parcel& p, Update kind) {
  CarrierUpdate u;
  u.carrier = "SF";
  u.tracking_number = p.tracking_number;
  TrackingEvent& e = u.event;
  if (kind == Update::kDuplicate) {
    e.event_id = p.tracking_number + "-1";
    e.at = Timestamp{p.pickup_at_ms};
    e.description = "快件已揽收";
    e.location = "深圳";
    return u;
  }
  if (kind == Update::kChange) p.delayed = !p.delayed;
  p.events++;
  p.last_at_ms += 7 * kMinute;
  e.event_id = p.tracking_number + "-" + std::to_string(p.events);
  e.at = Timestamp{p.last_at_ms};
  if (p.delayed) {
    e.status = ShipmentStatus::kException;
    e.exception = LogisticsException::kDelayed;
    e.description = "杭州转运中心滞留，预计延误一天";
  } else {
    e.status = ShipmentStatus::kInTransit;
    e.description = "快件已到达杭州转运中心";
  }
  e.location = "杭州";
  return u;
}

// One carrier update per iteration, cycling through the in-transit shipments.
// Making the event (a few short strings, well under a microsecond) is timed
// with it: pausing the timer for it would cost more than it saves.
void BM_CarrierUpdate(benchmark::State& state, Update kind) {
  DeskDb& desk = Desk();
  std::vector<Parcel>& parcels = desk.parcels();
  LogisticsService& logistics = desk.logistics();
  static size_t next = 0;  // across runs: each shipment's events stay in order
  int64_t tickets = 0;
  for (auto _ : state) {
    CarrierUpdate u = NextUpdate(parcels[next++ % parcels.size()], kind);
    auto r = logistics.ApplyCarrierUpdate(u);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      break;
    }
    tickets += static_cast<int64_t>(r->tickets.size());
    bool as_expected = kind == Update::kDuplicate ? r->duplicate && r->tickets.empty()
                       : kind == Update::kChange  ? !r->duplicate && r->tickets.size() == 1
                                                  : !r->duplicate && r->tickets.empty();
    if (!as_expected) {
      state.SkipWithError("unexpected result of the carrier update");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["shipments"] = static_cast<double>(parcels.size());
  state.counters["ticket_events"] = static_cast<double>(tickets);
  state.counters["setup_s"] = desk.setup_s();
}
// Real time: the store's checkpointer works on its own thread.
BENCHMARK_CAPTURE(BM_CarrierUpdate, change, Update::kChange)
    ->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_CarrierUpdate, scan, Update::kScan)
    ->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_CarrierUpdate, duplicate, Update::kDuplicate)
    ->Unit(benchmark::kMicrosecond)->UseRealTime();

// ----------------------------------------------------------------- refund

// One whole refund per iteration, each on the next delivered order line not
// used yet: the customer opens a return_refund request (no reason, or a
// quality fault for every third), and li.na moves it to approved,
// awaiting_return_shipment (with the return parcel's number), received,
// inspected and refunded (audited). Reports the mean time of Open and of
// one Move besides the whole path.
void BM_RefundPath(benchmark::State& state) {
  DeskDb& desk = Desk();
  AfterSalesService& svc = desk.after_sales();
  const auto& purchases = desk.purchases();
  using Clock = std::chrono::steady_clock;
  Clock::duration open_time{}, move_time{};
  const AfterSalesStatus path[] = {AfterSalesStatus::kApproved,
                                   AfterSalesStatus::kAwaitingReturnShipment,
                                   AfterSalesStatus::kReceived, AfterSalesStatus::kInspected,
                                   AfterSalesStatus::kRefunded};
  for (auto _ : state) {
    size_t i = desk.next_purchase()++;
    if (i >= purchases.size()) {
      state.SkipWithError("every delivered order is refunded; raise KEFU_BENCH_AFTER_SALES_ORDERS");
      break;
    }
    const Purchase& p = purchases[i];
    Actor customer{"customer." + p.customer_id, Role::kCustomer, p.customer_id};
    AfterSalesDraft d;
    d.line = 1;
    d.reason = i % 3 == 2 ? AfterSalesReason::kQualityFault : AfterSalesReason::kNoReason;
    d.note = d.reason == AfterSalesReason::kNoReason ? "尺寸不合适，未拆封" : "开机后屏幕有坏点";
    Clock::time_point t0 = Clock::now();
    auto r = svc.Open(customer, p.ticket_id, d);
    Clock::time_point t1 = Clock::now();
    open_time += t1 - t0;
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      break;
    }
    AfterSalesRequest req = std::move(*r);
    for (AfterSalesStatus to : path) {
      AfterSalesMove m;
      m.to = to;
      if (to == AfterSalesStatus::kApproved) m.reason = "符合退货条件";
      if (to == AfterSalesStatus::kAwaitingReturnShipment) m.return_tracking = "YT" + std::to_string(900000 + i);
      auto next = svc.Move(kAfterSalesAgent, req.id, m, req.version);
      if (!next.ok()) {
        state.SkipWithError(next.status().ToString().c_str());
        break;
      }
      req = std::move(*next);
    }
    move_time += Clock::now() - t1;
    if (req.status != AfterSalesStatus::kRefunded) {
      state.SkipWithError("the request did not reach refunded");
      break;
    }
  }
  double n = static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.SetItemsProcessed(state.iterations());
  state.counters["open_us"] = std::chrono::duration<double, std::micro>(open_time).count() / n;
  state.counters["move_us"] = std::chrono::duration<double, std::micro>(move_time).count() / n / 5;
  state.counters["used"] = static_cast<double>(desk.next_purchase());
  state.counters["setup_s"] = desk.setup_s();
}
BENCHMARK(BM_RefundPath)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
}  // namespace kefu
