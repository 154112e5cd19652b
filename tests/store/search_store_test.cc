// The Store contract for full-text search (store/search_types.h), articles,
// classifier models and category labels, on every backend: documents are
// indexed in the transaction of the write, ranked, filtered and paged.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/ticket_rules.h"
#include "store/conformance_fixture.h"
#include "text/indexing.h"

namespace kefu {
namespace {

class SearchStoreTest : public StoreConformanceTest {
 protected:
  // A ticket of `customer` with `subject` and a first message `body`.
  Ticket AddTicketWith(const std::string& customer, const std::string& subject,
                       const std::string& body, const std::string& order_id = "") {
    auto txn = Write();
    int64_t seq = *store_->NextSeq(*txn, 'T');
    NewTicket n;
    n.subject = subject;
    n.body = body;
    n.customer_id = customer;
    n.order_id = order_id;
    auto c = OpenTicket(n, FormatId('T', seq), Actor{"wangfang", Role::kCustomer, customer},
                        Timestamp{seq * 1000});
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_TRUE(store_->InsertTicket(*txn, c->ticket).ok());
    EXPECT_TRUE(store_->AppendEvents(*txn, c->events).ok());
    EXPECT_TRUE(txn->Commit().ok());
    return c->ticket;
  }

  void AddNote(const Ticket& t, const std::string& body) {
    auto txn = Write();
    auto c = AddMessage(t, Actor{"li.na", Role::kAgent, ""}, body, true, Timestamp{99999});
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE(store_->AppendEvents(*txn, c->events).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }

  std::vector<SearchHit> Find(const std::string& query, SearchFilter f = {}) {
    f.match = text::ParseQuery(DefaultSearchAnalyzer().tokenizer(), query).match;
    auto txn = Read();
    auto hits = store_->Search(*txn, f);
    EXPECT_TRUE(hits.ok()) << query << ": " << hits.status().ToString();
    return hits.ok() ? *hits : std::vector<SearchHit>{};
  }

  static std::set<std::string> Refs(const std::vector<SearchHit>& hits) {
    std::set<std::string> out;
    for (const auto& h : hits) out.insert(h.ref);
    return out;
  }
};

TEST_P(SearchStoreTest, FindsTicketsBySubjectMessageScriptAndOrderNumber) {
  std::string c = AddCustomer("王芳");
  Order o = AddOrder(c);
  Ticket late = AddTicketWith(c, "快递三天没更新", "顺丰的物流一直停在杭州中转站", o.id);
  Ticket broken = AddTicketWith(c, "收到的杯子碎了", "外包装破损，杯子碎成两半");
  Ticket refund = AddTicketWith(c, "退款进度查询", "上周申请的退款还没到账");

  EXPECT_EQ(Refs(Find("物流")), std::set<std::string>{late.id});          // a message word
  EXPECT_EQ(Refs(Find("退款进度")), std::set<std::string>{refund.id});     // a multi-character query
  EXPECT_EQ(Refs(Find("退款進度")), std::set<std::string>{refund.id});     // traditional for simplified
  EXPECT_EQ(Refs(Find("杯子，碎了")), std::set<std::string>{broken.id});   // punctuation in the query
  EXPECT_EQ(Refs(Find(o.id)), std::set<std::string>{late.id});             // the order number
  EXPECT_EQ(Refs(Find("ＳＦ 杭州")), std::set<std::string>{});              // every clause must match
  EXPECT_TRUE(Find("洗衣机").empty());
  // Ticket hits say which document matched best and carry its original text.
  auto hits = Find("杭州中转站");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].matched, "message");
  EXPECT_EQ(hits[0].text, "顺丰的物流一直停在杭州中转站");
  EXPECT_EQ(hits[0].ticket_id, late.id);
}

TEST_P(SearchStoreTest, TraditionalTextIsFoundBySimplifiedQueries) {
  std::string c = AddCustomer("林怡君");
  Ticket t = AddTicketWith(c, "請問發貨了嗎", "訂單付款三天了還沒發貨");
  EXPECT_EQ(Refs(Find("发货")), std::set<std::string>{t.id});
  EXPECT_EQ(Refs(Find("还没发货")), std::set<std::string>{t.id});
}

TEST_P(SearchStoreTest, MixedChineseEnglishAndNumberQueries) {
  std::string c = AddCustomer("张伟");
  Ticket phone = AddTicketWith(c, "iPhone 15 屏幕有绿线", "Pro Max 256G，退款¥8999");
  Ticket other = AddTicketWith(c, "iPhone 14 电池不耐用", "用了半年");
  EXPECT_EQ(Refs(Find("iphone 15 屏幕")), std::set<std::string>{phone.id});
  EXPECT_EQ(Refs(Find("ＩＰＨＯＮＥ")), (std::set<std::string>{phone.id, other.id}));
  EXPECT_EQ(Refs(Find("8999元")), std::set<std::string>{phone.id});  // an amount as written elsewhere
  EXPECT_EQ(Refs(Find("256g")), std::set<std::string>{phone.id});
}

TEST_P(SearchStoreTest, NotesOnlyWhenAsked) {
  std::string c = AddCustomer("王芳");
  Ticket t = AddTicketWith(c, "换货", "想换一个大号");
  AddNote(t, "客户曾经恶意差评，注意措辞");
  EXPECT_TRUE(Find("措辞").empty());
  SearchFilter f;
  f.include_notes = true;
  EXPECT_EQ(Refs(Find("措辞", f)), std::set<std::string>{t.id});
  f.type = "message";
  auto hits = Find("措辞", f);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].type, "note");
  EXPECT_EQ(hits[0].ticket_id, t.id);
}

