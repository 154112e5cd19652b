// The reply library at work: the forbidden-phrase check on outgoing staff
// replies, and the variables and rendering of macros for a ticket.
#pragma once

#include <string>

#include "core/reply_library.h"
#include "service/config_service.h"
#include "service/sla_service.h"

namespace kefu {

// Checks an outgoing public staff reply against the forbidden phrases:
// - a blocking phrase: kValidation "reply_blocked" (never sent);
// - other phrases, not confirmed: kFailedPrecondition "reply_held" (send
//   again with confirm to send it anyway);
// - otherwise OK, with a note naming the confirmed phrases ("" if none),
//   which the reply's event records.
// Messages list each phrase found and why it is forbidden. Reply and phrases
// are normalised first (text/normalizer.h): a phrase written in simplified
// characters catches a reply in traditional ones, and the reverse.
StatusOr<std::string> CheckOutgoingReply(const ConfigSnapshot& cfg, std::string_view body,
                                         bool confirmed);
// The forbidden phrases `body` contains, as CheckOutgoingReply finds them
// (for a warning while the reply is written).
std::vector<PhraseMatch> FindReplyPhrases(const ConfigSnapshot& cfg, std::string_view body);

// The template variables of ticket `t` for `agent` (see
// KnownTemplateVariables). Variables without a value (no order, no SLA
// clock) are left out, so rendering names them. SLA due times are shown in
// the ticket's calendar's local time as "YYYY-MM-DD HH:MM".
StatusOr<TemplateVars> MacroVariables(Store& store, Txn& txn, const ConfigSnapshot& cfg,
                                      const Ticket& t, const TicketSla& sla, const Actor& agent);

// The macro `id` of `cfg` if it may be used on ticket `t` (a global macro,
// or one of the ticket's team); kNotFound otherwise.
StatusOr<Macro> FindMacro(const ConfigSnapshot& cfg, const std::string& id, const Ticket& t);

// A macro rendered for a ticket: the reply text and what applying it does.
struct MacroPreview {
  Macro macro;
  std::string body;
};

}  // namespace kefu
