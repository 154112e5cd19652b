// Plain domain records. No behaviour here; rules live in ticket_rules.h,
// access.h and validation.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "core/enums.h"

namespace kefu {

// Ids are opaque strings: a kind prefix and a zero-padded sequence number,
// e.g. "T-000123" (tickets), "C-000007" (customers), "O-000042" (orders).
std::string FormatId(char kind, int64_t seq);
// Returns the sequence number of `id` if it has the given kind, else nullopt.
std::optional<int64_t> ParseId(char kind, std::string_view id);

// A date that matters to the customer (a birthday, an anniversary):
// "YYYY-MM-DD", or "MM-DD" for every year.
struct ImportantDate {
  std::string label;
  std::string date;
};

// What the team keeps on a customer (staff only; never shown to the
// customer): free notes, preferences (how they like to be reached, sizes),
// important dates.
struct CustomerProfile {
  std::string notes;
  std::string preferences;
  std::vector<ImportantDate> dates;
};

struct Customer {
  std::string id;
  std::string name;
  std::string phone;  // may be empty
  std::string email;  // may be empty
  Tier tier = Tier::kNormal;
  Timestamp created_at;
  CustomerProfile profile;
};

struct OrderItem {
  std::string sku;
  std::string name;
  int64_t quantity = 1;
  int64_t price_fen = 0;  // unit price in fen (1/100 yuan)
  // Goods category for the after-sales policy (e.g. "phones", "fresh_food");
  // empty: the policy's defaults.
  std::string category;
  // The buyer confirmed at purchase that the item cannot be returned
  // without a reason (CRPL Art. 25, last paragraph).
  bool non_returnable = false;
  // Why (Interim Measures Art. 7): "health_or_quality_once_unsealed",
  // "value_lost_once_activated", "declared_discount_or_flaw"; "" = none
  // given, and then the confirmation excludes nothing.
  std::string non_returnable_ground;
  // A defect disclosed at sale (CRPL Art. 23): not a fault later; "" = none.
  std::string disclosed_defect;
  // A gift (赠品) that came with line `gift_of` (1-based; 0 = not a gift).
  // A gift line's price_fen is 0; gift_value_fen is the price disclosed for
  // one unit of it (事先标明的赠品价格), deducted when it is not returned.
  int gift_of = 0;
  int64_t gift_value_fen = 0;
  // The line's share of the order's discounts (满减, coupons) for the whole
  // line: the line cost quantity * price_fen - discount_fen (order_money.h).
  int64_t discount_fen = 0;
};

struct Order {
  std::string id;
  std::string customer_id;
  std::vector<OrderItem> items;
  std::optional<Timestamp> paid_at;
  std::optional<Timestamp> shipped_at;
  std::optional<Timestamp> delivered_at;
  std::string carrier;          // may be empty
  std::string tracking_number;  // may be empty
  std::string market = "cn";    // "cn" (domestic) or a cross-border market of the policy
  Timestamp created_at;
  int64_t discount_fen = 0;      // order-level discounts, spread over the lines' discount_fen
  int64_t shipping_fee_fen = 0;  // shipping charged to the buyer
  // 满X包邮: goods paid for at least this much ship free (0 = no such
  // promise); shipping_waived_fen is the fee the promise waived.
  int64_t free_shipping_threshold_fen = 0;
  int64_t shipping_waived_fen = 0;

