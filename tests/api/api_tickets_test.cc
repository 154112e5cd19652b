// The ticket lifecycle over HTTP: the state machine, first-contact ownership
// (首问负责), customer replies that reopen, the event history, no-op
// commands and Idempotency-Key.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

const char* const kStatuses[] = {"new",      "open",  "pending_customer", "pending_third_party",
                                 "resolved", "closed"};

// The state machine of core/ticket_rules.h, written out: [from][to].
// new -> open -> pending_customer | pending_third_party -> resolved -> closed;
// open -> resolved directly; pending_* -> open; resolved -> open reopens;
// closed is final; no state moves to itself or back to new.
// clang-format off
const bool kLegal[6][6] = {
    //  new    open   p_cust p_3rd  resolv closed
    {false, true, false, false, false, false},   // new
    {false, false, true, true, true, false},     // open
    {false, true, false, false, true, false},    // pending_customer
    {false, true, false, false, true, false},    // pending_third_party
    {false, true, false, false, false, true},    // resolved
    {false, false, false, false, false, false},  // closed
};
// clang-format on

// A ticket of cust.one in state `status`, reached by legal moves of agent.a.
std::string TicketIn(ApiWorld& w, const std::string& status) {
  std::string id = w.NewTicket(Who::kCust1);
  if (status == "new") return id;
  w.Reply(Who::kAgentA, id);  // new -> open
  if (status == "open") return id;
  if (status == "pending_customer" || status == "pending_third_party") {
    w.Move(Who::kAgentA, id, status);
    return id;
  }
  w.Move(Who::kAgentA, id, "resolved");
  if (status == "resolved") return id;
  w.Move(Who::kAgentA, id, "closed");
  return id;
}

std::vector<std::string> Types(const std::vector<Json>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(e["type"]);
  return out;
}

// The events after the first `n`.
std::vector<Json> Since(const std::vector<Json>& events, size_t n) {
  return std::vector<Json>(events.begin() + std::min(n, events.size()), events.end());
}

std::multiset<std::string> TypeSet(const std::vector<Json>& events) {
  std::multiset<std::string> out;
  for (const auto& e : events) out.insert(e["type"].get<std::string>());
  return out;
}

TEST(ApiTicketsTest, EveryTransitionFromEveryState) {
  ApiWorld w;
  for (int from = 0; from < 6; ++from) {
    for (int to = 0; to < 6; ++to) {
      SCOPED_TRACE(std::string(kStatuses[from]) + " -> " + kStatuses[to]);
      std::string id = TicketIn(w, kStatuses[from]);
      Json before = w.GetTicket(Who::kLead, id);
      ASSERT_EQ(before["status"], kStatuses[from]);
      size_t n = w.Events(Who::kLead, id).size();
      HttpResult r = w.Post("/api/v1/tickets/" + id + "/transitions", w.Token(Who::kLead),
                            Json{{"to", kStatuses[to]}, {"reason", "测试"}});
      if (!kLegal[from][to]) {
        EXPECT_TRUE(IsError(r, 409, "illegal_transition"));
        EXPECT_EQ(w.GetTicket(Who::kLead, id), before);
        EXPECT_EQ(w.Events(Who::kLead, id).size(), n);
        continue;
      }
      ASSERT_EQ(r.status, 200) << Describe(r);
      EXPECT_EQ(r.body["status"], kStatuses[to]);
      EXPECT_EQ(r.body["version"], before["version"].get<int64_t>() + 1);
      EXPECT_EQ(w.GetTicket(Who::kLead, id), r.body) << "the answer is the stored state";
      if (std::string(kStatuses[to]) == "resolved") {
        EXPECT_TRUE(r.body["resolved_at"].is_string());
      }
      if (std::string(kStatuses[to]) == "closed") {
        EXPECT_TRUE(r.body["closed_at"].is_string());
      }
      std::vector<Json> added = Since(w.Events(Who::kLead, id), n);
      ASSERT_EQ(added.size(), 1u);
      EXPECT_EQ(added[0]["type"], "status_changed");
      EXPECT_EQ(added[0]["actor"], "lead.li");
      EXPECT_EQ(added[0]["data"]["from"], kStatuses[from]);
      EXPECT_EQ(added[0]["data"]["to"], kStatuses[to]);
      EXPECT_EQ(added[0]["data"]["reason"], "测试");
    }
  }
}

