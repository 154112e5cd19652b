// Sign-in and sign-out, /healthz and the Prometheus /metrics exposition.
#include <gtest/gtest.h>

#include <sstream>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

// The value of the sample line `series` (exact name and labels), or -1.
double Sample(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  }
  return -1;
}

TEST(ApiAuthTest, LoginWithAWrongPasswordOrUnknownUserIs401) {
  ApiWorld w;
  w.Token(Who::kAgentA);
  for (const Json& body : {Json{{"login", "agent.a"}, {"password", "wrong-password"}},
                           Json{{"login", "agent.a"}, {"password", "PASSWORD123"}},
                           Json{{"login", "no.such.user"}, {"password", "password123"}},
                           Json{{"login", "agent.a"}, {"password", ""}}}) {
    SCOPED_TRACE(body.dump());
    HttpResult r = w.Post("/api/v1/auth/login", "", body);
    EXPECT_TRUE(IsError(r, 401, "invalid_credentials"));
    EXPECT_FALSE(r.body.contains("token"));
  }
  // Malformed sign-in requests are input errors, not credential errors.
  EXPECT_TRUE(IsError(w.Post("/api/v1/auth/login", "", Json{{"login", "agent.a"}}), 422,
                      "validation_failed"));
  EXPECT_TRUE(IsError(w.Post("/api/v1/auth/login", "",
                             Json{{"login", "agent.a"}, {"password", "password123"}, {"otp", 1}}),
                      422, "validation_failed"));
}

TEST(ApiAuthTest, LoginReturnsAWorkingToken) {
  ApiWorld w;
  std::string cust = w.CustomerId(Who::kCust1);
  HttpResult r =
      w.Post("/api/v1/auth/login", "", Json{{"login", "cust.one"}, {"password", "password123"}});
  ASSERT_EQ(r.status, 200) << Describe(r);
  EXPECT_EQ(r.body["login"], "cust.one");
  EXPECT_EQ(r.body["role"], "customer");
  EXPECT_EQ(r.body["customer"], cust);
  EXPECT_TRUE(r.body["expires_at"].is_string());
  std::string token = r.body["token"];
  HttpResult me = w.Get("/api/v1/auth/me", token);
  ASSERT_EQ(me.status, 200) << Describe(me);
  // csrf_token is for cookie sessions only (api_console_test.cc).
  EXPECT_EQ(me.body, (Json{{"login", "cust.one"}, {"role", "customer"}, {"display_name", "cust.one"},
                           {"csrf_token", nullptr}, {"customer", cust}}));
  HttpResult staff = w.Get("/api/v1/auth/me", w.Token(Who::kLead));
  EXPECT_EQ(staff.body, (Json{{"login", "lead.li"}, {"role", "lead"}, {"display_name", "lead.li"},
                              {"csrf_token", nullptr}, {"customer", nullptr}}));
}

TEST(ApiAuthTest, LogoutRevokesThatTokenOnly) {
  ApiWorld w;
  std::string keep = w.Token(Who::kAgentA);
  std::string gone = w.FreshToken(Who::kAgentA);
  ASSERT_NE(keep, gone);
  ASSERT_EQ(w.Get("/api/v1/tickets", gone).status, 200);
  HttpResult out = w.Post("/api/v1/auth/logout", gone, std::string());
  ASSERT_EQ(out.status, 200) << Describe(out);
  EXPECT_EQ(out.body, (Json{{"revoked", true}}));
  for (const std::string path : {"/api/v1/tickets", "/api/v1/auth/me", "/api/v1/customers"}) {
    SCOPED_TRACE(path);
    HttpResult r = w.Get(path, gone);
    EXPECT_TRUE(IsError(r, 401, "unauthenticated"));
    EXPECT_EQ(r.Header("WWW-Authenticate"), "Bearer");
  }
  EXPECT_TRUE(IsError(w.Post("/api/v1/tickets/T-000001/messages", gone, Json{{"body", "x"}}), 401,
                      "unauthenticated"));
  EXPECT_TRUE(IsError(w.Post("/api/v1/auth/logout", gone, std::string()), 401, "unauthenticated"));
  // The user's other session is untouched.
  EXPECT_EQ(w.Get("/api/v1/auth/me", keep).status, 200);
}

