// Ticket commands: opening, messages, first-contact ownership, assignment,
// patches and visibility.
#include <gtest/gtest.h>

#include "core/access.h"
#include "core/escalation.h"
#include "core/ticket_rules.h"

namespace kefu {
namespace {

const Timestamp kT0{1'700'000'000'000};
Timestamp At(int minutes) { return Timestamp{kT0.unix_ms + minutes * 60'000LL}; }

const Actor kCustomer{"wangfang", Role::kCustomer, "C-000001"};
const Actor kOtherCustomer{"zhangwei", Role::kCustomer, "C-000002"};
const Actor kAgentA{"li.na", Role::kAgent, ""};
const Actor kAgentB{"zhao.lei", Role::kAgent, ""};
const Actor kAgentC{"sun.li", Role::kAgent, ""};
const Actor kLead{"chen.jie", Role::kLead, ""};

// The customer's complaint, with untrimmed subject and a duplicate tag.
NewTicket Complaint() {
  NewTicket n;
  n.subject = "  快递三天没动了  ";
  n.body = "单号 SF1234567890";
  n.customer_id = "C-000001";
  n.tags = {"催件", "VIP", "催件"};
  return n;
}

Ticket Open() {
  auto c = OpenTicket(Complaint(), "T-000001", kCustomer, kT0);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c->ticket;
}

TEST(OpenTicketTest, NormalisesSubjectAndTagsAndRecordsACreatedEvent) {
  auto c = OpenTicket(Complaint(), "T-000042", kCustomer, kT0);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->ticket.id, "T-000042");
  EXPECT_EQ(c->ticket.subject, "快递三天没动了");
  EXPECT_EQ(c->ticket.status, TicketStatus::kNew);
  EXPECT_EQ(c->ticket.tags, (std::vector<std::string>{"VIP", "催件"}));
  EXPECT_EQ(c->ticket.version, 1);
  EXPECT_TRUE(c->ticket.owner.empty());
  ASSERT_EQ(c->events.size(), 1u);
  EXPECT_EQ(c->events[0].type, EventType::kCreated);
  EXPECT_EQ(c->events[0].body, "单号 SF1234567890");
  EXPECT_EQ(c->events[0].actor, "wangfang");
}

// 首问负责制: staff who open a ticket for the customer own it from that
// first contact; a later reply or transfer by someone else changes nothing.
// The server's own logins (mail-in, imports, jobs) are nobody's contact.
TEST(OpenTicketTest, StaffWhoOpenATicketOwnIt) {
  auto c = OpenTicket(Complaint(), "T-000007", kAgentA, kT0);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->ticket.owner, "li.na");
  EXPECT_TRUE(c->ticket.assignee.empty());  // routing still decides who works it
  ASSERT_EQ(c->events.size(), 2u);
  EXPECT_EQ(c->events[1].type, EventType::kOwnerSet);
  EXPECT_EQ(c->events[1].to, "li.na");

  auto reply = AddMessage(c->ticket, kAgentB, "您好，我来处理", false, kT0);
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->ticket.owner, "li.na");
  EXPECT_EQ(reply->ticket.assignee, "zhao.lei");
  for (const auto& e : reply->events) EXPECT_NE(e.type, EventType::kOwnerSet);

  for (const Actor& service : {Actor{"system", Role::kAdmin, ""}, Actor{"import", Role::kAdmin, ""}}) {
    auto by_service = OpenTicket(Complaint(), "T-000008", service, kT0);
    ASSERT_TRUE(by_service.ok());
    EXPECT_TRUE(by_service->ticket.owner.empty()) << service.login;
    EXPECT_EQ(by_service->events.size(), 1u);
  }
}

TEST(OpenTicketTest, CustomersOpenTicketsOnlyForThemselves) {
  NewTicket n;
  n.subject = "别人的单";
  n.customer_id = "C-000001";
  auto c = OpenTicket(n, "T-000001", kOtherCustomer, kT0);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kPermissionDenied);
}

TEST(OpenTicketTest, RefusesBadFields) {
  auto check = [](NewTicket n, const char* what) {
    SCOPED_TRACE(what);
    if (n.customer_id.empty()) n.customer_id = "C-000001";
    auto c = OpenTicket(n, "T-000001", kAgentA, kT0);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().code(), StatusCode::kValidation);
  };
  NewTicket n;
  n.subject = "";
  check(n, "empty subject");
  n.subject = " \t\xE3\x80\x80 ";  // spaces and an ideographic space only
  check(n, "blank subject");
  n.subject = std::string();
  for (int i = 0; i < 201; ++i) n.subject += "退";
  check(n, "201 characters");
  n.subject = "ok";
  n.category = "refund_please";
  check(n, "unknown category");
  n.category = "";
  n.tags = {"has space"};
  check(n, "tag with space");
  n.tags.clear();
  for (int i = 0; i < 21; ++i) n.tags.push_back("t" + std::to_string(i));
  check(n, "21 tags");
  n.tags.clear();
  n.subject = "bell\x07";
  check(n, "control character");
}

