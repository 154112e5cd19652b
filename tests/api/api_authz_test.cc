// The authorisation matrix of the REST API, asserted cell by cell: roles
// (customer, agent, lead, manager, admin) x endpoints x own/other object.
// The expectations are written out as tables from the rules in
// core/access.h, core/ticket_rules.h and service/customer_service.h:
// what an actor may not see is 404 (never 403), what they see but may not
// do is 403.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

constexpr Who kActors[] = {Who::kCust1, Who::kAgentA, Who::kLead, Who::kManager, Who::kAdmin};
constexpr const char* kActorNames[] = {"customer", "agent", "lead", "manager", "admin"};
constexpr int kSkip = -1;  // the cell does not apply

// Ticket objects, relative to the customer actor (cust.one) and the agent
// actor (agent.a). Each cell gets a fresh ticket.
enum Obj { kMine, kQueue, kForeign };
constexpr const char* kObjNames[] = {"mine (cust.one's, owned and assigned to agent.a, open)",
                                     "queue (cust.one's, unassigned, new)",
                                     "foreign (cust.two's, owned and assigned to agent.b, open)"};

std::string MakeTicket(ApiWorld& w, Obj o) {
  switch (o) {
    case kMine: {
      std::string id = w.NewTicket(Who::kCust1);
      w.Reply(Who::kAgentA, id);
      return id;
    }
    case kQueue:
      return w.NewTicket(Who::kCust1);
    case kForeign: {
      std::string id = w.NewTicket(Who::kCust2);
      w.Reply(Who::kAgentB, id);
      return id;
    }
  }
  return "";
}

enum class TicketOp {
  kGet,
  kEvents,
  kPublicReply,
  kInternalNote,
  kTransition,
  kAssignSelf,
  kAssignOther,
  kPatch
};

struct TicketRow {
  TicketOp op;
  const char* name;
  int expect[5][3];  // [actor][object]
};

// Rows: actors customer, agent, lead, manager, admin; columns: mine, queue, foreign.
// clang-format off
const TicketRow kTicketMatrix[] = {
    {TicketOp::kGet, "GET /tickets/{id}",
     {{200, 200, 404}, {200, 200, 404}, {200, 200, 200}, {200, 200, 200}, {200, 200, 200}}},
    {TicketOp::kEvents, "GET /tickets/{id}/events",
     {{200, 200, 404}, {200, 200, 404}, {200, 200, 200}, {200, 200, 200}, {200, 200, 200}}},
    {TicketOp::kPublicReply, "POST /tickets/{id}/messages (public)",
     {{201, 201, 404}, {201, 201, 404}, {201, 201, 201}, {201, 201, 201}, {201, 201, 201}}},
    {TicketOp::kInternalNote, "POST /tickets/{id}/messages (internal)",
     {{403, 403, 404}, {201, 201, 404}, {201, 201, 201}, {201, 201, 201}, {201, 201, 201}}},
    {TicketOp::kTransition, "POST /tickets/{id}/transitions (a legal move)",
     {{403, 403, 404}, {200, 200, 404}, {200, 200, 200}, {200, 200, 200}, {200, 200, 200}}},
    {TicketOp::kAssignSelf, "POST /tickets/{id}/assign (to the actor)",
     {{403, 403, 404}, {200, 200, 404}, {200, 200, 200}, {200, 200, 200}, {200, 200, 200}}},
    {TicketOp::kAssignOther, "POST /tickets/{id}/assign (to agent.c)",
     {{403, 403, 404}, {200, 403, 404}, {200, 200, 200}, {200, 200, 200}, {200, 200, 200}}},
    {TicketOp::kPatch, "PATCH /tickets/{id}",
     {{403, 403, 404}, {200, 200, 404}, {200, 200, 200}, {200, 200, 200}, {200, 200, 200}}},
};
// clang-format on

HttpResult Perform(ApiWorld& w, TicketOp op, Who actor, const std::string& id,
                   const std::string& status) {
  const std::string& tok = w.Token(actor);
  const std::string base = "/api/v1/tickets/" + id;
  switch (op) {
    case TicketOp::kGet:
      return w.Get(base, tok);
    case TicketOp::kEvents:
      return w.Get(base + "/events", tok);
    case TicketOp::kPublicReply:
      return w.Post(base + "/messages", tok, Json{{"body", "您好"}});
    case TicketOp::kInternalNote:
      return w.Post(base + "/messages", tok, Json{{"body", "备注"}, {"internal", true}});
    case TicketOp::kTransition:
      return w.Post(base + "/transitions", tok,
                    Json{{"to", status == "new" ? "open" : "pending_customer"}});
    case TicketOp::kAssignSelf:
      return w.Post(base + "/assign", tok, Json{{"agent", w.Login(actor)}});
    case TicketOp::kAssignOther:
      return w.Post(base + "/assign", tok, Json{{"agent", w.Login(Who::kAgentC)}});
    case TicketOp::kPatch:
      return w.Patch(base, tok, Json{{"priority", "P1"}});
  }
  return {};
}

