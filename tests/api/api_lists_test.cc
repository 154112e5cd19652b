// Ticket lists: cursor pagination, every filter, the response shape.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "api/api_world.h"

namespace kefu::testing {
namespace {

using Ids = std::vector<std::string>;

struct Page {
  Ids ids;
  Json next_cursor;
};

Page GetPage(ApiWorld& w, Who who, const std::string& query) {
  HttpResult r = w.Get("/api/v1/tickets?" + query, w.Token(who));
  if (r.status != 200) throw std::runtime_error("list " + query + ": " + Describe(r));
  return {ItemIds(r.body), r.body["next_cursor"]};
}

std::string CursorOf(const Json& c) { return c.is_string() ? c.get<std::string>() : ""; }

TEST(ApiListsTest, CursorWalksEveryTicketExactlyOnce) {
  ApiWorld w;
  Ids created;
  for (int i = 0; i < 7; ++i)
    created.push_back(w.NewTicket(Who::kCust1, "第" + std::to_string(i) + "单"));
  Ids newest_first(created.rbegin(), created.rend());

  Page p1 = GetPage(w, Who::kLead, "limit=3");
  ASSERT_TRUE(p1.next_cursor.is_string());
  Page p2 = GetPage(w, Who::kLead, "limit=3&cursor=" + CursorOf(p1.next_cursor));
  ASSERT_TRUE(p2.next_cursor.is_string());
  Page p3 = GetPage(w, Who::kLead, "limit=3&cursor=" + CursorOf(p2.next_cursor));
  EXPECT_TRUE(p3.next_cursor.is_null());
  EXPECT_EQ(p1.ids, Ids(newest_first.begin(), newest_first.begin() + 3));
  EXPECT_EQ(p2.ids, Ids(newest_first.begin() + 3, newest_first.begin() + 6));
  EXPECT_EQ(p3.ids, Ids(newest_first.begin() + 6, newest_first.end()));
  // The helper's full walk agrees, for every page size.
  for (int limit = 1; limit <= 8; ++limit) {
    SCOPED_TRACE("limit=" + std::to_string(limit));
    EXPECT_EQ(w.ListIds(Who::kLead, "", limit), newest_first);
  }
}

TEST(ApiListsTest, ExactMultipleEndsWithoutAnEmptyPage) {
  ApiWorld w;
  for (int i = 0; i < 6; ++i) w.NewTicket(Who::kCust1);
  Page p1 = GetPage(w, Who::kLead, "limit=3");
  ASSERT_TRUE(p1.next_cursor.is_string());
  Page p2 = GetPage(w, Who::kLead, "limit=3&cursor=" + CursorOf(p1.next_cursor));
  EXPECT_EQ(p2.ids.size(), 3u);
  EXPECT_TRUE(p2.next_cursor.is_null());
  // An empty store: an empty page and no cursor.
  ApiWorld empty;
  Page none = GetPage(empty, Who::kLead, "");
  EXPECT_TRUE(none.ids.empty());
  EXPECT_TRUE(none.next_cursor.is_null());
}

TEST(ApiListsTest, TicketsCreatedDuringTheWalkDoNotDisturbIt) {
  ApiWorld w;
  Ids created;
  for (int i = 0; i < 7; ++i) created.push_back(w.NewTicket(Who::kCust1));
  Page p1 = GetPage(w, Who::kLead, "limit=3");
  w.NewTicket(Who::kCust1, "late");  // newer than every listed ticket
  Ids walked = p1.ids;
  Json cursor = p1.next_cursor;
  while (cursor.is_string()) {
    Page p = GetPage(w, Who::kLead, "limit=3&cursor=" + CursorOf(cursor));
    walked.insert(walked.end(), p.ids.begin(), p.ids.end());
    cursor = p.next_cursor;
  }
  EXPECT_EQ(walked, Ids(created.rbegin(), created.rend()));
}

TEST(ApiListsTest, PagesOfARestrictedViewHoldOnlyVisibleTickets) {
  ApiWorld w;
  Ids own, agent_sees;
  for (int i = 0; i < 5; ++i) {
    std::string mine = w.NewTicket(Who::kCust1);
    own.push_back(mine);
    std::string other = w.NewTicket(Who::kCust2);
    w.Reply(Who::kAgentB, other);  // agent.a can no longer see it
    agent_sees.push_back(mine);
  }
  std::reverse(own.begin(), own.end());
  std::reverse(agent_sees.begin(), agent_sees.end());
  for (int limit : {1, 2, 3}) {
    SCOPED_TRACE("limit=" + std::to_string(limit));
    EXPECT_EQ(w.ListIds(Who::kCust1, "", limit), own);
    EXPECT_EQ(w.ListIds(Who::kAgentA, "", limit), agent_sees);
  }
  Page first = GetPage(w, Who::kCust1, "limit=2");
  EXPECT_EQ(first.ids.size(), 2u) << "a page is full even when others' tickets lie between";
}

// A model of what the test did to each ticket, to compute what each filter
// must return.
struct Model {
  std::string id, status, assignee, owner, customer, priority, channel;
  std::set<std::string> tags;
};

class ApiListFilterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    c1_ = w_.CustomerId(Who::kCust1);
    c2_ = w_.CustomerId(Who::kCust2);
    w_.Token(Who::kAgentB);
    // t1: new, queued.
    Add(c1_, "P1", "web", {"a"});
    // t2: agent.a replied -> open, a owns and holds it.
    Add(c1_, "P2", "email", {"a", "b"});
    w_.Reply(Who::kAgentA, models_[1].id);
    Set(1, "open", "agent.a", "agent.a");
    // t3: agent.b replied, the lead gave it to agent.a, then pending_customer.
    Add(c2_, "P3", "phone", {"b"});
    w_.Reply(Who::kAgentB, models_[2].id);
    w_.Assign(Who::kLead, models_[2].id, Who::kAgentA);
    w_.Move(Who::kAgentA, models_[2].id, "pending_customer");
    Set(2, "pending_customer", "agent.a", "agent.b");
    // t4: agent.a replied and resolved.
    Add(c2_, "P1", "chat", {});
    w_.Reply(Who::kAgentA, models_[3].id);
    w_.Move(Who::kAgentA, models_[3].id, "resolved");
    Set(3, "resolved", "agent.a", "agent.a");
    // t5: assigned to agent.b by the lead, nobody replied.
    Add(c1_, "P4", "marketplace", {"c"});
    w_.Assign(Who::kLead, models_[4].id, Who::kAgentB);
    Set(4, "new", "agent.b", "");
    // t6: agent.b replied, waits for a third party.
    Add(c2_, "P2", "api", {"a", "c"});
    w_.Reply(Who::kAgentB, models_[5].id);
    w_.Move(Who::kAgentB, models_[5].id, "pending_third_party");
    Set(5, "pending_third_party", "agent.b", "agent.b");
    // t7: agent.a replied, resolved and closed.
    Add(c1_, "P3", "web", {"b"});
    w_.Reply(Who::kAgentA, models_[6].id);
    w_.Move(Who::kAgentA, models_[6].id, "resolved");
    w_.Move(Who::kAgentA, models_[6].id, "closed");
    Set(6, "closed", "agent.a", "agent.a");
  }