TEST(OpenTicketTest, TwoHundredChineseCharactersAreAllowed) {
  NewTicket n;
  for (int i = 0; i < 200; ++i) n.subject += "退";
  n.customer_id = "C-000001";
  EXPECT_TRUE(OpenTicket(n, "T-000001", kAgentA, kT0).ok());
}

TEST(MessageTest, FirstStaffReplyOpensTheTicketAndMakesTheAgentOwnerAndAssignee) {
  Ticket t = Open();
  auto c = AddMessage(t, kAgentA, "亲，已帮您催件", false, At(5));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->ticket.owner, "li.na");
  EXPECT_EQ(c->ticket.assignee, "li.na");
  EXPECT_EQ(c->ticket.status, TicketStatus::kOpen);
  EXPECT_EQ(c->ticket.first_response_at, At(5));
  std::vector<EventType> types;
  for (const auto& e : c->events) types.push_back(e.type);
  EXPECT_EQ(types, (std::vector<EventType>{EventType::kReply, EventType::kOwnerSet,
                                           EventType::kAssigned, EventType::kStatusChanged}));
}

TEST(MessageTest, InternalNotesDoNotMakeAnOwnerNorAFirstResponse) {
  Ticket t = Open();
  auto c = AddMessage(t, kAgentA, "先查下物流", true, At(1));
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->ticket.owner.empty());
  EXPECT_FALSE(c->ticket.first_response_at.has_value());
  EXPECT_EQ(c->ticket.status, TicketStatus::kNew);
  ASSERT_EQ(c->events.size(), 1u);
  EXPECT_EQ(c->events[0].type, EventType::kNote);
}

TEST(MessageTest, CustomerReplyReopensPendingCustomerAndResolvedTickets) {
  for (TicketStatus s : {TicketStatus::kPendingCustomer, TicketStatus::kResolved}) {
    Ticket t = Open();
    t.status = s;
    auto c = AddMessage(t, kCustomer, "还是没收到", false, At(9));
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->ticket.status, TicketStatus::kOpen);
    EXPECT_EQ(c->events.back().type, EventType::kStatusChanged);
  }
  Ticket t = Open();
  t.status = TicketStatus::kPendingThirdParty;  // waiting on the carrier: stays
  auto c = AddMessage(t, kCustomer, "有消息吗", false, At(9));
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->ticket.status, TicketStatus::kPendingThirdParty);
}

TEST(MessageTest, ClosedTicketsTakeInternalNotesOnly) {
  Ticket t = Open();
  t.status = TicketStatus::kClosed;
  for (const Actor* a : {&kCustomer, &kLead}) {
    auto c = AddMessage(t, *a, "再问一下", false, At(1));
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().reason(), "ticket_closed");
  }
  EXPECT_TRUE(AddMessage(t, kLead, "归档备注", true, At(1)).ok());
}

TEST(MessageTest, CustomersCannotWriteInternalNotesNorTouchOthersTickets) {
  Ticket t = Open();
  auto note = AddMessage(t, kCustomer, "x", true, At(1));
  EXPECT_EQ(note.status().code(), StatusCode::kPermissionDenied);
  auto other = AddMessage(t, kOtherCustomer, "x", false, At(1));
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
  auto empty = AddMessage(t, kAgentA, "   ", false, At(1));
  EXPECT_EQ(empty.status().code(), StatusCode::kValidation);
}

TEST(OwnershipTest, TransfersChangeTheAssigneeButNeverTheOwner) {
  Ticket t = AddMessage(Open(), kAgentA, "您好", false, At(1))->ticket;
  auto moved = Assign(t, kLead, "zhao.lei", "技能不匹配", At(2));
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->ticket.assignee, "zhao.lei");
  EXPECT_EQ(moved->ticket.owner, "li.na");
  ASSERT_EQ(moved->events.size(), 1u);
  EXPECT_EQ(moved->events[0].type, EventType::kTransferred);
  EXPECT_EQ(moved->events[0].from, "li.na");
  EXPECT_EQ(moved->events[0].to, "zhao.lei");

  auto replied = AddMessage(moved->ticket, kAgentB, "我来跟进", false, At(3));
  ASSERT_TRUE(replied.ok());
  EXPECT_EQ(replied->ticket.owner, "li.na");
  for (const auto& e : replied->events) EXPECT_NE(e.type, EventType::kOwnerSet);

  // The owner stays accountable: still sees the ticket after the transfer.
  EXPECT_TRUE(CanSee(kAgentA, replied->ticket));
  EXPECT_TRUE(CanSee(kAgentB, replied->ticket));
  EXPECT_FALSE(CanSee(kAgentC, replied->ticket));
}

TEST(AssignTest, AgentsTakeUnassignedTicketsAndPassOnTheirOwnOnly) {
  Ticket t = Open();
  auto take = Assign(t, kAgentA, "li.na", "", At(1));
  ASSERT_TRUE(take.ok());
  EXPECT_EQ(take->events[0].type, EventType::kAssigned);
  Ticket mine = take->ticket;

  auto grab = Assign(mine, kAgentB, "zhao.lei", "", At(2));
  EXPECT_EQ(grab.status().code(), StatusCode::kNotFound);  // B cannot even see it
  auto give_unassigned = Assign(t, kAgentA, "zhao.lei", "", At(2));
  EXPECT_EQ(give_unassigned.status().code(), StatusCode::kPermissionDenied);
  auto pass = Assign(mine, kAgentA, "zhao.lei", "下班交接", At(3));
  ASSERT_TRUE(pass.ok());
  EXPECT_EQ(pass->ticket.assignee, "zhao.lei");
}

