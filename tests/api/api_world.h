// Shared helpers of the API tests: a TestServer populated on demand with a
// fixed cast of users, request helpers that fail loudly on an unexpected
// status, the error-envelope check and a snapshot of everything the API
// exposes (to prove that a refused request changed nothing).
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "testing/test_server.h"

namespace kefu::testing {

// The cast. Users are created (and signed in) the first time they are used.
enum class Who { kCust1, kCust2, kAgentA, kAgentB, kAgentC, kLead, kManager, kAdmin };

std::string WhoName(Who w);

// Checks that `r` has HTTP status `status` and a body that is exactly
// {"error": {"code": `code`, "message": <non-empty string>}}.
::testing::AssertionResult IsError(const HttpResult& r, int status, const std::string& code);

// "status: body" for failure messages.
std::string Describe(const HttpResult& r);

class ApiWorld {
 public:
  // With `clock`, the server runs on it (see TestServer).
  explicit ApiWorld(Clock* clock = nullptr) : server_(clock) {}

  TestServer& s() { return server_; }

  // Login name, bearer token (creates and signs in the user on first use) and,
  // for kCust1/kCust2, the id of their Customer record.
  std::string Login(Who w) const;
  const std::string& Token(Who w);
  std::string CustomerId(Who w);
  // A fresh token for `w` (another sign-in).
  std::string FreshToken(Who w);

  // Requests with any method and extra headers (GET, POST, PATCH, DELETE, PUT),
  // on a keep-alive client of their own (TestServer's knows fewer methods).
  HttpResult Raw(const std::string& method, const std::string& path, const std::string& token,
                 const std::string& body = "", const httplib::Headers& headers = {});
  HttpResult Get(const std::string& path, const std::string& token) {
    return Raw("GET", path, token);
  }
  HttpResult Post(const std::string& path, const std::string& token, const std::string& body,
                  const httplib::Headers& headers = {}) {
    return Raw("POST", path, token, body, headers);
  }
  HttpResult Post(const std::string& path, const std::string& token, const Json& body,
                  const httplib::Headers& headers = {}) {
    return Raw("POST", path, token, body.dump(), headers);
  }
  HttpResult Patch(const std::string& path, const std::string& token, const std::string& body) {
    return Raw("PATCH", path, token, body);
  }
  HttpResult Patch(const std::string& path, const std::string& token, const Json& body) {
    return Raw("PATCH", path, token, body.dump());
  }

  // Helpers that throw std::runtime_error (failing the test) on any status
  // but the expected one. They return the response body.
  Json CreateTicket(Who w, const Json& body);  // 201
  std::string NewTicket(Who customer, const std::string& subject = "快递三天没动了");
  Json Reply(Who w, const std::string& id, const std::string& body = "亲，已帮您催件");  // 201
  Json Note(Who w, const std::string& id, const std::string& body = "内部备注");         // 201
  Json Move(Who w, const std::string& id, const std::string& to);                        // 200
  Json Assign(Who w, const std::string& id, Who agent);                                  // 200
  Json PatchTicket(Who w, const std::string& id, const Json& body);                      // 200
  Json GetTicket(Who w, const std::string& id);                                          // 200
  // Every event visible to `w`, walking all pages.
  std::vector<Json> Events(Who w, const std::string& id);
  // Ids of GET /api/v1/tickets?<query> for `w`, walking all pages with `limit`.
  std::vector<std::string> ListIds(Who w, const std::string& query = "", int limit = 200);
  // Creates a customer record through the API (as the lead); returns its id.
  std::string NewCustomer(const Json& body);
  // Records an order (as the lead); returns the order JSON.
  Json NewOrder(const Json& body);

  // Everything an admin can read: all tickets, all their events, customers
  // and orders, as one JSON value.
  Json Snapshot();
  // Snapshot() and what the after-sales endpoints show: every after-sales
  // request and compensation, the shipments of every order, the after-sales
  // policy and the teams (all as the admin), and the notifications of every
  // user signed in so far (each read with their own token).
  Json AfterSalesSnapshot();

 private:
  void Ensure(Who w);

  TestServer server_;
  std::map<Who, std::string> tokens_;
  std::unique_ptr<httplib::Client> raw_;
};

// The ids of a list response's items, in order.
std::vector<std::string> ItemIds(const Json& page);

}  // namespace kefu::testing
