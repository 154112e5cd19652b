// How a customer's text changes their ticket (service/ticket_text.h):
// threats and negative VIP customers raise priority, tone is recorded, new
// tickets get the classifier's category or the triage tag.
#include "service/ticket_text.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace kefu {
namespace {

Change NewChange(Priority p = Priority::kP3) {
  NewTicket n;
  n.subject = "快递没到";
  n.customer_id = "C-000001";
  n.priority = p;
  return std::move(OpenTicket(n, "T-000001", Actor{"cus", Role::kCustomer, "C-000001"}, Timestamp{1})).value();
}

TextFindings Findings(text::Sentiment s, std::vector<text::Prediction> cats = {},
                      std::vector<std::string> threats = {}) {
  TextFindings f;
  f.sentiment = s;
  f.categories = std::move(cats);
  f.threat_signals = std::move(threats);
  return f;
}

const TicketEvent* Find(const Change& c, EventType t) {
  auto it = std::find_if(c.events.begin(), c.events.end(), [t](const auto& e) { return e.type == t; });
  return it == c.events.end() ? nullptr : &*it;
}

TEST(TicketTextTest, ConfidentCategoryIsSetByTheClassifier) {
  Change c = NewChange();
  int64_t version = c.ticket.version;
  ASSERT_TRUE(ApplyTextFindings(c, Findings(text::Sentiment::kNeutral, {{"logistics_delay", 0.91}}),
                                {Tier::kNormal, true, 0.5}, Timestamp{2})
                  .ok());
  EXPECT_EQ(c.ticket.category, "logistics_delay");
  EXPECT_EQ(c.ticket.sentiment, "neutral");
  EXPECT_EQ(c.ticket.version, version) << "part of the creating command";
  const TicketEvent* e = Find(c, EventType::kCategoryChanged);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->actor, "system");
  EXPECT_EQ(e->reason, "classifier 0.91");
  EXPECT_TRUE(c.ticket.tags.empty());
}

TEST(TicketTextTest, UnsureCategoryMarksTheTicketForTriage) {
  Change c = NewChange();
  ASSERT_TRUE(ApplyTextFindings(c, Findings(text::Sentiment::kNeutral, {{"other", 0.42}}),
                                {Tier::kNormal, true, 0.5}, Timestamp{2})
                  .ok());
  EXPECT_EQ(c.ticket.category, "");
  EXPECT_EQ(c.ticket.tags, std::vector<std::string>{kNeedsTriageTag});
  EXPECT_EQ(Find(c, EventType::kCategoryChanged), nullptr);
}

TEST(TicketTextTest, ThreatsRaisePriorityAndFlagTheTicket) {
  Change c = NewChange(Priority::kP3);
  ASSERT_TRUE(ApplyTextFindings(c, Findings(text::Sentiment::kNegative, {}, {"12315"}),
                                {Tier::kNormal, false, 0.5}, Timestamp{2})
                  .ok());
  EXPECT_TRUE(c.ticket.threat);
  EXPECT_EQ(c.ticket.priority, Priority::kP2);
  const TicketEvent* e = Find(c, EventType::kPriorityChanged);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->reason, "threat");
  // Flagged once: the same signals again change nothing more.
  size_t events = c.events.size();
  ASSERT_TRUE(ApplyTextFindings(c, Findings(text::Sentiment::kNegative, {}, {"12315"}),
                                {Tier::kNormal, false, 0.5}, Timestamp{3})
                  .ok());
  EXPECT_EQ(c.events.size(), events);
  EXPECT_EQ(c.ticket.priority, Priority::kP2);
}

TEST(TicketTextTest, NegativeToneRaisesPriorityOnlyForVipCustomers) {
  Change normal = NewChange(Priority::kP3);
  ASSERT_TRUE(ApplyTextFindings(normal, Findings(text::Sentiment::kNegative), {Tier::kNormal, false, 0.5},
                                Timestamp{2})
                  .ok());
  EXPECT_EQ(normal.ticket.priority, Priority::kP3);
  EXPECT_EQ(normal.ticket.sentiment, "negative");

  Change vip = NewChange(Priority::kP3);
  ASSERT_TRUE(ApplyTextFindings(vip, Findings(text::Sentiment::kNegative), {Tier::kVip, false, 0.5}, Timestamp{2})
                  .ok());
  EXPECT_EQ(vip.ticket.priority, Priority::kP2);
  EXPECT_EQ(Find(vip, EventType::kPriorityChanged)->reason, "negative_vip");
  // Still negative: no second raise. P1 stays P1.
  ASSERT_TRUE(ApplyTextFindings(vip, Findings(text::Sentiment::kNegative), {Tier::kVip, false, 0.5}, Timestamp{3})
                  .ok());
  EXPECT_EQ(vip.ticket.priority, Priority::kP2);
  Change urgent = NewChange(Priority::kP1);
  ASSERT_TRUE(ApplyTextFindings(urgent, Findings(text::Sentiment::kNegative), {Tier::kVip, false, 0.5},
                                Timestamp{2})
                  .ok());
  EXPECT_EQ(urgent.ticket.priority, Priority::kP1);
  EXPECT_EQ(Find(urgent, EventType::kPriorityChanged), nullptr);
}

}  // namespace
}  // namespace kefu
