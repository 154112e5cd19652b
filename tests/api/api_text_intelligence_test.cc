// Text intelligence through the real server: search in either script with
// visibility and paging, new tickets classified with sentiment, agents'
// category choices as training labels, knowledge-base articles and the FAQ
// bot's answers, handoffs and transcripts.
#include <gtest/gtest.h>

#include <set>

#include "api/after_sales_world.h"

namespace kefu::testing {
namespace {

class TextIntelligenceTest : public AfterSalesApiTest {
 protected:
  Json Search(const std::string& token, const std::string& query, const std::string& extra = "") {
    return Ok(srv_.Get("/api/v1/search?q=" + UrlEncode(query) + extra, token), 200);
  }
  static std::set<std::string> Ids(const Json& page) {
    std::set<std::string> out;
    for (const auto& i : page["items"]) out.insert(i["id"].get<std::string>());
    return out;
  }
  static std::string UrlEncode(const std::string& s) {
    std::string out;
    char buf[4];
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
        out += static_cast<char>(c);
      } else {
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }
  Json Ask(const std::string& token, Json body) {
    return Ok(srv_.Post("/api/v1/bot/ask", token, body), 200);
  }
  std::string Article(const std::string& title, const std::string& body, const std::string& category,
                      bool published = true) {
    return Ok(srv_.Post("/api/v1/articles", lead_,
                        Json{{"title", title}, {"body", body}, {"category", category},
                             {"published", published}}),
              201)["id"];
  }
};

TEST_F(TextIntelligenceTest, SearchFindsEitherScriptWithinWhatEachUserMaySee) {
  std::string mine = NewTicket(cus_, {{"subject", "耳機左耳沒聲音"}, {"body", "買了十天左耳就沒聲音了"}});
  std::string theirs = NewTicket(cus2_, {{"subject", "耳机右耳没声音"}, {"body", "右边完全不响"}});
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + mine + "/messages", boss_,
                      Json{{"body", "怀疑是耳机固件问题"}, {"internal", true}})
                .status,
            201);
  // Simplified query, traditional text and the reverse.
  EXPECT_EQ(Ids(Search(boss_, "耳机 声音")), (std::set<std::string>{mine, theirs}));
  EXPECT_EQ(Ids(Search(boss_, "聲音")), (std::set<std::string>{mine, theirs}));
  // A customer finds only their own tickets, and never internal notes.
  EXPECT_EQ(Ids(Search(cus_, "耳机")), std::set<std::string>{mine});
  EXPECT_TRUE(Ids(Search(cus_, "固件")).empty());
  EXPECT_EQ(Ids(Search(boss_, "固件")), std::set<std::string>{mine});
  Json hit = Search(boss_, "固件")["items"][0];
  EXPECT_EQ(hit["matched"], "note");
  EXPECT_EQ(hit["snippet"], "怀疑是耳机固件问题");
  EXPECT_EQ(hit["highlights"], Json::array({Json::array({5, 7})}));
  // Messages: each message on its own, with its ticket.
  Json messages = Search(boss_, "左耳", "&type=message");
  ASSERT_EQ(messages["items"].size(), 1u);
  EXPECT_EQ(messages["items"][0]["ticket_id"], mine);
  EXPECT_EQ(messages["items"][0]["type"], "message");
  // Customers: staff only.
  EXPECT_EQ(srv_.Get("/api/v1/search?type=customer&q=cus", cus_).status, 403);
  // Filters.
  EXPECT_EQ(Ids(Search(boss_, "耳机", "&customer=" + srv_.CustomerOf("cus2"))),
            std::set<std::string>{theirs});
  EXPECT_TRUE(Ids(Search(boss_, "耳机", "&status=closed")).empty());
}

TEST_F(TextIntelligenceTest, SearchPagesWithCursorsAndRefusesBadQueries) {
  std::set<std::string> made;
  for (int i = 0; i < 7; ++i) {
    made.insert(NewTicket(cus_, {{"subject", "发票问题 " + std::to_string(i)}, {"body", "开票"}}));
  }
  std::set<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 5; ++page) {
    Json p = Search(boss_, "发票", "&limit=3" + (cursor.empty() ? "" : "&cursor=" + UrlEncode(cursor)));
    for (const auto& i : p["items"]) EXPECT_TRUE(seen.insert(i["id"]).second);
    if (p["next_cursor"].is_null()) break;
    cursor = p["next_cursor"];
  }
  EXPECT_EQ(seen, made);
  for (const char* bad : {"/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=%E7%9A%84",
                          "/api/v1/search?q=a&type=order", "/api/v1/search?q=a&cursor=zz",
                          "/api/v1/search?q=a&status=done", "/api/v1/search?q=a&lang=zh",
                          "/api/v1/search?q=a&from=yesterday"}) {
    HttpResult r = srv_.Get(bad, boss_);
    EXPECT_TRUE(r.status == 400 || r.status == 422) << bad << ": " << r.text;
    EXPECT_TRUE(r.body.contains("error")) << bad;
  }
  EXPECT_EQ(srv_.Get("/api/v1/search?q=a", "").status, 401);
}

