// The Store contract, run against every backend. Today: SQLite on a real
// temporary file. A PostgreSQL backend joins by adding itself to kBackends.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/ticket_rules.h"
#include "store/conformance_fixture.h"
#include "store/store.h"

namespace kefu {
namespace {

TEST_P(StoreConformanceTest, SequencesStartAtOneAndNeverRepeat) {
  auto txn = Write();
  EXPECT_EQ(*store_->NextSeq(*txn, 'T'), 1);
  EXPECT_EQ(*store_->NextSeq(*txn, 'T'), 2);
  EXPECT_EQ(*store_->ReserveSeqs(*txn, 'T', 10), 3);
  EXPECT_EQ(*store_->NextSeq(*txn, 'T'), 13);
  EXPECT_EQ(*store_->NextSeq(*txn, 'C'), 1);
  ASSERT_TRUE(txn->Commit().ok());
  auto again = Write();
  EXPECT_EQ(*store_->NextSeq(*again, 'T'), 14);
}

TEST_P(StoreConformanceTest, UncommittedWritesRollBack) {
  {
    auto txn = Write();
    int64_t seq = *store_->NextSeq(*txn, 'C');
    ASSERT_TRUE(store_->InsertCustomer(*txn, {FormatId('C', seq), "x", "", "", Tier::kNormal, {}}).ok());
  }  // destroyed without Commit
  auto r = Read();
  EXPECT_EQ(store_->GetCustomer(*r, "C-000001").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, TicketRoundTripsWithEveryField) {
  std::string c = AddCustomer("王芳");
  Ticket t = AddTicket(c, {"VIP", "催件"}, Priority::kP1);
  auto txn = Write();
  Ticket u = t;
  u.status = TicketStatus::kResolved;
  u.assignee = "zhao.lei";
  u.owner = "li.na";
  u.category = "logistics_delay";
  u.tags = {"破损"};
  u.first_response_at = Timestamp{42};
  u.resolved_at = Timestamp{43};
  u.version = t.version + 1;
  u.updated_at = Timestamp{44};
  u.team = "after-sales";
  u.language = "en";
  u.threat = true;
  u.threat_level = ThreatLevel::kPublic;
  ASSERT_TRUE(store_->UpdateTicket(*txn, u, t.version).ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  auto got = store_->GetTicket(*r, t.id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->subject, t.subject);
  EXPECT_EQ(got->status, TicketStatus::kResolved);
  EXPECT_EQ(got->assignee, "zhao.lei");
  EXPECT_EQ(got->owner, "li.na");
  EXPECT_EQ(got->category, "logistics_delay");
  EXPECT_EQ(got->tags, std::vector<std::string>{"破损"});
  EXPECT_EQ(got->priority, Priority::kP1);
  EXPECT_EQ(got->first_response_at, Timestamp{42});
  EXPECT_EQ(got->resolved_at, Timestamp{43});
  EXPECT_FALSE(got->closed_at.has_value());
  EXPECT_EQ(got->version, t.version + 1);
  EXPECT_EQ(got->team, "after-sales");
  EXPECT_EQ(got->language, "en");
  EXPECT_TRUE(got->threat);
  EXPECT_EQ(got->threat_level, ThreatLevel::kPublic);
  TicketFilter by_old_tag;
  by_old_tag.tag = "VIP";
  EXPECT_TRUE(store_->ListTickets(*r, by_old_tag)->empty());
  TicketFilter by_new_tag;
  by_new_tag.tag = "破损";
  EXPECT_EQ(store_->ListTickets(*r, by_new_tag)->size(), 1u);
}

TEST_P(StoreConformanceTest, StaleUpdatesAreRefused) {
  Ticket t = AddTicket(AddCustomer("a"));
  auto txn = Write();
  Ticket u = t;
  u.version = t.version + 1;
  Status st = store_->UpdateTicket(*txn, u, t.version - 1);
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(st.reason(), "stale_version");
  // A caller's copy that is out of date does not get past the version check.
  ASSERT_TRUE(store_->UpdateTicket(*txn, u, t.version, &t).ok());
  Ticket w = u;
  w.version = u.version + 1;
  w.subject = "改过";
  st = store_->UpdateTicket(*txn, w, t.version, &t);
  EXPECT_EQ(st.reason(), "stale_version");
  ASSERT_TRUE(store_->UpdateTicket(*txn, w, u.version, &u).ok());
  EXPECT_EQ(store_->GetTicket(*txn, t.id)->subject, "改过");
}

TEST_P(StoreConformanceTest, ListTicketsFiltersAndPagesNewestFirst) {
  std::string a = AddCustomer("a"), b = AddCustomer("b");
  for (int i = 0; i < 5; ++i) AddTicket(i % 2 ? a : b, i % 2 ? std::vector<std::string>{"x"} : std::vector<std::string>{});
  auto r = Read();
  TicketFilter all;
  auto rows = store_->ListTickets(*r, all);
  ASSERT_EQ(rows->size(), 5u);
  EXPECT_EQ((*rows)[0].id, "T-000005");
  EXPECT_EQ((*rows)[4].id, "T-000001");
  TicketFilter page;
  page.limit = 2;
  page.before_seq = 4;
  rows = store_->ListTickets(*r, page);
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].id, "T-000003");
  TicketFilter by_customer;
  by_customer.customer_id = a;
  EXPECT_EQ(store_->ListTickets(*r, by_customer)->size(), 2u);
  TicketFilter by_tag;
  by_tag.tag = "x";
  EXPECT_EQ(store_->ListTickets(*r, by_tag)->size(), 2u);
  TicketFilter agent_view;
  agent_view.visible_to_agent = "li.na";
  EXPECT_EQ(store_->ListTickets(*r, agent_view)->size(), 5u);  // all unassigned
}

TEST_P(StoreConformanceTest, EventsAppendInOrderAndFilterByVisibility) {
  Ticket t = AddTicket(AddCustomer("a"));
  auto r = Read();
  auto events = store_->ListEvents(*r, t.id, false, 0, 100);
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ((*events)[0].type, EventType::kCreated);
  EXPECT_EQ((*events)[0].to, t.subject);
  r.reset();
  auto txn = Write();
  std::vector<TicketEvent> more(2);
  for (auto& e : more) {
    e.ticket_id = t.id;
    e.type = EventType::kNote;
    e.actor = "li.na";
    e.body = "备注";
  }
  ASSERT_TRUE(store_->AppendEvents(*txn, more).ok());
  EXPECT_GT(more[0].seq, (*events)[0].seq);
  EXPECT_GT(more[1].seq, more[0].seq);
  auto internal = store_->ListEvents(*txn, t.id, false, 0, 100);
  EXPECT_EQ(internal->size(), 3u);
  auto public_only = store_->ListEvents(*txn, t.id, true, 0, 100);
  EXPECT_EQ(public_only->size(), 1u);
  auto after = store_->ListEvents(*txn, t.id, false, more[0].seq, 100);
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].seq, more[1].seq);
}

