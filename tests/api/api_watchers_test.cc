// Watchers (PUT /api/v1/tickets/{id}/watchers) and @mentions in internal
// notes: who may set them, what a watcher sees and hears, and that refused
// requests change nothing.
#include <gtest/gtest.h>

#include <set>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

class WatchersApiTest : public ::testing::Test {
 protected:
  WatchersApiTest() : clock_(*ParseIso8601("2026-11-23T02:00:00Z")), srv_(&clock_) {
    for (auto [login, role] : {std::pair{"boss", Role::kManager}, {"lead1", Role::kLead},
                               {"ann", Role::kAgent}, {"bob", Role::kAgent},
                               {"fawu", Role::kAgent}, {"cus", Role::kCustomer},
                               {"other", Role::kCustomer}}) {
      srv_.AddUser(login, role);
      tokens_[login] = srv_.Login(login);
    }
    HttpResult r = srv_.Put("/api/v1/teams/desk", tokens_["boss"],
                            {{"display_name", "前台"}, {"lead", "lead1"}});
    EXPECT_EQ(r.status, 200) << r.text;
  }

  // A ticket ann opened for cus (ann owns it and works it).
  std::string Opened() {
    HttpResult r = srv_.Post("/api/v1/tickets", tokens_["ann"],
                             {{"subject", "屏幕有坏点"}, {"customer", srv_.CustomerOf("cus")},
                              {"team", "desk"}});
    EXPECT_EQ(r.status, 201) << r.text;
    HttpResult a = srv_.Post("/api/v1/tickets/" + r.body.value("id", "") + "/assign", tokens_["ann"],
                             {{"agent", "ann"}});
    EXPECT_EQ(a.status, 200) << a.text;
    return r.body.value("id", "");
  }

  HttpResult SetWatchers(const std::string& who, const std::string& id, Json body) {
    return srv_.Put("/api/v1/tickets/" + id + "/watchers", tokens_[who], body);
  }
  HttpResult Note(const std::string& who, const std::string& id, const std::string& text,
                  bool internal = true) {
    return srv_.Post("/api/v1/tickets/" + id + "/messages", tokens_[who],
                     {{"body", text}, {"internal", internal}});
  }
  Json Ticket(const std::string& id) { return srv_.Get("/api/v1/tickets/" + id, tokens_["boss"]).body; }

  // Unread notifications of `kind` for `who`, as ticket ids.
  std::multiset<std::string> Told(const std::string& who, const std::string& kind) {
    std::multiset<std::string> out;
    Json page = srv_.Get("/api/v1/notifications?unread=true&limit=100", tokens_[who]).body;
    for (const auto& n : page["items"]) {
      if (n["kind"] == kind) out.insert(n["ticket"].get<std::string>());
    }
    return out;
  }

  std::vector<std::string> Listed(const std::string& who, const std::string& query = "") {
    std::vector<std::string> ids;
    Json page = srv_.Get("/api/v1/tickets" + query, tokens_[who]).body;
    for (const auto& t : page["items"]) ids.push_back(t["id"].get<std::string>());
    return ids;
  }

  FakeClock clock_;
  TestServer srv_;
  std::map<std::string, std::string> tokens_;
};

using V = std::vector<std::string>;