TEST(AssignTest, AssigningTheCurrentAssigneeChangesNothing) {
  Ticket t = Assign(Open(), kLead, "li.na", "", At(1))->ticket;
  auto again = Assign(t, kLead, "li.na", "", At(2));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());
  EXPECT_EQ(again->ticket.version, t.version);
}

TEST(AssignTest, ClosedTicketsCannotBeAssigned) {
  Ticket t = Open();
  t.status = TicketStatus::kClosed;
  EXPECT_EQ(Assign(t, kLead, "li.na", "", At(1)).status().reason(), "ticket_closed");
}

TEST(PatchTest, EachChangedFieldMakesOneEventAndUnchangedOnesNone) {
  Ticket t = Open();
  TicketPatch p;
  p.priority = Priority::kP1;
  p.category = "logistics_delay";
  p.tags = std::vector<std::string>{"VIP", "加急"};
  auto c = Patch(t, kLead, p, At(1));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->events.size(), 3u);
  EXPECT_EQ(c->events[0].type, EventType::kPriorityChanged);
  EXPECT_EQ(c->events[1].type, EventType::kCategoryChanged);
  EXPECT_EQ(c->events[2].type, EventType::kTagsChanged);
  EXPECT_EQ(c->events[2].added, (std::vector<std::string>{"加急"}));
  EXPECT_EQ(c->events[2].removed, (std::vector<std::string>{"催件"}));
  EXPECT_EQ(c->ticket.version, t.version + 1);

  auto same = Patch(c->ticket, kLead, p, At(2));
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->events.empty());
}

TEST(PatchTest, StaleVersionIsRefused) {
  Ticket t = Open();
  TicketPatch p;
  p.priority = Priority::kP2;
  p.expected_version = t.version - 1;
  auto c = Patch(t, kLead, p, At(1));
  EXPECT_EQ(c.status().reason(), "stale_version");
  p.expected_version = t.version;
  EXPECT_TRUE(Patch(t, kLead, p, At(1)).ok());
}

TEST(PatchTest, CustomersCannotPatchAndUnknownCategoriesAreRefused) {
  Ticket t = Open();
  TicketPatch p;
  p.priority = Priority::kP1;
  EXPECT_EQ(Patch(t, kCustomer, p, At(1)).status().code(), StatusCode::kPermissionDenied);
  TicketPatch bad;
  bad.category = "nonsense";
  EXPECT_EQ(Patch(t, kLead, bad, At(1)).status().code(), StatusCode::kValidation);
}

TEST(AccessTest, VisibilityByRole) {
  Ticket t = Open();
  EXPECT_TRUE(CanSee(kCustomer, t));
  EXPECT_FALSE(CanSee(kOtherCustomer, t));
  EXPECT_TRUE(CanSee(kAgentA, t));  // unassigned: the shared queue
  t.assignee = "zhao.lei";
  EXPECT_FALSE(CanSee(kAgentA, t));
  EXPECT_TRUE(CanSee(kAgentB, t));
  for (Role r : {Role::kLead, Role::kManager, Role::kAdmin}) {
    EXPECT_TRUE(CanSee(Actor{"x", r, ""}, t));
  }
  Actor no_customer{"ghost", Role::kCustomer, ""};
  t.customer_id = "";
  EXPECT_FALSE(CanSee(no_customer, t));
}

TEST(BotReplyTest, TheBotSpeaksPubliclyButOwnsAndAnswersNothing) {
  Ticket t = Open();
  auto c = AddBotReply(t, SystemActor(), " 您的包裹已到杭州转运中心 ", "answer", At(1));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->events.size(), 1u);
  EXPECT_EQ(c->events[0].type, EventType::kBotReply);
  EXPECT_EQ(c->events[0].body, "您的包裹已到杭州转运中心");
  EXPECT_EQ(c->events[0].reason, "answer");
  EXPECT_TRUE(IsPublicEvent(EventType::kBotReply));
  EXPECT_TRUE(c->ticket.owner.empty());
  EXPECT_TRUE(c->ticket.assignee.empty());
  EXPECT_FALSE(c->ticket.first_response_at);
  EXPECT_EQ(c->ticket.status, TicketStatus::kNew);
  EXPECT_EQ(c->ticket.version, t.version + 1);

  EXPECT_EQ(AddBotReply(t, kLead, "冒充机器人", "answer", At(1)).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(AddBotReply(t, SystemActor(), "  ", "answer", At(1)).status().code(), StatusCode::kValidation);
  Ticket closed = t;
  closed.status = TicketStatus::kClosed;
  EXPECT_EQ(AddBotReply(closed, SystemActor(), "在的", "answer", At(1)).status().reason(), "ticket_closed");
}

}  // namespace
}  // namespace kefu