TEST_P(StoreConformanceTest, IdempotencyKeysAreScopedByActor) {
  Ticket t = AddTicket(AddCustomer("a"));
  auto txn = Write();
  ASSERT_TRUE(store_->PutIdempotencyKey(*txn, "li.na", "k1", {"h", t.id}, Timestamp{1}).ok());
  EXPECT_EQ(store_->PutIdempotencyKey(*txn, "li.na", "k1", {"h", t.id}, Timestamp{1}).code(),
            StatusCode::kAlreadyExists);
  auto found = store_->FindIdempotencyKey(*txn, "li.na", "k1");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->ticket_id, t.id);
  EXPECT_FALSE(store_->FindIdempotencyKey(*txn, "zhao.lei", "k1")->has_value());
}

TEST_P(StoreConformanceTest, TokensExpireAndRevoke) {
  auto txn = Write();
  auto id = store_->InsertUser(*txn, User{0, "li.na", "李娜", Role::kAgent, "", true}, "hash", Timestamp{1});
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(store_->InsertUser(*txn, User{0, "li.na", "x", Role::kAgent, "", true}, "h", Timestamp{1})
                .status().reason(), "login_taken");
  ASSERT_TRUE(store_->InsertToken(*txn, {"abc", *id, "t", Timestamp{1}, Timestamp{100}}).ok());
  EXPECT_TRUE(store_->LookupToken(*txn, "abc", Timestamp{99}).ok());
  EXPECT_EQ(store_->LookupToken(*txn, "abc", Timestamp{100}).status().code(), StatusCode::kUnauthenticated);
  ASSERT_TRUE(store_->RevokeToken(*txn, "abc", Timestamp{50}).ok());
  EXPECT_FALSE(store_->LookupToken(*txn, "abc", Timestamp{60}).ok());
  EXPECT_EQ(store_->RevokeToken(*txn, "abc", Timestamp{61}).code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, OrdersKeepTheirItemsInOrder) {
  std::string c = AddCustomer("a");
  auto txn = Write();
  Order o;
  o.id = FormatId('O', *store_->NextSeq(*txn, 'O'));
  o.customer_id = c;
  o.items = {{"SKU-2", "车厘子", 1, 19900, "fresh_food", false},
             {"SKU-1", "龙井", 2, 12800, "", true},
             {"GIFT-1", "茶盘", 1, 0, "", false, "", "", 2, 1500}};
  o.items[1].discount_fen = 600;
  o.discount_fen = 600;
  o.shipping_fee_fen = 800;
  o.free_shipping_threshold_fen = 99900;
  o.shipping_waived_fen = 0;
  o.market = "hk";
  o.paid_at = Timestamp{5};
  o.created_at = Timestamp{6};
  ASSERT_TRUE(store_->InsertOrder(*txn, o).ok());
  auto got = store_->GetOrder(*txn, o.id);
  ASSERT_TRUE(got.ok());
  ASSERT_EQ(got->items.size(), 3u);
  EXPECT_EQ(got->items[0].sku, "SKU-2");
  EXPECT_EQ(got->items[1].discount_fen, 600);
  EXPECT_EQ(got->items[2].gift_of, 2);
  EXPECT_EQ(got->items[2].gift_value_fen, 1500);
  EXPECT_EQ(got->discount_fen, 600);
  EXPECT_EQ(got->shipping_fee_fen, 800);
  EXPECT_EQ(got->free_shipping_threshold_fen, 99900);
  EXPECT_EQ(got->items[0].category, "fresh_food");
  EXPECT_FALSE(got->items[0].non_returnable);
  EXPECT_TRUE(got->items[1].non_returnable);
  EXPECT_EQ(got->market, "hk");
  EXPECT_EQ(got->TotalFen(), 19900 + 25600 - 600 + 800);
  EXPECT_EQ(got->paid_at, Timestamp{5});
  EXPECT_FALSE(got->shipped_at.has_value());
  OrderFilter f;
  f.customer_id = c;
  EXPECT_EQ(store_->ListOrders(*txn, f)->size(), 1u);
}

TEST_P(StoreConformanceTest, SlaIndexListsDueTicketsSoonestFirst) {
  std::string c = AddCustomer("王芳");
  Ticket a = AddTicket(c), b = AddTicket(c), d = AddTicket(c);
  {
    // New open tickets start due at their creation time (a first look).
    auto r = Read();
    EXPECT_EQ(*store_->ListSlaDue(*r, Timestamp{100}, 10),
              (std::vector<std::string>{a.id, b.id, d.id}));
  }
  auto txn = Write();
  ASSERT_TRUE(store_->SetSlaIndex(*txn, a.id, {Timestamp{500}, Timestamp{900}}).ok());
  ASSERT_TRUE(store_->SetSlaIndex(*txn, b.id, {Timestamp{300}, Timestamp{400}}).ok());
  ASSERT_TRUE(store_->SetSlaIndex(*txn, d.id, {std::nullopt, std::nullopt}).ok());
  EXPECT_EQ(store_->SetSlaIndex(*txn, "T-000999", {}).code(), StatusCode::kNotFound);
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  EXPECT_EQ(*store_->ListSlaDue(*r, Timestamp{299}, 10), std::vector<std::string>{});
  EXPECT_EQ(*store_->ListSlaDue(*r, Timestamp{600}, 10), (std::vector<std::string>{b.id, a.id}));
  EXPECT_EQ(*store_->ListSlaDue(*r, Timestamp{600}, 1), std::vector<std::string>{b.id});
  TicketFilter soon;
  soon.sla_breach_from = Timestamp{350};
  soon.sla_breach_to = Timestamp{1000};
  auto listed = store_->ListTickets(*r, soon);
  ASSERT_EQ(listed->size(), 2u);
  soon.sla_breach_from = Timestamp{401};
  listed = store_->ListTickets(*r, soon);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, a.id);
}