TEST(ApiTicketsTest, FirstPublicReplySetsOwnerAndAssignee) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  Json fresh = w.GetTicket(Who::kAgentA, id);
  EXPECT_TRUE(fresh["owner"].is_null());
  EXPECT_TRUE(fresh["assignee"].is_null());
  EXPECT_TRUE(fresh["first_response_at"].is_null());

  // The customer's own follow-up does not make anyone the owner.
  Json after_customer = w.Reply(Who::kCust1, id, "还有一个问题");
  EXPECT_TRUE(after_customer["owner"].is_null());
  EXPECT_TRUE(after_customer["first_response_at"].is_null());
  EXPECT_EQ(after_customer["status"], "new");

  size_t n = w.Events(Who::kLead, id).size();
  Json t = w.Reply(Who::kAgentA, id);
  EXPECT_EQ(t["owner"], "agent.a");
  EXPECT_EQ(t["assignee"], "agent.a");
  EXPECT_EQ(t["status"], "open");
  EXPECT_TRUE(t["first_response_at"].is_string());
  std::vector<Json> added = Since(w.Events(Who::kLead, id), n);
  EXPECT_EQ(TypeSet(added),
            (std::multiset<std::string>{"reply", "owner_set", "assigned", "status_changed"}));
  for (const auto& e : added) {
    EXPECT_EQ(e["actor"], "agent.a");
    if (e["type"] == "owner_set" || e["type"] == "assigned") {
      EXPECT_EQ(e["data"]["to"], "agent.a");
    }
  }

  // A second staff reply (by a lead) changes neither owner nor assignee.
  std::string first_response = t["first_response_at"];
  Json t2 = w.Reply(Who::kLead, id, "我是组长");
  EXPECT_EQ(t2["owner"], "agent.a");
  EXPECT_EQ(t2["assignee"], "agent.a");
  EXPECT_EQ(t2["first_response_at"], first_response);
}

TEST(ApiTicketsTest, TransferChangesAssigneeNeverOwner) {
  ApiWorld w;
  w.Token(Who::kAgentB);
  w.Token(Who::kAgentC);
  std::string id = w.NewTicket(Who::kCust1);
  w.Reply(Who::kAgentA, id);
  size_t n = w.Events(Who::kLead, id).size();

  HttpResult r = w.Post("/api/v1/tickets/" + id + "/assign", w.Token(Who::kLead),
                        Json{{"agent", "agent.b"}, {"reason", "交给物流组"}});
  ASSERT_EQ(r.status, 200) << Describe(r);
  EXPECT_EQ(r.body["assignee"], "agent.b");
  EXPECT_EQ(r.body["owner"], "agent.a");
  std::vector<Json> added = Since(w.Events(Who::kLead, id), n);
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0]["type"], "transferred");
  EXPECT_EQ(added[0]["actor"], "lead.li");
  EXPECT_EQ(added[0]["data"]["from"], "agent.a");
  EXPECT_EQ(added[0]["data"]["to"], "agent.b");
  EXPECT_EQ(added[0]["data"]["reason"], "交给物流组");

  // The new assignee's reply does not take the ownership over.
  Json t = w.Reply(Who::kAgentB, id);
  EXPECT_EQ(t["owner"], "agent.a");
  EXPECT_EQ(t["assignee"], "agent.b");

  // The former owner-agent still sees it (GET, events, list); agent.c does not.
  EXPECT_EQ(w.Get("/api/v1/tickets/" + id, w.Token(Who::kAgentA)).status, 200);
  EXPECT_EQ(w.Get("/api/v1/tickets/" + id + "/events", w.Token(Who::kAgentA)).status, 200);
  std::vector<std::string> a_list = w.ListIds(Who::kAgentA);
  EXPECT_NE(std::find(a_list.begin(), a_list.end(), id), a_list.end());
  EXPECT_TRUE(IsError(w.Get("/api/v1/tickets/" + id, w.Token(Who::kAgentC)), 404, "not_found"));
  std::vector<std::string> c_list = w.ListIds(Who::kAgentC);
  EXPECT_EQ(std::find(c_list.begin(), c_list.end(), id), c_list.end());
  // Seeing is not assigning: the owner may no longer pass the ticket on.
  Json before = w.GetTicket(Who::kLead, id);
  EXPECT_TRUE(IsError(w.Post("/api/v1/tickets/" + id + "/assign", w.Token(Who::kAgentA),
                             Json{{"agent", "agent.a"}}),
                      403, "forbidden"));
  EXPECT_EQ(w.GetTicket(Who::kLead, id), before);

  // The assignee may pass it on; the owner stays.
  Json passed = w.Assign(Who::kAgentB, id, Who::kAgentC);
  EXPECT_EQ(passed["assignee"], "agent.c");
  EXPECT_EQ(passed["owner"], "agent.a");
  EXPECT_EQ(w.Get("/api/v1/tickets/" + id, w.Token(Who::kAgentB)).status, 404)
      << "agent.b neither owns nor holds it any more";
}