bool IsWrite(TicketOp op) { return op != TicketOp::kGet && op != TicketOp::kEvents; }

TEST(ApiAuthzTest, TicketEndpointsMatrix) {
  ApiWorld w;
  w.Token(Who::kAgentC);  // exists, so that assignments to agent.c are valid
  for (const TicketRow& row : kTicketMatrix) {
    for (int a = 0; a < 5; ++a) {
      for (int o = 0; o < 3; ++o) {
        SCOPED_TRACE(std::string(row.name) + " | actor=" + kActorNames[a] +
                     " | object=" + kObjNames[o]);
        std::string id = MakeTicket(w, static_cast<Obj>(o));
        Json before = w.GetTicket(Who::kAdmin, id);
        size_t events_before = w.Events(Who::kAdmin, id).size();
        HttpResult r = Perform(w, row.op, kActors[a], id, before["status"]);
        int want = row.expect[a][o];
        if (want >= 400) {
          EXPECT_TRUE(IsError(r, want, want == 403 ? "forbidden" : "not_found"));
          // A refusal changes nothing.
          EXPECT_EQ(w.GetTicket(Who::kAdmin, id), before);
          EXPECT_EQ(w.Events(Who::kAdmin, id).size(), events_before);
        } else {
          EXPECT_EQ(r.status, want) << Describe(r);
          if (r.status == want && row.op == TicketOp::kEvents) {
            EXPECT_FALSE(r.body["items"].empty());
            for (const auto& e : r.body["items"]) EXPECT_EQ(e["ticket"], id);
          } else if (r.status == want) {
            EXPECT_EQ(r.body["id"], id);
          }
          if (IsWrite(row.op) && r.status == want) {
            // Assigning agent.a to a ticket already assigned to agent.a is a no-op.
            bool noop =
                row.op == TicketOp::kAssignSelf && before["assignee"] == w.Login(kActors[a]);
            Json after = w.GetTicket(Who::kAdmin, id);
            EXPECT_EQ(after["version"].get<int64_t>(),
                      before["version"].get<int64_t>() + (noop ? 0 : 1));
          }
        }
      }
    }
  }
}

// Endpoints not about one ticket. Columns: the object belongs to cust.one
// ("own") or to cust.two ("other"); kSkip where the endpoint takes no object.
enum class ScopeOp {
  kCreateTicket,
  kListTickets,
  kListCustomers,
  kCreateCustomer,
  kGetCustomer,
  kListOrders,
  kCreateOrder,
  kGetOrder,
  kMetrics,
  kLogout,
  kMe
};

struct ScopeRow {
  ScopeOp op;
  const char* name;
  int expect[5][2];  // [actor][own, other]
};

// clang-format off
const ScopeRow kScopeMatrix[] = {
    {ScopeOp::kCreateTicket, "POST /tickets {customer}",
     {{201, 403}, {201, 201}, {201, 201}, {201, 201}, {201, 201}}},
    {ScopeOp::kListTickets, "GET /tickets?customer=",
     {{200, 200}, {200, 200}, {200, 200}, {200, 200}, {200, 200}}},
    {ScopeOp::kListCustomers, "GET /customers",
     {{403, kSkip}, {200, kSkip}, {200, kSkip}, {200, kSkip}, {200, kSkip}}},
    {ScopeOp::kCreateCustomer, "POST /customers",
     {{403, kSkip}, {201, kSkip}, {201, kSkip}, {201, kSkip}, {201, kSkip}}},
    {ScopeOp::kGetCustomer, "GET /customers/{id}",
     {{200, 404}, {200, 200}, {200, 200}, {200, 200}, {200, 200}}},
    {ScopeOp::kListOrders, "GET /orders?customer=",
     {{200, 200}, {200, 200}, {200, 200}, {200, 200}, {200, 200}}},
    {ScopeOp::kCreateOrder, "POST /orders {customer}",
     {{403, 403}, {201, 201}, {201, 201}, {201, 201}, {201, 201}}},
    {ScopeOp::kGetOrder, "GET /orders/{id}",
     {{200, 404}, {200, 200}, {200, 200}, {200, 200}, {200, 200}}},
    {ScopeOp::kMetrics, "GET /metrics",
     {{403, kSkip}, {403, kSkip}, {403, kSkip}, {200, kSkip}, {200, kSkip}}},
    {ScopeOp::kLogout, "POST /auth/logout (fresh token)",
     {{200, kSkip}, {200, kSkip}, {200, kSkip}, {200, kSkip}, {200, kSkip}}},
    {ScopeOp::kMe, "GET /auth/me",
     {{200, kSkip}, {200, kSkip}, {200, kSkip}, {200, kSkip}, {200, kSkip}}},
};
// clang-format on