TEST_P(StoreConformanceTest, SlaEventsAreStatusChangesAndRepliesWithRoles) {
  std::string c = AddCustomer("王芳");
  Ticket t = AddTicket(c);
  Actor agent{"li.na", Role::kAgent, ""}, customer{"wf", Role::kCustomer, c};
  auto txn = Write();
  Change reply = *AddMessage(t, agent, "您好", false, Timestamp{10});
  Change note = *AddMessage(reply.ticket, agent, "内部", true, Timestamp{11});
  Change wait = *Transition(note.ticket, agent, TicketStatus::kPendingCustomer, "", Timestamp{12});
  Change back = *AddMessage(wait.ticket, customer, "照片", false, Timestamp{13});
  for (Change* ch : {&reply, &note, &wait, &back}) {
    ASSERT_TRUE(store_->AppendEvents(*txn, ch->events).ok());
  }
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  auto got = *store_->ListSlaEvents(*r, t.id);
  std::vector<std::string> seen;
  for (const auto& e : got) {
    seen.push_back(std::string(ToString(e.type)) + ":" + std::string(ToString(e.actor_role)) + ":" +
                   e.to + "@" + std::to_string(e.at.unix_ms));
  }
  // The agent's reply opens the ticket; the customer's reopens it.
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "reply:agent:@10", "status_changed:agent:open@10",
                      "status_changed:agent:pending_customer@12", "reply:customer:@13",
                      "status_changed:customer:open@13"}));
}

