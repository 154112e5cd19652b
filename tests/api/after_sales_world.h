// The world of the after-sales API tests (api_after_sales_test.cc,
// api_compensation_logistics_test.cc): a TestServer on a FakeClock starting
// on a Monday morning, a fixed cast of users, order and request helpers, and
// readers of events, notifications and the audit log. The fixture is defined
// here once, in namespace kefu::testing.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "api/api_world.h"
#include "auth/hmac.h"
#include "testing/test_server.h"

namespace kefu::testing {

inline constexpr int64_t kMinute = 60'000;
inline constexpr int64_t kHour = 60 * kMinute;
inline constexpr int64_t kDay = 24 * kHour;

// 2026-11-23 10:00 in Beijing (a Monday).
inline Timestamp Start() { return *ParseIso8601("2026-11-23T02:00:00Z"); }

inline Json Item(const std::string& sku, const std::string& name, int quantity,
                 int64_t price_fen, const std::string& category) {
  return {{"sku", sku}, {"name", name}, {"quantity", quantity}, {"price_fen", price_fen},
          {"category", category}};
}

// Dates of an order delivered on `delivered` (signed for), shipped and paid
// the days before.
inline Json DeliveredOn(const std::string& day) {
  return {{"paid_at", day + "T00:00:00Z"}, {"shipped_at", day + "T01:00:00Z"},
          {"delivered_at", day + "T06:00:00Z"}};
}
inline Json ShippedOnly() {
  return {{"paid_at", "2026-11-20T02:00:00Z"}, {"shipped_at", "2026-11-21T02:00:00Z"}};
}

// Six users (a manager, a lead, two agents, two customers), signed in; the
// clock moves only when a test moves it.
class AfterSalesApiTest : public ::testing::Test {
 protected:
  AfterSalesApiTest() : clock_(Start()), srv_(&clock_) {
    srv_.AddUser("boss", Role::kManager);
    srv_.AddUser("lead1", Role::kLead);
    srv_.AddUser("ann", Role::kAgent);
    srv_.AddUser("bob", Role::kAgent);
    srv_.AddUser("cus", Role::kCustomer);
    srv_.AddUser("cus2", Role::kCustomer);
    SignIn();
  }

  // Signs everyone in again (tokens expire as the clock moves on).
  void SignIn() {
    boss_ = srv_.Login("boss");
    lead_ = srv_.Login("lead1");
    ann_ = srv_.Login("ann");
    bob_ = srv_.Login("bob");
    cus_ = srv_.Login("cus");
    cus2_ = srv_.Login("cus2");
  }

  // The body of `r`, expecting `status`.
  static Json Ok(const HttpResult& r, int status) {
    EXPECT_EQ(r.status, status) << Describe(r);
    return r.body;
  }

  std::string NewOrder(const std::string& customer, Json items, Json dates) {
    Json body = {{"customer", customer}, {"items", std::move(items)}};
    body.update(dates);
    return Ok(srv_.Post("/api/v1/orders", lead_, body), 201).value("id", "");
  }

  std::string NewTicket(const std::string& token, Json body) {
    return Ok(srv_.Post("/api/v1/tickets", token, body), 201).value("id", "");
  }

  // `agent` replies (and so owns and is assigned the ticket).
  void Take(const std::string& ticket, const std::string& agent) {
    Ok(srv_.Post("/api/v1/tickets/" + ticket + "/messages", agent, Json{{"body", "您好，马上为您处理"}}),
       201);
  }

  void MoveTicket(const std::string& ticket, const std::string& to, const std::string& token) {
    Ok(srv_.Post("/api/v1/tickets/" + ticket + "/transitions", token,
                 Json{{"to", to}, {"reason", "等待承运商回复"}}),
       200);
  }

  Json Ticket(const std::string& id) { return Ok(srv_.Get("/api/v1/tickets/" + id, boss_), 200); }

  HttpResult MoveRequest(const std::string& id, const std::string& token, Json body) {
    return srv_.Post("/api/v1/after-sales/" + id + "/transitions", token, body);
  }

  // The events of ticket `id` that `token` may see, of `type` ("" = all).
  std::vector<Json> Events(const std::string& id, const std::string& token,
                           const std::string& type = "") {
    Json page = Ok(srv_.Get("/api/v1/tickets/" + id + "/events?limit=200", token), 200);
    std::vector<Json> out;
    for (const auto& e : page["items"]) {
      if (type.empty() || e["type"] == type) out.push_back(e);
    }
    return out;
  }

  std::vector<Json> Notifications(const std::string& token, const std::string& kind) {
    Json page = Ok(srv_.Get("/api/v1/notifications?limit=200", token), 200);
    std::vector<Json> out;
    for (const auto& n : page["items"]) {
      if (n["kind"] == kind) out.push_back(n);
    }
    return out;
  }

  std::vector<AuditEntry> Audit(const std::string& action) {
    auto txn = srv_.store().Begin(TxnMode::kRead);
    EXPECT_TRUE(txn.ok());
    auto rows = srv_.store().ListAudit(**txn, 0, 100000);
    EXPECT_TRUE(rows.ok());
    std::vector<AuditEntry> out;
    for (auto& e : *rows) {
      if (e.action == action) out.push_back(std::move(e));
    }
    return out;
  }

  // The carrier webhook, signed with `secret` unless `signature` is given.
  HttpResult Webhook(const Json& body, const std::string& secret = kCarrierSecret) {
    std::string raw = body.dump();
    return srv_.Post("/api/v1/webhooks/carrier", "", raw,
                     {{"X-Kefu-Signature", "sha256=" + HmacSha256Hex(secret, raw)}});
  }

  void RunJobs() { ASSERT_TRUE(srv_.scheduler().RunOnce().ok()); }

  void Advance(int64_t ms) {
    clock_.Advance(ms);
    SignIn();
  }

  FakeClock clock_;
  TestServer srv_;
  std::string boss_, lead_, ann_, bob_, cus_, cus2_;
};

}  // namespace kefu::testing
