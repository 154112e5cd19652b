// What the web console relies on (docs/api.md §1.3 and §11): the cookie
// session and its CSRF token, the console's files and security headers,
// inbox views and counts, presence, reply checks, ratings and the
// dashboard. The live stream has its own file (api_stream_test.cc).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

// Signs `w` in with {"cookie": true}; returns {cookie header value, csrf}.
std::pair<std::string, std::string> CookieLogin(ApiWorld& w, Who who) {
  w.Token(who);  // creates the user
  HttpResult r = w.Post("/api/v1/auth/login", "",
                        Json{{"login", WhoName(who)}, {"password", "password123"}, {"cookie", true}});
  EXPECT_EQ(r.status, 200) << Describe(r);
  std::string set = r.Header("Set-Cookie");
  EXPECT_NE(set.find("HttpOnly"), std::string::npos) << set;
  EXPECT_NE(set.find("SameSite=Strict"), std::string::npos) << set;
  EXPECT_TRUE(r.body["token"].is_null()) << "a cookie session must not show its token to scripts";
  auto semi = set.find(';');
  return {set.substr(0, semi), r.body["csrf_token"].get<std::string>()};
}

TEST(ApiConsoleTest, CookieSessionNeedsTheCsrfTokenForWrites) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  auto [cookie, csrf] = CookieLogin(w, Who::kAgentA);
  ASSERT_FALSE(csrf.empty());

  HttpResult me = w.Raw("GET", "/api/v1/auth/me", "", "", {{"Cookie", "theme=dark; " + cookie}});
  ASSERT_EQ(me.status, 200) << Describe(me);
  EXPECT_EQ(me.body["login"], WhoName(Who::kAgentA));
  EXPECT_EQ(me.body["csrf_token"], csrf);

  Json before = w.Snapshot();
  std::string note = Json{{"body", "备注"}, {"internal", true}}.dump();
  std::string path = "/api/v1/tickets/" + id + "/messages";
  EXPECT_TRUE(IsError(w.Raw("POST", path, "", note, {{"Cookie", cookie}}), 403, "csrf_failed"));
  EXPECT_TRUE(IsError(w.Raw("POST", path, "", note, {{"Cookie", cookie}, {"X-CSRF-Token", csrf + "0"}}),
                      403, "csrf_failed"));
  // Another session's token is no good either.
  auto [cookie2, csrf2] = CookieLogin(w, Who::kAgentB);
  EXPECT_TRUE(IsError(w.Raw("POST", path, "", note, {{"Cookie", cookie}, {"X-CSRF-Token", csrf2}}), 403,
                      "csrf_failed"));
  EXPECT_EQ(w.Snapshot(), before) << "a refused write changed something";

  HttpResult ok = w.Raw("POST", path, "", note, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok.status, 201) << Describe(ok);
  // A bearer header wins over the cookie and needs no CSRF token.
  HttpResult bearer = w.Raw("POST", path, w.Token(Who::kAgentA), note, {{"Cookie", cookie2}});
  EXPECT_EQ(bearer.status, 201) << Describe(bearer);

  HttpResult out = w.Raw("POST", "/api/v1/auth/logout", "", "{}", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  ASSERT_EQ(out.status, 200) << Describe(out);
  EXPECT_NE(out.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_TRUE(IsError(w.Raw("GET", "/api/v1/auth/me", "", "", {{"Cookie", cookie}}), 401, "unauthenticated"));
}

TEST(ApiConsoleTest, BearerLoginSetsNoCookie) {
  ApiWorld w;
  w.Token(Who::kAgentA);
  HttpResult r = w.Post("/api/v1/auth/login", "", Json{{"login", WhoName(Who::kAgentA)}, {"password", "password123"}});
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(r.Header("Set-Cookie").empty());
  EXPECT_TRUE(r.body["token"].is_string());
  EXPECT_TRUE(r.body["csrf_token"].is_null());
}

void WriteFile(const std::string& path, const std::string& text) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream(path) << text;
}