  void Add(const std::string& customer, const std::string& priority, const std::string& channel,
           std::set<std::string> tags) {
    Json body = {{"subject", "筛选"},
                 {"customer", customer},
                 {"priority", priority},
                 {"channel", channel},
                 {"tags", Json(tags)}};
    // Opened by the customer: owned by whoever replies first (a staff
    // member who opened it would own it from the start).
    std::string id = w_.CreateTicket(customer == c1_ ? Who::kCust1 : Who::kCust2, body)["id"];
    models_.push_back({id, "new", "", "", customer, priority, channel, tags});
  }
  void Set(size_t i, std::string status, std::string assignee, std::string owner) {
    models_[i].status = std::move(status);
    models_[i].assignee = std::move(assignee);
    models_[i].owner = std::move(owner);
  }
  // Newest first, as the API lists them.
  Ids Matching(const std::function<bool(const Model&)>& pred) const {
    Ids out;
    for (auto it = models_.rbegin(); it != models_.rend(); ++it) {
      if (pred(*it)) out.push_back(it->id);
    }
    return out;
  }

  ApiWorld w_;
  std::string c1_, c2_;
  std::vector<Model> models_;
};

TEST_F(ApiListFilterTest, TheModelMatchesTheTickets) {
  for (const Model& m : models_) {
    SCOPED_TRACE(m.id);
    Json t = w_.GetTicket(Who::kLead, m.id);
    EXPECT_EQ(t["status"], m.status);
    EXPECT_EQ(t["assignee"], m.assignee.empty() ? Json() : Json(m.assignee));
    EXPECT_EQ(t["owner"], m.owner.empty() ? Json() : Json(m.owner));
    EXPECT_EQ(t["customer"], m.customer);
    EXPECT_EQ(t["priority"], m.priority);
    EXPECT_EQ(t["channel"], m.channel);
    EXPECT_EQ(t["tags"], Json(m.tags));
  }
}

