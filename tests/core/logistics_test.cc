// Shipments: tracking events in and out of order, exceptions, validation.
#include <gtest/gtest.h>

#include <string>

#include "core/logistics.h"

namespace kefu {
namespace {

using St = ShipmentStatus;
using Ex = LogisticsException;
constexpr int64_t kHourMs = 3600'000;
const Timestamp kCreated{1'795'000'000'000};

Timestamp Hour(int h) { return Timestamp{kCreated.unix_ms + h * kHourMs}; }

Shipment NewShipment() {
  Shipment s;
  s.id = "S-000001";
  s.order_id = "O-000001";
  s.carrier = "SF";
  s.tracking_number = "SF1234567890";
  s.created_at = kCreated;
  s.updated_at = kCreated;
  s.version = 1;
  return s;
}

TrackingEvent Event(const std::string& id, int hour, St status, Ex exception = Ex::kNone) {
  TrackingEvent e;
  e.event_id = id;
  e.at = Hour(hour);
  e.status = status;
  e.exception = exception;
  e.description = "快件已到达【深圳转运中心】";
  e.location = "深圳";
  return e;
}

TEST(LogisticsTest, NamesRoundTrip) {
  for (St s : {St::kCreated, St::kInTransit, St::kOutForDelivery, St::kDelivered, St::kException}) {
    EXPECT_EQ(ParseShipmentStatus(ToString(s)), s);
  }
  for (Ex e : {Ex::kNone, Ex::kDelayed, Ex::kDamaged, Ex::kLost, Ex::kReturnedToSender,
               Ex::kCustomsHold, Ex::kAddressProblem}) {
    EXPECT_EQ(ParseLogisticsException(ToString(e)), e);
  }
  EXPECT_EQ(ToString(St::kOutForDelivery), "out_for_delivery");
  EXPECT_EQ(ToString(Ex::kReturnedToSender), "returned_to_sender");
  EXPECT_FALSE(ParseShipmentStatus("lost").has_value());
}

TEST(LogisticsTest, ChineseLabels) {
  EXPECT_EQ(ExceptionLabelZh(Ex::kNone), "");
  EXPECT_EQ(ExceptionLabelZh(Ex::kDelayed), "运输延误");
  EXPECT_EQ(ExceptionLabelZh(Ex::kDamaged), "运输破损");
  EXPECT_EQ(ExceptionLabelZh(Ex::kLost), "丢件");
  EXPECT_EQ(ExceptionLabelZh(Ex::kReturnedToSender), "退回发件人");
  EXPECT_EQ(ExceptionLabelZh(Ex::kCustomsHold), "海关扣留");
  EXPECT_EQ(ExceptionLabelZh(Ex::kAddressProblem), "地址问题");
}

TEST(LogisticsTest, ValidEventsPass) {
  EXPECT_TRUE(ValidateTrackingEvent(Event("e1", 1, St::kInTransit)).ok());
  EXPECT_TRUE(ValidateTrackingEvent(Event("e2", 1, St::kException, Ex::kLost)).ok());
  TrackingEvent e = Event("e3", 1, St::kDelivered);
  e.description = std::string(500, 'a');
  e.location = "";
  EXPECT_TRUE(ValidateTrackingEvent(e).ok());
  // 500 Chinese characters are 1500 bytes but 500 code points.
  std::string zh;
  for (int i = 0; i < 500; ++i) zh += "货";
  e.description = zh;
  e.location = zh;
  EXPECT_TRUE(ValidateTrackingEvent(e).ok());
}

TEST(LogisticsTest, InvalidEventsAreRefused) {
  std::string long_zh;
  for (int i = 0; i < 501; ++i) long_zh += "货";
  TrackingEvent no_id = Event("", 1, St::kInTransit);
  TrackingEvent exception_without_status = Event("e1", 1, St::kInTransit, Ex::kDelayed);
  TrackingEvent status_without_exception = Event("e2", 1, St::kException, Ex::kNone);
  TrackingEvent long_description = Event("e3", 1, St::kInTransit);
  long_description.description = long_zh;
  TrackingEvent long_location = Event("e4", 1, St::kInTransit);
  long_location.location = std::string(501, 'x');
  TrackingEvent bad_utf8 = Event("e5", 1, St::kInTransit);
  bad_utf8.description = "\xff";
  for (const TrackingEvent& e : {no_id, exception_without_status, status_without_exception,
                                 long_description, long_location, bad_utf8}) {
    SCOPED_TRACE(e.event_id);
    Status s = ValidateTrackingEvent(e);
    EXPECT_EQ(s.code(), StatusCode::kValidation);
    EXPECT_EQ(s.reason(), "bad_event");
  }
}

TEST(LogisticsTest, InOrderEventsMoveTheShipment) {
  Shipment s = NewShipment();
  const Timestamp now = Hour(100);

  ShipmentChange c = ApplyTrackingEvent(s, Event("e1", 1, St::kInTransit), now);
  EXPECT_TRUE(c.changed);
  EXPECT_FALSE(c.delivered);
  EXPECT_FALSE(c.lost);
  EXPECT_EQ(c.shipment.status, St::kInTransit);
  EXPECT_EQ(c.shipment.last_event_at, Hour(1));
  EXPECT_EQ(c.shipment.updated_at, now);
  EXPECT_EQ(c.shipment.version, 2);

  // Another in-transit scan: newer, but nothing changes in status.
  c = ApplyTrackingEvent(c.shipment, Event("e2", 2, St::kInTransit), now);
  EXPECT_FALSE(c.changed);
  EXPECT_EQ(c.shipment.last_event_at, Hour(2));

  c = ApplyTrackingEvent(c.shipment, Event("e3", 3, St::kOutForDelivery), now);
  EXPECT_TRUE(c.changed);
  EXPECT_EQ(c.shipment.status, St::kOutForDelivery);

  c = ApplyTrackingEvent(c.shipment, Event("e4", 4, St::kDelivered), now);
  EXPECT_TRUE(c.changed);
  EXPECT_TRUE(c.delivered);
  EXPECT_EQ(c.shipment.status, St::kDelivered);
  EXPECT_EQ(c.shipment.delivered_at, Hour(4));
  EXPECT_EQ(c.shipment.exception, Ex::kNone);
}

TEST(LogisticsTest, AnEventAtTheSameInstantAsTheNewestStillApplies) {
  ShipmentChange c = ApplyTrackingEvent(NewShipment(), Event("e1", 5, St::kInTransit), Hour(9));
  c = ApplyTrackingEvent(c.shipment, Event("e2", 5, St::kOutForDelivery), Hour(9));
  EXPECT_TRUE(c.changed);
  EXPECT_EQ(c.shipment.status, St::kOutForDelivery);
}

TEST(LogisticsTest, ALateEventIsHistoryOnly) {
  ShipmentChange c = ApplyTrackingEvent(NewShipment(), Event("e4", 4, St::kDelivered), Hour(5));
  ASSERT_TRUE(c.delivered);
  const Shipment delivered = c.shipment;

  // The out-for-delivery scan from hour 3 arrives after the delivery.
  c = ApplyTrackingEvent(delivered, Event("e3", 3, St::kOutForDelivery), Hour(6));
  EXPECT_FALSE(c.changed);
  EXPECT_FALSE(c.delivered);
  EXPECT_FALSE(c.lost);
  EXPECT_EQ(c.shipment.status, St::kDelivered);
  EXPECT_EQ(c.shipment.last_event_at, Hour(4));
  EXPECT_EQ(c.shipment.delivered_at, Hour(4));
  EXPECT_EQ(c.shipment.version, delivered.version);
  EXPECT_EQ(c.shipment.updated_at, Hour(6));

  // A late loss report does not mark it lost.
  c = ApplyTrackingEvent(delivered, Event("e2", 2, St::kException, Ex::kLost), Hour(6));
  EXPECT_FALSE(c.changed);
  EXPECT_FALSE(c.lost);
  EXPECT_EQ(c.shipment.exception, Ex::kNone);
}

TEST(LogisticsTest, DeliveredIsReportedOnlyOnEntry) {
  ShipmentChange c = ApplyTrackingEvent(NewShipment(), Event("e1", 1, St::kDelivered), Hour(9));
  EXPECT_TRUE(c.delivered);
  c = ApplyTrackingEvent(c.shipment, Event("e2", 2, St::kDelivered), Hour(9));
  EXPECT_FALSE(c.delivered);
  EXPECT_FALSE(c.changed);
  EXPECT_EQ(c.shipment.delivered_at, Hour(1));  // the first delivery scan counts
}

TEST(LogisticsTest, LostIsReportedOnlyOnEntry) {
  ShipmentChange c = ApplyTrackingEvent(NewShipment(), Event("e1", 1, St::kInTransit), Hour(9));
  c = ApplyTrackingEvent(c.shipment, Event("e2", 2, St::kException, Ex::kDelayed), Hour(9));
  EXPECT_TRUE(c.changed);
  EXPECT_FALSE(c.lost);
  EXPECT_EQ(c.shipment.status, St::kException);
  EXPECT_EQ(c.shipment.exception, Ex::kDelayed);

  // delayed -> lost: same status, another exception.
  c = ApplyTrackingEvent(c.shipment, Event("e3", 3, St::kException, Ex::kLost), Hour(9));
  EXPECT_TRUE(c.changed);
  EXPECT_TRUE(c.lost);
  EXPECT_EQ(c.shipment.exception, Ex::kLost);

  c = ApplyTrackingEvent(c.shipment, Event("e4", 4, St::kException, Ex::kLost), Hour(9));
  EXPECT_FALSE(c.changed);
  EXPECT_FALSE(c.lost);
}

TEST(LogisticsTest, ALaterNormalEventClearsTheException) {
  ShipmentChange c =
      ApplyTrackingEvent(NewShipment(), Event("e1", 1, St::kException, Ex::kCustomsHold), Hour(9));
  EXPECT_EQ(c.shipment.exception, Ex::kCustomsHold);
  c = ApplyTrackingEvent(c.shipment, Event("e2", 2, St::kInTransit), Hour(9));
  EXPECT_TRUE(c.changed);
  EXPECT_EQ(c.shipment.status, St::kInTransit);
  EXPECT_EQ(c.shipment.exception, Ex::kNone);

  // Found after being reported lost, then delivered: the delivery is news.
  c = ApplyTrackingEvent(c.shipment, Event("e3", 3, St::kException, Ex::kLost), Hour(9));
  EXPECT_TRUE(c.lost);
  c = ApplyTrackingEvent(c.shipment, Event("e4", 4, St::kDelivered), Hour(9));
  EXPECT_TRUE(c.delivered);
  EXPECT_FALSE(c.lost);
  EXPECT_EQ(c.shipment.exception, Ex::kNone);
}

}  // namespace
}  // namespace kefu