TEST(ApiConsoleTest, ServesTheConsoleWithItsSecurityHeaders) {
  ApiWorld w;
  WriteFile(w.s().web_root() + "/index.html", "<!doctype html><title>客服</title>");
  WriteFile(w.s().web_root() + "/assets/index-Ab1.js", "console.log(1)");
  WriteFile(w.s().web_root() + "/../secret.txt", "not for you");

  for (const char* path : {"/", "/console/tickets/T-000001", "/help/new?x=1"}) {
    HttpResult r = w.Get(path, "");
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.text, "<!doctype html><title>客服</title>") << path;
    EXPECT_EQ(r.Header("Content-Type"), "text/html; charset=utf-8");
    std::string csp = r.Header("Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
    EXPECT_EQ(r.Header("X-Frame-Options"), "DENY");
  }
  HttpResult js = w.Get("/assets/index-Ab1.js", "");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.text, "console.log(1)");
  EXPECT_EQ(js.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(js.Header("Cache-Control").find("immutable"), std::string::npos);

  // Nothing outside the assets folder, and no file that is not there.
  for (const char* path : {"/assets/missing.js", "/assets/..%2Fsecret.txt", "/assets/%2e%2e/secret.txt",
                           "/assets/.hidden", "/assets/a/../../secret.txt"}) {
    HttpResult r = w.Get(path, "");
    EXPECT_NE(r.text, "not for you") << path;
    EXPECT_NE(r.status, 200) << path;
  }
  // The API keeps its JSON errors, with the same headers.
  HttpResult api = w.Get("/api/v1/nothing-here", "");
  EXPECT_TRUE(IsError(api, 404, "not_found"));
  EXPECT_FALSE(api.Header("Content-Security-Policy").empty());
  EXPECT_TRUE(IsError(w.Raw("POST", "/console", ""), 404, "not_found"));
}

TEST(ApiConsoleTest, InboxViewsAndTheirCounts) {
  ApiWorld w;
  std::string vip = w.NewCustomer(Json{{"name", "贵宾"}, {"tier", "vip"}});
  std::string a = w.NewTicket(Who::kCust1, "一");
  std::string b = w.NewTicket(Who::kCust1, "二");
  std::string c = w.NewTicket(Who::kCust2, "三");
  std::string d = w.CreateTicket(Who::kLead, Json{{"subject", "贵宾的快递"}, {"body", "还没到"},
                                                  {"customer", vip}, {"category", "logistics_delay"}})["id"];
  w.Assign(Who::kLead, a, Who::kAgentA);
  w.Assign(Who::kLead, b, Who::kAgentA);
  w.Reply(Who::kAgentA, b);
  w.Move(Who::kAgentA, b, "pending_third_party");
  w.Assign(Who::kLead, c, Who::kAgentB);
  w.Reply(Who::kAgentB, c);
  w.Move(Who::kAgentB, c, "resolved");

  auto ids = [&](Who who, const std::string& view) { return w.ListIds(who, "view=" + view); };
  using V = std::vector<std::string>;
  EXPECT_EQ(ids(Who::kAgentA, "mine"), (V{b, a}));
  EXPECT_EQ(ids(Who::kAgentB, "mine"), V{}) << "resolved tickets leave the view";
  EXPECT_EQ(ids(Who::kLead, "pending_third_party"), V{b});
  EXPECT_EQ(ids(Who::kLead, "vip"), V{d});
  EXPECT_EQ(ids(Who::kAgentA, "vip"), V{d}) << "an agent sees the unassigned VIP ticket";
  EXPECT_EQ(ids(Who::kAgentB, "pending_third_party"), V{}) << "agent B cannot see agent A's ticket";
  EXPECT_EQ(w.ListIds(Who::kLead, "category=logistics_delay"), V{d});
  EXPECT_EQ(w.ListIds(Who::kLead, "category=-&status=new").size(), 0u) << "the classifier categorised them";
  EXPECT_TRUE(IsError(w.Get("/api/v1/tickets?category=lost", w.Token(Who::kLead)), 422, "validation_failed"));

  for (Who who : {Who::kAgentA, Who::kAgentB, Who::kLead}) {
    HttpResult counts = w.Get("/api/v1/inbox/counts", w.Token(who));
    ASSERT_EQ(counts.status, 200) << Describe(counts);
    for (const char* view : {"mine", "team", "unassigned", "breaching_soon", "breached", "vip",
                             "pending_third_party"}) {
      EXPECT_EQ(counts.body[view].get<size_t>(), ids(who, view).size()) << WhoName(who) << " " << view;
    }
  }
  EXPECT_TRUE(IsError(w.Get("/api/v1/tickets?view=mine", w.Token(Who::kCust1)), 403, "forbidden"));
  EXPECT_TRUE(IsError(w.Get("/api/v1/inbox/counts", w.Token(Who::kCust1)), 403, "forbidden"));
  EXPECT_TRUE(IsError(w.Get("/api/v1/tickets?view=everything", w.Token(Who::kLead)), 422, "validation_failed"));
}

