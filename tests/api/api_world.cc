#include "api/api_world.h"

#include <stdexcept>

namespace kefu::testing {

namespace {

Role RoleOf(Who w) {
  switch (w) {
    case Who::kCust1:
    case Who::kCust2:
      return Role::kCustomer;
    case Who::kAgentA:
    case Who::kAgentB:
    case Who::kAgentC:
      return Role::kAgent;
    case Who::kLead:
      return Role::kLead;
    case Who::kManager:
      return Role::kManager;
    case Who::kAdmin:
      return Role::kAdmin;
  }
  return Role::kAgent;
}

Json Expect(const HttpResult& r, int status, const std::string& what) {
  if (r.status != status) {
    throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " +
                             Describe(r));
  }
  return r.body;
}

}  // namespace

std::string WhoName(Who w) {
  switch (w) {
    case Who::kCust1:
      return "cust.one";
    case Who::kCust2:
      return "cust.two";
    case Who::kAgentA:
      return "agent.a";
    case Who::kAgentB:
      return "agent.b";
    case Who::kAgentC:
      return "agent.c";
    case Who::kLead:
      return "lead.li";
    case Who::kManager:
      return "mgr.zhao";
    case Who::kAdmin:
      return "admin.root";
  }
  return "?";
}

std::string Describe(const HttpResult& r) { return std::to_string(r.status) + ": " + r.text; }

::testing::AssertionResult IsError(const HttpResult& r, int status, const std::string& code) {
  if (r.status != status) {
    return ::testing::AssertionFailure()
           << "expected HTTP " << status << " " << code << ", got " << Describe(r);
  }
  if (r.Header("Content-Type").rfind("application/json", 0) != 0) {
    return ::testing::AssertionFailure()
           << "error is not JSON: Content-Type " << r.Header("Content-Type");
  }
  const Json& b = r.body;
  if (!b.is_object() || b.size() != 1 || !b.contains("error") || !b["error"].is_object() ||
      b["error"].size() != 2 || !b["error"].contains("code") || !b["error"].contains("message")) {
    return ::testing::AssertionFailure()
           << "body is not exactly {\"error\": {\"code\", \"message\"}}: " << r.text;
  }
  if (!b["error"]["code"].is_string() || b["error"]["code"] != code) {
    return ::testing::AssertionFailure() << "expected code " << code << ", got " << r.text;
  }
  if (!b["error"]["message"].is_string() || b["error"]["message"].get<std::string>().empty()) {
    return ::testing::AssertionFailure() << "message is not a non-empty string: " << r.text;
  }
  return ::testing::AssertionSuccess();
}

std::string ApiWorld::Login(Who w) const { return WhoName(w); }

void ApiWorld::Ensure(Who w) {
  if (tokens_.count(w)) return;
  tokens_[w] = FreshToken(w);
}

const std::string& ApiWorld::Token(Who w) {
  Ensure(w);
  return tokens_[w];
}

std::string ApiWorld::CustomerId(Who w) {
  Ensure(w);
  return server_.CustomerOf(WhoName(w));
}

std::string ApiWorld::FreshToken(Who w) {
  if (!tokens_.count(w)) server_.AddUser(WhoName(w), RoleOf(w));
  Json r = Expect(
      Post("/api/v1/auth/login", "", Json{{"login", WhoName(w)}, {"password", "password123"}}), 200,
      "login " + WhoName(w));
  return r["token"];
}

HttpResult ApiWorld::Raw(const std::string& method, const std::string& path,
                         const std::string& token, const std::string& body,
                         const httplib::Headers& headers) {
  if (!raw_) {
    raw_ = std::make_unique<httplib::Client>("127.0.0.1", server_.port());
    raw_->set_keep_alive(true);
    raw_->set_tcp_nodelay(true);
  }
  httplib::Headers h = headers;
  if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
  httplib::Result res{nullptr, httplib::Error::Unknown};
  if (method == "GET") {
    res = raw_->Get(path, h);
  } else if (method == "POST") {
    res = raw_->Post(path, h, body, "application/json");
  } else if (method == "PATCH") {
    res = raw_->Patch(path, h, body, "application/json");
  } else if (method == "PUT") {
    res = raw_->Put(path, h, body, "application/json");
  } else if (method == "DELETE") {
    res = raw_->Delete(path, h);
  } else {
    throw std::runtime_error("unsupported method " + method);
  }
  return ToHttpResult(res);
}

Json ApiWorld::CreateTicket(Who w, const Json& body) {
  return Expect(Post("/api/v1/tickets", Token(w), body), 201, "create ticket");
}

std::string ApiWorld::NewTicket(Who customer, const std::string& subject) {
  return CreateTicket(customer, Json{{"subject", subject}, {"body", "请帮忙看看"}})["id"];
}

Json ApiWorld::Reply(Who w, const std::string& id, const std::string& body) {
  return Expect(Post("/api/v1/tickets/" + id + "/messages", Token(w), Json{{"body", body}}), 201,
                "reply on " + id);
}

Json ApiWorld::Note(Who w, const std::string& id, const std::string& body) {
  return Expect(Post("/api/v1/tickets/" + id + "/messages", Token(w),
                     Json{{"body", body}, {"internal", true}}),
                201, "note on " + id);
}