TEST(ApiTicketsTest, AssignmentBeforeFirstReplyThenReplyMakesAssigneeOwner) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  size_t n = w.Events(Who::kLead, id).size();
  Json t = w.Assign(Who::kLead, id, Who::kAgentB);
  EXPECT_EQ(t["assignee"], "agent.b");
  EXPECT_TRUE(t["owner"].is_null());
  EXPECT_EQ(t["status"], "new");
  std::vector<Json> added = Since(w.Events(Who::kLead, id), n);
  ASSERT_EQ(added.size(), 1u);
  EXPECT_EQ(added[0]["type"], "assigned");
  EXPECT_EQ(added[0]["data"]["to"], "agent.b");

  n += 1;
  Json r = w.Reply(Who::kAgentB, id);
  EXPECT_EQ(r["owner"], "agent.b");
  EXPECT_EQ(r["assignee"], "agent.b");
  EXPECT_EQ(TypeSet(Since(w.Events(Who::kLead, id), n)),
            (std::multiset<std::string>{"reply", "owner_set", "status_changed"}));
  // agent.a cannot see a ticket assigned to agent.b.
  EXPECT_EQ(w.Get("/api/v1/tickets/" + id, w.Token(Who::kAgentA)).status, 404);
}

TEST(ApiTicketsTest, AgentTakesAQueuedTicketForThemselves) {
  ApiWorld w;
  std::string id = w.NewTicket(Who::kCust1);
  Json t = w.Assign(Who::kAgentA, id, Who::kAgentA);
  EXPECT_EQ(t["assignee"], "agent.a");
  EXPECT_TRUE(t["owner"].is_null());
  // Now it is out of the queue: agent.b neither sees nor takes it.
  EXPECT_TRUE(IsError(w.Post("/api/v1/tickets/" + id + "/assign", w.Token(Who::kAgentB),
                             Json{{"agent", "agent.b"}}),
                      404, "not_found"));
  EXPECT_EQ(w.GetTicket(Who::kLead, id)["assignee"], "agent.a");
}

TEST(ApiTicketsTest, InternalNoteTakesNoOwnershipAndIsHiddenFromCustomer) {
  ApiWorld w;
  // With a category the classifier adds no event of its own.
  std::string id =
      w.CreateTicket(Who::kCust1, {{"subject", "收到的杯子碎了"}, {"category", "damaged_in_transit"}})["id"];
  Json t = w.Note(Who::kAgentA, id, "客户上次也投诉过");
  EXPECT_TRUE(t["owner"].is_null());
  EXPECT_TRUE(t["assignee"].is_null());
  EXPECT_TRUE(t["first_response_at"].is_null());
  EXPECT_EQ(t["status"], "new");
  EXPECT_EQ(t["version"], 2);
  std::vector<Json> staff = w.Events(Who::kAgentA, id);
  EXPECT_EQ(Types(staff), (std::vector<std::string>{"created", "note"}));
  EXPECT_EQ(staff[1]["internal"], true);
  EXPECT_EQ(staff[1]["data"]["body"], "客户上次也投诉过");
  std::vector<Json> cust = w.Events(Who::kCust1, id);
  EXPECT_EQ(Types(cust), (std::vector<std::string>{"created"}));
  HttpResult raw = w.Get("/api/v1/tickets/" + id + "/events", w.Token(Who::kCust1));
  EXPECT_EQ(raw.text.find("客户上次也投诉过"), std::string::npos) << raw.text;
}

