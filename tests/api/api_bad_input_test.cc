// Every bad request gets its HTTP status, its stable error code, the one
// error envelope, and changes nothing: each case compares an admin's view of
// everything (tickets, events, customers, orders) before and after.
#include <gtest/gtest.h>

#include <functional>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

struct BadCase {
  std::string name;
  std::string method;
  std::string path;
  std::string token;
  std::string body;
  int status;
  std::string code;
  httplib::Headers headers = {};
};

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

Json ManyTags(int n) {
  Json tags = Json::array();
  for (int i = 0; i < n; ++i) tags.push_back("tag" + std::to_string(i));
  return tags;
}

class ApiBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c1_ = w_.CustomerId(Who::kCust1);
    c2_ = w_.CustomerId(Who::kCust2);
    const Json items = Json::array({{{"sku", "SKU-1"}, {"quantity", 1}, {"price_fen", 990}}});
    order_c1_ = w_.NewOrder({{"customer", c1_}, {"items", items}})["id"];
    order_c2_ = w_.NewOrder({{"customer", c2_}, {"items", items}})["id"];
    new_id_ = w_.NewTicket(Who::kCust1, "还没人回复");
    open_id_ = w_.NewTicket(Who::kCust1, "已经在处理");
    w_.Reply(Who::kAgentA, open_id_);
    closed_id_ = w_.NewTicket(Who::kCust1, "已经关闭");
    w_.Reply(Who::kAgentA, closed_id_);
    w_.Move(Who::kAgentA, closed_id_, "resolved");
    w_.Move(Who::kAgentA, closed_id_, "closed");
    cust_ = w_.Token(Who::kCust1);
    agent_ = w_.Token(Who::kAgentA);
    lead_ = w_.Token(Who::kLead);
  }

  // Sends each case; checks status, code, envelope and that nothing changed.
  void Run(const std::vector<BadCase>& cases) {
    for (const BadCase& c : cases) {
      SCOPED_TRACE(c.name + " | " + c.method + " " + c.path);
      Json before = w_.Snapshot();
      HttpResult r = w_.Raw(c.method, c.path, c.token, c.body, c.headers);
      EXPECT_TRUE(IsError(r, c.status, c.code));
      if (c.status == 401) {
        EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer");
      }
      EXPECT_EQ(w_.Snapshot(), before) << "the refused request changed something";
    }
  }

  std::string T(const std::string& id, const std::string& rest = "") {
    return "/api/v1/tickets/" + id + rest;
  }

  ApiWorld w_;
  std::string c1_, c2_, order_c1_, order_c2_, new_id_, open_id_, closed_id_;
  std::string cust_, agent_, lead_;
};

TEST_F(ApiBadInputTest, MalformedJsonIs400) {
  std::vector<BadCase> cases;
  const std::vector<std::pair<std::string, std::string>> bodies = {
      {"truncated object", R"({"subject": "快递",)"},
      {"empty body", ""},
      {"not JSON", "subject=快递"},
      {"trailing garbage", R"({"subject": "快递"} x)"},
      {"single quotes", R"({'subject': 'x'})"},
  };
  for (const auto& [what, body] : bodies) {
    cases.push_back({what, "POST", "/api/v1/tickets", cust_, body, 400, "malformed_json"});
    cases.push_back({what, "POST", T(open_id_, "/messages"), agent_, body, 400, "malformed_json"});
    cases.push_back(
        {what, "POST", T(open_id_, "/transitions"), agent_, body, 400, "malformed_json"});
    cases.push_back({what, "POST", T(open_id_, "/assign"), lead_, body, 400, "malformed_json"});
    cases.push_back({what, "PATCH", T(open_id_), agent_, body, 400, "malformed_json"});
    cases.push_back({what, "POST", "/api/v1/customers", lead_, body, 400, "malformed_json"});
    cases.push_back({what, "POST", "/api/v1/orders", lead_, body, 400, "malformed_json"});
    cases.push_back({what, "POST", "/api/v1/auth/login", "", body, 400, "malformed_json"});
  }
  Run(cases);
}