TEST_F(WatchersApiTest, AWatcherSeesTheTicketUntilRemoved) {
  std::string id = Opened();
  // bob works another queue: ann's ticket is not his to see.
  EXPECT_EQ(srv_.Get("/api/v1/tickets/" + id, tokens_["bob"]).status, 404);
  HttpResult r = SetWatchers("ann", id, {{"watchers", {"bob", "fawu", "bob"}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(r.body["watchers"], Json({"bob", "fawu"}));
  EXPECT_EQ(r.body["assignee"], "ann") << "watching does not transfer";
  EXPECT_EQ(srv_.Get("/api/v1/tickets/" + id, tokens_["bob"]).status, 200);
  EXPECT_EQ(Listed("bob"), V{id}) << "an agent's list holds what they watch";
  EXPECT_EQ(Listed("bob", "?view=watching"), V{id});
  EXPECT_EQ(Listed("ann", "?view=watching"), V{}) << "ann works it; she does not watch it";
  // The event names who was added, and stays internal.
  Json events = srv_.Get("/api/v1/tickets/" + id + "/events", tokens_["boss"]).body;
  const Json& last = events["items"].back();
  EXPECT_EQ(last["type"], "watchers_changed");
  EXPECT_EQ(last["data"]["added"], Json({"bob", "fawu"}));
  EXPECT_EQ(last["internal"], true);
  Json seen_by_customer = srv_.Get("/api/v1/tickets/" + id, tokens_["cus"]).body;
  EXPECT_EQ(seen_by_customer["watchers"], Json::array()) << "customers do not see who watches";

  r = SetWatchers("ann", id, {{"watchers", {"fawu"}}});
  ASSERT_EQ(r.status, 200) << r.text;
  EXPECT_EQ(srv_.Get("/api/v1/tickets/" + id, tokens_["bob"]).status, 404);
  EXPECT_EQ(Listed("bob"), V{});
}

TEST_F(WatchersApiTest, WhoMaySetWatchers) {
  std::string id = Opened();
  Json body = {{"watchers", {"fawu"}}};
  EXPECT_TRUE(IsError(SetWatchers("cus", id, body), 403, "forbidden")) << "the customer's own ticket";
  EXPECT_TRUE(IsError(SetWatchers("other", id, body), 404, "not_found"));
  EXPECT_TRUE(IsError(SetWatchers("bob", id, body), 404, "not_found")) << "bob cannot see it";
  EXPECT_TRUE(IsError(srv_.Put("/api/v1/tickets/" + id + "/watchers", "", body), 401, "unauthenticated"));
  EXPECT_EQ(Ticket(id)["watchers"], Json::array());
  for (const char* who : {"ann", "lead1", "boss"}) {
    HttpResult r = SetWatchers(who, id, {{"watchers", {who == std::string("boss") ? "bob" : "fawu"}}});
    EXPECT_EQ(r.status, 200) << who << " " << r.text;
  }
}

TEST_F(WatchersApiTest, BadListsAreRefusedAndChangeNothing) {
  std::string id = Opened();
  ASSERT_EQ(SetWatchers("ann", id, {{"watchers", {"fawu"}}}).status, 200);
  int64_t version = Ticket(id)["version"];
  EXPECT_TRUE(IsError(SetWatchers("ann", id, {{"watchers", {"nobody"}}}), 422, "unknown_watcher"));
  EXPECT_TRUE(IsError(SetWatchers("ann", id, {{"watchers", {"cus"}}}), 422, "unknown_watcher"))
      << "a customer is not staff";
  EXPECT_TRUE(IsError(SetWatchers("ann", id, {{"watchers", {"Bob Smith"}}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(SetWatchers("ann", id, {{"watchers", "bob"}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(SetWatchers("ann", id, Json::object()), 422, "validation_failed"));
  EXPECT_TRUE(IsError(SetWatchers("ann", id, {{"watchers", {"bob"}}, {"notify", true}}), 422,
                      "validation_failed"))
      << "an unknown field";
  Json many = Json::array();
  for (int i = 0; i < 21; ++i) many.push_back("bob");
  EXPECT_TRUE(IsError(SetWatchers("ann", id, {{"watchers", many}}), 422, "too_many_watchers"));
  EXPECT_EQ(Ticket(id)["version"], version);
  EXPECT_EQ(Ticket(id)["watchers"], Json({"fawu"}));
}

TEST_F(WatchersApiTest, AMentionInANoteAddsAWatcherAndTellsThem) {
  std::string id = Opened();
  ASSERT_EQ(Note("ann", id, "@fawu 客户提到要起诉，请法务看一下；@nobody 也看看").status, 201);
  Json t = Ticket(id);
  EXPECT_EQ(t["watchers"], Json({"fawu"})) << "unknown logins stay text";
  EXPECT_EQ(Told("fawu", "mentioned"), std::multiset<std::string>{id});
  EXPECT_EQ(srv_.Get("/api/v1/tickets/" + id, tokens_["fawu"]).status, 200);
  // A second mention tells them again but adds nothing.
  ASSERT_EQ(Note("ann", id, "@fawu 补充：订单号已核实").status, 201);
  EXPECT_EQ(Told("fawu", "mentioned").size(), 2u);
  EXPECT_EQ(Ticket(id)["watchers"], Json({"fawu"}));
  // Public replies and customers' words are not mentions.
  ASSERT_EQ(Note("ann", id, "您好，@bob 会跟进", false).status, 201);
  ASSERT_EQ(Note("cus", id, "@bob 你好", false).status, 201);
  EXPECT_TRUE(Told("bob", "mentioned").empty());
  EXPECT_EQ(Ticket(id)["watchers"], Json({"fawu"}));
}

TEST_F(WatchersApiTest, WatchersHearOfRepliesAndStatusChangesButNotNotes) {
  std::string id = Opened();
  ASSERT_EQ(SetWatchers("ann", id, {{"watchers", {"bob", "fawu"}}}).status, 200);
  ASSERT_EQ(Note("ann", id, "内部备注").status, 201);
  EXPECT_TRUE(Told("bob", "watched").empty()) << "notes are not news for watchers";
  ASSERT_EQ(Note("cus", id, "请尽快处理", false).status, 201);
  ASSERT_EQ(Note("ann", id, "已为您登记", false).status, 201);
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + id + "/transitions", tokens_["ann"],
                      {{"to", "pending_customer"}})
                .status,
            200);
  // A customer reply, ann's reply (which also opened the new ticket: a
  // status change) and the move to pending_customer.
  EXPECT_EQ(Told("bob", "watched").size(), 4u);
  EXPECT_EQ(Told("fawu", "watched").size(), 4u);
  EXPECT_TRUE(Told("ann", "watched").empty()) << "ann is not a watcher";
  // The watcher who acts does not hear of their own act.
  ASSERT_EQ(Note("bob", id, "技术部已确认是批次问题", false).status, 201);
  EXPECT_EQ(Told("bob", "watched").size(), 4u);
  EXPECT_EQ(Told("fawu", "watched").size(), 5u);
}

TEST_F(WatchersApiTest, AnAgentWhoEscalatesATicketTheyDoNotOwnKeepsSeeingIt) {
  HttpResult r = srv_.Post("/api/v1/tickets", tokens_["cus"], {{"subject", "退款没到账"}, {"body", "三天了"}});
  ASSERT_EQ(r.status, 201) << r.text;
  std::string id = r.body["id"];
  ASSERT_EQ(srv_.Patch("/api/v1/tickets/" + id, tokens_["boss"], Json{{"team", "desk"}}).status, 200);
  ASSERT_EQ(srv_.Post("/api/v1/tickets/" + id + "/assign", tokens_["lead1"], {{"agent", "bob"}}).status,
            200);
  HttpResult up = srv_.Post("/api/v1/tickets/" + id + "/escalate", tokens_["bob"],
                            {{"to", "lead"}, {"reason", "客户要求主管处理"}});
  ASSERT_EQ(up.status, 200) << up.text;
  EXPECT_EQ(up.body["assignee"], "lead1");
  EXPECT_EQ(up.body["watchers"], Json({"bob"}));
  EXPECT_EQ(srv_.Get("/api/v1/tickets/" + id, tokens_["bob"]).status, 200);
}

}  // namespace
}  // namespace kefu::testing
