// Exceptions and overrides of refused after-sales requests: table tests of
// who may do what, and what an override makes of the request.
#include <gtest/gtest.h>

#include <cctype>

#include "core/after_sales.h"

namespace kefu {
namespace {

const Timestamp kNow = *ParseIso8601("2026-11-23T02:00:00Z");

AfterSalesRequest Refusal(std::string rule = "no_reason_window_passed",
                          AfterSalesKind kind = AfterSalesKind::kReturnRefund,
                          AfterSalesReason reason = AfterSalesReason::kNoReason) {
  AfterSalesRequest r;
  r.id = "A-000001";
  r.ticket_id = "T-000001";
  r.kind = kind;
  r.reason = reason;
  r.status = AfterSalesStatus::kRefused;
  r.decision.eligible = false;
  r.decision.rule = std::move(rule);
  r.decision.article = "CRPL Art. 25";
  r.decision.explanation_zh = "已超过七日。";
  r.decision.explanation_en = "The seven days have passed.";
  r.decision.alternatives = {AfterSalesKind::kRepair};
  r.requested_by = "wangfang";
  r.version = 1;
  return r;
}

TEST(RefusedStatusTest, IsFinalHoldsNothingAndMovesNowhere) {
  EXPECT_EQ(ToString(AfterSalesStatus::kRefused), "refused");
  EXPECT_EQ(ParseAfterSalesStatus("refused"), AfterSalesStatus::kRefused);
  EXPECT_TRUE(IsFinal(AfterSalesStatus::kRefused));
  EXPECT_FALSE(HoldsQuantity(AfterSalesStatus::kRefused));
  for (int to = 0; to <= static_cast<int>(AfterSalesStatus::kRefused); ++to) {
    EXPECT_FALSE(CanMove(AfterSalesKind::kReturnRefund, AfterSalesStatus::kRefused,
                         static_cast<AfterSalesStatus>(to)));
  }
}

struct OverrideCase {
  const char* name;
  Role role;
  const char* login;
  StatusCode code;      // kOk: allowed
  const char* reason;   // the error's reason, when refused
};

class OverrideMatrixTest : public ::testing::TestWithParam<OverrideCase> {};

TEST_P(OverrideMatrixTest, FollowsTheRoles) {
  const OverrideCase& k = GetParam();
  AfterSalesRequest r = Refusal();
  r.exception_by = "li.na";
  Actor a{k.login, k.role, k.role == Role::kCustomer ? "C-000001" : ""};
  auto out = OverrideRefusal(r, {"老客户，同意", std::nullopt}, a, 9900, kNow);
  if (k.code == StatusCode::kOk) {
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    EXPECT_EQ(out->overridden_by, k.login);
    return;
  }
  EXPECT_EQ(out.status().code(), k.code) << k.name;
  EXPECT_EQ(out.status().reason(), k.reason) << k.name;
}

INSTANTIATE_TEST_SUITE_P(
    Roles, OverrideMatrixTest,
    ::testing::Values(
        OverrideCase{"customer", Role::kCustomer, "wangfang", StatusCode::kPermissionDenied, "forbidden"},
        OverrideCase{"agent", Role::kAgent, "zhao.lei", StatusCode::kPermissionDenied, "forbidden"},
        OverrideCase{"lead", Role::kLead, "chen.jie", StatusCode::kOk, ""},
        OverrideCase{"manager", Role::kManager, "wang.min", StatusCode::kOk, ""},
        OverrideCase{"admin", Role::kAdmin, "root", StatusCode::kOk, ""},
        OverrideCase{"lead who asked", Role::kLead, "li.na", StatusCode::kPermissionDenied,
                     "self_override"},
        OverrideCase{"manager who opened it", Role::kManager, "wangfang",
                     StatusCode::kPermissionDenied, "self_override"}),
    [](const auto& info) {
      std::string n = info.param.name;
      for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return n;
    });

TEST(OverrideRefusalTest, OpensTheRequestAsIfAllowed) {
  Actor lead{"chen.jie", Role::kLead, ""};
  auto out = OverrideRefusal(Refusal(), {"  吊牌完好，同意  ", std::nullopt}, lead, 9900, kNow);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->status, AfterSalesStatus::kRequested);
  EXPECT_TRUE(out->override);
  EXPECT_EQ(out->override_reason, "吊牌完好，同意");
  EXPECT_TRUE(out->decision.eligible);
  EXPECT_EQ(out->decision.rule, "no_reason_window_passed");
  EXPECT_EQ(out->decision.article, "CRPL Art. 25");
  EXPECT_EQ(out->decision.max_refund_fen, 9900);
  EXPECT_EQ(out->refund_fen, 9900);
  EXPECT_TRUE(out->decision.return_required);
  EXPECT_EQ(out->decision.return_shipping, Payer::kBuyer);
  EXPECT_TRUE(out->decision.alternatives.empty());
  EXPECT_NE(out->decision.explanation_zh.find("chen.jie"), std::string::npos);
  EXPECT_EQ(out->version, 2);
  EXPECT_EQ(out->updated_at, kNow);
}

TEST(OverrideRefusalTest, WhatTheOverrideGrantsFollowsTheKindAndTheReason) {
  Actor lead{"chen.jie", Role::kLead, ""};
  struct Case {
    AfterSalesKind kind;
    AfterSalesReason reason;
    int64_t max;
    bool back;
    Payer shipping;
  };
  for (const Case& c : {Case{AfterSalesKind::kRefundOnly, AfterSalesReason::kNotAsDescribed, 9900, false, Payer::kNone},
                        Case{AfterSalesKind::kExchange, AfterSalesReason::kQualityFault, 0, true, Payer::kMerchant},
                        Case{AfterSalesKind::kRepair, AfterSalesReason::kNoReason, 0, true, Payer::kBuyer},
                        Case{AfterSalesKind::kResend, AfterSalesReason::kMissingItem, 0, false, Payer::kNone}}) {
    auto out = OverrideRefusal(Refusal("x", c.kind, c.reason), {"同意", std::nullopt}, lead, 9900, kNow);
    ASSERT_TRUE(out.ok()) << ToString(c.kind);
    EXPECT_EQ(out->decision.max_refund_fen, c.max) << ToString(c.kind);
    EXPECT_EQ(out->decision.return_required, c.back) << ToString(c.kind);
    EXPECT_EQ(out->decision.return_shipping, c.shipping) << ToString(c.kind);
  }
}

TEST(OverrideRefusalTest, RefusesWhatCannotBeOverridden) {
  Actor lead{"chen.jie", Role::kLead, ""};
  for (const char* fact : {"quantity_exceeds_line", "not_paid"}) {
    EXPECT_EQ(OverrideRefusal(Refusal(fact), {"同意", std::nullopt}, lead, 9900, kNow).status().reason(),
              "not_overridable")
        << fact;
  }
  AfterSalesRequest granted = Refusal();
  granted.status = AfterSalesStatus::kRequested;
  EXPECT_EQ(OverrideRefusal(granted, {"同意", std::nullopt}, lead, 9900, kNow).status().reason(),
            "invalid_transition");
  for (const char* blank : {"", " \t", "\u3000\u00a0"}) {
    EXPECT_EQ(OverrideRefusal(Refusal(), {blank, std::nullopt}, lead, 9900, kNow).status().reason(),
              "reason_required");
  }
  for (int64_t fen : {int64_t{-1}, int64_t{9901}}) {
    EXPECT_EQ(OverrideRefusal(Refusal(), {"同意", fen}, lead, 9900, kNow).status().reason(),
              "refund_exceeds_paid")
        << fen;
  }
  auto partial = OverrideRefusal(Refusal(), {"同意", int64_t{5000}}, lead, 9900, kNow);
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ(partial->refund_fen, 5000);
}

TEST(AskExceptionTest, StaffAskOnceWithAReason) {
  Actor agent{"li.na", Role::kAgent, ""};
  auto out = AskException(Refusal(), agent, " 老客户 ", kNow);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->exception_by, "li.na");
  EXPECT_EQ(out->exception_reason, "老客户");
  EXPECT_EQ(out->status, AfterSalesStatus::kRefused);
  EXPECT_EQ(out->version, 2);
  EXPECT_EQ(AskException(*out, agent, "再问", kNow).status().reason(), "exception_pending");
  Actor customer{"wangfang", Role::kCustomer, "C-000001"};
  EXPECT_EQ(AskException(Refusal(), customer, "求求了", kNow).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(AskException(Refusal(), agent, "  ", kNow).status().reason(), "reason_required");
  AfterSalesRequest granted = Refusal();
  granted.status = AfterSalesStatus::kApproved;
  EXPECT_EQ(AskException(granted, agent, "x", kNow).status().reason(), "invalid_transition");
}

}  // namespace
}  // namespace kefu
