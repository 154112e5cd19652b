#include "service/reply_service.h"

#include "core/calendar.h"
#include "text/normalizer.h"

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

}  // namespace

std::vector<PhraseMatch> FindReplyPhrases(const ConfigSnapshot& cfg, std::string_view body) {
  // Traditional and simplified characters match each other: both sides are
  // normalised (text/normalizer.h) before the core's phrase matching.
  const text::Normalizer& norm = text::DefaultNormalizer();
  std::vector<ForbiddenPhrase> phrases = cfg.phrases;
  for (auto& p : phrases) p.phrase = norm.Normalize(p.phrase);
  return FindForbiddenPhrases(norm.Normalize(body), phrases);
}

StatusOr<std::string> CheckOutgoingReply(const ConfigSnapshot& cfg, std::string_view body,
                                         bool confirmed) {
  std::vector<PhraseMatch> matches = FindReplyPhrases(cfg, body);
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
    v["order.total"] = FormatYuan(o.TotalFen());
    v["order.carrier"] = o.carrier;
    v["order.tracking_number"] = o.tracking_number;
  }
  auto user = store.GetUserByLogin(txn, agent.login);
  v["agent.login"] = agent.login;
  v["agent.name"] = user.ok() ? user->user.display_name : agent.login;
  int offset = cfg.CalendarOf(t.team).spec().utc_offset_minutes;
  for (const auto& clk : sla.clocks) {
    if (clk.met_at || !clk.due) continue;
    v["sla." + std::string(ToString(clk.metric)) + "_due"] = FormatLocalTime(*clk.due, offset);
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
