// Money amounts at the edge and in sums, through the real API on the demo
// data (the security probe "Money amounts overflow"): every *_fen field is a
// whole number of fen in [0 or 1, kMaxAmountFen] (core/money.h), anything
// else — JSON numbers above INT64_MAX, negatives, floats, strings — is
// refused with a stable code and changes nothing, and sums of amounts
// already stored (rows written before the bound) saturate instead of
// wrapping into negatives that pass limit checks.
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <stdexcept>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/api_world.h"
#include "core/money.h"
#include "service/demo_data.h"
#include "testing/test_server.h"

namespace kefu::testing {
namespace {

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();

// Demo tickets (ticket numbers follow the demo's creation times):
// T-000013 is the tea parcel stuck with the carrier (team logistics, li.na),
// T-000009 the crushed cherries of order O-000004 (team vip, li.na), fully
// refunded by A-000004.
constexpr const char* kTea = "T-000013";
constexpr const char* kCherry = "T-000009";

// Raw JSON literals for an amount field, as a client could send them.
struct Literal {
  const char* name;
  const char* json;
  bool integer;  // a JSON integer (out of range) rather than another type
};
const std::vector<Literal>& BadAmounts() {
  static const std::vector<Literal> v = {
      {"INT64_MAX", "9223372036854775807", true},
      {"INT64_MAX+1 (unsigned)", "9223372036854775808", true},
      {"UINT64_MAX (unsigned)", "18446744073709551615", true},
      {"max+1", "1000000000001", true},
      {"negative", "-1", true},
      {"float 1e30", "1e30", false},
      {"fraction", "1.5", false},
      {"whole float", "100.0", false},
      {"string", "\"100\"", false},
      {"boolean", "true", false},
  };
  return v;
}

// `tmpl` with every "@" replaced by `lit`.
std::string With(std::string tmpl, const std::string& lit) {
  for (size_t at = tmpl.find('@'); at != std::string::npos; at = tmpl.find('@', at + lit.size())) {
    tmpl.replace(at, 1, lit);
  }
  return tmpl;
}

class MoneyBoundsTest : public ::testing::Test {
 protected:
  MoneyBoundsTest() : clock_(*ParseIso8601("2026-11-23T02:00:00Z")), w_(&clock_) {
    auto demo = LoadDemoData(w_.s().store(), clock_, nlohmann::json::parse(EmbeddedDemoJson()));
    if (!demo.ok()) throw std::runtime_error(demo.status().ToString());
    agent_ = w_.s().Login("li.na", demo->password);
    admin_ = w_.Token(Who::kAdmin);
  }

  Json Budget(const std::string& team) {
    HttpResult r = w_.Get("/api/v1/teams/" + team + "/budget", admin_);
    EXPECT_EQ(r.status, 200) << Describe(r);
    return r.body;
  }

  // Everything the API shows (requests, compensation, orders, policy,
  // tickets and their events), the three teams' budgets and the money
  // actions of the audit log.
  Json State() {
    Json s = w_.AfterSalesSnapshot();
    for (const char* team : {"after-sales", "logistics", "vip"}) s["budgets"][team] = Budget(team);
    auto txn = w_.s().store().Begin(TxnMode::kRead);
    EXPECT_TRUE(txn.ok());
    auto rows = w_.s().store().ListAudit(**txn, 0, 100000);
    EXPECT_TRUE(rows.ok());
    int money = 0;
    for (const auto& e : *rows) {
      money += e.action == "compensation.approved" || e.action == "refund.issued" ||
               e.action == "config.put";
    }
    s["money_audit"] = money;
    return s;
  }

  // State() is still `before`; a failure shows the JSON patch between them.
  void ExpectUnchanged(const Json& before) {
    Json patch = Json::diff(before, State());
    EXPECT_TRUE(patch.empty()) << patch.dump();
  }

  HttpResult Compensate(const std::string& ticket, const std::string& kind,
                        const std::string& lit) {
    return w_.Post("/api/v1/tickets/" + ticket + "/compensations", agent_,
                   With(R"({"kind":")" + kind + R"(","amount_fen":@,"reason":"x"})", lit));
  }