TEST(ApiTicketsTest, CustomerReplyReopensPendingCustomerAndResolved) {
  ApiWorld w;
  struct Case {
    const char* from;
    const char* after;  // status after the customer's reply
  };
  const Case cases[] = {{"new", "new"},
                        {"open", "open"},
                        {"pending_customer", "open"},
                        {"pending_third_party", "pending_third_party"},
                        {"resolved", "open"}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.from);
    std::string id = TicketIn(w, c.from);
    Json before = w.GetTicket(Who::kLead, id);
    size_t n = w.Events(Who::kLead, id).size();
    Json t = w.Reply(Who::kCust1, id, "还是没收到");
    EXPECT_EQ(t["status"], c.after);
    EXPECT_EQ(t["version"], before["version"].get<int64_t>() + 1);
    EXPECT_EQ(t["owner"], before["owner"]);
    EXPECT_EQ(t["assignee"], before["assignee"]);
    std::vector<Json> added = Since(w.Events(Who::kLead, id), n);
    bool reopened = std::string(c.from) != c.after;
    ASSERT_EQ(added.size(), reopened ? 2u : 1u);
    EXPECT_EQ(added[0]["type"], "reply");
    EXPECT_EQ(added[0]["actor"], "cust.one");
    if (reopened) {
      EXPECT_EQ(added[1]["type"], "status_changed");
      EXPECT_EQ(added[1]["actor"], "cust.one");
      EXPECT_EQ(added[1]["data"]["from"], c.from);
      EXPECT_EQ(added[1]["data"]["to"], "open");
    }
  }
}

TEST(ApiTicketsTest, ClosedTicketTakesInternalNotesOnly) {
  ApiWorld w;
  std::string id = TicketIn(w, "closed");
  Json note = w.Note(Who::kAgentA, id, "归档备注");
  EXPECT_EQ(note["status"], "closed");
  Json before = w.GetTicket(Who::kLead, id);
  size_t n = w.Events(Who::kLead, id).size();
  EXPECT_TRUE(IsError(
      w.Post("/api/v1/tickets/" + id + "/messages", w.Token(Who::kCust1), Json{{"body", "还在吗"}}),
      409, "ticket_closed"));
  EXPECT_TRUE(IsError(
      w.Post("/api/v1/tickets/" + id + "/messages", w.Token(Who::kAgentA), Json{{"body", "在的"}}),
      409, "ticket_closed"));
  EXPECT_TRUE(IsError(w.Post("/api/v1/tickets/" + id + "/messages", w.Token(Who::kCust1),
                             Json{{"body", "x"}, {"internal", true}}),
                      403, "forbidden"));
  EXPECT_EQ(w.GetTicket(Who::kLead, id), before);
  EXPECT_EQ(w.Events(Who::kLead, id).size(), n);
}