Json ApiWorld::Move(Who w, const std::string& id, const std::string& to) {
  return Expect(Post("/api/v1/tickets/" + id + "/transitions", Token(w), Json{{"to", to}}), 200,
                "move " + id + " to " + to);
}

Json ApiWorld::Assign(Who w, const std::string& id, Who agent) {
  Ensure(agent);
  return Expect(
      Post("/api/v1/tickets/" + id + "/assign", Token(w), Json{{"agent", WhoName(agent)}}), 200,
      "assign " + id + " to " + WhoName(agent));
}

Json ApiWorld::PatchTicket(Who w, const std::string& id, const Json& body) {
  return Expect(Patch("/api/v1/tickets/" + id, Token(w), body), 200, "patch " + id);
}

Json ApiWorld::GetTicket(Who w, const std::string& id) {
  return Expect(Get("/api/v1/tickets/" + id, Token(w)), 200, "get " + id);
}

std::vector<Json> ApiWorld::Events(Who w, const std::string& id) {
  std::vector<Json> out;
  std::string cursor;
  for (int guard = 0; guard < 1000; ++guard) {
    std::string path = "/api/v1/tickets/" + id + "/events?limit=200";
    if (!cursor.empty()) path += "&cursor=" + cursor;
    Json page = Expect(Get(path, Token(w)), 200, "events of " + id);
    for (const auto& e : page["items"]) out.push_back(e);
    if (page["next_cursor"].is_null()) return out;
    cursor = page["next_cursor"];
  }
  throw std::runtime_error("events: the cursor never ends");
}

std::vector<std::string> ApiWorld::ListIds(Who w, const std::string& query, int limit) {
  std::vector<std::string> out;
  std::string cursor;
  for (int guard = 0; guard < 1000; ++guard) {
    std::string path = "/api/v1/tickets?limit=" + std::to_string(limit);
    if (!query.empty()) path += "&" + query;
    if (!cursor.empty()) path += "&cursor=" + cursor;
    Json page = Expect(Get(path, Token(w)), 200, "list " + path);
    for (const auto& id : ItemIds(page)) out.push_back(id);
    if (page["next_cursor"].is_null()) return out;
    cursor = page["next_cursor"];
  }
  throw std::runtime_error("list: the cursor never ends");
}

std::string ApiWorld::NewCustomer(const Json& body) {
  return Expect(Post("/api/v1/customers", Token(Who::kLead), body), 201, "create customer")["id"];
}

Json ApiWorld::NewOrder(const Json& body) {
  return Expect(Post("/api/v1/orders", Token(Who::kLead), body), 201, "create order");
}

Json ApiWorld::Snapshot() {
  const std::string& admin = Token(Who::kAdmin);
  Json snap = Json::object();
  Json tickets = Expect(Get("/api/v1/tickets?limit=200", admin), 200, "snapshot tickets");
  if (!tickets["next_cursor"].is_null()) throw std::runtime_error("snapshot: over 200 tickets");
  snap["tickets"] = tickets["items"];
  snap["events"] = Json::object();
  for (const auto& t : tickets["items"]) {
    std::string id = t["id"];
    snap["events"][id] = Events(Who::kAdmin, id);
  }
  snap["customers"] =
      Expect(Get("/api/v1/customers?limit=200", admin), 200, "snapshot customers")["items"];
  snap["orders"] = Expect(Get("/api/v1/orders?limit=200", admin), 200, "snapshot orders")["items"];
  return snap;
}

Json ApiWorld::AfterSalesSnapshot() {
  Json snap = Snapshot();
  const std::string admin = Token(Who::kAdmin);
  // Every item of the list at `path`, walking all pages.
  auto all = [this](const std::string& path, const std::string& token) {
    Json items = Json::array();
    std::string cursor;
    for (int guard = 0; guard < 1000; ++guard) {
      std::string p = path + "?limit=200";
      if (!cursor.empty()) p += "&cursor=" + cursor;
      Json page = Expect(Get(p, token), 200, "snapshot " + path);
      for (const auto& it : page["items"]) items.push_back(it);
      if (page["next_cursor"].is_null()) return items;
      cursor = page["next_cursor"];
    }
    throw std::runtime_error("snapshot: the cursor of " + path + " never ends");
  };
  snap["after_sales"] = all("/api/v1/after-sales", admin);
  snap["compensations"] = all("/api/v1/compensations", admin);
  snap["shipments"] = Json::object();
  for (const auto& o : snap["orders"]) {
    std::string id = o["id"];
    snap["shipments"][id] = Expect(Get("/api/v1/orders/" + id + "/shipments", admin), 200,
                                   "snapshot shipments of " + id)["items"];
  }
  snap["after_sales_policy"] =
      Expect(Get("/api/v1/after-sales-policy", admin), 200, "snapshot after-sales policy");
  snap["teams"] = Expect(Get("/api/v1/teams", admin), 200, "snapshot teams")["items"];
  snap["notifications"] = Json::object();
  for (const auto& [who, token] : tokens_) {
    snap["notifications"][WhoName(who)] = all("/api/v1/notifications", token);
  }
  return snap;
}

std::vector<std::string> ItemIds(const Json& page) {
  std::vector<std::string> ids;
  if (!page.is_object() || !page.contains("items")) return ids;
  for (const auto& it : page["items"]) ids.push_back(it["id"]);
  return ids;
}

}  // namespace kefu::testing