TEST_F(ApiListFilterTest, EachFilterReturnsExactlyTheMatchingTickets) {
  struct Filter {
    std::string query;
    std::function<bool(const Model&)> pred;
  };
  std::vector<Filter> filters;
  for (std::string s :
       {"new", "open", "pending_customer", "pending_third_party", "resolved", "closed"}) {
    filters.push_back({"status=" + s, [s](const Model& m) { return m.status == s; }});
  }
  for (std::string a : {"agent.a", "agent.b", "agent.c", "nobody"}) {
    filters.push_back({"assignee=" + a, [a](const Model& m) { return m.assignee == a; }});
    filters.push_back({"owner=" + a, [a](const Model& m) { return m.owner == a; }});
  }
  for (std::string c : {c1_, c2_, std::string("C-999999")}) {
    filters.push_back({"customer=" + c, [c](const Model& m) { return m.customer == c; }});
  }
  for (std::string p : {"P1", "P2", "P3", "P4"}) {
    filters.push_back({"priority=" + p, [p](const Model& m) { return m.priority == p; }});
  }
  for (std::string t : {"a", "b", "c", "zzz"}) {
    filters.push_back({"tag=" + t, [t](const Model& m) { return m.tags.count(t) > 0; }});
  }
  for (std::string ch : {"web", "email", "phone", "chat", "marketplace", "api"}) {
    filters.push_back({"channel=" + ch, [ch](const Model& m) { return m.channel == ch; }});
  }
  filters.push_back({"status=open&assignee=agent.a",
                     [](const Model& m) { return m.status == "open" && m.assignee == "agent.a"; }});
  filters.push_back({"tag=a&customer=" + c1_,
                     [this](const Model& m) { return m.tags.count("a") && m.customer == c1_; }});
  filters.push_back({"priority=P1&channel=chat",
                     [](const Model& m) { return m.priority == "P1" && m.channel == "chat"; }});
  filters.push_back({"owner=agent.b&assignee=agent.a", [](const Model& m) {
                       return m.owner == "agent.b" && m.assignee == "agent.a";
                     }});
  filters.push_back({"", [](const Model&) { return true; }});

  for (const Filter& f : filters) {
    SCOPED_TRACE("?" + f.query);
    Ids want = Matching(f.pred);
    EXPECT_EQ(w_.ListIds(Who::kLead, f.query), want);
    // The same through pages of one.
    EXPECT_EQ(w_.ListIds(Who::kManager, f.query, 1), want);
    // An agent gets the matches they may see (access.h): queued, held or owned.
    Ids agent_want = Matching([&](const Model& m) {
      return f.pred(m) && (m.assignee.empty() || m.assignee == "agent.a" || m.owner == "agent.a");
    });
    EXPECT_EQ(w_.ListIds(Who::kAgentA, f.query), agent_want);
    // A customer gets the matches among their own; tags are internal, so a
    // customer may not filter by them at all.
    if (f.query.find("tag=") != std::string::npos) {
      HttpResult r = w_.Get("/api/v1/tickets?" + f.query, w_.Token(Who::kCust1));
      EXPECT_EQ(r.status, 403) << r.text;
      EXPECT_EQ(r.ErrorCode(), "forbidden");
      continue;
    }
    Ids cust_want = Matching([&](const Model& m) { return f.pred(m) && m.customer == c1_; });
    EXPECT_EQ(w_.ListIds(Who::kCust1, f.query), cust_want);
  }
}

TEST_F(ApiListFilterTest, ResponseShape) {
  HttpResult r = w_.Get("/api/v1/tickets?limit=2", w_.Token(Who::kLead));
  ASSERT_EQ(r.status, 200) << Describe(r);
  ASSERT_TRUE(r.body.is_object());
  EXPECT_EQ(r.body.size(), 2u) << r.text;
  ASSERT_TRUE(r.body["items"].is_array());
  EXPECT_TRUE(r.body["next_cursor"].is_string());
  HttpResult last = w_.Get("/api/v1/tickets?limit=200", w_.Token(Who::kLead));
  ASSERT_TRUE(last.body.contains("next_cursor"));
  EXPECT_TRUE(last.body["next_cursor"].is_null());
  ASSERT_EQ(last.body["items"].size(), models_.size());
  for (const auto& t : last.body["items"]) {
    SCOPED_TRACE(t.dump());
    EXPECT_TRUE(t["id"].is_string());
    EXPECT_TRUE(t["subject"].is_string());
    EXPECT_TRUE(t["status"].is_string());
    EXPECT_TRUE(t["priority"].is_string());
    EXPECT_TRUE(t["customer"].is_string());
    EXPECT_TRUE(t["channel"].is_string());
    EXPECT_TRUE(t["tags"].is_array());
    for (const char* nullable : {"owner", "assignee", "category"}) {
      ASSERT_TRUE(t.contains(nullable)) << nullable;
      EXPECT_TRUE(t[nullable].is_null() || t[nullable].is_string()) << nullable;
    }
    EXPECT_TRUE(t["version"].is_number_integer());
  }
  // The same shape for the other lists.
  for (const std::string& path : {std::string("/api/v1/customers"), std::string("/api/v1/orders"),
                                  "/api/v1/tickets/" + models_[0].id + "/events"}) {
    SCOPED_TRACE(path);
    HttpResult p = w_.Get(path, w_.Token(Who::kLead));
    ASSERT_EQ(p.status, 200) << Describe(p);
    EXPECT_EQ(p.body.size(), 2u) << p.text;
    EXPECT_TRUE(p.body["items"].is_array());
    EXPECT_TRUE(p.body.contains("next_cursor"));
  }
}

}  // namespace
}  // namespace kefu::testing
