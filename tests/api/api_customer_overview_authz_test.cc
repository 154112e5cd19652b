// The customer 360 (GET /customers/{id}/overview) in the authorisation
// matrix, cell by cell: which after-sales requests, compensation and totals
// each role finds there, against what the direct endpoints answer for the
// same actor. The rule (service/customer_service.h): the 360 is for staff
// (a customer's own is 403, another's 404), and a request or compensation
// is listed iff its own GET answers 200 for the viewer, i.e. iff the viewer
// may see its ticket (core/access.h); the totals add up only the rows listed.
//
// To see these tests fail, remove the two `if (filter) { ... KeepVisible ... }`
// blocks in CustomerService::Overview (src/service/customer_overview.cc): the
// 360 then lists every row of the customer to every agent.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/api_world.h"
#include "common/time.h"
#include "service/demo_data.h"

namespace kefu::testing {
namespace {

Json Must(const HttpResult& r, int status, const std::string& what) {
  if (r.status != status) {
    throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " +
                             Describe(r));
  }
  return r.body;
}

// What one viewer finds in a 360: the ids listed and the two totals.
struct Seen {
  std::set<std::string> after_sales, compensations;
  int64_t refunded_fen = 0, compensated_fen = 0;
};

Seen SeenIn(const Json& overview) {
  Seen s;
  for (const auto& r : overview["after_sales"]) s.after_sales.insert(r["id"].get<std::string>());
  for (const auto& c : overview["compensations"]) {
    s.compensations.insert(c["id"].get<std::string>());
  }
  s.refunded_fen = overview["totals"]["refunded_fen"].get<int64_t>();
  s.compensated_fen = overview["totals"]["compensated_fen"].get<int64_t>();
  return s;
}

// What the 360 must show a viewer, derived from the direct endpoints: of
// `all` (the admin's 360, which holds every row), the rows whose own GET
// answers 200 for `token`, and the totals over them.
Seen ExpectedFromDirectGets(const Json& all, const std::function<HttpResult(const std::string&)>& get) {
  Seen s;
  for (const auto& r : all["after_sales"]) {
    std::string id = r["id"];
    HttpResult one = get("/api/v1/after-sales/" + id);
    if (one.status != 200) {
      EXPECT_TRUE(IsError(one, 404, "not_found")) << id;
      continue;
    }
    s.after_sales.insert(id);
    if (r["status"] == "refunded") s.refunded_fen += r["refund_fen"].get<int64_t>();
  }
  for (const auto& c : all["compensations"]) {
    std::string id = c["id"];
    HttpResult one = get("/api/v1/compensations/" + id);
    if (one.status != 200) {
      EXPECT_TRUE(IsError(one, 404, "not_found")) << id;
      continue;
    }
    s.compensations.insert(id);
    if (c["status"] == "approved") s.compensated_fen += c["amount_fen"].get<int64_t>();
  }
  return s;
}

void ExpectSame(const Seen& got, const Seen& want) {
  EXPECT_EQ(got.after_sales, want.after_sales);
  EXPECT_EQ(got.compensations, want.compensations);
  EXPECT_EQ(got.refunded_fen, want.refunded_fen);
  EXPECT_EQ(got.compensated_fen, want.compensated_fen);
}

// The probe's finding, on the demo data as shipped: li.na (agent) was shown
// after-sales request A-000003 (on T-000007) and compensation P-000004 (on
// T-000025, a partial refund with its internal reason) in C-000006's 360
// while their own GETs and both tickets answered 404 for her. Here every
// demo staff login is checked against every demo customer's 360.
TEST(ApiCustomerOverviewAuthzTest, DemoDataProbeFinding) {
  TestServer srv;
  SystemClock clock;
  auto sum = LoadDemoData(srv.store(), clock, Json::parse(EmbeddedDemoJson()));
  ASSERT_TRUE(sum.ok()) << sum.status().ToString();
  std::map<std::string, std::string> staff;  // login -> token
  for (const auto& [login, role] : sum->logins) {
    if (role != "customer") staff[login] = srv.Login(login, sum->password);
  }
  ASSERT_TRUE(staff.count("admin") && staff.count("li.na"));
  const std::string admin = staff["admin"];

  // The probe's cell first, by name.
  const std::string lina = staff["li.na"];
  Json all6 = Must(srv.Get("/api/v1/customers/C-000006/overview", admin), 200, "admin's 360");
  Seen every6 = SeenIn(all6);
  ASSERT_TRUE(every6.after_sales.count("A-000003")) << "the demo data changed: " << all6.dump();
  ASSERT_TRUE(every6.compensations.count("P-000004")) << "the demo data changed: " << all6.dump();
  for (const char* path : {"/api/v1/after-sales/A-000003", "/api/v1/compensations/P-000004",
                           "/api/v1/tickets/T-000007", "/api/v1/tickets/T-000025"}) {
    EXPECT_TRUE(IsError(srv.Get(path, lina), 404, "not_found")) << path;
  }
  Seen hers = SeenIn(Must(srv.Get("/api/v1/customers/C-000006/overview", lina), 200, "li.na's 360"));
  EXPECT_FALSE(hers.after_sales.count("A-000003")) << "the 360 leaks A-000003 to li.na";
  EXPECT_FALSE(hers.compensations.count("P-000004")) << "the 360 leaks P-000004 to li.na";

  // Then every staff login against every customer.
  Json customers = Must(srv.Get("/api/v1/customers?limit=100", admin), 200, "customers");
  ASSERT_FALSE(customers["next_cursor"].is_string()) << "more than one page of demo customers";
  int rows = 0, hidden = 0;
  for (const auto& c : customers["items"]) {
    std::string id = c["id"];
    Json all = Must(srv.Get("/api/v1/customers/" + id + "/overview", admin), 200, "admin's 360");
    rows += static_cast<int>(all["after_sales"].size() + all["compensations"].size());
    for (const auto& [login, token] : staff) {
      SCOPED_TRACE("customer=" + id + " viewer=" + login);
      Seen want = ExpectedFromDirectGets(
          all, [&, tok = token](const std::string& path) { return srv.Get(path, tok); });
      hidden += static_cast<int>(all["after_sales"].size() + all["compensations"].size() -
                                 want.after_sales.size() - want.compensations.size());
      HttpResult r = srv.Get("/api/v1/customers/" + id + "/overview", token);
      ASSERT_EQ(r.status, 200) << Describe(r);
      ExpectSame(SeenIn(r.body), want);
    }
  }
  EXPECT_GT(rows, 0) << "the demo has no after-sales rows: the check above proves nothing";
  EXPECT_GT(hidden, 0) << "no demo agent is kept from a row: the check above proves nothing";
}

// A world with one customer (cust.one) and three of their tickets, each
// about a delivered order: T_a owned and assigned to agent.a, T_b owned and
// assigned to agent.b, T_q unassigned (the shared queue). On T_a a refunded
// request (9900 fen) and an approved 1000-fen coupon; on T_b a refunded
// request (12900 fen), an approved 3000-fen coupon and a 60000-fen coupon
// waiting for approval (over the lead's ¥500); on T_q a request just asked
// for. agent.c is assigned nothing and sees only T_q.
class OverviewMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w_.Token(Who::kAgentC);
    tickets_["T_a"] = NewTicket(9900);
    w_.Reply(Who::kAgentA, tickets_["T_a"]);
    tickets_["T_b"] = NewTicket(12900);
    w_.Reply(Who::kAgentB, tickets_["T_b"]);
    tickets_["T_q"] = NewTicket(5900);
    ids_["A_a"] = Refunded(tickets_["T_a"]);
    ids_["A_b"] = Refunded(tickets_["T_b"]);
    ids_["A_q"] = Open(tickets_["T_q"]);
    ids_["P_a"] = Coupon(tickets_["T_a"], 1000, "approved");
    ids_["P_b"] = Coupon(tickets_["T_b"], 3000, "approved");
    ids_["P_b_pending"] = Coupon(tickets_["T_b"], 60000, "pending_approval");
    // The setup left the tickets as described.
    EXPECT_EQ(w_.GetTicket(Who::kAdmin, tickets_["T_a"])["assignee"], w_.Login(Who::kAgentA));
    EXPECT_EQ(w_.GetTicket(Who::kAdmin, tickets_["T_b"])["assignee"], w_.Login(Who::kAgentB));
    EXPECT_TRUE(w_.GetTicket(Who::kAdmin, tickets_["T_q"])["assignee"].is_null());
  }

  std::string NewTicket(int64_t price_fen) {
    auto ago = [](int hours) {
      return FormatIso8601(Timestamp{SystemClock().Now().unix_ms - int64_t{hours} * 3'600'000});
    };
    Json item = {{"sku", "MUG-01"}, {"name", "马克杯"}, {"quantity", 1}, {"price_fen", price_fen}};
    std::string order = w_.NewOrder({{"customer", w_.CustomerId(Who::kCust1)},
                                     {"items", Json::array({item})},
                                     {"paid_at", ago(26)},
                                     {"shipped_at", ago(25)},
                                     {"delivered_at", ago(24)}})["id"];
    Json body = {{"subject", "不想要了"}, {"body", "七天无理由退货"}, {"order", order}};
    return w_.CreateTicket(Who::kCust1, body)["id"];
  }

  std::string Open(const std::string& ticket) {
    Json draft = {{"line", 1}, {"kind", "return_refund"}, {"reason", "no_reason"}};
    return Must(w_.Post("/api/v1/tickets/" + ticket + "/after-sales", w_.Token(Who::kCust1), draft),
                201, "open a request")["id"];
  }

  // A request opened by the customer and taken to refunded by the lead.
  std::string Refunded(const std::string& ticket) {
    std::string id = Open(ticket);
    const std::vector<Json> steps = {
        {{"to", "approved"}, {"reason", "七天无理由"}},
        {{"to", "awaiting_return_shipment"}, {"reason", "请寄回"}, {"return_tracking", "SF7000001"}},
        {{"to", "received"}, {"reason", "退货已签收"}},
        {{"to", "inspected"}, {"reason", "完好"}},
        {{"to", "refunded"}, {"reason", "原路退回"}},
    };
    for (const Json& s : steps) {
      Must(w_.Post("/api/v1/after-sales/" + id + "/transitions", w_.Token(Who::kLead), s), 200,
           "move " + id + " to " + s["to"].get<std::string>());
    }
    return id;
  }

  // A coupon the lead grants; `status` is what it must come out as.
  std::string Coupon(const std::string& ticket, int64_t fen, const std::string& status) {
    Json body = {{"kind", "coupon"}, {"amount_fen", fen}, {"reason", "内部：补偿原因"}};
    Json c = Must(w_.Post("/api/v1/tickets/" + ticket + "/compensations", w_.Token(Who::kLead), body),
                  201, "compensation on " + ticket);
    EXPECT_EQ(c["status"], status) << c;
    return c["id"];
  }

  std::set<std::string> Ids(std::initializer_list<const char*> names) {
    std::set<std::string> out;
    for (const char* n : names) out.insert(ids_.at(n));
    return out;
  }

  ApiWorld w_;
  std::map<std::string, std::string> tickets_;  // name -> T-...
  std::map<std::string, std::string> ids_;      // name -> A-... / P-...
};