TEST(ApiAuthzTest, CollectionEndpointsMatrix) {
  ApiWorld w;
  const std::string customers[2] = {w.CustomerId(Who::kCust1), w.CustomerId(Who::kCust2)};
  const Json item = Json::array({{{"sku", "SKU-1"}, {"quantity", 1}, {"price_fen", 100}}});
  const std::string orders[2] = {w.NewOrder({{"customer", customers[0]}, {"items", item}})["id"],
                                 w.NewOrder({{"customer", customers[1]}, {"items", item}})["id"]};
  for (const ScopeRow& row : kScopeMatrix) {
    for (int a = 0; a < 5; ++a) {
      for (int o = 0; o < 2; ++o) {
        int want = row.expect[a][o];
        if (want == kSkip) continue;
        SCOPED_TRACE(std::string(row.name) + " | actor=" + kActorNames[a] +
                     " | object=" + (o == 0 ? "own (cust.one's)" : "other (cust.two's)"));
        Who actor = kActors[a];
        std::string tok = w.Token(actor);
        Json before = w.Snapshot();
        HttpResult r;
        switch (row.op) {
          case ScopeOp::kCreateTicket:
            r = w.Post("/api/v1/tickets", tok,
                       Json{{"subject", "发票还没开"}, {"customer", customers[o]}});
            break;
          case ScopeOp::kListTickets:
            r = w.Get("/api/v1/tickets?customer=" + customers[o], tok);
            break;
          case ScopeOp::kListCustomers:
            r = w.Get("/api/v1/customers", tok);
            break;
          case ScopeOp::kCreateCustomer:
            r = w.Post("/api/v1/customers", tok, Json{{"name", "张伟"}});
            break;
          case ScopeOp::kGetCustomer:
            r = w.Get("/api/v1/customers/" + customers[o], tok);
            break;
          case ScopeOp::kListOrders:
            r = w.Get("/api/v1/orders?customer=" + customers[o], tok);
            break;
          case ScopeOp::kCreateOrder:
            r = w.Post("/api/v1/orders", tok, Json{{"customer", customers[o]}, {"items", item}});
            break;
          case ScopeOp::kGetOrder:
            r = w.Get("/api/v1/orders/" + orders[o], tok);
            break;
          case ScopeOp::kMetrics:
            r = w.Get("/metrics", tok);
            break;
          case ScopeOp::kLogout: {
            std::string fresh = w.FreshToken(actor);
            r = w.Post("/api/v1/auth/logout", fresh, std::string());
            break;
          }
          case ScopeOp::kMe:
            r = w.Get("/api/v1/auth/me", tok);
            break;
        }
        if (want >= 400) {
          EXPECT_TRUE(IsError(r, want, want == 403 ? "forbidden" : "not_found"));
          EXPECT_EQ(w.Snapshot(), before) << "a refused request changed something";
        } else {
          EXPECT_EQ(r.status, want) << Describe(r);
        }
        // What a customer gets from a list is only their own.
        if (actor == Who::kCust1 && r.status == 200 &&
            (row.op == ScopeOp::kListTickets || row.op == ScopeOp::kListOrders)) {
          for (const auto& it : r.body["items"]) EXPECT_EQ(it["customer"], customers[0]);
          if (o == 1) {
            EXPECT_TRUE(r.body["items"].empty()) << r.text;
          }
        }
        if (row.op == ScopeOp::kMe && r.status == 200) {
          EXPECT_EQ(r.body["login"], w.Login(actor));
          EXPECT_EQ(r.body["role"], kActorNames[a]);
        }
      }
    }
  }
}