TEST_F(ApiBadInputTest, InvalidUtf8Is400) {
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"bytes ff fe", "\xff\xfe"},
      {"overlong slash c0 af", "\xc0\xaf"},
      {"overlong e0 80 af", "\xe0\x80\xaf"},
      {"UTF-16 surrogate ed a0 80", "\xed\xa0\x80"},
      {"truncated sequence", "\xe5\xbf"},
      {"lone continuation byte", "\x80"},
      {"beyond U+10FFFF", "\xf4\x90\x80\x80"},
  };
  std::vector<BadCase> cases;
  for (const auto& [what, bytes] : bad) {
    std::string subject = R"({"subject": "快递)" + bytes + R"(没动"})";
    cases.push_back({what, "POST", "/api/v1/tickets", cust_, subject, 400, "invalid_utf8"});
    cases.push_back({what, "POST", T(open_id_, "/messages"), cust_,
                     R"({"body": ")" + bytes + R"("})", 400, "invalid_utf8"});
    cases.push_back({what, "PATCH", T(open_id_), agent_, R"({"tags": ["a)" + bytes + R"("]})", 400,
                     "invalid_utf8"});
    cases.push_back({what, "POST", "/api/v1/customers", lead_, R"({"name": ")" + bytes + R"("})",
                     400, "invalid_utf8"});
    cases.push_back({what, "POST", "/api/v1/auth/login", "",
                     R"({"login": "cust.one", "password": ")" + bytes + R"("})", 400,
                     "invalid_utf8"});
  }
  Run(cases);
}

// api/http.h: the UTF-8 check covers the query too ("the query string is not
// valid UTF-8", code invalid_utf8).
TEST_F(ApiBadInputTest, InvalidUtf8InQueryIs400) {
  Run({
      {"query value %FF", "GET", "/api/v1/tickets?tag=%FF", agent_, "", 400, "invalid_utf8"},
      {"query value %C0%AF", "GET", "/api/v1/tickets?tag=%C0%AF", agent_, "", 400, "invalid_utf8"},
      {"query key %FE", "GET", "/api/v1/tickets?%FE=1", agent_, "", 400, "invalid_utf8"},
  });
}

TEST_F(ApiBadInputTest, MissingBadOrRevokedTokenIs401) {
  std::string revoked = w_.FreshToken(Who::kCust1);
  HttpResult out = w_.Post("/api/v1/auth/logout", revoked, std::string());
  ASSERT_EQ(out.status, 200) << Describe(out);
  const std::vector<std::pair<std::string, std::string>> tokens = {
      {"no token", ""},
      {"garbage token", "garbage"},
      {"well-formed unknown token", "kefu_" + std::string(64, '0')},
      {"revoked token", revoked},
  };
  std::vector<BadCase> cases;
  for (const auto& [what, tok] : tokens) {
    cases.push_back({what, "GET", "/api/v1/tickets", tok, "", 401, "unauthenticated"});
    cases.push_back(
        {what, "POST", "/api/v1/tickets", tok, R"({"subject": "x"})", 401, "unauthenticated"});
    cases.push_back({what, "GET", T(open_id_), tok, "", 401, "unauthenticated"});
    cases.push_back(
        {what, "POST", T(open_id_, "/messages"), tok, R"({"body": "x"})", 401, "unauthenticated"});
    cases.push_back(
        {what, "PATCH", T(open_id_), tok, R"({"priority": "P1"})", 401, "unauthenticated"});
    cases.push_back({what, "GET", "/api/v1/customers", tok, "", 401, "unauthenticated"});
    cases.push_back({what, "GET", "/metrics", tok, "", 401, "unauthenticated"});
    cases.push_back({what, "GET", "/api/v1/auth/me", tok, "", 401, "unauthenticated"});
    cases.push_back({what, "POST", "/api/v1/auth/logout", tok, "", 401, "unauthenticated"});
  }
  // A token in another scheme is no bearer token.
  cases.push_back({"Basic scheme",
                   "GET",
                   "/api/v1/tickets",
                   "",
                   "",
                   401,
                   "unauthenticated",
                   {{"Authorization", "Basic Y3VzdC5vbmU6cGFzc3dvcmQxMjM="}}});
  cases.push_back({"bare token without scheme",
                   "GET",
                   "/api/v1/tickets",
                   "",
                   "",
                   401,
                   "unauthenticated",
                   {{"Authorization", cust_}}});
  Run(cases);
}

