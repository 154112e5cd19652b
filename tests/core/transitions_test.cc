// The ticket state machine: every ordered pair of states, legal or not.
#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "core/ticket_rules.h"

namespace kefu {
namespace {

using S = TicketStatus;
constexpr S kAll[] = {S::kNew, S::kOpen, S::kPendingCustomer, S::kPendingThirdParty,
                      S::kResolved, S::kClosed};

// The allowed moves, written out by hand from the specification:
// new -> open -> pending_customer | pending_third_party -> resolved -> closed,
// pending_* back to open, resolved -> open (reopen); closed is final.
const std::set<std::pair<S, S>> kLegal = {
    {S::kNew, S::kOpen},
    {S::kOpen, S::kPendingCustomer},
    {S::kOpen, S::kPendingThirdParty},
    {S::kOpen, S::kResolved},
    {S::kPendingCustomer, S::kOpen},
    {S::kPendingCustomer, S::kResolved},
    {S::kPendingThirdParty, S::kOpen},
    {S::kPendingThirdParty, S::kResolved},
    {S::kResolved, S::kClosed},
    {S::kResolved, S::kOpen},
};

Ticket TicketIn(S status) {
  Ticket t;
  t.id = "T-000001";
  t.customer_id = "C-000001";
  t.status = status;
  t.version = 3;
  return t;
}

const Actor kLead{"chen.jie", Role::kLead, ""};
const Timestamp kNow{1'700'000'000'000};

TEST(TransitionsTest, IsLegalTransitionMatchesTheSpecificationForEveryPair) {
  for (S from : kAll) {
    for (S to : kAll) {
      SCOPED_TRACE(std::string(ToString(from)) + " -> " + std::string(ToString(to)));
      EXPECT_EQ(IsLegalTransition(from, to), kLegal.count({from, to}) == 1);
    }
  }
}

TEST(TransitionsTest, TransitionAppliesLegalMovesAndRefusesIllegalOnesWithAReason) {
  for (S from : kAll) {
    for (S to : kAll) {
      SCOPED_TRACE(std::string(ToString(from)) + " -> " + std::string(ToString(to)));
      Ticket t = TicketIn(from);
      auto c = Transition(t, kLead, to, "because", kNow);
      if (kLegal.count({from, to})) {
        ASSERT_TRUE(c.ok()) << c.status().ToString();
        EXPECT_EQ(c->ticket.status, to);
        EXPECT_EQ(c->ticket.version, 4);
        ASSERT_EQ(c->events.size(), 1u);
        EXPECT_EQ(c->events[0].type, EventType::kStatusChanged);
        EXPECT_EQ(c->events[0].from, ToString(from));
        EXPECT_EQ(c->events[0].to, ToString(to));
        EXPECT_EQ(c->events[0].reason, "because");
        EXPECT_EQ(c->events[0].actor, "chen.jie");
      } else {
        ASSERT_FALSE(c.ok());
        EXPECT_EQ(c.status().code(), StatusCode::kFailedPrecondition);
        EXPECT_EQ(c.status().reason(), "illegal_transition");
        EXPECT_NE(c.status().message().find(ToString(from)), std::string::npos);
      }
    }
  }
}

TEST(TransitionsTest, ResolvingAndClosingStampTheirTimes) {
  auto r = Transition(TicketIn(S::kOpen), kLead, S::kResolved, "", kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ticket.resolved_at, kNow);
  auto c = Transition(r->ticket, kLead, S::kClosed, "", Timestamp{kNow.unix_ms + 5});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->ticket.closed_at, Timestamp{kNow.unix_ms + 5});
  EXPECT_EQ(c->ticket.resolved_at, kNow);
}

TEST(TransitionsTest, CustomersCannotChangeStatus) {
  Ticket t = TicketIn(S::kOpen);
  Actor customer{"wangfang", Role::kCustomer, "C-000001"};
  auto c = Transition(t, customer, S::kResolved, "", kNow);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kPermissionDenied);
}

TEST(TransitionsTest, OverlongReasonIsRefused) {
  std::string reason(501, 'x');
  auto c = Transition(TicketIn(S::kOpen), kLead, S::kResolved, reason, kNow);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kValidation);
}

}  // namespace
}  // namespace kefu
