#include "core/validation.h"

#include <algorithm>

#include "common/utf8.h"
#include "core/after_sales_policy.h"
#include "core/calendar.h"
#include "core/order_money.h"

namespace kefu {
namespace {

bool StartsWithIdeographicSpace(std::string_view s) { return s.substr(0, 3) == "\xE3\x80\x80"; }
bool EndsWithIdeographicSpace(std::string_view s) {
  return s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80";
}
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Tags are one word: "vip" and "vip" with a U+200B are not two tags.
bool HasInvisibleOrComma(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t c = DecodeAt(s, &i);
    if (c == ',' || IsInvisible(c)) return true;
  }
  return false;
}

std::string Msg(std::string_view field, std::string_view what) {
  std::string m(field);
  m += " ";
  m += what;
  return m;
}

}  // namespace

std::string TrimSpace(std::string_view s) {
  for (;;) {
    if (!s.empty() && IsAsciiSpace(s.front())) {
      s.remove_prefix(1);
    } else if (StartsWithIdeographicSpace(s)) {
      s.remove_prefix(3);
    } else if (!s.empty() && IsAsciiSpace(s.back())) {
      s.remove_suffix(1);
    } else if (EndsWithIdeographicSpace(s)) {
      s.remove_suffix(3);
    } else {
      return std::string(s);
    }
  }
}

Status CheckText(std::string_view field, std::string_view value, size_t min_chars,
                 size_t max_chars) {
  std::string t = TrimSpace(value);
  size_t n = CountCodePoints(t);
  if (n < min_chars) {
    return ValidationError(min_chars == 1 ? Msg(field, "must not be empty")
                                          : Msg(field, "is too short"));
  }
  if (min_chars > 0 && IsBlankText(t)) {
    return ValidationError(
        Msg(field, "must not be empty: it holds only space or invisible characters"));
  }
  if (n > max_chars) {
    return ValidationError(Msg(field, "is longer than " + std::to_string(max_chars) + " characters"));
  }
  for (unsigned char c : value) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
      return ValidationError(Msg(field, "contains control characters"));
    }
  }
  return OkStatus();
}

Status CheckLabel(std::string_view field, std::string_view value, size_t min_chars,
                  size_t max_chars) {
  if (HasBidiControl(value)) {
    return Status(StatusCode::kValidation, "bidi_control",
                  Msg(field, "must not contain bidirectional embedding, override or isolate "
                             "controls (U+202A..U+202E, U+2066..U+2069)"));
  }
  return CheckText(field, value, min_chars, max_chars);
}