TEST(ApiConsoleTest, PresenceShowsWhoElseIsReplying) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  std::string path = "/api/v1/tickets/" + id + "/presence";
  HttpResult first = w.Raw("PUT", path, w.Token(Who::kAgentA), R"({"state":"replying"})");
  ASSERT_EQ(first.status, 200) << Describe(first);
  EXPECT_TRUE(first.body["items"].empty());

  HttpResult second = w.Raw("PUT", path, w.Token(Who::kAgentB), R"({"state":"viewing"})");
  ASSERT_EQ(second.status, 200) << Describe(second);
  ASSERT_EQ(second.body["items"].size(), 1u);
  EXPECT_EQ(second.body["items"][0]["login"], WhoName(Who::kAgentA));
  EXPECT_EQ(second.body["items"][0]["state"], "replying");

  EXPECT_EQ(w.Get(path, w.Token(Who::kLead)).body["items"].size(), 2u);
  ASSERT_EQ(w.Raw("PUT", path, w.Token(Who::kAgentA), R"({"state":"left"})").status, 200);
  HttpResult now = w.Get(path, w.Token(Who::kLead));
  ASSERT_EQ(now.body["items"].size(), 1u);
  EXPECT_EQ(now.body["items"][0]["login"], WhoName(Who::kAgentB));

  EXPECT_TRUE(IsError(w.Raw("PUT", path, w.Token(Who::kCust1), R"({"state":"viewing"})"), 403, "forbidden"));
  EXPECT_TRUE(IsError(w.Raw("PUT", path, w.Token(Who::kAgentA), R"({"state":"typing"})"), 422,
                      "validation_failed"));
  EXPECT_TRUE(IsError(w.Raw("PUT", path, w.Token(Who::kAgentA), R"({"state":"viewing","x":1})"), 422,
                      "validation_failed"));
  // An agent cannot be present on a ticket they cannot see.
  w.Assign(Who::kLead, id, Who::kAgentC);
  EXPECT_TRUE(IsError(w.Raw("PUT", path, w.Token(Who::kAgentA), R"({"state":"viewing"})"), 404, "not_found"));
}

TEST(ApiConsoleTest, ReplyCheckFindsForbiddenPhrasesInEitherScript) {
  ApiWorld w;
  ASSERT_EQ(w.Post("/api/v1/forbidden-phrases", w.Token(Who::kLead),
                   Json{{"phrase", "不归我们管"}, {"reason", "推卸责任"}}).status, 201);
  HttpResult r = w.Post("/api/v1/replies/check", w.Token(Who::kAgentA), Json{{"text", "这事不歸我們管哦"}});
  ASSERT_EQ(r.status, 200) << Describe(r);
  ASSERT_EQ(r.body["matches"].size(), 1u);
  EXPECT_EQ(r.body["matches"][0]["phrase"], "不归我们管");
  EXPECT_EQ(r.body["matches"][0]["blocking"], false);
  EXPECT_EQ(r.body["matches"][0]["reason"], "推卸责任");
  EXPECT_TRUE(w.Post("/api/v1/replies/check", w.Token(Who::kAgentA), Json{{"text", "马上帮您处理"}})
                  .body["matches"].empty());
  EXPECT_TRUE(IsError(w.Post("/api/v1/replies/check", w.Token(Who::kCust1), Json{{"text", "x"}}), 403,
                      "forbidden"));
}