// Who sees which ticket, in GET /tickets/{id}, in GET /tickets and in the
// ticket list embedded in GET /customers/{id}.
TEST(ApiAuthzTest, VisibilityOfTicketsInGetAndLists) {
  ApiWorld w;
  w.Token(Who::kAgentC);
  // Six tickets covering every branch of the visibility rule.
  std::string mine = w.NewTicket(Who::kCust1, "mine");  // c1, a owns and is assigned
  w.Reply(Who::kAgentA, mine);
  std::string queue1 = w.NewTicket(Who::kCust1, "queue1");  // c1, unassigned
  std::string c1_b = w.NewTicket(Who::kCust1, "c1_b");      // c1, b owns and is assigned
  w.Reply(Who::kAgentB, c1_b);
  std::string foreign = w.NewTicket(Who::kCust2, "foreign");  // c2, b owns and is assigned
  w.Reply(Who::kAgentB, foreign);
  std::string handed = w.NewTicket(Who::kCust2, "handed_off");  // c2, a owns, b is assigned
  w.Reply(Who::kAgentA, handed);
  w.Assign(Who::kLead, handed, Who::kAgentB);
  std::string queue2 = w.NewTicket(Who::kCust2, "queue2");    // c2, unassigned
  std::string assigned_c = w.NewTicket(Who::kCust2, "to_c");  // c2, assigned (not owned) to c
  w.Assign(Who::kLead, assigned_c, Who::kAgentC);

  const std::vector<std::string> all = {mine, queue1, c1_b, foreign, handed, queue2, assigned_c};
  const std::map<Who, std::set<std::string>> visible = {
      {Who::kCust1, {mine, queue1, c1_b}},
      {Who::kCust2, {foreign, handed, queue2, assigned_c}},
      {Who::kAgentA, {mine, queue1, handed, queue2}},
      {Who::kAgentB, {queue1, c1_b, foreign, handed, queue2}},
      {Who::kAgentC, {queue1, queue2, assigned_c}},
      {Who::kLead, {all.begin(), all.end()}},
      {Who::kManager, {all.begin(), all.end()}},
      {Who::kAdmin, {all.begin(), all.end()}},
  };
  for (const auto& [who, expected] : visible) {
    SCOPED_TRACE("actor=" + w.Login(who));
    for (const auto& id : all) {
      SCOPED_TRACE("ticket=" + id);
      HttpResult r = w.Get("/api/v1/tickets/" + id, w.Token(who));
      if (expected.count(id)) {
        EXPECT_EQ(r.status, 200) << Describe(r);
      } else {
        EXPECT_TRUE(IsError(r, 404, "not_found"));
      }
      HttpResult ev = w.Get("/api/v1/tickets/" + id + "/events", w.Token(who));
      EXPECT_EQ(ev.status, expected.count(id) ? 200 : 404) << Describe(ev);
    }
    std::vector<std::string> listed = w.ListIds(who);
    EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), expected);
    EXPECT_EQ(listed.size(), expected.size()) << "duplicates in the list";
  }
  // The tickets inside a customer record follow the same rule.
  const std::map<Who, std::set<std::string>> of_customer = {
      {Who::kCust1, {mine, queue1, c1_b}}, {Who::kCust2, {foreign, handed, queue2, assigned_c}}};
  for (Who who : {Who::kAgentA, Who::kAgentB, Who::kLead}) {
    for (Who cust : {Who::kCust1, Who::kCust2}) {
      SCOPED_TRACE("actor=" + w.Login(who) + " customer=" + w.Login(cust));
      HttpResult r = w.Get("/api/v1/customers/" + w.CustomerId(cust), w.Token(who));
      ASSERT_EQ(r.status, 200) << Describe(r);
      std::set<std::string> got, want;
      for (const auto& t : r.body["tickets"]) got.insert(t["id"].get<std::string>());
      for (const auto& id : visible.at(who)) {
        if (of_customer.at(cust).count(id)) want.insert(id);
      }
      EXPECT_EQ(got, want);
    }
  }
  HttpResult own = w.Get("/api/v1/customers/" + w.CustomerId(Who::kCust1), w.Token(Who::kCust1));
  ASSERT_EQ(own.status, 200) << Describe(own);
  std::set<std::string> got;
  for (const auto& t : own.body["tickets"]) got.insert(t["id"].get<std::string>());
  EXPECT_EQ(got, visible.at(Who::kCust1));
}

