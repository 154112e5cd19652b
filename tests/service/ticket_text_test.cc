// How a customer's text changes their ticket (service/ticket_text.h):
// threats set the threat level, tone is recorded, new tickets get the
// classifier's category or the triage tag.
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

TEST(TicketTextTest, ThreatsSetTheLevelOfTheMostSeriousSignalAndOnlyRaiseIt) {
  Change c = NewChange(Priority::kP3);
  ASSERT_TRUE(ApplyTextFindings(c, Findings(text::Sentiment::kNegative, {}, {"差评"}),
                                {Tier::kNormal, false, 0.5}, Timestamp{2})
                  .ok());
  EXPECT_TRUE(c.ticket.threat);
  EXPECT_EQ(c.ticket.threat_level, ThreatLevel::kReview);
  const TicketEvent* e = Find(c, EventType::kThreatChanged);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->from, "none");
  EXPECT_EQ(e->to, "review");
  EXPECT_EQ(e->reason, "text: 差评");
  // What a threat sets off is the policy's immediate escalation, not this.
  EXPECT_EQ(c.ticket.priority, Priority::kP3);
  EXPECT_EQ(Find(c, EventType::kPriorityChanged), nullptr);

  // A more serious signal raises the level; the same or a lesser one does not.
  ASSERT_TRUE(ApplyTextFindings(c, Findings(text::Sentiment::kNegative, {}, {"12315", "曝光"}),
                                {Tier::kNormal, false, 0.5}, Timestamp{3})
                  .ok());
  EXPECT_EQ(c.ticket.threat_level, ThreatLevel::kLegal);
  EXPECT_EQ(c.events.back().from, "review");
  EXPECT_EQ(c.events.back().to, "legal");
  size_t events = c.events.size();
  for (const char* s : {"12315", "微博", "差评"}) {
    ASSERT_TRUE(ApplyTextFindings(c, Findings(text::Sentiment::kNegative, {}, {s}),
                                  {Tier::kNormal, false, 0.5}, Timestamp{4})
                    .ok());
  }
  EXPECT_EQ(c.events.size(), events);
  EXPECT_EQ(c.ticket.threat_level, ThreatLevel::kLegal);
}

TEST(TicketTextTest, ToneIsRecordedWithoutChangingPriority) {
  for (Tier tier : {Tier::kNormal, Tier::kVip}) {
    Change c = NewChange(Priority::kP3);
    ASSERT_TRUE(ApplyTextFindings(c, Findings(text::Sentiment::kNegative), {tier, false, 0.5},
                                  Timestamp{2})
                    .ok());
    EXPECT_EQ(c.ticket.sentiment, "negative");
    EXPECT_EQ(c.ticket.priority, Priority::kP3) << "negative_vip is the policy's to act on";
    EXPECT_EQ(Find(c, EventType::kPriorityChanged), nullptr);
  }
}

}  // namespace
}  // namespace kefu