TEST_P(SearchStoreTest, FiltersByCustomerStatusAndTime) {
  std::string a = AddCustomer("王芳"), b = AddCustomer("张伟");
  Ticket ta = AddTicketWith(a, "发票抬头开错了", "需要重开发票");
  Ticket tb = AddTicketWith(b, "发票还没收到", "电子发票没有发到邮箱");
  SearchFilter f;
  f.customer_id = a;
  EXPECT_EQ(Refs(Find("发票", f)), std::set<std::string>{ta.id});
  f = {};
  f.status = TicketStatus::kOpen;
  EXPECT_TRUE(Find("发票", f).empty());
  f.status = TicketStatus::kNew;
  EXPECT_EQ(Find("发票", f).size(), 2u);
  f = {};
  f.from = tb.created_at;
  EXPECT_EQ(Refs(Find("发票", f)), std::set<std::string>{tb.id});
  f = {};
  f.to = tb.created_at;
  EXPECT_EQ(Refs(Find("发票", f)), std::set<std::string>{ta.id});
}

TEST_P(SearchStoreTest, CursorPagesCoverEveryHitOnce) {
  std::string c = AddCustomer("王芳");
  std::set<std::string> all;
  for (int i = 0; i < 23; ++i) {
    // Varying lengths give varying scores, and some ties.
    all.insert(AddTicketWith(c, "快递丢件" + std::string(i % 5, '!'), "包裹丢了" + std::to_string(i)).id);
  }
  SearchFilter f;
  f.limit = 5;
  std::set<std::string> seen;
  double last = -1e300;
  for (int page = 0; page < 10; ++page) {
    auto hits = Find("丢件", f);
    for (const auto& h : hits) {
      EXPECT_TRUE(seen.insert(h.ref).second) << "twice: " << h.ref;
      EXPECT_GE(h.score, last);
      last = h.score;
    }
    if (hits.size() < 5u) break;
    f.after_score = hits.back().score;
    f.after_key = hits.back().key;
  }
  EXPECT_EQ(seen, all);
}