TEST_F(ApiBadInputTest, ForbiddenIs403) {
  const Json item = Json::array({{{"sku", "S"}, {"quantity", 1}, {"price_fen", 1}}});
  Run({
      {"customer internal note", "POST", T(open_id_, "/messages"), cust_,
       R"({"body": "x", "internal": true})", 403, "forbidden"},
      {"customer transition", "POST", T(open_id_, "/transitions"), cust_, R"({"to": "resolved"})",
       403, "forbidden"},
      {"customer assign", "POST", T(new_id_, "/assign"), cust_, R"({"agent": "agent.a"})", 403,
       "forbidden"},
      {"customer patch", "PATCH", T(open_id_), cust_, R"({"priority": "P1"})", 403, "forbidden"},
      {"customer creates a customer", "POST", "/api/v1/customers", cust_, R"({"name": "x"})", 403,
       "forbidden"},
      {"customer records an order", "POST", "/api/v1/orders", cust_,
       Json{{"customer", c1_}, {"items", item}}.dump(), 403, "forbidden"},
      {"customer opens a ticket for another", "POST", "/api/v1/tickets", cust_,
       Json{{"subject", "x"}, {"customer", c2_}}.dump(), 403, "forbidden"},
      {"customer lists customers", "GET", "/api/v1/customers", cust_, "", 403, "forbidden"},
      {"agent reads metrics", "GET", "/metrics", agent_, "", 403, "forbidden"},
      {"lead reads metrics", "GET", "/metrics", lead_, "", 403, "forbidden"},
      {"agent gives a queued ticket to another", "POST", T(new_id_, "/assign"), agent_,
       R"({"agent": "lead.li"})", 403, "forbidden"},
  });
}

TEST_F(ApiBadInputTest, UnknownOrMalformedIdsAndRoutesAre404) {
  std::vector<BadCase> cases;
  for (const std::string id : {"T-999999", "abc", "T-1", "T-0000001", "T-000000", "t-000001",
                               "C-000001", "T--00001", "T-00000a", "%E5%B7%A5%E5%8D%95"}) {
    cases.push_back({"ticket " + id, "GET", T(id), agent_, "", 404, "not_found"});
    cases.push_back({"ticket " + id, "GET", T(id, "/events"), agent_, "", 404, "not_found"});
    cases.push_back(
        {"ticket " + id, "POST", T(id, "/messages"), lead_, R"({"body": "x"})", 404, "not_found"});
    cases.push_back({"ticket " + id, "POST", T(id, "/transitions"), lead_, R"({"to": "open"})", 404,
                     "not_found"});
    cases.push_back({"ticket " + id, "POST", T(id, "/assign"), lead_, R"({"agent": "lead.li"})",
                     404, "not_found"});
    cases.push_back(
        {"ticket " + id, "PATCH", T(id), lead_, R"({"priority": "P1"})", 404, "not_found"});
  }
  for (const std::string id : {"C-999999", "xyz", "C-1", "T-000001"}) {
    cases.push_back(
        {"customer " + id, "GET", "/api/v1/customers/" + id, lead_, "", 404, "not_found"});
  }
  for (const std::string id : {"O-999999", "O-1", "C-000001"}) {
    cases.push_back({"order " + id, "GET", "/api/v1/orders/" + id, lead_, "", 404, "not_found"});
  }
  for (const std::string& path : std::vector<std::string>{
           "/api/v1/nope", "/api/v2/tickets", "/api/v1/tickets/" + open_id_ + "/reopen",
           "/api/v1/ticket", "/", "/api/v1/tickets/" + open_id_ + "/events/1"}) {
    cases.push_back({"unknown route", "GET", path, agent_, "", 404, "not_found"});
    cases.push_back({"unknown route, no token", "POST", path, "", R"({})", 404, "not_found"});
  }
  cases.push_back({"unknown method", "DELETE", T(open_id_), lead_, "", 404, "not_found"});
  Run(cases);
}