// A scripted life of one ticket: each command bumps the version by one and
// appends exactly its events; the history is ordered and pages cleanly.
TEST(ApiTicketsTest, EventsAreCompleteAndOrdered) {
  ApiWorld w;
  w.Token(Who::kAgentB);
  std::string c1 = w.CustomerId(Who::kCust1);
  Json t = w.CreateTicket(Who::kAgentA, {{"subject", "收到的杯子碎了"},
                                         {"body", "照片见附件"},
                                         {"customer", c1},
                                         {"category", "other"},  // the classifier stays out
                                         {"channel", "phone"},
                                         {"priority", "P2"},
                                         {"tags", {"破损"}}});
  std::string id = t["id"];
  EXPECT_EQ(t["version"], 1);
  // 首问负责制: the agent who took the call owns the ticket from that contact.
  EXPECT_EQ(t["owner"], w.Login(Who::kAgentA));
  struct Step {
    std::string what;
    std::function<Json()> run;
    std::multiset<std::string> events;
  };
  const std::vector<Step> steps = {
      {"agent replies",
       [&] { return w.Reply(Who::kAgentA, id); },
       {"reply", "assigned", "status_changed"}},
      {"agent notes", [&] { return w.Note(Who::kAgentA, id); }, {"note"}},
      {"agent re-prioritises",
       [&] {
         return w.PatchTicket(Who::kAgentA, id, {{"priority", "P1"}});
       },
       {"priority_changed"}},
      {"agent triages",
       [&] {
         return w.PatchTicket(Who::kAgentA, id, {{"category", "damaged_in_transit"}});
       },
       {"category_changed"}},
      {"agent retags",
       [&] {
         return w.PatchTicket(Who::kAgentA, id, {{"tags", {"破损", "赔付"}}});
       },
       {"tags_changed"}},
      {"agent waits for customer",
       [&] { return w.Move(Who::kAgentA, id, "pending_customer"); },
       {"status_changed"}},
      {"customer answers",
       [&] { return w.Reply(Who::kCust1, id, "照片补上了"); },
       {"reply", "status_changed"}},
      {"lead transfers", [&] { return w.Assign(Who::kLead, id, Who::kAgentB); }, {"transferred"}},
      {"agent.b resolves",
       [&] { return w.Move(Who::kAgentB, id, "resolved"); },
       {"status_changed"}},
      {"agent.b closes", [&] { return w.Move(Who::kAgentB, id, "closed"); }, {"status_changed"}},
  };
  std::vector<Json> history = w.Events(Who::kLead, id);
  ASSERT_EQ(Types(history), (std::vector<std::string>{"created", "owner_set"}));
  EXPECT_EQ(history[0]["data"]["subject"], "收到的杯子碎了");
  EXPECT_EQ(history[0]["data"]["body"], "照片见附件");
  int64_t version = 1;
  for (const Step& s : steps) {
    SCOPED_TRACE(s.what);
    Json after = s.run();
    EXPECT_EQ(after["version"], ++version);
    std::vector<Json> now = w.Events(Who::kLead, id);
    EXPECT_EQ(std::vector<Json>(now.begin(), now.begin() + history.size()), history)
        << "history is append-only";
    EXPECT_EQ(TypeSet(Since(now, history.size())), s.events);
    history = now;
  }
  // Ids strictly increase, times never go back, every event names its ticket.
  for (size_t i = 1; i < history.size(); ++i) {
    EXPECT_LT(history[i - 1]["id"].get<int64_t>(), history[i]["id"].get<int64_t>());
    EXPECT_LE(history[i - 1]["at"].get<std::string>(), history[i]["at"].get<std::string>());
  }
  for (const auto& e : history) EXPECT_EQ(e["ticket"], id);
  // Field-change events carry what changed.
  auto find = [&](const std::string& type) {
    for (const auto& e : history) {
      if (e["type"] == type) return e;
    }
    return Json();
  };
  EXPECT_EQ(find("priority_changed")["data"], (Json{{"from", "P2"}, {"to", "P1"}}));
  EXPECT_EQ(find("category_changed")["data"]["to"], "damaged_in_transit");
  EXPECT_EQ(find("tags_changed")["data"]["added"], Json::array({"赔付"}));
  EXPECT_FALSE(find("tags_changed")["data"].contains("removed"));
  // Pages of 2 walk the same history.
  std::vector<Json> paged;
  std::string cursor;
  for (int guard = 0; guard < 50; ++guard) {
    std::string path = "/api/v1/tickets/" + id + "/events?limit=2";
    if (!cursor.empty()) path += "&cursor=" + cursor;
    HttpResult page = w.Get(path, w.Token(Who::kLead));
    ASSERT_EQ(page.status, 200) << Describe(page);
    EXPECT_LE(page.body["items"].size(), 2u);
    for (const auto& e : page.body["items"]) paged.push_back(e);
    if (page.body["next_cursor"].is_null()) break;
    cursor = page.body["next_cursor"];
  }
  EXPECT_EQ(paged, history);
  // The customer sees the public part of the same history, in the same order.
  std::vector<Json> pub;
  for (const auto& e : history) {
    std::string type = e["type"];
    if (type == "created" || type == "reply" || type == "status_changed") pub.push_back(e);
  }
  std::vector<Json> cust = w.Events(Who::kCust1, id);
  ASSERT_EQ(cust.size(), pub.size());
  for (size_t i = 0; i < pub.size(); ++i) {
    EXPECT_EQ(cust[i]["id"], pub[i]["id"]);
    EXPECT_EQ(cust[i]["type"], pub[i]["type"]);
  }
}

TEST(ApiTicketsTest, NoOpCommandsRecordNothing) {
  ApiWorld w;
  std::string id = w.CreateTicket(Who::kAgentA, {{"subject", "x"},
                                                 {"customer", w.CustomerId(Who::kCust1)},
                                                 {"priority", "P2"},
                                                 {"category", "invoice"},
                                                 {"tags", {"b", "a"}}})["id"];
  w.Reply(Who::kAgentA, id);
  Json before = w.GetTicket(Who::kLead, id);
  size_t n = w.Events(Who::kLead, id).size();
  Json same = w.PatchTicket(
      Who::kAgentA, id, {{"priority", "P2"}, {"category", "invoice"}, {"tags", {"a", "b", "a"}}});
  EXPECT_EQ(same, before);
  Json reassigned = w.Assign(Who::kLead, id, Who::kAgentA);
  EXPECT_EQ(reassigned, before);
  Json empty_patch = w.PatchTicket(Who::kAgentA, id, Json::object());
  EXPECT_EQ(empty_patch, before);
  EXPECT_EQ(w.GetTicket(Who::kLead, id), before);
  EXPECT_EQ(w.Events(Who::kLead, id).size(), n);
  // null category clears it; that is a change.
  Json cleared = w.PatchTicket(Who::kAgentA, id, {{"category", nullptr}});
  EXPECT_TRUE(cleared["category"].is_null());
  EXPECT_EQ(cleared["version"], before["version"].get<int64_t>() + 1);
}

