// Benchmarks of Chinese text intelligence and search (docs/performance.md, "Text
// intelligence and search"), one thread each unless said; targets on the right:
//   BM_ClassifyFeatures  Classifier::PredictFeatures(features, 3), featurised before   >= 50,000/s
//   BM_ClassifyRaw       Classifier::Predict(raw, 3): normalise + segment + predict    >= 50,000/s
//   BM_Analyze           TextService::Analyze of one message (normalise, tokens,
//                        classification, sentiment, threat signals)                    p99 < 1 ms
//   BM_Normalize, BM_Tokenize, BM_ThreatSignals, BM_Sentiment, BM_Features, BM_IndexTerms
//                        the stages alone, to show where the time goes
//   BM_WriteSample/index:<0|1>  the write path below on 50,000 messages in a fresh file,
//                        without and with the search index (what the index costs)
//   BM_IndexWrite        writing BENCH_SEARCH_MESSAGES (default 1,000,000) tickets, each
//                        with its first message, 10,000 per transaction, the store
//                        keeping the full-text index in each transaction            >= 20,000 msg/s
//   BM_Search/<class>    SearchService::Search as a manager, first page (20): 20 queries
//                        in 7 classes, round robin, on the database BM_IndexWrite built p99 < 20 ms
//   BM_SearchQuery/<name>  each query alone (documents matched, Store::Search's time)
//   BM_IndexRebuild      Store::RebuildSearchIndex of that database (on all cores) >= 20,000 msg/s
//   BM_Search/all_after_rebuild  the 20 queries again, on the rebuilt index
// The latency benchmarks time every call and report percentiles as counters (p50_us,
// p99_us; p50_ms, p90_ms, p99_ms, max_ms). The index builds run once per process
// (Repetitions(1)) and report manual time: the storing, not the making of the messages.
//
// Messages are generated with fixed seeds from the lines of the built-in corpus
// (data/text/corpus/*.txt, compiled in) recombined with greetings, about 80 products (some
// with model numbers), 8 carriers with tracking numbers, order ids (O-xxxxxx), amounts and
// urgency: 10-80 characters each; categories, lines and products are drawn with skewed
// (Zipf-like) frequencies, so a few terms (快递, 退款) are very common and most are rare.
// The search database is built when a search benchmark first needs it, in a fresh
// directory under $TMPDIR (default /tmp), and removed at exit. At 1,000,000 messages it
// takes 1.2 GB after the writes and 2.2 GB after the rebuild (its transaction's WAL).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "bench_util.h"
#include "core/ticket_rules.h"
#include "service/search_service.h"
#include "service/text_service.h"
#include "service/ticket_service.h"
#include "store/store.h"
#include "text/classifier.h"
#include "text/corpus.h"
#include "text/indexing.h"
#include "text/normalizer.h"
#include "text/sentiment.h"
#include "text/threat.h"
#include "text/tokenizer.h"

namespace kefu {
namespace {

using bench::Check;
using bench::Must;
using Clock = std::chrono::steady_clock;

const Actor kManager{"wang.min", Role::kManager, ""};
const Actor kStaff{"li.na", Role::kAgent, ""};

// --------------------------------------------------------------- latencies

// Wall times of single calls; percentiles by nearest rank.
class Latencies {
 public:
  void Add(Clock::duration d) {
    ns_.push_back(std::chrono::duration<double, std::nano>(d).count());
  }
  double Percentile(double p) {
    if (ns_.empty()) return 0;
    std::sort(ns_.begin(), ns_.end());
    size_t rank = static_cast<size_t>(std::ceil(p / 100 * static_cast<double>(ns_.size())));
    return ns_[std::clamp<size_t>(rank, 1, ns_.size()) - 1];
  }
  // Counters p50_<unit>, p90_<unit>, p99_<unit>, max_<unit> (unit "us" or "ms").
  void Report(benchmark::State& state, const std::string& unit) {
    double scale = unit == "ms" ? 1e6 : 1e3;
    for (double p : {50.0, 90.0, 99.0, 100.0}) {
      std::string name = p == 100 ? "max_" : "p" + std::to_string(static_cast<int>(p)) + "_";
      state.counters[name + unit] = Percentile(p) / scale;
    }
  }