TEST_F(ApiBadInputTest, StateConflictsAre409) {
  const std::string stale = R"({"priority": "P1", "version": 1})";
  HttpResult now = w_.Get(T(open_id_), agent_);
  ASSERT_GT(now.body["version"].get<int64_t>(), 1);
  Run({
      {"new -> resolved", "POST", T(new_id_, "/transitions"), agent_, R"({"to": "resolved"})", 409,
       "illegal_transition"},
      {"new -> closed", "POST", T(new_id_, "/transitions"), agent_, R"({"to": "closed"})", 409,
       "illegal_transition"},
      {"new -> new", "POST", T(new_id_, "/transitions"), agent_, R"({"to": "new"})", 409,
       "illegal_transition"},
      {"open -> closed", "POST", T(open_id_, "/transitions"), agent_, R"({"to": "closed"})", 409,
       "illegal_transition"},
      {"open -> new", "POST", T(open_id_, "/transitions"), agent_, R"({"to": "new"})", 409,
       "illegal_transition"},
      {"closed -> open", "POST", T(closed_id_, "/transitions"), lead_, R"({"to": "open"})", 409,
       "illegal_transition"},
      {"closed -> resolved", "POST", T(closed_id_, "/transitions"), lead_, R"({"to": "resolved"})",
       409, "illegal_transition"},
      {"closed -> closed", "POST", T(closed_id_, "/transitions"), lead_, R"({"to": "closed"})", 409,
       "illegal_transition"},
      {"customer reply on closed", "POST", T(closed_id_, "/messages"), cust_,
       R"({"body": "还在吗"})", 409, "ticket_closed"},
      {"agent reply on closed", "POST", T(closed_id_, "/messages"), agent_, R"({"body": "在"})",
       409, "ticket_closed"},
      {"assign on closed", "POST", T(closed_id_, "/assign"), lead_, R"({"agent": "lead.li"})", 409,
       "ticket_closed"},
      {"patch on closed", "PATCH", T(closed_id_), lead_, R"({"priority": "P1"})", 409,
       "ticket_closed"},
      {"patch with an old version", "PATCH", T(open_id_), agent_, stale, 409, "stale_version"},
      {"patch with a future version", "PATCH", T(open_id_), agent_,
       R"({"priority": "P1", "version": 999})", 409, "stale_version"},
  });
  // The current version goes through.
  HttpResult ok =
      w_.Patch(T(open_id_), agent_, Json{{"priority", "P1"}, {"version", now.body["version"]}});
  EXPECT_EQ(ok.status, 200) << Describe(ok);
  EXPECT_EQ(ok.body["version"], now.body["version"].get<int64_t>() + 1);
}

// A body of 1 MiB + 1 byte is refused; exactly 1 MiB is accepted.
TEST_F(ApiBadInputTest, BodyOver1MiBIs413) {
  const size_t kLimit = 1 << 20;
  auto padded = [](std::string json, size_t size) {
    json.append(size - json.size(), ' ');  // trailing white space keeps it valid JSON
    return json;
  };
  Run({
      {"1 MiB + 1 create", "POST", "/api/v1/tickets", cust_,
       padded(R"({"subject": "大"})", kLimit + 1), 413, "body_too_large"},
      {"1 MiB + 1 reply", "POST", T(open_id_, "/messages"), cust_,
       padded(R"({"body": "大"})", kLimit + 1), 413, "body_too_large"},
      {"1 MiB + 1 patch", "PATCH", T(open_id_), agent_, padded(R"({"priority": "P1"})", kLimit + 1),
       413, "body_too_large"},
      {"2 MiB login", "POST", "/api/v1/auth/login", "", std::string(2 * kLimit, 'x'), 413,
       "body_too_large"},
  });
  HttpResult at_limit = w_.Post("/api/v1/tickets", cust_, padded(R"({"subject": "大"})", kLimit));
  EXPECT_EQ(at_limit.status, 201) << Describe(at_limit);
}