  // A compensation written straight to the store, bypassing the edge: a row
  // from before amounts were bounded.
  void InsertLegacy(const std::string& ticket, const std::string& team, CompensationKind kind,
                    CompensationStatus status, int64_t fen, Timestamp decided_at) {
    Store& store = w_.s().store();
    auto txn = store.Begin(TxnMode::kWrite);
    ASSERT_TRUE(txn.ok());
    auto seq = store.NextSeq(**txn, 'P');
    ASSERT_TRUE(seq.ok());
    Compensation c;
    c.id = FormatId('P', *seq);
    c.ticket_id = ticket;
    c.team = team;
    c.kind = kind;
    c.amount_fen = fen;
    c.reason = "legacy";
    c.status = status;
    c.pending_reason = status == CompensationStatus::kPendingApproval ? "over_limit" : "";
    c.requested_by = "li.na";
    c.requested_role = Role::kAgent;
    c.created_at = decided_at;
    if (status == CompensationStatus::kApproved) {
      c.decided_by = "wang.min";
      c.decided_at = decided_at;
    }
    c.version = 1;
    ASSERT_TRUE(store.InsertCompensation(**txn, c).ok());
    ASSERT_TRUE((*txn)->Commit().ok());
  }

  FakeClock clock_;
  ApiWorld w_;
  std::string agent_;  // li.na
  std::string admin_;
};

// The probe: an agent's INT64_MAX coupon on T-000013 was accepted as
// over_budget (the ¥50 limit check wrapped), and two of them made the
// logistics budget report pending_fen -2. To see this fail, remove the
// KEFU_RETURN_IF_ERROR(CheckAmountFen(...)) line of FieldReader::Fen
// (src/api/json_codec.cc) and the one of RequestCompensation
// (src/core/compensation.cc): either alone refuses the amount.
TEST_F(MoneyBoundsTest, ProbeInt64MaxCouponIsRefused) {
  Json before = State();
  for (int i = 0; i < 2; ++i) {
    EXPECT_TRUE(IsError(Compensate(kTea, "coupon", "9223372036854775807"), 422, "bad_amount"));
  }
  Json budget = Budget("logistics");
  EXPECT_EQ(budget["pending_fen"], 0);
  ExpectUnchanged(before);
}

// The probe: INT64_MAX as a partial refund on T-000009, whose order is
// already fully refunded, went to approval; 10^12 was refused with
// refund_exceeds_paid. Both are refused now, and so is a single fen. To see
// the first fail, remove the KEFU_RETURN_IF_ERROR(CheckAmountFen(...)) lines
// of FieldReader::Fen (src/api/json_codec.cc) and of RequestCompensation
// (src/core/compensation.cc): either alone refuses the amount.
TEST_F(MoneyBoundsTest, ProbePartialRefundAfterFullRefundIsRefused) {
  Json before = State();
  EXPECT_TRUE(
      IsError(Compensate(kCherry, "partial_refund", "9223372036854775807"), 422, "bad_amount"));
  EXPECT_TRUE(
      IsError(Compensate(kCherry, "partial_refund", "1000000000000"), 422, "refund_exceeds_paid"));
  EXPECT_TRUE(IsError(Compensate(kCherry, "partial_refund", "1"), 422, "refund_exceeds_paid"));
  ExpectUnchanged(before);
}

// Every bad literal on every money field: the stable code, and nothing
// changes. Integers out of range get the field's range code; other JSON
// types are validation_failed ("must be a whole number of fen"). To see this
// fail, remove the KEFU_RETURN_IF_ERROR(CheckAmountFen(...)) line of
// FieldReader::Fen (src/api/json_codec.cc).
TEST_F(MoneyBoundsTest, BadAmountsAreRefusedEverywhere) {
  Json policy = w_.Get("/api/v1/after-sales-policy", admin_).body;
  ASSERT_TRUE(policy.is_object());
  const std::string customer = w_.CustomerId(Who::kCust1);
  Json before = State();

  struct Field {
    std::string name;
    std::function<HttpResult(const std::string&)> send;
    std::string range_code;  // for JSON integers out of range
  };
  auto policy_with = [&](const std::string& lit, const std::string& path) {
    // The current document with one money field replaced by `lit`.
    Json doc = policy;
    const std::string marker = "\"@@money@@\"";
    if (path == "budget") doc["team_budgets_fen"]["logistics"] = "@@money@@";
    if (path == "agent_fen") doc["approval_limits"]["agent_fen"] = "@@money@@";
    if (path == "manager_fen") doc["approval_limits"]["manager_fen"] = "@@money@@";
    std::string body = doc.dump();
    body.replace(body.find(marker), marker.size(), lit);
    return w_.Raw("PUT", "/api/v1/after-sales-policy", admin_, body);
  };
  const std::vector<Field> fields = {
      {"compensation coupon amount_fen",
       [&](const std::string& lit) { return Compensate(kTea, "coupon", lit); }, "bad_amount"},
      {"compensation partial_refund amount_fen",
       [&](const std::string& lit) { return Compensate(kCherry, "partial_refund", lit); },
       "bad_amount"},
      {"after-sales request refund_fen",
       [&](const std::string& lit) {
         return w_.Post("/api/v1/tickets/" + std::string(kCherry) + "/after-sales", agent_,
                        With(R"({"line":1,"kind":"refund_only","reason":"damaged_in_transit",)"
                             R"("refund_fen":@})",
                             lit));
       },
       "refund_exceeds_paid"},
      {"after-sales transition refund_fen",
       [&](const std::string& lit) {
         return w_.Post("/api/v1/after-sales/A-000004/transitions", agent_,
                        With(R"({"to":"refunded","reason":"退款","refund_fen":@})", lit));
       },
       "refund_exceeds_paid"},
      {"team budget", [&](const std::string& lit) { return policy_with(lit, "budget"); },
       "validation_failed"},
      {"agent limit", [&](const std::string& lit) { return policy_with(lit, "agent_fen"); },
       "validation_failed"},
      {"manager limit", [&](const std::string& lit) { return policy_with(lit, "manager_fen"); },
       "validation_failed"},
      {"order price_fen",
       [&](const std::string& lit) {
         return w_.Post("/api/v1/orders", admin_,
                        With(R"({"customer":")" + customer +
                                 R"(","items":[{"sku":"A","quantity":1,"price_fen":@}]})",
                             lit));
       },
       "validation_failed"},
  };
  for (const Field& f : fields) {
    for (const Literal& lit : BadAmounts()) {
      SCOPED_TRACE(f.name + " = " + lit.name);
      // Order prices keep their own, lower bound (kMaxPriceFen): max+1 of the
      // general bound is also above it.
      std::string code = lit.integer ? f.range_code : "validation_failed";
      EXPECT_TRUE(IsError(f.send(lit.json), 422, code));
    }
  }
  // Zero is no compensation.
  EXPECT_TRUE(IsError(Compensate(kTea, "coupon", "0"), 422, "bad_amount"));
  ExpectUnchanged(before);
}