TEST_F(TextIntelligenceTest, NewTicketsArriveClassifiedWithSentiment) {
  std::string id = NewTicket(cus_, {{"subject", "快遞三天沒更新了"}, {"body", "物流一直停在中轉站，太慢了！！"}});
  Json t = Ticket(id);
  EXPECT_EQ(t["category"], "logistics_delay");
  EXPECT_EQ(t["sentiment"], "negative");
  bool classified = false;
  for (const auto& e : Events(id, boss_, "category_changed")) {
    classified = e["actor"] == "system" &&
                 e["data"]["reason"].get<std::string>().rfind("classifier ", 0) == 0;
  }
  EXPECT_TRUE(classified);
  // The customer sees neither the sentiment nor the classifier's reasons.
  Json own = Ok(srv_.Get("/api/v1/tickets/" + id, cus_), 200);
  EXPECT_TRUE(own["sentiment"].is_null());
  // A category given at creation is kept.
  std::string chosen = NewTicket(cus_, {{"subject", "快递没更新"}, {"category", "invoice"}});
  EXPECT_EQ(Ticket(chosen)["category"], "invoice");
}

TEST_F(TextIntelligenceTest, AnAgentsCategoryChoiceIsATrainingLabel) {
  std::string id = NewTicket(cus_, {{"subject", "积分兑换的券用不了"}, {"body", "会员积分换的券结算时用不了"}});
  // A correction: a category other than the classifier's.
  std::string label = Ticket(id)["category"] == "other" ? "price_promotion" : "other";
  ASSERT_EQ(srv_.Patch("/api/v1/tickets/" + id, lead_, Json{{"category", label}}).status, 200);
  HttpResult agent = srv_.Post("/api/v1/text/classifier/train", ann_, Json::object());
  EXPECT_EQ(agent.status, 403);
  Json rep = Ok(srv_.Post("/api/v1/text/classifier/train", boss_, Json::object()), 200);
  EXPECT_EQ(rep["agent_labels"], 1);
  EXPECT_GE(rep["evaluation"]["macro_f1"].get<double>(), 0.85);
  EXPECT_EQ(rep["evaluation"]["classes"].size(), 18u);
  // The new model is in use at once, and stored for the next start.
  Json a = Ok(srv_.Post("/api/v1/text/analyze", ann_, Json{{"text", "我要开发票"}}), 200);
  EXPECT_EQ(a["category"], "invoice");
  EXPECT_EQ(a["sentiment"], "neutral");
  EXPECT_FALSE(a["threat"].get<bool>());
  EXPECT_EQ(a["alternatives"].size(), 2u);
}

TEST_F(TextIntelligenceTest, ArticlesAreWrittenByLeadsAndPublishedOnesReadByCustomers) {
  std::string pub = Article("发票怎么开", "在订单详情页申请开票。", "invoice");
  std::string draft = Article("活动规则", "草稿", "price_promotion", false);
  EXPECT_EQ(srv_.Post("/api/v1/articles", ann_, Json{{"title", "x"}, {"body", "y"}}).status, 403);
  EXPECT_EQ(srv_.Post("/api/v1/articles", lead_, Json{{"title", "x"}, {"body", "y"}, {"category", "nope"}}).status,
            422);
  EXPECT_EQ(srv_.Post("/api/v1/articles", lead_, Json{{"title", "x"}, {"body", "y"}, {"extra", 1}}).status,
            422);
  EXPECT_EQ(srv_.Get("/api/v1/articles/" + draft, cus_).status, 404);
  EXPECT_EQ(srv_.Get("/api/v1/articles/" + draft, ann_).status, 200);
  Json list = Ok(srv_.Get("/api/v1/articles", cus_), 200);
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["id"], pub);
  EXPECT_FALSE(list["items"][0].contains("author"));
  // Search finds articles in either script; customers only published ones.
  EXPECT_EQ(Ids(Search(cus_, "發票", "&type=article")), std::set<std::string>{pub});
  EXPECT_EQ(Ids(Search(cus_, "草稿", "&type=article")), std::set<std::string>{});
  EXPECT_EQ(Ids(Search(lead_, "草稿", "&type=article")), std::set<std::string>{draft});
  // Updates check the version; deletes are final.
  EXPECT_EQ(srv_.Patch("/api/v1/articles/" + draft, lead_, Json{{"published", true}, {"expected_version", 9}}).status,
            409);
  EXPECT_EQ(Ok(srv_.Patch("/api/v1/articles/" + draft, lead_, Json{{"published", true}}), 200)["version"], 2);
  EXPECT_EQ(srv_.Delete("/api/v1/articles/" + draft, ann_).status, 403);
  EXPECT_EQ(srv_.Delete("/api/v1/articles/" + draft, lead_).status, 200);
  EXPECT_EQ(srv_.Get("/api/v1/articles/" + draft, lead_).status, 404);
}