TEST_F(ApiBadInputTest, TicketCreationValidationIs422) {
  auto body = [](Json j) { return j.dump(); };
  auto create = [&](const std::string& name, const std::string& tok, const std::string& b) {
    return BadCase{name, "POST", "/api/v1/tickets", tok, b, 422, "validation_failed"};
  };
  Run({
      create("unknown field", cust_, body({{"subject", "x"}, {"urgent", true}})),
      create("empty subject", cust_, body({{"subject", ""}})),
      create("white-space subject", cust_, body({{"subject", "  \t "}})),
      create("ideographic-space subject", cust_, body({{"subject", "\u3000\u3000"}})),
      create("201-character subject", cust_, body({{"subject", Repeat("好", 201)}})),
      create("subject with a control character", cust_, body({{"subject", "a\u0001b"}})),
      create("missing subject", cust_, body({{"body", "x"}})),
      create("null subject", cust_, body({{"subject", nullptr}})),
      create("subject is a number", cust_, body({{"subject", 123}})),
      create("body too long", cust_, body({{"subject", "x"}, {"body", std::string(20001, 'a')}})),
      create("unknown category", cust_, body({{"subject", "x"}, {"category", "no_such"}})),
      create("21 tags", cust_, body({{"subject", "x"}, {"tags", ManyTags(21)}})),
      create("tags is a string", cust_, body({{"subject", "x"}, {"tags", "a"}})),
      create("tag is a number", cust_, body({{"subject", "x"}, {"tags", {1}}})),
      create("empty tag", cust_, body({{"subject", "x"}, {"tags", {""}}})),
      create("tag with a space", cust_, body({{"subject", "x"}, {"tags", {"a b"}}})),
      create("tag with a comma", cust_, body({{"subject", "x"}, {"tags", {"a,b"}}})),
      create("33-character tag", cust_, body({{"subject", "x"}, {"tags", {std::string(33, 't')}}})),
      create("unknown customer", agent_, body({{"subject", "x"}, {"customer", "C-999999"}})),
      create("malformed customer id", agent_, body({{"subject", "x"}, {"customer", "nobody"}})),
      create("staff without customer", agent_, body({{"subject", "x"}})),
      create("order of another customer", agent_,
             body({{"subject", "x"}, {"customer", c1_}, {"order", order_c2_}})),
      create("customer names another's order", cust_,
             body({{"subject", "x"}, {"order", order_c2_}})),
      create("unknown order", agent_,
             body({{"subject", "x"}, {"customer", c1_}, {"order", "O-999999"}})),
      create("priority P5", cust_, body({{"subject", "x"}, {"priority", "P5"}})),
      create("priority p1 (case)", cust_, body({{"subject", "x"}, {"priority", "p1"}})),
      create("priority is a number", cust_, body({{"subject", "x"}, {"priority", 1}})),
      create("channel fax", cust_, body({{"subject", "x"}, {"channel", "fax"}})),
      create("body is an array", cust_, "[]"),
      create("body is a string", cust_, R"("subject")"),
      create("body is null", cust_, "null"),
      create("201-emoji subject", cust_, body({{"subject", Repeat("😀", 201)}})),
      BadCase{"Idempotency-Key over 200 bytes",
              "POST",
              "/api/v1/tickets",
              cust_,
              body({{"subject", "x"}}),
              422,
              "validation_failed",
              {{"Idempotency-Key", std::string(201, 'k')}}},
  });
}

