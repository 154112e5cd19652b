#include "core/reply_library.h"

#include <algorithm>
#include <array>
#include <functional>
#include <utility>

#include "common/utf8.h"
#include "core/validation.h"

namespace kefu {
namespace {

constexpr std::array<std::string_view, 16> kTemplateVariables = {
    "customer.name",          "customer.tier",       "ticket.id",
    "ticket.subject",         "ticket.status",       "ticket.priority",
    "ticket.category",        "order.id",            "order.total",
    "order.carrier",          "order.tracking_number", "agent.name",
    "agent.login",            "sla.first_response_due", "sla.next_response_due",
    "sla.resolution_due"};

// ---- templates --------------------------------------------------------------

Status TemplateError(std::string reason, std::string message) {
  return Status(StatusCode::kValidation, std::move(reason), std::move(message));
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

bool IsValidName(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsNameChar);
}

std::string_view TrimAsciiSpaces(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// `s` cut to at most `max_bytes` without splitting a UTF-8 sequence.
std::string_view Shorten(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += sep;
    out += parts[i];
  }
  return out;
}

void AddUnique(std::vector<std::string>& list, std::string_view name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.emplace_back(name);
}

struct Placeholder {
  size_t begin = 0;  // byte offset of "{{"
  size_t end = 0;    // byte offset just past "}}"
  std::string_view name;
};

// Parses `tmpl` into its placeholders, or returns "bad_template" /
// "unknown_variable" naming every offender.
StatusOr<std::vector<Placeholder>> ParseTemplate(std::string_view tmpl) {
  std::vector<Placeholder> out;
  std::vector<std::string> syntax_errors;
  std::vector<std::string> unknown;
  auto at = [&](size_t byte) { return std::to_string(CountCodePoints(tmpl.substr(0, byte))); };
  size_t pos = 0;
  while (true) {
    size_t open = tmpl.find("{{", pos);
    if (open == std::string_view::npos) break;
    size_t close = tmpl.find("}}", open + 2);
    std::string_view inner = close == std::string_view::npos
                                 ? tmpl.substr(open + 2)
                                 : tmpl.substr(open + 2, close - open - 2);
    size_t nested = inner.find("{{");
    if (close == std::string_view::npos || nested != std::string_view::npos) {
      syntax_errors.push_back("unclosed \"{{\" at " + at(open));
      if (nested == std::string_view::npos) break;
      pos = open + 2 + nested;  // resume at the next "{{"
      continue;
    }
    std::string_view name = TrimAsciiSpaces(inner);
    if (!IsValidName(name)) {
      std::string_view raw = tmpl.substr(open, close + 2 - open);
      std::string shown(Shorten(raw, 40));
      if (shown.size() < raw.size()) shown += "...";
      syntax_errors.push_back("malformed placeholder \"" + shown + "\" at " + at(open));
    } else if (!IsKnownTemplateVariable(name)) {
      AddUnique(unknown, name);
    } else {
      out.push_back({open, close + 2, name});
    }
    pos = close + 2;
  }
  if (!syntax_errors.empty()) {
    return TemplateError("bad_template", "template syntax: " + Join(syntax_errors, "; "));
  }
  if (!unknown.empty()) {
    return TemplateError("unknown_variable", "unknown template variables: " + Join(unknown, ", "));
  }
  return out;
}

// ---- phrase folding ---------------------------------------------------------

constexpr char32_t kReplacement = 0xFFFD;

struct Decoded {
  char32_t cp;
  size_t len;
};

// Decodes the code point at `pos`; an invalid sequence decodes as one
// U+FFFD byte.
Decoded DecodeAt(std::string_view s, size_t pos) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + pos;
  size_t left = s.size() - pos;
  unsigned char c = p[0];
  if (c < 0x80) return {c, 1};
  size_t n;
  char32_t cp;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 1, cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 2, cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 3, cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return {kReplacement, 1};
  }
  if (left <= n || p[1] < lo || p[1] > hi) return {kReplacement, 1};
  for (size_t i = 1; i <= n; ++i) {
    if ((p[i] & 0xC0) != 0x80) return {kReplacement, 1};
    cp = (cp << 6) | (p[i] & 0x3F);
  }
  return {cp, n + 1};
}