TEST_F(OverviewMatrixTest, EachRoleSeesExactlyTheRowsOfTicketsItMaySee) {
  const std::string path = "/api/v1/customers/" + w_.CustomerId(Who::kCust1) + "/overview";
  // Staff: the expected rows and totals, written out.
  struct Cell {
    Who who;
    const char* why;
    std::set<std::string> after_sales, compensations;
    int64_t refunded_fen, compensated_fen;
  };
  const std::set<std::string> every_request = Ids({"A_a", "A_b", "A_q"});
  const std::set<std::string> every_compensation = Ids({"P_a", "P_b", "P_b_pending"});
  const std::vector<Cell> cells = {
      {Who::kAgentA, "agent who sees T_a and T_q, not T_b", Ids({"A_a", "A_q"}), Ids({"P_a"}),
       9900, 1000},
      {Who::kAgentB, "agent who sees T_b and T_q, not T_a", Ids({"A_b", "A_q"}),
       Ids({"P_b", "P_b_pending"}), 12900, 3000},
      {Who::kAgentC, "agent who sees only T_q", Ids({"A_q"}), {}, 0, 0},
      {Who::kLead, "lead", every_request, every_compensation, 9900 + 12900, 1000 + 3000},
      {Who::kManager, "manager", every_request, every_compensation, 9900 + 12900, 1000 + 3000},
      {Who::kAdmin, "admin", every_request, every_compensation, 9900 + 12900, 1000 + 3000},
  };
  Json all = Must(w_.Get(path, w_.Token(Who::kAdmin)), 200, "admin's 360");
  for (const Cell& cell : cells) {
    SCOPED_TRACE(std::string("actor=") + w_.Login(cell.who) + " (" + cell.why + ")");
    HttpResult r = w_.Get(path, w_.Token(cell.who));
    ASSERT_EQ(r.status, 200) << Describe(r);
    Seen got = SeenIn(r.body);
    // Exactly the table...
    ExpectSame(got, Seen{cell.after_sales, cell.compensations, cell.refunded_fen,
                         cell.compensated_fen});
    // ...which is exactly what the direct GETs answer for the same actor.
    ExpectSame(got, ExpectedFromDirectGets(all, [&](const std::string& p) {
                 return w_.Get(p, w_.Token(cell.who));
               }));
    // The tickets in the 360 follow the same rule.
    std::set<std::string> tickets;
    for (const char* key : {"open_tickets", "past_tickets"}) {
      for (const auto& t : r.body[key]) tickets.insert(t["id"].get<std::string>());
    }
    for (const auto& [name, id] : tickets_) {
      bool sees = w_.Get("/api/v1/tickets/" + id, w_.Token(cell.who)).status == 200;
      EXPECT_EQ(tickets.count(id) == 1, sees) << name << " " << id;
    }
  }
  // Customers: their own 360 is 403 (staff only), another's 404; neither
  // carries a row. The customer owner still reads their own requests
  // directly (GET /after-sales/{id} is 200 for them), never compensation
  // (403: staff only).
  HttpResult own = w_.Get(path, w_.Token(Who::kCust1));
  EXPECT_TRUE(IsError(own, 403, "forbidden"));
  HttpResult other = w_.Get(path, w_.Token(Who::kCust2));
  EXPECT_TRUE(IsError(other, 404, "not_found"));
  for (const auto& id : every_request) {
    EXPECT_EQ(w_.Get("/api/v1/after-sales/" + id, w_.Token(Who::kCust1)).status, 200) << id;
    EXPECT_TRUE(IsError(w_.Get("/api/v1/after-sales/" + id, w_.Token(Who::kCust2)), 404,
                        "not_found"))
        << id;
  }
  for (const auto& id : every_compensation) {
    EXPECT_TRUE(IsError(w_.Get("/api/v1/compensations/" + id, w_.Token(Who::kCust1)), 403,
                        "forbidden"))
        << id;
    EXPECT_TRUE(IsError(w_.Get("/api/v1/compensations/" + id, w_.Token(Who::kCust2)), 404,
                        "not_found"))
        << id;
  }
}

}  // namespace
}  // namespace kefu::testing
