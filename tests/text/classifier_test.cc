// Ticket classification: the corpus, its split, the fastText classifier
// (training, persistence, concurrency, bad input) and the acceptance bar on
// the held-out split.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "core/enums.h"
#include "text/classifier.h"
#include "text/corpus.h"
#include "text/normalizer.h"

namespace kefu::text {
namespace {

const CorpusSplit& BuiltInSplit() {
  static const CorpusSplit split = SplitCorpus(BuiltInCorpus());
  return split;
}

std::vector<LabelledText> SmallCorpus() {
  return {{"logistics_delay", "快递三天没动了"},   {"logistics_delay", "物流一直不更新"},
          {"logistics_delay", "包裹卡在中转站"},   {"shipping_not_sent", "什么时候发货"},
          {"shipping_not_sent", "还没发货吗"},     {"shipping_not_sent", "催一下发货"},
          {"invoice", "我要开发票"},               {"invoice", "发票抬头写错了"},
          {"invoice", "电子发票怎么下载"}};
}

TEST(CorpusTest, ParsesAClassFile) {
  auto got = ParseClassFile("invoice",
                            "# invoice: tax invoices\r\n我要开发票\r\n\n   \n  # a comment\n"
                            "  發票抬頭寫錯了  \n#another\n电子发票怎么下载");
  std::vector<LabelledText> want = {
      {"invoice", "我要开发票"}, {"invoice", "發票抬頭寫錯了"}, {"invoice", "电子发票怎么下载"}};
  EXPECT_EQ(got, want);
  EXPECT_TRUE(ParseClassFile("invoice", "").empty());
}

TEST(CorpusTest, ParsesLabelledLines) {
  auto got = ParseLabelledLines("invoice\t# invoice: x\ninvoice\t我要开发票\nno tab here\n"
                                "other\t\nother\t你好\t在吗\r\n");
  std::vector<LabelledText> want = {{"invoice", "我要开发票"}, {"other", "你好\t在吗"}};
  EXPECT_EQ(got, want);
}

TEST(CorpusTest, CategoryCodesAreTheCoreList) {
  auto core = kefu::Categories();
  auto text = CategoryCodes();
  EXPECT_TRUE(std::equal(core.begin(), core.end(), text.begin(), text.end()));
  EXPECT_TRUE(ValidateLabel("logistics_delay").ok());
  EXPECT_EQ(ValidateLabel("logistics").code(), StatusCode::kValidation);
  EXPECT_EQ(ValidateLabel("").code(), StatusCode::kValidation);
}

TEST(CorpusTest, BuiltInCorpusHasEveryCategory) {
  std::map<std::string, int> per_label;
  for (const auto& e : BuiltInCorpus()) {
    EXPECT_TRUE(ValidateLabel(e.label).ok()) << e.label;
    EXPECT_FALSE(e.text.empty());
    ++per_label[e.label];
  }
  for (std::string_view code : CategoryCodes()) {
    EXPECT_GE(per_label[std::string(code)], 120) << code;
  }
}

TEST(CorpusTest, SplitIsFixedAndOrderIndependent) {
  const auto& corpus = BuiltInCorpus();
  CorpusSplit a = SplitCorpus(corpus);
  std::vector<LabelledText> reversed(corpus.rbegin(), corpus.rend());
  CorpusSplit b = SplitCorpus(reversed);
  EXPECT_EQ(a.train, b.train);
  EXPECT_EQ(a.test, b.test);
  EXPECT_EQ(a.train.size() + a.test.size(), corpus.size());
  double held_out = static_cast<double>(a.test.size()) / static_cast<double>(corpus.size());
  EXPECT_GT(held_out, 0.15);
  EXPECT_LT(held_out, 0.25);
  // No text (normalised: traditional and simplified alike) on both sides.
  std::set<std::string> train_texts;
  for (const auto& e : a.train) train_texts.insert(DefaultNormalizer().Normalize(e.text));
  for (const auto& e : a.test) {
    EXPECT_FALSE(train_texts.count(DefaultNormalizer().Normalize(e.text))) << e.text;
  }
  EXPECT_TRUE(SplitCorpus(corpus, 0).test.empty());
  EXPECT_TRUE(SplitCorpus(corpus, 100).train.empty());
}

TEST(CorpusTest, ScriptVariantsLandOnOneSide) {
  std::vector<LabelledText> pairs;
  for (const char* s : {"我的包裹怎么还没到", "退货退款", "什么时候发货", "发票抬头写错了",
                        "账号登录不上", "优惠券用不了", "尺码偏大吗", "客服态度太差"}) {
    pairs.push_back({"other", s});
  }
  for (const char* t : {"我的包裹怎麼還沒到", "退貨退款", "什麼時候發貨", "發票抬頭寫錯了",
                        "賬號登錄不上", "優惠券用不了", "尺碼偏大嗎", "客服態度太差"}) {
    pairs.push_back({"other", t});
  }
  CorpusSplit split = SplitCorpus(pairs, 50);
  std::set<std::string> test;
  for (const auto& e : split.test) test.insert(DefaultNormalizer().Normalize(e.text));
  for (const auto& e : split.train) EXPECT_FALSE(test.count(DefaultNormalizer().Normalize(e.text)));
  EXPECT_EQ(split.test.size() % 2, 0u);
}

TEST(ClassifierTest, FeaturesReplaceIdentifiersByTheirKind) {
  std::string f = Classifier::Features(
      "訂單Ｏ－０００１２３還沒發貨，单号SF1428859302716，电话13812345678，退￥12.50，第3次");
  EXPECT_NE(f.find("<order>"), std::string::npos) << f;
  EXPECT_NE(f.find("<tracking>"), std::string::npos) << f;
  EXPECT_NE(f.find("<phone>"), std::string::npos) << f;
  EXPECT_NE(f.find("<amount>"), std::string::npos) << f;
  EXPECT_NE(f.find("<number>"), std::string::npos) << f;
  EXPECT_NE(f.find("发货"), std::string::npos) << "normalised to simplified: " << f;
  EXPECT_EQ(f.find("000123"), std::string::npos) << f;
  EXPECT_EQ(f.find("  "), std::string::npos) << f;
  EXPECT_EQ(Classifier::Features("！！！ ？"), "");
}

TEST(ClassifierTest, TrainRejectsBadInput) {
  EXPECT_EQ(Classifier::Train({}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Classifier::Train({{"invoice", "！！！"}}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Classifier::Train({{"in voice", "我要开发票"}}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Classifier::Train({{"", "我要开发票"}}).status().code(), StatusCode::kInvalidArgument);
  TrainOptions bad;
  bad.dim = 0;
  EXPECT_EQ(Classifier::Train(SmallCorpus(), bad).status().code(), StatusCode::kInvalidArgument);
  bad = TrainOptions();
  bad.word_ngrams = 2;
  bad.bucket = 0;  // needed for word bigrams
  EXPECT_EQ(Classifier::Train(SmallCorpus(), bad).status().code(), StatusCode::kInvalidArgument);
  bad.word_ngrams = 1;  // not needed without
  EXPECT_TRUE(Classifier::Train(SmallCorpus(), bad).ok());
}

TEST(ClassifierTest, TrainingIsDeterministicAndOrderIndependent) {
  auto examples = SmallCorpus();
  auto a = Classifier::Train(examples);
  std::reverse(examples.begin(), examples.end());
  auto b = Classifier::Train(examples);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ((*a)->Save(), (*b)->Save());
  auto labels = (*a)->Labels();
  EXPECT_EQ(std::set<std::string>(labels.begin(), labels.end()),
            (std::set<std::string>{"logistics_delay", "shipping_not_sent", "invoice"}));
}

TEST(ClassifierTest, PredictionsAreSortedProbabilities) {
  const Classifier& c = BuiltInClassifier();
  for (const char* text : {"我的快递到哪了", "退款", "在吗", "ok", "订单O-000123", "!!!"}) {
    auto all = c.Predict(text, 100);
    if (std::string_view(text) == "!!!") {
      EXPECT_TRUE(all.empty());
      continue;
    }
    ASSERT_FALSE(all.empty()) << text;
    EXPECT_LE(all.size(), CategoryCodes().size());
    double sum = 0;
    for (size_t i = 0; i < all.size(); ++i) {
      EXPECT_GE(all[i].confidence, 0.0);
      EXPECT_LE(all[i].confidence, 1.0);
      EXPECT_TRUE(ValidateLabel(all[i].label).ok()) << all[i].label;
      if (i > 0) {
        EXPECT_GE(all[i - 1].confidence, all[i].confidence);
      }
      sum += all[i].confidence;
    }
    EXPECT_NEAR(sum, 1.0, 0.01) << "softmax over every label";
    auto top3 = c.Predict(text);
    ASSERT_EQ(top3.size(), 3u);
    EXPECT_EQ(top3[0].label, all[0].label);
  }
  EXPECT_TRUE(c.Predict("我的快递到哪了", 0).empty());
  EXPECT_EQ(c.PredictFeatures(Classifier::Features("我的快递到哪了"), 2).size(), 2u);
}

TEST(ClassifierTest, SaveAndLoadGiveIdenticalPredictions) {
  const Classifier& c = BuiltInClassifier();
  std::string bytes = c.Save();
  std::cout << "model size: " << bytes.size() << " bytes\n";
  auto loaded = Classifier::Load(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->Save(), bytes);
  EXPECT_EQ((*loaded)->Labels(), c.Labels());
  for (const auto& e : BuiltInSplit().test) {
    auto want = c.Predict(e.text, 3);
    auto got = (*loaded)->Predict(e.text, 3);
    ASSERT_EQ(got.size(), want.size()) << e.text;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].label, want[i].label) << e.text;
      EXPECT_EQ(got[i].confidence, want[i].confidence) << e.text;
    }
  }
}

TEST(ClassifierTest, BadModelBytesAreAnError) {
  std::string good = BuiltInClassifier().Save();
  auto expect_bad = [](const std::string& bytes, const std::string& what) {
    auto r = Classifier::Load(bytes);
    EXPECT_FALSE(r.ok()) << what;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << what;
    }
  };
  expect_bad("", "empty");
  expect_bad("not a model at all", "text");
  expect_bad(std::string(4096, '\xff'), "garbage");
  // Truncated anywhere: in the header, the dictionary, the matrices.
  for (size_t len : {size_t{4}, size_t{8}, size_t{30}, size_t{64}, size_t{90}, size_t{100},
                     size_t{200}, size_t{1000}, good.size() / 3, good.size() / 2,
                     good.size() - 1}) {
    expect_bad(good.substr(0, len), "truncated to " + std::to_string(len));
  }
  expect_bad(good + "x", "trailing byte");
  // Inconsistent header fields (dim at offset 8, the dictionary size at 64).
  for (size_t offset : {size_t{8}, size_t{36}, size_t{40}, size_t{64}, size_t{68}, size_t{72}}) {
    std::string bad = good;
    bad[offset + 3] = '\x7f';
    expect_bad(bad, "field at " + std::to_string(offset));
  }
}

TEST(ClassifierTest, ConcurrentPredictMatchesSequential) {
  const Classifier& c = BuiltInClassifier();
  const auto& test = BuiltInSplit().test;
  std::vector<std::vector<Prediction>> want;
  for (const auto& e : test) want.push_back(c.Predict(e.text, 3));
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (size_t i = 0; i < test.size(); ++i) {
          size_t j = (i + static_cast<size_t>(t) * 37) % test.size();  // threads out of step
          auto got = c.Predict(test[j].text, 3);
          bool same = got.size() == want[j].size();
          for (size_t k = 0; same && k < got.size(); ++k) {
            same = got[k].label == want[j][k].label && got[k].confidence == want[j][k].confidence;
          }
          if (!same) ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

// THE ACCEPTANCE TEST: trained on the training split, macro-F1 >= 0.85 on
// the held-out split.
TEST(ClassifierTest, HeldOutMacroF1IsAtLeast085) {
  Evaluation ev = Evaluate(BuiltInClassifier(), BuiltInSplit().test);
  std::cout << "trained on " << BuiltInSplit().train.size() << " examples, held out "
            << ev.examples << "\n"
            << EvaluationMarkdown(ev);
  EXPECT_EQ(ev.examples, static_cast<int>(BuiltInSplit().test.size()));
  EXPECT_EQ(ev.classes.size(), CategoryCodes().size());
  EXPECT_GE(ev.macro_f1, 0.85);
}

TEST(ClassifierTest, EvaluationCountsPerClass) {
  auto c = Classifier::Train(SmallCorpus());
  ASSERT_TRUE(c.ok());
  Evaluation ev = Evaluate(**c, SmallCorpus());
  EXPECT_EQ(ev.examples, 9);
  int support = 0;
  for (const auto& m : ev.classes) support += m.support;
  EXPECT_EQ(support, 9);
  EXPECT_EQ(ev.classes.front().label, "shipping_not_sent") << "taxonomy order";
  std::string md = EvaluationMarkdown(ev);
  EXPECT_NE(md.find("| `invoice` |"), std::string::npos) << md;
  EXPECT_NE(md.find("Macro-F1"), std::string::npos) << md;
}

// Sentences written for this test, not taken from the corpus.
TEST(ClassifierTest, ClassifiesUnseenMessages) {
  const std::vector<LabelledText> cases = {
      {"logistics_delay", "我的快递三天没更新了"},
      {"shipping_not_sent", "請問什麼時候發貨"},
      {"logistics_lost", "物流显示已签收但我根本没拿到包裹"},
      {"damaged_in_transit", "拆开一看杯子碎了两个，外包装都压变形了"},
      {"quality_issue", "电动牙刷用了不到半个月就充不进电了"},
      {"not_as_described", "图片上是实木的，收到发现是贴皮的"},
      {"wrong_or_missing_item", "订了一套餐具，少寄了两个碗"},
      {"return_refund_request", "衣服不喜欢，想退货退款"},
      {"exchange_request", "这双运动鞋穿着挤脚，想换成43码的"},
      {"refund_progress", "退款申请一个星期了还没到账"},
      {"payment_issue", "付款的时候一直提示支付失败，但是银行卡被扣了钱"},
      {"invoice", "麻煩幫我開一張公司抬頭的增值稅發票"},
      {"account_login", "密码输错几次以后账号被锁住了，怎么解锁"},
      {"price_promotion", "刚买完就降价了，能补差价吗"},
      {"presale_question", "这款保温杯能装开水吗，容量多大"},
      {"service_complaint", "你們客服回覆太慢了，態度也很敷衍"},
      {"address_or_order_change", "能把收件人電話改一下嗎，寫錯了一位"},
      {"other", "好的，谢谢你，祝你生活愉快"},
  };
  const Classifier& c = BuiltInClassifier();
  int right = 0;
  for (const auto& e : cases) {
    auto top = c.Predict(e.text, 3);
    ASSERT_FALSE(top.empty()) << e.text;
    if (top[0].label == e.label) {
      ++right;
    } else {
      ADD_FAILURE() << e.text << ": want " << e.label << ", got " << top[0].label << " ("
                    << top[0].confidence << ")";
    }
  }
  EXPECT_EQ(right, static_cast<int>(cases.size()));
}

}  // namespace
}  // namespace kefu::text
