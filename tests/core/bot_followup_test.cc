// After the bot answered: the question, the customer's answer and the
// silent chats, as ticket changes made by the bot.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/bot_followup.h"

namespace kefu {
namespace {

const Timestamp kT0 = *ParseIso8601("2026-11-23T02:00:00Z");
constexpr int64_t kHour = 3'600'000;
Timestamp At(int64_t ms) { return Timestamp{kT0.unix_ms + ms}; }

Ticket Chat(TicketStatus s = TicketStatus::kNew) {
  Ticket t;
  t.id = "T-000009";
  t.customer_id = "C-000001";
  t.channel = Channel::kChat;
  t.status = s;
  t.version = 2;
  return t;
}

bool Has(const Ticket& t, const char* tag) {
  return std::find(t.tags.begin(), t.tags.end(), tag) != t.tags.end();
}

// The ticket after the bot's question, and the status event that asked it.
std::pair<Ticket, TicketEvent> Asked(TicketStatus from = TicketStatus::kNew) {
  auto c = AskBotConfirmation(Chat(from), kT0);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  TicketEvent last;
  for (const auto& e : c->events) {
    if (e.type == EventType::kStatusChanged) last = e;
  }
  return {c->ticket, last};
}

TEST(AskBotConfirmationTest, TheChatWaitsOnTheCustomerWithTheQuestion) {
  for (TicketStatus from : {TicketStatus::kNew, TicketStatus::kOpen, TicketStatus::kPendingCustomer,
                            TicketStatus::kResolved}) {
    auto c = AskBotConfirmation(Chat(from), kT0);
    ASSERT_TRUE(c.ok()) << ToString(from) << ": " << c.status().ToString();
    EXPECT_EQ(c->ticket.status, TicketStatus::kPendingCustomer);
    EXPECT_TRUE(Has(c->ticket, kBotAnsweredTag));
    EXPECT_EQ(c->ticket.version, 3) << "one change";
    const TicketEvent* question = nullptr;
    for (const auto& e : c->events) {
      if (e.type == EventType::kBotReply) question = &e;
      EXPECT_EQ(e.actor, "system");
    }
    ASSERT_NE(question, nullptr);
    EXPECT_EQ(question->body, kBotConfirmQuestion);
    EXPECT_EQ(question->reason, "confirm");
  }
  EXPECT_FALSE(AskBotConfirmation(Chat(TicketStatus::kClosed), kT0).ok());
}

TEST(AwaitsBotConfirmationTest, OnlyWhileTheBotsQuestionIsTheLatestMove) {
  auto [t, asked] = Asked();
  EXPECT_TRUE(AwaitsBotConfirmation(t, asked));
  EXPECT_FALSE(AwaitsBotConfirmation(t, std::nullopt));
  TicketEvent other = asked;
  other.reason = "等待客户补充照片";
  EXPECT_FALSE(AwaitsBotConfirmation(t, other)) << "an agent's wait is not the bot's";
  Ticket reopened = t;
  reopened.status = TicketStatus::kOpen;
  EXPECT_FALSE(AwaitsBotConfirmation(reopened, asked));
}

TEST(AnswerBotConfirmationTest, SolvedResolvesNotSolvedHandsOver) {
  auto [t, asked] = Asked();
  auto solved = AnswerBotConfirmation(t, true, true, At(kHour));
  ASSERT_TRUE(solved.ok()) << solved.status().ToString();
  EXPECT_EQ(solved->ticket.status, TicketStatus::kResolved);
  EXPECT_TRUE(Has(solved->ticket, kBotSolvedTag));
  EXPECT_FALSE(Has(solved->ticket, kBotAnsweredTag));

  auto not_solved = AnswerBotConfirmation(t, true, false, At(kHour));
  ASSERT_TRUE(not_solved.ok());
  EXPECT_EQ(not_solved->ticket.status, TicketStatus::kOpen);
  EXPECT_TRUE(Has(not_solved->ticket, kBotHandoffTag));
  EXPECT_FALSE(Has(not_solved->ticket, kBotAnsweredTag));
  bool told = false;
  for (const auto& e : not_solved->events) {
    if (e.type == EventType::kBotReply && e.reason == "handoff") told = true;
  }
  EXPECT_TRUE(told) << "the customer hears a person is coming";

  EXPECT_EQ(AnswerBotConfirmation(t, false, true, At(kHour)).status().reason(),
            "not_awaiting_confirmation");
}

TEST(AutoResolveBotAnswerTest, ResolvesOnlyWhenDue) {
  auto [t, asked] = Asked();
  const int64_t day = 24 * kHour;
  auto early = AutoResolveBotAnswer(t, true, asked.at, day, At(day - 1));
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->events.empty());
  auto due = AutoResolveBotAnswer(t, true, asked.at, day, At(day));
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(due->ticket.status, TicketStatus::kResolved);
  EXPECT_TRUE(Has(due->ticket, kBotAutoResolvedTag));
  EXPECT_FALSE(Has(due->ticket, kBotAnsweredTag));
  bool reason = false;
  for (const auto& e : due->events) {
    if (e.type == EventType::kStatusChanged && e.reason == kBotAutoResolvedReason) reason = true;
  }
  EXPECT_TRUE(reason) << "reports tell auto-resolved chats apart";
  // Not waiting any more: only the stale tag goes; the status stays.
  auto stale = AutoResolveBotAnswer(t, false, asked.at, day, At(2 * day));
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(stale->ticket.status, TicketStatus::kPendingCustomer);
  EXPECT_FALSE(Has(stale->ticket, kBotAnsweredTag));
  auto clean = AutoResolveBotAnswer(stale->ticket, false, asked.at, day, At(2 * day));
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(clean->events.empty());
}

}  // namespace
}  // namespace kefu