// Only the newest 2,000 matching documents are ranked, but a customer's
// own tickets are always found, however many newer ones match.
TEST_P(SearchStoreTest, ACustomersOldTicketIsFoundUnderManyNewerMatches) {
  std::string a = AddCustomer("王芳"), b = AddCustomer("张伟");
  Ticket old = AddTicketWith(a, "发票抬头错了", "请重开");
  {
    auto txn = Write();
    for (int i = 0; i < 2100; ++i) {
      int64_t seq = *store_->NextSeq(*txn, 'T');
      NewTicket n;
      n.subject = "发票问题" + std::to_string(i);
      n.customer_id = b;
      auto c = OpenTicket(n, FormatId('T', seq), Actor{"x", Role::kCustomer, b}, Timestamp{seq * 1000});
      ASSERT_TRUE(store_->InsertTicket(*txn, c->ticket).ok());
      ASSERT_TRUE(store_->AppendEvents(*txn, c->events).ok());
    }
    ASSERT_TRUE(txn->Commit().ok());
  }
  SearchFilter mine;
  mine.customer_id = a;
  EXPECT_EQ(Refs(Find("发票", mine)), std::set<std::string>{old.id});
  SearchFilter all;
  all.limit = 50;
  auto hits = Find("发票", all);
  EXPECT_EQ(hits.size(), 50u);
  EXPECT_EQ(Refs(hits).count(old.id), 0u) << "the oldest match is past the ranked newest ones";
}

TEST_P(SearchStoreTest, RolledBackWritesLeaveNothingInTheIndex) {
  std::string c = AddCustomer("王芳");
  {
    auto txn = Write();
    NewTicket n;
    n.subject = "洗衣机漏水";
    n.body = "滚筒洗衣机第一次用就漏水";
    n.customer_id = c;
    auto ch = OpenTicket(n, FormatId('T', *store_->NextSeq(*txn, 'T')), Actor{"x", Role::kCustomer, c},
                         Timestamp{5});
    ASSERT_TRUE(store_->InsertTicket(*txn, ch->ticket).ok());
    ASSERT_TRUE(store_->AppendEvents(*txn, ch->events).ok());
  }  // no commit
  EXPECT_TRUE(Find("洗衣机").empty());
}

TEST_P(SearchStoreTest, SubjectChangesAreReindexed) {
  std::string c = AddCustomer("王芳");
  Ticket t = AddTicketWith(c, "咨询", "你好");
  auto txn = Write();
  Ticket changed = t;
  changed.subject = "空调不制冷";
  changed.version = t.version + 1;
  ASSERT_TRUE(store_->UpdateTicket(*txn, changed, t.version).ok());
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(Refs(Find("制冷")), std::set<std::string>{t.id});
  EXPECT_TRUE(Find("咨询").empty());
}

TEST_P(SearchStoreTest, CustomersByNameAndPhone) {
  std::string c = AddCustomer("欧阳娜娜");
  SearchFilter f;
  f.type = "customer";
  EXPECT_EQ(Refs(Find("欧阳", f)), std::set<std::string>{c});
  EXPECT_EQ(Refs(Find("13800138000", f)), std::set<std::string>{c});
}