char32_t FoldCodePoint(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
  if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
  return c;
}

// REQUIRES: `c` already folded.
bool IsIgnorable(char32_t c) {
  switch (c) {
    case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
    case 0x00A0: case 0x3000:                                      // spaces
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF:  // zero width
    case '.': case ',': case '-': case '_': case '*': case '~': case '|':
    case 0x00B7: case 0x3001: case 0x3002:                         // · 、 。
      return true;
    default:
      return false;
  }
}

bool IsAsciiAlnum(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

struct ByteSpan {
  size_t begin, end;
};

// Folds `s`; if `spans` is given, records the original bytes of each kept
// code point.
std::u32string Fold(std::string_view s, std::vector<ByteSpan>* spans) {
  std::u32string out;
  out.reserve(s.size());
  if (spans) spans->reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    Decoded d = DecodeAt(s, pos);
    char32_t c = FoldCodePoint(d.cp);
    if (!IsIgnorable(c)) {
      out.push_back(c);
      if (spans) spans->push_back({pos, pos + d.len});
    }
    pos += d.len;
  }
  return out;
}

// The folded code point ending just before byte `pos` (0 at the start).
char32_t FoldedBefore(std::string_view s, size_t pos) {
  if (pos == 0) return 0;
  size_t start = pos - 1;
  while (start > 0 && pos - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  Decoded d = DecodeAt(s, start);
  return start + d.len == pos ? FoldCodePoint(d.cp) : kReplacement;
}

// The folded code point starting at byte `pos` (0 at the end).
char32_t FoldedAt(std::string_view s, size_t pos) {
  return pos < s.size() ? FoldCodePoint(DecodeAt(s, pos).cp) : 0;
}

}  // namespace

// ---- templates --------------------------------------------------------------

std::span<const std::string_view> KnownTemplateVariables() { return kTemplateVariables; }

bool IsKnownTemplateVariable(std::string_view name) {
  return std::find(kTemplateVariables.begin(), kTemplateVariables.end(), name) !=
         kTemplateVariables.end();
}

Status ValidateTemplate(std::string_view tmpl) { return ParseTemplate(tmpl).status(); }

StatusOr<std::string> RenderTemplate(std::string_view tmpl, const TemplateVars& vars) {
  KEFU_ASSIGN_OR_RETURN(std::vector<Placeholder> placeholders, ParseTemplate(tmpl));
  std::vector<std::string> unavailable;
  for (const auto& ph : placeholders) {
    auto it = vars.find(ph.name);
    if (it == vars.end() || TrimSpace(it->second).empty()) AddUnique(unavailable, ph.name);
  }
  if (!unavailable.empty()) {
    return TemplateError("variable_unavailable",
                         "template variables unavailable: " + Join(unavailable, ", "));
  }
  std::string out;
  out.reserve(tmpl.size());
  size_t pos = 0;
  for (const auto& ph : placeholders) {
    out.append(tmpl.substr(pos, ph.begin - pos));
    out.append(vars.find(ph.name)->second);
    pos = ph.end;
  }
  out.append(tmpl.substr(pos));
  return out;
}

// ---- macros -----------------------------------------------------------------

StatusOr<Macro> ValidateMacro(Macro m) {
  auto trim = [](std::string_view field, std::string& value) {
    if (!IsValidUtf8(value)) return ValidationError(std::string(field) + " is not valid UTF-8");
    value = TrimSpace(value);
    return OkStatus();
  };
  KEFU_RETURN_IF_ERROR(trim("name", m.name));
  KEFU_RETURN_IF_ERROR(trim("team", m.team));
  KEFU_RETURN_IF_ERROR(trim("body", m.body));
  KEFU_RETURN_IF_ERROR(CheckText("name", m.name, 1, kMaxMacroNameChars));
  KEFU_RETURN_IF_ERROR(CheckText("team", m.team, 0, kMaxMacroTeamChars));
  KEFU_RETURN_IF_ERROR(CheckText("body", m.body, 1, kMaxMacroBodyChars));
  if (m.locale != "zh-CN" && m.locale != "en") {
    return ValidationError("locale must be \"zh-CN\" or \"en\"");
  }
  if (m.actions.status && (*m.actions.status == TicketStatus::kNew ||
                           *m.actions.status == TicketStatus::kClosed)) {
    return ValidationError("actions.status must be open, pending_customer, pending_third_party "
                           "or resolved, not " + std::string(ToString(*m.actions.status)));
  }
  KEFU_ASSIGN_OR_RETURN(m.actions.add_tags, NormalizeTags(m.actions.add_tags));
  KEFU_RETURN_IF_ERROR(ValidateTemplate(m.body));
  return m;
}