// Customers never see the team's tags, nor internal events.
TEST(ApiAuthzTest, CustomersSeeNoTagsAndOnlyPublicEvents) {
  ApiWorld w;
  std::string c1 = w.CustomerId(Who::kCust1);
  Json created = w.CreateTicket(
      Who::kAgentA, {{"subject", "退款进度"},
                     {"customer", c1},
                     {"category", "logistics_delay"},  // given: the classifier stays out
                     {"tags", {"vip", "refund"}}});
  std::string id = created["id"];
  EXPECT_EQ(created["tags"], Json::array({"refund", "vip"}));
  w.Reply(Who::kAgentA, id);  // reply, owner_set, assigned, status
  w.Note(Who::kAgentA, id);   // note
  w.PatchTicket(Who::kAgentA, id,
                {{"tags", {"vip", "urgent"}}, {"priority", "P2"}, {"category", "refund_progress"}});
  w.Assign(Who::kLead, id, Who::kAgentB);        // transferred
  w.Move(Who::kAgentB, id, "pending_customer");  // status

  // The ticket itself: tags are [] for the customer, everywhere.
  Json mine = w.GetTicket(Who::kCust1, id);
  EXPECT_EQ(mine["tags"], Json::array());
  EXPECT_EQ(w.GetTicket(Who::kAgentB, id)["tags"], Json::array({"urgent", "vip"}));
  HttpResult list = w.Get("/api/v1/tickets", w.Token(Who::kCust1));
  ASSERT_EQ(list.status, 200);
  for (const auto& t : list.body["items"]) EXPECT_EQ(t["tags"], Json::array()) << t.dump();
  HttpResult view = w.Get("/api/v1/customers/" + c1, w.Token(Who::kCust1));
  ASSERT_EQ(view.status, 200);
  for (const auto& t : view.body["tickets"]) EXPECT_EQ(t["tags"], Json::array()) << t.dump();
  Json own = w.CreateTicket(Who::kCust1, {{"subject", "自己开的"}, {"tags", {"x"}}});
  EXPECT_EQ(own["tags"], Json::array()) << "a customer's own create response shows tags";

  // Events: staff see all, the customer only created, reply and status_changed.
  std::vector<std::string> staff_types, cust_types;
  for (const auto& e : w.Events(Who::kLead, id)) staff_types.push_back(e["type"]);
  ASSERT_EQ(staff_types.size(), 11u);
  // The events of one command (a first reply; a PATCH of three fields) come
  // in no documented order among themselves; commands are in order.
  std::sort(staff_types.begin() + 1, staff_types.begin() + 5);
  std::sort(staff_types.begin() + 6, staff_types.begin() + 9);
  EXPECT_EQ(staff_types,
            (std::vector<std::string>{"created", "assigned", "owner_set", "reply", "status_changed",
                                      "note", "category_changed", "priority_changed",
                                      "tags_changed", "transferred", "status_changed"}));
  for (const auto& e : w.Events(Who::kCust1, id)) {
    cust_types.push_back(e["type"]);
    EXPECT_EQ(e["internal"], false) << e.dump();
    // Tags are internal labels: no event shows them to a customer either.
    for (const char* key : {"tags", "added", "removed"}) {
      EXPECT_FALSE(e["data"].contains(key) && !e["data"][key].empty())
          << "customer sees tags in event: " << e.dump();
    }
  }
  EXPECT_EQ(cust_types,
            (std::vector<std::string>{"created", "reply", "status_changed", "status_changed"}));
}

// Agents see masked phone numbers and e-mail addresses; leads and above in full.
TEST(ApiAuthzTest, AgentsSeeMaskedContactData) {
  ApiWorld w;
  const Json input = {{"name", "王芳"}, {"phone", "13812345678"}, {"email", "wang@example.com"}};
  std::string id = w.NewCustomer(input);
  for (Who who : {Who::kAgentA, Who::kLead, Who::kManager, Who::kAdmin}) {
    SCOPED_TRACE("actor=" + w.Login(who));
    bool masked = who == Who::kAgentA;
    std::string phone = masked ? "138****5678" : "13812345678";
    std::string email = masked ? "w***@example.com" : "wang@example.com";
    HttpResult one = w.Get("/api/v1/customers/" + id, w.Token(who));
    ASSERT_EQ(one.status, 200) << Describe(one);
    EXPECT_EQ(one.body["phone"], phone);
    EXPECT_EQ(one.body["email"], email);
    HttpResult list = w.Get("/api/v1/customers", w.Token(who));
    ASSERT_EQ(list.status, 200) << Describe(list);
    bool found = false;
    for (const auto& c : list.body["items"]) {
      if (c["id"] != id) continue;
      found = true;
      EXPECT_EQ(c["phone"], phone);
      EXPECT_EQ(c["email"], email);
    }
    EXPECT_TRUE(found);
    HttpResult created = w.Post("/api/v1/customers", w.Token(who), input);
    ASSERT_EQ(created.status, 201) << Describe(created);
    EXPECT_EQ(created.body["phone"], phone);
    EXPECT_EQ(created.body["email"], email);
  }
  // Masking is a view: the stored record stays whole.
  EXPECT_EQ(w.Get("/api/v1/customers/" + id, w.Token(Who::kLead)).body["phone"], "13812345678");
}

}  // namespace
}  // namespace kefu::testing
