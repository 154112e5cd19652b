#include "service/reply_service.h"

#include <cstdio>

namespace kefu {
namespace {

std::string Describe(const std::vector<PhraseMatch>& matches, bool blocking_only) {
  std::string out;
  for (const auto& m : matches) {
    if (blocking_only && !m.blocking) continue;
    if (!out.empty()) out += "; ";
    out += "\"" + m.phrase + "\"";
    if (!m.reason.empty()) out += " (" + m.reason + ")";
  }
  return out;
}

std::string LocalTime(Timestamp t, int offset_minutes) {  // "YYYY-MM-DD HH:MM"
  int64_t secs = t.unix_ms / 1000 + int64_t{offset_minutes} * 60;
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t rem = secs - days * 86400;
  // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  int64_t y = yoe + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld", static_cast<long long>(y),
                static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(rem / 3600), static_cast<long long>(rem % 3600 / 60));
  return buf;
}

std::string Yuan(int64_t fen) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld.%02lld", static_cast<long long>(fen / 100),
                static_cast<long long>(fen % 100));
  return buf;
}

}  // namespace

StatusOr<std::string> CheckOutgoingReply(const ConfigSnapshot& cfg, std::string_view body,
                                         bool confirmed) {
  std::vector<PhraseMatch> matches = FindForbiddenPhrases(body, cfg.phrases);
  switch (DecideReply(matches, confirmed)) {
    case ReplyVerdict::kBlock:
      return Status(StatusCode::kValidation, "reply_blocked",
                    "the reply contains a phrase that may not be sent: " +
                        Describe(matches, true));
    case ReplyVerdict::kHold:
      return FailedPrecondition("reply_held",
                                "the reply contains forbidden phrases: " +
                                    Describe(matches, false) +
                                    "; rephrase it, or send it again with \"confirm\": true");
    case ReplyVerdict::kSend:
      break;
  }
  if (matches.empty()) return std::string();
  return "sent with confirmed phrases: " + Describe(matches, false);
}

StatusOr<TemplateVars> MacroVariables(Store& store, Txn& txn, const ConfigSnapshot& cfg,
                                      const Ticket& t, const TicketSla& sla, const Actor& agent) {
  TemplateVars v;
  KEFU_ASSIGN_OR_RETURN(Customer c, store.GetCustomer(txn, t.customer_id));
  v["customer.name"] = c.name;
  v["customer.tier"] = ToString(c.tier);
  v["ticket.id"] = t.id;
  v["ticket.subject"] = t.subject;
  v["ticket.status"] = ToString(t.status);
  v["ticket.priority"] = ToString(t.priority);
  v["ticket.category"] = t.category;
  if (!t.order_id.empty()) {
    KEFU_ASSIGN_OR_RETURN(Order o, store.GetOrder(txn, t.order_id));
    v["order.id"] = o.id;
    v["order.total"] = Yuan(o.TotalFen());
    v["order.carrier"] = o.carrier;
    v["order.tracking_number"] = o.tracking_number;
  }
  auto user = store.GetUserByLogin(txn, agent.login);
  v["agent.login"] = agent.login;
  v["agent.name"] = user.ok() ? user->user.display_name : agent.login;
  int offset = cfg.CalendarOf(t.team).spec().utc_offset_minutes;
  for (const auto& clk : sla.clocks) {
    if (clk.met_at || !clk.due) continue;
    v["sla." + std::string(ToString(clk.metric)) + "_due"] = LocalTime(*clk.due, offset);
  }
  return v;
}

StatusOr<Macro> FindMacro(const ConfigSnapshot& cfg, const std::string& id, const Ticket& t) {
  for (const auto& m : cfg.macros) {
    if (m.id == id && (m.team.empty() || m.team == t.team)) return m;
  }
  return NotFound("macro " + id + " not found");
}

}  // namespace kefu