// The largest amount is accepted where it fits, one more is not. To see this
// fail, remove the KEFU_RETURN_IF_ERROR(CheckAmountFen(...)) lines of
// FieldReader::Fen (src/api/json_codec.cc) and of RequestCompensation
// (src/core/compensation.cc).
TEST_F(MoneyBoundsTest, TheMaximumIsAcceptedAndOneMoreIsNot) {
  const std::string max = std::to_string(kMaxAmountFen);
  const std::string over = std::to_string(kMaxAmountFen + 1);
  EXPECT_TRUE(IsError(Compensate(kTea, "coupon", over), 422, "bad_amount"));
  HttpResult big = Compensate(kTea, "coupon", max);
  ASSERT_EQ(big.status, 201) << Describe(big);
  EXPECT_EQ(big.body["amount_fen"], kMaxAmountFen);
  EXPECT_EQ(big.body["status"], "pending_approval");
  EXPECT_EQ(big.body["pending_reason"], "over_limit");
  HttpResult one = Compensate(kTea, "coupon", "1");
  ASSERT_EQ(one.status, 201) << Describe(one);
  EXPECT_EQ(one.body["status"], "approved");
  Json budget = Budget("logistics");
  EXPECT_EQ(budget["pending_fen"], kMaxAmountFen);

  Json policy = w_.Get("/api/v1/after-sales-policy", admin_).body;
  policy["team_budgets_fen"]["logistics"] = kMaxAmountFen + 1;
  EXPECT_TRUE(IsError(w_.Raw("PUT", "/api/v1/after-sales-policy", admin_, policy.dump()), 422,
                      "validation_failed"));
  policy["team_budgets_fen"]["logistics"] = kMaxAmountFen;
  HttpResult put = w_.Raw("PUT", "/api/v1/after-sales-policy", admin_, policy.dump());
  ASSERT_EQ(put.status, 200) << Describe(put);
  EXPECT_EQ(Budget("logistics")["budget_fen"], kMaxAmountFen);
}

