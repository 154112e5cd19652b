// The authorisation matrix of the after-sales API, asserted cell by cell:
// roles (customer, agent, lead, manager, admin) x endpoints x object. The
// expectations are written out as tables from the rules in core/access.h
// (who sees which ticket), core/after_sales.h (customers may only cancel
// their own request while it is requested), core/compensation.h (approval
// limits), service/{after_sales,compensation,logistics,customer}_service.h
// and docs/after-sales.md: what an actor may not see is 404 (never 403),
// what they see but may not do is 403.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/api_world.h"
#include "common/time.h"

namespace kefu::testing {
namespace {

constexpr Who kActors[] = {Who::kCust1, Who::kAgentA, Who::kLead, Who::kManager, Who::kAdmin};
constexpr const char* kActorNames[] = {"customer", "agent", "lead", "manager", "admin"};

// What a cell expects: a status and, for a refusal, the error code.
struct Want {
  int status;        // 0: the cell does not apply
  const char* code;  // "" for a success
};
constexpr Want k200{200, ""};
constexpr Want k201{201, ""};
constexpr Want k403{403, "forbidden"};
constexpr Want k404{404, "not_found"};
constexpr Want kLimit{403, "approval_limit"};  // beyond the approver's limit
constexpr Want kBadSig{401, "bad_signature"};  // the carrier webhook without a signature
constexpr Want kSkip{0, ""};

Json Must(const HttpResult& r, int status, const std::string& what) {
  if (r.status != status) {
    throw std::runtime_error(what + ": expected " + std::to_string(status) + ", got " +
                             Describe(r));
  }
  return r.body;
}

// `hours` hours ago, as the API writes times.
std::string HoursAgo(int hours) {
  Timestamp now = SystemClock().Now();
  return FormatIso8601(Timestamp{now.unix_ms - int64_t{hours} * 3'600'000});
}

// Ticket objects, relative to the customer actor (cust.one) and the agent
// actor (agent.a). Each is about a fresh order of its customer, paid, shipped
// and delivered a day ago (one line, within the 7-day no-reason window).
enum Obj { kMine, kQueue, kForeign };
constexpr const char* kObjNames[] = {"mine (cust.one's, owned and assigned to agent.a)",
                                     "queue (cust.one's, unassigned)",
                                     "foreign (cust.two's, owned and assigned to agent.b)"};

Who CustomerOf(Obj o) { return o == kForeign ? Who::kCust2 : Who::kCust1; }

struct TicketOfOrder {
  std::string ticket, order;
};

std::string DeliveredOrder(ApiWorld& w, Who customer) {
  Json item = {{"sku", "MUG-01"}, {"name", "马克杯"}, {"quantity", 1}, {"price_fen", 9900}};
  return w.NewOrder({{"customer", w.CustomerId(customer)},
                     {"items", Json::array({item})},
                     {"paid_at", HoursAgo(26)},
                     {"shipped_at", HoursAgo(25)},
                     {"delivered_at", HoursAgo(24)}})["id"];
}

TicketOfOrder MakeTicket(ApiWorld& w, Obj o) {
  TicketOfOrder t;
  t.order = DeliveredOrder(w, CustomerOf(o));
  Json body = {{"subject", "不想要了"}, {"body", "七天无理由退货"}, {"order", t.order}};
  t.ticket = w.CreateTicket(CustomerOf(o), body)["id"];
  if (o == kMine) w.Reply(Who::kAgentA, t.ticket);
  if (o == kForeign) w.Reply(Who::kAgentB, t.ticket);
  return t;
}

// A no-reason return of the ticket's order line: eligible (no_reason_return).
const Json kReturnDraft = {{"line", 1}, {"kind", "return_refund"}, {"reason", "no_reason"}};

std::string OpenRequest(ApiWorld& w, Who who, const std::string& ticket) {
  return Must(w.Post("/api/v1/tickets/" + ticket + "/after-sales", w.Token(who), kReturnDraft), 201,
              "open a request on " + ticket)["id"];
}

Json Coupon(int64_t fen) {
  return {{"kind", "coupon"}, {"amount_fen", fen}, {"reason", "物流太慢，补偿优惠券"}};
}

Json Compensate(ApiWorld& w, Who who, const std::string& ticket, int64_t fen) {
  return Must(w.Post("/api/v1/tickets/" + ticket + "/compensations", w.Token(who), Coupon(fen)),
              201, "compensation on " + ticket);
}

enum class TicketOp {
  kPreview,
  kOpen,
  kListOfTicket,
  kGetRequest,
  kMoveApproved,
  kMoveCancelled,
  kCompensate,
  kGetCompensation,
  kApproveCompensation,
};

struct TicketRow {
  TicketOp op;
  const char* name;
  Want expect[5][3];  // [actor][object]
};

// Rows: actors customer, agent, lead, manager, admin; columns: mine, queue, foreign.
// Requests are opened by the ticket's customer. The compensation read is a
// 1000-fen coupon the lead granted. The compensation approved is pending and
// someone else's: the lead's 60000-fen coupon (over the lead's ¥500 limit),
// or, for the lead, the ticket's agent's 6000-fen coupon (over the agent's
// ¥50, within the lead's ¥500). Agents (¥50) can approve neither.
// clang-format off
const TicketRow kTicketMatrix[] = {
    {TicketOp::kPreview, "POST /tickets/{id}/after-sales/preview",
     {{k200, k200, k404}, {k200, k200, k404}, {k200, k200, k200}, {k200, k200, k200}, {k200, k200, k200}}},
    {TicketOp::kOpen, "POST /tickets/{id}/after-sales (no_reason return_refund)",
     {{k201, k201, k404}, {k201, k201, k404}, {k201, k201, k201}, {k201, k201, k201}, {k201, k201, k201}}},
    {TicketOp::kListOfTicket, "GET /tickets/{id}/after-sales",
     {{k200, k200, k404}, {k200, k200, k404}, {k200, k200, k200}, {k200, k200, k200}, {k200, k200, k200}}},
    {TicketOp::kGetRequest, "GET /after-sales/{req}",
     {{k200, k200, k404}, {k200, k200, k404}, {k200, k200, k200}, {k200, k200, k200}, {k200, k200, k200}}},
    {TicketOp::kMoveApproved, "POST /after-sales/{req}/transitions {to: approved}",
     {{k403, k403, k404}, {k200, k200, k404}, {k200, k200, k200}, {k200, k200, k200}, {k200, k200, k200}}},
    {TicketOp::kMoveCancelled, "POST /after-sales/{req}/transitions {to: cancelled, reason}",
     {{k200, k200, k404}, {k200, k200, k404}, {k200, k200, k200}, {k200, k200, k200}, {k200, k200, k200}}},
    {TicketOp::kCompensate, "POST /tickets/{id}/compensations (1000-fen coupon)",
     {{k403, k403, k404}, {k201, k201, k404}, {k201, k201, k201}, {k201, k201, k201}, {k201, k201, k201}}},
    {TicketOp::kGetCompensation, "GET /compensations/{id}",
     {{k403, k403, k404}, {k200, k200, k404}, {k200, k200, k200}, {k200, k200, k200}, {k200, k200, k200}}},
    {TicketOp::kApproveCompensation, "POST /compensations/{id}/approve (someone else's, pending)",
     {{k403, k403, k404}, {kLimit, kLimit, k404}, {k200, k200, k200}, {k200, k200, k200}, {k200, k200, k200}}},
};
// clang-format on

// What one cell works on, made fresh.
struct Fixture {
  TicketOfOrder t;
  std::string request;       // an after-sales request on the ticket, or ""
  std::string compensation;  // a compensation on the ticket, or ""
};

Fixture Prepare(ApiWorld& w, TicketOp op, Who actor, Obj o) {
  Fixture f;
  f.t = MakeTicket(w, o);
  switch (op) {
    case TicketOp::kListOfTicket:
    case TicketOp::kGetRequest:
    case TicketOp::kMoveApproved:
    case TicketOp::kMoveCancelled:
      f.request = OpenRequest(w, CustomerOf(o), f.t.ticket);
      break;
    case TicketOp::kGetCompensation: {
      Json c = Compensate(w, Who::kLead, f.t.ticket, 1000);
      if (c["status"] != "approved") throw std::runtime_error("setup: " + c.dump());
      f.compensation = c["id"];
      break;
    }
    case TicketOp::kApproveCompensation: {
      Who agent = o == kForeign ? Who::kAgentB : Who::kAgentA;
      Json c = actor == Who::kLead ? Compensate(w, agent, f.t.ticket, 6000)
                                   : Compensate(w, Who::kLead, f.t.ticket, 60000);
      if (c["status"] != "pending_approval") throw std::runtime_error("setup: " + c.dump());
      f.compensation = c["id"];
      break;
    }
    default:
      break;
  }
  return f;
}

HttpResult Perform(ApiWorld& w, TicketOp op, Who actor, const Fixture& f) {
  const std::string& tok = w.Token(actor);
  const std::string ticket = "/api/v1/tickets/" + f.t.ticket;
  switch (op) {
    case TicketOp::kPreview:
      return w.Post(ticket + "/after-sales/preview", tok, kReturnDraft);
    case TicketOp::kOpen:
      return w.Post(ticket + "/after-sales", tok, kReturnDraft);
    case TicketOp::kListOfTicket:
      return w.Get(ticket + "/after-sales", tok);
    case TicketOp::kGetRequest:
      return w.Get("/api/v1/after-sales/" + f.request, tok);
    case TicketOp::kMoveApproved:
      return w.Post("/api/v1/after-sales/" + f.request + "/transitions", tok,
                    Json{{"to", "approved"}, {"reason", "质量问题属实"}});
    case TicketOp::kMoveCancelled:
      return w.Post("/api/v1/after-sales/" + f.request + "/transitions", tok,
                    Json{{"to", "cancelled"}, {"reason", "不想退了"}});
    case TicketOp::kCompensate:
      return w.Post(ticket + "/compensations", tok, Coupon(1000));
    case TicketOp::kGetCompensation:
      return w.Get("/api/v1/compensations/" + f.compensation, tok);
    case TicketOp::kApproveCompensation:
      return w.Post("/api/v1/compensations/" + f.compensation + "/approve", tok,
                    Json{{"note", "同意"}});
  }
  return {};
}

// The event type a successful write adds to the ticket ("" for reads).
std::string EventOf(TicketOp op) {
  switch (op) {
    case TicketOp::kOpen:
    case TicketOp::kMoveApproved:
    case TicketOp::kMoveCancelled:
      return "after_sales";
    case TicketOp::kCompensate:
    case TicketOp::kApproveCompensation:
      return "compensation";
    default:
      return "";
  }
}

// What a success answers, beyond its status.
void CheckSuccess(TicketOp op, const Fixture& f, const HttpResult& r) {
  const Json& b = r.body;
  switch (op) {
    case TicketOp::kPreview:
      EXPECT_EQ(b["eligible"], true) << r.text;
      EXPECT_EQ(b["rule"], "no_reason_return") << r.text;
      break;
    case TicketOp::kOpen:
      EXPECT_EQ(b["ticket"], f.t.ticket) << r.text;
      EXPECT_EQ(b["order"], f.t.order) << r.text;
      EXPECT_EQ(b["status"], "requested") << r.text;
      EXPECT_EQ(r.Header("Location"), "/api/v1/after-sales/" + b.value("id", "?"));
      break;
    case TicketOp::kListOfTicket:
      EXPECT_EQ(ItemIds(b), std::vector<std::string>{f.request}) << r.text;
      break;
    case TicketOp::kGetRequest:
      EXPECT_EQ(b["id"], f.request) << r.text;
      EXPECT_EQ(b["ticket"], f.t.ticket) << r.text;
      break;
    case TicketOp::kMoveApproved:
    case TicketOp::kMoveCancelled:
      EXPECT_EQ(b["id"], f.request) << r.text;
      EXPECT_EQ(b["status"], op == TicketOp::kMoveApproved ? "approved" : "cancelled") << r.text;
      break;
    case TicketOp::kCompensate:
      EXPECT_EQ(b["ticket"], f.t.ticket) << r.text;
      EXPECT_EQ(b["status"], "approved") << r.text;  // within every staff limit
      EXPECT_EQ(r.Header("Location"), "/api/v1/compensations/" + b.value("id", "?"));
      break;
    case TicketOp::kGetCompensation:
      EXPECT_EQ(b["id"], f.compensation) << r.text;
      EXPECT_EQ(b["ticket"], f.t.ticket) << r.text;
      break;
    case TicketOp::kApproveCompensation:
      EXPECT_EQ(b["id"], f.compensation) << r.text;
      EXPECT_EQ(b["status"], "approved") << r.text;
      break;
  }
}

TEST(ApiAfterSalesAuthzTest, TicketEndpointsMatrix) {
  ApiWorld w;
  int cells = 0;
  for (const TicketRow& row : kTicketMatrix) {
    for (int a = 0; a < 5; ++a) {
      for (int o = 0; o < 3; ++o) {
        const Want want = row.expect[a][o];
        if (want.status == 0) continue;
        ++cells;
        SCOPED_TRACE(std::string(row.name) + " | actor=" + kActorNames[a] +
                     " | object=" + kObjNames[o]);
        Fixture f = Prepare(w, row.op, kActors[a], static_cast<Obj>(o));
        const std::string& admin = w.Token(Who::kAdmin);
        Json ticket_before = w.GetTicket(Who::kAdmin, f.t.ticket);
        size_t events_before = w.Events(Who::kAdmin, f.t.ticket).size();
        Json request_before, compensation_before, snap_before;
        if (!f.request.empty()) {
          request_before = Must(w.Get("/api/v1/after-sales/" + f.request, admin), 200, "request");
        }
        if (!f.compensation.empty()) {
          compensation_before =
              Must(w.Get("/api/v1/compensations/" + f.compensation, admin), 200, "compensation");
        }
        if (want.status >= 400) snap_before = w.AfterSalesSnapshot();

        HttpResult r = Perform(w, row.op, kActors[a], f);

        std::vector<Json> events = w.Events(Who::kAdmin, f.t.ticket);
        if (want.status >= 400) {
          EXPECT_TRUE(IsError(r, want.status, want.code));
          // A refusal changes nothing.
          EXPECT_EQ(w.GetTicket(Who::kAdmin, f.t.ticket), ticket_before);
          EXPECT_EQ(events.size(), events_before);
          if (!f.request.empty()) {
            EXPECT_EQ(w.Get("/api/v1/after-sales/" + f.request, admin).body, request_before);
          }
          if (!f.compensation.empty()) {
            EXPECT_EQ(w.Get("/api/v1/compensations/" + f.compensation, admin).body,
                      compensation_before);
          }
          EXPECT_EQ(w.AfterSalesSnapshot(), snap_before) << "a refused request changed something";
          continue;
        }
        ASSERT_EQ(r.status, want.status) << Describe(r);
        CheckSuccess(row.op, f, r);
        std::string type = EventOf(row.op);
        if (type.empty()) {
          EXPECT_EQ(events.size(), events_before) << "a read wrote an event";
        } else {
          ASSERT_EQ(events.size(), events_before + 1);
          EXPECT_EQ(events.back()["type"], type) << events.back().dump();
          EXPECT_EQ(events.back()["actor"], w.Login(kActors[a])) << events.back().dump();
        }
      }
    }
  }
  EXPECT_EQ(cells, 9 * 5 * 3);
}

// Endpoints not about one ticket. Columns: the object belongs to cust.one
// ("own": their ticket, owned and assigned to agent.a, its order, request,
// compensation and shipment) or to cust.two ("other": the same, with
// agent.b); kSkip where the endpoint takes no object.
enum class ScopeOp {
  kOverview,
  kListAfterSales,
  kListCompensations,
  kBudget,
  kGetPolicy,
  kPutPolicy,
  kCreateShipment,
  kGetShipment,
  kOrderShipments,
  kNotifications,
  kWebhookWithToken,
};

struct ScopeRow {
  ScopeOp op;
  const char* name;
  Want expect[5][2];  // [actor][own, other]
};

// clang-format off
const ScopeRow kScopeMatrix[] = {
    {ScopeOp::kOverview, "GET /customers/{id}/overview",
     {{k403, k404}, {k200, k200}, {k200, k200}, {k200, k200}, {k200, k200}}},
    {ScopeOp::kListAfterSales, "GET /after-sales?customer=",
     {{k200, k200}, {k200, k200}, {k200, k200}, {k200, k200}, {k200, k200}}},
    {ScopeOp::kListCompensations, "GET /compensations?ticket=",
     {{k403, k403}, {k200, k200}, {k200, k200}, {k200, k200}, {k200, k200}}},
    {ScopeOp::kBudget, "GET /teams/{name}/budget",
     {{k403, kSkip}, {k200, kSkip}, {k200, kSkip}, {k200, kSkip}, {k200, kSkip}}},
    {ScopeOp::kGetPolicy, "GET /after-sales-policy",
     {{k403, kSkip}, {k200, kSkip}, {k200, kSkip}, {k200, kSkip}, {k200, kSkip}}},
    {ScopeOp::kPutPolicy, "PUT /after-sales-policy",
     {{k403, kSkip}, {k403, kSkip}, {k403, kSkip}, {k200, kSkip}, {k200, kSkip}}},
    {ScopeOp::kCreateShipment, "POST /shipments {order}",
     {{k403, k403}, {k201, k201}, {k201, k201}, {k201, k201}, {k201, k201}}},
    {ScopeOp::kGetShipment, "GET /shipments/{id}",
     {{k200, k404}, {k200, k200}, {k200, k200}, {k200, k200}, {k200, k200}}},
    {ScopeOp::kOrderShipments, "GET /orders/{id}/shipments",
     {{k200, k404}, {k200, k200}, {k200, k200}, {k200, k200}, {k200, k200}}},
    {ScopeOp::kNotifications, "GET /notifications",
     {{k200, kSkip}, {k200, kSkip}, {k200, kSkip}, {k200, kSkip}, {k200, kSkip}}},
    {ScopeOp::kWebhookWithToken, "POST /webhooks/carrier (bearer token, no signature)",
     {{kBadSig, kSkip}, {kBadSig, kSkip}, {kBadSig, kSkip}, {kBadSig, kSkip}, {kBadSig, kSkip}}},
};
// clang-format on

constexpr const char* kTeam = "after-sales";

// Whether `who` may see the ticket of column `o` (own: cust.one's, owned and
// assigned to agent.a; other: cust.two's, owned and assigned to agent.b).
bool Sees(Who who, int o) {
  if (who == Who::kCust1 || who == Who::kAgentA) return o == 0;
  return true;
}

TEST(ApiAfterSalesAuthzTest, CollectionEndpointsMatrix) {
  ApiWorld w;
  // A team (its lead is told of pending compensation); new tickets join it.
  w.Token(Who::kLead);
  Must(w.Raw("PUT", std::string("/api/v1/teams/") + kTeam, w.Token(Who::kManager),
             Json{{"display_name", "售后组"}, {"lead", w.Login(Who::kLead)}}.dump()),
       200, "create the team");
  const std::string customers[2] = {w.CustomerId(Who::kCust1), w.CustomerId(Who::kCust2)};
  const TicketOfOrder tickets[2] = {MakeTicket(w, kMine), MakeTicket(w, kForeign)};
  for (const auto& t : tickets) {
    ASSERT_EQ(w.GetTicket(Who::kAdmin, t.ticket)["team"], kTeam) << "the ticket joined no team";
  }
  const std::string requests[2] = {OpenRequest(w, Who::kCust1, tickets[0].ticket),
                                   OpenRequest(w, Who::kCust2, tickets[1].ticket)};
  // agent.a's 6000-fen coupon waits (the lead is told), the manager approves
  // it (agent.a is told); agent.b's 1000-fen coupon is approved at once.
  Json pending = Compensate(w, Who::kAgentA, tickets[0].ticket, 6000);
  ASSERT_EQ(pending["status"], "pending_approval") << pending;
  Must(w.Post("/api/v1/compensations/" + pending["id"].get<std::string>() + "/approve",
              w.Token(Who::kManager), Json{{"note", "同意"}}),
       200, "approve");
  const std::string compensations[2] = {pending["id"],
                                        Compensate(w, Who::kAgentB, tickets[1].ticket, 1000)["id"]};
  std::string shipments[2], tracking[2];
  for (int o = 0; o < 2; ++o) {
    tracking[o] = "SF90000000" + std::to_string(o);
    shipments[o] = Must(w.Post("/api/v1/shipments", w.Token(Who::kLead),
                               Json{{"order", tickets[o].order},
                                    {"carrier", "顺丰速运"},
                                    {"tracking_number", tracking[o]}}),
                        201, "register a shipment")["id"];
  }
  // Whose inbox holds what.
  const std::vector<std::string> inbox[5] = {
      {}, {"compensation_approved"}, {"approval_pending"}, {}, {}};
  const Json policy = {{"categories", {{"apparel", {{"merchant_pays_no_reason_shipping", true}}}}}};

  int cells = 0, shipment_seq = 0;
  for (const ScopeRow& row : kScopeMatrix) {
    for (int a = 0; a < 5; ++a) {
      for (int o = 0; o < 2; ++o) {
        const Want want = row.expect[a][o];
        if (want.status == 0) continue;
        ++cells;
        SCOPED_TRACE(std::string(row.name) + " | actor=" + kActorNames[a] +
                     " | object=" + (o == 0 ? "own (cust.one's)" : "other (cust.two's)"));
        Who actor = kActors[a];
        std::string tok = w.Token(actor);
        Json before;
        if (want.status >= 400) before = w.AfterSalesSnapshot();
        HttpResult r;
        std::string new_tracking;
        switch (row.op) {
          case ScopeOp::kOverview:
            r = w.Get("/api/v1/customers/" + customers[o] + "/overview", tok);
            break;
          case ScopeOp::kListAfterSales:
            r = w.Get("/api/v1/after-sales?customer=" + customers[o], tok);
            break;
          case ScopeOp::kListCompensations:
            r = w.Get("/api/v1/compensations?ticket=" + tickets[o].ticket, tok);
            break;
          case ScopeOp::kBudget:
            r = w.Get(std::string("/api/v1/teams/") + kTeam + "/budget", tok);
            break;
          case ScopeOp::kGetPolicy:
            r = w.Get("/api/v1/after-sales-policy", tok);
            break;
          case ScopeOp::kPutPolicy:
            r = w.Raw("PUT", "/api/v1/after-sales-policy", tok, policy.dump());
            break;
          case ScopeOp::kCreateShipment:
            new_tracking = "YT80000000" + std::to_string(++shipment_seq);
            r = w.Post("/api/v1/shipments", tok,
                       Json{{"order", tickets[o].order},
                            {"carrier", "圆通速递"},
                            {"tracking_number", new_tracking}});
            break;
          case ScopeOp::kGetShipment:
            r = w.Get("/api/v1/shipments/" + shipments[o], tok);
            break;
          case ScopeOp::kOrderShipments:
            r = w.Get("/api/v1/orders/" + tickets[o].order + "/shipments", tok);
            break;
          case ScopeOp::kNotifications:
            r = w.Get("/api/v1/notifications", tok);
            break;
          case ScopeOp::kWebhookWithToken:
            // A well-formed update of a known parcel: only the missing
            // signature refuses it.
            r = w.Post("/api/v1/webhooks/carrier", tok,
                       Json{{"event_id", "EV-" + std::to_string(a)},
                            {"carrier", "顺丰速运"},
                            {"tracking_number", tracking[0]},
                            {"status", "exception"},
                            {"exception", "lost"},
                            {"at", HoursAgo(1)}});
            break;
        }
        if (want.status >= 400) {
          EXPECT_TRUE(IsError(r, want.status, want.code));
          EXPECT_EQ(w.AfterSalesSnapshot(), before) << "a refused request changed something";
          continue;
        }
        ASSERT_EQ(r.status, want.status) << Describe(r);
        const Json& b = r.body;
        switch (row.op) {
          case ScopeOp::kOverview: {
            EXPECT_EQ(b["id"], customers[o]) << r.text;
            // Agents find only the tickets they may see.
            std::vector<std::string> open;
            for (const auto& t : b["open_tickets"]) open.push_back(t["id"]);
            EXPECT_EQ(open, Sees(actor, o) ? std::vector<std::string>{tickets[o].ticket}
                                           : std::vector<std::string>{});
            break;
          }
          case ScopeOp::kListAfterSales:
            // Customers get only their own; agents the requests of tickets they see.
            EXPECT_EQ(ItemIds(b), Sees(actor, o) ? std::vector<std::string>{requests[o]}
                                                 : std::vector<std::string>{})
                << r.text;
            break;
          case ScopeOp::kListCompensations:
            EXPECT_EQ(ItemIds(b), Sees(actor, o) ? std::vector<std::string>{compensations[o]}
                                                 : std::vector<std::string>{})
                << r.text;
            break;
          case ScopeOp::kBudget:
            EXPECT_EQ(b["team"], kTeam) << r.text;
            EXPECT_EQ(b["pending_fen"], 0) << r.text;
            break;
          case ScopeOp::kGetPolicy:
            EXPECT_TRUE(b.contains("refund_within_days")) << r.text;
            break;
          case ScopeOp::kPutPolicy:
            EXPECT_EQ(b["categories"]["apparel"]["merchant_pays_no_reason_shipping"], true)
                << r.text;
            break;
          case ScopeOp::kCreateShipment:
            EXPECT_EQ(b["order"], tickets[o].order) << r.text;
            EXPECT_EQ(b["tracking_number"], new_tracking) << r.text;
            EXPECT_EQ(r.Header("Location"), "/api/v1/shipments/" + b.value("id", "?"));
            break;
          case ScopeOp::kGetShipment:
            EXPECT_EQ(b["id"], shipments[o]) << r.text;
            EXPECT_EQ(b["order"], tickets[o].order) << r.text;
            break;
          case ScopeOp::kOrderShipments: {
            std::vector<std::string> ids = ItemIds(b);
            EXPECT_NE(std::find(ids.begin(), ids.end(), shipments[o]), ids.end()) << r.text;
            for (const auto& s : b["items"]) EXPECT_EQ(s["order"], tickets[o].order);
            break;
          }
          case ScopeOp::kNotifications: {
            // Everyone reads their own inbox, and only it.
            std::vector<std::string> kinds;
            for (const auto& n : b["items"]) kinds.push_back(n["kind"]);
            EXPECT_EQ(kinds, inbox[a]) << r.text;
            break;
          }
          case ScopeOp::kWebhookWithToken:
            break;
        }
      }
    }
  }
  EXPECT_EQ(cells, 5 * 2 + 5 * 2 + 5 * 2 + 5 + 5 + 5 + 5 * 2 + 5 * 2 + 5 * 2 + 5 + 5);
}

}  // namespace
}  // namespace kefu::testing
