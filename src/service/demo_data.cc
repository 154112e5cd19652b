#include "service/demo_data.h"

#include <deque>
#include <map>

#include "core/ticket_rules.h"
#include "service/auth_service.h"
#include "service/customer_service.h"
#include "service/config_service.h"
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
  TicketService tickets(store, at, TicketServiceDeps{&config, &sla, {}});

  std::map<std::string, std::string> customer_ids, order_ids;  // ref -> id
  std::map<std::string, Role> staff;                           // login -> role
  std::map<std::string, std::string> customer_logins;          // customer id -> login
  for (const auto& c : demo.at("customers")) {
    Customer in{"", Str(c, "name"), Str(c, "phone"), Str(c, "email"),
                ParseTier(Str(c, "tier")).value_or(Tier::kNormal), {}};
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
                                   it.value("non_returnable", false)});
    }
    in.paid_at = HoursAgo(o, "paid_hours_ago", now);
    in.shipped_at = HoursAgo(o, "shipped_hours_ago", now);
    in.delivered_at = HoursAgo(o, "delivered_hours_ago", now);
    in.carrier = Str(o, "carrier");
    in.tracking_number = Str(o, "tracking_number");
    KEFU_ASSIGN_OR_RETURN(Order out, customers.CreateOrder(kSystem, in));
    order_ids[Str(o, "ref")] = out.id;
    ++sum.orders;
  }
  // Oldest first, so that ticket numbers follow time.
  std::vector<json> ts(demo.at("tickets").begin(), demo.at("tickets").end());
  std::stable_sort(ts.begin(), ts.end(), [](const json& a, const json& b) {
    return a.at("created_hours_ago").get<int64_t>() > b.at("created_hours_ago").get<int64_t>();
  });
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
    KEFU_ASSIGN_OR_RETURN(Ticket cur, tickets.Get(kSystem, id));
    auto target = ParseTicketStatus(Str(t, "status")).value_or(TicketStatus::kNew);
    Actor closer = cur.assignee.empty() ? Actor{"chen.jie", Role::kLead, ""}
                                        : Actor{cur.assignee, staff.at(cur.assignee), ""};
    for (TicketStatus s : PathTo(cur.status, target)) {
      at.Advance(step / 4);
      KEFU_RETURN_IF_ERROR(tickets.Transition(closer, id, s, "").status());
    }
    ++sum.tickets;
  }
  return sum;
}

}  // namespace kefu