TEST_F(TextIntelligenceTest, TheBotAnswersFromTheCustomersShipment) {
  std::string order = NewOrder(srv_.CustomerOf("cus"), Json::array({Item("S1", "耳机", 1, 29900, "")}),
                               ShippedOnly());
  Json sh = Ok(srv_.Post("/api/v1/shipments", lead_,
                         Json{{"order", order}, {"carrier", "顺丰速运"}, {"tracking_number", "SF7000000001"}}),
               201);
  Json reply = Ask(cus_, {{"text", "我的快递到哪了"}});
  EXPECT_EQ(reply["action"], "answer") << reply.dump();
  EXPECT_EQ(reply["source"], "shipment");
  EXPECT_NE(reply["answer"].get<std::string>().find("SF7000000001"), std::string::npos) << reply.dump();
  // The exchange is on a chat ticket that waits for the customer to say
  // whether the answer helped; the transcript is a note.
  std::string ticket = reply["ticket_id"];
  EXPECT_EQ(reply["confirm_question"], "这个回答解决您的问题了吗？");
  Json t = Ticket(ticket);
  EXPECT_EQ(t["channel"], "chat");
  EXPECT_EQ(t["status"], "pending_customer");
  auto notes = Events(ticket, boss_, "note");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0]["data"]["body"].get<std::string>().find("SF7000000001"), std::string::npos);
  // The customer reads the bot's answer on the ticket later, not its workings.
  auto said = Events(ticket, cus_, "bot_reply");
  ASSERT_EQ(said.size(), 2u);
  EXPECT_EQ(said[0]["data"]["body"], reply["answer"]);
  EXPECT_EQ(said[0]["data"]["reason"], "answer");
  EXPECT_EQ(said[1]["data"]["body"], "这个回答解决您的问题了吗？");
  EXPECT_EQ(said[1]["data"]["reason"], "confirm");
  EXPECT_TRUE(Events(ticket, cus_, "note").empty());
  EXPECT_TRUE(Ticket(ticket)["owner"].is_null()) << "the bot owns nothing";
  EXPECT_TRUE(Ticket(ticket)["first_response_at"].is_null()) << "the bot's answer is not a staff response";
  // Another customer's parcel is never told.
  Json other = Ask(cus2_, {{"text", "我的快递到哪了"}});
  if (other["action"] == "answer") {
    EXPECT_EQ(other["answer"].get<std::string>().find("SF7000000001"), std::string::npos);
  }
  // A follow-up on the same ticket that asks for a person reopens it for the team.
  Json follow = Ask(cus_, {{"text", "转人工"}, {"ticket_id", ticket}});
  EXPECT_EQ(follow["action"], "handoff");
  EXPECT_EQ(follow["reason"], "asked_for_person");
  EXPECT_EQ(follow["ticket_id"], ticket);
  t = Ticket(ticket);
  EXPECT_EQ(t["status"], "open");
  said = Events(ticket, cus_, "bot_reply");
  ASSERT_EQ(said.size(), 3u);
  EXPECT_EQ(said[2]["data"]["body"], "正在为您转接人工客服，请稍候。");
  EXPECT_EQ(said[2]["data"]["reason"], "handoff");
  EXPECT_NE(std::find(t["tags"].begin(), t["tags"].end(), "bot_handoff"), t["tags"].end());
}

TEST_F(TextIntelligenceTest, TheBotAnswersFromArticlesAndHandsOffTheRest) {
  Article("七天无理由退货怎么申请", "签收后七天内，在订单页申请退货退款。", "return_refund_request");
  Json answer = Ask(cus_, {{"text", "怎么申请七天无理由退货"}});
  EXPECT_EQ(answer["action"], "answer") << answer.dump();
  EXPECT_EQ(answer["source"], "article");
  struct Case {
    const char* text;
    const char* reason;
  };
  for (const Case& c : {Case{"人工客服", "asked_for_person"},
                        Case{"再不退款我就打12315", "threat"},
                        Case{"你们凭什么拒绝退款", "dispute"},
                        Case{"收到的杯子是碎的", "needs_agent"}}) {
    Json r = Ask(cus_, {{"text", c.text}});
    EXPECT_EQ(r["action"], "handoff") << c.text << ": " << r.dump();
    EXPECT_EQ(r["reason"], c.reason) << c.text;
    EXPECT_EQ(r["message"], "正在为您转接人工客服，请稍候。");
  }
  // Bad input and other customers' tickets.
  EXPECT_EQ(srv_.Post("/api/v1/bot/ask", cus_, Json{{"text", ""}}).status, 422);
  EXPECT_EQ(srv_.Post("/api/v1/bot/ask", cus_, Json{{"text", "在吗"}, {"customer_id", srv_.CustomerOf("cus2")}}).status,
            404);
  std::string theirs = NewTicket(cus2_, {{"subject", "发票"}});
  EXPECT_EQ(srv_.Post("/api/v1/bot/ask", cus_, Json{{"text", "在吗"}, {"ticket_id", theirs}}).status, 404);
  // Staff may try the bot without a customer: nothing is recorded.
  Json trial = Ask(ann_, {{"text", "怎么申请七天无理由退货"}});
  EXPECT_TRUE(trial["ticket_id"].is_null());
}

}  // namespace
}  // namespace kefu::testing