  // What the buyer was charged: the lines after discounts plus shipping.
  int64_t TotalFen() const;
};

// "123.45": an amount in fen as yuan (no sign for negative amounts' fen part).
std::string FormatYuan(int64_t fen);

// How far an order has got, derived from its dates.
enum class OrderStatus { kPendingPayment, kPaid, kShipped, kDelivered };
std::string_view ToString(OrderStatus s);
OrderStatus StatusOf(const Order& o);

// A message for one user (the console's inbox): a lead told of a pending
// approval, an owner told that a parcel was delivered or lost, an assignee
// reminded to chase a carrier.
struct Notification {
  int64_t seq = 0;  // assigned by the store
  std::string login;
  std::string ticket_id;  // may be empty
  std::string kind;       // e.g. "shipment_delivered", "approval_pending"
  std::string body;
  Timestamp at;
  std::optional<Timestamp> read_at;  // nullopt: unread
};

// A person who can sign in. Customers are linked to their Customer record.
struct User {
  int64_t id = 0;
  std::string login;
  std::string display_name;
  Role role = Role::kAgent;
  std::string customer_id;  // set iff role == kCustomer
  bool active = true;
};

// Who is acting: the authenticated principal of a request or a CLI command.
struct Actor {
  std::string login;
  Role role = Role::kAgent;
  std::string customer_id;  // set iff role == kCustomer
};

struct Ticket {
  std::string id;
  std::string subject;
  Channel channel = Channel::kWeb;
  std::string customer_id;
  std::string order_id;  // empty: not about a particular order
  std::string category;  // empty: not yet triaged
  Priority priority = Priority::kP3;
  TicketStatus status = TicketStatus::kNew;
  std::string team;      // queue (a team name); empty: not yet routed to a team
  std::string language = "zh";  // "zh" or "en": routes to agents with the language skill
  bool threat = false;   // the customer threatens to escalate (12315, media, lawyers...)
  ThreatLevel threat_level = ThreatLevel::kNone;  // kNone exactly when !threat
  std::string sentiment;  // the customer's tone: "negative" | "neutral" | "positive"; empty: not analysed
  std::string assignee;  // login of the agent working on it; empty: queued
  std::string owner;     // first agent to reply publicly (首问负责人); never changes
  std::vector<std::string> tags;  // sorted, unique
  // Staff logins following the ticket (core/watchers.h); sorted, unique.
  std::vector<std::string> watchers;
  Timestamp created_at;
  Timestamp updated_at;
  std::optional<Timestamp> first_response_at;
  std::optional<Timestamp> resolved_at;
  std::optional<Timestamp> closed_at;
  int64_t version = 0;  // +1 on every change; used for optimistic concurrency
};

// A knowledge-base article (help centre, FAQ bot). Ids "K-000001".
struct Article {
  std::string id;
  std::string title;
  std::string body;
  std::string category;            // a ticket category code, or empty
  std::vector<std::string> tags;   // sorted, unique
  bool published = false;          // customers and the bot see only published articles
  std::string author;
  Timestamp created_at;
  Timestamp updated_at;
  int64_t version = 0;
};

enum class EventType {
  kCreated,          // to: the subject; body; added: the initial tags
  kReply,            // public message; data: body
  kNote,             // internal note; data: body
  kStatusChanged,    // data: from, to, reason
  kAssigned,         // first assignee; data: to, reason
  kTransferred,      // assignee changed; data: from, to, reason
  kOwnerSet,         // first-contact owner fixed; data: to
  kTagsChanged,      // data: added, removed
  kPriorityChanged,  // data: from, to
  kCategoryChanged,  // data: from, to
  kTeamChanged,      // moved to another queue; data: from, to, reason
  kThreatChanged,    // data: from, to (threat levels: "none", "review", "public", "legal")
  kSlaWarning,       // an SLA clock used its warning share; data: from (metric), to (due, ISO 8601)
  kSlaBreached,      // an SLA clock passed its target; data: from (metric), to (due, ISO 8601)
  kEscalated,        // data: from (what fired), to (the lead or queue), reason (rule or cause)
  kAfterSales,       // an after-sales request moved; data: body (request id), from, to, reason
  kCompensation,     // compensation requested/decided; data: body (id), from, to, reason
  kShipment,         // a linked shipment changed; data: body (shipment id), to (status), reason
  kReminder,         // a follow-up is due; data: from (what), to (who is reminded), reason
  kRated,            // the customer rated the service; data: to (score 1-5), body (comment)
  kBotReply,         // the FAQ bot's words to the customer (public); data: body, reason (answer or handoff)
  kWatchersChanged,  // data: added, removed (logins)
};

std::string_view ToString(EventType t);
std::optional<EventType> ParseEventType(std::string_view s);

// True for events a customer may see on their own ticket.
bool IsPublicEvent(EventType t);

// One entry of a ticket's append-only history.
struct TicketEvent {
  int64_t seq = 0;  // assigned by the store, increasing
  std::string ticket_id;
  EventType type = EventType::kCreated;
  std::string actor;  // login of the user, or "import" for bulk-imported tickets
  Role actor_role = Role::kAgent;  // the actor's role when acting
  Timestamp at;
  std::string body;
  std::string from;
  std::string to;
  std::string reason;
  std::vector<std::string> added;    // tags added (kCreated: all tags)
  std::vector<std::string> removed;  // tags removed
};

}  // namespace kefu
