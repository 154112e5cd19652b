#include "service/demo_data.h"

#include <deque>
#include <map>

#include "core/ticket_rules.h"
#include "service/after_sales_service.h"
#include "service/auth_service.h"
#include "service/compensation_service.h"
#include "service/customer_service.h"
#include "service/knowledge_service.h"
#include "service/config_service.h"
#include "service/logistics_service.h"
#include "service/text_service.h"
#include "service/ticket_service.h"

namespace kefu {
namespace {

using nlohmann::json;

constexpr int64_t kHourMs = 3600 * 1000;
const Actor kSystem{"system", Role::kAdmin, ""};

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

std::optional<Timestamp> HoursAgo(const json& j, const char* key, Timestamp now) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return Timestamp{now.unix_ms - it->get<int64_t>() * kHourMs};
}

// The shortest chain of legal transitions from `from` to `to`.
std::vector<TicketStatus> PathTo(TicketStatus from, TicketStatus to) {
  std::map<TicketStatus, TicketStatus> prev;
  std::deque<TicketStatus> q{from};
  prev[from] = from;
  while (!q.empty()) {
    TicketStatus s = q.front();
    q.pop_front();
    if (s == to) break;
    for (int i = 0; i <= static_cast<int>(TicketStatus::kClosed); ++i) {
      auto n = static_cast<TicketStatus>(i);
      if (IsLegalTransition(s, n) && !prev.count(n)) {
        prev[n] = s;
        q.push_back(n);
      }
    }
  }
  std::vector<TicketStatus> path;
  if (!prev.count(to)) return path;
  for (TicketStatus s = to; s != from; s = prev[s]) path.insert(path.begin(), s);
  return path;
}

// A carrier update of the demo's shipment `s`.
CarrierUpdate Update(const Shipment& s, int n, Timestamp at, ShipmentStatus status,
                     LogisticsException ex, std::string description, std::string location) {
  CarrierUpdate u{s.carrier, s.tracking_number, {}};
  u.event.event_id = s.tracking_number + "-" + std::to_string(n);
  u.event.at = at;
  u.event.status = status;
  u.event.exception = ex;
  u.event.description = std::move(description);
  u.event.location = std::move(location);
  return u;
}

// Registers the order's parcel and replays its tracking history at the
// times it happened: collected when shipped, the demo's exceptions, then
// delivered.
Status LoadShipment(LogisticsService& logistics, FakeClock& at, const Order& o, const json& j,
                    Timestamp now) {
  if (!o.shipped_at || o.carrier.empty() || o.tracking_number.empty()) return OkStatus();
  at.Advance(o.shipped_at->unix_ms - at.Now().unix_ms);
  KEFU_ASSIGN_OR_RETURN(Shipment s, logistics.Create(kSystem, o.id, o.carrier, o.tracking_number));
  std::vector<CarrierUpdate> updates;
  updates.push_back(Update(s, 1, *o.shipped_at, ShipmentStatus::kInTransit, LogisticsException::kNone,
                           "快件已揽收", ""));
  for (const auto& e : j.value("tracking", json::array())) {
    updates.push_back(Update(s, static_cast<int>(updates.size()) + 1, *HoursAgo(e, "hours_ago", now),
                             ParseShipmentStatus(Str(e, "status")).value_or(ShipmentStatus::kInTransit),
                             ParseLogisticsException(Str(e, "exception")).value_or(LogisticsException::kNone),
                             Str(e, "description"), Str(e, "location")));
  }
  if (o.delivered_at) {
    updates.push_back(Update(s, static_cast<int>(updates.size()) + 1, *o.delivered_at,
                             ShipmentStatus::kDelivered, LogisticsException::kNone, "已签收", ""));
  }
  for (const auto& u : updates) {
    at.Advance(u.event.at.unix_ms - at.Now().unix_ms);
    KEFU_RETURN_IF_ERROR(logistics.ApplyCarrierUpdate(u).status());
  }
  return OkStatus();
}

// What the demo does on its tickets besides messages: after-sales requests
// and compensation, a minute apart as each ticket's story goes on.
struct DemoExtras {
  AfterSalesService& after_sales;
  CompensationService& compensations;
  FakeClock& at;
  const std::map<std::string, Role>& staff;
  DemoSummary& sum;
};

Status LoadExtras(DemoExtras& x, const json& demo, const std::string& ref, const std::string& id,
                  const Actor& customer) {
  auto actor_of = [&](const std::string& login) {
    return login == "customer" ? customer : Actor{login, x.staff.at(login), ""};
  };
  for (const auto& r : demo.value("after_sales", json::array())) {
    if (Str(r, "ticket") != ref) continue;
    AfterSalesDraft d;
    d.line = r.at("line").get<int>();
    d.quantity = r.value("quantity", int64_t{1});
    d.kind = ParseAfterSalesKind(Str(r, "kind")).value_or(AfterSalesKind::kReturnRefund);
    d.reason = ParseAfterSalesReason(Str(r, "reason")).value_or(AfterSalesReason::kNoReason);
    d.note = Str(r, "note");
    x.at.Advance(60'000);
    KEFU_ASSIGN_OR_RETURN(AfterSalesRequest req, x.after_sales.Open(actor_of(Str(r, "by")), id, d));
    for (const auto& m : r.value("moves", json::array())) {
      x.at.Advance(60'000);
      AfterSalesMove mv;
      mv.to = ParseAfterSalesStatus(m.at(0).get<std::string>()).value_or(AfterSalesStatus::kApproved);
      mv.reason = m.at(2).get<std::string>();
      if (m.size() > 3) mv.return_tracking = m.at(3).get<std::string>();
      KEFU_ASSIGN_OR_RETURN(req, x.after_sales.Move(actor_of(m.at(1).get<std::string>()), req.id,
                                                    mv, std::nullopt));
    }
    // A refusal the team asks an exception for: ["who", "why"].
    if (r.contains("exception")) {
      x.at.Advance(60'000);
      const json& e = r.at("exception");
      KEFU_ASSIGN_OR_RETURN(req, x.after_sales.AskException(actor_of(e.at(0).get<std::string>()),
                                                            req.id, e.at(1).get<std::string>()));
    }
    ++x.sum.after_sales;
  }
  for (const auto& c : demo.value("compensations", json::array())) {
    if (Str(c, "ticket") != ref) continue;
    CompensationDraft d{ParseCompensationKind(Str(c, "kind")).value_or(CompensationKind::kCoupon),
                        c.at("amount_fen").get<int64_t>(), Str(c, "reason")};
    x.at.Advance(60'000);
    KEFU_ASSIGN_OR_RETURN(Compensation out, x.compensations.Request(actor_of(Str(c, "by")), id, d));
    if (c.contains("approve")) {
      x.at.Advance(60'000);
      const json& ap = c.at("approve");
      KEFU_RETURN_IF_ERROR(x.compensations
                               .Approve(actor_of(ap.at(0).get<std::string>()), out.id,
                                        ap.at(1).get<std::string>())
                               .status());
    }
    ++x.sum.compensations;
  }
  return OkStatus();
}

}  // namespace

StatusOr<DemoSummary> LoadDemoData(Store& store, Clock& clock, const json& demo) {
  DemoSummary sum;
  {
    KEFU_ASSIGN_OR_RETURN(auto txn, store.Begin(TxnMode::kRead));
    if (store.GetUserByLogin(*txn, "admin").ok()) {
      sum.already_loaded = true;
      return sum;
    }
  }
  const Timestamp now = clock.Now();
  FakeClock at(now);  // moves through each ticket's history
  AuthService auth(store, clock);
  CustomerService customers(store, at);
  ConfigService config(store, clock);
  SlaService sla(store, config, at);
  // Customers' threats in the demo's stories (12315, 差評) flag their tickets.
  KEFU_ASSIGN_OR_RETURN(std::unique_ptr<TextService> text, TextService::Create());
  TicketService tickets(store, at, TicketServiceDeps{&config, &sla, {}, text.get()});
  LogisticsService logistics(store, at, config, &sla);
  AfterSalesService after_sales(store, at, config);
  CompensationService compensations(store, at, config);

  std::map<std::string, std::string> customer_ids, order_ids;  // ref -> id
  std::map<std::string, Role> staff;                           // login -> role
  std::map<std::string, std::string> customer_logins;          // customer id -> login
  for (const auto& c : demo.at("customers")) {
    Customer in{"", Str(c, "name"), Str(c, "phone"), Str(c, "email"),
                ParseTier(Str(c, "tier")).value_or(Tier::kNormal), {}, {}};
    KEFU_ASSIGN_OR_RETURN(Customer out, customers.Create(kSystem, in));
    customer_ids[Str(c, "ref")] = out.id;
    ++sum.customers;
  }
  for (const auto& u : demo.at("users")) {
    NewUser n{Str(u, "login"), Str(u, "password"), ParseRole(Str(u, "role")).value_or(Role::kAgent),
              Str(u, "display_name"), ""};
    if (n.role == Role::kCustomer) n.customer_id = customer_ids.at(Str(u, "customer"));
    KEFU_RETURN_IF_ERROR(auth.AddUser(n, kSystem).status());
    if (n.role != Role::kCustomer) staff[n.login] = n.role;
    if (n.role == Role::kCustomer) customer_logins[n.customer_id] = n.login;
    sum.logins.emplace_back(n.login, std::string(ToString(n.role)));
    sum.password = n.password;
    ++sum.users;
  }
  // Teams, calendars, the SLA policy, agent profiles and the reply library;
  // the demo's agents start online except one who is away.
  KEFU_RETURN_IF_ERROR(config.ApplyBundle(kSystem, json::parse(EmbeddedDemoConfigJson())));
  {
    KEFU_ASSIGN_OR_RETURN(auto txn, store.Begin(TxnMode::kWrite));
    for (const auto& [login, presence] : {std::pair{"li.na", Presence::kOnline},
                                          {"zhao.lei", Presence::kOnline},
                                          {"chen.jie", Presence::kOnline},
                                          {"sun.li", Presence::kAway}}) {
      KEFU_RETURN_IF_ERROR(store.SetPresence(*txn, login, presence, now));
    }
    KEFU_RETURN_IF_ERROR(txn->Commit());
  }
  for (const auto& o : demo.at("orders")) {
    Order in;
    in.customer_id = customer_ids.at(Str(o, "customer"));
    for (const auto& it : o.at("items")) {
      in.items.push_back(OrderItem{Str(it, "sku"), Str(it, "name"), it.at("quantity").get<int64_t>(),
                                   it.at("price_fen").get<int64_t>(), Str(it, "category"),
                                   it.value("non_returnable", false),
                                   it.value("non_returnable_ground", ""),
                                   it.value("disclosed_defect", ""), it.value("gift_of", 0),
                                   it.value("gift_value_fen", int64_t{0})});
    }
    // 满减 spread over the lines by CreateOrder; 满X包邮.
    in.discount_fen = o.value("discount_fen", int64_t{0});
    in.free_shipping_threshold_fen = o.value("free_shipping_threshold_fen", int64_t{0});
    in.shipping_waived_fen = o.value("shipping_waived_fen", int64_t{0});
    in.shipping_fee_fen = o.value("shipping_fee_fen", int64_t{0});
    in.paid_at = HoursAgo(o, "paid_hours_ago", now);
    in.shipped_at = HoursAgo(o, "shipped_hours_ago", now);
    in.delivered_at = HoursAgo(o, "delivered_hours_ago", now);
    in.carrier = Str(o, "carrier");
    in.tracking_number = Str(o, "tracking_number");
    if (!Str(o, "market").empty()) in.market = Str(o, "market");
    // Placed a little before it was paid (or now, if unpaid).
    at.Advance(in.paid_at.value_or(now).unix_ms - 600'000 - at.Now().unix_ms);
    KEFU_ASSIGN_OR_RETURN(Order out, customers.CreateOrder(kSystem, in));
    order_ids[Str(o, "ref")] = out.id;
    ++sum.orders;
    KEFU_RETURN_IF_ERROR(LoadShipment(logistics, at, out, o, now));
    sum.shipments += out.shipped_at && !out.tracking_number.empty() ? 1 : 0;
  }
  // The help centre's articles, written by the team lead.
  KnowledgeService knowledge(store, at);
  for (const auto& a : demo.value("articles", json::array())) {
    ArticleInput in{Str(a, "title"), Str(a, "body"), Str(a, "category"),
                    a.value("tags", std::vector<std::string>{}), a.value("published", false)};
    KEFU_RETURN_IF_ERROR(knowledge.Create(Actor{"chen.jie", Role::kLead, ""}, in).status());
    ++sum.articles;
  }
  KEFU_RETURN_IF_ERROR(LoadDemoTraining(store, clock));
  sum.papers = 2;
  // Oldest first, so that ticket numbers follow time.
  std::vector<json> ts(demo.at("tickets").begin(), demo.at("tickets").end());
  std::stable_sort(ts.begin(), ts.end(), [](const json& a, const json& b) {
    return a.at("created_hours_ago").get<int64_t>() > b.at("created_hours_ago").get<int64_t>();
  });
  DemoExtras extras{after_sales, compensations, at, staff, sum};
  for (const auto& t : ts) {
    Timestamp created = *HoursAgo(t, "created_hours_ago", now);
    at.Advance(created.unix_ms - at.Now().unix_ms);
    Actor customer{"", Role::kCustomer, customer_ids.at(Str(t, "customer"))};
    auto login = customer_logins.find(customer.customer_id);
    customer.login = login != customer_logins.end() ? login->second : "customer:" + customer.customer_id;
    NewTicket n;
    n.subject = Str(t, "subject");
    n.body = Str(t, "body");
    n.channel = ParseChannel(Str(t, "channel")).value_or(Channel::kWeb);
    n.customer_id = customer.customer_id;
    if (!Str(t, "order").empty()) n.order_id = order_ids.at(Str(t, "order"));
    n.category = Str(t, "category");
    n.priority = ParsePriority(Str(t, "priority")).value_or(Priority::kP3);
    n.tags = t.value("tags", std::vector<std::string>{});
    KEFU_ASSIGN_OR_RETURN(CreateTicketResult res, tickets.Create(customer, n, "", ""));
    std::string id = res.ticket.id;
    // Messages follow each other at a plausible pace, never in the future.
    int64_t step = std::max<int64_t>(60'000, (now.unix_ms - created.unix_ms) / 8);
    for (const auto& m : t.value("thread", json::array())) {
      at.Advance(step);
      std::string author = Str(m, "author");
      Actor a = author == "customer" ? customer : Actor{author, staff.at(author), ""};
      KEFU_RETURN_IF_ERROR(tickets.AddMessage(a, id, Str(m, "body"), m.value("internal", false)).status());
    }
    if (!Str(t, "ref").empty()) {
      KEFU_RETURN_IF_ERROR(LoadExtras(extras, demo, Str(t, "ref"), id, customer));
    }
    KEFU_ASSIGN_OR_RETURN(Ticket cur, tickets.Get(kSystem, id));
    auto target = ParseTicketStatus(Str(t, "status")).value_or(TicketStatus::kNew);
    Actor closer = cur.assignee.empty() ? Actor{"chen.jie", Role::kLead, ""}
                                        : Actor{cur.assignee, staff.at(cur.assignee), ""};
    for (TicketStatus s : PathTo(cur.status, target)) {
      at.Advance(step / 4);
      KEFU_RETURN_IF_ERROR(tickets.Transition(closer, id, s, "").status());
    }
    if (t.contains("rating")) {
      at.Advance(step / 4);
      const json& r = t["rating"];
      KEFU_RETURN_IF_ERROR(
          tickets.Rate(customer, id, r.value("score", 5), r.value("comment", std::string())).status());
    }
    ++sum.tickets;
  }
  return sum;
}

}  // namespace kefu