 private:
  std::vector<double> ns_;
};

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// ---------------------------------------------------------------- messages

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Draws 0..n-1 with probability proportional to 1 / (i + 1)^s.
class Zipf {
 public:
  Zipf(size_t n, double s) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
      cdf_.push_back(sum += 1 / std::pow(static_cast<double>(i + 1), s));
    }
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return std::min<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin(),
                            cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

const std::vector<std::string_view> kProducts = {
    "iPhone 15", "iPhone 15 Pro", "iPhone 14", "AirPods Pro", "AirPods", "iPad Air", "MacBook Air",
    "华为Mate60", "华为P60", "华为FreeBuds", "荣耀X50", "小米14", "小米手环8", "Redmi K70",
    "三星S24", "戴森V12吸尘器", "戴森吹风机", "九阳豆浆机", "小熊电炖锅", "美的电饭煲", "美的空调",
    "格力空调", "海尔冰箱", "联想小新笔记本", "ThinkPad X1", "耐克Air Force 1", "阿迪达斯跑鞋",
    "优衣库羽绒服", "李宁卫衣", "安踏运动鞋", "扫地机器人", "蓝牙耳机", "降噪耳机", "电动牙刷",
    "保温杯", "连衣裙", "小白鞋", "防晒霜", "精华液", "车厘子", "枸杞", "大红袍", "龙井茶", "白茶",
    "Switch游戏机", "PS5", "Kindle", "乐高积木", "婴儿推车", "儿童安全座椅", "猫粮", "狗粮",
    "洗衣液", "纸尿裤", "奶粉", "口红", "面膜", "行李箱", "双肩包", "机械键盘", "无线鼠标",
    "显示器", "移动电源", "充电器", "数据线", "手机壳", "钢化膜", "空气炸锅", "破壁机", "电热水壶",
    "加湿器", "电风扇", "台灯", "床垫", "四件套", "羽绒被", "沙发", "餐桌", "书架", "窗帘"};

// Carriers and the shape of their tracking numbers: a prefix and a number of digits.
struct Carrier {
  std::string_view name, prefix;
  int digits;
};
const std::vector<Carrier> kCarriers = {
    {"顺丰", "SF", 13}, {"中通", "7", 14}, {"圆通", "YT", 13}, {"韵达", "43", 13},
    {"申通", "77", 13}, {"京东物流", "JD", 13}, {"邮政EMS", "1", 12}, {"极兔", "JT", 13}};

const std::vector<std::string_view> kGreetings = {"您好，", "你好，", "亲，", "在吗？", "客服你好，",
                                                  "麻烦问下，", "hi，", "客服，"};
const std::vector<std::string_view> kUrgency = {"，急！", "，谢谢", "，尽快处理", "!!!", "？？",
                                                "，麻烦快点", "，谢谢亲"};

// How often each category's customers write, per 100 messages (after-sales traffic of a
// general store: logistics and refunds first).
const std::vector<std::pair<std::string_view, int>> kCategoryWeights = {
    {"logistics_delay", 14}, {"shipping_not_sent", 10}, {"refund_progress", 10},
    {"return_refund_request", 10}, {"quality_issue", 8}, {"damaged_in_transit", 5},
    {"logistics_lost", 5}, {"wrong_or_missing_item", 5}, {"exchange_request", 5},
    {"not_as_described", 4}, {"presale_question", 5}, {"address_or_order_change", 4},
    {"payment_issue", 3}, {"invoice", 3}, {"account_login", 3}, {"price_promotion", 3},
    {"service_complaint", 3}, {"other", 2}};

// A customer's message and its category; made deterministically from a seed.
struct Message {
  std::string text;
  std::string label;
  std::string product;
};

class MessageGen {
 public:
  explicit MessageGen(uint64_t seed) : rng_(seed), products_(kProducts.size(), 1.1) {
    std::vector<int> weights;
    for (const auto& [label, w] : kCategoryWeights) {
      std::vector<std::string> lines;
      for (const auto& e : text::BuiltInCorpus()) {
        if (e.label == label && CodePoints(e.text) <= 70) lines.push_back(e.text);
      }
      // Which lines are popular: a fixed shuffle, then Zipf over it.
      std::shuffle(lines.begin(), lines.end(), rng_);
      categories_.push_back({std::string(label), std::move(lines)});
      weights.push_back(w);
    }
    for (auto& c : categories_) line_zipf_.emplace_back(c.lines.size(), 1.0);
    pick_category_ = std::discrete_distribution<size_t>(weights.begin(), weights.end());
  }