TEST(ApiConsoleTest, CustomersRateResolvedTicketsOnce) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  std::string path = "/api/v1/tickets/" + id + "/rating";
  Json five{{"score", 5}, {"comment", "处理很快"}};
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kCust1), five), 409, "not_resolved"));
  w.Reply(Who::kAgentA, id);
  w.Move(Who::kAgentA, id, "resolved");
  w.Token(Who::kCust2);  // users are created on first use
  Json before = w.Snapshot();
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kAgentA), five), 403, "forbidden"));
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kCust2), five), 404, "not_found"));
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kCust1), Json{{"score", 6}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kCust1), Json{{"score", 0}}), 422, "validation_failed"));
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kCust1), Json{{"score", 4}, {"stars", 4}}), 422,
                      "validation_failed"));
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kCust1), Json{{"score", 4}, {"comment", std::string(3003, 'x')}}),
                      422, "validation_failed"));
  EXPECT_EQ(w.Snapshot(), before);
  EXPECT_TRUE(w.Get(path, w.Token(Who::kCust1)).body["rating"].is_null());

  HttpResult ok = w.Post(path, w.Token(Who::kCust1), five);
  ASSERT_EQ(ok.status, 201) << Describe(ok);
  EXPECT_EQ(ok.body["score"], 5);
  Json mine = w.Get(path, w.Token(Who::kCust1)).body;
  EXPECT_EQ(mine["rating"]["score"], 5);
  EXPECT_EQ(mine["rating"]["comment"], "处理很快");
  EXPECT_EQ(w.Get(path, w.Token(Who::kLead)).body["rating"]["score"], 5);
  EXPECT_TRUE(IsError(w.Get(path, w.Token(Who::kCust2)), 404, "not_found"));
  EXPECT_TRUE(IsError(w.Post(path, w.Token(Who::kCust1), Json{{"score", 1}}), 409, "already_rated"));
  std::vector<Json> events = w.Events(Who::kCust1, id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back()["type"], "rated");
}

TEST(ApiConsoleTest, DashboardCountsTheWindow) {
  ApiWorld w;
  std::string a = w.CreateTicket(Who::kLead, Json{{"subject", "物流慢"}, {"body", "x"},
                                                  {"customer", w.CustomerId(Who::kCust1)},
                                                  {"category", "logistics_delay"}})["id"];
  std::string b = w.CreateTicket(Who::kLead, Json{{"subject", "质量差"}, {"body", "x"},
                                                  {"customer", w.CustomerId(Who::kCust1)},
                                                  {"category", "quality_issue"}})["id"];
  w.CreateTicket(Who::kLead, Json{{"subject", "又慢"}, {"body", "x"}, {"customer", w.CustomerId(Who::kCust2)},
                                  {"category", "logistics_delay"}});
  w.Reply(Who::kAgentA, a);
  w.Move(Who::kAgentA, a, "resolved");
  ASSERT_EQ(w.Post("/api/v1/tickets/" + a + "/rating", w.Token(Who::kCust1), Json{{"score", 4}}).status, 201);
  (void)b;

  EXPECT_TRUE(IsError(w.Get("/api/v1/reports/dashboard", w.Token(Who::kAgentA)), 403, "forbidden"));
  EXPECT_TRUE(IsError(w.Get("/api/v1/reports/dashboard?days=0", w.Token(Who::kLead)), 422, "validation_failed"));
  EXPECT_TRUE(IsError(w.Get("/api/v1/reports/dashboard?days=91", w.Token(Who::kLead)), 422, "validation_failed"));
  HttpResult r = w.Get("/api/v1/reports/dashboard?days=7", w.Token(Who::kManager));
  ASSERT_EQ(r.status, 200) << Describe(r);
  const Json& d = r.body;
  EXPECT_EQ(d["days"], 7);
  EXPECT_EQ(d["by_status"]["resolved"], 1);
  EXPECT_EQ(d["by_status"]["new"], 2);
  ASSERT_GE(d["by_category"].size(), 2u);
  EXPECT_EQ(d["by_category"][0], (Json{{"category", "logistics_delay"}, {"count", 2}}));
  EXPECT_EQ(d["first_response"]["count"], 1);
  EXPECT_EQ(d["resolution"]["count"], 1);
  EXPECT_EQ(d["csat"]["count"], 1);
  EXPECT_EQ(d["csat"]["average"], 4.0);
  EXPECT_EQ(d["csat"]["satisfied_share"], 1.0);
  ASSERT_EQ(d["trend"].size(), 7u);
  EXPECT_EQ(d["trend"][6]["created"], 3);
  EXPECT_EQ(d["trend"][6]["resolved"], 1);
  EXPECT_EQ(d["trend"][6]["backlog"], 2);
}

}  // namespace
}  // namespace kefu::testing