StatusOr<std::vector<std::string>> NormalizeTags(const std::vector<std::string>& tags) {
  std::vector<std::string> out;
  for (const auto& raw : tags) {
    std::string t = TrimSpace(raw);
    KEFU_RETURN_IF_ERROR(CheckLabel("tag", t, 1, kMaxTagChars));
    if (HasInvisibleOrComma(t)) {
      return ValidationError("tag must not contain white space, invisible characters or commas: " + t);
    }
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  if (out.size() > kMaxTags) {
    return ValidationError("at most " + std::to_string(kMaxTags) + " tags per ticket");
  }
  return out;
}

Status ValidateCategory(std::string_view category) {
  if (category.empty() || IsKnownCategory(category)) return OkStatus();
  return ValidationError("unknown category: " + Echo(category));
}

Status ValidateCustomer(const Customer& c) {
  KEFU_RETURN_IF_ERROR(CheckLabel("name", c.name, 1, kMaxNameChars));
  if (c.phone.size() > 32 ||
      c.phone.find_first_not_of("0123456789+- ()") != std::string::npos) {
    return ValidationError("phone may hold only digits, spaces, +, -, ( and ), at most 32");
  }
  if (!c.email.empty()) {
    auto at = c.email.find('@');
    if (c.email.size() > 254 || at == std::string::npos || at == 0 || at + 1 == c.email.size() ||
        c.email.find_first_of(" \t\r\n") != std::string::npos) {
      return ValidationError("email is not an e-mail address");
    }
  }
  return OkStatus();
}

Status ValidateCustomerProfile(const CustomerProfile& p) {
  KEFU_RETURN_IF_ERROR(CheckText("notes", p.notes, 0, 2000));
  KEFU_RETURN_IF_ERROR(CheckText("preferences", p.preferences, 0, 1000));
  if (p.dates.size() > 20) return ValidationError("important_dates holds at most 20 dates");
  for (const auto& d : p.dates) {
    KEFU_RETURN_IF_ERROR(CheckLabel("important_dates[].label", d.label, 1, 50));
    // "MM-DD" is checked in a leap year, so that 02-29 is a birthday too.
    std::string full = d.date.size() == 5 ? "2024-" + d.date : d.date;
    auto parsed = full.size() == 10 ? ParseDate(full) : std::nullopt;
    if (!parsed) {
      return ValidationError("important_dates[].date must be YYYY-MM-DD or MM-DD, not " + Echo(d.date));
    }
  }
  return OkStatus();
}

Status ValidateOrder(const Order& o) {
  if (o.items.empty()) return ValidationError("items must hold at least one item");
  if (o.items.size() > kMaxOrderItems) {
    return ValidationError("at most " + std::to_string(kMaxOrderItems) + " items per order");
  }
  for (const auto& it : o.items) {
    KEFU_RETURN_IF_ERROR(CheckText("items[].sku", it.sku, 1, 64));
    KEFU_RETURN_IF_ERROR(CheckText("items[].name", it.name, 0, 200));
    KEFU_RETURN_IF_ERROR(CheckText("items[].category", it.category, 0, 64));
    KEFU_RETURN_IF_ERROR(CheckText("items[].disclosed_defect", it.disclosed_defect, 0, 200));
    if (!it.non_returnable_ground.empty() && !ParseNonReturnableGround(it.non_returnable_ground)) {
      return ValidationError("items[].non_returnable_ground must be one of "
                             "health_or_quality_once_unsealed, value_lost_once_activated, "
                             "declared_discount_or_flaw");
    }
    if (!it.non_returnable_ground.empty() && !it.non_returnable) {
      return ValidationError("items[].non_returnable_ground needs non_returnable: true");
    }
    if (it.quantity < 1 || it.quantity > kMaxQuantity) {
      return ValidationError("items[].quantity must be between 1 and " + std::to_string(kMaxQuantity));
    }
    if (it.price_fen < 0 || it.price_fen > kMaxPriceFen) {
      return ValidationError("items[].price_fen must be between 0 and " + std::to_string(kMaxPriceFen));
    }
  }
  KEFU_RETURN_IF_ERROR(CheckText("carrier", o.carrier, 0, 64));
  KEFU_RETURN_IF_ERROR(CheckText("market", o.market, 1, 16));
  KEFU_RETURN_IF_ERROR(CheckText("tracking_number", o.tracking_number, 0, 64));
  if (o.shipped_at && (!o.paid_at || *o.shipped_at < *o.paid_at)) {
    return ValidationError("shipped_at needs paid_at and must not be before it");
  }
  if (o.delivered_at && (!o.shipped_at || *o.delivered_at < *o.shipped_at)) {
    return ValidationError("delivered_at needs shipped_at and must not be before it");
  }
  return ValidateOrderMoney(o);
}

Status ValidateLanguage(std::string_view language) {
  if (language == "zh" || language == "en") return OkStatus();
  return ValidationError("language must be \"zh\" or \"en\"");
}

Status ValidateConfigName(std::string_view field, std::string_view name) {
  bool ok = !name.empty() && name.size() <= 32 && name[0] != '-' && name[0] != '_';
  for (char ch : name) {
    ok = ok && ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_');
  }
  if (ok) return OkStatus();
  return ValidationError(std::string(field) +
                         " must be 1..32 characters of a-z, 0-9, '-' and '_', starting with a "
                         "letter or digit");
}

Status ValidateTeamName(std::string_view name) { return ValidateConfigName("team", name); }

}  // namespace kefu