  Message Next() {
    for (;;) {
      order_ = "";
      tracking_ = {-1, ""};
      Message m = Compose();
      size_t n = CodePoints(m.text);
      if (n < 10 || n > 80) continue;
      if (!order_.empty()) last_order_ = order_;
      if (tracking_.first >= 0) last_tracking_[tracking_.first] = tracking_.second;
      return m;
    }
  }

  // The identifiers of the last messages returned (for the exact-match queries).
  const std::string& last_order() const { return last_order_; }
  const std::string& last_tracking(int carrier) const { return last_tracking_[carrier]; }

 private:
  struct Category {
    std::string label;
    std::vector<std::string> lines;
  };

  int Percent() { return static_cast<int>(rng_() % 100); }
  std::string Digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng_() % 10);
    return s;
  }
  std::string Order() {
    char buf[16];
    std::snprintf(buf, sizeof buf, "O-%06d", static_cast<int>(1 + rng_() % 999'999));
    return order_ = buf;
  }
  std::string Amount() {
    int yuan = static_cast<int>(9 + rng_() % 3000);
    switch (rng_() % 3) {
      case 0: return "¥" + std::to_string(yuan) + "." + Digits(2);
      case 1: return std::to_string(yuan) + "元";
      default: return std::to_string(yuan % 200 + 5) + "块";
    }
  }

  Message Compose() {
    size_t ci = pick_category_(rng_);
    const Category& c = categories_[ci];
    Message m;
    m.label = c.label;
    m.product = std::string(kProducts[products_(rng_)]);
    bool logistics = c.label.find("logistics") == 0 || c.label == "shipping_not_sent" ||
                     c.label == "damaged_in_transit";
    if (Percent() < 30) m.text += kGreetings[rng_() % kGreetings.size()];
    int p = Percent();
    if (p < 20) {
      m.text += "我买的" + m.product + "，";
    } else if (p < 35) {
      m.text += m.product;
      if (Percent() < 40) {
        m.text += "（" + std::string(1, static_cast<char>('A' + rng_() % 26)) +
                  static_cast<char>('A' + rng_() % 26) + "-" + Digits(4) + "）";
      }
      m.text += "，";
    }
    m.text += c.lines[line_zipf_[ci](rng_)];
    if (Percent() < 12) m.text += "，" + c.lines[line_zipf_[ci](rng_)];
    if (Percent() < 25) m.text += (Percent() < 50 ? "，订单号" : " 订单") + Order();
    if (Percent() < (logistics ? 35 : 5)) {
      int k = static_cast<int>(rng_() % kCarriers.size());
      const Carrier& cr = kCarriers[k];
      tracking_ = {k, std::string(cr.prefix) + Digits(cr.digits)};
      m.text += "，" + std::string(cr.name) + "单号" + tracking_.second;
    }
    if (Percent() < 10) m.text += "，付了" + Amount();
    if (Percent() < 2) m.text += Percent() < 50 ? "，再不处理我就打12315" : "，不解决就给差评";
    if (Percent() < 10) m.text += kUrgency[rng_() % kUrgency.size()];
    return m;
  }

  std::mt19937_64 rng_;
  std::vector<Category> categories_;
  std::vector<Zipf> line_zipf_;
  std::discrete_distribution<size_t> pick_category_;
  Zipf products_;
  std::string order_;                      // of the message being made
  std::pair<int, std::string> tracking_;   // carrier, number
  std::string last_order_;                 // of the last message returned
  std::string last_tracking_[8];
};

constexpr size_t kPool = 4096;  // a power of two

// 4,096 messages (seed 3), raw.
const std::vector<std::string>& RawPool() {
  static const std::vector<std::string> pool = [] {
    MessageGen gen(3);
    std::vector<std::string> out;
    for (size_t i = 0; i < kPool; ++i) out.push_back(gen.Next().text);
    return out;
  }();
  return pool;
}

std::vector<std::string> Normalized() {
  std::vector<std::string> out;
  for (const auto& m : RawPool()) out.push_back(text::DefaultNormalizer().Normalize(m));
  return out;
}

// ---------------------------------------------------------- text pipeline

// One call of `fn` per iteration over the pool; items/s is the rate.
template <typename Fn>
void OverPool(benchmark::State& state, const std::vector<std::string>& pool, Fn fn) {
  size_t i = 0;
  for (auto _ : state) {
    auto r = fn(pool[i++ & (kPool - 1)]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_ClassifyFeatures(benchmark::State& state) {
  const text::Classifier& c = text::BuiltInClassifier();
  std::vector<std::string> features;
  for (const auto& m : RawPool()) features.push_back(text::Classifier::Features(m));
  OverPool(state, features, [&](const std::string& f) { return c.PredictFeatures(f, 3); });
}
BENCHMARK(BM_ClassifyFeatures);

void BM_ClassifyRaw(benchmark::State& state) {
  const text::Classifier& c = text::BuiltInClassifier();
  OverPool(state, RawPool(), [&](const std::string& m) { return c.Predict(m, 3); });
}
BENCHMARK(BM_ClassifyRaw);

void BM_Features(benchmark::State& state) {
  OverPool(state, RawPool(), [](const std::string& m) { return text::Classifier::Features(m); });
}
BENCHMARK(BM_Features);

void BM_Normalize(benchmark::State& state) {
  const text::Normalizer& n = text::DefaultNormalizer();
  OverPool(state, RawPool(), [&](const std::string& m) { return n.Normalize(m); });
}
BENCHMARK(BM_Normalize);

// Without bigrams, as TextService::Analyze shows tokens; /bigrams as features and the index use.
void BM_Tokenize(benchmark::State& state, bool bigrams) {
  const text::Tokenizer& t = DefaultSearchAnalyzer().tokenizer();
  OverPool(state, Normalized(), [&](const std::string& m) { return t.Tokenize(m, bigrams); });
}
BENCHMARK_CAPTURE(BM_Tokenize, words, false);
BENCHMARK_CAPTURE(BM_Tokenize, bigrams, true);

void BM_ThreatSignals(benchmark::State& state) {
  OverPool(state, Normalized(), [](const std::string& m) { return text::FindThreatSignals(m); });
}
BENCHMARK(BM_ThreatSignals);

void BM_Sentiment(benchmark::State& state) {
  OverPool(state, Normalized(), [](const std::string& m) { return text::AnalyzeSentiment(m); });
}
BENCHMARK(BM_Sentiment);

// What every indexed document costs before SQLite sees it.
void BM_IndexTerms(benchmark::State& state) {
  const TextSearchAnalyzer& a = DefaultSearchAnalyzer();
  OverPool(state, RawPool(), [&](const std::string& m) { return a.IndexTerms(m); });
}
BENCHMARK(BM_IndexTerms);

// The whole analysis of one message, each call timed for the percentiles.
void BM_Analyze(benchmark::State& state) {
  auto svc = Must(TextService::Create(), "text service");
  (void)text::BuiltInClassifier();  // trained on first use, not timed
  const auto& pool = RawPool();
  Latencies lat;
  size_t i = 0;
  for (auto _ : state) {
    Clock::time_point t0 = Clock::now();
    auto r = svc->Analyze(kStaff, pool[i++ & (kPool - 1)]);
    lat.Add(Clock::now() - t0);
    if (!r.ok()) {
      state.SkipWithError(r.status().ToString().c_str());
      break;
    }
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
  lat.Report(state, "us");
}
BENCHMARK(BM_Analyze)->Unit(benchmark::kMicrosecond);

// ------------------------------------------------------------ the database

constexpr int kCustomers = 1000;
constexpr int64_t kWriteBatch = 10'000;
constexpr int64_t kDay = 24 * 3'600'000LL;

int64_t SearchMessages() {
  const char* s = std::getenv("BENCH_SEARCH_MESSAGES");
  return s && *s ? std::max<int64_t>(10'000, std::atoll(s)) : 1'000'000;
}

// Subjects as a web form makes them: the category's title and the product.
std::string Subject(const Message& m) {
  static const std::vector<std::pair<std::string_view, std::string_view>> kTitles = {
      {"shipping_not_sent", "催发货"}, {"logistics_delay", "物流延误"}, {"logistics_lost", "包裹丢失"},
      {"damaged_in_transit", "运输破损"}, {"quality_issue", "质量问题"},
      {"not_as_described", "与描述不符"}, {"wrong_or_missing_item", "错发漏发"},
      {"return_refund_request", "申请退货退款"}, {"exchange_request", "申请换货"},
      {"refund_progress", "退款进度"}, {"payment_issue", "支付问题"}, {"invoice", "发票"},
      {"account_login", "账号登录"}, {"price_promotion", "价保与优惠"},
      {"presale_question", "售前咨询"}, {"service_complaint", "服务投诉"},
      {"address_or_order_change", "修改订单"}, {"other", "其他"}};
  for (const auto& [label, title] : kTitles) {
    if (label == m.label) return std::string(title) + "：" + m.product;
  }
  return m.product;
}

// A SQLite file of BENCH_SEARCH_MESSAGES tickets (seed 5), each with its first message
// from a customer, written as `kefu import` writes: ids reserved up front, tickets made by
// OpenTicket, stored with SaveChange, kWriteBatch per transaction. The store keeps the
// full-text index in each transaction (the analyzer is DefaultSearchAnalyzer()).
class CorpusDb {
 public:
  // `analyzer` false: the store has none (writes only mark the index stale).
  CorpusDb(int64_t messages, bool analyzer) : messages_(messages) {
    dir_ = bench::MakeTempDir("kefu-text-bench");
    path_ = dir_ + "/search.db";
    const SearchAnalyzer* a = analyzer ? &DefaultSearchAnalyzer() : nullptr;
    store_ = Must(OpenSqliteStore({path_, 4, a}), "open");
    Write();
  }
  ~CorpusDb() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  Store& store() { return *store_; }
  const std::string& path() const { return path_; }
  int64_t messages() const { return messages_; }
  double write_s() const { return write_s_; }
  double write_cpu_s() const { return write_cpu_s_; }
  const MessageGen& gen() const { return gen_; }
  int64_t DiskBytes() const { return bench::DatabaseBytes(path_); }

 private:
  void Write() {
    Timestamp now = SystemClock().Now();
    {
      auto txn = Must(store_->Begin(TxnMode::kWrite), "begin");
      int64_t first = Must(store_->ReserveSeqs(*txn, 'C', kCustomers), "seqs");
      for (int i = 0; i < kCustomers; ++i) {
        Customer c;
        c.id = FormatId('C', first + i);
        c.name = "客户" + std::to_string(i);
        c.created_at = Timestamp{now.unix_ms - 400 * kDay};
        Check(store_->InsertCustomer(*txn, c), "customer");
      }
      Check(txn->Commit(), "commit");
    }
    int64_t first = 0;
    {
      auto txn = Must(store_->Begin(TxnMode::kWrite), "begin");
      first = Must(store_->ReserveSeqs(*txn, 'T', messages_), "seqs");
      Check(txn->Commit(), "commit");
    }
    const int64_t spacing = 365 * kDay / messages_;  // a year of traffic
    std::vector<Change> batch;
    for (int64_t start = 0; start < messages_; start += kWriteBatch) {
      batch.clear();
      for (int64_t i = start; i < std::min(messages_, start + kWriteBatch); ++i) {
        Message m = gen_.Next();
        NewTicket n;
        n.customer_id = FormatId('C', 1 + i % kCustomers);
        n.subject = Subject(m);
        n.body = m.text;
        n.channel = static_cast<Channel>(i % (static_cast<int>(Channel::kApi) + 1));
        Actor customer{"customer", Role::kCustomer, n.customer_id};
        Timestamp at{now.unix_ms - (messages_ - i) * spacing};
        batch.push_back(Must(OpenTicket(n, FormatId('T', first + i), customer, at), "open ticket"));
      }
      Clock::time_point t0 = Clock::now();
      double cpu0 = CpuSeconds();
      auto txn = Must(store_->Begin(TxnMode::kWrite), "begin");
      for (Change& c : batch) Check(SaveChange(*store_, *txn, c, /*is_new=*/true), "save");
      Check(txn->Commit(), "commit");
      write_s_ += std::chrono::duration<double>(Clock::now() - t0).count();
      write_cpu_s_ += CpuSeconds() - cpu0;
    }
  }

  int64_t messages_;
  std::string dir_, path_;
  std::unique_ptr<Store> store_;
  MessageGen gen_{5};
  double write_s_ = 0, write_cpu_s_ = 0;
};

// The search benchmarks' database, built on first use; removed at exit.
CorpusDb& SearchDb() {
  static std::unique_ptr<CorpusDb> db = [] {
    int64_t n = SearchMessages();
    auto t0 = Clock::now();
    auto d = std::make_unique<CorpusDb>(n, true);
    std::fprintf(stderr, "text_bench: wrote %lld messages in %.1f s (%.1f s storing), %.0f MB\n",
                 static_cast<long long>(n),
                 std::chrono::duration<double>(Clock::now() - t0).count(), d->write_s(),
                 static_cast<double>(d->DiskBytes()) / 1e6);
    return d;
  }();
  return *db;
}

// ----------------------------------------------------------- index builds

// Fresh databases of 50,000 messages: the write path without and with the index.
void BM_WriteSample(benchmark::State& state) {
  constexpr int64_t kSample = 50'000;
  double cpu = 0;
  for (auto _ : state) {
    CorpusDb db(kSample, state.range(0) != 0);
    state.SetIterationTime(db.write_s());
    cpu += db.write_cpu_s();
  }
  state.SetItemsProcessed(state.iterations() * kSample);
  state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
}
BENCHMARK(BM_WriteSample)->ArgName("index")->Arg(0)->Arg(1)->Iterations(1)->UseManualTime()
    ->Unit(benchmark::kSecond);

// One measurement per process (the database the searches use): manual time is the
// storing part of the build; generating the messages is not counted.
void BM_IndexWrite(benchmark::State& state) {
  CorpusDb& db = SearchDb();
  for (auto _ : state) state.SetIterationTime(db.write_s());
  state.SetItemsProcessed(db.messages());
  state.counters["messages"] = static_cast<double>(db.messages());
  state.counters["cpu_s"] = db.write_cpu_s();
  state.counters["disk_mb"] = static_cast<double>(db.DiskBytes()) / 1e6;
}
BENCHMARK(BM_IndexWrite)->Iterations(1)->Repetitions(1)->UseManualTime()
    ->Unit(benchmark::kSecond);

// ------------------------------------------------------------------ search

enum class QueryClass { kCommon, kRare, kTraditional, kOrder, kTracking, kMixed, kTwoClauses };

// {order}, {order_fw} (full-width, as some keyboards type it), {sf} and {zto} stand for
// identifiers that occur in the generated messages.
struct QuerySpec {
  const char* name;
  QueryClass cls;
  const char* text;
};
const QuerySpec kQueries[] = {
    {"common_kuaidi", QueryClass::kCommon, "快递"},
    {"common_tuikuan", QueryClass::kCommon, "退款"},
    {"common_wuliu", QueryClass::kCommon, "物流"},
    {"common_zhiliang_wenti", QueryClass::kCommon, "质量问题"},
    {"rare_kaijiao", QueryClass::kRare, "开胶"},
    {"rare_fapiao_taitou", QueryClass::kRare, "发票抬头"},
    {"rare_yinger_tuiche", QueryClass::kRare, "婴儿推车"},
    {"trad_hai_mei_fahuo", QueryClass::kTraditional, "還沒發貨"},
    {"trad_tuihuo_tuikuan", QueryClass::kTraditional, "退貨退款"},
    {"trad_zhiliang_taicha", QueryClass::kTraditional, "質量太差"},
    {"order_id", QueryClass::kOrder, "{order}"},
    {"order_id_fullwidth", QueryClass::kOrder, "{order_fw}"},
    {"tracking_sf", QueryClass::kTracking, "{sf}"},
    {"tracking_digits", QueryClass::kTracking, "{zto}"},
    {"mixed_iphone_screen", QueryClass::kMixed, "iPhone 15 屏幕"},
    {"mixed_airpods_no_sound", QueryClass::kMixed, "AirPods 没声音"},
    {"mixed_mate60_return", QueryClass::kMixed, "华为Mate60 退货"},
    {"two_kuaidi_posun", QueryClass::kTwoClauses, "快递 破损"},
    {"two_screen_broken_box", QueryClass::kTwoClauses, "屏幕碎了，外箱"},
    {"two_not_received_refund", QueryClass::kTwoClauses, "没收到货 退款"},
};
constexpr size_t kQueryCount = sizeof kQueries / sizeof kQueries[0];

std::string FullWidth(std::string_view ascii) {
  std::string out;
  for (char c : ascii) {
    char32_t cp = 0xFF01 + static_cast<char32_t>(c - 0x21);  // ！ .. ～
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string QueryText(const QuerySpec& q, const CorpusDb& db) {
  std::string_view t = q.text;
  if (t == "{order}") return db.gen().last_order();
  if (t == "{order_fw}") return FullWidth(db.gen().last_order());
  if (t == "{sf}") return db.gen().last_tracking(0);
  if (t == "{zto}") return db.gen().last_tracking(1);
  return std::string(t);
}

// Documents (subjects and messages) that match the query, counted by SQLite on its own
// connection.
int64_t CountMatches(const CorpusDb& db, const std::string& query) {
  std::string match = text::ParseQuery(DefaultSearchAnalyzer().tokenizer(), query).match;
  sqlite3* conn = nullptr;
  sqlite3_stmt* st = nullptr;
  int64_t n = -1;
  if (sqlite3_open_v2(db.path().c_str(), &conn, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK &&
      sqlite3_prepare_v2(conn, "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", -1, &st,
                         nullptr) == SQLITE_OK) {
    sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) == SQLITE_ROW) n = sqlite3_column_int64(st, 0);
  }
  sqlite3_finalize(st);
  sqlite3_close(conn);
  return n;
}

// The first page (20) as GET /api/v1/search?q= gives it to a manager: ranking, the ticket
// of each hit, snippets.
StatusOr<Page<SearchResult>> SearchAsManager(const std::string& q) {
  static const SearchService svc(SearchDb().store(), DefaultSearchAnalyzer());
  SearchQuery sq;
  sq.q = q;
  return svc.Search(kManager, sq);
}

// Runs `queries` round robin, each call timed.
void RunQueries(benchmark::State& state, const std::vector<std::string>& queries) {
  Latencies lat;
  size_t i = 0;
  int64_t hits = 0;
  for (auto _ : state) {
    const std::string& q = queries[i++ % queries.size()];
    Clock::time_point t0 = Clock::now();
    auto page = SearchAsManager(q);
    lat.Add(Clock::now() - t0);
    if (!page.ok()) {
      state.SkipWithError((q + ": " + page.status().ToString()).c_str());
      return;
    }
    hits += static_cast<int64_t>(page->items.size());
  }
  state.SetItemsProcessed(state.iterations());
  lat.Report(state, "ms");
  state.counters["hits"] = static_cast<double>(hits) /
                           static_cast<double>(std::max<int64_t>(1, state.iterations()));
  state.counters["messages"] = static_cast<double>(SearchDb().messages());
}

size_t QueriesOf(std::optional<QueryClass> cls) {
  auto in_class = [&](const QuerySpec& q) { return !cls || q.cls == *cls; };
  return static_cast<size_t>(std::count_if(std::begin(kQueries), std::end(kQueries), in_class));
}

// The queries of one class, or (nullopt) all 20, round robin: a fixed number of rounds, so
// that every query counts as often as the others.
void BM_Search(benchmark::State& state, std::optional<QueryClass> cls) {
  CorpusDb& db = SearchDb();
  std::vector<std::string> queries;
  for (const QuerySpec& q : kQueries) {
    if (!cls || q.cls == *cls) queries.push_back(QueryText(q, db));
  }
  RunQueries(state, queries);
}
#define KEFU_SEARCH_CLASS(name, cls, rounds)                                           \
  BENCHMARK_CAPTURE(BM_Search, name, cls)->Iterations((rounds) * QueriesOf(cls))    \
      ->Unit(benchmark::kMillisecond)->UseRealTime()
// Fewer rounds of the classes with queries that take up to a second at 1,000,000 messages.
KEFU_SEARCH_CLASS(all, std::nullopt, 5);
KEFU_SEARCH_CLASS(common, QueryClass::kCommon, 5);
KEFU_SEARCH_CLASS(rare, QueryClass::kRare, 50);
KEFU_SEARCH_CLASS(traditional, QueryClass::kTraditional, 5);
KEFU_SEARCH_CLASS(order_id, QueryClass::kOrder, 50);
KEFU_SEARCH_CLASS(tracking_number, QueryClass::kTracking, 50);
KEFU_SEARCH_CLASS(mixed_script, QueryClass::kMixed, 50);
KEFU_SEARCH_CLASS(two_clauses, QueryClass::kTwoClauses, 50);

// One query alone. Counters: matches (documents), store_ms (the median of 5 calls of
// Store::Search alone: the SQL part of the service's time).
void BM_SearchQuery(benchmark::State& state, size_t index) {
  CorpusDb& db = SearchDb();
  const std::string q = QueryText(kQueries[index], db);
  SearchFilter f;
  f.match = text::ParseQuery(DefaultSearchAnalyzer().tokenizer(), q).match;
  f.include_notes = true;
  f.limit = 21;
  std::vector<double> store_ms;
  for (int k = 0; k < 5; ++k) {
    Clock::time_point t0 = Clock::now();
    auto txn = Must(db.store().Begin(TxnMode::kRead), "begin");
    Must(db.store().Search(*txn, f), "store search");
    store_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(store_ms.begin(), store_ms.end());
  RunQueries(state, {q});
  static std::vector<int64_t> matches(kQueryCount, -2);  // counted once per process
  if (matches[index] == -2) {
    matches[index] = CountMatches(db, q);
    std::fprintf(stderr, "text_bench: %s: \"%s\" -> %s: %lld documents\n", kQueries[index].name,
                 q.c_str(), f.match.c_str(), static_cast<long long>(matches[index]));
  }
  state.counters["matches"] = static_cast<double>(matches[index]);
  state.counters["store_ms"] = store_ms[2];
}
int RegisterQueries() {
  for (size_t i = 0; i < kQueryCount; ++i) {
    benchmark::RegisterBenchmark((std::string("BM_SearchQuery/") + kQueries[i].name).c_str(),
                                 BM_SearchQuery, i)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  }
  return 0;
}
const int kQueriesRegistered = RegisterQueries();

// Re-indexes the search database (after the searches: it replaces their index).
void BM_IndexRebuild(benchmark::State& state) {
  CorpusDb& db = SearchDb();
  int64_t docs = 0;
  double cpu = 0;
  for (auto _ : state) {
    Clock::time_point t0 = Clock::now();
    double cpu0 = CpuSeconds();
    docs = Must(db.store().RebuildSearchIndex(), "rebuild");
    state.SetIterationTime(std::chrono::duration<double>(Clock::now() - t0).count());
    cpu += CpuSeconds() - cpu0;
  }
  state.SetItemsProcessed(state.iterations() * db.messages());
  state.counters["messages"] = static_cast<double>(db.messages());
  state.counters["documents"] = static_cast<double>(docs);
  state.counters["cpu_s"] = cpu / static_cast<double>(state.iterations());
}
BENCHMARK(BM_IndexRebuild)->Iterations(1)->Repetitions(1)->UseManualTime()
    ->Unit(benchmark::kSecond);

// All 20 queries again on the rebuilt index. The rebuild deletes the old index row by
// row, and FTS5 keeps the delete markers until its segments are merged.
KEFU_SEARCH_CLASS(all_after_rebuild, std::nullopt, 2);

}  // namespace
}  // namespace kefu