TEST_P(StoreConformanceTest, FiringsAreRecordedOnce) {
  std::string c = AddCustomer("王芳");
  Ticket t = AddTicket(c);
  Firing warn{FiringKind::kWarning, "first_response", 7, Timestamp{48}, Timestamp{60}};
  Firing next_run = warn;
  next_run.anchor_ms = 8;
  {
    auto txn = Write();
    EXPECT_TRUE(*store_->RecordFiring(*txn, t.id, warn, Timestamp{50}));
    EXPECT_FALSE(*store_->RecordFiring(*txn, t.id, warn, Timestamp{51}));
    EXPECT_TRUE(*store_->RecordFiring(*txn, t.id, next_run, Timestamp{51}));
    ASSERT_TRUE(txn->Commit().ok());
  }
  {
    auto txn = Write();  // rolled back: not recorded
    EXPECT_TRUE(*store_->RecordFiring(*txn, t.id, {FiringKind::kBreach, "first_response", 7,
                                                   Timestamp{60}, Timestamp{60}},
                                      Timestamp{61}));
  }
  auto r = Read();
  auto fired = store_->ListFirings(*r, t.id);
  ASSERT_EQ(fired->size(), 2u);
  EXPECT_NE(std::find(fired->begin(), fired->end(), warn), fired->end());
  EXPECT_NE(std::find(fired->begin(), fired->end(), next_run), fired->end());
}

TEST_P(StoreConformanceTest, ConfigDocumentsAreVersioned) {
  auto txn = Write();
  EXPECT_EQ(*store_->ConfigVersion(*txn), 0);
  ASSERT_TRUE(store_->PutConfig(*txn, {"team", "b", "{}", Timestamp{1}, "boss"}).ok());
  ASSERT_TRUE(store_->PutConfig(*txn, {"team", "a", "{\"x\":1}", Timestamp{2}, "boss"}).ok());
  ASSERT_TRUE(store_->PutConfig(*txn, {"calendar", "c", "{}", Timestamp{3}, "boss"}).ok());
  ASSERT_TRUE(store_->PutConfig(*txn, {"team", "a", "{\"x\":2}", Timestamp{4}, "lead"}).ok());
  EXPECT_EQ(*store_->ConfigVersion(*txn), 4);
  EXPECT_EQ(store_->DeleteConfig(*txn, "team", "nope").code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->DeleteConfig(*txn, "team", "b").ok());
  EXPECT_EQ(*store_->ConfigVersion(*txn), 5);
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  auto teams = store_->ListConfig(*r, "team");
  ASSERT_EQ(teams->size(), 1u);
  EXPECT_EQ((*teams)[0].body, "{\"x\":2}");
  EXPECT_EQ((*teams)[0].updated_by, "lead");
  auto all = store_->ListConfig(*r, "");
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].kind, "calendar");
}