TEST_P(SearchStoreTest, ArticlesRoundTripAndIndexPublishedState) {
  Article a;
  {
    auto txn = Write();
    a.id = FormatId('K', *store_->NextSeq(*txn, 'K'));
    a.title = "七天无理由退货怎么申请";
    a.body = "签收后七天内，商品完好即可在订单页申请退货。";
    a.category = "return_refund_request";
    a.tags = {"退货"};
    a.author = "chen.jie";
    a.created_at = a.updated_at = Timestamp{7};
    a.version = 1;
    ASSERT_TRUE(store_->InsertArticle(*txn, a).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  {
    auto txn = Read();
    auto got = store_->GetArticle(*txn, a.id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->title, a.title);
    EXPECT_EQ(got->tags, a.tags);
    EXPECT_FALSE(got->published);
  }
  SearchFilter f;
  f.type = "article";
  EXPECT_EQ(Refs(Find("退貨", f)), std::set<std::string>{a.id});
  f.published_only = true;
  EXPECT_TRUE(Find("退货", f).empty());
  {
    auto txn = Write();
    Article pub = a;
    pub.published = true;
    pub.version = 2;
    ASSERT_TRUE(store_->UpdateArticle(*txn, pub, 1).ok());
    EXPECT_EQ(store_->UpdateArticle(*txn, pub, 1).code(), StatusCode::kAborted);
    ASSERT_TRUE(txn->Commit().ok());
  }
  EXPECT_EQ(Refs(Find("退货", f)), std::set<std::string>{a.id});
  {
    auto txn = Write();
    ASSERT_TRUE(store_->DeleteArticle(*txn, a.id).ok());
    EXPECT_EQ(store_->DeleteArticle(*txn, a.id).code(), StatusCode::kNotFound);
    ASSERT_TRUE(txn->Commit().ok());
  }
  f.published_only = false;
  EXPECT_TRUE(Find("退货", f).empty());
}

TEST_P(SearchStoreTest, ModelsAndLabels) {
  std::string c = AddCustomer("王芳");
  Ticket t = AddTicketWith(c, "发票", "开票");
  auto txn = Write();
  EXPECT_EQ(store_->LatestModel(*txn, "category").status().code(), StatusCode::kNotFound);
  std::string bytes("\0\1binary\xff", 9);
  ASSERT_TRUE(store_->PutModel(*txn, "category", "old", "{}", Timestamp{1}).ok());
  ASSERT_TRUE(store_->PutModel(*txn, "category", bytes, R"({"v":2})", Timestamp{2}).ok());
  auto latest = store_->LatestModel(*txn, "category");
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->first, bytes);
  EXPECT_EQ(latest->second, R"({"v":2})");
  ASSERT_TRUE(store_->PutCategoryLabel(*txn, t.id, "other", "发票 开票", "li.na", Timestamp{3}).ok());
  ASSERT_TRUE(store_->PutCategoryLabel(*txn, t.id, "invoice", "发票 开票", "li.na", Timestamp{4}).ok());
  auto labels = store_->ListCategoryLabels(*txn);
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(labels->size(), 1u);
  EXPECT_EQ((*labels)[0].first, "invoice");
}

TEST_P(SearchStoreTest, BadQueriesAreValidationErrors) {
  auto txn = Read();
  SearchFilter f;
  EXPECT_EQ(store_->Search(*txn, f).status().code(), StatusCode::kValidation);  // empty
  f.match = "\"x\"";
  f.type = "order";
  EXPECT_EQ(store_->Search(*txn, f).status().code(), StatusCode::kValidation);
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchStoreTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory),
                         [](const auto& info) {
                           return info.param == Backend::kSqliteFile ? "SqliteFile" : "SqliteMemory";
                         });

// A store opened without an analyzer cannot index: the index is marked
// stale and the next store opened with one rebuilds it.
TEST(SearchIndexRebuild, StaleIndexIsRebuiltOnOpen) {
  ::kefu::testing::TempDir dir;
  std::string path = dir.File("kefu.db");
  {
    auto s = OpenSqliteStore({path, 1, &DefaultSearchAnalyzer()});
    ASSERT_TRUE(s.ok());
  }
  {
    auto s = OpenSqliteStore({path, 1});
    ASSERT_TRUE(s.ok());
    auto txn = std::move((*s)->Begin(TxnMode::kWrite)).value();
    ASSERT_TRUE((*s)->InsertCustomer(*txn, {"C-000001", "司马光", "", "", Tier::kNormal, {}}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto s = OpenSqliteStore({path, 1, &DefaultSearchAnalyzer()});
  ASSERT_TRUE(s.ok());
  auto txn = std::move((*s)->Begin(TxnMode::kRead)).value();
  SearchFilter f;
  f.type = "customer";
  f.match = text::ParseQuery(DefaultSearchAnalyzer().tokenizer(), "司马光").match;
  auto hits = (*s)->Search(*txn, f);
  ASSERT_TRUE(hits.ok());
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].ref, "C-000001");
}

}  // namespace
}  // namespace kefu
