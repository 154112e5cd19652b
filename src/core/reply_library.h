// The reply library (话术库): macro templates that agents insert into replies,
// and forbidden phrases that a reply must not contain.
//
// Everything here is pure: no I/O, no clock, no globals that change. Every
// function is safe for concurrent use by multiple threads. Errors are
// StatusCode::kValidation with one of the stable reasons below.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "core/enums.h"

namespace kefu {

constexpr size_t kMaxMacroNameChars = 100;
constexpr size_t kMaxMacroBodyChars = 5000;
constexpr size_t kMaxMacroTeamChars = 100;
constexpr size_t kMaxPhraseChars = 100;
constexpr size_t kMaxPhraseReasonChars = 200;

// ---------------------------------------------------------------------------
// Templates
//
// A template is UTF-8 text with placeholders {{name}}; ASCII spaces (' ')
// may surround the name: {{ customer.name }}. A name is [a-z0-9_.]+ and must
// be one of KnownTemplateVariables(). Text outside placeholders, a single
// "{" or "}" and a stray "}}" are copied verbatim. There is no escape: a
// template cannot contain a literal "{{".
//
// Error reasons (all kValidation); the message names every offender, with
// positions as 0-based code-point offsets into the template:
//   "bad_template"          an unclosed "{{" or a malformed name
//                           (empty, upper case, inner spaces, ...);
//   "unknown_variable"      a well-formed name that is not known;
//   "variable_unavailable"  (RenderTemplate only) a known name missing from
//                           the variables or blank.
// When several kinds of error occur, the first in this list is reported.
// ---------------------------------------------------------------------------

// Every variable name the system can fill, in a fixed order:
// customer.name, customer.tier, ticket.id, ticket.subject, ticket.status,
// ticket.priority, ticket.category, order.id, order.total (yuan, "128.50"),
// order.carrier, order.tracking_number, agent.name, agent.login,
// sla.first_response_due, sla.next_response_due, sla.resolution_due.
std::span<const std::string_view> KnownTemplateVariables();
bool IsKnownTemplateVariable(std::string_view name);

using TemplateVars = std::map<std::string, std::string, std::less<>>;

// Checks syntax and names only (used when a macro is saved). OK or
// "bad_template" / "unknown_variable".
Status ValidateTemplate(std::string_view tmpl);

// Replaces every placeholder with its value from `vars`, in one pass (a value
// that itself looks like "{{x}}" is copied as is). Entries of `vars` that the
// template does not use are ignored. Besides the ValidateTemplate errors,
// fails with "variable_unavailable" if a used name is missing from `vars` or
// its value is empty or only white space (TrimSpace): a half-filled reply is
// never produced.
StatusOr<std::string> RenderTemplate(std::string_view tmpl, const TemplateVars& vars);

// ---------------------------------------------------------------------------
// Macros
// ---------------------------------------------------------------------------

struct MacroActions {
  std::optional<TicketStatus> status;   // open, pending_customer, pending_third_party or resolved
  std::vector<std::string> add_tags;    // normalised with NormalizeTags (core/validation.h)
  std::optional<Priority> priority;
};

struct Macro {
  std::string id;        // assigned by the store, e.g. "M-000001"
  std::string name;      // 1..100 code points
  std::string team;      // "" = global, else a team name (existence checked by the caller)
  std::string locale;    // "zh-CN" or "en"
  std::string body;      // template, 1..5000 code points
  MacroActions actions;
};

// Trims name, team and body (TrimSpace), normalises actions.add_tags, and
// checks UTF-8, lengths, the locale (exactly "zh-CN" or "en") and the target
// status (new and closed are refused), then the body with ValidateTemplate.
// Returns the normalised macro, or kValidation with reason
// "validation_failed" for a field error (message names the field) or a
// template reason above. The id is not checked.
StatusOr<Macro> ValidateMacro(Macro m);

// ---------------------------------------------------------------------------
// Forbidden phrases
// ---------------------------------------------------------------------------

struct ForbiddenPhrase {
  std::string id;         // "F-000001"
  std::string phrase;     // 1..100 code points, e.g. "不归我们管", "it's not our fault"
  bool blocking = false;  // true: a reply containing it can never be sent (a lead's decision)
  std::string reason;     // why it is forbidden, shown to the agent (0..200 code points)
};

// OK, or "validation_failed" naming the field: phrase and reason must be
// valid UTF-8 within their lengths, and the phrase must keep at least one
// character after FoldForPhraseMatch (a phrase of only separators such as
// "***" would match nothing useful).
Status ValidatePhrase(const ForbiddenPhrase& p);

// The normal form used for matching, one char32_t per kept code point:
//  - full-width ASCII U+FF01..U+FF5E becomes ASCII, then A-Z becomes a-z;
//  - dropped: white space (ASCII, U+00A0, U+3000), zero-width characters
//    (U+200B..U+200D, U+2060, U+FEFF) and the separators
//    . , - _ * ~ | · 、 ， 。 (full-width forms included through the rule above);
//  - invalid UTF-8 bytes become U+FFFD, one per byte.
// Traditional/simplified Chinese folding is NOT done here; the text
// subsystem will add it.
std::u32string FoldForPhraseMatch(std::string_view s);

struct PhraseMatch {
  std::string phrase_id;
  std::string phrase;
  bool blocking = false;
  std::string reason;
  size_t begin = 0, end = 0;  // byte offsets of the matched span in the ORIGINAL text
};

// Finds every occurrence of every phrase in `text`, both sides compared in
// FoldForPhraseMatch form, so case, full-width letters and inserted spaces or
// separators do not evade a phrase ("不 归*我 们 管" matches "不归我们管").
// - [begin, end) covers the first to the last matched code point of the
//   original text (separators inside the span included, around it not).
// - A phrase whose folded form starts (ends) with an ASCII letter or digit
//   matches only where the original code point before (after) the span is not
//   one, so "sue" does not match "issue" and "fault" not "faults".
// - Occurrences of one phrase do not overlap; different phrases may.
// - Results are sorted by begin, then longer span first, then phrase order.
// - Phrases that fold to nothing are skipped.
// The text is folded once; each phrase is a Boyer-Moore-Horspool search, so
// the cost is O(|text| * number of phrases) in practice.
std::vector<PhraseMatch> FindForbiddenPhrases(std::string_view text,
                                              std::span<const ForbiddenPhrase> phrases);

enum class ReplyVerdict { kSend, kHold, kBlock };

// kBlock if any match is blocking; otherwise kHold if there is a match and
// the agent has not confirmed; otherwise kSend.
ReplyVerdict DecideReply(std::span<const PhraseMatch> matches, bool confirmed);
std::string_view ToString(ReplyVerdict v);  // "send", "hold", "block"

}  // namespace kefu