TEST(ApiOpsTest, HealthzNeedsNoToken) {
  ApiWorld w;
  HttpResult r = w.Get("/healthz", "");
  ASSERT_EQ(r.status, 200) << Describe(r);
  EXPECT_EQ(r.body, (Json{{"status", "ok"}}));
  EXPECT_EQ(w.Get("/healthz", "garbage").status, 200);
}

TEST(ApiOpsTest, MetricsCountRequestsAndTickets) {
  ApiWorld w;
  const std::string& mgr = w.Token(Who::kManager);
  // Tickets: 3 new, 1 open, 1 resolved, 1 closed.
  for (int i = 0; i < 3; ++i) w.NewTicket(Who::kCust1);
  std::string open = w.NewTicket(Who::kCust1);
  w.Reply(Who::kAgentA, open);
  std::string resolved = w.NewTicket(Who::kCust1);
  w.Reply(Who::kAgentA, resolved);
  w.Move(Who::kAgentA, resolved, "resolved");
  std::string closed = w.NewTicket(Who::kCust1);
  w.Reply(Who::kAgentA, closed);
  w.Move(Who::kAgentA, closed, "resolved");
  w.Move(Who::kAgentA, closed, "closed");
  // Requests: 3 x /healthz, 2 x an unknown ticket (404), 1 refused create (422).
  for (int i = 0; i < 3; ++i) ASSERT_EQ(w.Get("/healthz", "").status, 200);
  for (int i = 0; i < 2; ++i) ASSERT_EQ(w.Get("/api/v1/tickets/T-999999", mgr).status, 404);
  ASSERT_EQ(w.Post("/api/v1/tickets", w.Token(Who::kCust1), Json{{"subject", ""}}).status, 422);

  HttpResult r = w.Get("/metrics", mgr);
  ASSERT_EQ(r.status, 200) << Describe(r);
  EXPECT_EQ(r.Header("Content-Type").rfind("text/plain", 0), 0u) << r.Header("Content-Type");
  const std::string& text = r.text;
  EXPECT_NE(text.find("# TYPE kefu_http_requests_total counter"), std::string::npos);
  EXPECT_NE(text.find("# TYPE kefu_tickets gauge"), std::string::npos);
  EXPECT_EQ(Sample(text, R"(kefu_http_requests_total{method="GET",route="/healthz",code="200"})"),
            3);
  EXPECT_EQ(
      Sample(text,
             R"(kefu_http_requests_total{method="GET",route="/api/v1/tickets/:id",code="404"})"),
      2);
  EXPECT_EQ(
      Sample(text, R"(kefu_http_requests_total{method="POST",route="/api/v1/tickets",code="422"})"),
      1);
  EXPECT_EQ(
      Sample(text, R"(kefu_http_requests_total{method="POST",route="/api/v1/tickets",code="201"})"),
      6);
  EXPECT_EQ(
      Sample(text, R"(kefu_http_request_duration_seconds_count{method="GET",route="/healthz"})"),
      3);
  EXPECT_EQ(
      Sample(
          text,
          R"(kefu_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="+Inf"})"),
      3);
  EXPECT_EQ(Sample(text, R"(kefu_tickets{status="new"})"), 3);
  EXPECT_EQ(Sample(text, R"(kefu_tickets{status="open"})"), 1);
  EXPECT_EQ(Sample(text, R"(kefu_tickets{status="pending_customer"})"), 0);
  EXPECT_EQ(Sample(text, R"(kefu_tickets{status="pending_third_party"})"), 0);
  EXPECT_EQ(Sample(text, R"(kefu_tickets{status="resolved"})"), 1);
  EXPECT_EQ(Sample(text, R"(kefu_tickets{status="closed"})"), 1);

  // The gauge follows the store: one more new ticket.
  w.NewTicket(Who::kCust2);
  HttpResult again = w.Get("/metrics", w.Token(Who::kAdmin));
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(Sample(again.text, R"(kefu_tickets{status="new"})"), 4);
  EXPECT_EQ(
      Sample(again.text, R"(kefu_http_requests_total{method="GET",route="/metrics",code="200"})"),
      1);
}

}  // namespace
}  // namespace kefu::testing