TEST(ApiTicketsTest, IdempotencyKeyReplaysTheFirstTicket) {
  ApiWorld w;
  const std::string body = Json{{"subject", "重复提交"}, {"body", "网络不好"}}.dump();
  const httplib::Headers key = {{"Idempotency-Key", "order-123-retry"}};
  HttpResult first = w.Post("/api/v1/tickets", w.Token(Who::kCust1), body, key);
  ASSERT_EQ(first.status, 201) << Describe(first);
  EXPECT_EQ(first.Header("Idempotent-Replayed"), "");
  Json snap = w.Snapshot();
  HttpResult second = w.Post("/api/v1/tickets", w.Token(Who::kCust1), body, key);
  ASSERT_EQ(second.status, 200) << Describe(second);
  EXPECT_EQ(second.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(second.body["id"], first.body["id"]);
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.Header("Location"), "/api/v1/tickets/" + first.body["id"].get<std::string>());
  EXPECT_EQ(w.Snapshot(), snap) << "the replay stored something";
  EXPECT_EQ(w.ListIds(Who::kLead).size(), 1u);
}

TEST(ApiTicketsTest, IdempotencyKeyWithAnotherBodyIs409) {
  ApiWorld w;
  const httplib::Headers key = {{"Idempotency-Key", "k-1"}};
  HttpResult first = w.Post("/api/v1/tickets", w.Token(Who::kCust1), Json{{"subject", "A"}}, key);
  ASSERT_EQ(first.status, 201) << Describe(first);
  Json snap = w.Snapshot();
  HttpResult other = w.Post("/api/v1/tickets", w.Token(Who::kCust1), Json{{"subject", "B"}}, key);
  EXPECT_TRUE(IsError(other, 409, "idempotency_key_reused"));
  EXPECT_EQ(w.Snapshot(), snap);
  // Without the key the same request makes a new ticket.
  HttpResult plain = w.Post("/api/v1/tickets", w.Token(Who::kCust1), Json{{"subject", "A"}});
  EXPECT_EQ(plain.status, 201);
  EXPECT_NE(plain.body["id"], first.body["id"]);
}

TEST(ApiTicketsTest, IdempotencyKeysAreScopedPerUser) {
  ApiWorld w;
  const httplib::Headers key = {{"Idempotency-Key", "same-key"}};
  const std::string body = Json{{"subject", "同一个键"}}.dump();
  HttpResult one = w.Post("/api/v1/tickets", w.Token(Who::kCust1), body, key);
  HttpResult two = w.Post("/api/v1/tickets", w.Token(Who::kCust2), body, key);
  ASSERT_EQ(one.status, 201) << Describe(one);
  ASSERT_EQ(two.status, 201) << Describe(two);
  EXPECT_NE(one.body["id"], two.body["id"]);
  EXPECT_EQ(one.body["customer"], w.CustomerId(Who::kCust1));
  EXPECT_EQ(two.body["customer"], w.CustomerId(Who::kCust2));
  // Each user's replay gets their own ticket back.
  HttpResult again = w.Post("/api/v1/tickets", w.Token(Who::kCust2), body, key);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body["id"], two.body["id"]);
  EXPECT_EQ(w.ListIds(Who::kLead).size(), 2u);
}

TEST(ApiTicketsTest, RefusedRequestDoesNotBurnTheKey) {
  ApiWorld w;
  const httplib::Headers key = {{"Idempotency-Key", "k-retry"}};
  HttpResult bad = w.Post("/api/v1/tickets", w.Token(Who::kCust1), Json{{"subject", ""}}, key);
  EXPECT_TRUE(IsError(bad, 422, "validation_failed"));
  HttpResult good = w.Post("/api/v1/tickets", w.Token(Who::kCust1), Json{{"subject", "好了"}}, key);
  EXPECT_EQ(good.status, 201) << Describe(good);
}

}  // namespace
}  // namespace kefu::testing
