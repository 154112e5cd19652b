#include <gtest/gtest.h>

#include "core/enums.h"
#include "core/model.h"

namespace kefu {
namespace {

TEST(IdTest, FormatAndParseRoundTripWithOneSpellingPerId) {
  EXPECT_EQ(FormatId('T', 123), "T-000123");
  EXPECT_EQ(FormatId('T', 12345678), "T-12345678");
  EXPECT_EQ(ParseId('T', "T-000123"), 123);
  EXPECT_EQ(ParseId('T', "T-12345678"), 12345678);
  EXPECT_FALSE(ParseId('T', "T-123").has_value());      // not zero-padded
  EXPECT_FALSE(ParseId('T', "T-0000123").has_value());  // over-padded
  EXPECT_FALSE(ParseId('C', "T-000123").has_value());   // wrong kind
  EXPECT_FALSE(ParseId('T', "T-000000").has_value());
  EXPECT_FALSE(ParseId('T', "T-00012x").has_value());
  EXPECT_FALSE(ParseId('T', "").has_value());
}

TEST(EnumsTest, EveryNameRoundTripsAndUnknownNamesAreRefused) {
  for (int i = 0; i < 6; ++i) {
    auto s = static_cast<TicketStatus>(i);
    EXPECT_EQ(ParseTicketStatus(ToString(s)), s);
  }
  for (int i = 0; i < 4; ++i) {
    auto p = static_cast<Priority>(i);
    EXPECT_EQ(ParsePriority(ToString(p)), p);
  }
  for (int i = 0; i < 5; ++i) {
    auto r = static_cast<Role>(i);
    EXPECT_EQ(ParseRole(ToString(r)), r);
  }
  for (int i = 0; i < 10; ++i) {
    auto e = static_cast<EventType>(i);
    EXPECT_EQ(ParseEventType(ToString(e)), e);
  }
  EXPECT_FALSE(ParseTicketStatus("Open").has_value());
  EXPECT_FALSE(ParsePriority("p1").has_value());
  EXPECT_FALSE(ParseChannel("fax").has_value());
  EXPECT_EQ(Categories().size(), 18u);
  EXPECT_TRUE(IsKnownCategory("logistics_delay"));
  EXPECT_FALSE(IsKnownCategory("Logistics_Delay"));
}

TEST(EventTest, OnlyCreatedRepliesAndStatusChangesArePublic) {
  int public_count = 0;
  for (int i = 0; i < 10; ++i) public_count += IsPublicEvent(static_cast<EventType>(i));
  EXPECT_EQ(public_count, 3);
  EXPECT_FALSE(IsPublicEvent(EventType::kNote));
  EXPECT_FALSE(IsPublicEvent(EventType::kTransferred));
}

}  // namespace
}  // namespace kefu