TEST_P(StoreConformanceTest, AgentLoadFollowsAssignmentsAndStatus) {
  std::string c = AddCustomer("王芳");
  Ticket t = AddTicket(c);
  auto load = [&](const std::string& login) {
    auto r = Read();
    std::vector<AgentState> states = *store_->ListAgentStates(*r);
    for (const auto& s : states) {
      if (s.login == login) return std::pair{s.open, s.chats};
    }
    return std::pair{-1, -1};
  };
  auto update = [&](auto change) {
    auto txn = Write();
    Ticket u = *store_->GetTicket(*txn, t.id);
    change(u);
    u.version += 1;
    ASSERT_TRUE(store_->UpdateTicket(*txn, u, u.version - 1).ok());
    ASSERT_TRUE(txn->Commit().ok());
  };
  EXPECT_EQ(load("li.na"), (std::pair{-1, -1}));
  update([](Ticket& u) { u.assignee = "li.na"; u.channel = Channel::kChat; });
  EXPECT_EQ(load("li.na"), (std::pair{1, 1}));
  update([](Ticket& u) { u.assignee = "zhao.lei"; });
  EXPECT_EQ(load("li.na"), (std::pair{0, 0}));
  EXPECT_EQ(load("zhao.lei"), (std::pair{1, 1}));
  update([](Ticket& u) { u.status = TicketStatus::kResolved; });
  EXPECT_EQ(load("zhao.lei"), (std::pair{0, 0}));
  update([](Ticket& u) { u.status = TicketStatus::kOpen; u.channel = Channel::kWeb; });
  EXPECT_EQ(load("zhao.lei"), (std::pair{1, 0}));
  {
    auto txn = Write();
    ASSERT_TRUE(store_->SetPresence(*txn, "zhao.lei", Presence::kOnline, Timestamp{5}).ok());
    ASSERT_TRUE(store_->SetLastAssigned(*txn, "zhao.lei", Timestamp{6}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto r = Read();
  auto states = *store_->ListAgentStates(*r);
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[1].login, "zhao.lei");
  EXPECT_EQ(states[1].presence, Presence::kOnline);
  EXPECT_EQ(states[1].presence_at, Timestamp{5});
  EXPECT_EQ(states[1].last_assigned_at, Timestamp{6});
  EXPECT_EQ(states[1].open, 1);
}

TEST_P(StoreConformanceTest, WaitingQueueListsUnassignedNewAndOpenOldestFirst) {
  std::string c = AddCustomer("王芳");
  Ticket a = AddTicket(c), b = AddTicket(c), d = AddTicket(c);
  auto txn = Write();
  Ticket u = b;
  u.assignee = "li.na";
  u.version += 1;
  ASSERT_TRUE(store_->UpdateTicket(*txn, u, b.version).ok());
  u = d;
  u.team = "vip";
  u.version += 1;
  ASSERT_TRUE(store_->UpdateTicket(*txn, u, d.version).ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto r = Read();
  TicketFilter f;
  f.waiting = true;
  f.oldest_first = true;
  auto got = *store_->ListTickets(*r, f);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, a.id);
  EXPECT_EQ(got[1].id, d.id);
  f.team = "vip";
  got = *store_->ListTickets(*r, f);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].id, d.id);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest,
                         ::testing::Values(Backend::kSqliteFile, Backend::kSqliteMemory),
                         [](const auto& info) {
                           return info.param == Backend::kSqliteFile ? "SqliteFile" : "SqliteMemory";
                         });

}  // namespace
}  // namespace kefu