// Rows stored before the bound: two pending INT64_MAX coupons used to make
// pending_fen wrap to -2. To see this fail, replace SaturatingAdd in
// CompensationService::Budget (src/service/compensation_service.cc) with +=.
TEST_F(MoneyBoundsTest, LegacyPendingRowsSaturateTheBudget) {
  for (int i = 0; i < 2; ++i) {
    InsertLegacy(kTea, "logistics", CompensationKind::kCoupon,
                 CompensationStatus::kPendingApproval, kInt64Max, clock_.Now());
  }
  Json budget = Budget("logistics");
  EXPECT_EQ(budget["pending_fen"], kInt64Max);
  EXPECT_EQ(budget["budget_fen"], 1000000);
}

// A legacy approved INT64_MAX partial refund on the fully refunded cherry
// order: one more fen used to wrap what went back on the order (and the
// ticket's granted total) into a negative, and was approved at once. To see
// this fail, replace the SaturatingAdd calls in CheckMoneyBack
// (src/service/money_back.cc) and CheckMoneyBackTotal (src/core/after_sales.cc)
// with +. The row is dated last year: the store's SUM of this month's
// approvals would otherwise stop at SQLite's integer overflow (a 500).
TEST_F(MoneyBoundsTest, LegacyRowsCannotWrapTheMoneyBackCheck) {
  InsertLegacy(kCherry, "vip", CompensationKind::kPartialRefund, CompensationStatus::kApproved,
               kInt64Max, *ParseIso8601("2025-01-15T00:00:00Z"));
  Json before = State();
  EXPECT_TRUE(IsError(Compensate(kCherry, "partial_refund", "1"), 422, "refund_exceeds_paid"));
  ExpectUnchanged(before);
}

// A customer's totals: two legacy approved INT64_MAX rows (on two tickets,
// decided last year so that no store SUM of a ticket or a budget month sees
// both) used to wrap compensated_fen to -2. To see this fail, replace
// SaturatingAdd in CustomerService::Overview (src/service/customer_overview.cc)
// with +=.
TEST_F(MoneyBoundsTest, LegacyRowsSaturateCustomerTotals) {
  Json cherry = w_.Get(std::string("/api/v1/tickets/") + kCherry, admin_).body;
  const std::string customer = cherry["customer"];
  Json tickets = w_.Get("/api/v1/tickets?limit=200&customer=" + customer, admin_).body;
  std::string other;
  for (const auto& t : tickets["items"]) {
    if (t["id"] != kCherry) other = t["id"];
  }
  ASSERT_FALSE(other.empty()) << tickets.dump();
  const Timestamp last_year = *ParseIso8601("2025-01-15T00:00:00Z");
  InsertLegacy(kCherry, "vip", CompensationKind::kCoupon, CompensationStatus::kApproved, kInt64Max,
               last_year);
  InsertLegacy(other, "vip", CompensationKind::kCoupon, CompensationStatus::kApproved, kInt64Max,
               last_year);
  HttpResult r = w_.Get("/api/v1/customers/" + customer + "/overview", admin_);
  ASSERT_EQ(r.status, 200) << Describe(r);
  EXPECT_EQ(r.body["totals"]["compensated_fen"], kInt64Max);
}

}  // namespace
}  // namespace kefu::testing