TEST_F(ApiBadInputTest, CommandValidationIs422) {
  auto post = [&](const std::string& name, const std::string& rest, const std::string& tok,
                  const Json& b) {
    return BadCase{name, "POST", T(open_id_, rest), tok, b.dump(), 422, "validation_failed"};
  };
  auto patch = [&](const std::string& name, const Json& b) {
    return BadCase{name, "PATCH", T(open_id_), agent_, b.dump(), 422, "validation_failed"};
  };
  Run({
      post("empty message", "/messages", agent_, {{"body", ""}}),
      post("white-space message", "/messages", cust_, {{"body", " \u3000 "}}),
      post("missing message body", "/messages", agent_, {{"internal", true}}),
      post("internal is a string", "/messages", agent_, {{"body", "x"}, {"internal", "yes"}}),
      post("message unknown field", "/messages", agent_, {{"body", "x"}, {"to", "y"}}),
      post("message too long", "/messages", agent_, {{"body", std::string(20001, 'a')}}),
      post("missing to", "/transitions", agent_, {{"reason", "x"}}),
      post("unknown status", "/transitions", agent_, {{"to", "done"}}),
      post("to is a number", "/transitions", agent_, {{"to", 1}}),
      post("reason too long", "/transitions", agent_,
           {{"to", "resolved"}, {"reason", std::string(501, 'r')}}),
      post("transition unknown field", "/transitions", agent_, {{"to", "resolved"}, {"x", 1}}),
      post("missing agent", "/assign", lead_, {{"reason", "x"}}),
      post("assign to a customer", "/assign", lead_, {{"agent", "cust.one"}}),
      post("assign to nobody", "/assign", lead_, {{"agent", "nobody"}}),
      post("agent is a number", "/assign", lead_, {{"agent", 5}}),
      post("assign unknown field", "/assign", lead_, {{"agent", "lead.li"}, {"force", true}}),
      patch("priority P9", {{"priority", "P9"}}),
      patch("unknown category", {{"category", "bogus"}}),
      patch("21 tags", {{"tags", ManyTags(21)}}),
      patch("tags is a string", {{"tags", "a"}}),
      patch("version is a string", {{"priority", "P1"}, {"version", "3"}}),
      patch("version is a fraction", {{"priority", "P1"}, {"version", 1.5}}),
      patch("status is not patchable", {{"status", "resolved"}}),
      patch("unknown field", {{"subject", "new subject"}}),
      patch("valid priority with bad category", {{"priority", "P1"}, {"category", "bogus"}}),
      BadCase{"patch body is an array", "PATCH", T(open_id_), agent_, "[]", 422,
              "validation_failed"},
  });
}

TEST_F(ApiBadInputTest, QueryValidationIs422) {
  std::vector<BadCase> cases;
  for (const std::string q :
       {"foo=1", "status=done", "status=OPEN", "priority=P0", "channel=fax", "cursor=abc",
        "cursor=-1", "limit=0", "limit=201", "limit=abc", "limit=-5", "limit=1.5", "limit=99999"}) {
    cases.push_back({q, "GET", "/api/v1/tickets?" + q, agent_, "", 422, "validation_failed"});
  }
  for (const std::string q : {"x=1", "limit=0", "limit=201", "cursor=zz"}) {
    cases.push_back(
        {"events " + q, "GET", T(open_id_, "/events?" + q), agent_, "", 422, "validation_failed"});
    cases.push_back(
        {"customers " + q, "GET", "/api/v1/customers?" + q, lead_, "", 422, "validation_failed"});
    cases.push_back(
        {"orders " + q, "GET", "/api/v1/orders?" + q, lead_, "", 422, "validation_failed"});
  }
  cases.push_back({"ticket x=1", "GET", T(open_id_, "?x=1"), agent_, "", 422, "validation_failed"});
  cases.push_back({"customer x=1", "GET", "/api/v1/customers/" + c1_ + "?x=1", lead_, "", 422,
                   "validation_failed"});
  cases.push_back({"order x=1", "GET", "/api/v1/orders/" + order_c1_ + "?x=1", lead_, "", 422,
                   "validation_failed"});
  Run(cases);
}

TEST_F(ApiBadInputTest, CustomerValidationIs422) {
  auto create = [&](const std::string& name, const Json& b) {
    return BadCase{name, "POST", "/api/v1/customers", lead_, b.dump(), 422, "validation_failed"};
  };
  Run({
      create("missing name", {{"phone", "13812345678"}}),
      create("empty name", {{"name", ""}}),
      create("101-character name", {{"name", Repeat("王", 101)}}),
      create("phone with letters", {{"name", "王芳"}, {"phone", "138-abc"}}),
      create("e-mail without @", {{"name", "王芳"}, {"email", "wang.example.com"}}),
      create("e-mail with a space", {{"name", "王芳"}, {"email", "wang fang@example.com"}}),
      create("tier gold", {{"name", "王芳"}, {"tier", "gold"}}),
      create("name is a number", {{"name", 5}}),
      create("unknown field", {{"name", "王芳"}, {"vip", true}}),
  });
}

