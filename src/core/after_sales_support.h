// Internal to the policy engine (after_sales_policy.cc, after_sales_remedies.cc):
// the articles it cites, its windows and the building blocks of its
// decisions and bilingual explanations. Not for use outside core/.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/after_sales_policy.h"

namespace kefu::policy_support {

// The statutes and promises a decision cites (English; Chinese below).
inline constexpr std::string_view kCrpl23 = "CRPL Art. 23";
inline constexpr std::string_view kCrpl24 = "CRPL Art. 24";
inline constexpr std::string_view kCrpl25 = "CRPL Art. 25";
inline constexpr std::string_view kCrpl55 = "CRPL Art. 55";
inline constexpr std::string_view kEcom20 = "E-Commerce Law Art. 20";
inline constexpr std::string_view kCivil582 = "Civil Code Art. 582";
inline constexpr std::string_view kWrongItem = "CRPL Art. 24; Civil Code Art. 582";
inline constexpr std::string_view kSanbao = "Three-Guarantees Rules";
inline constexpr std::string_view kFood148 = "Food Safety Law Art. 148";
inline constexpr std::string_view kInterim7 = "Interim Measures Art. 7";
inline constexpr std::string_view kInterim9 = "Interim Measures Art. 9";
inline constexpr std::string_view kInterim13 = "Interim Measures Art. 13";  // gifts come back
inline constexpr std::string_view kInterim18 = "Interim Measures Art. 18";  // return shipping
inline constexpr std::string_view kPromise = "Merchant promise";
inline constexpr std::string_view kCrossBorderPromise = "Merchant promise (cross-border)";


std::string S(std::string_view v);
// The Chinese citation of an article constant above.
std::string ArticleZh(std::string_view article);
std::string Yuan(int64_t fen);  // "¥123.45"
std::string OffsetName(int minutes);  // "UTC+08:00"
bool IsTransport(AfterSalesReason r);
// The reasons that are a defect of the goods delivered.
bool IsDefect(AfterSalesReason r);
std::string_view KindZh(AfterSalesKind k);
std::string_view ReasonZh(AfterSalesReason r);
std::string_view ReasonEn(AfterSalesReason r);

// A window that applied: its end and how to say it.
struct Window {
  int days = 0;
  Timestamp end;
  std::string last_day;  // local date of the last day
  bool extended = false;  // the last day was a rest day and moved
};

// What the decision functions share.
struct Ctx {
  const AfterSalesPolicy& policy;
  const PolicyInput& in;
  const MarketRules& market;
  CategoryRules cat;
  std::optional<Timestamp> delivered;  // per the carrier, else as the buyer claims
  bool claimed = false;                // delivered rests on the buyer's claim
  int64_t paid_fen = 0;                // paid for the requested units
};

// `days` counted from the day after `from`, in the market's local time; a
// last day that is a rest day moves to the next working day when the
// market extends (Civil Code Art. 203).
Window MakeWindow(const Ctx& c, Timestamp from, int days);
std::string WindowZh(const Ctx& c, const Window& w);
std::string WindowEn(const Ctx& c, const Window& w);
void SetWindow(PolicyDecision& d, const Window& w);

PolicyDecision Make(bool eligible, std::string_view rule, std::string_view article, std::string zh,
                    std::string en);
std::string PerZh(std::string_view article);  // "依据《…》，"
std::string PerEn(std::string_view article);  // "Under …: "

// Eligible: a refund of what was paid for the units, nothing to send back.
PolicyDecision RefundNoReturn(const Ctx& c, std::string_view rule, std::string_view article,
                              const std::string& why_zh, const std::string& why_en);
// Eligible: the seller sends the goods again.
PolicyDecision Resend(std::string_view rule, std::string_view article, const std::string& why_zh,
                      const std::string& why_en);

// Decisions for goods in the buyer's hands (after_sales_remedies.cc): a
// refund without return, no-reason returns and exchanges, and faults.
PolicyDecision DecideDelivered(const Ctx& c);

// Gifts and a broken free-shipping threshold on an eligible return_refund
// (after_sales_deductions.cc): lowers max_refund_fen, explains, and lists
// the gifts to return.
void ApplyDeductions(const AfterSalesPolicy& p, const PolicyInput& in, PolicyDecision& d);

}  // namespace kefu::policy_support