// ---- forbidden phrases ------------------------------------------------------

Status ValidatePhrase(const ForbiddenPhrase& p) {
  if (!IsValidUtf8(p.phrase)) return ValidationError("phrase is not valid UTF-8");
  if (!IsValidUtf8(p.reason)) return ValidationError("reason is not valid UTF-8");
  KEFU_RETURN_IF_ERROR(CheckText("phrase", p.phrase, 1, kMaxPhraseChars));
  KEFU_RETURN_IF_ERROR(CheckText("reason", p.reason, 0, kMaxPhraseReasonChars));
  if (Fold(p.phrase, nullptr).empty()) {
    return ValidationError("phrase must contain a character other than spaces and separators");
  }
  return OkStatus();
}

std::u32string FoldForPhraseMatch(std::string_view s) { return Fold(s, nullptr); }

std::vector<PhraseMatch> FindForbiddenPhrases(std::string_view text,
                                              std::span<const ForbiddenPhrase> phrases) {
  std::vector<ByteSpan> spans;
  const std::u32string folded = Fold(text, &spans);
  std::vector<std::pair<PhraseMatch, size_t>> found;  // match, phrase index
  for (size_t pi = 0; pi < phrases.size(); ++pi) {
    const ForbiddenPhrase& p = phrases[pi];
    const std::u32string needle = Fold(p.phrase, nullptr);
    if (needle.empty() || needle.size() > folded.size()) continue;
    const bool word_start = IsAsciiAlnum(needle.front());
    const bool word_end = IsAsciiAlnum(needle.back());
    const std::boyer_moore_horspool_searcher search(needle.begin(), needle.end());
    for (auto it = folded.begin();;) {
      auto [first, last] = search(it, folded.end());
      if (first == folded.end()) break;
      size_t begin = spans[first - folded.begin()].begin;
      size_t end = spans[last - folded.begin() - 1].end;
      if ((word_start && IsAsciiAlnum(FoldedBefore(text, begin))) ||
          (word_end && IsAsciiAlnum(FoldedAt(text, end)))) {
        it = first + 1;  // inside a longer word: not this phrase
        continue;
      }
      found.push_back({PhraseMatch{p.id, p.phrase, p.blocking, p.reason, begin, end}, pi});
      it = last;
    }
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.first.begin != b.first.begin) return a.first.begin < b.first.begin;
    if (a.first.end != b.first.end) return a.first.end > b.first.end;
    return a.second < b.second;
  });
  std::vector<PhraseMatch> out;
  out.reserve(found.size());
  for (auto& f : found) out.push_back(std::move(f.first));
  return out;
}

ReplyVerdict DecideReply(std::span<const PhraseMatch> matches, bool confirmed) {
  bool any_blocking = std::any_of(matches.begin(), matches.end(),
                                  [](const PhraseMatch& m) { return m.blocking; });
  if (any_blocking) return ReplyVerdict::kBlock;
  if (!matches.empty() && !confirmed) return ReplyVerdict::kHold;
  return ReplyVerdict::kSend;
}

std::string_view ToString(ReplyVerdict v) {
  switch (v) {
    case ReplyVerdict::kSend: return "send";
    case ReplyVerdict::kHold: return "hold";
    case ReplyVerdict::kBlock: return "block";
  }
  return "block";  // unreachable: every enumerator is handled above
}

}  // namespace kefu