// Text that displays as nothing is empty where text is required: a subject
// of only U+200B, of only a no-break space, of format characters. To see
// these cases fail, remove the `if (min_chars > 0 && IsBlankText(t))` check
// in CheckText (src/core/validation.cc).
TEST_F(ApiBadInputTest, InvisibleOnlyTextIs422) {
  auto body = [](Json j) { return j.dump(); };
  auto create = [&](const std::string& name, const std::string& tok, const std::string& b) {
    return BadCase{name, "POST", "/api/v1/tickets", tok, b, 422, "validation_failed"};
  };
  const std::vector<std::pair<std::string, std::string>> blanks = {
      {"U+200B zero width space", "\u200B"},
      {"U+00A0 no-break space", "\u00A0"},
      {"U+202F narrow no-break space", "\u202F"},
      {"U+3000 and U+FEFF", "\u3000\uFEFF"},
      {"U+00AD soft hyphen", "\u00AD"},
      {"U+2060..U+2064", "\u2060\u2061\u2062\u2063\u2064"},
      {"U+200C U+200D U+200E U+200F", "\u200C\u200D\u200E\u200F"},
      {"U+2003 em space and U+2800 braille blank", "\u2003\u2800"},
      {"U+3164 Hangul filler", "\u3164"},
  };
  std::vector<BadCase> cases;
  for (const auto& [what, blank] : blanks) {
    cases.push_back(create("subject " + what, cust_, body({{"subject", blank}})));
    cases.push_back(create("staff subject " + what, agent_,
                           body({{"subject", " " + blank + " "}, {"customer", c1_}})));
    cases.push_back({"message " + what, "POST", T(open_id_, "/messages"), cust_,
                     body({{"body", blank}}), 422, "validation_failed"});
    cases.push_back({"customer name " + what, "POST", "/api/v1/customers", lead_,
                     body({{"name", blank}}), 422, "validation_failed"});
    cases.push_back(create("tag " + what, agent_,
                           body({{"subject", "x"}, {"customer", c1_}, {"tags", {blank}}})));
  }
  // A tag with an invisible character inside would be a second "vip".
  cases.push_back(create("tag vip+U+200B", agent_,
                         body({{"subject", "x"}, {"customer", c1_}, {"tags", {"vip\u200B"}}})));
  cases.push_back({"patch tag vip+U+200B", "PATCH", T(open_id_), agent_,
                   body({{"tags", {"vip\u200B"}}}), 422, "validation_failed"});
  Run(cases);

  // A required reason (compensation) of only invisible characters is no
  // reason. To see this fail, make IsBlankText return s.empty()
  // (src/common/utf8.cc).
  for (const auto& [what, blank] : blanks) {
    SCOPED_TRACE("compensation reason " + what);
    Json before = w_.AfterSalesSnapshot();
    HttpResult r = w_.Post(T(open_id_, "/compensations"), agent_,
                           Json{{"kind", "coupon"}, {"amount_fen", 100}, {"reason", blank}});
    EXPECT_TRUE(IsError(r, 422, "reason_required"));
    EXPECT_EQ(w_.AfterSalesSnapshot(), before) << "the refused request changed something";
  }
}

// Bidi embedding, override and isolate controls (U+202A..U+202E,
// U+2066..U+2069) are refused in subjects, customer names and tags with
// their own code, whether alone or inside other text. To see these cases
// fail, remove the HasBidiControl check in CheckLabel (src/core/validation.cc);
// the lone ones then still fail as validation_failed (blank).
TEST_F(ApiBadInputTest, BidiControlsInLabelsAre422) {
  auto body = [](Json j) { return j.dump(); };
  std::vector<BadCase> cases;
  const std::vector<std::pair<std::string, std::string>> controls = {
      {"U+202A LRE", "\u202A"}, {"U+202B RLE", "\u202B"}, {"U+202C PDF", "\u202C"},
      {"U+202D LRO", "\u202D"}, {"U+202E RLO", "\u202E"}, {"U+2066 LRI", "\u2066"},
      {"U+2067 RLI", "\u2067"}, {"U+2068 FSI", "\u2068"}, {"U+2069 PDI", "\u2069"},
  };
  for (const auto& [what, c] : controls) {
    for (const std::string& text : {c, "invoice " + c + "fdp.exe", "退款" + c + "已到账"}) {
      cases.push_back({"subject " + what, "POST", "/api/v1/tickets", cust_,
                       body({{"subject", text}}), 422, "bidi_control"});
      cases.push_back({"customer name " + what, "POST", "/api/v1/customers", lead_,
                       body({{"name", text}}), 422, "bidi_control"});
    }
    cases.push_back({"tag " + what, "POST", "/api/v1/tickets", agent_,
                     body({{"subject", "x"}, {"customer", c1_}, {"tags", {"vip" + c}}}), 422,
                     "bidi_control"});
    cases.push_back({"patch tag " + what, "PATCH", T(open_id_), agent_,
                     body({{"tags", {"vip" + c}}}), 422, "bidi_control"});
  }
  Run(cases);
}

// What is not refused: visible text with invisible characters inside, a
// direction mark (U+200F) in a subject, bidi controls in a message body
// (pasted phone numbers carry U+202A..U+202C).
TEST_F(ApiBadInputTest, InvisibleCharactersInsideVisibleTextAreAccepted) {
  for (const std::string subject : {"\u200B退货", "Anne\u00A0Marie 的订单", "\u200F退货"}) {
    HttpResult r = w_.Post("/api/v1/tickets", cust_, Json{{"subject", subject}});
    EXPECT_EQ(r.status, 201) << Describe(r);
  }
  HttpResult msg = w_.Post(T(open_id_, "/messages"), cust_,
                           Json{{"body", "我的电话 \u202A+86 138 0013 8000\u202C"}});
  EXPECT_EQ(msg.status, 201) << Describe(msg);
}

// The boundaries that must pass: 200 Chinese characters (600 bytes), 20
// tags, 21 tags that collapse to 20, limit 1 and 200.
TEST_F(ApiBadInputTest, BoundariesAreAccepted) {
  HttpResult s200 = w_.Post("/api/v1/tickets", cust_, Json{{"subject", Repeat("好", 200)}});
  ASSERT_EQ(s200.status, 201) << Describe(s200);
  EXPECT_EQ(s200.body["subject"], Repeat("好", 200));
  // Surrounding white space does not count and is trimmed.
  HttpResult trimmed =
      w_.Post("/api/v1/tickets", cust_, Json{{"subject", "\u3000 " + Repeat("好", 200) + " \t"}});
  ASSERT_EQ(trimmed.status, 201) << Describe(trimmed);
  EXPECT_EQ(trimmed.body["subject"], Repeat("好", 200));
  HttpResult tags20 = w_.Post("/api/v1/tickets", agent_,
                              Json{{"subject", "x"}, {"customer", c1_}, {"tags", ManyTags(20)}});
  ASSERT_EQ(tags20.status, 201) << Describe(tags20);
  EXPECT_EQ(tags20.body["tags"].size(), 20u);
  Json dup = ManyTags(20);
  dup.push_back("tag0");
  HttpResult tags_dup =
      w_.Post("/api/v1/tickets", agent_, Json{{"subject", "x"}, {"customer", c1_}, {"tags", dup}});
  ASSERT_EQ(tags_dup.status, 201) << Describe(tags_dup);
  EXPECT_EQ(tags_dup.body["tags"].size(), 20u);
  for (const char* limit : {"1", "200"}) {
    HttpResult r = w_.Get(std::string("/api/v1/tickets?limit=") + limit, agent_);
    EXPECT_EQ(r.status, 200) << Describe(r);
  }
  // Code points, not bytes: 200 four-byte emoji pass as well.
  HttpResult emoji = w_.Post("/api/v1/tickets", cust_, Json{{"subject", Repeat("😀", 200)}});
  EXPECT_EQ(emoji.status, 201) << Describe(emoji);
  HttpResult own_order =
      w_.Post("/api/v1/tickets", cust_, Json{{"subject", "x"}, {"order", order_c1_}});
  EXPECT_EQ(own_order.status, 201) << Describe(own_order);
  EXPECT_EQ(own_order.body["order"], order_c1_);
}

}  // namespace
}  // namespace kefu::testing
